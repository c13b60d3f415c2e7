#!/usr/bin/env bash
# Soak: loadgen against instrumented-app for a long run, sampling the app's RSS and open file
# descriptors every 10 s; prints a table and whether both stayed flat (every sample after the
# warm-up within 10 % of the first sample after it).
#
# loadgen opens connections as it needs them, up to its concurrency: a slow moment makes it open
# more, and the app then holds one descriptor per client connection. Those are not leaks, so the
# flatness of descriptors is judged on the app's other descriptors (all open descriptors minus those
# that are its ESTABLISHED connections on the app's port, read from /proc/net/tcp); the table shows
# both, and the client connections must stay within loadgen's concurrency.
#
# Usage: bench/soak.sh [MINUTES] [RATE]     (default 10 minutes at 400 requests/s, concurrency 64)
#   SOAK_WARMUP_SECONDS  warm-up excluded from the flatness check (default 60, or a tenth of a short run)
#   SOAK_INTERVAL        seconds between samples (default 10)
#   SOAK_BIN_DIR         use the instrumented-app and loadgen in this folder instead of building them
#   SOAK_APP_ENV         extra VARIABLE=VALUE words for the app (bench/trace-soak sets an unreachable
#                        OTEL_EXPORTER_OTLP_ENDPOINT); the app's dropped-span counter is printed at the end
#
# Builds in release mode into .build-release (as bench/run.sh), starts its own redis-server and the
# app on free loopback ports, and stops only those processes, by PID. Exit 0 when both stayed flat,
# 1 when one did not, 2 when the run could not be made.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-10}"
rate="${2:-400}"
interval="${SOAK_INTERVAL:-10}"
concurrency=64
case "$minutes" in '' | *[!0-9]*) echo "soak: MINUTES must be a whole number" >&2; exit 2 ;; esac
total=$((minutes * 60))
warmup="${SOAK_WARMUP_SECONDS:-$((total >= 600 ? 60 : total / 10))}"
for tool in redis-server redis-cli curl; do
    command -v "$tool" >/dev/null || { echo "soak: $tool is missing (scripts/install-deps installs it)" >&2; exit 2; }
done

if [ -n "${SOAK_BIN_DIR:-}" ]; then
    bin="$SOAK_BIN_DIR" # prebuilt instrumented-app and loadgen, e.g. while a release build is busy
else
    scratch="${BENCH_SCRATCH_PATH:-.build-release}"
    swift build -c release --scratch-path "$scratch" --product instrumented-app >&2
    swift build -c release --scratch-path "$scratch" --product loadgen >&2
    bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work="$(mktemp -d -t infraobs-soak-XXXXXX)"
