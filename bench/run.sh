#!/usr/bin/env bash
# Survey-scale benchmark: prints one table (FinkTom in process, over HTTP, and PostgreSQL + q3c on the same data),
# ZTF rows and Rubin/LSST rows (N alerts each).
#   bench/run.sh --quick          N = 100,000 alerts, a few minutes
#   bench/run.sh --n 1000000      1 M alerts;  --n 10000000 for 10 M (about 30 GB of disk, an hour or more)
# Other options: --survey ztf|lsst|both (default both), --avro N (alerts timed through Avro files), --seed S,
#                --work-dir DIR, --skip-postgres, --repetitions R, --load-seconds S, --only ingest (the ingest rows
#                alone), --write-cache-mib M.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

if [[ " $* " != *" --skip-postgres "* ]] && ! [ -f /usr/share/postgresql/15/extension/q3c.control ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-15-q3c >/dev/null
  else
    echo "PostgreSQL 15 + q3c missing: sudo apt-get install postgresql-15 postgresql-15-q3c, or pass --skip-postgres" >&2
    exit 1
  fi
fi

dotnet publish "$repo/src/FinkTom.Server" -c Release -o "$repo/bench/out/server" --nologo -v quiet
dotnet build "$repo/bench/FinkTom.Bench" -c Release -o "$repo/bench/out/bench" --nologo -v quiet
exec "$repo/bench/out/bench/finktom-bench" --repo "$repo" --server "$repo/bench/out/server/finktom" "$@"
