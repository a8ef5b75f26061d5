"""Generated workbooks: loading either validates or refuses, and never crashes.

Two sources of workbooks: sheets made from scratch (real and junk names,
headers in odd case and spacing, every cell type openpyxl writes), and the
valid baseline with a few cells replaced, which reaches deeper rules (flow,
roles, settings). `load` must return a `Checked` or raise `WorkbookUnreadable`;
`sopgen check` must exit 0, 1 or 2 with SOPGEN_DEBUG set, so that an internal
error surfaces here as an exception instead of being turned into status 1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import operator
import os
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import (
    KETENTUAN_HEADERS,
    PROSEDUR_HEADERS,
    Cell,
    Formula,
    Sheets,
    set_cell,
    valid_sheets,
    write,
)

from sopgen import cli
from sopgen.loader import load
from sopgen.text import fold
from sopgen.validate import Checked
from sopgen.workbook import WorkbookUnreadable

REAL_SHEETS = ["Identitas", "Ketentuan", "Pelaksana", "Prosedur", "Pengaturan", "Libur"]
SHEET_NAMES = [*REAL_SHEETS, "IDENTITAS", " prosedur ", "pelaksana", "Catatan", "Sheet1", "x"]
HEADERS = [
    *PROSEDUR_HEADERS, *KETENTUAN_HEADERS, "Isian", "Nilai", "Singkatan", "Tanggal",
    "Keterangan", "NO", " kegiatan ", "JIKA  TIDAK", "waktu\t", "Catatan", "", "#REF!", "1",
]  # fmt: skip
LABELS = [
    "Instansi", "Satuan Kerja", "Nomor SOP", "Nama SOP", "Tanggal Pembuatan", "Tanggal Revisi",
    "Tanggal Efektif", "Disahkan Oleh", "Nama Pengesah", "NIP Pengesah", "Pangkat Pengesah",
    "Tempat", "Logo", "Ukuran Kertas", "Orientasi", "Jam Kerja per Hari",
    "Hari Kerja per Minggu", "Hari Kerja per Bulan", "Jam Masuk", "Maks Langkah per Halaman",
    "Tanggal Mulai",
]  # fmt: skip
WORDS = [
    "-", "–", "15 menit", "2 HARI", "1,5 jam", "5-10 menit", "120 hari", "Paling lambat", "Mulai",
    "Proses", "Keputusan", "Selesai", "keputusan ", "Kabid", "Kasi", "Kabid; Kasi;", ";",
    "Kepala Bidang", "Staf", "#REF!", "#DIV/0!", "#N/A", "=1/0", "=A1", "=Pelaksana!A2",
    "=SUM(A1:A3)", "1.", "1) Undang-Undang", "01 Juli 2023", "2023-07-01", "31-02-2023",
    "19780601 200501 1 016", "1978060120050110", "F4", "Potret", "8 jam", "07:30", "25:99",
    "logo.png", "../logo.png", "/etc/passwd", "a\nb", "\n", "  ", "0", "1", "2", "3", "99",
]  # fmt: skip

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF)
    | st.sampled_from("\n\t"),
    max_size=40,
)
CELLS: st.SearchStrategy[Cell] = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.sampled_from(LABELS),
    _TEXT,
    st.builds(operator.mul, st.sampled_from(["ab \n", "Kabid; ", "15 menit "]),
              st.integers(min_value=300, max_value=3000)),  # very long, cheap to generate
    st.integers(min_value=-3, max_value=12),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
    st.builds(Formula, st.sampled_from(["=1/0", "=A1", "=B2&C2", '="15 menit"'])),
    st.builds(Formula, st.just("=X1"), st.sampled_from(["#REF!", "#VALUE!", "15 menit", "Staf"])),
)


@st.composite
def scratch_workbooks(draw: st.DrawFn) -> Sheets:
    names = draw(st.lists(st.sampled_from(SHEET_NAMES), min_size=1, max_size=6, unique=True))
    sheets: Sheets = {}
    for name in names:
        header: list[Cell] = draw(st.lists(st.sampled_from(HEADERS) | CELLS, max_size=10))
        rows = draw(st.lists(st.lists(CELLS, max_size=10), max_size=8))
        sheets[name] = [header, *rows]
    return sheets


@st.composite
def mutated_workbooks(draw: st.DrawFn) -> Sheets:
    sheets = valid_sheets()
    names = list(sheets)
    if draw(st.booleans()):
        rows: list[list[Cell]] = [["Isian", "Nilai"]]
        for label in draw(st.lists(st.sampled_from(LABELS), max_size=4)):
            rows.append([label, draw(CELLS)])
        sheets["Pengaturan"] = rows
        names.append("Pengaturan")
    if draw(st.booleans()):
        sheets["Libur"] = [["Tanggal", "Keterangan"], [draw(CELLS), draw(CELLS)]]
        names.append("Libur")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        sheet = draw(st.sampled_from(names))
        column = draw(st.sampled_from("ABCDEFGHIJK"))
        row = draw(st.integers(min_value=1, max_value=16))
        set_cell(sheets, sheet, f"{column}{row}", draw(CELLS))
    return sheets


def _check_one(sheets: Sheets) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "acak.xlsx", sheets)
        try:
            checked = load(path)
        except WorkbookUnreadable as err:
            assert str(err).startswith("acak.xlsx: ")
        else:
            assert isinstance(checked, Checked)
            assert (checked.sop is None) == bool(checked.errors)
            known = {fold(n) for n in [*sheets, *REAL_SHEETS]}
            for problem in checked.problems:
                assert fold(problem.loc.sheet) in known, problem
                assert problem.text.strip(), problem
        stdout, stderr = io.StringIO(), io.StringIO()
        with (
            mock.patch.dict(os.environ, {"SOPGEN_DEBUG": "1"}),
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
        ):
            status = cli.main(["check", str(path)])
        assert status in (0, 1, 2)
        assert stdout.getvalue().strip()
        assert "Traceback" not in stdout.getvalue() + stderr.getvalue()


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(scratch_workbooks())
def test_scratch_workbooks_never_crash(sheets: Sheets) -> None:
    _check_one(sheets)


@FUZZ
@given(mutated_workbooks())
def test_mutated_valid_workbooks_never_crash(sheets: Sheets) -> None:
    _check_one(sheets)
