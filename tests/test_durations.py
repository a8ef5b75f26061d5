"""Tests for sopgen.durations: the Waktu column of sheet Prosedur."""

from __future__ import annotations

import ast
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen import durations
from sopgen import messages as msg
from sopgen.durations import (
    MAX_INTEGER_DIGITS,
    MAX_YEARS,
    Duration,
    DurationError,
    WorkTime,
    format_minutes,
    parse_duration,
)

DAY = 450  # default working day: 7.5 h
WEEK = 5 * DAY
MONTH = 22 * DAY
LIMIT = 100 * 12 * MONTH  # 100 working years: 11 880 000 minutes
DEFAULT_WORK = WorkTime()


# --------------------------------------------------------------------------- accepted forms


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # each unit and its short forms
        ("15 menit", 15),
        ("15 mnt", 15),
        ("15 mnt.", 15),
        ("15 min", 15),
        ("15 min.", 15),
        ("2 jam", 120),
        ("2 jm", 120),
        ("2 jm.", 120),
        ("2 hari", 2 * DAY),
        ("2 hr", 2 * DAY),
        ("2 hr.", 2 * DAY),
        ("2 hari kerja", 2 * DAY),
        ("2 hk", 2 * DAY),
        ("2 hk.", 2 * DAY),
        ("1 minggu", WEEK),
        ("1 mg", WEEK),
        ("1 mg.", WEEK),
        ("1 pekan", WEEK),
        ("1 bulan", MONTH),
        ("1 bln", MONTH),
        ("1 bln.", MONTH),
        ("15 menit.", 15),
        # no space between number and unit
        ("15menit", 15),
        ("15mnt.", 15),
        ("2jam", 120),
        ("3hk", 3 * DAY),
        # case-insensitive
        ("15 Menit", 15),
        ("2 HARI", 2 * DAY),
        ("1 Jam 30 MENIT", 90),
        ("1 Hari Kerja", DAY),
        # decimal comma or point
        ("1,5 jam", 90),
        ("1.5 jam", 90),
        ("0,5 hari", 225),
        ("2.25 jam", 135),
        # compounds, with a space, 'dan', ', ' or ', dan' between parts
        ("1 jam 30 menit", 90),
        ("2 hari 3 jam", 2 * DAY + 180),
        ("1 jam dan 30 menit", 90),
        ("1 jam, 30 menit", 90),
        ("1 jam, dan 30 menit", 90),
        ("1 bulan 1 minggu 1 hari 1 jam 1 menit", MONTH + WEEK + DAY + 61),
        ("1 hari kerja 2 jam", DAY + 120),
        ("1 jm. 5 mnt.", 65),
        # surrounding and inner whitespace, including a non-breaking space from Excel
        ("  15   menit  ", 15),
        ("15\u00a0menit", 15),
        ("1 jam\n30 menit", 90),
        # zero is a valid length
        ("0 menit", 0),
        ("0 jam 0 menit", 0),
        ("0", 0),
        # bare number text is minutes
        ("15", 15),
        ("1,5", 2),
        ("2.5", 3),
    ],
)
def test_parse_accepted_forms(text: str, minutes: int) -> None:
    result = parse_duration(text)
    assert result == Duration(minutes=minutes, text=text.strip(), is_none=False)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("5-10 menit", 10),
        ("5 - 10 menit", 10),
        ("5–10 menit", 10),  # en dash
        ("5 – 10 menit", 10),
        ("5—10 menit", 10),  # em dash
        ("5 — 10 menit", 10),
        ("1 s.d. 2 hari", 2 * DAY),
        ("1 s.d 2 hari", 2 * DAY),
        ("1 S.D. 2 HARI", 2 * DAY),
        ("1 s/d 2 hari", 2 * DAY),
        ("1 sd 2 hari", 2 * DAY),
        ("1 sampai 2 hari", 2 * DAY),
        ("1 sampai dengan 2 hari", 2 * DAY),
        ("1 hari - 2 hari", 2 * DAY),
        ("1 hari–2 hari", 2 * DAY),
        ("30 menit s.d. 1 jam", 60),
        ("30 menit sampai 1,5 jam", 90),
        ("1 jam 30 menit - 2 jam", 120),
        ("1 jam - 1 jam 30 menit", 90),
        ("1,5-2 jam", 120),
        ("1-1,5 jam", 90),
        ("5-5 menit", 5),  # equal bounds are fine
        ("3 hari - 1 minggu", WEEK),
        ("0-1 jam", 60),
    ],
)
def test_parse_ranges_count_the_upper_bound(text: str, minutes: int) -> None:
    assert parse_duration(text) == Duration(minutes=minutes, text=text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # each qualifier, before a single duration
        ("maks 2 hari", 2 * DAY),
        ("maks. 2 hari", 2 * DAY),
        ("maks.2 hari", 2 * DAY),
        ("maksimal 2 hari", 2 * DAY),
        ("maksimum 2 hari", 2 * DAY),
        ("paling lama 3 hari", 3 * DAY),
        ("selama 30 menit", 30),
        ("± 15 menit", 15),
        ("±15 menit", 15),
        ("+/- 15 menit", 15),
        ("+/-15 menit", 15),
        ("+- 15 menit", 15),
        ("+-15 menit", 15),
        ("kurang lebih 1 jam", 60),
        ("kl. 1 jam", 60),
        ("kl.1 jam", 60),
        ("sekitar 10 menit", 10),
        ("lebih kurang 1 jam", 60),
        # case-insensitive, any whitespace
        ("Kurang lebih 1 jam", 60),
        ("KURANG LEBIH 1 JAM", 60),
        ("Maksimal 2 Hari", 2 * DAY),
        ("MAKS. 1 MINGGU", WEEK),
        ("Paling  Lama\u00a03 hari", 3 * DAY),
        ("KL. 5 mnt", 5),
        ("Sekitar\n2 jam", 120),
        # before a compound, a range or a bare number of minutes
        ("maksimal 1 jam 30 menit", 90),
        ("± 1 jam dan 15 menit", 75),
        ("maks. 5-10 menit", 10),
        ("± 1 s.d. 2 hari", 2 * DAY),
        ("kurang lebih 30 menit sampai 1 jam", 60),
        ("+/- 1,5-2 jam", 120),
        ("maks 15", 15),
        ("sekitar 1,5", 2),
        ("maks 0 menit", 0),
    ],
)
def test_leading_qualifier_changes_nothing(text: str, minutes: int) -> None:
    assert parse_duration(text) == Duration(minutes=minutes, text=text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30 detik", 1),  # exactly half a minute: up
        ("29 detik", 0),
        ("31 detik", 1),
        ("89 detik", 1),
        ("90 detik", 2),
        ("60 detik", 1),
        ("0 detik", 0),
        ("30 dtk", 1),
        ("30 dtk.", 1),
        ("30dtk", 1),
        ("30 DETIK", 1),
        ("45 Dtk", 1),
        ("29,9 detik", 0),
        ("29,5 detik", 0),  # 0.4916... minute
        ("30,0 detik", 1),
        ("1 menit 30 detik", 2),  # 1.5: rounded once, at the end
        ("1 menit 29 detik", 1),
        ("1 jam 1 menit 30 detik", 62),
        ("2 mnt, dan 15 dtk", 2),
        ("0,5 menit 0 detik", 1),
        ("0,4 menit 6 detik", 1),  # 24 s + 6 s = 30 s
        ("0,4 menit 5 detik", 0),  # 29 s
        ("1 hari 30 detik", DAY + 1),
        ("30-45 detik", 1),
        ("30 detik - 1 menit", 1),
        ("45 detik s.d. 2 menit", 2),
        ("maks. 30 detik", 1),
        ("3600 detik", 60),
    ],
)
def test_seconds_count_in_minutes_rounded_half_up(text: str, minutes: int) -> None:
    assert parse_duration(text) == Duration(minutes=minutes, text=text)


