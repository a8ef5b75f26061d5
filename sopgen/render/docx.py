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
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from sopgen.geometry import Align, Box, Cell, Document, Page, Para, Table
from sopgen.layout import LINE, _number_indent
from sopgen.render.drawingml import (
    ShapeIds,
    declare_namespaces,
    polyline,
    preset_shape,
    text_label,
)
from sopgen.symbols import SYMBOLS

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
REFERENCE = TEMPLATES / "reference.docx"
FONT = "Arial"
SEPARATOR = 1.0  # pt: the paragraph that starts each page and keeps tables apart
ANCHOR_LINE = 1.0  # pt: the tiny paragraph in a role cell that shapes anchor to
_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _tw(pt: float) -> int:
    return round(pt * 20)


def to_docx(doc: Document, created: dt.date, modified: dt.date) -> bytes:
    """Render; the zip is normalised so the same input gives the same bytes."""
    word = open_docx(str(REFERENCE))
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _page_setup(word, doc)
    _footer(word, doc)
    ids = ShapeIds()
    for number, page in enumerate(doc.pages, start=1):
        _page(word, doc, page, number, ids)
    declare_namespaces(word.element)
    _properties(word, doc, created, modified)
    buffer = io.BytesIO()
    word.save(buffer)
    return _normalise(buffer.getvalue(), len(doc.pages))


# --- document frame -----------------------------------------------------------


def _page_setup(word: DocxDocument, doc: Document) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if doc.width > doc.height else WD_ORIENT.PORTRAIT
    section.page_width = Twips(_tw(doc.width))
    section.page_height = Twips(_tw(doc.height))
    m = doc.margins
    section.top_margin = Twips(_tw(m.top - SEPARATOR))
    section.bottom_margin = Twips(_tw(m.bottom))
    section.left_margin = Twips(_tw(m.left))
    section.right_margin = Twips(_tw(m.right))
    section.header_distance = Twips(_tw(12))
    section.footer_distance = Twips(_tw(m.bottom - 14 - doc.footer_size * LINE - 2))


def _footer(word: DocxDocument, doc: Document) -> None:
    """SOP number at the left, `Halaman X dari Y` at the right, as Word fields."""
    footer = word.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    usable = doc.width - doc.margins.left - doc.margins.right
    tabs = p.paragraph_format.tab_stops
    for inherited in (4680, 9360):  # the Footer style's centre and right tabs
        tabs.add_tab_stop(Twips(inherited), alignment=WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Twips(_tw(usable)), alignment=WD_TAB_ALIGNMENT.RIGHT)
    _format_paragraph(p, doc.footer_size)
    _run(p, doc.footer_left, doc.footer_size)
    _run(p, "\tHalaman ", doc.footer_size)
    _field(p, "PAGE", "1", doc.footer_size)
    _run(p, " dari ", doc.footer_size)
    _field(p, "NUMPAGES", str(len(doc.pages)), doc.footer_size)


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
    core.title = doc.meta.get("title", "")
    core.subject = doc.meta.get("subject", "")
    core.author = doc.meta.get("author", "")
    core.keywords = doc.meta.get("keywords", "")
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


def _page(word: DocxDocument, doc: Document, page: Page, number: int, ids: ShapeIds) -> None:
    first = _spacer(word, SEPARATOR)
    if number > 1:
        first.paragraph_format.page_break_before = True
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
        docx_table = _table(word, doc, table)
        if table is page.tables[0] and page.kind == "procedure":
            _shapes(_grid(docx_table), table, page, ids)
        bottom = table.y + table.height


def _spacer(word: DocxDocument, height: float) -> Paragraph:
    p = word.add_paragraph()
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Twips(_tw(height))
    pf.line_spacing_rule = 4  # EXACTLY
    _run(p, "", 1.0)
    rpr = p._p.get_or_add_pPr()
    marks = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    marks.append(size)
    rpr.append(marks)
    return p


