"""Sheet Riwayat: read, checked against Tanggal Revisi, printed, carried into the manifest."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from conftest import Run
from docx import Document as WordDocument
from workbooks import Cell, Sheet, Sheets, set_field, valid_sheets, write

from sopgen import cli
from sopgen.model import RevisionStatus


def riwayat(*rows: tuple[Cell, ...]) -> Sheet:
    return [["Revisi ke", "Tanggal", "Uraian Perubahan", "Status", "Diganti Oleh"],
            *(list(r) for r in rows)]


def revised(*rows: tuple[Cell, ...], tanggal_revisi: Cell = "01 Maret 2024") -> Sheets:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Tanggal Revisi", tanggal_revisi)
    sheets["Riwayat"] = riwayat(*rows)
    return sheets


TWO: tuple[tuple[Cell, ...], ...] = (
    (0, "01 Juli 2023", "Terbitan pertama", None, None),
    (1, "01 Maret 2024", "Langkah 4 ditambah", None, None),
)


def messages(checked: object) -> list[str]:
    return [str(p) for p in checked.problems]  # type: ignore[attr-defined]


def test_a_valid_history_is_read_with_default_statuses(run: Run) -> None:
    checked = run(revised(*TWO))
    assert checked.sop is not None, messages(checked)
    revs = checked.sop.revisions
    assert [(r.number, r.day, r.status) for r in revs] == [
        (0, dt.date(2023, 7, 1), RevisionStatus.DIGANTI),
        (1, dt.date(2024, 3, 1), RevisionStatus.BERLAKU),
    ]
    assert checked.sop.status is RevisionStatus.BERLAKU
    assert str(revs[1].loc) == "Riwayat!A3"


def test_no_sheet_means_no_history(run: Run) -> None:
    checked = run(valid_sheets())
    assert checked.sop is not None and checked.sop.revisions == ()
    assert checked.sop.status is RevisionStatus.BERLAKU


def test_tanggal_revisi_must_be_the_latest_date(run: Run) -> None:
    checked = run(revised(*TWO, tanggal_revisi="01 Februari 2024"))
    assert checked.sop is None
    assert any(m.startswith("Identitas!B7: Tanggal Revisi tidak sama") and "01 Maret 2024" in m
               and "Riwayat!B3" in m for m in messages(checked)), messages(checked)


def test_an_empty_tanggal_revisi_is_named_with_the_right_date(run: Run) -> None:
    checked = run(revised(*TWO, tanggal_revisi=None))
    assert checked.sop is None
    assert any(m.startswith("Identitas!B7: Tanggal Revisi kosong") and
               "Isi Tanggal Revisi dengan 01 Maret 2024" in m for m in messages(checked))


def test_month_only_dates_compare_by_month(run: Run) -> None:
    checked = run(revised((1, "Maret 2024", "Waktu diubah", None, None),
                          tanggal_revisi="15 Maret 2024"))
    assert checked.sop is not None, messages(checked)


@pytest.mark.parametrize(("rows", "cell", "words"), [
    (((0, "01 Juli 2023", "A", None, None), (0, "01 Maret 2024", "B", None, None)),
     "Riwayat!A3", "lebih besar dari revisi di baris atasnya (0)"),
    (((0, "01 Juli 2023", "A", None, None), (1, "01 Juni 2023", "B", None, None)),
     "Riwayat!B3", "sebelum tanggal revisi di baris atasnya"),
    (((1, "01 Juni 2022", "A", None, None),), "Riwayat!B2", "sebelum Tanggal Pembuatan"),
    (((1, "01 Maret 2024", "A", "Sudah", None),), "Riwayat!D2", "Berlaku, Diganti atau Dicabut"),
    (((0, "01 Juli 2023", "A", "Berlaku", None), (1, "01 Maret 2024", "B", None, None)),
     "Riwayat!D2", "Hanya revisi terbaru yang dapat Berlaku"),
    (((1, "01 Maret 2024", "A", "Diganti", None),), "Riwayat!E2", "Nomor SOP penggantinya"),
    (((-1, "01 Maret 2024", "A", None, None),), "Riwayat!A2", "bilangan bulat 0 atau lebih"),
    (((1, "kemarin", "A", None, None),), "Riwayat!B2", "bukan tanggal"),
    (((1, "01 Maret 2024", None, None, None),), "Riwayat!C2", "Uraian Perubahan kosong"),
])  # fmt: skip
def test_bad_rows_are_errors_at_their_cells(run: Run, rows: tuple[tuple[Cell, ...], ...],
                                            cell: str, words: str) -> None:
    checked = run(revised(*rows))
    assert checked.sop is None
    assert any(m.startswith(cell + ": ") and words in m for m in messages(checked)), \
        messages(checked)


def test_a_revoked_sop_and_an_ignored_replacement(run: Run) -> None:
    checked = run(revised((1, "01 Maret 2024", "Dicabut", "Dicabut", "SOP – 09"),))
    assert checked.sop is not None
    assert checked.sop.status is RevisionStatus.DICABUT
    assert [str(p) for p in checked.warnings] == [
        "Riwayat!E2: peringatan: Diganti Oleh hanya berarti untuk status Diganti; isinya diabaikan."
    ]


def test_a_replaced_sop_names_its_replacement(run: Run) -> None:
    checked = run(revised(*TWO[:1], (1, "01 Maret 2024", "Diganti", "diganti", "SOP – 05/BPKPAD")))
    assert checked.sop is not None, messages(checked)
    assert checked.sop.status is RevisionStatus.DIGANTI
    assert checked.sop.revisions[-1].replaced_by == "SOP – 05/BPKPAD"


def test_the_table_is_printed_and_carried_into_the_manifest(tmp_path: Path) -> None:
    source = write(tmp_path / "sop.xlsx", revised(*TWO))
    out = tmp_path / "out"
    assert cli.main(["build", str(source), "-o", str(out)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out / "sop.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    last = text.split("\f")[-2]
    assert "RIWAYAT REVISI" in last and "Langkah 4 ditambah" in last
    assert "Terbitan pertama" in last and "Berlaku" in last and "Diganti" in last
    word = WordDocument(str(out / "sop.docx"))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "RIWAYAT REVISI" in cells and "Langkah 4 ditambah" in cells
    entry = json.loads((out / "manifest.json").read_text())["sop"][0]
    assert entry["revisi"] == 1 and entry["status"] == "Berlaku"
    assert entry["satuan_kerja"] == "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah"
    assert entry["riwayat"] == [
        {"revisi": 0, "tanggal": "2023-07-01", "uraian": "Terbitan pertama",
         "status": "Diganti", "diganti_oleh": ""},
        {"revisi": 1, "tanggal": "2024-03-01", "uraian": "Langkah 4 ditambah",
         "status": "Berlaku", "diganti_oleh": ""},
    ]


def test_the_blank_workbook_has_the_sheet_with_a_status_dropdown(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "baru.xlsx"
    assert cli.main(["new", str(path)]) == 0
    ws = load_workbook(path)["Riwayat"]
    assert [c.value for c in ws[1]] == ["Revisi ke", "Tanggal", "Uraian Perubahan", "Status",
                                        "Diganti Oleh"]
    assert any("Berlaku" in (dv.formula1 or "") for dv in ws.data_validations.dataValidation)


def test_a_history_that_does_not_fit_the_last_page_gets_its_own(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from sopgen.build import prepare

    forty = Path(__file__).resolve().parent.parent / "data" / "sop-contoh-40-langkah.xlsx"
    plain = prepare(forty).document
    assert plain is not None
    wb = load_workbook(forty)
    rows = [(n, f"{n + 1:02d} Juli 2024", f"Perubahan ke-{n}: " + "langkah diperbaiki " * 12)
            for n in range(12)]
    wb["Identitas"]["B7"] = rows[-1][1]
    ws = wb.create_sheet("Riwayat")
    ws.append(("Revisi ke", "Tanggal", "Uraian Perubahan"))
    for row in rows:
        ws.append(row)
    path = tmp_path / "panjang.xlsx"
    wb.save(path)
    prepared = prepare(path)
    assert prepared.document is not None, [str(p) for p in prepared.problems]
    pages = prepared.document.pages
    assert len(pages) == len(plain.pages) + 1
    assert pages[-2].tables == plain.pages[-1].tables  # the last procedure page unchanged
    assert [r.cells[0].paras[0].text for r in pages[-1].tables[0].rows][:3] == \
        ["RIWAYAT REVISI", "Revisi ke", "0"]
    out = tmp_path / "out"
    assert cli.main(["build", str(path), "-o", str(out)]) == 0
    reader = PdfReader(out / "panjang.pdf")
    last = reader.pages[-1].extract_text()
    assert "RIWAYAT REVISI" in last and "Perubahan ke-11" in last
    assert f"Halaman {len(pages)} dari {len(pages)}" in last


def test_a_history_longer_than_a_page_continues_with_its_header(tmp_path: Path) -> None:
    from sopgen.build import prepare

    rows = [(n, f"{n % 28 + 1:02d} {['Juli', 'Agustus', 'September'][n // 28]} 2024",
             f"Perubahan ke-{n}: " + "langkah diperbaiki " * 10, None, None) for n in range(60)]
    sheets = revised(*rows, tanggal_revisi=rows[-1][1])
    path = write(tmp_path / "sop.xlsx", sheets)
    prepared = prepare(path)
    assert prepared.document is not None, [str(p) for p in prepared.problems]
    doc = prepared.document
    history = [p for p in doc.pages if p.kind == "identity" and
               p.tables[0].rows[0].cells[0].paras[0].text == "RIWAYAT REVISI"]
    assert len(history) >= 2
    numbers = []
    for page in history:
        (table,) = page.tables
        assert table.rows[1].cells[0].paras[0].text == "Revisi ke"
        assert table.y + table.height <= doc.height - doc.margins.bottom
        numbers += [r.cells[0].paras[0].text for r in table.rows[2:]]
    assert numbers == [str(n) for n in range(60)]
