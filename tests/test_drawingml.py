"""Floating DrawingML shapes: built into a real DOCX, reopened, and drawn by LibreOffice.

The scene: one table cell whose paragraph anchors a terminator, a decision, an off-page
connector holding a letter, an arrow with corners, a plain vertical line and a label.
The namespaces and schema orders are written out here independently of the module.
"""

from __future__ import annotations

import html
import math
import re
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.parser import parse_xml
from docx.shared import Pt
from lxml import etree

from sopgen.render.drawingml import (
    ShapeIds,
    declare_namespaces,
    polyline,
    preset_shape,
    text_label,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "wp": WP, "a": A, "wps": WPS}
PREFIX = {uri: prefix for prefix, uri in NS.items()}
EMU = 12700

# ECMA-376 CT_Anchor, in order (wrapNone is this module's choice of EG_WrapType).
ANCHOR_CHILDREN = ["wp:simplePos", "wp:positionH", "wp:positionV", "wp:extent",
                   "wp:effectExtent", "wp:wrapNone", "wp:docPr", "wp:cNvGraphicFramePr",
                   "a:graphic"]



@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float


# The scene, in points from the cell's column (x) and paragraph (y).
TERMINATOR = Rect(20, 10, 80, 24)
DECISION = Rect(30, 70, 60, 40)
CONNECTOR = Rect(45, 150, 30, 30)  # holds the letter "A"
# Relative to (10, 4): lands on (60, 34) (60, 50) (200, 50) (200, 70).
ARROW_AT = (10.0, 4.0)
ARROW_POINTS = [(50.0, 30.0), (50.0, 46.0), (190.0, 46.0), (190.0, 66.0)]
LINE_AT = (150.0, 150.0)
LINE_POINTS = [(0.0, 0.0), (0.0, 20.0)]
LABEL = Rect(220, 10, 80, 12)
LABEL_TEXT = "A & <B>"
ODD_NAME = 'Keputusan "A" & <B>'


def names(el: etree._Element) -> list[str]:
    """The children of `el` as prefix:local names."""
    out = []
    for child in el:
        uri, local = str(child.tag)[1:].split("}")
        out.append(f"{PREFIX.get(uri, uri)}:{local}")
    return out


def attrs(el: etree._Element) -> dict[str, str]:
    """Attributes by local name (w:val -> val)."""
    return {str(k).split("}")[-1]: str(v) for k, v in el.attrib.items()}


def find(el: etree._Element, path: str) -> etree._Element:
    found = el.find(path, NS)
    assert found is not None, path
    return found


def findall(el: etree._Element, path: str) -> list[etree._Element]:
    return list(el.iterfind(path, NS))


def run_xml(run: etree._Element) -> etree._Element:
    """A run serialized and parsed again, as a saved document would give it back."""
    return etree.fromstring(etree.tostring(run))


# -- the document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    path: Path
    anchors: dict[str, etree._Element]  # scene name -> wp:anchor in the reopened document


