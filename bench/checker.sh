#!/usr/bin/env bash
# Measures dashboard-check on a release build:
#   1. `lint` over a directory of 200 copies of a 30-panel dashboard (goal: under one second);
#   2. PromQL parse throughput through `promql --file` over typical dashboard expressions
#      (goal: at least 200,000 expressions per second on one core).
# Prints a table. Usage: bench/checker.sh [copies] [expression-lines]
set -euo pipefail
cd "$(dirname "$0")/.."

copies=${1:-200}
lines=${2:-400000}
work=$(mktemp -d /tmp/checker-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product dashboard-check >/dev/null
bin=$(swift build -c release --show-bin-path)/dashboard-check

# Typical dashboard expressions (the workshop's metrics, Grafana variables included).
expressions=(
    'sum by (status) (rate(http_requests_total{job=\"$job\"}[$__rate_interval]))'
    'histogram_quantile(0.95, sum by (le, handler) (rate(http_request_duration_seconds_bucket{job=\"$job\"}[$__rate_interval])))'
    'sum(rate(http_requests_total{status=~\"5..\"}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))'
    'rate(redis_app_cache_miss_total[$__rate_interval])'
    'sum(rate(redis_app_cache_hit_total[$__rate_interval])) / (sum(rate(redis_app_cache_hit_total[$__rate_interval])) + sum(rate(redis_app_cache_miss_total[$__rate_interval])))'
    'http_requests_in_progress{job=\"$job\"}'
    'process_resident_memory_bytes{job=\"$job\"}'
    'rate(process_cpu_seconds_total{job=\"$job\"}[$__rate_interval])'
    'histogram_quantile(0.99, sum by (le, command) (rate(redis_app_redis_command_duration_seconds_bucket[$__rate_interval])))'
    'sum by (command, kind) (increase(redis_app_redis_errors_total[$__range]))'
)

# One dashboard of 30 panels, two targets each, cycling through the expressions.
{
    printf '{\n  "title": "Bench", "uid": "bench", "schemaVersion": 39,\n'
    printf '  "templating": {"list": [{"name": "job", "type": "query", "datasource": {"type": "prometheus", "uid": "p"},'
    printf ' "query": "label_values(up, job)", "current": {"text": "app", "value": "app"}}]},\n'
    printf '  "panels": [\n'
    for panel in $(seq 0 29); do
        a=${expressions[$((panel % 10))]}
        b=${expressions[$(((panel + 3) % 10))]}
        [ "$panel" -gt 0 ] && printf ',\n'
        printf '    {"id": %d, "type": "timeseries", "title": "Panel %d", "datasource": {"type": "prometheus", "uid": "p"},' "$((panel + 1))" "$panel"
        printf ' "gridPos": {"h": 8, "w": 12, "x": 0, "y": %d},' "$((panel * 8))"
        printf ' "targets": [{"refId": "A", "expr": "%s"}, {"refId": "B", "expr": "%s"}]}' "$a" "$b"
    done
    printf '\n  ]\n}\n'
} >"$work/dashboard.json"
mkdir "$work/class"
for i in $(seq -w 1 "$copies"); do cp "$work/dashboard.json" "$work/class/student-$i.json"; done

measure() { # prints "wall_seconds max_rss_kb exit_status"
    local log="$work/time.log"
    set +e
    /usr/bin/time -v "$@" >/dev/null 2>"$log"
    local status=$?
    set -e
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    echo "$wall $rss $status"
}

read -r lint_wall lint_rss lint_status < <(measure "$bin" lint "$work/class")
lint_rate=$(awk -v n="$copies" -v t="$lint_wall" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "inf" }')

# The expressions with variables expanded (the promql subcommand reads plain PromQL), repeated.
for e in "${expressions[@]}"; do
    printf '%s\n' "$e" | sed -e 's/\\"/"/g' -e 's/\$__rate_interval/1m/g' -e 's/\$__range/6h/g' -e 's/\$job/app/g'
done >"$work/ten.txt"
reps=$(((lines + 9) / 10))
for _ in $(seq 1 "$reps"); do cat "$work/ten.txt"; done >"$work/exprs.txt"
count=$(wc -l <"$work/exprs.txt")

read -r json_wall json_rss json_status < <(measure taskset -c 0 "$bin" promql --file "$work/exprs.txt" --format json)
read -r parse_wall parse_rss parse_status < <(measure taskset -c 0 "$bin" promql --file "$work/exprs.txt" --format json --count-only)
json_rate=$(awk -v n="$count" -v t="$json_wall" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "inf" }')
parse_rate=$(awk -v n="$count" -v t="$parse_wall" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "inf" }')

printf '%-58s %12s %12s %12s %6s\n' "measurement" "wall (s)" "rate (/s)" "peak RSS" "exit"
printf '%-58s %12s %12s %12s %6s\n' "lint: $copies dashboards x 30 panels x 2 targets" "$lint_wall" "$lint_rate files" "${lint_rss} KB" "$lint_status"
printf '%-58s %12s %12s %12s %6s\n' "promql --format json: $count expressions, one core" "$json_wall" "$json_rate" "${json_rss} KB" "$json_status"
printf '%-58s %12s %12s %12s %6s\n' "promql --count-only: $count expressions, one core" "$parse_wall" "$parse_rate" "${parse_rss} KB" "$parse_status"
