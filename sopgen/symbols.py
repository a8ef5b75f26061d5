"""The regulation's shaped symbols as data: how each is drawn in SVG and DrawingML.

One table, so the PDF and the DOCX cannot drift apart on what a symbol is.
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


@dataclass(frozen=True)
class SymbolSpec:
    svg: Callable[[Box], str]
    prst: str  # DrawingML preset geometry


SYMBOLS: dict[SymbolKind, SymbolSpec] = {
    SymbolKind.TERMINATOR: SymbolSpec(_capsule, "flowChartTerminator"),
    SymbolKind.PROCESS: SymbolSpec(_rect, "flowChartProcess"),
    SymbolKind.DECISION: SymbolSpec(_diamond, "flowChartDecision"),
    SymbolKind.CONNECTOR: SymbolSpec(_pentagon, "flowChartOffpageConnector"),
}
