"""The OOXML sopgen writes as text: the schema's element orders, once, and the fragments.

`wp:anchor`, `wps:wsp`, `wps:spPr`, `a:ln`, `a:custGeom`, `w:tblPr`, `w:tcPr`, `w:pPr`
and `w:rPr` are XML Schema *sequences* (ECMA-376 Part 1; `wps` is in [MS-ODRAWXML]):
Word rejects a child out of order as a damaged document, even where LibreOffice is
lenient. `SEQUENCES` lists, for each, the children sopgen writes in the schema's
order, and `ordered` is the only place that puts children into a parent, so no
builder can get the order wrong and no comment has to keep it.

Fragments are strings, parsed once by the renderers (libxml2 builds elements many
times faster than one lxml call each). The builders take numbers, enums, booleans and
preset names checked against the schema's token shape: no user text ever goes into a
string here. Text and names are left as empty `w:t` slots and set on the parsed
elements, so lxml escapes them (and refuses characters XML cannot hold).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from xml.sax.saxutils import quoteattr

from docx.oxml.ns import nsmap as _docx_nsmap

from sopgen.geometry import LINE, Align

W_URI = _docx_nsmap["w"]
WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC_URI = "http://schemas.openxmlformats.org/markup-compatibility/2006"

#: Every prefix a fragment built here uses, with its namespace.
NSMAP: dict[str, str] = {
    "w": W_URI,
    "wp": _docx_nsmap["wp"],
    "a": _docx_nsmap["a"],
    "wps": WPS_URI,
}
DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items())

FONT = "Arial"  # Word's name; LibreOffice renders it with the metric-compatible Liberation Sans
Z_BASE = 251658240  # Word's usual base for wp:anchor/@relativeHeight

# The children sopgen writes, in each element's schema order (ECMA-376 Part 1 unless
# noted). A choice in the schema (custGeom | prstGeom, the fill) is listed at its place.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "w:tblPr": ("w:tblStyle", "w:tblW", "w:jc", "w:tblInd", "w:tblBorders", "w:tblLayout",
                "w:tblCellMar", "w:tblLook"),
    "w:tblBorders": ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"),
    "w:tblCellMar": ("w:top", "w:left", "w:bottom", "w:right"),
    # CT_TrPr is a choice of any of its children in any order; this one is kept.
    "w:trPr": ("w:trHeight", "w:tblHeader"),
    "w:tcPr": ("w:tcW", "w:gridSpan", "w:vMerge", "w:shd", "w:vAlign"),
    "w:pPr": ("w:pStyle", "w:pageBreakBefore", "w:tabs", "w:spacing", "w:ind", "w:jc",
              "w:rPr"),
    "w:rPr": ("w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:u"),
    "wp:anchor": ("wp:simplePos", "wp:positionH", "wp:positionV", "wp:extent",
                  "wp:effectExtent", "wp:wrapNone", "wp:docPr", "wp:cNvGraphicFramePr",
                  "a:graphic"),
    # [MS-ODRAWXML] CT_WordprocessingShape
    "wps:wsp": ("wps:cNvSpPr", "wps:spPr", "wps:txbx", "wps:bodyPr"),
    "wps:spPr": ("a:xfrm", "a:custGeom", "a:prstGeom", "a:solidFill", "a:noFill", "a:ln"),
    "a:ln": ("a:solidFill", "a:noFill", "a:prstDash", "a:miter", "a:tailEnd"),
    "a:custGeom": ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst", "a:rect", "a:pathLst"),
}
_RANK = {parent: {child: i for i, child in enumerate(children)}
         for parent, children in SEQUENCES.items()}
_TAG = re.compile(r"<([A-Za-z0-9]+:[A-Za-z0-9]+)[\s/>]")
_PRST = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")  # the shape of an ST_ShapeType name


def ordered(parent: str, children: Iterable[str], attrs: str = "") -> str:
    """`<parent attrs>` holding the fragments in `children` (empty ones skipped) in
    the schema's order, whatever order they come in. Raises ValueError for a child the
    parent's sequence does not list."""
    rank = _RANK[parent]

    def key(fragment: str) -> int:
        match = _TAG.match(fragment)
        if match is None or match.group(1) not in rank:
            raise ValueError(f"{fragment[:40]!r} is not a child of {parent} here")
        return rank[match.group(1)]

    body = "".join(sorted((c for c in children if c), key=key))
    return f"<{parent}{attrs}>{body}</{parent}>"


