"""An SOP sheet drawn in Excel -> drawn pages.

Some agencies draw the whole sheet in Excel: the identity block and the
procedure table in cells, the flowchart as drawing shapes over them
(`xl/drawings/drawingN.xml`). The package is read directly (openpyxl drops the
shapes), with the same limits as the other readers. Each worksheet is laid
out from its own numbers (column widths, row heights, merged ranges), so every
cell gets a page box with its text as exact words (remembering `Sheet!Cell`)
and its borders as rules; each shape is put on the cells its anchor covers
(`twoCellAnchor` from/to cells and offsets, `oneCellAnchor` a cell and an
extent, `absoluteAnchor` a position), groups mapped through their child
coordinates. From there `sopgen.impor.sheet` reads it like any other page: the
role column and the row a symbol stands in give the step and its role.

A sheet that holds the identity block above the procedure table becomes two
pages, split at the procedure header's row, so the identity is read as an
identity page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from sopgen import messages as msg
from sopgen.impor.docx import (
    LINES,
    PRESETS,
    add_ink,
    drawn_line,
    parse,
    path_points,
)
from sopgen.impor.drawn import Box, Page, Rule, Shape, Symbol, Word
from sopgen.impor.limits import MAX_SHAPES, Refused, read_part
from sopgen.impor.sheet import key

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
EMU = 12700.0
MAX_ROWS = 5000  # a drawn SOP sheet has a few hundred rows at most
MAX_COLUMNS = 200
MAX_GRID = 200_000  # cells laid out (rows x columns of the used range) over all sheets
DEFAULT_ROW = 15.0  # points, Excel's default row height
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}
_DATE_CODE = re.compile(r"[dmy]", re.IGNORECASE)
_CONTRACT = {"identitas", "prosedur"}


def _q(tag: str) -> str:
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class _Grid:
    """One worksheet's cells in points: column and row edges, merged ranges."""

    name: str
    cols: list[float] = field(default_factory=list)  # x of each column's left edge, 1-based
    rows: list[float] = field(default_factory=list)
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> text
    merges: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # top-left -> br
    covered: set[tuple[int, int]] = field(default_factory=set)  # inside a merge, not its first
    used: tuple[int, int] = (0, 0)  # the last row and column holding text or a merge
    boxed: set[tuple[int, int]] = field(default_factory=set)  # cells with text, merge, border

    def x(self, col: int, offset: float = 0.0) -> float:
        col = max(1, min(col, len(self.cols) - 1))
        return self.cols[col] + offset

    def y(self, row: int, offset: float = 0.0) -> float:
        row = max(1, min(row, len(self.rows) - 1))
        return self.rows[row] + offset

    def box(self, row: int, col: int) -> Box:
        r2, c2 = self.merges.get((row, col), (row, col))
        return Box(self.x(col), self.y(row), self.x(c2 + 1), self.y(r2 + 1))


def read_xlsx(zf: zipfile.ZipFile, name: str) -> list[Page]:
    sheets = _sheet_list(zf, name)
    if {key(s) for s, _ in sheets} >= _CONTRACT:
        raise Refused(msg.impor_already_workbook(name))
    strings = _shared_strings(zf, name)
    dates, bordered = _styles(zf, name)
    pages: list[Page] = []
    budget = [MAX_GRID, MAX_SHAPES]
    for sheet, part in sheets:
        grid, drawing = _sheet(zf, part, sheet, name, strings, (dates, bordered), budget)
        if not grid.texts:
            continue
        page = Page(len(pages) + 1, grid.cols[-1], grid.rows[-1])
        _cells_onto(grid, page)
        if drawing is not None:
            _drawing(zf, drawing, grid, page, name, budget)
        pages.extend(_split(page, grid, len(pages)))
    return pages


# --- the package -----------------------------------------------------------------------------


