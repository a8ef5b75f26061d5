"""Validated `Sop` -> `Document`: every page, row, symbol and route, in points.

The generator paginates itself: it has to know where each page breaks to
place the off-page connectors, and both renderers must break at the same
rows. Row heights come from the real font's metrics with slack, so Pango,
LibreOffice and Word, which break lines slightly differently, all fit.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sopgen import flow, fonts
from sopgen import messages as msg
from sopgen.dates import format_date
from sopgen.durations import format_minutes
from sopgen.geometry import (
    PT_PER_MM,
    Align,
    Box,
    Cell,
    Document,
    Figure,
    Image,
    Label,
    Margins,
    Page,
    Para,
    Point,
    Route,
    Row,
    Symbol,
    SymbolKind,
    Table,
)
from sopgen.images import check_image
from sopgen.model import Kind, Loc, Problem, Sop, Step

# Type sizes and spacing, in points.
BODY = 9.0
SMALL = 8.0
HEADER = 8.5
LABEL = 6.5
FOOTER = 7.5
LINE = 1.2  # line height as a multiple of the size; renderers set it exactly
PAD = 3.0  # cell padding left/right; top/bottom is PAD / 2 ... plus slack
SLACK = 0.90  # wrap at 90 % of the width: other engines break a little later
EXTRA_LINE = 0.6  # spare fraction of a line under every text

MARGINS = Margins(top=28.0, right=28.0, bottom=40.0, left=34.0)
# Left free at a page's foot: LibreOffice adds the grid's border widths to a table of
# exact-height rows, so a page filled to the last point spills its last row over.
PAGE_SLACK = 4.0

# The flowchart.
GAP_MIN = 12.0  # free band above and below a symbol: arrows turn here
CHANNEL = 5.0  # first lane of a vertical channel, from the column edge
LANE = 3.0  # distance between lanes of one channel
LANES = 3
ROLE_MIN = 40.0  # narrowest legible role column
ROLE_PREF = 62.0
ROLE_MAX = 110.0
ROLE_GIVE = 46.0  # Pelaksana columns narrow to this to keep text columns' words whole
WORD_FIT = 1.03  # a word alone on its line: engines agree within this of its width
SIGNATURE_GAP = 14.0
STRIP_ROW = 26.0  # one sub-row of connectors at a page's head or foot
CONNECTOR = 14.0
TURN = 6.0  # an arrow's last leg into a symbol from above is at least this long

_SYMBOL_OF = {
    Kind.MULAI: SymbolKind.TERMINATOR,
    Kind.SELESAI: SymbolKind.TERMINATOR,
    Kind.PROSES: SymbolKind.PROCESS,
    Kind.KEPUTUSAN: SymbolKind.DECISION,
}


class LayoutError(Exception):
    """The SOP cannot be laid out on this paper; carries problems at their cells."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


def _tw(v: float) -> float:
    """Round to a twip (1/20 pt): the DOCX grid unit, so both renderers share one value."""
    return round(v * 20) / 20


def _tw_up(v: float) -> float:
    """A height up to the next twip: rounding a row down could cut its last line."""
    return math.ceil(v * 20 - 1e-6) / 20


def page_size(sop: Sop) -> tuple[float, float]:
    w_mm, h_mm = sop.settings.paper.size_mm
    if sop.settings.landscape:
        w_mm, h_mm = h_mm, w_mm
    return w_mm * PT_PER_MM, h_mm * PT_PER_MM


def layout(sop: Sop, total_minutes: int | None = None) -> Document:
    """The whole document; raises LayoutError when the roles or a step cannot fit."""
    width, height = page_size(sop)
    usable = width - MARGINS.left - MARGINS.right
    if total_minutes is None:
        total_minutes = sum(sop.step(no).waktu.minutes for no in flow.main_path(sop.steps))
    identity_pages = _identity_pages(sop, usable, height)
    procedure = _Procedure(sop, usable, height, total_minutes)
    pages = (*identity_pages, *procedure.pages())
    ident = sop.identity
    return Document(
        width=width,
        height=height,
        margins=MARGINS,
        pages=pages,
        footer_left=f"{ident.nomor} · {ident.nama}",
        font_family=fonts.FAMILY,
        footer_size=FOOTER,
        meta={
            "title": ident.nama,
            "subject": ident.nomor,
            "author": ident.satuan_kerja,
            "keywords": f"SOP; {ident.nomor}; {ident.satuan_kerja}",
        },
        warnings=procedure.cols.warnings,
    )


