"""The jobs a worker process runs: check, build, the blank workbook.

Each is `sopgen check` or `sopgen build` for one workbook of a request
(`build.prepare`, `build.build_one`, `build.render`), answered as the records of
`results.py`. The heavy modules are imported inside the functions, so the
server process, which only needs these functions' names to send them, never
loads them; the workers do, once, through `warm_up`.

Messages name the workbook as the planner does: the server's file name for it
never shows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sopgen.manifest import Entry, OutputFile
from sopgen.web.results import Built, Issue, Item, Level, Outcome, Report, RoleLoad, Timing

if TYPE_CHECKING:
    from sopgen.build import Prepared
    from sopgen.model import Problem, Sop

PREVIEW_PIXELS = 1200  # a page's longer side: sharp at the page's width on a 1366 laptop
MAX_PREVIEW_PAGES = 40
PREVIEW_TIMEOUT = 60.0


def warm_up() -> None:
    """Load what every job needs once per worker (fonts, WeasyPrint's styles, the reader)."""
    from sopgen import batch, build, newbook, timeline  # noqa: F401
    from sopgen.gantt import gantt_svg  # noqa: F401

    batch.warm_up()


def check(item: Item) -> Report:
    """`sopgen check` of one workbook, layout included."""
    from sopgen.build import prepare
    from sopgen.workbook import WorkbookUnreadable

    try:
        prepared = prepare(item.source, item.images)
    except WorkbookUnreadable as err:
        return _unreadable(item, err)
    return _report(item, prepared.problems)


def build(item: Item, formats: Sequence[str], pdfa: bool, page: bool = False) -> Outcome:
    """`sopgen build` of one workbook into its folder; the documents come back as bytes.

    `page`: the page's single workbook, which also gets a plain PDF beside the
    PDF/A-3b, the timeline with its Gantt picture, and a picture of every page.
    """
    from sopgen.build import build_one, render
    from sopgen.workbook import WorkbookUnreadable

    original = PurePosixPath(item.name).name
    try:
        built = build_one(item.source, item.folder, "sop", tuple(formats), pdfa=pdfa and not page,
                          images=item.images, source_name=original)
    except WorkbookUnreadable as err:
        return Outcome(_unreadable(item, err))
    prepared = built.prepared
    report = _report(item, prepared.problems)
    if not built.outputs or prepared.sop is None or prepared.document is None:
        return Outcome(report)
    files = [Built(o.format, f"{item.key}.{o.format}", (item.folder / o.path).read_bytes())
             for o in built.outputs]
    if page:
        archive = render("pdf", prepared.sop, prepared.document, pdfa=True,
                         source_name=original)
        files.append(Built("pdfa", f"{item.key}-pdfa.pdf", archive))
    entry = _entry(item, prepared.sop, formats, pdfa, files)
    if not page:
        return Outcome(report, tuple(files), entry)
    pdf = next(f.data for f in files if f.format == "pdf")
    previews, missing = _previews(pdf, item.folder)
    return Outcome(report, tuple(files), entry, _timing(prepared), previews, missing)


def blank_workbook(folder: Path) -> bytes:
    """What `sopgen new` writes."""
    from sopgen.newbook import write_blank_workbook

    path = folder / "sop-baru.xlsx"
    write_blank_workbook(path)
    return path.read_bytes()


def _entry(item: Item, sop: Sop, formats: Sequence[str], pdfa: bool,
           files: Sequence[Built]) -> Entry:
    """The manifest's record, naming the workbook and its logo as the planner does."""
    from sopgen.batch import Job, manifest_entry

    job = Job(item.source, item.key, item.folder, tuple(formats), pdfa, False)
    outputs = tuple(OutputFile(f.format, f.name, hashlib.sha256(f.data).hexdigest(), len(f.data))
                    for f in files)
    entry = manifest_entry(job, sop, outputs)
    logo = sop.identity.logo
    return dataclasses.replace(entry, source=item.name,
                               logo=item.image_names.get(logo) if logo else None)


def _report(item: Item, problems: Sequence[Problem]) -> Report:
    return Report(item.name, item.key, True, tuple(_issue(item, p) for p in problems))


def _issue(item: Item, problem: Problem) -> Issue:
    level: Level = "peringatan" if problem.warning else "galat"
    text = problem.text.replace(str(item.source), item.name)
    if problem.loc.sheet in (item.source.name, str(item.source)):  # the file, not a sheet
        return Issue(item.name, item.name, level, text)
    return Issue(str(problem.loc), problem.loc.sheet, level, text)


def _unreadable(item: Item, err: Exception) -> Report:
    """No workbook at all: `check`'s sentence, at the file's name."""
    text = str(err).removeprefix(f"{item.source}: ").replace(str(item.source), item.name)
    return Report(item.name, item.key, False, (Issue(item.name, item.name, "galat", text),))


def _timing(prepared: Prepared) -> Timing:
    from sopgen.durations import format_minutes
    from sopgen.gantt import gantt_svg
    from sopgen.timeline import build_timeline
    from sopgen.workcalendar import CalendarError

    sop = prepared.sop
    assert sop is not None
    try:
        tl = build_timeline(sop)
    except CalendarError:  # Tanggal Mulai too far ahead: the page shows no calendar anyway
        settings = dataclasses.replace(sop.settings, start_date=None)
        sop = dataclasses.replace(sop, settings=settings)
        tl = build_timeline(sop)
    loops = format_minutes(tl.total_with_loops_minutes, tl.work) if tl.loops else None
    roles = tuple(RoleLoad(r.name, format_minutes(r.minutes, tl.work)) for r in tl.roles)
    return Timing(tl.total_text, len(tl.main_path), loops, roles, gantt_svg(sop, tl))


def _previews(pdf: bytes, folder: Path) -> tuple[tuple[bytes, ...], bool]:
    """A PNG of each page, drawn from the PDF itself by poppler's pdftoppm."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return (), True
    source = folder / "pratinjau.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [exe, "-png", "-scale-to", str(PREVIEW_PIXELS), "-l", str(MAX_PREVIEW_PAGES),
         str(source), str(folder / "halaman")],
        check=True, capture_output=True, timeout=PREVIEW_TIMEOUT, stdin=subprocess.DEVNULL,
    )
    pages = sorted(folder.glob("halaman-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return tuple(p.read_bytes() for p in pages), False
