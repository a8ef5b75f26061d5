"""A page as an importer sees it: text, straight rules, symbols and ink, in points.

Every reader (PDF, DOCX, Excel drawing) turns its source into these pages and
`sopgen.impor.sheet` reads the SOP from them by geometry alone: which column
and row a symbol covers, which symbols a line joins. So the same rules read a
hand-drawn Word sheet and sopgen's own output, whatever names their shapes
carry. Origin at the page's top-left corner, y growing downwards.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from sopgen import fonts

SPACE_EM = 0.278  # Arial's space, in ems: the gap a wrapped line would have needed
_LIST_MARK = re.compile(r"^(\d{1,3}[.)]|[a-z][.)]|[-•▪●])\s")


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.bottom - self.top

    def holds(self, x: float, y: float, slack: float = 0.0) -> bool:
        return (self.x0 - slack <= x <= self.x1 + slack
                and self.top - slack <= y <= self.bottom + slack)

    def distance(self, x: float, y: float) -> float:
        """From a point to the box (0 inside)."""
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.top - y, 0.0, y - self.bottom)
        return math.hypot(dx, dy)

    def gap(self, other: Box) -> float:
        """Between two boxes (0 when they touch or overlap)."""
        dx = max(other.x0 - self.x1, 0.0, self.x0 - other.x1)
        dy = max(other.top - self.bottom, 0.0, self.top - other.bottom)
        return math.hypot(dx, dy)


@dataclass(frozen=True)
class Word:
    """A printed word (PDF), or a whole paragraph whose text is known exactly (DOCX,
    XLSX: `exact`, line breaks included); `order` keeps paragraphs of one cell in order."""

    text: str
    box: Box
    size: float = 9.0
    bold: bool = False
    exact: bool = False
    order: int = 0
    where: str = ""  # the source cell (`Lembar1!B7`) when the source has cells
    floating: bool = False  # a shape's text (a text box beside a line), not a cell's


class Shape(Enum):
    TERMINATOR = "terminator"
    PROCESS = "process"
    DECISION = "decision"
    CONNECTOR = "connector"


@dataclass(frozen=True)
class Symbol:
    shape: Shape
    box: Box
    text: str = ""  # a connector's letter, or text written inside the symbol


@dataclass(frozen=True)
class Rule:
    """A straight axis-parallel stroke: a table border, or a piece of a flow line."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) < abs(self.y1 - self.y0)


Point = tuple[float, float]


@dataclass(frozen=True)
class Ink:
    """A drawn line that is not a table border: a polyline, or the outline of a line
    drawn as a thin filled shape. Only its points matter: which symbols it touches."""

    points: tuple[Point, ...]

    def segments(self) -> Iterable[tuple[Point, Point]]:
        return zip(self.points, self.points[1:], strict=False)


@dataclass(frozen=True)
class Arrowhead:
    tip: Point
    box: Box


@dataclass
class Page:
    number: int  # 1-based, as the source counts
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)
    inks: list[Ink] = field(default_factory=list)
    arrowheads: list[Arrowhead] = field(default_factory=list)


def segment_distance(p: Point, a: Point, b: Point) -> float:
    """From point p to segment a-b."""
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def ink_distance(p: Point, ink: Ink) -> float:
    if len(ink.points) == 1:
        return math.hypot(p[0] - ink.points[0][0], p[1] - ink.points[0][1])
    return min(segment_distance(p, a, b) for a, b in ink.segments())


# --- text --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return Box(min(w.box.x0 for w in self.words), min(w.box.top for w in self.words),
                   max(w.box.x1 for w in self.words), max(w.box.bottom for w in self.words))

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)


def lines_of(words: Sequence[Word]) -> list[Line]:
    """Words grouped into printed lines, top to bottom, left to right."""
    ordered = sorted(words, key=lambda w: (w.order, w.box.top, w.box.x0))
    lines: list[list[Word]] = []
    for word in ordered:
        if lines and not word.exact and not lines[-1][0].exact:
            last = lines[-1]
            ref = last[0].box
            overlap = min(ref.bottom, word.box.bottom) - max(ref.top, word.box.top)
            if overlap > 0.5 * min(ref.h, word.box.h):
                last.append(word)
                continue
        lines.append([word])
    return [Line(tuple(sorted(line, key=lambda w: w.box.x0))) for line in lines]


def cell_text(words: Sequence[Word], area: Box | None = None) -> str:
    """A cell's text as typed: wrapped lines joined with a space, a line that ended
    before the next word would have wrapped it is a typed line break, a paragraph
    gap too; a word broken across lines (it alone filled a line) joins without one."""
    lines = lines_of(words)
    if not lines:
        return ""
    if all(line.words[0].exact for line in lines):
        return "\n".join(line.text for line in lines)
    left = min(line.box.x0 for line in lines)
    pad = max(left - area.x0, 1.0) if area is not None else 0.0
    right = area.x1 - pad if area is not None else max(line.box.x1 for line in lines)
    out = lines[0].text
    listed = _LIST_MARK.match(out) is not None
    for prev, line in itertools.pairwise(lines):
        out += _joint(prev, line, right, listed) + line.text
    return out


def _joint(prev: Line, line: Line, right: float, listed: bool) -> str:
    size = prev.size
    gap = line.box.top - prev.box.bottom
    if gap > 0.55 * size:
        blank = round((gap - 0.2 * size) / (1.2 * size))
        return "\n" * (1 + max(blank, 0))
    if listed and _LIST_MARK.match(line.text):  # the next item of a typed list
        return "\n"
    last = prev.words[-1].text
    first = line.words[0]
    room = right - prev.box.x1 - SPACE_EM * size
    if first.box.w < room - 1.0:
        return "\n"  # the next word would have fitted: the line was ended by hand
    # a word is cut only when it is wider than a whole line, and the cut leaves less
    # room than its next letter
    char = fonts.text_width(first.text[:1], size) + 0.5
    wider = prev.box.w + first.box.w > right - prev.box.x0 + 0.5
    if len(prev.words) == 1 and wider and right - prev.box.x1 < char:
        return ""  # one word filled the line and goes on: a word too long for its cell
    if last.endswith("-") and len(last) > 1 and not last.endswith(" -"):
        return ""
    return " "
