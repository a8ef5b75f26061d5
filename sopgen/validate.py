"""Raw workbook tables -> the validated `Sop`, and every problem found on the way.

Problems are collected, never raised: a planner fixes a whole list in one
sitting. A rule that cannot be checked because an earlier one failed is
skipped rather than reported twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from sopgen import flow
from sopgen import messages as msg
from sopgen.cellnotes import annotate
from sopgen.dates import DateError, MonthDate, format_date, parse_date
from sopgen.durations import Duration, DurationError, WorkTime, parse_duration
from sopgen.images import ImageError, check_image
from sopgen.model import (
    PROVISION_FIELDS,
    ClosingSignature,
    Holiday,
    Identity,
    Kind,
    Loc,
    Paper,
    Problem,
    Provisions,
    Role,
    Settings,
    Sop,
    Step,
)
from sopgen.text import closest, fold
from sopgen.workbook import CellError, CellValue, RawCell, RawRow, RawTable, RawWorkbook

T = TypeVar("T")

LONG_STEP_DAYS = 30
MAX_STEPS = 250  # a build of 250 steps takes about 6.5 s of CPU and 110 MB


@dataclass(frozen=True)
class Checked:
    """The outcome of validation: a model only when there is no error."""

    sop: Sop | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)

    def error(self, loc: Loc, text: str) -> None:
        self.problems.append(Problem(loc, text))

    def warn(self, loc: Loc, text: str) -> None:
        self.problems.append(Problem(loc, text, warning=True))

    @property
    def failed(self) -> bool:
        return any(not p.warning for p in self.problems)


def validate(raw: RawWorkbook) -> Checked:
    """Check every rule of the workbook contract and build the model."""
    out = _Collector()
    settings = _settings(raw, out)
    identity = _identity(raw, out)
    provisions = _provisions(raw, out)
    roles = _roles(raw, out)
    steps = _steps(raw, roles, settings.work, out) if roles is not None else None
    holidays = _holidays(raw, out)
    out.problems[:] = annotate(raw, out.problems)  # why a cell reads empty; unprintable text
    problems = _in_reading_order(out.problems)
    if identity is None or roles is None or steps is None or out.failed:
        return Checked(None, problems)
    sop = Sop(identity, provisions, roles, steps, settings, holidays, raw.path)
    return Checked(sop, problems)


def _in_reading_order(problems: list[Problem]) -> tuple[Problem, ...]:
    """Sheet by sheet as first met, then row by row: the order a planner fixes them."""
    sheets: dict[str, int] = {}
    for p in problems:
        sheets.setdefault(p.loc.sheet, len(sheets))

    def key(p: Problem) -> tuple[int, int, int, str]:
        m = re.fullmatch(r"([A-Z]+)(\d+)", p.loc.cell or "")
        if m is None:
            return (sheets[p.loc.sheet], 0, 0, "")
        return (sheets[p.loc.sheet], int(m.group(2)), len(m.group(1)), m.group(1))

    return tuple(sorted(problems, key=key))


# --- shared cell readers ---------------------------------------------------


def _loc(table: RawTable, cell: RawCell) -> Loc:
    return Loc(table.sheet, cell.ref)


def _as_text(value: CellValue) -> str:
    """Any cell value as the text a planner sees in Excel."""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value if isinstance(value, dt.date) else value.date())
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def _as_int(value: CellValue) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d{1,6}\.?", value.strip()):
        return int(value.strip().rstrip("."))  # "1." as some planners number
    return None


def _as_decimal(value: CellValue) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            return None
    return None


def _blank(value: CellValue | None) -> bool:
    """Empty, or the planner's `-` for 'none' in an optional field."""
    return value is None or (isinstance(value, str) and value.strip() in {"-", "–", "—"})


def _cell_error(table: RawTable, cell: RawCell, out: _Collector) -> bool:
    if isinstance(cell.value, CellError):
        out.error(_loc(table, cell), msg.cell_formula_error(str(cell.value)))
        return True
    return False


def _require_table(raw: RawWorkbook, name: str, out: _Collector) -> RawTable | None:
    table = raw.table(name)
    if table is None:
        out.error(Loc(name), msg.sheet_missing(name, _near(name, raw)))
    return table


