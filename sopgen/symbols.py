"""The regulation's shaped symbols as data: their size, how each is drawn in SVG and
DrawingML, its outline and where its text (an off-page connector's letter) sits.

One table, so the layout, the PDF and the DOCX cannot drift apart on what a symbol is:
the renderers read a symbol's facts only here, and a sixth symbol is one more row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sopgen.geometry import Box, SymbolKind


def svg_number(v: float) -> str:
    """A coordinate as SVG and CSS get it: at most two decimals, no trailing zeros."""
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


_n = svg_number
LINE_WIDTH = 0.9  # pt: every symbol's outline, in the PDF and the DOCX
_STYLE = f'fill="#fff" stroke="#000" stroke-width="{_n(LINE_WIDTH)}"'


def _capsule(b: Box) -> str:
    r = min(b.h, b.w) / 2
    return (f'<rect {_STYLE} x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" '
            f'height="{_n(b.h)}" rx="{_n(r)}" ry="{_n(r)}"/>')


def _rect(b: Box) -> str:
    return (f'<rect {_STYLE} x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" '
            f'height="{_n(b.h)}"/>')


def _polygon(points: list[tuple[float, float]]) -> str:
    """A closed outline as one <path>: WeasyPrint parses it faster than a <polygon>, and it
    prints the same pixels (rectangles and capsules stay <rect>: as paths they do not)."""
    return f'<path {_STYLE} d="M' + "L".join(f"{_n(x)} {_n(y)}" for x, y in points) + 'Z"/>'


def _diamond(b: Box) -> str:
    return _polygon([(b.cx, b.y), (b.right, b.cy), (b.cx, b.bottom), (b.x, b.cy)])


OFFPAGE_SHOULDER = 0.8  # where the sides turn to the point: as Word's preset draws it


def _pentagon(b: Box) -> str:
    s = b.y + b.h * OFFPAGE_SHOULDER
    return _polygon([(b.x, b.y), (b.right, b.y), (b.right, s), (b.cx, b.bottom), (b.x, s)])


OFFPAGE_SIZE = 14.0  # an off-page connector's width and height, in points


def _decision_size(room: float) -> tuple[float, float]:
    return min(room, 40.0), 26.0


# In a narrow column a terminator stays a stadium and a process a box, not a
# circle or a square: they lose height with their width.
def _terminator_size(room: float) -> tuple[float, float]:
    w = min(room, 54.0)
    return w, round(min(18.0, max(11.0, w / 2)), 2)


def _process_size(room: float) -> tuple[float, float]:
    w = min(room, 54.0)
    return w, round(min(20.0, max(14.0, w * 0.6)), 2)


def _offpage_size(room: float) -> tuple[float, float]:
    return OFFPAGE_SIZE, OFFPAGE_SIZE


@dataclass(frozen=True)
class SymbolText:
    """How a symbol's text is set, and where: centred across, its middle at `middle` of
    the symbol's height (the middle of the DrawingML preset's text rectangle, which Word
    and LibreOffice centre it in), its baseline `baseline` pt below that (the SVG places
    text by its baseline: half a bold capital's height at 7 pt)."""

    size: float = 7.0  # pt
    bold: bool = True
    middle: float = 0.5
    baseline: float = 2.5


@dataclass(frozen=True)
class SymbolSpec:
    svg: Callable[[Box], str]
    prst: str  # DrawingML preset geometry
    size: Callable[[float], tuple[float, float]]  # (w, h) given the room a column leaves
    text: SymbolText = SymbolText()


SYMBOLS: dict[SymbolKind, SymbolSpec] = {
    SymbolKind.TERMINATOR: SymbolSpec(_capsule, "flowChartTerminator", _terminator_size),
    SymbolKind.PROCESS: SymbolSpec(_rect, "flowChartProcess", _process_size),
    SymbolKind.DECISION: SymbolSpec(_diamond, "flowChartDecision", _decision_size),
    # The preset's text rectangle is its square part, above the shoulder.
    SymbolKind.CONNECTOR: SymbolSpec(_pentagon, "flowChartOffpageConnector", _offpage_size,
                                     SymbolText(middle=OFFPAGE_SHOULDER / 2)),
}


def symbol_size(kind: SymbolKind, room: float) -> tuple[float, float]:
    """A symbol's (w, h) in a column that leaves it `room` points of width."""
    return SYMBOLS[kind].size(room)
