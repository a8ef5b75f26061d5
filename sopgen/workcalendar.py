"""The Indonesian working calendar: when working minutes fall on real dates.

The spec's sheet `Pengaturan` defines the working day: it starts at Jam Masuk
and runs for the working hours, with a 60-minute break at 12:00 (90 minutes
from 11:30 on Friday); a week has 5 (Monday-Friday) or 6 (Monday-Saturday)
working days. National public holidays come from the `holidays` package
(country ID, its default "public" category; cuti bersama is not in it, so
planners add those on sheet `Libur`). Times are naive local datetimes with
whole minutes: nothing here reads a clock or a time zone.

Conventions, chosen so a printed schedule reads naturally:
- a stretch of work that ends exactly at a break or at the end of a day
  finishes there (16:00), it does not roll over to the next morning;
- the next stretch starts at the next working moment (13:00, or 07:30 of the
  next working day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from sopgen import messages as msg
from sopgen.model import Settings, Sop

__all__ = ["HORIZON_YEARS", "CalendarError", "WorkCalendar"]

_NOON: Final = 12 * 60
_BREAK: Final = (_NOON, _NOON + 60)  # minutes after midnight: 12:00-13:00
_FRIDAY_BREAK: Final = (11 * 60 + 30, _NOON + 60)  # 11:30-13:00, for Friday prayers
_FRIDAY: Final = 4
_DAY: Final = 24 * 60

# A schedule never looks further than this past its starting point: a typo such as
# '1000 bulan' must end with a message, not a loop over thousands of years.
HORIZON_YEARS: Final = 100

Segment = tuple[dt.datetime, dt.datetime]


class CalendarError(ValueError):
    """The schedule cannot be placed on the calendar; str() is the Indonesian sentence."""


class WorkCalendar:
    """Working days and hours from Pengaturan, minus public holidays and Libur dates."""

    def __init__(self, settings: Settings, extra_holidays: Iterable[dt.date] = ()) -> None:
        self.settings = settings
        self._minutes_per_day = int(settings.work.minutes_per_day)  # whole by WorkTime
        self._day_start = settings.day_start.hour * 60 + settings.day_start.minute
        self._extra = frozenset(extra_holidays)
        import holidays  # here, not at import: `build` needs totals, not the calendar

        self._public = holidays.country_holidays("ID")  # fills each year on first lookup

    @classmethod
    def for_sop(cls, sop: Sop) -> WorkCalendar:
        """The calendar of one SOP: its Pengaturan and its Libur dates."""
        return cls(sop.settings, (h.day for h in sop.holidays))

    # --- days ------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        return (
            day.weekday() < self.settings.work.days_per_week
            and day not in self._extra
            and day not in self._public
        )

    def _spans(self, weekday: int) -> tuple[tuple[int, int], ...]:
        """Working stretches of a working day, in minutes after its midnight."""
        lo, hi = _FRIDAY_BREAK if weekday == _FRIDAY else _BREAK
        cursor, left = self._day_start, self._minutes_per_day
        parts: list[tuple[int, int]] = []
        # A day too long to fit its break within 24 hours works through it instead of
        # running into the next day's start.
        if left + (hi - lo) <= _DAY and cursor < hi and cursor + left > lo:
            if cursor < lo:
                parts.append((cursor, lo))
                left -= lo - cursor
            cursor = hi
        parts.append((cursor, cursor + left))
        return tuple((a, b) for a, b in parts if b > a)

    def weekday_hours(self, weekday: int) -> tuple[tuple[dt.time, dt.time], ...]:
        """Clock times of a working day's stretches (Monday is 0), for printing."""
        return tuple(
            (dt.time((a // 60) % 24, a % 60), dt.time((b // 60) % 24, b % 60))
            for a, b in self._spans(weekday)
        )

    def day_segments(self, day: dt.date) -> tuple[Segment, ...]:
        """The working stretches of `day` (empty on a day off), around the break."""
        if not self.is_working_day(day):
            return ()
        midnight = dt.datetime.combine(day, dt.time())
        return tuple(
            (midnight + dt.timedelta(minutes=a), midnight + dt.timedelta(minutes=b))
            for a, b in self._spans(day.weekday())
        )

    def _segments_from(
        self, moment: dt.datetime, horizon: dt.date | None = None
    ) -> Iterator[Segment]:
        """Working stretches that end after `moment`, in time order, up to the horizon."""
        limit = horizon if horizon is not None else self.horizon(moment)
        # The day before may still be working after midnight (a late Jam Masuk).
        day = moment.date() - dt.timedelta(days=1) if moment.date() > dt.date.min else moment.date()
        while day <= limit:
            for seg in self.day_segments(day):
                if seg[1] > moment:
                    yield seg
            day += dt.timedelta(days=1)
        raise CalendarError(msg.calendar_too_far(HORIZON_YEARS))

    @staticmethod
    def horizon(moment: dt.datetime) -> dt.date:
        """The last day a schedule starting at `moment` may reach."""
        last = dt.date.max - dt.timedelta(days=2)  # room for a shift past midnight
        if moment.year + HORIZON_YEARS > last.year:
            return last
        return moment.date().replace(year=moment.year + HORIZON_YEARS, day=min(moment.day, 28))

    # --- moments ---------------------------------------------------------------

    def next_working(self, moment: dt.datetime, horizon: dt.date | None = None) -> dt.datetime:
        """The earliest working moment at or after `moment`."""
        for start, _end in self._segments_from(moment, horizon):
            return max(start, moment)
        raise AssertionError("unreachable: _segments_from raises at the horizon")

    def advance(
        self, moment: dt.datetime, minutes: int, horizon: dt.date | None = None
    ) -> dt.datetime:
        """The moment `minutes` working minutes after `moment` (see the conventions above)."""
        if minutes < 0:
            raise ValueError(f"minutes must not be negative: {minutes}")
        if minutes == 0:
            return self.next_working(moment, horizon)
        left = minutes
        for start, end in self._segments_from(moment, horizon):
            begin = max(start, moment)
            available = int((end - begin).total_seconds() // 60)
            if left <= available:
                return begin + dt.timedelta(minutes=left)
            left -= available
        raise AssertionError("unreachable: _segments_from raises at the horizon")

    def minutes_between(self, first: dt.datetime, last: dt.datetime) -> int:
        """Working minutes in [first, last): the inverse of `advance`, used to check it."""
        if last <= first:
            return 0
        total = 0
        for start, end in self._segments_from(first):
            if start >= last:
                break
            begin, stop = max(start, first), min(end, last)
            total += int((stop - begin).total_seconds() // 60)
        return total

    def start_of(self, day: dt.date) -> dt.datetime:
        """When work on `day` can begin: Jam Masuk, or the next working moment after it."""
        return self.next_working(dt.datetime.combine(day, self.settings.day_start))

    def schedule(
        self, first: dt.datetime, minutes: Sequence[int]
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        """(start, finish) of consecutive stretches of work, each starting after the last."""
        placed: list[tuple[dt.datetime, dt.datetime]] = []
        moment = first
        horizon = self.horizon(first)  # for the whole schedule, not each step
        for length in minutes:
            start = self.next_working(moment, horizon)
            finish = start if length == 0 else self.advance(start, length, horizon)
            placed.append((start, finish))
            moment = finish
        return placed
