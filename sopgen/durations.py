"""Time standards from sheet Prosedur, column Waktu, as planners type them.

``parse_duration`` turns text such as ``15 menit``, ``1,5 jam``, ``1 jam 30 menit``,
``5-10 menit``, ``1 s.d. 2 hari``, ``maks. 2 hari``, ``setengah hari`` or ``1 x 24 jam``
into whole *working* minutes;
``format_minutes`` goes the other way. A day, week and month are working lengths
(``WorkTime``), not calendar ones. All arithmetic is done exactly in ``Decimal``, in
seconds, and rounded half up to whole minutes once, at the end.

Text that does not start with a number (``Sesuai kebutuhan``, ``Setiap saat``) is a
written condition: no time standard, kept as typed. Text that starts with a number but
is no duration is an error, since that is a typo far more often than a condition.

The sentences a planner reads live in ``sopgen.messages`` (section ``durations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import IntEnum
from typing import Final

from sopgen import messages as msg
from sopgen.text import closest

__all__ = [
    "MAX_INTEGER_DIGITS",
    "MAX_YEARS",
    "Duration",
    "DurationError",
    "WorkTime",
    "format_minutes",
    "parse_duration",
]

# Plausibility bounds: a time standard of more than 100 working years, or any number with
# more than 9 digits before the decimal mark, is a typing slip (and keeps every number
# small enough to print).
MAX_YEARS: Final = 100
MAX_INTEGER_DIGITS: Final = 9
_TOO_BIG: Final = Decimal(10) ** MAX_INTEGER_DIGITS


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
            raise ValueError(msg.duration_hours_not_number(str(hours)))
        if isinstance(hours, int):
            object.__setattr__(self, "hours_per_day", Decimal(hours))
        elif isinstance(hours, float):
            object.__setattr__(self, "hours_per_day", Decimal(repr(hours)))
        h = self.hours_per_day
        if not h.is_finite() or not Decimal(0) < h <= Decimal(24):
            raise ValueError(msg.duration_hours_out_of_range(_number_shown(h)))
        if self.minutes_per_day != self.minutes_per_day.to_integral_value():
            raise ValueError(msg.duration_hours_not_whole_minutes(_number_shown(h)))
        if not _is_int_between(self.days_per_week, 1, 7):
            raise ValueError(msg.duration_days_per_week_bad(_setting_shown(self.days_per_week)))
        if not _is_int_between(self.days_per_month, 1, 31):
            raise ValueError(msg.duration_days_per_month_bad(_setting_shown(self.days_per_month)))

    @property
    def minutes_per_day(self) -> Decimal:
        return self.hours_per_day * 60

    @property
    def max_minutes(self) -> int:
        """The longest plausible time standard: ``MAX_YEARS`` working years."""
        return int(MAX_YEARS * 12 * self.days_per_month * self.minutes_per_day)


def _is_int_between(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _setting_shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return _int_shown(value)
    return str(value)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class Duration:
    minutes: int  # whole working minutes
    text: str  # as typed (stripped; for a number input, formatted like '15' / '1,5')
    is_none: bool = False  # no time standard: '-', an empty cell or a written condition
    condition: bool = False  # a written condition such as 'Sesuai kebutuhan'


class DurationError(ValueError):
    """Carries an Indonesian sentence for the planner (str(err) is that sentence)."""


# --------------------------------------------------------------------------- grammar


class _Unit(IntEnum):
    """Units, ranked: in a compound they must come largest first, each at most once."""

    DETIK = 1
    MENIT = 2
    JAM = 3
    HARI = 4
    MINGGU = 5
    BULAN = 6


_UNIT_WORDS: Final[dict[str, _Unit]] = {
    "detik": _Unit.DETIK,
    "dtk": _Unit.DETIK,
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
# One optional leading qualifier ('at most', 'about'): it does not change the length.
# Words need a space after them; a symbol or an abbreviation with a period need not.
_QUALIFIER: Final = re.compile(
    r"(?:maksimal|maksimum|maks|paling lama|selama|kurang lebih|lebih kurang|sekitar) "
    r"|(?:maks\.|kl\.|±|\+/-|\+-) ?"
)
_NEGATIVE: Final = re.compile(rf"[{_DASHES}] ?[0-9]")
# What makes a text a (mistyped) duration rather than a written condition: a digit first,
# perhaps after a sign or a decimal mark.
_NUMERIC_START: Final = re.compile(rf"[{_DASHES}+±,.]* ?[0-9]")
# Numbers written as words, as planners do: 'dua hari', 'setengah jam', 'sehari'.
_NUMBER_WORDS: Final = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10,
}  # fmt: skip
_WORD_NUMBER: Final = re.compile(
    r"(?<![a-z0-9])(?:(?P<n>" + "|".join(_NUMBER_WORDS) + r")(?P<half> setengah)?"
    r"|(?P<only_half>setengah))(?![a-z0-9])"
)
_SE_UNIT: Final = re.compile(r"(?<![a-z0-9])se(hari|jam|minggu|pekan|bulan)(?![a-z0-9])")
# The service-standard '1 x 24 jam': that many days.
_TIMES_24: Final = re.compile(
    r"(?<![0-9.,])([0-9]+(?:[.,][0-9]+)?) ?[x×] ?24 ?(?:jam|jm)\.?(?![a-z])"
)
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


def _unit_seconds(unit: _Unit, work: WorkTime) -> Decimal:
    match unit:
        case _Unit.DETIK:
            return Decimal(1)
        case _Unit.MENIT:
            return Decimal(60)
        case _Unit.JAM:
            return Decimal(3600)
        case _Unit.HARI:
            return work.minutes_per_day * 60
        case _Unit.MINGGU:
            return work.minutes_per_day * 60 * work.days_per_week
        case _Unit.BULAN:
            return work.minutes_per_day * 60 * work.days_per_month


def _exact_seconds(parts: list[_Part], work: WorkTime) -> Decimal:
    return sum((n * _unit_seconds(u, work) for n, u in parts), Decimal(0))


def _minutes_from_seconds(seconds: Decimal) -> int:
    """Whole minutes, half up (30 detik = 1 menit), without an inexact division by 60."""
    whole, rest = divmod(seconds, 60)
    return int(whole) + (1 if 2 * rest >= 60 else 0)


def _whole_minutes(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _number_text(value: Decimal) -> str:
    """'15', '1,5': plain notation, no trailing zeros, decimal comma."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f").replace(".", ",")


