"""Hand-made SOP sheets built the way agencies build them, for the importer's tests.

No public original of a Word- or Excel-drawn SOP sheet was found (agencies
publish the signed PDF), so these files are made here as such files are made:
an Excel sheet whose identity block and procedure table are cells (merged
ranges, a colon in a column of its own, a real Excel date) with the flowchart
as drawing shapes over the cell grid (two-cell, one-cell and absolute
anchors, a group holding a decision and its label, elbow and freeform
connectors with arrowheads); and a Word file whose shapes float on the page
(positioned from the page and from the margin, not from a cell), VML shapes
of older Word (`v:roundrect`, `v:shape`, `v:line`), a `wpg` group and a text
box standing in a cell. Cells are written with openpyxl or python-docx, the
drawings as the raw XML Excel and Word write.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Side
from openpyxl.utils import get_column_letter

EMU = 12700

# --- the Excel-drawn sheet -------------------------------------------------------------------

# column widths in Excel's characters: No, Kegiatan, three roles, Mutu Baku x3, Keterangan
XLSX_WIDTHS = [5, 30, 12, 12, 12, 14, 10, 14, 12]
STEP_ROW = 13  # the first step's row (1-based)
STEP_HEIGHT = 40.0
XLSX_ROLES = ["Kepala Bidang", "Kepala Seksi", "Staf"]
XLSX_STEPS = [  # no, kegiatan, kelengkapan, waktu, output
    (1, "Menerima permohonan informasi", "Formulir permohonan", "15 menit", "Permohonan"),
    (2, "Memeriksa kelengkapan permohonan", "Formulir permohonan", "30 menit", "Hasil periksa"),
    (3, "Permohonan lengkap?", "Daftar periksa", "10 menit", "Keputusan"),
    (4, "Menyiapkan informasi yang diminta", "Dokumen", "1 hari", "Informasi"),
    (5, "Menyerahkan informasi kepada pemohon", "Informasi", "15 menit", "Tanda terima"),
]


def _width_pt(chars: float) -> float:
    return int(chars * 7 + 5) * 0.75


COL_EDGES = [0.0]
for _w in XLSX_WIDTHS:
    COL_EDGES.append(COL_EDGES[-1] + _width_pt(_w))


def _row_top(row: int) -> float:
    """Page y of a 1-based row's top: rows above the steps keep Excel's 15 pt."""
    if row <= STEP_ROW:
        return 15.0 * (row - 1)
    return 15.0 * (STEP_ROW - 1) + STEP_HEIGHT * (row - STEP_ROW)


def _row_of(y: float) -> tuple[int, float]:
    row = 1
    while _row_top(row + 1) <= y:
        row += 1
    return row, y - _row_top(row)


def _col_of(x: float) -> tuple[int, float]:
    col = 1
    while col < len(XLSX_WIDTHS) and COL_EDGES[col] <= x:
        col += 1
    return col, x - COL_EDGES[col - 1]


def _marker(tag: str, x: float, y: float) -> str:
    col, dx = _col_of(x)
    row, dy = _row_of(y)
    return (f"<xdr:{tag}><xdr:col>{col - 1}</xdr:col><xdr:colOff>{round(dx * EMU)}</xdr:colOff>"
            f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>{round(dy * EMU)}</xdr:rowOff></xdr:{tag}>")


def _centre(col: int) -> float:
    """Page x of a 1-based column's centre."""
    return (COL_EDGES[col - 1] + COL_EDGES[col]) / 2


def _step_y(no: int) -> tuple[float, float]:
    top = _row_top(STEP_ROW + no - 1)
    return top + 8.0, top + 32.0  # a symbol's top and bottom in its row


_SHAPE_ID = iter(range(2, 10_000))


