#!/usr/bin/env bash
# Runs every FinkTom test suite and ends with one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
dotnet test --solution FinkTom.sln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform's summary: "succeeded: N", "failed: N", "skipped: N" (summed over test runs).
count() { grep -E "^\s+$1: [0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(count succeeded); failed=$(count failed); skipped=$(count skipped)
rm -f "$log"

# The Science Portal's JavaScript unit tests (Vitest; node_modules comes from the build's npm ci).
portal_json=$(mktemp --suffix=.json)
(cd src/FinkTom.Portal && npx --no-install vitest run --reporter=default --reporter=json --outputFile="$portal_json")
portal_status=$?
if [ -s "$portal_json" ]; then
  read -r pp pf ps < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests)' "$portal_json")
  passed=$((passed + pp)); failed=$((failed + pf)); skipped=$((skipped + ps))
elif [ "$portal_status" -ne 0 ]; then failed=$((failed + 1)); fi
rm -f "$portal_json"
if [ "$status" -eq 0 ]; then status=$portal_status; fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
