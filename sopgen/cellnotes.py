"""What the reader knows about a cell, joined to validation's problems.

Validation sees a merged cell's lost value or an uncomputed formula as an
empty cell and says "kosong"; the reader knows why it is empty. Here each
error at such a cell is reworded to say why, and where validation had
nothing to say (an optional cell), the planner still gets a warning: no
value is dropped without a word. Characters the sheet's font cannot print
are warned about at their cell too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from sopgen import messages as msg
from sopgen.model import Loc, Problem
from sopgen.sheets import ALL_SHEETS
from sopgen.text import fold
from sopgen.workbook import CellNote, RawTable, RawWorkbook, cell_ref, position

# The columns the contract reads, by sheet: a note in any other column is about
# a cell nobody reads.
_COLUMNS: dict[str, frozenset[str]] = {
    fold(sheet.name): frozenset(c.key for c in sheet.columns if c.read) for sheet in ALL_SHEETS
}
# Columns whose text is printed on the sheet.
_PRINTED: dict[str, frozenset[str]] = {
    fold(sheet.name): frozenset(c.key for c in sheet.columns if c.printed) for sheet in ALL_SHEETS
}
_SHOWN_CHARACTERS = 3


def annotate(raw: RawWorkbook, problems: Iterable[Problem]) -> list[Problem]:
    """Validation's problems with the reader's explanations and warnings added.

    A problem at a cell the reader knows more about says what the reader
    knows instead, keeping its severity (a note that is an error always is).
    """
    result = list(raw.problems)
    explained: set[tuple[str, str, bool]] = set()
    for problem in problems:
        reason = _reason(raw, problem.loc)
        if reason is None:
            result.append(problem)
            continue
        warning = problem.warning and not reason.error
        if (str(problem.loc), reason.text, warning) not in explained:
            result.append(Problem(problem.loc, reason.text, warning))
            explained.add((str(problem.loc), reason.text, warning))
    said_at = {str(p.loc) for p in result}
    for table in raw.sheets.values():
        for loc, note in _notes(table):
            if str(loc) not in said_at:
                result.append(Problem(loc, note.text, warning=not note.error))
        result.extend(_glyph_warnings(table))
    return result


def _reason(raw: RawWorkbook, loc: Loc) -> CellNote | None:
    table = raw.table(loc.sheet)
    if table is None or loc.cell is None or table.sheet != loc.sheet:
        return None
    note = table.notes.get(loc.cell)
    if note is not None:
        return note
    if not table.merges or _holds_value(table, loc.cell):
        return None  # a cell that holds a value is not empty for being merged
    rng = _merge_at(table, loc.cell)
    return CellNote(msg.merged_cell(rng)) if rng is not None else None


def _holds_value(table: RawTable, ref: str) -> bool:
    number = position(ref)[0]
    return any(
        c.ref == ref for row in table.rows if row.number == number for c in row.cells.values()
    )


def _merge_at(table: RawTable, ref: str) -> str | None:
    row, column = position(ref)
    for r1, c1, r2, c2 in table.merges:
        if r1 <= row <= r2 and c1 <= column <= c2 and (row, column) != (r1, c1):
            return f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}"
    return None


def _notes(table: RawTable) -> Iterator[tuple[Loc, CellNote]]:
    contract = _COLUMNS.get(fold(table.sheet), frozenset())
    by_column = {position(cell.ref)[1]: key for key, cell in table.headers.items()}
    for notes in (table.notes, table.merged_warnings):
        for ref, note in notes.items():
            if by_column.get(position(ref)[1]) in contract:
                yield Loc(table.sheet, ref), note


def _glyph_warnings(table: RawTable) -> Iterator[Problem]:
    printed = _PRINTED.get(fold(table.sheet))
    if not printed:
        return
    covered = _font_characters()
    if covered is None:
        return  # no font: the layout says so
    for row in table.rows:
        for key, cell in row.cells.items():
            if key not in printed or not isinstance(cell.value, str):
                continue
            missing = _missing(cell.value, covered)
            if missing:
                yield Problem(Loc(table.sheet, cell.ref), msg.glyph_missing(missing), True)


def _missing(text: str, covered: frozenset[int]) -> list[str]:
    found: list[str] = []
    for ch in text:
        if ord(ch) in covered or ch in found or unicodedata.category(ch) in {"Cc", "Cf"}:
            continue
        found.append(ch)
        if len(found) == _SHOWN_CHARACTERS:
            break
    return found


_FONT_CHARACTERS: list[frozenset[int] | None] = []


def _font_characters() -> frozenset[int] | None:
    """Code points of the sheet's font (Liberation Sans), or None when it is missing."""
    if not _FONT_CHARACTERS:
        from sopgen.fonts import FontMissing, metrics

        try:
            _FONT_CHARACTERS.append(frozenset(metrics(False).advances))
        except FontMissing:
            _FONT_CHARACTERS.append(None)
    return _FONT_CHARACTERS[0]
