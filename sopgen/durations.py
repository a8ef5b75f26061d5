"""Time standards from sheet Prosedur, column Waktu, as planners type them.

``parse_duration`` turns text such as ``15 menit``, ``1,5 jam``, ``1 jam 30 menit``,
``5-10 menit`` or ``1 s.d. 2 hari`` into whole *working* minutes; ``format_minutes`` goes
the other way. A day, week and month are working lengths (``WorkTime``), not calendar
ones. All arithmetic is done in ``Decimal`` and rounded half up once, at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import IntEnum
from typing import Final

__all__ = [
    "Duration",
    "DurationError",
    "WorkTime",
    "format_minutes",
    "msg_ambiguous_thousands",
    "msg_empty",
    "msg_looks_like_deadline",
    "msg_negative",
    "msg_reversed_range",
    "msg_unreadable",
    "parse_duration",
]


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class WorkTime:
    """Lengths of the working units, from sheet Pengaturan."""

    hours_per_day: Decimal = Decimal("7.5")
    days_per_week: int = 5
    days_per_month: int = 22

    def __post_init__(self) -> None:
        hours: object = self.hours_per_day
        if isinstance(hours, bool) or not isinstance(hours, Decimal | int | float):
            raise ValueError(f"Jam kerja per hari '{hours}' bukan angka.")
        if not isinstance(hours, Decimal):
            object.__setattr__(self, "hours_per_day", Decimal(str(hours)))
        h = self.hours_per_day
        if not h.is_finite() or not Decimal(0) < h <= Decimal(24):
            raise ValueError(
                f"Jam kerja per hari '{_number_text(h)}' harus lebih dari 0 dan paling banyak 24."
            )
        if self.minutes_per_day != self.minutes_per_day.to_integral_value():
            raise ValueError(
                f"Jam kerja per hari '{_number_text(h)}' harus genap dalam menit, "
                "misalnya 7,5 atau 8."
            )
        if isinstance(self.days_per_week, bool) or not 1 <= self.days_per_week <= 7:
            raise ValueError(
                f"Hari kerja per minggu '{self.days_per_week}' harus bilangan bulat 1 sampai 7."
            )
        if isinstance(self.days_per_month, bool) or not 1 <= self.days_per_month <= 31:
            raise ValueError(
                f"Hari kerja per bulan '{self.days_per_month}' harus bilangan bulat 1 sampai 31."
            )

    @property
    def minutes_per_day(self) -> Decimal:
        return self.hours_per_day * 60



# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class Duration:
    minutes: int  # whole working minutes
    text: str  # as typed (stripped; for a number input, formatted like '15' / '1,5')
    is_none: bool = False  # the '-' case


class DurationError(ValueError):
    """Carries an Indonesian sentence for the planner (str(err) is that sentence)."""


# --------------------------------------------------------------------------- messages
# They never name a cell: the caller prefixes e.g. "Prosedur!I7: ".

_EXAMPLES: Final = "'15 menit', '1,5 jam', '2 hari', '1 jam 30 menit' atau '5-10 menit'"
_UNITS: Final = "menit/mnt/min, jam/jm, hari/hari kerja/hk/hr, minggu/mg/pekan, bulan/bln"
_MAX_SHOWN: Final = 60


def _shown(text: str) -> str:
    """The typed text as quoted in a message, cut short if it is long."""
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def msg_empty() -> str:
    return (
        "Waktu kosong. Tulis lama waktu seperti '15 menit', atau '-' bila tidak ada standar waktu."
    )


def msg_unreadable(text: str) -> str:
    return (
        f"Waktu '{_shown(text)}' tidak dapat dibaca. Tulis lama waktu seperti {_EXAMPLES} "
        f"(satuan: {_UNITS}); tulis '-' bila tidak ada standar waktu."
    )


def msg_looks_like_deadline(text: str) -> str:
    return (
        f"Waktu '{_shown(text)}' berupa tenggat atau syarat, bukan lama waktu. Pindahkan ke "
        "kolom Keterangan, lalu isi Waktu dengan '-' atau lama waktu seperti '2 hari'."
    )


def msg_negative(text: str) -> str:
    return (
        f"Waktu '{_shown(text)}' tidak boleh negatif. Tulis lama waktu seperti '15 menit', "
        "atau '-' bila tidak ada standar waktu."
    )


def msg_reversed_range(text: str) -> str:
    return (
        f"Rentang waktu '{_shown(text)}' terbalik: batas bawah lebih besar dari batas atas. "
        "Tulis yang kecil dulu, misalnya '5-10 menit'."
    )


def msg_ambiguous_thousands(text: str, number: str) -> str:
    return (
        f"Angka '{number}' pada waktu '{_shown(text)}' bisa berarti ribuan atau pecahan. "
        f"Tulis tanpa titik ribuan (misalnya '{number.replace('.', '')}') "
        f"atau dengan koma desimal (misalnya '{_number_text(_to_decimal(number))}')."
    )


# --------------------------------------------------------------------------- grammar


class _Unit(IntEnum):
    """Units, ranked: in a compound they must come largest first, each at most once."""

    MENIT = 1
    JAM = 2
    HARI = 3
    MINGGU = 4
    BULAN = 5


_UNIT_WORDS: Final[dict[str, _Unit]] = {
    "menit": _Unit.MENIT,
    "mnt": _Unit.MENIT,
    "min": _Unit.MENIT,
    "jam": _Unit.JAM,
    "jm": _Unit.JAM,
    "hari kerja": _Unit.HARI,
    "hari": _Unit.HARI,
    "hk": _Unit.HARI,
    "hr": _Unit.HARI,
    "minggu": _Unit.MINGGU,
    "mg": _Unit.MINGGU,
    "pekan": _Unit.MINGGU,
    "bulan": _Unit.BULAN,
    "bln": _Unit.BULAN,
}

_DASHES: Final = "-–—−"  # hyphen-minus, en dash, em dash, minus sign
_NUMBER: Final = r"[0-9]+(?:[.,][0-9]+)?"
# Longest spellings first; an optional period after any unit ('mnt.', also '15 menit.').
_UNIT_RE: Final = "|".join(
    re.escape(w).replace(r"\ ", " ") for w in sorted(_UNIT_WORDS, key=len, reverse=True)
)
_PART: Final = re.compile(rf"(?P<num>{_NUMBER}) ?(?P<unit>{_UNIT_RE})\.?(?![a-z0-9])")
# Between parts of a compound: a space, ', ' or ' dan ' (also ', dan ').
_JOIN: Final = re.compile(r"(?: ?,)? (?:dan )?")
_BARE_NUMBER: Final = re.compile(_NUMBER)
_RANGE: Final = re.compile(
    rf"(?P<lo>.+?) ?(?:[{_DASHES}]|(?<![a-z])(?:s\.d\.?|s/d\.?|sd|sampai dengan|sampai|hingga)"
    rf"(?![a-z])) ?(?P<hi>.+)"
)
_NEGATIVE: Final = re.compile(rf"[{_DASHES}] ?[0-9]")
# A point followed by exactly three digits reads as an Indonesian thousands separator.
_THOUSANDS: Final = re.compile(r"(?<![0-9.,])[1-9][0-9]{0,2}\.[0-9]{3}(?![0-9.,])")
_DEADLINE: Final = re.compile(
    r"\b(?:paling lambat|selambat\w*|lambat\w*|tanggal|tgl|setiap|tiap|sebelum|sesudah|setelah"
    r"|pukul|batas waktu|tenggat|deadline)\b"
)

_Part = tuple[Decimal, _Unit]


def _to_decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "."))


def _parse_parts(text: str) -> list[_Part] | None:
    """A single duration or a compound, largest unit first; None if that is not what it is."""
    parts: list[_Part] = []
    pos = 0
    while True:
        m = _PART.match(text, pos)
        if m is None:
            return None
        unit = _UNIT_WORDS[m["unit"]]
        if parts and unit >= parts[-1][1]:
            return None  # repeated unit or small-to-large order: '30 menit 1 jam'
        parts.append((_to_decimal(m["num"]), unit))
        pos = m.end()
        if pos == len(text):
            return parts
        j = _JOIN.match(text, pos)
        if j is None:
            return None
        pos = j.end()


def _unit_minutes(unit: _Unit, work: WorkTime) -> Decimal:
    match unit:
        case _Unit.MENIT:
            return Decimal(1)
        case _Unit.JAM:
            return Decimal(60)
        case _Unit.HARI:
            return work.minutes_per_day
        case _Unit.MINGGU:
            return work.minutes_per_day * work.days_per_week
        case _Unit.BULAN:
            return work.minutes_per_day * work.days_per_month


def _exact_minutes(parts: list[_Part], work: WorkTime) -> Decimal:
    return sum((n * _unit_minutes(u, work) for n, u in parts), Decimal(0))


def _whole_minutes(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _number_text(value: Decimal) -> str:
    """'15', '1,5': plain notation, no trailing zeros, decimal comma."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f").replace(".", ",")


