"""A DOCX (Word- or LibreOffice-made) -> drawn pages.

Tables are laid out from their own numbers (grid column widths, row heights,
cell margins), so each cell gets a page box and its paragraphs become exact
text there. Shapes are put where Word would put them: DrawingML `wps` shapes,
also inside groups (`wpg`) and canvases (`wpc`), and VML shapes (`v:shape`,
`v:roundrect`, ...), offset from the column and paragraph of the cell they
are anchored in, or from the page or its margins. Preset names tell the symbol
(`flowChartDecision`, VML's `#_x0000_t110`); lines and connectors become ink,
their arrow ends arrowheads. A shape's text box without an outline is a label.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from sopgen import messages as msg
from sopgen.impor.drawn import Arrowhead, Box, Ink, Page, Point, Rule, Shape, Symbol, Word
from sopgen.impor.limits import MAX_SHAPES, Refused, read_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
}
EMU = 12700.0
TWIP = 20.0

PRESETS = {
    "flowchartterminator": Shape.TERMINATOR, "roundrect": Shape.TERMINATOR,
    "flowchartalternateprocess": Shape.TERMINATOR, "ellipse": Shape.CONNECTOR,
    "flowchartprocess": Shape.PROCESS, "rect": Shape.PROCESS,
    "flowchartdecision": Shape.DECISION, "diamond": Shape.DECISION,
    "flowchartoffpageconnector": Shape.CONNECTOR, "flowchartconnector": Shape.CONNECTOR,
    "homeplate": Shape.CONNECTOR,
}
VML_TYPES = {"116": Shape.TERMINATOR, "176": Shape.TERMINATOR, "109": Shape.PROCESS,
             "110": Shape.DECISION, "177": Shape.CONNECTOR, "120": Shape.CONNECTOR,
             "1": Shape.PROCESS, "4": Shape.DECISION}
LINES = {"line", "straightconnector1", "bentconnector2", "bentconnector3", "bentconnector4",
         "curvedconnector3"}


def _q(tag: str) -> str:
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def parse(data: bytes, name: str) -> etree._Element:
    """XML without entities or network: a billion-laughs file is refused, not expanded."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise Refused(msg.impor_broken(name)) from err


@dataclass
class _Place:
    page: Page
    box: Box  # the cell's box, or the paragraph's line outside tables
    margin_left: float
    margin_top: float