def _rels(zf: zipfile.ZipFile, part: str, name: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in zf.namelist():
        return {}
    root = parse(read_part(zf, rels, name), name)
    out: dict[str, str] = {}
    for rel in root.iter(_q("pr:Relationship")):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out[rel.get("Id", "")] = path
    return out


def _sheet_list(zf: zipfile.ZipFile, name: str) -> list[tuple[str, str]]:
    root = parse(read_part(zf, "xl/workbook.xml", name), name)
    rels = _rels(zf, "xl/workbook.xml", name)
    out = []
    for sheet in root.iter(_q("m:sheet")):
        part = rels.get(sheet.get(_q("r:id"), ""))
        if part and part in zf.namelist() and sheet.get("state", "visible") == "visible":
            out.append((sheet.get("name", ""), part))
    return out


def _shared_strings(zf: zipfile.ZipFile, name: str) -> list[str]:
    if "xl/sharedStrings.xml" not in zf.namelist():
        return []
    root = parse(read_part(zf, "xl/sharedStrings.xml", name), name)
    return [_rich_text(si) for si in root.iterfind(_q("m:si"))]


def _rich_text(el: etree._Element) -> str:
    """A string item's text, its phonetic runs left out."""
    return "".join(t.text or "" for t in el.iter(_q("m:t"))
                   if not any(a.tag == _q("m:rPh") for a in t.iterancestors()))


def _styles(zf: zipfile.ZipFile, name: str) -> tuple[set[int], set[int]]:
    """The cell formats (`s` indexes) that show a number as a date, and those that draw
    a border."""
    if "xl/styles.xml" not in zf.namelist():
        return set(), set()
    root = parse(read_part(zf, "xl/styles.xml", name), name)
    custom = {int(_float(f.get("numFmtId"), 0)) for f in root.iter(_q("m:numFmt"))
              if _DATE_CODE.search(re.sub(r'"[^"]*"|\[[^]]*]', "", f.get("formatCode", "")))}
    borders_el = root.find(_q("m:borders"))
    lined = set()
    if borders_el is not None:
        for i, border in enumerate(borders_el.iterfind(_q("m:border"))):
            if any(side.get("style") not in (None, "none") for side in border):
                lined.add(i)
    xfs = root.find(_q("m:cellXfs"))
    if xfs is None:
        return set(), set()
    dates, bordered = set(), set()
    for i, xf in enumerate(xfs.iterfind(_q("m:xf"))):
        fmt = int(_float(xf.get("numFmtId"), 0))
        if fmt in _DATE_FORMATS or fmt in custom:
            dates.add(i)
        if int(_float(xf.get("borderId"), 0)) in lined:
            bordered.add(i)
    return dates, bordered


# --- a worksheet -----------------------------------------------------------------------------


def _width_points(chars: float) -> float:
    """Excel's column width (characters of the default font) in points."""
    pixels = int(chars * 7 + 5) if chars > 0 else 0
    return pixels * 0.75


def _sheet(zf: zipfile.ZipFile, part: str, sheet: str, name: str, strings: list[str],
           styles: tuple[set[int], set[int]], budget: list[int]) -> tuple[_Grid, str | None]:
    dates, bordered = styles
    root = parse(read_part(zf, part, name), name)
    grid = _Grid(sheet)
    fmt = root.find(_q("m:sheetFormatPr"))
    default_row = _float(fmt.get("defaultRowHeight") if fmt is not None else None, DEFAULT_ROW)
    default_col = _float(fmt.get("defaultColWidth") if fmt is not None else None,
                         _float(fmt.get("baseColWidth") if fmt is not None else None, 8.0) + 0.43)
    widths: dict[int, float] = {}
    for spec in root.iter(_q("m:col")):
        lo, hi = int(_float(spec.get("min"), 1)), int(_float(spec.get("max"), 1))
        hidden = spec.get("hidden") in ("1", "true")
        w = 0.0 if hidden else _float(spec.get("width"), default_col)
        for c in range(max(lo, 1), min(hi, MAX_COLUMNS) + 1):
            widths[c] = w
    heights: dict[int, float] = {}
    max_row = max_col = 0
    for row in root.iter(_q("m:row")):
        r = int(_float(row.get("r"), 0))
        if r > MAX_ROWS:
            raise Refused(msg.impor_sheet_too_large(name, sheet, f"A{r}"))
        if row.get("ht") is not None or row.get("hidden") in ("1", "true"):
            heights[r] = 0.0 if row.get("hidden") in ("1", "true") else _float(row.get("ht"),
                                                                               default_row)
        for cell in row.iterfind(_q("m:c")):
            m = _REF.match(cell.get("r", ""))
            if m is None:
                continue
            col, r_ = column_index(m.group(1)), int(m.group(2))
            if col > MAX_COLUMNS or r_ > MAX_ROWS:
                raise Refused(msg.impor_sheet_too_large(name, sheet, cell.get("r", "")))
            text = _cell_text(cell, strings, dates)
            if text.strip():
                grid.texts[(r_, col)] = text.strip()
            if text.strip() or int(_float(cell.get("s"), 0)) in bordered:
                grid.boxed.add((r_, col))
                max_row, max_col = max(max_row, r_), max(max_col, col)
    for mc in root.iter(_q("m:mergeCell")):
        a, _, b = mc.get("ref", "").partition(":")
        ma, mb = _REF.match(a), _REF.match(b or a)
        if ma is None or mb is None:
            continue
        top, left = int(ma.group(2)), column_index(ma.group(1))
        bottom, right = int(mb.group(2)), column_index(mb.group(1))
        if bottom > MAX_ROWS or right > MAX_COLUMNS:
            raise Refused(msg.impor_sheet_too_large(name, sheet, b))
        if bottom < top or right < left:
            continue
        grid.merges[(top, left)] = (bottom, right)
        grid.boxed.add((top, left))
        max_row, max_col = max(max_row, bottom), max(max_col, right)
    drawing = None
    el = root.find(_q("m:drawing"))
    if el is not None:
        drawing = _rels(zf, part, name).get(el.get(_q("r:id"), ""))
    extent_rows, extent_cols = max_row + 2, max_col + 2  # room for shapes just past the text
    if drawing is not None:
        extent_rows, extent_cols = MAX_ROWS, MAX_COLUMNS  # cut to the shapes' cells below
    budget[0] -= (max_row + 2) * (max_col + 2)
    if budget[0] < 0:
        raise Refused(msg.impor_inflates(name))
    x = 0.0
    grid.cols = [0.0, 0.0]
    for c in range(1, min(extent_cols, MAX_COLUMNS) + 1):
        x += _width_points(widths.get(c, default_col))
        grid.cols.append(x)
    y = 0.0
    grid.rows = [0.0, 0.0]
    for r in range(1, min(extent_rows, MAX_ROWS) + 1):
        y += heights.get(r, default_row)
        grid.rows.append(y)
    grid.covered = {(r, c) for (top, left), (bottom, right) in grid.merges.items()
                    for r in range(top, bottom + 1) for c in range(left, right + 1)
                    if (r, c) != (top, left)}
    grid.used = (max_row, max_col)
    return grid, drawing


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _cell_text(c: etree._Element, strings: list[str], dates: set[int]) -> str:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        inline = c.find(_q("m:is"))
        return _rich_text(inline) if inline is not None else ""
    v = c.find(_q("m:v"))
    raw = (v.text or "") if v is not None else ""
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError):
            return ""
    if kind in ("str", "e", "b"):
        return raw
    try:
        number = float(raw)
    except ValueError:
        return raw
    if int(_float(c.get("s"), 0)) in dates and 0 < number < 2_958_466:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(number))
        return day.strftime("%d-%m-%Y")
    return str(int(number)) if number == int(number) else raw


