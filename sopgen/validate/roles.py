"""Sheet `Pelaksana`: the roles, in the order of their columns, names and
abbreviations unique together (`Prosedur` may name a role by either)."""

from __future__ import annotations

from sopgen import cells
from sopgen import messages as msg
from sopgen.model import Loc, Role
from sopgen.sheets import PELAKSANA, ROLE_NAME, ROLE_SHORT
from sopgen.text import fold
from sopgen.validate.common import (
    Collector,
    cell_error,
    loc_of,
    require_columns,
    require_table,
    sibling,
)
from sopgen.workbook import RawWorkbook


def read_roles(raw: RawWorkbook, out: Collector) -> tuple[Role, ...] | None:
    """The roles, or None when there is none to name (said once, not at every step)."""
    table = require_table(raw, PELAKSANA, out)
    if table is None or not require_columns(table, PELAKSANA.required_headers, out):
        return None
    roles: list[Role] = []
    seen: dict[str, Loc] = {}
    for row in table.rows:
        name_cell = row.get(ROLE_NAME.key)
        short_cell = row.get(ROLE_SHORT.key)
        if name_cell is None:
            if short_cell is not None and not cells.blank(short_cell.value):
                out.error(Loc(table.sheet, sibling(table, short_cell, ROLE_NAME.key)),
                          msg.role_name_empty())
            continue
        if cell_error(table, name_cell, out):
            continue
        name = cells.text(name_cell.value)
        short = None
        if (
            short_cell is not None
            and not cells.blank(short_cell.value)
            and not cell_error(table, short_cell, out)
        ):
            short = cells.text(short_cell.value)
        loc = loc_of(table, name_cell)
        clashes: set[str] = set()
        for part, text, cell in (("name", name, name_cell), ("short", short, short_cell)):
            if text is None or cell is None:
                continue
            key = fold(text)
            if part == "short" and key == fold(name):
                continue  # an abbreviation equal to its own name is no clash
            if key in seen:
                out.error(loc_of(table, cell), msg.role_duplicate(text, str(seen[key])))
                clashes.add(part)
            else:
                seen[key] = loc_of(table, cell)
        if "name" not in clashes:  # a clashing abbreviation alone keeps the role by its name
            kept = None if "short" in clashes else short
            short_loc = loc_of(table, short_cell) if kept is not None and short_cell else None
            roles.append(Role(name, kept, loc, short_loc))
    if not roles:
        if not any(p.loc.sheet == table.sheet and not p.warning for p in out.problems):
            out.error(Loc(table.sheet), msg.no_roles())
        return None
    return tuple(roles)