def _near(name: str, raw: RawWorkbook) -> str | None:
    return closest(name, [t.sheet for t in raw.sheets.values()])


def _require_columns(table: RawTable, names: Iterable[str], out: _Collector) -> bool:
    ok = True
    for dup in table.duplicate_headers:
        out.error(_loc(table, dup), msg.column_duplicate(_as_text(dup.value)))
        ok = False
    for name in names:
        if fold(name) not in table.headers:
            near = closest(name, [_as_text(h.value) for h in table.headers.values()])
            out.error(Loc(table.sheet), msg.column_missing(name, table.sheet, near))
            ok = False
    return ok


# --- key/value sheets: Identitas and Pengaturan ---------------------------


@dataclass(frozen=True)
class _Field:
    label: Loc
    value: RawCell | None  # None: the row exists, its Nilai is empty
    text: str = ""  # the label as typed


def _key_values(table: RawTable, out: _Collector) -> dict[str, _Field] | None:
    if not _require_columns(table, ("Isian", "Nilai"), out):
        return None
    fields: dict[str, _Field] = {}
    for row in table.rows:
        label = row.get("isian")
        if label is None:
            continue
        key = fold(_as_text(label.value))
        if key in fields:
            out.error(_loc(table, label), msg.row_duplicate(_as_text(label.value)))
            continue
        value = row.get("nilai")
        fields[key] = _Field(_loc(table, label), value, _as_text(label.value))
    return fields


def _value_loc(table: RawTable, f: _Field) -> Loc:
    if f.value is not None:
        return _loc(table, f.value)
    assert f.label.cell is not None
    row = re.sub(r"^[A-Z]+", "", f.label.cell)
    column = table.headers["nilai"].ref.rstrip("0123456789")
    return Loc(table.sheet, f"{column}{row}")


class _Reader:
    """Reads the labelled rows of one key/value sheet, reporting at the right cells."""

    def __init__(self, table: RawTable, fields: dict[str, _Field], out: _Collector):
        self.table, self.fields, self.out = table, fields, out
        self.locs: dict[str, Loc] = {}

    def get(
        self, label: str, attr: str, parse: Callable[[CellValue], T | None], bad: str,
        *, required: bool,
    ) -> T | None:
        f = self.fields.get(fold(label))
        if f is None:
            if required:
                near = closest(
                    label, [f.text for k, f in self.fields.items() if k not in _KNOWN_LABELS]
                )
                self.out.error(Loc(self.table.sheet), msg.row_missing(label, near))
            return None
        loc = _value_loc(self.table, f)
        self.locs[attr] = loc
        if f.value is None or _blank(f.value.value):
            if required:
                self.out.error(loc, msg.value_empty(label))
            return None
        if _cell_error(self.table, f.value, self.out):
            return None
        result = parse(f.value.value)
        if result is None:
            self.out.error(loc, bad)
        return result


def _parse_text(value: CellValue) -> str | None:
    return _as_text(value)


def _parse_date(value: CellValue) -> dt.date | None:
    try:
        return parse_date(value)
    except DateError:
        return None


_IDENTITY_TEXT = (
    ("Instansi", "instansi", False),
    ("Satuan Kerja", "satuan_kerja", True),
    ("Nomor SOP", "nomor", True),
    ("Nama SOP", "nama", True),
    ("Disahkan Oleh", "disahkan_oleh", True),
    ("Nama Pengesah", "nama_pengesah", True),
    ("Pangkat Pengesah", "pangkat", False),
    ("Tempat", "tempat", False),
)
_IDENTITY_DATES = (
    ("Tanggal Pembuatan", "tanggal_pembuatan", True),
    ("Tanggal Revisi", "tanggal_revisi", False),
    ("Tanggal Efektif", "tanggal_efektif", True),
)
_SETTING_LABELS = (
    "Ukuran Kertas", "Orientasi", "Jam Kerja per Hari", "Hari Kerja per Minggu",
    "Hari Kerja per Bulan", "Jam Masuk", "Maks Langkah per Halaman", "Tanggal Mulai",
    "Tanda Tangan Penutup",
)  # fmt: skip
_KNOWN_LABELS = {
    fold(label)
    for label in (
        *(t[0] for t in _IDENTITY_TEXT),
        *(t[0] for t in _IDENTITY_DATES),
        "NIP Pengesah", "Logo", *_SETTING_LABELS,
    )
}  # fmt: skip