def twips(pt: float) -> int:
    """Points to twentieths of a point, Word's unit for tables and paragraphs."""
    return round(pt * 20)


def preset_name(prst: str) -> str:
    """`prst` when it has the shape of an ST_ShapeType name; otherwise ValueError."""
    if not _PRST.match(prst):
        raise ValueError(f"not a preset geometry name: {prst!r}")
    return prst


# -- paragraphs and runs ----------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def ppr(size: float, align: Align, before: float = 0.0, after: float = 0.0,
        indent: float = 0.0) -> str:
    """`w:pPr`: exact line height for `size` pt type, spacing in points, and with
    `indent` a hanging indent with its tab stop (a numbered item)."""
    tabs = ind = ""
    if indent:
        tabs = f'<w:tabs><w:tab w:val="left" w:pos="{twips(indent)}"/></w:tabs>'
        ind = f'<w:ind w:left="{twips(indent)}" w:hanging="{twips(indent)}"/>'
    spacing = (f'<w:spacing w:before="{twips(before)}" w:after="{twips(after)}"'
               f' w:line="{twips(size * LINE)}" w:lineRule="exact"/>')
    return ordered("w:pPr", (tabs, spacing, ind, f'<w:jc w:val="{align.value}"/>'))


@functools.lru_cache(maxsize=256)
def rpr(size: float, *, bold: bool = False, bold_complex: bool = False,
        underline: bool = False) -> str:
    """`w:rPr` in Arial at `size` pt; `bold_complex` makes complex scripts bold too."""
    half_points = round(size * 2)
    return ordered("w:rPr", (
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>',
        "<w:b/>" if bold else "",
        "<w:bCs/>" if bold_complex else "",
        f'<w:sz w:val="{half_points}"/>',
        f'<w:szCs w:val="{half_points}"/>',
        '<w:u w:val="single"/>' if underline else "",
    ))


def spacer(height: float, page_break: bool) -> str:
    """An empty paragraph exactly `height` pt tall (its mark 1 pt type), starting a new
    page when `page_break`: it places a table and keeps two tables from merging."""
    mark = ordered("w:rPr", ('<w:sz w:val="2"/>',))
    props = ordered("w:pPr", (
        "<w:pageBreakBefore/>" if page_break else "",
        f'<w:spacing w:before="0" w:after="0" w:line="{twips(height)}" w:lineRule="exact"/>',
        mark,
    ))
    run = ordered("w:rPr", (f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/>',
                            '<w:sz w:val="2"/>'))
    return f'<w:p xmlns:w="{W_URI}">{props}<w:r>{run}</w:r></w:p>'


def text_slot(preserve: bool = True) -> str:
    """An empty `w:t` whose text is set once parsed; `preserve` keeps its outer spaces."""
    return '<w:t xml:space="preserve"/>' if preserve else "<w:t/>"


# -- tables -----------------------------------------------------------------------------


class Merge(Enum):
    """A cell's place in a vertical merge (`w:vMerge`)."""

    NONE = "none"
    RESTART = "restart"  # the merged cell's top row
    CONTINUE = "continue"  # a row below it: an empty `w:tc`


class VAlign(Enum):
    TOP = "top"
    CENTER = "center"


def tbl_pr(style_id: str | None, widths: Sequence[float], indent: float, *,
           borders: bool, padding: float) -> str:
    """`w:tblPr` of a fixed-layout table `widths` pt wide in all, `indent` pt from the
    margin, cells padded `padding` pt left and right and half that on top; without
    `borders` every border is off. `style_id` is a style of the reference DOCX."""
    nil_borders = "" if borders else ordered(
        "w:tblBorders", (f'<{side} w:val="nil"/>' for side in SEQUENCES["w:tblBorders"]))
    margins = ordered("w:tblCellMar", (
        f'<w:top w:w="{twips(padding / 2)}" w:type="dxa"/>',
        f'<w:left w:w="{twips(padding)}" w:type="dxa"/>',
        f'<w:bottom w:w="{twips(0.0)}" w:type="dxa"/>',
        f'<w:right w:w="{twips(padding)}" w:type="dxa"/>',
    ))
    return ordered("w:tblPr", (
        "" if style_id is None else f"<w:tblStyle w:val={quoteattr(style_id)}/>",
        f'<w:tblW w:type="dxa" w:w="{sum(twips(w) for w in widths)}"/>',
        '<w:jc w:val="left"/>',
        f'<w:tblInd w:w="{twips(indent)}" w:type="dxa"/>',
        nil_borders,
        '<w:tblLayout w:type="fixed"/>',
        margins,
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0"'
        ' w:noHBand="0" w:noVBand="1" w:val="04A0"/>',
    ))


