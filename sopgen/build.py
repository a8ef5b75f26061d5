"""Workbook -> files: validate, lay out once, render each format, write atomically.

`check` runs the same preparation without rendering, so a workbook that
passes `check` builds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sopgen.atomic import folder_lock, remove_stale_siblings, write_bytes_atomic
from sopgen.fonts import FontMissing
from sopgen.geometry import Document
from sopgen.layout import LayoutError, layout
from sopgen.loader import load
from sopgen.manifest import OutputFile
from sopgen.model import Loc, Problem, Sop
from sopgen.validate import Checked

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class Prepared(Checked):
    """A workbook checked through to its layout: the layout's problems are among
    `problems`, and `document` is there only when the layout succeeded."""

    document: Document | None = None


@dataclass(frozen=True)
class Built:
    """One workbook's build: its checks, and the files written (none when invalid)."""

    prepared: Prepared
    outputs: tuple[OutputFile, ...] = ()


def prepare(path: Path, images: Mapping[str, Path] | None = None) -> Prepared:
    """Validate and lay out; raises WorkbookUnreadable for a file that is no workbook.

    `images`: an upload's image files, where its Logo cell is looked up (`sopgen serve`).
    """
    checked = load(path, images)
    if checked.sop is None:
        return Prepared(None, checked.problems)
    sop = checked.sop
    try:
        document = layout(sop, total_minutes=_total_minutes(sop))
    except LayoutError as err:
        return Prepared(sop, checked.problems + err.problems)
    except FontMissing as err:
        return Prepared(sop, (*checked.problems, Problem(Loc(path.name), str(err))))
    return Prepared(sop, checked.problems + document.warnings, document)


def _total_minutes(sop: Sop) -> int:
    from sopgen.timeline import main_path_minutes

    return main_path_minutes(sop)


def document_dates(sop: Sop) -> tuple[dt.date, dt.date]:
    """(created, modified) from the workbook, never the clock."""
    ident = sop.identity
    modified = max(d for d in (ident.tanggal_revisi, ident.tanggal_efektif) if d is not None)
    return ident.tanggal_pembuatan, max(modified, ident.tanggal_pembuatan)


def render(fmt: str, sop: Sop, document: Document, *, pdfa: bool = False,
           source_name: str | None = None) -> bytes:
    """One format's bytes; nothing touches the output folder yet.

    `source_name`: what the PDF/A calls the embedded workbook when the file on disk
    has another name than the planner's (an upload, saved under the server's name).
    """
    created, modified = document_dates(sop)
    if fmt == "pdf":
        from sopgen.render.html import render_html, to_pdf

        source = sop.source if pdfa else None
        return to_pdf(render_html(document, created, modified), pdfa_source=source,
                      created=created, pdfa_name=source_name)
    if fmt == "docx":
        from sopgen.render.docx import to_docx

        return to_docx(document, created, modified)
    raise ValueError(fmt)


def install(blobs: Mapping[Path, bytes], lock_dir: Path) -> None:
    """Move a SOP's files into place together, under the output folder's lock.

    Each file is renamed atomically; the lock keeps two concurrent runs from
    interleaving their sets, so a DOCX and a PDF beside each other always
    come from the same run.
    """
    with folder_lock(lock_dir) as tmp_dir:
        for target, data in blobs.items():
            remove_stale_siblings(target)
            write_bytes_atomic(target, data, tmp_dir=tmp_dir)


def build_one(
    source: Path,
    out_dir: Path,
    key: str,
    formats: Sequence[str] = FORMATS,
    *,
    pdfa: bool = False,
    gantt: bool = False,
    images: Mapping[str, Path] | None = None,
    source_name: str | None = None,
) -> Built:
    """Write `<out_dir>/<key>.<format>` for each format, together, or nothing when the
    workbook has errors. `sopgen build` runs it in-process for one workbook, each
    batch worker and `sopgen serve`'s workers for many: one way to build. `images` and
    `source_name` are an upload's (see `prepare`, `render`). Raises WorkbookUnreadable
    and OSError."""
    prepared = prepare(source, images)
    if prepared.errors or prepared.document is None or prepared.sop is None:
        return Built(prepared)
    sop, document = prepared.sop, prepared.document
    if gantt:
        document = with_gantt(sop, document)
    blobs = {fmt: render(fmt, sop, document, pdfa=pdfa, source_name=source_name)
             for fmt in formats}
    install({out_dir / f"{key}.{fmt}": data for fmt, data in blobs.items()}, out_dir)
    return Built(prepared, tuple(
        OutputFile(fmt, f"{key}.{fmt}", hashlib.sha256(data).hexdigest(), len(data))
        for fmt, data in blobs.items()))


def with_gantt(sop: Sop, document: Document) -> Document:
    """The document with the timeline's Gantt chart as its last page."""
    from sopgen.layout import gantt_page

    pages = (*document.pages, gantt_page(sop, document))
    return dataclasses.replace(document, pages=pages)
