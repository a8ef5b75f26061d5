"""openpyxl -> raw tables whose cells remember where they are.

The only module that knows openpyxl's reading side. It also guards against
hostile files before openpyxl sees them: size, zip inflation, row count.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sopgen import messages as msg
from sopgen.text import fold

# Limits against hostile files. A real SOP workbook is 10-100 KB on disk and
# well under 1 MB inflated; these leave room for a hundred times that.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 100 * 1024 * 1024
# One sheet's XML: 5000 rows of SOP text are under 5 MB; a bigger sheet is a
# million formatted empty rows, which openpyxl would take minutes to walk.
MAX_SHEET_XML_BYTES = 15 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_ROWS = 5000
MAX_COLUMNS = 100

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class CellError(str):
    """An Excel error value such as `#REF!` left by a broken formula."""


CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | CellError


class WorkbookUnreadable(Exception):
    """The file cannot be read as a workbook; str() is the Indonesian sentence."""


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
class RawTable:
    """One sheet: headers of row 1 and the non-empty rows below."""

    sheet: str  # as the file spells it
    headers: Mapping[str, RawCell]  # folded header -> its header cell
    rows: tuple[RawRow, ...]
    duplicate_headers: tuple[RawCell, ...] = ()


@dataclass(frozen=True)
class RawWorkbook:
    path: Path
    sheets: Mapping[str, RawTable] = field(default_factory=dict)  # folded name -> table

    def table(self, name: str) -> RawTable | None:
        return self.sheets.get(fold(name))


def read_workbook(path: Path) -> RawWorkbook:
    """Read every sheet's header row and data rows, or raise WorkbookUnreadable."""
    _check_container(path)
    try:
        # A file object, so openpyxl judges by content, not by name: a real
        # workbook saved as 'sop.xls' or without an extension is still read.
        fh = path.open("rb")
    except OSError as err:
        raise WorkbookUnreadable(msg.file_unreadable(str(path), err.strerror or "")) from err
    with fh:
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except WorkbookUnreadable:
            raise
        except Exception as err:  # openpyxl raises many kinds for a broken package
            raise WorkbookUnreadable(msg.workbook_broken(str(path))) from err
        try:
            sheets: dict[str, RawTable] = {}
            for ws in wb.worksheets:
                key = fold(ws.title)
                if key not in sheets:
                    sheets[key] = _read_sheet(ws, ws.title, str(path))
            return RawWorkbook(path=path, sheets=sheets)
        except WorkbookUnreadable:
            raise
        except Exception as err:
            raise WorkbookUnreadable(msg.workbook_broken(str(path))) from err
        finally:
            wb.close()


def _check_container(path: Path) -> None:
    if not path.exists():
        raise WorkbookUnreadable(msg.file_missing(str(path)))
    if path.is_dir():
        raise WorkbookUnreadable(msg.file_is_folder(str(path)))
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
            ole = head == _OLE_MAGIC
            body = fh.read(MAX_FILE_BYTES) if ole else b""
    except OSError as err:
        raise WorkbookUnreadable(msg.file_unreadable(str(path), err.strerror or "")) from err
    if size == 0:
        raise WorkbookUnreadable(msg.file_empty(str(path)))
    if size > MAX_FILE_BYTES:
        raise WorkbookUnreadable(msg.file_too_big(str(path), size, MAX_FILE_BYTES))
    if ole:
        if _ENCRYPTED_MARK in body:
            raise WorkbookUnreadable(msg.workbook_encrypted(str(path)))
        raise WorkbookUnreadable(msg.workbook_old_xls(str(path)))
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK\x03\x04"):  # a zip cut short: a broken copy or download
            raise WorkbookUnreadable(msg.workbook_broken(str(path)))
        raise WorkbookUnreadable(msg.not_a_workbook(str(path)))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise WorkbookUnreadable(msg.workbook_broken(str(path))) from err
    sheet_xml = (i.file_size for i in infos if i.filename.startswith("xl/worksheets/"))
    if (
        len(infos) > MAX_ZIP_ENTRIES
        or sum(i.file_size for i in infos) > MAX_INFLATED_BYTES
        or max(sheet_xml, default=0) > MAX_SHEET_XML_BYTES
    ):
        raise WorkbookUnreadable(msg.workbook_inflates(str(path)))
    if "xl/workbook.xml" not in names:
        raise WorkbookUnreadable(msg.not_a_workbook(str(path)))


def _read_sheet(ws: object, title: str, name: str) -> RawTable:
    headers: dict[str, RawCell] = {}
    duplicates: list[RawCell] = []
    columns: dict[int, str] = {}
    rows: list[RawRow] = []
    blank: object = None  # the last row seen empty beyond MAX_ROWS
    iter_rows = getattr(ws, "iter_rows")  # noqa: B009 - read-only sheets lack a shared stub type
    for r, row in enumerate(iter_rows(max_col=MAX_COLUMNS), start=1):
        if r > MAX_ROWS:
            # openpyxl fills a gap before a far row (one formatted cell in row
            # 1 000 000) with one shared empty tuple: look at it once, not a million times.
            if row is not blank:
                if any(_value(c) is not None for c in row):
                    raise WorkbookUnreadable(msg.sheet_too_many_rows(name, title, MAX_ROWS))
                blank = row
            continue
        if r == 1:
            for c, cell in enumerate(row, start=1):
                value = _value(cell)
                if value is None:
                    continue
                raw = RawCell(value, f"{get_column_letter(c)}1")
                key = fold(str(value))
                if key in headers:
                    duplicates.append(raw)
                else:
                    headers[key] = raw
                    columns[c] = key
            continue
        cells: dict[str, RawCell] = {}
        for c, cell in enumerate(row, start=1):
            key_or_none = columns.get(c)
            if key_or_none is None:
                continue
            value = _value(cell)
            if value is not None:
                cells[key_or_none] = RawCell(value, f"{get_column_letter(c)}{r}")
        if cells:
            rows.append(RawRow(r, cells))
    return RawTable(title, headers, tuple(rows), tuple(duplicates))


def _value(cell: object) -> CellValue | None:
    """A cell's value as the contract reads it: text stripped, `None` when empty."""
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if getattr(cell, "data_type", None) == "e":
        return CellError(str(value))
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROL.sub("", text).strip()  # not allowed in XML, so not in a document
        return text or None
    if isinstance(value, bool | int | float | dt.datetime | dt.date | dt.time | dt.timedelta):
        return value
    return str(value).strip() or None
