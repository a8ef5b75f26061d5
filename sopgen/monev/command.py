"""`sopgen monev FILE.xlsx... -o DIR [--jawaban ISIAN.xlsx...]`.

Without answers: for each SOP workbook, the blank monitoring and evaluation
forms (`<stem>-monitoring`, `<stem>-evaluasi`, DOCX and PDF) and the
assessor's workbook prefilled from it (`<stem>-isian-monev.xlsx`). With
answers: each filled workbook matched to its SOP by Nomor SOP, the filled
forms (`<isian>-monitoring`, `<isian>-evaluasi`) and the recap per unit
(`rekap-monev`). Every problem is printed at its Sheet!Cell first; when any is
an error nothing is written, and the files that are written are installed
each atomically under the output folder's lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sopgen import messages as msg
from sopgen.geometry import Document
from sopgen.model import Problem, Sop
from sopgen.monev.answers import Answers, answers_workbook, check_against, read_answers
from sopgen.monev.forms import evaluation_document, monitoring_document, recap_document
from sopgen.monev.recap import assessed, by_unit
from sopgen.text import fold

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def monev(files: Sequence[Path], out_dir: Path, answers: Sequence[Path], out: TextIO) -> int:
    from sopgen.build import document_dates
    from sopgen.loader import load
    from sopgen.workbook import WorkbookUnreadable

    status = EXIT_OK
    several = len(files) + len(answers) > 1
    sops: list[tuple[Path, Sop]] = []
    for path in files:
        try:
            checked = load(path)
        except WorkbookUnreadable as err:
            print(str(err), file=out)
            status = max(status, EXIT_USAGE)
            continue
        _print(path, several, [p for p in checked.problems if not p.warning], out)
        if checked.sop is None:
            print(msg.monev_sop_invalid(str(path)), file=out)
            status = max(status, EXIT_INVALID)
            continue
        sops.append((path, checked.sop))
    filled: list[tuple[Path, Sop, Answers]] = []
    for path in answers:
        try:
            read, problems = read_answers(path)
        except WorkbookUnreadable as err:
            print(str(err), file=out)
            status = max(status, EXIT_USAGE)
            continue
        if read is not None:
            sop = _sop_of(read, sops, problems)
            if sop is not None:
                problems = [*problems, *check_against(sop, read)]
                if not any(not p.warning for p in problems):
                    filled.append((path, sop, read))
        _print(path, several, problems, out)
        if any(not p.warning for p in problems):
            status = max(status, EXIT_INVALID)
    if status != EXIT_OK or not sops:
        print(f"sopgen: {msg.monev_nothing_written()}", file=out)
        return max(status, EXIT_INVALID)

    blobs: dict[Path, bytes] = {}
    if not answers:
        for path, sop in sops:
            dates = document_dates(sop)
            _both(blobs, out_dir / f"{path.stem}-monitoring", monitoring_document(sop), dates)
            _both(blobs, out_dir / f"{path.stem}-evaluasi", evaluation_document(sop), dates)
            blobs[out_dir / f"{path.stem}-isian-monev.xlsx"] = answers_workbook(sop)
    else:
        for path, sop, read in filled:
            dates = _dates(sop, read)
            _both(blobs, out_dir / f"{path.stem}-monitoring", monitoring_document(sop, read),
                  dates)
            _both(blobs, out_dir / f"{path.stem}-evaluasi", evaluation_document(sop, read),
                  dates)
        units = by_unit([assessed(sop, read) for _, sop, read in filled])
        latest = max((_dates(sop, read) for _, sop, read in filled), key=lambda d: d[1])
        _both(blobs, out_dir / "rekap-monev", recap_document(filled[0][1], units), latest)
    from sopgen.build import install

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        install(blobs, out_dir)
    except OSError as err:
        print(f"sopgen: {msg.cannot_write(str(out_dir), err.strerror or str(err))}", file=out)
        return EXIT_USAGE
    for target in blobs:
        print(msg.written(str(target)), file=out)
    return EXIT_OK


def _print(path: Path, several: bool, problems: Sequence[Problem], out: TextIO) -> None:
    prefix = f"{path}: " if several else ""
    for problem in problems:
        print(f"{prefix}{problem}", file=out)


def _sop_of(answers: Answers, sops: Sequence[tuple[Path, Sop]],
            problems: list[Problem]) -> Sop | None:
    """The SOP the answers are for: by Nomor SOP; with one SOP given, that one (a
    different number is then its error, from `check_against`)."""
    if len(sops) == 1:
        return sops[0][1]
    for _, sop in sops:
        if fold(sop.identity.nomor) == fold(answers.nomor):
            return sop
    problems.append(Problem(answers.nomor_loc, msg.monev_no_sop(answers.nomor)))
    return None


def _dates(sop: Sop, answers: Answers) -> tuple[dt.date, dt.date]:
    from sopgen.build import document_dates

    created, modified = document_dates(sop)
    when = answers.tanggal or modified
    return created, max(when, created)


def _both(blobs: dict[Path, bytes], stem: Path, document: Document,
          dates: tuple[dt.date, dt.date]) -> None:
    from sopgen.render.docx import to_docx
    from sopgen.render.html import render_html, to_pdf

    created, modified = dates
    blobs[stem.parent / f"{stem.name}.docx"] = to_docx(document, created, modified)
    blobs[stem.parent / f"{stem.name}.pdf"] = to_pdf(render_html(document, created, modified))
