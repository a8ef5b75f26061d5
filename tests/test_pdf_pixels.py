"""The cheaper HTML (issue 15) prints the same pages as the HTML before it, pixel for pixel.

`bench/baseline_html.py` keeps the renderer as it was (its helpers, template and
stylesheets frozen in bench/baseline/). Both render the same layouts through the same
WeasyPrint; poppler rasterises every page at 100 dpi and the images must be equal,
every pixel: the examples (9 and 40 steps), a real signed sheet, a logo on the
identity page and the Gantt appendix. A change to the HTML that moves a line, a
glyph or an antialiased edge fails here.
"""

from __future__ import annotations

import base64
import datetime as dt
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
from conftest import EXAMPLE, ROOT
from PIL import Image, ImageChops

from sopgen.build import document_dates, prepare, with_gantt
from sopgen.geometry import Document
from sopgen.render.html import render_html, to_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler")

FORTY = ROOT / "data" / "sop-contoh-40-langkah.xlsx"
REAL = ROOT.parent / "shared" / "real" / "bps-328-mabar.xlsx"
DPI = "100"


def _baseline() -> ModuleType:
    spec = importlib.util.spec_from_file_location("baseline_html",
                                                  ROOT / "bench" / "baseline_html.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BASELINE = _baseline()


def _pages(pdf: bytes, folder: Path, tag: str) -> list[Image.Image]:
    path = folder / f"{tag}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", DPI, "-png", str(path), str(folder / tag)], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob(f"{tag}-*.png"))]


def _document(workbook: Path) -> tuple[Document, dt.date, dt.date]:
    prepared = prepare(workbook)
    assert prepared.sop is not None and prepared.document is not None, prepared.problems
    return (prepared.document, *document_dates(prepared.sop))


def _assert_same_pixels(document: Document, created: dt.date, modified: dt.date,
                        folder: Path) -> None:
    before = _pages(BASELINE.to_pdf(BASELINE.render_html(document, created, modified)),
                    folder, "before")
    after = _pages(to_pdf(render_html(document, created, modified)), folder, "after")
    assert len(after) == len(before) == len(document.pages)
    for number, (old, new) in enumerate(zip(before, after, strict=True), 1):
        assert old.size == new.size
        box = ImageChops.difference(old, new).getbbox()
        assert box is None, f"page {number} differs in {box} (pixels at {DPI} dpi)"


@pytest.mark.parametrize("workbook", [EXAMPLE, FORTY, REAL], ids=lambda p: p.stem)
def test_the_pages_are_the_pixels_of_the_html_before(workbook: Path, tmp_path: Path) -> None:
    _assert_same_pixels(*_document(workbook), tmp_path)


def test_a_logo_prints_where_it_did(tmp_path: Path) -> None:
    Image.new("RGB", (120, 80), (200, 30, 30)).save(tmp_path / "logo.png")
    wb = openpyxl.load_workbook(EXAMPLE)
    for row in wb["Identitas"].iter_rows(min_row=2):
        if row[0].value == "Logo":
            row[1].value = "logo.png"
            break
    else:
        wb["Identitas"].append(["Logo", "logo.png"])
    book = tmp_path / "sop-logo.xlsx"
    wb.save(book)
    document, created, modified = _document(book)
    assert any(cell.image for page in document.pages for table in page.tables
               for row in table.rows for cell in row.cells)
    _assert_same_pixels(document, created, modified, tmp_path)


def test_the_gantt_appendix_prints_where_it_did(tmp_path: Path) -> None:
    prepared = prepare(EXAMPLE)
    assert prepared.sop is not None and prepared.document is not None
    document = with_gantt(prepared.sop, prepared.document)
    assert document.pages[-1].figure is not None
    _assert_same_pixels(document, *document_dates(prepared.sop), tmp_path)


def test_the_html_is_smaller_and_draws_with_paths() -> None:
    """What made it cheaper is still there: one image a page, no inline SVG, no polyline
    or polygon, no inline style and no clipping."""
    document, created, modified = _document(FORTY)
    new = render_html(document, created, modified)
    old = BASELINE.render_html(document, created, modified)
    assert len(new) < 0.7 * len(old)
    assert "<svg" not in new and 'style="' not in new and "float" not in new
    svgs = [base64.b64decode(m).decode()
            for m in re.findall(r'class="bg" src="data:image/svg\+xml;base64,([^"]+)"', new)]
    assert len(svgs) == len(document.pages)
    assert not any("<polyline" in svg or "<polygon" in svg for svg in svgs)
    rules = re.sub(r"/\*.*?\*/", "", (ROOT / "templates" / "sop.css").read_text(encoding="utf-8"),
                   flags=re.S)
    assert "overflow: hidden" not in rules and "float" not in rules