def _sp(prst: str, w: float, h: float, text: str = "", *, txbox: bool = False,
        off: tuple[float, float] = (0.0, 0.0)) -> str:
    n = next(_SHAPE_ID)
    body = (f"<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{text}</a:t></a:r></a:p>"
            "</xdr:txBody>" if text else "")
    flag = " txBox='1'" if txbox else ""
    line = ("<a:ln><a:noFill/></a:ln>" if txbox else
            "<a:ln w='9525'><a:solidFill><a:srgbClr val='000000'/></a:solidFill></a:ln>")
    return (f"<xdr:sp macro='' textlink=''><xdr:nvSpPr><xdr:cNvPr id='{n}' name='Shape {n}'/>"
            f"<xdr:cNvSpPr{flag}/></xdr:nvSpPr><xdr:spPr>"
            f"<a:xfrm><a:off x='{round(off[0] * EMU)}' y='{round(off[1] * EMU)}'/>"
            f"<a:ext cx='{round(w * EMU)}' cy='{round(h * EMU)}'/></a:xfrm>"
            f"<a:prstGeom prst='{prst}'><a:avLst/></a:prstGeom>{line}</xdr:spPr>{body}</xdr:sp>")


def _two_cell(x0: float, y0: float, x1: float, y1: float, inner: str) -> str:
    return (f"<xdr:twoCellAnchor>{_marker('from', x0, y0)}{_marker('to', x1, y1)}{inner}"
            "<xdr:clientData/></xdr:twoCellAnchor>")


def _connector(a: tuple[float, float], b: tuple[float, float], prst: str) -> str:
    """A connector from a to b with an arrowhead at b, flipped as Excel writes it."""
    n = next(_SHAPE_ID)
    flips = (" flipH='1'" if b[0] < a[0] else "") + (" flipV='1'" if b[1] < a[1] else "")
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    inner = (f"<xdr:cxnSp macro=''><xdr:nvCxnSpPr><xdr:cNvPr id='{n}' name='Connector {n}'/>"
             "<xdr:cNvCxnSpPr/></xdr:nvCxnSpPr><xdr:spPr>"
             f"<a:xfrm{flips}><a:off x='0' y='0'/><a:ext cx='{round((x1 - x0) * EMU)}' "
             f"cy='{round((y1 - y0) * EMU)}'/></a:xfrm><a:prstGeom prst='{prst}'><a:avLst/>"
             "</a:prstGeom><a:ln w='9525'><a:solidFill><a:srgbClr val='000000'/></a:solidFill>"
             "<a:tailEnd type='triangle'/></a:ln></xdr:spPr></xdr:cxnSp>")
    return _two_cell(x0, y0, x1, y1, inner)


def _freeform(points: list[tuple[float, float]]) -> str:
    """A hand-drawn polyline (Excel's Freeform) with an arrowhead at its last point."""
    n = next(_SHAPE_ID)
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    w, h = round((x1 - x0) * EMU), round((y1 - y0) * EMU)
    path = "".join(
        f"<a:{'moveTo' if i == 0 else 'lnTo'}><a:pt x='{round((x - x0) * EMU)}' "
        f"y='{round((y - y0) * EMU)}'/></a:{'moveTo' if i == 0 else 'lnTo'}>"
        for i, (x, y) in enumerate(points))
    inner = (f"<xdr:sp macro='' textlink=''><xdr:nvSpPr><xdr:cNvPr id='{n}' name='Freeform {n}'/>"
             "<xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x='0' y='0'/>"
             f"<a:ext cx='{w}' cy='{h}'/></a:xfrm><a:custGeom><a:avLst/><a:gdLst/><a:ahLst/>"
             f"<a:cxnLst/><a:rect l='0' t='0' r='r' b='b'/><a:pathLst><a:path w='{w}' h='{h}'>"
             f"{path}</a:path></a:pathLst></a:custGeom><a:noFill/><a:ln w='9525'><a:solidFill>"
             "<a:srgbClr val='000000'/></a:solidFill><a:tailEnd type='triangle'/></a:ln>"
             "</xdr:spPr></xdr:sp>")
    return _two_cell(x0, y0, x1, y1, inner)


