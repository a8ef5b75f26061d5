"""The JSON API for agency portals: `/api/periksa`, `/api/buat`, `/api/sehat`.

One workbook per request (a .xlsx, or a .zip of one workbook and its logo);
the page handles many at once. The shapes are the pydantic models below, so
the OpenAPI document at `/api/openapi.json` describes exactly what is sent.
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from sopgen import __version__
from sopgen import messages as msg
from sopgen.web import auth, jobs
from sopgen.web.bundle import zip_documents
from sopgen.web.results import Report
from sopgen.web.upload import FIELD, Refusal

router = APIRouter(prefix="/api", tags=["api"])
FORMATS = ("docx", "pdf")


class Masalah(BaseModel):
    cell: str  # 'Prosedur!H7', a sheet, or the file's name when it is no workbook
    level: Literal["galat", "peringatan"]
    message: str


class Periksa(BaseModel):
    valid: bool
    problems: list[Masalah]


class Sehat(BaseModel):
    status: Literal["ok"]
    version: str


class Galat(BaseModel):
    error: str


def _form(extra: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {
        FIELD: {"type": "string", "format": "binary",
                "description": "buku kerja .xlsx, atau .zip berisi satu buku kerja dan logonya"},
        **extra,
    }
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {
        "schema": {"type": "object", "required": [FIELD], "properties": properties}}}}}


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Galat, "description": "tidak ada berkas, atau lebih dari satu buku kerja"},
    401: {"model": Galat, "description": "token akses diperlukan"},
    413: {"model": Galat, "description": "unggahan melewati batas ukuran"},
    500: {"model": Galat, "description": "pembuatan gagal atau melewati batas waktu"},
    503: {"model": Galat, "description": "antrean penuh; coba lagi (Retry-After)"},
}


def _guard(request: Request) -> None:
    if not auth.allowed(request, jobs.Runtime.of(request).settings.token):
        raise Refusal(401, msg.web_token_needed(), {"WWW-Authenticate": "Bearer"})


@router.get("/sehat", response_model=Sehat, summary="Server hidup")
async def sehat() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.post("/periksa", summary="Periksa satu buku kerja",
             responses={200: {"model": Periksa}, **_ERRORS}, openapi_extra=_form({}))
async def periksa(request: Request) -> JSONResponse:
    """Every problem `sopgen check` finds, errors before warnings."""
    _guard(request)
    runtime = jobs.Runtime.of(request)
    async with jobs.workspace(request, runtime.settings, runtime.pool) as (folder, upload):
        found = jobs.single_item(await jobs.survey(runtime.pool, folder, upload), upload)
        report = found if isinstance(found, Report) else await jobs.check(runtime.pool, found)
    return JSONResponse(jobs.answered(report).as_json())


@router.post(
    "/buat", summary="Buat dokumen dari satu buku kerja",
    responses={200: {"content": {"application/zip": {}},
                     "description": "ZIP berisi dokumen dan manifest.json"},
               422: {"model": Periksa, "description": "buku kerja tidak valid"}, **_ERRORS},
    openapi_extra=_form({
        "format": {"type": "string", "default": "docx,pdf",
                   "description": "docx, pdf atau docx,pdf (juga sebagai parameter URL)"},
        "pdfa": {"type": "string", "enum": ["0", "1"], "default": "0",
                 "description": "1: PDF berupa PDF/A-3b dengan buku kerja di dalamnya"},
    }),
)
async def buat(request: Request) -> Response:
    """`sopgen build` of one workbook: a ZIP of its documents and manifest.json."""
    _guard(request)
    runtime = jobs.Runtime.of(request)
    async with jobs.workspace(request, runtime.settings, runtime.pool) as (folder, upload):
        options = {**request.query_params, **upload.fields}
        formats = _formats(options.get("format", ",".join(FORMATS)))
        pdfa = options.get("pdfa", "0").strip().casefold() in ("1", "true", "ya")
        found = jobs.single_item(await jobs.survey(runtime.pool, folder, upload), upload)
        if isinstance(found, Report):
            return JSONResponse(found.as_json(), status_code=422)
        outcome = await jobs.build(runtime.pool, found, formats, pdfa)
        if not jobs.answered(outcome.report).valid:
            return JSONResponse(outcome.report.as_json(), status_code=422)
        archive = zip_documents([outcome])
    return Response(archive, media_type="application/zip",
                    headers={"Content-Disposition": attachment(f"{found.key}.zip")})


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().casefold() for f in text.split(",") if f.strip()))
    if not chosen or any(f not in FORMATS for f in chosen):
        raise Refusal(400, msg.bad_formats(text))
    return chosen


def attachment(name: str) -> str:
    """A Content-Disposition for a download named `name`, any letters (RFC 6266)."""
    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
                    for c in name.rsplit("/", 1)[-1])
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name.rsplit('/', 1)[-1])}"
