"""The procedure table's columns and its header rows.

The widths are chosen to make the table short: a role column only as wide as
its symbol and its loop channels need (more only when that shortens the
header), and the text columns sharing the rest where an extra point saves the
most height. Signed sheets look so; the old fixed fractions made rows two to
three times taller than the same text needs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sopgen import fonts
from sopgen import messages as msg
from sopgen.geometry import LINE, PT_PER_MM, Align, Cell, Para, Row
from sopgen.layout.headers import SetHeader, role_labels, set_headers
from sopgen.layout.labels import AWAY, label_size, narrowest
from sopgen.layout.page import MARGINS, LayoutError, paper_name
from sopgen.layout.state import (
    CONNECTOR,
    GAP_MIN,
    LANES,
    MIN_SYMBOL,
    Columns,
    channel_width,
    side_exit,
    symbol_of,
    symbol_room,
)
from sopgen.layout.text import EXTRA_LINE, HEADER, PAD, SLACK, SMALL, cell_height, tw, tw_up
from sopgen.model import Kind, Paper, Problem, Sop, Step
from sopgen.symbols import symbol_size

NO_WIDTH = 22.0
ROLE_PREF = 62.0  # the roomiest role column worth trading height for
ROOMY_COST = 1.25  # ... when it costs at most this much of the shortest table's height
WORD_FIT = 1.03  # a word alone on its line: engines agree within this of its width
STEP = 3.0  # the width search's grain, in points
OVER_PAGE = 1000.0  # a row too tall for its page weighs this much more
PAGE_EXTRAS = 60.0  # beyond the role header and the 60 pt the caller keeps off
# page_rows: a page's connector strips and its closing block
WAKTU_WHOLE = 48.0  # a Waktu text up to this wide stays on one line
WIDEST_SHARE = 0.4  # one long word (a URL) may not claim more of the free width
SEARCH_ROOM = 0.8  # of the free width, what shrunk minimums take when they do not fit
TEXT_FLOOR = 24.0  # no text column is narrower: its words are split (with a warning)
ORDINARY_WORD = 112.0  # the widest real word (`mempertanggungjawabkan`, 109 pt at 9 pt)

_ROLE_TRIES = 8  # role widths tried above the narrowest, STEP * 2 apart


@dataclass(frozen=True)
class TextColumn:
    header: str
    header_size: float
    attr: str  # the Step field it shows


TEXT_COLUMNS = (
    TextColumn("Kegiatan", HEADER, "kegiatan"),
    TextColumn("Kelengkapan", SMALL, "kelengkapan"),
    TextColumn("Waktu", SMALL, "waktu"),
    TextColumn("Output", SMALL, "output"),
    TextColumn("Keterangan", HEADER, "keterangan"),
)
SHORT_KETERANGAN = "Ket."  # an empty Keterangan column is narrow: signed sheets print this


def step_text(step: Step, attr: str) -> str:
    return step.waktu.text if attr == "waktu" else str(getattr(step, attr))


def headers_of(sop: Sop) -> tuple[str, ...]:
    """The text columns' headers; an empty Keterangan column gets the short one."""
    empty = not any(s.keterangan for s in sop.steps)
    return tuple(SHORT_KETERANGAN if c.attr == "keterangan" and empty else c.header
                 for c in TEXT_COLUMNS)