def _cells_onto(grid: _Grid, page: Page) -> None:
    """The borders of each cell that has text, a border or a merge as rules (a drawn
    sheet's tables are its bordered cells; a cell's text stands in its box even
    without one), its text as exact words, one a typed line, remembering the cell."""
    for r, c in sorted(grid.boxed):
        if (r, c) in grid.covered:
            continue
        box = grid.box(r, c)
        if box.w <= 0 or box.h <= 0:
            continue
        page.rules.extend((Rule(box.x0, box.top, box.x1, box.top),
                           Rule(box.x0, box.bottom, box.x1, box.bottom),
                           Rule(box.x0, box.top, box.x0, box.bottom),
                           Rule(box.x1, box.top, box.x1, box.bottom)))
        text = grid.texts.get((r, c))
        if not text:
            continue
        where = f"{grid.name}!{column_letters(c)}{r}"
        for line in text.split("\n"):
            if line.strip():
                page.words.append(Word(line.strip(), box, exact=True,
                                       order=len(page.words), where=where))


def _split(page: Page, grid: _Grid, before: int) -> list[Page]:
    """An identity block above the procedure header goes to a page of its own."""
    header = min((r for (r, _c), text in grid.texts.items()
                  if key(text).startswith("pelaksana")), default=None)
    if header is None:
        page.number = before + 1
        return [page]
    cut = grid.y(header)
    above = [w for w in page.words if w.box.cy < cut]
    if not above:
        page.number = before + 1
        return [page]
    first = Page(before + 1, page.width, cut)
    first.words = above
    first.rules = [r for r in page.rules if max(r.y0, r.y1) <= cut + 0.01]
    page.number = before + 2
    page.words = [w for w in page.words if w.box.cy >= cut]
    page.rules = [r for r in page.rules if min(r.y0, r.y1) >= cut - 0.01]
    return [first, page]


