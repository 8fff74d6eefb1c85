#!/usr/bin/env bash
# Runs every FinkTom test suite and ends with one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
dotnet test FinkTom.sln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 31, Skipped: 0, Total: 31").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!  - Failed:' "$log" | awk -F'[:,]' \
  '{ f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
rm -f "$log"
echo
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "${passed:-0}" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
