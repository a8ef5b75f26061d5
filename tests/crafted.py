"""Workbooks crafted at the zip and XML level, where openpyxl cannot write them.

A crafted workbook starts from a valid one (`workbooks.write`) and has parts
replaced, added or recompressed. Big parts are generated here from a few
repeated bytes, so they are small on disk and cheap to make; the XML they
inflate to is what a hostile or odd file would hold.

`measure` runs one sopgen command in a child process and reports its exit
status, output and the CPU time and peak memory of that child alone.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from workbooks import Sheets, write

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
SHEET_PARTS = {"Identitas": 1, "Ketentuan": 2, "Pelaksana": 3, "Prosedur": 4}  # as write() saves

Part = bytes | str | Callable[[str], str] | Iterable[bytes]


def sheet_part(index: int) -> str:
    return f"xl/worksheets/sheet{index}.xml"


def repack(
    src: Path,
    dst: Path,
    parts: Mapping[str, Part] | None = None,
    *,
    methods: Mapping[str, int] | None = None,
) -> Path:
    """Copy the zip `src` to `dst` with parts replaced or added.

    A part is bytes, text, a function of the old text, or an iterable of byte
    chunks (streamed, so a part of 90 MB never sits in memory whole).
    """
    parts = dict(parts or {})
    methods = methods or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            new = parts.pop(info.filename, None)
            old = zin.read(info)
            if callable(new):
                new = new(old.decode("utf-8"))
            _write(zout, info.filename, old if new is None else new, methods)
        for name, part in parts.items():
            assert not callable(part), name
            _write(zout, name, part, methods)
    return dst


def _write(zout: zipfile.ZipFile, name: str, part: Part, methods: Mapping[str, int]) -> None:
    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    info.compress_type = methods.get(name, zipfile.ZIP_DEFLATED)
    if isinstance(part, str):
        part = part.encode("utf-8")
    if isinstance(part, bytes):
        zout.writestr(info, part)
        return
    assert not callable(part)
    with zout.open(info, "w", force_zip64=True) as fh:
        for chunk in part:
            fh.write(chunk)


def repeated(head: str, item: str, count: int, tail: str) -> Iterable[bytes]:
    """head + item * count + tail, as chunks of about a megabyte."""
    yield head.encode()
    per_chunk = max(1, (1 << 20) // max(1, len(item)))
    block = (item * per_chunk).encode()
    left = count
    while left >= per_chunk:
        yield block
        left -= per_chunk
    yield (item * left).encode()
    yield tail.encode()


def base(tmp: Path, sheets: Sheets, name: str = "asli.xlsx") -> Path:
    return write(tmp / name, sheets)


def add_sheets(book_xml: str, rels_xml: str, titles: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """workbook.xml and its rels with sheets (title, part name) appended."""
    sheets, rels = [], []
    for i, (title, part) in enumerate(titles, start=100):
        sheets.append(f'<sheet xmlns:r="{REL}" name="{title}" sheetId="{i}" r:id="rIdX{i}"/>')
        rels.append(
            f'<Relationship Id="rIdX{i}" Type="{REL}/worksheet" Target="/{part}"/>'
        )
    book_xml = book_xml.replace("</sheets>", "".join(sheets) + "</sheets>")
    rels_xml = rels_xml.replace("</Relationships>", "".join(rels) + "</Relationships>")
    return book_xml, rels_xml


def set_dimension(xml: str, ref: str) -> str:
    return re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml)


def append_rows(xml: str, rows: str) -> str:
    return xml.replace("</sheetData>", rows + "</sheetData>")


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# --- one sopgen command in a child, measured -------------------------------------------------

_RUNNER = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
use = resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"status": done.returncode,
           "out": done.stdout.decode("utf-8", "replace"),
           "err": done.stderr.decode("utf-8", "replace"),
           "cpu": use.ru_utime + use.ru_stime,
           "rss_mb": use.ru_maxrss / 1024}, sys.stdout)
"""


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str
    cpu: float  # seconds, user + system, of the sopgen process alone
    rss_mb: float  # its peak resident memory

    @property
    def text(self) -> str:
        return self.out + self.err


def measure(*args: str | Path, cwd: Path | None = None) -> Run:
    """`sopgen ARGS` in a fresh child; a runner in between reports that child's usage only."""
    command = [sys.executable, "-c", _RUNNER, sys.executable, "-m", "sopgen", *map(str, args)]
    done = subprocess.run(command, capture_output=True, check=True, cwd=cwd, timeout=120)
    data = json.loads(done.stdout)
    return Run(data["status"], data["out"], data["err"], data["cpu"], data["rss_mb"])
