"""The DOCX tables are written as XML in one pass, not through python-docx's cell merging:
check that the result is the table python-docx itself would read back, merged cells and
all, and that `declare_namespaces` still keeps a prefix declared only deep inside.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
from docx.oxml.parser import parse_xml
from lxml import etree

from sopgen.geometry import Align, Cell, Document, Margins, Page, Para, Row, Table
from sopgen.render.docx import to_docx
from sopgen.render.drawingml import declare_namespaces

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TCPR_ORDER = ["tcW", "gridSpan", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark"]
WIDTHS = (50.0, 60.5, 70.25, 40.0)


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _cell(col: int, text: str, **kw: object) -> Cell:
    return Cell(col, (Para(text, 9.0, align=Align.LEFT),), **kw)  # type: ignore[arg-type]


# Grid (4 columns, 4 rows):
#   row 0: A A B C      A spans 2 columns, C spans 2 rows
#   row 1: D E F C      D is shaded, F has two numbered paragraphs
#   row 2: G G . H      G spans 2 columns and 2 rows; position 2 has no cell
#   row 3: G G I J
TABLE = Table(
    x=36.0, y=40.0, widths=WIDTHS,
    rows=(
        Row(20.0, (_cell(0, "A & <a>", span=2), _cell(2, "B"), _cell(3, "C", rowspan=2)),
            kind="header"),
        Row(18.5, (_cell(0, "D", shaded=True), _cell(1, "E\nline two"),
                   Cell(2, (Para("satu", 8.0, number="1."), Para("dua", 8.0, number="2.",
                                                                  space_before=2.0))))),
        Row(22.0, (_cell(0, "G", span=2, rowspan=2, valign="top"), _cell(3, "H"))),
        Row(16.0, (_cell(2, "I"), Cell(3))),
    ),
)
DOC = Document(842.0, 595.0, Margins(40.0, 36.0, 40.0, 36.0), (Page("identity", (TABLE,)),),
               "SOP-1", "Arial", 8.0)
EXPECTED = [["A & <a>", "A & <a>", "B", "C"],
            ["D", "E\nline two", "1.\tsatu\n2.\tdua", "C"],
            ["G", "G", "", "H"],
            ["G", "G", "I", ""]]


def _render() -> bytes:
    return to_docx(DOC, dt.date(2024, 1, 2), dt.date(2024, 3, 4))


def test_python_docx_reads_the_merged_grid_back() -> None:
    table = docx.Document(io.BytesIO(_render())).tables[0]
    assert len(table.rows) == 4 and len(table.columns) == 4
    texts = [[table.cell(r, c).text for c in range(4)] for r in range(4)]
    assert texts == EXPECTED
    assert table.cell(0, 0)._tc is table.cell(0, 1)._tc
    assert table.cell(0, 3)._tc is table.cell(1, 3)._tc
    assert {table.cell(r, c)._tc for r in (2, 3) for c in (0, 1)} == {table.cell(2, 0)._tc}
    assert table.cell(2, 2)._tc is not table.cell(2, 1)._tc


def test_every_cell_has_its_exact_width_and_ordered_properties() -> None:
    with zipfile.ZipFile(io.BytesIO(_render())) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    tbl = root.find(f".//{_q('tbl')}")
    assert tbl is not None
    grid = [int(str(g.get(_q("w")))) for g in tbl.iter(_q("gridCol"))]
    assert grid == [round(w * 20) for w in WIDTHS]
    merges = []
    for tr in tbl.iter(_q("tr")):
        height = tr.find(f"{_q('trPr')}/{_q('trHeight')}")
        assert height is not None and height.get(_q("hRule")) == "exact"
        col = 0
        row = []
        for tc in tr.iter(_q("tc")):
            tc_pr = tc.find(_q("tcPr"))
            assert tc_pr is not None and tc[0] is tc_pr
            names = [etree.QName(child).localname for child in tc_pr]
            assert names == sorted(names, key=TCPR_ORDER.index)
            span_el = tc_pr.find(_q("gridSpan"))
            span = int(str(span_el.get(_q("val")))) if span_el is not None else 1
            width = tc_pr.find(_q("tcW"))
            assert width is not None and width.get(_q("type")) == "dxa"
            assert width.get(_q("w")) == str(round(sum(WIDTHS[col : col + span]) * 20))
            merge = tc_pr.find(_q("vMerge"))
            row.append(None if merge is None else merge.get(_q("val"), "continue"))
            assert tc.find(_q("p")) is not None
            col += span
        assert col == len(WIDTHS)
        merges.append(row)
    assert merges == [[None, None, "restart"],
                      [None, None, None, "continue"],
                      ["restart", None, None],
                      ["continue", None, None]]
    shaded = tbl.findall(f".//{_q('shd')}")
    assert len(shaded) == 1 and shaded[0].get(_q("fill")) == "E8E8E8"
    assert len(tbl.findall(f"{_q('tr')}/{_q('trPr')}/{_q('tblHeader')}")) == 1


def test_the_same_input_gives_the_same_bytes() -> None:
    assert _render() == _render()


def test_a_prefix_declared_only_deep_inside_is_kept() -> None:
    root = parse_xml(
        f'<w:document xmlns:w="{W}" xmlns:mc="{MC}" mc:Ignorable="x9">'
        f'<w:body><w:p><w:r xmlns:x9="urn:x9"><w:t>a</w:t></w:r></w:p></w:body>'
        "</w:document>")
    declare_namespaces(root)
    run = root.find(f".//{_q('r')}")
    assert run is not None and run.nsmap.get("x9") == "urn:x9"
    assert root.get(f"{{{MC}}}Ignorable") is None  # x9 is not declared on the root