def build(path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    table.rows[0].height = Pt(260)
    p = table.cell(0, 0).paragraphs[0]._p
    ids = ShapeIds()
    t, d, c, lb = TERMINATOR, DECISION, CONNECTOR, LABEL
    p.append(preset_shape(ids, prst="flowChartTerminator", x=t.x, y=t.y, w=t.w, h=t.h,
                          name="terminator"))
    p.append(preset_shape(ids, prst="flowChartDecision", x=d.x, y=d.y, w=d.w, h=d.h,
                          name=ODD_NAME))
    p.append(preset_shape(ids, prst="flowChartOffpageConnector", x=c.x, y=c.y, w=c.w, h=c.h,
                          text="A", name="connector"))
    p.append(polyline(ids, points=ARROW_POINTS, x=ARROW_AT[0], y=ARROW_AT[1], arrow=True,
                      name="arrow"))
    p.append(polyline(ids, points=LINE_POINTS, x=LINE_AT[0], y=LINE_AT[1], arrow=False,
                      name="line"))
    p.append(text_label(ids, text=LABEL_TEXT, x=lb.x, y=lb.y, w=lb.w, h=lb.h, name="label"))
    declare_namespaces(document.element)
    document.save(str(path))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("drawingml") / "shapes.docx"
    build(path)
    reopened = docx.Document(str(path))
    anchors = findall(reopened.element, ".//w:drawing/wp:anchor")
    by_name = {str(find(a, "wp:docPr").get("name")): a for a in anchors}
    names_ = ["terminator", ODD_NAME, "connector", "arrow", "line", "label"]
    assert list(by_name) == names_
    keys = ["terminator", "decision", "connector", "arrow", "line", "label"]
    return Built(path, {k: by_name[n] for k, n in zip(keys, names_, strict=True)})


def wsp(anchor: etree._Element) -> etree._Element:
    return find(anchor, "a:graphic/a:graphicData/wps:wsp")


# -- structure ------------------------------------------------------------------------


def test_every_anchor_has_the_schema_children_in_order(built: Built) -> None:
    for anchor in built.anchors.values():
        assert names(anchor) == ANCHOR_CHILDREN


def test_anchors_float_in_the_cell_relative_to_column_and_paragraph(built: Built) -> None:
    for anchor in built.anchors.values():
        assert attrs(anchor) == {
            "distT": "0", "distB": "0", "distL": "0", "distR": "0", "simplePos": "0",
            "relativeHeight": anchor.get("relativeHeight"), "behindDoc": "0",
            "locked": "0", "layoutInCell": "1", "allowOverlap": "1",
        }
        assert attrs(find(anchor, "wp:simplePos")) == {"x": "0", "y": "0"}
        assert find(anchor, "wp:positionH").get("relativeFrom") == "column"
        assert find(anchor, "wp:positionV").get("relativeFrom") == "paragraph"
        assert names(find(anchor, "wp:positionH")) == ["wp:posOffset"]
        assert names(find(anchor, "wp:positionV")) == ["wp:posOffset"]
        assert attrs(find(anchor, "wp:effectExtent")) == {
            "l": "0", "t": "0", "r": "0", "b": "0"}
        assert find(anchor, "a:graphic/a:graphicData").get("uri") == WPS


def test_wsp_children_follow_the_schema(built: Built) -> None:
    a = built.anchors
    with_text = ["wps:cNvSpPr", "wps:spPr", "wps:txbx", "wps:bodyPr"]
    without = ["wps:cNvSpPr", "wps:spPr", "wps:bodyPr"]
    assert names(wsp(a["connector"])) == with_text
    assert names(wsp(a["label"])) == with_text
    for key in ("terminator", "decision", "arrow", "line"):
        assert names(wsp(a[key])) == without
    assert find(wsp(a["label"]), "wps:cNvSpPr").get("txBox") == "1"
    assert find(wsp(a["connector"]), "wps:cNvSpPr").get("txBox") is None


def test_shape_properties_follow_the_schema(built: Built) -> None:
    a = built.anchors
    sp_pr = {k: find(wsp(v), "wps:spPr") for k, v in a.items()}
    for key in ("terminator", "decision", "connector"):
        assert names(sp_pr[key]) == ["a:xfrm", "a:prstGeom", "a:solidFill", "a:ln"]
        assert find(sp_pr[key], "a:solidFill/a:srgbClr").get("val") == "FFFFFF"
        assert names(find(sp_pr[key], "a:ln")) == ["a:solidFill", "a:prstDash", "a:miter"]
    for key in ("arrow", "line"):
        assert names(sp_pr[key]) == ["a:xfrm", "a:custGeom", "a:noFill", "a:ln"]
        assert names(find(sp_pr[key], "a:custGeom")) == [
            "a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst", "a:rect", "a:pathLst"]
    assert names(find(sp_pr["arrow"], "a:ln")) == [
        "a:solidFill", "a:prstDash", "a:miter", "a:tailEnd"]
    assert names(sp_pr["label"]) == ["a:xfrm", "a:prstGeom", "a:noFill", "a:ln"]
    assert names(find(sp_pr["label"], "a:ln")) == ["a:noFill"]
    for key in ("terminator", "decision", "connector", "arrow", "line"):
        assert find(sp_pr[key], "a:ln/a:solidFill/a:srgbClr").get("val") == "000000"
    assert find(sp_pr["decision"], "a:prstGeom").get("prst") == "flowChartDecision"
    for sp in sp_pr.values():
        assert names(find(sp, "a:xfrm")) == ["a:off", "a:ext"]
        assert attrs(find(sp, "a:xfrm/a:off")) == {"x": "0", "y": "0"}


def test_tail_end_only_on_arrows(built: Built) -> None:
    tails = {k: findall(wsp(v), "wps:spPr/a:ln/a:tailEnd") for k, v in built.anchors.items()}
    assert [attrs(t) for t in tails.pop("arrow")] == [
        {"type": "triangle", "w": "med", "len": "med"}]
    assert all(not t for t in tails.values())
    assert not findall(wsp(built.anchors["arrow"]), ".//a:headEnd")


def test_doc_pr_ids_are_unique_from_1000_and_later_shapes_lie_on_top(built: Built) -> None:
    anchors = list(built.anchors.values())
    ids = [int(str(find(a, "wp:docPr").get("id"))) for a in anchors]
    assert ids == list(range(1000, 1000 + len(anchors)))
    heights = [int(str(a.get("relativeHeight"))) for a in anchors]
    assert heights == sorted(set(heights))


def test_ids_are_shared_by_all_builders_and_never_repeat() -> None:
    ids = ShapeIds(start=7)
    runs = [
        preset_shape(ids, prst="rect", x=0, y=0, w=1, h=1),
        polyline(ids, points=[(0, 0), (1, 1)], x=0, y=0, arrow=False),
        text_label(ids, text="x", x=0, y=0, w=1, h=1),
    ]
    got = [find(run_xml(r), ".//wp:docPr").get("id") for r in runs]
    assert got == ["7", "8", "9"]
    assert ids.next() == 10


# -- numbers --------------------------------------------------------------------------


def offsets(anchor: etree._Element) -> tuple[int, int, int, int]:
    x = int(str(find(anchor, "wp:positionH/wp:posOffset").text))
    y = int(str(find(anchor, "wp:positionV/wp:posOffset").text))
    ext = find(anchor, "wp:extent")
    return x, y, int(str(ext.get("cx"))), int(str(ext.get("cy")))


def test_preset_shape_offsets_and_sizes_in_emu(built: Built) -> None:
    anchor = built.anchors["decision"]
    assert offsets(anchor) == (30 * EMU, 70 * EMU, 60 * EMU, 40 * EMU)
    assert attrs(find(wsp(anchor), "wps:spPr/a:xfrm/a:ext")) == {
        "cx": str(60 * EMU), "cy": str(40 * EMU)}
    assert find(wsp(anchor), "wps:spPr/a:ln").get("w") == "11430"  # 0.9 pt


def test_emu_are_rounded_to_integers() -> None:
    run = run_xml(preset_shape(ShapeIds(), prst="rect", x=0.00004, y=1 / 3, w=10.5, h=0.01,
                               line_width=0.75))
    anchor = find(run, "w:drawing/wp:anchor")
    assert offsets(anchor) == (1, 4233, 133350, 127)
    assert find(anchor, ".//a:ln").get("w") == "9525"


def test_polyline_is_its_points_bounding_box_with_a_relative_path(built: Built) -> None:
    anchor = built.anchors["arrow"]
    assert offsets(anchor) == (60 * EMU, 34 * EMU, 140 * EMU, 36 * EMU)
    path = find(wsp(anchor), "wps:spPr/a:custGeom/a:pathLst/a:path")
    assert attrs(path) == {"w": str(140 * EMU), "h": str(36 * EMU), "fill": "none"}
    assert names(path) == ["a:moveTo", "a:lnTo", "a:lnTo", "a:lnTo"]
    points = [(int(str(pt.get("x"))), int(str(pt.get("y")))) for pt in findall(path, "*/a:pt")]
    assert points == [(0, 0), (0, 16 * EMU), (140 * EMU, 16 * EMU), (140 * EMU, 36 * EMU)]
    assert find(wsp(anchor), "wps:spPr/a:ln").get("w") == str(round(0.8 * EMU))


def test_a_straight_polyline_is_at_least_1pt_wide(built: Built) -> None:
    anchor = built.anchors["line"]
    assert offsets(anchor) == (150 * EMU, 150 * EMU, EMU, 20 * EMU)
    path = find(wsp(anchor), ".//a:path")
    assert (path.get("w"), path.get("h")) == (str(EMU), str(20 * EMU))
    flat = run_xml(polyline(ShapeIds(), points=[(5, 2), (3, 2)], x=0, y=0, arrow=True))
    assert offsets(find(flat, "w:drawing/wp:anchor")) == (3 * EMU, 2 * EMU, 2 * EMU, EMU)
    pts = [(p.get("x"), p.get("y")) for p in findall(flat, ".//a:path/*/a:pt")]
    assert pts == [(str(2 * EMU), "0"), ("0", "0")]


# -- text -----------------------------------------------------------------------------


def test_label_text_and_shape_names_are_escaped_and_round_trip(built: Built) -> None:
    texts = ["".join(str(t.text) for t in findall(wsp(a), ".//w:t"))
             for a in built.anchors.values()]
    assert LABEL_TEXT in texts
    assert "A" in texts
    with zipfile.ZipFile(built.path) as z:
        raw = z.read("word/document.xml").decode()
    assert ">A &amp; &lt;B&gt;</w:t>" in raw
    assert find(built.anchors["decision"], "wp:docPr").get("name") == ODD_NAME


def test_label_is_a_bare_text_box_read_from_its_top_left(built: Built) -> None:
    body = find(wsp(built.anchors["label"]), "wps:bodyPr")
    assert {k: body.get(k) for k in ("lIns", "tIns", "rIns", "bIns", "anchor", "wrap")} == {
        "lIns": "0", "tIns": "0", "rIns": "0", "bIns": "0", "anchor": "t", "wrap": "square"}
    p = find(wsp(built.anchors["label"]), "wps:txbx/w:txbxContent/w:p")
    assert find(p, "w:pPr/w:jc").get(f"{{{W}}}val") == "left"
    assert not findall(p, ".//w:b")


def test_symbol_text_is_centred_bold_and_tightly_spaced(built: Built) -> None:
    shape = wsp(built.anchors["connector"])
    body = find(shape, "wps:bodyPr")
    assert body.get("anchor") == "ctr"
    assert names(body) == ["a:noAutofit"]
    content = find(shape, "wps:txbx/w:txbxContent")
    assert names(content) == ["w:p"]
    p = find(content, "w:p")
    assert names(p) == ["w:pPr", "w:r"]
    assert names(find(p, "w:pPr")) == ["w:spacing", "w:jc"]
    spacing = find(p, "w:pPr/w:spacing")
    assert attrs(spacing) == {
        "before": "0", "after": "0", "line": "168", "lineRule": "exact"}
    assert find(p, "w:pPr/w:jc").get(f"{{{W}}}val") == "center"
    r_pr = find(p, "w:r/w:rPr")
    assert names(r_pr) == ["w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs"]
    fonts = find(r_pr, "w:rFonts")
    assert {fonts.get(f"{{{W}}}{k}") for k in ("ascii", "hAnsi", "cs")} == {"Arial"}
    assert find(r_pr, "w:sz").get(f"{{{W}}}val") == "14"  # half-points
    assert find(r_pr, "w:szCs").get(f"{{{W}}}val") == "14"


def test_shapes_without_text_have_no_text_box() -> None:
    for text in (None, ""):
        run = run_xml(preset_shape(ShapeIds(), prst="flowChartProcess", x=0, y=0, w=9, h=9,
                                   text=text))
        assert not findall(run, ".//wps:txbx")


def test_a_newline_in_a_label_breaks_the_line_and_spaces_are_kept() -> None:
    run = run_xml(text_label(ShapeIds(), text=" Ya\nTidak ", x=0, y=0, w=20, h=20, size=6))
    runs = findall(run, ".//w:txbxContent/w:p/w:r")
    assert [names(r) for r in runs] == [["w:rPr", "w:t"], ["w:rPr", "w:br", "w:t"]]
    ts = findall(run, ".//w:t")
    assert [t.text for t in ts] == [" Ya", "Tidak "]
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert [t.get(space) for t in ts] == ["preserve", "preserve"]
    assert find(runs[0], "w:rPr/w:sz").get(f"{{{W}}}val") == "12"


# -- refusals -------------------------------------------------------------------------

Build = Callable[[], Any]
REFUSED: dict[str, Build] = {
    "preset x < 0": lambda: preset_shape(ShapeIds(), prst="rect", x=-0.1, y=0, w=5, h=5),
    "preset y < 0": lambda: preset_shape(ShapeIds(), prst="rect", x=0, y=-3, w=5, h=5),
    "label x < 0": lambda: text_label(ShapeIds(), text="t", x=-1, y=0, w=5, h=5),
    "label y < 0": lambda: text_label(ShapeIds(), text="t", x=0, y=-1e-9, w=5, h=5),
    "point left of the column": lambda: polyline(
        ShapeIds(), points=[(0, 0), (-5, 10)], x=4, y=0, arrow=True),
    "point above the paragraph": lambda: polyline(
        ShapeIds(), points=[(0, -1), (0, 10)], x=0, y=0, arrow=True),
    "zero width": lambda: preset_shape(ShapeIds(), prst="rect", x=0, y=0, w=0, h=5),
    "negative height": lambda: text_label(ShapeIds(), text="t", x=0, y=0, w=5, h=-5),
    "NaN": lambda: preset_shape(ShapeIds(), prst="rect", x=math.nan, y=0, w=5, h=5),
    "infinite point": lambda: polyline(
        ShapeIds(), points=[(0, 0), (math.inf, 1)], x=0, y=0, arrow=False),
    "one point": lambda: polyline(ShapeIds(), points=[(1, 1)], x=0, y=0, arrow=False),
    "not a preset name": lambda: preset_shape(ShapeIds(), prst="rect x", x=0, y=0, w=5, h=5),
    "zero line width": lambda: polyline(
        ShapeIds(), points=[(0, 0), (1, 1)], x=0, y=0, arrow=False, line_width=0),
    "control character": lambda: text_label(ShapeIds(), text="a\x01", x=0, y=0, w=5, h=5),
}


@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_refuses_what_libreoffice_or_word_cannot_draw(make: Build) -> None:
    with pytest.raises(ValueError):
        make()


def test_negative_offsets_are_refused_not_clamped() -> None:
    with pytest.raises(ValueError, match="negative"):
        preset_shape(ShapeIds(), prst="rect", x=-1, y=0, w=5, h=5)


# -- namespaces -----------------------------------------------------------------------


def test_saved_document_declares_every_prefix_once_on_the_root(built: Built) -> None:
    with zipfile.ZipFile(built.path) as z:
        raw = z.read("word/document.xml")
    root = etree.fromstring(raw)
    for prefix, uri in NS.items():
        assert root.nsmap[prefix] == uri
    for el in root.iter():  # nothing below the root declares them again
        if el is not root:
            assert set(el.nsmap.items()) <= set(root.nsmap.items())
    assert raw.count(b'xmlns:wps="') == 1
    ignorable = root.get(f"{{{MC}}}Ignorable")
    assert ignorable is not None
    assert all(p in root.nsmap for p in ignorable.split())


def bare_document(ignorable: str) -> etree._Element:
    return parse_xml(
        f'<w:document xmlns:w="{W}" xmlns:mc="{MC}" '
        f'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        f'mc:Ignorable="{ignorable}"><w:body><w:p/></w:body></w:document>'
    )


@pytest.mark.parametrize("before", [True, False], ids=["declared first", "declared last"])
def test_declare_namespaces_on_a_root_without_them(before: bool) -> None:
    root = bare_document("w14 wp14 w15")
    if before:
        declare_namespaces(root)
    find(root, "w:body/w:p").append(polyline(ShapeIds(), points=[(0, 0), (1, 1)], x=0, y=0,
                                             arrow=True))
    if not before:
        declare_namespaces(root)
    declare_namespaces(root)  # twice does no harm
    raw = etree.tostring(root)
    reparsed = etree.fromstring(raw)
    for prefix, uri in NS.items():
        assert reparsed.nsmap[prefix] == uri
    assert raw.count(b"xmlns:wps=") == 1
    assert reparsed.get(f"{{{MC}}}Ignorable") == "w14"  # wp14, w15 were not declared


def test_an_ignorable_list_with_nothing_declared_is_dropped() -> None:
    root = bare_document("wp14")
    declare_namespaces(root)
    assert root.get(f"{{{MC}}}Ignorable") is None


def test_a_prefix_bound_elsewhere_is_an_error() -> None:
    root = parse_xml(f'<w:document xmlns:w="{W}" xmlns:a="urn:other"/>')
    with pytest.raises(ValueError, match="'a'"):
        declare_namespaces(root)


# -- LibreOffice ----------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Rendered:
    words: list[Word]
    gray: Callable[[float, float], int]  # page point -> 0 (black) .. 255 (white)


def _pgm(path: Path) -> Callable[[float, float], int]:
    data = path.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height, pixels = int(fields[1]), int(fields[2]), fields[4]

    def gray(x: float, y: float) -> int:
        i, j = int(x), int(y)  # 72 dpi: pixel (i, j) covers point [i, i+1) x [j, j+1)
        if not (0 <= i < width and 0 <= j < height):
            return 255
        return pixels[j * width + i]

    return gray


@pytest.fixture(scope="module")
def rendered(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    out = tmp_path_factory.mktemp("lo")
    profile = (out / "profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(out), str(built.path)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = out / "shapes.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    words = [
        Word(html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', bbox)
    ]
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-singlefile", str(pdf),
                    str(out / "page")], check=True, capture_output=True)
    return Rendered(words, _pgm(out / "page.pgm"))


def anchor_origin(r: Rendered) -> tuple[float, float]:
    """Where LibreOffice put the anchor origin on the page, found from the label."""
    first = next(w for w in r.words if w.text == "A" and w.x0 > 200)
    return first.x0 - LABEL.x, first.y0 - LABEL.y


def test_libreoffice_prints_the_letter_inside_the_connector(rendered: Rendered) -> None:
    ox, oy = anchor_origin(rendered)
    letters = [w for w in rendered.words if w.text == "A" and w.x0 < 200]
    assert len(letters) == 1
    a = letters[0]
    c = CONNECTOR
    assert abs((a.x0 + a.x1) / 2 - (ox + c.x + c.w / 2)) < 1.5
    assert oy + c.y < a.y0 < a.y1 < oy + c.y + c.h
    label = [w.text for w in rendered.words if w.x0 > 200]
    assert label == ["A", "&", "<B>"]


def dark_near(r: Rendered, x: float, y: float, reach: float = 1.5) -> bool:
    ox, oy = anchor_origin(r)
    steps = [i / 2 for i in range(int(-reach * 2), int(reach * 2) + 1)]
    return any(r.gray(ox + x + dx, oy + y + dy) < 128 for dx in steps for dy in steps)


def dark_run(r: Rendered, y: float, x0: float, x1: float) -> int:
    """Dark pixels along the row at `y` between x0 and x1 (anchor frame)."""
    ox, oy = anchor_origin(r)
    return sum(r.gray(ox + x, oy + y) < 160 for x in range(int(x0), int(x1) + 1))


def points_on_outline() -> Iterator[tuple[str, float, float]]:
    t, d, c = TERMINATOR, DECISION, CONNECTOR
    yield "terminator top", t.x + t.w / 2, t.y
    yield "terminator bottom", t.x + t.w / 2, t.y + t.h
    yield "decision left vertex", d.x, d.y + d.h / 2
    yield "decision top vertex", d.x + d.w / 2, d.y
    yield "decision bottom vertex", d.x + d.w / 2, d.y + d.h
    yield "connector top left", c.x, c.y
    yield "connector point", c.x + c.w / 2, c.y + c.h
    yield "arrow first segment", 60, 42
    yield "arrow corner", 60, 50
    yield "arrow middle segment", 130, 50
    yield "arrow last segment", 200, 60
    yield "vertical line", 150, 160


def test_libreoffice_draws_every_shape_where_it_was_placed(rendered: Rendered) -> None:
    missing = [n for n, x, y in points_on_outline() if not dark_near(rendered, x, y)]
    assert missing == []
    d, c = DECISION, CONNECTOR
    blank = {
        "decision box corner": (d.x, d.y),
        "connector bottom corner": (c.x + 1, c.y + c.h - 1),
        "inside the arrow's box": (130.0, 42.0),
        "inside the terminator": (60.0, 22.0),
    }
    drawn = [n for n, (x, y) in blank.items() if dark_near(rendered, x, y, reach=1)]
    assert drawn == []


def test_libreoffice_puts_the_arrowhead_on_the_last_point(rendered: Rendered) -> None:
    # The path ends at (200, 70); a 0.8 pt line with a medium triangle gets a head
    # about 4 pt wide and 6 pt long that ends on the point.
    shaft = max(dark_run(rendered, y, 190, 210) for y in range(52, 60))
    head = max(dark_run(rendered, y, 190, 210) for y in range(62, 70))
    assert shaft <= 2
    assert head >= 4
    start = max(dark_run(rendered, y, 50, 70) for y in range(35, 42))
    assert start <= 2  # no head at the first point
