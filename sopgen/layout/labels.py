"""Ya/Tidak labels: beside the first segment of their own exit, nowhere else.

A reader takes a label for the line it stands nearest to. So a spot is good only
when that line is its own exit's first segment: clear of every symbol, line and
other label, inside one cell (its white ground would hide a grid line it straddled;
a DOCX anchor counts from the cell), and nearer to its own first segment than to
any other flow (the line entering the decision above all).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sopgen import fonts
from sopgen.geometry import LINE, Box, Cell, Point, Symbol, SymbolKind, Table
from sopgen.layout.segments import Segment, box_distance, hits, segments, vertical
from sopgen.layout.state import round_box
from sopgen.layout.text import LABEL, PAD

AWAY = (1.5, 3.0)  # a label's distances from its line
FAR = (5.0, 8.0, 12.0)  # ... when no spot beside it will do
ALONG = 1.5  # the step of the spots along the line
CLOSER = 0.5  # ... at least this much nearer to its own line than to any other
OUTLINE = 1.0  # a label keeps this far from a diamond's outline
REACH = 60.0  # how far along its line a label is still read as its exit's


def label_size(text: str) -> tuple[float, float]:
    lines = text.split("\n")
    return max(fonts.text_width(t, LABEL) for t in lines) + 1.0, LABEL * LINE * len(lines)


MAX_LINES = 3  # a label set on more lines no longer reads as one phrase


def wrapped(text: str, lines: int = 2) -> str | None:
    """A label of several words set on `lines` lines, the breaks where the widest line
    is narrowest (`Belum` / `lengkap`): a label wider than the room beside its exit in
    a crowded column fits there, where on one line it would stand beside another flow.
    None when it has fewer words than lines."""
    words = text.split()
    if len(words) < lines:
        return None

    def widest(cuts: tuple[int, ...]) -> float:
        bounds = (0, *cuts, len(words))
        return max(fonts.text_width(" ".join(words[a:b]), LABEL)
                   for a, b in itertools.pairwise(bounds))

    best = min(itertools.combinations(range(1, len(words)), lines - 1),
               key=lambda cuts: (widest(cuts), cuts))
    bounds = (0, *best, len(words))
    return "\n".join(" ".join(words[a:b]) for a, b in itertools.pairwise(bounds))


def forms(text: str) -> list[str]:
    """The label as it may be set, the fewest lines first."""
    one = " ".join(text.split())
    return [one, *(f for k in range(2, MAX_LINES + 1) if (f := wrapped(one, k)) is not None)]


def narrowest(text: str) -> float:
    """The width of the label's narrowest form."""
    return min(label_size(f)[0] for f in forms(text))


def drawn_text(text: str, box: Box) -> str:
    """The label as its spot sets it: on as many lines as the spot is tall."""
    found = forms(text)
    lines = max(1, min(len(found), round(box.h / (LABEL * LINE))))
    return found[lines - 1]


class TextAreas:
    """The text area (inside the padding) of the table cell holding a box's centre,
    found by bisection and kept per cell: a page's label search asks a million times."""

    def __init__(self, table: Table, columns: range | None = None):
        self.table = table
        self.columns = columns  # where labels may stand: the role columns
        xs = [table.x]
        for w in table.widths:
            xs.append(xs[-1] + w)
        ys = [table.y]
        for r in table.rows:
            ys.append(ys[-1] + r.height)
        self.xs, self.ys = xs, ys
        self._cache: dict[tuple[int, int], Box] = {}

    def of(self, box: Box) -> Box:
        # Edges belong to the next cell, as in Table.locate.
        row = min(max(bisect.bisect_right(self.ys, box.cy + 1e-6) - 1, 0), len(self.ys) - 2)
        col = min(max(bisect.bisect_right(self.xs, box.cx + 1e-6) - 1, 0), len(self.xs) - 2)
        area = self._cache.get((row, col))
        if area is None and self.columns is not None and col not in self.columns:
            # Not in Kegiatan or Mutu Baku: a label there reads as part of their text.
            area = self._cache[(row, col)] = Box(self.xs[col], self.ys[row], 0.0, 0.0)
        if area is None:
            cell = self.table.cell_box(row, Cell(col))
            area = Box(cell.x + PAD, cell.y + PAD / 2, cell.w - PAD, cell.h - PAD / 2)
            self._cache[(row, col)] = area
        return area


def label_spot(
    text: str,
    route: Sequence[Point],
    areas: TextAreas,
    obstacles: Sequence[Box],
    others: Sequence[Segment],
    *,
    strict: bool = True,
) -> Box | None:
    """The first good spot beside the route's first segment, or None; the label on
    one line first, then on two or three (`drawn_text` tells which from the box).

    `obstacles` are symbols and labels already placed; `others` every segment of the
    page's other lines (joint lines included); the route's own later segments may
    pass near the label but not through it. `strict=False` is the fallback when no
    spot is good: inside a cell and clear of symbols, labels and lines if it can be,
    else only inside a cell and off the symbols, farther from the exit if need be."""
    fallbacks: list[Box | None] = [None, None]
    for form in forms(text):
        good, near, crossed = _search(form, route, areas, obstacles, others, strict)
        if good is not None:
            return good
        fallbacks = [fallbacks[0] or near, fallbacks[1] or crossed]
    return None if strict else (fallbacks[0] or fallbacks[1])


