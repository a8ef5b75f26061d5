"""What crosses between the server and its workers: plain, picklable records.

The server process imports only this side, never openpyxl, python-docx or
WeasyPrint: it renders pages and answers from these records, and the heavy
modules live in the workers (`work.py`, `unpack.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sopgen.manifest import Entry

Level = Literal["galat", "peringatan"]


@dataclass(frozen=True)
class Received:
    """One file of a request as the server saved it: its own path, the client's name."""

    path: Path  # <request folder>/berkas-N: chosen by the server, never by the client
    name: str  # the client's file name, cleaned for showing (upload.display_name)


@dataclass(frozen=True)
class Item:
    """One workbook of a request, ready for a worker."""

    source: Path  # the server's copy
    name: str  # as the planner knows it: 'sop-a.xlsx', or 'bidang-a/sop-a.xlsx' in a .zip
    key: str  # its documents' name in the answer's ZIP, without suffix
    folder: Path  # where its documents are written, inside the request folder
    images: dict[str, Path] = field(default_factory=dict)  # text.upload_key -> server's copy
    image_names: dict[Path, str] = field(default_factory=dict)  # server's copy -> its name


@dataclass(frozen=True)
class Issue:
    """One problem as `sopgen check` words it, with where it is."""

    cell: str  # 'Prosedur!H7', a sheet's name, or the file's name when it is no workbook
    sheet: str  # what the page groups by
    level: Level
    message: str

    def as_json(self) -> dict[str, str]:
        return {"cell": self.cell, "level": self.level, "message": self.message}


@dataclass(frozen=True)
class Survey:
    """A request's files sorted out: the workbooks, and the files that are neither."""

    items: tuple[Item, ...]
    refused: tuple[Issue, ...] = ()  # a .zip that cannot be opened, too many workbooks
    ignored: tuple[str, ...] = ()  # names of files in a .zip that are no workbook or image


@dataclass(frozen=True)
class Report:
    """One workbook checked: every problem, errors first."""

    name: str
    key: str
    readable: bool
    issues: tuple[Issue, ...]
    unfinished: bool = False  # the job ran out of time or its worker died: no fault of the file

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.level == "galat")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.level == "peringatan")

    @property
    def valid(self) -> bool:
        return self.readable and not self.errors

    def as_json(self) -> dict[str, object]:
        """The `/api/periksa` answer: errors before warnings, each in reading order."""
        ordered = (*self.errors, *self.warnings)
        return {"valid": self.valid, "problems": [i.as_json() for i in ordered]}


@dataclass(frozen=True)
class RoleLoad:
    name: str
    time: str  # '2 jam 30 menit'


@dataclass(frozen=True)
class Timing:
    """The timeline as the page shows it."""

    total: str  # the main path, as the sheet's closing row prints it
    steps: int  # steps on the main path
    with_loops: str | None  # every loop taken once, when there are loops
    roles: tuple[RoleLoad, ...]
    gantt_svg: str


@dataclass(frozen=True)
class Built:
    """One document: `format` is docx, pdf or pdfa (PDF/A-3b)."""

    format: str
    name: str  # in the answer's ZIP: '<key>.docx', '<key>.pdf', '<key>-pdfa.pdf'
    data: bytes


@dataclass(frozen=True)
class Outcome:
    """One workbook built: its report, and its documents when it is valid."""

    report: Report
    files: tuple[Built, ...] = ()
    entry: Entry | None = None  # its manifest record
    timing: Timing | None = None  # the page's single workbook only
    previews: tuple[bytes, ...] = ()  # PNG of each page, from the PDF
    previews_missing: bool = False  # pdftoppm (poppler-utils) is not installed

    def file(self, fmt: str) -> Built | None:
        return next((f for f in self.files if f.format == fmt), None)