@dataclass(frozen=True)
class Frame:
    """What a procedure page holds besides its steps: a step row is measured against it."""

    widths: tuple[float, ...]
    header: float  # both header rows
    closing: float  # the total-time row
    signature: float  # the signature block, under SIGNATURE_GAP


def procedure_frame(sop: Sop, total_minutes: int | None = None) -> Frame:
    """The procedure table's frame; raises LayoutError when the roles cannot fit."""
    width, height = page_size(sop)
    if total_minutes is None:
        total_minutes = sum(sop.step(no).waktu.minutes for no in flow.main_path(sop.steps))
    p = _Procedure(sop, width - MARGINS.left - MARGINS.right, height, total_minutes)
    return Frame(p.cols.widths, _height(p.header), p.closing.height, p.signature.height)


def gantt_page(sop: Sop, document: Document) -> Page:
    """An appendix page with the timeline's Gantt chart, scaled into the margins."""
    from sopgen.gantt import gantt_drawing, gantt_png, gantt_svg
    from sopgen.timeline import build_timeline

    timeline = build_timeline(sop)
    usable_w = document.width - MARGINS.left - MARGINS.right
    usable_h = document.height - MARGINS.top - MARGINS.bottom
    drawing = gantt_drawing(sop, timeline, width=1200)
    scale = min(usable_w / drawing.width, usable_h / drawing.height)
    box = Box(MARGINS.left, MARGINS.top, _tw(drawing.width * scale), _tw(drawing.height * scale))
    figure = Figure(box, gantt_svg(sop, timeline, width=1200),
                    gantt_png(sop, timeline, width=1200, scale=2.0))
    return Page("gantt", (), figure=figure)


# --- text measurement --------------------------------------------------------


def _lines(text: str, width: float, size: float, bold: bool = False) -> int:
    return len(fonts.wrap(text, max(width * SLACK, 1.0), size, bold))


def para_height(p: Para, width: float) -> float:
    inner = width - (_number_indent(p) if p.number else 0.0)
    return p.space_before + _lines(p.text, inner, p.size, p.bold) * p.size * LINE


def _number_indent(p: Para) -> float:
    return 14.0 if p.size <= BODY else 16.0


def text_height(paras: Iterable[Para], width: float) -> float:
    """The likely height of the text alone, without slack: for centring it vertically."""
    total = 0.0
    for p in paras:
        inner = width - 2 * PAD - (_number_indent(p) if p.number else 0.0)
        total += p.space_before + len(fonts.wrap(p.text, inner, p.size, p.bold)) * p.size * LINE
    return total


def cell_height(paras: Iterable[Para], width: float) -> float:
    """Height a cell needs: its paragraphs, the padding, and a spare part of a line."""
    paras = list(paras)
    if not paras:
        return 0.0
    inner = width - 2 * PAD
    text = sum(para_height(p, inner) for p in paras)
    return text + PAD + EXTRA_LINE * paras[0].size * LINE


# --- page 1: identity ----------------------------------------------------------


