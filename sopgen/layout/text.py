"""Text measurement for the layout: how tall a cell's text is at a width.

Row heights come from the real font's metrics with slack, so Pango,
LibreOffice and Word, which break lines slightly differently, all fit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from sopgen import fonts
from sopgen.geometry import LINE, Para

# Type sizes and spacing, in points.
BODY = 9.0
SMALL = 8.0
HEADER = 8.5
LABEL = 6.5
FOOTER = 7.5
PAD = 3.0  # cell padding left/right; top/bottom is PAD / 2 ... plus slack
SLACK = 0.90  # wrap at 90 % of the width: other engines break a little later
EXTRA_LINE = 0.6  # spare fraction of a line under every text


def tw(v: float) -> float:
    """Round to a twip (1/20 pt): the DOCX grid unit, so both renderers share one value."""
    return round(v * 20) / 20


def tw_up(v: float) -> float:
    """A height up to the next twip: rounding a row down could cut its last line."""
    return math.ceil(v * 20 - 1e-6) / 20


def number_indent(size: float) -> float:
    """The hanging indent of a numbered item at this type size."""
    return 14.0 if size <= BODY else 16.0


def _lines(text: str, width: float, size: float, bold: bool = False) -> int:
    return len(fonts.wrap(text, max(width * SLACK, 1.0), size, bold))


def para_height(p: Para, width: float) -> float:
    inner = width - (p.indent if p.number else 0.0)
    return p.space_before + _lines(p.text, inner, p.size, p.bold) * p.size * LINE


def text_height(paras: Iterable[Para], width: float) -> float:
    """The likely height of the text alone, without slack: for centring it vertically."""
    total = 0.0
    for p in paras:
        inner = width - 2 * PAD - (p.indent if p.number else 0.0)
        total += p.space_before + len(fonts.wrap(p.text, inner, p.size, p.bold)) * p.size * LINE
    return total


def cell_height(paras: Iterable[Para], width: float) -> float:
    """Height a cell needs: its paragraphs, the padding, and a spare part of a line."""
    paras = list(paras)
    if not paras:
        return 0.0
    inner = width - 2 * PAD
    text = sum(para_height(p, inner) for p in paras)
    return text + PAD + EXTRA_LINE * paras[0].size * LINE
