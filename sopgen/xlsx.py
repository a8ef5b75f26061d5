"""The parts of an .xlsx that sopgen reads, bounded and streamed.

A hostile file can be small on disk and still cost minutes or gigabytes in
a general reader: millions of styles, names or strings, a row numbered in
the billions, a lying `<dimension>`, a bzip2 entry that inflates without
end. So nothing here trusts a count or a size the file states: every part
is inflated in chunks against a byte cap, parsed by expat as a stream
against an element budget, and left as soon as what sopgen needs is read
(the workbook's sheet list, the cell formats and strings the cells use).
Only the sheets the caller asks for are parsed at all.
"""

from __future__ import annotations

import os
import posixpath
import pyexpat
import re
import stat
import zipfile
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sopgen import messages as msg

# Excel's own sheet size: a larger row or column number is no Excel file.
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 64 * 1024
# Excel, LibreOffice and every exporter seen write stored or deflated entries;
# Python's zipfile does not bound the output of the others.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}

_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict Open XML
)
_RELS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SEP = " "  # expat's namespace separator: neither a URI nor a name holds a space


class WorkbookUnreadable(Exception):
    """The file cannot be read as a workbook; str() is the Indonesian sentence."""


@dataclass(frozen=True)
class Limits:
    """What one read may cost; the caller's module constants, read at call time."""

    file_bytes: int
    inflated_bytes: int  # all entries together, as declared
    part_bytes: int  # one part, as actually inflated
    zip_entries: int
    xml_elements: int  # all parsed parts together
    sheets: int
    cell_formats: int
    shared_strings: int
    cells: int  # kept cells, all parsed sheets together


class _Done(Exception):
    """A part handler has read all it needs."""


class _Budget:
    """Elements left to parse, across every part of one read."""

    def __init__(self, elements: int) -> None:
        self.left = elements


# --- the container ------------------------------------------------------------


class Package:
    """An open .xlsx zip whose entries were checked against the limits."""

    def __init__(self, path: Path, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        self.budget = _Budget(limits.xml_elements)
        _check_regular_file(path, name, limits)
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
            raise WorkbookUnreadable(msg.workbook_broken(name)) from err
        if len(infos) > limits.zip_entries or (
            sum(i.file_size for i in infos) > limits.inflated_bytes
        ):
            self.close()
            raise WorkbookUnreadable(msg.workbook_inflates(name))
        # Part names are case-insensitive in the package format.
        self._infos = {i.filename.casefold(): i for i in infos}

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, part: str) -> bool:
        return part.casefold() in self._infos

    def chunks(self, part: str, *, whole: bool) -> Iterator[bytes]:
        """The part's bytes as inflated, refusing it once it passes the byte cap.

        `whole`: the part is read to its end, so a declared size past the cap is
        refused before inflating. A part left early (styles, strings) is judged by
        what is actually read: its tail may be large and harmless.
        """
        info = self._infos[part.casefold()]
        if info.compress_type not in _METHODS:
            raise WorkbookUnreadable(msg.workbook_odd_compression(self.name))
        if whole and info.file_size > self.limits.part_bytes:
            raise WorkbookUnreadable(msg.workbook_inflates(self.name))
        total = 0
        try:
            with self._zip.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    total += len(chunk)
                    if total > self.limits.part_bytes:
                        raise WorkbookUnreadable(msg.workbook_inflates(self.name))
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as err:
            # RuntimeError: an entry encrypted with a zip password.
            raise WorkbookUnreadable(msg.workbook_broken(self.name)) from err

    def parse(self, part: str, handler: _Handler, *, whole: bool = False) -> None:
        """Stream the part through expat into `handler` until it is done."""
        parser = pyexpat.ParserCreate(namespace_separator=_SEP)
        parser.buffer_text = True
        parser.ordered_attributes = False
        parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)

        def refuse(*_: object) -> int:  # no DTD: no entity bombs, no external entities
            raise WorkbookUnreadable(msg.workbook_broken(self.name))

        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        parser.ExternalEntityRefHandler = refuse
        handler.budget = self.budget
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.text
        try:
            for chunk in self.chunks(part, whole=whole):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Done:
            pass
        except _TooMany as err:
            raise WorkbookUnreadable(msg.workbook_too_complex(self.name, err.what)) from err
        except (pyexpat.ExpatError, ValueError) as err:
            raise WorkbookUnreadable(msg.workbook_broken(self.name)) from err


