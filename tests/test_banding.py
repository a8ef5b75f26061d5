"""sopgen banding: two versions of the example, and exactly the changes made between them."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE
from openpyxl import load_workbook
from workbooks import STEPS, valid_sheets, write

from sopgen import cli
from sopgen.banding import compare, run
from sopgen.loader import load


def revised_example(path: Path) -> Path:
    """The example with a step inserted after 6, a time, a role and a text changed."""
    wb = load_workbook(EXAMPLE)
    ws = wb["Prosedur"]
    ws.insert_rows(8)  # row 8 is step 7: the new step 7 goes there
    new = (7, "Memeriksa kelengkapan form RKT", "Kasubbag Renkeu", None, None, None,
           "Form RKT", "1 jam", "Form RKT diperiksa", None)
    for col, value in enumerate(new, start=1):
        ws.cell(row=8, column=col, value=value)
    for row, (yes, no) in ((9, (9, 6)), (10, (10, 8))):  # the two decisions, renumbered
        ws.cell(row=row, column=1, value=row - 1)
        ws.cell(row=row, column=5, value=yes)
        ws.cell(row=row, column=6, value=no)
    ws.cell(row=11, column=1, value=10)
    ws.cell(row=10, column=2, value="Menerima dan menandatangani RKT")  # the typo fixed
    ws.cell(row=5, column=8, value="3 hari")  # step 4
    ws.cell(row=6, column=3, value="Kasi")  # step 5
    ident = wb["Identitas"]
    ident["B7"] = "01 Maret 2024"
    riwayat = wb.create_sheet("Riwayat")
    history: list[tuple[object, ...]] = [("Revisi ke", "Tanggal", "Uraian Perubahan"),
                                         (0, "01 Juli 2023", "Terbitan pertama"),
                                         (1, "01 Maret 2024", "Langkah 7 ditambah")]
    for line in history:
        riwayat.append(line)
    wb.save(path)
    return path


def test_the_example_and_its_revision_differ_exactly_as_edited(tmp_path: Path) -> None:
    old = tmp_path / "lama.xlsx"
    shutil.copy(EXAMPLE, old)
    new = revised_example(tmp_path / "baru.xlsx")
    a, b = load(old).sop, load(new).sop
    assert a is not None and b is not None
    assert [c.text for c in compare(a, b)] == [
        "Tanggal Revisi: (kosong) -> 01 Maret 2024",
        "Langkah 4 Waktu: '2 HARI' -> '3 hari'",
        "Langkah 5 Pelaksana: 'Kepala Bidang' -> 'Kepala Seksi'",
        "Langkah 7 ditambah: 'Memeriksa kelengkapan form RKT' "
        "(Kasubbag Perencanaan dan Keuangan, 1 jam)",
        "Langkah 9 (dulu 8) Kegiatan: 'Menerima dan mendatangani RKT' -> "
        "'Menerima dan menandatangani RKT'",
        "Total waktu (jalur utama): 124 hari 2 jam 32 menit -> 125 hari 3 jam 32 menit",
    ]
    out = io.StringIO()
    assert run(old, new, out) == 0
    text = out.getvalue()
    assert text.startswith(f"Perbandingan {old} -> {new}\nIdentitas:\n  - Tanggal Revisi")
    assert "Prosedur:\n  - Langkah 4 Waktu" in text
    assert text.rstrip().endswith("Jumlah: 1 ditambah, 0 dihapus, 0 dipindah, 5 diubah")


def test_a_version_against_itself_has_no_change(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["banding", str(EXAMPLE), str(EXAMPLE)]) == 0
    assert "Tidak ada perbedaan isi" in capsys.readouterr().out


def test_moved_and_removed_steps(tmp_path: Path) -> None:
    old = write(tmp_path / "lama.xlsx", valid_sheets())
    sheets = valid_sheets()
    rows = sheets["Prosedur"]
    first, second = list(STEPS[0]), list(STEPS[1])
    rows[1] = [1, *second[1:]]  # steps 1 and 2 swapped
    rows[2] = [2, *first[1:]]
    new = write(tmp_path / "baru.xlsx", sheets)
    a, b = load(old).sop, load(new).sop
    assert a is not None and b is not None
    changes = [(c.kind, c.text) for c in compare(a, b)]
    assert changes == [
        ("diubah", "Langkah 1 (dulu 2) Jenis: 'Proses' -> 'Mulai'"),
        ("dipindah", "Langkah 2 (dulu 1) dipindah: 'Menerima disposisi surat permohonan'"),
        ("diubah", "Langkah 2 (dulu 1) Jenis: 'Mulai' -> 'Proses'"),
        ("diubah", "Langkah 3 Jika Tidak: '1' -> '2'"),
    ]
    sheets = valid_sheets()
    del sheets["Prosedur"][2]  # step 2 removed, 3-5 renumbered
    for i, row in enumerate(sheets["Prosedur"][1:], start=1):
        row[0] = i
    sheets["Prosedur"][2][5] = 1  # the decision now loops to step 1
    gone = write(tmp_path / "tanpa-2.xlsx", sheets)
    c = load(gone).sop
    assert c is not None
    texts = [x.text for x in compare(a, c)]
    assert texts[0] == "Langkah 2 dihapus: 'Memeriksa kelengkapan berkas'"
    assert "Langkah 2 (dulu 3) Jika Tidak: '2 (dihapus)' -> '1'" in texts


def test_json_and_an_invalid_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = revised_example(tmp_path / "baru.xlsx")
    assert cli.main(["banding", str(EXAMPLE), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["kind"] for c in data["perubahan"]].count("ditambah") == 1
    sheets = valid_sheets()
    sheets["Prosedur"][1][2] = "Bupati"
    bad = write(tmp_path / "salah.xlsx", sheets)
    assert cli.main(["banding", str(EXAMPLE), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: Prosedur!C2:" in out and "Traceback" not in out
    junk = tmp_path / "bukan.xlsx"
    junk.write_text("bukan buku kerja")
    assert cli.main(["banding", str(junk), str(EXAMPLE)]) == 2
