"""Many workbooks -> files: discovery, incremental skipping, worker processes.

The main process finds the jobs and decides what is up to date; workers
(each keeping WeasyPrint's fonts and the font metrics loaded across
documents) build each workbook with `build.build_one`, as a single-file build
does in-process; the main process installs nothing itself but records every
result in the manifest.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sopgen import __version__
from sopgen import messages as msg
from sopgen.manifest import Entry, Manifest, OutputFile, file_sha256

if TYPE_CHECKING:
    from concurrent.futures import Future

    from sopgen.model import Sop


@dataclass(frozen=True)
class Job:
    source: Path
    key: str  # output path without suffix, relative to the output folder: "bidang-a/sop-01"
    out_dir: Path
    formats: tuple[str, ...]
    pdfa: bool
    gantt: bool

    def options(self) -> str:
        return f"formats={','.join(self.formats)};pdfa={self.pdfa};gantt={self.gantt}"


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # built, skipped, failed, unreadable
    lines: tuple[str, ...] = ()  # problems and warnings as check prints them
    entry: Entry | None = None
    errors: tuple[str, ...] = ()  # the error lines alone, for the summary


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def discover(paths: Sequence[Path], out_dir: Path) -> tuple[list[Job], list[str]]:
    """Every workbook under the given folders, outputs mirroring their sub-folders.

    A file given directly lands in the output folder itself. Returns the jobs
    and the lines for arguments that cannot be used (missing, not .xlsx, a
    clash of two workbooks over one output name).
    """
    raw: list[tuple[Path, str]] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*.xlsx")):
                if found.name.startswith("~$") or not found.is_file():
                    continue  # Excel's lock file of an open workbook
                if _inside(found, out_dir):
                    continue
                rel = found.relative_to(path).with_suffix("")
                raw.append((found, rel.as_posix()))
        else:
            raw.append((path, path.stem))
    seen: dict[str, Path] = {}
    jobs: list[tuple[Path, str]] = []
    for source, key in raw:
        if key in seen:
            problems.append(msg.output_clash(str(source), str(seen[key])))
            continue
        seen[key] = source
        jobs.append((source, key))
    return [Job(s, k, out_dir, (), False, False) for s, k in jobs], problems


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def input_hash(job: Job, logo: Path | None) -> str:
    """Everything a build depends on: the workbook, its logo, templates, version, options."""
    h = hashlib.sha256()
    h.update(job.source.read_bytes())
    h.update(b"\0logo\0")
    if logo is not None and logo.is_file():
        h.update(logo.read_bytes())
    h.update(b"\0templates\0" + templates_digest().encode())
    h.update(b"\0" + __version__.encode() + b"\0" + job.options().encode())
    return h.hexdigest()


_TEMPLATES_DIGEST: list[str] = []
_TEMPLATE_SUFFIXES = (".css", ".j2", ".docx")


def templates_digest() -> str:
    """The templates and sopgen's own code: a fix between releases rebuilds too."""
    if not _TEMPLATES_DIGEST:
        package = Path(__file__).parent
        parts = [(f"templates/{t.name}", t.read_bytes())
                 for t in resources.files("sopgen.templates").iterdir()
                 if t.name.endswith(_TEMPLATE_SUFFIXES)]
        parts += [(p.relative_to(package).as_posix(), p.read_bytes())
                  for p in package.rglob("*.py")]
        h = hashlib.sha256()
        for name, data in sorted(parts):
            h.update(name.encode() + b"\0" + data)
        _TEMPLATES_DIGEST.append(h.hexdigest())
    return _TEMPLATES_DIGEST[0]


def up_to_date(job: Job, manifest: Manifest) -> bool:
    """The last build recorded the same inputs, and its outputs are still there, intact."""
    entry = manifest.entries.get(job.key)
    if entry is None or not _plain_file(job.source):
        return False  # a pipe or a huge file is not hashed here: the build refuses it
    if entry.input_hash != input_hash(job, entry.logo_path()):
        return False
    if {o.format for o in entry.outputs} != set(job.formats):
        return False
    for output in entry.outputs:
        path = job.out_dir / output.path
        if not path.is_file() or path.stat().st_size != output.size:
            return False
        if file_sha256(path) != output.sha256:
            return False
    return True