# --- the drawing -----------------------------------------------------------------------------


def _drawing(zf: zipfile.ZipFile, part: str, grid: _Grid, page: Page, name: str,
             budget: list[int]) -> None:
    root = parse(read_part(zf, part, name), name)
    for anchor in root:
        box = _anchor_box(anchor, grid)
        if box is None:
            continue
        for shape in _shapes_in(anchor):
            budget[1] -= _place(shape, box, page)
            if budget[1] < 0:
                raise Refused(msg.impor_inflates(name))


def _shapes_in(el: etree._Element) -> Iterator[etree._Element]:
    """The anchor's shapes, through `mc:AlternateContent` (its first choice)."""
    for child in el:
        if child.tag in (_q("xdr:sp"), _q("xdr:cxnSp"), _q("xdr:grpSp")):
            yield child
        elif child.tag == _q("mc:AlternateContent"):
            choice = child.find(_q("mc:Choice"))
            if choice is not None:
                yield from _shapes_in(choice)


def _marker(el: etree._Element | None, grid: _Grid) -> tuple[float, float] | None:
    if el is None:
        return None
    values = {}
    for part in ("col", "colOff", "row", "rowOff"):
        child = el.find(_q(f"xdr:{part}"))
        values[part] = _float(child.text if child is not None else None, 0.0)
    col, row = int(values["col"]) + 1, int(values["row"]) + 1  # zero-based in the file
    if col > MAX_COLUMNS or row > MAX_ROWS:
        return None
    # an offset never reaches past its own cell, as Excel clamps it
    width = grid.x(col + 1) - grid.x(col)
    height = grid.y(row + 1) - grid.y(row)
    return (grid.x(col, min(values["colOff"] / EMU, width)),
            grid.y(row, min(values["rowOff"] / EMU, height)))


def _ext(el: etree._Element | None) -> tuple[float, float]:
    if el is None:
        return 0.0, 0.0
    return _float(el.get("cx"), 0.0) / EMU, _float(el.get("cy"), 0.0) / EMU


