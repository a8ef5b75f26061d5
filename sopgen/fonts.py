"""Text measurement with the real font's advance widths (Liberation Sans).

The layout decides every row height itself, so it must know how many lines
a text takes. Liberation Sans is metric-compatible with Arial, which Word,
LibreOffice and WeasyPrint all use for the sheet.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from sopgen import messages as msg

FAMILY = "Liberation Sans"
_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/liberation-sans"),
    Path("/usr/share/fonts/liberation"),
    Path.home() / ".local/share/fonts",
)
_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}


class FontMissing(RuntimeError):
    """Liberation Sans is not installed; str() tells the planner how to install it."""


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    advances: dict[int, int]  # code point -> advance width in font units
    fallback: int

    def width(self, text: str, size: float) -> float:
        units = sum(self.advances.get(ord(ch), self.fallback) for ch in text)
        return units * size / self.units_per_em


def font_path(bold: bool = False) -> Path:
    for folder in _FONT_DIRS:
        candidate = folder / _FILES[bold]
        if candidate.is_file():
            return candidate
    raise FontMissing(msg.font_missing(FAMILY))


@functools.cache
def metrics(bold: bool = False) -> FontMetrics:
    font = TTFont(font_path(bold), lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    advances = {cp: hmtx[name][0] for cp, name in cmap.items()}
    fallback = advances.get(ord("M"), font["head"].unitsPerEm // 2)
    return FontMetrics(font["head"].unitsPerEm, advances, fallback)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return metrics(bold).width(text, size)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy line breaking at spaces, as word processors do; an over-long word is cut.

    Keeps the planner's own line breaks (Alt+Enter). An empty text is one empty line.
    """
    m = metrics(bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, size, m))
    return lines


def _wrap_paragraph(paragraph: str, width: float, size: float, m: FontMetrics) -> Iterator[str]:
    words = paragraph.split()
    if not words:
        yield ""
        return
    space = m.width(" ", size)
    line = ""
    line_width = 0.0
    for word in words:
        for j, piece in enumerate(pieces(word)):
            w = m.width(piece, size)
            glue = space if j == 0 else 0.0
            if line and line_width + glue + w <= width:
                line += (" " if j == 0 else "") + piece
                line_width += glue + w
                continue
            if line:
                yield line
            while w > width and len(piece) > 1:
                cut = _fit_prefix(piece, width, size, m)
                yield piece[:cut]
                piece = piece[cut:]
                w = m.width(piece, size)
            line, line_width = piece, w
    yield line


_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")


def pieces(word: str) -> list[str]:
    """A word split after each hyphen between letters (`perundang-` `undangan`): Pango,
    LibreOffice and Word all break a line there, so the layout must too."""
    return _HYPHEN_BREAK.split(word) if "-" in word else [word]


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """`len(wrap(...))` without building the lines: the layout asks it thousands of
    times while it chooses column widths, each word measured once per text."""
    m = metrics(bold)
    space = m.width(" ", size)
    count = 0
    for words in _measured(text, size, bold):
        if not words:
            count += 1
            continue
        started = False
        line_width = 0.0
        for word in words:
            for j, (piece, w) in enumerate(word):
                glue = space if j == 0 else 0.0
                if started and line_width + glue + w <= width:
                    line_width += glue + w
                    continue
                if started:
                    count += 1
                while w > width and len(piece) > 1:
                    piece = piece[_fit_prefix(piece, width, size, m):]
                    w = m.width(piece, size)
                    count += 1
                started, line_width = True, w
        count += 1
    return count


@functools.lru_cache(maxsize=1 << 16)
def _measured(text: str, size: float, bold: bool,
              ) -> tuple[tuple[tuple[tuple[str, float], ...], ...], ...]:
    m = metrics(bold)
    return tuple(tuple(tuple((piece, m.width(piece, size)) for piece in pieces(word))
                       for word in paragraph.split())
                 for paragraph in text.split("\n"))


def _fit_prefix(word: str, width: float, size: float, m: FontMetrics) -> int:
    total = 0.0
    for i, ch in enumerate(word):
        total += m.width(ch, size)
        if total > width:
            return max(i, 1)
    return len(word)


def longest_word(text: str, size: float, bold: bool = False,
                 below: float = math.inf) -> float:
    """Width of the widest word (of those no wider than `below`): the narrowest
    column that never cuts a word. A hyphenated word counts by its widest piece
    (`perundang-`): every engine breaks a line after its hyphen, as `wrap` does."""
    m = metrics(bold)
    return max((w for w in (m.width(t, size) for word in text.split() for t in pieces(word))
                if w <= below), default=0.0)
