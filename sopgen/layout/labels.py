"""Ya/Tidak labels: placed after every line of a page is routed, beside their own exit."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

from sopgen import fonts
from sopgen.geometry import LINE, Box, Cell, Label, Point, Route, Table
from sopgen.layout.state import Placed, round_box
from sopgen.layout.text import LABEL, PAD


def place_label(text: str, own_route: Route, placed: Placed) -> Label:
    """Ya/Tidak beside its exit, inside one cell, clear of symbols, lines and labels.

    Spots are tried along the route from the exit outwards, in the decision's
    own cell first, so the label stays as near its decision as the drawing allows.
    """
    w = fonts.text_width(text, LABEL) + 1.0
    h = LABEL * LINE
    table = placed.table
    segments = [seg for r in placed.routes for seg in itertools.pairwise(r.points)]
    taken = [s.box for s in placed.symbols] + [lb.box for lb in placed.labels]
    # The decision's other exit: a label nearer to it than to its own line misleads.
    route = own_route.points
    siblings = [seg for r in placed.routes
                if r.frm == own_route.frm and not r.joint and r is not own_route
                for seg in itertools.pairwise(r.points)]
    own = list(itertools.pairwise(route))
    a, b = route[0], route[1]
    # The decision's own cell: a step back from the exit, into the symbol.
    back_x = a.x - math.copysign(0.5, b.x - a.x) if abs(b.x - a.x) > 0.01 else a.x
    back_y = a.y - math.copysign(0.5, b.y - a.y) if abs(b.y - a.y) > 0.01 else a.y
    home = _text_area(table, *table.locate(back_x, back_y))
    fallback: Box | None = None  # inside a cell, nothing more
    clear: Box | None = None  # clear of everything, but nearer the other exit
    for own_cell in (True, False):
        for box in _label_spots(route, w, h, NEAR if own_cell else FAR):
            box = round_box(box)
            # Inside the cell's text area: a DOCX anchor counts its offsets from there.
            area = home if own_cell else _text_area(table, *table.locate(box.cx, box.cy))
            if not area.contains(box, tolerance=0.0):
                continue
            fallback = fallback or box
            if any(_overlaps(box, t) for t in taken):
                continue
            if any(box.crossed_by(p, q, inset=0.0) for p, q in segments):
                continue
            if siblings and _distance(box, siblings) < _distance(box, own):
                clear = clear or box
                continue
            return Label(text, box, LABEL)
    best = clear or fallback or round_box(Box(a.x + 2.0, a.y + 1.0, w, h))
    return Label(text, best, LABEL)


def _distance(box: Box, segments: Sequence[tuple[Point, Point]]) -> float:
    """From a box to the nearest of some axis-parallel segments."""
    def one(p: Point, q: Point) -> float:
        dx = max(min(p.x, q.x) - box.right, box.x - max(p.x, q.x), 0.0)
        dy = max(min(p.y, q.y) - box.bottom, box.y - max(p.y, q.y), 0.0)
        return math.hypot(dx, dy)

    return min(one(p, q) for p, q in segments)


def _text_area(table: Table, row: int, col: int) -> Box:
    cell = table.cell_box(row, Cell(col))
    return Box(cell.x + PAD, cell.y + PAD / 2, cell.w - PAD, cell.h - PAD / 2)


NEAR = (1.5, 4.0, 6.0)  # a label's distances from its line, in its decision's cell
FAR = (*NEAR, 8.5, 11.0, 14.0, 17.0, 20.0)  # ... and anywhere on the page


def _label_spots(
    route: tuple[Point, ...], w: float, h: float, aways: Sequence[float]
) -> Iterable[Box]:
    """Both sides of each leg, every 2 pt from its start; next to the line first,
    then a little away from it when another line runs alongside."""
    for away in aways:
        for p, q in itertools.pairwise(route):
            if abs(p.x - q.x) < 0.05:  # a vertical leg
                down = q.y > p.y
                for t in _steps(abs(q.y - p.y)):
                    top = p.y + t + 1.0 if down else p.y - t - 1.0 - h
                    yield Box(p.x + away, top, w, h)
                    yield Box(p.x - w - away, top, w, h)
            else:
                right = q.x > p.x
                for t in _steps(abs(q.x - p.x)):
                    left = p.x + t + 1.5 if right else p.x - t - 1.5 - w
                    yield Box(left, p.y - h - away + 0.5, w, h)
                    yield Box(left, p.y + away - 0.5, w, h)


def _steps(length: float, step: float = 2.0) -> Iterable[float]:
    return (i * step for i in range(int(length // step) + 1))


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


