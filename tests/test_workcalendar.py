"""Tests for sopgen.workcalendar: working minutes on real dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopgen.durations import WorkTime
from sopgen.model import Settings
from sopgen.workcalendar import CalendarError, WorkCalendar


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def cal(
    hours: str = "7.5",
    week: int = 5,
    start: str = "07:30",
    extra: tuple[str, ...] = (),
) -> WorkCalendar:
    s = Settings(
        work=WorkTime(hours_per_day=Decimal(hours), days_per_week=week),
        day_start=dt.time.fromisoformat(start),
    )
    return WorkCalendar(s, [dt.date.fromisoformat(d) for d in extra])


def hours_of(c: WorkCalendar, day: str) -> list[str]:
    return [f"{a:%H:%M}-{b:%H:%M}" for a, b in c.day_segments(dt.date.fromisoformat(day))]


# --------------------------------------------------------------------------- the working day


@pytest.mark.parametrize(
    ("calendar", "day", "expected"),
    [
        # Perpres 21/2023 default: 07:30-16:00, Friday 07:30-16:30 (90-minute break from 11:30)
        (cal(), "2023-08-14", ["07:30-12:00", "13:00-16:00"]),  # Monday
        (cal(), "2023-08-18", ["07:30-11:30", "13:00-16:30"]),  # Friday
        (cal(), "2023-08-19", []),  # Saturday
        (cal(), "2023-08-20", []),  # Sunday
        (cal(), "2023-08-17", []),  # Hari Kemerdekaan, a Thursday
        (cal(), "2023-12-25", []),  # Christmas, a Monday
        (cal(week=6), "2023-08-19", ["07:30-12:00", "13:00-16:00"]),  # 6 days: Saturday works
        (cal(week=6), "2023-08-20", []),
        (cal(hours="8"), "2023-08-14", ["07:30-12:00", "13:00-16:30"]),
        (cal(hours="8"), "2023-08-18", ["07:30-11:30", "13:00-17:00"]),
        (cal(start="08:00"), "2023-08-14", ["08:00-12:00", "13:00-16:30"]),
        (cal(hours="4"), "2023-08-14", ["07:30-11:30"]),  # over before the break
        (cal(start="13:30", hours="4"), "2023-08-14", ["13:30-17:30"]),  # starts after it
        (cal(extra=("2023-08-14",)), "2023-08-14", []),  # a Libur date
    ],
)
def test_day_segments(calendar: WorkCalendar, day: str, expected: list[str]) -> None:
    assert hours_of(calendar, day) == expected


def test_a_day_too_long_for_its_break_works_through_it() -> None:
    # 23.5 hours plus a 60-minute break would run into the next day's start.
    c = cal(hours="23.5", start="00:00")
    assert hours_of(c, "2023-08-14") == ["00:00-23:30"]


# --------------------------------------------------------------------------- moving in working time


@pytest.mark.parametrize(
    ("start", "minutes", "finish"),
    [
        ("2023-08-14T07:30", 0, "2023-08-14T07:30"),
        ("2023-08-14T07:30", 15, "2023-08-14T07:45"),
        ("2023-08-14T07:30", 270, "2023-08-14T12:00"),  # ends at the break, stays there
        ("2023-08-14T07:30", 271, "2023-08-14T13:01"),
        ("2023-08-14T07:30", 450, "2023-08-14T16:00"),  # a whole day ends at 16:00
        ("2023-08-14T07:30", 451, "2023-08-15T07:31"),
        ("2023-08-14T12:15", 30, "2023-08-14T13:30"),  # inside the break: wait for 13:00
        ("2023-08-14T06:00", 30, "2023-08-14T08:00"),  # before Jam Masuk
        ("2023-08-14T17:00", 30, "2023-08-15T08:00"),  # after hours
        # Friday's longer break: 11:30-13:00
        ("2023-08-18T11:00", 60, "2023-08-18T13:30"),
        ("2023-08-17T11:00", 60, "2023-08-18T08:30"),  # 17 Agustus is no working day
        # the weekend: Friday 16:00 + 60 minutes -> Monday 08:00
        ("2023-08-25T16:00", 60, "2023-08-28T08:00"),
        # five working days from a Monday: the Monday after
        ("2023-08-21T07:30", 5 * 450, "2023-08-25T16:30"),
    ],
)
def test_advance(start: str, minutes: int, finish: str) -> None:
    assert cal().advance(at(start), minutes) == at(finish)


def test_a_start_just_before_17_agustus_skips_it() -> None:
    c = cal()
    first = c.start_of(dt.date(2023, 8, 16))  # Wednesday; Thursday is Hari Kemerdekaan
    placed = c.schedule(first, [450, 35])
    assert placed == [
        (at("2023-08-16T07:30"), at("2023-08-16T16:00")),
        (at("2023-08-18T07:30"), at("2023-08-18T08:05")),
    ]


def test_libur_dates_are_skipped_too() -> None:
    # 18 August 2023 as an extra day off (cuti bersama): on to Monday 21 August.
    c = cal(extra=("2023-08-18",))
    placed = c.schedule(c.start_of(dt.date(2023, 8, 16)), [450, 35])
    assert placed[1] == (at("2023-08-21T07:30"), at("2023-08-21T08:05"))


def test_a_start_on_a_day_off_begins_on_the_next_working_day() -> None:
    c = cal()
    assert c.start_of(dt.date(2023, 8, 19)) == at("2023-08-21T07:30")  # Saturday
    assert c.start_of(dt.date(2023, 8, 17)) == at("2023-08-18T07:30")  # 17 Agustus


def test_friday_break_is_longer_than_thursday_break() -> None:
    c = cal()
    thursday = c.advance(at("2023-08-24T07:30"), 300)
    friday = c.advance(at("2023-08-25T07:30"), 300)
    assert thursday == at("2023-08-24T13:30")
    assert friday == at("2023-08-25T14:00")


def test_zero_minute_steps_do_not_move_but_start_at_working_time() -> None:
    c = cal()
    placed = c.schedule(at("2023-08-14T07:30"), [450, 0, 15])
    assert placed == [
        (at("2023-08-14T07:30"), at("2023-08-14T16:00")),
        (at("2023-08-15T07:30"), at("2023-08-15T07:30")),
        (at("2023-08-15T07:30"), at("2023-08-15T07:45")),
    ]


def test_a_late_jam_masuk_runs_past_midnight() -> None:
    c = cal(start="20:00")
    assert c.advance(at("2023-08-14T20:00"), 450) == at("2023-08-15T03:30")
    # At 01:00 on Tuesday, Monday's shift is still running.
    assert c.next_working(at("2023-08-15T01:00")) == at("2023-08-15T01:00")


def test_weekday_hours_for_printing() -> None:
    assert cal().weekday_hours(4) == (
        (dt.time(7, 30), dt.time(11, 30)),
        (dt.time(13, 0), dt.time(16, 30)),
    )


def test_a_finish_beyond_the_horizon_is_an_error_not_a_hang() -> None:
    c = cal()
    with pytest.raises(CalendarError, match="lebih dari 100 tahun"):
        c.advance(at("2023-08-14T07:30"), 450 * 260 * 101)


def test_near_the_end_of_time_is_an_error_not_an_overflow() -> None:
    with pytest.raises(CalendarError):
        cal().advance(at("9999-12-20T07:30"), 450 * 30)


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError):
        cal().advance(at("2023-08-14T07:30"), -1)


# --------------------------------------------------------------------------- properties

moments = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(
    start=moments,
    minutes=st.integers(min_value=0, max_value=450 * 40),
    hours=st.sampled_from(["7.5", "8", "6", "4", "9.25"]),
    week=st.sampled_from([5, 6]),
    clock=st.sampled_from(["07:30", "08:00", "06:45", "13:00"]),
)
def test_advance_counts_exactly_the_working_minutes(
    start: dt.datetime, minutes: int, hours: str, week: int, clock: str
) -> None:
    c = cal(hours=hours, week=week, start=clock)
    start = start.replace(second=0, microsecond=0)
    finish = c.advance(start, minutes)
    assert finish >= start
    assert c.minutes_between(start, finish) == minutes
    if minutes:
        assert c.minutes_between(c.next_working(start), finish) == minutes
