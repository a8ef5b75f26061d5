"""The planner's page: the blank workbook, the drop zone, and what came of an upload.

`POST /unggah` answers a stream of JSON lines (`application/x-ndjson`), so the
page can show the building's progress while it happens: `progress` lines,
then one `result` line with the result's HTML and the documents (base64)
that its download buttons offer, or an `error` line. The work runs in a task
of its own: a client that leaves cancels it, and its folder is removed either
way.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from sopgen import messages as msg
from sopgen.web import auth, jobs, views, work
from sopgen.web.bundle import zip_documents
from sopgen.web.pool import JobFailed, JobTimeout
from sopgen.web.results import Item, Outcome, Report
from sopgen.web.upload import Refusal, Upload

log = logging.getLogger("sopgen.web")
router = APIRouter(include_in_schema=False)
MAX_TOKEN_FORM = 4096


def _allowed(request: Request) -> bool:
    return auth.allowed(request, jobs.Runtime.of(request).settings.token)


def _home(request: Request) -> dict[str, Any]:
    settings = jobs.Runtime.of(request).settings
    return {"max_upload": settings.max_upload, "max_upload_text": msg.web_size(settings.max_upload)}


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    if not _allowed(request):
        return HTMLResponse(views.page("token.html.j2", error=None), status_code=401)
    return HTMLResponse(views.page("beranda.html.j2", **_home(request)))


@router.post("/masuk")
async def sign_in(request: Request) -> Response:
    """The token page's form: a cookie for this browser, then the home page."""
    token = jobs.Runtime.of(request).settings.token
    declared = request.headers.get("content-length", "")
    if not declared.isdigit() or int(declared) > MAX_TOKEN_FORM:  # no token form is this big
        raise Refusal(400, msg.web_bad_request())
    form = await request.form(max_files=0, max_fields=2)
    given = form.get("token")
    if token is None:
        return RedirectResponse("/", status_code=303)
    if not isinstance(given, str) or not auth.token_matches(given.strip(), token):
        page = views.page("token.html.j2", error=msg.web_token_wrong())
        return HTMLResponse(page, status_code=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(auth.COOKIE, auth.cookie_value(token), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.get("/buku-kerja-kosong.xlsx")
async def blank(request: Request) -> Response:
    """What `sopgen new` writes, made once by a worker."""
    if not _allowed(request):
        raise Refusal(401, msg.web_token_needed())
    runtime = jobs.Runtime.of(request)
    if runtime.blank is None:
        folder = Path(tempfile.mkdtemp(prefix=jobs.PREFIX, dir=runtime.settings.temp_root))
        try:
            runtime.blank = await runtime.pool.run(work.blank_workbook, folder)
        except (JobTimeout, JobFailed):
            raise Refusal(500, msg.web_internal()) from None
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return Response(runtime.blank, media_type=views.MIME["xlsx"],
                    headers={"Content-Disposition": 'attachment; filename="sop-baru.xlsx"'})


@router.get("/static/{name}")
async def static(name: str) -> Response:
    if name not in views.STATIC:
        raise Refusal(404, msg.web_not_found())
    media = "text/css" if name.endswith(".css") else "text/javascript"
    return Response(views.static(name), media_type=f"{media}; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=3600"})


@router.post("/unggah")
async def upload(request: Request) -> StreamingResponse:
    if not _allowed(request):
        raise Refusal(401, msg.web_token_needed())
    runtime = jobs.Runtime.of(request)
    stack = contextlib.AsyncExitStack()
    folder, received = await stack.enter_async_context(
        jobs.workspace(request, runtime.settings, runtime.pool))
    events: asyncio.Queue[bytes | None] = asyncio.Queue()
    task = asyncio.create_task(_work(runtime, folder, received, events, stack))
    runtime.tasks.add(task)
    task.add_done_callback(runtime.tasks.discard)
    return StreamingResponse(_stream(events, task), media_type="application/x-ndjson",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def _line(event: dict[str, Any]) -> bytes:
    return json.dumps(event, ensure_ascii=False).encode() + b"\n"


async def _stream(events: asyncio.Queue[bytes | None],
                  task: asyncio.Task[None]) -> AsyncIterator[bytes]:
    try:
        while (line := await events.get()) is not None:
            yield line
    finally:
        if not task.done():  # the client left: stop its work
            task.cancel()


async def _work(runtime: jobs.Runtime, folder: Path, upload: Upload,
                events: asyncio.Queue[bytes | None], stack: contextlib.AsyncExitStack) -> None:
    pool = runtime.pool

    def progress(text: str, done: int = 0, total: int = 0) -> None:
        events.put_nowait(_line({"event": "progress", "text": text, "done": done,
                                 "total": total}))

    try:
        progress(msg.web_checking())
        found = await jobs.survey(pool, folder, upload)
        if len(found.items) == 1 and not found.refused:
            progress(msg.web_building(), 0, 1)
            outcome = await jobs.build(pool, found.items[0], ("docx", "pdf"), False, True)
            html, downloads = views.single(outcome, found.ignored)
        elif not found.items:
            report = jobs.single_item(found, upload)  # why there is no workbook
            assert isinstance(report, Report)
            html, downloads = views.refused_only(report), []
        else:
            pdfa = upload.fields.get("pdfa", "") in ("1", "on")
            outcomes = await _several(runtime, found.items, pdfa, progress)
            built = [o for o in outcomes if o.entry is not None]
            archive = await asyncio.to_thread(zip_documents, built) if built else None
            html, downloads = views.several(outcomes, archive, found.refused, found.ignored)
        result = {"event": "result", "html": html, "files": [d.as_json() for d in downloads]}
        events.put_nowait(await asyncio.to_thread(_line, result))
    except Refusal as err:
        events.put_nowait(_line({"event": "error", "text": err.text}))
    except Exception:  # the page gets a sentence, the log the traceback
        log.exception("upload failed")
        events.put_nowait(_line({"event": "error", "text": msg.web_internal()}))
    finally:
        events.put_nowait(None)
        await stack.aclose()


async def _several(runtime: jobs.Runtime, items: Sequence[Item], pdfa: bool,
                   progress: Callable[[str, int, int], None]) -> list[Outcome]:
    """Each workbook in the pool as soon as a worker is free; progress as each is done."""
    outcomes: dict[int, Outcome] = {}

    async def one(index: int) -> None:
        item = items[index]
        outcomes[index] = await jobs.build(runtime.pool, item, ("docx", "pdf"), pdfa)
        progress(msg.web_progress(len(outcomes), len(items), item.name), len(outcomes),
                 len(items))

    progress(msg.web_building_many(len(items)), 0, len(items))
    async with asyncio.TaskGroup() as group:
        for index in range(len(items)):
            group.create_task(one(index))
    return [outcomes[i] for i in range(len(items))]
