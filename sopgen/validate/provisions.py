"""Sheet `Ketentuan`: six lists, one item a cell, numbered by the document."""

from __future__ import annotations

import re

from sopgen import cells
from sopgen.model import Provisions
from sopgen.sheets import KETENTUAN
from sopgen.validate.common import Collector, cell_error, require_columns, require_table
from sopgen.workbook import RawWorkbook

_ATTRS = {c.key: c.attr for c in KETENTUAN.columns}  # header -> Provisions field
_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)](?!\d)\s*")  # not '1.000 lembar'


def read_provisions(raw: RawWorkbook, out: Collector) -> Provisions:
    """Each column's items downwards; a missing column is an error and reads as empty."""
    table = require_table(raw, KETENTUAN, out)
    if table is None:
        return Provisions()
    require_columns(table, KETENTUAN.required_headers, out)
    lists: dict[str, list[str]] = {c.key: [] for c in KETENTUAN.columns}
    for row in table.rows:
        for key, items in lists.items():
            cell = row.get(key)
            if cell is None or cells.blank(cell.value) or cell_error(table, cell, out):
                continue
            item = _LEADING_NUMBER.sub("", cells.text(cell.value)).strip()
            if item:
                items.append(item)
    return Provisions(**{_ATTRS[key]: tuple(items) for key, items in lists.items()})
