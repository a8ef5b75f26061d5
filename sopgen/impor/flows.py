"""Arrows between symbols -> each decision's Ya and Tidak, by following the ink.

Lines are joined where one's point touches another (a turn, a T where flows
merge); a joined set that holds an arrowhead leads from every symbol it touches
to the symbol under the arrowhead's tip. Off-page connectors are passed through
by their letter (unlettered ones in page order). Labels beside a decision's
exits name them, one each, at the least total distance; without the words Ya or
Tidak, a denying label names the Tidak, a way back is the Tidak, and the exit
from the diamond's foot is Ya, as drawn in sheets of this format; every guess is
noted.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sopgen import messages as msg
from sopgen.geometry import LINE
from sopgen.impor.drawn import Arrowhead, Box, Page, Point, Shape, Symbol, Word, lines_of
from sopgen.impor.drawn import segment_distance as seg_dist
from sopgen.impor.found import FoundSop, FoundStep
from sopgen.model import Kind
from sopgen.text import fold

TOUCH = 3.0  # pt: a line's point this near a symbol's box touches it
JOIN = 2.0  # pt: a point this near another line's segment joins them
YES_WORDS = {"ya", "y", "yes", "iya"}
NO_WORDS = {"tidak", "tdk", "t", "no", "bukan"}


@dataclass(frozen=True)
class Grid:
    """A procedure page's table: lines on these edges are borders, not flows."""

    edges: tuple[float, ...]
    rows: tuple[float, ...]
    top: float
    bottom: float


@dataclass
class _Exit:
    target: FoundStep
    point: Point  # where the line leaves the source symbol
    pieces: list[tuple[Point, ...]]
    label: str | None = None


@dataclass
class _Node:
    step: FoundStep | None
    symbol: Symbol
    page: Page
    letter: str = ""
    exits: list[_Exit] = field(default_factory=list)


def read_flows(found: FoundSop, pages: Sequence[Page], placed: Sequence[tuple[FoundStep, Page,
               Symbol]], labels: Sequence[tuple[Page, Word]], grids: dict[int, Grid],
               take: Callable[[Iterable[Word]], None]) -> None:
    """Set `if_yes`/`if_no`/labels of the decisions among `found.steps`."""
    nodes: list[_Node] = [_Node(step, sym, page) for step, page, sym in placed]
    for page in pages:
        grid = grids.get(page.number)
        if grid is None:
            continue
        for sym in page.symbols:
            if sym.shape is Shape.CONNECTOR and grid.top - 2 <= sym.box.cy <= grid.bottom + 2:
                inside = [w for w in page.words if sym.box.holds(w.box.cx, w.box.cy)]
                take(inside)
                letter = sym.text or " ".join(w.text for w in inside)
                nodes.append(_Node(None, sym, page, letter.strip()))
    edges: list[tuple[_Node, _Node, Point, list[tuple[Point, ...]]]] = []
    for page in pages:
        grid = grids.get(page.number)
        if grid is None:
            continue
        here = [n for n in nodes if n.page is page]
        for pieces, heads in _components(page, grid):
            edges.extend(_edges(here, pieces, heads))
    _resolve(nodes, edges)
    _labels(nodes, labels, take)
    for step in found.steps:
        _decide(step, [e for n in nodes if n.step is step
                       and (n.symbol.shape is Shape.DECISION or step.kind is not Kind.KEPUTUSAN)
                       for e in n.exits], nodes)


