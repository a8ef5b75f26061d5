"""Pages 2 and on: the procedure table, paginated, with its symbols, routes and labels.

The generator paginates itself: it has to know where each page breaks to
place the off-page connectors, and both renderers must break at the same rows.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from sopgen import flow
from sopgen import messages as msg
from sopgen.dates import format_date
from sopgen.durations import format_minutes
from sopgen.geometry import (
    Align,
    Box,
    Cell,
    Page,
    Para,
    Point,
    Route,
    Row,
    Symbol,
    SymbolKind,
    Table,
)
from sopgen.layout.columns import (
    column_choices,
    header_rows,
    label_room,
    step_floor,
)
from sopgen.layout.page import MARGINS, PAGE_SLACK, LayoutError, rows_height
from sopgen.layout.routing import Flow, PageRouter
from sopgen.layout.signing import qr_squares, room_paras
from sopgen.layout.state import (
    CONNECTOR,
    CONNECTOR_PITCH,
    MIN_SYMBOL,
    SIGNATURE_GAP,
    STRIP_FOOT_TOP,
    STRIP_TOP,
    Columns,
    Edge,
    Placed,
    loops_beside,
    round_box,
    side_exit,
    strip_height,
    symbol_of,
    symbol_room,
)
from sopgen.layout.text import BODY, EXTRA_LINE, TIGHT_EXTRA, cell_height, tw, tw_up
from sopgen.model import ClosingSignature, Kind, Loc, Problem, Sop, Step
from sopgen.symbols import symbol_size


def total_text(sop: Sop, minutes: int) -> str:
    """The closing row's total: `-` when no main-path step has a time standard, and a
    count of those left out when some have none, so nobody reads a part as the whole."""
    missing = sum(1 for no in flow.main_path(sop.steps) if sop.step(no).waktu.is_none)
    if missing == len(flow.main_path(sop.steps)):
        return "-"
    total = format_minutes(minutes, sop.settings.work)
    return msg.total_partial(total, missing) if missing else total


# The step texts' type and the spare part of a line under each, from the roomiest to the
# densest: a denser one is taken only when it saves a page (signed sheets are dense).
SIGNATURE_ROOM = 44.0  # blank room for a wet signature and stamp (about 15 mm)
DENSITIES = ((BODY, EXTRA_LINE), (8.5, EXTRA_LINE), (8.0, EXTRA_LINE), (8.0, TIGHT_EXTRA))


def procedure(sop: Sop, usable: float, page_h: float, total: int
              ) -> tuple[Procedure, tuple[Problem, ...]]:
    """The procedure at the roomiest density that needs the fewest pages, with the
    closing signature as Pengaturan asks (Otomatis: unless it costs a page), and the
    warning when Otomatis leaves it out."""
    avail = page_h - MARGINS.top - MARGINS.bottom - PAGE_SLACK
    setting = sop.settings.closing_signature
    errors: list[LayoutError] = []

    def attempt(body: float, extra: float) -> list[Procedure]:
        try:
            choices = column_choices(sop, usable, body, avail - 60.0, extra)
        except LayoutError as err:
            errors.append(err)
            return []
        out = []
        for cols in choices:
            try:
                out.append(Procedure(sop, usable, page_h, total, cols, body, extra))
            except LayoutError as err:
                errors.append(err)
        return out

    def pages(p: Procedure, signed: bool) -> float:
        """How many pages; infinitely many when a step cannot fit a page this way."""
        try:
            return len(p.spans_for(signed))
        except LayoutError as err:
            errors.append(err)
            return math.inf

    # The densest first: it tells the fewest pages any density can reach, so the
    # roomier ones are tried only until one reaches it too.
    densest = attempt(*DENSITIES[-1])
    least = {signed: min((pages(p, signed) for p in densest), default=math.inf)
             for signed in (True, False)}
    if least[False] == math.inf:
        raise errors[0]
    problems: tuple[Problem, ...] = ()
    if setting is ClosingSignature.OTOMATIS:
        signed = least[True] == least[False]
        if not signed:
            loc = sop.settings.locs.get("closing_signature", Loc("Pengaturan"))
            problems = (Problem(loc, msg.closing_signature_left_out(), warning=True),)
    else:
        signed = setting is ClosingSignature.YA
        if least[signed] == math.inf:
            raise next(e for e in errors if e.problems)
    for body, extra in DENSITIES[:-1]:
        for candidate in attempt(body, extra):
            if pages(candidate, signed) == least[signed]:
                candidate.signed = signed
                return candidate, problems
    chosen = next(p for p in densest if pages(p, signed) == least[signed])
    chosen.signed = signed
    return chosen, problems


class Procedure:
    def __init__(self, sop: Sop, usable: float, page_h: float, total: int, cols: Columns,
                 body: float = BODY, extra: float = EXTRA_LINE):
        self.sop = sop
        self.usable = usable
        self.body = body
        self.extra = extra
        self.avail = page_h - MARGINS.top - MARGINS.bottom - PAGE_SLACK
        self.total = total
        self.cols = cols
        self.header = header_rows(sop, self.cols)
        self.step_rows = [self._step_row(s) for s in sop.steps]
        self.edges = _edges(sop.steps)
        self.closing = self._closing_row()
        self.signature = signature_table(sop, usable)
        self.signed = sop.settings.closing_signature is not ClosingSignature.TIDAK
        self._spans: dict[bool, list[tuple[int, int]]] = {}

    def spans_for(self, signed: bool) -> list[tuple[int, int]]:
        """The steps of each page, with or without the closing signature block."""
        if signed not in self._spans:
            self._spans[signed] = self._breaks(signed)
        return self._spans[signed]

    # rows ---------------------------------------------------------------

    def _step_row(self, step: Step) -> Row:
        w = self.cols.widths
        r0 = self.cols.first_role
        after = r0 + self.cols.roles
        body = self.body
        texts: list[tuple[int, Para]] = [
            (0, Para(str(step.no), body, align=Align.CENTER)),
            (1, Para(step.kegiatan, body)),
            (after, Para(step.kelengkapan, body)),
            (after + 1, Para(step.waktu.text, body, align=Align.CENTER)),
            (after + 2, Para(step.output, body)),
            (after + 3, Para(step.keterangan, body)),
        ]
        need = max(cell_height([p], w[c], self.extra) for c, p in texts if p.text)
        # A row too tall for any page: `_breaks` says so.
        roles = tuple(w[r0:r0 + self.cols.roles])
        h = max(need, step_floor(step, roles, self.cols.lanes))
        cells = [Cell(c, (p,) if p.text else ()) for c, p in texts[:2]]
        cells += [Cell(r0 + i) for i in range(self.cols.roles)]
        cells += [Cell(c, (p,) if p.text else ()) for c, p in texts[2:]]
        return Row(tw_up(h), tuple(cells), kind="step", step=step.no)

    def _closing_row(self) -> Row:
        after = self.cols.first_role + self.cols.roles
        label = Para("Total waktu (jalur utama)", self.body, bold=True, align=Align.RIGHT)
        total = Para(total_text(self.sop, self.total), self.body, bold=True, align=Align.CENTER)
        w = self.cols.widths
        h = max(cell_height([label], sum(w[:after + 1])),
                cell_height([total], sum(w[after + 1:])), 18.0)
        return Row(tw_up(h), (
            Cell(0, (label,), span=after + 1),
            Cell(after + 1, (total,), span=3),
        ), kind="closing")  # fmt: skip

    # pagination -----------------------------------------------------------

    def _connectors(self, first: int, last: int) -> tuple[list[Edge], list[Edge]]:
        """Flows cut at the head and at the foot of a page holding steps first..last."""
        head: list[Edge] = []
        foot: list[Edge] = []
        for e in self.edges:
            a_in, b_in = first <= e.frm <= last, first <= e.to <= last
            if a_in and not b_in:
                (head if e.to < first else foot).append(e)
            elif b_in and not a_in:
                (head if e.frm < first else foot).append(e)
        return head, foot

    def _strip_rows(self, edges: list[Edge], first: int, last: int) -> int:
        per_col: dict[int, int] = {}
        for e in edges:
            col = self._end_column(e, first, last)
            per_col[col] = per_col.get(col, 0) + 1
        return max(per_col.values(), default=0)

    def _end_column(self, e: Edge, first: int, last: int) -> int:
        """The column of the half drawn on this page: the column of its step on the page."""
        a_col, b_col = self._edge_columns(e)
        return a_col if first <= e.frm <= last else b_col

    def _edge_columns(self, e: Edge) -> tuple[int, int]:
        a, b = self.sop.step(e.frm), self.sop.step(e.to)
        pairs = [(abs(x - y), x, y) for x in a.roles for y in b.roles]
        _, x, y = min(pairs)
        return self.cols.role_col(x), self.cols.role_col(y)

    def _page_height(self, first: int, last: int, signed: bool) -> float:
        head, foot = self._connectors(first, last)
        h = rows_height(self.header) + sum(r.height for r in self.step_rows[first - 1 : last])
        h += strip_height(self._strip_rows(head, first, last), head=True)
        h += strip_height(self._strip_rows(foot, first, last), head=False)
        if last == len(self.step_rows):
            # The closing block stays with the last steps: a signature on a
            # page of its own could be detached from what it signs.
            h += self.closing.height
            if signed:
                h += SIGNATURE_GAP + self.signature.height
        return h

    def _breaks(self, signed: bool) -> list[tuple[int, int]]:
        n = len(self.step_rows)
        cap = self.sop.settings.max_steps_per_page or n
        spans: list[tuple[int, int]] = []
        first = 1
        while first <= n:
            best = None
            rows_h = rows_height(self.header)
            for last in range(first, min(n, first + cap - 1) + 1):
                rows_h += self.step_rows[last - 1].height
                if rows_h > self.avail:
                    break
                if self._page_height(first, last, signed) <= self.avail:
                    best = last
            if best is None:
                step = self.sop.step(first)
                raise LayoutError([Problem(step.locs.get("kegiatan", step.loc),
                                           msg.step_too_tall(first))])
            spans.append((first, best))
            first = best + 1
        return self._balanced(spans, signed)

    def _balanced(self, spans: list[tuple[int, int]], signed: bool) -> list[tuple[int, int]]:
        """No last page with a lone step under the signature while the page before has
        steps to spare: move steps over while both pages still fit."""
        while len(spans) >= 2:
            (a, b), (c, d) = spans[-2], spans[-1]
            if d - c + 1 >= 2 or b - a + 1 < 2 or self._page_height(b, d, signed) > self.avail:
                break
            spans[-2:] = [(a, b - 1), (b, d)]
        return spans

    # drawing --------------------------------------------------------------

    def pages(self) -> list[Page]:
        spans = self.spans_for(self.signed)
        letters = _letters([e for e in self.edges if self._page_of(e.frm, spans)
                            != self._page_of(e.to, spans)])
        pages = [self._page(first, last, letters, spans) for first, last in spans]
        if not self.signed:
            return pages
        sig = self.signature
        x = MARGINS.left + self.usable - sig.width
        last_table = pages[-1].tables[0]
        y = last_table.y + last_table.height + SIGNATURE_GAP
        page = pages[-1]
        placed = Table(x, y, sig.widths, sig.rows, borders=False)
        qr = qr_squares(self.sop, placed.cell_box(0, sig.rows[0].cells[0]),
                        sig.rows[0].cells[0].paras, placed.padding)
        pages[-1] = Page(page.kind, (*page.tables, placed), page.symbols, page.routes,
                         page.labels, page.steps, squares=(qr,) if qr else ())
        return pages

    @staticmethod
    def _page_of(no: int, spans: list[tuple[int, int]]) -> int:
        return next(i for i, (a, b) in enumerate(spans) if a <= no <= b)

    def _page(
        self, first: int, last: int, letters: dict[Edge, str], spans: list[tuple[int, int]]
    ) -> Page:
        head, foot = self._connectors(first, last)
        head_n = self._strip_rows(head, first, last)
        foot_n = self._strip_rows(foot, first, last)
        ncols = len(self.cols.widths)

        def strip(stack: int, at_head: bool) -> list[Row]:
            if not stack:
                return []
            height = strip_height(stack, head=at_head)
            return [Row(height, tuple(Cell(c) for c in range(ncols)), kind="strip")]

        rows: list[Row] = [*self.header, *strip(head_n, True)]
        row_of_step: dict[int, int] = {}
        for no in range(first, last + 1):
            row_of_step[no] = len(rows)
            rows.append(self.step_rows[no - 1])
        foot_row0 = len(rows)
        rows.extend(strip(foot_n, False))
        if last == len(self.step_rows):
            rows.append(self.closing)
        table = Table(MARGINS.left, MARGINS.top, self.cols.widths, tuple(rows))
        placed = Placed(table, row_of_step)
        boxes = self._place_symbols(placed, first, last)
        head_boxes = self._place_connectors(placed, head, len(self.header), first, last, letters)
        foot_boxes = self._place_connectors(placed, foot, foot_row0, first, last, letters)
        self._route_all(placed, first, last, boxes, head_boxes, foot_boxes)
        return Page("procedure", (table,), tuple(placed.symbols), tuple(placed.routes),
                    tuple(placed.labels), tuple(range(first, last + 1)))

    def _col_box(self, table: Table, row: int, col: int) -> Box:
        return table.cell_box(row, Cell(col))

    def _place_symbols(
        self, placed: Placed, first: int, last: int
    ) -> dict[int, list[Box]]:
        boxes: dict[int, list[Box]] = {}
        for no in range(first, last + 1):
            step = self.sop.step(no)
            kind = symbol_of(step.kind)
            row = placed.row_of_step[no]
            own: list[Box] = []
            for role in step.roles:
                cell = self._col_box(placed.table, row, self.cols.role_col(role))
                room = symbol_room(cell.w, self.cols.lanes)
                if kind is SymbolKind.DECISION and loops_beside(step):  # room for its label
                    label = step.label_yes if side_exit(step, self.sop.steps) == "Ya" else (
                        step.label_no)
                    if label:
                        room = max(min(room, cell.w - 2 * label_room([label])), MIN_SYMBOL)
                w, h = symbol_size(kind, room)
                box = round_box(Box(cell.cx - w / 2, cell.cy - h / 2, w, h))
                placed.symbols.append(Symbol(kind, box, step=no))
                own.append(box)
            for a, b in itertools.pairwise(own):
                placed.routes.append(Route((Point(a.right, a.cy), Point(b.x, b.cy)),
                                           arrow=False, frm=no, to=no, joint=True))
            boxes[no] = own
        return boxes

    def _place_connectors(
        self,
        placed: Placed,
        edges: list[Edge],
        row: int,
        first: int,
        last: int,
        letters: dict[Edge, str],
    ) -> dict[Edge, Box]:
        """The page's connectors at its head (or foot), in one strip row: those of one
        column stacked in its cell with room between them for a line to turn, so a
        connector's line never has to pass through another."""
        out: dict[Edge, Box] = {}
        slot: dict[int, int] = {}
        at_head = row < max(placed.row_of_step.values(), default=row)
        order = sorted(edges, key=lambda e: (self._head_rank(e, first) if at_head
                                             else self._foot_rank(e, last), letters[e]))
        for e in order:
            col = self._end_column(e, first, last)
            k = slot.get(col, 0)
            slot[col] = k + 1
            cell = self._col_box(placed.table, row, col)
            top = cell.y + (STRIP_TOP if at_head else STRIP_FOOT_TOP) + k * CONNECTOR_PITCH
            box = round_box(Box(cell.cx - CONNECTOR / 2, top, CONNECTOR, CONNECTOR))
            placed.symbols.append(Symbol(SymbolKind.CONNECTOR, box, letter=letters[e]))
            out[e] = box
        return out

    def _foot_rank(self, e: Edge, last: int) -> tuple[int, ...]:
        """Where a foot connector stands in its column's stack: a flow from the page's
        lower steps nearest the top, a decision's bottom exit before its side exit, so
        the line that drops straight from the last symbol goes straight in and lines
        from farther up, which run down a channel anyway, turn into the slots below;
        a flow coming back up from a later page leaves from the bottom of the stack."""
        if e.frm > last:
            return (1, e.frm, e.to)
        step = self.sop.step(e.frm)
        side = step.kind is Kind.KEPUTUSAN and e.label == side_exit(step, self.sop.steps)
        return (0, -e.frm, int(side))

    @staticmethod
    def _head_rank(e: Edge, first: int) -> tuple[int, ...]:
        """Where a head connector stands in its column's stack: the one whose flow
        enters the page's first steps lowest, so its line drops straight in, those to
        later steps above it (their lines turn into a channel anyway), and a flow
        leaving up to an earlier page at the top, as it comes up a channel."""
        if e.frm >= first:
            return (0, 0)
        return (1, -e.to)

    def _route_all(
        self,
        placed: Placed,
        first: int,
        last: int,
        boxes: dict[int, list[Box]],
        head: dict[Edge, Box],
        foot: dict[Edge, Box],
    ) -> None:
        flows = []
        for e in self.edges:
            a_in, b_in = first <= e.frm <= last, first <= e.to <= last
            if not a_in and not b_in:
                continue
            src_step = self.sop.step(e.frm)
            if a_in and b_in:
                srcs, dsts = boxes[e.frm], boxes[e.to]
            elif a_in:
                srcs, dsts = boxes[e.frm], [head.get(e) or foot[e]]
            else:
                srcs, dsts = [head.get(e) or foot[e]], boxes[e.to]
            up = min(d.y for d in dsts) < max(s.bottom for s in srcs) - 0.01
            side = (a_in and src_step.kind is Kind.KEPUTUSAN
                    and e.label == side_exit(src_step, self.sop.steps))
            text = ""
            if e.label and a_in:
                text = src_step.label_yes if e.label == "Ya" else src_step.label_no
            flows.append(Flow(e.frm, e.to, tuple(srcs), tuple(dsts), side or up, text))
        PageRouter(placed, self.cols).route_all(flows)


