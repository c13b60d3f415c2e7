"""A few drawing helpers that write plain SVG text, shared by the picture scripts."""

from __future__ import annotations

from html import escape

BACKGROUND = "#282a36"
FOREGROUND = "#f8f8f2"
MUTED = "#9ea8c7"
PURPLE = "#bd93f9"
PINK = "#ff79c6"
CYAN = "#8be9fd"
GREEN = "#50fa7b"
ORANGE = "#ffb86c"
RED = "#ff5555"
YELLOW = "#f1fa8c"
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
MONO = "DejaVu Sans Mono, Menlo, Consolas, monospace"


class Drawing:
    """Collects SVG elements and renders them with a dark background of the deck's colours."""

    def __init__(self, width: int, height: int, title: str):
        self.width = width
        self.height = height
        self.title = title
        self.elements: list[str] = []

    def rect(self, x, y, w, h, fill="none", stroke=FOREGROUND, radius=10, width=2, dash=None):
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        self.elements.append(
            f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{radius}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}"{dashes}/>'
        )

    def text(self, x, y, content, size=18, color=FOREGROUND, anchor="middle", weight="normal", mono=False):
        family = MONO if mono else FONT
        self.elements.append(
            f'<text x="{x:g}" y="{y:g}" font-family="{family}" font-size="{size}" fill="{color}" '
            f'text-anchor="{anchor}" font-weight="{weight}">{escape(str(content))}</text>'
        )

    def box(self, x, y, w, h, title, lines=(), color=PURPLE, fill="#343746"):
        """A rounded box with a bold title and smaller lines under it, centred."""
        self.rect(x, y, w, h, fill=fill, stroke=color)
        total = 1 + len(lines)
        top = y + h / 2 - (total - 1) * 12 + 6
        self.text(x + w / 2, top, title, size=20, color=color, weight="bold")
        for index, line in enumerate(lines):
            self.text(x + w / 2, top + 26 * (index + 1), line, size=15, color=FOREGROUND, mono=True)

    def arrow(self, x1, y1, x2, y2, label="", color=CYAN, label_dx=0, label_dy=-8, dash=None):
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        marker = {CYAN: "cyan", GREEN: "green", ORANGE: "orange", PINK: "pink"}.get(color, "cyan")
        self.elements.append(
            f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{color}" stroke-width="2.5"'
            f'{dashes} marker-end="url(#arrow-{marker})"/>'
        )
        if label:
            self.text((x1 + x2) / 2 + label_dx, (y1 + y2) / 2 + label_dy, label, size=15, color=color)

    def render(self) -> str:
        markers = "".join(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
            f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
            for name, color in (("cyan", CYAN), ("green", GREEN), ("orange", ORANGE), ("pink", PINK))
        )
        body = "\n".join(self.elements)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}" role="img">\n'
            f"<title>{escape(self.title)}</title>\n<defs>{markers}</defs>\n"
            f'<rect width="100%" height="100%" rx="16" fill="{BACKGROUND}"/>\n{body}\n</svg>\n'
        )