@pytest.mark.parametrize(
    ("value", "minutes", "text"),
    [
        (15, 15, "15"),
        (0, 0, "0"),
        (15.0, 15, "15"),
        (1.5, 2, "1,5"),
        (0.5, 1, "0,5"),
        (2.4, 2, "2,4"),
        (Decimal("1.5"), 2, "1,5"),
        (Decimal("15.00"), 15, "15"),
        (Decimal("1E+2"), 100, "100"),
        (Decimal("-0"), 0, "0"),
    ],
)
def test_parse_python_numbers_are_minutes(
    value: int | float | Decimal, minutes: int, text: str
) -> None:
    assert parse_duration(value) == Duration(minutes=minutes, text=text)


@pytest.mark.parametrize("text", ["-", "–", "—", " - ", "\u00a0–\u00a0"])
def test_dash_alone_means_no_time_standard(text: str) -> None:
    assert parse_duration(text) == Duration(minutes=0, text=text.strip(), is_none=True)


def test_only_the_dash_is_none() -> None:
    assert parse_duration("0 menit").is_none is False
    assert parse_duration(0).is_none is False


# --------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1,33 jam", 80),  # 79.8
        ("0,5 menit", 1),  # exactly half: up
        ("0,4 menit", 0),
        ("0,49 menit", 0),
        ("1,5 menit", 2),
        ("2,5 menit", 3),  # half up, not to even
        ("0,25 jam", 15),
        ("0,125 jam", 8),  # 7.5
        ("0,1 jam", 6),
        ("0,01 jam", 1),  # 0.6
        ("0,005 jam", 0),  # 0.3
        ("0,3 hari", 135),
        ("0,001 hari", 0),  # 0.45
        ("0,0012 hari", 1),  # 0.54
        ("0,1 minggu", 225),
        ("0,5 bulan", 4950),
        ("1,0 jam", 60),
        ("1 jam 0,5 menit", 61),
        ("0,5 jam 0,5 menit", 31),  # rounded once, at the end
        ("0,4 menit - 0,5 menit", 1),
    ],
)
def test_rounding_is_half_up_on_exact_decimals(text: str, minutes: int) -> None:
    assert parse_duration(text).minutes == minutes