def _identity_pages(sop: Sop, usable: float, page_h: float) -> list[Page]:
    ident = sop.identity
    half = _tw(usable / 2)
    label_w = _tw(usable * 0.16)
    value_w = _tw(usable - half - label_w)
    widths = (half, label_w, value_w)
    top = MARGINS.top

    def kv(label: str, value: str, bold: bool = False) -> tuple[Para, Para]:
        return (Para(label, BODY, bold=True), Para(value, BODY, bold=bold))

    pairs = [
        kv("NOMOR SOP", ident.nomor),
        kv("TANGGAL PEMBUATAN", format_date(ident.tanggal_pembuatan)),
        kv("TANGGAL REVISI", format_date(ident.tanggal_revisi) if ident.tanggal_revisi else "-"),
        kv("TANGGAL EFEKTIF", format_date(ident.tanggal_efektif)),
    ]
    signer = [
        Para(ident.disahkan_oleh, BODY, align=Align.CENTER),
        Para(ident.nama_pengesah, BODY, bold=True, align=Align.CENTER, space_before=46.0),
    ]
    if ident.pangkat:
        signer.append(Para(ident.pangkat, BODY, align=Align.CENTER))
    if ident.nip_printed:
        signer.append(Para(f"NIP. {ident.nip_printed}", BODY, align=Align.CENTER))
    rows: list[Row] = []
    heights = [max(cell_height([a], label_w), cell_height([b], value_w), 16.0) for a, b in pairs]
    signer_h = max(cell_height(signer, value_w), 90.0)
    name_pair = kv("NAMA SOP", ident.nama, bold=True)
    name_h = max(cell_height([name_pair[0]], label_w), cell_height([name_pair[1]], value_w), 24.0)
    all_heights = [*heights, signer_h, name_h]

    left = _identity_left(sop, half)
    left_h = cell_height(left[0], half) + (left[1].h + 6 if left[1] else 0)
    if left_h > sum(all_heights):  # give the unit's name room: grow the signature row
        all_heights[4] += left_h - sum(all_heights)
    for i, (a, b) in enumerate([*pairs, kv("DISAHKAN OLEH", ""), name_pair]):
        cells = []
        if i == 0:
            cells.append(Cell(0, tuple(left[0]), rowspan=6, image=left[1]))
        cells.append(Cell(1, (a,), valign="top" if i == 4 else "middle"))
        value = tuple(signer) if i == 4 else (b,)
        cells.append(Cell(2, value, valign="top" if i == 4 else "middle"))
        rows.append(Row(_tw_up(all_heights[i]), tuple(cells), kind="identity"))

    grid_rows = _provision_rows(sop, half, usable - half)
    avail = page_h - MARGINS.top - MARGINS.bottom - PAGE_SLACK
    pages: list[Page] = []
    head = Table(MARGINS.left, top, widths, tuple(rows))
    current: list[Row] = []
    used = head.height + 8.0
    tables: list[Table] = [head]
    grid_widths = (half, _tw(usable - half))
    for row in grid_rows:
        if used + row.height > avail and current:
            tables.append(Table(MARGINS.left, top + used - _height(current), grid_widths,
                                tuple(current)))
            pages.append(Page("identity", tuple(tables)))
            tables, current, used = [], [], 0.0
        if row.height > avail:
            raise LayoutError([Problem(Loc("Ketentuan"), msg.identity_too_tall())])
        current.append(row)
        used += row.height
    if current:
        tables.append(Table(MARGINS.left, top + used - _height(current), grid_widths,
                            tuple(current)))
    pages.append(Page("identity", tuple(tables)))
    return pages


def _height(rows: Sequence[Row]) -> float:
    return sum(r.height for r in rows)


def _identity_left(sop: Sop, width: float) -> tuple[list[Para], Image | None]:
    ident = sop.identity
    paras: list[Para] = []
    image = None
    if ident.logo is not None:
        px_w, px_h = check_image(ident.logo)
        h = 72.0
        w = min(h * px_w / px_h, width - 2 * PAD)
        image = Image(ident.logo, round(w, 2), round(w * px_h / px_w, 2))
    if ident.instansi:
        paras.append(Para(ident.instansi.upper(), 11.0, bold=True, align=Align.CENTER))
    paras.append(Para(ident.satuan_kerja.upper(), 11.0, bold=True, align=Align.CENTER,
                      space_before=4.0 if paras else 0.0))
    return paras, image


def _provision_rows(sop: Sop, left_w: float, right_w: float) -> list[Row]:
    """Three pairs of heading + numbered list; a long list splits into several rows."""
    items = sop.provisions.items()
    rows: list[Row] = []
    for k in range(0, len(items), 2):
        (lt, li), (rt, ri) = items[k], items[k + 1]
        heads = (Para(lt.upper() + " :", BODY, bold=True), Para(rt.upper() + " :", BODY, bold=True))
        h = max(cell_height([heads[0]], left_w), cell_height([heads[1]], right_w), 16.0)
        rows.append(Row(_tw_up(h), (Cell(0, heads[:1], shaded=True),
                                    Cell(1, heads[1:], shaded=True)), kind="heading"))
        lp, rp = _numbered(li), _numbered(ri)
        h = max(cell_height(lp, left_w), cell_height(rp, right_w), 40.0)
        rows.append(Row(_tw_up(h), (Cell(0, tuple(lp), valign="top"),
                                      Cell(1, tuple(rp), valign="top")), kind="list"))
    return rows


def _numbered(items: Sequence[str]) -> list[Para]:
    if not items:
        return [Para("-", BODY)]
    if len(items) == 1:
        return [Para(items[0], BODY)]
    return [Para(text, BODY, number=f"{i}.") for i, text in enumerate(items, start=1)]


