"""How long an SOP takes: totals over the flow, per role, and on the calendar.

The flow's shapes (main path, loops, branches) come from `sopgen.flow`, so the
totals here always agree with what the layout draws. A day, week and month are
working lengths from Pengaturan, already applied when `Waktu` was parsed; this
module only adds whole minutes.

Renderers call `main_path_minutes(sop)` for the closing row of the sheet, or
`build_timeline(sop)` for everything (per step, per role, loops, branches and,
with a start date, the calendar).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sopgen import flow
from sopgen.durations import WorkTime, format_minutes
from sopgen.model import Sop
from sopgen.workcalendar import WorkCalendar

__all__ = [
    "BranchTime",
    "LoopTime",
    "RoleTime",
    "StepTime",
    "Timeline",
    "build_timeline",
    "iso_minute",
    "main_path_minutes",
]


@dataclass(frozen=True)
class StepTime:
    no: int
    minutes: int
    on_main_path: bool
    cumulative: int | None  # main-path total up to and including this step; None off it
    start: dt.datetime | None  # on the calendar: main-path steps with a start date only
    finish: dt.datetime | None


@dataclass(frozen=True)
class RoleTime:
    """One role's workload over the main path; a joint step counts fully for each role."""

    name: str
    minutes: int


@dataclass(frozen=True)
class LoopTime:
    """Going once around a rework loop: the steps from its target to its decision."""

    frm: int
    to: int
    steps: tuple[int, ...]
    minutes: int
    on_main_path: bool  # its decision is on the main path, so a run can take it


@dataclass(frozen=True)
class BranchTime:
    """An alternative branch: the steps only it reaches."""

    frm: int
    to: int
    steps: tuple[int, ...]
    minutes: int


@dataclass(frozen=True)
class Timeline:
    work: WorkTime
    main_path: tuple[int, ...]
    steps: tuple[StepTime, ...]  # every step, in number order
    total_minutes: int  # the main path
    roles: tuple[RoleTime, ...]  # in the order of sheet Pelaksana
    loops: tuple[LoopTime, ...]
    branches: tuple[BranchTime, ...]
    start: dt.datetime | None = None  # when the first step can start
    finish: dt.datetime | None = None  # when the last main-path step finishes

    @property
    def total_text(self) -> str:
        """'124 hari 2 jam 32 menit': the total as the sheet prints it."""
        return format_minutes(self.total_minutes, self.work)

    @property
    def total_with_loops_minutes(self) -> int:
        """The main path with every loop it can meet taken once.

        A loop whose decision lies off the main path (inside a branch) is never met
        on a main-path run, so it is not added.
        """
        return self.total_minutes + sum(lp.minutes for lp in self.loops if lp.on_main_path)

    def step(self, no: int) -> StepTime:
        return self.steps[no - 1]

    def as_json(self) -> dict[str, Any]:
        """The stable JSON shape documented in docs/timeline.md."""
        return {
            "total_minutes": self.total_minutes,
            "total_text": self.total_text,
            "steps": [
                {
                    "no": s.no,
                    "minutes": s.minutes,
                    "on_main_path": s.on_main_path,
                    "start": iso_minute(s.start),
                    "finish": iso_minute(s.finish),
                }
                for s in self.steps
            ],
            "roles": [{"name": r.name, "minutes": r.minutes} for r in self.roles],
            "loops": [
                {
                    "from": lp.frm,
                    "to": lp.to,
                    "minutes": lp.minutes,
                    "steps": list(lp.steps),
                    "on_main_path": lp.on_main_path,
                }
                for lp in self.loops
            ],
            "branches": [
                {"from": b.frm, "to": b.to, "minutes": b.minutes, "steps": list(b.steps)}
                for b in self.branches
            ],
            "total_with_loops_minutes": self.total_with_loops_minutes,
            "start": iso_minute(self.start),
            "finish": iso_minute(self.finish),
            "main_path": list(self.main_path),
            "work": {
                "minutes_per_day": int(self.work.minutes_per_day),
                "days_per_week": self.work.days_per_week,
                "days_per_month": self.work.days_per_month,
            },
        }


def iso_minute(moment: dt.datetime | None) -> str | None:
    """ISO 8601 local time to the minute, no zone: '2023-08-18T08:05'."""
    return None if moment is None else moment.isoformat(timespec="minutes")


def main_path_minutes(sop: Sop) -> int:
    """Working minutes of the main path: what the sheet's closing row prints."""
    return sum(sop.step(no).waktu.minutes for no in flow.main_path(sop.steps))


def build_timeline(sop: Sop, start: dt.date | None = None) -> Timeline:
    """Every total of the SOP; with a start date (or Tanggal Mulai) also the calendar.

    `start` wins over Tanggal Mulai. Raises `CalendarError` when the finish lies
    beyond the calendar's horizon.
    """
    path = flow.main_path(sop.steps)
    on_main = set(path)
    minutes = {s.no: s.waktu.minutes for s in sop.steps}

    cumulative: dict[int, int] = {}
    running = 0
    for no in path:
        running += minutes[no]
        cumulative[no] = running

    day = start if start is not None else sop.settings.start_date
    placed: dict[int, tuple[dt.datetime, dt.datetime]] = {}
    first: dt.datetime | None = None
    if day is not None:
        calendar = WorkCalendar.for_sop(sop)
        first = calendar.start_of(day)
        placed = dict(
            zip(path, calendar.schedule(first, [minutes[no] for no in path]), strict=True)
        )

    steps = tuple(
        StepTime(
            no=s.no,
            minutes=minutes[s.no],
            on_main_path=s.no in on_main,
            cumulative=cumulative.get(s.no),
            start=placed[s.no][0] if s.no in placed else None,
            finish=placed[s.no][1] if s.no in placed else None,
        )
        for s in sop.steps
    )
    roles = tuple(
        RoleTime(role.name, sum(minutes[no] for no in path if i in sop.step(no).roles))
        for i, role in enumerate(sop.roles)
    )
    loops = tuple(
        LoopTime(lp.frm, lp.to, lp.steps, sum(minutes[n] for n in lp.steps), lp.frm in on_main)
        for lp in flow.loops(sop.steps)
    )
    branches = tuple(
        BranchTime(b.frm, b.to, b.steps, sum(minutes[n] for n in b.steps))
        for b in flow.branches(sop.steps)
    )
    return Timeline(
        work=sop.settings.work,
        main_path=path,
        steps=steps,
        total_minutes=running,
        roles=roles,
        loops=loops,
        branches=branches,
        start=first,
        finish=placed[path[-1]][1] if placed and path else None,
    )
