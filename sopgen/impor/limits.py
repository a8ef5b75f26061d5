"""Limits against hostile files, like the workbook loader's (`sopgen.workbook`).

A signed SOP is a few pages and well under 2 MB; these limits leave room for a
hundred times that and refuse, with one Indonesian sentence, what would take
the importer minutes or gigabytes: a zip bomb, a PDF of thousands of pages, a
page of a million drawing operations.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sopgen import messages as msg

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_PART_BYTES = 15 * 1024 * 1024  # one XML part (document.xml, a sheet, a drawing)
MAX_ZIP_ENTRIES = 2000
MAX_PAGES = 60  # a PDF's pages; signed SOP sheets have 2 to 10
MAX_PAGE_CHARS = 40_000
MAX_PAGE_OBJECTS = 20_000  # vector objects on one PDF page
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a text export
MAX_SHAPES = 5_000  # drawing shapes in one DOCX or XLSX

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Refused(Exception):
    """The file cannot be imported; str() is the Indonesian sentence."""


def check_file(path: Path) -> bytes:
    """The file's first bytes, after the checks every kind shares."""
    name = str(path)
    if not path.exists():
        raise Refused(msg.file_missing(name))
    if path.is_dir():
        raise Refused(msg.file_is_folder(name))
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as err:
        raise Refused(msg.file_unreadable(name, err.strerror or "")) from err
    if size == 0:
        raise Refused(msg.file_empty(name))
    if size > MAX_FILE_BYTES:
        raise Refused(msg.impor_too_big(name, size, MAX_FILE_BYTES))
    if head == _OLE_MAGIC:  # an encrypted DOCX or XLSX is an OLE container
        raise Refused(msg.impor_encrypted(name))
    return head


def open_zip(path: Path) -> zipfile.ZipFile:
    """The package, refused when it would inflate past the limits."""
    name = str(path)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise Refused(msg.impor_broken(name)) from err
    if (len(infos) > MAX_ZIP_ENTRIES
            or sum(i.file_size for i in infos) > MAX_INFLATED_BYTES
            or max((i.file_size for i in infos), default=0) > MAX_PART_BYTES):
        zf.close()
        raise Refused(msg.impor_inflates(name))
    return zf


def read_part(zf: zipfile.ZipFile, part: str, name: str) -> bytes:
    """One part, read no further than its limit (a lying header cannot pass it)."""
    try:
        with zf.open(part) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError) as err:
        raise Refused(msg.impor_broken(name)) from err
    if len(data) > MAX_PART_BYTES:
        raise Refused(msg.impor_inflates(name))
    return data