def _identity(raw: RawWorkbook, out: _Collector) -> Identity | None:
    table = _require_table(raw, "Identitas", out)
    if table is None:
        return None
    fields = _key_values(table, out)
    if fields is None:
        return None
    read = _Reader(table, fields, out)
    values: dict[str, object] = {}
    for label, attr, required in _IDENTITY_TEXT:
        values[attr] = read.get(label, attr, _parse_text, "", required=required)
    for label, attr, required in _IDENTITY_DATES:
        values[attr] = read.get(label, attr, _parse_date, msg.bad_date(label), required=required)
    values["nip"] = _nip(table, fields, read, out)
    values["logo"] = _logo(table, fields, read, raw.path, out)
    made, revised = values["tanggal_pembuatan"], values["tanggal_revisi"]
    effective = values["tanggal_efektif"]
    if isinstance(made, dt.date) and isinstance(revised, dt.date) and _before(revised, made):
        out.error(read.locs["tanggal_revisi"], msg.revision_before_made(format_date(made)))
    if isinstance(made, dt.date) and isinstance(effective, dt.date) and _before(effective, made):
        out.warn(read.locs["tanggal_efektif"], msg.effective_before_made(format_date(made)))
    if any(values[attr] is None for _, attr, required in _IDENTITY_TEXT if required) or any(
        values[attr] is None for _, attr, required in _IDENTITY_DATES if required
    ):
        return None
    return Identity(locs=read.locs, **values)  # type: ignore[arg-type]


def _before(a: dt.date, b: dt.date) -> bool:
    """`a` earlier than `b`; a month-only date is earlier only in an earlier month."""
    if isinstance(a, MonthDate) or isinstance(b, MonthDate):
        return (a.year, a.month) < (b.year, b.month)
    return a < b


_NIP_DIGITS = re.compile(r"\d{18}")


def _nip(
    table: RawTable, fields: dict[str, _Field], read: _Reader, out: _Collector
) -> str | None:
    f = fields.get(fold("NIP Pengesah"))
    if f is None or f.value is None or _blank(f.value.value):
        return None
    loc = _value_loc(table, f)
    read.locs["nip"] = loc
    value = f.value.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        out.error(loc, msg.nip_as_number())
        return None
    if _cell_error(table, f.value, out):
        return None
    text = re.sub(r"[\s.\-]", "", _as_text(value))
    if text.upper().startswith("NIP"):
        text = text[3:].lstrip(":")
    problem = nip_problem(text)
    if problem is not None:
        out.error(loc, problem)
        return None
    return text


def nip_problem(digits: str) -> str | None:
    """Why an 18-character NIP is not a valid NIP, or None when it is."""
    if not _NIP_DIGITS.fullmatch(digits):
        return msg.nip_length(len(re.sub(r"\D", "", digits)))
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return msg.nip_birth_date(digits[:8])
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < 1900:
        return msg.nip_appointment(digits[8:14])
    if (year, month) <= (born.year, born.month):
        return msg.nip_appointment_before_birth(digits[8:14], digits[:8])
    if digits[14] not in "12":
        return msg.nip_gender(digits[14])
    return None


def _logo(
    table: RawTable, fields: dict[str, _Field], read: _Reader, workbook: Path, out: _Collector
) -> Path | None:
    f = fields.get(fold("Logo"))
    if f is None or f.value is None or _blank(f.value.value):
        return None
    loc = _value_loc(table, f)
    read.locs["logo"] = loc
    if _cell_error(table, f.value, out):
        return None
    name = _as_text(f.value.value)
    folder = workbook.resolve().parent
    try:
        path = (folder / name).resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        out.error(loc, msg.logo_unreadable(name, msg.image_path_unusable()))
        return None
    if not path.is_relative_to(folder):
        out.error(loc, msg.logo_outside(name))
        return None
    try:
        check_image(path)
    except ImageError as err:
        out.error(loc, msg.logo_unreadable(name, str(err)))
        return None
    return path