def _anchor_box(anchor: etree._Element, grid: _Grid) -> Box | None:
    if anchor.tag == _q("xdr:twoCellAnchor"):
        a = _marker(anchor.find(_q("xdr:from")), grid)
        b = _marker(anchor.find(_q("xdr:to")), grid)
        if a is None or b is None:
            return None
        return Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
    if anchor.tag == _q("xdr:oneCellAnchor"):
        a = _marker(anchor.find(_q("xdr:from")), grid)
        if a is None:
            return None
        w, h = _ext(anchor.find(_q("xdr:ext")))
        return Box(a[0], a[1], a[0] + w, a[1] + h)
    if anchor.tag == _q("xdr:absoluteAnchor"):
        pos = anchor.find(_q("xdr:pos"))
        x = _float(pos.get("x") if pos is not None else None, 0.0) / EMU
        y = _float(pos.get("y") if pos is not None else None, 0.0) / EMU
        w, h = _ext(anchor.find(_q("xdr:ext")))
        return Box(x, y, x + w, y + h)
    return None


def _place(shape: etree._Element, box: Box, page: Page) -> int:
    """One shape (or a group's shapes) on `box`; returns how many shapes."""
    if shape.tag == _q("xdr:grpSp"):
        return _group(shape, box, page)
    sp = shape.find(_q("xdr:spPr"))
    prst_el = sp.find(_q("a:prstGeom")) if sp is not None else None
    prst = (prst_el.get("prst", "") if prst_el is not None else "").lower()
    ln = sp.find(_q("a:ln")) if sp is not None else None
    cust = sp.find(_q("a:custGeom")) if sp is not None else None
    xfrm = sp.find(_q("a:xfrm")) if sp is not None else None
    if shape.tag == _q("xdr:cxnSp") or prst in LINES or (cust is not None and ln is not None):
        points = (path_points(cust, box) if cust is not None
                  else drawn_line(prst or "line", box, xfrm))
        if len(points) >= 2:
            add_ink(page, points, ln)
        return 1
    text = "\n".join("".join(t.text or "" for t in p.iter(_q("a:t")))
                     for p in shape.iter(_q("a:p"))).strip()
    nv = shape.find(f"{_q('xdr:nvSpPr')}/{_q('xdr:cNvSpPr')}")
    text_box = nv is not None and nv.get("txBox") in ("1", "true")
    unlined = ln is not None and ln.find(_q("a:noFill")) is not None
    kind = PRESETS.get(prst)
    if kind is None or text_box or (kind is Shape.PROCESS and unlined):
        if text:  # a text box: a label beside a line
            page.words.append(Word(text, box, size=7.0, exact=True, order=len(page.words),
                                   floating=True))
        return 1
    page.symbols.append(Symbol(kind, box, text if kind is Shape.CONNECTOR else ""))
    return 1


def _group(group: etree._Element, box: Box, page: Page) -> int:
    """Children in the group's own coordinates (`chOff`, `chExt`), mapped onto its box."""
    xfrm = group.find(f"{_q('xdr:grpSpPr')}/{_q('a:xfrm')}")
    ch_x = ch_y = 0.0
    scale_x = scale_y = 1.0
    if xfrm is not None:
        ch_off, ch_ext = xfrm.find(_q("a:chOff")), xfrm.find(_q("a:chExt"))
        ch_x = _float(ch_off.get("x") if ch_off is not None else None, 0.0) / EMU
        ch_y = _float(ch_off.get("y") if ch_off is not None else None, 0.0) / EMU
        cw, chh = _ext(ch_ext)
        scale_x = box.w / cw if cw else 1.0
        scale_y = box.h / chh if chh else 1.0
    count = 0
    for child in _shapes_in(group):
        props = child.find(_q("xdr:grpSpPr") if child.tag == _q("xdr:grpSp") else _q("xdr:spPr"))
        cx = props.find(_q("a:xfrm")) if props is not None else None
        if cx is None:
            continue
        off, ext = cx.find(_q("a:off")), cx.find(_q("a:ext"))
        ox = _float(off.get("x") if off is not None else None, 0.0) / EMU
        oy = _float(off.get("y") if off is not None else None, 0.0) / EMU
        x, y = box.x0 + (ox - ch_x) * scale_x, box.top + (oy - ch_y) * scale_y
        w, h = _ext(ext)
        count += _place(child, Box(x, y, x + w * scale_x, y + h * scale_y), page)
    return count