def _table(word: DocxDocument, doc: Document, table: Table) -> DocxTable:
    ncols = len(table.widths)
    t: DocxTable = word.add_table(rows=len(table.rows), cols=ncols)
    t.style = word.styles["Tabel SOP"] if table.borders else word.styles["Normal Table"]
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = t._tbl.tblPr
    _set_child(tbl_pr, "w:tblW", {"w:w": str(sum(_tw(w) for w in table.widths)), "w:type": "dxa"})
    indent = table.x - doc.margins.left
    _set_child(tbl_pr, "w:tblInd", {"w:w": str(_tw(indent)), "w:type": "dxa"})
    _cell_margins(tbl_pr, table.padding)
    if not table.borders:
        _no_borders(tbl_pr)
    grid = t._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), table.widths, strict=True):
        col.set(qn("w:w"), str(_tw(width)))
    header_rows = sum(1 for r in table.rows if r.kind == "header")
    for i, (row, docx_row) in enumerate(zip(table.rows, t.rows, strict=True)):
        docx_row.height = Twips(_tw(row.height))
        docx_row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        if i < header_rows:
            tr_pr = docx_row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
    _merge_and_fill(t, table)
    return t


def _merge_and_fill(t: DocxTable, table: Table) -> None:
    # python-docx's table.cell() walks the whole table on every call, so merge
    # the few spanned cells first, then take the grid of cells once.
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            if cell.span > 1 or cell.rowspan > 1:
                t.cell(i, cell.col).merge(
                    t.cell(i + cell.rowspan - 1, cell.col + cell.span - 1))
    grid = _grid(t)
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            _fill(grid[i][cell.col], cell, table)
    for i in range(len(table.rows)):  # every cell, merged or not, gets its exact width
        for j, cell_el in enumerate(t.rows[i]._tr.tc_lst):
            span = cell_el.grid_span
            start = sum(c.grid_span for c in t.rows[i]._tr.tc_lst[:j])
            width = sum(table.widths[start : start + span])
            tc_pr = cell_el.get_or_add_tcPr()
            _set_child(tc_pr, "w:tcW", {"w:w": str(_tw(width)), "w:type": "dxa"})