def _settings(raw: RawWorkbook, out: _Collector) -> Settings:
    table = raw.table("Pengaturan")
    if table is None:
        return Settings()
    fields = _key_values(table, out)
    if fields is None:
        return Settings()
    read = _Reader(table, fields, out)
    default = Settings()
    paper = read.get("Ukuran Kertas", "paper", _parse_paper, msg.bad_paper(), required=False)
    landscape = read.get(
        "Orientasi", "landscape", _parse_orientation, msg.bad_orientation(), required=False
    )
    hours = read.get(
        "Jam Kerja per Hari", "hours_per_day", _parse_hours, msg.bad_hours(), required=False
    )
    week = read.get(
        "Hari Kerja per Minggu", "days_per_week", _parse_week, msg.bad_week(), required=False
    )
    month = read.get(
        "Hari Kerja per Bulan", "days_per_month", _parse_month, msg.bad_month(), required=False
    )
    start = read.get("Jam Masuk", "day_start", _parse_clock, msg.bad_clock(), required=False)
    cap = read.get(
        "Maks Langkah per Halaman", "max_steps_per_page", _parse_cap, msg.bad_cap(),
        required=False,
    )
    start_date = read.get(
        "Tanggal Mulai", "start_date", _parse_date, msg.bad_date("Tanggal Mulai"), required=False
    )
    closing = read.get("Tanda Tangan Penutup", "closing_signature", _parse_closing,
                       msg.bad_closing_signature(), required=False)
    work = WorkTime(
        hours_per_day=hours if hours is not None else default.work.hours_per_day,
        days_per_week=week if week is not None else default.work.days_per_week,
        days_per_month=month if month is not None else default.work.days_per_month,
    )
    return Settings(
        paper=paper if paper is not None else default.paper,
        landscape=landscape if landscape is not None else default.landscape,
        work=work,
        day_start=start if start is not None else default.day_start,
        max_steps_per_page=cap,
        start_date=start_date,
        closing_signature=closing if closing is not None else default.closing_signature,
        locs=read.locs,
    )


def _parse_closing(value: CellValue) -> ClosingSignature | None:
    key = fold(_as_text(value))
    return next((c for c in ClosingSignature if fold(c.value) == key), None)


def _parse_paper(value: CellValue) -> Paper | None:
    key = fold(_as_text(value)).replace(" ", "")
    return next((p for p in Paper if p.value.casefold() == key), None)


def _parse_orientation(value: CellValue) -> bool | None:
    return {"lanskap": True, "landscape": True, "potret": False, "portrait": False}.get(
        fold(_as_text(value))
    )


def _parse_hours(value: CellValue) -> Decimal | None:
    text = re.sub(r"\s*jam$", "", _as_text(value).strip(), flags=re.IGNORECASE)
    hours = _as_decimal(text)
    if hours is None or not 0 < hours <= 24 or (hours * 60) % 1:
        return None  # a working day is a whole number of minutes
    return hours


def _parse_week(value: CellValue) -> int | None:
    days = _as_int(value)
    return days if days in (5, 6) else None


def _parse_month(value: CellValue) -> int | None:
    days = _as_int(value)
    return days if days is not None and 1 <= days <= 31 else None


def _parse_cap(value: CellValue) -> int | None:
    cap = _as_int(value)
    return cap if cap is not None and 1 <= cap <= 1000 else None


def _parse_clock(value: CellValue) -> dt.time | None:
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, float) and 0 <= value < 1:  # Excel's fraction of a day
        seconds = min(round(value * 86400), 86399)  # 23:59:59.9 is still 23:59
        return dt.time(seconds // 3600, seconds // 60 % 60)
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", _as_text(value).strip())
    if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
        return dt.time(int(m.group(1)), int(m.group(2)))
    return None


# --- Ketentuan, Pelaksana, Libur -------------------------------------------

_LEADING_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)](?!\d)\s*")  # not '1.000 lembar'


