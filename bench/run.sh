#!/usr/bin/env bash
# Benchmarks the apps side by side with the Flask originals and this machine's ceilings, in one run.
#
# Usage: bench/run.sh [--quick] [--peer DIR] [more options of bench/bench.py, e.g. --rounds 5 --duration 10]
#
#   --quick     one short round (2 s per cell), report in bench/out/RESULTS-quick.md
#   --peer DIR  the Flask originals (default ../shared/peer, next to this checkout)
#
#   BENCH_DURATION=S  seconds per wrk run (default 6); BENCH_ROUNDS=N  rounds (default 3). With both
#                     small (BENCH_DURATION=2 BENCH_ROUNDS=1) the whole script runs in a few minutes and
#                     still writes bench/RESULTS.md: a check of the script, not a measurement.
#
# Builds the apps in release mode into .build-release (a scratch path of its own, so a benchmark
# never waits for the lock of a debug build or a test run in .build), then runs bench/bench.py,
# which starts redis-server, nginx, the apps and the Flask apps on free loopback ports, measures
# them with wrk and redis-benchmark, and writes bench/RESULTS.md (the full run) itself.
# Needs: swift, wrk, nginx, redis-server, redis-tools, python3 (scripts/install-deps installs the
# Debian ones), and for the Flask rows the Python packages of bench/requirements.txt, which this
# script installs with pip when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import flask, redis, prometheus_client' 2>/dev/null || ! command -v gunicorn >/dev/null; then
    echo "bench: installing the Flask apps' packages (bench/requirements.txt) with pip" >&2
    # A Debian python3 refuses system-wide installs (PEP 668) unless told this is intended.
    python3 -m pip install --quiet -r bench/requirements.txt \
        || python3 -m pip install --quiet --break-system-packages -r bench/requirements.txt \
        || echo "bench: pip could not install bench/requirements.txt; the Flask rows will be missing" >&2
fi

scratch="${BENCH_SCRATCH_PATH:-.build-release}"
echo "bench: load average before building: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
start=$(date +%s)
# Only the products measured (the whole package would also build the test helpers and their TLS stack).
for product in hummingbird-hello simple-app redis-app instrumented-app dashboard-check scrape-bench; do
    swift build -c release --scratch-path "$scratch" --product "$product" >&2
done
bin_dir="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
build_line="swift build -c release --scratch-path $scratch --product <each> ($(($(date +%s) - start)) s, $(swift --version 2>&1 | head -n 1))"

exec python3 bench/bench.py --bin-dir "$bin_dir" --build-line "$build_line" "$@"
