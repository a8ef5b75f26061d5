"""`sopgen new`: the blank workbook a planner fills, and what `check` makes of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from workbooks import KETENTUAN_HEADERS, NEW_PROSEDUR_HEADERS

from sopgen import cli
from sopgen.loader import load
from sopgen.model import Kind, Paper

SHEETS = {
    "Identitas": ["Isian", "Nilai", "Petunjuk"],
    "Ketentuan": list(KETENTUAN_HEADERS),
    "Pelaksana": ["Pelaksana", "Singkatan"],
    "Prosedur": list(NEW_PROSEDUR_HEADERS),
    "Pengaturan": ["Isian", "Nilai", "Petunjuk"],
    "Libur": ["Tanggal", "Keterangan"],
    "Riwayat": ["Revisi ke", "Tanggal", "Uraian Perubahan", "Status", "Diganti Oleh"],
    "Contoh Prosedur": list(NEW_PROSEDUR_HEADERS),
}
IDENTITAS_LABELS = [
    "Instansi", "Satuan Kerja", "Nomor SOP", "Nama SOP", "Tanggal Pembuatan", "Tanggal Revisi",
    "Tanggal Efektif", "Disahkan Oleh", "Nama Pengesah", "NIP Pengesah", "Pangkat Pengesah",
    "Tempat", "Logo",
]  # fmt: skip


def new(capsys: pytest.CaptureFixture[str], path: Path, *flags: str) -> tuple[int, str, str]:
    status = cli.main(["new", str(path), *flags])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.fixture
def blank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "sop-baru.xlsx"
    status, out, err = new(capsys, path)
    assert status == 0
    assert out == (
        f"buku kerja baru dibuat: {path}. Isi lembar-lembarnya, lalu jalankan 'sopgen check'.\n"
    )
    assert err == ""
    return path


def _ws(wb: Workbook, name: str) -> Worksheet:
    ws = wb[name]
    assert isinstance(ws, Worksheet)
    return ws


def _sheet(path: Path, name: str) -> Worksheet:
    return _ws(load_workbook(path), name)


def _headers(ws: Worksheet) -> list[object]:
    return [c.value for c in ws[1] if c.value is not None]


def test_all_sheets_with_headers_comments_and_frozen_panes(blank: Path) -> None:
    wb = load_workbook(blank)
    assert wb.sheetnames == list(SHEETS)
    for name, headers in SHEETS.items():
        ws = wb[name]
        assert isinstance(ws, Worksheet)
        assert _headers(ws) == headers, name
        for cell in ws[1]:
            if cell.value is None:
                continue
            assert cell.comment is not None, f"{name}!{cell.coordinate}"
            assert cell.comment.text.strip(), f"{name}!{cell.coordinate}"
            assert cell.font.b, f"{name}!{cell.coordinate}"
        assert ws.freeze_panes == "A2", name


def test_identity_and_settings_labels(blank: Path) -> None:
    ws = _sheet(blank, "Identitas")
    assert [ws.cell(row=r, column=1).value for r in range(2, 15)] == IDENTITAS_LABELS
    assert all(ws.cell(row=r, column=2).value is None for r in range(2, 15))
    assert ws["B11"].number_format == "@"  # NIP as text, so Excel keeps all 18 digits
    ws = _sheet(blank, "Pengaturan")
    settings = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
                for r in range(2, 11)}  # fmt: skip
    assert settings == {
        "Ukuran Kertas": "A4", "Orientasi": "Lanskap", "Jam Kerja per Hari": "7,5",
        "Hari Kerja per Minggu": "5", "Hari Kerja per Bulan": "22", "Jam Masuk": "07:30",
        "Maks Langkah per Halaman": None, "Tanggal Mulai": None,
        "Tanda Tangan Penutup": "Otomatis",
    }  # fmt: skip


def test_data_validations(blank: Path) -> None:
    ws = _sheet(blank, "Prosedur")
    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    roles = dvs["C2:C200"]
    assert roles.type == "list"
    assert roles.formula1 is not None and roles.formula1.startswith("=Pelaksana!")
    assert roles.errorStyle == "warning"  # a joint step 'A; B' must stay possible
    kinds = dvs["D2:D200"]
    assert kinds.type == "list"
    assert kinds.formula1 == '"Mulai,Proses,Keputusan,Selesai"'
    assert kinds.errorStyle in (None, "stop")

    ws = _sheet(blank, "Pengaturan")
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"B2": '"A4,F4,Letter,Legal"', "B3": '"Lanskap,Potret"',
                     "B10": '"Otomatis,Ya,Tidak"'}


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ada.xlsx"
    path.write_bytes(b"isi lama")
    status, out, err = new(capsys, path)
    assert status == 2
    assert out == ""
    assert "sudah ada; tidak ditimpa" in err and "--force" in err
    assert path.read_bytes() == b"isi lama"


def test_overwrites_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ada.xlsx"
    path.write_bytes(b"isi lama")
    status, _, _ = new(capsys, path, "--force")
    assert status == 0
    assert load_workbook(path).sheetnames == list(SHEETS)
    assert not [p for p in tmp_path.iterdir() if p.name != "ada.xlsx"]  # no temporary left


@pytest.mark.parametrize("name", ["sop.xls", "sop.csv", "sop", "sop.xlsx.bak"])
def test_refuses_a_name_without_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    status, _, err = new(capsys, path)
    assert status == 2
    assert "harus berakhiran .xlsx" in err
    assert not path.exists()


def test_upper_case_suffix_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, _ = new(capsys, tmp_path / "SOP.XLSX")
    assert status == 0


def test_creates_missing_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bidang" / "sop.xlsx"
    status, _, _ = new(capsys, path)
    assert status == 0
    assert path.is_file()


def test_blank_workbook_checks_with_errors_only_for_what_is_missing(
    blank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = load(blank)
    got = [str(p.loc) for p in checked.problems]
    assert got == [
        "Identitas!B3", "Identitas!B4", "Identitas!B5", "Identitas!B6", "Identitas!B8",
        "Identitas!B9", "Identitas!B10", "Pelaksana",
    ]  # fmt: skip
    assert all(not p.warning for p in checked.problems)
    assert cli.main(["check", str(blank)]) == 1
    out, _ = capsys.readouterr()
    assert "Traceback" not in out


ROLES = [("Kepala Bidang", "Kabid"), ("Kepala Seksi", "Kasi"), ("Staf Pelaksana", None)]
# No, Kegiatan, Pelaksana, Jenis, Jika Ya, Jika Tidak, Label Ya, Label Tidak,
# Kelengkapan, Waktu, Output, Keterangan: the columns `sopgen new` writes, in order.
STEPS: list[tuple[str | int | None, ...]] = [
    (1, "Menerima disposisi", "Kabid", None, None, None, None, None, "Surat", "15 menit",
     "Disposisi", None),
    (2, "Memeriksa berkas", "Kasi", None, None, None, None, None, "Berkas", "30 menit",
     "Catatan", None),
    (3, "Berkas lengkap?", "Kasi", "Keputusan", None, 2, "Lengkap", "-", "Daftar periksa",
     "10 menit", "Hasil", "Tidak: kembali ke 2"),
    (4, "Menyusun konsep\nsurat jawaban", "Staf Pelaksana", None, None, None, None, None,
     "Berkas", "1,5 jam", "Konsep", None),
    (5, "Menandatangani", "Kabid; Kasi;", None, None, None, None, None, "Konsep", "1 hari",
     "Surat jawaban", "Paling lambat 3 hari kerja"),
]  # fmt: skip
IDENTITY: dict[str, str | dt.datetime] = {
    "Instansi": "Kabupaten Balangan",
    "Satuan Kerja": "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah",
    "Nomor SOP": "SOP – 07/BPKPAD",
    "Nama SOP": "SOP Surat Masuk",
    "Tanggal Pembuatan": dt.datetime(2024, 1, 15),
    "Tanggal Efektif": "1 Februari 2024",
    "Disahkan Oleh": "Plt. Kepala BPKPAD",
    "Nama Pengesah": "FAKHRIYANTO, S.Pt, MP",
    "NIP Pengesah": "19780601 200501 1 016",
    "Pangkat Pengesah": "Pembina Tk. I (IV/b)",
    "Tempat": "Paringin",
}


def _fill(path: Path) -> None:
    wb = load_workbook(path)
    ws = _ws(wb, "Identitas")
    for row in ws.iter_rows(min_row=2):
        label = row[0].value
        if isinstance(label, str) and label in IDENTITY:
            row[1].value = IDENTITY[label]
    ws = _ws(wb, "Ketentuan")
    ws["A2"] = "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
    ws["A3"] = "2. Peraturan Bupati Balangan"
    ws["D2"] = "Komputer"
    ws = _ws(wb, "Pelaksana")
    for r, (name, short) in enumerate(ROLES, start=2):
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=short)
    ws = _ws(wb, "Prosedur")
    for r, values in enumerate(STEPS, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    ws = _ws(wb, "Pengaturan")
    ws["B2"] = "F4"
    wb.save(path)


def test_filled_workbook_passes_check_and_round_trips(
    blank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(blank)
    assert cli.main(["check", str(blank)]) == 0
    out, _ = capsys.readouterr()
    assert out == f"{blank}: valid.\n"

    checked = load(blank)
    assert checked.problems == ()
    sop = checked.sop
    assert sop is not None
    ident = sop.identity
    for label, attr in [("Instansi", "instansi"), ("Satuan Kerja", "satuan_kerja"),
                        ("Nomor SOP", "nomor"), ("Nama SOP", "nama"),
                        ("Disahkan Oleh", "disahkan_oleh"), ("Nama Pengesah", "nama_pengesah"),
                        ("Pangkat Pengesah", "pangkat"), ("Tempat", "tempat")]:  # fmt: skip
        assert getattr(ident, attr) == IDENTITY[label], label
    assert ident.tanggal_pembuatan == dt.date(2024, 1, 15)
    assert ident.tanggal_efektif == dt.date(2024, 2, 1)
    assert ident.tanggal_revisi is None
    assert ident.nip_printed == IDENTITY["NIP Pengesah"]
    assert ident.logo is None
    assert sop.provisions.dasar_hukum == (
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "Peraturan Bupati Balangan",
    )
    assert sop.provisions.peralatan == ("Komputer",)
    assert [(r.name, r.short) for r in sop.roles] == ROLES
    assert [s.kegiatan for s in sop.steps] == [s[1] for s in STEPS]
    assert [s.waktu.text for s in sop.steps] == [s[9] for s in STEPS]
    assert [s.waktu.minutes for s in sop.steps] == [15, 30, 10, 90, 450]
    assert [s.roles for s in sop.steps] == [(0,), (1,), (1,), (2,), (0, 1)]
    assert [s.kind for s in sop.steps] == [
        Kind.MULAI, Kind.PROSES, Kind.KEPUTUSAN, Kind.PROSES, Kind.SELESAI,
    ]  # fmt: skip
    assert (sop.steps[2].if_yes, sop.steps[2].if_no) == (4, 2)
    assert (sop.steps[2].label_yes, sop.steps[2].label_no) == ("Lengkap", "")
    assert [s.kelengkapan for s in sop.steps] == [s[8] for s in STEPS]
    assert [s.output for s in sop.steps] == [s[10] for s in STEPS]
    assert [s.keterangan for s in sop.steps] == [s[11] or "" for s in STEPS]
    assert sop.settings.paper is Paper.F4
    assert sop.settings.landscape is True
    assert sop.settings.day_start == dt.time(7, 30)


def test_the_example_sheet_is_a_valid_procedure(blank: Path) -> None:
    """Copying 'Contoh Prosedur' into 'Prosedur' (and its roles) gives a valid SOP."""
    wb = load_workbook(blank)
    example, target = _ws(wb, "Contoh Prosedur"), _ws(wb, "Prosedur")
    roles: list[tuple[str, str | None]] = []
    for row in example.iter_rows(min_row=2, values_only=True):
        if isinstance(row[0], int):
            for c, value in enumerate(row, start=1):
                target.cell(row=row[0] + 1, column=c, value=value)
        elif row[0] is None and row[1] and not str(row[1]).startswith("Contoh"):
            roles.append((str(row[1]), None if row[2] is None else str(row[2])))
    assert len(roles) == 3
    for r, (name, short) in enumerate(roles, start=2):
        _ws(wb, "Pelaksana").cell(row=r, column=1, value=name)
        _ws(wb, "Pelaksana").cell(row=r, column=2, value=short)
    for cells in _ws(wb, "Identitas").iter_rows(min_row=2):
        if isinstance(cells[0].value, str) and cells[0].value in IDENTITY:
            cells[1].value = IDENTITY[cells[0].value]
    wb.save(blank)
    checked = load(blank)
    assert [str(p) for p in checked.errors] == []
    assert checked.sop is not None
    assert len(checked.sop.steps) == 5
