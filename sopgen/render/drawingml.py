"""Geometry in points -> floating DrawingML shapes (`w:r/w:drawing/wp:anchor/.../wps:wsp`).

python-docx has no shape API, so the DOCX renderer asks this module for one run per
flowchart shape: a preset symbol (terminator, process, decision, off-page connector),
a polyline arrow, or a borderless text label. Each run is meant for a paragraph inside
a table cell; the shape floats (`wrapNone`) at an offset from that cell's column and
paragraph, so it moves with the table. Points come in, EMU go out (1 pt = 12700 EMU),
checked here: LibreOffice draws nothing at a negative offset, and DrawingML's
coordinates are 32-bit.

The XML comes from `ooxml` (which holds the schema's element orders) and is parsed
once with python-docx's parser, so `w:` elements get its classes; text and names are
set afterwards, only ever as element text or attribute values, so `&` or `<` in them
are escaped by the serializer, never interpreted.

`wps` is not in python-docx's namespace map; the runs declare it themselves, and
`declare_namespaces` moves the declarations up to `w:document`, where `mc:Ignorable`
may only name prefixes that are declared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from docx.oxml.parser import OxmlElement, parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from sopgen.geometry import Align
from sopgen.render.ooxml import MC_URI, NSMAP, BodyAnchor, Shape, TextBox, drawing, preset_name

EMU_PER_PT = 12700

_IDS_START = 1000
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
    shape = Shape(
        x=_offset(x, "x"),
        y=_offset(y, "y"),
        cx=_size(w, "w"),
        cy=_size(h, "h"),
        prst=preset_name(prst),
        path=None,
        fill=True,
        line=_size(line_width, "line_width"),
        arrow=False,
        text=_text_box(text, _positive(text_size, "text_size"), bold, Align.CENTER)
        if text else None,
        v_anchor=BodyAnchor.CENTER,
        txbox=False,
    )
    return _run(ids, shape, text or None, name, "Shape")


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
    shape = Shape(
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
        v_anchor=BodyAnchor.TOP,
        txbox=False,
    )
    return _run(ids, shape, None, name, "Arrow" if arrow else "Line")


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
    shape = Shape(
        x=_offset(x, "x"),
        y=_offset(y, "y"),
        cx=_size(w, "w"),
        cy=_size(h, "h"),
        prst="rect",
        path=None,
        fill=fill,
        line=None,
        arrow=False,
        text=_text_box(text, _positive(size, "size"), False, Align.LEFT),
        v_anchor=BodyAnchor.TOP,
        txbox=True,
    )
    return _run(ids, shape, text, name, "Label")


def filled_rects(
    ids: ShapeIds,
    *,
    x: float,
    y: float,
    w: float,
    h: float,
    rects: Sequence[tuple[float, float, float, float]],
    name: str = "",
) -> BaseOxmlElement:
    """A `w:r` holding one black shape of filled rectangles (a QR code's modules): the
    shape is `w` x `h` pt at (`x`, `y`) from the column and the paragraph, and each
    rectangle (rx, ry, rw, rh) counts from the shape's top-left corner."""
    cx, cy = _size(w, "w"), _size(h, "h")
    inside = tuple((_emu(rx, "rect x"), _emu(ry, "rect y"), _size(rw, "rect w"),
                    _size(rh, "rect h")) for rx, ry, rw, rh in rects)
    if any(rx < 0 or ry < 0 or rx + rw > cx + 1 or ry + rh > cy + 1
           for rx, ry, rw, rh in inside):
        raise ValueError("a rectangle lies outside its shape")
    shape = Shape(x=_offset(x, "x"), y=_offset(y, "y"), cx=cx, cy=cy, prst=None, path=None,
                  fill=False, line=None, arrow=False, text=None, v_anchor=BodyAnchor.TOP,
                  txbox=False, rects=inside)
    return _run(ids, shape, None, name, "Squares")


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

_DOC_PR = f"{{{NSMAP['wp']}}}docPr"
_T = f"{{{NSMAP['w']}}}t"


def _text_box(text: str, size: float, bold: bool, align: Align) -> TextBox:
    """A line's `w:t` keeps its outer spaces only where it has some."""
    lines = text.split("\n")
    return TextBox(size, bold, align, tuple(line != line.strip() for line in lines))


def _run(ids: ShapeIds, shape: Shape, text: str | None, name: str, kind: str,
         ) -> BaseOxmlElement:
    """The run holding `shape`, named `name` (by default `kind` and its id)."""
    run = OxmlElement("w:r", nsdecls=NSMAP)
    if not isinstance(run, BaseOxmlElement):  # python-docx registers CT_R for w:r
        raise TypeError("python-docx did not give w:r its element class")
    doc_id = ids.next()
    drawn = parse_xml(drawing(shape, doc_id))
    run.append(drawn)  # the run's declarations make the drawing's redundant: dropped
    anchor = drawn[0]
    doc_pr = anchor.find(_DOC_PR)
    assert doc_pr is not None
    doc_pr.set("name", name or f"{kind} {doc_id}")
    if text is not None:
        for t, line in zip(anchor.iter(_T), text.split("\n"), strict=True):
            t.text = line  # lxml escapes; control characters raise ValueError
    return run


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
