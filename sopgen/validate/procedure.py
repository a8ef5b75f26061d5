"""Sheet `Prosedur`: one step a row, numbered 1, 2, 3 … in order, then the flow
between them (kinds, decisions' targets) and whether every step is reached.

A row's cells are read into a draft first; the flow is resolved only when
every number is right, since a target names a step by its number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopgen import cells, flow
from sopgen import messages as msg
from sopgen.durations import Duration, DurationError, WorkTime, parse_duration
from sopgen.model import Kind, Loc, Role, Step
from sopgen.sheets import (
    JENIS,
    JIKA_TIDAK,
    JIKA_YA,
    KEGIATAN,
    KELENGKAPAN,
    KETERANGAN,
    KINDS,
    LABEL_MAX,
    LABEL_TIDAK,
    LABEL_YA,
    OUTPUT,
    PROSEDUR,
    STEP_NO,
    STEP_ROLES,
    WAKTU,
)
from sopgen.text import closest, fold
from sopgen.validate.common import Collector, cell_error, require_columns, require_table, row_ref
from sopgen.workbook import RawCell, RawRow, RawTable, RawWorkbook

LONG_STEP_DAYS = 30
MAX_STEPS = 250  # a build of 250 steps takes about 6.5 s of CPU and 110 MB
_TEXTS = (KELENGKAPAN, OUTPUT, KETERANGAN)  # printed as typed; '-' for none


@dataclass
class _RowDraft:
    no: int
    loc: Loc
    locs: dict[str, Loc]
    kegiatan: str | None
    roles: tuple[int, ...] | None
    typed_kind: Kind | None
    kind_ok: bool
    if_yes: int | None
    if_no: int | None
    refs_ok: bool
    waktu: Duration | None
    texts: dict[str, str]  # Step attribute -> text, of the _TEXTS columns
    labels: dict[str, str | None]  # label_yes/label_no: None when not typed


def read_steps(
    raw: RawWorkbook, roles: tuple[Role, ...], work: WorkTime, out: Collector
) -> tuple[Step, ...] | None:
    table = require_table(raw, PROSEDUR, out)
    if table is None or not require_columns(table, PROSEDUR.required_headers, out):
        return None
    if len(table.rows) > MAX_STEPS:  # before reading them: a build's time grows with steps
        out.error(Loc(table.sheet), msg.too_many_steps(len(table.rows), MAX_STEPS))
        return None
    if WAKTU.key not in table.headers:  # v1.1: no time standards at all, said once
        near = closest(WAKTU.header, [cells.text(h.value) for h in table.headers.values()])
        out.warn(Loc(table.sheet), msg.waktu_column_missing(table.sheet, near))
    role_keys: dict[str, int] = {}
    for i, role in enumerate(roles):
        role_keys[fold(role.name)] = i
        if role.short:
            role_keys[fold(role.short)] = i
    drafts: list[_RowDraft] = []
    numbers_ok = True
    expected = 1
    loose = 0  # rows just above without a readable number: they may hold the next ones
    seen: dict[int, Loc] = {}
    for row in table.rows:
        no_cell = row.get(STEP_NO.key)
        no_loc = Loc(table.sheet,
                     no_cell.ref if no_cell else row_ref(table, STEP_NO.key, row.number))
        number = cells.whole(no_cell.value) if no_cell is not None else None
        if no_cell is None:
            out.error(no_loc, msg.step_no_empty(expected + loose))
            numbers_ok = False
            loose += 1
        elif cell_error(table, no_cell, out):
            numbers_ok = False
            loose += 1
        elif number is None or number < 1:
            out.error(no_loc, msg.step_no_bad(cells.text(no_cell.value), expected + loose))
            numbers_ok = False
            loose += 1
        elif number in seen:
            out.error(no_loc, msg.step_no_duplicate(number, str(seen[number])))
            numbers_ok = False
        elif number < expected:
            out.error(no_loc, msg.step_no_order(number, expected))
            numbers_ok = False
        elif number > expected + loose:
            out.error(no_loc, msg.step_no_gap(number, expected + loose))
            numbers_ok = False
            expected, loose = number + 1, 0
        else:
            expected, loose = number + 1, 0
        if number is not None and number not in seen:
            seen[number] = no_loc
        drafts.append(_draft(table, row, number or 0, no_loc, role_keys, roles, work, out))
    if not drafts:
        out.error(Loc(table.sheet), msg.no_steps())
        return None
    _warn_idle_roles(roles, drafts, out)
    if not numbers_ok:
        return None
    return _resolve_flow(table, drafts, work, out)


def _draft(
    table: RawTable,
    row: RawRow,
    no: int,
    no_loc: Loc,
    role_keys: dict[str, int],
    roles: tuple[Role, ...],
    work: WorkTime,
    out: Collector,
) -> _RowDraft:
    locs = {h: Loc(table.sheet, row_ref(table, h, row.number)) for h in table.headers}

    def text_of(header: str) -> tuple[RawCell | None, str | None]:
        cell = row.get(header)
        if cell is None or cell_error(table, cell, out):
            return cell, None
        return cell, cells.text(cell.value)

    _, kegiatan = text_of(KEGIATAN.key)
    if row.get(KEGIATAN.key) is None:
        out.error(locs[KEGIATAN.key], msg.value_empty(KEGIATAN.header))

    step_roles = _step_roles(
        row.get(STEP_ROLES.key), locs[STEP_ROLES.key], role_keys, roles, table, out
    )

    kind_ok = True
    typed_kind: Kind | None = None
    kind_cell, kind_text = text_of(JENIS.key)
    if kind_cell is not None and kind_text is not None and not cells.blank(kind_cell.value):
        typed_kind = KINDS(kind_text)
        if typed_kind is None:
            out.error(locs[JENIS.key], msg.kind_bad(kind_text, closest(kind_text, KINDS.keys)))
            kind_ok = False
    elif kind_cell is not None and kind_text is None:
        kind_ok = False

    refs_ok = True
    targets: dict[str, int | None] = {}
    for column in (JIKA_YA, JIKA_TIDAK):
        cell = row.get(column.key)
        targets[column.key] = None
        if cell is None or cells.blank(cell.value):
            continue
        if cell_error(table, cell, out):
            refs_ok = False
            continue
        target = cells.whole(cell.value)
        if target is None or target < 1:
            out.error(locs[column.key], msg.target_bad(column.header, cells.text(cell.value)))
            refs_ok = False
        targets[column.key] = target

    waktu = (_waktu(table, row.get(WAKTU.key), locs[WAKTU.key], work, out)
             if WAKTU.key in locs else Duration(0, "", is_none=True))
    labels = {c.attr: _exit_label(table, row.get(c.key), locs.get(c.key), out)
              for c in (LABEL_YA, LABEL_TIDAK)}
    texts = {}
    for column in _TEXTS:
        cell, text = text_of(column.key)
        texts[column.attr] = (
            "" if cell is None or text is None or cells.blank(cell.value) else text
        )
    return _RowDraft(
        no, no_loc, locs, kegiatan, step_roles, typed_kind, kind_ok,
        targets[JIKA_YA.key], targets[JIKA_TIDAK.key], refs_ok, waktu, texts, labels,
    )  # fmt: skip


def _exit_label(
    table: RawTable, cell: RawCell | None, loc: Loc | None, out: Collector
) -> str | None:
    """A decision's own word for an exit; `-` asks for none (""), empty for the default."""
    if cell is None or loc is None or cell_error(table, cell, out):
        return None
    text = " ".join(cells.text(cell.value).split())
    if text in cells.DASHES:
        return ""
    if len(text) > LABEL_MAX:
        out.error(loc, msg.label_too_long(text, LABEL_MAX))
        return None
    return text


