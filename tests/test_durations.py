"""Tests for sopgen.durations: the Waktu column of sheet Prosedur."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sopgen.durations import (
    Duration,
    DurationError,
    WorkTime,
    format_minutes,
    parse_duration,
)

DAY = 450  # default working day: 7.5 h
WEEK = 5 * DAY
MONTH = 22 * DAY


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
    ],
)
def test_work_time_rejects_impossible_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError) as err:
        WorkTime(**kwargs)  # type: ignore[arg-type]
    assert "harus" in str(err.value) or "bukan angka" in str(err.value)


# --------------------------------------------------------------------------- errors

UNREADABLE = "tidak dapat dibaca"
KETERANGAN = "Keterangan"


@pytest.mark.parametrize("text", ["", " ", "   ", "\t\n", "\u00a0"])
def test_empty_text_is_an_error(text: str) -> None:
    with pytest.raises(DurationError, match="kosong"):
        parse_duration(text)


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "menit",
        "jam",
        "15 detik",  # seconds are not a unit here
        "15 menitan",
        "15 m",
        "1:30",
        "1 jam30 menit",  # parts need a separator
        "1 jam,30 menit",
        "1jam30menit",
        "30 menit 1 jam",  # largest unit first
        "1 jam 2 jam",  # a unit at most once
        "1 hari 1 hk",
        "1 jam dan",
        "1 jam,",
        "dan 1 jam",
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
        "± 15 menit",
        "maksimal 2 hari",
        "--",
        "- -",
        "١٥ menit",  # non-ASCII digits
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
    for unit in ("pekan", "bulan", "bln", "hari kerja"):
        assert unit in message


def test_unreadable_message_quotes_the_text_without_a_cell_reference() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration("  kira-kira sebentar ")
    message = str(err.value)
    assert message.startswith("Waktu 'kira-kira sebentar' tidak dapat dibaca.")
    assert "Prosedur" not in message and "!" not in message


def test_long_text_is_cut_short_in_the_message() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration("x" * 500)
    assert len(str(err.value)) < 400
    assert "…" in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "Paling lambat tanggal 10 setiap bulan",
        "paling lambat 3 hari",
        "Selambat-lambatnya 2 hari setelah surat diterima",
        "Tanggal 5",
        "tgl. 10",
        "Setiap hari Senin",
        "tiap bulan",
        "2 hari sebelum rapat",
        "1 hari sesudah disposisi",
        "SETELAH DITANDATANGANI",
        "Pukul 09.00",
    ],
)
def test_deadline_text_belongs_in_keterangan(text: str) -> None:
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
        parse_duration("abc")


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
        assert result.is_none == (result.minutes == 0 and result.text in {"-", "–", "—", "−"})


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
    assert parse_duration(f"{n} {word}").minutes == n * factor
    assert parse_duration(f"{n}{word.upper()}").minutes == n * factor


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(UNIT_FACTORS))
def test_range_is_its_upper_bound(a: int, b: int, unit: tuple[str, int]) -> None:
    word, factor = unit
    lo, hi = sorted((a, b))
    assert parse_duration(f"{lo}-{hi} {word}").minutes == hi * factor
    assert parse_duration(f"{lo} {word} s.d. {hi} {word}").minutes == hi * factor
    if lo < hi:
        with pytest.raises(DurationError, match="terbalik"):
            parse_duration(f"{hi} sampai {lo} {word}")


@given(st.integers(0, 10**7))
def test_format_minutes_round_trips(minutes: int) -> None:
    assert parse_duration(format_minutes(minutes)).minutes == minutes


@given(st.integers(0, 10**7), WORK_TIMES)
def test_format_minutes_round_trips_with_any_work_time(minutes: int, work: WorkTime) -> None:
    text = format_minutes(minutes, work)
    assert parse_duration(text, work).minutes == minutes


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
    assert parse_duration(f"{text} {word}").minutes == expected
    assert parse_duration(f"{text.replace('.', ',')} {word}").minutes == expected