def _check_regular_file(path: Path, name: str, limits: Limits) -> None:
    """Size and kind of the file before any zip reading: a pipe would block for ever."""
    try:
        info = os.stat(path)
    except FileNotFoundError as err:
        raise WorkbookUnreadable(msg.file_missing(name)) from err
    except OSError as err:
        raise WorkbookUnreadable(msg.file_unreadable(name, err.strerror or "")) from err
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookUnreadable(msg.file_is_folder(name))
    if not stat.S_ISREG(info.st_mode):
        raise WorkbookUnreadable(msg.file_not_regular(name))
    if info.st_size == 0:
        raise WorkbookUnreadable(msg.file_empty(name))
    if info.st_size > limits.file_bytes:
        raise WorkbookUnreadable(msg.file_too_big(name, info.st_size, limits.file_bytes))
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            body = fh.read(limits.file_bytes) if head == _OLE_MAGIC else b""
    except OSError as err:
        raise WorkbookUnreadable(msg.file_unreadable(name, err.strerror or "")) from err
    if head == _OLE_MAGIC:
        if _ENCRYPTED_MARK in body:
            raise WorkbookUnreadable(msg.workbook_encrypted(name))
        raise WorkbookUnreadable(msg.workbook_old_xls(name))
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK\x03\x04"):  # a zip cut short: a broken copy or download
            raise WorkbookUnreadable(msg.workbook_broken(name))
        raise WorkbookUnreadable(msg.not_a_workbook(name))


# --- streaming XML ------------------------------------------------------------


class _TooMany(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _Handler:
    """Receives one part's elements as `namespace local` names."""

    what = "buku kerja"  # named in the refusal when the part is too complex
    budget: _Budget

    def spend(self) -> None:
        self.budget.left -= 1
        if self.budget.left < 0:
            raise _TooMany(self.what)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.spend()

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


def _local(name: str) -> str | None:
    """The local name of an element of the spreadsheet namespace, else None."""
    ns, _, local = name.rpartition(_SEP)
    return local if ns in _MAIN else None


def _rel_attr(attrs: dict[str, str], local: str) -> str | None:
    for ns in _RELS:
        value = attrs.get(f"{ns}{_SEP}{local}")
        if value is not None:
            return value
    return None


# --- workbook.xml and its relationships -----------------------------------------


@dataclass(frozen=True)
class SheetEntry:
    title: str
    part: str | None  # zip entry of its XML; None for a chart sheet or a broken link


@dataclass
class _WorkbookPart(_Handler):
    limit: int
    sheets: list[tuple[str, str | None]] = field(default_factory=list)  # (title, r:id)
    date1904: bool = False
    what: str = "daftar lembar (workbook.xml)"

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.spend()
        local = _local(name)
        if local == "sheet":
            if len(self.sheets) >= self.limit:
                raise _TooMany(self.what)
            self.sheets.append((attrs.get("name", ""), _rel_attr(attrs, "id")))
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").strip().lower() in {"1", "true"}

    def end(self, name: str) -> None:
        if _local(name) == "sheets":
            raise _Done  # defined names, custom views, extensions: never read


@dataclass
class _RelsPart(_Handler):
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (type, target)
    what: str = "relasi buku kerja (workbook.xml.rels)"

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.spend()
        if name == f"{_PACKAGE_RELS}{_SEP}Relationship" and attrs.get("TargetMode") != "External":
            self.targets[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))


@dataclass(frozen=True)
class Book:
    sheets: tuple[SheetEntry, ...]
    date1904: bool
    shared_strings: str | None
    styles: str | None


def read_book(package: Package) -> Book:
    """The sheet list (titles and parts), the date system, where strings and styles are."""
    if not package.has("xl/workbook.xml"):
        raise WorkbookUnreadable(msg.not_a_workbook(package.name))
    book = _WorkbookPart(package.limits.sheets)
    package.parse("xl/workbook.xml", book)
    rels = _RelsPart()
    if package.has("xl/_rels/workbook.xml.rels"):
        package.parse("xl/_rels/workbook.xml.rels", rels)
    by_type: dict[str, str] = {}
    for kind, target in rels.targets.values():
        by_type.setdefault(kind.rsplit("/", 1)[-1], _part_name(target))
    sheets = []
    for title, rid in book.sheets:
        kind, target = rels.targets.get(rid or "", ("", ""))
        part = _part_name(target)
        ok = kind.endswith("/worksheet") and package.has(part)
        sheets.append(SheetEntry(title, part if ok else None))
    strings = by_type.get("sharedStrings")
    styles = by_type.get("styles")
    return Book(
        tuple(sheets),
        book.date1904,
        strings if strings and package.has(strings) else None,
        styles if styles and package.has(styles) else None,
    )


def _part_name(target: str) -> str:
    """A relationship target of xl/workbook.xml as a zip entry name."""
    path = target[1:] if target.startswith("/") else f"xl/{target}"
    return posixpath.normpath(path)


# --- worksheets ------------------------------------------------------------------

