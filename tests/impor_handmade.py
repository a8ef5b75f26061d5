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
