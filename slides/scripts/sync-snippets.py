#!/usr/bin/env python3
"""Copies each marked region into the deck's code block that names it.

A code block preceded by `<!-- source: PATH#REGION -->` shows the lines between
`// slide:REGION` and `// end-slide` (`# slide:REGION` / `# end-slide` in YAML, shell and
Dockerfiles) of PATH, less the start marker's indentation. SlidesTests checks that they are
equal; this script makes them equal after the code changed.

Usage: sync-snippets.py [DECK]   (default: slides/workshop.md)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = re.compile(r"^<!--\s*source:\s*([^#\s]+)#([A-Za-z0-9_.-]+)\s*-->$")
START = re.compile(r"^([ \t]*)(?://|#)[ \t]*slide:([A-Za-z0-9_.-]+)[ \t]*$")
END = re.compile(r"^[ \t]*(?://|#)[ \t]*end-slide[ \t]*$")
FENCE = re.compile(r"^(```+|~~~+)")


def region(path: str, name: str) -> list[str]:
    lines = (ROOT / path).read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if (m := START.match(line)) and m.group(2) == name]
    if len(starts) != 1:
        raise SystemExit(f"{path}: region {name!r} is marked {len(starts)} times")
    indent = START.match(lines[starts[0]]).group(1)
    body: list[str] = []
    for index in range(starts[0] + 1, len(lines)):
        line = lines[index]
        if END.match(line):
            return body
        if START.match(line):
            continue
        if not line.strip():
            body.append("")
        elif line.startswith(indent):
            body.append(line[len(indent):])
        else:
            raise SystemExit(f"{path}:{index + 1}: indented less than the slide:{name} marker")
    raise SystemExit(f"{path}: region {name!r} has no end-slide marker")


def main() -> None:
    deck = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "slides" / "workshop.md"
    lines = deck.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    index = 0
    changed = 0
    pending: tuple[str, str] | None = None
    while index < len(lines):
        line = lines[index]
        fence = FENCE.match(line)
        if fence:
            closing = fence.group(1)
            end = next((j for j in range(index + 1, len(lines)) if lines[j].strip() == closing), None)
            if end is None:
                raise SystemExit(f"{deck}:{index + 1}: unclosed code fence")
            content = lines[index + 1:end]
            if pending:
                wanted = region(*pending)
                if wanted != content:
                    changed += 1
                content = wanted
            out += [line, *content, lines[end]]
            index = end + 1
            pending = None
            continue
        match = SOURCE.match(line.strip())
        if match:
            pending = (match.group(1), match.group(2))
        elif line.strip():
            pending = None
        out.append(line)
        index += 1
    deck.write_text("\n".join(out), encoding="utf-8")
    print(f"{deck}: {changed} block(s) updated")


if __name__ == "__main__":
    main()