redis_pid="" app_pid="" load_pid=""
stop() { # stop PID: TERM, up to 5 s, then KILL
    [ -n "$1" ] || return 0
    kill -TERM "$1" 2>/dev/null || return 0
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
    stop "$load_pid"
    stop "$app_pid"
    stop "$redis_pid"
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$work" \
    --logfile "$work/redis.log" &
redis_pid=$!
for _ in $(seq 1 100); do [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done

app_port="$(free_port)"
# shellcheck disable=SC2086 # SOAK_APP_ENV is a list of words on purpose
env HTTP_HOST=127.0.0.1 HTTP_PORT="$app_port" REDIS_HOST=127.0.0.1 REDIS_PORT="$redis_port" LOG_LEVEL=warning \
    ${SOAK_APP_ENV:-} "$bin/instrumented-app" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$app_port/" && break; sleep 0.1; done
curl -fs -o /dev/null "http://127.0.0.1:$app_port/" || { cat "$work/app.log" >&2; echo "soak: the app did not start" >&2; exit 2; }

"$bin/loadgen" --url "http://127.0.0.1:$app_port" --duration "${total}s" --rate "$rate" --concurrency "$concurrency" \
    --no-progress >"$work/loadgen.txt" 2>&1 &
load_pid=$!

echo "soak: instrumented-app (PID $app_pid) under loadgen --rate $rate --concurrency $concurrency for $minutes min;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
# The app's ESTABLISHED TCP connections on its own port (state 01 in /proc/net/tcp and tcp6), counted
# among the sockets its descriptors point to ($1: the descriptors' targets, `socket:[inode]`, read once
# per sample). A connection the kernel has established but the app has not accepted yet has no
# descriptor: counting those made "other fds" dip by a dozen under load (bench/trace-soak at 0e6afe3).
client_connections() {
    local hex inodes
    hex=$(printf '%04X' "$app_port")
    inodes=$(printf '%s\n' "$1" | sed -n 's/^socket:\[\([0-9]*\)\]$/\1/p' | tr '\n' ' ')
    cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v port="$hex" -v inodes="$inodes" '
        BEGIN { count = split(inodes, list, " "); for (i = 1; i <= count; i++) mine[list[i]] = 1 }
        NR > 1 { split($2, local, ":"); if (local[2] == port && $4 == "01" && ($10 in mine)) n++ }
        END { print n + 0 }'
}
printf '| %8s | %10s | %8s | %11s | %10s | %14s | %s |\n' "seconds" "RSS MiB" "open fds" "client conns" \
    "other fds" "load average" "phase"
printf '|---:|---:|---:|---:|---:|---|---|\n'
samples=()
elapsed=0
# The last sample is taken before the load ends, so closing connections do not count as a change.
while [ "$elapsed" -lt "$total" ]; do
    kill -0 "$app_pid" 2>/dev/null || { echo "soak: the app died at ${elapsed}s" >&2; tail -20 "$work/app.log" >&2; exit 1; }
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$app_pid/status")
    fd_targets=$(find "/proc/$app_pid/fd" -mindepth 1 -maxdepth 1 -printf '%l\n' 2>/dev/null)
    fds=$(printf '%s\n' "$fd_targets" | grep -c . || true)
    conns=$(client_connections "$fd_targets")
    phase=$([ "$elapsed" -lt "$warmup" ] && echo warm-up || echo measured)
    printf '| %8d | %10s | %8d | %11d | %10d | %14s | %s |\n' "$elapsed" \
        "$(awk -v r="$rss" 'BEGIN { printf "%.1f", r / 1024 }')" "$fds" "$conns" "$((fds - conns))" \
        "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" "$phase"
    [ "$phase" = measured ] && samples+=("$rss $((fds - conns)) $conns")
    sleep "$interval"
    elapsed=$((elapsed + interval))
done
wait "$load_pid" || true
load_pid=""
if [ -n "${SOAK_APP_ENV:-}" ]; then
    echo
    echo "with $SOAK_APP_ENV, the app's trace exporter counted:"
    curl -fs "http://127.0.0.1:$app_port/metrics" | grep '^redis_app_trace_spans_dropped_total' || echo "(no dropped-span counter)"
fi
echo
echo "loadgen's report:"
sed 's/^/    /' "$work/loadgen.txt"

printf '%s\n' "${samples[@]}" | python3 -c '
import sys
rows = [tuple(map(int, line.split())) for line in sys.stdin if line.strip()]
if len(rows) < 2:
    print("soak: too few samples after the warm-up to judge"); sys.exit(2)
ok = True
print()
print("| series | first after warm-up | min | max | spread from first | verdict |")
print("|---|---:|---:|---:|---:|---|")
for name, column, unit, scale in (("RSS", 0, "MiB", 1024), ("open fds other than client connections", 1, "", 1)):
    base = rows[0][column]
    low, high = min(r[column] for r in rows), max(r[column] for r in rows)
    flat = base * 0.9 <= low and high <= base * 1.1
    ok &= flat
    spread = max(high - base, base - low) / base * 100 if base else float("inf")
    show = (lambda v: f"{v / scale:.1f} {unit}") if scale > 1 else (lambda v: str(v))
    print(f"| {name} | {show(base)} | {show(low)} | {show(high)} | {spread:.1f} % | "
          + ("flat (within 10 %)" if flat else "NOT flat (beyond 10 %)") + " |")
most = max(r[2] for r in rows)
bounded = most <= int(sys.argv[2])
ok &= bounded
print(f"| client connections | {rows[0][2]} | {min(r[2] for r in rows)} | {most} | | "
      + (f"within the concurrency of loadgen ({sys.argv[2]})" if bounded else f"MORE than the concurrency of loadgen ({sys.argv[2]})")
      + " |")
print()
verdict = "flat" if ok else "NOT flat"
print(f"verdict: RSS and open FDs {verdict} within 10 % after the warm-up "
      f"({len(rows)} samples after {sys.argv[1]} s of warm-up)")
sys.exit(0 if ok else 1)
' "$warmup" "$concurrency"
