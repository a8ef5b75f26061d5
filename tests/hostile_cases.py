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


def _shared_strings(folder: Path, before: int, after: int, text: str = str(STEPS[0][1])) -> Path:
    """The first step's Kegiatan as a shared string, with unused strings around it."""
    src = base(folder, valid_sheets())
    junk = "<si><t>x</t></si>"
    used = f"<si><t>{text}</t></si>"

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


def column_far_right(folder: Path) -> Path:
    """Prosedur's Waktu in column DR (122), past the 100 columns once read."""
    sheets = valid_sheets()
    for row in sheets["Prosedur"]:
        waktu = row[7]
        row[7] = None
        row.extend([None] * (121 - len(row)) + [waktu])
    return write(folder / "sop.xlsx", sheets)


def invisible_characters(folder: Path) -> Path:
    """A BOM before `No`, a zero-width space in `Kegiatan`, a role ending in one."""
    sheets = valid_sheets()
    sheets["Prosedur"][0][0] = "\ufeffNo"
    sheets["Prosedur"][0][1] = "Kegi\u200batan"
    sheets["Pelaksana"][3][0] = "Staf\u200b"
    sheets["Prosedur"][4][2] = "Staf\u200b"
    return write(folder / "sop.xlsx", sheets)


def sheet_twice(folder: Path) -> Path:
    """`PROSEDUR` and `prosedur `: names that fold alike."""
    sheets = valid_sheets()
    sheets["PROSEDUR"] = sheets.pop("Prosedur")
    sheets["prosedur "] = [list(r) for r in sheets["PROSEDUR"]]
    return write(folder / "sop.xlsx", sheets)


def long_identity(folder: Path) -> Path:
    """A 262-character Nama SOP and a 235-character Satuan Kerja."""
    sheets = valid_sheets()
    nama = ("SOP Penyusunan, Verifikasi, Pengesahan dan Pelaporan Dokumen Rencana Kerja "
            "serta Penetapan Kinerja Tahunan Perangkat Daerah di Lingkungan Pemerintah "
            "Kabupaten Balangan Berdasarkan Peraturan Menteri Dalam Negeri Nomor 86 Tahun "
            "2017 tentang Tata Cara Perencanaan Daerah")[:262]
    satker = ("Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah Kabupaten Balangan "
              "Provinsi Kalimantan Selatan, Bidang Perencanaan Anggaran, Sub Bidang "
              "Evaluasi dan Pelaporan Kinerja Keuangan Daerah serta Pengelolaan Aset Tetap "
              "dan Barang Milik Daerah")[:235]
    assert (len(nama), len(satker)) == (262, 235), (len(nama), len(satker))
    sheets["Identitas"][4][1] = nama
    sheets["Identitas"][2][1] = satker
    return write(folder / "sop.xlsx", sheets)


def with_logo(folder: Path, name: str) -> Path:
    sheets = valid_sheets()
    sheets["Identitas"][13][1] = name
    return write(folder / "sop.xlsx", sheets)


def cmyk_logo(folder: Path) -> Path:
    from PIL import Image

    Image.new("CMYK", (120, 120), (0, 128, 255, 0)).save(folder / "logo.jpg")
    return with_logo(folder, "logo.jpg")


def _png(width: int, height: int, idat: bytes) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def huge_png_logo(folder: Path) -> Path:
    """A PNG that declares 20,000 x 20,000 pixels (400 megapixels) in a few bytes."""
    import zlib

    (folder / "logo.png").write_bytes(_png(20_000, 20_000, zlib.compress(bytes(60_001))))
    return with_logo(folder, "logo.png")


def corrupt_png_logo(folder: Path) -> Path:
    """A PNG whose chunks are intact (right CRCs) but whose image stream is garbage."""
    (folder / "logo.png").write_bytes(_png(64, 64, b"\x78\x9c" + bytes(range(256)) * 4))
    return with_logo(folder, "logo.png")


def symlink_loop_logo(folder: Path) -> Path:
    (folder / "a.png").symlink_to(folder / "b.png")
    (folder / "b.png").symlink_to(folder / "a.png")
    return with_logo(folder, "a.png")


def long_name_logo(folder: Path) -> Path:
    return with_logo(folder, "logo-" + "x" * 295 + ".png")


def clock_before_midnight(folder: Path) -> Path:
    """Jam Masuk 23:59:59.9 as Excel stores it: a fraction of a day."""
    sheets = valid_sheets()
    sheets["Pengaturan"] = [["Isian", "Nilai"], ["Jam Masuk", 0.99999988]]
    return write(folder / "sop.xlsx", sheets)


