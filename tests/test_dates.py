"""sopgen.dates: the date forms planners type, and `01 Juli 2023` printing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen.dates import MONTHS, DateError, MonthDate, format_date, parse_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the spec's own examples
        ("01 JULI 2023", D(2023, 7, 1)),
        ("1 Juli 2023", D(2023, 7, 1)),
        ("01-07-2023", D(2023, 7, 1)),
        ("2023-07-01", D(2023, 7, 1)),
        # white space, separators, case
        ("  01   juli   2023 ", D(2023, 7, 1)),
        ("01\u00a0Juli\u00a02023", D(2023, 7, 1)),  # no-break spaces from a copied document
        ("1\nJuli 2023", D(2023, 7, 1)),
        ("1-Jul-2023", D(2023, 7, 1)),
        ("1 Jul. 2023", D(2023, 7, 1)),
        ("1 Juli, 2023", D(2023, 7, 1)),
        ("Senin, 3 Juli 2023", D(2023, 7, 3)),  # a weekday copied from a letter
        ("jumat 7 juli 2023", D(2023, 7, 7)),
        ("1/7/2023", D(2023, 7, 1)),
        ("01.07.2023", D(2023, 7, 1)),
        ("2023/7/1", D(2023, 7, 1)),
        ("2023.07.01", D(2023, 7, 1)),
        # day-month order, as in Indonesia
        ("07/01/2023", D(2023, 1, 7)),
        ("31-12-2023", D(2023, 12, 31)),
        # old spellings and short forms
        ("1 Pebruari 2023", D(2023, 2, 1)),
        ("1 Peb 2023", D(2023, 2, 1)),
        ("1 Nopember 2023", D(2023, 11, 1)),
        ("1 Nop 2023", D(2023, 11, 1)),
        ("17 Agt 2023", D(2023, 8, 17)),
        ("17 Ags 2023", D(2023, 8, 17)),
        ("17 Agu 2023", D(2023, 8, 17)),
        ("1 Sept 2023", D(2023, 9, 1)),
        ("1 Okt 2023", D(2023, 10, 1)),
        ("1 Des 2023", D(2023, 12, 1)),
        ("1 Mei 2023", D(2023, 5, 1)),
        # English month names from an English Excel
        ("1 July 2023", D(2023, 7, 1)),
        ("1 May 2023", D(2023, 5, 1)),
        ("1 Oct 2023", D(2023, 10, 1)),
        # leap day
        ("29 Februari 2024", D(2024, 2, 29)),
    ],
)
def test_parse_text(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("case", [str.upper, str.lower, str.title, lambda s: s[:3]])
def test_every_month_name_in_any_case(month: int, case: object) -> None:
    assert callable(case)
    name = case(MONTHS[month - 1])
    assert parse_date(f"5 {name} 2024") == D(2024, month, 5)


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2023, 7, 1),
        dt.datetime(2023, 7, 1),
        dt.datetime(2023, 7, 1, 16, 45, 10),
    ],
)
def test_parse_real_excel_dates(value: dt.date) -> None:
    assert parse_date(value) == D(2023, 7, 1)


@pytest.mark.parametrize(
    "value",
    [
        "", " ", "-", "kemarin", "Julii 2023", "Juli 23", "Juli", "2023", "1 Juli", "01-07-23",
        "1 7 2023",
        "29 Februari 2023", "31 Juni 2023", "32 Juli 2023", "00 Juli 2023", "1 Julii 2023",
        "1 Juli 20233", "2023-02-30", "2023-13-01", "13/13/2023", "1 Juli 2023 10:00",
        "1-07-2023-", "#REF!",
        45108, 45108.5, 0, True, None, dt.time(7, 30), dt.timedelta(days=1),
    ],
)  # fmt: skip
def test_not_a_date(value: object) -> None:
    with pytest.raises(DateError):
        parse_date(value)


@pytest.mark.parametrize(
    "text", ["Agustus 2023", "AGUSTUS 2023", "agustus  2023", "Agt. 2023", "Agustus, 2023",
             "Agustus-2023", "August 2023"],
)
def test_a_month_and_year_alone_is_the_first_of_that_month_printed_without_a_day(
    text: str,
) -> None:
    """v1.1: signed sheets carry `Agustus 2023`."""
    day = parse_date(text)
    assert isinstance(day, MonthDate)
    assert day == D(2023, 8, 1)
    assert format_date(day) == "Agustus 2023"
    assert parse_date(format_date(day)) == day


def test_a_full_date_is_no_month_date() -> None:
    assert not isinstance(parse_date("1 Agustus 2023"), MonthDate)
    assert format_date(parse_date("1 Agustus 2023")) == "01 Agustus 2023"


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(2023, 7, 1), "01 Juli 2023"),
        (D(2024, 12, 31), "31 Desember 2024"),
        (D(1999, 2, 9), "09 Februari 1999"),
        (D(2025, 5, 10), "10 Mei 2025"),
        (D(2020, 8, 17), "17 Agustus 2020"),
    ],
)
def test_format(day: dt.date, text: str) -> None:
    assert format_date(day) == text


def test_month_names() -> None:
    assert MONTHS == (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    )  # fmt: skip


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
def test_printed_dates_read_back(day: dt.date) -> None:
    text = format_date(day)
    assert parse_date(text) == day
    assert parse_date(text.upper()) == day
    assert parse_date(f"{day.day}-{day.month}-{day.year}") == day
    assert parse_date(day.isoformat()) == day
