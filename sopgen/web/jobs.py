"""One request's work: its place in the pool, its folder, its workbooks through the workers.

`workspace` is the life of a request's files: the declared size is checked and
a place in the pool taken before any byte of the upload is read, the files
land in a new temporary folder, and the folder is removed when the request is
done, whatever happened. Nothing of it outlives the request: the server keeps
no state between requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request

from sopgen import messages as msg
from sopgen.web import unpack, work
from sopgen.web.pool import Busy, JobFailed, JobTimeout, Pool
from sopgen.web.results import Issue, Item, Outcome, Report, Survey
from sopgen.web.upload import Refusal, Upload, declared_size_ok, read_upload

log = logging.getLogger("sopgen.web")

PREFIX = "sopgen-web-"  # every request folder's name starts so (tests look for leftovers)


@dataclass(frozen=True)
class Settings:
    """How the server runs; `sopgen serve` sets token and workers, tests the limits."""

    token: str | None = None
    workers: int = 2
    queue: int = 16  # requests waiting beyond the running ones, then 503
    timeout: float = 120.0  # seconds for one job (one workbook's build)
    max_upload: int = 25 * 1024 * 1024  # a request's body: a 20 MB workbook and its form
    memory_limit: int | None = 3 * 1024**3  # address space of a worker
    recycle_after: int = 100  # jobs before a worker is replaced (gives its memory back)
    temp_root: Path | None = None  # default: the system's temporary folder


@dataclass
class Runtime:
    """What the app holds while it runs: its settings and its pool (`request.app.state`)."""

    settings: Settings
    pool: Pool
    tasks: set[asyncio.Task[None]] = field(default_factory=set)  # page requests streaming
    blank: bytes | None = None  # the blank workbook, made once

    @classmethod
    def of(cls, request: Request) -> Runtime:
        runtime: Runtime = request.app.state.runtime
        return runtime


@contextlib.asynccontextmanager
async def workspace(request: Request, settings: Settings,
                    pool: Pool) -> AsyncIterator[tuple[Path, Upload]]:
    declared_size_ok(request, settings.max_upload)
    try:
        pool.admit()
    except Busy:
        raise Refusal(503, msg.web_busy(), {"Retry-After": "5"}) from None
    try:
        folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=settings.temp_root))
        try:
            yield folder, await read_upload(request, folder, settings.max_upload)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        pool.leave()


async def survey(pool: Pool, folder: Path, upload: Upload) -> Survey:
    try:
        return await pool.run(unpack.survey, folder, upload.files)
    except JobTimeout:
        raise Refusal(500, msg.web_build_timeout(pool.timeout)) from None
    except JobFailed:
        raise Refusal(500, msg.web_internal()) from None


def single_item(found: Survey, upload: Upload) -> Item | Report:
    """The one workbook the API handles, or the report of why there is none."""
    name = upload.files[0].name
    if found.refused:
        return Report(name, "sop", False, found.refused)
    if not found.items:
        return Report(name, "sop", False, (Issue(name, name, "galat", msg.web_no_workbook()),))
    if len(found.items) > 1:
        raise Refusal(400, msg.web_api_one_workbook(len(found.items)))
    return found.items[0]


async def check(pool: Pool, item: Item) -> Report:
    try:
        return await pool.run(work.check, item)
    except (JobTimeout, JobFailed) as err:
        return _failed(pool, item, err)


async def build(pool: Pool, item: Item, formats: Sequence[str], pdfa: bool,
                page: bool = False) -> Outcome:
    try:
        return await pool.run(work.build, item, tuple(formats), pdfa, page)
    except (JobTimeout, JobFailed) as err:
        return Outcome(_failed(pool, item, err))


def _failed(pool: Pool, item: Item, err: Exception) -> Report:
    """A job that did not finish, as a problem at the file: the planner learns which."""
    text = msg.web_build_timeout(pool.timeout) if isinstance(err, JobTimeout) \
        else msg.web_internal()
    log.error("%s: %s (%s)", item.name, type(err).__name__, err)
    return Report(item.name, item.key, False, (Issue(item.name, item.name, "galat", text),),
                  unfinished=True)


def answered(report: Report) -> Report:
    """The API's view: a job that did not finish is the server's failure (500), not an
    invalid workbook (422)."""
    if report.unfinished:
        raise Refusal(500, report.issues[0].message)
    return report