def tbl_grid(widths: Sequence[float]) -> str:
    return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths) + (
        "</w:tblGrid>")


@functools.lru_cache(maxsize=256)
def tr_pr(height: float, header: bool) -> str:
    """`w:trPr`: exactly `height` pt; a `header` row repeats on every page."""
    return ordered("w:trPr", (f'<w:trHeight w:val="{twips(height)}" w:hRule="exact"/>',
                              "<w:tblHeader/>" if header else ""))


def tc_pr(width: float, span: int = 1, merge: Merge = Merge.NONE, *, shaded: bool = False,
          valign: VAlign | None = None) -> str:
    """`w:tcPr` of a cell `width` pt wide spanning `span` grid columns."""
    return ordered("w:tcPr", (
        f'<w:tcW w:type="dxa" w:w="{twips(width)}"/>',
        f'<w:gridSpan w:val="{span}"/>' if span > 1 else "",
        {Merge.NONE: "", Merge.RESTART: '<w:vMerge w:val="restart"/>',
         Merge.CONTINUE: "<w:vMerge/>"}[merge],
        '<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>' if shaded else "",
        "" if valign is None else f'<w:vAlign w:val="{valign.value}"/>',
    ))


# -- drawings ---------------------------------------------------------------------------


class BodyAnchor(Enum):
    """Where a text box's text sits vertically (`wps:bodyPr/@anchor`)."""

    TOP = "t"
    CENTER = "ctr"


@dataclass(frozen=True)
class TextBox:
    """A text box's one paragraph: its format and its lines' slots, not its text."""

    size: float  # pt
    bold: bool
    align: Align
    preserve: tuple[bool, ...]  # per line: whether its `w:t` keeps outer spaces


@dataclass(frozen=True)
class Shape:
    """One floating shape in EMU, offsets from the anchor's column and paragraph."""

    x: int
    y: int
    cx: int
    cy: int
    prst: str | None  # preset geometry, or ...
    path: tuple[tuple[int, int], ...] | None  # ... a custom path relative to (x, y)
    fill: bool  # white fill, or none
    line: int | None  # line width in EMU, or no line
    arrow: bool  # triangle at the end of the path
    text: TextBox | None
    v_anchor: BodyAnchor
    txbox: bool  # wps:cNvSpPr/@txBox
    # Filled black rectangles (x, y, w, h) relative to (x, y) instead of `prst`/`path`:
    # one shape of many closed sub-paths (a QR code's modules), no line.
    rects: tuple[tuple[int, int, int, int], ...] | None = None

    def __post_init__(self) -> None:
        if self.prst is not None:
            preset_name(self.prst)


