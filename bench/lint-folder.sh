#!/usr/bin/env bash
# Measures `dashboard-check lint` over folders of many dashboards, for two builds in the same run:
# BASE (a commit, default the merge base with main) and HEAD (the working tree), release builds.
#   uniform: COPIES copies of a 30-panel dashboard of the workshop's queries (as bench/checker.sh);
#   mixed:   5 x COPIES files cycling through every fixture dashboard of Tests/DashboardCheckTests
#            (rule mistakes, export shapes, exercise answers, exporter-style and MetricsQL dashboards).
# Each round runs BASE and HEAD on each folder (alternating which goes first); the table gives files
# per wall second and per CPU second (user + system) and the HEAD/BASE ratios of each round, then
# the medians over the rounds. On a shared machine the CPU ratio is the steadier of the two.
# Usage: bench/lint-folder.sh [base-commit] [copies] [rounds]
# BASE_BIN=/path/to/dashboard-check and HEAD_BIN=... use existing release binaries instead of building.
# CPUS=0 runs every lint under `taskset -c 0` (one core: steadier figures on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

base=${1:-$(git merge-base HEAD main 2>/dev/null || git rev-parse HEAD)}
copies=${2:-1000}
rounds=${3:-5}
work=$(mktemp -d /tmp/lint-folder-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ -z "${HEAD_BIN:-}" ]; then
    swift build -c release --product dashboard-check >/dev/null
    HEAD_BIN=$(swift build -c release --show-bin-path)/dashboard-check
fi
if [ -z "${BASE_BIN:-}" ]; then
    scratch=${BASE_SCRATCH:-/tmp/dashboard-check-base-$(git rev-parse --short "$base")}
    mkdir -p "$scratch/src"
    git archive "$base" | tar -x -C "$scratch/src"
    (cd "$scratch/src" && swift build -c release --product dashboard-check >/dev/null)
    BASE_BIN=$(cd "$scratch/src" && swift build -c release --show-bin-path)/dashboard-check
fi

# The uniform folder: bench/checker.sh's dashboard, 30 panels of two targets each.
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
mkdir "$work/uniform" "$work/mixed"
for i in $(seq -w 1 "$copies"); do cp "$work/dashboard.json" "$work/uniform/d-$i.json"; done

# The mixed folder: every fixture dashboard (not the malformed ones), cycled to 5 x COPIES files
# (they are small: fewer would take a tenth of a second, near the timer's resolution).
mixed=$((copies * 5))
mapfile -t fixtures < <(find "$root/Tests/DashboardCheckTests/Fixtures" -name '*.json' ! -name '.*' \
    ! -path '*/malformed/*' ! -name 'requirements.json' ! -name 'settings.json' | sort)
for i in $(seq 0 $((mixed - 1))); do
    cp "${fixtures[$((i % ${#fixtures[@]}))]}" "$work/mixed/$(printf 'd-%05d' "$i").json"
done

measure() { # prints "wall_seconds cpu_seconds" of one lint run over $2 with binary $1
    local log="$work/time.log"
    local pin=()
    [ -n "${CPUS:-}" ] && pin=(taskset -c "$CPUS")
    /usr/bin/time -f '%e %U %S' -o "$log" "${pin[@]}" "$1" lint "$2" >/dev/null 2>&1 || true
    # The last line: time writes "Command exited with non-zero status 1" first when lint finds something.
    tail -n 1 "$log" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}
rate() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "inf" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b / a }'; } # head rate / base rate = base time / head time
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Warm the page cache and both binaries once.
for folder in uniform mixed; do measure "$BASE_BIN" "$work/$folder" >/dev/null; measure "$HEAD_BIN" "$work/$folder" >/dev/null; done

printf 'base %s (%s), head %s; uniform %s files, mixed %s files, %s rounds, cores %s; load average before: %s\n' \
    "$(git rev-parse --short "$base")" "$BASE_BIN" "$(git rev-parse --short HEAD)+worktree" "$copies" "$mixed" "$rounds" \
    "${CPUS:-all}" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
# The machine may be shared: rates per wall second and per CPU second (user + system, all threads);
# the ratios compare head with base within the same round.
row() { printf '%-8s %-6s %12s %12s %14s %14s %10s %10s\n' "$@"; }
row "folder" "round" "base files/s" "head files/s" "base files/cpu-s" "head files/cpu-s" "wall h/b" "cpu h/b"
for folder in uniform mixed; do
    files=$copies
    [ "$folder" = mixed ] && files=$mixed
    for kind in bw hw bc hc rw rc; do : >"$work/$folder.$kind"; done
    for round in $(seq 1 "$rounds"); do
        if [ $((round % 2)) -eq 1 ]; then
            read -r bw bc < <(measure "$BASE_BIN" "$work/$folder")
            read -r hw hc < <(measure "$HEAD_BIN" "$work/$folder")
        else
            read -r hw hc < <(measure "$HEAD_BIN" "$work/$folder")
            read -r bw bc < <(measure "$BASE_BIN" "$work/$folder")
        fi
        rate "$files" "$bw" >>"$work/$folder.bw"; echo >>"$work/$folder.bw"
        rate "$files" "$hw" >>"$work/$folder.hw"; echo >>"$work/$folder.hw"
        rate "$files" "$bc" >>"$work/$folder.bc"; echo >>"$work/$folder.bc"
        rate "$files" "$hc" >>"$work/$folder.hc"; echo >>"$work/$folder.hc"
        ratio "$hw" "$bw" >>"$work/$folder.rw"; echo >>"$work/$folder.rw"
        ratio "$hc" "$bc" >>"$work/$folder.rc"; echo >>"$work/$folder.rc"
        row "$folder" "$round" "$(rate "$files" "$bw")" "$(rate "$files" "$hw")" "$(rate "$files" "$bc")" \
            "$(rate "$files" "$hc")" "$(ratio "$hw" "$bw")" "$(ratio "$hc" "$bc")"
    done
    row "$folder" "median" "$(grep . "$work/$folder.bw" | median)" "$(grep . "$work/$folder.hw" | median)" \
        "$(grep . "$work/$folder.bc" | median)" "$(grep . "$work/$folder.hc" | median)" \
        "$(grep . "$work/$folder.rw" | median)" "$(grep . "$work/$folder.rc" | median)"
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