def test_compound_rounds_the_sum_not_each_part() -> None:
    # 0.4 + 0.4 = 0.8 -> 1; rounding each part first would give 0.
    assert parse_duration("0,4 jam 0,4 menit").minutes == 24  # 24.4
    assert parse_duration("0,01 jam 0,4 menit").minutes == 1  # 0.6 + 0.4


# --------------------------------------------------------------------------- WorkTime


def test_default_work_time() -> None:
    work = WorkTime()
    assert work.hours_per_day == Decimal("7.5")
    assert work.days_per_week == 5
    assert work.days_per_month == 22
    assert work.minutes_per_day == Decimal(450)


@pytest.mark.parametrize(
    ("work", "text", "minutes"),
    [
        (WorkTime(hours_per_day=Decimal(8)), "1 hari", 480),
        (WorkTime(hours_per_day=Decimal(8)), "1 hk", 480),
        (WorkTime(hours_per_day=Decimal(8)), "0,5 hari", 240),
        (WorkTime(hours_per_day=Decimal(8)), "1 minggu", 5 * 480),
        (WorkTime(hours_per_day=Decimal(8)), "1 hari 1 jam", 540),
        (WorkTime(days_per_week=6), "1 minggu", 6 * DAY),
        (WorkTime(days_per_week=6), "1 pekan", 6 * DAY),
        (WorkTime(days_per_week=6), "2 mg", 12 * DAY),
        (WorkTime(days_per_month=20), "1 bulan", 20 * DAY),
        (WorkTime(days_per_month=20), "1,5 bln", 30 * DAY),
        (WorkTime(Decimal(8), 6, 20), "1 bulan 1 minggu 1 hari", 27 * 480),
        (WorkTime(Decimal(8), 6, 20), "1-2 minggu", 12 * 480),
        (WorkTime(Decimal("7.25")), "1 hari", 435),
        # units without a working length are unaffected
        (WorkTime(Decimal(8), 6, 20), "1 jam 30 menit", 90),
        (WorkTime(Decimal(8), 6, 20), "45", 45),
    ],
)
def test_custom_work_time(work: WorkTime, text: str, minutes: int) -> None:
    assert parse_duration(text, work).minutes == minutes


def test_work_time_accepts_plain_numbers_at_runtime() -> None:
    work = WorkTime(hours_per_day=8)  # type: ignore[arg-type]
    assert work.hours_per_day == Decimal(8)
    assert isinstance(work.hours_per_day, Decimal)
    assert WorkTime(hours_per_day=7.5).minutes_per_day == 450  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"hours_per_day": Decimal(0)},
        {"hours_per_day": Decimal(-1)},
        {"hours_per_day": Decimal(25)},
        {"hours_per_day": Decimal("NaN")},
        {"hours_per_day": Decimal("7.33")},  # 439.8 minutes: not whole
        {"hours_per_day": "8"},
        {"days_per_week": 0},
        {"days_per_week": 8},
        {"days_per_month": 0},
        {"days_per_month": 32},
        {"days_per_week": 5.5},  # whole days only
        {"days_per_week": "5"},
        {"days_per_week": True},
        {"days_per_month": 22.0},
        pytest.param({"days_per_month": 10**5000}, id="days_per_month-10**5000"),
    ],
)
def test_work_time_rejects_impossible_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError) as err:
        WorkTime(**kwargs)  # type: ignore[arg-type]
    assert "harus" in str(err.value) or "bukan angka" in str(err.value)


