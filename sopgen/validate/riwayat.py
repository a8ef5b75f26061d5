"""Sheet `Riwayat` (optional): the SOP's editions, oldest first, checked against
`Tanggal Revisi` of sheet Identitas.

Rules (docs/decisions.md, "Revisions"): `Revisi ke` is a whole number, rising
down the sheet; each row has a date, not before the SOP was made and not
before the row above, and a description; `Status` defaults to `Berlaku` for
the latest row and `Diganti` for the earlier ones; only the latest may be
`Berlaku`, and a latest `Diganti` names its replacement. The latest revision
(`Revisi ke` 1 or more) is the `Tanggal Revisi`: an empty or different one is
an error at that cell.
"""

from __future__ import annotations

import datetime as dt

from sopgen import cells
from sopgen import messages as msg
from sopgen.dates import MonthDate, format_date
from sopgen.model import Identity, Loc, Revision, RevisionStatus
from sopgen.sheets import (
    REV_BY,
    REV_DATE,
    REV_NO,
    REV_STATUS,
    REV_TEXT,
    REVISION_STATUSES,
    RIWAYAT,
)  # fmt: skip
from sopgen.validate.common import Collector, cell_error, loc_of, require_columns, row_ref
from sopgen.workbook import RawCell, RawRow, RawTable, RawWorkbook


def read_revisions(raw: RawWorkbook, identity: Identity | None,
                   out: Collector) -> tuple[Revision, ...]:
    table = raw.table(RIWAYAT.name)
    if table is None or not require_columns(table, RIWAYAT.required_headers, out):
        return ()
    rows: list[tuple[Revision, bool]] = []  # (the row, its Status was typed)
    failed = False
    for row in table.rows:
        read = _row(table, row, out)
        if read is None:
            failed = True
        else:
            rows.append(read)
    if failed or not rows:
        return ()
    revisions = _statuses(table, rows, out)
    _order(table, revisions, identity, out)
    if identity is not None:
        _against_identity(table, revisions, identity, out)
    return tuple(revisions)


def _row(table: RawTable, row: RawRow, out: Collector) -> tuple[Revision, bool] | None:
    """One row read, or None after its errors are reported."""
    no_cell = row.get(REV_NO.key)
    ok = True

    def required(header: str, label: str) -> RawCell | None:
        nonlocal ok
        cell = row.get(header)
        if cell is None:
            out.error(Loc(table.sheet, row_ref(table, header, row.number)), msg.value_empty(label))
            ok = False
        elif cell_error(table, cell, out):
            ok = False
            return None
        return cell

    number = day = None
    if (cell := required(REV_NO.key, REV_NO.header)) is not None:
        number = cells.whole(cell.value)
        if number is None or number < 0:
            out.error(loc_of(table, cell), msg.riwayat_bad_number())
            ok = False
    if (cell := required(REV_DATE.key, REV_DATE.header)) is not None:
        day = cells.date(cell.value)
        if day is None:
            out.error(loc_of(table, cell), msg.bad_date(REV_DATE.header))
            ok = False
    text_cell = required(REV_TEXT.key, REV_TEXT.header)
    status: RevisionStatus | None = None
    status_cell = row.get(REV_STATUS.key) if REV_STATUS.key in table.headers else None
    if status_cell is not None and not cell_error(table, status_cell, out):
        status = REVISION_STATUSES(status_cell.value)
        if status is None:
            out.error(loc_of(table, status_cell), msg.riwayat_bad_status())
            ok = False
    elif status_cell is not None:
        ok = False
    by_cell = row.get(REV_BY.key) if REV_BY.key in table.headers else None
    replaced_by = ""
    if by_cell is not None and not cell_error(table, by_cell, out):
        replaced_by = cells.text(by_cell.value)
    if not ok or number is None or day is None or text_cell is None or no_cell is None:
        return None
    revision = Revision(number, day, cells.text(text_cell.value),
                        status or RevisionStatus.DIGANTI, replaced_by, loc_of(table, no_cell))
    return revision, status is not None


def _statuses(table: RawTable, rows: list[tuple[Revision, bool]],
              out: Collector) -> list[Revision]:
    """Defaults filled in (Berlaku for the latest), and what each status asks checked."""
    result: list[Revision] = []
    last = len(rows) - 1
    for i, (rev, typed) in enumerate(rows):
        if not typed:
            status = RevisionStatus.BERLAKU if i == last else RevisionStatus.DIGANTI
            rev = Revision(rev.number, rev.day, rev.uraian, status, rev.replaced_by, rev.loc)
        status_loc = _sibling(table, rev.loc, REV_STATUS.key)
        by_loc = _sibling(table, rev.loc, REV_BY.key)
        if rev.status is RevisionStatus.BERLAKU and i != last:
            out.error(status_loc, msg.riwayat_berlaku_not_last(rows[i + 1][0].number))
        if rev.status is RevisionStatus.DIGANTI and i == last and not rev.replaced_by:
            out.error(by_loc, msg.riwayat_needs_replacement())
        if rev.status is not RevisionStatus.DIGANTI and rev.replaced_by:
            out.warn(by_loc, msg.riwayat_replacement_ignored())
        result.append(rev)
    return result


def _sibling(table: RawTable, loc: Loc, header: str) -> Loc:
    """The cell of column `header` in the row of `loc` (the sheet when there is no column)."""
    if header not in table.headers or loc.cell is None:
        return Loc(table.sheet, loc.cell)
    number = int(loc.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return Loc(table.sheet, row_ref(table, header, number))


def _order(table: RawTable, revisions: list[Revision], identity: Identity | None,
           out: Collector) -> None:
    made = identity.tanggal_pembuatan if identity is not None else None
    for i, rev in enumerate(revisions):
        date_loc = _sibling(table, rev.loc, REV_DATE.key)
        if i:
            before = revisions[i - 1]
            if rev.number <= before.number:
                out.error(rev.loc, msg.riwayat_number_order(before.number))
            if _before(rev.day, before.day):
                out.error(date_loc, msg.riwayat_date_order(format_date(before.day)))
        if made is not None and _before(rev.day, made):
            out.error(date_loc, msg.riwayat_before_made(format_date(made)))
        elif made is not None and rev.number == 0 and _before(made, rev.day):
            out.warn(date_loc, msg.riwayat_first_edition_date(format_date(made)))


def _against_identity(table: RawTable, revisions: list[Revision], identity: Identity,
                      out: Collector) -> None:
    latest = revisions[-1]
    if latest.number == 0:
        return  # only the first edition: nothing was revised
    loc = identity.locs.get("tanggal_revisi", Loc("Identitas"))
    cell = str(_sibling(table, latest.loc, REV_DATE.key))
    shown = format_date(latest.day)
    if identity.tanggal_revisi is None:
        out.error(loc, msg.riwayat_revision_date_missing(shown, cell))
    elif _before(identity.tanggal_revisi, latest.day) or _before(latest.day,
                                                                 identity.tanggal_revisi):
        out.error(loc, msg.riwayat_revision_date_differs(shown, cell))


def _before(a: dt.date, b: dt.date) -> bool:
    """`a` earlier than `b`; a month-only date is earlier only in an earlier month."""
    if isinstance(a, MonthDate) or isinstance(b, MonthDate):
        return (a.year, a.month) < (b.year, b.month)
    return a < b
