"""Sheet `Libur` (optional): extra non-working dates for the timeline's calendar."""

from __future__ import annotations

from sopgen import cells
from sopgen import messages as msg
from sopgen.model import Holiday, Loc
from sopgen.sheets import HOLIDAY_DATE, HOLIDAY_NAME, LIBUR
from sopgen.validate.common import Collector, cell_error, loc_of, require_columns, sibling
from sopgen.workbook import RawWorkbook


def read_holidays(raw: RawWorkbook, out: Collector) -> tuple[Holiday, ...]:
    table = raw.table(LIBUR.name)
    if table is None or not require_columns(table, LIBUR.required_headers, out):
        return ()
    days: list[Holiday] = []
    for row in table.rows:
        cell = row.get(HOLIDAY_DATE.key)
        note = row.get(HOLIDAY_NAME.key)
        if cell is None:
            if note is not None:
                out.error(Loc(table.sheet, sibling(table, note, HOLIDAY_DATE.key)),
                          msg.value_empty(HOLIDAY_DATE.header))
            continue
        if cell_error(table, cell, out):
            continue
        day = cells.date(cell.value)
        if day is None:
            out.error(loc_of(table, cell), msg.bad_date(HOLIDAY_DATE.header))
            continue
        days.append(Holiday(day, cells.text(note.value) if note else "", loc_of(table, cell)))
    return tuple(days)