# --------------------------------------------------------------------------- errors

UNREADABLE = "tidak dapat dibaca"
KETERANGAN = "Keterangan"


@pytest.mark.parametrize("text", ["", " ", "   ", "\t\n", "\u00a0", "--", "- -"])
def test_empty_text_and_dashes_are_no_time_standard(text: str) -> None:
    result = parse_duration(text)
    assert result.is_none and result.minutes == 0 and not result.condition


# v1.1: text that does not start with a number is a written condition, kept as typed.
CONDITIONS = [
    "Sesuai kebutuhan", "Setiap saat", "Pada hari dan jam kerja", "Semesteran",
    "Paling lambat tanggal 10 setiap bulan", "paling lambat 3 hari",
    "Selambat-lambatnya 2 hari setelah surat diterima", "Tanggal 5", "tgl. 10",
    "Setiap hari Senin", "tiap bulan", "SETELAH DITANDATANGANI", "Pukul 09.00",
    "abc", "menit", "jam", "dan 1 jam", "maks", "maksimal", "±", "+/-", "± -",
    "maks maks 2 hari", "maksimal2 hari", "sekitar15 menit", "kl 15 menit", "+/ 15 menit",
    "maksimalnya 2 hari", "paling lamanya 2 hari", "kurang 15 menit", "lebih 15 menit",
    "± sekitar 1 jam", "kurang lebih", "١٥ menit",
]  # fmt: skip


@pytest.mark.parametrize("text", CONDITIONS)
def test_a_written_condition_is_no_time_standard_printed_as_typed(text: str) -> None:
    assert parse_duration(f"  {text} ") == Duration(0, text, is_none=True, condition=True)


@pytest.mark.parametrize(
    "text",
    [
        "15 d",  # seconds are 'detik' or 'dtk'
        "15 det",
        "15 detikan",
        "30 detik 1 menit",  # largest unit first
        "15 menitan",
        "15 m",
        "1:30",
        "1:30 jam",
        "01:30",
        "1 jam30 menit",  # parts need a separator
        "1 jam,30 menit",
        "1jam30menit",
        "30 menit 1 jam",  # largest unit first
        "1 jam 2 jam",  # a unit at most once
        "1 hari 1 hk",
        "1 jam dan",
        "1 jam,",
        "5-10",  # a range needs a unit
        "5 s.d. 10",
        "1 jam - 2",
        "1-2 jam 30 menit",  # a bare lower bound needs a single-unit upper bound
        "1-2-3 menit",
        "1 s.d. 2 s.d. 3 hari",
        "1 sd2hari x",
        ",5 jam",
        "1,5,5 jam",
        "1 , 5 jam",
        # a qualifier: before the whole duration, once, and written as listed
        "± ± 15 menit",
        "maksimal ± 2 hari",
        "kl.. 15 menit",
        "maks..2 hari",
        "+ 15 menit",
        "15 menit maks",
        "2 hari maksimal",
        "1 - maks 2 jam",
        "1 jamm",
        "1 hari kerjaa",
        "1 harisd 2 hari",
    ],
)
def test_unreadable_text_says_what_a_duration_looks_like(text: str) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(text)
    message = str(err.value)
    assert UNREADABLE in message
    assert "'15 menit'" in message and "'-'" in message
    for unit in ("menit", "mnt", "min", "jam", "jm", "hari", "hk", "hr", "minggu", "mg"):
        assert unit in message
    for unit in ("pekan", "bulan", "bln", "hari kerja", "detik", "dtk"):
        assert unit in message
    assert message == msg.duration_unreadable(text, _meant(message))


def _meant(message: str) -> str | None:
    m = re.search(r"Maksud Anda '([^']+)'\?", message)
    return m.group(1) if m else None


