"""Workbook -> files: validate, lay out once, render each format, write atomically.

`check` runs the same preparation without rendering, so a workbook that
passes `check` builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sopgen.atomic import write_atomic
from sopgen.fonts import FontMissing
from sopgen.geometry import Document
from sopgen.layout import LayoutError, layout
from sopgen.loader import load
from sopgen.model import Loc, Problem, Sop

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Prepared:
    """A workbook checked through to its layout."""

    problems: tuple[Problem, ...]
    sop: Sop | None = None
    document: Document | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


@dataclass(frozen=True)
class Built:
    prepared: Prepared
    written: tuple[Path, ...] = field(default_factory=tuple)


def prepare(path: Path) -> Prepared:
    """Validate and lay out; raises WorkbookUnreadable for a file that is no workbook."""
    checked = load(path)
    if checked.sop is None:
        return Prepared(checked.problems)
    sop = checked.sop
    try:
        document = layout(sop, total_minutes=_total_minutes(sop))
    except LayoutError as err:
        return Prepared(checked.problems + err.problems, sop)
    except FontMissing as err:
        return Prepared((*checked.problems, Problem(Loc(path.name), str(err))), sop)
    return Prepared(checked.problems, sop, document)


def _total_minutes(sop: Sop) -> int:
    from sopgen.timeline import main_path_minutes

    return main_path_minutes(sop)


def document_dates(sop: Sop) -> tuple[dt.date, dt.date]:
    """(created, modified) from the workbook, never the clock."""
    ident = sop.identity
    modified = max(d for d in (ident.tanggal_revisi, ident.tanggal_efektif) if d is not None)
    return ident.tanggal_pembuatan, max(modified, ident.tanggal_pembuatan)


def build(path: Path, out_dir: Path, formats: Sequence[str] = FORMATS) -> Built:
    """Write `<out_dir>/<stem>.<format>` for each format, or nothing when invalid."""
    prepared = prepare(path)
    if prepared.errors or prepared.document is None or prepared.sop is None:
        return Built(prepared)
    written: list[Path] = []
    try:
        for fmt in formats:
            target = out_dir / f"{path.stem}.{fmt}"
            render_to(fmt, prepared.sop, prepared.document, target)
            written.append(target)
    except BaseException:
        for done in written:  # all formats or none: never a set that disagrees
            done.unlink(missing_ok=True)
        raise
    return Built(prepared, tuple(written))


def render_to(fmt: str, sop: Sop, document: Document, target: Path) -> None:
    created, modified = document_dates(sop)
    if fmt == "pdf":
        from sopgen.render.html import render_html, write_pdf

        html = render_html(document, created, modified)
        write_atomic(target, lambda tmp: write_pdf(html, tmp))
    elif fmt == "docx":
        from sopgen.render.docx import write_docx

        write_atomic(target, lambda tmp: write_docx(document, tmp, created, modified))
    else:
        raise ValueError(fmt)