def signature_table(sop: Sop, usable: float) -> Table:
    ident = sop.identity
    width = tw(max(usable * 0.34, 170.0))
    paras: list[Para] = []
    if ident.tempat:
        paras.append(Para(f"{ident.tempat}, {format_date(ident.tanggal_efektif)}", BODY,
                          align=Align.CENTER))
    paras.append(Para(ident.disahkan_oleh.upper(), BODY, bold=True, align=Align.CENTER))
    room, before_name = room_paras(sop, BODY, SIGNATURE_ROOM)
    paras.extend(room)
    paras.append(Para(ident.nama_pengesah, BODY, bold=True, underline=True,
                      align=Align.CENTER, space_before=before_name))
    if ident.pangkat:
        paras.append(Para(ident.pangkat, BODY, align=Align.CENTER))
    if ident.nip_printed:
        paras.append(Para(f"NIP. {ident.nip_printed}", BODY, align=Align.CENTER))
    h = cell_height(paras, width)
    return Table(0.0, 0.0, (width,), (Row(tw_up(h), (Cell(0, tuple(paras), valign="top"),),
                                          kind="signature"),), borders=False)



def _letters(edges: Sequence[Edge]) -> dict[Edge, str]:
    ordered = sorted(set(edges), key=lambda e: (e.frm, e.to))
    return {e: connector_letter(i) for i, e in enumerate(ordered)}


def connector_letter(index: int) -> str:
    """A, B, … Z, AA, AB, …: the spreadsheet way, which planners know."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def _edges(steps: Sequence[Step]) -> list[Edge]:
    out: list[Edge] = []
    for s in steps:
        if s.kind is Kind.KEPUTUSAN:
            assert s.if_yes is not None and s.if_no is not None
            out.append(Edge(s.no, s.if_yes, "Ya"))
            out.append(Edge(s.no, s.if_no, "Tidak"))
        elif s.kind is not Kind.SELESAI:
            out.append(Edge(s.no, s.no + 1, None))
    return out