# --- pages 2 and on: the procedure -------------------------------------------------


@dataclass(frozen=True)
class _Edge:
    frm: int
    to: int
    label: str | None  # Ya / Tidak at a decision


@dataclass
class _Columns:
    widths: tuple[float, ...]
    first_role: int
    roles: int
    warnings: tuple[Problem, ...] = ()  # words that must still be split

    def role_col(self, role: int) -> int:
        return self.first_role + role


@dataclass
class _Placed:
    """One page being drawn."""

    table: Table
    row_of_step: dict[int, int]
    symbols: list[Symbol] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    # Each channel's lanes, and the vertical spans already running in each.
    lanes: dict[tuple[int, str], list[list[tuple[float, float]]]] = field(default_factory=dict)


class _Procedure:
    def __init__(self, sop: Sop, usable: float, page_h: float, total: int):
        self.sop = sop
        self.usable = usable
        self.avail = page_h - MARGINS.top - MARGINS.bottom - PAGE_SLACK
        self.total = total
        self.cols = _columns(sop, usable)
        self.header = _header_rows(sop, self.cols)
        self.step_rows = [self._step_row(s) for s in sop.steps]
        self.edges = _edges(sop.steps)
        self.closing = self._closing_row()
        self.signature = _signature_table(sop, usable)

    # rows ---------------------------------------------------------------

    def _step_row(self, step: Step) -> Row:
        w = self.cols.widths
        r0 = self.cols.first_role
        after = r0 + self.cols.roles
        texts: list[tuple[int, Para]] = [
            (0, Para(str(step.no), BODY, align=Align.CENTER)),
            (1, Para(step.kegiatan, BODY)),
            (after, Para(step.kelengkapan, BODY)),
            (after + 1, Para(step.waktu.text, BODY, align=Align.CENTER)),
            (after + 2, Para(step.output, BODY)),
            (after + 3, Para(step.keterangan, BODY)),
        ]
        need = max(cell_height([p], w[c]) for c, p in texts if p.text)
        symbol_h = max(_symbol_size(_SYMBOL_OF[step.kind], w[r0])[1], CONNECTOR)
        h = max(need, symbol_h + 2 * GAP_MIN)  # too tall for any page: `_breaks` says so
        cells = [Cell(c, (p,) if p.text else ()) for c, p in texts[:2]]
        cells += [Cell(r0 + i) for i in range(self.cols.roles)]
        cells += [Cell(c, (p,) if p.text else ()) for c, p in texts[2:]]
        return Row(_tw_up(h), tuple(cells), kind="step", step=step.no)

    def _closing_row(self) -> Row:
        after = self.cols.first_role + self.cols.roles
        label = Para("Total waktu (jalur utama)", BODY, bold=True, align=Align.RIGHT)
        total = Para(format_minutes(self.total, self.sop.settings.work), BODY, bold=True,
                     align=Align.CENTER)
        w = self.cols.widths
        h = max(cell_height([label], sum(w[:after])),
                cell_height([total], w[after + 1] + w[after + 2]), 18.0)
        return Row(_tw_up(h), (
            Cell(0, (label,), span=after + 1),
            Cell(after + 1, (total,), span=2),
            Cell(after + 3, ()),
        ), kind="closing")  # fmt: skip

    # pagination -----------------------------------------------------------

    def _connectors(self, first: int, last: int) -> tuple[list[_Edge], list[_Edge]]:
        """Flows cut at the head and at the foot of a page holding steps first..last."""
        head: list[_Edge] = []
        foot: list[_Edge] = []
        for e in self.edges:
            a_in, b_in = first <= e.frm <= last, first <= e.to <= last
            if a_in and not b_in:
                (head if e.to < first else foot).append(e)
            elif b_in and not a_in:
                (head if e.frm < first else foot).append(e)
        return head, foot

    def _strip_rows(self, edges: list[_Edge], first: int, last: int) -> int:
        per_col: dict[int, int] = {}
        for e in edges:
            col = self._end_column(e, first, last)
            per_col[col] = per_col.get(col, 0) + 1
        return max(per_col.values(), default=0)

    def _end_column(self, e: _Edge, first: int, last: int) -> int:
        """The column of the half drawn on this page: the column of its step on the page."""
        a_col, b_col = self._edge_columns(e)
        return a_col if first <= e.frm <= last else b_col

    def _edge_columns(self, e: _Edge) -> tuple[int, int]:
        a, b = self.sop.step(e.frm), self.sop.step(e.to)
        pairs = [(abs(x - y), x, y) for x in a.roles for y in b.roles]
        _, x, y = min(pairs)
        return self.cols.role_col(x), self.cols.role_col(y)

    def _page_height(self, first: int, last: int) -> float:
        head, foot = self._connectors(first, last)
        h = _height(self.header) + sum(r.height for r in self.step_rows[first - 1 : last])
        h += STRIP_ROW * (self._strip_rows(head, first, last) + self._strip_rows(foot, first, last))
        if last == len(self.step_rows):
            # The closing block stays with the last steps: a signature on a
            # page of its own could be detached from what it signs.
            h += self.closing.height + SIGNATURE_GAP + self.signature.height
        return h

    def _breaks(self) -> list[tuple[int, int]]:
        n = len(self.step_rows)
        cap = self.sop.settings.max_steps_per_page or n
        spans: list[tuple[int, int]] = []
        first = 1
        while first <= n:
            best = None
            rows_h = _height(self.header)
            for last in range(first, min(n, first + cap - 1) + 1):
                rows_h += self.step_rows[last - 1].height
                if rows_h > self.avail:
                    break
                if self._page_height(first, last) <= self.avail:
                    best = last
            if best is None:
                step = self.sop.step(first)
                raise LayoutError([Problem(step.locs.get("kegiatan", step.loc),
                                           msg.step_too_tall(first))])
            spans.append((first, best))
            first = best + 1
        return spans

    # drawing --------------------------------------------------------------

    def pages(self) -> list[Page]:
        spans = self._breaks()
        letters = _letters([e for e in self.edges if self._page_of(e.frm, spans)
                            != self._page_of(e.to, spans)])
        pages = [self._page(first, last, letters, spans) for first, last in spans]
        sig = self.signature
        x = MARGINS.left + self.usable - sig.width
        last_table = pages[-1].tables[0]
        y = last_table.y + last_table.height + SIGNATURE_GAP
        page = pages[-1]
        pages[-1] = Page(page.kind, (*page.tables, Table(x, y, sig.widths, sig.rows,
                         borders=False)), page.symbols, page.routes, page.labels, page.steps)
        return pages

    @staticmethod
    def _page_of(no: int, spans: list[tuple[int, int]]) -> int:
        return next(i for i, (a, b) in enumerate(spans) if a <= no <= b)

    def _page(
        self, first: int, last: int, letters: dict[_Edge, str], spans: list[tuple[int, int]]
    ) -> Page:
        head, foot = self._connectors(first, last)
        head_n = self._strip_rows(head, first, last)
        foot_n = self._strip_rows(foot, first, last)
        ncols = len(self.cols.widths)
        strip = Row(STRIP_ROW, tuple(Cell(c) for c in range(ncols)), kind="strip")
        rows: list[Row] = [*self.header, *([strip] * head_n)]
        row_of_step: dict[int, int] = {}
        for no in range(first, last + 1):
            row_of_step[no] = len(rows)
            rows.append(self.step_rows[no - 1])
        foot_row0 = len(rows)
        rows.extend([strip] * foot_n)
        if last == len(self.step_rows):
            rows.append(self.closing)
        table = Table(MARGINS.left, MARGINS.top, self.cols.widths, tuple(rows))
        placed = _Placed(table, row_of_step)
        boxes = self._place_symbols(placed, first, last)
        head_boxes = self._place_connectors(placed, head, len(self.header), first, last, letters)
        foot_boxes = self._place_connectors(placed, foot, foot_row0, first, last, letters)
        self._route_all(placed, first, last, boxes, head_boxes, foot_boxes)
        return Page("procedure", (table,), tuple(placed.symbols), tuple(placed.routes),
                    tuple(placed.labels), tuple(range(first, last + 1)))

    def _col_box(self, table: Table, row: int, col: int) -> Box:
        return table.cell_box(row, Cell(col))

    def _place_symbols(
        self, placed: _Placed, first: int, last: int
    ) -> dict[int, list[Box]]:
        boxes: dict[int, list[Box]] = {}
        for no in range(first, last + 1):
            step = self.sop.step(no)
            kind = _SYMBOL_OF[step.kind]
            row = placed.row_of_step[no]
            own: list[Box] = []
            for role in step.roles:
                cell = self._col_box(placed.table, row, self.cols.role_col(role))
                w, h = _symbol_size(kind, cell.w)
                box = _round_box(Box(cell.cx - w / 2, cell.cy - h / 2, w, h))
                placed.symbols.append(Symbol(kind, box, step=no))
                own.append(box)
            for a, b in itertools.pairwise(own):
                placed.routes.append(Route((Point(a.right, a.cy), Point(b.x, b.cy)),
                                           arrow=False, frm=no, to=no, joint=True))
            boxes[no] = own
        return boxes

    def _place_connectors(
        self,
        placed: _Placed,
        edges: list[_Edge],
        row0: int,
        first: int,
        last: int,
        letters: dict[_Edge, str],
    ) -> dict[_Edge, Box]:
        out: dict[_Edge, Box] = {}
        slot: dict[int, int] = {}
        for e in sorted(edges, key=lambda e: letters[e]):
            col = self._end_column(e, first, last)
            k = slot.get(col, 0)
            slot[col] = k + 1
            cell = self._col_box(placed.table, row0 + k, col)
            box = _round_box(Box(cell.cx - CONNECTOR / 2, cell.cy - CONNECTOR / 2,
                                 CONNECTOR, CONNECTOR))
            placed.symbols.append(Symbol(SymbolKind.CONNECTOR, box, letter=letters[e]))
            out[e] = box
        return out

    def _route_all(
        self,
        placed: _Placed,
        first: int,
        last: int,
        boxes: dict[int, list[Box]],
        head: dict[_Edge, Box],
        foot: dict[_Edge, Box],
    ) -> None:
        router = _Router(placed, self.cols, [s.box for s in placed.symbols])
        exits: list[tuple[str, Route]] = []
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
            side_exit = a_in and src_step.kind is Kind.KEPUTUSAN and e.label == "Tidak"
            route = router.route(srcs, dsts, side_exit=side_exit)
            placed.routes.append(Route(route, frm=e.frm, to=e.to))
            if e.label and a_in:
                exits.append((e.label, placed.routes[-1]))
        # Labels last: a label must keep clear of lines routed after its own.
        for text, exit_route in exits:
            placed.labels.append(_label(text, exit_route, placed))