class _Layout:
    """Walks the body once, giving every table cell and paragraph a page box."""

    def __init__(self, root: etree._Element, name: str):
        self.name = name
        sect = root.find(f".//{_q('w:sectPr')}")
        size = sect.find(_q("w:pgSz")) if sect is not None else None
        mar = sect.find(_q("w:pgMar")) if sect is not None else None
        self.width = _twip(size, "w:w", 11906)
        self.height = _twip(size, "w:h", 16838)
        self.left = _twip(mar, "w:left", 1440)
        self.top = _twip(mar, "w:top", 1440)
        self.pages: list[Page] = []
        self.places: dict[etree._Element, _Place] = {}  # w:p -> where its shapes count from
        self._new_page()

    def _new_page(self) -> None:
        self.page = Page(len(self.pages) + 1, self.width, self.height)
        self.pages.append(self.page)
        self.y = self.top

    def body(self, body: etree._Element) -> None:
        for child in body:
            if child.tag == _q("w:p"):
                self._paragraph(child)
            elif child.tag == _q("w:tbl"):
                self._table(child)

    def _paragraph(self, p: etree._Element) -> None:
        breaks = p.findall(f".//{_q('w:br')}[@{_q('w:type')}='page']")
        before = p.find(f"{_q('w:pPr')}/{_q('w:pageBreakBefore')}")
        if (before is not None or breaks) and self.y > self.top + 0.5:
            self._new_page()
        size = _line_height(p)
        box = Box(self.left, self.y, self.width - self.left, self.y + size)
        self.places[p] = _Place(self.page, box, 0.0, 0.0)
        text = paragraph_text(p)
        if text.strip():
            self.page.words.append(Word(text.strip(), box, exact=True, order=len(self.page.words)))
        self.y += size

    def _table(self, tbl: etree._Element) -> None:
        widths = [_twip(g, "w:w", 0) for g in tbl.iterfind(f"{_q('w:tblGrid')}/{_q('w:gridCol')}")]
        pr = tbl.find(_q("w:tblPr"))
        ind = pr.find(_q("w:tblInd")) if pr is not None else None
        x0 = self.left + (_twip(ind, "w:w", 0) if ind is not None else 0.0)
        mar = pr.find(_q("w:tblCellMar")) if pr is not None else None
        m_left = _twip(mar.find(_q("w:left")) if mar is not None else None, "w:w", 108)
        m_top = _twip(mar.find(_q("w:top")) if mar is not None else None, "w:w", 0)
        edges = [x0]
        for w in widths:
            edges.append(edges[-1] + w)
        open_cells: dict[int, tuple[etree._Element, float]] = {}  # grid col -> (tc, top)
        for tr in tbl.iterfind(_q("w:tr")):
            height = _row_height(tr)
            if self.y + height > self.height - 20 and self.y > self.top + 1:
                self._new_page()
            top = self.y
            col = 0
            for tc in tr.iterfind(_q("w:tc")):
                tcpr = tc.find(_q("w:tcPr"))
                span_el = tcpr.find(_q("w:gridSpan")) if tcpr is not None else None
                span = int(span_el.get(_q("w:val"), "1")) if span_el is not None else 1
                merge = tcpr.find(_q("w:vMerge")) if tcpr is not None else None
                a, b = edges[min(col, len(edges) - 1)], edges[min(col + span, len(edges) - 1)]
                if merge is not None and merge.get(_q("w:val")) != "restart":
                    owner = open_cells.get(col)
                    if owner is not None:
                        open_cells[col] = (owner[0], owner[1])
                        self._cell_box(owner[0], Box(a, owner[1], b, top + height))
                    col += span
                    continue
                open_cells[col] = (tc, top)
                self._cell(tc, Box(a, top, b, top + height), m_left, m_top)
                col += span
            self.y += height
        for tc, _ in open_cells.values():
            self._finish(tc)

    def _cell(self, tc: etree._Element, box: Box, m_left: float, m_top: float) -> None:
        self.cells_pending = getattr(self, "cells_pending", {})
        self.cells_pending[id(tc)] = (tc, box, self.page, m_left, m_top)
        self._cell_box(tc, box)

    def _cell_box(self, tc: etree._Element, box: Box) -> None:
        tc_, _old, page, m_left, m_top = self.cells_pending[id(tc)]
        self.cells_pending[id(tc)] = (tc_, box, page, m_left, m_top)
        for i, p in enumerate(tc.iterfind(_q("w:p"))):
            self.places[p] = _Place(page, box, m_left, m_top + i * 0.0)

    def _finish(self, tc: etree._Element) -> None:
        pass

    def flush(self) -> None:
        for tc, box, page, _m_left, _m_top in getattr(self, "cells_pending", {}).values():
            page.rules.extend((Rule(box.x0, box.top, box.x1, box.top),
                               Rule(box.x0, box.bottom, box.x1, box.bottom),
                               Rule(box.x0, box.top, box.x0, box.bottom),
                               Rule(box.x1, box.top, box.x1, box.bottom)))
            for i, p in enumerate(tc.iterfind(_q("w:p"))):
                text = paragraph_text(p)
                if text.strip():
                    page.words.append(Word(text.strip(), box, exact=True, order=10_000 + i,
                                           bold=_bold(p)))


def _twip(el: etree._Element | None, attr: str, default: float) -> float:
    if el is None:
        return default / TWIP
    value = el.get(_q(attr))
    try:
        return float(value) / TWIP if value is not None else default / TWIP
    except ValueError:
        return default / TWIP


def _row_height(tr: etree._Element) -> float:
    h = tr.find(f"{_q('w:trPr')}/{_q('w:trHeight')}")
    if h is not None and h.get(_q("w:val")):
        return _twip(h, "w:val", 0)
    lines = max((len(tc.findall(_q("w:p"))) for tc in tr.iterfind(_q("w:tc"))), default=1)
    return 12.0 * lines + 4.0


def _line_height(p: etree._Element) -> float:
    spacing = p.find(f"{_q('w:pPr')}/{_q('w:spacing')}")
    if spacing is not None and spacing.get(_q("w:lineRule")) == "exact":
        return _twip(spacing, "w:line", 240)
    return 12.0


def _bold(p: etree._Element) -> bool:
    return p.find(f".//{_q('w:rPr')}/{_q('w:b')}") is not None


def paragraph_text(p: etree._Element) -> str:
    """Runs' text with `w:br` as a line break and `w:tab` as a space; shapes skipped."""
    out: list[str] = []
    for el in p.iter(_q("w:t"), _q("w:br"), _q("w:tab"), _q("w:drawing"), _q("w:pict")):
        if any(a.tag in (_q("w:drawing"), _q("w:pict"), _q("w:txbxContent"))
               for a in el.iterancestors()):
            continue
        if el.tag == _q("w:t"):
            out.append(el.text or "")
        elif el.tag == _q("w:br") and el.get(_q("w:type")) != "page":
            out.append("\n")
        elif el.tag == _q("w:tab"):
            out.append(" ")
    return "".join(out)


