"""A cell's value as the workbook contract reads it: text, numbers, dates, times, a NIP.

Pure functions of one value, shared by the contract's declaration
(`sopgen.sheets` names one for each field) and by validation. Each returns
None for a value it cannot read, and the caller words the sentence; a reader
whose reason depends on the value (a NIP) raises `Refused` with its own.
They sit outside `sopgen.validate` so that the declaration can name them
without importing validation, which imports the declaration.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from sopgen import messages as msg
from sopgen.dates import DateError, format_date, parse_date

if TYPE_CHECKING:  # the reader imports the declaration, which imports this module
    from sopgen.workbook import CellValue

DASHES = frozenset({"-", "–", "—"})  # the planner's "none"


class Refused(ValueError):
    """A value a field cannot take; the message is the planner's sentence."""


def blank(value: CellValue | None) -> bool:
    """Empty, or the planner's `-` for 'none' in an optional field."""
    return value is None or (isinstance(value, str) and value.strip() in DASHES)


def text(value: CellValue) -> str:
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


def whole(value: CellValue) -> int | None:
    """A whole number, typed or as text (`1.` as some planners number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\d{1,6}\.?", value.strip()):
        return int(value.strip().rstrip("."))
    return None


def decimal(value: CellValue) -> Decimal | None:
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


def date(value: CellValue) -> dt.date | None:
    try:
        return parse_date(value)
    except DateError:
        return None


def hours(value: CellValue) -> Decimal | None:
    """Working hours a day: more than 0, at most 24, a whole number of minutes."""
    text_ = re.sub(r"\s*jam$", "", text(value).strip(), flags=re.IGNORECASE)
    found = decimal(text_)
    if found is None or not 0 < found <= 24 or (found * 60) % 1:
        return None
    return found


def days_per_week(value: CellValue) -> int | None:
    days = whole(value)
    return days if days in (5, 6) else None


def days_per_month(value: CellValue) -> int | None:
    days = whole(value)
    return days if days is not None and 1 <= days <= 31 else None


def steps_cap(value: CellValue) -> int | None:
    cap = whole(value)
    return cap if cap is not None and 1 <= cap <= 1000 else None


def clock(value: CellValue) -> dt.time | None:
    """A time of day, to the minute and never rounded up (23:59:59.9 is 23:59)."""
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, float) and 0 <= value < 1:  # Excel's fraction of a day
        seconds = min(round(value * 86400), 86399)
        return dt.time(seconds // 3600, seconds // 60 % 60)
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text(value).strip())
    if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
        return dt.time(int(m.group(1)), int(m.group(2)))
    return None


_NIP_DIGITS = re.compile(r"\d{18}")


def nip(value: CellValue) -> str:
    """The 18 digits of a NIP typed as text, or Refused saying what is wrong with it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise Refused(msg.nip_as_number())
    digits = re.sub(r"[\s.\-]", "", text(value))
    if digits.upper().startswith("NIP"):
        digits = digits[3:].lstrip(":")
    problem = nip_problem(digits)
    if problem is not None:
        raise Refused(problem)
    return digits


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