def _step_roles(
    cell: RawCell | None,
    loc: Loc,
    role_keys: dict[str, int],
    roles: tuple[Role, ...],
    table: RawTable,
    out: Collector,
) -> tuple[int, ...] | None:
    if cell is None:
        out.error(loc, msg.value_empty(STEP_ROLES.header))
        return None
    if cell_error(table, cell, out):
        return None
    found: set[int] = set()
    ok = True
    parts = [p.strip() for p in cells.text(cell.value).split(";")]
    for part in (p for p in parts if p):
        index = role_keys.get(fold(part))
        if index is None:
            names = [r.name for r in roles] + [r.short for r in roles if r.short]
            out.error(loc, msg.role_unknown(part, closest(part, names)))
            ok = False
        else:
            found.add(index)
    if ok and not found:
        out.error(loc, msg.value_empty(STEP_ROLES.header))
        ok = False
    return tuple(sorted(found)) if ok else None


def _waktu(
    table: RawTable, cell: RawCell | None, loc: Loc, work: WorkTime, out: Collector
) -> Duration | None:
    if cell is None:
        out.warn(loc, msg.waktu_empty())
        return Duration(0, "", is_none=True)
    if cell_error(table, cell, out):
        return None
    value = cell.value
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        out.error(loc, msg.waktu_not_text(cells.text(value)))
        return None
    try:
        duration = parse_duration(value, work)
    except DurationError as err:
        out.error(loc, str(err))
        return None
    if duration.condition:
        out.warn(loc, msg.waktu_condition(duration.text))
    elif duration.is_none:
        out.warn(loc, msg.waktu_none())
    elif duration.minutes > LONG_STEP_DAYS * work.minutes_per_day:
        out.warn(loc, msg.waktu_long(duration.text, LONG_STEP_DAYS))
    return duration