def _nearest(candidates: Sequence[Box], other: Box) -> Box:
    return min(candidates, key=lambda b: (abs(b.cx - other.cx), b.x))


def _nearest_pair(a: Sequence[Box], b: Sequence[Box]) -> tuple[Box, Box]:
    pairs = [(abs(x.cx - y.cx), x.x, y.x, x, y) for x in a for y in b]
    best = min(pairs, key=lambda p: (p[0], p[1], p[2]))
    return best[3], best[4]


def _round_box(b: Box) -> Box:
    return Box(round(b.x, 2), round(b.y, 2), round(b.w, 2), round(b.h, 2))


def _symbol_size(kind: SymbolKind, col_w: float) -> tuple[float, float]:
    room = col_w - 2 * (CHANNEL + LANE * (LANES - 1) + 2.5)
    if kind is SymbolKind.DECISION:
        return min(room, 40.0), 26.0
    if kind is SymbolKind.CONNECTOR:
        return CONNECTOR, CONNECTOR
    # In a narrow column a terminator stays a stadium and a process a box, not a
    # circle or a square: they lose height with their width.
    if kind is SymbolKind.TERMINATOR:
        w = min(room, 54.0)
        return w, round(min(18.0, max(11.0, w / 2)), 2)
    w = min(room, 54.0)
    return w, round(min(20.0, max(14.0, w * 0.6)), 2)


