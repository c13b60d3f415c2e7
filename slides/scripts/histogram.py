#!/usr/bin/env python3
"""Draws one latency histogram twice: as Prometheus stores it (cumulative) and per bucket.

The data is the `http_request_duration_seconds_bucket` series of a scrape of the instrumented
app (`slides/samples/metrics.txt`, written by `slides/scripts/refresh-samples`), summed over
every handler and method, which is the same as `sum by (le) (...)` in PromQL.

Usage: histogram.py [EXPOSITION_FILE] [OUTPUT_SVG]
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

from svg import CYAN, FOREGROUND, MUTED, PINK, PURPLE, Drawing

SLIDES = Path(__file__).resolve().parent.parent
METRIC = "http_request_duration_seconds_bucket"
SAMPLE = re.compile(r"^(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?P<labels>.*)\})?\s+(?P<value>\S+)")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def buckets(exposition: str) -> list[tuple[float, float]]:
    """Returns (upper bound, cumulative count) pairs, summed over all other labels, sorted by bound."""
    totals: dict[float, float] = {}
    for number, line in enumerate(exposition.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        if not match or match.group("name") != METRIC:
            continue
        labels = dict(LABEL.findall(match.group("labels") or ""))
        if "le" not in labels:
            raise ValueError(f"line {number}: a bucket without an le label: {line}")
        bound = math.inf if labels["le"] == "+Inf" else float(labels["le"])
        totals[bound] = totals.get(bound, 0.0) + float(match.group("value"))
    return sorted(totals.items())


def bound_label(bound: float) -> str:
    if math.isinf(bound):
        return "+Inf"
    return f"{bound * 1000:g} ms" if bound < 1 else f"{bound:g} s"


def draw(pairs: list[tuple[float, float]]) -> Drawing:
    total = pairs[-1][1]
    per_bucket = [count - (pairs[index - 1][1] if index else 0) for index, (_, count) in enumerate(pairs)]
    d = Drawing(1200, 560, "Latency buckets, cumulative and per bucket, from a real scrape")
    d.text(600, 36, f"http_request_duration_seconds: {int(total)} requests, all handlers", size=20, mono=True)

    def panel(x0: float, heading: str, values: list[float], color: str, note: str):
        width, height, top = 540, 360, 110
        d.text(x0 + width / 2, 78, heading, size=22, color=color, weight="bold")
        d.elements.append(
            f'<line x1="{x0}" y1="{top + height}" x2="{x0 + width}" y2="{top + height}" stroke="{MUTED}" stroke-width="1.5"/>'
        )
        peak = max(values) or 1
        slot = width / len(values)
        bar = slot * 0.7
        for index, value in enumerate(values):
            h = height * value / peak
            bx = x0 + index * slot + (slot - bar) / 2
            d.rect(bx, top + height - h, bar, h, fill=color, stroke=color, radius=3, width=1)
            d.text(bx + bar / 2, top + height - h - 6, f"{int(value)}", size=13, color=FOREGROUND)
            d.elements.append(
                f'<text x="{bx + bar / 2:g}" y="{top + height + 16:g}" font-family="DejaVu Sans, sans-serif" '
                f'font-size="12" fill="{MUTED}" text-anchor="end" '
                f'transform="rotate(-40 {bx + bar / 2:g} {top + height + 16:g})">{bound_label(pairs[index][0])}</text>'
            )
        d.text(x0 + width / 2, 545, note, size=15, color=MUTED)

    panel(40, "cumulative: le = at most", [count for _, count in pairs], PURPLE, "what /metrics exposes; the last bar is _count")
    panel(620, "per bucket: between two bounds", per_bucket, CYAN, "neighbours subtracted: where requests fall")
    d.text(600, 300, "→", size=40, color=PINK)
    return d


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SLIDES / "samples" / "metrics.txt"
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else SLIDES / "images" / "histogram-buckets.svg"
    pairs = buckets(source.read_text(encoding="utf-8"))
    if not pairs:
        print(f"histogram: {source} has no {METRIC} series", file=sys.stderr)
        sys.exit(1)
    target.write_text(draw(pairs).render(), encoding="utf-8")
    print(target)


if __name__ == "__main__":
    main()
