"""An .xlsx file -> raw tables whose cells remember where they are.

The only module that turns a workbook's stored cells into values. It reads
the file with sopgen.xlsx (bounded, streamed, only the contract's sheets)
rather than openpyxl, so a hostile or odd file costs at most the limits
below, and the data's real extent is found from the cells themselves, never
from the `<dimension>` a file claims.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sopgen import messages as msg
from sopgen import xlsx
from sopgen.model import Loc, Problem
from sopgen.sheets import ALL_SHEETS
from sopgen.text import INVISIBLE_EDGES, fold
from sopgen.xlsx import WorkbookUnreadable

__all__ = [
    "CellError", "CellNote", "CellValue", "RawCell", "RawRow", "RawTable", "RawWorkbook",
    "WorkbookUnreadable", "cell_ref", "position", "read_workbook",
]  # fmt: skip

# Limits against hostile files. A real SOP workbook is 10-100 KB on disk and
# well under 1 MB inflated; these leave room for a hundred times that.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 100 * 1024 * 1024  # all entries, as declared
# One part as read (a sheet, the strings, the styles): 5000 rows of SOP text are
# under 5 MB of XML.
MAX_SHEET_XML_BYTES = 15 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_ROWS = 5000  # data in a contract sheet below this row is refused
MAX_XML_ELEMENTS = 1_000_000  # all parsed parts together: about 1.5 s of parsing
MAX_SHEETS = 1000
MAX_CELL_FORMATS = 64_000  # Excel's own limit of cell formats
MAX_SHARED_STRINGS = 1_000_000
MAX_CELLS = 200_000  # cells kept from the contract's sheets (5000 steps x 12 columns: 60 000)

# The sheets the contract defines; every other sheet is listed, never parsed.
CONTRACT_SHEETS = frozenset(fold(sheet.name) for sheet in ALL_SHEETS)

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_LAST_DATE_SERIAL = 2_958_465  # 9999-12-31, Excel's last date
_TEXT_KINDS = {"s", "str", "inlineStr"}


class CellError(str):
    """An Excel error value such as `#REF!` left by a broken formula."""


CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | CellError


@dataclass(frozen=True)
class RawCell:
    value: CellValue
    ref: str  # "B7"


@dataclass(frozen=True)
class RawRow:
    number: int
    cells: Mapping[str, RawCell]  # folded header -> non-empty cell

    def get(self, key: str) -> RawCell | None:
        return self.cells.get(key)


@dataclass(frozen=True)
class CellNote:
    """What the reader knows about a cell that reads as empty or cannot be read.

    `error`: the cell is wrong wherever it is read (a date serial Excel cannot
    show). Otherwise the note explains an error validation reports at that
    cell, or becomes a warning, so nothing is dropped without a word.
    """

    text: str
    error: bool = False


@dataclass(frozen=True)
class RawTable:
    """One sheet: headers of row 1 and the non-empty rows below."""

    sheet: str  # as the file spells it
    headers: Mapping[str, RawCell]  # folded header -> its header cell
    rows: tuple[RawRow, ...]
    duplicate_headers: tuple[RawCell, ...] = ()
    notes: Mapping[str, CellNote] = field(default_factory=dict)  # ref -> note
    merged_warnings: Mapping[str, CellNote] = field(default_factory=dict)  # ref -> note
    merges: tuple[tuple[int, int, int, int], ...] = ()  # r1, c1, r2, c2 touching read cells


@dataclass(frozen=True)
class RawWorkbook:
    path: Path
    sheets: Mapping[str, RawTable] = field(default_factory=dict)  # folded name -> table
    problems: tuple[Problem, ...] = ()  # found while reading: a sheet name twice

    def table(self, name: str) -> RawTable | None:
        return self.sheets.get(fold(name))


def _limits() -> xlsx.Limits:
    return xlsx.Limits(
        file_bytes=MAX_FILE_BYTES,
        inflated_bytes=MAX_INFLATED_BYTES,
        part_bytes=MAX_SHEET_XML_BYTES,
        zip_entries=MAX_ZIP_ENTRIES,
        xml_elements=MAX_XML_ELEMENTS,
        sheets=MAX_SHEETS,
        cell_formats=MAX_CELL_FORMATS,
        shared_strings=MAX_SHARED_STRINGS,
        cells=MAX_CELLS,
    )


def read_workbook(path: Path) -> RawWorkbook:
    """Read the contract's sheets (header row and rows below), or raise WorkbookUnreadable."""
    name = str(path)
    with xlsx.Package(path, name, _limits()) as package:
        book = xlsx.read_book(package)
        chosen, problems = _choose_sheets(book.sheets)
        data = xlsx.read_sheets(package, [entry for entry in book.sheets if id(entry) in chosen])
        wanted = {int(c.text) for d in data for c in d.cells if c.kind == "s" and c.text}
        strings = xlsx.read_strings(package, book.shared_strings, wanted)
        last_style = max((c.style for d in data for c in d.cells), default=0)
        formats = _Formats(*xlsx.read_formats(package, book.styles, last_style), book.date1904)
    tables = {fold(d.title): _table(d, strings, formats, name) for d in data}
    sheets: dict[str, RawTable] = {}
    for entry in book.sheets:  # in the file's order; an ignored sheet is a name only
        key = fold(entry.title)
        if key not in sheets:
            sheets[key] = tables.get(key) or RawTable(entry.title, {}, ())
    return RawWorkbook(path=path, sheets=sheets, problems=tuple(problems))