def _components(page: Page, grid: Grid) -> list[tuple[list[tuple[Point, ...]], list[Arrowhead]]]:
    """Joined sets of flow pieces on the page's table, with their arrowheads."""
    pieces: list[tuple[Point, ...]] = []
    for rule in page.rules:
        if _on_grid(rule.x0, rule.y0, rule.x1, rule.y1, grid, rule.vertical):
            continue
        pieces.append(((rule.x0, rule.y0), (rule.x1, rule.y1)))
    pieces.extend(ink.points for ink in page.inks)
    pieces = [p for p in pieces if any(grid.edges[0] - 1 <= x <= grid.edges[-1] + 1
                                       and grid.top - 1 <= y <= grid.bottom + 1 for x, y in p)]
    parent = list(range(len(pieces)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    boxes = [_bbox(p) for p in pieces]
    for i, a in enumerate(pieces):
        for j in range(i + 1, len(pieces)):
            if boxes[i].gap(boxes[j]) > JOIN:
                continue
            b = pieces[j]
            if any(_near_piece(pt, b) for pt in a) or any(_near_piece(pt, a) for pt in b):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(pieces)):
        groups.setdefault(find(i), []).append(i)
    heads: dict[int, list[Arrowhead]] = {}
    for head in page.arrowheads:
        # The line the head ends, not one crossing it: a line that ends at the head
        # wins over a nearer one that only passes through (a crossing at an arrowhead).
        best = None
        reach = max(head.box.w, head.box.h, 3.0) + 1.0
        best_d: tuple[bool, float] = (True, reach)
        for i, p in enumerate(pieces):
            if boxes[i].gap(head.box) > reach:
                continue
            d = min(_piece_distance((head.box.cx, head.box.cy), p), _piece_distance(head.tip, p))
            ends_here = any(math.hypot(x - head.box.cx, y - head.box.cy) <= reach
                            for x, y in (p[0], p[-1]))
            if d < reach and (not ends_here, d) < best_d:
                best, best_d = i, (not ends_here, d)
        if best is not None:
            heads.setdefault(find(best), []).append(head)
    return [([pieces[i] for i in members], heads.get(root, []))
            for root, members in groups.items() if heads.get(root)]


def _on_grid(x0: float, y0: float, x1: float, y1: float, grid: Grid, vertical: bool) -> bool:
    if vertical:
        x = (x0 + x1) / 2
        return any(abs(x - e) <= 1.0 for e in grid.edges)
    y = (y0 + y1) / 2
    return any(abs(y - r) <= 1.0 for r in grid.rows)


def _bbox(points: Sequence[Point]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _piece_distance(pt: Point, piece: Sequence[Point]) -> float:
    if len(piece) == 1:
        return math.hypot(pt[0] - piece[0][0], pt[1] - piece[0][1])
    return min(seg_dist(pt, a, b) for a, b in itertools.pairwise(piece))


def _near_piece(pt: Point, piece: Sequence[Point]) -> bool:
    return _piece_distance(pt, piece) <= JOIN


def _edges(nodes: list[_Node], pieces: list[tuple[Point, ...]], heads: list[Arrowhead],
           ) -> list[tuple[_Node, _Node, Point, list[tuple[Point, ...]]]]:
    targets: list[tuple[int, Arrowhead]] = []  # the node under each arrowhead's tip
    for head in heads:
        near = [(n.symbol.box.distance(*head.tip), i) for i, n in enumerate(nodes)]
        near = [x for x in near if x[0] <= TOUCH + 1.0]
        if near:
            targets.append((min(near)[1], head))
    if not targets:
        return []
    out = []
    # a whole line from a symbol to an arrowhead is that flow alone: where it runs
    # beside another flow of the same joined set, its source is no source of theirs
    ends = {}
    starts: dict[int, Point] = {}  # such a line's other end: only there its source stands
    for k, piece in enumerate(pieces):
        for h, (_t, head) in enumerate(targets):
            for end, other in ((piece[-1], piece[0]), (piece[0], piece[-1])):
                if math.hypot(end[0] - head.tip[0], end[1] - head.tip[1]) <= TOUCH + 1.0:
                    ends[k], starts[k] = h, other
    touched_by: dict[int, list[tuple[float, Point, int]]] = {}
    for k, piece in enumerate(pieces):
        for pt in ((starts[k],) if k in starts else piece):
            for i, n in enumerate(nodes):
                d = n.symbol.box.distance(*pt)
                if d <= TOUCH:
                    touched_by.setdefault(i, []).append((d, pt, k))
    for h, (me, head) in enumerate(targets):
        target = nodes[me]
        touched: dict[int, Point] = {}
        for i, hits in touched_by.items():
            allowed = [(d, pt) for d, pt, k in hits if ends.get(k, h) == h]
            if allowed:
                touched[i] = min(allowed)[1]
        sources = [i for i in touched if nodes[i] is not target
                   and not (nodes[i].step is not None and nodes[i].step is target.step
                            and nodes[i].symbol.shape is not Shape.DECISION)]
        for i in sources:
            out.append((nodes[i], target, touched[i], pieces))
            if nodes[i].symbol.shape is Shape.DECISION:  # both exits to one step
                out.extend((nodes[i], target, pt, pieces)
                           for pt in _other_exits(touched_by[i], touched[i], ends, h))
        if target.symbol.shape is Shape.DECISION:  # a loop back into the decision itself
            # Where other sources share the arrowhead (the loop merged into the line
            # from above), only a line leaving the diamond's side or foot corner is it.
            own = [pt for _d, pt, k in sorted(touched_by.get(me, []))
                   if ends.get(k, h) == h
                   and math.hypot(pt[0] - head.tip[0], pt[1] - head.tip[1]) > 6.0
                   and (not sources or _at_exit_corner(target.symbol.box, pt))]
            if own:
                out.append((target, target, own[0], pieces))
    return out


def _at_exit_corner(box: Box, pt: Point) -> bool:
    """A diamond's side or foot corner, where its exits leave: a line of the flow
    into the decision that starts there is the decision's own loop back into itself,
    merged into the arrowhead of the flow from above."""
    corners = ((box.x0, box.cy), (box.x1, box.cy), (box.cx, box.bottom))
    return any(math.hypot(pt[0] - x, pt[1] - y) <= TOUCH + 1.0 for x, y in corners)


def _other_exits(hits: list[tuple[float, Point, int]], first: Point, ends: dict[int, int],
                 h: int) -> list[Point]:
    """Where else lines toward this arrowhead leave a decision: a Ya and a Tidak that
    both lead to one step leave it from its foot and from a side, 6 pt apart or more."""
    best: dict[int, tuple[float, Point]] = {}
    for d, pt, k in hits:
        if ends.get(k, h) == h and (k not in best or d < best[k][0]):
            best[k] = (d, pt)
    out: list[Point] = []
    for _d, pt in sorted(best.values()):
        if all(math.hypot(pt[0] - q[0], pt[1] - q[1]) > 6.0 for q in (first, *out)):
            out.append(pt)
    return out


def _resolve(nodes: list[_Node], edges: list[tuple[_Node, _Node, Point,
             list[tuple[Point, ...]]]]) -> None:
    """Step-to-step exits, passing through off-page connectors."""
    into: dict[int, list[tuple[_Node, Point, list[tuple[Point, ...]]]]] = {}
    out_of: dict[int, list[_Node]] = {}
    for src, dst, point, pieces in edges:
        if src.step is not None and dst.step is not None:
            if dst.step is src.step and src is not dst and src.symbol.shape is not Shape.DECISION:
                continue
            src.exits.append(_Exit(dst.step, point, pieces))
        elif src.step is not None:
            into.setdefault(id(dst), []).append((src, point, pieces))
        elif dst.step is not None:
            out_of.setdefault(id(src), []).append(dst)
    connectors = [n for n in nodes if n.step is None]
    incoming = [c for c in connectors if id(c) in into]
    outgoing = [c for c in connectors if id(c) in out_of]
    pairs: list[tuple[_Node, _Node]] = []
    for c in incoming:
        twin = next((o for o in outgoing if o.letter and fold(o.letter) == fold(c.letter)
                     and o is not c), None)
        if twin is not None:
            pairs.append((c, twin))
    bare_in = [c for c in incoming if not c.letter]
    bare_out = [c for c in outgoing if not c.letter]
    pairs.extend(zip(bare_in, bare_out, strict=False))
    for c, twin in pairs:
        for src, point, pieces in into[id(c)]:
            for dst in out_of[id(twin)]:
                if dst.step is not None:
                    src.exits.append(_Exit(dst.step, point, pieces))


def _labels(nodes: list[_Node], labels: Sequence[tuple[Page, Word]],
            take: Callable[[Iterable[Word]], None]) -> None:
    by_page: dict[int, list[Word]] = {}
    pages: dict[int, Page] = {}
    for page, word in labels:
        if any(s.box.holds(word.box.cx, word.box.cy) for s in page.symbols):
            continue
        by_page.setdefault(id(page), []).append(word)
        pages[id(page)] = page
    for pid, words in by_page.items():
        exits = [e for n in nodes if id(n.page) == pid and n.symbol.shape is Shape.DECISION
                 for e in n.exits]
        phrases = _stacked(_phrases(words))
        costs = [[_label_cost(box, e) for e in exits] for box, _text, _words in phrases]
        for k, j in enumerate(assign(costs, LABEL_REACH)):
            if j is not None:
                e = exits[j]
                e.label = phrases[k][1]
                take(phrases[k][2])


LABEL_REACH = 30.0  # pt: a phrase farther than this from every exit names none


def _label_cost(box: Box, e: _Exit) -> float:
    return min(_box_to_piece(box, p) for p in e.pieces) + 0.1 * math.hypot(
        box.cx - e.point[0], box.cy - e.point[1])


def assign(costs: Sequence[Sequence[float]], reach: float) -> list[int | None]:
    """Each label to at most one exit and each exit at most one label, at the least
    total distance (a label squeezed between two lines still goes to the exit the
    other label does not name); a label with no exit nearer than `reach` gets none.
    The Hungarian method on the costs padded with a "none" column per label."""
    n = len(costs)
    if n == 0:
        return []
    m = len(costs[0]) + n
    big = reach * (n + 1) * 4
    matrix = [[(c if c < reach else big) for c in row] + [reach] * n for row in costs]
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    way = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) holding column j
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        least = [math.inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], math.inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = matrix[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < least[j]:
                        least[j], way[j] = cur, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    out: list[int | None] = [None] * n
    for j in range(1, len(costs[0]) + 1):
        i = owner[j]
        if i and costs[i - 1][j - 1] < reach:
            out[i - 1] = j - 1
    return out


def _phrases(words: list[Word]) -> list[tuple[Box, str, list[Word]]]:
    out: list[tuple[Box, str, list[Word]]] = []
    for line in lines_of(words):
        group: list[Word] = []
        for w in line.words:
            if group and w.box.x0 - group[-1].box.x1 > 0.6 * w.size:
                out.append(_phrase(group))
                group = []
            group.append(w)
        if group:
            out.append(_phrase(group))
    return out


def _phrase(words: list[Word]) -> tuple[Box, str, list[Word]]:
    box = Box(min(w.box.x0 for w in words), min(w.box.top for w in words),
              max(w.box.x1 for w in words), max(w.box.bottom for w in words))
    # a text box's label set on two lines (`Belum` / `lengkap`) is one label
    return box, " ".join(" ".join(w.text for w in words).split()), words


def _stacked(phrases: list[tuple[Box, str, list[Word]]]) -> list[tuple[Box, str, list[Word]]]:
    """A PDF label set on two or three lines (`Belum` over `lengkap`, left edges level,
    each one line's height below the last, the same size) joined into one; `Ya` over
    `Tidak` are two."""
    out: list[tuple[Box, str, list[Word]]] = []
    for box, text, words in sorted(phrases, key=lambda p: (p[0].top, p[0].x0)):
        size = max(w.size for w in words)
        above = next((k for k, (a, text_a, words_a) in enumerate(out)
                      if abs(a.x0 - box.x0) <= 0.5
                      and abs((box.top - max(w.box.top for w in words_a)) - size * LINE)
                      <= 0.4
                      and abs(max(w.size for w in words_a) - size) <= 0.2
                      and not (_default(text_a) and _default(text))), None)
        if above is None:
            out.append((box, text, words))
            continue
        a, text_a, words_a = out[above]
        out[above] = (Box(min(a.x0, box.x0), a.top, max(a.x1, box.x1), box.bottom),
                      f"{text_a} {text}", [*words_a, *words])
    return out


def _default(text: str) -> bool:
    return fold(text) in YES_WORDS | NO_WORDS


def _box_to_piece(box: Box, piece: Sequence[Point]) -> float:
    corners = ((box.x0, box.top), (box.x1, box.top), (box.x0, box.bottom),
               (box.x1, box.bottom), (box.cx, box.cy))
    return min(_piece_distance(c, piece) for c in corners)


def _decide(step: FoundStep, exits: list[_Exit], nodes: list[_Node]) -> None:
    unique: dict[int, _Exit] = {}
    for e in exits:
        old = unique.get(id(e.target))
        if old is None or (e.label and not old.label):
            unique[id(e.target)] = e
    found = sorted(unique.values(), key=lambda e: e.target.no)
    twice = [e for e in exits if e.target is found[0].target] if len(found) == 1 else []
    if step.kind is Kind.KEPUTUSAN and len(twice) == 2 and math.dist(twice[0].point,
                                                                      twice[1].point) > 6.0:
        found = twice  # Ya and Tidak drawn to the same step from two corners
    if step.kind is not Kind.KEPUTUSAN:
        away = [e.target.no for e in found if e.target.no != step.no + 1
                and e.target is not step]
        if away and step.kind is not Kind.SELESAI:
            step.doubts.setdefault("Jenis", msg.doubt_flow_unexpressed(
                step.no, ", ".join(str(n) for n in away)))
        return
    if len(found) > 2:
        labelled = [e for e in found if e.label]
        step.doubts["Jika Tidak"] = msg.doubt_branch_many(
            ", ".join(str(e.target.no) for e in found))
        found = (labelled + [e for e in found if not e.label])[:2]
    yes = [e for e in found if e.label and fold(e.label) in YES_WORDS]
    no = [e for e in found if e.label and fold(e.label) in NO_WORDS]
    ya: _Exit | None = yes[0] if yes else None
    tidak: _Exit | None = no[0] if no else None
    rest = [e for e in found if e is not ya and e is not tidak]
    guessed = False
    if ya is None and tidak is None and len(rest) == 2 and (by_words := _by_words(rest)):
        ya, tidak = by_words
        step.doubts["Jika Tidak"] = msg.doubt_branch_from_words(ya.label or tidak.label or "")
        rest = []
    if ya is None and tidak is None and rest:
        guessed = True
        boxes = _decision_boxes(step, nodes)  # a joint decision: any of its diamonds
        # A way back is the rework (the main path follows Ya forward), then the exit
        # from the diamond's foot is Ya, as sheets of this format draw it.
        rest.sort(key=lambda e: (e.target.no <= step.no,
                                 not any(_from_foot(e, b) for b in boxes),
                                 e.target.no != step.no + 1,
                                 e.target.no))
        ya = rest.pop(0)
        tidak = rest.pop(0) if rest else None
    elif ya is None and rest:
        ya = rest.pop(0)
    elif tidak is None and rest:
        tidak = rest.pop(0)
    if ya is not None:
        step.if_yes = ya.target.no
        step.label_yes = _label(ya.label, YES_WORDS)
    else:
        step.if_yes = step.no + 1
    if tidak is not None:
        step.if_no = tidak.target.no
        step.label_no = _label(tidak.label, NO_WORDS)
    else:
        step.doubts["Jika Tidak"] = msg.doubt_branch_missing()
    if guessed and "Jika Tidak" not in step.doubts:
        step.doubts["Jika Tidak"] = msg.doubt_branch_from_geometry()


# Words that deny: a label holding one names the Tidak exit (`Belum lengkap`,
# `Tidak sesuai aturan`, `Ditolak`, `Revisi`).
NEGATIVE_WORDS = {"tidak", "tdk", "belum", "bukan", "tak", "kurang", "tolak", "ditolak",
                  "revisi", "perbaiki", "perbaikan", "gagal", "salah", "invalid", "offline",
                  "no", "not"}


def _by_words(pair: list[_Exit]) -> tuple[_Exit, _Exit] | None:
    """(Ya, Tidak) of two exits by their own words: `Belum lengkap` beside `Lengkap`
    or beside none is the Tidak; a lone `Lengkap` beside an unlabelled exit is the Ya."""
    a, b = pair
    deny = [e for e in pair if e.label and _negative(e.label)]
    if len(deny) == 1:
        return (b, a) if deny[0] is a else (a, b)
    if not deny and bool(a.label) != bool(b.label):
        return (a, b) if a.label else (b, a)
    return None


def _negative(label: str) -> bool:
    return any(w in NEGATIVE_WORDS for w in fold(label).replace("/", " ").split())


def _label(text: str | None, default: set[str]) -> str | None:
    """The Label cell: empty for the default word, `-` (none printed) for an exit the
    sheet leaves unlabelled, so the rebuilt sheet prints what the old one did."""
    if text is None:
        return ""
    if fold(text) in default:
        return None
    return text


def _decision_boxes(step: FoundStep, nodes: list[_Node]) -> list[Box]:
    return [n.symbol.box for n in nodes if n.step is step and n.symbol.shape is Shape.DECISION]


def _from_foot(e: _Exit, box: Box | None) -> bool:
    if box is None:
        return False
    x, y = e.point
    return y >= box.bottom - 2.5 and abs(x - box.cx) < box.w / 4