def _label(text: str, own_route: Route, placed: _Placed) -> Label:
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
            box = _round_box(box)
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
    best = clear or fallback or _round_box(Box(a.x + 2.0, a.y + 1.0, w, h))
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


def _letters(edges: Sequence[_Edge]) -> dict[_Edge, str]:
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


def _edges(steps: Sequence[Step]) -> list[_Edge]:
    out: list[_Edge] = []
    for s in steps:
        if s.kind is Kind.KEPUTUSAN:
            assert s.if_yes is not None and s.if_no is not None
            out.append(_Edge(s.no, s.if_yes, "Ya"))
            out.append(_Edge(s.no, s.if_no, "Tidak"))
        elif s.kind is not Kind.SELESAI:
            out.append(_Edge(s.no, s.no + 1, None))
    return out


# --- columns and headers --------------------------------------------------------

_FIXED = (  # column, preferred fraction, floor fraction of the usable width
    ("Kegiatan", 0.20, 0.15),
    ("Kelengkapan", 0.11, 0.08),
    ("Waktu", 0.075, 0.06),
    ("Output", 0.11, 0.08),
    ("Keterangan", 0.10, 0.07),
)
NO_WIDTH = 22.0


def _columns(sop: Sop, usable: float) -> _Columns:
    n = len(sop.roles)
    fixed = [usable * pref for _, pref, _ in _FIXED]
    floor = [usable * low for _, _, low in _FIXED]
    role_w = (usable - NO_WIDTH - sum(fixed)) / n
    if role_w < ROLE_PREF:  # shrink the text columns towards their floor
        need = (ROLE_PREF - role_w) * n
        spare = sum(fixed) - sum(floor)
        t = min(1.0, need / spare) if spare > 0 else 1.0
        fixed = [f - (f - lo) * t for f, lo in zip(fixed, floor, strict=True)]
        role_w = (usable - NO_WIDTH - sum(fixed)) / n
    if role_w > ROLE_MAX:  # few roles: give the rest to Kegiatan
        fixed[0] += (role_w - ROLE_MAX) * n
        role_w = ROLE_MAX
    if role_w < ROLE_MIN:
        paper = _paper_name(sop)
        raise LayoutError([Problem(sop.roles[-1].loc,
                                   msg.roles_do_not_fit(n, role_w / PT_PER_MM, paper))])
    problems = []
    label_need = 0.0
    for role in sop.roles:
        for word in role.label.split():
            word_w = fonts.text_width(word, SMALL, bold=True)
            label_need = max(label_need, word_w * WORD_FIT + 2 * PAD)
            if word_w > (role_w - 2 * PAD) * SLACK:
                problems.append(Problem(role.short_loc or role.loc, msg.role_label_too_long(word)))
                break
    if problems:
        raise LayoutError(problems)
    widest = _widest_words(sop)
    fixed = _unsplit_words(widest, usable, fixed, role_w, max(ROLE_GIVE, label_need), n)
    role_w = (usable - NO_WIDTH - sum(fixed)) / n
    kegiatan, kelengkapan, waktu, output, keterangan = (_tw(f) for f in fixed)
    roles = [_tw(role_w)] * n
    widths = [NO_WIDTH, kegiatan, *roles, kelengkapan, waktu, output, keterangan]
    widths[-1] = _tw(usable - sum(widths[:-1]))  # absorb rounding
    return _Columns(tuple(widths), 2, n, _split_words(sop, widest, widths))