def _choose_sheets(
    entries: tuple[xlsx.SheetEntry, ...],
) -> tuple[set[int], list[Problem]]:
    """The first sheet of each contract name; a second one of the same name is an error."""
    first: dict[str, xlsx.SheetEntry] = {}
    problems: list[Problem] = []
    for entry in entries:
        key = fold(entry.title)
        if key not in CONTRACT_SHEETS:
            continue
        if key in first:
            problems.append(
                Problem(Loc(entry.title), msg.sheet_twice(entry.title, first[key].title))
            )
        else:
            first[key] = entry
    return {id(e) for e in first.values()}, problems


# --- values ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Formats:
    """Which cell formats show a number as a date, a time or a duration."""

    number_formats: list[int]  # cell format index -> numFmtId
    codes: dict[int, str]  # custom numFmtId -> format code
    date1904: bool

    def kind(self, style: int) -> str | None:
        """'date', 'duration' or None for a plain number."""
        if not 0 <= style < len(self.number_formats):
            return None
        fmt_id = self.number_formats[style]
        if fmt_id in _BUILTIN_DATES:
            return "duration" if fmt_id == 46 else "date"
        code = self.codes.get(fmt_id)
        if code is None:
            return None
        first = code.split(";")[0]
        if _DURATION_CODE.search(first):
            return "duration"
        return "date" if _DATE_CODE.search(_LITERALS.sub("", first)) else None


# Built-in number formats that show dates or times (ECMA-376 18.8.30), 46 is [h]:mm:ss.
_BUILTIN_DATES = frozenset({*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)})
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION_CODE = re.compile(r"\[hh?\]|\[mm?\]|\[ss?\]", re.IGNORECASE)


class _Unreadable(Exception):
    """A stored value that cannot be a value; the note says why."""

    def __init__(self, note: CellNote) -> None:
        super().__init__(note.text)
        self.note = note


def _convert(cell: xlsx.Cell, strings: dict[int, str], formats: _Formats) -> CellValue | None:
    """A stored cell as the value Excel shows (text not yet cleaned)."""
    text, kind = cell.text, cell.kind
    if text is None:
        return None
    if kind == "s":
        return xlsx.unescape(strings[int(text)])
    if kind in ("str", "inlineStr"):
        return xlsx.unescape(text)
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "e":
        return CellError(text.strip())
    if kind == "d":
        try:
            return dt.datetime.fromisoformat(text.strip())
        except ValueError as err:
            raise _Unreadable(CellNote(msg.cell_date_unreadable(text[:40]), error=True)) from err
    number = _number(text)
    style = formats.kind(cell.style)
    if style is None:
        return number
    return _from_serial(number, style == "duration", formats.date1904)


def _number(text: str) -> int | float:
    text = text.strip()
    value = float(text) if any(ch in text for ch in ".eE") else int(text)
    if isinstance(value, float) and not math.isfinite(value):  # beyond what Excel stores
        raise _Unreadable(CellNote(msg.cell_number_unreadable(text[:40]), error=True))
    return value