def column_choices(sop: Sop, usable: float, body: float, page_rows: float,
                   extra: float = EXTRA_LINE) -> tuple[Columns, ...]:
    """Widths for each role width worth trying, the roomiest first: the text widths
    that make the table shortest for it. Symbols read better with room, which is
    worth having whenever the page count allows it, so the caller takes the first
    that needs no more pages than the shortest. Raises LayoutError when the roles
    cannot fit with their symbols and arrows."""
    lanes = lanes_needed(sop)
    role_min = role_min_width(lanes)
    headers = headers_of(sop)
    mins = [_min_width(sop, c, h, body) for c, h in zip(TEXT_COLUMNS, headers, strict=True)]
    ordinary = [_min_width(sop, c, h, body, ORDINARY_WORD)
                for c, h in zip(TEXT_COLUMNS, headers, strict=True)]
    floors = _affordable(role_floors(sop, lanes), role_floors(sop, lanes, narrow=True),
                         role_min, usable - NO_WIDTH - sum(ordinary))
    free_max = usable - NO_WIDTH - sum(floors)
    if free_max < TEXT_FLOOR * len(mins):
        raise LayoutError([Problem(sop.roles[-1].loc,
                                   _too_many_roles(sop, usable, mins, role_min))])
    mins = _fitted_mins([min(m, free_max * WIDEST_SHARE) for m in mins], free_max)
    search = _Search(sop, body, mins, page_rows, extra, lanes)
    tried: list[tuple[float, float, list[float]]] = []
    for k in range(_ROLE_TRIES + 1):
        role_w = min(role_min + 2 * STEP * k, ROLE_PREF)
        widths = tuple(max(role_w, f) for f in floors)
        free = usable - NO_WIDTH - sum(widths)
        if free < sum(mins) - 1e-6 or (tried and role_w == tried[-1][1]):
            break
        cost, texts = search.cost(widths, free)
        tried.append((cost, role_w, texts))
    shortest = min(tried, key=lambda t: (t[0], t[1]))
    worth = [t for t in tried if t[0] <= shortest[0] * ROOMY_COST]
    chosen = sorted({t[1]: t for t in (*worth, shortest)}.values(), key=lambda t: -t[1])
    return tuple(_columns(sop, usable, body, headers, lanes,
                          tuple(max(role_w, f) for f in floors), texts)
                 for _, role_w, texts in chosen)


def _columns(sop: Sop, usable: float, body: float, headers: tuple[str, ...], lanes: int,
             role_widths: tuple[float, ...], texts: Sequence[float]) -> Columns:
    n = len(sop.roles)
    kegiatan, kelengkapan, waktu, output, keterangan = (tw(t) for t in texts)
    roles = tuple(tw(w) for w in role_widths)
    widths = [NO_WIDTH, kegiatan, *roles, kelengkapan, waktu, output, keterangan]
    widths[-1] = tw(usable - sum(widths[:-1]))  # absorb rounding
    own, groups = role_labels(tuple(r.label for r in sop.roles))
    role_headers = set_headers(own, roles)
    return Columns(tuple(widths), 2, n, _split_words(sop, widths, body), role_headers, headers,
                   lanes, groups)


