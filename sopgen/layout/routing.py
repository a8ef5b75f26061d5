"""Orthogonal arrows between the symbols of one procedure page."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from sopgen.geometry import Box, Point
from sopgen.layout.state import CHANNEL, LANE, TURN, Columns, Placed


class Router:
    """Orthogonal arrows that keep out of every symbol.

    Symbols sit in the middle of their cells; the bands above and below them
    and the channels along each column's edges are always free, so a route
    made of those never crosses a symbol. A straight line is used when the
    way is clear.
    """

    def __init__(self, placed: Placed, cols: Columns, obstacles: list[Box]):
        self.placed = placed
        self.table = placed.table
        self.cols = cols
        self.obstacles = obstacles

    def _col_of(self, x: float) -> int:
        return self.table.locate(x, self.table.y)[1]

    def _row_bounds(self, y: float) -> tuple[float, float]:
        row, _ = self.table.locate(self.table.x, y)
        top = self.table.row_y(row)
        return top, top + self.table.rows[row].height

    def _channel(
        self, col: int, side: str, span: tuple[float, float], take: bool = True
    ) -> float:
        """The lane of a column's channel that is free over `span` (y from, to): the
        lowest free one, else the least used; `take=False` only looks."""
        count = self.cols.lanes
        lanes = self.placed.lanes.setdefault((col, side), [[] for _ in range(count)])
        lo, hi = min(span), max(span)

        busy = [sum(1 for a, b in spans if a < hi + 1.0 and lo - 1.0 < b) for spans in lanes]
        lane = min(range(count), key=lambda k: (busy[k], k))
        if take:
            lanes[lane].append((lo, hi))
        left = self.table.col_x(col)
        if side == "right":
            return round(left + self.cols.widths[col] - CHANNEL - lane * LANE, 2)
        return round(left + CHANNEL + lane * LANE, 2)

    def _clashes(self, route: tuple[Point, ...]) -> bool:
        """Whether `route` runs along a line already drawn, or starts or ends where
        another flow does (two flows merging into one target are no clash)."""
        mine = list(itertools.pairwise(route))
        for other in self.placed.routes:
            if other.joint or other.points[-1] == route[-1]:
                continue
            if route[0] in (other.points[0], other.points[-1]) and other.points[0] != route[0]:
                return True
            if route[-1] == other.points[0]:
                return True
            for p, q in itertools.pairwise(other.points):
                if any(_collinear_overlap(p, q, a, b) for a, b in mine):
                    return True
        return False

    def _free(self, a: Point, b: Point, ends: Sequence[Box]) -> bool:
        return not any(o.crossed_by(a, b) for o in self.obstacles if o not in ends)

    def route(
        self, srcs: Sequence[Box], dsts: Sequence[Box], *, side_exit: bool
    ) -> tuple[Point, ...]:
        """From one of the symbols of a step to one of another's (joint steps have several)."""
        if list(srcs) == list(dsts):  # a Tidak to the step itself: repeat until Ya
            return self._self_loop(srcs)
        src, dst = nearest_pair(srcs, dst_list := list(dsts))
        dsts = dst_list
        if dst.y > src.bottom:  # downwards
            if side_exit:
                return self._down_beside(srcs, dsts, src, dst)
            return self._down(src, dst)
        return self._up(srcs, dsts, src, dst)

    def _entry_y(self, dst: Box) -> float:
        top, _ = self._row_bounds(dst.cy)
        return round(max(dst.y - TURN - 1.0, (top + dst.y) / 2), 2)

    def _down(self, src: Box, dst: Box) -> tuple[Point, ...]:
        ends = (src, dst)
        y_in = self._entry_y(dst)
        start = Point(src.cx, src.bottom)
        if abs(src.cx - dst.cx) < 0.05:  # one column: straight down, exactly vertical
            end = Point(src.cx, dst.y)
            if self._free(start, end, ends):
                return (start, end)
        end = Point(dst.cx, dst.y)
        if self._free(start, Point(src.cx, y_in), ends):
            return _clean((start, Point(src.cx, y_in), Point(dst.cx, y_in), end))
        _, row_bottom = self._row_bounds(src.cy)
        y_out = round((src.bottom + row_bottom) / 2, 2)
        if self._free(Point(dst.cx, y_out), end, ends):
            return _clean((start, Point(src.cx, y_out), Point(dst.cx, y_out), end))
        side = "left" if dst.cx < src.cx else "right"
        x = self._channel(self._col_of(src.cx), side, (y_out, y_in))
        return _clean((start, Point(src.cx, y_out), Point(x, y_out), Point(x, y_in),
                       Point(dst.cx, y_in), end))

    def _down_beside(
        self, srcs: Sequence[Box], dsts: Sequence[Box], src: Box, dst: Box
    ) -> tuple[Point, ...]:
        """A decision's Tidak forward: out of its side, down a channel, into the top."""
        def draw(box: Box, side: str, take: bool) -> list[tuple[Point, ...]]:
            target = nearest(dsts, box)
            x = self._channel(self._col_of(box.cx), side, (box.cy, self._entry_y(target)), take)
            return [self._over_top(_side_point(box, side), x, target)]

        return self._by_side(srcs, dsts, src, dst, draw)

    def _up(
        self, srcs: Sequence[Box], dsts: Sequence[Box], src: Box, dst: Box
    ) -> tuple[Point, ...]:
        """Back up a channel; into the side facing it, or the top when a joint line is
        there; into a connector from below when others share its row."""
        def draw(box: Box, side: str, take: bool) -> list[tuple[Point, ...]]:
            reach = (box.cy, min(d.y for d in dsts) - TURN, max(d.bottom for d in dsts))
            x = self._channel(self._col_of(box.cx), side, (min(reach), max(reach)), take)
            start = _side_point(box, side)
            routes: list[tuple[Point, ...]] = []
            if x > max(d.right for d in dsts) or x < min(d.x for d in dsts):
                target = _outermost(dsts, "right" if x > dsts[0].cx else "left")
                routes.append(_clean((start, Point(x, box.cy), Point(x, target.cy),
                                      _side_point(target, "right" if x > target.cx else "left"))))
            else:  # between a joint step's symbols: only over the top
                target = min(dsts, key=lambda d: (abs(d.cx - x), d.x))
            routes.append(self._over_top(start, x, target))  # also when that side is taken
            row, _ = self.table.locate(target.cx, target.cy)
            if self.table.rows[row].kind == "strip":
                _, row_bottom = self._row_bounds(target.cy)
                y_below = round((target.bottom + row_bottom) / 2, 2)
                routes.append(_clean((start, Point(x, box.cy), Point(x, y_below),
                                      Point(target.cx, y_below),
                                      Point(target.cx, target.bottom))))
            return routes

        return self._by_side(srcs, dsts, src, dst, draw)

    def _self_loop(self, boxes: Sequence[Box]) -> tuple[Point, ...]:
        """Out of the symbol's side, up its channel and back into its own top, as signed
        sheets draw "repeat until Ya"; a joint step uses an outer side of its own."""
        def draw(box: Box, side: str, take: bool) -> list[tuple[Point, ...]]:
            span = (self._entry_y(box), box.cy)
            x = self._channel(self._col_of(box.cx), side, span, take)
            return [self._over_top(_side_point(box, side), x, box)]

        first = boxes[0]
        return self._by_side(boxes, boxes, first, first, draw)

    def _over_top(self, start: Point, x: float, target: Box) -> tuple[Point, ...]:
        """Out sideways to the channel at `x`, along it, and into `target` from above."""
        y_in = self._entry_y(target)
        return _clean((start, Point(x, start.y), Point(x, y_in), Point(target.cx, y_in),
                       Point(target.cx, target.y)))

    def _by_side(
        self,
        srcs: Sequence[Box],
        dsts: Sequence[Box],
        src: Box,
        dst: Box,
        draw: Callable[[Box, str, bool], list[tuple[Point, ...]]],
    ) -> tuple[Point, ...]:
        """A route out of a symbol's side: the nearest symbol of the step and the side
        facing the target first, but never the side a joint step's line takes, and
        never through another symbol."""
        facing = "left" if dst.cx < src.cx - 0.01 else "right"
        options = [
            (box, side)
            for box in sorted(srcs, key=lambda b: (b is not src, abs(b.cx - dst.cx), b.x))
            for side in (facing, "right" if facing == "left" else "left")
        ]
        options.sort(key=lambda o: _joined_on(srcs, o[0], o[1]))  # stable: order kept
        clear: tuple[Box, str, int] | None = None  # free of symbols, but along a line
        for box, side in options:
            for k, route in enumerate(draw(box, side, False)):
                ends = (box, *dsts)
                if all(self._free(p, q, ends) for p, q in itertools.pairwise(route)):
                    if not self._clashes(route):
                        return draw(box, side, True)[k]
                    clear = clear or (box, side, k)
        if clear is not None:
            return draw(clear[0], clear[1], True)[clear[2]]
        return draw(*options[0], True)[0]