def _number_shown(value: Decimal) -> str:
    """As ``_number_text``, but a number far from 1 in scientific notation ('1,000E+30')."""
    if not value.is_finite():
        return str(value)
    if value == 0 or -20 <= value.adjusted() < 20:
        return _number_text(value)
    return f"{value:.3E}".replace(".", ",")


def _int_shown(value: int) -> str:
    """str(value), unless it is too long for Python to print (its 4300-digit limit)."""
    if value.bit_length() < 10_000:  # about 3000 digits
        return str(value)
    at_least = int((value.bit_length() - 1) * 0.30102) + 1  # a safe lower bound
    return msg.duration_huge_number(value < 0, at_least - 1)


def _digits_for_words(norm: str) -> str:
    """'dua setengah jam' -> '2,5 jam', 'sehari' -> '1 hari', '2 x 24 jam' -> '2 hari'."""
    def number(m: re.Match[str]) -> str:
        if m["only_half"]:
            return "0,5"
        return f"{_NUMBER_WORDS[m['n']]}{',5' if m['half'] else ''}"

    norm = _WORD_NUMBER.sub(number, norm)
    norm = _SE_UNIT.sub(r"1 \1", norm)
    return _TIMES_24.sub(r"\1 hari", norm)


def _parse_text(text: str, work: WorkTime) -> Duration:
    norm = " ".join(text.lower().split())
    if not norm:
        return Duration(minutes=0, text=text, is_none=True)
    if all(ch in _DASHES or ch == " " for ch in norm):  # '-', also '- -': none
        return Duration(minutes=0, text=text, is_none=True)
    norm = _digits_for_words(norm)
    qualifier = _QUALIFIER.match(norm)
    body = norm[qualifier.end() :] if qualifier is not None else norm
    if not _NUMERIC_START.match(body):
        return Duration(minutes=0, text=text, is_none=True, condition=True)

    thousands = _THOUSANDS.search(norm)
    if thousands is not None:
        number = thousands.group()
        raise DurationError(
            msg.duration_ambiguous_thousands(text, number, _number_text(_to_decimal(number)))
        )
    if any(_to_decimal(n.group()) >= _TOO_BIG for n in _BARE_NUMBER.finditer(norm)):
        raise DurationError(msg.duration_too_large(text, MAX_YEARS, MAX_INTEGER_DIGITS))

    # Exact arithmetic: every number has at most 9 integer digits, so this is plenty.
    with localcontext() as ctx:
        ctx.prec = 2 * len(norm) + 100
        if _BARE_NUMBER.fullmatch(body):
            return _bounded(_whole_minutes(_to_decimal(body)), text, work)

        parts = _parse_parts(body)
        if parts is not None:
            return _bounded(_minutes_from_seconds(_exact_seconds(parts, work)), text, work)

        rng = _RANGE.fullmatch(body)
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
                lo, hi = _exact_seconds(lo_parts, work), _exact_seconds(hi_parts, work)
                if lo > hi:
                    raise DurationError(msg.duration_reversed_range(text))
                return _bounded(_minutes_from_seconds(hi), text, work)

    if _NEGATIVE.match(body):
        raise DurationError(msg.duration_negative(text))
    if _DEADLINE.search(norm):
        raise DurationError(msg.duration_looks_like_deadline(text))
    raise DurationError(msg.duration_unreadable(text, _closest_unit(body)))


