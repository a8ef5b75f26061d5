"""How carefully a laid-out flowchart is drawn, counted from its geometry.

What a reader misreads on a hand-checked sheet, as plain numbers: lines that
cross, labels that stand nearer to another line than to their own exit, flow
segments running within CLEARANCE of a parallel grid line, two flows sharing a
stretch of line without merging into one arrowhead, routes through symbols, and
routes running nearer than SYMBOL_AIR beside another step's symbol.
bench/drawing_quality.py prints them per SOP; the tests hold the layout to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopgen.geometry import Document, Page, Route, SymbolKind
from sopgen.layout.segments import (
    EPS,
    Segment,
    beside,
    box_distance,
    crosses,
    hits,
    near_parallel,
    segments,
    shared,
)
from sopgen.layout.state import CLEARANCE, LANE, SYMBOL_AIR


def alongside(a: Segment, b: Segment) -> bool:
    """Two parallel stretches nearer than a lane apart: they print as one thick line."""
    if abs(a[0].x - a[1].x) < EPS and abs(b[0].x - b[1].x) < EPS:
        offset = abs(a[0].x - b[0].x)
        over = min(max(a[0].y, a[1].y), max(b[0].y, b[1].y)) - max(min(a[0].y, a[1].y),
                                                                  min(b[0].y, b[1].y))
    elif abs(a[0].y - a[1].y) < EPS and abs(b[0].y - b[1].y) < EPS:
        offset = abs(a[0].y - b[0].y)
        over = min(max(a[0].x, a[1].x), max(b[0].x, b[1].x)) - max(min(a[0].x, a[1].x),
                                                                  min(b[0].x, b[1].x))
    else:
        return False
    return (offset < LANE - EPS and over > 0.5) or shared(a, b) > 0.5


@dataclass
class Quality:
    crossings: int = 0
    labels_astray: int = 0  # nearer to another flow's line than to their own exit
    near_grid: int = 0  # flow segments within CLEARANCE of a parallel grid line
    shared: int = 0  # pairs of flows running along one another without merging
    through_symbols: int = 0
    beside_symbols: int = 0  # flows nearer than SYMBOL_AIR along another step's symbol
    # (not a connector)
    labels: int = 0  # labels judged (the denominator of labels_astray)
    details: list[str] = field(default_factory=list)

    def add(self, other: Quality) -> None:
        self.crossings += other.crossings
        self.labels_astray += other.labels_astray
        self.near_grid += other.near_grid
        self.shared += other.shared
        self.through_symbols += other.through_symbols
        self.beside_symbols += other.beside_symbols
        self.labels += other.labels
        self.details += other.details


def document_quality(doc: Document) -> Quality:
    total = Quality()
    for number, page in enumerate(doc.pages, start=1):
        if page.kind == "procedure":
            total.add(page_quality(page, number))
    return total


def page_quality(page: Page, number: int = 0) -> Quality:
    q = Quality()
    flows = [r for r in page.routes if not r.joint]
    lines = [(s, r) for r in page.routes for s in segments(r.points)]
    _crossings(q, lines, number)
    _shared(q, flows, number)
    _near_grid(q, page, flows, number)
    _through_symbols(q, page, flows, number)
    _beside_symbols(q, page, flows, number)
    _labels(q, page, lines, number)
    return q


def _crossings(q: Quality, lines: list[tuple[Segment, Route]], number: int) -> None:
    for i, (a, ra) in enumerate(lines):
        for b, rb in lines[i + 1:]:
            if ra is not rb and crosses(a, b):
                q.crossings += 1
                q.details.append(f"page {number}: {_name(ra)} crosses {_name(rb)} at "
                                 f"{_point(a, b)}")


def _shared(q: Quality, flows: list[Route], number: int) -> None:
    for i, a in enumerate(flows):
        for b in flows[i + 1:]:
            if a.points[-1] == b.points[-1]:
                continue  # two flows merging into one arrowhead
            if any(alongside(s, t) for s in segments(a.points) for t in segments(b.points)):
                q.shared += 1
                q.details.append(f"page {number}: {_name(a)} runs along {_name(b)}")


def _near_grid(q: Quality, page: Page, flows: list[Route], number: int) -> None:
    t = page.tables[0]
    xs = [t.col_x(i) for i in range(len(t.widths) + 1)]
    body = [i for i, r in enumerate(t.rows) if r.kind in ("step", "strip")]
    if not body:
        return
    ys = [t.row_y(i) for i in range(body[0], body[-1] + 2)]
    for r in flows:
        for s in segments(r.points):
            if near_parallel(s, xs, ys, CLEARANCE):
                q.near_grid += 1
                q.details.append(f"page {number}: {_name(r)} {s} within {CLEARANCE:g} pt "
                                 "of a grid line")


def _through_symbols(q: Quality, page: Page, flows: list[Route], number: int) -> None:
    for r in flows:
        segs = segments(r.points)
        for sym in page.symbols:
            for k, s in enumerate(segs):
                at_end = (k == 0 and _touches(sym.box, r.points[0])) or (
                    k == len(segs) - 1 and _touches(sym.box, r.points[-1]))
                if hits(sym.box, s, inset=0.5 if at_end else -EPS):
                    q.through_symbols += 1
                    q.details.append(f"page {number}: {_name(r)} through a symbol {sym.box}")


def _beside_symbols(q: Quality, page: Page, flows: list[Route], number: int) -> None:
    """Each flow, each symbol other than its own ends' that it runs close beside; not
    a connector, whose stack a line turns into in the gap below the one above."""
    for r in flows:
        for sym in page.symbols:
            own = sym.step is not None and sym.step in (r.frm, r.to)
            if own or sym.kind is SymbolKind.CONNECTOR or _touches(sym.box, r.points[0]) \
                    or _touches(sym.box, r.points[-1]):
                continue
            if any(beside(sym.box, min(a.x, b.x), min(a.y, b.y), max(a.x, b.x),
                          max(a.y, b.y), abs(a.x - b.x) < EPS, SYMBOL_AIR - EPS)
                   for a, b in segments(r.points)):
                q.beside_symbols += 1
                q.details.append(f"page {number}: {_name(r)} close beside a symbol "
                                 f"{sym.box}")


def _labels(q: Quality, page: Page, lines: list[tuple[Segment, Route]], number: int) -> None:
    """A label must stand nearer to its own exit's first segment than to any other
    flow's line (the line entering its decision above all)."""
    for label in page.labels:
        own = next((r for r in page.routes if not r.joint and (r.frm, r.to)
                    == (label.frm, label.to) and r.points[0] != r.points[-1]), None)
        if own is None:
            continue
        q.labels += 1
        mine = box_distance(label.box, segments(own.points)[0])
        nearer = [r for s, r in lines if r is not own and box_distance(label.box, s) <= mine]
        if nearer or any(hits(label.box, s) for s, _ in lines):
            q.labels_astray += 1
            q.details.append(f"page {number}: label {label.text!r} {label.box} of "
                             f"{label.frm}->{label.to} not beside its own exit")


def _touches(box: object, p: object) -> bool:
    from sopgen.geometry import Box, Point

    assert isinstance(box, Box) and isinstance(p, Point)
    tol = 0.05
    inside = box.x - tol <= p.x <= box.right + tol and box.y - tol <= p.y <= box.bottom + tol
    return inside and (abs(p.x - box.x) <= tol or abs(p.x - box.right) <= tol
                       or abs(p.y - box.y) <= tol or abs(p.y - box.bottom) <= tol)


def _name(r: Route) -> str:
    return f"joint line of {r.frm}" if r.joint else f"{r.frm}->{r.to}"


def _point(a: Segment, b: Segment) -> str:
    v = a if abs(a[0].x - a[1].x) < EPS else b
    h = b if v is a else a
    return f"({v[0].x:.1f}, {h[0].y:.1f})"
