"""The timeline as a planner reads it: terminal table, JSON, or CSV for Excel.

Kept apart from `sopgen.timeline` so the numbers have one home and the
wording another. The CSV is for Excel in an Indonesian locale: `;` between
fields (the locale's list separator, since its decimal separator is the
comma), a UTF-8 byte-order mark so Excel does not guess a code page, and CRLF
line ends. Every output is a pure function of the timeline: no clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table

from sopgen import messages as msg
from sopgen.durations import format_minutes
from sopgen.model import Sop
from sopgen.timeline import Timeline, iso_minute
from sopgen.workcalendar import WorkCalendar

__all__ = ["KEGIATAN_WIDTH", "render_csv", "render_json", "render_table", "shorten"]

KEGIATAN_WIDTH = 40
_WIDE_CONSOLE = 200  # when not on a terminal: never squeeze the table


def shorten(text: str, width: int = KEGIATAN_WIDTH) -> str:
    """One line of at most `width` characters, cut at a word with '…'."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut and flat[width - 1] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def roles_text(sop: Sop, no: int) -> str:
    """Role labels of a step ('Kabid; Kasi'): the Singkatan where there is one."""
    return "; ".join(sop.roles[i].label for i in sop.step(no).roles)


def moment_text(moment: dt.datetime) -> str:
    return msg.when(
        moment.year, moment.month, moment.day, moment.weekday(), moment.hour, moment.minute
    )


def _hours(value: Decimal) -> str:
    """'7,5', '8': hours as the sheet writes them."""
    return format(value.normalize(), "f").replace(".", ",")


def _day_ranges(weekdays: list[int]) -> str:
    """[0, 1, 2, 3, 5] -> 'Senin-Kamis, Sabtu'."""
    runs: list[list[int]] = []
    for d in weekdays:
        if runs and runs[-1][-1] == d - 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(
        msg.WEEKDAYS[r[0]] if len(r) == 1 else f"{msg.WEEKDAYS[r[0]]}-{msg.WEEKDAYS[r[-1]]}"
        for r in runs
    )


def _calendar_basis(sop: Sop) -> str:
    """'Senin-Kamis 07:30-12:00 dan 13:00-16:00; Jumat ...': the working hours used."""
    calendar = WorkCalendar(sop.settings)
    groups: dict[tuple[tuple[dt.time, dt.time], ...], list[int]] = {}
    for weekday in range(sop.settings.work.days_per_week):
        groups.setdefault(calendar.weekday_hours(weekday), []).append(weekday)
    spans = [
        _day_ranges(weekdays) + " " + " dan ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in hours)
        for hours, weekdays in groups.items()
    ]
    return msg.timeline_calendar_basis("; ".join(spans))


def summary_lines(sop: Sop, tl: Timeline) -> list[str]:
    """The totals printed under the table, one sentence or item a line."""
    work = tl.work
    lines = [
        msg.timeline_total(tl.total_minutes, tl.total_text, tl.main_path),
        msg.timeline_work(_hours(work.hours_per_day), work.days_per_week, work.days_per_month),
        "",
        msg.timeline_roles_heading(),
    ]
    width = max((len(r.name) for r in tl.roles), default=0)
    for role in tl.roles:
        lines.append(
            f"  {role.name:<{width}}  {msg.minutes_number(role.minutes):>9} menit"
            f"  {format_minutes(role.minutes, work)}"
        )
    if tl.loops:
        lines += ["", msg.timeline_loops_heading()]
        for lp in tl.loops:
            text = format_minutes(lp.minutes, work)
            lines.append("  " + msg.timeline_loop(lp.frm, lp.to, lp.minutes, text, lp.on_main_path))
        total = tl.total_with_loops_minutes
        lines.append(msg.timeline_with_loops(total, format_minutes(total, work)))
    if tl.branches:
        lines += ["", msg.timeline_branches_heading()]
        for b in tl.branches:
            text = format_minutes(b.minutes, work)
            lines.append("  " + msg.timeline_branch(b.frm, b.to, b.steps, b.minutes, text))
    lines.append("")
    if tl.start is not None and tl.finish is not None:
        lines.append(msg.timeline_calendar(moment_text(tl.start), moment_text(tl.finish)))
        lines.append(_calendar_basis(sop))
    else:
        lines.append(msg.timeline_no_calendar())
    return lines


