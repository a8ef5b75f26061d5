"""Hostile and odd files: each is refused with one Indonesian sentence, quickly.

`sopgen.loader.load` raises `WorkbookUnreadable` for anything that is not a
readable .xlsx; its text starts with the file's name and says what to do.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from workbooks import valid_sheets, write

from sopgen import workbook
from sopgen.loader import load
from sopgen.workbook import WorkbookUnreadable, read_workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(path: Path, *words: str, seconds: float = 2.0) -> str:
    """Load `path`, expect WorkbookUnreadable naming it with `words`; return the text."""
    start = time.monotonic()
    with pytest.raises(WorkbookUnreadable) as info:
        load(path)
    elapsed = time.monotonic() - start
    text = str(info.value)
    assert text.startswith(f"{path.name}:") or text.startswith(f"{path}:"), text
    for word in words:
        assert word in text, f"{word!r} not in: {text}"
    assert "Traceback" not in text
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    return text


def test_csv_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    path.write_text("No;Kegiatan;Pelaksana;Waktu\n1;Menerima surat;Kabid;15 menit\n")
    refused(path, "bukan buku kerja Excel .xlsx", "CSV", "simpan sebagai")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    path.write_bytes(b"")
    refused(path, "berkas kosong", "0 byte")


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_xlsx(tmp_path: Path, keep: float) -> None:
    data = EXAMPLE.read_bytes()
    path = tmp_path / "sop.xlsx"
    path.write_bytes(data[: int(len(data) * keep)])
    refused(path, "rusak", "simpan ulang")


def test_corrupt_entry_inside_a_whole_zip(tmp_path: Path) -> None:
    # The central directory is intact, but the compressed sheet data is garbage.
    src = write(tmp_path / "asli.xlsx", valid_sheets())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("xl/worksheets/sheet4.xml")
        offset, size = info.header_offset, info.compress_size
        name_len, extra_len = len(info.filename.encode()), len(info.extra)
    data = bytearray(src.read_bytes())
    start = offset + 30 + name_len + extra_len
    data[start : start + size] = bytes((b ^ 0x5A) for b in data[start : start + size])
    path = tmp_path / "sop.xlsx"
    path.write_bytes(bytes(data))
    refused(path, "rusak")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("catatan.txt", "bukan buku kerja")
    refused(path, "bukan buku kerja Excel .xlsx")


def test_workbook_part_is_garbage(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<<< bukan xml")
    refused(path, "rusak")


def test_password_protected_workbook(tmp_path: Path) -> None:
    # Excel saves an encrypted .xlsx as an OLE compound file with an
    # 'EncryptionInfo' stream; its name is stored in UTF-16.
    path = tmp_path / "sop.xlsx"
    body = bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(2000)
    path.write_bytes(OLE_MAGIC + body)
    refused(path, "kata sandi", "Protect Workbook")


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    path.write_bytes(OLE_MAGIC + bytes(4096) + "Workbook".encode("utf-16-le"))
    refused(path, "format Excel lama (.xls)", "Excel Workbook (*.xlsx)")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "tidak-ada.xlsx"
    text = refused(path, "tidak ditemukan")
    assert text.startswith(str(path))


def test_directory(tmp_path: Path) -> None:
    path = tmp_path / "folder.xlsx"
    path.mkdir()
    refused(path, "folder", "bukan berkas .xlsx")


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_BOMB_BOOK = (
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
    '<sheet name="Prosedur" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOMB_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _bomb(path: Path, inflated: int) -> None:
    """A workbook whose sheet Prosedur inflates to `inflated` bytes."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", _BOMB_BOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _BOMB_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            written = 0
            while written < inflated:
                fh.write(chunk[: min(len(chunk), inflated - written)])
                written += len(chunk)


def test_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    _bomb(path, workbook.MAX_INFLATED_BYTES + 1)
    assert path.stat().st_size < 1024 * 1024  # small on disk
    refused(path, "terlalu besar setelah dibuka")


def test_one_huge_sheet(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    _bomb(path, workbook.MAX_SHEET_XML_BYTES + 1)  # under the whole-package bound
    assert workbook.MAX_SHEET_XML_BYTES + 1 < workbook.MAX_INFLATED_BYTES
    refused(path, "terlalu besar setelah dibuka")


def test_too_many_zip_entries(tmp_path: Path) -> None:
    path = tmp_path / "sop.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(workbook.MAX_ZIP_ENTRIES):
            zf.writestr(f"xl/media/{i}.bin", b"")
    refused(path, "terlalu besar setelah dibuka")


def test_file_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 4096)
    path = tmp_path / "sop.xlsx"
    path.write_bytes(EXAMPLE.read_bytes())
    assert path.stat().st_size > 4096
    refused(path, "terlalu besar", "di bawah 1 MB")


def test_data_beyond_max_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 20)
    sheets = valid_sheets()
    sheets["Prosedur"].extend([[]] * 18 + [[None, "catatan jauh di bawah"]])  # row 25
    refused(write(tmp_path / "sop.xlsx", sheets), "'Prosedur'", "di bawah baris 20")


def test_formatted_empty_rows_beyond_max_rows_are_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "MAX_ROWS", 20)
    path = write(tmp_path / "sop.xlsx", valid_sheets())
    wb_path = tmp_path / "berformat.xlsx"
    wb = load_workbook(path)
    wb["Prosedur"].cell(row=50, column=3).font = Font(bold=True)
    wb.save(wb_path)
    assert load(wb_path).sop is not None


def test_one_formatted_cell_a_million_rows_down_is_fast(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Prosedur"
    ws["A1"] = "No"
    ws.cell(row=1_000_000, column=1).font = Font(bold=True)
    path = tmp_path / "sop.xlsx"
    wb.save(path)
    start = time.monotonic()
    raw = read_workbook(path)
    assert time.monotonic() - start < 3.0
    table = raw.table("Prosedur")
    assert table is not None
    assert table.rows == ()


_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Isian</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>'
)
ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
""" + _SHEET
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>
""" + _SHEET


@pytest.mark.parametrize("payload", [ENTITY_BOMB, EXTERNAL_ENTITY], ids=["bomb", "xxe"])
def test_xml_entities_are_refused(tmp_path: Path, payload: str) -> None:
    src = write(tmp_path / "asli.xlsx", valid_sheets())
    path = tmp_path / "sop.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = payload.encode()
            zout.writestr(info, data)
    refused(path, "rusak")


@pytest.mark.parametrize("name", ["sop.xls", "sop", "sop.XLSX", "sop.csv", "salinan sop (1).xlsx"])
def test_a_real_workbook_is_read_whatever_its_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(EXAMPLE.read_bytes())
    checked = load(path)
    assert checked.sop is not None
    assert len(checked.sop.steps) == 9


def test_unreadable_is_not_an_oserror_or_zip_error() -> None:
    # Callers catch exactly this one class; it must not hide inside another.
    assert not issubclass(WorkbookUnreadable, OSError | zipfile.BadZipFile | ValueError)
