"""The regulation's shaped symbols as data: their size, and how each is drawn in SVG
and DrawingML.

One table, so the layout, the PDF and the DOCX cannot drift apart on what a symbol is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sopgen.geometry import Box, SymbolKind


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


_STYLE = 'fill="#fff" stroke="#000" stroke-width="0.9"'


def _capsule(b: Box) -> str:
    r = min(b.h, b.w) / 2
    return (f'<rect {_STYLE} x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" '
            f'height="{_n(b.h)}" rx="{_n(r)}" ry="{_n(r)}"/>')


def _rect(b: Box) -> str:
    return (f'<rect {_STYLE} x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" '
            f'height="{_n(b.h)}"/>')


def _polygon(points: list[tuple[float, float]]) -> str:
    return f'<polygon {_STYLE} points="' + " ".join(
        f"{_n(x)},{_n(y)}" for x, y in points) + '"/>'


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
class SymbolSpec:
    svg: Callable[[Box], str]
    prst: str  # DrawingML preset geometry
    size: Callable[[float], tuple[float, float]]  # (w, h) given the room a column leaves


SYMBOLS: dict[SymbolKind, SymbolSpec] = {
    SymbolKind.TERMINATOR: SymbolSpec(_capsule, "flowChartTerminator", _terminator_size),
    SymbolKind.PROCESS: SymbolSpec(_rect, "flowChartProcess", _process_size),
    SymbolKind.DECISION: SymbolSpec(_diamond, "flowChartDecision", _decision_size),
    SymbolKind.CONNECTOR: SymbolSpec(_pentagon, "flowChartOffpageConnector", _offpage_size),
}


def symbol_size(kind: SymbolKind, room: float) -> tuple[float, float]:
    """A symbol's (w, h) in a column that leaves it `room` points of width."""
    return SYMBOLS[kind].size(room)
