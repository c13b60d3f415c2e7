#!/usr/bin/env python3
"""Side-by-side HTTP benchmark of the Swift apps, the Flask originals and the ceilings of this machine.

Run through bench/run.sh, which builds the apps in release mode first. This script:
  * starts its own redis-server on a free loopback port and seeds user:1..user:1000;
  * starts every subject once, on free loopback ports: nginx (fixed JSON body), hummingbird-hello
    (bare Hummingbird answering GET /: the framework's own rate), simple-app, redis-app, instrumented-app, and the Flask originals from the peer directory under gunicorn
    (2 workers x 4 threads) and under Flask's own server;
  * measures every (endpoint, connections) cell in rounds, alternating the subjects inside each
    cell and rotating their order from round to round, so that a change of load on the machine
    hits every subject alike; redis-benchmark GET/SET runs in the same rounds as the ceiling;
  * starts the Go peer (net/http, redigo, client_golang: the same app as an infrastructure team
    would write it in Go) and go-hello (bare net/http) when bench/run.sh built them, and measures
    them on the same cells as the apps;
  * measures pairs side by side, both under load at the same time, for ratios that changes of load
    on the machine leave alone: instrumented-app and redis-app (the cost of the metrics),
    instrumented-app and the Go peer, hummingbird-hello and go-hello (the two frameworks bare);
  * reports the median of the rounds, the peak RSS of every subject (VmHWM from /proc, summed
    over the process tree), the ratios the project sets goals for, /metrics scrape latency
    as the number of series grows and the checker's own benchmark; and writes the report.

Everything listens on 127.0.0.1; only the processes this script started are stopped, by PID.
"""

import argparse
import datetime
import os
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

HIT_KEY = "user:42"
MISS_KEY = "user:missing"
SEEDED_KEYS = 1000
# Connections of the side-by-side measurement, split between the two apps loaded at once.
SIDE_CONNECTIONS = 32

# The pairs measured side by side: (baseline, subject, endpoints, goal of subject/baseline or None,
# endpoints the goal applies to). The report divides the second's rate by the first's.
SIDE_PAIRS = [
    ("redis-app", "instrumented-app", ["root", "hit", "miss", "post"], 0.95, ["root", "hit", "miss", "post"]),
    ("go-peer", "instrumented-app", ["root", "hit", "miss", "post"], 0.9, ["root", "hit"]),
    ("go-hello", "hummingbird-hello", ["root"], None, []),
]
# Peak RSS goal: instrumented-app at most this many times the Go peer's.
RSS_GOAL_OVER_GO = 1.5

ENDPOINTS = {
    "root": ("GET /", "/"),
    "hit": ("GET /items/{key} hit", "/items/" + HIT_KEY),
    "miss": ("GET /items/{key} miss", "/items/" + MISS_KEY),
    "post": ("POST /items", "/items"),
}


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def children_map():
    """Maps every PID to the PIDs whose parent it is, from /proc/*/stat."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the parent PID follows the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def process_tree(pid):
    """The PID and all its descendants."""
    children = children_map()
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_cpu_seconds(pid):
    """User and system CPU time used so far by the process (all its threads) and its descendants."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def tree_peak_rss_kib(pid):
    """Peak resident set size (VmHWM) summed over the process and its descendants."""
    return sum(status_kib(p, "VmHWM") for p in process_tree(pid))