def lanes_needed(sop: Sop) -> int:
    """Channel lanes a role column keeps free: as many as Tidak flows leaving one
    column overlap in their steps (a loop runs up its decision's channel), at
    least one for any detour, at most LANES."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for step in sop.steps:
        if step.if_no is None:
            continue
        for role in step.roles:
            spans.setdefault(role, []).append((min(step.no, step.if_no), max(step.no, step.if_no)))
    deepest = 0
    for found in spans.values():
        for lo, _ in found:
            deepest = max(deepest, sum(1 for a, b in found if a <= lo <= b))
    return max(1, min(LANES, deepest))


def role_floors(sop: Sop, lanes: int, *, narrow: bool = False) -> tuple[float, ...]:
    """Each role column's least width: its symbol and channel lanes; and room for its
    decisions' labels: beside the diamond where a side exit turns into a lane of its
    own column (a loop back, or a step further down the same column), as the label
    stands beside that short first segment inside the cell; and beside the line that
    drops from the bottom corner. Each label on one line, or (`narrow`) on as many
    lines as make it narrowest."""
    floors = [role_min_width(lanes)] * len(sop.roles)
    for step in sop.steps:
        if step.kind is not Kind.KEPUTUSAN:
            continue
        side = side_exit(step, sop.steps)
        label = step.label_yes if side == "Ya" else step.label_no
        target = step.if_yes if side == "Ya" else step.if_no
        assert target is not None
        own_column = set(step.roles) & set(sop.step(target).roles)
        need = 0.0
        if label and (target <= step.no or own_column):
            need = MIN_SYMBOL + 2 * label_room([label], narrow=narrow)
        below = step.label_no if side == "Ya" else step.label_yes
        if below:  # beside the line dropping from the bottom corner, in the middle
            need = max(need, 2 * (label_room([below], narrow=narrow) + AWAY[0]))
        for role in step.roles:
            floors[role] = max(floors[role], need)
    return tuple(floors)


def _affordable(wide: Sequence[float], narrow: Sequence[float], least: float,
                room: float) -> tuple[float, ...]:
    """The floors with each label on one line when the roles' room allows it; else
    towards the labels set on more lines; else those given up in proportion, only
    where the text columns would otherwise split an ordinary word: a token wider
    than any word (a URL, a 50-letter code) is split with a warning rather than a
    label squeezed out of its narrow column, where it stands beside some other line
    and misleads (the figures are in docs/decisions.md)."""
    if sum(wide) <= room:
        return tuple(wide)
    if sum(narrow) <= room:
        t = (room - sum(narrow)) / (sum(wide) - sum(narrow))
        return tuple(n + (w - n) * t for w, n in zip(wide, narrow, strict=True))
    extra = sum(f - least for f in narrow)
    over = sum(narrow) - room
    if extra <= 0:
        return tuple(narrow)
    keep = max(0.0, 1.0 - over / extra)
    return tuple(least + (f - least) * keep for f in narrow)


def label_room(labels: Sequence[str], *, narrow: bool = False) -> float:
    """What a label beside a diamond's side takes of its column: the label (on one
    line, or `narrow` in its narrowest form), its gap to the corner and the cell's
    padding (it stands above or below the exit's line)."""
    return max(narrowest(t) if narrow else label_size(t)[0] for t in labels) + 1.0 + PAD


def role_min_width(lanes: int) -> float:
    """The narrowest role column: a symbol with its channels free on both sides."""
    return MIN_SYMBOL + 2 * channel_width(lanes)


def _fitted_mins(mins: Sequence[float], free: float) -> list[float]:
    """The minimums, shrunk towards TEXT_FLOOR when they do not all fit: some words
    are then split (and reported), but the sheet is still built."""
    if sum(mins) <= free:
        return list(mins)
    give = sum(m - TEXT_FLOOR for m in mins)
    # shrunk a little past the room, so the search still has width to give where
    # the text is (a row too tall for its page above all)
    t = (sum(mins) - free * SEARCH_ROOM) / give if give > 0 else 1.0
    return [m - (m - TEXT_FLOOR) * min(t, 1.0) for m in mins]


def _min_width(sop: Sop, column: TextColumn, header: str, body: float,
               ordinary: float = math.inf) -> float:
    """Room for the column's widest word (a header word included), never split; with
    `ordinary`, for its widest word no wider than that: a longer token (a URL, a
    50-letter code) is split whatever the column's width, so it claims no room."""
    widest = max((fonts.text_width(w, column.header_size, bold=True) for w in header.split()),
                 default=0.0)
    for step in sop.steps:
        text = step_text(step, column.attr)
        widest = max(widest, fonts.longest_word(text, body, below=ordinary))
        if column.attr == "waktu":  # '15 Menit' on one line: a time standard reads whole
            widest = max(widest, min(fonts.text_width(text, body), WAKTU_WHOLE))
    return widest * WORD_FIT / SLACK + 2 * PAD


class _Search:
    """Text widths for one role width: from each column's minimum, the next STEP
    points go where they save the most height (looking a few steps ahead across
    plateaus), and what is left is shared by how much text each column holds.

    Only a row's tallest cell decides its height, so a step is judged by the rows
    where its column is the tallest, and a cell is measured only when asked."""

    def __init__(self, sop: Sop, body: float, mins: Sequence[float], page_rows: float,
                 extra: float, lanes: int):
        self.sop = sop
        self.lanes = lanes
        self.body = body
        self.extra = extra
        self.page_rows = page_rows  # what a page holds: the header repeats on each
        self.mins = list(mins)
        self.texts = [[step_text(s, c.attr) for s in sop.steps] for c in TEXT_COLUMNS]
        volume = [sum(fonts.text_width(t, body) for t in col) for col in self.texts]
        self.share = [v / (sum(volume) or 1.0) for v in volume]
        self.live = [c for c, col in enumerate(self.texts) if any(col)]
        self._memo: dict[tuple[int, int, int], float] = {}
        self._floors: dict[tuple[float, ...], tuple[float, ...]] = {}

    def height(self, col: int, row: int, steps: int) -> float:
        key = (col, row, steps)
        found = self._memo.get(key)
        if found is None:
            text = self.texts[col][row]
            width = self.mins[col] + steps * STEP
            found = cell_height([Para(text, self.body)], width, self.extra) if text else 0.0
            self._memo[key] = found
        return found

    def floors(self, roles: tuple[float, ...]) -> tuple[float, ...]:
        if roles not in self._floors:
            self._floors[roles] = tuple(step_floor(s, roles, self.lanes)
                                        for s in self.sop.steps)
        return self._floors[roles]

    def cost(self, roles: tuple[float, ...], free: float) -> tuple[float, list[float]]:
        floors = self.floors(roles)
        header = role_header_height(self.sop, roles)
        # a row this tall leaves no room for the header, connector strips and closing
        # block on its page: widening its text comes before any other saving
        limit = self.page_rows - header - PAGE_EXTRAS
        rows = range(len(floors))
        at = [0] * len(TEXT_COLUMNS)
        budget = int((free - sum(self.mins)) // STEP)
        current = [[self.height(c, r, 0) for c in range(len(at))] for r in rows]
        tallest = [self._tallest(f, hs) for f, hs in zip(floors, current, strict=True)]
        while budget > 0:
            best: tuple[float, int, int] | None = None
            for c in self.live:
                mine = [r for r in rows if tallest[r][1] == c]
                for ahead in (1, 2, 4, 8, 16):
                    if ahead > budget or not mine:
                        break
                    saved = sum((tallest[r][0]
                                 - max(tallest[r][2], self.height(c, r, at[c] + ahead)))
                                * (OVER_PAGE if tallest[r][0] > limit else 1.0)
                                for r in mine)
                    if saved > 1e-6:
                        if best is None or saved / ahead > best[0] + 1e-9:
                            best = (saved / ahead, c, ahead)
                        break
            if best is None:
                break
            _, c, ahead = best
            at[c] += ahead
            budget -= ahead
            for r in rows:
                if self.texts[c][r]:
                    current[r][c] = self.height(c, r, at[c])
                    tallest[r] = self._tallest(floors[r], current[r])
        widths = [m + a * STEP for m, a in zip(self.mins, at, strict=True)]
        rest = free - sum(widths)
        widths = [w + rest * s for w, s in zip(widths, self.share, strict=True)]
        heights = [max(f, *(cell_height([Para(col[r], self.body)], w, self.extra)
                            for col, w in zip(self.texts, widths, strict=True) if col[r]))
                   for r, f in enumerate(floors)]
        total = sum(heights) + OVER_PAGE * sum(h for h in heights if h > limit)
        return total + header * max(1, math.ceil(total / self.page_rows)), widths

    @staticmethod
    def _tallest(floor: float, heights: Sequence[float]) -> tuple[float, int, float]:
        """A row's tallest height (its floor counts as column -1), that column, and the
        height the row keeps when that column shrinks (the second tallest)."""
        a, ac, b = floor, -1, 0.0
        for c, h in enumerate(heights):
            if h > a:
                a, ac, b = h, c, a
            elif h > b:
                b = h
        return a, ac, b


def step_floor(step: Step, roles: tuple[float, ...], lanes: int) -> float:
    """The least height of a step's row: its symbols with room above and below for arrows."""
    symbol_h = max(symbol_size(symbol_of(step.kind), symbol_room(roles[r], lanes))[1]
                   for r in step.roles)
    return max(symbol_h, CONNECTOR) + 2 * GAP_MIN


def role_header_height(sop: Sop, roles: tuple[float, ...]) -> float:
    own, groups = role_labels(tuple(r.label for r in sop.roles))
    headers = set_headers(own, roles)
    group_h = max((cell_height([Para(g.name, SMALL, bold=True)],
                               sum(roles[g.first:g.first + g.count])) for g in groups),
                  default=0.0)
    return max(header_cell_height(h) for h in headers) + group_h


def header_cell_height(header: SetHeader) -> float:
    """A set header's height: its lines are fixed, so no wrapping is measured."""
    return len(header.lines) * header.size * LINE + PAD + EXTRA_LINE * header.size * LINE


def _too_many_roles(sop: Sop, usable: float, mins: Sequence[float], role_min: float) -> str:
    n = len(sop.roles)
    fits = max(0, int((usable - NO_WIDTH - TEXT_FLOOR * len(mins)) // role_min))
    room = _roomier_paper(sop, mins, role_min)
    return msg.roles_do_not_fit(n, role_min / PT_PER_MM, paper_name(sop), fits, room)


def _roomier_paper(sop: Sop, mins: Sequence[float], role_min: float) -> str | None:
    """The paper to suggest: the same paper turned, then A4, F4 and Legal landscape,
    the first on which the roles fit (agencies print on A4 or F4)."""
    need = NO_WIDTH + TEXT_FLOOR * len(mins) + len(sop.roles) * role_min
    options = [(sop.settings.paper, True), (Paper.A4, True), (Paper.F4, True),
               (Paper.LEGAL, True)]
    for paper, landscape in options:
        if (paper, landscape) == (sop.settings.paper, sop.settings.landscape):
            continue
        if _width(paper, landscape) - MARGINS.left - MARGINS.right >= need:
            return f"{paper.value} {'Lanskap' if landscape else 'Potret'}"
    return None


def _width(paper: Paper, landscape: bool) -> float:
    w, h = paper.size_mm
    return (h if landscape else w) * PT_PER_MM


def _split_words(sop: Sop, widths: Sequence[float], body: float) -> tuple[Problem, ...]:
    """A warning for each text column that must still split a word: the planner can
    choose other paper, which a silent "Dokume-n" would not tell them. A word
    broken after its own hyphen (`perundang-` / `undangan`) is not split."""
    paper = paper_name(sop)
    out = []
    first_text = (1, *range(len(widths) - 4, len(widths)))
    for column, col in zip(TEXT_COLUMNS, first_text, strict=True):
        room = (widths[col] - 2 * PAD) * SLACK
        for step in sop.steps:
            words = [w for w in step_text(step, column.attr).split()
                     if fonts.longest_word(w, body) > room]
            if words:
                loc = step.locs.get(column.attr, step.loc)
                out.append(Problem(loc, msg.word_split(words[0], column.header,
                                                       widths[col] / PT_PER_MM, paper),
                                   warning=True))
                break
    return tuple(out)


def header_rows(sop: Sop, cols: Columns) -> list[Row]:
    """Two header rows; three when roles are grouped (the group over its roles)."""
    def head(text: str, size: float = HEADER, *, col: int, span: int = 1,
             rowspan: int = 1) -> Cell:
        return Cell(col, (Para(text, size, bold=True, align=Align.CENTER),), span=span,
                    rowspan=rowspan, shaded=True)

    n = cols.roles
    r0 = cols.first_role
    after = r0 + n
    w = cols.widths
    kegiatan, kelengkapan, waktu, output, keterangan = cols.text_headers
    grouped = {k for g in cols.role_groups for k in range(g.first, g.first + g.count)}
    levels = 3 if cols.role_groups else 2
    role_cells = [Cell(r0 + i, (Para(h.text, h.size, bold=True, align=Align.CENTER),),
                       shaded=True, rowspan=1 if i in grouped else levels - 1)
                  for i, h in enumerate(cols.role_headers)]
    subs = [head(t, SMALL, col=after + k, rowspan=levels - 1)
            for k, t in enumerate((kelengkapan, waktu, output))]
    role_h = max(header_cell_height(h) for h in cols.role_headers)
    sub_h = max(cell_height(c.paras, w[c.col]) for c in subs)
    top = (
        head("No", col=0, rowspan=levels),
        head(kegiatan, col=1, rowspan=levels),
        head("Pelaksana", col=r0, span=n),
        head("Mutu Baku", col=after, span=3),
        head(keterangan, col=after + 3, rowspan=levels),
    )
    spans = {0: 1, 1: 1, r0: n, after: 3, after + 3: 1}
    need = {c.col: cell_height(c.paras, sum(w[c.col : c.col + spans[c.col]])) for c in top}
    if not cols.role_groups:
        h2 = tw_up(max(18.0, role_h, sub_h))
        h1 = max(16.0, need[r0], need[after], *(need[c] - h2 for c in (0, 1, after + 3)))
        return [Row(tw_up(h1), top, kind="header"),
                Row(h2, (*role_cells, *subs), kind="header")]
    groups = [head(g.name, SMALL, col=r0 + g.first, span=g.count) for g in cols.role_groups]
    ungrouped = [c for i, c in enumerate(role_cells) if i not in grouped]
    h2 = tw_up(max(14.0, *(cell_height(c.paras, sum(w[c.col:c.col + c.span])) for c in groups)))
    h3 = tw_up(max(14.0, role_h, sub_h - h2,
                   *(header_cell_height(cols.role_headers[i]) - h2 for i in range(n)
                     if i not in grouped)))
    h1 = max(16.0, need[r0], need[after], *(need[c] - h2 - h3 for c in (0, 1, after + 3)))
    middle = sorted((*groups, *ungrouped, *subs), key=lambda c: c.col)
    return [Row(tw_up(h1), top, kind="header"),
            Row(h2, tuple(middle), kind="header"),
            Row(h3, tuple(c for i, c in enumerate(role_cells) if i in grouped), kind="header")]