def _provisions(raw: RawWorkbook, out: _Collector) -> Provisions:
    table = _require_table(raw, "Ketentuan", out)
    if table is None:
        return Provisions()
    titles = [title for _, title in PROVISION_FIELDS]
    _require_columns(table, titles, out)
    lists: dict[str, list[str]] = {name: [] for name, _ in PROVISION_FIELDS}
    for row in table.rows:
        for name, title in PROVISION_FIELDS:
            cell = row.get(fold(title))
            if cell is None or _blank(cell.value) or _cell_error(table, cell, out):
                continue
            item = _LEADING_NUMBER.sub("", _as_text(cell.value)).strip()
            if item:
                lists[name].append(item)
    return Provisions(**{name: tuple(items) for name, items in lists.items()})


def _roles(raw: RawWorkbook, out: _Collector) -> tuple[Role, ...] | None:
    table = _require_table(raw, "Pelaksana", out)
    if table is None or not _require_columns(table, ("Pelaksana",), out):
        return None
    roles: list[Role] = []
    seen: dict[str, Loc] = {}
    for row in table.rows:
        name_cell = row.get("pelaksana")
        short_cell = row.get("singkatan")
        if name_cell is None:
            if short_cell is not None and not _blank(short_cell.value):
                out.error(Loc(table.sheet, _sibling(table, short_cell, "pelaksana")),
                          msg.role_name_empty())
            continue
        if _cell_error(table, name_cell, out):
            continue
        name = _as_text(name_cell.value)
        short = None
        if (
            short_cell is not None
            and not _blank(short_cell.value)
            and not _cell_error(table, short_cell, out)
        ):
            short = _as_text(short_cell.value)
        loc = _loc(table, name_cell)
        clashes: set[str] = set()
        for part, text, cell in (("name", name, name_cell), ("short", short, short_cell)):
            if text is None or cell is None:
                continue
            key = fold(text)
            if part == "short" and key == fold(name):
                continue  # an abbreviation equal to its own name is no clash
            if key in seen:
                out.error(_loc(table, cell), msg.role_duplicate(text, str(seen[key])))
                clashes.add(part)
            else:
                seen[key] = _loc(table, cell)
        if "name" not in clashes:  # a clashing abbreviation alone keeps the role by its name
            kept = None if "short" in clashes else short
            short_loc = _loc(table, short_cell) if kept is not None and short_cell else None
            roles.append(Role(name, kept, loc, short_loc))
    if not roles:
        if not any(p.loc.sheet == table.sheet and not p.warning for p in out.problems):
            out.error(Loc(table.sheet), msg.no_roles())
        return None  # steps cannot name a role yet; say so once, not at every step
    return tuple(roles)


def _sibling(table: RawTable, cell: RawCell, header: str) -> str:
    row = re.sub(r"^[A-Z]+", "", cell.ref)
    return table.headers[header].ref.rstrip("0123456789") + row


def _holidays(raw: RawWorkbook, out: _Collector) -> tuple[Holiday, ...]:
    table = raw.table("Libur")
    if table is None or not _require_columns(table, ("Tanggal",), out):
        return ()
    days: list[Holiday] = []
    for row in table.rows:
        cell = row.get("tanggal")
        note = row.get("keterangan")
        if cell is None:
            if note is not None:
                out.error(Loc(table.sheet, _sibling(table, note, "tanggal")),
                          msg.value_empty("Tanggal"))
            continue
        if _cell_error(table, cell, out):
            continue
        day = _parse_date(cell.value)
        if day is None:
            out.error(_loc(table, cell), msg.bad_date("Tanggal"))
            continue
        days.append(Holiday(day, _as_text(note.value) if note else "", _loc(table, cell)))
    return tuple(days)


# --- Prosedur ----------------------------------------------------------------

_KINDS = {fold(k.value): k for k in Kind}


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
    texts: dict[str, str]
    labels: dict[str, str | None]  # "label ya"/"label tidak": None when not typed


def _steps(
    raw: RawWorkbook, roles: tuple[Role, ...], work: WorkTime, out: _Collector
) -> tuple[Step, ...] | None:
    table = _require_table(raw, "Prosedur", out)
    if table is None or not _require_columns(table, ("No", "Kegiatan", "Pelaksana"), out):
        return None
    if len(table.rows) > MAX_STEPS:  # before reading them: a build's time grows with steps
        out.error(Loc(table.sheet), msg.too_many_steps(len(table.rows), MAX_STEPS))
        return None
    if "waktu" not in table.headers:  # v1.1: no time standards at all, said once
        near = closest("Waktu", [_as_text(h.value) for h in table.headers.values()])
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
        no_cell = row.get("no")
        no_loc = Loc(table.sheet, no_cell.ref if no_cell else _row_ref(table, "no", row.number))
        number = _as_int(no_cell.value) if no_cell is not None else None
        if no_cell is None:
            out.error(no_loc, msg.step_no_empty(expected + loose))
            numbers_ok = False
            loose += 1
        elif _cell_error(table, no_cell, out):
            numbers_ok = False
            loose += 1
        elif number is None or number < 1:
            out.error(no_loc, msg.step_no_bad(_as_text(no_cell.value), expected + loose))
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


