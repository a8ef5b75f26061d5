"""Orthogonal arrows for one procedure page, routed as one problem.

Every flow gets candidate routes of the few shapes a careful hand draws: straight
down; down, across and down; out of a decision's side into a lane and on into its
target's top or side. Each candidate is judged against what the page already holds:
it may not pass through a symbol, run along another line (flows merging into one
arrowhead excepted), run within CLEARANCE of a parallel grid line (it would read as a
doubled border), cross a label or come nearer to it than its own line does; among
what is left the one crossing the fewest lines wins, then the one whose own label
finds a spot, then the fewest bends and the shortest. Forward flows go first, in
step order, then loops and branches, shortest first, so short loops take the lanes
nearest their symbols.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopgen.geometry import Box, Label, Point, Route, SymbolKind
from sopgen.layout.labels import TextAreas, drawn_text, fallback_spot, label_spot, obstacle
from sopgen.layout.segments import (
    EPS,
    Segment,
    beside,
    box_distance,
    crosses,
    hits,
    length,
    near_parallel,
    segments,
)
from sopgen.layout.state import CLEARANCE, LANE, SYMBOL_AIR, TURN, Columns, Placed
from sopgen.layout.text import LABEL

# What a candidate costs: the first three are all but forbidden.
SYMBOL = 1e7  # through a symbol
SHARED = 1e6  # along another flow, or meeting it end to start
LABEL_HIT = 3e5  # through a label
JOINT = 1e5  # along a joint step's line, or ending where it meets its symbol
NEAR_LABEL = 1e4  # nearer to a label than the label's own line
CLEAR = 3e3  # a segment within CLEARANCE of a parallel grid line
HUG = 1.5e2  # a segment beside another step's symbol (not a connector), nearer than
# SYMBOL_AIR to its side
NO_SPOT = 1.5e3  # a decision exit whose label finds no good spot
CROSS = 1e3  # a crossing
BEND = 8.0
LENGTH = 0.05
SIDE_STEP = 2.0  # a lane's first segment out of a side is at least this long
NEAREST = 6  # heights tried for a turn near one end of a long flow
DETOUR = 90.0  # how far beside its ends a detour's lane may lie (about a column)
FARTHEST = 16  # lanes tried beside a side exit, nearest first (two or three columns)


@dataclass(frozen=True)
class Flow:
    """One arrow to draw on the page: from one of `srcs` to one of `dsts`."""

    frm: int
    to: int
    srcs: tuple[Box, ...]
    dsts: tuple[Box, ...]
    side_exit: bool  # leaves its source's side: a decision's Tidak, a connector going up
    label: str = ""  # printed at its exit


@dataclass
class _Placed:
    label: Label
    own: Segment  # the first segment of its exit


def _clean(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated and collinear middle points, keep every corner."""
    out: list[Point] = []
    for p in points:
        p = Point(round(p.x, 2), round(p.y, 2))
        if out:  # one coordinate shared with the point before: exactly the same value
            q = out[-1]
            p = Point(q.x if abs(q.x - p.x) < 0.05 else p.x, q.y if abs(q.y - p.y) < 0.05 else p.y)
        if out and abs(out[-1].x - p.x) < EPS and abs(out[-1].y - p.y) < EPS:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a.x - b.x) < EPS and abs(b.x - p.x) < EPS) or (
                abs(a.y - b.y) < EPS and abs(b.y - p.y) < EPS
            ):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _side(box: Box, side: str) -> Point:
    return Point(box.x if side == "left" else box.right, box.cy)