@pytest.mark.parametrize(
    ("text", "unit"),
    [("15 menti", "menit"), ("2 har", "hari"), ("15 m", "menit"), ("1 jamm", "jam"),
     ("3 minngu", "minggu"), ("2 buln", "bulan"), ("5 dtik", "detik")],
)
def test_a_number_then_a_mistyped_unit_names_the_closest_unit(text: str, unit: str) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(text)
    assert f"Maksud Anda '{unit}'?" in str(err.value)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("satu jam", 60), ("dua hari", 900), ("sepuluh menit", 10), ("setengah jam", 30),
     ("setengah hari", 225), ("satu setengah jam", 90), ("sehari", 450), ("sejam", 60),
     ("seminggu", 2250), ("sebulan", 9900), ("sepekan", 2250), ("Dua Hari", 900),
     ("maks. dua hari", 900), ("tiga sampai lima hari", 2250), ("satu jam 30 menit", 90),
     ("1 x 24 jam", 450), ("2x24 jam", 900), ("2 × 24 jam", 900), ("3 x 24 jam", 1350),
     ("1x24jam", 450)],
)
def test_number_words_and_times_24_hours(text: str, minutes: int) -> None:
    result = parse_duration(text)
    assert result.minutes == minutes and result.text == text and not result.is_none


def test_unreadable_message_quotes_the_text_without_a_cell_reference() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration("  15 kira-kira sebentar ")
    message = str(err.value)
    assert message.startswith("Waktu '15 kira-kira sebentar' tidak dapat dibaca.")
    assert "Prosedur" not in message and "!" not in message


def test_long_text_is_cut_short_in_the_message() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration("1" + "x" * 500)
    assert len(str(err.value)) < 400
    assert "…" in str(err.value)


@pytest.mark.parametrize(
    "text",
    ["2 hari sebelum rapat", "1 hari sesudah disposisi", "3 hari setelah surat diterima",
     "10 tanggal", "1 jam sebelum pukul 09.00"],
)
def test_a_number_then_a_deadline_belongs_in_keterangan(text: str) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(text)
    message = str(err.value)
    assert KETERANGAN in message
    assert "'-'" in message
    assert UNREADABLE not in message


@pytest.mark.parametrize(
    "text",
    [
        "10-5 menit",
        "10 – 5 menit",
        "2 s.d. 1 hari",
        "2 sampai 1 hari",
        "1 jam - 30 menit",
        "1 minggu s/d 3 hari",
        "1,5-1 jam",
    ],
)
def test_reversed_range_is_an_error(text: str) -> None:
    with pytest.raises(DurationError, match="terbalik"):
        parse_duration(text)


@pytest.mark.parametrize("value", ["-5 menit", "- 5 menit", "–1 jam", "-15", "-1,5", -5, -0.5])
def test_negative_is_an_error(value: str | int | float) -> None:
    with pytest.raises(DurationError, match="negatif"):
        parse_duration(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Inf")])
def test_non_finite_number_is_an_error(value: float | Decimal) -> None:
    with pytest.raises(DurationError):
        parse_duration(value)


@pytest.mark.parametrize("value", [True, False])
def test_boolean_cell_is_an_error(value: bool) -> None:
    with pytest.raises(DurationError, match=str(value).upper()):
        parse_duration(value)


def test_unexpected_type_is_a_duration_error() -> None:
    with pytest.raises(DurationError):
        parse_duration(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["1.500 menit", "2.000", "10.125 jam", "1.000-2.000 menit"])
def test_point_with_three_digits_is_ambiguous(text: str) -> None:
    with pytest.raises(DurationError, match="ribuan"):
        parse_duration(text)


def test_ambiguous_thousands_message_suggests_both_readings() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration("1.500 menit")
    assert "'1500'" in str(err.value) and "'1,5'" in str(err.value)


def test_point_with_three_digits_after_zero_is_a_decimal() -> None:
    assert parse_duration("0.125 jam").minutes == 8
    assert parse_duration("1,500 jam").minutes == 90  # comma is always decimal


def test_duration_error_is_a_value_error() -> None:
    assert issubclass(DurationError, ValueError)
    with pytest.raises(ValueError):
        parse_duration("15 abc")


# --------------------------------------------------------------------------- upper bound

TOO_LARGE = "terlalu besar"


def test_the_bound_is_100_working_years() -> None:
    assert (MAX_YEARS, MAX_INTEGER_DIGITS) == (100, 9)
    assert WorkTime().max_minutes == LIMIT == 11_880_000
    assert WorkTime(Decimal(8), 6, 20).max_minutes == 100 * 12 * 20 * 480
    assert WorkTime(Decimal(24), 7, 31).max_minutes == 100 * 12 * 31 * 1440


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("1200 bulan", LIMIT),  # exactly 100 working years
        ("100 bulan", 100 * MONTH),
        (f"{LIMIT} menit", LIMIT),
        (f"{LIMIT}", LIMIT),
        (LIMIT, LIMIT),
        (float(LIMIT), LIMIT),
        (Decimal(LIMIT), LIMIT),
        (f"{LIMIT},4 menit", LIMIT),  # rounds down to the bound
        (f"{LIMIT * 60 + 29} detik", LIMIT),
        ("26400 hari", LIMIT),
        ("5280 minggu", LIMIT),
        ("maks 1200 bulan", LIMIT),
        ("1-1200 bulan", LIMIT),
        ("000000000000015 menit", 15),  # leading zeros are not digits of the value
        ("0,0000000000001 menit", 0),
        (Decimal("1E-999999999"), 0),
    ],
)
def test_up_to_the_bound_is_accepted(value: str | int | float | Decimal, minutes: int) -> None:
    assert parse_duration(value).minutes == minutes


