#!/usr/bin/env bash
# Traffic for the workshop dashboard: loadgen with the workshop's defaults.
#
#   ./scripts/run-test.sh                         # the reference app on :9000, 50 req/s for 60 s
#   ./scripts/run-test.sh http://localhost:9001   # your own app (workshop-app in compose)
#   DURATION=5m RATE=100 ./scripts/run-test.sh    # longer, faster
#   ERRORS=1 ./scripts/run-test.sh                # with bursts of failing requests
#
# Extra arguments after the URL go to loadgen as they are (see `swift run loadgen --help`).
set -euo pipefail
cd "$(dirname "$0")/.."

URL="${1:-${URL:-http://localhost:9000}}"
shift $(( $# > 0 ? 1 : 0 ))
DURATION="${DURATION:-60s}"
RATE="${RATE:-50}"
CONCURRENCY="${CONCURRENCY:-32}"

args=(--url "$URL" --duration "$DURATION" --rate "$RATE" --concurrency "$CONCURRENCY")
if [ -n "${ERRORS:-}" ]; then
    args+=(--errors)
fi

exec swift run -c release loadgen "${args[@]}" "$@"