_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,10})")
# Parts of a worksheet after its merged cells: once one starts, nothing sopgen reads follows.
_AFTER_MERGES = frozenset({
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
    "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
    "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
    "extLst",
})  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """One cell as stored: its type attribute, raw text, format index, formula."""

    row: int
    column: int
    kind: str  # the `t` attribute: n, s, str, inlineStr, b, e, d
    text: str | None  # <v> or the inline string; None when the cell stores no value
    style: int
    formula: str | None  # the formula text when the cell has one


@dataclass
class SheetData:
    title: str
    cells: list[Cell] = field(default_factory=list)  # row 1 and cells below in its columns
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2


class _SheetPart(_Handler):
    """Keeps row 1 and, below it, only the cells of columns that have a row-1 cell."""

    def __init__(self, data: SheetData, name: str, cells_left: list[int]) -> None:
        self.data, self.name, self.cells_left = data, name, cells_left
        self.what = f"lembar '{data.title}'"
        self.row = 0
        self.column = 0
        self.header_columns: set[int] | None = None  # known once row 1 is over
        self.in_data = False
        self.cell: dict[str, str] | None = None
        self.cell_pos = (0, 0)
        self.buffer: list[str] | None = None  # text being collected
        self.value: str | None = None
        self.inline: list[str] | None = None
        self.formula: str | None = None
        self.phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.budget.left -= 1
        if self.budget.left < 0:
            raise _TooMany(self.what)
        local = _local(name)
        if local is None:
            return
        if local == "c" and self.in_data:
            self._start_cell(attrs)
        elif self.cell is not None and (
            local in ("v", "f") or (local == "t" and self.inline is not None and not self.phonetic)
        ):
            self.buffer = []
        elif local == "is" and self.cell is not None:
            self.inline = []
        elif local == "rPh":
            self.phonetic += 1
        elif local == "row" and self.in_data:
            self._start_row(attrs.get("r"))
        elif local == "sheetData":
            self.in_data = True
        elif local == "mergeCell":
            self._merge(attrs.get("ref", ""))
        elif local in _AFTER_MERGES:
            raise _Done

    def _start_row(self, r: str | None) -> None:
        number = self.row + 1 if r is None else _number(r)
        if number < self.row or number < 1:
            raise ValueError("rows out of order")  # Excel writes them ascending
        if number > EXCEL_ROWS:
            raise WorkbookUnreadable(msg.row_beyond_excel(self.name, self.data.title, number))
        if number > 1 and self.header_columns is None:
            self.header_columns = {c.column for c in self.data.cells}
        self.row, self.column = number, 0

    def _start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref is None:
            row, column = max(self.row, 1), self.column + 1
        else:
            m = _REF.fullmatch(ref)
            if m is None:
                raise ValueError(f"cell reference {ref!r}")
            row, column = int(m.group(2)), _column_number(m.group(1))
            if row < 1:
                raise ValueError(f"cell reference {ref!r}")
            if row > EXCEL_ROWS:
                raise WorkbookUnreadable(msg.row_beyond_excel(self.name, self.data.title, row))
        if column > EXCEL_COLUMNS:
            raise WorkbookUnreadable(msg.column_beyond_excel(self.name, self.data.title))
        if row > 1 and self.header_columns is None:
            self.header_columns = {c.column for c in self.data.cells}
        self.column = column
        self.cell, self.cell_pos = attrs, (row, column)
        self.value = self.inline = self.formula = None

    def end(self, name: str) -> None:
        local = _local(name)
        if local is None:
            return
        if local == "v" and self.buffer is not None:
            self.value, self.buffer = "".join(self.buffer), None
        elif local == "t" and self.buffer is not None and self.inline is not None:
            self.inline.append("".join(self.buffer))
            self.buffer = None
        elif local == "f" and self.buffer is not None:
            self.formula, self.buffer = "".join(self.buffer)[:200] or "=", None
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "c" and self.cell is not None:
            self._end_cell()
        elif local == "sheetData":
            self.in_data = False
        elif local == "mergeCells":
            raise _Done

    def text(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)

    def _end_cell(self) -> None:
        assert self.cell is not None
        attrs, (row, column) = self.cell, self.cell_pos
        self.cell = None
        kind = attrs.get("t", "n")
        text = "".join(self.inline) if kind == "inlineStr" and self.inline is not None else (
            self.value if kind != "inlineStr" else None
        )
        text = text or None  # an empty <v/> is no value, as in Excel
        if text is None and self.formula is None:
            return  # formatted but empty
        if row > 1:
            columns = self.header_columns or set()
            if column not in columns:
                return
        elif text is None:
            return  # a header is a value, not a formula awaiting one
        if kind == "s" and text is not None and not (text.isdigit() and len(text) < 10):
            raise ValueError(f"shared string index {text!r}")
        self.cells_left[0] -= 1
        if self.cells_left[0] < 0:
            raise _TooMany(self.what)
        style = attrs.get("s")
        self.data.cells.append(
            Cell(row, column, kind, text, int(style) if style else 0, self.formula)
        )

    def _merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        a, b = _REF.fullmatch(first), _REF.fullmatch(last or first)
        if a is None or b is None:
            return  # a broken merge changes no value
        r1, c1 = int(a.group(2)), _column_number(a.group(1))
        r2, c2 = int(b.group(2)), _column_number(b.group(1))
        self.data.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))


