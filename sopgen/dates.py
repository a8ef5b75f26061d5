"""Indonesian dates: read the forms planners type, print `01 Juli 2023`.

Signed sheets also carry a month and year only (`Agustus 2023`): that is a
`MonthDate`, the first of its month wherever a day is needed (metadata,
comparisons), printed without a day.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

_MONTH_WORDS: dict[str, int] = {}
for _i, _name in enumerate(MONTHS, start=1):
    _MONTH_WORDS[_name.lower()] = _i
    _MONTH_WORDS[_name.lower()[:3]] = _i
for _word, _i in {
    "pebruari": 2, "peb": 2, "nop": 11, "nopember": 11, "agt": 8, "ags": 8, "agu": 8,
    "sept": 9, "des": 12, "okt": 10,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}.items():  # fmt: skip
    _MONTH_WORDS[_word] = _i

_WEEKDAY = re.compile(r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?\s+")
_WORDY = re.compile(r"^(\d{1,2})[\s\-./]*([a-z]+)\.?[\s\-./,]*(\d{4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s\-./,]*(\d{4})$")
_DMY = re.compile(r"^(\d{1,2})[\-./](\d{1,2})[\-./](\d{4})$")
_YMD = re.compile(r"^(\d{4})[\-./](\d{1,2})[\-./](\d{1,2})$")


class DateError(ValueError):
    """The text is not a date; the caller words the message."""


class MonthDate(dt.date):
    """A date known only to its month (`Agustus 2023`): the first of that month."""

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"


def parse_date(value: object) -> dt.date:
    """A real Excel date or one of the text forms of the workbook contract."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateError(str(value))
    text = _WEEKDAY.sub("", " ".join(value.lower().split()))
    month_only = _MONTH_YEAR.match(text)
    if month_only and month_only.group(1) in _MONTH_WORDS:
        return MonthDate(int(month_only.group(2)), _MONTH_WORDS[month_only.group(1)], 1)
    for pattern, order in ((_WORDY, "dmy"), (_DMY, "dmy"), (_YMD, "ymd")):
        m = pattern.match(text)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            year, month, day = int(a), int(b), int(c)
        else:
            day, year = int(a), int(c)
            if b.isdigit():
                month = int(b)
            elif b in _MONTH_WORDS:
                month = _MONTH_WORDS[b]
            else:
                raise DateError(value)
        try:
            return dt.date(year, month, day)
        except ValueError as err:
            raise DateError(value) from err
    raise DateError(value)


def format_date(day: dt.date) -> str:
    """`01 Juli 2023`: how the sheet prints a date; `Agustus 2023` for a month alone."""
    if isinstance(day, MonthDate):
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"
