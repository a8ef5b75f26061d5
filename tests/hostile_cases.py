"""The hostile and odd workbooks of issue 16, each made in a few lines.

Each maker writes `<folder>/sop.xlsx` (plus a logo where one is needed) and
returns its path. test_hostile.py runs them through `sopgen build` in a
child process; bench-style figures for the README come from the same makers.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from crafted import (
    MAIN,
    REL,
    SHEET_PARTS,
    add_sheets,
    append_rows,
    base,
    inline,
    repack,
    repeated,
    set_dimension,
    sheet_part,
)
from workbooks import STEPS, Cell, valid_sheets, write

Maker = Callable[[Path], Path]
PROSEDUR = sheet_part(SHEET_PARTS["Prosedur"])
PELAKSANA = sheet_part(SHEET_PARTS["Pelaksana"])
_STYLES = "xl/styles.xml"
_BOOK = "xl/workbook.xml"
_RELS = "xl/_rels/workbook.xml.rels"
_FIRST_KEGIATAN = inline("B2", str(STEPS[0][1]))


def styles_bloat(folder: Path) -> Path:
    """1.5 million cell formats (93 MB of styles.xml); the cells use the first one."""
    src = base(folder, valid_sheets())
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    head = (
        f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill/>'
        '</fills><borders count="1"><border/></borders><cellXfs count="1500000">'
    )
    return repack(src, folder / "sop.xlsx",
                  {_STYLES: repeated(head, xf, 1_500_000, "</cellXfs></styleSheet>")})


def styles_fonts_bloat(folder: Path) -> Path:
    """2 million fonts before the cell formats, and a cell that uses format 1."""
    src = base(folder, valid_sheets())
    head = f'<styleSheet xmlns="{MAIN}"><fonts count="2000000">'
    tail = ('</fonts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
            "</styleSheet>")

    def styled(xml: str) -> str:
        return xml.replace('<c r="A2"', '<c r="A2" s="1"', 1)

    return repack(src, folder / "sop.xlsx",
                  {_STYLES: repeated(head, "<font/>", 2_000_000, tail), PROSEDUR: styled})


def defined_names(folder: Path) -> Path:
    """1.7 million defined names in workbook.xml."""
    src = base(folder, valid_sheets())
    with zipfile.ZipFile(src) as zf:
        book = zf.read(_BOOK).decode()
    start, _, end = book.partition("<definedNames/>")
    name = '<definedName name="n">Prosedur!$A$1</definedName>'
    return repack(src, folder / "sop.xlsx", {
        _BOOK: repeated(start + "<definedNames>", name, 1_700_000, "</definedNames>" + end),
    })


def _shared_strings(folder: Path, before: int, after: int) -> Path:
    """The first step's Kegiatan as a shared string, with unused strings around it."""
    src = base(folder, valid_sheets())
    junk = "<si><t>x</t></si>"
    used = f"<si><t>{STEPS[0][1]}</t></si>"

    def strings() -> list[bytes]:
        head = f'<sst xmlns="{MAIN}" count="{before + after + 1}">'
        return [*repeated(head, junk, before, used), *repeated("", junk, after, "</sst>")]

    def cell(xml: str) -> str:
        return xml.replace(_FIRST_KEGIATAN, f'<c r="B2" t="s"><v>{before}</v></c>')

    def rels(xml: str) -> str:
        link = (f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" '
                'Target="sharedStrings.xml"/>')
        return xml.replace("</Relationships>", link + "</Relationships>")

    return repack(src, folder / "sop.xlsx",
                  {"xl/sharedStrings.xml": strings(), PROSEDUR: cell, _RELS: rels})


def strings_unused_after(folder: Path) -> Path:
    """3.8 million strings no cell uses, after the used one."""
    return _shared_strings(folder, 0, 3_800_000)


def strings_unused_before(folder: Path) -> Path:
    """3.8 million unused strings before the one a cell uses."""
    return _shared_strings(folder, 3_800_000, 0)


