"""Fuzzing below the cells: random zip entries, parts, sizes, dimensions and positions.

test_fuzz_loader.py varies what openpyxl can write; here the package itself is
generated: which parts exist and how they are compressed, `<dimension>`
refs that lie, row and column numbers up to and past Excel's limits, every
cell type attribute, shared-string and style indexes in and out of range,
merged ranges, a DTD, garbage. Reading must return tables or refuse with
one Indonesian sentence, quickly; and a clean sheet is read back cell for
cell whatever its `<dimension>` says.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from crafted import MAIN, REL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopgen.loader import load
from sopgen.workbook import WorkbookUnreadable, cell_ref, read_workbook

FUZZ = settings(max_examples=int(os.environ.get("SOPGEN_FUZZ", "80")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SHEETS = ["Identitas", "Ketentuan", "Pelaksana", "Prosedur", "Pengaturan", "Libur",
          "PROSEDUR", "Catatan"]
HEADERS = ["No", "Kegiatan", "Pelaksana", "Jenis", "Jika Ya", "Jika Tidak", "Waktu",
           "Isian", "Nilai", "Tanggal", "Singkatan", "Dasar Hukum"]
ROWS = st.one_of(st.integers(1, 12), st.sampled_from([4999, 5000, 5001, 1_048_576, 1_048_577,
                                                       2_000_000_000]))
COLUMNS = st.one_of(st.integers(1, 12), st.sampled_from([100, 101, 16_384, 16_385]))
KINDS = st.sampled_from([None, "n", "s", "str", "inlineStr", "b", "e", "d", "x"])
TEXT = st.one_of(st.sampled_from(["0", "1", "-5", "45000", "1e308", "1e309", "nan", "", "x",
                                  "#REF!", "2023-07-01T00:00:00", "15 menit", "_x000D_"]),
                 st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                         max_size=12))
DIMENSIONS = st.one_of(st.none(), st.sampled_from(["A1", "A1:D3", "A1:XFD1048576", "Z9:A1",
                                                    "A1:J2000000000", "bukan"]))
METHODS = st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                           zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def cells(draw: st.DrawFn) -> tuple[int, str]:
    """(row, XML) of one cell."""
    row, column = draw(ROWS), draw(COLUMNS)
    kind, text = draw(KINDS), _escape(draw(TEXT))
    attrs = f' r="{cell_ref(row, column)}"' if draw(st.integers(0, 5)) else ""
    if kind:
        attrs += f' t="{kind}"'
    style = draw(st.sampled_from([None, 0, 1, 2, 3, 70_000]))
    if style is not None:
        attrs += f' s="{style}"'
    formula = "<f>A1+1</f>" if draw(st.integers(0, 5)) == 0 else ""
    if kind == "inlineStr":
        return row, f"<c{attrs}>{formula}<is><t>{text}</t></is></c>"
    value = "" if draw(st.integers(0, 6)) == 0 else f"<v>{text}</v>"
    return row, f"<c{attrs}>{formula}{value}</c>"


@st.composite
def sheet_xml(draw: st.DrawFn) -> str:
    header = "".join(
        f'<c r="{cell_ref(1, i)}" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(draw(st.lists(st.sampled_from(HEADERS), max_size=8)), start=1)
    )
    body = sorted(draw(st.lists(cells(), max_size=25)))
    rows = f'<row r="1">{header}</row>' + "".join(
        f'<row r="{r}">{c}</row>' if draw(st.booleans()) else f"<row>{c}</row>" for r, c in body)
    dimension = draw(DIMENSIONS)
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    merges = draw(st.lists(st.sampled_from(["A2:A3", "B2:C2", "H3:H4", "A1:XFD1048576", "Q"]),
                           max_size=2))
    merged = ("<mergeCells>" + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
              + "</mergeCells>") if merges else ""
    doctype = '<!DOCTYPE worksheet [<!ENTITY x "x">]>' if draw(st.integers(0, 15)) == 0 else ""
    return (f'<?xml version="1.0"?>{doctype}<worksheet xmlns="{MAIN}">{dim}<sheetData>{rows}'
            f"</sheetData>{merged}</worksheet>")


@st.composite
def packages(draw: st.DrawFn) -> bytes:
    names = draw(st.lists(st.sampled_from(SHEETS), min_size=1, max_size=5, unique=True))
    parts: dict[str, str | bytes] = {}
    sheets, rels = [], []
    for i, name in enumerate(names, start=1):
        sheets.append(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = draw(sheet_xml())
    if draw(st.booleans()):
        strings = draw(st.lists(TEXT, max_size=6))
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">' + "".join(
            f"<si><t>{_escape(s)}</t></si>" for s in strings) + "</sst>"
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
    if draw(st.booleans()):
        formats = draw(st.lists(st.sampled_from([0, 14, 20, 46, 164, 165]), max_size=4))
        parts["xl/styles.xml"] = (
            f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="d/m/yyyy"/>'
            '<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts><cellXfs>'
            + "".join(f'<xf numFmtId="{f}"/>' for f in formats) + "</cellXfs></styleSheet>")
        rels.append(f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>')
    date1904 = '<workbookPr date1904="1"/>' if draw(st.booleans()) else ""
    parts["xl/workbook.xml"] = (f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{date1904}<sheets>'
                                + "".join(sheets) + "</sheets></workbook>")
    parts["xl/_rels/workbook.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>")
    if draw(st.integers(0, 10)) == 0:
        victim = draw(st.sampled_from(sorted(parts)))
        parts[victim] = draw(st.binary(max_size=40))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data, compress_type=draw(METHODS))
    return buffer.getvalue()


@FUZZ
@given(packages())
def test_any_package_is_read_or_refused_quickly(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("paket")
    path = folder / "acak.xlsx"
    path.write_bytes(data)
    start = time.process_time()
    try:
        checked = load(path)
    except WorkbookUnreadable as err:
        assert str(err).startswith(f"{path}: "), err
        assert "Traceback" not in str(err)
    else:
        assert (checked.sop is None) == bool(checked.errors)
        for problem in checked.problems:
            assert problem.text.strip() and "Error" not in problem.text, problem
    assert time.process_time() - start < 2.0


@st.composite
def clean_sheets(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    """Cells (ref -> text) below a header row of every column used, and a dimension."""
    width = draw(st.integers(1, 30))
    refs = draw(st.sets(st.tuples(st.integers(2, 400), st.integers(1, width)), max_size=40))
    texts = {cell_ref(r, c): f"t{r}-{c}" for r, c in refs}
    dimension = draw(st.sampled_from(["A1", "A1:D3", "A1:B2", f"A1:{cell_ref(2, width)}"]))
    return texts, dimension


@FUZZ
@given(clean_sheets())
def test_a_lying_dimension_loses_no_cell(
    tmp_path_factory: pytest.TempPathFactory, sheet: tuple[dict[str, str], str]
) -> None:
    texts, dimension = sheet
    columns = sorted({ref.rstrip("0123456789") for ref in texts} | {"A"},
                     key=lambda letters: (len(letters), letters))
    header = "".join(f'<c r="{c}1" t="inlineStr"><is><t>H{c}</t></is></c>' for c in columns)
    by_row: dict[int, list[str]] = {}
    for ref, text in texts.items():
        row = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        by_row.setdefault(row, []).append(
            f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
    rows = "".join(f'<row r="{r}">{"".join(by_row[r])}</row>' for r in sorted(by_row))
    xml = (f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>'
           f'<row r="1">{header}</row>{rows}</sheetData></worksheet>')
    folder = tmp_path_factory.mktemp("dimensi")
    path = folder / "sop.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                    '<sheet name="Prosedur" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/s.xml"/>'
            "</Relationships>"))
        zf.writestr("xl/worksheets/s.xml", xml)
    table = read_workbook(path).table("Prosedur")
    assert table is not None
    read = {cell.ref: cell.value for row in table.rows for cell in row.cells.values()}
    assert read == texts


def _one_sheet(path: Path, cells: str, strings: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                    '<sheet name="Prosedur" sheetId="1" r:id="rId1"/></sheets></workbook>')
        link = (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sst.xml"/>'
                if strings is not None else "")
        zf.writestr("xl/_rels/workbook.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="s.xml"/>{link}'
            "</Relationships>"))
        if strings is not None:
            zf.writestr("xl/sst.xml", f'<sst xmlns="{MAIN}">{strings}</sst>')
        zf.writestr("xl/s.xml", (
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            f"<is><t>No</t></is></c></row>{cells}</sheetData></worksheet>"))
    return path


@pytest.mark.parametrize("cells", [
    '<row r="2"><c r="A2" t="s"><v>x</v></c></row>',  # a string index that is no number
    '<row r="2"><c r="A2" t="s"><v>-1</v></c></row>',
    '<row r="2"><c r="A2" t="s"><v>7</v></c></row>',  # past the last string
    '<row r="2"><c r="A2" s="abc"><v>1</v></c></row>',
    '<row r="2"><c r="A0"><v>1</v></c></row>',
    '<row r="2"><c r="2A"><v>1</v></c></row>',
    '<row r="dua"><c><v>1</v></c></row>',
    '<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
    '<row r="2"><c r="A2" t="n"><v>satu</v></c></row>',
], ids=["index-x", "index-negative", "index-past-end", "style-x", "row-0", "ref-reversed",
        "row-word", "rows-backwards", "number-word"])
def test_a_malformed_cell_is_a_broken_workbook(tmp_path: Path, cells: str) -> None:
    path = _one_sheet(tmp_path / "sop.xlsx", cells, "<si><t>a</t></si>")
    with pytest.raises(WorkbookUnreadable) as info:
        read_workbook(path)
    assert "rusak" in str(info.value)
