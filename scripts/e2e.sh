#!/usr/bin/env bash
# The stack without Docker, end to end: redis-server, instrumented-app and a real Prometheus on free
# loopback ports (same jobs and rules as configs/prometheus, targets rewritten to loopback, scraping
# and evaluating every second), 15 s of loadgen, then `dashboard-check lint` in live mode on the
# workshop dashboard and a query of every recording rule. Stops only the processes it started.
#
#   scripts/e2e.sh                 # builds what it needs (debug), prints the wall time at the end
#   LOAD_SECONDS=30 scripts/e2e.sh
set -euo pipefail
cd "$(dirname "$0")/.."

started_at=$(date +%s.%N)
LOAD_SECONDS="${LOAD_SECONDS:-15}"

for tool in redis-server prometheus curl python3; do
    command -v "$tool" >/dev/null || { echo "e2e: $tool is missing: ./scripts/install-deps" >&2; exit 2; }
done

swift build --product instrumented-app >&2
swift build --product loadgen >&2
swift build --product dashboard-check >&2
bin="$(swift build --show-bin-path)"

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for() { # URL-or-port, name
    for _ in $(seq 1 200); do
        if [[ "$1" == http* ]]; then curl -sf "$1" >/dev/null 2>&1 && return 0
        else (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; fi
        sleep 0.1
    done
    echo "e2e: $2 did not come up; its log:" >&2
    cat "$work/$2.log" >&2 || true
    exit 1
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$work/redis.log" 2>&1 &
pids+=($!)
wait_for "$redis_port" redis

app_port=$(free_port)
HTTP_HOST=127.0.0.1 HTTP_PORT="$app_port" REDIS_HOST=127.0.0.1 REDIS_PORT="$redis_port" \
    "$bin/instrumented-app" > "$work/app.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$app_port/" app

# The workshop's Prometheus configuration, pointed at loopback and sped up for a short run.
mkdir -p "$work/prometheus"
cp -r configs/prometheus/rules "$work/prometheus/rules"
# One instance of the reference app here: the compose stack's two others are left out.
sed -e 's/, "instrumented-app-2:9000", "instrumented-app-3:9000"//' \
    -e "s/instrumented-app:9000/127.0.0.1:$app_port/" \
    -e "s/workshop-app:9000/127.0.0.1:$(free_port)/" \
    -e 's/scrape_interval: 5s/scrape_interval: 1s/' \
    -e 's/scrape_timeout: 4s/scrape_timeout: 900ms/' \
    -e 's/evaluation_interval: 5s/evaluation_interval: 1s/' \
    configs/prometheus/prometheus.yml > "$work/prometheus/prometheus.yml"
sed -i 's/interval: 5s/interval: 1s/' "$work/prometheus/rules/red.yml"
prom_port=$(free_port)
prometheus --config.file="$work/prometheus/prometheus.yml" --storage.tsdb.path="$work/prometheus/data" \
    --web.listen-address="127.0.0.1:$prom_port" > "$work/prometheus.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$prom_port/-/ready" prometheus

"$bin/loadgen" --url "http://127.0.0.1:$app_port" --duration "${LOAD_SECONDS}s" --rate 50 --format json \
    > "$work/loadgen.json"
python3 - "$work/loadgen.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"loadgen: sent {r['sent']}, answered {r['completed']}, errors {r['errors']}, "
      f"p95 {r['latency']['p95'] * 1000:.1f} ms")
PY
sleep 2 # one more scrape and rule evaluation after the last request

status=0
"$bin/dashboard-check" lint --prometheus "http://127.0.0.1:$prom_port" \
    --metrics "http://127.0.0.1:$app_port/metrics" configs/grafana/dashboards/workshop.json || status=1

for rule in $(grep -o 'record: [^ ]*' configs/prometheus/rules/*.yml | awk '{print $2}'); do
    count=$(curl -sf --data-urlencode "query=${rule}{job=\"instrumented-app\"}" \
        "http://127.0.0.1:$prom_port/api/v1/query" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))')
    echo "rule $rule: $count series"
    [ "$count" -gt 0 ] || status=1
done

echo "e2e wall time: $(python3 -c "print(round($(date +%s.%N) - $started_at, 1))") s"
exit $status
