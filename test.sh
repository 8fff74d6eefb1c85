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
# Failed tests again at the very end, so that a log cut to its last lines still names them.
failures=$(grep -E -A4 "^failed " "$log" | grep -v -E "^\s+from " | cut -c1-300 || true)
rm -f "$log"

# The TOM adapter (tom-adapter/): pytest with Debian's python3 (python3-pytest, -requests, -django; see .ci/run),
# against a real finktom started from the build above.
PYTHON=/usr/bin/python3; [ -x "$PYTHON" ] || PYTHON=python3
if "$PYTHON" -c 'import pytest, requests' 2>/dev/null; then
  py_log=$(mktemp)
  (cd tom-adapter && "$PYTHON" -m pytest -q -rfEs -p no:cacheprovider) 2>&1 | tee "$py_log"
  py_status=${PIPESTATUS[0]}
  failures+=$'\n'$(grep -E "^(FAILED|ERROR) " "$py_log" | sed 's/^/tom-adapter: /' || true)
  py_count() { tail -n 3 "$py_log" | grep -oE "[0-9]+ $1" | awk '{ n += $1 } END { print n + 0 }'; }
  passed=$((passed + $(py_count passed))); skipped=$((skipped + $(py_count skipped)))
  failed=$((failed + $(py_count failed) + $(py_count error)))
  rm -f "$py_log"
  # pytest: 0 all passed, 5 no test collected (a broken suite here); anything else is a failure.
  if [ "$py_status" -ne 0 ] && [ "$status" -eq 0 ]; then status=$py_status; fi
elif [ -n "${CI:-}" ]; then
  echo "tom-adapter tests need python3-pytest and python3-requests (apt-get install, see .ci/run)" >&2; failed=$((failed + 1)); status=1
else
  echo "Skipping the tom-adapter tests: apt-get install python3-pytest python3-requests python3-django to run them." >&2
fi
# The Science Portal's JavaScript unit tests (Vitest; node_modules comes from the build's npm ci). Without Node.js the
# build skipped the portal: skip these too (CI installs Node.js, so there a missing suite is a failure).
if [ -x src/FinkTom.Portal/node_modules/.bin/vitest ] && command -v node >/dev/null 2>&1; then
  portal_json=$(mktemp --suffix=.json)
  (cd src/FinkTom.Portal && npx --no-install vitest run --reporter=default --reporter=json --outputFile="$portal_json")
  portal_status=$?
  if [ -s "$portal_json" ]; then
    read -r pp pf ps < <(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests, r.numPendingTests + r.numTodoTests)' "$portal_json")
    passed=$((passed + pp)); failed=$((failed + pf)); skipped=$((skipped + ps))
  elif [ "$portal_status" -ne 0 ]; then failed=$((failed + 1)); fi
  rm -f "$portal_json"
  if [ "$status" -eq 0 ]; then status=$portal_status; fi
elif [ -n "${CI:-}" ]; then
  echo "portal unit tests need Node.js and npm (see .ci/run)" >&2; failed=$((failed + 1)); status=1
else
  echo "Skipping the portal's unit tests: install Node.js 20+ and npm to build and test the portal." >&2
fi
echo
failures=$(printf "%s\n" "$failures" | sed "/^$/d")
if [ -n "$failures" ]; then echo "Failed:"; echo "$failures"; echo; fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
