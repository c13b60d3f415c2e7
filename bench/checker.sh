#!/usr/bin/env bash
# Measures dashboard-check on a release build:
#   1. `lint` over a directory of 200 copies of a 30-panel dashboard (goal: under one second);
#   2. PromQL parse throughput through `promql --file` over typical dashboard expressions
#      (goal: at least 200,000 expressions per second on one core).
# Prints a table. Usage: bench/checker.sh [copies] [expression-lines]
# DASHBOARD_CHECK=/path/to/dashboard-check uses an existing release binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."

copies=${1:-200}
lines=${2:-400000}
work=$(mktemp -d /tmp/checker-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -n "${DASHBOARD_CHECK:-}" ]; then
    bin=$DASHBOARD_CHECK
else
    swift build -c release --product dashboard-check >/dev/null
    bin=$(swift build -c release --show-bin-path)/dashboard-check
fi

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

measure() { # prints "wall_seconds cpu_seconds max_rss_kb exit_status"
    local log="$work/time.log"
    set +e
    /usr/bin/time -v "$@" >/dev/null 2>"$log"
    local status=$?
    set -e
    local wall cpu rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    echo "$wall $cpu $rss $status"
}

rate() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "inf" }'; }

read -r lint_wall lint_cpu lint_rss lint_status < <(measure "$bin" lint "$work/class")

# The expressions with variables expanded (the promql subcommand reads plain PromQL), repeated.
for e in "${expressions[@]}"; do
    printf '%s\n' "$e" | sed -e 's/\\"/"/g' -e 's/\$__rate_interval/1m/g' -e 's/\$__range/6h/g' -e 's/\$job/app/g'
done >"$work/ten.txt"
reps=$(((lines + 9) / 10))
awk -v reps="$reps" '{ line[NR] = $0 } END { for (r = 0; r < reps; r++) for (i = 1; i <= NR; i++) print line[i] }' \
    "$work/ten.txt" >"$work/exprs.txt"
count=$(wc -l <"$work/exprs.txt")

read -r json_wall json_cpu json_rss json_status < <(measure taskset -c 0 "$bin" promql --file "$work/exprs.txt" --format json)
read -r parse_wall parse_cpu parse_rss parse_status < <(measure taskset -c 0 "$bin" promql --file "$work/exprs.txt" --count-only)

# The machine may be shared: rates are given per wall second and per CPU second.
row() { printf '%-52s %9s %9s %14s %14s %11s %5s\n' "$@"; }
row "measurement" "wall (s)" "cpu (s)" "per wall s" "per cpu s" "peak RSS" "exit"
row "lint: $copies dashboards x 30 panels x 2 targets" "$lint_wall" "$lint_cpu" "$(rate "$copies" "$lint_wall") files" \
    "$(rate "$copies" "$lint_cpu") files" "${lint_rss} KB" "$lint_status"
row "promql --format json: $count expressions, 1 core" "$json_wall" "$json_cpu" "$(rate "$count" "$json_wall")" \
    "$(rate "$count" "$json_cpu")" "${json_rss} KB" "$json_status"
row "promql --count-only: $count expressions, 1 core" "$parse_wall" "$parse_cpu" "$(rate "$count" "$parse_wall")" \
    "$(rate "$count" "$parse_cpu")" "${parse_rss} KB" "$parse_status"
