#!/usr/bin/env python3
"""Draws the deck's two diagrams: the workshop stack, and containers next to virtual machines.

Usage: diagrams.py [OUTPUT_DIR]   (default: slides/images)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from svg import CYAN, GREEN, MUTED, ORANGE, PINK, PURPLE, RED, YELLOW, Drawing


ROOT = Path(__file__).resolve().parent.parent.parent


def published_ports(compose: Path) -> dict[str, tuple[int, int]]:
    """Each service's first published port mapping (host, container) in a compose file."""
    ports: dict[str, tuple[int, int]] = {}
    service = None
    in_services = in_ports = False
    for raw in compose.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_services = line == "services:"
            continue
        key = re.sub(r":\s*&[\w-]+$", ":", line.strip())  # `name: &anchor` defines a service too
        if in_services and indent == 2 and key.endswith(":"):
            service, in_ports = key[:-1], False
        elif in_services and line.strip() == "ports:":
            in_ports = True
        elif in_ports and line.strip().startswith("-"):
            match = re.search(r"(\d+):(\d+)", line)
            if match and service and service not in ports:
                ports[service] = (int(match.group(1)), int(match.group(2)))
        else:
            in_ports = False
    return ports


def scrape_interval(config: Path) -> str:
    match = re.search(r"^\s*scrape_interval:\s*(\S+)", config.read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else "?"


def architecture() -> Drawing:
    """The stack as docker-compose.yml and configs/prometheus/prometheus.yml describe it."""
    ports = published_ports(ROOT / "docker-compose.yml")
    interval = scrape_interval(ROOT / "configs" / "prometheus" / "prometheus.yml")
    redis_port = re.search(r'REDIS_PORT:\s*"?(\d+)', (ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    if not redis_port:
        raise SystemExit("diagrams: docker-compose.yml sets no REDIS_PORT")

    def port(service: str) -> tuple[int, int]:
        if service not in ports:
            raise SystemExit(f"diagrams: docker-compose.yml publishes no port for {service}")
        return ports[service]

    d = Drawing(1200, 600, "The workshop stack: three reference instances, your app, Redis, Prometheus and Grafana, with their ports")
    # The host, outside the compose network.
    d.box(30, 60, 200, 90, "Browser", [f"Grafana :{port('grafana')[0]}", f"Prometheus :{port('prometheus')[0]}"], color=YELLOW)
    d.box(30, 330, 200, 110, "Terminal", ["curl", "scripts/run-test.sh"], color=YELLOW)
    d.text(130, 40, "your laptop", size=16, color=MUTED)
    # The compose network.
    d.rect(290, 20, 890, 560, stroke=MUTED, dash="8 6", radius=18)
    d.text(735, 50, "compose network “workshop”", size=16, color=MUTED)
    # The reference app as three instances of one image; instrumented-app-3 is the slow one.
    references = ["instrumented-app", "instrumented-app-2", "instrumented-app-3"]
    tops = [200, 274, 348]
    for service, top in zip(references, tops):
        host, inside = port(service)
        slow = " · slow" if service == references[-1] else ""
        d.box(340, top, 260, 64, service, [f":{inside} → host {host}{slow}"], color=PURPLE)
    host, inside = port("workshop-app")
    d.box(340, 440, 260, 90, "workshop-app", [f":{inside} → host {host}", "your code"], color=CYAN)
    d.box(880, 360, 240, 100, "redis", [f":{redis_port.group(1)}, append-only", "volume redis-data"], color=RED)
    d.box(700, 90, 230, 100, "prometheus", [f":{port('prometheus')[1]}", f"scrapes every {interval}"], color=ORANGE)
    d.box(980, 90, 170, 100, "grafana", [f":{port('grafana')[1]}"], color=GREEN)
    # Who talks to whom.
    d.arrow(230, 105, 700, 120, "", color=ORANGE)
    d.arrow(230, 78, 978, 78, "", color=GREEN)
    d.text(600, 72, "dashboards", size=15, color=GREEN)
    d.text(470, 128, "queries", size=15, color=ORANGE)
    d.arrow(230, 360, 338, 306, "HTTP", color=CYAN, label_dx=-14)
    d.arrow(230, 420, 338, 480, "HTTP", color=CYAN, label_dx=-14, label_dy=22)
    for index, top in enumerate(tops):
        d.arrow(730 + 20 * index, 192, 602, top + 16, "", color=ORANGE)
    d.arrow(790, 192, 602, 458, "", color=ORANGE)
    d.text(800, 236, "GET /metrics", size=15, color=ORANGE, anchor="start")
    d.arrow(978, 160, 932, 160, "", color=GREEN)
    d.text(955, 215, "PromQL", size=15, color=GREEN)
    for index, top in enumerate(tops):
        d.arrow(602, top + 48, 878, 380 + 12 * index, "GET / SET" if index == 1 else "", color=PINK, label_dx=40, label_dy=-4)
    d.arrow(602, 510, 878, 430, "", color=PINK)
    return d


def containers_versus_machines() -> Drawing:
    d = Drawing(1200, 430, "Virtual machines each carry a guest kernel; containers share the host's")

    def column(x0: int, heading: str, layers: list[tuple[str, str]], guests: list[list[tuple[str, str]]]):
        width = 520
        d.text(x0 + width / 2, 44, heading, size=26, color=PURPLE, weight="bold")
        y = 370
        for label, color in layers:
            d.rect(x0, y, width, 44, fill="#343746", stroke=color, radius=8)
            d.text(x0 + width / 2, y + 29, label, size=18, color=color)
            y -= 52
        gap = 14
        guest_width = (width - gap * (len(guests) - 1)) / len(guests)
        for index, guest in enumerate(guests):
            gx = x0 + index * (guest_width + gap)
            gy = y
            for label, color in guest:
                d.rect(gx, gy, guest_width, 44, fill="#343746", stroke=color, radius=8)
                d.text(gx + guest_width / 2, gy + 29, label, size=17, color=color)
                gy -= 52

    column(
        40,
        "Virtual machines",
        [("Hardware", MUTED), ("Host operating system", CYAN), ("Hypervisor", ORANGE)],
        [[("Guest OS", RED), ("Libraries", YELLOW), (f"App {n}", GREEN)] for n in "ABC"],
    )
    column(
        640,
        "Containers",
        [("Hardware", MUTED), ("Host OS: one shared kernel", CYAN), ("Container runtime", ORANGE)],
        [[("Libraries", YELLOW), (f"App {n}", GREEN)] for n in "ABC"],
    )
    d.text(900, 140, "cgroups: what each may use · namespaces: what each can see", size=16, color=CYAN)
    return d


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "images"
    out.mkdir(parents=True, exist_ok=True)
    for name, drawing in (("architecture", architecture()), ("containers-vs-vms", containers_versus_machines())):
        (out / f"{name}.svg").write_text(drawing.render(), encoding="utf-8")
        print(out / f"{name}.svg")


if __name__ == "__main__":
    main()