def read_docx(zf: zipfile.ZipFile, name: str) -> list[Page]:
    root = parse(read_part(zf, "word/document.xml", name), name)
    body = root.find(_q("w:body"))
    if body is None:
        raise Refused(msg.impor_no_procedure(name))
    layout = _Layout(root, name)
    layout.body(body)
    layout.flush()
    count = 0
    for p in body.iter(_q("w:p")):
        place = layout.places.get(p)
        if place is None:
            continue
        for holder in p.iter(_q("wp:anchor"), _q("wp:inline"), _q("w:pict")):
            if any(a.tag == _q("mc:Fallback") for a in holder.iterancestors()):
                continue  # the VML copy of a wps shape written beside it
            if holder.tag == _q("w:pict"):
                count += _vml(holder, place, layout)
            else:
                count += _anchor(holder, place, layout)
            if count > MAX_SHAPES:
                raise Refused(msg.impor_inflates(name))
    return layout.pages


# --- DrawingML -----------------------------------------------------------------------------


def _emu(el: etree._Element | None, attr: str) -> float:
    if el is None:
        return 0.0
    try:
        return float(el.get(attr, "0")) / EMU
    except ValueError:
        return 0.0


def _origin(anchor: etree._Element, place: _Place, layout: _Layout, axis: str) -> float:
    pos = anchor.find(_q(f"wp:position{axis}"))
    rel = pos.get("relativeFrom", "") if pos is not None else ""
    off_el = pos.find(_q("wp:posOffset")) if pos is not None else None
    offset = float(off_el.text or 0) / EMU if off_el is not None and off_el.text else 0.0
    if axis == "H":
        base = {"page": 0.0, "margin": layout.left, "leftMargin": 0.0}.get(
            rel, place.box.x0 + place.margin_left)
    else:
        base = {"page": 0.0, "margin": layout.top, "topMargin": 0.0}.get(
            rel, place.box.top + place.margin_top)
    return base + offset


def _anchor(anchor: etree._Element, place: _Place, layout: _Layout) -> int:
    if anchor.tag == _q("wp:inline"):
        x, y = place.box.x0 + place.margin_left, place.box.top + place.margin_top
    else:
        x, y = _origin(anchor, place, layout, "H"), _origin(anchor, place, layout, "V")
    extent = anchor.find(_q("wp:extent"))
    w, h = _emu(extent, "cx"), _emu(extent, "cy")
    data = anchor.find(f"{_q('a:graphic')}/{_q('a:graphicData')}")
    if data is None:
        return 0
    count = 0
    for child in data:
        if child.tag == _q("wps:wsp"):
            _wsp(child, Box(x, y, x + w, y + h), place.page)
            count += 1
        elif child.tag in (_q("wpg:wgp"), _q("wpc:wpc")):
            count += _group(child, Box(x, y, x + w, y + h), place.page,
                            canvas=child.tag == _q("wpc:wpc"))
    return count


def _group(group: etree._Element, box: Box, page: Page, *, canvas: bool) -> int:
    """Children in the group's own coordinates, mapped onto its box."""
    xfrm = group.find(f"{_q('wpg:grpSpPr')}/{_q('a:xfrm')}")
    if canvas or xfrm is None:
        scale_x = scale_y = 1.0
        ch_x = ch_y = 0.0
    else:
        ext, ch_off, ch_ext = (xfrm.find(_q("a:ext")), xfrm.find(_q("a:chOff")),
                               xfrm.find(_q("a:chExt")))
        ch_x, ch_y = _emu(ch_off, "x"), _emu(ch_off, "y")
        cw, chh = _emu(ch_ext, "cx"), _emu(ch_ext, "cy")
        scale_x = _emu(ext, "cx") / cw if cw else 1.0
        scale_y = _emu(ext, "cy") / chh if chh else 1.0
    count = 0
    for child in group:
        if child.tag not in (_q("wps:wsp"), _q("wpg:grpSp"), _q("wpg:wgp")):
            continue
        cx = child.find(f".//{_q('a:xfrm')}")
        if cx is None:
            continue
        off, ext = cx.find(_q("a:off")), cx.find(_q("a:ext"))
        x = box.x0 + (_emu(off, "x") - ch_x) * scale_x
        y = box.top + (_emu(off, "y") - ch_y) * scale_y
        inner = Box(x, y, x + _emu(ext, "cx") * scale_x, y + _emu(ext, "cy") * scale_y)
        if child.tag == _q("wps:wsp"):
            _wsp(child, inner, page)
            count += 1
        else:
            count += _group(child, inner, page, canvas=False)
    return count


