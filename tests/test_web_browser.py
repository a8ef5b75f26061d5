"""The page in a real browser: Debian's Chromium driven by Playwright (no browser download),
against `sopgen serve` on loopback. A planner's way: the blank workbook, the example
uploaded, its previews and total, the DOCX and PDF downloaded and opened; a broken
workbook's cells; several workbooks dropped at once; the token page.

Screenshots of each screen land in `SOPGEN_SCREENSHOTS` when set (to look at them),
else in the test's temporary folder.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from pypdf import PdfReader
from websupport import EXAMPLE, TOKEN, Server, broken_workbook, check_lines

from sopgen import messages as msg
from sopgen.loader import load
from sopgen.timeline import build_timeline
from sopgen.web.auth import COOKIE, cookie_value

CHROMIUM = "/usr/bin/chromium"
# As the machine notes start it: as root without the sandbox, and without the background
# connections that a closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 90_000  # a build on a busy 2-core machine
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), "make setup installs chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SOPGEN_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Browser, web_server: Server) -> Iterator[Page]:
    """A browser that entered the token before (the token page has a test of its own)."""
    context = browser.new_context(viewport=LAPTOP, accept_downloads=True, locale="id-ID")
    context.add_cookies([{"name": COOKIE, "value": cookie_value(TOKEN), "url": web_server.url}])
    opened = context.new_page()
    opened.set_default_timeout(WAIT_MS)
    yield opened
    context.close()


def _download(page: Page, selector: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click(selector)
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_from_the_blank_workbook_to_the_docx_and_pdf(
    web_server: Server, page: Page, shots: Path, tmp_path: Path
) -> None:
    assert msg.serve_listening(web_server.url, True, True) in "".join(web_server.log)
    page.goto(web_server.url)
    assert page.title().startswith("sopgen")
    assert page.is_visible("text=Tarik berkas ke sini")
    page.screenshot(path=str(shots / "1-beranda-laptop.png"), full_page=True)

    blank = _download(page, "#unduh-kosong", tmp_path)
    assert load_workbook(blank).sheetnames[:4] == ["Identitas", "Ketentuan", "Pelaksana",
                                                  "Prosedur"]

    page.set_input_files("#berkas", str(EXAMPLE))
    page.wait_for_selector("#hasil-satu")
    page.screenshot(path=str(shots / "2-hasil-laptop.png"))
    page.screenshot(path=str(shots / "2-hasil-laptop-penuh.png"), full_page=True)

    sop = load(EXAMPLE).sop
    assert sop is not None
    assert page.inner_text("#total-waktu") == build_timeline(sop).total_text
    previews = page.locator(".halaman img")
    assert previews.count() == 2
    assert page.evaluate("Array.from(document.querySelectorAll('.halaman img, .gantt img'))"
                         ".every(i => i.complete && i.naturalWidth > 500)")

    word = _download(page, "#unduh-docx", tmp_path)
    text = " ".join(c.text for t in docx.Document(str(word)).tables for r in t.rows
                    for c in r.cells)
    assert "Perncaanaan" in text or "Perencanaan" in text
    pdf = PdfReader(_download(page, "#unduh-pdf", tmp_path))
    assert len(pdf.pages) == previews.count()
    assert "SOP Tehnis Perencanaan Kinerja" in pdf.pages[0].extract_text()
    archive = _download(page, "#unduh-zip", tmp_path)
    assert "manifest.json" in zipfile.ZipFile(archive).namelist()

    page.set_viewport_size(PHONE)
    page.screenshot(path=str(shots / "3-hasil-ponsel-penuh.png"), full_page=True)


def test_a_broken_workbook_lists_its_cells(
    web_server: Server, page: Page, shots: Path, tmp_path: Path
) -> None:
    broken = broken_workbook(tmp_path)
    page.goto(web_server.url)
    page.set_input_files("#berkas", str(broken))
    page.wait_for_selector("#hasil-satu")
    page.screenshot(path=str(shots / "4-galat-laptop.png"), full_page=True)
    assert page.is_visible("text=Buku kerja belum dapat dibuat menjadi SOP")
    shown = page.locator("code.sel").all_inner_texts()
    assert sorted(shown) == sorted(line.split(": ")[0] for line in check_lines(broken))
    headings = page.locator(".lembar h4").all_inner_texts()
    assert [h.split(" (")[0] for h in headings] == ["Lembar Identitas", "Lembar Prosedur"]
    assert page.locator(".download, a[data-berkas]").count() == 0


def test_several_workbooks_dropped_at_once_give_one_zip(
    web_server: Server, page: Page, shots: Path, tmp_path: Path
) -> None:
    broken = broken_workbook(tmp_path)
    page.goto(web_server.url)
    page.evaluate("""() => {
        window.seen = [];
        new MutationObserver(() => window.seen.push(
            document.getElementById('kemajuan-teks').textContent))
          .observe(document.getElementById('kemajuan-teks'), {childList: true});
    }""")
    files = [("a.xlsx", EXAMPLE.read_bytes()), (broken.name, broken.read_bytes())]
    page.evaluate("""(files) => {
        const data = new DataTransfer();
        for (const [name, bytes] of files) data.items.add(new File([new Uint8Array(bytes)], name));
        const zone = document.getElementById('zona');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true}));
    }""", [[name, list(data)] for name, data in files])
    page.wait_for_selector("#hasil-banyak")
    page.screenshot(path=str(shots / "5-banyak-laptop.png"), full_page=True)
    seen = page.evaluate("window.seen")
    assert any(s.startswith("Mengunggah") for s in seen)
    assert msg.web_progress(2, 2, "").rstrip(": ") in " ".join(seen)
    assert page.is_visible(f"text={msg.web_batch_summary(1, 1)}")
    archive = zipfile.ZipFile(_download(page, "#unduh-zip", tmp_path))
    assert archive.namelist() == ["a.docx", "a.pdf", "manifest.json"]
    assert docx.Document(io.BytesIO(archive.read("a.docx"))).tables


def test_the_token_page_when_a_token_is_required(
    web_server: Server, browser: Browser, shots: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(web_server.url)
    assert page.is_visible("text=Masukkan token akses")
    page.screenshot(path=str(shots / "6-token-ponsel.png"), full_page=True)
    page.fill("#token", "salah")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.is_visible(f"text={msg.web_token_wrong()}")
    page.screenshot(path=str(shots / "6-token-salah-ponsel.png"), full_page=True)
    page.fill("#token", TOKEN)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_selector("#zona")
    page.screenshot(path=str(shots / "7-beranda-ponsel.png"), full_page=True)
    context.close()