def _parse_text(text: str, work: WorkTime) -> Duration:
    norm = " ".join(text.lower().split())
    if not norm:
        raise DurationError(msg_empty())
    if len(norm) == 1 and norm in _DASHES:
        return Duration(minutes=0, text=text, is_none=True)

    thousands = _THOUSANDS.search(norm)
    if thousands is not None:
        raise DurationError(msg_ambiguous_thousands(text, thousands.group()))

    # Exact arithmetic: enough digits for any number in the text times a unit length.
    with localcontext() as ctx:
        ctx.prec = 2 * len(norm) + 100
        if _BARE_NUMBER.fullmatch(norm):
            return Duration(minutes=_whole_minutes(_to_decimal(norm)), text=text)

        parts = _parse_parts(norm)
        if parts is not None:
            return Duration(minutes=_whole_minutes(_exact_minutes(parts, work)), text=text)

        rng = _RANGE.fullmatch(norm)
        if rng is not None:
            hi_parts = _parse_parts(rng["hi"])
            lo_text = rng["lo"]
            lo_parts: list[_Part] | None
            if hi_parts is not None and _BARE_NUMBER.fullmatch(lo_text):
                # '5-10 menit': the lower bound borrows the upper bound's (single) unit.
                lo_parts = [(_to_decimal(lo_text), hi_parts[0][1])] if len(hi_parts) == 1 else None
            else:
                lo_parts = _parse_parts(lo_text)
            if hi_parts is not None and lo_parts is not None:
                lo, hi = _exact_minutes(lo_parts, work), _exact_minutes(hi_parts, work)
                if lo > hi:
                    raise DurationError(msg_reversed_range(text))
                return Duration(minutes=_whole_minutes(hi), text=text)

    if _NEGATIVE.match(norm):
        raise DurationError(msg_negative(text))
    if _DEADLINE.search(norm):
        raise DurationError(msg_looks_like_deadline(text))
    raise DurationError(msg_unreadable(text))


