"""Real signed SOP sheets of Indonesian agencies, transcribed by people who are not us
(`../shared/real/`): sopgen accepts each, prints it on no more pages than its agency
did, keeps the identity part on one page, and LibreOffice lays the DOCX out on the
same pages as the PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from lo import to_pdf
from pypdf import PdfReader

from sopgen import cli
from sopgen.build import prepare
from sopgen.geometry import Document
from sopgen.layout import MARGINS
from sopgen.layout.columns import NO_WIDTH

REAL = ROOT.parent / "shared" / "real"
SHEETS = sorted(REAL.glob("*.xlsx"))


def source_pages(workbook: Path) -> int:
    """The page count of the signed original: one PNG was rendered per source page."""
    return len(list(REAL.glob(f"{workbook.stem}-src-*.png")))


def test_the_four_real_sheets_are_there() -> None:
    assert [p.stem for p in SHEETS] == [
        "bps-004-distribusi-persediaan-transfer", "bps-328-mabar",
        "bps-333-perubahan-inventori", "satpolpp-82-pengumpulan-data-deteksi-dini",
    ]  # fmt: skip
    assert [source_pages(p) for p in SHEETS] == [3, 4, 2, 2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    """Each sheet built once as DOCX and PDF, and the DOCX through LibreOffice."""
    out = tmp_path_factory.mktemp("real")
    assert cli.main(["build", *map(str, SHEETS), "-o", str(out)]) == 0
    docx = [out / f"{p.stem}.docx" for p in SHEETS]
    lo = to_pdf(docx, out / "lo")
    return {p.stem: (d, out / f"{p.stem}.pdf", r) for p, d, r in zip(SHEETS, docx, lo,
                                                                     strict=True)}


def _document(workbook: Path) -> Document:
    prepared = prepare(workbook)
    assert prepared.document is not None, prepared.problems
    return prepared.document


@pytest.mark.parametrize("workbook", SHEETS, ids=lambda p: p.stem)
def test_check_accepts_it_with_warnings_at_most(
    workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(workbook)]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert all(": peringatan: " in line for line in out.splitlines()[:-1]), out


@pytest.mark.parametrize("workbook", SHEETS, ids=lambda p: p.stem)
def test_no_role_needs_a_singkatan(workbook: Path) -> None:
    prepared = prepare(workbook)
    assert prepared.sop is not None
    assert all(role.short is None for role in prepared.sop.roles)
    assert prepared.document is not None


@pytest.mark.parametrize("workbook", SHEETS, ids=lambda p: p.stem)
def test_identity_part_on_one_page(workbook: Path) -> None:
    doc = _document(workbook)
    assert [p.kind for p in doc.pages].count("identity") == 1
    assert doc.pages[0].kind == "identity"


@pytest.mark.parametrize("workbook", SHEETS, ids=lambda p: p.stem)
def test_no_more_pages_than_its_source(
    workbook: Path, built: dict[str, tuple[Path, Path, Path]]
) -> None:
    _, pdf, _ = built[workbook.stem]
    pages = len(PdfReader(pdf).pages)
    assert pages <= source_pages(workbook)
    assert pages == len(_document(workbook).pages)


@pytest.mark.parametrize("workbook", SHEETS, ids=lambda p: p.stem)
def test_libreoffice_lays_the_docx_out_on_the_pdfs_pages(
    workbook: Path, built: dict[str, tuple[Path, Path, Path]]
) -> None:
    _, pdf, lo = built[workbook.stem]
    assert len(PdfReader(lo).pages) == len(PdfReader(pdf).pages)
    # ... with the same steps on each page: the step numbers in the No column.
    laid_out = [list(p.steps) for p in _document(workbook).pages if p.kind == "procedure"]
    assert _steps_per_page(pdf) == laid_out
    assert _steps_per_page(lo) == laid_out


def _steps_per_page(pdf: Path) -> list[list[int]]:
    """The step numbers each procedure page prints in its No column (the table's first
    22 pt from the left margin), read from the PDF's text with its positions."""
    left, right = MARGINS.left, MARGINS.left + NO_WIDTH
    pages = []
    for page in PdfReader(pdf).pages[1:]:
        found: list[int] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            x = tm[4] * cm[0] + cm[4]
            if left <= x <= right and text.strip().isdigit():
                found.append(int(text.strip()))  # noqa: B023 - used before the next page

        page.extract_text(visitor_text=visit)
        pages.append(sorted(set(found)))
    return pages


def test_page_economy_of_the_real_sheets() -> None:
    """The signed originals' own density: 10 steps of Satpol PP on one F4 page, 9 and 8
    steps of BPS 004 on two Letter pages (the sopgen sheets of before took 4 and 8)."""
    steps = {p.stem: [len(page.steps) for page in _document(p).pages if page.steps]
             for p in SHEETS}
    assert steps["satpolpp-82-pengumpulan-data-deteksi-dini"] == [11]
    assert len(steps["bps-004-distribusi-persediaan-transfer"]) == 2
    assert steps["bps-333-perubahan-inventori"] == [7]