def _row_ref(table: RawTable, header: str, row: int) -> str:
    return table.headers[header].ref.rstrip("0123456789") + str(row)


def _draft(
    table: RawTable,
    row: RawRow,
    no: int,
    no_loc: Loc,
    role_keys: dict[str, int],
    roles: tuple[Role, ...],
    work: WorkTime,
    out: _Collector,
) -> _RowDraft:
    locs = {h: Loc(table.sheet, _row_ref(table, h, row.number)) for h in table.headers}

    def text_of(header: str) -> tuple[RawCell | None, str | None]:
        cell = row.get(header)
        if cell is None or _cell_error(table, cell, out):
            return cell, None
        return cell, _as_text(cell.value)

    _, kegiatan = text_of("kegiatan")
    if row.get("kegiatan") is None:
        out.error(locs["kegiatan"], msg.value_empty("Kegiatan"))

    step_roles = _step_roles(row.get("pelaksana"), locs["pelaksana"], role_keys, roles, table, out)

    kind_ok = True
    typed_kind: Kind | None = None
    kind_cell, kind_text = text_of("jenis")
    if kind_cell is not None and kind_text is not None and not _blank(kind_cell.value):
        typed_kind = _KINDS.get(fold(kind_text))
        if typed_kind is None:
            out.error(locs["jenis"], msg.kind_bad(kind_text, closest(kind_text, _KINDS)))
            kind_ok = False
    elif kind_cell is not None and kind_text is None:
        kind_ok = False

    refs_ok = True
    targets: dict[str, int | None] = {}
    for header, label in (("jika ya", "Jika Ya"), ("jika tidak", "Jika Tidak")):
        cell = row.get(header)
        targets[header] = None
        if cell is None or _blank(cell.value):
            continue
        if _cell_error(table, cell, out):
            refs_ok = False
            continue
        target = _as_int(cell.value)
        if target is None or target < 1:
            out.error(locs[header], msg.target_bad(label, _as_text(cell.value)))
            refs_ok = False
        targets[header] = target

    waktu = (_waktu(table, row.get("waktu"), locs["waktu"], work, out) if "waktu" in locs
             else Duration(0, "", is_none=True))
    labels = {header: _exit_label(table, row.get(header), locs.get(header), out)
              for header in ("label ya", "label tidak")}
    texts = {}
    for header in ("kelengkapan", "output", "keterangan"):
        cell, text = text_of(header)
        texts[header] = "" if cell is None or text is None or _blank(cell.value) else text
    return _RowDraft(
        no, no_loc, locs, kegiatan, step_roles, typed_kind, kind_ok,
        targets["jika ya"], targets["jika tidak"], refs_ok, waktu, texts, labels,
    )  # fmt: skip


LABEL_MAX = 20  # characters: a label stands beside a diamond's exit


def _exit_label(
    table: RawTable, cell: RawCell | None, loc: Loc | None, out: _Collector
) -> str | None:
    """A decision's own word for an exit; `-` asks for none (""), empty for the default."""
    if cell is None or loc is None or _cell_error(table, cell, out):
        return None
    text = " ".join(_as_text(cell.value).split())
    if text in {"-", "–", "—"}:
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
    out: _Collector,
) -> tuple[int, ...] | None:
    if cell is None:
        out.error(loc, msg.value_empty("Pelaksana"))
        return None
    if _cell_error(table, cell, out):
        return None
    found: set[int] = set()
    ok = True
    parts = [p.strip() for p in _as_text(cell.value).split(";")]
    for part in (p for p in parts if p):
        index = role_keys.get(fold(part))
        if index is None:
            names = [r.name for r in roles] + [r.short for r in roles if r.short]
            out.error(loc, msg.role_unknown(part, closest(part, names)))
            ok = False
        else:
            found.add(index)
    if ok and not found:
        out.error(loc, msg.value_empty("Pelaksana"))
        ok = False
    return tuple(sorted(found)) if ok else None


