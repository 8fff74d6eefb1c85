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
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