def _collinear_overlap(p: Point, q: Point, a: Point, b: Point) -> bool:
    """Two axis-parallel segments on one line, sharing more than a point."""
    if abs(p.x - q.x) < 0.01 and abs(a.x - b.x) < 0.01 and abs(p.x - a.x) < 0.01:
        lo, hi = max(min(p.y, q.y), min(a.y, b.y)), min(max(p.y, q.y), max(a.y, b.y))
        return hi - lo > 0.5
    if abs(p.y - q.y) < 0.01 and abs(a.y - b.y) < 0.01 and abs(p.y - a.y) < 0.01:
        lo, hi = max(min(p.x, q.x), min(a.x, b.x)), min(max(p.x, q.x), max(a.x, b.x))
        return hi - lo > 0.5
    return False


def _side_point(box: Box, side: str) -> Point:
    return Point(box.x if side == "left" else box.right, box.cy)


def _joined_on(boxes: Sequence[Box], box: Box, side: str) -> bool:
    """Whether a joint step's line leaves `box` on `side`."""
    if side == "left":
        return any(b.cx < box.cx - 0.01 for b in boxes)
    return any(b.cx > box.cx + 0.01 for b in boxes)


def _outermost(boxes: Sequence[Box], side: str) -> Box:
    return min(boxes, key=lambda b: b.x) if side == "left" else max(boxes, key=lambda b: b.x)


def _clean(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """Drop repeated and collinear middle points, keep every corner."""
    out: list[Point] = []
    for p in points:
        p = Point(round(p.x, 2), round(p.y, 2))
        if out and abs(out[-1].x - p.x) < 0.01 and abs(out[-1].y - p.y) < 0.01:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a.x - b.x) < 0.01 and abs(b.x - p.x) < 0.01) or (
                abs(a.y - b.y) < 0.01 and abs(b.y - p.y) < 0.01
            ):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def nearest(candidates: Sequence[Box], other: Box) -> Box:
    return min(candidates, key=lambda b: (abs(b.cx - other.cx), b.x))


def nearest_pair(a: Sequence[Box], b: Sequence[Box]) -> tuple[Box, Box]:
    pairs = [(abs(x.cx - y.cx), x.x, y.x, x, y) for x in a for y in b]
    best = min(pairs, key=lambda p: (p[0], p[1], p[2]))
    return best[3], best[4]


