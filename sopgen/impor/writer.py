"""A `FoundSop` -> the workbook `sopgen new` writes, filled.

The blank workbook comes from `sopgen.newbook` (same sheets, comments and
dropdowns), so an imported workbook is one a planner already knows. Each
guessed value gets a cell comment, and sheet `Catatan Impor` lists every
doubt by cell, then every text that no field took, with where it stood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sopgen import messages as msg
from sopgen.atomic import write_atomic
from sopgen.impor.found import FoundSop, FoundStep
from sopgen.model import Kind
from sopgen.newbook import blank_workbook
from sopgen.text import fold

_AUTHOR = "sopgen impor"


@dataclass
class _Notes:
    """Doubts by cell, in the order written."""

    lines: list[tuple[str, str]] = field(default_factory=list)

    def flag(self, ws: Worksheet, ref: str, text: str) -> None:
        comment = Comment(text, _AUTHOR)
        comment.width, comment.height = 300, 80
        ws[ref].comment = comment
        self.lines.append((f"{ws.title}!{ref}", text))


def write_workbook(found: FoundSop, path: Path) -> None:
    """Write atomically; the caller has decided about overwriting."""
    wb = blank_workbook()
    notes = _Notes()
    _identitas(wb["Identitas"], found, notes)
    _ketentuan(wb["Ketentuan"], found)
    _pelaksana(wb["Pelaksana"], found, notes)
    _prosedur(wb["Prosedur"], found, notes)
    _pengaturan(wb["Pengaturan"], found)
    _catatan(wb.create_sheet(msg.impor_notes_sheet()), found, notes)
    write_atomic(path, lambda tmp: wb.save(tmp))


def _columns(ws: Worksheet) -> dict[str, int]:
    """Folded header of row 1 -> its column number."""
    return {fold(str(c.value)): c.column for c in ws[1] if c.value is not None}


def _labels(ws: Worksheet) -> dict[str, int]:
    """Folded label of column A -> its row number."""
    return {fold(str(c.value)): c.row for c in ws["A"] if c.value is not None}


def _identitas(ws: Worksheet, found: FoundSop, notes: _Notes) -> None:
    rows = _labels(ws)
    for label, value in found.identity.items():
        row = rows[fold(label)]
        ws.cell(row=row, column=2, value=value)
        if label in found.identity_doubts:
            notes.flag(ws, f"B{row}", found.identity_doubts[label])
    for label, doubt in found.identity_doubts.items():
        if label not in found.identity:
            notes.flag(ws, f"B{rows[fold(label)]}", doubt)


def _ketentuan(ws: Worksheet, found: FoundSop) -> None:
    cols = _columns(ws)
    for header, items in found.provisions.items():
        for r, item in enumerate(items, start=2):
            ws.cell(row=r, column=cols[fold(header)], value=item)


def _pelaksana(ws: Worksheet, found: FoundSop, notes: _Notes) -> None:
    for i, name in enumerate(found.roles):
        ws.cell(row=i + 2, column=1, value=name)
        if i in found.role_doubts:
            notes.flag(ws, f"A{i + 2}", found.role_doubts[i])


def _default_kind(step: FoundStep, count: int) -> Kind:
    return Kind.MULAI if step.no == 1 else Kind.SELESAI if step.no == count else Kind.PROSES


def _prosedur(ws: Worksheet, found: FoundSop, notes: _Notes) -> None:
    cols = _columns(ws)
    count = len(found.steps)
    for r, step in enumerate(found.steps, start=2):
        kind = None if step.kind in (None, _default_kind(step, count)) else step.kind
        decision = step.kind is Kind.KEPUTUSAN
        values: dict[str, str | int | None] = {
            "No": step.no,
            "Kegiatan": step.kegiatan,
            "Pelaksana": "; ".join(found.roles[i] for i in step.roles) or None,
            "Jenis": kind.value if kind else None,
            "Jika Ya": step.if_yes if decision and step.if_yes != step.no + 1 else None,
            "Jika Tidak": step.if_no if decision else None,
            "Label Ya": _label(step.label_yes) if decision else None,
            "Label Tidak": _label(step.label_no) if decision else None,
            "Kelengkapan": step.kelengkapan,
            "Waktu": step.waktu,
            "Output": step.output,
            "Keterangan": step.keterangan,
        }
        for header, value in values.items():
            if value not in (None, ""):
                ws.cell(row=r, column=cols[fold(header)], value=value)
        for header, doubt in step.doubts.items():
            notes.flag(ws, f"{get_column_letter(cols[fold(header)])}{r}", doubt)


def _label(text: str | None) -> str | None:
    """A label cell: empty for the default word, `-` for none."""
    if text is None:
        return None
    return "-" if text == "" else text


def _pengaturan(ws: Worksheet, found: FoundSop) -> None:
    rows = _labels(ws)
    for label, value in found.settings.items():
        ws.cell(row=rows[fold(label)], column=2, value=value)


def _catatan(ws: Worksheet, found: FoundSop, notes: _Notes) -> None:
    bold = Font(bold=True)
    for col, (title, width) in enumerate(zip(msg.impor_notes_headers(), (28, 100),
                                             strict=True), start=1):
        ws.cell(row=1, column=col, value=title).font = bold
        ws.column_dimensions[get_column_letter(col)].width = width
    lines = [*notes.lines, *(("-", note) for note in found.notes),
             *((left.where, msg.impor_leftover(left.text)) for left in found.leftovers)]
    for r, (where, text) in enumerate(lines, start=2):
        ws.cell(row=r, column=1, value=where)
        ws.cell(row=r, column=2, value=text).alignment = Alignment(wrap_text=True,
                                                                   vertical="top")
