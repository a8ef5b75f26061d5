"""Page 1, the identity part: the header block over the six Ketentuan lists.

Signed sheets always fit it on one page, so this part does too whenever its
text can at 8 pt or more: the type, padding and row minimums tighten step by
step, and the grid's split moves towards the longer lists, before a second
page is taken. When one page truly cannot hold it, a list continues under its
heading marked `(lanjutan)`, and no heading is left alone at a page's foot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopgen import fonts
from sopgen import messages as msg
from sopgen.dates import format_date
from sopgen.geometry import Align, Cell, Image, Page, Para, Row, Table
from sopgen.images import check_image, docx_png
from sopgen.layout.page import MARGINS, PAGE_SLACK, LayoutError, rows_height
from sopgen.layout.text import EXTRA_LINE, PAD, TIGHT_EXTRA, cell_height, number_indent, tw, tw_up
from sopgen.model import Loc, Problem, Sop

CONTINUED = " (lanjutan)"


@dataclass(frozen=True)
class _Style:
    """How roomy the identity part is set; the first that fits one page is taken."""

    size: float  # body type
    unit: float  # the unit's name at the left
    kv_min: float  # least height of a label | value row
    head_min: float  # ... of a list's heading row
    list_min: float  # ... of a list row
    room: float  # blank room for the wet signature and stamp
    gap: float  # between the header block and the grid
    extra: float  # spare part of a line under each text


STYLES = (
    _Style(9.0, 11.0, 16.0, 16.0, 40.0, 46.0, 8.0, EXTRA_LINE),
    _Style(8.5, 10.0, 14.0, 14.0, 24.0, 40.0, 6.0, EXTRA_LINE),
    _Style(8.0, 10.0, 13.0, 13.0, 18.0, 36.0, 4.0, TIGHT_EXTRA),
)
SPLITS = tuple(0.40 + 0.02 * k for k in range(12))  # the left share of the width: 40-62 %


def identity_pages(sop: Sop, usable: float, page_h: float) -> list[Page]:
    """The identity part on as few pages as its text allows, as roomy as that allows."""
    avail = page_h - MARGINS.top - MARGINS.bottom - PAGE_SLACK
    best: tuple[int, list[Page]] | None = None
    for style in STYLES:
        split = min(SPLITS, key=lambda s: (_height(sop, usable, s, style), abs(s - 0.5)))
        pages = _pages(sop, usable, avail, split, style)
        if best is None or len(pages) < best[0]:
            best = (len(pages), pages)
        if len(pages) == 1:
            break
    assert best is not None
    return best[1]


def _height(sop: Sop, usable: float, split: float, style: _Style) -> float:
    left = tw(usable * split)
    head = _head_table(sop, usable, left, style)
    return head.height + style.gap + rows_height(_grid_rows(sop, left, usable - left, style))


def _pages(sop: Sop, usable: float, avail: float, split: float, style: _Style) -> list[Page]:
    left = tw(usable * split)
    right = tw(usable - left)
    head = _head_table(sop, usable, left, style)
    if head.height > avail:
        raise LayoutError([Problem(Loc("Identitas"), msg.identity_too_tall())])
    pages: list[list[Row]] = [[]]
    used = head.height + style.gap
    for heading, lists in _pairs(sop):
        parts = [list(items) for items in lists]
        first = [0, 0]  # the number of each side's first item still to place
        while True:
            room = avail - used
            chunk = _fit(parts, first, heading, left, right, style, room, continued=first != [0, 0])
            if chunk is None:  # not even a heading and one item: a new page
                if not pages[-1]:
                    raise LayoutError([Problem(Loc("Ketentuan"), msg.identity_too_tall())])
                pages.append([])
                used = 0.0
                continue
            rows, taken = chunk
            pages[-1].extend(rows)
            used += rows_height(rows)
            first = [f + t for f, t in zip(first, taken, strict=True)]
            if all(f >= len(p) for f, p in zip(first, parts, strict=True)):
                break
            pages.append([])
            used = 0.0
    out = []
    for i, rows in enumerate(pages):
        top = MARGINS.top + (head.height + style.gap if i == 0 else 0.0)
        grid = Table(MARGINS.left, top, (left, right), tuple(rows))
        out.append(Page("identity", (head, grid) if i == 0 else (grid,)))
    return out


def _fit(
    parts: Sequence[Sequence[str]],
    first: Sequence[int],
    heading: tuple[str, str],
    left: float,
    right: float,
    style: _Style,
    room: float,
    *,
    continued: bool,
) -> tuple[list[Row], list[int]] | None:
    """The heading row and as many of each side's remaining items as fit in `room`;
    None when not even the heading with one item does."""
    titles = tuple(t + (CONTINUED if continued and f < len(p) else "")
                   if not continued or f < len(p) else ""
                   for t, f, p in zip(heading, first, parts, strict=True))
    head = _heading_row(titles, left, right, style)
    rest = room - head.height
    taken: list[int] = []
    for side, width in enumerate((left, right)):
        items = parts[side][first[side]:]
        count = len(items)
        while count > 0 and _list_height(parts[side], first[side], count, width, style) > rest:
            count -= 1
        if count == 0 and items:
            return None
        taken.append(count)
    row = _list_row(parts, first, taken, left, right, style)
    if row.height > rest:
        return None
    return [head, row], taken


def _pairs(sop: Sop) -> list[tuple[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]]]:
    items = sop.provisions.items()
    out = []
    for k in range(0, len(items), 2):
        (lt, li), (rt, ri) = items[k], items[k + 1]
        out.append(((lt.upper(), rt.upper()), (li, ri)))
    return out


def _grid_rows(sop: Sop, left: float, right: float, style: _Style) -> list[Row]:
    """Every heading and list row on one page, for measuring a split."""
    rows = []
    for heading, lists in _pairs(sop):
        parts = [list(items) for items in lists]
        rows.append(_heading_row(heading, left, right, style))
        rows.append(_list_row(parts, [0, 0], [len(p) for p in parts], left, right, style))
    return rows


def _heading_row(titles: Sequence[str], left: float, right: float, style: _Style) -> Row:
    paras = [Para(t + " :", style.size, bold=True) if t else None for t in titles]
    h = max(style.head_min, *(cell_height([p], w, style.extra) for p, w in
                              zip(paras, (left, right), strict=True) if p is not None))
    return Row(tw_up(h), tuple(Cell(i, (p,) if p else (), shaded=True)
                               for i, p in enumerate(paras)), kind="heading")


def _list_row(
    parts: Sequence[Sequence[str]],
    first: Sequence[int],
    counts: Sequence[int],
    left: float,
    right: float,
    style: _Style,
) -> Row:
    cells = []
    h = style.list_min
    for side, width in enumerate((left, right)):
        paras = _numbered(parts[side], first[side], counts[side], style.size)
        h = max(h, cell_height(paras, width, style.extra)) if paras else h
        cells.append(Cell(side, tuple(paras), valign="top"))
    return Row(tw_up(h), tuple(cells), kind="list")


def _list_height(items: Sequence[str], first: int, count: int, width: float,
                 style: _Style) -> float:
    return max(style.list_min,
               cell_height(_numbered(items, first, count, style.size), width, style.extra))


def _numbered(items: Sequence[str], first: int, count: int, size: float) -> list[Para]:
    """A list's items first..first+count; an empty list prints `-`, a single item is not
    numbered, a continued list keeps counting."""
    if not items:
        return [Para("-", size)] if first == 0 else []
    if len(items) == 1:
        return [Para(items[0], size)] if first == 0 and count else []
    indent = number_indent(size)
    return [Para(text, size, number=f"{i}.", indent=indent)
            for i, text in enumerate(items[first:first + count], start=first + 1)]


# --- the header block -----------------------------------------------------------


_LABELS = ("NOMOR SOP", "TANGGAL PEMBUATAN", "TANGGAL REVISI", "TANGGAL EFEKTIF",
           "DISAHKAN OLEH", "NAMA SOP")


def _head_table(sop: Sop, usable: float, half: float, style: _Style) -> Table:
    ident = sop.identity
    size = style.size
    right = usable - half
    label_w = tw(min(max(fonts.text_width(t, size, bold=True) for t in _LABELS) * 1.05 + 2 * PAD,
                     right * 0.42))
    value_w = tw(usable - half - label_w)

    def kv(label: str, value: str, bold: bool = False) -> tuple[Para, Para]:
        return (Para(label, size, bold=True), Para(value, size, bold=bold))

    pairs = [
        kv("NOMOR SOP", ident.nomor),
        kv("TANGGAL PEMBUATAN", format_date(ident.tanggal_pembuatan)),
        kv("TANGGAL REVISI", format_date(ident.tanggal_revisi) if ident.tanggal_revisi else "-"),
        kv("TANGGAL EFEKTIF", format_date(ident.tanggal_efektif)),
    ]
    signer = [
        Para(ident.disahkan_oleh, size, align=Align.CENTER),
        Para(ident.nama_pengesah, size, bold=True, align=Align.CENTER, space_before=style.room),
    ]
    if ident.pangkat:
        signer.append(Para(ident.pangkat, size, align=Align.CENTER))
    if ident.nip_printed:
        signer.append(Para(f"NIP. {ident.nip_printed}", size, align=Align.CENTER))

    def pair_height(a: Para, b: Para, least: float) -> float:
        return max(cell_height([a], label_w, style.extra), cell_height([b], value_w, style.extra),
                   least)

    heights = [pair_height(a, b, style.kv_min) for a, b in pairs]
    heights.append(max(cell_height(signer, value_w, style.extra), style.kv_min))
    name_pair = kv("NAMA SOP", ident.nama, bold=True)
    heights.append(pair_height(*name_pair, style.kv_min + 6.0))

    left = _identity_left(sop, half, style)
    left_h = cell_height(left[0], half, style.extra) + (left[1].h + 6 if left[1] else 0)
    if left_h > sum(heights):  # give the unit's name room: grow the signature row
        heights[4] += left_h - sum(heights)
    rows = []
    for i, (a, b) in enumerate([*pairs, kv("DISAHKAN OLEH", ""), name_pair]):
        cells = []
        if i == 0:
            cells.append(Cell(0, tuple(left[0]), rowspan=6, image=left[1]))
        cells.append(Cell(1, (a,), valign="top" if i == 4 else "middle"))
        value = tuple(signer) if i == 4 else (b,)
        cells.append(Cell(2, value, valign="top" if i == 4 else "middle"))
        rows.append(Row(tw_up(heights[i]), tuple(cells), kind="identity"))
    return Table(MARGINS.left, MARGINS.top, (half, label_w, value_w), tuple(rows))


def _identity_left(sop: Sop, width: float, style: _Style) -> tuple[list[Para], Image | None]:
    ident = sop.identity
    paras: list[Para] = []
    image = None
    if ident.logo is not None:
        px_w, px_h = check_image(ident.logo)
        h = 72.0 if style.size >= 9.0 else 60.0
        w = min(h * px_w / px_h, width - 2 * PAD)
        image = Image(ident.logo, round(w, 2), round(w * px_h / px_w, 2), docx_png(ident.logo))
    if ident.instansi:
        paras.append(Para(ident.instansi.upper(), style.unit, bold=True, align=Align.CENTER))
    paras.append(Para(ident.satuan_kerja.upper(), style.unit, bold=True, align=Align.CENTER,
                      space_before=4.0 if paras else 0.0))
    return paras, image
