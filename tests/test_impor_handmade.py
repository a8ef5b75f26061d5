"""sopgen impor on hand-made sheets: Excel-drawn (cells plus drawing shapes) and Word
files with floating, VML, grouped and in-cell shapes.

No public originals of such files were found (agencies publish the signed PDF), so
the files are built here the way hand-made ones are built (see impor_handmade.py):
cells with openpyxl or python-docx, the drawings as the raw XML Excel and Word write.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from impor_handmade import XLSX_EXPECTED, excel_drawn_sop, inject, xlsx_cells, xlsx_drawing

from sopgen.cli import main
from sopgen.impor import Refused, import_sop
from sopgen.loader import load


def test_an_excel_drawn_sheet_gives_roles_kinds_branches_and_texts(tmp_path: Path) -> None:
    found = import_sop(excel_drawn_sop(tmp_path / "lama.xlsx"))
    assert found.roles == XLSX_EXPECTED.roles
    assert [(s.no, s.roles, s.kind.name if s.kind else None) for s in found.steps] == \
        XLSX_EXPECTED.steps
    assert {s.no: s.if_no for s in found.steps if s.if_no is not None} == XLSX_EXPECTED.if_no
    assert found.steps[2].if_yes == 4
    assert [s.kegiatan for s in found.steps][:3] == [
        "Menerima permohonan informasi", "Memeriksa kelengkapan permohonan",
        "Permohonan lengkap?"]
    assert [(s.kelengkapan, s.waktu, s.output) for s in found.steps][3] == (
        "Dokumen", "1 hari", "Informasi")
    ident = found.identity
    assert ident["Nomor SOP"] == "800/12/DISKOMINFO/2023"  # past the colon's own column
    assert ident["Tanggal Pembuatan"] == "03-07-2023"  # a real Excel date
    assert ident["Nama SOP"] == "Pelayanan Permohonan Informasi Publik"
    assert ident["Disahkan Oleh"] == "Kepala Dinas Komunikasi dan Informatika"
    assert ident["Nama Pengesah"] == "Budi Santoso, S.Kom"
    assert ident["NIP Pengesah"] == "19780601 200501 1 016"
    assert ident["Instansi"] == "PEMERINTAH KABUPATEN CONTOH"
    assert ident["Satuan Kerja"] == "DINAS KOMUNIKASI DAN INFORMATIKA"
    assert found.provisions["Dasar Hukum"] == [
        "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
        "Peraturan Komisi Informasi Nomor 1 Tahun 2021"]
    # a note below the table is kept, with the cell it stood in
    assert [(left.where, left.text) for left in found.leftovers] == [
        ("SOP!B20", "Catatan: dibuat manual oleh Subbag Umum")]


def test_an_excel_drawn_sheet_becomes_a_workbook_check_accepts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = excel_drawn_sop(tmp_path / "lama.xlsx")
    out = tmp_path / "baru.xlsx"
    assert main(["impor", str(source), "-o", str(out)]) == 0
    assert "5 langkah, 3 pelaksana" in capsys.readouterr().out
    checked = load(out)
    assert checked.sop is not None, [str(p) for p in checked.errors]
    assert [s.roles for s in checked.sop.steps] == [(0,), (1,), (1,), (2,), (0,)]
    assert checked.sop.steps[2].if_no == 2


def test_shapes_without_their_drawing_leave_the_roles_to_the_planner(tmp_path: Path) -> None:
    """Cells alone (what openpyxl would have kept): the steps come, every role is flagged."""
    path = tmp_path / "cells.xlsx"
    xlsx_cells().save(path)
    found = import_sop(path)
    assert len(found.steps) == 5
    assert all(s.roles == [] and "Pelaksana" in s.doubts for s in found.steps)


def test_a_sopgen_workbook_is_not_imported(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "sop.xlsx"
    assert main(["new", str(book)]) == 0
    capsys.readouterr()
    out = tmp_path / "x.xlsx"
    assert main(["impor", str(book), "-o", str(out)]) == 2
    err = capsys.readouterr()
    assert "sudah buku kerja sopgen" in err.err + err.out
    assert not out.exists()


def test_a_sheet_filled_far_past_a_sop_is_refused(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    wb = xlsx_cells()
    ws = wb.active
    assert ws is not None
    ws["A900000"] = "x"
    path = tmp_path / "far.xlsx"
    wb.save(path)
    out = tmp_path / "x.xlsx"
    assert main(["impor", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr()
    assert "A900000" in err.err + err.out and "Traceback" not in err.err
    assert not out.exists()


def test_a_drawing_of_too_many_shapes_is_refused(tmp_path: Path) -> None:
    import io

    one = xlsx_drawing()
    head, _, rest = one.partition("<xdr:twoCellAnchor>")
    anchor = "<xdr:twoCellAnchor>" + rest.split("</xdr:twoCellAnchor>")[0] + \
        "</xdr:twoCellAnchor>"
    many = head + anchor * 6000 + "</xdr:wsDr>"
    buf = io.BytesIO()
    xlsx_cells().save(buf)
    path = tmp_path / "many.xlsx"
    path.write_bytes(inject(buf.getvalue(), "sheet1", many))
    with pytest.raises(Refused):
        import_sop(path)


def test_a_drawing_with_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    import io

    bomb = ("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>"
            "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;'>]>"
            "<xdr:wsDr xmlns:xdr='http://schemas.openxmlformats.org/drawingml/2006/"
            "spreadsheetDrawing'><xdr:absoluteAnchor><xdr:pos x='&c;' y='0'/>"
            "</xdr:absoluteAnchor></xdr:wsDr>")
    buf = io.BytesIO()
    xlsx_cells().save(buf)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(inject(buf.getvalue(), "sheet1", bomb))
    found = import_sop(path)  # the entity is never expanded: the shape reads as nothing
    assert all(s.roles == [] for s in found.steps)
    with zipfile.ZipFile(path) as zf:
        assert "xl/drawings/drawing1.xml" in zf.namelist()


def test_a_word_drawn_sheet_with_floating_vml_grouped_and_in_cell_shapes(
        tmp_path: Path) -> None:
    """Shapes from the page and from the margin (not from their cell), VML of older
    Word (v:roundrect, v:shape of type 109, v:line), a wpg group holding the decision
    and its loop in a doubled child space, and the Tidak label a text box in a cell."""
    from impor_handmade import DOCX_EXPECTED, word_drawn_sop

    found = import_sop(word_drawn_sop(tmp_path / "lama.docx"))
    assert found.roles == DOCX_EXPECTED.roles
    assert [(s.no, s.roles, s.kind.name if s.kind else None) for s in found.steps] == \
        DOCX_EXPECTED.steps
    assert {s.no: s.if_no for s in found.steps if s.if_no is not None} == DOCX_EXPECTED.if_no
    assert found.steps[2].if_yes == 4
    assert [s.kegiatan for s in found.steps][2] == "Permohonan lengkap?"  # no label in it
    assert found.identity["Nama SOP"] == "Penerbitan Surat Tugas"
    assert found.identity["Nomor SOP"] == "045/07/SETDA/2022"
    assert all(not s.doubts for s in found.steps)
    out = tmp_path / "baru.xlsx"
    assert main(["impor", str(tmp_path / "lama.docx"), "-o", str(out)]) == 0
    assert out.exists()