def _search(text: str, route: Sequence[Point], areas: TextAreas, obstacles: Sequence[Box],
            others: Sequence[Segment], strict: bool,
            ) -> tuple[Box | None, Box | None, Box | None]:
    """The first good spot for `text` as set, and (not `strict`) the first spot
    nearer another line and the first crossed one."""
    w, h = label_size(text)
    own = segments(route)
    first = own[0]
    tiers: list[Box | None] = [None, None]
    spots = (_spots(first, w, h) if strict
             else itertools.chain((box for seg in _near_start(own)
                                   for box in _spots(seg, w, h, far=True)),
                                  _around(first, w, h)))
    for box in spots:
        box = round_box(box)
        if not areas.of(box).contains(box, tolerance=0.0):
            continue
        if any(_overlaps(box, o) for o in obstacles):
            continue
        crossed = any(hits(box, s) for s in own) or any(hits(box, s) for s in others)
        if crossed:
            tiers[1] = tiers[1] or box
            continue
        mine = box_distance(box, first)
        if any(box_distance(box, s) < mine + CLOSER for s in others):
            tiers[0] = tiers[0] or box
            continue
        return box, None, None
    return None, tiers[0], tiers[1]


def _near_start(own: Sequence[Segment]) -> list[Segment]:
    """The route's segments that start within REACH of its exit: a label beside a
    stretch farther down the line is read as some other flow's."""
    out: list[Segment] = []
    run = 0.0
    for seg in own:
        if run > REACH:
            break
        out.append(seg)
        run += abs(seg[1].x - seg[0].x) + abs(seg[1].y - seg[0].y)
    return out


def _spots(first: Segment, w: float, h: float, *, far: bool = False) -> Iterable[Box]:
    """Both sides of the first segment, from its start outwards, close first (and,
    `far`, a little farther out too)."""
    p, q = first
    span = min(max(abs(q.x - p.x), abs(q.y - p.y)), REACH)
    steps = [i * ALONG for i in range(int(span // ALONG) + 1)]
    for away in (*AWAY, *FAR) if far else AWAY:
        if vertical(first):
            down = q.y >= p.y
            for t in steps:
                top = p.y + t + 1.0 if down else p.y - t - 1.0 - h
                yield Box(p.x + away, top, w, h)  # right of the line first: as sheets print
                yield Box(p.x - away - w, top, w, h)
        else:
            right = q.x >= p.x
            for t in steps:
                left = p.x + t + 1.0 if right else p.x - t - 1.0 - w
                yield Box(left, p.y - away - h, w, h)  # above the line first
                yield Box(left, p.y + away, w, h)
    # A label longer than the room beside a short side exit: tucked back towards the
    # symbol, under or over its corner (only a diamond's corners leave room).
    p, q = first
    if not vertical(first):
        right = q.x >= p.x
        for away in AWAY:
            for t in (i * ALONG for i in range(1, int(w // ALONG) + 1)):
                left = p.x + 1.0 - t if right else p.x - 1.0 - w + t
                yield Box(left, p.y + away, w, h)
                yield Box(left, p.y - away - h, w, h)
    # A label longer than a short first segment: past its corner, on the side the
    # line turns away from (the corner's own later segments are checked by the caller).
    for away in AWAY:
        if vertical(first):
            down = q.y >= p.y
            top = q.y + away if down else q.y - away - h
            yield Box(q.x + 1.0, top, w, h)
            yield Box(q.x - 1.0 - w, top, w, h)
        else:
            left = q.x + away if q.x >= p.x else q.x - away - w
            yield Box(left, q.y - 1.0 - h, w, h)
            yield Box(left, q.y + 1.0, w, h)


def _around(first: Segment, w: float, h: float, reach: float = 40.0) -> list[Box]:
    """Every spot within `reach` of the exit's first segment, nearest first: where a
    label goes when nothing beside its line is clear."""
    p = first[0]
    spots = [Box(p.x + dx - w / 2, p.y + dy - h / 2, w, h)
             for dx in _range(-reach, reach, 2.0) for dy in _range(-reach, reach, 2.0)]
    return sorted(spots, key=lambda b: (box_distance(b, first), b.y, b.x))


def _range(lo: float, hi: float, step: float) -> list[float]:
    return [lo + i * step for i in range(int((hi - lo) // step) + 1)]


def fallback_spot(text: str, route: Sequence[Point], areas: TextAreas) -> Box:
    """Where a label goes when no spot is even clear of the symbols: beside its exit,
    moved inside the text area of the exit's cell when it is narrower than that."""
    w, h = label_size(text)
    p, q = route[0], route[1]
    if vertical((p, q)):
        box = Box(p.x + AWAY[0], p.y + 1.0, w, h)
    else:
        left = p.x + 1.0 if q.x >= p.x else p.x - 1.0 - w
        box = Box(left, p.y - AWAY[0] - h, w, h)
    area = areas.of(Box(p.x, p.y, 0.0, 0.0))
    if area.w >= w and area.h >= h:
        box = Box(min(max(box.x, area.x), area.right - w),
                  min(max(box.y, area.y), area.bottom - h), w, h)
    return round_box(box)


@dataclass(frozen=True)
class Diamond(Box):
    """A decision's box as an obstacle: a label may tuck into the empty corners
    beside the diamond (as signed sheets print `Tidak` under its side corner), not
    onto its outline."""


def obstacle(sym: Symbol) -> Box:
    b = sym.box
    return Diamond(b.x, b.y, b.w, b.h) if sym.kind is SymbolKind.DECISION else b


def _overlaps(a: Box, b: Box) -> bool:
    if not (a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom):
        return False
    if not isinstance(b, Diamond):
        return True
    # The point of the label nearest the centre, against the diamond grown by its
    # outline's half width and a little air.
    hw, hh = b.w / 2 + OUTLINE, b.h / 2 + OUTLINE
    nx = min(max(b.cx, a.x), a.right)
    ny = min(max(b.cy, a.y), a.bottom)
    return abs(nx - b.cx) / hw + abs(ny - b.cy) / hh < 1.0