def xlsx_drawing() -> str:
    """The flowchart over the cells: Kabid starts, Kasi checks and decides (Tidak back
    to 2), Staf prepares, Kabid hands over."""
    sym_w = 46.0
    parts = []
    # 1: a terminator, two-cell anchored in Kabid's column
    t1, b1 = _step_y(1)
    c = _centre(3)
    parts.append(_two_cell(c - 23, t1, c + 23, b1, _sp("flowChartTerminator", sym_w, 24)))
    # 2: a process, one-cell anchored (a cell and an extent, as Excel's "move but don't size")
    t2, b2 = _step_y(2)
    d = _centre(4)
    col, dx = _col_of(d - 23)
    row, dy = _row_of(t2)
    parts.append(
        f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>{round(dx * EMU)}"
        f"</xdr:colOff><xdr:row>{row - 1}</xdr:row><xdr:rowOff>{round(dy * EMU)}</xdr:rowOff>"
        f"</xdr:from><xdr:ext cx='{round(sym_w * EMU)}' cy='{24 * EMU}'/>"
        f"{_sp('flowChartProcess', sym_w, 24)}<xdr:clientData/></xdr:oneCellAnchor>")
    # 3: a decision grouped with its Tidak label; the group's child space is twice its size
    t3, b3 = _step_y(3)
    gx0, gx1 = d - 23, COL_EDGES[4] - 2
    gw, gh = gx1 - gx0, b3 - t3
    group = (
        "<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id='900' name='Group 900'/><xdr:cNvGrpSpPr/>"
        f"</xdr:nvGrpSpPr><xdr:grpSpPr><a:xfrm><a:off x='0' y='0'/><a:ext cx='{round(gw * EMU)}' "
        f"cy='{round(gh * EMU)}'/><a:chOff x='0' y='0'/><a:chExt cx='{round(2 * gw * EMU)}' "
        f"cy='{round(2 * gh * EMU)}'/></a:xfrm></xdr:grpSpPr>"
        + _sp("flowChartDecision", 2 * sym_w, 2 * 24)
        + _sp("rect", 2 * 18, 2 * 9, "Tidak", txbox=True, off=(2 * (sym_w - 2), 0.0))
        + "</xdr:grpSp>")
    parts.append(_two_cell(gx0, t3, gx1, b3, group))
    # 4: a process in Staf's column, absolutely anchored
    t4, b4 = _step_y(4)
    e = _centre(5)
    parts.append(
        f"<xdr:absoluteAnchor><xdr:pos x='{round((e - 23) * EMU)}' y='{round(t4 * EMU)}'/>"
        f"<xdr:ext cx='{round(sym_w * EMU)}' cy='{24 * EMU}'/>{_sp('flowChartProcess', sym_w, 24)}"
        "<xdr:clientData/></xdr:absoluteAnchor>")
    # 5: a rounded rectangle for the end, as many hands draw it
    t5, b5 = _step_y(5)
    parts.append(_two_cell(c - 23, t5, c + 23, b5, _sp("roundRect", sym_w, 24)))
    # flows
    # flows: elbows drawn as freeform lines (down, across between the rows, down), a
    # straight connector, and a diagonal one drawn right to left (flipped)
    gap1, gap3 = _row_top(STEP_ROW + 1), _row_top(STEP_ROW + 3)
    parts.append(_freeform([(c, b1), (c, gap1), (d, gap1), (d, t2)]))
    parts.append(_connector((d, b2), (d, t3), "straightConnector1"))
    parts.append(_freeform([(d, b3), (d, gap3), (e, gap3), (e, t4)]))
    parts.append(_connector((e, b4), (c, t5), "straightConnector1"))
    # the Tidak loop: out of the diamond's right corner, up its column, into step 2's side
    lane = COL_EDGES[4] - 6
    mid3, mid2 = (t3 + b3) / 2, (t2 + b2) / 2
    parts.append(_freeform([(d + 23, mid3), (lane, mid3), (lane, mid2), (d + 23, mid2)]))
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
            "<xdr:wsDr xmlns:xdr='http://schemas.openxmlformats.org/drawingml/2006/"
            "spreadsheetDrawing' xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main'>"
            + "".join(parts) + "</xdr:wsDr>")