def _from_serial(number: float, duration: bool, date1904: bool) -> CellValue:
    """Excel's day count as a date, time or duration, the way Excel shows it."""
    if duration:
        if abs(number) > _LAST_DATE_SERIAL:
            raise _Unreadable(CellNote(msg.cell_date_serial(number), error=True))
        return dt.timedelta(seconds=round(number * 86400, 3))
    if not 0 <= number <= _LAST_DATE_SERIAL:  # Excel shows ##### for these
        raise _Unreadable(CellNote(msg.cell_date_serial(number), error=True))
    day, fraction = divmod(number, 1)
    since = dt.timedelta(milliseconds=round(fraction * 86_400_000))
    if number < 1 and since.days == 0:
        seconds = since.seconds
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60, since.microseconds)
    if date1904:
        epoch = dt.datetime(1904, 1, 1)
    else:
        # Excel counts a 29 February 1900 that never was: serials before it are one day off.
        epoch = dt.datetime(1899, 12, 31) if number < 60 else dt.datetime(1899, 12, 30)
    return epoch + dt.timedelta(days=int(day)) + since


def _clean(value: CellValue | None) -> CellValue | None:
    """A value as the contract reads it: text stripped, `None` when empty."""
    if isinstance(value, CellError):
        return value
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROL.sub("", text)  # not allowed in XML, so not in a document
        text = text.strip().strip(INVISIBLE_EDGES).strip()
        return text or None
    return value


# --- tables -------------------------------------------------------------------------


def cell_ref(row: int, column: int) -> str:
    """`B7` for row 7, column 2."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _table(data: xlsx.SheetData, strings: dict[int, str], formats: _Formats, name: str) -> RawTable:
    headers: dict[str, RawCell] = {}
    duplicates: list[RawCell] = []
    columns: dict[int, str] = {}
    rows: dict[int, dict[str, RawCell]] = {}
    notes: dict[str, CellNote] = {}
    values: dict[tuple[int, int], CellValue] = {}
    for cell in data.cells:
        ref = cell_ref(cell.row, cell.column)
        try:
            value = _clean(_convert(cell, strings, formats))
        except _Unreadable as bad:
            if cell.row > 1:
                notes[ref] = bad.note
            continue
        except (ValueError, KeyError, IndexError) as err:
            raise WorkbookUnreadable(msg.workbook_broken(name)) from err
        if value is None:
            if cell.formula is not None and cell.text is None and cell.row > 1:
                notes[ref] = CellNote(msg.formula_uncached(cell.formula))
            continue
        if cell.row > MAX_ROWS:
            raise WorkbookUnreadable(msg.sheet_too_many_rows(name, data.title, MAX_ROWS))
        values[(cell.row, cell.column)] = value
        raw = RawCell(value, ref)
        if cell.row == 1:
            key = fold(str(value))
            if not key:
                continue
            if key in headers:
                duplicates.append(raw)
            else:
                headers[key] = raw
                columns[cell.column] = key
            continue
        header = columns.get(cell.column)
        if header is not None:
            rows.setdefault(cell.row, {})[header] = raw
    merges, warnings = _merges(data.merges, columns, values)
    return RawTable(
        data.title,
        headers,
        tuple(RawRow(r, rows[r]) for r in sorted(rows)),
        tuple(duplicates),
        {ref: n for ref, n in notes.items() if position(ref)[1] in columns},
        warnings,
        merges,
    )


def position(ref: str) -> tuple[int, int]:
    """(row, column) of `B7`."""
    letters = ref.rstrip("0123456789")
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return int(ref[len(letters):]), column


def _merges(
    merges: list[tuple[int, int, int, int]],
    columns: Mapping[int, str],
    values: Mapping[tuple[int, int], CellValue],
) -> tuple[tuple[tuple[int, int, int, int], ...], dict[str, CellNote]]:
    """Merges that cover read cells below the headers; a warning where a value is lost.

    Excel keeps a merged range's value in its first cell only: the others read
    as empty. When that first cell holds a value and the range covers another
    read cell, the planner most likely meant the value for both.
    """
    kept: list[tuple[int, int, int, int]] = []
    warnings: dict[str, CellNote] = {}
    for r1, c1, r2, c2 in merges:
        if r2 < 2 or not any(c1 <= c <= c2 for c in columns):
            continue
        kept.append((r1, c1, r2, c2))
        covered = _first_covered(r1, c1, r2, c2, columns)
        if covered is not None and (r1, c1) in values and r1 > 1:
            rng = f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}"
            warnings[cell_ref(*covered)] = CellNote(msg.merged_cell_value_lost(rng, r1))
    return tuple(kept), warnings


def _first_covered(
    r1: int, c1: int, r2: int, c2: int, columns: Mapping[int, str]
) -> tuple[int, int] | None:
    """The first read cell of the range after its own first cell, row by row."""
    inside = sorted(c for c in columns if c1 <= c <= c2)
    for row in (max(r1, 2), max(r1, 2) + 1):
        for c in inside:
            if row <= r2 and (row, c) != (r1, c1):
                return row, c
    return None