def _waktu(
    table: RawTable, cell: RawCell | None, loc: Loc, work: WorkTime, out: _Collector
) -> Duration | None:
    if cell is None:
        out.warn(loc, msg.waktu_empty())
        return Duration(0, "", is_none=True)
    if _cell_error(table, cell, out):
        return None
    value = cell.value
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        out.error(loc, msg.waktu_not_text(_as_text(value)))
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


def _warn_idle_roles(roles: tuple[Role, ...], drafts: list[_RowDraft], out: _Collector) -> None:
    if any(d.roles is None for d in drafts):
        return  # an unknown role name may be the idle one, misspelt
    used = {i for d in drafts for i in (d.roles or ())}
    for i, role in enumerate(roles):
        if i not in used:
            out.warn(role.loc, msg.role_idle(role.name))


def _resolve_flow(
    table: RawTable, drafts: list[_RowDraft], work: WorkTime, out: _Collector
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
            for value, header in ((y, "jika ya"), (t, "jika tidak")):
                if value is not None and d.kind_ok:
                    out.warn(d.locs[header], msg.target_ignored(kind.value))
            for header, column in (("label ya", "Label Ya"), ("label tidak", "Label Tidak")):
                if d.labels[header] is not None and d.kind_ok:
                    out.warn(d.locs[header], msg.target_ignored(kind.value, column))
            yes.append(None)
            no.append(None)
            continue
        if y is None:
            y = d.no + 1
        for value, header, label in ((y, "jika ya", "Jika Ya"), (t, "jika tidak", "Jika Tidak")):
            loc = d.locs.get(header, Loc(table.sheet))
            if value is None:
                if d.refs_ok:  # else the typed target was reported as unreadable
                    out.error(loc if header in d.locs else Loc(table.sheet),
                              msg.decision_needs_no(d.no))
                flow_ok = False
            elif value == d.no and header == "jika ya":  # a Tidak to itself: repeat until Ya
                out.error(loc, msg.target_self(label))
                flow_ok = False
            elif value > n and (header == "jika tidak" or d.if_yes is not None):
                out.error(loc, msg.target_missing(label, value, n))
                flow_ok = False
        if t is not None and y == t:
            out.warn(d.locs.get("jika tidak", d.loc), msg.decision_same_targets(t))
        yes.append(y)
        no.append(t)
    last = drafts[-1]
    if kinds[-1] is Kind.KEPUTUSAN:
        out.error(last.locs.get("jenis", last.loc), msg.last_is_decision())
        flow_ok = False
    elif kinds[-1] is not Kind.SELESAI:
        out.error(last.locs.get("jenis", last.loc), msg.last_not_end(kinds[-1].value))
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
            label_yes=_or(d.labels["label ya"], "Ya"),
            label_no=_or(d.labels["label tidak"], "Tidak"),
            kelengkapan=d.texts["kelengkapan"],
            output=d.texts["output"],
            keterangan=d.texts["keterangan"],
            loc=d.loc,
            locs=d.locs,
        )
        for d, kind, y, t in zip(drafts, kinds, yes, no, strict=True)
    )
    _check_reachability(steps, out)
    return None if out.failed else steps


def _or(value: str | None, default: str) -> str:
    return default if value is None else value


def _check_reachability(steps: tuple[Step, ...], out: _Collector) -> None:
    cycle = flow.main_path_cycle(steps)
    if cycle is not None:
        step = steps[cycle - 1]
        out.error(step.locs.get("jika ya", step.loc), msg.main_path_cycles(step.if_yes or 0))
        return
    reached = flow.reachable_from(steps, 1)
    for step in steps:
        if step.no not in reached:
            out.error(step.loc, msg.step_unreachable(step.no))
    ends = flow.can_reach_end(steps)
    for step in steps:
        if step.no in reached and step.no not in ends:
            out.warn(step.loc, msg.step_no_end(step.no))
