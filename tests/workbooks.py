"""Build real .xlsx files from plain Python data, for tests.

A workbook is a dict of sheets; a sheet is a list of rows (row 1 first, the
header row); a row is a list of cell values. `valid_sheets()` is a complete,
valid SOP that a test copies and breaks in exactly one place; `write()` saves
it with openpyxl, the same library a planner's Excel file is read with.

Cell addresses in the helpers are Excel's (`B7`), because the problems that
`check` prints name cells that way.

openpyxl writes a formula without a cached result (it does not compute
formulas), so a `Formula` may carry the value Excel would have cached; `write`
then puts it into the file as Excel does (`<f>` and `<v>`).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from sopgen.validate import Checked


@dataclass(frozen=True)
class Formula:
    """`=...` text; `cached` is what Excel would have stored as its last result.

    A `cached` value starting with `#` is stored as an error value (`#REF!`).
    """

    text: str
    cached: str | float | None = None


Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | Formula | None
Sheet = list[list[Cell]]
Sheets = dict[str, Sheet]

IDENTITAS_ROWS: tuple[tuple[str, Cell], ...] = (
    ("Instansi", "Kabupaten Balangan"),
    ("Satuan Kerja", "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah"),
    ("Nomor SOP", "SOP – 04/BPKPAD"),
    ("Nama SOP", "SOP Tehnis Perencanaan Kinerja"),
    ("Tanggal Pembuatan", "01 JULI 2023"),
    ("Tanggal Revisi", None),
    ("Tanggal Efektif", "01 Juli 2023"),
    ("Disahkan Oleh", "Kepala BPKPAD"),
    ("Nama Pengesah", "FAKHRIYANTO, S.Pt, MP"),
    ("NIP Pengesah", "19780601 200501 1 016"),
    ("Pangkat Pengesah", "Pembina Tk. I (IV/b)"),
    ("Tempat", "Paringin"),
    ("Logo", None),
)

KETENTUAN_HEADERS = (
    "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan",
    "Peralatan/Perlengkapan", "Peringatan", "Pencatatan dan Pendataan",
)  # fmt: skip

PROSEDUR_HEADERS = (
    "No", "Kegiatan", "Pelaksana", "Jenis", "Jika Ya", "Jika Tidak",
    "Kelengkapan", "Waktu", "Output", "Keterangan",
)  # fmt: skip

# What `sopgen new` writes (v1.1 adds the two label columns after Jika Tidak).
NEW_PROSEDUR_HEADERS = (
    "No", "Kegiatan", "Pelaksana", "Jenis", "Jika Ya", "Jika Tidak", "Label Ya", "Label Tidak",
    "Kelengkapan", "Waktu", "Output", "Keterangan",
)  # fmt: skip

# Columns of sheet Prosedur in valid_sheets(): A No ... H Waktu ... J Keterangan.
# Step n sits in row n + 1.
STEPS: tuple[tuple[Cell, ...], ...] = (
    (1, "Menerima disposisi surat permohonan", "Kabid", None, None, None,
     "Surat permohonan", "15 menit", "Disposisi", None),
    (2, "Memeriksa kelengkapan berkas", "Kasi", None, None, None,
     "Berkas permohonan", "30 menit", "Berkas diperiksa", None),
    (3, "Berkas lengkap?", "Kepala Seksi", "Keputusan", None, 2,
     "Daftar periksa", "10 menit", "Hasil pemeriksaan", "Tidak: dikembalikan"),
    (4, "Menyusun konsep surat jawaban", "Staf", None, None, None,
     "Berkas lengkap", "1 jam", "Konsep surat", None),
    (5, "Menandatangani surat jawaban", "Kabid; Kasi", None, None, None,
     "Konsep surat", "1 hari", "Surat jawaban", "Paling lambat 3 hari kerja"),
)  # fmt: skip

ROLES: tuple[tuple[str, str | None], ...] = (
    ("Kepala Bidang", "Kabid"),
    ("Kepala Seksi", "Kasi"),
    ("Staf", None),
)


def valid_sheets() -> Sheets:
    """A complete valid SOP: 5 steps, 3 roles, one decision (3: Ya 4, Tidak 2).

    No `Pengaturan` or `Libur` sheet (both optional): see `pengaturan()`, `libur()`.
    """
    return {
        "Identitas": [["Isian", "Nilai"], *([label, value] for label, value in IDENTITAS_ROWS)],
        "Ketentuan": [
            list(KETENTUAN_HEADERS),
            ["Undang-Undang Nomor 23 Tahun 2014", "Memahami tugas pokok", "SOP Surat Masuk",
             "Komputer", "Surat terlambat dijawab", "Arsip surat"],
            ["Peraturan Bupati Balangan Nomor 5 Tahun 2020", None, None, "ATK", None, None],
        ],
        "Pelaksana": [["Pelaksana", "Singkatan"], *(_row(name, short) for name, short in ROLES)],
        "Prosedur": [list(PROSEDUR_HEADERS), *(list(step) for step in STEPS)],
    }


def _row(*cells: Cell) -> list[Cell]:
    return list(cells)


def pengaturan(**values: Cell) -> Sheet:
    """A `Pengaturan` sheet; keyword names are labels with `_` for a space."""
    return [["Isian", "Nilai"], *([k.replace("_", " "), v] for k, v in values.items())]


def libur(*rows: tuple[Cell, Cell]) -> Sheet:
    return [["Tanggal", "Keterangan"], *(list(r) for r in rows)]


# --- editing sheets by Excel address ------------------------------------------------


def _split(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    assert m is not None, ref
    return int(m.group(2)), column_index_from_string(m.group(1))


def get_cell(sheets: Sheets, sheet: str, ref: str) -> Cell:
    row, col = _split(ref)
    rows = sheets[sheet]
    if row > len(rows) or col > len(rows[row - 1]):
        return None
    return rows[row - 1][col - 1]


def set_cell(sheets: Sheets, sheet: str, ref: str, value: Cell) -> None:
    """Put a value at an Excel address, growing the sheet as needed."""
    row, col = _split(ref)
    rows = sheets.setdefault(sheet, [])
    while len(rows) < row:
        rows.append([])
    cells = rows[row - 1]
    while len(cells) < col:
        cells.append(None)
    cells[col - 1] = value


def column(sheets: Sheets, sheet: str, header: str) -> str:
    """The letter of the column whose row-1 header is `header` (exact spelling)."""
    return get_column_letter(sheets[sheet][0].index(header) + 1)


def field_ref(sheets: Sheets, sheet: str, label: str) -> str:
    """The `Nilai` cell of the row labelled `label` in a key/value sheet."""
    for r, row in enumerate(sheets[sheet], start=1):
        if r > 1 and row and row[0] == label:
            return f"{column(sheets, sheet, 'Nilai')}{r}"
    raise KeyError(label)


def set_field(sheets: Sheets, sheet: str, label: str, value: Cell) -> str:
    """Set (or add) the value of a labelled row; returns its cell address."""
    try:
        ref = field_ref(sheets, sheet, label)
    except KeyError:
        sheets[sheet].append([label, None])
        ref = field_ref(sheets, sheet, label)
    set_cell(sheets, sheet, ref, value)
    return ref


def drop_field(sheets: Sheets, sheet: str, label: str) -> None:
    sheets[sheet] = [row for row in sheets[sheet] if not (row and row[0] == label)]


def step_ref(sheets: Sheets, no: int, header: str) -> str:
    """Cell of `header` in the row of step `no` (rows in order, no gaps)."""
    return f"{column(sheets, 'Prosedur', header)}{no + 1}"


def set_step(sheets: Sheets, no: int, **values: Cell) -> None:
    """Set cells of step `no`; keyword names are headers with `_` for a space."""
    for key, value in values.items():
        set_cell(sheets, "Prosedur", step_ref(sheets, no, key.replace("_", " ")), value)


def add_column(sheets: Sheets, sheet: str, header: str) -> str:
    """Append an empty column with this row-1 header; returns its letter."""
    sheets[sheet][0].append(header)
    return column(sheets, sheet, header)


def drop_column(sheets: Sheets, sheet: str, header: str) -> None:
    i = sheets[sheet][0].index(header)
    for row in sheets[sheet]:
        if len(row) > i:
            del row[i]


def clone(sheets: Sheets) -> Sheets:
    return copy.deepcopy(sheets)


# --- writing -----------------------------------------------------------------------


def write(path: Path, sheets: Sheets) -> Path:
    """Save `sheets` as a real .xlsx at `path`, in the dict's order; returns `path`."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    cached: dict[int, dict[str, Formula]] = {}
    for index, (name, rows) in enumerate(sheets.items(), start=1):
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, Formula):
                    cell.value = value.text
                    if value.cached is not None:
                        cached.setdefault(index, {})[cell.coordinate] = value
                else:
                    cell.value = value
    wb.save(path)
    if cached:
        _store_cached(path, cached)
    return path