_UNIT_AFTER_NUMBER: Final = re.compile(rf"{_NUMBER} ?(?P<word>[a-z]+)")


def _closest_unit(body: str) -> str | None:
    """The unit a mistyped word after a number most likely meant: '15 menti' -> 'menit'."""
    for m in _UNIT_AFTER_NUMBER.finditer(body):
        word = m["word"]
        if word in _UNIT_WORDS or word in {"dan", "s", "sd", "sampai", "hingga"}:
            continue
        if len(word) <= 2:  # too short for likeness: 'm' is most likely 'menit'
            return next((u.name.lower() for u in _Unit if u.name.lower().startswith(word)),
                        None)
        return closest(word, [w for w in _UNIT_WORDS if " " not in w])
    return None


def _bounded(minutes: int, text: str, work: WorkTime) -> Duration:
    if minutes > work.max_minutes:
        raise DurationError(msg.duration_too_large(text, MAX_YEARS, MAX_INTEGER_DIGITS))
    return Duration(minutes=minutes, text=text)


def _parse_number(value: Decimal, text: str, work: WorkTime) -> Duration:
    if not value.is_finite():
        raise DurationError(msg.duration_unreadable(text))
    if value < 0:
        raise DurationError(msg.duration_negative(text))
    if value >= _TOO_BIG:
        raise DurationError(msg.duration_too_large(text, MAX_YEARS, MAX_INTEGER_DIGITS))
    return _bounded(_whole_minutes(value), text, work)


# --------------------------------------------------------------------------- public


def parse_duration(value: str | int | float | Decimal, work: WorkTime = WorkTime()) -> Duration:
    """Whole working minutes for a Waktu cell; a bare number is minutes.

    A range counts its upper bound (a time standard is a maximum); a leading qualifier
    such as 'maks.', '±' or 'kurang lebih' is allowed and changes nothing. '-' alone, an
    empty text and a written condition (text not starting with a number) are "no time
    standard": 0 minutes with ``is_none=True`` (``condition=True`` for the last). More
    than ``MAX_YEARS`` working years, or a number with more than ``MAX_INTEGER_DIGITS``
    integer digits, is an error.
    Raises ``DurationError`` otherwise.
    """
    if isinstance(value, str):
        return _parse_text(value.strip(), work)
    if isinstance(value, bool):  # a TRUE/FALSE cell; bool is an int to Python
        raise DurationError(msg.duration_unreadable(str(value).upper()))
    if isinstance(value, int):
        if abs(value) >= _TOO_BIG:  # checked before Decimal(value): that is slow when huge
            shown = _int_shown(value)
            if value < 0:
                raise DurationError(msg.duration_negative(shown))
            raise DurationError(msg.duration_too_large(shown, MAX_YEARS, MAX_INTEGER_DIGITS))
        return _parse_number(Decimal(value), str(value), work)
    if isinstance(value, float | Decimal):
        # repr() gives the float as shown (0.1, not its binary expansion); nan/inf stay so.
        number = value if isinstance(value, Decimal) else Decimal(repr(value))
        shown = _number_shown(number) if number.is_finite() else str(value)
        with localcontext() as ctx:
            ctx.prec = max(28, len(number.as_tuple().digits) + 10)
            return _parse_number(number, shown, work)
    raise DurationError(msg.duration_unreadable(str(value)))


def format_minutes(minutes: int, work: WorkTime = WorkTime()) -> str:
    """Indonesian text in hari/jam/menit with zero parts left out.

    55952 -> '124 hari 2 jam 32 menit' (at 450 min/day); 0 -> '0 menit'. Only hari, jam,
    menit are used (no minggu/bulan), so ``parse_duration`` reads the text back exactly.
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TypeError(f"minutes must be an int, not {type(minutes).__name__}")
    if minutes < 0:
        raise ValueError(msg.duration_minutes_negative(_int_shown(minutes)))
    per_day = int(work.minutes_per_day)  # whole by WorkTime's own check
    days, rest = divmod(minutes, per_day)
    hours, mins = divmod(rest, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "hari"), (hours, "jam"), (mins, "menit")) if n]
    return " ".join(parts) if parts else "0 menit"