@pytest.mark.parametrize(
    "value",
    [
        "1201 bulan",
        "1200,01 bulan",
        "1200 bulan 1 menit",
        f"{LIMIT + 1} menit",
        f"{LIMIT},5 menit",  # rounds up past the bound
        f"{LIMIT + 1}",
        f"{LIMIT * 60 + 30} detik",
        "26401 hari",
        "5281 minggu",
        "maksimal 2000 bulan",
        "± 99999 bulan",
        "1-1201 bulan",
        "1 bulan s.d. 1300 bulan",
        # more than 9 integer digits, whatever the unit
        "1000000000 detik",
        "1000000000 menit",
        "1000000000",
        "1000000000,5 menit",
        "99999999999999999999 jam",
        pytest.param("1" * 5000 + " menit", id="5000-digit-menit"),
        pytest.param("1" * 5000, id="5000-digit-text"),
        "1000000000-1 menit",  # checked before the range is read
        "5-1000000000 detik",
        LIMIT + 1,
        10**9,
        10**30,
        pytest.param(10**5000, id="10**5000"),  # str() of this raises in Python itself
        float(LIMIT + 1),
        1e300,
        Decimal(LIMIT + 1),
        Decimal("1E+999999999"),
        pytest.param(Decimal("1" * 5000), id="5000-digit-Decimal"),
    ],
)
def test_beyond_the_bound_is_an_error(value: str | int | float | Decimal) -> None:
    with pytest.raises(DurationError, match=TOO_LARGE) as err:
        parse_duration(value)
    message = str(err.value)
    assert "100 tahun" in message and "9 digit" in message and "Periksa" in message
    assert len(message) < 400


def test_the_bound_follows_the_work_time() -> None:
    short = WorkTime(Decimal(1), 1, 1)  # 100 * 12 * 60 = 72 000 minutes
    assert short.max_minutes == 72_000
    assert parse_duration("1200 bulan", short).minutes == 72_000
    assert parse_duration("1200 jam", short).minutes == 72_000
    with pytest.raises(DurationError, match=TOO_LARGE):
        parse_duration("1201 jam", short)
    with pytest.raises(DurationError, match=TOO_LARGE):
        parse_duration(72_001, short)


def test_too_large_message_quotes_the_text() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration("  5000 bulan ")
    assert str(err.value) == msg.duration_too_large("5000 bulan", MAX_YEARS, MAX_INTEGER_DIGITS)
    assert str(err.value).startswith("Waktu '5000 bulan' terlalu besar")


def test_huge_numbers_are_shown_without_printing_them_whole() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(10**5000)
    assert "'angka lebih dari 4999 digit'" in str(err.value)
    with pytest.raises(DurationError, match="negatif") as err:
        parse_duration(-(10**5000))
    assert "minus" in str(err.value)
    with pytest.raises(DurationError) as err:
        parse_duration(Decimal("1E+999999999"))
    assert "E+999999999" in str(err.value)


@pytest.mark.parametrize(
    ("value", "text"),
    [(10**9 - 1, "999999999"), (12345678901, "12345678901"), (-(10**9), "-1000000000")],
)
def test_large_int_is_quoted_in_full(value: int, text: str) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(value)
    assert f"'{text}'" in str(err.value)


