#!/usr/bin/env bash
# How close loadgen's achieved rate comes to its target (goal: within 2% at --rate 2000).
#
#   bench/loadgen-rate.sh                    # against a Prometheus started here (a fast Go HTTP server)
#   TARGET_URL=http://127.0.0.1:9000 bench/loadgen-rate.sh    # against a running app instead
#   RATE=2000 DURATION=30s ROUNDS=3 bench/loadgen-rate.sh
#
# Prints one row per round: target and achieved rate, their ratio, dropped requests, p50/p99.
# The target server only has to keep up: Prometheus answers 404 for the items paths, which is fine
# for measuring the generator itself.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE="${RATE:-2000}"
DURATION="${DURATION:-30s}"
ROUNDS="${ROUNDS:-3}"
CONCURRENCY="${CONCURRENCY:-64}"

swift build -c release --product loadgen >&2
LOADGEN="$(swift build -c release --show-bin-path)/loadgen"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

url="${TARGET_URL:-}"
if [ -z "$url" ]; then
    command -v prometheus >/dev/null || { echo "prometheus is missing: ./scripts/install-deps" >&2; exit 2; }
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    printf 'global:\n  scrape_interval: 1m\n' > "$work/prometheus.yml"
    prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
        --web.listen-address="127.0.0.1:$port" > "$work/prometheus.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break
        sleep 0.1
    done
    url="http://127.0.0.1:$port"
fi

echo "loadgen against $url, ${DURATION} per round, concurrency ${CONCURRENCY}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %10s %10s %8s %9s %10s %10s\n' round target achieved ratio dropped p50_ms p99_ms
for round in $(seq 1 "$ROUNDS"); do
    "$LOADGEN" --url "$url" --duration "$DURATION" --rate "$RATE" --concurrency "$CONCURRENCY" \
        --format json > "$work/round.json" || true
    python3 - "$work/round.json" "$round" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<6} {report['rate']:>10.1f} {report['achievedRate']:>10.1f} "
      f"{report['achievedRate'] / report['rate']:>8.4f} {report['dropped']:>9} "
      f"{report['latency']['p50'] * 1000:>10.2f} {report['latency']['p99'] * 1000:>10.2f}")
PY
done
