"""What every sheet's reader shares: the problem list, required sheets and columns,
cell addresses, and the reader of a key/value sheet's declared fields."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sopgen import cells
from sopgen import messages as msg
from sopgen.model import Loc, Problem
from sopgen.sheets import KNOWN_LABELS, Field, KeyValueSheet, Sheet
from sopgen.text import closest, fold
from sopgen.workbook import CellError, RawCell, RawTable, RawWorkbook


@dataclass
class Collector:
    """Problems in the order found; a reader asks `failed` before rules that need a clean sheet."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, loc: Loc, text: str) -> None:
        self.problems.append(Problem(loc, text))

    def warn(self, loc: Loc, text: str) -> None:
        self.problems.append(Problem(loc, text, warning=True))

    @property
    def failed(self) -> bool:
        return any(not p.warning for p in self.problems)


def loc_of(table: RawTable, cell: RawCell) -> Loc:
    return Loc(table.sheet, cell.ref)


def cell_error(table: RawTable, cell: RawCell, out: Collector) -> bool:
    """An Excel error value (`#REF!`) is an error at its cell wherever it is read."""
    if isinstance(cell.value, CellError):
        out.error(loc_of(table, cell), msg.cell_formula_error(str(cell.value)))
        return True
    return False


def row_ref(table: RawTable, header: str, row: int) -> str:
    """The address of column `header` (folded) in row `row`, whether or not it holds a value."""
    return table.headers[header].ref.rstrip("0123456789") + str(row)


def sibling(table: RawTable, cell: RawCell, header: str) -> str:
    """The address of column `header` (folded) in the row of `cell`."""
    return row_ref(table, header, int(re.sub(r"^[A-Z]+", "", cell.ref)))


def require_table(raw: RawWorkbook, sheet: Sheet, out: Collector) -> RawTable | None:
    table = raw.table(sheet.name)
    if table is None:
        near = closest(sheet.name, [t.sheet for t in raw.sheets.values()])
        out.error(Loc(sheet.name), msg.sheet_missing(sheet.name, near))
    return table


def require_columns(table: RawTable, names: Iterable[str], out: Collector) -> bool:
    """Every header named is there, and no header twice; each miss is an error at the sheet."""
    ok = True
    for dup in table.duplicate_headers:
        out.error(loc_of(table, dup), msg.column_duplicate(cells.text(dup.value)))
        ok = False
    for name in names:
        if fold(name) not in table.headers:
            near = closest(name, [cells.text(h.value) for h in table.headers.values()])
            out.error(Loc(table.sheet), msg.column_missing(name, table.sheet, near))
            ok = False
    return ok


# --- key/value sheets: Identitas and Pengaturan ---------------------------------------


@dataclass(frozen=True)
class _Row:
    label: Loc
    value: RawCell | None  # None: the row exists, its Nilai is empty
    text: str  # the label as typed


class KeyValues:
    """The labelled rows of one key/value sheet, read field by field as declared."""

    def __init__(self, sheet: KeyValueSheet, table: RawTable, out: Collector) -> None:
        self.sheet, self.table, self.out = sheet, table, out
        self.rows: dict[str, _Row] = {}
        self.locs: dict[str, Loc] = {}  # attr -> the Nilai cell of its row
        for row in table.rows:
            label = row.get(sheet.label_column.key)
            if label is None:
                continue
            key = fold(cells.text(label.value))
            if key in self.rows:
                out.error(loc_of(table, label), msg.row_duplicate(cells.text(label.value)))
                continue
            self.rows[key] = _Row(loc_of(table, label), row.get(sheet.value_column.key),
                                  cells.text(label.value))

    @staticmethod
    def of(raw: RawWorkbook, sheet: KeyValueSheet, out: Collector) -> KeyValues | None:
        """The sheet's rows; None when the sheet or one of its two columns is missing."""
        table = require_table(raw, sheet, out) if sheet.required else raw.table(sheet.name)
        if table is None or not require_columns(table, sheet.required_headers, out):
            return None
        return KeyValues(sheet, table, out)

    def read_all(self) -> dict[str, object]:
        """attr -> value of every declared field, None where missing, empty or refused."""
        return {f.attr: self.read(f) for f in self.sheet.fields}

    def read(self, f: Field) -> object:
        row = self.rows.get(fold(f.label))
        if row is None:
            if f.required:
                near = closest(
                    f.label, [r.text for k, r in self.rows.items() if k not in KNOWN_LABELS]
                )
                self.out.error(Loc(self.table.sheet), msg.row_missing(f.label, near))
            return None
        loc = self._value_loc(row)
        self.locs[f.attr] = loc
        if row.value is None or cells.blank(row.value.value):
            if f.required:
                self.out.error(loc, msg.value_empty(f.label))
            return None
        if cell_error(self.table, row.value, self.out):
            return None
        try:
            result = f.parse(row.value.value)
        except cells.Refused as why:
            self.out.error(loc, str(why))
            return None
        if result is None:
            self.out.error(loc, f.bad)
        return result

    def _value_loc(self, row: _Row) -> Loc:
        if row.value is not None:
            return loc_of(self.table, row.value)
        assert row.label.cell is not None
        number = int(re.sub(r"^[A-Z]+", "", row.label.cell))
        return Loc(self.table.sheet, row_ref(self.table, self.sheet.value_column.key, number))