def _plain_file(path: Path) -> bool:
    from sopgen.workbook import MAX_FILE_BYTES

    try:
        info = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES


def work(job: Job) -> Outcome:
    """Build one workbook (runs in a worker, or in-process for a single file)."""
    from sopgen.workbook import WorkbookUnreadable

    try:
        return _work(job)
    except WorkbookUnreadable as err:
        return Outcome(job, "unreadable", (str(err),), errors=(str(err),))
    except OSError as err:
        line = msg.cannot_write(str(job.out_dir), err.strerror or "")
        return Outcome(job, "failed", (line,), errors=(line,))
    except Exception as err:  # one broken workbook must not stop the other 199
        if os.environ.get("SOPGEN_DEBUG"):
            raise
        line = msg.internal_error(type(err).__name__)
        return Outcome(job, "failed", (line,), errors=(line,))


def _work(job: Job) -> Outcome:
    from sopgen.build import build_one

    built = build_one(job.source, job.out_dir, job.key, job.formats, pdfa=job.pdfa,
                      gantt=job.gantt)
    prepared = built.prepared
    lines = tuple(str(p) for p in prepared.problems)
    if prepared.sop is None or not built.outputs:
        return Outcome(job, "failed", lines, errors=tuple(str(p) for p in prepared.errors))
    return Outcome(job, "built", lines, manifest_entry(job, prepared.sop, built.outputs))


def manifest_entry(job: Job, sop: Sop, outputs: tuple[OutputFile, ...]) -> Entry:
    """What the manifest records of one built workbook (`sopgen build` and `sopgen serve`)."""
    ident = sop.identity
    logo = ident.logo
    return Entry(
        key=job.key,
        source=job.source.as_posix(),
        nomor=ident.nomor,
        nama=ident.nama,
        tanggal_efektif=ident.tanggal_efektif.isoformat(),
        tanggal_revisi=ident.tanggal_revisi.isoformat() if ident.tanggal_revisi else None,
        input_hash=input_hash(job, logo),
        logo=logo.as_posix() if logo else None,
        outputs=outputs,
    )


def warm_up() -> None:
    """Load what every document needs once per worker, not once per document."""
    from sopgen import fonts
    from sopgen.render import docx, html  # noqa: F401

    fonts.metrics(False)
    fonts.metrics(True)
    html._style()


def run(
    jobs: Sequence[Job],
    *,
    workers: int,
    force: bool,
    on_done: Callable[[Outcome], None],
) -> Summary:
    """Build the jobs that are not up to date, record them, return every outcome."""
    summary = Summary()
    if not jobs:
        return summary
    out_dir = jobs[0].out_dir
    manifest = Manifest.load(out_dir)
    todo: list[Job] = []
    for job in jobs:
        if not force and up_to_date(job, manifest):
            outcome = Outcome(job, "skipped")
            summary.outcomes.append(outcome)
            on_done(outcome)
        else:
            todo.append(job)
    for outcome in _execute(todo, workers):
        summary.outcomes.append(outcome)
        on_done(outcome)
    built = [o.entry for o in summary.outcomes if o.entry is not None]
    if built:
        Manifest.update(out_dir, built)
    return summary


def _execute(todo: Sequence[Job], workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(todo) <= 1:
        yield from (work(job) for job in todo)
        return
    from concurrent.futures import ProcessPoolExecutor  # a single file needs no pool

    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=warm_up) as pool:
        futures: list[Future[Outcome]] = [pool.submit(work, job) for job in todo]
        yield from _as_completed(futures)


def _as_completed(futures: Iterable[Future[Outcome]]) -> Iterator[Outcome]:
    from concurrent.futures import as_completed

    for future in as_completed(list(futures)):
        yield future.result()


def default_workers() -> int:
    return os.cpu_count() or 1
