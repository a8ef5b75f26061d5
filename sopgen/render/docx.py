"""Layout -> DOCX (python-docx): the same pages, tables and shapes as the PDF.

One table per page at the layout's position, fixed column widths and exact
row heights in twips, so Word and LibreOffice break pages where the layout
did. The flowchart is native DrawingML shapes, each anchored in the table
cell that holds its top-left corner with offsets from that cell: the
anchoring that both Word (compatibility mode 15) and LibreOffice keep in place.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from importlib import resources
from typing import cast

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.shared import Pt, RGBColor, Twips
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from sopgen.geometry import LINE, Align, Box, Cell, Document, Image, Page, Para, Table
from sopgen.render import ooxml
from sopgen.render.drawingml import (
    ShapeIds,
    declare_namespaces,
    filled_rects,
    polyline,
    preset_shape,
    text_label,
)
from sopgen.symbols import LINE_WIDTH, SYMBOLS

REFERENCE = "reference.docx"  # in the package sopgen.templates (templates/ in the source)
FOOTER_GREY = RGBColor(0x33, 0x33, 0x33)
SEPARATOR = 1.0  # pt: the paragraph that starts each page and keeps tables apart
ANCHOR_LINE = 1.0  # pt: the tiny paragraph in a role cell that shapes anchor to
_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FOOTNOTE_GAP = 1.0  # pt between the footer line and an electronic signature's footnote


def to_docx(doc: Document, created: dt.date, modified: dt.date) -> bytes:
    """Render; the zip is normalised so the same input gives the same bytes."""
    reference = resources.files("sopgen.templates").joinpath(REFERENCE).read_bytes()
    word = open_docx(io.BytesIO(reference))
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _page_setup(word, doc)
    _footer(word, doc)
    ids = ShapeIds()
    styles: dict[bool, str | None] = {}  # tblStyle values, by table.borders
    for number, page in enumerate(doc.pages, start=1):
        _page(word, doc, page, number, ids, styles)
    declare_namespaces(word.element)
    _properties(word, doc, created, modified)
    buffer = io.BytesIO()
    word.save(buffer)
    return _normalise(buffer.getvalue(), len(doc.pages))


# --- document frame -----------------------------------------------------------


def _page_setup(word: DocxDocument, doc: Document) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if doc.width > doc.height else WD_ORIENT.PORTRAIT
    section.page_width = Twips(ooxml.twips(doc.width))
    section.page_height = Twips(ooxml.twips(doc.height))
    m = doc.margins
    section.top_margin = Twips(ooxml.twips(m.top - SEPARATOR))
    section.bottom_margin = Twips(ooxml.twips(m.bottom))
    section.left_margin = Twips(ooxml.twips(m.left))
    section.right_margin = Twips(ooxml.twips(m.right))
    section.header_distance = Twips(ooxml.twips(12))
    # The footer line's foot where the PDF's is: 14 pt below the bottom margin's top
    # (the footnote of an electronic signature, when there is one, below it).
    section.footer_distance = Twips(ooxml.twips(m.bottom - 14 - doc.footer_size * LINE
                                                - _footnote_height(doc)))


def _footer(word: DocxDocument, doc: Document) -> None:
    """SOP number at the left, `Halaman X dari Y` at the right, as Word fields."""
    footer = word.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    usable = doc.width - doc.margins.left - doc.margins.right
    tabs = p.paragraph_format.tab_stops
    for inherited in (4680, 9360):  # the Footer style's centre and right tabs
        tabs.add_tab_stop(Twips(inherited), alignment=WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Twips(ooxml.twips(usable)), alignment=WD_TAB_ALIGNMENT.RIGHT)
    _format_paragraph(p, doc.footer_size)
    _run(p, doc.footer_left, doc.footer_size)
    _run(p, "\tHalaman ", doc.footer_size)
    _field(p, "PAGE", "1", doc.footer_size)
    _run(p, " dari ", doc.footer_size)
    _field(p, "NUMPAGES", str(len(doc.pages)), doc.footer_size)
    for run in p.runs:  # the PDF's footer grey (templates/sop.css .footer)
        run.font.color.rgb = FOOTER_GREY
    if doc.footnote:
        _footnote(footer.add_paragraph(), doc)


def _footnote_height(doc: Document) -> float:
    return FOOTNOTE_GAP + len(doc.footnote) * doc.footnote_size * LINE if doc.footnote else 0.0


def _footnote(p: Paragraph, doc: Document) -> None:
    """The electronic signature's footnote under the footer line, in the layout's lines."""
    _format_paragraph(p, doc.footnote_size)
    p.paragraph_format.space_before = Pt(FOOTNOTE_GAP)
    for i, line in enumerate(doc.footnote):
        run = _run(p, "", doc.footnote_size)
        if i:
            run.add_break()
        run.add_text(line)
        run.font.color.rgb = FOOTER_GREY


def _field(p: Paragraph, code: str, shown: str, size: float) -> None:
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None),
                       ("text", shown), ("end", None)):
        run = _run(p, "", size)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = shown
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)


def _properties(word: DocxDocument, doc: Document, created: dt.date, modified: dt.date) -> None:
    core = word.core_properties

    def limited(key: str) -> str:  # core properties hold 255 characters; the sheet prints all
        text = doc.meta.get(key, "")
        return text if len(text) <= 255 else text[:254] + "…"

    core.title = limited("title")
    core.subject = limited("subject")
    core.author = limited("author")
    core.keywords = limited("keywords")
    core.category = "SOP Administrasi Pemerintahan"
    core.comments = ""
    core.last_modified_by = "sopgen"
    core.revision = 1
    core.created = dt.datetime.combine(created, dt.time())
    core.modified = dt.datetime.combine(modified, dt.time())


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>sopgen</Application><Pages>{pages}</Pages><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)


def _normalise(data: bytes, pages: int) -> bytes:
    """Fixed entry times and our own app.xml: same input, same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                body = _APP_XML.format(pages=pages).encode()
            entry = zipfile.ZipInfo(info.filename, _FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()


# --- pages and tables -------------------------------------------------------------


def _page(word: DocxDocument, doc: Document, page: Page, number: int, ids: ShapeIds,
          styles: dict[bool, str | None]) -> None:
    _spacer(word, SEPARATOR, page_break=number > 1)
    if page.figure is not None:
        p = word.add_paragraph()
        _format_paragraph(p, 9.0)
        p.paragraph_format.line_spacing_rule = None
        p.paragraph_format.line_spacing = None
        p.add_run().add_picture(io.BytesIO(page.figure.png), width=Pt(page.figure.box.w),
                                height=Pt(page.figure.box.h))
    bottom = doc.margins.top
    for table in page.tables:
        gap = table.y - bottom
        if gap > 0.01 and table is not page.tables[0]:
            _spacer(word, gap)
        grid = _table(word, doc, table, styles)
        if table is page.tables[0] and page.kind == "procedure":
            _shapes(grid, table, page, ids)
        _squares(grid, table, page, ids)
        bottom = table.y + table.height


def _spacer(word: DocxDocument, height: float, page_break: bool = False) -> None:
    word.element.body._insert_p(cast(CT_P, parse_xml(ooxml.spacer(height, page_break))))


# The table is written as one XML string (`ooxml`'s fragments, numbers and fixed names
# only) and parsed once: libxml2 builds the elements many times faster than one lxml
# call per element. The cells' text is set afterwards on the parsed `w:t` elements, so
# lxml escapes it (and refuses characters XML cannot hold) exactly as when the elements
# were built one by one.
#
# A merged cell is the `w:tc` python-docx's `_Cell.merge` would leave: `w:gridSpan`
# for the columns it spans, `w:vMerge` "restart" in its top row and an empty
# continuation `w:tc` (`w:vMerge`, no value) in each row below. Every `w:tc` has its
# exact width.

_W_URI = ooxml.W_URI
_T = f"{{{_W_URI}}}t"
_TR = f"{{{_W_URI}}}tr"
_TC = f"{{{_W_URI}}}tc"
_P = f"{{{_W_URI}}}p"
_BLANK, _START, _CONTINUE = 0, 1, 2  # what a `w:tc` written here is
_EMPTY_P = "<w:p/>"


def _table_style(word: DocxDocument, borders: bool, styles: dict[bool, str | None],
                 ) -> str | None:
    """The `w:tblStyle` value python-docx gives a table with or without borders: none
    for the default table style. Looked up once a document, kept in `styles`."""
    if borders not in styles:
        scratch = CT_Tbl.new_tbl(0, 0, Twips(0))
        DocxTable(scratch, word._body).style = word.styles[
            "Tabel SOP" if borders else "Normal Table"]
        styles[borders] = scratch.tblStyle_val
    return styles[borders]


def _table(word: DocxDocument, doc: Document, table: Table,
           styles: dict[bool, str | None]) -> list[list[etree._Element]]:
    """Write `table` at the end of the body; return its `w:tc` by row and grid column,
    a merged cell's under every position it covers (as python-docx's `Table._cells`)."""
    ncols = len(table.widths)
    nrows = len(table.rows)
    # The layout cell covering each grid position, as (top row, left column).
    cover: list[list[tuple[int, int] | None]] = [[None] * ncols for _ in range(nrows)]
    starts: dict[tuple[int, int], Cell] = {}
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            starts[(i, cell.col)] = cell
            for r in range(i, i + cell.rowspan):
                if r >= nrows or cell.col + cell.span > ncols:
                    raise ValueError(f"cell at row {i}, column {cell.col} spans out of "
                                     f"the {nrows} x {ncols} table")
                for c in range(cell.col, cell.col + cell.span):
                    cover[r][c] = (i, cell.col)

    style_id = _table_style(word, table.borders, styles)
    out = [f'<w:tbl xmlns:w="{_W_URI}">',
           ooxml.tbl_pr(style_id, table.widths, table.x - doc.margins.left,
                        borders=table.borders, padding=table.padding),
           ooxml.tbl_grid(table.widths)]

    header_rows = sum(1 for r in table.rows if r.kind == "header")
    texts: list[str] = []  # every w:t's text, in document order
    kinds: list[list[tuple[int, int]]] = []  # (what, span) of each w:tc, by row
    for i, row in enumerate(table.rows):
        out.append(f"<w:tr>{ooxml.tr_pr(row.height, i < header_rows)}")
        line: list[tuple[int, int]] = []
        c = 0
        while c < ncols:
            owner = cover[i][c]
            if owner is None:  # no layout cell here: python-docx's blank cell
                out.append(f"<w:tc>{ooxml.tc_pr(table.widths[c])}{_EMPTY_P}</w:tc>")
                line.append((_BLANK, 1))
                c += 1
                continue
            cell = starts[owner]
            span = cell.span
            width = sum(table.widths[c : c + span])
            if owner == (i, c):
                merge = ooxml.Merge.RESTART if cell.rowspan > 1 else ooxml.Merge.NONE
                valign = (ooxml.VAlign.TOP if cell.valign == "top" or not cell.paras
                          else ooxml.VAlign.CENTER)
                props = ooxml.tc_pr(width, span, merge, shaded=cell.shaded, valign=valign)
                out.append(f"<w:tc>{props}")
                if cell.image is not None:  # the picture is added once parsed
                    out.append(f"<w:p>{ooxml.ppr(9.0, Align.CENTER, after=6.0)}</w:p>")
                if not cell.paras:
                    out.append(f"<w:p>{ooxml.ppr(ANCHOR_LINE, Align.LEFT)}</w:p>")
                for para in cell.paras:
                    _para_xml(out, texts, para)
                out.append("</w:tc>")
                line.append((_START, span))
            elif owner[1] == c:  # a row below a vertically merged cell's top
                out.append(f"<w:tc>{ooxml.tc_pr(width, span, ooxml.Merge.CONTINUE)}"
                           f"{_EMPTY_P}</w:tc>")
                line.append((_CONTINUE, span))
            else:
                raise ValueError(f"cells overlap at row {i}, column {c}")
            c += span
        out.append("</w:tr>")
        kinds.append(line)
    out.append("</w:tbl>")

    tbl = parse_xml("".join(out))
    word.element.body._insert_tbl(cast(CT_Tbl, tbl))  # before w:sectPr
    for t, text in zip(tbl.iter(_T), texts, strict=True):
        t.text = text
    grid: list[list[etree._Element]] = []
    for i, (tr, line) in enumerate(zip(tbl.iterchildren(_TR), kinds, strict=True)):
        tcs = list(tr.iterchildren(_TC))
        cells: list[etree._Element] = []
        for tc, (what, span) in zip(tcs, line, strict=True):
            if what == _CONTINUE:  # python-docx's grid repeats the cell above
                cells.extend(grid[i - 1][len(cells) : len(cells) + span])
            else:
                cells.extend([tc] * span)
        grid.append(cells)
    # Pictures last, in the layout's cell order: python-docx numbers a picture (docPr
    # id, media part) by what the document holds already.
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            if cell.image is not None:
                p = grid[i][cell.col].find(_P)
                Paragraph(cast(CT_P, p), word).add_run().add_picture(
                    _picture(cell.image), width=Pt(cell.image.w), height=Pt(cell.image.h))
    return grid


def _picture(image: Image) -> str | io.BytesIO:
    return io.BytesIO(image.docx_png) if image.docx_png is not None else str(image.path)


def _para_xml(out: list[str], texts: list[str], para: Para) -> None:
    """A cell paragraph: an optional number run ending in a tab (the hanging indent),
    then the text run, a `w:br` for each newline."""
    indent = para.indent if para.number else 0.0
    out.append(f"<w:p>{ooxml.ppr(para.size, para.align, para.space_before, 0.0, indent)}")
    slot = ooxml.text_slot()
    if para.number:
        out.append(f"<w:r>{ooxml.rpr(para.size)}{slot}<w:tab/></w:r>")
        texts.append(f"{para.number}")
    lines = para.text.split("\n")
    out.append(f"<w:r>{ooxml.rpr(para.size, bold=para.bold, underline=para.underline)}")
    out.append("<w:br/>".join([slot] * len(lines)))
    out.append("</w:r></w:p>")
    texts.extend(lines)


def _format_paragraph(p: Paragraph, size: float, align: Align = Align.LEFT) -> None:
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Twips(ooxml.twips(size * LINE))
    pf.line_spacing_rule = 4  # EXACTLY
    p.alignment = _ALIGN[align]


def _run(p: Paragraph, text: str, size: float, *, bold: bool = False,
         underline: bool = False) -> Run:
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.name = ooxml.FONT
    if bold:
        run.bold = True
    if underline:
        run.underline = True
    return run


# --- shapes -------------------------------------------------------------------------


def _shapes(t: list[list[etree._Element]], table: Table, page: Page, ids: ShapeIds) -> None:
    """Anchor every symbol, route and label in the cell holding its top-left corner."""
    for symbol in page.symbols:
        b = symbol.box
        run_anchor = _anchor(t, table, b.x, b.y)
        kind = "Simbol" if symbol.step is None else f"Langkah {symbol.step}"
        spec = SYMBOLS[symbol.kind]
        run = preset_shape(ids, prst=spec.prst, x=b.x - run_anchor[1],
                           y=b.y - run_anchor[2], w=b.w, h=b.h, text=symbol.letter,
                           text_size=spec.text.size, bold=spec.text.bold,
                           line_width=LINE_WIDTH, name=f"{kind} {symbol.kind.value}")
        run_anchor[0].append(run)
    for route in page.routes:
        xs = [p.x for p in route.points]
        ys = [p.y for p in route.points]
        par, ox, oy = _anchor(t, table, min(xs), min(ys))
        run = polyline(ids, points=[(p.x - ox, p.y - oy) for p in route.points],
                       x=0.0, y=0.0, arrow=route.arrow,
                       name=f"Alur {route.frm}-{route.to}")
        par.append(run)
    for label in page.labels:
        b = label.box
        par, ox, oy = _anchor(t, table, b.x, b.y)
        par.append(text_label(ids, text=label.text, x=b.x - ox, y=b.y - oy, w=b.w, h=b.h,
                              size=label.size, name=f"Label {' '.join(label.text.split())}",
                              fill=True))


def _squares(t: list[list[etree._Element]], table: Table, page: Page, ids: ShapeIds) -> None:
    """Each QR code whose top-left corner lies in `table`, anchored in that cell (a
    top-aligned one: the signature cells)."""
    for squares in page.squares:
        b = squares.box
        if not (table.x <= b.x < table.x + table.width and table.y <= b.y < table.y + table.height):
            continue
        par, ox, oy = _anchor(t, table, b.x, b.y)
        par.append(filled_rects(ids, x=b.x - ox, y=b.y - oy, w=b.w, h=b.h,
                                rects=[(r.x - b.x, r.y - b.y, r.w, r.h) for r in squares.rects],
                                name=f"Kode QR {squares.text}"))


def _anchor(
    t: list[list[etree._Element]], table: Table, x: float, y: float
) -> tuple[etree._Element, float, float]:
    """The paragraph to anchor in, and the origin its offsets count from (page points).

    Horizontal offsets count from the cell's text area (column), vertical ones
    from the top of the cell's first paragraph (paragraph): the cell's top plus
    its top margin, since shape cells are top-aligned and empty.
    """
    row, col = table.locate(x, y)
    box: Box = table.cell_box(row, Cell(col))
    paragraph = t[row][col].find(_P)
    assert paragraph is not None  # every w:tc written here has a w:p
    return paragraph, box.x + table.padding, box.y + table.padding / 2