def _wsp(wsp: etree._Element, box: Box, page: Page) -> None:
    sp = wsp.find(_q("wps:spPr"))
    prst_el = sp.find(_q("a:prstGeom")) if sp is not None else None
    prst = (prst_el.get("prst", "") if prst_el is not None else "").lower()
    ln = sp.find(_q("a:ln")) if sp is not None else None
    outlined = ln is None or ln.find(_q("a:noFill")) is None
    text = "\n".join(paragraph_text_box(p) for p in wsp.iter(_q("w:p"))).strip()
    xfrm = sp.find(_q("a:xfrm")) if sp is not None else None
    cust = sp.find(_q("a:custGeom")) if sp is not None else None
    if prst in LINES or cust is not None:
        points = (path_points(cust, box) if cust is not None
                  else drawn_line(prst, box, xfrm))
        if len(points) >= 2:
            add_ink(page, points, ln)
        return
    shape = PRESETS.get(prst)
    if shape is Shape.PROCESS and not outlined:
        if text:  # a text box: a label beside a line
            page.words.append(Word(text, box, size=7.0, exact=True, order=len(page.words),
                                   floating=True))
        return
    if shape is not None:
        page.symbols.append(Symbol(shape, box, text if shape is Shape.CONNECTOR else ""))
    elif text:
        page.words.append(Word(text, box, size=7.0, exact=True, order=len(page.words),
                                   floating=True))


def paragraph_text_box(p: etree._Element) -> str:
    """A text box paragraph's text, a line break (`w:br`) as a newline: a label set on
    two lines is `Belum` / `lengkap`, not `Belumlengkap`."""
    t_tag, br_tag = _q("w:t"), _q("w:br")
    return "".join((el.text or "") if el.tag == t_tag else "\n"
                   for el in p.iter(t_tag, br_tag))


def drawn_line(prst: str, box: Box, xfrm: etree._Element | None) -> list[Point]:
    """A preset line's points as drawn: flipped, then turned by the frame's `rot`
    about its centre. Word and Excel draw an elbow connector between two shapes as a
    turned, flipped `bentConnector3` (`rot="16200000" flipH="1"`), its box the turned
    one's bounds or the frame's, whichever the writer chose: the centre is the same,
    so the frame is rebuilt about the box's centre from its own extent."""
    flip_h = xfrm is not None and xfrm.get("flipH") == "1"
    flip_v = xfrm is not None and xfrm.get("flipV") == "1"
    rot = (float(xfrm.get("rot", "0") or 0) / 60000.0) % 360.0 if xfrm is not None else 0.0
    if not rot:
        return line_points(prst, box, flip_h, flip_v)
    ext = xfrm.find(_q("a:ext")) if xfrm is not None else None
    w = float(ext.get("cx", "0") or 0) / EMU if ext is not None else 0.0
    h = float(ext.get("cy", "0") or 0) / EMU if ext is not None else 0.0
    if w <= 0 and h <= 0:
        w, h = box.w, box.h
    frame = Box(box.cx - w / 2, box.cy - h / 2, box.cx + w / 2, box.cy + h / 2)
    a = math.radians(rot)  # clockwise on a page whose y grows downwards
    cos, sin = math.cos(a), math.sin(a)
    return [(round(box.cx + (x - box.cx) * cos - (y - box.cy) * sin, 3),
             round(box.cy + (x - box.cx) * sin + (y - box.cy) * cos, 3))
            for x, y in line_points(prst, frame, flip_h, flip_v)]


def line_points(prst: str, box: Box, flip_h: bool, flip_v: bool) -> list[Point]:
    x0, x1 = (box.x1, box.x0) if flip_h else (box.x0, box.x1)
    y0, y1 = (box.bottom, box.top) if flip_v else (box.top, box.bottom)
    if prst.startswith("bent"):
        mid = (x0 + x1) / 2
        return [(x0, y0), (mid, y0), (mid, y1), (x1, y1)]
    return [(x0, y0), (x1, y1)]