def drawing(shape: Shape, doc_id: int) -> str:
    """`w:drawing` floating `shape` (`wrapNone`) in the cell it is anchored in; its
    `wp:docPr` name and its text slots are filled once parsed."""
    anchor = ordered("wp:anchor", (
        '<wp:simplePos x="0" y="0"/>',
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{shape.x}</wp:posOffset>'
        "</wp:positionH>",
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{shape.y}</wp:posOffset>'
        "</wp:positionV>",
        f'<wp:extent cx="{shape.cx}" cy="{shape.cy}"/>',
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>',
        "<wp:wrapNone/>",
        f'<wp:docPr id="{doc_id}"/>',
        "<wp:cNvGraphicFramePr/>",
        f'<a:graphic><a:graphicData uri="{WPS_URI}">{_wsp(shape)}</a:graphicData></a:graphic>',
    ), ' distT="0" distB="0" distL="0" distR="0" simplePos="0"'
       f' relativeHeight="{Z_BASE + doc_id}"'  # later shapes on top
       ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"')
    return f"<w:drawing {DECLARATIONS}>{anchor}</w:drawing>"


def _wsp(shape: Shape) -> str:
    text = "" if shape.text is None else (
        f"<wps:txbx><w:txbxContent>{_txbx_paragraph(shape.text)}</w:txbxContent></wps:txbx>")
    return ordered("wps:wsp", (
        '<wps:cNvSpPr txBox="1"/>' if shape.txbox else "<wps:cNvSpPr/>",
        _sp_pr(shape),
        text,
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"'
        f' anchor="{shape.v_anchor.value}" anchorCtr="0"><a:noAutofit/></wps:bodyPr>',
    ))


def _solid(rgb: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill>'


def _sp_pr(shape: Shape) -> str:
    if shape.rects is not None:
        return ordered("wps:spPr", (
            f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{shape.cx}" cy="{shape.cy}"/></a:xfrm>',
            _filled_geom(shape.cx, shape.cy, shape.rects),
            _solid("000000"),
            "<a:ln><a:noFill/></a:ln>",
        ))
    if shape.path is not None:
        geometry = _cust_geom(shape.cx, shape.cy, shape.path)
    else:
        assert shape.prst is not None
        geometry = f'<a:prstGeom prst="{preset_name(shape.prst)}"><a:avLst/></a:prstGeom>'
    if shape.line is None:
        line = "<a:ln><a:noFill/></a:ln>"
    else:
        line = ordered("a:ln", (
            _solid("000000"),
            '<a:prstDash val="solid"/>',
            '<a:miter lim="800000"/>',
            '<a:tailEnd type="triangle" w="med" len="med"/>' if shape.arrow else "",
        ), f' w="{shape.line}"')
    return ordered("wps:spPr", (
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{shape.cx}" cy="{shape.cy}"/></a:xfrm>',
        geometry,
        _solid("FFFFFF") if shape.fill else "<a:noFill/>",
        line,
    ))


def _cust_geom(cx: int, cy: int, path: Sequence[tuple[int, int]]) -> str:
    steps = "".join(f'<{"a:lnTo" if i else "a:moveTo"}><a:pt x="{px}" y="{py}"/>'
                    f'</{"a:lnTo" if i else "a:moveTo"}>' for i, (px, py) in enumerate(path))
    return ordered("a:custGeom", (
        "<a:avLst/>", "<a:gdLst/>", "<a:ahLst/>", "<a:cxnLst/>",
        '<a:rect l="l" t="t" r="r" b="b"/>',
        f'<a:pathLst><a:path w="{cx}" h="{cy}" fill="none">{steps}</a:path></a:pathLst>',
    ))


def _filled_geom(cx: int, cy: int, rects: Sequence[tuple[int, int, int, int]]) -> str:
    """One path of closed rectangles, filled (`fill="norm"`), without a stroke."""
    def pt(x: int, y: int) -> str:
        return f'<a:pt x="{x}" y="{y}"/>'

    steps = "".join(
        f"<a:moveTo>{pt(x, y)}</a:moveTo><a:lnTo>{pt(x + w, y)}</a:lnTo>"
        f"<a:lnTo>{pt(x + w, y + h)}</a:lnTo><a:lnTo>{pt(x, y + h)}</a:lnTo><a:close/>"
        for x, y, w, h in rects)
    return ordered("a:custGeom", (
        "<a:avLst/>", "<a:gdLst/>", "<a:ahLst/>", "<a:cxnLst/>",
        '<a:rect l="l" t="t" r="r" b="b"/>',
        f'<a:pathLst><a:path w="{cx}" h="{cy}" stroke="0">{steps}</a:path></a:pathLst>',
    ))


def _txbx_paragraph(text: TextBox) -> str:
    """One paragraph, a run a line (a `w:br` before each but the first)."""
    r_pr = rpr(text.size, bold=text.bold, bold_complex=text.bold)
    runs = "".join(f"<w:r>{r_pr}{'<w:br/>' if i else ''}{text_slot(preserve)}</w:r>"
                   for i, preserve in enumerate(text.preserve))
    return f"<w:p>{ppr(text.size, text.align)}{runs}</w:p>"