# --------------------------------------------------------------------------- messages


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15 abc", msg.duration_unreadable("15 abc")),
        ("15 menti", msg.duration_unreadable("15 menti", "menit")),
        (None, msg.duration_unreadable("None")),
        (True, msg.duration_unreadable("TRUE")),
        ("2 hari sebelum rapat", msg.duration_looks_like_deadline("2 hari sebelum rapat")),
        ("-5 menit", msg.duration_negative("-5 menit")),
        (-1.5, msg.duration_negative("-1,5")),
        ("maks -5 menit", msg.duration_negative("maks -5 menit")),
        ("10-5 menit", msg.duration_reversed_range("10-5 menit")),
        ("1.500 menit", msg.duration_ambiguous_thousands("1.500 menit", "1.500", "1,5")),
        ("2.250 jam", msg.duration_ambiguous_thousands("2.250 jam", "2.250", "2,25")),
        ("2000 bulan", msg.duration_too_large("2000 bulan", 100, 9)),
    ],
)
def test_errors_use_the_sentences_from_messages(
    value: str | int | float | Decimal | None, expected: str
) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(value)  # type: ignore[arg-type]
    assert str(err.value) == expected


def test_work_time_errors_use_the_sentences_from_messages() -> None:
    cases: list[tuple[dict[str, object], str]] = [
        ({"hours_per_day": "8"}, msg.duration_hours_not_number("8")),
        ({"hours_per_day": Decimal(25)}, msg.duration_hours_out_of_range("25")),
        ({"hours_per_day": Decimal("7.33")}, msg.duration_hours_not_whole_minutes("7,33")),
        ({"days_per_week": 8}, msg.duration_days_per_week_bad("8")),
        ({"days_per_month": 32}, msg.duration_days_per_month_bad("32")),
    ]
    for kwargs, expected in cases:
        with pytest.raises(ValueError) as err:
            WorkTime(**kwargs)  # type: ignore[arg-type]
        assert str(err.value) == expected
    with pytest.raises(ValueError) as err:
        format_minutes(-3)
    assert str(err.value) == msg.duration_minutes_negative("-3")


def test_durations_exports_no_message_builders() -> None:
    assert not [name for name in durations.__all__ if name.startswith("msg")]
    assert not [name for name in dir(durations) if name.startswith("msg_")]


def test_messages_does_not_import_durations() -> None:
    tree = ast.parse(Path(msg.__file__).read_text(encoding="utf-8"))
    imported: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported += [node.module or ""] + [alias.name for alias in node.names]
    assert not [name for name in imported if "durations" in name]


