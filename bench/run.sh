#!/usr/bin/env bash
# Benchmarks the apps side by side with the Flask originals, the Go peer and this machine's ceilings,
# in one run.
#
# Usage: bench/run.sh [--quick] [--peer DIR] [more options of bench/bench.py, e.g. --rounds 5 --duration 10]
#
#   --quick     one short round (2 s per cell), report in bench/out/RESULTS-quick.md
#   --peer DIR  the Flask originals, and the Go peer in DIR/go (default ../shared/peer, next to this checkout)
#
#   BENCH_DURATION=S  seconds per wrk run (default 6); BENCH_ROUNDS=N  rounds (default 3). With both
#                     small (BENCH_DURATION=2 BENCH_ROUNDS=1) the whole script runs in a few minutes and
#                     still writes bench/RESULTS.md: a check of the script, not a measurement.
#
# Builds the apps in release mode into .build-release (a scratch path of its own, so a benchmark
# never waits for the lock of a debug build or a test run in .build), then runs bench/bench.py,
# which starts redis-server, nginx, the apps, the Go peer and the Flask apps on free loopback ports,
# measures them with wrk and redis-benchmark, and writes bench/RESULTS.md (the full run) itself.
# Needs: swift, wrk, nginx, redis-server, redis-tools, python3 (scripts/install-deps installs the
# Debian ones); for the Flask rows the Python packages of bench/requirements.txt, which this script
# installs with pip when they are missing; for the Go rows Debian's golang-go and the Go peer's
# libraries (GO_PACKAGES below), which it installs with apt-get when they are missing and it runs as
# root. The Go programs build offline from those packages (GOPATH=/usr/share/gocode, no modules):
# DIR/go (the peer: net/http, redigo, client_golang) and bench/go-hello (net/http alone).
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmark executables (hummingbird-hello, scrape-bench, ...) are maintainer products: the manifest
# declares them only when this is 1.
export INFRAOBS_MAINTAINER=1

peer="../shared/peer"
previous=""
for argument in "$@"; do
    [ "$previous" = "--peer" ] && peer="$argument"
    case "$argument" in --peer=*) peer="${argument#--peer=}" ;; esac
    previous="$argument"
done

if ! python3 -c 'import flask, redis, prometheus_client' 2>/dev/null || ! command -v gunicorn >/dev/null; then
    echo "bench: installing the Flask apps' packages (bench/requirements.txt) with pip" >&2
    # A Debian python3 refuses system-wide installs (PEP 668) unless told this is intended.
    python3 -m pip install --quiet -r bench/requirements.txt \
        || python3 -m pip install --quiet --break-system-packages -r bench/requirements.txt \
        || echo "bench: pip could not install bench/requirements.txt; the Flask rows will be missing" >&2
fi

scratch="${BENCH_SCRATCH_PATH:-.build-release}"

GO_PACKAGES=(golang-go golang-github-prometheus-client-golang-dev golang-github-gomodule-redigo-dev)
missing=()
for package in "${GO_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "bench: installing the Go peer's Debian packages: ${missing[*]}" >&2
        apt-get install -y "${missing[@]}" >&2 \
            || echo "bench: apt-get could not install ${missing[*]}; the Go rows will be missing" >&2
    else
        echo "bench: missing ${missing[*]} (apt-get install them as root); the Go rows will be missing" >&2
    fi
fi
go_dir="$scratch/go"
mkdir -p "$go_dir"
go_dir="$(cd "$go_dir" && pwd)"
go_build() { # $1: output name, $2: source directory
    (cd "$2" && GO111MODULE=off GOPATH=/usr/share/gocode go build -o "$go_dir/$1" .) >&2 \
        || { echo "bench: cannot build $1 from $2; its rows will be missing" >&2; rm -f "$go_dir/$1"; }
}
if command -v go >/dev/null; then
    if [ -f "$peer/go/main.go" ]; then
        go_build go-peer "$peer/go"
    else
        echo "bench: $peer/go/main.go is missing (pass --peer DIR); the Go peer's rows will be missing" >&2
    fi
    go_build go-hello bench/go-hello
fi
echo "bench: load average before building: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
start=$(date +%s)
# Only the products measured (the whole package would also build the test helpers and their TLS stack).
for product in hummingbird-hello simple-app redis-app instrumented-app dashboard-check scrape-bench; do
    swift build -c release --scratch-path "$scratch" --product "$product" >&2
done
bin_dir="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
build_line="swift build -c release --scratch-path $scratch --product <each> ($(($(date +%s) - start)) s, $(swift --version 2>&1 | head -n 1))"
if command -v go >/dev/null; then
    build_line="$build_line; GO111MODULE=off GOPATH=/usr/share/gocode go build of $peer/go and bench/go-hello ($(go version))"
fi

exec python3 bench/bench.py --bin-dir "$bin_dir" --go-dir "$go_dir" --build-line "$build_line" "$@"
