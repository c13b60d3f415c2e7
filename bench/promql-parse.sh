#!/usr/bin/env bash
# Measures the PromQL parser alone on a release build, in one thread pinned to one core: lexing, parsing,
# and parsing with type checking, over typical dashboard expressions (goal: at least 200,000 per second
# on one core), the valid expressions of the case table, and the workshop's dashboard.
# Prints a table (rates per CPU second and per wall second; the machine may be shared). "lex only" runs the
# public `Lexer.next()`, which copies each token's text into a String; the parser reads tokens without text.
#
# Usage: bench/promql-parse.sh [expressions-per-row]   (default 500000)
# Builds into .build-release (BENCH_SCRATCH_PATH overrides), like bench/run.sh.
set -euo pipefail
# The benchmark executables are declared only for maintainers (see Package.swift).
export INFRAOBS_MAINTAINER=1
cd "$(dirname "$0")/.."

count=${1:-500000}
scratch="${BENCH_SCRATCH_PATH:-.build-release}"
swift build -c release --scratch-path "$scratch" --product promql-bench >&2
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/promql-bench"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" "$bin" --count "$count" \
    --cases Tests/PromQLTests/Cases/cases.json \
    --dashboard Solutions/dashboards/workshop.json
