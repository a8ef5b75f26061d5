"""Workbook version 1.1, rule by rule: what real signed sheets carry is accepted.

Table-driven: each case changes the valid baseline workbook in one place and
pins the exact problems (cell, error or warning, key words) and what the
model then holds. Every v1 workbook stays valid (the rest of test_validate.py).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Run
from lxml import etree
from pypdf import PdfReader
from workbooks import (
    Cell,
    Expected,
    Sheets,
    add_column,
    assert_problems,
    drop_column,
    error,
    set_field,
    set_step,
    valid_sheets,
    warning,
    write,
)

from sopgen import cli
from sopgen.dates import MonthDate, format_date
from sopgen.layout import layout
from sopgen.layout.procedure import total_text
from sopgen.model import Sop


def _labels(sheets: Sheets) -> None:
    add_column(sheets, "Prosedur", "Label Ya")  # column K
    add_column(sheets, "Prosedur", "Label Tidak")  # column L


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Sheets], None]
    problems: tuple[Expected, ...]
    holds: Callable[[Sop], bool] = lambda sop: True


def _identity(*pairs: tuple[str, Cell]) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        for label, value in pairs:
            set_field(sheets, "Identitas", label, value)

    return change


def _step(no: int, **values: Cell) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        _labels(sheets)
        set_step(sheets, no, **values)

    return change


CASES = [
    Case("month-only dates", _identity(("Tanggal Pembuatan", "Agustus 2023"),
                                       ("Tanggal Efektif", "AGUSTUS 2023")), (),
        lambda sop: isinstance(sop.identity.tanggal_pembuatan, MonthDate)
        and format_date(sop.identity.tanggal_efektif) == "Agustus 2023"),
    Case("revision in the month made", _identity(("Tanggal Revisi", "Juli 2023")), (),
         lambda sop: sop.identity.tanggal_revisi == dt.date(2023, 7, 1)),
    Case("revision a month before made", _identity(("Tanggal Revisi", "Juni 2023")),
         (error("Identitas!B7", "sebelum"),)),
    Case("empty Waktu", _step(2, Waktu=None),
         (warning("Prosedur!H3", "Waktu kosong", "tanpa standar waktu"),),
         lambda sop: sop.steps[1].waktu.is_none and sop.steps[1].waktu.text == ""),
    Case("a written condition", _step(2, Waktu="Sesuai kebutuhan"),
         (warning("Prosedur!H3", "'Sesuai kebutuhan'", "syarat", "dihitung 0 menit"),),
         lambda sop: sop.steps[1].waktu.condition and sop.steps[1].waktu.minutes == 0),
    Case("a condition with a number inside", _step(2, Waktu="Paling lambat tanggal 10"),
         (warning("Prosedur!H3", "syarat"),),
         lambda sop: sop.steps[1].waktu.text == "Paling lambat tanggal 10"),
    Case("a dash", _step(2, Waktu="-"), (warning("Prosedur!H3", "tanpa standar waktu"),)),
    Case("number words", _step(2, Waktu="setengah jam"), (),
         lambda sop: sop.steps[1].waktu.minutes == 30),
    Case("1 x 24 jam", _step(2, Waktu="1 x 24 jam"), (),
         lambda sop: sop.steps[1].waktu.minutes == 450),
    Case("a number then a typo", _step(2, Waktu="15 menti"),
         (error("Prosedur!H3", "'15 menti'", "Maksud Anda 'menit'?", "'15 menit'"),)),
    Case("Jika Tidak to itself", _step(3, Jika_Tidak=3), (),
         lambda sop: sop.steps[2].if_no == 3),
    Case("custom labels", _step(3, Label_Ya="Lengkap", Label_Tidak="Belum lengkap"), (),
         lambda sop: (sop.steps[2].label_yes, sop.steps[2].label_no)
         == ("Lengkap", "Belum lengkap")),
    Case("no labels", _step(3, Label_Ya="-", Label_Tidak="–"), (),
         lambda sop: (sop.steps[2].label_yes, sop.steps[2].label_no) == ("", "")),
    Case("default labels", _step(3, Label_Ya=None), (),
         lambda sop: (sop.steps[2].label_yes, sop.steps[2].label_no) == ("Ya", "Tidak")),
    Case("a label too long", _step(3, Label_Tidak="Belum lengkap dan belum valid"),
         (error("Prosedur!L4", "terlalu panjang", "20 karakter"),)),
    Case("a label on a process step", _step(2, Label_Ya="Lengkap"),
         (warning("Prosedur!K3", "Label Ya", "hanya berlaku untuk Jenis Keputusan"),)),
    Case("no Waktu column", lambda s: drop_column(s, "Prosedur", "Waktu"),
         (warning("Prosedur", "kolom 'Waktu' tidak ada", "tanpa standar waktu"),),
         lambda sop: all(step.waktu.is_none for step in sop.steps)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_v11_rule(run: Run, case: Case) -> None:
    sheets = valid_sheets()
    case.change(sheets)
    checked = run(sheets)
    assert_problems(checked, *case.problems)
    if not any(not p.warning for p in case.problems):
        assert checked.sop is not None
        assert case.holds(checked.sop)


# --- the closing total ---------------------------------------------------------------


def _sop(run: Run, waktu: dict[int, str | None]) -> Sop:
    sheets = valid_sheets()
    for no, value in waktu.items():
        set_step(sheets, no, Waktu=value)
    checked = run(sheets)
    assert checked.sop is not None, checked.problems
    return checked.sop


def _closing_text(sop: Sop) -> str:
    table = layout(sop).pages[-1].tables[0]
    closing = next(r for r in table.rows if r.kind == "closing")
    return " ".join(p.text for c in closing.cells for p in c.paras)


def test_total_counts_only_steps_with_a_standard_and_says_how_many_are_left_out(
    run: Run,
) -> None:
    sop = _sop(run, {2: "Sesuai kebutuhan", 4: None})
    # main path 1, 2, 3, 4, 5: 15 menit + 10 menit + 1 hari, steps 2 and 4 left out
    assert total_text(sop, 15 + 10 + 450) == "1 hari 25 menit (2 langkah tanpa standar waktu)"
    assert "1 hari 25 menit (2 langkah tanpa standar waktu)" in _closing_text(sop)


def test_total_is_a_dash_when_no_step_has_a_standard(run: Run) -> None:
    sop = _sop(run, {no: "-" for no in range(1, 6)})
    assert total_text(sop, 0) == "-"
    assert _closing_text(sop).endswith(" -")


def test_total_is_plain_when_every_step_has_a_standard(run: Run) -> None:
    sop = _sop(run, {})
    assert total_text(sop, 15 + 30 + 10 + 60 + 450) == "1 hari 1 jam 55 menit"


# --- the labels, printed by both renderers ----------------------------------------------

_WPS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def _docx_labels(docx: Path) -> list[str]:
    """The texts of the DOCX's label shapes (borderless rectangles with a text box)."""
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for wsp in root.iterfind(".//wps:wsp", _WPS):
        geom = wsp.find("wps:spPr/a:prstGeom", _WPS)
        if geom is not None and geom.get("prst") == "rect":
            out.append("".join(t.text or "" for t in wsp.iterfind(".//w:t", _WPS)))
    return out


def _built(tmp_path: Path, yes: Cell, no: Cell) -> tuple[Path, Path]:
    sheets = valid_sheets()
    _labels(sheets)
    set_step(sheets, 3, Label_Ya=yes, Label_Tidak=no)
    workbook = write(tmp_path / "label.xlsx", sheets)
    out = tmp_path / "out"
    assert cli.main(["build", str(workbook), "-o", str(out)]) == 0
    return out / "label.docx", out / "label.pdf"


def test_custom_labels_are_printed_by_both_renderers(tmp_path: Path) -> None:
    docx, pdf = _built(tmp_path, "Lengkap", "Belum lengkap")
    assert sorted(_docx_labels(docx)) == ["Belum lengkap", "Lengkap"]
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "Lengkap" in text and "Belum lengkap" in text


def test_a_dash_prints_no_label(tmp_path: Path) -> None:
    docx, pdf = _built(tmp_path, "-", "Revisi")
    assert _docx_labels(docx) == ["Revisi"]
    text = " ".join((page.extract_text() or "") for page in PdfReader(pdf).pages)
    assert "Revisi" in text