def _grid(t: DocxTable) -> list[list[_Cell]]:
    """Rows of cells by grid column; a merged cell appears under every column it spans."""
    ncols = len(t.columns)
    flat = t._cells
    return [flat[r * ncols : (r + 1) * ncols] for r in range(len(flat) // ncols)]


def _fill(target: _Cell, cell: Cell, table: Table) -> None:
    """Write a cell's paragraphs as XML directly: python-docx's proxies cost a
    millisecond a paragraph, which is most of a large SOP's build time."""
    tc = target._tc
    tc_pr = tc.get_or_add_tcPr()
    valign = "top" if cell.valign == "top" or not cell.paras else "center"
    _insert_in_order(tc_pr, _el("w:vAlign", val=valign))
    if cell.shaded:
        _insert_in_order(tc_pr, _el("w:shd", val="clear", color="auto", fill="E8E8E8"))
    for old in tc.findall(qn("w:p")):
        tc.remove(old)
    if cell.image is not None:
        p = _p_element(9.0, Align.CENTER, after=6.0)
        tc.append(p)
        Paragraph(p, target).add_run().add_picture(  # type: ignore[arg-type]
            str(cell.image.path), width=Pt(cell.image.w), height=Pt(cell.image.h))
    if not cell.paras:
        tc.append(_p_element(ANCHOR_LINE, Align.LEFT))
    for para in cell.paras:
        tc.append(_para_element(para))


def _el(tag: str, **attrs: str) -> etree._Element:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _p_element(size: float, align: Align, *, before: float = 0.0, after: float = 0.0,
               indent: float = 0.0) -> etree._Element:
    """`w:p` with its properties in schema order: tabs, spacing, ind, jc."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    if indent:
        tabs = OxmlElement("w:tabs")
        tabs.append(_el("w:tab", val="left", pos=str(_tw(indent))))
        ppr.append(tabs)
    ppr.append(_el("w:spacing", before=str(_tw(before)), after=str(_tw(after)),
                   line=str(_tw(size * LINE)), lineRule="exact"))
    if indent:
        ppr.append(_el("w:ind", left=str(_tw(indent)), hanging=str(_tw(indent))))
    ppr.append(_el("w:jc", val=align.value))
    p.append(ppr)
    return p


def _para_element(para: Para) -> etree._Element:
    indent = _number_indent(para) if para.number else 0.0
    p = _p_element(para.size, para.align, before=para.space_before, indent=indent)
    if para.number:
        p.append(_r_element([f"{para.number}"], para.size, tab=True))
    p.append(_r_element(para.text.split("\n"), para.size, bold=para.bold,
                        underline=para.underline))
    return p


def _r_element(lines: list[str], size: float, *, bold: bool = False, underline: bool = False,
               tab: bool = False) -> etree._Element:
    """`w:r` with rPr children in schema order (rFonts, b, sz, szCs, u) and its text."""
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(_el("w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT))
    if bold:
        rpr.append(_el("w:b"))
    half_points = str(round(size * 2))
    rpr.append(_el("w:sz", val=half_points))
    rpr.append(_el("w:szCs", val=half_points))
    if underline:
        rpr.append(_el("w:u", val="single"))
    r.append(rpr)
    for k, line in enumerate(lines):
        if k:
            r.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        r.append(t)
    if tab:
        r.append(OxmlElement("w:tab"))
    return r


def _format_paragraph(p: Paragraph, size: float, align: Align = Align.LEFT) -> None:
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Twips(_tw(size * LINE))
    pf.line_spacing_rule = 4  # EXACTLY
    p.alignment = _ALIGN[align]


def _run(p: Paragraph, text: str, size: float, *, bold: bool = False,
         underline: bool = False) -> Run:
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.name = FONT
    if bold:
        run.bold = True
    if underline:
        run.underline = True
    return run


def _set_child(parent: BaseOxmlElement, tag: str, attrs: dict[str, str]) -> None:
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        _insert_in_order(parent, el)
    for key, value in attrs.items():
        el.set(qn(key), value)


_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
                "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
_TCPR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders",
               "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
               "w:hideMark")


def _insert_in_order(parent: BaseOxmlElement, el: etree._Element) -> None:
    """Insert a property element where the schema's sequence wants it."""
    tag = el.tag
    order = _TBLPR_ORDER if parent.tag == qn("w:tblPr") else _TCPR_ORDER
    names = [qn(t) for t in order]
    rank = names.index(tag) if tag in names else len(names)
    for i, child in enumerate(parent):
        if child.tag in names and names.index(child.tag) > rank:
            parent.insert(i, el)
            return
    parent.append(el)


def _cell_margins(tbl_pr: BaseOxmlElement, padding: float) -> None:
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("top", padding / 2), ("left", padding), ("bottom", 0.0),
                        ("right", padding)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(_tw(value)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    _insert_in_order(tbl_pr, mar)


def _no_borders(tbl_pr: BaseOxmlElement) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _insert_in_order(tbl_pr, borders)


# --- shapes -------------------------------------------------------------------------


def _shapes(t: list[list[_Cell]], table: Table, page: Page, ids: ShapeIds) -> None:
    """Anchor every symbol, route and label in the cell holding its top-left corner."""
    for symbol in page.symbols:
        b = symbol.box
        run_anchor = _anchor(t, table, b.x, b.y)
        kind = "Simbol" if symbol.step is None else f"Langkah {symbol.step}"
        run = preset_shape(ids, prst=SYMBOLS[symbol.kind].prst, x=b.x - run_anchor[1],
                           y=b.y - run_anchor[2], w=b.w, h=b.h, text=symbol.letter,
                           name=f"{kind} {symbol.kind.value}")
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
                              size=label.size, name=f"Label {label.text}", fill=True))


def _anchor(
    t: list[list[_Cell]], table: Table, x: float, y: float
) -> tuple[BaseOxmlElement, float, float]:
    """The paragraph to anchor in, and the origin its offsets count from (page points).

    Horizontal offsets count from the cell's text area (column), vertical ones
    from the top of the cell's first paragraph (paragraph): the cell's top plus
    its top margin, since shape cells are top-aligned and empty.
    """
    row, col = table.locate(x, y)
    box: Box = table.cell_box(row, Cell(col))
    paragraph = t[row][col].paragraphs[0]._p
    return paragraph, box.x + table.padding, box.y + table.padding / 2

