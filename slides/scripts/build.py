#!/usr/bin/env python3
"""Renders the workshop deck into one self-contained HTML file.

reveal.js (CSS, the core script, the markdown, highlight and notes plugins) comes from the
`mkslides` wheel on PyPI, which ships reveal.js 6.0.2 in `mkslides/assets/reveal.js/dist/`.
The wheel is downloaded at build time into `slides/.cache/` (gitignored); nothing of it is
committed. The Markdown is embedded as it is and turned into slides by reveal.js's own markdown
plugin in the browser, so the file renders exactly what reveal-md shows. Pictures referenced
from the Markdown are inlined as data URIs: the result needs no network access to be viewed.

Usage: build.py [--deck slides/workshop.md] [--out slides/dist/workshop.html]
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

SLIDES = Path(__file__).resolve().parent.parent
CACHE = SLIDES / ".cache"
WHEEL_REQUIREMENT = "mkslides==2.0.23"
DIST = "mkslides/assets/reveal.js/dist/"

# reveal-md's default separators; the deck relies on them (see slides/README.md).
SEPARATOR = r"^\r?\n---\r?\n$"
VERTICAL_SEPARATOR = r"^\r?\n----\r?\n$"
NOTES_SEPARATOR = r"^\s*Note:"


def fail(message: str) -> None:
    print(f"build: {message}", file=sys.stderr)
    sys.exit(1)


def wheel() -> zipfile.ZipFile:
    """Returns the mkslides wheel, downloading it into the cache when it is missing."""
    CACHE.mkdir(exist_ok=True)
    found = sorted(CACHE.glob("mkslides-*.whl"))
    if not found:
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--python-version", "3.13", "--only-binary=:all:", WHEEL_REQUIREMENT, "-d", str(CACHE),
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"could not download {WHEEL_REQUIREMENT} with pip:\n{result.stderr}")
        found = sorted(CACHE.glob("mkslides-*.whl"))
        if not found:
            fail(f"pip reported success but no mkslides wheel is in {CACHE}")
    return zipfile.ZipFile(found[-1])


def asset(archive: zipfile.ZipFile, name: str) -> str:
    try:
        return archive.read(DIST + name).decode("utf-8")
    except KeyError:
        fail(f"{DIST}{name} is not in {archive.filename}")
        raise  # unreachable: fail exits


def parse_scalar(text: str):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def split_front_matter(markdown: str) -> tuple[dict, str]:
    """Reads the deck's YAML front matter: scalars and one level of nested mappings."""
    match = re.match(r"^---\n(.*?)\n---\n", markdown, re.S)
    if not match:
        return {}, markdown
    options: dict = {}
    current: dict | None = None
    for number, line in enumerate(match.group(1).splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        nested = re.fullmatch(r"  ([A-Za-z_][\w-]*):\s*(.*)", line)
        top = re.fullmatch(r"([A-Za-z_][\w-]*):\s*(.*)", line)
        if nested and current is not None:
            current[nested.group(1)] = parse_scalar(nested.group(2))
        elif top and top.group(2) == "":
            current = options.setdefault(top.group(1), {})
        elif top:
            current = None
            options[top.group(1)] = parse_scalar(top.group(2))
        else:
            fail(f"front matter line {number}: cannot read {line!r}")
    return options, markdown[match.end():]


def inline_images(markdown: str, base: Path) -> str:
    """Replaces `![alt](path.svg)` with a data URI of the file, so the page needs nothing else."""

    def replace(match: re.Match) -> str:
        path = base / match.group(2)
        if not path.is_file():
            fail(f"{match.group(2)}: picture referenced by the deck does not exist")
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"![{match.group(1)}](data:image/svg+xml;base64,{data})"

    return re.sub(r"!\[([^\]]*)\]\(([^)\s]+\.svg)\)", replace, markdown)


def script_tag(source: str) -> str:
    # A data URI keeps `</script>` or `<!--` inside the libraries from ending the tag early.
    data = base64.b64encode(source.encode("utf-8")).decode("ascii")
    return f'<script src="data:text/javascript;base64,{data}"></script>'


EXTRA_CSS = """
:root { --r-main-font-size: 34px; }
.reveal section img { max-height: 560px; border: 0; box-shadow: none; background: none; margin: 0 auto; }
.reveal h1 { font-size: 2.2em; }
.reveal h2 { font-size: 1.25em; }
.reveal h3 { font-size: 1.0em; }
.reveal section > table { font-size: 0.62em; }
.reveal pre { width: 100%; font-size: 0.5em; box-shadow: none; }
.reveal pre code { max-height: 560px; }
.reveal ul, .reveal ol { font-size: 0.9em; }
.reveal section.section h1 { color: var(--r-link-color); }
/* monokai's comment grey is about 3:1 on its background: too faint on a projector */
.reveal .hljs-comment { color: #b3ae94; }
"""


def render(deck: Path, out: Path) -> int:
    markdown = deck.read_text(encoding="utf-8")
    if "</script" in markdown.lower():
        fail(f"{deck}: the deck must not contain a closing script tag")
    options, body = split_front_matter(markdown)
    body = inline_images(body, deck.parent)
    archive = wheel()
    theme = options.get("theme", "black")
    highlight_theme = options.get("highlightTheme", "monokai")
    reveal_options = dict(options.get("revealOptions", {}))
    reveal_options["plugins"] = "__PLUGINS__"
    config = json.dumps(reveal_options).replace('"__PLUGINS__"', "[RevealMarkdown, RevealHighlight, RevealNotes]")
    title = str(options.get("title", deck.stem)).replace("&", "&amp;").replace("<", "&lt;")
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>{asset(archive, "reset.css")}</style>
<style>{asset(archive, "reveal.css")}</style>
<style>{asset(archive, f"theme/{theme}.css")}</style>
<style>{asset(archive, f"plugin/highlight/{highlight_theme}.css")}</style>
<style>{EXTRA_CSS}</style>
</head>
<body>
<div class="reveal"><div class="slides">
<section data-markdown data-separator="{SEPARATOR}" data-separator-vertical="{VERTICAL_SEPARATOR}" data-separator-notes="{NOTES_SEPARATOR}">
<script type="text/template">
{body}
</script>
</section>
</div></div>
{script_tag(asset(archive, "reveal.js"))}
{script_tag(asset(archive, "plugin/markdown.js"))}
{script_tag(asset(archive, "plugin/highlight.js"))}
{script_tag(asset(archive, "plugin/notes.js"))}
<script>
Reveal.initialize({config}).then(function () {{
  document.body.setAttribute("data-total-slides", String(Reveal.getTotalSlides()));
}});
</script>
</body>
</html>
"""
    if re.search(r"""(src|href)=["']?(https?:)?//""", page.replace(body, "")):
        fail("the page would load something from the network")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return len(page.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deck", type=Path, default=SLIDES / "workshop.md")
    parser.add_argument("--out", type=Path, default=SLIDES / "dist" / "workshop.html")
    arguments = parser.parse_args()
    size = render(arguments.deck, arguments.out)
    print(f"{arguments.out} ({size} bytes)")


if __name__ == "__main__":
    main()