def xlsx_cells() -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "SOP"
    for i, w in enumerate(XLSX_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.merge_cells("A1:B6")
    ws["A1"] = "PEMERINTAH KABUPATEN CONTOH\nDINAS KOMUNIKASI DAN INFORMATIKA"
    identity: list[tuple[str, str | dt.datetime]] = [
        ("Nomor SOP", "800/12/DISKOMINFO/2023"),
        ("Tanggal Pembuatan", dt.datetime(2023, 7, 3)),
        ("Tanggal Revisi", "-"),
        ("Tanggal Efektif", "2 Januari 2024"),
        ("Disahkan Oleh", "Kepala Dinas Komunikasi dan Informatika\n\n\nBudi Santoso, S.Kom\n"
                          "NIP. 19780601 200501 1 016"),
        ("Nama SOP", "Pelayanan Permohonan Informasi Publik"),
    ]
    for row, (label, value) in enumerate(identity, start=1):
        ws.merge_cells(f"C{row}:D{row}")
        ws[f"C{row}"] = label
        ws[f"E{row}"] = ":"
        ws.merge_cells(f"F{row}:I{row}")
        ws[f"F{row}"] = value
        if isinstance(value, dt.datetime):
            ws[f"F{row}"].number_format = "dd mmmm yyyy"
    ws.merge_cells("A8:D8")
    ws["A8"] = "Dasar Hukum"
    ws.merge_cells("E8:I8")
    ws["E8"] = "Kualifikasi Pelaksana"
    ws.merge_cells("A9:D9")
    ws["A9"] = ("1. Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik\n"
                "2. Peraturan Komisi Informasi Nomor 1 Tahun 2021")
    ws.merge_cells("E9:I9")
    ws["E9"] = "1. Memahami tugas pelayanan informasi"
    for rng, text in (("A11:A12", "No"), ("B11:B12", "Kegiatan"), ("C11:E11", "Pelaksana"),
                      ("F11:H11", "Mutu Baku"), ("I11:I12", "Keterangan")):
        ws.merge_cells(rng)
        ws[rng.split(":")[0]] = text
    for col, text in zip("CDEFGH", [*XLSX_ROLES, "Kelengkapan", "Waktu", "Output"],
                         strict=True):
        ws[f"{col}12"] = text
    for no, kegiatan, kelengkapan, waktu, output in XLSX_STEPS:
        row = STEP_ROW + no - 1
        ws.row_dimensions[row].height = STEP_HEIGHT
        ws[f"A{row}"] = no
        ws[f"B{row}"] = kegiatan
        ws[f"F{row}"] = kelengkapan
        ws[f"G{row}"] = waktu
        ws[f"H{row}"] = output
    thin = Side(style="thin")
    for rng in ("A1:I6", "A8:I9", f"A11:I{STEP_ROW + len(XLSX_STEPS) - 1}"):
        for row_cells in ws[rng]:
            for cell in row_cells:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws["B20"] = "Catatan: dibuat manual oleh Subbag Umum"  # below the table, unbordered
    return wb


def inject(xlsx: bytes, sheet: str, drawing: str) -> bytes:
    """Add a drawing part to a saved workbook's sheet, as Excel links one."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == f"xl/worksheets/{sheet}.xml":
                data = data.replace(b"</worksheet>", (
                    f"<drawing xmlns:r='{rel_ns}' r:id='rIdDrawing1'/></worksheet>").encode())
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    b"<Override PartName='/xl/drawings/drawing1.xml' ContentType='application/"
                    b"vnd.openxmlformats-officedocument.drawing+xml'/></Types>"))
            dst.writestr(info, data)
        dst.writestr(f"xl/worksheets/_rels/{sheet}.xml.rels", (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?><Relationships xmlns="
            "'http://schemas.openxmlformats.org/package/2006/relationships'><Relationship "
            f"Id='rIdDrawing1' Type='{rel_ns}/drawing' Target='../drawings/drawing1.xml'/>"
            "</Relationships>"))
        dst.writestr("xl/drawings/drawing1.xml", drawing)
    return out.getvalue()


def excel_drawn_sop(path: Path) -> Path:
    buf = io.BytesIO()
    xlsx_cells().save(buf)
    path.write_bytes(inject(buf.getvalue(), "sheet1", xlsx_drawing()))
    return path


@dataclass(frozen=True)
class Expected:
    roles: list[str]
    steps: list[tuple[int, list[int], str]]  # no, roles, kind name
    if_no: dict[int, int]


XLSX_EXPECTED = Expected(
    XLSX_ROLES,
    [(1, [0], "MULAI"), (2, [1], "PROSES"), (3, [1], "KEPUTUSAN"), (4, [2], "PROSES"),
     (5, [0], "SELESAI")],
    {3: 2},
)


# --- the Word-drawn sheet --------------------------------------------------------------------

_NS_DECL = (
    "xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main' "
    "xmlns:wp='http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing' "
    "xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main' "
    "xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape' "
    "xmlns:wpg='http://schemas.microsoft.com/office/word/2010/wordprocessingGroup' "
    "xmlns:v='urn:schemas-microsoft-com:vml' xmlns:o='urn:schemas-microsoft-com:office:office'")
DOCX_WIDTHS = [28, 110, 60, 60, 60, 55, 40, 55]  # points: No, Kegiatan, 3 roles, mutu baku
DOCX_LEFT = DOCX_TOP = 72.0  # python-docx's default template: one-inch margins
DOCX_HEADER = 20.0
DOCX_STEP = 40.0
DOCX_TABLE_TOP = DOCX_TOP + 12.0  # under the page-break paragraph of the procedure page
DOCX_EDGES = [DOCX_LEFT]
for _w in DOCX_WIDTHS:
    DOCX_EDGES.append(DOCX_EDGES[-1] + _w)
_DOC_ID = iter(range(1, 10_000))


def _docx_centre(col: int) -> float:
    """Page x of a 0-based table column's centre."""
    return (DOCX_EDGES[col] + DOCX_EDGES[col + 1]) / 2


def _docx_step(no: int) -> tuple[float, float]:
    top = DOCX_TABLE_TOP + 2 * DOCX_HEADER + (no - 1) * DOCX_STEP
    return top + 8.0, top + 32.0


def _wsp_body(prst: str, w: float, h: float, *, arrow: bool = False, text: str = "",
              off: tuple[float, float] = (0.0, 0.0), flip_v: bool = False) -> str:
    """A `wps` shape; with text, a text box without outline (a label)."""
    line = ("<a:ln><a:noFill/></a:ln>" if text else
            "<a:ln w='9525'><a:solidFill><a:srgbClr val='000000'/></a:solidFill>"
            + ("<a:tailEnd type='triangle'/>" if arrow else "") + "</a:ln>")
    box = (f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
           "</wps:txbx>" if text else "")
    flag = " txBox='1'" if text else ""
    flip = " flipV='1'" if flip_v else ""
    return (f"<wps:wsp><wps:cNvSpPr{flag}/><wps:spPr><a:xfrm{flip}>"
            f"<a:off x='{round(off[0] * EMU)}' y='{round(off[1] * EMU)}'/>"
            f"<a:ext cx='{round(w * EMU)}' cy='{round(h * EMU)}'/></a:xfrm>"
            f"<a:prstGeom prst='{prst}'><a:avLst/></a:prstGeom>{line}</wps:spPr>{box}"
            "<wps:bodyPr/></wps:wsp>")


def _anchor(x: float, y: float, w: float, h: float, graphic: str, *, rel_h: str = "page",
            rel_v: str = "page", group: bool = False) -> str:
    """A floating drawing, offset from `rel_h`/`rel_v` (page, margin, column, paragraph)."""
    n = next(_DOC_ID)
    uri = ("http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" if group else
           "http://schemas.microsoft.com/office/word/2010/wordprocessingShape")
    return (f"<w:r {_NS_DECL}><w:drawing><wp:anchor distT='0' distB='0' distL='0' distR='0' "
            "simplePos='0' relativeHeight='1' behindDoc='0' locked='0' layoutInCell='1' "
            "allowOverlap='1'><wp:simplePos x='0' y='0'/>"
            f"<wp:positionH relativeFrom='{rel_h}'><wp:posOffset>{round(x * EMU)}</wp:posOffset>"
            f"</wp:positionH><wp:positionV relativeFrom='{rel_v}'><wp:posOffset>"
            f"{round(y * EMU)}</wp:posOffset></wp:positionV>"
            f"<wp:extent cx='{round(w * EMU)}' cy='{round(h * EMU)}'/><wp:wrapNone/>"
            f"<wp:docPr id='{n}' name='Shape {n}'/><wp:cNvGraphicFramePr/><a:graphic>"
            f"<a:graphicData uri='{uri}'>{graphic}</a:graphicData></a:graphic></wp:anchor>"
            "</w:drawing></w:r>")


def _vml(inner: str) -> str:
    return f"<w:r {_NS_DECL}><w:pict>{inner}</w:pict></w:r>"


def _vml_style(x: float, y: float, w: float, h: float, rel: str) -> str:
    return (f"position:absolute;margin-left:{x:.2f}pt;margin-top:{y:.2f}pt;width:{w:.2f}pt;"
            f"height:{h:.2f}pt;mso-position-horizontal-relative:{rel};"
            f"mso-position-vertical-relative:{rel}")


def _vml_line(a: tuple[float, float], b: tuple[float, float]) -> str:
    return _vml(f"<v:line from='{a[0]:.2f}pt,{a[1]:.2f}pt' to='{b[0]:.2f}pt,{b[1]:.2f}pt' "
                "style='position:absolute;mso-position-horizontal-relative:page;"
                "mso-position-vertical-relative:page'><v:stroke endarrow='block'/></v:line>")


DOCX_EXPECTED = XLSX_EXPECTED


def word_drawn_sop(path: Path) -> Path:
    """Identity table on page 1; on page 2 the procedure table with the flowchart
    floating over it, shapes anchored in the paragraph after the table."""
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.oxml import parse_xml
    from docx.shared import Pt

    doc = Document()
    ident = doc.add_table(rows=5, cols=2)
    ident.style = "Table Grid"
    for row, (label, value) in zip(ident.rows, (
            ("Nomor SOP", "045/07/SETDA/2022"), ("Tanggal Pembuatan", "4 Januari 2022"),
            ("Tanggal Efektif", "10 Januari 2022"),
            ("Disahkan Oleh", "Sekretaris Daerah"), ("Nama SOP", "Penerbitan Surat Tugas")),
                                  strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    doc.add_page_break()  # type: ignore[no-untyped-call]
    table = doc.add_table(rows=2 + len(XLSX_STEPS), cols=len(DOCX_WIDTHS))
    table.style = "Table Grid"
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.iterfind(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol"),
            DOCX_WIDTHS, strict=True):
        col.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w",
                str(int(w * 20)))
    for i, row in enumerate(table.rows):
        row.height = Pt(DOCX_HEADER if i < 2 else DOCX_STEP)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].merge(sub[0]).text = "No"
    top[1].merge(sub[1]).text = "Kegiatan"
    top[2].merge(top[4]).text = "Pelaksana"
    top[5].merge(top[7]).text = "Mutu Baku"
    for cell, text in zip(sub[2:], [*XLSX_ROLES, "Kelengkapan", "Waktu", "Output"],
                          strict=True):
        cell.text = text
    for (no, kegiatan, kelengkapan, waktu, output), row in zip(
            XLSX_STEPS, table.rows[2:], strict=True):
        cells = row.cells
        cells[0].text, cells[1].text = str(no), kegiatan
        cells[5].text, cells[6].text, cells[7].text = kelengkapan, waktu, output
    # a text box standing in Kasi's cell of step 3: the Tidak label, beside the loop
    kasi3 = table.rows[4].cells[3].paragraphs[0]
    kasi3._p.append(parse_xml(_anchor(38.0, 2.0, 18.0, 9.0, _wsp_body("rect", 18, 9,
                                                                      text="Tidak"),
                                      rel_h="column", rel_v="paragraph")))
    holder = doc.add_paragraph()._p
    c, d, e = _docx_centre(2), _docx_centre(3), _docx_centre(4)
    t1, b1 = _docx_step(1)
    t2, b2 = _docx_step(2)
    t3, b3 = _docx_step(3)
    t4, b4 = _docx_step(4)
    t5, _b5 = _docx_step(5)
    # 1: VML rounded rectangle, from the page (older Word)
    holder.append(parse_xml(_vml(f"<v:roundrect style='{_vml_style(c - 23, t1, 46, 24, 'page')}'"
                                 " arcsize='50%'/>")))
    # 2: a wps process box, from the margin
    holder.append(parse_xml(_anchor(d - 23 - DOCX_LEFT, t2 - DOCX_TOP, 46, 24,
                                    _wsp_body("flowChartProcess", 46, 24), rel_h="margin",
                                    rel_v="margin")))
    # 3: a wpg group of the decision and its Tidak loop, from the page; child space doubled
    gx0, gx1 = d - 23, DOCX_EDGES[4] - 2
    gw, gh = gx1 - gx0, b3 - t2 + 12
    gy0 = t2 - 6
    lane = DOCX_EDGES[4] - 6
    mid3, mid2 = (t3 + b3) / 2, (t2 + b2) / 2
    pts = [(d + 23, mid3), (lane, mid3), (lane, mid2), (d + 23, mid2)]
    px0, py0 = min(p[0] for p in pts), min(p[1] for p in pts)
    pw, ph = max(p[0] for p in pts) - px0, max(p[1] for p in pts) - py0
    steps = "".join(
        f"<a:{'moveTo' if i == 0 else 'lnTo'}><a:pt x='{round((x - px0) * EMU)}' "
        f"y='{round((y - py0) * EMU)}'/></a:{'moveTo' if i == 0 else 'lnTo'}>"
        for i, (x, y) in enumerate(pts))
    loop = ("<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm>"
            f"<a:off x='{round(2 * (px0 - gx0) * EMU)}' y='{round(2 * (py0 - gy0) * EMU)}'/>"
            f"<a:ext cx='{round(2 * pw * EMU)}' cy='{round(2 * ph * EMU)}'/></a:xfrm>"
            f"<a:custGeom><a:pathLst><a:path w='{round(pw * EMU)}' h='{round(ph * EMU)}'>"
            f"{steps}</a:path></a:pathLst></a:custGeom><a:ln w='9525'><a:solidFill>"
            "<a:srgbClr val='000000'/></a:solidFill><a:tailEnd type='triangle'/></a:ln>"
            "</wps:spPr><wps:bodyPr/></wps:wsp>")
    group = ("<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x='0' y='0'/>"
             f"<a:ext cx='{round(gw * EMU)}' cy='{round(gh * EMU)}'/><a:chOff x='0' y='0'/>"
             f"<a:chExt cx='{round(2 * gw * EMU)}' cy='{round(2 * gh * EMU)}'/></a:xfrm>"
             "</wpg:grpSpPr>"
             + _wsp_body("flowChartDecision", 92, 48, off=(0.0, 2 * (t3 - gy0)))
             + loop + "</wpg:wgp>")
    holder.append(parse_xml(_anchor(gx0, gy0, gw, gh, group, group=True)))
    # 4: a VML shape of Word's process type, from the margin
    holder.append(parse_xml(_vml(
        f"<v:shape type='#_x0000_t109' style='"
        f"{_vml_style(e - 23 - DOCX_LEFT, t4 - DOCX_TOP, 46, 24, 'margin')}'/>")))
    # 5: a wps terminator from the page
    holder.append(parse_xml(_anchor(c - 23, t5, 46, 24, _wsp_body("flowChartTerminator", 46,
                                                                   24))))
    # flows: VML lines and wps connectors, each with its arrowhead at the target
    holder.append(parse_xml(_vml_line((c, b1), (d, t2))))
    holder.append(parse_xml(_anchor(d, b2, 0, t3 - b2,
                                    _wsp_body("straightConnector1", 0, t3 - b2, arrow=True))))
    holder.append(parse_xml(_vml_line((d, b3), (e, t4))))
    holder.append(parse_xml(_anchor(c, b4, e - c, t5 - b4, _wsp_body(
        "straightConnector1", e - c, t5 - b4, arrow=True))))  # drawn left to right: no flip
    doc.save(str(path))
    return path
