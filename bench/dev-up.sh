#!/usr/bin/env bash
# How long ./scripts/dev-up takes, from a built checkout, until every service answers (goal: 15 s),
# and to stop after Ctrl-C (SIGINT).
#
#   bench/dev-up.sh              # 3 rounds of each way of starting it
#   ROUNDS=5 bench/dev-up.sh
#
# Each round starts dev-up on free loopback ports (through its port variables) with a data folder of
# its own, three ways side by side: as a student runs it (the package check, then no build since no
# source changed), with --build (a `swift build` that finds nothing to do, as after a source change
# that touches none of its programs), and with --no-build. It measures from the start of the process to:
#   ports      every port (Redis, the three reference instances, workshop-app, Prometheus) accepts;
#   targets    Prometheus reports its four targets up (three reference instances and workshop-app:
#              its first scrape of each, every 5 s);
#   stop       exit after SIGINT, every port closed.
# ratio is ports / 15 s. The load average is printed above the table: timings swing with it.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"

echo "bench: building first (not timed)" >&2
swift build >&2

echo "dev-up on $(nproc 2>/dev/null || echo '?') cores, $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
python3 - "$ROUNDS" <<'PY'
import json, os, signal, socket, subprocess, sys, tempfile, time, urllib.request

rounds = int(sys.argv[1])

def free_ports(n):
    sockets, ports = [], []
    while len(ports) < n:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports

def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False

def targets_up(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/targets?state=active", timeout=1) as r:
            targets = json.load(r)["data"]["activeTargets"]
        return len(targets) == 4 and all(t["health"] == "up" for t in targets)
    except Exception:
        return False

def one(extra):
    redis, r1, r2, r3, app, prom = free_ports(6)
    data = tempfile.mkdtemp(prefix="infraobs-dev-up-bench-")
    env = dict(os.environ, REDIS_PORT=str(redis), REFERENCE_PORT=str(r1), REFERENCE_PORT_2=str(r2),
               REFERENCE_PORT_3=str(r3), WORKSHOP_APP_PORT=str(app), PROMETHEUS_PORT=str(prom),
               DEV_UP_DIR=data)
    ports = [redis, r1, r2, r3, app, prom]
    log = open(os.path.join(tempfile.gettempdir(), "infraobs-dev-up-bench.log"), "w")
    start = time.monotonic()
    process = subprocess.Popen(["./scripts/dev-up"] + extra, env=env, stdout=log, stderr=log,
                               stdin=subprocess.DEVNULL)
    ready = targets = None
    try:
        while time.monotonic() - start < 120 and process.poll() is None:
            now = time.monotonic() - start
            if ready is None and all(accepts(p) for p in ports):
                ready = now
            if ready is not None and targets_up(prom):
                targets = now
                break
            time.sleep(0.02)
    finally:
        stop_start = time.monotonic()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        stop = time.monotonic() - stop_start
        left = [p for p in ports if accepts(p)]
    if ready is None or targets is None or left:
        sys.exit(f"dev-up {' '.join(extra)}: ready={ready} targets={targets} ports left open={left}; "
                 f"see {log.name}")
    return ready, targets, stop

print(f"{'round':<6} {'way':<12} {'ports_s':>8} {'targets_s':>10} {'stop_s':>7} {'ratio':>6}")
for round in range(1, rounds + 1):
    for way, extra in (("as-student", []), ("--build", ["--build"]), ("--no-build", ["--no-build"])):
        ready, targets, stop = one(extra)
        print(f"{round:<6} {way:<12} {ready:>8.2f} {targets:>10.2f} {stop:>7.2f} {ready / 15:>6.2f}", flush=True)
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
