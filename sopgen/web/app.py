"""The FastAPI application: routes, the pool's life, refusals in Indonesian, safe headers.

Every way a request can fail ends in an Indonesian sentence: JSON
(`{"error": ...}`) for the API and the page's upload stream, a page for
the rest. An unexpected exception is logged with its traceback and answered
with a sentence; no traceback reaches the client.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sopgen import __version__
from sopgen import messages as msg
from sopgen.web import api, pages, views, work
from sopgen.web.jobs import Runtime, Settings
from sopgen.web.pool import Pool
from sopgen.web.upload import Refusal

log = logging.getLogger("sopgen.web")

# What the fork server imports once, so every worker starts with it loaded.
PRELOAD = ("sopgen.web.work", "sopgen.web.unpack", "sopgen.build", "sopgen.render.html",
           "sopgen.render.docx", "sopgen.newbook", "sopgen.gantt")
_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
     b"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _SafeHeaders:
    """Headers that keep the page from being framed, sniffed or fed foreign scripts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/unggah"


def _refuse(request: Request, status: int, text: str,
            headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": text}, status_code=status, headers=headers)
    return HTMLResponse(views.page("galat.html.j2", status=status, text=text),
                        status_code=status, headers=headers)


def create_app(settings: Settings, on_ready: Callable[[], None] | None = None) -> FastAPI:
    """The application; its lifespan starts the worker pool (then calls `on_ready`) and
    stops it."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = Pool(settings.workers, settings.queue, settings.timeout, warm_up=work.warm_up,
                    preload=PRELOAD, memory_limit=settings.memory_limit,
                    recycle_after=settings.recycle_after)
        await pool.start()
        app.state.runtime = Runtime(settings, pool)
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            for task in list(app.state.runtime.tasks):
                task.cancel()
            await pool.close()

    app = FastAPI(title="sopgen", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Memeriksa buku kerja SOP dan membuat DOCX/PDF-nya "
                              "(PermenPAN-RB 35/2012).")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(_SafeHeaders)

    @app.exception_handler(Refusal)
    async def refused(request: Request, err: Refusal) -> Response:
        return _refuse(request, err.status, err.text, err.headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        text = msg.web_not_found() if err.status_code == 404 else msg.web_bad_request()
        return _refuse(request, err.status_code, text)

    @app.exception_handler(Exception)
    async def crashed(request: Request, err: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return _refuse(request, 500, msg.web_internal())

    return app
