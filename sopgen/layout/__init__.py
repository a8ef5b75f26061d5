"""Validated `Sop` -> `Document`: every page, row, symbol and route, in points.

One module a job: `text` measures, `identity` lays out page 1, `columns`
sizes the procedure table, `procedure` paginates and places the symbols,
`routing` draws the arrows, `labels` places Ya/Tidak, and `state` holds what
those share. The `Document` they produce is the whole contract with the
renderers, which import only `geometry` and `symbols`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sopgen import flow, fonts
from sopgen.geometry import Box, Document, Figure, Page, Table
from sopgen.layout.identity import identity_pages
from sopgen.layout.page import (
    MARGINS,
    PAGE_SLACK,
    LayoutError,
    page_size,
    rows_height,
)
from sopgen.layout.procedure import connector_letter, procedure
from sopgen.layout.signing import FOOTNOTE_SIZE, footnote_lines
from sopgen.layout.state import SIGNATURE_GAP, STRIP_ROW
from sopgen.layout.text import (
    BODY,
    FOOTER,
    HEADER,
    PAD,
    SLACK,
    SMALL,
    cell_height,
    text_height,
    tw,
)
from sopgen.model import Sop

__all__ = [
    "BODY",
    "HEADER",
    "MARGINS",
    "PAD",
    "PAGE_SLACK",
    "SIGNATURE_GAP",
    "SLACK",
    "SMALL",
    "STRIP_ROW",
    "Frame",
    "LayoutError",
    "cell_height",
    "connector_letter",
    "gantt_page",
    "layout",
    "page_size",
    "procedure_frame",
]


def layout(sop: Sop, total_minutes: int | None = None) -> Document:
    """The whole document; raises LayoutError when the roles or a step cannot fit."""
    width, height = page_size(sop)
    usable = width - MARGINS.left - MARGINS.right
    if total_minutes is None:
        total_minutes = _main_path_minutes(sop)
    footnote = footnote_lines(sop, usable)
    identity = identity_pages(sop, usable, height)
    proc, found = procedure(sop, usable, height, total_minutes)
    pages = tuple(_measured(page) for page in (*identity, *proc.pages()))
    ident = sop.identity
    document = Document(
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
        warnings=(*proc.cols.warnings, *found),
        footnote=footnote,
        footnote_size=FOOTNOTE_SIZE,
    )
    return _with_revisions(sop, document)


def _with_revisions(sop: Sop, document: Document) -> Document:
    """Sheet Riwayat's table after the procedure (layout.riwayat), its cells measured."""
    from sopgen.layout.riwayat import with_revisions

    revised = with_revisions(sop, document)
    if revised is document:
        return document
    return dataclasses.replace(revised, pages=tuple(_measured(p) for p in revised.pages))


def _main_path_minutes(sop: Sop) -> int:
    return sum(sop.step(no).waktu.minutes for no in flow.main_path(sop.steps))


def _measured(page: Page) -> Page:
    """Each cell with its content's height, so renderers centre text without measuring."""
    return dataclasses.replace(page, tables=tuple(_measured_table(t) for t in page.tables))


def _measured_table(table: Table) -> Table:
    rows = []
    for i, row in enumerate(table.rows):
        cells = []
        for cell in row.cells:
            w = table.cell_box(i, cell).w
            h = text_height(cell.paras, w) + (cell.image.h + 6.0 if cell.image else 0.0)
            cells.append(dataclasses.replace(cell, content_h=h))
        rows.append(dataclasses.replace(row, cells=tuple(cells)))
    return dataclasses.replace(table, rows=tuple(rows))


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
        total_minutes = _main_path_minutes(sop)
    p, _ = procedure(sop, width - MARGINS.left - MARGINS.right, height, total_minutes)
    return Frame(p.cols.widths, rows_height(p.header), p.closing.height, p.signature.height)


def gantt_page(sop: Sop, document: Document) -> Page:
    """An appendix page with the timeline's Gantt chart, scaled into the margins."""
    from sopgen.gantt import gantt_drawing, gantt_png, gantt_svg
    from sopgen.timeline import build_timeline

    timeline = build_timeline(sop)
    usable_w = document.width - MARGINS.left - MARGINS.right
    usable_h = document.height - MARGINS.top - MARGINS.bottom
    drawing = gantt_drawing(sop, timeline, width=1200)
    scale = min(usable_w / drawing.width, usable_h / drawing.height)
    box = Box(MARGINS.left, MARGINS.top, tw(drawing.width * scale), tw(drawing.height * scale))
    figure = Figure(box, gantt_svg(sop, timeline, width=1200),
                    gantt_png(sop, timeline, width=1200, scale=2.0))
    return Page("gantt", (), figure=figure)
