"""The DOCX sheet: the structure Word needs, determinism, and what LibreOffice shows.

Microsoft Word is not available here, so its rules (schema order, unique drawing
ids, declared prefixes, fixed tables) are checked structurally on the XML. What a
reader sees is checked by converting the DOCX with LibreOffice and comparing the
result with the layout and with the WeasyPrint PDF drawn from the same layout:
page count, page size, which step is on which page, and where the connector
letters and the Ya/Tidak labels land.

The LibreOffice tests are named `test_libreoffice_*` (`pytest -k "not libreoffice"`
leaves them out). They never skip: `make test` installs LibreOffice first. All the
DOCX files go through ONE soffice call (module-scoped fixture) to keep this file fast.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import docx
import lo
import openpyxl
import pytest
from lxml import etree
from PIL import Image
from pypdf import PdfReader
from sopfactory import IDENTITY, PROVISIONS, make_role, make_step, wide_labels_sop

from sopgen import cli, fonts
from sopgen.build import prepare, render
from sopgen.geometry import Box, Document, Page, SymbolKind, Table
from sopgen.layout import layout
from sopgen.layout.text import BODY, PAD
from sopgen.model import Kind, Paper, Settings, Sop

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx"
FORTY = ROOT / "data" / "sop-contoh-40-langkah.xlsx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"w": W, "wp": WP, "a": A, "wps": WPS, "mc": MC, "cp": CP, "dc": DC, "dcterms": DCTERMS}
_PREFIX_OF = {uri: prefix for prefix, uri in NS.items()}

PRESET = {
    SymbolKind.TERMINATOR: "flowChartTerminator",
    SymbolKind.PROCESS: "flowChartProcess",
    SymbolKind.DECISION: "flowChartDecision",
    SymbolKind.CONNECTOR: "flowChartOffpageConnector",
}
EMU_PER_PT = 12700
TOLERANCE = 2.0  # pt: where LibreOffice / WeasyPrint put text vs. the layout's boxes


# --- building -------------------------------------------------------------------------


def _build(workbooks: list[Path], out: Path, formats: str) -> None:
    code = cli.main(["build", *map(str, workbooks), "-o", str(out), "--format", formats])
    assert code == 0, f"sopgen build {formats} failed for {[p.name for p in workbooks]}"


def _variant(src: Path, dst: Path, sheet: str, values: Mapping[str, str | None]) -> Path:
    """Copy a workbook, setting column B of the key/value rows named in `values`
    (column A); a key the sheet lacks gets a new row."""
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    todo = dict(values)
    for row in ws.iter_rows(min_row=2):
        key = row[0].value
        if isinstance(key, str) and key.strip() in todo:
            row[1].value = todo.pop(key.strip())
    for key, value in todo.items():
        ws.append([key, value])
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return dst


@dataclass(frozen=True)
class Rendered:
    name: str
    xlsx: Path
    docx: Path
    pdf: Path  # WeasyPrint
    document: Document
    sop: Sop


def _prepared(xlsx: Path) -> tuple[Document, Sop]:
    prepared = prepare(xlsx)
    assert prepared.document is not None and prepared.sop is not None, prepared.problems
    return prepared.document, prepared.sop


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """The example and the 40-step SOP, plus the 40-step on F4 landscape and A4
    portrait, each built as DOCX and PDF in one `sopgen build` call."""
    base = tmp_path_factory.mktemp("built")
    books = {
        "example": EXAMPLE,
        "forty": FORTY,
        "forty-f4-lanskap": _variant(FORTY, base / "in" / "sop-40-f4-lanskap.xlsx",
                                     "Pengaturan", {"Ukuran Kertas": "F4",
                                                    "Orientasi": "Lanskap"}),
        "forty-a4-potret": _variant(FORTY, base / "in" / "sop-40-a4-potret.xlsx",
                                    "Pengaturan", {"Ukuran Kertas": "A4",
                                                   "Orientasi": "Potret"}),
    }
    out = base / "out"
    _build(list(books.values()), out, "docx,pdf")
    result = {}
    for name, xlsx in books.items():
        document, sop = _prepared(xlsx)
        result[name] = Rendered(name, xlsx, out / f"{xlsx.stem}.docx", out / f"{xlsx.stem}.pdf",
                                document, sop)
    return result


@pytest.fixture(scope="module")
def lo_pdfs(rendered: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory,
            ) -> dict[str, Path]:
    """Every rendered DOCX converted by LibreOffice, all in one soffice call."""
    names = list(rendered)
    pdfs = lo.to_pdf([rendered[n].docx for n in names], tmp_path_factory.mktemp("lo"))
    return dict(zip(names, pdfs, strict=True))


# --- reading the package --------------------------------------------------------------


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def _xml(path: Path, name: str = "word/document.xml") -> etree._Element:
    """Parse strictly: an undeclared prefix or any malformation raises."""
    return etree.fromstring(_part(path, name), etree.XMLParser(recover=False,
                                                               resolve_entities=False))


def _qname(el: etree._Element) -> str:
    q = etree.QName(el)
    return f"{_PREFIX_OF.get(q.namespace or '', q.namespace)}:{q.localname}"


def _children(el: etree._Element) -> list[str]:
    return [_qname(c) for c in el if isinstance(c.tag, str)]


def _structure_cases() -> list[str]:
    return ["example", "forty"]


@pytest.fixture(params=_structure_cases())
def case(request: pytest.FixtureRequest, rendered: dict[str, Rendered]) -> Rendered:
    name: str = request.param
    return rendered[name]


# --- 1. structure Word needs ------------------------------------------------------------

ANCHOR_ORDER = [
    "wp:simplePos", "wp:positionH", "wp:positionV", "wp:extent", "wp:effectExtent",
    "wp:wrapNone", "wp:docPr", "wp:cNvGraphicFramePr", "a:graphic",
]  # fmt: skip
WSP_ORDER = re.compile(r"wps:cNvSpPr wps:spPr( wps:style)?( wps:txbx)? wps:bodyPr")


def test_anchor_children_in_schema_order(case: Rendered) -> None:
    anchors = _xml(case.docx).findall(".//wp:anchor", NS)
    assert anchors, "no floating shapes at all"
    wrong = [(a.find("wp:docPr", NS).get("name"), _children(a))  # type: ignore[union-attr]
             for a in anchors if _children(a) != ANCHOR_ORDER]
    assert not wrong, f"wp:anchor children out of order (want {ANCHOR_ORDER}): {wrong[:3]}"


def test_wsp_children_in_schema_order(case: Rendered) -> None:
    shapes = _xml(case.docx).findall(".//wps:wsp", NS)
    assert shapes
    wrong = [_children(s) for s in shapes if not WSP_ORDER.fullmatch(" ".join(_children(s)))]
    assert not wrong, f"wps:wsp children out of order: {wrong[:3]}"


def _story_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist()
                if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]


def _doc_pr_ids(path: Path) -> list[str]:
    ids: list[str] = []
    for part in _story_parts(path):
        ids += [str(el.get("id")) for el in _xml(path, part).iter(f"{{{WP}}}docPr")]
    return ids


def test_doc_pr_ids_unique(case: Rendered) -> None:
    ids = _doc_pr_ids(case.docx)
    assert ids and all(i.isdigit() and int(i) > 0 for i in ids), ids[:10]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"wp:docPr ids used twice (Word calls the file damaged): {dupes}"


def test_doc_pr_ids_unique_with_a_logo_picture(tmp_path: Path) -> None:
    """A logo is a python-docx picture (wp:inline) with its own docPr id."""
    Image.new("RGB", (120, 80), (200, 30, 30)).save(tmp_path / "logo.png")
    book = _variant(EXAMPLE, tmp_path / "sop-logo.xlsx", "Identitas", {"Logo": "logo.png"})
    _build([book], tmp_path, "docx")
    path = tmp_path / "sop-logo.docx"
    root = _xml(path)
    pictures = root.findall(".//wp:inline/wp:docPr", NS)
    assert len(pictures) == 1, "the logo is not in the DOCX"
    ids = _doc_pr_ids(path)
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    assert len(root.findall(".//wp:anchor", NS)) + 1 == len(ids)


_QNAME = re.compile(r"</?([A-Za-z_][\w.-]*):[\w.-]+|\s([A-Za-z_][\w.-]*):[\w.-]+\s*=")


def test_every_prefix_declared_on_the_root(case: Rendered) -> None:
    for part in _story_parts(case.docx):
        root = _xml(case.docx, part)  # strict: an undeclared prefix would raise
        text = _part(case.docx, part).decode("utf-8")
        used = {m.group(1) or m.group(2) for m in _QNAME.finditer(text)} - {"xmlns", "xml"}
        assert used <= set(root.nsmap), f"{part}: used but not declared on the root: " \
            f"{sorted(used - set(root.nsmap))}"
        ignorable = (root.get(f"{{{MC}}}Ignorable") or "").split()
        assert set(ignorable) <= set(root.nsmap), \
            f"{part}: mc:Ignorable names undeclared {sorted(set(ignorable) - set(root.nsmap))}"
    root = _xml(case.docx)
    for prefix in ("w", "wp", "a", "wps"):
        assert root.nsmap.get(prefix) == NS[prefix], prefix


def _layout_tables(doc: Document) -> list[tuple[Page, Table]]:
    return [(page, table) for page in doc.pages for table in page.tables]


def _tw(pt: float) -> int:
    return round(pt * 20)


def _docx_tables(path: Path) -> list[etree._Element]:
    return _xml(path).findall("w:body/w:tbl", NS)


def test_one_docx_table_per_layout_table(case: Rendered) -> None:
    tables = _docx_tables(case.docx)
    expected = _layout_tables(case.document)
    assert len(tables) == len(expected)
    for tbl, (_, table) in zip(tables, expected, strict=True):
        assert len(tbl.findall("w:tr", NS)) == len(table.rows)


def test_tables_fixed_with_widths_in_dxa(case: Rendered) -> None:
    for n, (tbl, (_, table)) in enumerate(
        zip(_docx_tables(case.docx), _layout_tables(case.document), strict=True)
    ):
        layout = tbl.find("w:tblPr/w:tblLayout", NS)
        assert layout is not None and layout.get(f"{{{W}}}type") == "fixed", f"table {n}"
        tbl_w = tbl.find("w:tblPr/w:tblW", NS)
        assert tbl_w is not None and tbl_w.get(f"{{{W}}}type") == "dxa", f"table {n}"
        grid = [int(str(c.get(f"{{{W}}}w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
        assert grid == [_tw(w) for w in table.widths], f"table {n} gridCol"
        for r, tr in enumerate(tbl.findall("w:tr", NS)):
            col = 0
            for tc in tr.findall("w:tc", NS):
                tc_w = tc.find("w:tcPr/w:tcW", NS)
                assert tc_w is not None and tc_w.get(f"{{{W}}}type") == "dxa", (n, r)
                span_el = tc.find("w:tcPr/w:gridSpan", NS)
                span = int(str(span_el.get(f"{{{W}}}val"))) if span_el is not None else 1
                assert int(str(tc_w.get(f"{{{W}}}w"))) == sum(grid[col:col + span]), (n, r, col)
                col += span
            assert col == len(grid), f"table {n} row {r} covers {col} of {len(grid)} columns"


def test_rows_exact_height(case: Rendered) -> None:
    for n, (tbl, (_, table)) in enumerate(
        zip(_docx_tables(case.docx), _layout_tables(case.document), strict=True)
    ):
        for r, (tr, row) in enumerate(zip(tbl.findall("w:tr", NS), table.rows, strict=True)):
            height = tr.find("w:trPr/w:trHeight", NS)
            assert height is not None, (n, r)
            assert height.get(f"{{{W}}}hRule") == "exact", (n, r)
            assert int(str(height.get(f"{{{W}}}val"))) == _tw(row.height), (n, r)


def test_procedure_tables_repeat_their_two_header_rows(case: Rendered) -> None:
    procedure = 0
    for tbl, (page, table) in zip(_docx_tables(case.docx), _layout_tables(case.document),
                                  strict=True):
        flags = [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in tbl.findall("w:tr", NS)]
        if page.kind == "procedure" and table is page.tables[0]:
            procedure += 1
            assert flags[:2] == [True, True] and not any(flags[2:]), flags
        else:
            assert flags == [r.kind == "header" for r in table.rows]
    assert procedure == sum(p.kind == "procedure" for p in case.document.pages)


# ECMA-376 Part 1 sequences; Word rejects a child out of order as a damaged document.
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
               "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
               "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
              "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")


def _out_of_order(el: etree._Element, order: tuple[str, ...]) -> list[str] | None:
    names = [etree.QName(c).localname for c in el if isinstance(c.tag, str)]
    ranks = [order.index(n) if n in order else -1 for n in names]
    return names if -1 in ranks or ranks != sorted(ranks) else None


def test_table_and_cell_properties_in_schema_order(case: Rendered) -> None:
    root = _xml(case.docx)
    for tag, order in (("w:tblPr", TBLPR_ORDER), ("w:tcPr", TCPR_ORDER)):
        wrong = Counter(
            tuple(bad) for el in root.iterfind(f".//{tag}", NS)
            if (bad := _out_of_order(el, order)) is not None
        )
        assert not wrong, f"{tag} children out of schema order {order}: {dict(wrong)}"


def test_settings_compatibility_mode_15(case: Rendered) -> None:
    settings = _xml(case.docx, "word/settings.xml")
    modes = [el.get(f"{{{W}}}val") for el in settings.iterfind(".//w:compat/w:compatSetting", NS)
             if el.get(f"{{{W}}}name") == "compatibilityMode"]
    assert modes == ["15"]


def test_python_docx_reopens(case: Rendered) -> None:
    reopened = docx.Document(str(case.docx))
    assert len(reopened.tables) == len(_layout_tables(case.document))
    section = reopened.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width.pt - case.document.width) < 0.1
    assert abs(section.page_height.pt - case.document.height) < 0.1


def _shape_text(wsp: etree._Element) -> str:
    paragraphs = wsp.findall("wps:txbx/w:txbxContent/w:p", NS)
    return "\n".join("".join(t.text or "" for t in p.iterfind(".//w:t", NS)) for p in paragraphs)


def _prst(wsp: etree._Element) -> str | None:
    geom = wsp.find("wps:spPr/a:prstGeom", NS)
    return None if geom is None else str(geom.get("prst"))


def _ext(wsp: etree._Element) -> tuple[int, int]:
    ext = wsp.find("wps:spPr/a:xfrm/a:ext", NS)
    assert ext is not None
    return int(str(ext.get("cx"))), int(str(ext.get("cy")))


def _emu(pt: float) -> int:
    return round(pt * EMU_PER_PT)


def test_one_shape_per_symbol_route_and_label(case: Rendered) -> None:
    """Per page (each shape sits in its page's table): one preset shape per symbol,
    of the symbol's size and with the connector's letter as its text, one polyline per
    route with as many points and an arrowhead where the route has one, and one text
    box per label. Document order follows the cells the shapes are anchored in, so
    each page is compared as a multiset."""
    doc = case.document
    root = _xml(case.docx)
    all_shapes = root.findall(".//wps:wsp", NS)
    total = sum(len(p.symbols) + len(p.routes) + len(p.labels) for p in doc.pages)
    assert len(all_shapes) == total

    presets = Counter(_prst(s) for s in all_shapes if _prst(s) is not None)
    expected = Counter(PRESET[s.kind] for p in doc.pages for s in p.symbols)
    expected["rect"] = sum(len(p.labels) for p in doc.pages)  # Ya/Tidak: borderless boxes
    assert presets == expected

    for n, (tbl, (page, table)) in enumerate(
        zip(_docx_tables(case.docx), _layout_tables(doc), strict=True)
    ):
        shapes = tbl.findall(".//wps:wsp", NS)
        if table is not page.tables[0]:
            assert not shapes, f"table {n}: shapes outside the page's first table"
            continue
        symbols = sorted((_prst(s), _shape_text(s), *_ext(s)) for s in shapes
                         if _prst(s) not in (None, "rect"))
        assert symbols == sorted(
            (PRESET[s.kind], s.letter or "", _emu(s.box.w), _emu(s.box.h))
            for s in page.symbols
        ), f"table {n}: symbols (preset, text, cx, cy) differ from the layout's"

        polylines = sorted(
            (len(path), s.find("wps:spPr/a:ln/a:tailEnd", NS) is not None)
            for s in shapes if (path := s.findall("wps:spPr/a:custGeom/a:pathLst/a:path/*",
                                                  NS))
        )
        assert polylines == sorted((len(r.points), r.arrow) for r in page.routes), \
            f"table {n}: polylines (points, arrowhead) differ from the layout's routes"

        labels = sorted(_shape_text(s) for s in shapes if _prst(s) == "rect")
        assert labels == sorted(lb.text for lb in page.labels), f"table {n}"


def test_connector_letters_are_shape_text(case: Rendered) -> None:
    connectors = [s for s in _xml(case.docx).iterfind(".//wps:wsp", NS)
                  if s.find("wps:spPr/a:prstGeom[@prst='flowChartOffpageConnector']", NS)
                  is not None]
    letters = [s.letter for p in case.document.pages for s in p.symbols
               if s.kind is SymbolKind.CONNECTOR]
    assert all(letters)
    assert bool(letters) == (len([p for p in case.document.pages if p.kind == "procedure"]) > 1)
    # document order follows the cells the shapes are anchored in, not the layout's order
    assert sorted(_shape_text(s) for s in connectors) == sorted(x or "" for x in letters)


# --- 2. determinism -----------------------------------------------------------------------


@pytest.mark.parametrize("book", [EXAMPLE, FORTY], ids=["example", "forty"])
def test_same_workbook_same_bytes(book: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1", tmp_path / "2"
    _build([book], first, "docx")
    _build([book], second, "docx")
    a = (first / f"{book.stem}.docx").read_bytes()
    b = (second / f"{book.stem}.docx").read_bytes()
    assert a == b


def test_zip_normalised(case: Rendered) -> None:
    with zipfile.ZipFile(case.docx) as z:
        infos = z.infolist()
        assert z.testzip() is None
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    names = [i.filename for i in infos]
    assert not [n for n in names if "thumbnail" in n.lower()], names
    assert len(names) == len(set(names))


def _identitas(book: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(book, read_only=True)
    try:
        return {str(r[0]).strip(): r[1] for r in wb["Identitas"].iter_rows(min_row=2,
                                                                          values_only=True)
                if r and r[0] is not None}
    finally:
        wb.close()


def _core(path: Path) -> dict[str, str]:
    core = _xml(path, "docProps/core.xml")
    return {etree.QName(el).localname: el.text or "" for el in core}


def test_core_properties_from_identitas(case: Rendered) -> None:
    ident = _identitas(case.xlsx)
    core = _core(case.docx)
    assert core["title"] == ident["Nama SOP"]
    assert core["subject"] == ident["Nomor SOP"]
    assert core["creator"] == ident["Satuan Kerja"]
    assert core["created"] == "2023-07-01T00:00:00Z"  # Tanggal Pembuatan: 01 JULI 2023
    assert core["modified"] == "2023-07-01T00:00:00Z"  # Efektif 01 Juli 2023, no Revisi
    for part in ("docProps/core.xml", "docProps/app.xml"):
        assert b"python-docx" not in _part(case.docx, part).lower(), part


@pytest.mark.parametrize(
    ("revisi", "efektif", "modified"),
    [
        (None, "10 Juli 2023", dt.date(2023, 7, 10)),
        ("01 Maret 2024", "10 Juli 2023", dt.date(2024, 3, 1)),
        ("05 Juli 2023", "01 Agustus 2023", dt.date(2023, 8, 1)),
    ],
)
def test_core_modified_is_latest_of_revisi_and_efektif(
    revisi: str | None, efektif: str, modified: dt.date, tmp_path: Path
) -> None:
    book = _variant(EXAMPLE, tmp_path / "sop.xlsx", "Identitas",
                    {"Tanggal Revisi": revisi, "Tanggal Efektif": efektif})
    _build([book], tmp_path, "docx")
    core = _core(tmp_path / "sop.docx")
    assert core["created"] == "2023-07-01T00:00:00Z"
    assert core["modified"] == f"{modified.isoformat()}T00:00:00Z"


# --- 3. LibreOffice: pages ------------------------------------------------------------------

RENDER_CASES = ["example", "forty", "forty-f4-lanskap", "forty-a4-potret"]
PAPER = {  # (width, height) in pt
    "example": (841.89, 595.28), "forty": (841.89, 595.28),
    "forty-f4-lanskap": (935.43, 609.45), "forty-a4-potret": (595.28, 841.89),
}  # fmt: skip


def _sizes(pdf: Path) -> list[tuple[float, float]]:
    sizes = []
    for page in PdfReader(pdf).pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        sizes.append((h, w) if page.rotation % 180 else (w, h))
    return sizes


@pytest.mark.parametrize("name", RENDER_CASES)
def test_libreoffice_pages_and_size_match_weasyprint(
    name: str, rendered: dict[str, Rendered], lo_pdfs: dict[str, Path]
) -> None:
    r = rendered[name]
    pages = len(r.document.pages)
    want = PAPER[name]
    # LibreOffice's DOCX import snaps each page dimension within 1.25 pt of a paper it
    # knows to that paper (i18nutil PaperInfo::sloppyFitPageDimension): F4's 935.43 x
    # 609.45 pt comes out 936 (13 in) x 610 (Quarto's width). Word keeps the twips.
    for which, pdf, slack in (("WeasyPrint", r.pdf, 0.1), ("LibreOffice", lo_pdfs[name], 1.3)):
        sizes = _sizes(pdf)
        assert len(sizes) == pages, f"{which}: {len(sizes)} pages, layout has {pages}"
        for n, (w, h) in enumerate(sizes, start=1):
            assert abs(w - want[0]) < slack and abs(h - want[1]) < slack, \
                f"{which} page {n}: {w:.2f} x {h:.2f} pt, want {want[0]} x {want[1]}"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _words(pdf: Path) -> list[list[Word]]:
    """Every page's words with their boxes (pt, origin top-left), by `pdftotext -bbox`."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         check=True, timeout=60).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=False, resolve_entities=False))
    return [
        [Word(w.text or "", *(float(str(w.get(k))) for k in ("xMin", "yMin", "xMax", "yMax")))
         for w in page.iter(f"{{{XHTML}}}word")]
        for page in root.iter(f"{{{XHTML}}}page")
    ]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _kegiatan_column(page: Page) -> Box:
    """The Kegiatan cells of the page's step rows, as one box."""
    table = page.tables[0]
    header = next(c for c in table.rows[0].cells if c.paras and c.paras[0].text == "Kegiatan")
    rows = [i for i, row in enumerate(table.rows) if row.kind == "step"]
    top = table.row_y(rows[0])
    bottom = table.row_y(rows[-1]) + table.rows[rows[-1]].height
    x = table.col_x(header.col)
    return Box(x, top, table.widths[header.col], bottom - top)


def _column_text(words: list[Word], box: Box) -> str:
    inside = [w for w in words if box.x <= w.cx <= box.right and box.y <= w.cy <= box.bottom]
    inside.sort(key=lambda w: (round(w.y0, 1), w.x0))
    return _norm(" ".join(w.text for w in inside))


def _step_pages(r: Rendered, pages: list[list[Word]]) -> dict[int, list[int]]:
    """For every step, the pages whose Kegiatan column holds its first 25 characters,
    counted so that repeated activities land on as many pages as the layout has them."""
    doc = r.document
    prefix = {s.no: _norm(s.kegiatan)[:25] for s in r.sop.steps}
    found: dict[int, list[int]] = {no: [] for no in prefix}
    for n, page in enumerate(doc.pages, start=1):
        if page.kind != "procedure" or not page.steps or n > len(pages):
            continue
        text = _column_text(pages[n - 1], _kegiatan_column(page))
        expected_text = _norm(" ".join(r.sop.step(no).kegiatan for no in page.steps))
        for no, p in prefix.items():
            if text.count(p) and text.count(p) == expected_text.count(p):
                found[no].append(n)
            elif text.count(p):
                found[no].append(-n)  # on this page, but not as often as the layout has it
    return found


@pytest.mark.parametrize("name", RENDER_CASES)
def test_libreoffice_each_step_on_the_layouts_page(
    name: str, rendered: dict[str, Rendered], lo_pdfs: dict[str, Path]
) -> None:
    r = rendered[name]
    layout_page = {no: n for n, page in enumerate(r.document.pages, start=1)
                   for no in page.steps}
    wp = _step_pages(r, _words(r.pdf))
    lo_ = _step_pages(r, _words(lo_pdfs[name]))
    wrong = [
        (no, layout_page[no], wp[no], lo_[no]) for no in sorted(layout_page)
        if layout_page[no] not in wp[no] or layout_page[no] not in lo_[no] or wp[no] != lo_[no]
    ]
    assert not wrong, (
        "(step, layout page, pages in WeasyPrint PDF, pages in LibreOffice PDF; "
        f"negative: count differs): {wrong}"
    )


# --- 4. LibreOffice: geometry -----------------------------------------------------------------


def _nearest(words: list[Word], text: str, x: float, y: float) -> Word | None:
    same = [w for w in words if w.text == text]
    return min(same, key=lambda w: abs(w.cx - x) + abs(w.cy - y), default=None)


def _misplaced(doc: Document, pages: list[list[Word]]) -> Iterator[str]:
    """Connector letters centred on their symbol; Ya/Tidak starting at their label box."""
    for n, page in enumerate(doc.pages, start=1):
        words = pages[n - 1] if n <= len(pages) else []
        for symbol in page.symbols:
            if not symbol.letter:
                continue
            b = symbol.box
            w = _nearest(words, symbol.letter, b.cx, b.cy)
            if w is None:
                yield f"page {n}: connector {symbol.letter} not found"
            elif (abs(w.cx - b.cx) > TOLERANCE or w.y0 < b.y - TOLERANCE
                  or w.y1 > b.bottom + TOLERANCE):
                yield (f"page {n}: connector {symbol.letter} text at x {w.x0:.1f}-{w.x1:.1f}, "
                       f"y {w.y0:.1f}-{w.y1:.1f}; symbol {b}")
        for label in page.labels:
            b = label.box
            lines = label.text.split("\n")  # a label set on two or three lines
            for i, line in enumerate(lines):
                cy = b.y + (i + 0.5) * b.h / len(lines)
                w = _nearest(words, line.split()[0], b.x, cy)
                if w is None:
                    yield f"page {n}: label {label.text!r} not found"
                elif (abs(w.x0 - b.x) > TOLERANCE or abs(w.cy - cy) > TOLERANCE
                      or w.x1 > b.right + TOLERANCE):
                    yield (f"page {n}: label {label.text!r} line {i + 1} at ({w.x0:.1f}, "
                           f"{w.y0:.1f})-({w.x1:.1f}, {w.y1:.1f}); layout box {b}")


@pytest.mark.parametrize("name", RENDER_CASES)
def test_libreoffice_letters_and_labels_where_the_layout_put_them(
    name: str, rendered: dict[str, Rendered], lo_pdfs: dict[str, Path]
) -> None:
    r = rendered[name]
    if name != "example":  # the example's nine steps fit one page: no connectors there
        assert any(s.letter for p in r.document.pages for s in p.symbols)
    assert any(p.labels for p in r.document.pages)
    problems = [f"LibreOffice {m}" for m in _misplaced(r.document, _words(lo_pdfs[name]))]
    problems += [f"WeasyPrint {m}" for m in _misplaced(r.document, _words(r.pdf))]
    assert not problems, "\n".join(problems)


# --- the LibreOffice helper itself ---------------------------------------------------------


def test_lo_helper_refuses_colliding_and_missing_sources(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "sop.docx").write_bytes(b"")
    with pytest.raises(lo.ConversionError, match="share a name"):
        lo.to_pdf([tmp_path / "a" / "sop.docx", tmp_path / "b" / "sop.docx"], tmp_path / "o")
    with pytest.raises(lo.ConversionError, match="no such file"):
        lo.to_pdf([tmp_path / "missing.docx"], tmp_path / "o")
    assert lo.to_pdf([], tmp_path / "o") == []


def test_lo_helper_timeout_is_a_clear_error(rendered: dict[str, Rendered],
                                            tmp_path: Path) -> None:
    with pytest.raises(lo.ConversionError, match="did not finish within"):
        lo.to_pdf([rendered["example"].docx], tmp_path, timeout=0.05)


# --- hyphenated words: a line breaks after the hyphen in every engine --------------------

def _hyphenated_sop() -> Sop:
    """Five roles on A4 portrait, every text holding Indonesian hyphenated words
    (`perundang-undangan`, `berkas-berkas`) wider than the Kegiatan column is made:
    its lines break after the hyphens, which the layout and both engines must agree on."""
    m, p, k, s = Kind.MULAI, Kind.PROSES, Kind.KEPUTUSAN, Kind.SELESAI
    steps = [make_step(1, m, (0,)), make_step(2, p, (1,)),
             make_step(3, k, (2,), if_yes=4, if_no=2, label_yes="Lengkap",
                       label_no="Belum lengkap"),
             make_step(4, p, (3,)), make_step(5, p, (4,)),
             make_step(6, k, (4,), if_yes=7, if_no=5, label_yes="Sesuai",
                       label_no="Tidak sesuai"),
             make_step(7, p, (3,)), make_step(8, s, (0,))]
    steps = [replace(st, kegiatan="Memeriksa kesesuaian berkas-berkas dengan peraturan "
                                  "perundang-undangan yang berlaku",
                     kelengkapan="Dokumen perundang-undangan, surat-menyurat",
                     output="Laporan pertanggung-jawaban",
                     keterangan="Sesuai peraturan perundang-undangan") for st in steps]
    return Sop(IDENTITY, PROVISIONS, tuple(make_role(i, f"Pelaksana {i}") for i in range(5)),
               tuple(steps), Settings(paper=Paper.A4, landscape=False))


def test_hyphenated_words_break_alike_in_libreoffice_and_weasyprint(tmp_path: Path) -> None:
    sop = _hyphenated_sop()
    document = layout(sop)
    assert document.warnings == ()  # broken at its hyphen, no word is cut
    (tmp_path / "sop.pdf").write_bytes(render("pdf", sop, document))
    (tmp_path / "sop.docx").write_bytes(render("docx", sop, document))
    [converted] = lo.to_pdf([tmp_path / "sop.docx"], tmp_path / "lo")
    engines = {"WeasyPrint": _words(tmp_path / "sop.pdf"), "LibreOffice": _words(converted)}
    for n, page in enumerate(document.pages):
        if page.kind != "procedure" or not page.steps:
            continue
        column = _kegiatan_column(page)
        assert column.w - 2 * PAD < fonts.text_width("perundang-undangan", BODY)  # it breaks
        lines = {}
        for which, pages in engines.items():
            inside = sorted((w for w in pages[n] if column.x <= w.cx <= column.right
                             and column.y <= w.cy <= column.bottom), key=lambda w: (w.y0, w.x0))
            lines[which] = [(w.text, w.y0) for w in inside]
        want = lines["WeasyPrint"]
        assert [t for t, _ in want].count("perundang-") == len(page.steps), want
        got = lines["LibreOffice"]
        assert [t for t, _ in got] == [t for t, _ in want]
        assert all(abs(a - b) <= TOLERANCE for (_, a), (_, b) in zip(got, want, strict=True))


def test_labels_on_several_lines_where_the_layout_put_them(tmp_path: Path) -> None:
    # Eight roles on A4 portrait: `Berkas belum lengkap` on three lines, `Tidak sesuai
    # aturan` on two; each line starts at its place in the label's box in both engines.
    sop = wide_labels_sop(landscape=False)
    document = layout(sop)
    texts = sorted(label.text for page in document.pages for label in page.labels)
    assert "Berkas\nbelum\nlengkap" in texts and "Tidak sesuai\naturan" in texts
    (tmp_path / "sop.pdf").write_bytes(render("pdf", sop, document))
    (tmp_path / "sop.docx").write_bytes(render("docx", sop, document))
    [converted] = lo.to_pdf([tmp_path / "sop.docx"], tmp_path / "lo")
    problems = [f"LibreOffice {m}" for m in _misplaced(document, _words(converted))]
    problems += [f"WeasyPrint {m}" for m in _misplaced(document, _words(tmp_path / "sop.pdf"))]
    assert not problems, "\n".join(problems)
