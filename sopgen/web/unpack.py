"""A request's files -> the workbooks to handle (runs in a worker).

What a file is follows from its bytes, not its name: a workbook (a zip with
`xl/workbook.xml`, or anything that is no zip, so that `check`'s own sentence
says what it is), a .zip of workbooks and logos, or a PNG/JPEG logo. A .zip is
expanded under the server's own file names; the names inside it only serve to
show and to find a Logo cell's image. Every read is bounded: member count,
each member's inflated size as it is read (a declared size can lie) and the
total, and only the two compression methods Excel and every zip tool write.

The reader's and the logo's limits are imported where they are used, so that the
server process, which names `survey` to send it, never loads openpyxl or Pillow.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO

from sopgen import messages as msg
from sopgen.text import upload_key
from sopgen.web.results import Issue, Item, Received, Survey

MAX_WORKBOOKS = 50  # in one request: with two workers about half a minute of building
MAX_MEMBERS = 500  # files in one .zip
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 1 << 16


class _Refused(Exception):
    """This .zip cannot be used at all; str() is the Indonesian sentence."""


def survey(folder: Path, received: Sequence[Received]) -> Survey:
    """Sort the request's files into workbooks (with the images each may use as its logo)."""
    found: list[tuple[Path, str, dict[str, Path], dict[Path, str]]] = []
    refused: list[Issue] = []
    ignored: list[str] = []
    loose_images: dict[str, Path] = {}
    loose_names: dict[Path, str] = {}
    loose: list[tuple[Path, str]] = []
    for number, upload in enumerate(received, start=1):
        kind = _kind(upload.path)
        if kind == "image":
            loose_images[upload_key(PurePosixPath(upload.name).name)] = upload.path
            loose_names[upload.path] = upload.name
        elif kind == "archive":
            try:
                found += _expand(upload, folder / f"zip-{number}", ignored)
            except _Refused as err:
                refused.append(Issue(upload.name, upload.name, "galat", str(err)))
        else:
            loose.append((upload.path, upload.name))
    found = [(path, name, dict(loose_images), dict(loose_names)) for path, name in loose] + found
    if len(found) > MAX_WORKBOOKS:
        refused.append(Issue("", "", "galat", msg.web_too_many_workbooks(len(found),
                                                                        MAX_WORKBOOKS)))
        found = []
    keys: set[str] = set()
    items = []
    for number, (path, name, images, names) in enumerate(found, start=1):
        key = _unique(_key(name), keys)
        items.append(Item(path, name, key, folder / f"hasil-{number}", images, names))
    return Survey(tuple(items), tuple(refused), tuple(ignored))


def _kind(path: Path) -> str:
    """'image', 'archive' (a .zip of workbooks) or 'workbook' (what the reader will judge)."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if not zipfile.is_zipfile(path):
        return "workbook"
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "workbook"  # the reader words what is broken
    return "workbook" if "xl/workbook.xml" in names else "archive"


def _expand(
    upload: Received, into: Path, ignored: list[str]
) -> list[tuple[Path, str, dict[str, Path], dict[Path, str]]]:
    """The workbooks of a .zip, each with the images in its folder of the .zip."""
    from sopgen.images import MAX_LOGO_BYTES
    from sopgen.workbook import MAX_FILE_BYTES, MAX_INFLATED_BYTES

    try:
        zf = zipfile.ZipFile(upload.path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise _Refused(msg.web_zip_broken()) from err
    with zf:
        if len(zf.infolist()) > MAX_MEMBERS:
            raise _Refused(msg.web_zip_too_many(MAX_MEMBERS))
        members = [i for i in zf.infolist() if not i.is_dir() and _wanted(i.filename)]
        into.mkdir()
        budget = [MAX_INFLATED_BYTES]
        books: list[tuple[Path, str]] = []
        images: list[tuple[Path, str]] = []
        for number, info in enumerate(members, start=1):
            inner = _member_name(info.filename)
            suffix = PurePosixPath(inner).suffix.casefold()
            if suffix == ".xlsx":
                target = into / f"buku-{number}.xlsx"
                limit = MAX_FILE_BYTES
            elif suffix in _IMAGE_SUFFIXES:
                target = into / f"gambar-{number}{suffix}"
                limit = MAX_LOGO_BYTES
            else:
                ignored.append(inner)
                continue
            if info.compress_type not in _METHODS or info.flag_bits & 0x1:
                raise _Refused(msg.web_zip_member_unusable(inner))
            _copy(zf, info, target, limit, budget)
            (books if suffix == ".xlsx" else images).append((target, inner))
    result = []
    for path, inner in books:
        folder = PurePosixPath(inner).parent
        near = {
            upload_key(str(PurePosixPath(name).relative_to(folder))): image
            for image, name in images
            if PurePosixPath(name).is_relative_to(folder)
        }
        result.append((path, inner, near, {image: name for image, name in images}))
    return result


def _wanted(name: str) -> bool:
    """Skip what zip tools add: macOS resource forks, hidden files, Excel's lock files."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return bool(parts) and parts[0] != "__MACOSX" and not any(
        p.startswith((".", "~$")) for p in parts)


def _member_name(name: str) -> str:
    """A member's name for showing: forward slashes, no control characters, no '..'."""
    parts = [re.sub(r"[\x00-\x1f\x7f]", "", p) for p in name.replace("\\", "/").split("/")]
    kept = [p for p in parts if p not in ("", ".", "..")]
    return "/".join(kept)[-200:] or "berkas"


def _copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limit: int,
          budget: list[int]) -> None:
    """Inflate one member, stopping past its own limit or the archive's, whatever the
    member declares."""
    written = 0
    try:
        with zf.open(info) as src, target.open("wb") as dst:
            for chunk in _chunks(src):
                written += len(chunk)
                budget[0] -= len(chunk)
                if written > limit or budget[0] < 0:
                    raise _Refused(msg.web_zip_inflates())
                dst.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
        raise _Refused(msg.web_zip_broken()) from err


def _chunks(src: IO[bytes]) -> Iterator[bytes]:
    while chunk := src.read(_CHUNK):
        yield chunk


def _key(name: str) -> str:
    """A workbook's documents' name in the answer's ZIP: its path without '.xlsx', each part
    kept to letters, digits and a few marks, so no ZIP tool can misread it."""
    path = PurePosixPath(name)
    stem = path.with_suffix("") if path.suffix.casefold() == ".xlsx" else path
    parts = [re.sub(r"[^\w .()-]+", "_", p).strip(" .")[:80] for p in stem.parts]
    return "/".join(p for p in parts if p) or "sop"


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{key}-{n}"
    taken.add(candidate.casefold())
    return candidate