def path_points(cust: etree._Element, box: Box) -> list[Point]:
    path = cust.find(f"{_q('a:pathLst')}/{_q('a:path')}")
    if path is None:
        return []
    pw = float(path.get("w", "0") or 0) or box.w * EMU
    ph = float(path.get("h", "0") or 0) or box.h * EMU
    points: list[Point] = []
    for pt in path.iter(_q("a:pt")):
        px, py = float(pt.get("x", "0")), float(pt.get("y", "0"))
        points.append((box.x0 + px / pw * box.w if pw else box.x0,
                       box.top + py / ph * box.h if ph else box.top))
    return points


def add_ink(page: Page, points: list[Point], ln: etree._Element | None) -> None:
    page.inks.append(Ink(tuple(points)))
    if ln is None:
        return
    for end, tip in (("a:tailEnd", points[-1]), ("a:headEnd", points[0])):
        el = ln.find(_q(end))
        if el is not None and el.get("type", "none") != "none":
            page.arrowheads.append(Arrowhead(tip, Box(tip[0] - 2, tip[1] - 2, tip[0] + 2,
                                                      tip[1] + 2)))


# --- VML -----------------------------------------------------------------------------------

_STYLE = re.compile(r"([\w-]+)\s*:\s*([^;]+)")
_VML_SHAPES = ("v:shape", "v:rect", "v:roundrect", "v:oval", "v:line", "v:polyline")


def _length(value: str) -> float:
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|in|cm|mm|px)?\s*", value)
    if m is None:
        return 0.0
    number = float(m.group(1))
    return number * {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75,
                     None: 1 / EMU}[m.group(2)]


def _vml(pict: etree._Element, place: _Place, layout: _Layout) -> int:
    count = 0
    for tag in _VML_SHAPES:
        for el in pict.iter(_q(tag)):
            _vml_shape(el, tag, place, layout)
            count += 1
    return count


def _vml_shape(el: etree._Element, tag: str, place: _Place, layout: _Layout) -> None:
    style = dict((k.strip().lower(), v.strip()) for k, v in _STYLE.findall(el.get("style", "")))
    rel_h = style.get("mso-position-horizontal-relative", "text")
    rel_v = style.get("mso-position-vertical-relative", "text")
    bx = {"page": 0.0, "margin": layout.left}.get(rel_h, place.box.x0 + place.margin_left)
    by = {"page": 0.0, "margin": layout.top}.get(rel_v, place.box.top + place.margin_top)
    x = bx + _length(str(style.get("margin-left", style.get("left", "0"))))
    y = by + _length(str(style.get("margin-top", style.get("top", "0"))))
    box = Box(x, y, x + _length(str(style.get("width", "0"))),
              y + _length(str(style.get("height", "0"))))
    page = place.page
    stroke = el.find(_q("v:stroke"))
    if tag == "v:line":
        a = _pair(el.get("from", "0,0"))
        b = _pair(el.get("to", "0,0"))
        points = [(bx + a[0], by + a[1]), (bx + b[0], by + b[1])]
        _vml_ink(page, points, stroke)
        return
    kind = None
    if tag == "v:roundrect":
        kind = Shape.TERMINATOR
    elif tag == "v:oval":
        kind = Shape.CONNECTOR
    elif tag == "v:rect":
        kind = Shape.PROCESS
    else:
        kind = VML_TYPES.get(re.sub(r"\D", "", el.get("type", "").rsplit("t", 1)[-1]) or "-")
    text = "\n".join(paragraph_text_box(p) for p in el.iter(_q("w:p"))).strip()
    if kind is Shape.PROCESS and el.get("stroked", "t").lower() in ("f", "false"):
        if text:
            page.words.append(Word(text, box, size=7.0, exact=True, order=len(page.words),
                                   floating=True))
        return
    if kind is not None:
        page.symbols.append(Symbol(kind, box, text if kind is Shape.CONNECTOR else ""))
    elif text:
        page.words.append(Word(text, box, size=7.0, exact=True, order=len(page.words),
                                   floating=True))


def _pair(text: str) -> Point:
    parts = [_length(p) for p in text.split(",")[:2]]
    return (parts[0], parts[1]) if len(parts) == 2 else (0.0, 0.0)


def _vml_ink(page: Page, points: list[Point], stroke: etree._Element | None) -> None:
    page.inks.append(Ink(tuple(points)))
    if stroke is None:
        return
    for attr, tip in (("endarrow", points[-1]), ("startarrow", points[0])):
        if stroke.get(attr, "none") != "none":
            page.arrowheads.append(Arrowhead(tip, Box(tip[0] - 2, tip[1] - 2, tip[0] + 2,
                                                      tip[1] + 2)))


def iter_parts(zf: zipfile.ZipFile, prefix: str) -> Iterator[str]:
    return (n for n in zf.namelist() if n.startswith(prefix))
