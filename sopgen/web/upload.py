"""A request's body -> files in its own temporary folder, under the server's names.

The size limit is enforced twice: a declared `Content-Length` over it is
refused before a byte of the body is read, and a body without one (chunked)
is counted as it arrives and refused the moment it passes the limit. The
client's file names are kept only as text to show; on disk each file is
`berkas-N`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from sopgen import messages as msg
from sopgen.web.results import Received

FIELD = "berkas"
MAX_FILES = 60  # a request's files (MAX_WORKBOOKS workbooks and some logos)
MAX_FIELDS = 20
_CHUNK = 1 << 16

Message = MutableMapping[str, Any]


class Refusal(Exception):
    """The request cannot be served as sent; `status` and an Indonesian sentence."""

    def __init__(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(text)
        self.status, self.text, self.headers = status, text, headers or {}


def too_large(limit: int) -> Refusal:
    return Refusal(413, msg.web_too_large(limit))


def declared_size_ok(request: Request, limit: int) -> None:
    """Refuse a declared body over the limit before reading any of it."""
    declared = request.headers.get("content-length")
    if declared is None:
        return
    if not declared.isdigit():
        raise Refusal(400, msg.web_bad_request())
    if int(declared) > limit:
        raise too_large(limit)


def _limited(receive: Callable[[], Awaitable[Message]],
             limit: int) -> Callable[[], Awaitable[Message]]:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise too_large(limit)
        return message

    return counted


@dataclass(frozen=True)
class Upload:
    files: tuple[Received, ...]
    fields: dict[str, str]  # the form's text fields, such as format and pdfa


async def read_upload(request: Request, folder: Path, limit: int) -> Upload:
    """Save the `berkas` files of a multipart request into `folder`; Refusal on a bad one."""
    declared_size_ok(request, limit)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise Refusal(400, msg.web_field_missing(FIELD))
    counted = Request(request.scope, _limited(request.receive, limit))
    try:
        form = await counted.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
    except HTTPException as err:  # the multipart parser's refusals: malformed, too many parts
        raise Refusal(400, msg.web_bad_request()) from err
    try:
        return await _save(form, folder)
    finally:
        await form.close()


async def _save(form: FormData, folder: Path) -> Upload:
    received: list[Received] = []
    fields: dict[str, str] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            if key != FIELD:
                continue
            path = folder / f"berkas-{len(received) + 1}"
            with path.open("wb") as out:
                while chunk := await value.read(_CHUNK):
                    out.write(chunk)
            if path.stat().st_size == 0 and not value.filename:
                continue  # a file input left empty sends a nameless empty part
            received.append(Received(path, display_name(value.filename)))
        else:
            fields[key] = value
    if not received:
        raise Refusal(400, msg.web_field_missing(FIELD))
    return Upload(tuple(received), fields)


def display_name(name: str | None) -> str:
    """The client's file name as text to show: its last part (some browsers send a
    whole Windows path), no control characters, at most 120 characters."""
    text = re.sub(r"[\x00-\x1f\x7f]", "", name or "")
    last = PurePosixPath(text.replace("\\", "/")).name.strip()
    return last[-120:] or "berkas"