def negative_date_serial(folder: Path) -> Path:
    """Tanggal Efektif formatted as a date, holding the serial -5."""
    import datetime as dt

    sheets = valid_sheets()
    sheets["Identitas"][7][1] = dt.date(2023, 7, 1)  # row 8: Tanggal Efektif
    src = write(folder / "asli.xlsx", sheets)

    def serial(xml: str) -> str:
        start = xml.index('<c r="B8"')
        value = xml.index("<v>", start)
        end = xml.index("</v>", value)
        return xml[:value] + "<v>-5" + xml[end:]

    return repack(src, folder / "sop.xlsx", {sheet_part(SHEET_PARTS["Identitas"]): serial})


def same_targets(folder: Path) -> Path:
    """Step 3 decides, and both Jika Ya and Jika Tidak lead to step 4."""
    sheets = valid_sheets()
    sheets["Prosedur"][3][4] = 4
    sheets["Prosedur"][3][5] = 4
    return write(folder / "sop.xlsx", sheets)


def strict_open_xml(folder: Path) -> Path:
    """The valid workbook in Strict Open XML's namespaces."""
    src = base(folder, valid_sheets())
    with zipfile.ZipFile(src) as zf:
        names = [n for n in zf.namelist() if n.endswith((".xml", ".rels"))]
    from crafted import STRICT_MAIN, STRICT_REL

    def strict(xml: str) -> str:
        return xml.replace(MAIN, STRICT_MAIN).replace(REL, STRICT_REL)

    return repack(src, folder / "sop.xlsx", dict.fromkeys(names, strict))


def extensions_and_oddities(folder: Path) -> Path:
    """What made openpyxl print English: x14 data validations and conditional formats,
    custom properties, a print area, no cell styles at all."""
    src = base(folder, valid_sheets())
    ext = (
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/'
        '2006/main"><x14:dataValidation type="list"><x14:formula1><xm:f>Pelaksana!$A$2:$A$9'
        "</xm:f></x14:formula1><xm:sqref>C2:C99</xm:sqref></x14:dataValidation>"
        "</x14:dataValidations></ext></extLst>"
    )

    def sheet(xml: str) -> str:
        return xml.replace("</worksheet>", ext + "</worksheet>")

    def book(xml: str) -> str:
        names = ('<definedNames><definedName name="_xlnm.Print_Area" localSheetId="3">'
                 "Prosedur!$A$1:$J$6</definedName></definedNames>")
        return xml.replace("<definedNames/>", names)

    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              'custom-properties"><property name="Klasifikasi"/></Properties>')
    return repack(src, folder / "sop.xlsx", {
        PROSEDUR: sheet, _BOOK: book, "docProps/custom.xml": custom,
        _STYLES: f'<styleSheet xmlns="{MAIN}"/>',
    })


def excel_escapes(folder: Path) -> Path:
    """Excel's escapes in a shared string: a carriage return, a bell, an escaped escape."""
    text = "Menerima disposisi_x000D_\nsurat_x0007_ permohonan _x005F_x0041_"
    return _shared_strings(folder, 2, 2, text)


def emoji(folder: Path) -> Path:
    sheets = valid_sheets()
    sheets["Prosedur"][2][1] = "Memeriksa kelengkapan berkas \U0001f4c4\u2705"
    return write(folder / "sop.xlsx", sheets)


def merged_cells(folder: Path) -> Path:
    """Kegiatan B3:B4 and Waktu H3:H4 merged, so B4 and H4 read empty; Keterangan J2:J3
    merged with a value in J2."""
    sheets = valid_sheets()
    sheets["Prosedur"][3][1] = None  # B4
    sheets["Prosedur"][3][7] = None  # H4
    sheets["Prosedur"][1][9] = "Berlaku untuk langkah 1 dan 2"  # J2
    src = write(folder / "asli.xlsx", sheets)
    merges = ('<mergeCells count="3"><mergeCell ref="B3:B4"/><mergeCell ref="H3:H4"/>'
              '<mergeCell ref="J2:J3"/></mergeCells>')
    return repack(src, folder / "sop.xlsx", {
        PROSEDUR: lambda xml: xml.replace("</sheetData>", "</sheetData>" + merges),
    })


def crowded_prosedur(folder: Path) -> Path:
    """Prosedur with 60 headed columns over 4,000 rows: 240,000 cells to keep."""
    src = base(folder, valid_sheets())
    header = "".join(inline(f"{_letters(c)}1", f"Kolom {c}") for c in range(11, 71))
    row = "<row>" + "<c><v>1</v></c>" * 70 + "</row>"

    def crowded(xml: str) -> list[bytes]:
        head, _, _ = xml.partition("</row>")
        return list(repeated(head + header + "</row>", row, 4000, "</sheetData></worksheet>"))

    with zipfile.ZipFile(src) as zf:
        xml = zf.read(PROSEDUR).decode()
    return repack(src, folder / "sop.xlsx", {PROSEDUR: crowded(xml)})


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