_HEADERS = (("Kegiatan", HEADER), ("Kelengkapan", SMALL), ("Waktu", SMALL), ("Output", SMALL),
            ("Keterangan", HEADER))  # Kegiatan, Keterangan head row 1; Mutu Baku's three row 2
_STEP_TEXTS = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")


def _paper_name(sop: Sop) -> str:
    return f"{sop.settings.paper.value} {'Lanskap' if sop.settings.landscape else 'Potret'}"


def _widest_words(sop: Sop) -> list[tuple[float, str, Loc]]:
    """Each text column's widest word (header or step), its width and where it is typed."""
    paper = sop.settings.locs.get("paper", Loc("Pengaturan"))
    out = []
    for i, (header, size) in enumerate(_HEADERS):
        best = (fonts.text_width(header, size, bold=True), header, paper)
        for s in sop.steps:
            text = s.waktu.text if i == 2 else getattr(s, _STEP_TEXTS[i])
            for word in text.split():
                w = fonts.text_width(word, BODY)
                if w > best[0]:
                    best = (w, word, s.locs.get(_STEP_TEXTS[i], s.loc))
        out.append(best)
    return out


def _unsplit_words(
    widest_words: Sequence[tuple[float, str, Loc]],
    usable: float,
    fixed: list[float],
    role_w: float,
    role_floor: float,
    n: int,
) -> list[float]:
    """Widen text columns so no word of theirs is split mid-word ("Kelengk-apan"),
    taking the width from the Pelaksana columns while those stay wide enough."""
    deficit = []
    for i, (widest, _, _) in enumerate(widest_words):
        need = min(widest * WORD_FIT + 2 * PAD, usable * _FIXED[i][1] * 1.6)
        deficit.append(max(0.0, need - fixed[i]))
    spare = (role_w - role_floor) * n
    if sum(deficit) <= 0 or spare <= 0:
        return fixed
    t = min(1.0, spare / sum(deficit))
    return [f + d * t for f, d in zip(fixed, deficit, strict=True)]