def _number(text: str) -> int:
    if not text.isdigit() or len(text) > 10:
        raise ValueError(f"row number {text!r}")
    return int(text)


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def read_sheets(
    package: Package, wanted: Collection[SheetEntry]
) -> list[SheetData]:
    """The given sheets' header rows and the cells below them in headed columns."""
    cells_left = [package.limits.cells]
    result = []
    for entry in wanted:
        data = SheetData(entry.title)
        if entry.part is not None:
            package.parse(entry.part, _SheetPart(data, package.name, cells_left), whole=True)
        result.append(data)
    return result


# --- shared strings and cell formats ----------------------------------------------


class _StringsPart(_Handler):
    """Collects the wanted strings by index; stops after the last one wanted."""

    what = "teks bersama (sharedStrings.xml)"

    def __init__(self, wanted: Collection[int], limit: int) -> None:
        self.wanted = set(wanted)
        self.last = max(self.wanted, default=-1)
        if self.last >= limit:
            raise _TooMany(self.what)
        self.found: dict[int, str] = {}
        self.index = 0
        self.parts: list[str] | None = None
        self.buffer: list[str] | None = None
        self.phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.budget.left -= 1
        if self.budget.left < 0:
            raise _TooMany(self.what)
        local = _local(name)
        if local == "t" and self.parts is not None and not self.phonetic:
            self.buffer = []
        elif local == "si":
            self.parts = [] if self.index in self.wanted else None
        elif local == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "t" and self.buffer is not None and self.parts is not None:
            self.parts.append("".join(self.buffer))
            self.buffer = None
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "si":
            if self.parts is not None:
                self.found[self.index] = "".join(self.parts)
            self.parts = None
            self.index += 1
            if self.index > self.last:
                raise _Done

    def text(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)


def read_strings(package: Package, part: str | None, wanted: Collection[int]) -> dict[int, str]:
    if not wanted:
        return {}
    if part is None:
        raise WorkbookUnreadable(msg.workbook_broken(package.name))
    try:
        handler = _StringsPart(wanted, package.limits.shared_strings)
    except _TooMany as err:
        raise WorkbookUnreadable(msg.workbook_too_complex(package.name, err.what)) from err
    package.parse(part, handler)
    if len(handler.found) < len(handler.wanted):
        raise WorkbookUnreadable(msg.workbook_broken(package.name))  # a cell names no string
    return handler.found


class _StylesPart(_Handler):
    """Number formats of the cell formats up to the last one a read cell uses."""

    what = "gaya sel (styles.xml)"

    def __init__(self, last: int, limit: int) -> None:
        if last >= limit:
            raise _TooMany(self.what)
        self.last = last
        self.codes: dict[int, str] = {}  # custom numFmtId -> format code
        self.formats: list[int] = []  # cell format index -> numFmtId
        self.in_xfs = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.budget.left -= 1
        if self.budget.left < 0:
            raise _TooMany(self.what)
        local = _local(name)
        if local == "xf" and self.in_xfs:
            self.formats.append(_int(attrs.get("numFmtId")))
            if len(self.formats) > self.last:
                raise _Done
        elif local == "numFmt":
            self.codes[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            self.in_xfs = True

    def end(self, name: str) -> None:
        if _local(name) == "cellXfs":
            raise _Done


def _int(text: str | None) -> int:
    return int(text) if text is not None and text.isdigit() and len(text) < 10 else 0


def read_formats(
    package: Package, part: str | None, last: int
) -> tuple[list[int], dict[int, str]]:
    """(numFmtId of each cell format up to `last`, custom format codes)."""
    if last < 1 or part is None:
        return [], {}
    try:
        handler = _StylesPart(last, package.limits.cell_formats)
    except _TooMany as err:
        raise WorkbookUnreadable(msg.workbook_too_complex(package.name, err.what)) from err
    package.parse(part, handler)
    return handler.formats, handler.codes


# --- Excel's escapes --------------------------------------------------------------

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Excel's `_xHHHH_` escapes in stored text (`_x000D_` is a carriage return)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(_unescape_one, text)


def _unescape_one(m: re.Match[str]) -> str:
    code = int(m.group(1), 16)
    return chr(code) if not 0xD800 <= code <= 0xDFFF else ""