def _store_cached(path: Path, cached: dict[int, dict[str, Formula]]) -> None:
    """Give formula cells the cached result Excel would have saved with them."""
    with zipfile.ZipFile(path) as zf:
        entries = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if m and int(m.group(1)) in cached:
                xml = data.decode("utf-8")
                for ref, formula in cached[int(m.group(1))].items():
                    xml = _with_cached(xml, ref, formula)
                data = xml.encode("utf-8")
            zf.writestr(info, data)


def _with_cached(xml: str, ref: str, formula: Formula) -> str:
    value = formula.cached
    if isinstance(value, str) and value.startswith("#"):
        kind, text = "e", value
    elif isinstance(value, str):
        kind, text = "str", value
    else:
        kind, text = "n", repr(value)
    pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?')

    def cell(m: re.Match[str]) -> str:
        attrs = re.sub(r' t="[^"]*"', "", m.group(1))
        return f'<c r="{ref}"{attrs} t="{kind}"><f>{m.group(2)}</f><v>{escape(text)}</v>'

    new, count = pattern.subn(cell, xml)
    assert count == 1, f"formula cell {ref} not found"
    return new


# --- checking problems ------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One expected problem: its exact location, kind, and words its text contains."""

    loc: str
    words: tuple[str, ...]
    warning: bool


def error(loc: str, *words: str) -> Expected:
    return Expected(loc, words, warning=False)


def warning(loc: str, *words: str) -> Expected:
    return Expected(loc, words, warning=True)


def lines(checked: Checked) -> list[str]:
    return [str(p) for p in checked.problems]


def assert_problems(checked: Checked, *expected: Expected) -> None:
    """Exactly these problems, in this order; each line reads `Sheet!Cell: ...`.

    Words are matched case-insensitively inside the Indonesian text, so a test
    pins what matters (the value, the hint) without freezing whole sentences.
    """
    shown = "\n".join(lines(checked)) or "(no problems)"
    got = [(str(p.loc), p.warning) for p in checked.problems]
    assert got == [(e.loc, e.warning) for e in expected], shown
    for problem, exp in zip(checked.problems, expected, strict=True):
        tag = "peringatan: " if exp.warning else ""
        assert str(problem).startswith(f"{exp.loc}: {tag}"), shown
        for word in exp.words:
            assert word.casefold() in problem.text.casefold(), f"{word!r} not in: {problem}"
    has_errors = any(not e.warning for e in expected)
    assert (checked.sop is None) == has_errors, shown
