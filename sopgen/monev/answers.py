"""The assessor's workbook: written prefilled from the SOP, read back as `Answers`.

Three sheets declared in `sopgen.sheets` (Penilaian, Monitoring, Evaluasi):
the SOP's number and every step's number and activity are filled in, the
assessment columns offer their words as dropdowns. Read back with sopgen's own
bounded reader; every refusal is a problem at its Sheet!Cell, a step or
criterion left unanswered a warning (the form prints it as not assessed).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from sopgen import cells
from sopgen import messages as msg
from sopgen.model import Loc, Problem, Sop
from sopgen.monev import CRITERIA
from sopgen.newbook import write_sheet
from sopgen.sheets import EVALUASI, MONEV_NAMES, MONITORING, PENILAIAN, Column, Sheet
from sopgen.text import fold
from sopgen.validate.common import (
    Collector,
    KeyValues,
    cell_error,
    loc_of,
    require_columns,
    require_table,
    row_ref,
)
from sopgen.workbook import RawRow, RawTable, RawWorkbook, read_workbook

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_MONITORING, _EVALUASI, _PENILAIAN = Loc("Monitoring"), Loc("Evaluasi"), Loc("Penilaian")


@dataclass(frozen=True)
class StepAnswer:
    no: int
    baik: bool | None  # None: not assessed
    catatan: str = ""
    tindakan: str = ""
    no_loc: Loc = _MONITORING
    result_loc: Loc = _MONITORING
    action_loc: Loc = _MONITORING


@dataclass(frozen=True)
class CriterionAnswer:
    no: int
    ya: bool | None  # None: not answered
    catatan: str = ""
    no_loc: Loc = _EVALUASI
    result_loc: Loc = _EVALUASI


@dataclass(frozen=True)
class Answers:
    """One filled workbook: who assessed which SOP when, and every answer."""

    nomor: str
    source: Path
    satuan_kerja: str = ""
    periode: str = ""
    tanggal: dt.date | None = None
    penilai: str = ""
    nip: str | None = None
    steps: tuple[StepAnswer, ...] = ()
    criteria: tuple[CriterionAnswer, ...] = ()
    nomor_loc: Loc = _PENILAIAN
    monitoring_sheet: str = MONITORING.name
    evaluation_sheet: str = EVALUASI.name

    def step(self, no: int) -> StepAnswer | None:
        return next((a for a in self.steps if a.no == no), None)

    def criterion(self, no: int) -> CriterionAnswer | None:
        return next((a for a in self.criteria if a.no == no), None)

    @property
    def nip_printed(self) -> str | None:
        n = self.nip
        return None if n is None else f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


# --- writing ----------------------------------------------------------------------


def answers_workbook(sop: Sop) -> bytes:
    """The assessor's workbook for `sop`, prefilled; the same SOP gives the same bytes."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    ident = sop.identity
    ws = wb.create_sheet(PENILAIAN.name)
    write_sheet(ws, PENILAIAN)
    prefilled = {"nomor": ident.nomor, "nama": ident.nama, "satuan_kerja": ident.satuan_kerja}
    for r, f in enumerate(PENILAIAN.fields, start=2):
        if f.attr in prefilled:
            ws.cell(row=r, column=2, value=prefilled[f.attr])
        if f.text_cell:
            ws.cell(row=r, column=2).number_format = "@"
    rows = [(s.no, s.kegiatan) for s in sop.steps]
    _table_sheet(wb.create_sheet(MONITORING.name), MONITORING, rows)
    _table_sheet(wb.create_sheet(EVALUASI.name), EVALUASI, list(enumerate(CRITERIA, start=1)))
    stamp = dt.datetime.combine(ident.tanggal_pembuatan, dt.time())
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "sopgen"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _normalised(buffer.getvalue(), stamp)


def _table_sheet(ws: object, sheet: Sheet, rows: list[tuple[int, str]]) -> None:
    """Headers, comments and dropdowns as `sopgen new` writes them, the rows prefilled."""
    prepared = Sheet(name=sheet.name, columns=sheet.columns, required=sheet.required,
                     prepared_rows=len(rows) + 1)
    write_sheet(ws, prepared)  # type: ignore[arg-type]
    for r, (no, text) in enumerate(rows, start=2):
        ws.cell(row=r, column=1, value=no)  # type: ignore[attr-defined]
        ws.cell(row=r, column=2, value=text)  # type: ignore[attr-defined]