# --------------------------------------------------------------------------- format_minutes


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 menit"),
        (1, "1 menit"),
        (59, "59 menit"),
        (60, "1 jam"),
        (61, "1 jam 1 menit"),
        (90, "1 jam 30 menit"),
        (449, "7 jam 29 menit"),
        (450, "1 hari"),
        (451, "1 hari 1 menit"),
        (510, "1 hari 1 jam"),
        (900, "2 hari"),
        (WEEK, "5 hari"),  # no minggu
        (MONTH, "22 hari"),  # no bulan
        (55952, "124 hari 2 jam 32 menit"),
    ],
)
def test_format_minutes(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text


def test_format_minutes_custom_day() -> None:
    work = WorkTime(hours_per_day=Decimal(8))
    assert format_minutes(480, work) == "1 hari"
    assert format_minutes(450, work) == "7 jam 30 menit"
    assert format_minutes(55952, work) == "116 hari 4 jam 32 menit"


def test_format_minutes_rejects_negative() -> None:
    with pytest.raises(ValueError):
        format_minutes(-1)


# --------------------------------------------------------------------------- properties

UNIT_FACTORS: list[tuple[str, int]] = [
    ("menit", 1),
    ("mnt", 1),
    ("min.", 1),
    ("jam", 60),
    ("jm", 60),
    ("hari", DAY),
    ("hari kerja", DAY),
    ("hk", DAY),
    ("hr.", DAY),
    ("minggu", WEEK),
    ("mg", WEEK),
    ("pekan", WEEK),
    ("bulan", MONTH),
    ("bln", MONTH),
]

WORK_TIMES = st.builds(
    WorkTime,
    # Whole minutes that are also exact decimal hours: multiples of 3 minutes (0,05 h).
    hours_per_day=st.integers(1, 24 * 20).map(lambda k: Decimal(3 * k) / 60),
    days_per_week=st.integers(1, 7),
    days_per_month=st.integers(1, 31),
)

# Text built from the grammar's own pieces finds more near-misses than random unicode.
PIECES = st.sampled_from(
    [
        "0", "1", "15", "1,5", "2.25", "1.500", " ", "  ", "-", "–", "—", ",", ".", "/",
        "menit", "mnt", "min", "jam", "jm", "hari", "kerja", "hk", "hr", "minggu", "mg",
        "pekan", "bulan", "bln", "dan", "s.d.", "s/d", "sd", "sampai", "dengan", "hingga",
        "tanggal", "setiap", "paling lambat", "\u00a0", "\n", "JAM", "Menit",
    ]
)  # fmt: skip


def _parses_or_raises_duration_error(text: str) -> None:
    try:
        result = parse_duration(text)
    except DurationError as err:
        assert str(err)
    else:
        assert isinstance(result, Duration)
        assert isinstance(result.minutes, int) and result.minutes >= 0
        assert not result.is_none or result.minutes == 0
        assert not result.condition or result.is_none


def _parses_to(text: str, minutes: int, work: WorkTime = DEFAULT_WORK) -> None:
    """``minutes`` if within the 100-year bound, else the too-large error."""
    if minutes <= work.max_minutes:
        assert parse_duration(text, work).minutes == minutes
    else:
        with pytest.raises(DurationError, match="terlalu besar"):
            parse_duration(text, work)


@given(st.text())
def test_any_text_parses_or_raises_duration_error(text: str) -> None:
    _parses_or_raises_duration_error(text)


@given(st.lists(PIECES, max_size=8).map("".join))
def test_grammar_like_text_parses_or_raises_duration_error(text: str) -> None:
    _parses_or_raises_duration_error(text)


@given(st.integers(0, 10**6))
def test_whole_minutes_parse_exactly(n: int) -> None:
    assert parse_duration(f"{n} menit").minutes == n
    assert parse_duration(str(n)).minutes == n
    assert parse_duration(n).minutes == n


@given(st.integers(0, 10**6), st.sampled_from(UNIT_FACTORS))
def test_whole_units_parse_exactly(n: int, unit: tuple[str, int]) -> None:
    word, factor = unit
    _parses_to(f"{n} {word}", n * factor)
    _parses_to(f"{n}{word.upper()}", n * factor)


@given(st.integers(0, 10**6), st.sampled_from(["detik", "dtk", "dtk.", "DETIK"]))
def test_whole_seconds_round_half_up_to_minutes(n: int, word: str) -> None:
    minutes, rest = divmod(n, 60)
    assert parse_duration(f"{n} {word}").minutes == minutes + (rest >= 30)


@given(st.integers(0, 10**6), st.sampled_from(["maks.", "maksimal", "±", "+/-", "kl.", "Sekitar"]))
def test_qualifier_changes_nothing(n: int, qualifier: str) -> None:
    assert parse_duration(f"{qualifier} {n} menit") == Duration(n, f"{qualifier} {n} menit")


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(UNIT_FACTORS))
def test_range_is_its_upper_bound(a: int, b: int, unit: tuple[str, int]) -> None:
    word, factor = unit
    lo, hi = sorted((a, b))
    _parses_to(f"{lo}-{hi} {word}", hi * factor)
    _parses_to(f"{lo} {word} s.d. {hi} {word}", hi * factor)
    if lo < hi:
        with pytest.raises(DurationError, match="terbalik"):
            parse_duration(f"{hi} sampai {lo} {word}")


@given(st.integers(0, 10**7))
def test_format_minutes_round_trips(minutes: int) -> None:
    assert parse_duration(format_minutes(minutes)).minutes == minutes


@given(WORK_TIMES, st.data())
def test_format_minutes_round_trips_with_any_work_time(work: WorkTime, data: st.DataObject) -> None:
    minutes = data.draw(st.integers(0, work.max_minutes))
    text = format_minutes(minutes, work)
    assert parse_duration(text, work).minutes == minutes


@given(WORK_TIMES, st.integers(1, 10**6))
def test_beyond_100_working_years_is_too_large(work: WorkTime, over: int) -> None:
    assert parse_duration(format_minutes(work.max_minutes, work), work).minutes == (
        work.max_minutes
    )
    with pytest.raises(DurationError, match="terlalu besar"):
        parse_duration(format_minutes(work.max_minutes + over, work), work)


@given(
    st.integers(0, 10**4),
    st.integers(0, 10**4).map(lambda n: Decimal(n) / 100),
    st.sampled_from(UNIT_FACTORS),
)
def test_decimal_comma_and_point_agree(whole: int, frac: Decimal, unit: tuple[str, int]) -> None:
    word, factor = unit
    number = Decimal(whole) + frac
    text = format(number, "f")
    expected = int((number * factor).to_integral_value(rounding=ROUND_HALF_UP))
    _parses_to(f"{text} {word}", expected)
    _parses_to(f"{text.replace('.', ',')} {word}", expected)
