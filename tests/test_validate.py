"""Every rule of the workbook contract, one broken workbook at a time.

Each test writes a real .xlsx (tests/workbooks.py) that differs from a valid
SOP in one place and asserts the exact list of problems: where (`Sheet!Cell`,
or the sheet alone), error or warning, and the key words of the Indonesian
sentence. Nothing else may be reported.

sopgen reads the result Excel cached with a formula and never computes one
itself. A formula saved without a cached result (by openpyxl, or another tool
that does not calculate) therefore reads as an empty cell, with a sentence
saying so; see `test_formula_without_cached_value_says_so`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLE, Run
from PIL import Image
from workbooks import (
    ROLES,
    Cell,
    Formula,
    assert_problems,
    drop_column,
    drop_field,
    error,
    libur,
    pengaturan,
    set_cell,
    set_field,
    set_step,
    valid_sheets,
    warning,
    write,
)

from sopgen import flow
from sopgen.dates import MONTHS
from sopgen.loader import load
from sopgen.model import Kind, Paper

# --- the baseline ---------------------------------------------------------------------


def test_baseline_is_valid_and_read_as_typed(run: Run) -> None:
    checked = run(valid_sheets())
    assert_problems(checked)
    sop = checked.sop
    assert sop is not None
    ident = sop.identity
    assert ident.instansi == "Kabupaten Balangan"
    assert ident.nomor == "SOP – 04/BPKPAD"
    assert ident.tanggal_pembuatan == dt.date(2023, 7, 1)
    assert ident.tanggal_efektif == dt.date(2023, 7, 1)
    assert ident.tanggal_revisi is None
    assert ident.nip == "197806012005011016"
    assert ident.nip_printed == "19780601 200501 1 016"
    assert ident.logo is None
    assert [(r.name, r.short) for r in sop.roles] == list(ROLES)
    assert [s.no for s in sop.steps] == [1, 2, 3, 4, 5]
    assert [s.roles for s in sop.steps] == [(0,), (1,), (1,), (2,), (0, 1)]
    assert [s.waktu.minutes for s in sop.steps] == [15, 30, 10, 60, 450]
    assert sop.provisions.dasar_hukum == (
        "Undang-Undang Nomor 23 Tahun 2014",
        "Peraturan Bupati Balangan Nomor 5 Tahun 2020",
    )
    assert sop.provisions.peralatan == ("Komputer", "ATK")
    assert sop.provisions.kualifikasi == ("Memahami tugas pokok",)
    assert sop.steps[4].keterangan == "Paling lambat 3 hari kerja"
    assert str(sop.steps[2].loc) == "Prosedur!A4"
    assert str(sop.identity.locs["nomor"]) == "Identitas!B4"


def test_problems_are_collected_across_sheets_in_reading_order(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 4, Waktu=None)
    set_step(sheets, 2, Kegiatan=None)
    set_field(sheets, "Identitas", "Nama SOP", None)
    checked = run(sheets)
    assert_problems(
        checked,
        error("Identitas!B5", "Nama SOP", "kosong"),
        error("Prosedur!B3", "Kegiatan", "kosong"),
        warning("Prosedur!H5", "Waktu kosong", "tanpa standar waktu"),
    )
    assert len(checked.errors) == 2
    assert len(checked.warnings) == 1


# --- sheets, columns and rows -----------------------------------------------------------


@pytest.mark.parametrize("sheet", ["Identitas", "Ketentuan", "Pelaksana", "Prosedur"])
def test_missing_sheet(run: Run, sheet: str) -> None:
    sheets = valid_sheets()
    del sheets[sheet]
    assert_problems(run(sheets), error(sheet, f"lembar '{sheet}' tidak ada"))


def test_missing_sheet_names_a_near_spelling(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Prosedure"] = sheets.pop("Prosedur")
    assert_problems(
        run(sheets), error("Prosedur", "'Prosedur' tidak ada", "Lembar 'Prosedure' ada")
    )


@pytest.mark.parametrize(
    ("sheet", "header"),
    [
        ("Identitas", "Isian"),
        ("Identitas", "Nilai"),
        ("Pelaksana", "Pelaksana"),
        ("Prosedur", "No"),
        ("Prosedur", "Kegiatan"),
        ("Prosedur", "Pelaksana"),
        ("Ketentuan", "Dasar Hukum"),
        ("Ketentuan", "Pencatatan dan Pendataan"),
    ],
)
def test_missing_column(run: Run, sheet: str, header: str) -> None:
    sheets = valid_sheets()
    drop_column(sheets, sheet, header)
    assert_problems(run(sheets), error(sheet, f"kolom '{header}' tidak ada", "baris 1"))


def test_missing_column_names_a_near_header(run: Run) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Prosedur", "B1", "Kegiatn")
    assert_problems(
        run(sheets), error("Prosedur", "kolom 'Kegiatan' tidak ada", "Kolom 'Kegiatn' ada")
    )


def test_missing_waktu_column_is_a_warning_that_names_a_near_header(run: Run) -> None:
    """v1.1: Waktu is optional; a misspelt header still gets its hint."""
    sheets = valid_sheets()
    set_cell(sheets, "Prosedur", "H1", "Wakt")
    assert_problems(
        run(sheets), warning("Prosedur", "kolom 'Waktu' tidak ada", "Kolom 'Wakt' ada")
    )


def test_optional_columns_may_be_missing(run: Run) -> None:
    sheets = valid_sheets()
    for header in ("Kelengkapan", "Output", "Keterangan"):
        drop_column(sheets, "Prosedur", header)
    drop_column(sheets, "Pelaksana", "Singkatan")
    for step in (1, 5):
        set_step(sheets, step, Pelaksana="Kepala Bidang")
    set_step(sheets, 2, Pelaksana="Kepala Seksi")
    assert_problems(run(sheets))


def test_duplicate_column_header(run: Run) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Prosedur", "K1", " KEGIATAN ")
    assert_problems(run(sheets), error("Prosedur!K1", "'KEGIATAN'", "dua kali"))


def test_duplicate_column_header_in_key_value_sheet(run: Run) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Identitas", "C1", "nilai")
    assert_problems(run(sheets), error("Identitas!C1", "'nilai'", "dua kali"))


def test_duplicate_identity_row(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Identitas"].append(["nomor sop", "SOP – 05/BPKPAD"])
    assert_problems(run(sheets), error("Identitas!A15", "'nomor sop'", "dua kali"))


# --- Identitas ---------------------------------------------------------------------------

REQUIRED = [
    ("Satuan Kerja", "B3"),
    ("Nomor SOP", "B4"),
    ("Nama SOP", "B5"),
    ("Tanggal Pembuatan", "B6"),
    ("Tanggal Efektif", "B8"),
    ("Disahkan Oleh", "B9"),
    ("Nama Pengesah", "B10"),
]


@pytest.mark.parametrize("label", [label for label, _ in REQUIRED])
def test_missing_identity_row(run: Run, label: str) -> None:
    sheets = valid_sheets()
    drop_field(sheets, "Identitas", label)
    assert_problems(run(sheets), error("Identitas", f"baris '{label}' tidak ada"))


def test_missing_identity_row_suggests_the_label_as_typed(run: Run) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Identitas", "A4", "Nomer SOP")
    checked = run(sheets)
    assert_problems(checked, error("Identitas", "baris 'Nomor SOP' tidak ada"))
    assert "Maksud Anda 'Nomer SOP'?" in checked.problems[0].text  # as typed, not folded


@pytest.mark.parametrize(
    "label", ["Instansi", "Tanggal Revisi", "NIP Pengesah", "Pangkat Pengesah", "Tempat", "Logo"]
)
def test_optional_identity_rows_may_be_missing(run: Run, label: str) -> None:
    sheets = valid_sheets()
    drop_field(sheets, "Identitas", label)
    assert_problems(run(sheets))


@pytest.mark.parametrize(("label", "ref"), REQUIRED)
@pytest.mark.parametrize("value", [None, "-", "  "])
def test_empty_required_value(run: Run, label: str, ref: str, value: Cell) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", label, value)
    assert_problems(run(sheets), error(f"Identitas!{ref}", f"{label} kosong"))


@pytest.mark.parametrize(
    ("label", "ref", "value"),
    [
        ("Tanggal Pembuatan", "B6", "31 Juni 2023"),
        ("Tanggal Pembuatan", "B6", "kemarin"),
        ("Tanggal Pembuatan", "B6", 45108),  # a serial number without a date format
        ("Tanggal Revisi", "B7", "2023-13-01"),
        ("Tanggal Efektif", "B8", "1 Julii 2023"),
        ("Tanggal Efektif", "B8", "01-07-23"),
    ],
)
def test_bad_date(run: Run, label: str, ref: str, value: Cell) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", label, value)
    assert_problems(
        run(sheets), error(f"Identitas!{ref}", f"{label} bukan tanggal", "01 Juli 2023")
    )


def test_revision_before_made_is_an_error(run: Run) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Tanggal Revisi", "30 Juni 2023")
    assert_problems(
        run(sheets), error("Identitas!B7", "Tanggal Revisi", "sebelum", "01 Juli 2023")
    )


def test_revision_on_or_after_made_is_read(run: Run) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Tanggal Revisi", "01-07-2023")
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.identity.tanggal_revisi == dt.date(2023, 7, 1)


def test_effective_before_made_is_a_warning(run: Run) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Tanggal Efektif", "30 Juni 2023")
    assert_problems(
        run(sheets), warning("Identitas!B8", "Tanggal Efektif", "lebih awal", "01 Juli 2023")
    )


@pytest.mark.parametrize(
    ("nip", "words"),
    [
        ("19780601 200501 1 01", ["18 digit", "bukan 17"]),
        ("1978060120050110160", ["18 digit", "bukan 19"]),
        ("1978O601 200501 1 016", ["18 digit"]),  # a letter O for a zero
        ("19781301 200501 1 016", ["19781301", "tanggal lahir"]),
        ("19780230 200501 1 016", ["19780230", "tanggal lahir"]),
        ("19780601 200513 1 016", ["200513", "pengangkatan"]),
        ("19780601 189912 1 016", ["189912", "pengangkatan"]),
        ("19780601 197705 1 016", ["197705", "sebelum", "19780601"]),
        ("19780601 197806 1 016", ["197806", "sebelum"]),
        ("19780601 200501 3 016", ["jenis kelamin", "bukan 3"]),
        ("19780601 200501 0 016", ["jenis kelamin", "bukan 0"]),
    ],
)
def test_bad_nip(run: Run, nip: str, words: list[str]) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "NIP Pengesah", nip)
    assert_problems(run(sheets), error("Identitas!B11", *words))


@pytest.mark.parametrize("nip", [197806012005011016, 1.97806012005011e17])
def test_nip_typed_as_a_number(run: Run, nip: Cell) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "NIP Pengesah", nip)
    assert_problems(run(sheets), error("Identitas!B11", "sebagai angka", "sebagai teks"))


@pytest.mark.parametrize(
    "nip",
    [
        "197806012005011016",
        "19780601 200501 1 016",
        "  19780601  200501  1  016 ",
        "19780601.200501.1.016",
        "19780601-200501-1-016",
        "NIP. 19780601 200501 1 016",
        "NIP: 19780601 200501 1 016",
        Formula('="19780601 200501 1 016"', "19780601 200501 1 016"),
    ],
)
def test_nip_forms_accepted(run: Run, nip: Cell) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "NIP Pengesah", nip)
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.identity.nip == "197806012005011016"


def _png(path: Path, fmt: str = "PNG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 4), "red").save(path, fmt)
    return path


@pytest.mark.parametrize("name", ["logo.png", "gambar/logo.png", "./gambar/../logo.png"])
def test_logo_inside_the_folder(run: Run, tmp_path: Path, name: str) -> None:
    _png(tmp_path / "logo.png")
    _png(tmp_path / "gambar" / "logo.png")
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", name)
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.identity.logo == (tmp_path / name).resolve()


def test_logo_jpeg_is_accepted(run: Run, tmp_path: Path) -> None:
    _png(tmp_path / "logo.jpg", "JPEG")
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", "logo.jpg")
    assert_problems(run(sheets))


def test_logo_outside_the_folder(run: Run, tmp_path: Path) -> None:
    _png(tmp_path.parent / "logo-luar.png")
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", "../logo-luar.png")
    assert_problems(run(sheets), error("Identitas!B14", "'../logo-luar.png'", "di luar folder"))


def test_logo_absolute_path_outside_the_folder(run: Run, tmp_path: Path) -> None:
    outside = _png(tmp_path.parent / "logo-luar.png")
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", str(outside))
    assert_problems(run(sheets), error("Identitas!B14", "di luar folder"))


def test_logo_symlink_leading_outside_the_folder(run: Run, tmp_path: Path) -> None:
    outside = _png(tmp_path.parent / "logo-luar.png")
    (tmp_path / "logo.png").symlink_to(outside)
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", "logo.png")
    assert_problems(run(sheets), error("Identitas!B14", "di luar folder"))


def test_logo_missing(run: Run) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", "logo.png")
    assert_problems(run(sheets), error("Identitas!B14", "'logo.png'", "tidak ditemukan"))


def test_logo_not_an_image(run: Run, tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_text("bukan gambar")
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", "logo.png")
    assert_problems(run(sheets), error("Identitas!B14", "'logo.png'", "bukan gambar PNG/JPEG"))


def test_logo_truncated_png(run: Run, tmp_path: Path) -> None:
    data = _png(tmp_path / "full.png").read_bytes()
    (tmp_path / "logo.png").write_bytes(data[: len(data) // 2])
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", "logo.png")
    assert_problems(run(sheets), error("Identitas!B14", "'logo.png'", "PNG"))


def test_logo_in_another_image_format(run: Run, tmp_path: Path) -> None:
    _png(tmp_path / "logo.gif", "GIF")
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", "logo.gif")
    assert_problems(run(sheets), error("Identitas!B14", "'logo.gif'", "GIF", "PNG atau JPEG"))


# --- Pengaturan --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "value", "words"),
    [
        ("Ukuran Kertas", "A5", ["Ukuran Kertas", "F4"]),
        ("Orientasi", "Miring", ["Orientasi", "Potret"]),
        ("Jam Kerja per Hari", "25", ["Jam Kerja per Hari"]),
        ("Jam Kerja per Hari", 0, ["Jam Kerja per Hari"]),
        ("Jam Kerja per Hari", "7,33", ["Jam Kerja per Hari", "menit"]),
        ("Jam Kerja per Hari", "delapan", ["Jam Kerja per Hari"]),
        ("Hari Kerja per Minggu", 7, ["5", "6"]),
        ("Hari Kerja per Minggu", "lima", ["Hari Kerja per Minggu"]),
        ("Hari Kerja per Bulan", 0, ["Hari Kerja per Bulan", "1 sampai 31"]),
        ("Hari Kerja per Bulan", 32, ["Hari Kerja per Bulan"]),
        ("Hari Kerja per Bulan", 21.5, ["Hari Kerja per Bulan"]),
        ("Jam Masuk", "25:00", ["Jam Masuk", "07:30"]),
        ("Jam Masuk", "jam tujuh", ["Jam Masuk"]),
        ("Maks Langkah per Halaman", 0, ["Maks Langkah"]),
        ("Maks Langkah per Halaman", "banyak", ["Maks Langkah"]),
        ("Tanggal Mulai", "besok", ["Tanggal Mulai", "bukan tanggal"]),
    ],
)
def test_bad_setting(run: Run, label: str, value: Cell, words: list[str]) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = pengaturan(**{label.replace(" ", "_"): value})
    assert_problems(run(sheets), error("Pengaturan!B2", *words))


def test_settings_are_read(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = pengaturan(
        Ukuran_Kertas="f4",
        Orientasi="POTRET",
        Jam_Kerja_per_Hari="8 jam",
        Hari_Kerja_per_Minggu=6,
        Hari_Kerja_per_Bulan="24",
        Jam_Masuk="07:00",
        Maks_Langkah_per_Halaman=8,
        Tanggal_Mulai="02-01-2024",
    )
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    s = checked.sop.settings
    assert s.paper is Paper.F4
    assert s.landscape is False
    assert s.work.hours_per_day == Decimal(8)
    assert s.work.days_per_week == 6
    assert s.work.days_per_month == 24
    assert s.day_start == dt.time(7, 0)
    assert s.max_steps_per_page == 8
    assert s.start_date == dt.date(2024, 1, 2)
    assert str(s.locs["paper"]) == "Pengaturan!B2"
    # a working day of 8 hours makes step 5's '1 hari' 480 minutes
    assert checked.sop.steps[4].waktu.minutes == 480


@pytest.mark.parametrize(
    ("value", "hours"),
    [(8, Decimal(8)), (7.5, Decimal("7.5")), ("7,5", Decimal("7.5")), ("7.5", Decimal("7.5")),
     ("8 JAM", Decimal(8)), ("7,25", Decimal("7.25"))],
)  # fmt: skip
def test_hours_per_day_forms(run: Run, value: Cell, hours: Decimal) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = pengaturan(Jam_Kerja_per_Hari=value)
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.settings.work.hours_per_day == hours


@pytest.mark.parametrize(
    "value", ["07:00", "7.00", "7:00", dt.time(7, 0), dt.datetime(2024, 1, 1, 7)]
)
def test_day_start_forms(run: Run, value: Cell) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = pengaturan(Jam_Masuk=value)
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.settings.day_start == dt.time(7, 0)


def test_settings_default_when_empty_or_dash(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = pengaturan(
        Ukuran_Kertas="-", Orientasi=None, Jam_Kerja_per_Hari="-", Jam_Masuk=None
    )
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    s = checked.sop.settings
    assert (s.paper, s.landscape, s.day_start) == (Paper.A4, True, dt.time(7, 30))
    assert s.work.hours_per_day == Decimal("7.5")
    assert (s.work.days_per_week, s.work.days_per_month) == (5, 22)
    assert s.max_steps_per_page is None


def test_settings_sheet_without_value_column(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = [["Isian"], ["Ukuran Kertas"]]
    assert_problems(run(sheets), error("Pengaturan", "kolom 'Nilai' tidak ada"))


# --- Pelaksana ---------------------------------------------------------------------------


def test_duplicate_role_name(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pelaksana"].append(["kepala  BIDANG", None])
    assert_problems(
        run(sheets), error("Pelaksana!A5", "'kepala  BIDANG'", "sudah dipakai di Pelaksana!A2")
    )


def test_duplicate_role_abbreviation(run: Run) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Pelaksana", "B4", "KASI")
    assert_problems(run(sheets), error("Pelaksana!B4", "'KASI'", "sudah dipakai di Pelaksana!B3"))


def test_abbreviation_equal_to_another_role_name(run: Run) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Pelaksana", "B4", "Kepala Bidang")
    assert_problems(
        run(sheets), error("Pelaksana!B4", "'Kepala Bidang'", "sudah dipakai di Pelaksana!A2")
    )


def test_abbreviation_equal_to_its_own_name(run: Run) -> None:
    sheets = valid_sheets()
    set_cell(sheets, "Pelaksana", "B4", "STAF")  # row 4 is 'Staf': no clash with itself
    assert_problems(run(sheets))


def test_abbreviation_without_role_name(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pelaksana"].append([None, "Bend"])
    assert_problems(run(sheets), error("Pelaksana!A5", "Pelaksana kosong", "Singkatan"))


def test_no_roles(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pelaksana"] = [["Pelaksana", "Singkatan"]]
    assert_problems(run(sheets), error("Pelaksana", "belum ada pelaksana"))


def test_no_roles_only_a_dash_abbreviation(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pelaksana"] = [["Pelaksana", "Singkatan"], [None, "-"]]
    assert_problems(run(sheets), error("Pelaksana", "belum ada pelaksana"))


def test_role_with_no_step_is_a_warning(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Pelaksana"].append(["Bendahara", "Bend"])
    assert_problems(run(sheets), warning("Pelaksana!A5", "'Bendahara'", "tidak melaksanakan"))


# --- Prosedur: step numbers ------------------------------------------------------------


def _numbers(sheets: dict[str, list[list[Cell]]], *numbers: Cell) -> None:
    for r, no in enumerate(numbers, start=2):
        set_cell(sheets, "Prosedur", f"A{r}", no)


def test_step_number_gap(run: Run) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, 2, 4, 5, 6)
    assert_problems(run(sheets), error("Prosedur!A4", "melompat ke 4", "nomor 3 tidak ada"))


def test_step_number_gap_of_several(run: Run) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, 2, 5, 6, 7)
    assert_problems(run(sheets), error("Prosedur!A4", "melompat ke 5", "3 sampai 4"))


def test_first_step_not_one(run: Run) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 2, 3, 4, 5, 6)
    assert_problems(run(sheets), error("Prosedur!A2", "melompat ke 2", "nomor 1 tidak ada"))


def test_step_number_duplicate(run: Run) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, 2, 2, 3, 4)
    assert_problems(
        run(sheets), error("Prosedur!A4", "nomor langkah 2", "sudah dipakai di Prosedur!A3")
    )


def test_step_number_duplicate_then_gap(run: Run) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, 2, 2, 4, 5)
    assert_problems(
        run(sheets),
        error("Prosedur!A4", "nomor langkah 2", "sudah dipakai di Prosedur!A3"),
        error("Prosedur!A5", "melompat ke 4", "nomor 3 tidak ada"),
    )


@pytest.mark.parametrize("no", ["dua", "2a", 2.5, 0, -2, "1,5", True])
@pytest.mark.parametrize("after", [3, 2])  # the row meant 2, or it is a stray row
def test_step_number_not_a_number(run: Run, no: Cell, after: int) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, no, after, after + 1, after + 2)
    assert_problems(run(sheets), error("Prosedur!A3", "bukan nomor langkah", "di sini 2"))


def test_step_numbers_empty(run: Run) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, None, None, 4, 5)
    assert_problems(
        run(sheets),
        error("Prosedur!A3", "No kosong", "langkah 2"),
        error("Prosedur!A4", "No kosong", "langkah 3"),
    )


def test_step_numbers_out_of_order(run: Run) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, 3, 2, 4, 5)
    assert_problems(
        run(sheets),
        error("Prosedur!A3", "melompat ke 3", "nomor 2 tidak ada"),
        error("Prosedur!A4", "nomor langkah 2 tidak urut", "seharusnya 4"),
    )


@pytest.mark.parametrize("no", ["2", " 2 ", 2.0, "2."])
def test_step_number_as_text_or_float(run: Run, no: Cell) -> None:
    sheets = valid_sheets()
    _numbers(sheets, 1, no, 3, 4, 5)
    assert_problems(run(sheets))


def test_no_steps(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Prosedur"] = sheets["Prosedur"][:1]
    assert_problems(run(sheets), error("Prosedur", "belum ada langkah"))


# --- Prosedur: cells of a step ---------------------------------------------------------


def test_unknown_role_suggests_the_nearest(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Pelaksana="Kepala Seksie")
    assert_problems(
        run(sheets),
        error("Prosedur!C3", "'Kepala Seksie'", "lembar Pelaksana", "Maksud Anda 'Kepala Seksi'?"),
    )


def test_unknown_role_in_a_joint_step(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 5, Pelaksana="Kabid; Bendahara;")
    checked = run(sheets)
    assert_problems(checked, error("Prosedur!C6", "'Bendahara'", "';'"))
    assert "Maksud Anda" not in checked.problems[0].text


@pytest.mark.parametrize("value", [None, ";", " ; ; "])
def test_role_empty(run: Run, value: Cell) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Pelaksana=value)
    assert_problems(run(sheets), error("Prosedur!C3", "Pelaksana kosong"))


def test_activity_empty(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Kegiatan=None)
    assert_problems(run(sheets), error("Prosedur!B3", "Kegiatan kosong"))


def test_bad_kind_suggests_the_nearest(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Jenis="Prosess")
    assert_problems(
        run(sheets), error("Prosedur!D3", "Jenis 'Prosess'", "Keputusan", "Maksud Anda 'Proses'?")
    )


def test_bad_kind_on_a_decision_reports_only_the_kind(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, Jenis="Keputusn")
    assert_problems(run(sheets), error("Prosedur!D4", "'Keputusn'", "Maksud Anda 'Keputusan'?"))


def test_decision_without_if_no(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, Jika_Tidak=None)
    assert_problems(
        run(sheets), error("Prosedur!F4", "langkah 3", "Keputusan", "Jika Tidak kosong")
    )


def test_decision_without_if_no_column(run: Run) -> None:
    sheets = valid_sheets()
    drop_column(sheets, "Prosedur", "Jika Tidak")
    assert_problems(run(sheets), error("Prosedur", "langkah 3", "Jika Tidak kosong"))


@pytest.mark.parametrize(
    ("header", "ref", "value"), [("Jika_Tidak", "F4", 9), ("Jika_Ya", "E4", 6)]
)
def test_target_does_not_exist(run: Run, header: str, ref: str, value: int) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, **{header: value})
    label = header.replace("_", " ")
    assert_problems(
        run(sheets), error(f"Prosedur!{ref}", f"{label} menunjuk langkah {value}", "1 sampai 5")
    )


@pytest.mark.parametrize("value", ["dua", 0, 2.5, "2-3"])
def test_target_not_a_number(run: Run, value: Cell) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, Jika_Tidak=value)
    assert_problems(run(sheets), error("Prosedur!F4", "Jika Tidak", "bukan nomor langkah"))


def test_jika_ya_to_the_step_itself_is_an_error(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, Jika_Ya=3)
    assert_problems(run(sheets), error("Prosedur!E4", "langkah ini sendiri", "Jika Tidak"))


def test_jika_tidak_to_the_step_itself_repeats_until_ya(run: Run) -> None:
    """v1.1: a loop of one step, as real sheets draw it (diamond side back into its top)."""
    sheets = valid_sheets()
    set_step(sheets, 3, Jika_Tidak=3)
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.steps[2].if_no == 3
    loops = flow.loops(checked.sop.steps)
    assert [(lp.frm, lp.to, lp.steps) for lp in loops] == [(3, 3, (3,))]


def test_last_step_is_a_decision(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 5, Jenis="Keputusan", Jika_Tidak=4)
    assert_problems(run(sheets), error("Prosedur!D6", "terakhir", "Keputusan", "Selesai"))


@pytest.mark.parametrize("kind", ["Proses", "Mulai"])
def test_last_step_typed_not_an_end(run: Run, kind: str) -> None:
    sheets = valid_sheets()
    set_step(sheets, 5, Jenis=kind)
    assert_problems(run(sheets), error("Prosedur!D6", "terakhir", kind, "Selesai"))


def test_main_path_cycle_via_backward_if_yes(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, Jika_Ya=1, Jika_Tidak=4)
    assert_problems(
        run(sheets), error("Prosedur!E4", "kembali ke langkah 1", "Jika Tidak")
    )


def test_main_path_cycle_via_a_default_if_yes(run: Run) -> None:
    # 4 is a decision whose Ya (2) goes back; the cycle closes at 4's Jika Ya.
    sheets = valid_sheets()
    set_step(sheets, 3, Jenis=None, Jika_Tidak=None)
    set_step(sheets, 4, Jenis="Keputusan", Jika_Ya=2, Jika_Tidak=5)
    assert_problems(run(sheets), error("Prosedur!E5", "kembali ke langkah 2"))


def test_unreachable_step(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, Jika_Ya=5)
    assert_problems(run(sheets), error("Prosedur!A5", "langkah 4", "tidak pernah dicapai"))


def test_end_in_the_middle_leaves_later_steps_unreachable(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Jenis="Selesai")
    assert_problems(
        run(sheets),
        error("Prosedur!A4", "langkah 3", "tidak pernah dicapai"),
        error("Prosedur!A5", "langkah 4", "tidak pernah dicapai"),
        error("Prosedur!A6", "langkah 5", "tidak pernah dicapai"),
    )


def test_alternative_end_reached_by_a_branch(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 3, Jika_Ya=5, Jika_Tidak=4)
    set_step(sheets, 4, Jenis="Selesai")
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    steps = checked.sop.steps
    assert flow.main_path(steps) == (1, 2, 3, 5)
    assert [(b.frm, b.to, b.steps) for b in flow.branches(steps)] == [(3, 4, (4,))]
    assert flow.loops(steps) == ()


def test_no_end_reachable_is_a_warning(run: Run) -> None:
    # 2 branches into 3..5 on Tidak; 5's Ya goes back to 3 and its Tidak to 4:
    # once in that region the flow never reaches a Selesai.
    sheets = valid_sheets()
    sheets["Prosedur"].append([6, "Mengarsipkan", "Staf", None, None, None, None, "5 menit"])
    set_step(sheets, 2, Jenis="Keputusan", Jika_Ya=6, Jika_Tidak=3)
    set_step(sheets, 3, Jenis=None, Jika_Tidak=None)
    set_step(sheets, 5, Jenis="Keputusan", Jika_Ya=3, Jika_Tidak=4)
    checked = run(sheets)
    assert_problems(
        checked,
        warning("Prosedur!A4", "dari langkah 3", "Selesai"),
        warning("Prosedur!A5", "dari langkah 4", "Selesai"),
        warning("Prosedur!A6", "dari langkah 5", "Selesai"),
    )
    assert checked.sop is not None
    assert flow.main_path(checked.sop.steps) == (1, 2, 6)


@pytest.mark.parametrize(
    ("step", "values", "ref", "kind"),
    [
        (2, {"Jika_Ya": 3}, "E3", "Proses"),
        (1, {"Jika_Tidak": 4}, "F2", "Mulai"),
        (5, {"Jika_Ya": 1}, "E6", "Selesai"),
    ],
)
def test_targets_on_a_non_decision_are_a_warning(
    run: Run, step: int, values: dict[str, Cell], ref: str, kind: str
) -> None:
    sheets = valid_sheets()
    set_step(sheets, step, **values)
    checked = run(sheets)
    assert_problems(checked, warning(f"Prosedur!{ref}", "Keputusan", f"langkah {kind}"))
    assert checked.sop is not None
    assert checked.sop.steps[step - 1].if_yes is None
    assert checked.sop.steps[step - 1].if_no is None


# --- Prosedur: Waktu ---------------------------------------------------------------------


def test_waktu_empty(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Waktu=None)
    checked = run(sheets)
    assert_problems(checked, warning("Prosedur!H3", "Waktu kosong", "tanpa standar waktu"))
    assert checked.sop is not None
    waktu = checked.sop.steps[1].waktu
    assert (waktu.minutes, waktu.text, waktu.is_none) == (0, "", True)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("15 sebentar", ["'15 sebentar'", "tidak dapat dibaca", "15 menit"]),
        ("15 menti", ["'15 menti'", "tidak dapat dibaca", "Maksud Anda 'menit'?"]),
        ("2 hari sebelum rapat", ["tenggat", "Keterangan"]),
        ("-5 menit", ["negatif"]),
        ("10-5 menit", ["terbalik"]),
        (dt.date(2023, 7, 1), ["bukan lama waktu"]),
        (dt.time(0, 15), ["bukan lama waktu"]),
    ],
)
def test_waktu_unreadable(run: Run, value: Cell, words: list[str]) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Waktu=value)
    assert_problems(run(sheets), error("Prosedur!H3", *words))


@pytest.mark.parametrize("value", ["-", "–", " - "])
def test_waktu_dash_is_a_warning(run: Run, value: str) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Waktu=value)
    checked = run(sheets)
    assert_problems(checked, warning("Prosedur!H3", "'-'", "0 menit"))
    assert checked.sop is not None
    assert checked.sop.steps[1].waktu.minutes == 0
    assert checked.sop.steps[1].waktu.is_none


@pytest.mark.parametrize("value", ["31 hari", "2 bulan", "7 minggu"])
def test_waktu_over_30_days_is_a_warning(run: Run, value: str) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Waktu=value)
    assert_problems(run(sheets), warning("Prosedur!H3", f"'{value}'", "30 hari kerja"))


@pytest.mark.parametrize(("value", "minutes"), [("30 hari", 30 * 450), (15, 15), ("1,5 jam", 90)])
def test_waktu_read(run: Run, value: Cell, minutes: int) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Waktu=value)
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.steps[1].waktu.minutes == minutes


# --- Libur --------------------------------------------------------------------------------


def test_holidays_are_read(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Libur"] = libur(
        ("08-04-2024", "Cuti bersama Idul Fitri"), (dt.date(2024, 12, 26), None)
    )
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    days = [(h.day, h.name, str(h.loc)) for h in checked.sop.holidays]
    assert days == [
        (dt.date(2024, 4, 8), "Cuti bersama Idul Fitri", "Libur!A2"),
        (dt.date(2024, 12, 26), "", "Libur!A3"),
    ]


def test_holiday_bad_date(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Libur"] = libur(("08-04-2024", "Cuti bersama"), ("30 Februari 2024", "Salah"))
    assert_problems(run(sheets), error("Libur!A3", "Tanggal bukan tanggal"))


def test_holiday_without_date(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Libur"] = libur((None, "Hari jadi kabupaten"))
    assert_problems(run(sheets), error("Libur!A2", "Tanggal kosong"))


def test_holiday_sheet_without_date_column(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Libur"] = [["Keterangan"], ["Hari jadi"]]
    assert_problems(run(sheets), error("Libur", "kolom 'Tanggal' tidak ada"))


# --- formulas and Excel error values ----------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "ref", "also"),
    [
        ("Identitas", "B3", []),  # Satuan Kerja
        ("Identitas", "B6", []),  # Tanggal Pembuatan
        ("Identitas", "B11", []),  # NIP Pengesah
        ("Identitas", "B14", []),  # Logo
        ("Ketentuan", "A2", []),
        ("Pelaksana", "A4", [error("Prosedur!C5", "'Staf'")]),  # the role is gone
        ("Pelaksana", "B3", [error("Prosedur!C3", "'Kasi'"), error("Prosedur!C6", "'Kasi'")]),
        ("Prosedur", "A3", []),  # No
        ("Prosedur", "B3", []),  # Kegiatan
        ("Prosedur", "C3", []),  # Pelaksana
        ("Prosedur", "D4", []),  # Jenis
        ("Prosedur", "E4", []),  # Jika Ya
        ("Prosedur", "F4", []),  # Jika Tidak
        ("Prosedur", "G3", []),  # Kelengkapan
        ("Prosedur", "H3", []),  # Waktu
        ("Prosedur", "J6", []),  # Keterangan
        ("Pengaturan", "B2", []),
        ("Libur", "A2", []),
    ],
)
def test_formula_error_value(
    run: Run, sheet: str, ref: str, also: list[object]
) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = pengaturan(Ukuran_Kertas="A4")
    sheets["Libur"] = libur(("08-04-2024", "Cuti bersama"))
    set_cell(sheets, sheet, ref, "#REF!")  # openpyxl stores this as an error value
    expected = [error(f"{sheet}!{ref}", "galat rumus #REF!"), *also]
    assert_problems(run(sheets), *expected)  # type: ignore[arg-type]


def test_formula_error_cached_from_a_formula(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Waktu=Formula("=1/0", "#DIV/0!"))
    assert_problems(run(sheets), error("Prosedur!H3", "galat rumus #DIV/0!"))


def test_formulas_with_cached_values_are_read(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, No=Formula("=A2+1", 2), Kegiatan=Formula('="Memeriksa "&"berkas"',
             "Memeriksa berkas"), Waktu=Formula('=15*2&" menit"', "30 menit"))  # fmt: skip
    set_field(sheets, "Identitas", "Tanggal Efektif", Formula("=B6", "01 Juli 2023"))
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    step = checked.sop.steps[1]
    assert (step.no, step.kegiatan, step.waktu.minutes) == (2, "Memeriksa berkas", 30)
    assert checked.sop.identity.tanggal_efektif == dt.date(2023, 7, 1)


def test_formula_without_cached_value_says_so(run: Run) -> None:
    """A formula saved without its result (by a program that does not calculate) reads
    as empty, and the planner is told why: an error where a value is needed, else a warning."""
    sheets = valid_sheets()
    set_step(sheets, 2, Kegiatan=Formula("=J2"), Waktu=Formula('="15 menit"'))
    set_step(sheets, 4, Keterangan=Formula("=1/0"))  # optional: empty is fine, but not silent
    assert_problems(
        run(sheets),
        error("Prosedur!B3", "rumus =J2", "tanpa hasil tersimpan", "Excel"),
        warning("Prosedur!H3", 'rumus ="15 menit"', "tanpa hasil tersimpan"),
        warning("Prosedur!J5", "rumus =1/0", "dibaca kosong"),
    )


# --- matching rules ------------------------------------------------------------------------


def test_names_headers_labels_and_values_match_loosely(run: Run) -> None:
    sheets = valid_sheets()
    renamed = {"Identitas": "IDENTITAS", "Ketentuan": " ketentuan",
               "Pelaksana": "PeLaKsAnA ", "Prosedur": "prosedur"}  # fmt: skip
    sheets = {renamed.get(k, k): v for k, v in sheets.items()}
    sheets["prosedur"][0] = [
        "  NO ", "KEGIATAN", "pelaksana", "JENIS", "jika  ya",
        "Jika\ttidak", "kelengkapan", " WAKTU", "output", "keterangan",
    ]  # fmt: skip
    sheets["IDENTITAS"][0] = ["ISIAN", " nilai "]
    sheets["PeLaKsAnA "][0] = ["PELAKSANA", "singkatan"]
    sheets["IDENTITAS"][3][0] = "  nomor   SOP "
    sheets["IDENTITAS"][5][0] = "TANGGAL PEMBUATAN"
    sheets["prosedur"][3][2:4] = ["  kepala   SEKSI ", "KEPUTUSAN"]
    sheets["prosedur"][5][2] = "KABID ; kasi"
    sheets["prosedur"][5][3] = " selesai "
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.identity.nomor == "SOP – 04/BPKPAD"
    assert checked.sop.steps[2].kind is Kind.KEPUTUSAN
    assert checked.sop.steps[4].roles == (0, 1)


def test_problems_name_the_sheet_as_the_file_spells_it(run: Run) -> None:
    sheets = valid_sheets()
    sheets["PROSEDUR"] = sheets.pop("Prosedur")
    set_cell(sheets, "PROSEDUR", "H3", None)
    assert_problems(run(sheets), warning("PROSEDUR!H3", "Waktu kosong"))


def test_column_order_is_free_and_locations_follow_it(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Prosedur"] = [
        list(reversed(row + [None] * (10 - len(row)))) for row in sheets["Prosedur"]
    ]
    sheets["Identitas"] = [[v, k] for k, v in sheets["Identitas"]]
    set_cell(sheets, "Prosedur", "C3", None)  # Waktu of step 2, now in column C
    set_cell(sheets, "Identitas", "A5", None)  # Nama SOP, value now in column A
    assert_problems(
        run(sheets),
        error("Identitas!A5", "Nama SOP kosong"),
        warning("Prosedur!C3", "Waktu kosong"),
    )


def test_columns_beyond_z(run: Run) -> None:
    sheets = valid_sheets()
    for r, row in enumerate(sheets["Prosedur"]):
        waktu = row[7]
        row[7] = None
        row.extend([None] * (27 - len(row)) + [waktu])  # Waktu in column AB
        if r == 2:
            row[27] = None
    checked = run(sheets)
    assert_problems(checked, warning("Prosedur!AB3", "Waktu kosong"))


def test_extra_sheets_columns_and_rows_are_ignored(run: Run) -> None:
    sheets = valid_sheets()
    sheets = {"Catatan": [["apa saja"], [1, 2, 3]], **sheets, "Lain": [["#REF!"]]}
    sheets["Prosedur"][0].append("Catatan Internal")
    sheets["Prosedur"][2].extend([None] * (10 - len(sheets["Prosedur"][2])) + ["=1/0"])
    sheets["Identitas"][0].append("Petunjuk")
    sheets["Identitas"][1].append("isi nama kabupaten")
    sheets["Identitas"].append(["Kode Arsip", "045.2"])
    sheets["Pelaksana"][0].append("Keterangan")
    sheets["Pelaksana"][1].append("#N/A")
    assert_problems(run(sheets))


def test_empty_rows_in_the_middle_are_skipped(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Prosedur"][3:3] = [[], [None, "   ", None], []]
    sheets["Identitas"][2:2] = [[None, None]]
    sheets["Pelaksana"][2:2] = [[], []]
    sheets["Ketentuan"][2:2] = [[]]
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert [s.no for s in checked.sop.steps] == [1, 2, 3, 4, 5]
    assert str(checked.sop.steps[2].loc) == "Prosedur!A7"
    assert [r.name for r in checked.sop.roles] == [r for r, _ in ROLES]
    assert len(checked.sop.provisions.dasar_hukum) == 2


def test_text_is_stripped_and_line_breaks_kept(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 2, Kegiatan="  Memeriksa\r\nkelengkapan berkas \n")
    set_field(sheets, "Identitas", "Nama Pengesah", "\tFAKHRIYANTO, S.Pt, MP  ")
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.steps[1].kegiatan == "Memeriksa\nkelengkapan berkas"
    assert checked.sop.identity.nama_pengesah == "FAKHRIYANTO, S.Pt, MP"


def test_dash_counts_as_empty_in_optional_fields(run: Run) -> None:
    sheets = valid_sheets()
    for label in ("Instansi", "Tanggal Revisi", "NIP Pengesah", "Pangkat Pengesah", "Tempat",
                  "Logo"):  # fmt: skip
        set_field(sheets, "Identitas", label, "-")
    set_cell(sheets, "Pelaksana", "B2", "–")
    set_step(sheets, 1, Jenis="-", Kelengkapan="-", Output="—", Keterangan="-")
    set_step(sheets, 3, Jika_Ya="-")
    set_cell(sheets, "Ketentuan", "B3", "-")
    sheets["Pengaturan"] = pengaturan(Ukuran_Kertas="-", Maks_Langkah_per_Halaman="-")
    set_step(sheets, 1, Pelaksana="Kepala Bidang")
    set_step(sheets, 5, Pelaksana="Kepala Bidang; Kasi")
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    ident = checked.sop.identity
    assert (ident.instansi, ident.tanggal_revisi, ident.nip) == (None, None, None)
    assert (ident.pangkat, ident.tempat, ident.logo) == (None, None, None)
    assert checked.sop.roles[0].short is None
    step = checked.sop.steps[0]
    assert (step.kind, step.kelengkapan, step.output, step.keterangan) == (Kind.MULAI, "", "", "")
    assert checked.sop.steps[2].if_yes == 4
    assert checked.sop.provisions.kualifikasi == ("Memahami tugas pokok",)
    assert checked.sop.settings.paper is Paper.A4


def test_provision_numbers_are_removed(run: Run) -> None:
    sheets = valid_sheets()
    items: list[Cell] = ["1. Undang-Undang", "2) Peraturan Pemerintah", " 3 . Perda",
                         "10)Permendagri", "1.000 lembar kertas HVS", "2023 Anggaran",
                         "UU No. 23", "Baris satu\nBaris dua"]  # fmt: skip
    sheets["Ketentuan"] = [sheets["Ketentuan"][0], *([item] for item in items)]
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.provisions.dasar_hukum == (
        "Undang-Undang", "Peraturan Pemerintah", "Perda", "Permendagri",
        "1.000 lembar kertas HVS", "2023 Anggaran", "UU No. 23", "Baris satu\nBaris dua",
    )  # fmt: skip


def test_empty_provision_columns_are_allowed(run: Run) -> None:
    sheets = valid_sheets()
    sheets["Ketentuan"] = sheets["Ketentuan"][:1]
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert all(items == () for _, items in checked.sop.provisions.items())


@pytest.mark.parametrize(
    ("value", "roles"),
    [
        ("KABID", (0,)),
        ("kepala bidang", (0,)),
        ("Kabid; Kasi;", (0, 1)),
        ("Kasi;Kabid", (0, 1)),
        ("Kabid;; Staf ;", (0, 2)),
        ("Kabid; Kepala Bidang", (0,)),
    ],
)
def test_roles_by_name_or_abbreviation_and_joint_steps(
    run: Run, value: str, roles: tuple[int, ...]
) -> None:
    sheets = valid_sheets()
    set_step(sheets, 5, Pelaksana=value)
    set_step(sheets, 4, Pelaksana="Staf; Kabid; Kasi")
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.steps[4].roles == roles


@pytest.mark.parametrize(
    "value",
    [
        "01 JULI 2023", "1 Juli 2023", "1 juli 2023", "01-07-2023", "1-7-2023", "01/07/2023",
        "01.07.2023", "2023-07-01", "1 Jul 2023", "  01   Juli   2023 ",
        dt.date(2023, 7, 1), dt.datetime(2023, 7, 1), dt.datetime(2023, 7, 1, 9, 30),
    ],
)  # fmt: skip
def test_dates_in_every_form(run: Run, value: Cell) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Tanggal Pembuatan", value)
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert checked.sop.identity.tanggal_pembuatan == dt.date(2023, 7, 1)


@pytest.mark.parametrize("month", range(1, 13))
def test_month_names_in_any_case(run: Run, month: int) -> None:
    name = MONTHS[month - 1]
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Tanggal Pembuatan", f"1 {name.upper()} 2023")
    set_field(sheets, "Identitas", "Tanggal Revisi", f"2 {name.lower()} 2023")
    set_field(sheets, "Identitas", "Tanggal Efektif", f"03 {name} 2023")
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    ident = checked.sop.identity
    assert (ident.tanggal_pembuatan, ident.tanggal_revisi, ident.tanggal_efektif) == (
        dt.date(2023, month, 1), dt.date(2023, month, 2), dt.date(2023, month, 3),
    )  # fmt: skip


def test_kind_defaults_and_if_yes_default(run: Run) -> None:
    checked = run(valid_sheets())
    assert checked.sop is not None
    steps = checked.sop.steps
    assert [s.kind for s in steps] == [
        Kind.MULAI, Kind.PROSES, Kind.KEPUTUSAN, Kind.PROSES, Kind.SELESAI,
    ]  # fmt: skip
    assert (steps[2].if_yes, steps[2].if_no) == (4, 2)
    assert all(s.if_yes is None and s.if_no is None for s in steps if s.no != 3)
    assert flow.main_path(steps) == (1, 2, 3, 4, 5)
    assert [(lp.frm, lp.to, lp.steps) for lp in flow.loops(steps)] == [(3, 2, (2, 3))]


def test_typed_kind_wins(run: Run) -> None:
    sheets = valid_sheets()
    set_step(sheets, 1, Jenis="Proses")
    set_step(sheets, 4, Jenis="mulai")
    checked = run(sheets)
    assert_problems(checked)
    assert checked.sop is not None
    assert [s.kind for s in checked.sop.steps][:4] == [
        Kind.PROSES, Kind.PROSES, Kind.KEPUTUSAN, Kind.MULAI,
    ]  # fmt: skip


# --- the example workbook -------------------------------------------------------------------


def test_example_workbook() -> None:
    checked = load(EXAMPLE)
    assert_problems(checked, warning("Prosedur!H8", "'120 hari'", "30 hari kerja"))
    sop = checked.sop
    assert sop is not None
    assert len(sop.steps) == 9
    assert len(sop.roles) == 5
    decisions = [(s.no, s.if_yes, s.if_no) for s in sop.steps if s.kind is Kind.KEPUTUSAN]
    assert decisions == [(7, 8, 6), (8, 9, 7)]
    assert flow.main_path(sop.steps) == tuple(range(1, 10))
    assert sop.identity.nip == "197806012005011016"
    assert sop.identity.tanggal_pembuatan == dt.date(2023, 7, 1)
    assert sop.steps[2].roles == (1, 2)  # 'Kabid; Kasubbag Renkeu'


def test_example_workbook_copy_elsewhere(tmp_path: Path) -> None:
    copy = tmp_path / "salinan.xlsx"
    copy.write_bytes(EXAMPLE.read_bytes())
    assert [str(p) for p in load(copy).problems] == [str(p) for p in load(EXAMPLE).problems]


def test_written_file_is_what_load_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "a.xlsx", valid_sheets())
    assert load(path).sop is not None