def _parse_number(value: Decimal, text: str) -> Duration:
    if not value.is_finite():
        raise DurationError(msg_unreadable(text))
    if value < 0:
        raise DurationError(msg_negative(text))
    return Duration(minutes=_whole_minutes(value), text=text)


# --------------------------------------------------------------------------- public


def parse_duration(
    value: str | int | float | Decimal, work: WorkTime = WorkTime()
) -> Duration:
    """Whole working minutes for a Waktu cell; a bare number is minutes.

    A range counts its upper bound (a time standard is a maximum). '-' alone is "no time
    standard": 0 minutes with ``is_none=True``. Raises ``DurationError`` otherwise.
    """
    if isinstance(value, str):
        return _parse_text(value.strip(), work)
    if isinstance(value, bool):  # a TRUE/FALSE cell; bool is an int to Python
        raise DurationError(msg_unreadable(str(value).upper()))
    if isinstance(value, int):
        return _parse_number(Decimal(value), str(value))
    if isinstance(value, float | Decimal):
        # repr() gives the float as shown (0.1, not its binary expansion); nan/inf stay so.
        number = value if isinstance(value, Decimal) else Decimal(repr(value))
        shown = _number_text(number) if number.is_finite() else str(value)
        with localcontext() as ctx:
            ctx.prec = max(28, len(number.as_tuple().digits) + 10)
            return _parse_number(number, shown)
    raise DurationError(msg_unreadable(str(value)))


def format_minutes(minutes: int, work: WorkTime = WorkTime()) -> str:
    """Indonesian text in hari/jam/menit with zero parts left out.

    55952 -> '124 hari 2 jam 32 menit' (at 450 min/day); 0 -> '0 menit'. Only hari, jam,
    menit are used (no minggu/bulan), so ``parse_duration`` reads the text back exactly.
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TypeError(f"minutes must be an int, not {type(minutes).__name__}")
    if minutes < 0:
        raise ValueError(f"Lama waktu {minutes} menit tidak boleh negatif.")
    per_day = int(work.minutes_per_day)  # whole by WorkTime's own check
    days, rest = divmod(minutes, per_day)
    hours, mins = divmod(rest, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "hari"), (hours, "jam"), (mins, "menit")) if n]
    return " ".join(parts) if parts else "0 menit"