class Server:
    """A process this script started; stopped by its PID (and the PIDs of its descendants)."""

    def __init__(self, name, argv, env=None, cwd=None, logdir=None):
        self.name = name
        self.argv = argv
        self.log_path = os.path.join(logdir, f"{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.log")
        self.log_file = open(self.log_path, "w")
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.process = subprocess.Popen(
            argv, env=full_env, cwd=cwd, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.pid = self.process.pid

    def alive(self):
        return self.process.poll() is None

    def tail(self, lines=20):
        try:
            with open(self.log_path) as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if not self.alive():
            return
        tree = process_tree(self.pid)
        for pid in tree:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.time() + 5
        while time.time() < deadline and self.alive():
            time.sleep(0.05)
        for pid in tree:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.log_file.close()


def wait_http(url, server, timeout=60, accept=(200,)):
    deadline = time.time() + timeout
    last = "no answer"
    while time.time() < deadline:
        if not server.alive():
            raise RuntimeError(f"{server.name} exited before it answered {url}:\n{server.tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status in accept:
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            if error.code in accept:
                return
            last = f"HTTP {error.code}"
        except OSError as error:
            last = str(error)
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer {url} within {timeout} s ({last}):\n{server.tail()}")


def wait_tcp(port, server, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not server.alive():
            raise RuntimeError(f"{server.name} exited before listening on {port}:\n{server.tail()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{server.name} did not listen on {port} within {timeout} s")


def to_ms(text):
    """wrk latency such as 812.00us, 1.23ms, 1.05s, 2.00m in milliseconds."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output):
    def find(pattern, cast=float, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        return cast(match.group(1)) if match else default

    errors = 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if match:
        errors = sum(int(g) for g in match.groups())
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    return {
        "rps": find(r"^Requests/sec:\s+([0-9.]+)", float, 0.0),
        "requests": find(r"^\s+(\d+) requests in", int, 0),
        "p50": to_ms(p50.group(1)) if p50 else None,
        "p99": to_ms(p99.group(1)) if p99 else None,
        "non2xx": find(r"Non-2xx or 3xx responses: (\d+)", int, 0),
        "errors": errors,
    }


class Bench:
    def __init__(self, args):
        self.args = args
        self.tmp = tempfile.mkdtemp(prefix="infraobs-bench-")
        self.logdir = os.path.join(self.tmp, "logs")
        os.makedirs(self.logdir)
        self.servers = []
        self.subjects = []  # (name, port, server, endpoints, note)
        self.results = {}  # (subject, endpoint, conns) -> [measurement]
        self.redis_results = {}  # (test, conns) -> [measurement]
        self.commands = []
        self.notes = []
        self.load_samples = []
        self.peak_rss = {}
        self.scrape_rows = []
        self.checker_output = None
        self.side_load_samples = []
        self.side_cpu = {}  # (baseline, subject, endpoint) -> [(baseline, subject CPU µs per request)], one per round
        self.side_results = {}  # (baseline, subject, endpoint) -> [(baseline req/s, subject req/s)], one per round

    # ---------------------------------------------------------------- processes
    def start(self, name, argv, env=None, cwd=None):
        server = Server(name, argv, env=env, cwd=cwd, logdir=self.logdir)
        self.servers.append(server)
        return server

    def stop_all(self):
        for server in reversed(self.servers):
            server.stop()

    def start_redis(self):
        self.redis_port = free_port()
        argv = [
            "redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
            "--appendonly", "no", "--dir", self.tmp, "--maxclients", "10000",
        ]
        self.redis = self.start("redis-server", argv)
        self.commands.append(" ".join(shlex.quote(a) for a in argv))
        wait_tcp(self.redis_port, self.redis)
        seed = "".join(f"SET user:{i} Folan-{i}\n" for i in range(1, SEEDED_KEYS + 1))
        subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(self.redis_port)], input=seed, text=True,
            stdout=subprocess.DEVNULL, check=True,
        )

    def add_nginx(self):
        port = free_port()
        conf_dir = os.path.join(self.tmp, "nginx")
        os.makedirs(conf_dir)
        conf = os.path.join(conf_dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(
                f"""worker_processes auto;
daemon off;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 10000000;
    client_body_temp_path {conf_dir}/body;
    proxy_temp_path {conf_dir}/proxy;
    fastcgi_temp_path {conf_dir}/fastcgi;
    uwsgi_temp_path {conf_dir}/uwsgi;
    scgi_temp_path {conf_dir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location = / {{
            default_type application/json;
            return 200 '{{"status":"ok","service":"nginx"}}';
        }}
    }}
}}
"""
            )
        argv = ["nginx", "-p", conf_dir, "-c", conf, "-e", os.path.join(conf_dir, "error.log")]
        server = self.start("nginx", argv)
        self.commands.append(" ".join(argv) + "   # config: worker_processes auto; access_log off; "
                             "location = / { return 200 '{\"status\":\"ok\",\"service\":\"nginx\"}'; }")
        wait_http(f"http://127.0.0.1:{port}/", server)
        self.subjects.append(("nginx", port, server, ["root"], "fixed JSON body"))

    def add_swift(self, name, endpoints, extra_env=None):
        binary = os.path.join(self.args.bin_dir, name)
        if not os.access(binary, os.X_OK):
            problem = f"{binary} is missing: build it with `swift build -c release` (bench/run.sh does)"
            log(problem)
            self.notes.append(problem + "; its rows are missing from this run")
            return
        port = free_port()
        env = {
            "HTTP_HOST": "127.0.0.1", "HTTP_PORT": str(port), "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.redis_port), "LOG_LEVEL": "warning",
        }
        env.update(extra_env or {})
        server = self.start(name, [binary], env=env)
        self.commands.append(
            f"HTTP_HOST=127.0.0.1 HTTP_PORT={port} REDIS_HOST=127.0.0.1 REDIS_PORT={self.redis_port} "
            f"LOG_LEVEL=warning " + "".join(f"{k}={shlex.quote(v)} " for k, v in (extra_env or {}).items())
            + os.path.relpath(binary, ROOT)
        )
        wait_http(f"http://127.0.0.1:{port}/", server)
        self.subjects.append((name, port, server, endpoints, f"{os.path.relpath(binary, ROOT)}"))

    def add_go(self, name, endpoints, note):
        """A Go subject bench/run.sh built into --go-dir (skipped, with a note, when it is not there)."""
        binary = os.path.join(self.args.go_dir, name) if self.args.go_dir else None
        if not binary or not os.access(binary, os.X_OK):
            problem = (f"{name} is not built (bench/run.sh builds it with Debian's golang-go and the peer's "
                       "packages into --go-dir)")
            log(problem)
            self.notes.append(problem + "; its rows are missing from this run")
            return
        port = free_port()
        env = {
            "HTTP_HOST": "127.0.0.1", "HTTP_PORT": str(port), "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.redis_port),
        }
        server = self.start(name, [binary], env=env)
        self.commands.append(
            f"HTTP_HOST=127.0.0.1 HTTP_PORT={port} REDIS_HOST=127.0.0.1 REDIS_PORT={self.redis_port} "
            f"{os.path.relpath(binary, ROOT)}"
        )
        wait_http(f"http://127.0.0.1:{port}/", server)
        self.subjects.append((name, port, server, endpoints, note))

    def add_flask(self, name, module, mode, endpoints):
        port = free_port()
        env = {
            "FLASK_BIND_HOST": "127.0.0.1", "FLASK_PORT": str(port), "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.redis_port), "PYTHONUNBUFFERED": "1",
        }
        if mode == "gunicorn":
            argv = [self.gunicorn, "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{port}", "--log-level",
                    "warning", f"{module}:app"]
            note = "gunicorn 2 workers x 4 threads"
        else:
            argv = [sys.executable, f"{module}.py"]
            note = "Flask's own server (threaded)"
        server = self.start(name, argv, env=env, cwd=self.args.peer)
        self.commands.append(
            f"(cd {self.args.peer} && FLASK_BIND_HOST=127.0.0.1 FLASK_PORT={port} REDIS_PORT={self.redis_port} "
            + " ".join(shlex.quote(a) for a in argv) + ")"
        )
        wait_http(f"http://127.0.0.1:{port}/", server)
        self.subjects.append((name, port, server, endpoints, note))

    def peer_problem(self):
        peer = self.args.peer
        if not os.path.isdir(peer):
            return f"the Flask originals were not found: {peer} does not exist (pass --peer DIR)"
        for module in ("redis_app.py", "instrumented_app.py"):
            if not os.path.isfile(os.path.join(peer, module)):
                return f"the Flask originals were not found: {peer}/{module} is missing (pass --peer DIR)"
        check = subprocess.run(
            [sys.executable, "-c", "import flask, redis, prometheus_client"], capture_output=True, text=True
        )
        if check.returncode != 0:
            return "Flask is not installed: pip install flask redis prometheus-client gunicorn"
        self.gunicorn = shutil.which("gunicorn")
        if not self.gunicorn:
            return "gunicorn is not installed: pip install gunicorn"
        return None

    # ---------------------------------------------------------------- measuring
    def wrk_argv(self, port, endpoint, conns, duration, threads):
        path = ENDPOINTS[endpoint][1]
        argv = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration}s", "--latency", "--timeout", "5s"]
        if endpoint == "post":
            argv += ["-s", os.path.join(HERE, "post-items.lua")]
        argv.append(f"http://127.0.0.1:{port}{path}")
        return argv

    def wrk(self, port, endpoint, conns, duration):
        argv = self.wrk_argv(port, endpoint, conns, duration, self.args.threads)
        output = subprocess.run(argv, capture_output=True, text=True).stdout
        return parse_wrk(output)

    def redis_benchmark(self, test, conns):
        requests = self.args.redis_requests
        argv = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(self.redis_port), "-c", str(conns), "-n",
                str(requests), "-t", test, "--csv"]
        output = subprocess.run(argv, capture_output=True, text=True, timeout=600).stdout
        row = None
        for line in output.splitlines():
            fields = [f.strip('"') for f in line.split(",")]
            if fields and fields[0].upper() == test.upper():
                row = fields
        if row is None:
            return {"rps": 0.0, "p50": None, "p99": None}
        # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...
        return {"rps": float(row[1]), "p50": float(row[4]), "p99": float(row[6])}

    def warm_up(self):
        for name, port, server, endpoints, _ in self.subjects:
            for endpoint in endpoints:
                if endpoint != "post":
                    self.wrk(port, endpoint, 32, self.args.warmup)

    def run_rounds(self):
        cells = [(e, c) for e in ENDPOINTS for c in self.args.connections]
        for round_index in range(self.args.rounds):
            before = loadavg()
            log(f"round {round_index + 1}/{self.args.rounds} (load {before})")
            for endpoint, conns in cells:
                subjects = [s for s in self.subjects if endpoint in s[3]]
                shift = round_index % max(1, len(subjects))
                for name, port, server, _, _ in subjects[shift:] + subjects[:shift]:
                    result = self.wrk(port, endpoint, conns, self.args.duration)
                    if not server.alive():
                        raise RuntimeError(f"{name} died during {endpoint} at {conns} connections:\n{server.tail()}")
                    self.results.setdefault((name, endpoint, conns), []).append(result)
                    log(f"  {name:24} {endpoint:5} c={conns:<4} {result['rps']:>10.0f} req/s")
            for conns in self.args.connections:
                for test in ("get", "set"):
                    result = self.redis_benchmark(test, conns)
                    self.redis_results.setdefault((test, conns), []).append(result)
                    log(f"  redis-benchmark {test:3} c={conns:<4} {result['rps']:>10.0f} ops/s")
            self.load_samples.append((round_index + 1, before, loadavg()))

    def read_peak_rss(self):
        for name, port, server, _, _ in self.subjects:
            self.peak_rss[name] = tree_peak_rss_kib(server.pid)

    def run_side_by_side(self):
        """The pairs of SIDE_PAIRS under load at the same time, each with half of wrk's threads and of
        SIDE_CONNECTIONS connections: whatever else slows the machine during a run slows both alike, so
        their ratio holds still where the ratio of runs made in turn moves by tens of percent."""
        names = {s[0]: s for s in self.subjects}
        threads = max(1, self.args.threads // 2)
        conns = SIDE_CONNECTIONS // 2
        pairs = [p for p in SIDE_PAIRS if p[0] in names and p[1] in names]
        for round_index in range(self.args.rounds):
            before = loadavg()
            log(f"side by side, round {round_index + 1}/{self.args.rounds} (load {before}), wrk -t{threads} "
                f"-c{conns} on each")
            for baseline, subject, endpoints, _, _ in pairs:
                pair = (baseline, subject)
                for endpoint in endpoints:
                    # The wrk started first gets a head start of a few milliseconds: alternate which one it is.
                    order = pair if round_index % 2 == 0 else tuple(reversed(pair))
                    cpu_before = {name: tree_cpu_seconds(names[name][2].pid) for name in pair}
                    runs = {
                        name: subprocess.Popen(
                            self.wrk_argv(names[name][1], endpoint, conns, self.args.duration, threads),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                        for name in order
                    }
                    results = {name: parse_wrk(run.communicate()[0]) for name, run in runs.items()}
                    # CPU time per request: what each one spent on its own requests, whoever the
                    # scheduler favoured during the round.
                    cpu = {name: (tree_cpu_seconds(names[name][2].pid) - cpu_before[name])
                           / max(results[name]["requests"], 1) * 1e6 for name in pair}
                    rps = {name: results[name]["rps"] for name in pair}
                    self.side_results.setdefault((baseline, subject, endpoint), []).append(
                        (rps[baseline], rps[subject]))
                    self.side_cpu.setdefault((baseline, subject, endpoint), []).append(
                        (cpu[baseline], cpu[subject]))
                    log(f"  {endpoint:5} {baseline} {rps[baseline]:>8.0f} req/s {cpu[baseline]:6.1f} µs CPU/req  "
                        f"{subject} {rps[subject]:>8.0f} req/s {cpu[subject]:6.1f} µs CPU/req")
            self.side_load_samples.append((round_index + 1, before, loadavg()))

    def side_cpu_median(self, baseline, subject, endpoint):
        pairs = self.side_cpu.get((baseline, subject, endpoint), [])
        ratios = [b / a for a, b in pairs if a > 0]
        return statistics.median(ratios) if ratios else None

    def side_cpu_us(self, name, baseline, subject, endpoint):
        """The median over the rounds of `name`'s CPU µs per request in that pair's side-by-side runs."""
        pairs = self.side_cpu.get((baseline, subject, endpoint), [])
        values = [a if name == baseline else b for a, b in pairs]
        return statistics.median(values) if values else None

    def side_median(self, baseline, subject, endpoint):
        pairs = self.side_results.get((baseline, subject, endpoint), [])
        ratios = [b / a for a, b in pairs if a > 0]
        return statistics.median(ratios) if ratios else None

    # ---------------------------------------------------------------- /metrics and the checker
    def scrape_latency(self):
        binary = os.path.join(self.args.bin_dir, "scrape-bench")
        if not os.access(binary, os.X_OK):
            self.notes.append(f"/metrics scrape latency: {os.path.relpath(binary, ROOT)} is not built; skipped")
            return
        for series in self.args.series:
            port = free_port()
            server = self.start(f"scrape-bench-{series}", [binary, "--series", str(series), "--port", str(port)])
            self.commands.append(f"{os.path.relpath(binary, ROOT)} --series {series} --port {port}")
            try:
                wait_http(f"http://127.0.0.1:{port}/metrics", server, timeout=300)
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=60) as response:
                    body = response.read()
                lines = [l for l in body.decode("utf-8", "replace").splitlines() if l and not l.startswith("#")]
                duration = max(3, self.args.duration // 2)
                argv = ["wrk", "-t1", "-c1", f"-d{duration}s", "--latency", "--timeout", "30s",
                        f"http://127.0.0.1:{port}/metrics"]
                result = parse_wrk(subprocess.run(argv, capture_output=True, text=True).stdout)
                parse = subprocess.run([binary, "--series", str(series), "--parse-only"], capture_output=True,
                                       text=True, timeout=600)
                rss = tree_peak_rss_kib(server.pid)
                self.scrape_rows.append((series, len(lines), len(body), result, parse.stdout.strip(), rss))
                log(f"  scrape with {series} series: p50 {result['p50']} ms")
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
                problem = f"/metrics scrape latency with {series} series: not measured ({str(error).splitlines()[0]})"
                log(problem)
                self.notes.append(problem)
            finally:
                server.stop()

    def checker_bench(self):
        script = os.path.join(HERE, "checker.sh")
        if not os.access(script, os.X_OK):
            self.notes.append("checker throughput: bench/checker.sh is not in this checkout; skipped")
            return
        args = ["20", "40000"] if self.args.quick or self.args.duration < 6 else []
        log("running bench/checker.sh " + " ".join(args))
        self.commands.append("bench/checker.sh " + " ".join(args))
        # The release dashboard-check that bench/run.sh built, rather than a second release build in .build.
        env = dict(os.environ, DASHBOARD_CHECK=os.path.join(self.args.bin_dir, "dashboard-check"))
        done = subprocess.run([script] + args, capture_output=True, text=True, cwd=ROOT, env=env)
        self.checker_output = (done.stdout + ("\n" + done.stderr if done.returncode else "")).strip()

    # ---------------------------------------------------------------- report
    def summary(self, key):
        runs = self.results.get(key)
        if not runs:
            return None
        return {
            "rps": statistics.median(r["rps"] for r in runs),
            "p50": statistics.median(r["p50"] for r in runs if r["p50"] is not None) if any(
                r["p50"] is not None for r in runs) else None,
            "p99": statistics.median(r["p99"] for r in runs if r["p99"] is not None) if any(
                r["p99"] is not None for r in runs) else None,
            "non2xx": sum(r["non2xx"] for r in runs),
            "requests": sum(r["requests"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
            "rounds": [r["rps"] for r in runs],
        }

    def ratio_row(self, label, top, bottom, goal):
        a, b = self.summary(top), self.summary(bottom)
        if not a or not b or b["rps"] == 0:
            return f"| {label} | n/a | {goal or ''} | |"
        value = a["rps"] / b["rps"]
        verdict = ""
        if goal is not None:
            verdict = "met" if value >= goal else "NOT met"
        return f"| {label} | {value:.2f} | {'≥ ' + format(goal, 'g') if goal else ''} | {verdict} |"

    def report(self, started, build_line):
        fmt = lambda v, spec=".2f": "n/a" if v is None else format(v, spec)
        out = []
        out.append("# Benchmark results\n")
        out.append("Written by `bench/run.sh`" + (" --quick" if self.args.quick else "") + "; do not edit by hand.\n")
        out.append("## Machine and run\n")
        uname = subprocess.run(["uname", "-srmo"], capture_output=True, text=True).stdout.strip()
        free = subprocess.run(["free", "-m"], capture_output=True, text=True).stdout.rstrip()
        cpu = ""
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
        except OSError:
            pass
        out.append(f"- date: {started.strftime('%Y-%m-%d %H:%M:%S %Z')} (finished {datetime.datetime.now().astimezone().strftime('%H:%M:%S')})")
        out.append(f"- nproc: {os.cpu_count()} ({cpu})")
        out.append(f"- uname: {uname}")
        out.append(f"- build: {build_line}")
        versions = [
            subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0:1],
            subprocess.run(["redis-server", "-v"], capture_output=True, text=True).stdout.split()[0:3],
            [subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()],
        ]
        out.append("- tools: " + "; ".join(" ".join(v) for v in versions if v))
        out.append(
            f"- method: {self.args.rounds} round(s); every cell runs `wrk -t{self.args.threads} -c<conns> "
            f"-d{self.args.duration}s --latency --timeout 5s` on each subject in turn, the order rotating per round; "
            f"tables show the median of the rounds (p50/p99: median of the rounds' wrk percentiles); "
            f"errors and non-2xx are summed over the rounds; warm-up {self.args.warmup}s per endpoint first"
        )
        out.append("- load average (1, 5, 15 min) before and after each round: " + "; ".join(
            f"round {r}: {a} → {b}" for r, a, b in self.load_samples))
        out.append("\n```\n" + free + "\n```\n")
        for note in self.notes:
            out.append(f"- **note**: {note}")
        out.append("\n## Throughput and latency\n")
        out.append("Seeded keys `user:1..user:1000`; hit = `GET /items/user:42`, miss = `GET /items/user:missing` "
                   "(a 404, so every answer counts as non-2xx by design), POST rotates over `bench:0..999` "
                   "(`bench/post-items.lua`).\n")
        out.append("| subject | endpoint | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors | req/s per round |")
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---|")
        for endpoint in ENDPOINTS:
            for conns in self.args.connections:
                for name, *_ in self.subjects:
                    s = self.summary((name, endpoint, conns))
                    if not s:
                        continue
                    out.append(
                        f"| {name} | {ENDPOINTS[endpoint][0]} | {conns} | {s['rps']:,.0f} | {fmt(s['p50'])} | "
                        f"{fmt(s['p99'])} | {s['non2xx']} | {s['errors']} | "
                        + ", ".join(f"{r:,.0f}" for r in s["rounds"]) + " |"
                    )
        out.append("\n### Ceiling: redis-benchmark on the same Redis\n")
        out.append(f"`redis-benchmark -c <conns> -n {self.args.redis_requests} -t get|set --csv`, no pipelining.\n")
        out.append("| test | conns | ops/s | p50 ms | p99 ms | ops/s per round |")
        out.append("|---|---:|---:|---:|---:|---|")
        for (test, conns), runs in sorted(self.redis_results.items()):
            out.append(
                f"| {test.upper()} | {conns} | {statistics.median(r['rps'] for r in runs):,.0f} | "
                f"{fmt(statistics.median(r['p50'] for r in runs if r['p50'] is not None) if runs[0]['p50'] is not None else None, '.3f')} | "
                f"{fmt(statistics.median(r['p99'] for r in runs if r['p99'] is not None) if runs[0]['p99'] is not None else None, '.3f')} | "
                + ", ".join(f"{r['rps']:,.0f}" for r in runs) + " |"
            )
        out.append("\n### Peak memory\n")
        out.append("Peak RSS (VmHWM from /proc/PID/status, summed over the process and its children: gunicorn's "
                   "master and workers, nginx's master and workers), read at the end of all rounds, the side-by-side ones included.\n")
        out.append("| subject | how it runs | peak RSS MiB |")
        out.append("|---|---|---:|")
        for name, port, server, endpoints, note in self.subjects:
            out.append(f"| {name} | {note} | {self.peak_rss.get(name, 0) / 1024:.1f} |")
        out.append("\n## Ratios\n")
        out.append("| ratio (req/s over req/s) | value | goal | |")
        out.append("|---|---:|---:|---|")
        names = [s[0] for s in self.subjects]
        for conns in self.args.connections:
            if "flask-instrumented/gunicorn" in names:
                out.append(self.ratio_row(f"instrumented-app / flask-instrumented/gunicorn, GET /items/{{key}} hit, c={conns}",
                                          ("instrumented-app", "hit", conns), ("flask-instrumented/gunicorn", "hit", conns), 8))
                out.append(self.ratio_row(f"instrumented-app / flask-instrumented/dev, GET /items/{{key}} hit, c={conns}",
                                          ("instrumented-app", "hit", conns), ("flask-instrumented/dev", "hit", conns), None))
            if "flask-redis/gunicorn" in names:
                out.append(self.ratio_row(f"redis-app / flask-redis/gunicorn, GET /items/{{key}} hit, c={conns}",
                                          ("redis-app", "hit", conns), ("flask-redis/gunicorn", "hit", conns), None))
        for conns in self.args.connections:
            for app in ("hummingbird-hello", "simple-app", "redis-app", "instrumented-app"):
                # hummingbird-hello is the framework alone: no goal of ours, but the bound of the apps' ratio.
                goal = None if app == "hummingbird-hello" else 0.5
                out.append(self.ratio_row(f"{app} / nginx, GET /, c={conns}", (app, "root", conns),
                                          ("nginx", "root", conns), goal))
            out.append(self.ratio_row(f"simple-app / hummingbird-hello, GET /, c={conns}", ("simple-app", "root", conns),
                                      ("hummingbird-hello", "root", conns), None))
        for conns in self.args.connections:
            for endpoint in ENDPOINTS:
                out.append(self.ratio_row(f"instrumented-app / redis-app, {ENDPOINTS[endpoint][0]}, c={conns}",
                                          ("instrumented-app", endpoint, conns), ("redis-app", endpoint, conns), 0.95))
            if "flask-redis/gunicorn" in names:
                out.append(self.ratio_row(f"flask-instrumented / flask-redis (gunicorn), GET /items/{{key}} hit, c={conns}",
                                          ("flask-instrumented/gunicorn", "hit", conns), ("flask-redis/gunicorn", "hit", conns), None))
        if "go-peer" in names:
            for conns in self.args.connections:
                for endpoint in ENDPOINTS:
                    out.append(self.ratio_row(f"instrumented-app / go-peer, {ENDPOINTS[endpoint][0]}, c={conns}",
                                              ("instrumented-app", endpoint, conns), ("go-peer", endpoint, conns), None))
                    out.append(self.ratio_row(f"redis-app / go-peer, {ENDPOINTS[endpoint][0]}, c={conns}",
                                              ("redis-app", endpoint, conns), ("go-peer", endpoint, conns), None))
        if "go-hello" in names:
            for conns in self.args.connections:
                out.append(self.ratio_row(f"hummingbird-hello / go-hello, GET /, c={conns}",
                                          ("hummingbird-hello", "root", conns), ("go-hello", "root", conns), None))
        if self.peak_rss.get("go-peer") and self.peak_rss.get("instrumented-app"):
            value = self.peak_rss["instrumented-app"] / self.peak_rss["go-peer"]
            verdict = "met" if value <= RSS_GOAL_OVER_GO else "NOT met"
            out.append(f"| peak RSS, instrumented-app / go-peer (not a rate: lower is better) | {value:.2f} | "
                       f"≤ {RSS_GOAL_OVER_GO:g} | {verdict} |")
        if self.peak_rss.get("go-hello") and self.peak_rss.get("hummingbird-hello"):
            out.append(f"| peak RSS, hummingbird-hello / go-hello (not a rate) | "
                       f"{self.peak_rss['hummingbird-hello'] / self.peak_rss['go-hello']:.2f} | | |")
        for conns in self.args.connections:
            runs = self.redis_results.get(("get", conns))
            s = self.summary(("instrumented-app", "hit", conns))
            if runs and s:
                ceiling = statistics.median(r["rps"] for r in runs)
                out.append(f"| instrumented-app GET /items/{{key}} hit / redis-benchmark GET, c={conns} | "
                           f"{s['rps'] / ceiling:.2f} | | |")
        if self.side_results:
            threads = max(1, self.args.threads // 2)
            out.append("\n### Side by side\n")
            out.append(
                f"Two subjects under load at the same time, each by its own `wrk -t{threads} -c{SIDE_CONNECTIONS // 2} "
                f"-d{self.args.duration}s` (which one starts first alternates per round), so that a change in the "
                "machine's speed during a run hits both alike; the ratio is the second's req/s over the first's, "
                "and the figure kept is the median of the rounds' ratios. The ratios above, of runs made in turn, "
                "move with every such change. Load average (1, 5, 15 min) before and after each round of these: "
                + "; ".join(f"round {r}: {x} → {y}" for r, x, y in self.side_load_samples) + ".\n")
            for baseline, subject, endpoints, goal, goal_endpoints in SIDE_PAIRS:
                if not any((baseline, subject, e) in self.side_results for e in endpoints):
                    continue
                out.append(f"\n#### {subject} / {baseline}\n")
                out.append(f"| endpoint | {baseline} req/s per round | {subject} req/s per round | ratio per round "
                           f"| median ratio | goal | | CPU µs per request, {baseline} / {subject}, per round "
                           "| median CPU per request, subject / baseline |")
                out.append("|---|---|---|---|---:|---:|---|---|---:|")
                for endpoint in endpoints:
                    pairs = self.side_results.get((baseline, subject, endpoint), [])
                    ratios = [b / a for a, b in pairs if a > 0]
                    median_ratio = statistics.median(ratios) if ratios else 0.0
                    goal_text, verdict = "", ""
                    if goal is not None and endpoint in goal_endpoints:
                        goal_text = f"≥ {goal:g}"
                        verdict = "met" if median_ratio >= goal else "NOT met"
                    out.append(
                        f"| {ENDPOINTS[endpoint][0]} | " + ", ".join(f"{a:,.0f}" for a, _ in pairs) + " | "
                        + ", ".join(f"{b:,.0f}" for _, b in pairs) + " | " + ", ".join(f"{r:.3f}" for r in ratios)
                        + f" | {median_ratio:.3f} | {goal_text} | {verdict} | "
                        + ", ".join(f"{a:.0f} / {b:.0f}" for a, b in self.side_cpu.get((baseline, subject, endpoint), []))
                        + f" | {self.side_cpu_median(baseline, subject, endpoint) or 0:.2f} |")
            frameworks = self.side_median("go-hello", "hummingbird-hello", "root")
            if frameworks:
                out.append("\n#### How much of the gap to Go is the framework's\n")
                out.append(
                    f"hummingbird-hello / go-hello side by side on `GET /` (both frameworks bare): {frameworks:.3f}. "
                    "Dividing instrumented-app / go-peer by it gives the ratio the app would have if Hummingbird "
                    "and net/http served alike: what is left below 1 is the apps' own cost (ours: our code, "
                    "the Redis client, the metrics), the rest is the framework's.\n")
                out.append("| endpoint | instrumented-app / go-peer | hummingbird-hello / go-hello | "
                           "instrumented-app / go-peer with the frameworks equal | gap's share that is the framework's |")
                out.append("|---|---:|---:|---:|---:|")
                for endpoint in ENDPOINTS:
                    app = self.side_median("go-peer", "instrumented-app", endpoint)
                    if app is None:
                        continue
                    share = "n/a (no gap)" if app >= 1 else f"{min(1.0, max(0.0, (1 - frameworks) / (1 - app))):.0%}"
                    out.append(f"| {ENDPOINTS[endpoint][0]} | {app:.3f} | {frameworks:.3f} | {app / frameworks:.3f} | "
                               f"{share} |")
                hello_swift = self.side_cpu_us("hummingbird-hello", "go-hello", "hummingbird-hello", "root")
                hello_go = self.side_cpu_us("go-hello", "go-hello", "hummingbird-hello", "root")
                if hello_swift and hello_go:
                    out.append(
                        "\nThe same question in CPU time, which the scheduler's favours during a round leave alone: "
                        "each subject's CPU time (user and system, all threads, from /proc) over the requests it "
                        "answered in the side-by-side runs above, median of the rounds. On `GET /` bare Hummingbird "
                        f"spends {hello_swift:.0f} µs per request and bare net/http {hello_go:.0f} µs: "
                        f"{hello_swift - hello_go:+.0f} µs is the framework's.\n")
                    out.append("| endpoint | go-peer µs | instrumented-app µs | instrumented-app's extra µs | "
                               "of which the frameworks' (GET /, bare) | ours |")
                    out.append("|---|---:|---:|---:|---:|---:|")
                    for endpoint in ENDPOINTS:
                        go_us = self.side_cpu_us("go-peer", "go-peer", "instrumented-app", endpoint)
                        app_us = self.side_cpu_us("instrumented-app", "go-peer", "instrumented-app", endpoint)
                        if go_us is None or app_us is None:
                            continue
                        extra = app_us - go_us
                        framework = hello_swift - hello_go
                        ours = extra - framework
                        # Shares only mean something when both parts are positive; a round where the Go
                        # peer spent more than usual can make "ours" negative: then the framework's
                        # difference alone covers the gap.
                        if extra > 0 and 0 < framework < extra:
                            share = f" ({framework / extra:.0%} / {ours / extra:.0%})"
                        elif extra > 0 and framework >= extra:
                            share = " (the frameworks' difference covers it all)"
                        else:
                            share = ""
                        out.append(f"| {ENDPOINTS[endpoint][0]} | {go_us:.0f} | {app_us:.0f} | {extra:+.0f} | "
                                   f"{framework:+.0f} | {ours:+.0f}{share} |")
        out.append("\n## /metrics scrape latency as the number of series grows\n")
        if self.scrape_rows:
            out.append(
                "`scrape-bench` registers N labelled counter series (`bench_<f>_requests_total{handler,status}`, "
                "in families of 1,000) in a registry, beside the process metrics, serves `/metrics` with the app's own metrics route "
                "on Hummingbird, and `wrk -t1 -c1` scrapes it back to back. "
                "The last column is the Exposition parser reading that same body (`scrape-bench --parse-only`).\n"
            )
            out.append("| series registered | sample lines | body KiB | scrapes/s | p50 ms | p99 ms | peak RSS MiB | parser |")
            out.append("|---:|---:|---:|---:|---:|---:|---:|---|")
            for series, lines, size, result, parse, rss in self.scrape_rows:
                out.append(
                    f"| {series:,} | {lines:,} | {size / 1024:,.0f} | {result['rps']:,.1f} | {fmt(result['p50'])} | "
                    f"{fmt(result['p99'])} | {rss / 1024:.1f} | {parse} |"
                )
        else:
            out.append("Not measured in this run (see the notes above).")
        out.append("\n## Parser and checker throughput (bench/checker.sh)\n")
        out.append("```\n" + (self.checker_output or "not run (see the notes above)") + "\n```")
        out.append("\n## Commands\n")
        out.append("```\n" + "\n".join(self.commands) + "\n```")
        out.append("\nRaw logs of the servers were kept in a temporary directory during the run and removed after it.")
        return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", required=True, help="directory of the release executables")
    parser.add_argument("--peer", default=os.path.join(ROOT, "..", "shared", "peer"),
                        help="directory of the Flask originals (default ../shared/peer)")
    parser.add_argument("--go-dir", default=None, help="directory of the Go peer and go-hello, built by bench/run.sh")
    parser.add_argument("--quick", action="store_true", help="one short round; report in bench/out/")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--duration", type=int, default=None, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", default="32,256")
    parser.add_argument("--series", default=None, help="comma list of series counts for the scrape benchmark")
    parser.add_argument("--no-checker", action="store_true", help="skip bench/checker.sh")
    parser.add_argument("--build-line", default="")
    parser.add_argument("--output", default=None)
    args = parser.parse_args()
    args.peer = os.path.normpath(args.peer)
    args.connections = [int(c) for c in args.connections.split(",")]
    args.rounds = args.rounds or int(os.environ.get("BENCH_ROUNDS") or 0) or (1 if args.quick else 3)
    args.duration = args.duration or int(os.environ.get("BENCH_DURATION") or 0) or (2 if args.quick else 6)
    args.warmup = args.warmup or (1 if args.quick else 2)
    args.series = [int(s) for s in (args.series or ("1000,10000" if args.quick else "1000,10000,100000")).split(",")]
    args.redis_requests = 100_000 if args.quick or args.duration < 6 else 400_000
    args.output = args.output or (os.path.join(HERE, "out", "RESULTS-quick.md") if args.quick
                                  else os.path.join(HERE, "RESULTS.md"))

    for tool in ("wrk", "redis-server", "redis-cli", "redis-benchmark", "nginx"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            package = {"redis-cli": "redis-tools", "redis-benchmark": "redis-tools"}.get(tool, tool)
            print(f"bench: {tool} is missing: apt-get install {package} (or run scripts/install-deps)", file=sys.stderr)
            return 2
    if not shutil.which("nginx"):
        os.environ["PATH"] += ":/usr/sbin"

    started = datetime.datetime.now().astimezone()
    bench = Bench(args)
    if args.duration < 6 or args.rounds < 3:
        bench.notes.append(
            f"short run ({args.rounds} round(s) of {args.duration} s): it checks that the script works end to end; "
            "its figures are not a measurement (the full run is `bench/run.sh`: 3 rounds of 6 s)"
        )
    try:
        log(f"load average at start: {loadavg()}")
        bench.start_redis()
        bench.add_nginx()
        bench.add_swift("hummingbird-hello", ["root"])
        bench.add_go("go-hello", ["root"], "bench/go-hello: net/http alone")
        bench.add_swift("simple-app", ["root"])
        bench.add_swift("redis-app", list(ENDPOINTS))
        bench.add_swift("instrumented-app", list(ENDPOINTS))
        bench.add_go("go-peer", list(ENDPOINTS), "the Go peer: net/http, redigo, client_golang")
        problem = bench.peer_problem()
        if problem:
            log(problem)
            bench.notes.append(problem + "; the Flask rows and ratios are missing from this run")
        else:
            bench.add_flask("flask-instrumented/gunicorn", "instrumented_app", "gunicorn", list(ENDPOINTS))
            bench.add_flask("flask-instrumented/dev", "instrumented_app", "dev", list(ENDPOINTS))
            if not args.quick:
                bench.add_flask("flask-redis/gunicorn", "redis_app", "gunicorn", list(ENDPOINTS))
        bench.warm_up()
        bench.run_rounds()
        bench.run_side_by_side()
        bench.read_peak_rss()
    finally:
        bench.stop_all()
    bench.servers = []
    try:
        bench.scrape_latency()
    finally:
        bench.stop_all()
    if args.no_checker:
        bench.notes.append("checker throughput: skipped (--no-checker)")
    else:
        bench.checker_bench()
    text = bench.report(started, args.build_line)
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w") as f:
        f.write(text)
    shutil.rmtree(bench.tmp, ignore_errors=True)
    print(text)
    log(f"wrote {os.path.relpath(args.output, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
