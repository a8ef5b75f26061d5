"""Geometry in points -> floating DrawingML shapes (`w:r/w:drawing/wp:anchor/.../wps:wsp`).

python-docx has no shape API, so the DOCX renderer asks this module for one run per
flowchart shape: a preset symbol (terminator, process, decision, off-page connector),
a polyline arrow, or a borderless text label. Each run is meant for a paragraph inside
a table cell; the shape floats (`wrapNone`) at an offset from that cell's column and
paragraph, so it moves with the table. Points come in, EMU go out (1 pt = 12700 EMU).

Each drawing is written as an XML string of numbers and fixed names and parsed once
with python-docx's parser (so `w:` elements get its classes); text and names are set
afterwards, only ever as element text or attribute values, so `&` or `<` in them are
escaped by the serializer, never interpreted.

Element order is not cosmetic. `wp:anchor`, `wps:wsp`, `wps:spPr`, `a:ln`, `a:custGeom`,
`w:pPr` and `w:rPr` are XML Schema *sequences* (ECMA-376 Part 1; `wps` is in
[MS-ODRAWXML]): Word rejects a child out of order as a damaged document, even where
LibreOffice is lenient. Every builder below therefore writes children in the schema's
order, and the orders are spelled out next to the code that writes them.

`wps` is not in python-docx's namespace map; the runs declare it themselves, and
`declare_namespaces` moves the declarations up to `w:document`, where `mc:Ignorable`
may only name prefixes that are declared.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml.ns import nsmap as _docx_nsmap
from docx.oxml.parser import OxmlElement, parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

EMU_PER_PT = 12700
WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC_URI = "http://schemas.openxmlformats.org/markup-compatibility/2006"

#: Every prefix a run built here uses, with its namespace.
NSMAP: dict[str, str] = {
    "w": _docx_nsmap["w"],
    "wp": _docx_nsmap["wp"],
    "a": _docx_nsmap["a"],
    "wps": WPS_URI,
}

FONT = "Arial"  # LibreOffice renders it with the metric-compatible Liberation Sans
LINE_HEIGHT = 1.2  # exact line height in a text box, as a multiple of the font size
Z_BASE = 251658240  # Word's usual base for wp:anchor/@relativeHeight

_IDS_START = 1000
_PRST = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")  # the shape of an ST_ShapeType name
_MAX_COORD = 2**31 - 1  # ST_PositionOffset and ST_Coordinate32 are 32-bit integers


class ShapeIds:
    """Hands out the `wp:docPr` ids of one document: unique, increasing, from `start`.

    Word reports a damaged file when two drawings share an id. Keep one instance per
    document; start above any id python-docx itself gives out (pictures) in it.
    """

    def __init__(self, start: int = _IDS_START) -> None:
        if start < 1:
            raise ValueError(f"docPr ids start at 1 or more, not {start}")
        self._next = start

    def next(self) -> int:
        value = self._next
        self._next += 1
        return value


# -- what a shape is made of ------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    text: str
    size: float  # pt
    bold: bool
    jc: str  # w:jc value: "center" or "left"


@dataclass(frozen=True)
class _Shape:
    """One floating shape, in EMU, before it becomes XML."""

    kind: str  # default docPr name
    x: int  # wp:posOffset from the column
    y: int  # wp:posOffset from the paragraph
    cx: int
    cy: int
    prst: str | None  # preset geometry, or ...
    path: tuple[tuple[int, int], ...] | None  # ... a custom path relative to (x, y)
    fill: bool  # white fill, or none
    line: int | None  # line width in EMU, or no line
    arrow: bool  # triangle at the end of the path
    text: _Text | None
    v_anchor: str  # wps:bodyPr/@anchor: "ctr" or "t"
    txbox: bool  # wps:cNvSpPr/@txBox


# -- public builders --------------------------------------------------------------------


def preset_shape(
    ids: ShapeIds,
    *,
    prst: str,
    x: float,
    y: float,
    w: float,
    h: float,
    text: str | None = None,
    text_size: float = 7.0,
    bold: bool = True,
    line_width: float = 0.9,
    name: str = "",
) -> BaseOxmlElement:
    """A `w:r` holding a preset shape (`prst`, an ST_ShapeType such as
    "flowChartDecision") with a white fill and a black outline, its top-left corner
    `x` pt right of the column and `y` pt below the paragraph, `w` x `h` pt, and
    optionally `text` centred both ways in the preset's text rectangle (for
    flowChartOffpageConnector that is its upper 80 %, so a letter sits at 0.4 h)."""
    if not _PRST.match(prst):
        raise ValueError(f"not a preset geometry name: {prst!r}")
    shape = _Shape(
        kind="Shape",
        x=_offset(x, "x"),
        y=_offset(y, "y"),
        cx=_size(w, "w"),
        cy=_size(h, "h"),
        prst=prst,
        path=None,
        fill=True,
        line=_size(line_width, "line_width"),
        arrow=False,
        text=_Text(text, _positive(text_size, "text_size"), bold, "center") if text else None,
        v_anchor="ctr",
        txbox=False,
    )
    return _run(ids, shape, name)


def polyline(
    ids: ShapeIds,
    *,
    points: Sequence[tuple[float, float]],
    x: float,
    y: float,
    arrow: bool,
    line_width: float = 0.8,
    name: str = "",
) -> BaseOxmlElement:
    """A `w:r` holding an open black polyline through `points`, with an arrowhead at
    the last point when `arrow`.

    Point (px, py) lands at (x + px, y + py) from the column and the paragraph: pass
    x = y = 0 when the points already are offsets from the anchor origin. The shape is
    the points' bounding box (at least 1 pt each way, so a straight line has an area),
    and its path runs relative to that box's top-left corner.
    """
    if len(points) < 2:
        raise ValueError(f"a polyline needs at least 2 points, got {len(points)}")
    absolute = [(_offset(x + px, "x + point x"), _offset(y + py, "y + point y"))
                for px, py in points]
    left = min(px for px, _ in absolute)
    top = min(py for _, py in absolute)
    shape = _Shape(
        kind="Arrow" if arrow else "Line",
        x=left,
        y=top,
        cx=max(max(px for px, _ in absolute) - left, EMU_PER_PT),
        cy=max(max(py for _, py in absolute) - top, EMU_PER_PT),
        prst=None,
        path=tuple((px - left, py - top) for px, py in absolute),
        fill=False,
        line=_size(line_width, "line_width"),
        arrow=arrow,
        text=None,
        v_anchor="t",
        txbox=False,
    )
    return _run(ids, shape, name)


def text_label(
    ids: ShapeIds,
    *,
    text: str,
    x: float,
    y: float,
    w: float,
    h: float,
    size: float = 7.0,
    name: str = "",
    fill: bool = False,
) -> BaseOxmlElement:
    """A `w:r` holding a text box without line or fill, no insets, `text` left-aligned
    from its top (regular weight, `size` pt); a newline in `text` breaks the line.
    With `fill`, the box is white, so a label stays readable over a grid line."""
    shape = _Shape(
        kind="Label",
        x=_offset(x, "x"),
        y=_offset(y, "y"),
        cx=_size(w, "w"),
        cy=_size(h, "h"),
        prst="rect",
        path=None,
        fill=fill,
        line=None,
        arrow=False,
        text=_Text(text, _positive(size, "size"), False, "left"),
        v_anchor="t",
        txbox=True,
    )
    return _run(ids, shape, name)


def declare_namespaces(document_element: etree._Element) -> None:
    """Declare on the root (`w:document`) every prefix the shapes use, drop the
    now-redundant declarations further down, and keep in `mc:Ignorable` only
    prefixes that the root declares.

    Safe to call before or after the shapes are added, and more than once.
    Raises ValueError when the root binds one of the prefixes to another namespace.
    """
    root = document_element
    for prefix, uri in NSMAP.items():
        bound = root.nsmap.get(prefix)
        if bound is not None and bound != uri:
            raise ValueError(f"prefix {prefix!r} is bound to {bound!r}, not {uri!r}")
    # Keep every prefix declared anywhere: prefixes can be named in attribute values
    # (mc:Ignorable, mc:Choice/@Requires) that lxml does not see as uses. That is the
    # prefixes in scope at the root plus those declared below it; a "start-ns" walk
    # reads only each element's own declarations, where `el.nsmap` would build a dict
    # of every in-scope namespace for every element.
    below: set[str] = {ns[0] for _, ns in etree.iterwalk(root, events=("start-ns",))}
    keep = sorted(p for p in below.union(root.nsmap) if p)
    etree.cleanup_namespaces(root, top_nsmap=NSMAP, keep_ns_prefixes=keep)
    ignorable_attr = f"{{{MC_URI}}}Ignorable"
    ignorable = root.get(ignorable_attr)
    if ignorable is not None:
        declared = [p for p in ignorable.split() if p in root.nsmap]
        if declared:
            root.set(ignorable_attr, " ".join(declared))
        else:
            del root.attrib[ignorable_attr]


# -- XML --------------------------------------------------------------------------------
#
# A shape's `w:drawing` is written as one XML string and parsed once: libxml2 builds
# the elements many times faster than one lxml call per element. Only numbers and
# fixed names go into the string (a preset name is checked against _PRST first); the
# docPr name and the text are set afterwards on the parsed elements, so lxml escapes
# them (and refuses characters XML cannot hold) as when the elements were built one by
# one.

_DECLS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items())
_DOC_PR = f"{{{NSMAP['wp']}}}docPr"
_T = f"{{{NSMAP['w']}}}t"


def _run(ids: ShapeIds, shape: _Shape, name: str) -> BaseOxmlElement:
    run = OxmlElement("w:r", nsdecls=NSMAP)
    if not isinstance(run, BaseOxmlElement):  # python-docx registers CT_R for w:r
        raise TypeError("python-docx did not give w:r its element class")
    doc_id = ids.next()
    xml = [f"<w:drawing {_DECLS}>"]
    _anchor(xml, shape, doc_id)
    xml.append("</w:drawing>")
    drawing = parse_xml("".join(xml))
    run.append(drawing)  # the run's declarations make the drawing's redundant: dropped
    anchor = drawing[0]
    doc_pr = anchor.find(_DOC_PR)
    assert doc_pr is not None
    doc_pr.set("name", name or f"{shape.kind} {doc_id}")
    if shape.text is not None:
        for t, line in zip(anchor.iter(_T), shape.text.text.split("\n"), strict=True):
            t.text = line  # lxml escapes; control characters raise ValueError
    return run


def _anchor(xml: list[str], shape: _Shape, doc_id: int) -> None:
    # CT_Anchor: simplePos, positionH, positionV, extent, effectExtent?, (wrap choice),
    # docPr, cNvGraphicFramePr?, a:graphic. docPr/@name is set once parsed.
    xml.append(
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' relativeHeight="{Z_BASE + doc_id}"'  # later shapes on top
        ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{shape.x}</wp:posOffset>'
        "</wp:positionH>"
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{shape.y}</wp:posOffset>'
        "</wp:positionV>"
        f'<wp:extent cx="{shape.cx}" cy="{shape.cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{doc_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{WPS_URI}">'
    )
    _wsp(xml, shape)
    xml.append("</a:graphicData></a:graphic></wp:anchor>")


def _wsp(xml: list[str], shape: _Shape) -> None:
    # CT_WordprocessingShape: cNvPr?, (cNvSpPr | cNvCnPr), spPr, style?, extLst?,
    # (txbx | linkedTxbx)?, bodyPr.
    xml.append('<wps:wsp><wps:cNvSpPr txBox="1"/>' if shape.txbox
               else "<wps:wsp><wps:cNvSpPr/>")
    xml.append("<wps:spPr>")
    _sp_pr(xml, shape)
    xml.append("</wps:spPr>")
    if shape.text is not None:
        xml.append("<wps:txbx><w:txbxContent>")
        _txbx_content(xml, shape.text)
        xml.append("</w:txbxContent></wps:txbx>")
    # CT_TextBodyProperties: prstTxWarp?, (noAutofit | normAutofit | spAutoFit)?, ...
    xml.append('<wps:bodyPr rot="0" vert="horz" wrap="square"'
               ' lIns="0" tIns="0" rIns="0" bIns="0"'
               f' anchor="{shape.v_anchor}" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
               "</wps:wsp>")


def _sp_pr(xml: list[str], shape: _Shape) -> None:
    # CT_ShapeProperties: xfrm?, (custGeom | prstGeom)?, (fill choice)?, ln?, effects...
    xml.append(f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{shape.cx}" cy="{shape.cy}"/>'
               "</a:xfrm>")
    if shape.path is not None:
        _cust_geom(xml, shape)
    else:
        assert shape.prst is not None and _PRST.match(shape.prst)
        xml.append(f'<a:prstGeom prst="{shape.prst}"><a:avLst/></a:prstGeom>')
    xml.append(_solid("FFFFFF") if shape.fill else "<a:noFill/>")
    # CT_LineProperties: (line fill)?, (prstDash | custDash)?, (round | bevel | miter)?,
    # headEnd?, tailEnd?, extLst?
    if shape.line is None:
        xml.append("<a:ln><a:noFill/></a:ln>")
        return
    xml.append(f'<a:ln w="{shape.line}">{_solid("000000")}<a:prstDash val="solid"/>'
               '<a:miter lim="800000"/>')
    if shape.arrow:
        xml.append('<a:tailEnd type="triangle" w="med" len="med"/>')
    xml.append("</a:ln>")


def _cust_geom(xml: list[str], shape: _Shape) -> None:
    # CT_CustomGeometry2D: avLst?, gdLst?, ahLst?, cxnLst?, rect?, pathLst.
    assert shape.path is not None
    xml.append('<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>'
               '<a:rect l="l" t="t" r="r" b="b"/>'
               f'<a:pathLst><a:path w="{shape.cx}" h="{shape.cy}" fill="none">')
    for i, (px, py) in enumerate(shape.path):
        step = "a:lnTo" if i else "a:moveTo"
        xml.append(f'<{step}><a:pt x="{px}" y="{py}"/></{step}>')
    xml.append("</a:path></a:pathLst></a:custGeom>")


def _solid(rgb: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill>'


def _txbx_content(xml: list[str], text: _Text) -> None:
    # CT_PPr: ..., spacing, ind, ..., jc, ...
    xml.append('<w:p><w:pPr><w:spacing w:before="0" w:after="0"'
               f' w:line="{round(text.size * LINE_HEIGHT * 20)}" w:lineRule="exact"/>'
               f'<w:jc w:val="{text.jc}"/></w:pPr>')
    half_points = round(text.size * 2)
    # CT_RPr: rStyle?, rFonts?, b?, bCs?, ..., sz?, szCs?, ...
    r_pr = (f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            f'{"<w:b/><w:bCs/>" if text.bold else ""}'
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')
    for i, line in enumerate(text.text.split("\n")):
        xml.append(f"<w:r>{r_pr}")
        if i:
            xml.append("<w:br/>")
        # the text is set once parsed
        xml.append('<w:t xml:space="preserve"/></w:r>' if line != line.strip()
                   else "<w:t/></w:r>")
    xml.append("</w:p>")


# -- numbers ----------------------------------------------------------------------------


def _emu(value: float, what: str) -> int:
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number of points, not {value!r}")
    emu = round(value * EMU_PER_PT)
    if abs(emu) > _MAX_COORD:
        raise ValueError(f"{what} = {value:g} pt is too large for DrawingML")
    return emu


def _offset(value: float, what: str) -> int:
    emu = _emu(value, what)
    if value < 0:
        raise ValueError(f"{what} = {value:g} pt is negative: LibreOffice draws nothing there")
    return emu


def _positive(value: float, what: str) -> float:
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{what} must be positive, not {value!r}")
    return value


def _size(value: float, what: str) -> int:
    return max(_emu(_positive(value, what), what), 1)