class PageRouter:
    """Routes every flow of one page into `placed`, and places their labels."""

    def __init__(self, placed: Placed, cols: Columns):
        self.placed = placed
        self.table = placed.table
        self.cols = cols
        t = self.table
        self.col_xs = [t.col_x(i) for i in range(len(t.widths) + 1)]
        body = [i for i, r in enumerate(t.rows) if r.kind in ("step", "strip")]
        self.body_rows = body
        self.row_ys = sorted({t.row_y(i) for i in body} | {t.row_y(body[-1] + 1)}) if body else []
        self.labels: list[_Placed] = []
        self.areas = TextAreas(t, range(cols.first_role, cols.first_role + cols.roles))
        self.nearest, self.farthest, self.detour = NEAREST, FARTHEST, DETOUR
        self._start = len(placed.routes)  # joint lines come before any flow
        self._labels_start = len(placed.labels)

    # -- the whole page ------------------------------------------------------------

    def route_all(self, flows: Sequence[Flow]) -> None:
        """Forward flows first, then loops and branches; when that leaves crossings,
        the other way round too (a forward flow's detour may take the side a loop
        needs), and the order that costs less is kept."""
        forward = [f for f in flows if not f.side_exit and self._downwards(f)]
        rest = [f for f in flows if f not in forward]
        rest.sort(key=lambda f: (self._span(f), f.frm, f.to))
        forward.sort(key=lambda f: (f.frm, f.to))
        crossings, first = self._attempt([*forward, *rest])
        if crossings == 0 or not rest or not forward:
            return
        kept = self._take()
        _, second = self._attempt([*rest, *forward])
        if second >= first:  # by cost: a shared stretch is far worse than a crossing
            self._take()
            self._put(kept)

    def _attempt(self, order: Sequence[Flow]) -> tuple[int, float]:
        """Route in this order; (crossings, total cost) of the result."""
        total = 0.0
        for flow in order:
            total += self._route(flow)
        self._replace_crossed_labels()
        mine = [r for r in self.placed.routes[self._start:] if not r.joint]
        crossings = sum(1 for i, a in enumerate(mine) for b in mine[i + 1:]
                        for sa in segments(a.points) for sb in segments(b.points)
                        if crosses(sa, sb))
        return crossings, total

    def _take(self) -> tuple[list[Route], list[Label], list[_Placed]]:
        """Remove what this router placed, and give it back."""
        placed = self.placed
        out = (placed.routes[self._start:], placed.labels[self._labels_start:], self.labels)
        del placed.routes[self._start:]
        del placed.labels[self._labels_start:]
        self.labels = []
        return out

    def _put(self, kept: tuple[list[Route], list[Label], list[_Placed]]) -> None:
        self.placed.routes += kept[0]
        self.placed.labels += kept[1]
        self.labels = kept[2]

    def _replace_crossed_labels(self) -> None:
        """A label a later line had to cross, or came nearer to than the label's own
        exit, after all moves to a spot beside its own exit again."""
        placed = self.placed
        for k, label in enumerate(placed.labels):
            route = next(r for r in placed.routes if (r.frm, r.to) == (label.frm, label.to)
                         and not r.joint)
            others = [s for r in placed.routes if r is not route for s in segments(r.points)]
            mine = box_distance(label.box, segments(route.points)[0])
            if not any(hits(label.box, s) or box_distance(label.box, s) <= mine
                       for s in others):
                continue
            obstacles = [*(obstacle(s) for s in placed.symbols),
                         *(lb.box for i, lb in enumerate(placed.labels) if i != k)]
            box = label_spot(label.text, route.points, self.areas, obstacles, others)
            if box is None and any(hits(label.box, s) for s in others):
                box = label_spot(label.text, route.points, self.areas, obstacles, others,
                                 strict=False)  # crossed: any clearer spot is better
            if box is not None:
                placed.labels[k] = Label(drawn_text(label.text, box), box, label.size,
                                         label.frm, label.to)

    def _downwards(self, flow: Flow) -> bool:
        return min(d.y for d in flow.dsts) > max(s.bottom for s in flow.srcs) - EPS

    def _span(self, flow: Flow) -> float:
        return abs(min(d.cy for d in flow.dsts) - min(s.cy for s in flow.srcs))

    # -- one flow --------------------------------------------------------------------

    def _route(self, flow: Flow) -> float:
        scene = _Scene(self)
        best: tuple[float, tuple[Point, ...], Box | None] | None = None
        spots: dict[Segment, Box | None] = {}
        for stage in (1, 2, 3):
            candidates = self._candidates(flow, detours=stage >= 2)
            if stage == 3 and not candidates:  # nowhere a careful hand would go: any way
                candidates = self._last_resort(flow)
            # Cheap first: bends and length only, so the good ones are judged first
            # and the rest stop as soon as they cost more than the best so far.
            ordered = sorted((_base(c), [(p.x, p.y) for p in c], c) for c in candidates)
            for base, _, points in ordered:
                limit = best[0] if best is not None else float("inf")
                if base >= limit:
                    break  # a cost is never below its base: none of the rest can win
                cost = scene.cost(points, flow, limit)
                if cost >= limit:
                    continue
                spot = self._spot(flow.label, points, scene, spots) if flow.label else None
                cost += NO_SPOT if flow.label and spot is None else 0.0
                if cost < limit:
                    best = (cost, points, spot)
            if best is not None and (best[0] < CROSS or stage == 2):
                break  # no crossing, nothing wrong: no detour can do better that matters
        if best is not None and best[0] >= JOINT and self.nearest == NEAREST:
            # Nothing good among the routes near the ends: every turn and lane, as the
            # rare crowded page needs (and pays the time for).
            self.nearest, self.farthest, self.detour = 10_000, 10_000, 10_000.0
            try:
                for points in self._candidates(flow, detours=True):
                    limit = best[0]
                    if _base(points) >= limit:
                        continue
                    cost = scene.cost(points, flow, limit)
                    if cost >= limit:
                        continue
                    spot = self._spot(flow.label, points, scene, spots) if flow.label else None
                    cost += NO_SPOT if flow.label and spot is None else 0.0
                    if cost < limit:
                        best = (cost, points, spot)
            finally:
                self.nearest, self.farthest, self.detour = NEAREST, FARTHEST, DETOUR
        assert best is not None, f"no candidate route for {flow.frm}->{flow.to}"
        _, points, spot = best
        self.placed.routes.append(Route(points, frm=flow.frm, to=flow.to))
        if flow.label:
            box = spot or label_spot(flow.label, points, self.areas, scene.obstacles,
                                     scene.plain, strict=False) or fallback_spot(flow.label,
                                                                                 points, self.areas)
            label = Label(drawn_text(flow.label, box), box, LABEL, flow.frm, flow.to)
            self.placed.labels.append(label)
            self.labels.append(_Placed(label, (points[0], points[1])))
        return best[0]

    def _spot(self, text: str, points: tuple[Point, ...], scene: _Scene,
              spots: dict[Segment, Box | None]) -> Box | None:
        """`label_spot` for a candidate, found once per first segment: the spot beside
        a first segment is the candidate's too unless its own later segments cross it
        (a spot no first segment allows, no later segment can make good)."""
        first = (points[0], points[1])
        if first not in spots:
            spots[first] = label_spot(text, first, self.areas, scene.obstacles, scene.plain)
        box = spots[first]
        if box is None or not any(hits(box, s) for s in segments(points)[1:]):
            return box
        return label_spot(text, points, self.areas, scene.obstacles, scene.plain)

    # -- the candidates --------------------------------------------------------------

    def _candidates(self, flow: Flow, *, detours: bool) -> list[tuple[Point, ...]]:
        out: list[tuple[Point, ...]] = []
        same_step = flow.srcs == flow.dsts
        for src in flow.srcs:
            for dst in flow.dsts:
                if same_step:
                    if src == dst:
                        out += self._self_loop(src)
                elif dst.y > src.bottom - EPS and not flow.side_exit:
                    out += self._down(src, dst, detours=detours)
                elif dst.y > src.bottom - EPS:
                    out += self._side_down(src, dst)
                else:
                    out += self._up(src, dst)
        return list(dict.fromkeys(_clean(c) for c in out if len(c) >= 2))

    def _last_resort(self, flow: Flow) -> list[tuple[Point, ...]]:
        """When no lane lies beside a side exit (a column too narrow for one): out of
        the bottom or the top instead, the way any flow between two rows can go."""
        out: list[tuple[Point, ...]] = []
        for src in flow.srcs:
            for dst in flow.dsts:
                if dst.y > src.bottom - EPS:
                    out += self._down(src, dst, detours=True)
                else:
                    s, d = Point(src.cx, src.y), Point(dst.cx, dst.bottom)
                    out.append((s, Point(s.x, (s.y + d.y) / 2), Point(d.x, (s.y + d.y) / 2), d))
        if not out:  # not even a band to turn in: cross over at mid-height
            src, dst = flow.srcs[0], flow.dsts[0]
            s, d = Point(src.cx, src.bottom), Point(dst.cx, dst.y)
            mid = (s.y + d.y) / 2
            out.append((s, Point(s.x, mid), Point(d.x, mid), d))
        return [_clean(c) for c in out]

    def _down(self, src: Box, dst: Box, *, detours: bool) -> list[tuple[Point, ...]]:
        s, d = Point(src.cx, src.bottom), Point(dst.cx, dst.y)
        out: list[tuple[Point, ...]] = []
        if abs(s.x - d.x) < EPS:
            out.append((s, d))
        turns = self._ys(s.y + 2.0, d.y - TURN)
        turns = sorted({*turns[:self.nearest], *turns[-self.nearest:]})  # near either end
        out += [(s, Point(s.x, y), Point(d.x, y), d) for y in turns]
        if not detours:
            return out
        # Round a symbol in the way: out along a lane and back, turning near the
        # source and near the target (a detour that turns mid-way rounds nothing more),
        # in a lane of the columns between them or the next one out.
        for y1 in turns[:self.nearest // 2]:
            for y2 in turns[-self.nearest // 2:]:
                if y2 <= y1 + LANE:
                    continue
                for x in self._lanes(min(s.x, d.x) - self.detour, max(s.x, d.x) + self.detour):
                    out.append((s, Point(s.x, y1), Point(x, y1), Point(x, y2),
                                Point(d.x, y2), d))
        return out

    def _side_down(self, src: Box, dst: Box) -> list[tuple[Point, ...]]:
        """A decision's Tidak to a later step: out of a side, down, into the top."""
        d = Point(dst.cx, dst.y)
        out: list[tuple[Point, ...]] = []
        for side in ("left", "right"):
            p = _side(src, side)
            ahead = (d.x < p.x - SIDE_STEP) if side == "left" else (d.x > p.x + SIDE_STEP)
            if ahead:
                out.append((p, Point(d.x, p.y), d))
            turns = self._ys(p.y + 2.0, d.y - TURN)
            turns = sorted({*turns[:self.nearest], *turns[-self.nearest:]})  # near either end
            for x in self._lanes_beside(p, side):
                for y in turns:
                    out.append((p, Point(x, p.y), Point(x, y), Point(d.x, y), d))
        return out

    def _up(self, src: Box, dst: Box) -> list[tuple[Point, ...]]:
        """Back up a lane; into the target's facing side, over its top into it, or into
        a connector from below."""
        out: list[tuple[Point, ...]] = []
        exits = [(_side(src, side), side) for side in ("left", "right")]
        for p, side in exits:
            for x in self._lanes_beside(p, side):
                if x < dst.x - SIDE_STEP or x > dst.right + SIDE_STEP:
                    q = _side(dst, "left" if x < dst.x else "right")
                    out.append((p, Point(x, p.y), Point(x, q.y), q))
                top = Point(dst.cx, dst.y)
                for y in self._ys(dst.y - 200.0, dst.y - TURN)[-self.nearest:]:
                    out.append((p, Point(x, p.y), Point(x, y), Point(top.x, y), top))
                bottom = Point(dst.cx, dst.bottom)
                for y in self._ys(dst.bottom + TURN, p.y - 2.0)[:self.nearest]:
                    out.append((p, Point(x, p.y), Point(x, y), Point(bottom.x, y), bottom))
        return out

    def _self_loop(self, box: Box) -> list[tuple[Point, ...]]:
        """A Tidak to the step itself: out of a side, up its lane, into its own top."""
        top = Point(box.cx, box.y)
        out: list[tuple[Point, ...]] = []
        for side in ("left", "right"):
            p = _side(box, side)
            for x in self._lanes_beside(p, side):
                for y in self._ys(box.y - 200.0, box.y - TURN):
                    out.append((p, Point(x, p.y), Point(x, y), Point(top.x, y), top))
        return out

    # -- where lines may run ---------------------------------------------------------

    def _role_columns(self) -> range:
        first = self.cols.first_role
        return range(first, first + self.cols.roles)

    def _lanes(self, lo: float, hi: float) -> list[float]:
        """The vertical lanes of the role columns within lo..hi: each column's channel
        lanes on both sides and its centre line."""
        out: list[float] = []
        for c in self._role_columns():
            left, right = self.col_xs[c], self.col_xs[c + 1]
            for k in range(self.cols.lanes + 1):
                out += [left + CLEARANCE + k * LANE, right - CLEARANCE - k * LANE]
            out.append((left + right) / 2)
        return sorted(round(x, 2) for x in out if lo <= x <= hi)

    def _lanes_beside(self, p: Point, side: str) -> list[float]:
        """Lanes on `side` of an exit point, nearest first."""
        if side == "left":
            return sorted(self._lanes(-1e9, p.x - SIDE_STEP), reverse=True)[:self.farthest]
        return self._lanes(p.x + SIDE_STEP, 1e9)[:self.farthest]

    def _ys(self, lo: float, hi: float) -> list[float]:
        """Heights for a horizontal leg within lo..hi: in each body row, CLEARANCE from
        its borders and beside its symbols, never nearer a border than CLEARANCE."""
        out: set[float] = set()
        t = self.table
        for i in self.body_rows:
            top, bottom = t.row_y(i), t.row_y(i) + t.rows[i].height
            if bottom < lo or top > hi:
                continue
            inside = [s.box for s in self.placed.symbols if top <= s.box.cy <= bottom]
            marks = [top + CLEARANCE, bottom - CLEARANCE, (top + bottom) / 2]
            for b in inside:
                marks += [b.y - TURN, b.y - TURN - LANE, b.bottom + 3.0, b.bottom + 3.0 + LANE,
                          (top + b.y) / 2, (b.bottom + bottom) / 2]
            for y in marks:
                if top + CLEARANCE - EPS <= y <= bottom - CLEARANCE + EPS and lo <= y <= hi:
                    out.add(round(y, 2))
        return sorted(out)


def _base(points: Sequence[Point]) -> float:
    return BEND * (len(points) - 2) + LENGTH * sum(length(s) for s in segments(points))


_Seg = tuple[float, float, float, float, bool]  # x0, y0, x1, y1 (ordered), vertical


def _norm(s: Segment) -> _Seg:
    (a, b) = s
    return (min(a.x, b.x), min(a.y, b.y), max(a.x, b.x), max(a.y, b.y), abs(a.x - b.x) < EPS)


class _Scene:
    """What a page holds while one flow is routed, in the forms its costs are quick on."""

    def __init__(self, router: PageRouter):
        placed = router.placed
        self.router = router
        self.routes = list(placed.routes)
        self.plain = [seg for r in self.routes for seg in segments(r.points)]
        self.lines = [(_norm(seg), r) for r in self.routes for seg in segments(r.points)]
        self.boxes = [(s.box.x, s.box.y, s.box.right, s.box.bottom, s.box,
                       s.kind is not SymbolKind.CONNECTOR) for s in placed.symbols]
        self.obstacles = [*(obstacle(sym) for sym in placed.symbols),
                          *(lb.box for lb in placed.labels)]
        self.labels = [(p.label.box, box_distance(p.label.box, p.own)) for p in router.labels]
        self.col_xs = router.col_xs
        self.row_ys = router.row_ys

    def cost(self, points: tuple[Point, ...], flow: Flow, limit: float) -> float:
        """The candidate's cost, or anything at least `limit` once it is sure to reach it."""
        segs = segments(points)
        if not segs:
            return SYMBOL
        cost = _base(points)
        start, end = points[0], points[-1]
        src = next((b for b in flow.srcs if _on_edge(b, start)), None)
        dst = next((b for b in flow.dsts if _on_edge(b, end)), None)
        last = len(segs) - 1
        mine_n = [_norm(seg) for seg in segs]
        lo_x = min(n[0] for n in mine_n)
        hi_x = max(n[2] for n in mine_n)
        lo_y = min(n[1] for n in mine_n)
        hi_y = max(n[3] for n in mine_n)
        air = SYMBOL_AIR - EPS
        for bx, by, br, bb, box, drawn in self.boxes:
            if br < lo_x - air or bx > hi_x + air or bb < lo_y - air or by > hi_y + air:
                continue
            for i, (x0, y0, x1, y1, v) in enumerate(mine_n):
                own_end = (i == 0 and box == src) or (i == last and box == dst)
                inset = 0.5 if own_end else -EPS
                if x1 > bx + inset and x0 < br - inset and y1 > by + inset and y0 < bb - inset:
                    cost += SYMBOL
                elif drawn and box not in (src, dst) and beside(box, x0, y0, x1, y1, v, air):
                    cost += HUG
        if cost >= limit:
            return cost
        for seg in segs:
            if near_parallel(seg, self.col_xs, self.row_ys, CLEARANCE):
                cost += CLEAR
        for route in self.routes:
            ends = (route.points[0], route.points[-1])
            if route.joint:
                if start in ends or end in ends:
                    cost += JOINT
            elif ends[1] == start or end == ends[0] or ends[0] == start:
                cost += SHARED
        for box, mine in self.labels:
            for seg in segs:
                if hits(box, seg):
                    cost += LABEL_HIT
                elif box_distance(box, seg) < mine + 0.5:
                    cost += NEAR_LABEL
        if cost >= limit:
            return cost
        for (ox0, oy0, ox1, oy1, ov), route in self.lines:
            for x0, y0, x1, y1, v in mine_n:
                if x1 < ox0 - LANE or ox1 < x0 - LANE or y1 < oy0 - LANE or oy1 < y0 - LANE:
                    continue  # far apart (a parallel line nearer than a lane is not)
                if v != ov:
                    vx, vy0, vy1 = (x0, y0, y1) if v else (ox0, oy0, oy1)
                    hy, hx0, hx1 = (oy0, ox0, ox1) if v else (y0, x0, x1)
                    if hx0 + EPS < vx < hx1 - EPS and vy0 + EPS < hy < vy1 - EPS:
                        cost += CROSS
                elif (v and abs(x0 - ox0) < LANE - EPS and min(y1, oy1) - max(y0, oy0) > 0.5) or (
                        not v and abs(y0 - oy0) < LANE - EPS
                        and min(x1, ox1) - max(x0, ox0) > 0.5):
                    # Along another line, or nearer beside it than a lane: one thick line.
                    merging = route.points[-1] == end and not route.joint and (
                        abs(x0 - ox0) < EPS if v else abs(y0 - oy0) < EPS)
                    cost += 0.0 if merging else (JOINT if route.joint else SHARED)
            if cost >= limit:
                return cost
        return cost


def _on_edge(box: Box, p: Point, tol: float = 0.05) -> bool:
    inside = box.x - tol <= p.x <= box.right + tol and box.y - tol <= p.y <= box.bottom + tol
    return inside and (abs(p.x - box.x) <= tol or abs(p.x - box.right) <= tol
                       or abs(p.y - box.y) <= tol or abs(p.y - box.bottom) <= tol)

