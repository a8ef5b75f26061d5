"""Page 1, the identity part: the header block over the six Ketentuan lists."""

from __future__ import annotations

from collections.abc import Sequence

from sopgen import messages as msg
from sopgen.dates import format_date
from sopgen.geometry import Align, Cell, Image, Page, Para, Row, Table
from sopgen.images import check_image, docx_png
from sopgen.layout.page import MARGINS, PAGE_SLACK, LayoutError, rows_height
from sopgen.layout.text import BODY, PAD, cell_height, number_indent, tw, tw_up
from sopgen.model import Loc, Problem, Sop


def identity_pages(sop: Sop, usable: float, page_h: float) -> list[Page]:
    ident = sop.identity
    half = tw(usable / 2)
    label_w = tw(usable * 0.16)
    value_w = tw(usable - half - label_w)
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
        rows.append(Row(tw_up(all_heights[i]), tuple(cells), kind="identity"))

    grid_rows = _provision_rows(sop, half, usable - half)
    avail = page_h - MARGINS.top - MARGINS.bottom - PAGE_SLACK
    pages: list[Page] = []
    head = Table(MARGINS.left, top, widths, tuple(rows))
    current: list[Row] = []
    used = head.height + 8.0
    tables: list[Table] = [head]
    grid_widths = (half, tw(usable - half))
    for row in grid_rows:
        if used + row.height > avail and current:
            tables.append(Table(MARGINS.left, top + used - rows_height(current), grid_widths,
                                tuple(current)))
            pages.append(Page("identity", tuple(tables)))
            tables, current, used = [], [], 0.0
        if row.height > avail:
            raise LayoutError([Problem(Loc("Ketentuan"), msg.identity_too_tall())])
        current.append(row)
        used += row.height
    if current:
        tables.append(Table(MARGINS.left, top + used - rows_height(current), grid_widths,
                            tuple(current)))
    pages.append(Page("identity", tuple(tables)))
    return pages


def _identity_left(sop: Sop, width: float) -> tuple[list[Para], Image | None]:
    ident = sop.identity
    paras: list[Para] = []
    image = None
    if ident.logo is not None:
        px_w, px_h = check_image(ident.logo)
        h = 72.0
        w = min(h * px_w / px_h, width - 2 * PAD)
        image = Image(ident.logo, round(w, 2), round(w * px_h / px_w, 2), docx_png(ident.logo))
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
        rows.append(Row(tw_up(h), (Cell(0, heads[:1], shaded=True),
                                   Cell(1, heads[1:], shaded=True)), kind="heading"))
        lp, rp = _numbered(li), _numbered(ri)
        h = max(cell_height(lp, left_w), cell_height(rp, right_w), 40.0)
        rows.append(Row(tw_up(h), (Cell(0, tuple(lp), valign="top"),
                                     Cell(1, tuple(rp), valign="top")), kind="list"))
    return rows


def _numbered(items: Sequence[str]) -> list[Para]:
    if not items:
        return [Para("-", BODY)]
    if len(items) == 1:
        return [Para(items[0], BODY)]
    indent = number_indent(BODY)
    return [Para(text, BODY, number=f"{i}.", indent=indent)
            for i, text in enumerate(items, start=1)]