def _warn_idle_roles(roles: tuple[Role, ...], drafts: list[_RowDraft], out: Collector) -> None:
    if any(d.roles is None for d in drafts):
        return  # an unknown role name may be the idle one, misspelt
    used = {i for d in drafts for i in (d.roles or ())}
    for i, role in enumerate(roles):
        if i not in used:
            out.warn(role.loc, msg.role_idle(role.name))


def _resolve_flow(
    table: RawTable, drafts: list[_RowDraft], work: WorkTime, out: Collector
) -> tuple[Step, ...] | None:
    n = len(drafts)
    kinds: list[Kind] = []
    for d in drafts:
        default = Kind.MULAI if d.no == 1 else Kind.SELESAI if d.no == n else Kind.PROSES
        kinds.append(d.typed_kind or default)
    flow_ok = all(d.kind_ok and d.refs_ok for d in drafts)
    yes: list[int | None] = []
    no: list[int | None] = []
    for d, kind in zip(drafts, kinds, strict=True):
        y, t = d.if_yes, d.if_no
        if kind is not Kind.KEPUTUSAN:
            for value, column in ((y, JIKA_YA), (t, JIKA_TIDAK)):
                if value is not None and d.kind_ok:
                    out.warn(d.locs[column.key], msg.target_ignored(kind.value))
            for column in (LABEL_YA, LABEL_TIDAK):
                if d.labels[column.attr] is not None and d.kind_ok:
                    out.warn(d.locs[column.key], msg.target_ignored(kind.value, column.header))
            yes.append(None)
            no.append(None)
            continue
        if y is None:
            y = d.no + 1
        for value, column in ((y, JIKA_YA), (t, JIKA_TIDAK)):
            loc = d.locs.get(column.key, Loc(table.sheet))
            if value is None:
                if d.refs_ok:  # else the typed target was reported as unreadable
                    out.error(loc, msg.decision_needs_no(d.no))
                flow_ok = False
            elif value == d.no and column is JIKA_YA:  # a Tidak to itself: repeat until Ya
                out.error(loc, msg.target_self(column.header))
                flow_ok = False
            elif value > n and (column is JIKA_TIDAK or d.if_yes is not None):
                out.error(loc, msg.target_missing(column.header, value, n))
                flow_ok = False
        if t is not None and y == t:
            out.warn(d.locs.get(JIKA_TIDAK.key, d.loc), msg.decision_same_targets(t))
        yes.append(y)
        no.append(t)
    last = drafts[-1]
    if kinds[-1] is Kind.KEPUTUSAN:
        out.error(last.locs.get(JENIS.key, last.loc), msg.last_is_decision())
        flow_ok = False
    elif kinds[-1] is not Kind.SELESAI:
        out.error(last.locs.get(JENIS.key, last.loc), msg.last_not_end(kinds[-1].value))
        flow_ok = False
    if not flow_ok or out.failed:
        return None
    steps = tuple(
        Step(
            no=d.no,
            kegiatan=d.kegiatan or "",
            roles=d.roles or (),
            kind=kind,
            waktu=d.waktu or Duration(0, "-", is_none=True),
            if_yes=y,
            if_no=t,
            loc=d.loc,
            locs=d.locs,
            **d.texts,
            **{attr: label for attr, label in d.labels.items() if label is not None},  # or Ya/Tidak
        )
        for d, kind, y, t in zip(drafts, kinds, yes, no, strict=True)
    )
    _check_reachability(steps, out)
    return None if out.failed else steps


def _check_reachability(steps: tuple[Step, ...], out: Collector) -> None:
    cycle = flow.main_path_cycle(steps)
    if cycle is not None:
        step = steps[cycle - 1]
        out.error(step.locs.get(JIKA_YA.key, step.loc), msg.main_path_cycles(step.if_yes or 0))
        return
    reached = flow.reachable_from(steps, 1)
    for step in steps:
        if step.no not in reached:
            out.error(step.loc, msg.step_unreachable(step.no))
    ends = flow.can_reach_end(steps)
    for step in steps:
        if step.no in reached and step.no not in ends:
            out.warn(step.loc, msg.step_no_end(step.no))