def _normalised(data: bytes, stamp: dt.datetime) -> bytes:
    """Fixed zip entry times and modification date: openpyxl stamps both with the clock."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, _FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when, body)
            dst.writestr(entry, body)
    return out.getvalue()


# --- reading ----------------------------------------------------------------------


def read_answers(path: Path) -> tuple[Answers | None, list[Problem]]:
    """The answers of one filled workbook and its problems; the rows refused are left out
    (their errors are among the problems), None when its Nomor SOP cannot be read.
    Raises WorkbookUnreadable for a file that is no workbook."""
    raw = read_workbook(path, MONEV_NAMES)
    out = Collector(list(raw.problems))
    rows = KeyValues.of(raw, PENILAIAN, out)
    values = rows.read_all() if rows is not None else {}
    steps = [a for a in (_step(t, r, out) for t, r in _rows(raw, MONITORING, out)) if a]
    criteria = [a for a in (_criterion(t, r, out) for t, r in _rows(raw, EVALUASI, out)) if a]
    nomor = values.get("nomor")
    if rows is None or not isinstance(nomor, str):
        return None, out.problems
    tanggal, nip = values.get("tanggal"), values.get("nip")
    answers = Answers(
        nomor=nomor, source=path,
        satuan_kerja=_str(values.get("satuan_kerja")), periode=_str(values.get("periode")),
        tanggal=tanggal if isinstance(tanggal, dt.date) else None,
        penilai=_str(values.get("penilai")), nip=nip if isinstance(nip, str) else None,
        steps=tuple(steps), criteria=tuple(criteria), nomor_loc=rows.locs["nomor"],
        monitoring_sheet=_sheet_name(raw, MONITORING), evaluation_sheet=_sheet_name(raw, EVALUASI),
    )  # fmt: skip
    return answers, out.problems


def check_against(sop: Sop, answers: Answers) -> list[Problem]:
    """What only the SOP can say: the same SOP, step and criterion numbers that exist,
    once each; every one answered (else a warning), an action for a step that fails."""
    out = Collector()
    if fold(answers.nomor) != fold(sop.identity.nomor):
        out.error(answers.nomor_loc, msg.monev_other_sop(answers.nomor, sop.identity.nomor))
        return out.problems
    seen: set[int] = set()
    for a in answers.steps:
        if not 1 <= a.no <= len(sop.steps):
            out.error(a.no_loc, msg.monev_bad_step(str(a.no), len(sop.steps)))
        elif a.no in seen:
            out.error(a.no_loc, msg.monev_step_twice(a.no))
        elif a.baik is None:
            out.warn(a.result_loc, msg.monev_unrated(a.no))
        elif a.baik is False and not a.tindakan:
            out.warn(a.action_loc, msg.monev_no_action())
        seen.add(a.no)
    missing = [s.no for s in sop.steps if s.no not in seen]
    if missing:
        out.warn(Loc(answers.monitoring_sheet), msg.monev_steps_missing(_numbers(missing)))
    seen = set()
    for c in answers.criteria:
        if not 1 <= c.no <= len(CRITERIA):
            out.error(c.no_loc, msg.monev_bad_criterion(str(c.no)))
        elif c.no in seen:
            out.error(c.no_loc, msg.monev_criterion_twice(c.no))
        elif c.ya is None:
            out.warn(c.result_loc, msg.monev_unanswered(c.no))
        seen.add(c.no)
    missing = [k for k in range(1, len(CRITERIA) + 1) if k not in seen]
    if missing:
        out.warn(Loc(answers.evaluation_sheet), msg.monev_criteria_missing(_numbers(missing)))
    return out.problems


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _sheet_name(raw: RawWorkbook, sheet: Sheet) -> str:
    table = raw.table(sheet.name)
    return table.sheet if table is not None else sheet.name


def _rows(raw: RawWorkbook, sheet: Sheet, out: Collector) -> list[tuple[RawTable, RawRow]]:
    table = require_table(raw, sheet, out)
    if table is None or not require_columns(table, sheet.required_headers, out):
        return []
    return [(table, row) for row in table.rows]


def _loc(table: RawTable, row: RawRow, column: Column) -> Loc:
    return Loc(table.sheet, row_ref(table, column.key, row.number)
               if column.key in table.headers else None)


def _text(table: RawTable, row: RawRow, column: Column, out: Collector) -> str:
    cell = row.get(column.key)
    if cell is None or cells.blank(cell.value) or cell_error(table, cell, out):
        return ""
    return cells.text(cell.value).strip()


def _choice(table: RawTable, row: RawRow, column: Column, out: Collector,
            bad: Callable[[str], str]) -> tuple[bool | None, bool]:
    """(the answer or None when empty, whether it was refused)."""
    cell = row.get(column.key)
    if cell is None or cells.blank(cell.value):
        return None, False
    if cell_error(table, cell, out):
        return None, True
    assert column.choices is not None
    chosen = column.choices(cell.value)
    if chosen is None:
        out.error(loc_of(table, cell), bad(cells.text(cell.value)))
        return None, True
    return bool(chosen), False


def _number(table: RawTable, row: RawRow, column: Column, out: Collector,
            bad: Callable[[str], str]) -> int | None:
    cell = row.get(column.key)
    if cell is None or cell_error(table, cell, out):
        return None
    number = cells.whole(cell.value)
    if number is None:
        out.error(loc_of(table, cell), bad(cells.text(cell.value)))
    return number


def _step(table: RawTable, row: RawRow, out: Collector) -> StepAnswer | None:
    no_col, _, result, note, action = MONITORING.columns
    no = _number(table, row, no_col, out, lambda t: msg.monev_bad_step(t, len(table.rows)))
    baik, refused = _choice(table, row, result, out, msg.monev_bad_result)
    if no is None or refused:
        return None
    return StepAnswer(no, baik, _text(table, row, note, out), _text(table, row, action, out),
                      _loc(table, row, no_col), _loc(table, row, result),
                      _loc(table, row, action))


def _criterion(table: RawTable, row: RawRow, out: Collector) -> CriterionAnswer | None:
    no_col, _, answer, note = EVALUASI.columns
    no = _number(table, row, no_col, out, msg.monev_bad_criterion)
    ya, refused = _choice(table, row, answer, out, msg.monev_bad_answer)
    if no is None or refused:
        return None
    return CriterionAnswer(no, ya, _text(table, row, note, out), _loc(table, row, no_col),
                           _loc(table, row, answer))
