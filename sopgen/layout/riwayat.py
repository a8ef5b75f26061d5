"""The revision history (sheet Riwayat) as a small table after the procedure.

Drawn with the shared geometry only (a `Table` of `Row`s and `Cell`s), so both
renderers print it without knowing what it is. It goes on the last procedure
page, under what that page holds, when it fits there; otherwise on a page of
its own after the procedure (never into the identity part, which is signed as
it stands). Without a Riwayat sheet the document is unchanged.
"""

from __future__ import annotations

import dataclasses

from sopgen.dates import format_date
from sopgen.geometry import Align, Cell, Document, Page, Para, Row, Table
from sopgen.layout.page import PAGE_SLACK
from sopgen.layout.text import PAD, SMALL, cell_height, tw, tw_up
from sopgen.model import Sop

TITLE = "RIWAYAT REVISI"
HEADERS = ("Revisi ke", "Tanggal", "Uraian Perubahan", "Status", "Diganti Oleh")
SHARES = (0.09, 0.15, 0.50, 0.11, 0.15)  # of the usable width
GAP = 12.0  # between what the page holds and the table


def with_revisions(sop: Sop, document: Document) -> Document:
    """The document with the Riwayat table after the procedure, when the SOP has one."""
    if not sop.revisions:
        return document
    m = document.margins
    usable = document.width - m.left - m.right
    bottom_limit = document.height - m.bottom - PAGE_SLACK
    last_index = max(i for i, p in enumerate(document.pages) if p.kind == "procedure")
    last = document.pages[last_index]
    used = max((t.y + t.height for t in last.tables), default=m.top)
    table = revision_table(sop, m.left, used + GAP, usable)
    pages = list(document.pages)
    if table.y + table.height <= bottom_limit:
        pages[last_index] = dataclasses.replace(last, tables=(*last.tables, table))
    else:
        own = [Page("identity", (t,)) for t in _split(table, m.top, bottom_limit)]
        pages[last_index + 1:last_index + 1] = own
    return dataclasses.replace(document, pages=tuple(pages))


def _split(table: Table, top: float, bottom: float) -> list[Table]:
    """The table on pages of its own from `top`, its title and header repeated on each.

    A single row taller than a page (a description of pages) is still given its page;
    the renderers clip it there rather than refuse the SOP.
    """
    head, body = table.rows[:2], table.rows[2:]
    room = bottom - top - sum(r.height for r in head)
    chunks: list[list[Row]] = [[]]
    used = 0.0
    for row in body:
        if chunks[-1] and used + row.height > room:
            chunks.append([])
            used = 0.0
        chunks[-1].append(row)
        used += row.height
    return [dataclasses.replace(table, y=tw(top), rows=(*head, *chunk)) for chunk in chunks]


def revision_table(sop: Sop, x: float, y: float, usable: float) -> Table:
    widths = tuple(tw(usable * s) for s in SHARES)
    size = SMALL

    def row(texts: tuple[str, ...], *, bold: bool = False, shaded: bool = False) -> Row:
        cells = []
        for col, text in enumerate(texts):
            align = Align.LEFT if col == 2 and not bold else Align.CENTER
            cells.append(Cell(col, (Para(text or "-", size, bold=bold, align=align),),
                              shaded=shaded, valign="middle"))
        h = max(cell_height(c.paras, widths[c.col] - 2 * PAD) for c in cells)
        return Row(tw_up(h), tuple(cells))

    title_para = Para(TITLE, size, bold=True, align=Align.CENTER)
    title = Row(tw_up(cell_height((title_para,), sum(widths) - 2 * PAD)),
                (Cell(0, (title_para,), span=len(widths), shaded=True),))
    rows = [title, row(HEADERS, bold=True, shaded=True)]
    for rev in sop.revisions:
        rows.append(row((str(rev.number), format_date(rev.day), rev.uraian, rev.status.value,
                         rev.replaced_by if rev.status.value == "Diganti" else "")))
    return Table(tw(x), tw(y), widths, tuple(rows))
