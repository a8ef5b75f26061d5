"""Pages from the Jinja2 templates of `templates/web/` (package data `sopgen.templates`).

Page copy lives in the templates; every sentence that depends on a count or
on what went wrong comes from `sopgen.messages`, as on the command line.
Problems are shown grouped by sheet, sheets with errors first, and within a
sheet errors before warnings, each row by row as `check` lists them.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from sopgen import __version__
from sopgen import messages as msg
from sopgen.web.bundle import zip_documents
from sopgen.web.results import Issue, Outcome, Report

TEMPLATES = "sopgen.templates"
STATIC = ("app.css", "app.js")
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "pdfa": "application/pdf",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_LABELS = {"docx": "DOCX", "pdf": "PDF", "pdfa": "PDF/A-3b", "zip": "ZIP"}


@dataclass(frozen=True)
class SheetGroup:
    sheet: str
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]


@dataclass(frozen=True)
class Download:
    """A download button; the bytes travel beside the page (`files`), keyed by `id`."""

    id: str
    format: str
    name: str
    data: bytes

    @property
    def label(self) -> str:
        return _LABELS[self.format]

    @property
    def size(self) -> str:
        return msg.web_size(len(self.data))

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "type": MIME[self.format],
                "data": base64.b64encode(self.data).decode("ascii")}


def grouped(issues: Sequence[Issue]) -> list[SheetGroup]:
    """By sheet in the order first met, sheets with an error first."""
    sheets: dict[str, list[Issue]] = {}
    for issue in issues:
        sheets.setdefault(issue.sheet, []).append(issue)
    groups = [SheetGroup(sheet, tuple(i for i in found if i.level == "galat"),
                         tuple(i for i in found if i.level == "peringatan"))
              for sheet, found in sheets.items()]
    return sorted(groups, key=lambda g: not g.errors)  # stable: reading order kept


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader(TEMPLATES, "web"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(version=__version__, msg=msg, grouped=grouped, data_uri=data_uri)
    return env


def page(name: str, **context: Any) -> str:
    return _environment().get_template(name).render(**context)


@functools.cache
def static(name: str) -> bytes:
    """One of the page's two static files (a fixed list: no client text names a file)."""
    return resources.files(TEMPLATES).joinpath("web", "static", name).read_bytes()


def single(outcome: Outcome, ignored: Sequence[str] = ()) -> tuple[str, list[Download]]:
    """The result of one workbook: problems, or previews, timeline and downloads."""
    downloads = [Download(f"berkas-{n}", f.format, f.name, f.data)
                 for n, f in enumerate(outcome.files, start=1)]
    if outcome.files:
        stem = outcome.report.key.rsplit("/", 1)[-1]
        downloads.append(Download("berkas-zip", "zip", f"{stem}.zip", zip_documents([outcome])))
    return page("hasil.html.j2", outcome=outcome, report=outcome.report, outcomes=None,
                downloads=downloads, ignored=ignored), downloads


def several(outcomes: Sequence[Outcome], archive: bytes | None,
            refused: Sequence[Issue], ignored: Sequence[str]) -> tuple[str, list[Download]]:
    """The result of many workbooks: one ZIP of those built, and each one's problems."""
    downloads = [Download("berkas-zip", "zip", "sop.zip", archive)] if archive else []
    return page("hasil.html.j2", outcome=None, report=None, outcomes=outcomes,
                downloads=downloads, refused=refused, ignored=ignored), downloads


def refused_only(report: Report) -> str:
    return page("hasil.html.j2", outcome=None, report=report, outcomes=None, downloads=[])
