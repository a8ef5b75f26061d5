"""`sopgen new`: a blank workbook a planner can fill without a manual.

Headers carry comments (row 2 is already data), dropdowns offer the fixed
values, and a filled example sheet shows a finished procedure. This and
`sopgen.impor.writer` (which fills this same workbook) are the only modules
that know openpyxl's writing side.

Every sheet, header, comment, hint, default and dropdown comes from the
contract's declaration (`sopgen.sheets`), the one `check` reads with.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sopgen.atomic import write_atomic
from sopgen.sheets import PROSEDUR, SHEETS, Choices, Column, Dropdown, KeyValueSheet, Sheet

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_AUTHOR = "sopgen"
_NAME_ROWS = 100  # rows of another sheet a dropdown offers the names of

_EXAMPLE_ROLES = (("Kepala Bidang", "Kabid"), ("Kepala Seksi", "Kasi"), ("Staf", None))
_EXAMPLE_STEPS: tuple[tuple[str | int | None, ...], ...] = (
    (1, "Menerima disposisi surat permohonan", "Kabid", None, None, None, None, None,
     "Surat permohonan", "15 menit", "Disposisi", None),
    (2, "Memeriksa kelengkapan berkas", "Kasi", None, None, None, None, None,
     "Berkas permohonan", "30 menit", "Berkas diperiksa", None),
    (3, "Berkas lengkap?", "Kasi", "Keputusan", None, 2, "Lengkap", "Belum lengkap",
     "Daftar periksa", "10 menit", "Hasil pemeriksaan", "Belum lengkap: dikembalikan"),
    (4, "Menyusun konsep surat jawaban", "Staf", None, None, None, None, None,
     "Berkas lengkap", "1 jam", "Konsep surat", None),
    (5, "Menandatangani surat jawaban", "Kabid; Kasi", None, None, None, None, None,
     "Konsep surat", "1 hari", "Surat jawaban", "Paling lambat 3 hari kerja"),
)  # fmt: skip


def write_blank_workbook(path: Path) -> None:
    """Write the blank workbook atomically (the caller decides about overwriting)."""
    wb = blank_workbook()
    write_atomic(path, lambda tmp: wb.save(tmp))


def blank_workbook() -> Workbook:
    """The blank workbook in memory: `sopgen impor` fills this same one."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for sheet in SHEETS:
        write_sheet(wb.create_sheet(sheet.name), sheet)
    _example(wb.create_sheet("Contoh Prosedur"))
    return wb


def _headers(ws: Worksheet, columns: Sequence[Column]) -> None:
    for col, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        comment = Comment(column.comment, _AUTHOR)
        comment.width, comment.height = 320, 110
        cell.comment = comment
        ws.column_dimensions[get_column_letter(col)].width = column.width
    ws.freeze_panes = "A2"


def _wrap_columns(ws: Worksheet, count: int, rows: int) -> None:
    for row in ws.iter_rows(min_row=2, max_row=rows, max_col=count):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _dropdown(choices: Choices[Any] | None, how: Dropdown | None = None) -> DataValidation:
    """A list of the contract's words (or another sheet's names) for the cells of one field."""
    how = how or Dropdown()
    if how.names_from is not None:
        last = get_column_letter(len(how.names_from.columns))
        formula = f"={how.names_from.name}!$A$2:${last}${_NAME_ROWS}"
    else:
        assert choices is not None
        formula = '"' + ",".join(choices.offered) + '"'
    return DataValidation(
        type="list", formula1=formula, allow_blank=True,
        errorStyle="warning" if how.lenient else None, showErrorMessage=True,
        errorTitle=how.title, error=how.error,
    )  # fmt: skip


def write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    """One sheet of the contract as `sopgen new` writes it, empty: its headers with their
    comments, and for a key/value sheet a row per field (label, default, hint, dropdown)."""
    _headers(ws, sheet.columns)
    if isinstance(sheet, KeyValueSheet):
        _fields(ws, sheet)
        return
    rows = sheet.prepared_rows
    if rows:
        _wrap_columns(ws, len(sheet.columns), rows)
    for col, column in enumerate(sheet.columns, start=1):
        if column.text_cells:
            for r in range(2, rows + 1):
                ws.cell(row=r, column=col).number_format = "@"
    for col, column in enumerate(sheet.columns, start=1):
        if column.dropdown is not None:
            dv = _dropdown(column.choices, column.dropdown)
            letter = get_column_letter(col)
            dv.add(f"{letter}2:{letter}{rows}")
            ws.add_data_validation(dv)


def _fields(ws: Worksheet, sheet: KeyValueSheet) -> None:
    for r, field in enumerate(sheet.fields, start=2):
        ws.cell(row=r, column=1, value=field.label).font = _HEADER_FONT
        as_text = sheet.text_values or field.text_cell
        if field.default is not None or as_text:
            value = ws.cell(row=r, column=2, value=field.default)
            if as_text:
                value.number_format = "@"
        ws.cell(row=r, column=3, value=sheet.hint(field))
        if field.choices is not None:
            dv = _dropdown(field.choices)
            dv.add(f"B{r}")
            ws.add_data_validation(dv)


def _example(ws: Worksheet) -> None:
    """A filled procedure to copy from; sopgen ignores this sheet."""
    _headers(ws, PROSEDUR.columns)
    _wrap_columns(ws, len(PROSEDUR.columns), len(_EXAMPLE_STEPS) + 6)
    for r, values in enumerate(_EXAMPLE_STEPS, start=2):
        assert len(values) == len(PROSEDUR.columns)  # one value a column, in its order
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    r = len(_EXAMPLE_STEPS) + 3
    ws.cell(row=r, column=2, value="Contoh lembar Pelaksana untuk langkah di atas:")
    for i, (name, short) in enumerate(_EXAMPLE_ROLES, start=r + 1):
        ws.cell(row=i, column=2, value=name)
        ws.cell(row=i, column=3, value=short)