def _split_words(
    sop: Sop, widest_words: Sequence[tuple[float, str, Loc]], widths: Sequence[float]
) -> tuple[Problem, ...]:
    """A warning for each text column that must still split a word: the planner can
    choose other paper, which a silent "Dokume-n" would not tell them."""
    paper = _paper_name(sop)
    cols = (1, *range(len(widths) - 4, len(widths)))
    out = []
    for (widest, word, loc), col, (name, _) in zip(widest_words, cols, _HEADERS,
                                                   strict=True):
        if widest > widths[col] - 2 * PAD:  # split for sure; WORD_FIT is the margin
            out.append(Problem(loc, msg.word_split(word, name, widths[col] / PT_PER_MM, paper),
                               warning=True))
    return tuple(out)


def _header_rows(sop: Sop, cols: _Columns) -> list[Row]:
    def head(text: str, size: float = HEADER) -> tuple[Para, ...]:
        return (Para(text, size, bold=True, align=Align.CENTER),)

    n = cols.roles
    r0 = cols.first_role
    after = r0 + n
    w = cols.widths
    row2 = [Cell(r0 + i, head(role.label, SMALL), shaded=True) for i, role in enumerate(sop.roles)]
    row2 += [Cell(after + k, head(t, SMALL), shaded=True)
             for k, t in enumerate(("Kelengkapan", "Waktu", "Output"))]
    h2 = _tw_up(max(18.0, *(cell_height(c.paras, w[c.col]) for c in row2)))
    row1 = (
        Cell(0, head("No"), rowspan=2, shaded=True),
        Cell(1, head("Kegiatan"), rowspan=2, shaded=True),
        Cell(r0, head("Pelaksana"), span=n, shaded=True),
        Cell(after, head("Mutu Baku"), span=3, shaded=True),
        Cell(after + 3, head("Keterangan"), rowspan=2, shaded=True),
    )
    spans = {0: 1, 1: 1, r0: n, after: 3, after + 3: 1}
    need = {c.col: cell_height(c.paras, sum(w[c.col : c.col + spans[c.col]])) for c in row1}
    h1 = max(16.0, need[r0], need[after], *(need[c] - h2 for c in (0, 1, after + 3)))
    return [Row(_tw_up(h1), row1, kind="header"), Row(h2, tuple(row2), kind="header")]


def _signature_table(sop: Sop, usable: float) -> Table:
    ident = sop.identity
    width = _tw(max(usable * 0.34, 170.0))
    paras: list[Para] = []
    if ident.tempat:
        paras.append(Para(f"{ident.tempat}, {format_date(ident.tanggal_efektif)}", BODY,
                          align=Align.CENTER))
    paras.append(Para(ident.disahkan_oleh.upper(), BODY, bold=True, align=Align.CENTER))
    paras.append(Para(ident.nama_pengesah, BODY, bold=True, underline=True,
                      align=Align.CENTER, space_before=52.0))
    if ident.pangkat:
        paras.append(Para(ident.pangkat, BODY, align=Align.CENTER))
    if ident.nip_printed:
        paras.append(Para(f"NIP. {ident.nip_printed}", BODY, align=Align.CENTER))
    h = cell_height(paras, width)
    return Table(0.0, 0.0, (width,), (Row(_tw_up(h), (Cell(0, tuple(paras), valign="top"),),
                                          kind="signature"),), borders=False)


# --- routing ------------------------------------------------------------------------


class _Router:
    """Orthogonal arrows that keep out of every symbol.

    Symbols sit in the middle of their cells; the bands above and below them
    and the channels along each column's edges are always free, so a route
    made of those never crosses a symbol. A straight line is used when the
    way is clear.
    """

    def __init__(self, placed: _Placed, cols: _Columns, obstacles: list[Box]):
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
        lanes = self.placed.lanes.setdefault((col, side), [[] for _ in range(LANES)])
        lo, hi = min(span), max(span)

        busy = [sum(1 for a, b in spans if a < hi + 1.0 and lo - 1.0 < b) for spans in lanes]
        lane = min(range(LANES), key=lambda k: (busy[k], k))
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
        src, dst = _nearest_pair(srcs, dsts)
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
            target = _nearest(dsts, box)
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
