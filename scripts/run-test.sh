#!/usr/bin/env bash
# Traffic for the workshop dashboard: loadgen with the workshop's defaults.
#
#   ./scripts/run-test.sh                         # the reference app's three instances (:9000, :9002,
#                                                 # :9003), 50 req/s in all for 60 s, spread in turn
#   ./scripts/run-test.sh http://localhost:9001   # your own app (workshop-app in compose)
#   DURATION=5m RATE=100 ./scripts/run-test.sh    # longer, faster
#   ERRORS=1 ./scripts/run-test.sh                # with bursts of failing requests
#
# Extra arguments after the URL go to loadgen as they are (see `swift run loadgen --help`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
    urls=("$1")
    shift
elif [ -n "${URL:-}" ]; then
    urls=("$URL")
else
    urls=(http://localhost:9000 http://localhost:9002 http://localhost:9003)
fi
DURATION="${DURATION:-60s}"
RATE="${RATE:-50}"
CONCURRENCY="${CONCURRENCY:-32}"

args=(--duration "$DURATION" --rate "$RATE" --concurrency "$CONCURRENCY")
for url in "${urls[@]}"; do
    args+=(--url "$url")
done
if [ -n "${ERRORS:-}" ]; then
    args+=(--errors)
fi

exec swift run -c release loadgen "${args[@]}" "$@"