def bzip2_lying(folder: Path) -> Path:
    """Prosedur compressed with bzip2 (which Excel never writes), its size declared as 1 KB."""
    src = base(folder, valid_sheets())
    path = repack(src, folder / "sop.xlsx",
                  {PROSEDUR: repeated("<worksheet>", " " * 1000, 50_000, "</worksheet>")},
                  methods={PROSEDUR: zipfile.ZIP_BZIP2})
    _declare_size(path, PROSEDUR, 1024)
    return path


def _declare_size(path: Path, part: str, size: int) -> None:
    """Overwrite the uncompressed size the zip's central directory states for `part`."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == name:
            size_at = at + 24
            if data[size_at : size_at + 4] != b"\xff\xff\xff\xff":  # not zip64
                data[size_at : size_at + 4] = size.to_bytes(4, "little")
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def notes_sheets(folder: Path) -> Path:
    """Six ignored notes sheets of 4,000 x 100 numbers each."""
    src = base(folder, valid_sheets())
    with zipfile.ZipFile(src) as zf:
        book, rels = zf.read(_BOOK).decode(), zf.read(_RELS).decode()
    row = "<row>" + "<c><v>12345</v></c>" * 100 + "</row>"
    titles = [(f"Catatan {i}", f"xl/worksheets/catatan{i}.xml") for i in range(6)]
    book, rels = add_sheets(book, rels, titles)
    parts: dict[str, object] = {_BOOK: book, _RELS: rels}
    for _, part in titles:
        parts[part] = repeated(f'<worksheet xmlns="{MAIN}"><sheetData>', row, 4000,
                               "</sheetData></worksheet>")
    return repack(src, folder / "sop.xlsx", parts)  # type: ignore[arg-type]


def many_steps(folder: Path, count: int = 4999) -> Path:
    """A legitimate Prosedur of `count` steps, one role."""
    sheets = valid_sheets()
    sheets["Pelaksana"] = [["Pelaksana"], ["Staf"]]
    sheets["Prosedur"] = [sheets["Prosedur"][0]]
    for no in range(1, count + 1):
        sheets["Prosedur"].append([no, f"Langkah nomor {no}", "Staf", None, None, None,
                                   None, "5 menit"])
    return write(folder / "sop.xlsx", sheets)


def far_row(folder: Path) -> Path:
    """A cell at row 2,000,000,000 and a dimension that matches it."""
    src = base(folder, valid_sheets())

    def far(xml: str) -> str:
        xml = set_dimension(xml, "A1:J2000000000")
        return append_rows(xml, '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>')

    return repack(src, folder / "sop.xlsx", {PROSEDUR: far})


def stale_dimension(folder: Path) -> Path:
    """`<dimension ref="A1:D3">` on Prosedur and Pelaksana, whose data runs further."""
    src = base(folder, valid_sheets())
    return repack(src, folder / "sop.xlsx", {
        PROSEDUR: lambda xml: set_dimension(xml, "A1:D3"),
        PELAKSANA: lambda xml: set_dimension(xml, "A1:A2"),
    })


def dimension_a1(folder: Path) -> Path:
    """`<dimension ref="A1">` on every sheet, as some exporters write."""
    src = base(folder, valid_sheets())
    return repack(src, folder / "sop.xlsx", {
        sheet_part(i): (lambda xml: set_dimension(xml, "A1")) for i in SHEET_PARTS.values()
    })


def far_cell_stale_dimension(folder: Path) -> Path:
    """A Kegiatan far below the data (row 4000) behind a dimension that ends at J6."""
    src = base(folder, valid_sheets())
    row = f'<row r="4000">{inline("B4000", "catatan lama")}</row>'
    return repack(src, folder / "sop.xlsx", {PROSEDUR: lambda xml: append_rows(xml, row)})


def big_ignored_sheet(folder: Path) -> Path:
    """An extra sheet `Data Pegawai` of 8,000 rows."""
    sheets = valid_sheets()
    rows: list[list[Cell]] = [["NIP", "Nama", "Jabatan"]]
    rows += [[f"19800101 200501 1 {i:03d}", f"Pegawai {i}", "Staf"] for i in range(8000)]
    sheets["Data Pegawai"] = rows
    return write(folder / "sop.xlsx", sheets)