def render_table(sop: Sop, tl: Timeline, out: TextIO) -> None:
    """The readable terminal table, then the totals."""
    console = Console(
        file=out,
        width=None if out.isatty() else _WIDE_CONSOLE,
        highlight=False,
        emoji=False,
        markup=False,
    )
    calendar = tl.start is not None
    table = Table(title=msg.timeline_heading(sop.identity.nama, sop.identity.nomor),
                  box=box.SIMPLE_HEAD, title_justify="left")
    columns = msg.TIMELINE_COLUMNS + (msg.TIMELINE_CALENDAR_COLUMNS if calendar else ())
    numeric = {msg.TIMELINE_COLUMNS[0], msg.TIMELINE_COLUMNS[4], msg.TIMELINE_COLUMNS[5]}
    for name in columns:
        table.add_column(name, justify="right" if name in numeric else "left", no_wrap=True)
    for st in tl.steps:
        step = sop.step(st.no)
        row = [
            str(st.no),
            shorten(step.kegiatan),
            roles_text(sop, st.no),
            " ".join(step.waktu.text.split()),
            msg.minutes_number(st.minutes),
            msg.minutes_number(st.cumulative) if st.cumulative is not None else "-",
        ]
        if calendar:
            row += [
                moment_text(st.start) if st.start else "-",
                moment_text(st.finish) if st.finish else "-",
            ]
        table.add_row(*row, style=None if st.on_main_path else "dim")
    console.print(table)
    if any(not st.on_main_path for st in tl.steps):
        console.print(msg.timeline_off_main_note())
        console.print()
    for line in summary_lines(sop, tl):
        console.print(line, soft_wrap=True)


def render_json(tl: Timeline) -> str:
    return json.dumps(tl.as_json(), ensure_ascii=False, indent=2) + "\n"


def render_csv(sop: Sop, tl: Timeline) -> bytes:
    """Steps, a blank row, then the totals; UTF-8 with BOM, `;`, CRLF."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(msg.CSV_STEP_COLUMNS)
    for st in tl.steps:
        step = sop.step(st.no)
        w.writerow([
            st.no,
            " ".join(step.kegiatan.split()),
            roles_text(sop, st.no),
            " ".join(step.waktu.text.split()),
            st.minutes,
            "" if st.cumulative is None else st.cumulative,
            msg.yes_no(st.on_main_path),
            iso_minute(st.start) or "",
            iso_minute(st.finish) or "",
        ])  # fmt: skip
    work = tl.work

    def total(label: str, minutes: int, steps: tuple[int, ...]) -> list[object]:
        return [label, minutes, format_minutes(minutes, work), msg.step_list(steps)]

    w.writerow([])
    w.writerow(msg.CSV_SUMMARY_COLUMNS)
    w.writerow(total(msg.csv_total(), tl.total_minutes, tl.main_path))
    for index, role in enumerate(tl.roles):  # tl.roles is in the order of sop.roles
        on = tuple(n for n in tl.main_path if index in sop.step(n).roles)
        w.writerow(total(msg.csv_role(role.name), role.minutes, on))
    for lp in tl.loops:
        w.writerow(total(msg.csv_loop(lp.frm, lp.to), lp.minutes, lp.steps))
    if tl.loops:
        w.writerow(total(msg.csv_with_loops(), tl.total_with_loops_minutes, ()))
    for b in tl.branches:
        w.writerow(total(msg.csv_branch(b.frm, b.to), b.minutes, b.steps))
    if tl.start is not None and tl.finish is not None:
        w.writerow([msg.csv_start(), "", iso_minute(tl.start), ""])
        w.writerow([msg.csv_finish(), "", iso_minute(tl.finish), ""])
    return buf.getvalue().encode("utf-8-sig")

