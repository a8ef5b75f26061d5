"""Electronic signing (issue 14): Identitas `Tanda Tangan` `Elektronik`, the anchor
character where the signature goes, the QR code of `URL Verifikasi` drawn as vector
shapes, the footnote on every page; read back from the PDF, from the DOCX as
LibreOffice draws it, and with python-docx; PDF/A-3b stays PDF/A-3b."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from docx import Document as open_docx
from lo import to_pdf
from PIL import Image
from pypdf import PdfReader
from test_pdfa import CREATED, catalog, filespecs, pdfa_id
from workbooks import (
    Sheets,
    assert_problems,
    error,
    pengaturan,
    set_field,
    set_step,
    valid_sheets,
    warning,
    write,
)

from sopgen import cli
from sopgen import messages as msg
from sopgen.layout import layout
from sopgen.layout.signing import qr
from sopgen.loader import load
from sopgen.model import BSRE_FOOTNOTE, Signing

URL = "https://tte.balangankab.go.id/verifikasi/SOP-04-BPKPAD-2023?id=7f3a"
FOOTNOTE_WORDS = "ditandatangani secara elektronik"


def electronic(url: str | None = URL, closing: str = "Ya", **settings: str) -> Sheets:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Tanda Tangan", "Elektronik")
    if url is not None:
        set_field(sheets, "Identitas", "URL Verifikasi", url)
    sheets["Pengaturan"] = pengaturan(Tanda_Tangan_Penutup=closing, **settings)
    return sheets


def build(tmp_path: Path, sheets: Sheets, *options: str, name: str = "sop-tte") -> Path:
    """Build the sheets into <tmp>/out; return the output folder."""
    src = tmp_path / "src"
    src.mkdir(parents=True, exist_ok=True)
    workbook = write(src / f"{name}.xlsx", sheets)
    out = tmp_path / "out"
    status = cli.main(["build", str(workbook), "-o", str(out), "--force", *options])
    assert status == 0
    return out


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def qr_texts(pdf: Path, tmp_path: Path) -> list[list[str]]:
    """What every QR code on each page says, read from the page drawn at 150 dpi."""
    prefix = tmp_path / f"png-{pdf.stem}-{pdf.parent.name}"
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(prefix)], check=True)
    pages = sorted(tmp_path.glob(f"{prefix.name}-*.png"))
    return [[r.text for r in zxingcpp.read_barcodes(Image.open(p))] for p in pages]


def words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, x, y) of the page's words, from pdftotext's bounding boxes."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], check=True, capture_output=True, text=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    return [(w.replace("&amp;", "&"), float(x), float(y)) for x, y, w in found]


def assert_anchor_between_position_and_name(pdf: Path, page: int, position: str,
                                            name: str, anchor: str = "#") -> None:
    found = words(pdf, page)
    anchors = [(x, y) for w, x, y in found if w == anchor]
    assert len(anchors) == 1, found
    ((_, ay),) = anchors
    above = [y for w, _, y in found if w == position]
    below = [y for w, _, y in found if w == name]
    assert above and below, found
    assert max(y for y in above if y < ay) < ay < min(y for y in below if y > ay)


# --- the sheet, drawn -------------------------------------------------------------


def test_electronic_pdf_has_the_anchor_qr_and_footnote(tmp_path: Path) -> None:
    out = build(tmp_path, electronic())
    pdf = out / "sop-tte.pdf"
    texts = page_texts(pdf)
    assert len(texts) >= 2
    # The anchor: once in the Disahkan Oleh cell, once in the closing block, nowhere else.
    assert [t.count("#") for t in texts] == [1] + [0] * (len(texts) - 2) + [1]
    assert_anchor_between_position_and_name(pdf, 1, "BPKPAD", "FAKHRIYANTO,")
    assert_anchor_between_position_and_name(pdf, len(texts), "BPKPAD", "FAKHRIYANTO,")
    # The footnote under the footer line on every page.
    for number, text in enumerate(texts, start=1):
        assert FOOTNOTE_WORDS in text, number
        assert f"Halaman {number} dari {len(texts)}" in text
    flat = " ".join(" ".join(texts).split())
    assert " ".join(BSRE_FOOTNOTE.split()[:8]) in flat
    # The QR code says the URL, beside each signature.
    codes = qr_texts(pdf, tmp_path)
    assert codes[0] == [URL] and codes[-1] == [URL]
    assert all(c == [] for c in codes[1:-1])


def test_the_qr_code_is_vector_shapes_not_a_picture(tmp_path: Path) -> None:
    out = build(tmp_path, electronic())
    reader = PdfReader(out / "sop-tte.pdf")
    for page in reader.pages:
        resources: Any = page["/Resources"]
        xobjects = resources.get("/XObject", {})
        images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        assert images == []  # the example has no logo: any picture would be the QR
    docx = open_docx(str(out / "sop-tte.docx"))
    assert docx.inline_shapes._inline_lst == []
    xml = docx.element.xml
    assert xml.count('name="Kode QR ') == 2
    assert "a:blip" not in xml


def test_electronic_docx_through_libreoffice(tmp_path: Path) -> None:
    out = build(tmp_path, electronic(), "--format", "docx")
    (pdf,) = to_pdf([out / "sop-tte.docx"], tmp_path / "lo")
    texts = page_texts(pdf)
    assert [t.count("#") for t in texts] == [1] + [0] * (len(texts) - 2) + [1]
    assert_anchor_between_position_and_name(pdf, 1, "BPKPAD", "FAKHRIYANTO,")
    for number, text in enumerate(texts, start=1):
        assert FOOTNOTE_WORDS in text, number
    codes = qr_texts(pdf, tmp_path)
    assert codes[0] == [URL] and codes[-1] == [URL]


def test_electronic_docx_read_with_python_docx(tmp_path: Path) -> None:
    out = build(tmp_path, electronic(), "--format", "docx")
    docx = open_docx(str(out / "sop-tte.docx"))
    paragraphs = [p for t in docx.tables for row in t.rows for c in row.cells
                  for p in c.paragraphs]
    anchors = [p for p in paragraphs if "#" in p.text]
    # A merged cell repeats under each position it covers: count the distinct elements.
    assert len({id(p._p) for p in anchors}) == 2
    assert {p.text for p in anchors} == {"#"}
    assert len({p._p for p in anchors}) == 2
    footer = "\n".join(p.text for p in docx.sections[0].footer.paragraphs)
    assert " ".join(footer.split()).endswith("Sandi Negara (BSSN).")


def test_without_url_there_is_the_anchor_but_no_qr_code(tmp_path: Path) -> None:
    out = build(tmp_path, electronic(url=None, closing="Tidak"))
    pdf = out / "sop-tte.pdf"
    texts = page_texts(pdf)
    assert [t.count("#") for t in texts] == [1] + [0] * (len(texts) - 1)
    assert all(c == [] for c in qr_texts(pdf, tmp_path))
    assert all(FOOTNOTE_WORDS in t for t in texts)


def test_a_chosen_anchor_and_footnote_are_printed(tmp_path: Path) -> None:
    note = "Ditandatangani secara elektronik melalui TTE Pemkab Balangan."
    sheets = electronic(Jangkar_Tanda_Tangan="^", Catatan_Tanda_Tangan_Elektronik=note)
    out = build(tmp_path, sheets)
    pdf = out / "sop-tte.pdf"
    texts = page_texts(pdf)
    assert "#" not in "".join(texts)
    assert [t.count("^") for t in texts] == [1] + [0] * (len(texts) - 2) + [1]
    assert_anchor_between_position_and_name(pdf, 1, "BPKPAD", "FAKHRIYANTO,", anchor="^")
    assert all(note in " ".join(t.split()) for t in texts)
    assert all("BSrE" not in t for t in texts)


def test_wet_signature_is_as_before(tmp_path: Path) -> None:
    out = build(tmp_path, valid_sheets(), name="sop-basah")
    texts = page_texts(out / "sop-basah.pdf")
    assert "#" not in "".join(texts)
    assert all(FOOTNOTE_WORDS not in t for t in texts)
    docx = open_docx(str(out / "sop-basah.docx"))
    assert len(docx.sections[0].footer.paragraphs) == 1
    assert "Kode QR" not in docx.element.xml


def test_electronic_build_is_byte_identical(tmp_path: Path) -> None:
    first = build(tmp_path / "a", electronic())
    second = build(tmp_path / "b", electronic())
    for name in ("sop-tte.pdf", "sop-tte.docx"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --- PDF/A-3b -----------------------------------------------------------------------


def test_pdfa_stays_pdfa_3b_with_the_electronic_signature(tmp_path: Path) -> None:
    out = build(tmp_path, electronic(), "--pdfa", "--format", "pdf")
    pdf = out / "sop-tte.pdf"
    reader = PdfReader(pdf)
    assert pdfa_id(reader) == ("3", "B")
    root = catalog(reader)
    (intent,) = root["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    (spec,) = filespecs(reader)
    assert spec["/AFRelationship"] == "/Source"
    assert reader.metadata is not None
    assert str(reader.metadata.get("/CreationDate", "")).startswith(CREATED)
    # PDF/A forbids transparency groups and unembedded fonts: the QR path adds neither.
    for page in reader.pages:
        assert "/Group" not in page
        fonts: Any = page["/Resources"]
        for font in fonts["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor") or (
                font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"])
            assert any(k in descriptor.get_object() for k in ("/FontFile2", "/FontFile3",
                                                                "/FontFile"))
    texts = page_texts(pdf)
    assert [t.count("#") for t in texts] == [1] + [0] * (len(texts) - 2) + [1]
    assert all(FOOTNOTE_WORDS in t for t in texts)
    codes = qr_texts(pdf, tmp_path)
    assert codes[0] == [URL] and codes[-1] == [URL]


# --- the workbook ---------------------------------------------------------------------


def test_default_is_a_wet_signature(tmp_path: Path) -> None:
    checked = load(write(tmp_path / "sop.xlsx", valid_sheets()))
    assert checked.sop is not None
    assert checked.sop.identity.tanda_tangan is Signing.BASAH
    assert layout(checked.sop).footnote == ()


def test_a_refused_signing_word_is_an_error_at_its_cell(tmp_path: Path) -> None:
    sheets = valid_sheets()
    ref = set_field(sheets, "Identitas", "Tanda Tangan", "Digital")
    checked = load(write(tmp_path / "sop.xlsx", sheets))
    assert_problems(checked, error(f"Identitas!{ref}", "Basah", "Elektronik"))
    assert checked.problems[0].text == msg.bad_signing()


@pytest.mark.parametrize("url", ["tte.balangankab.go.id/v/1", "https://a b.go.id",
                                 "ftp://x.go.id/1", "https://" + "x" * 150])
def test_a_bad_url_is_an_error_at_its_cell(tmp_path: Path, url: str) -> None:
    sheets = electronic(url=url)
    ref = set_field(sheets, "Identitas", "URL Verifikasi", url)
    checked = load(write(tmp_path / "sop.xlsx", sheets))
    assert_problems(checked, error(f"Identitas!{ref}", "https://"))


def test_a_url_with_a_wet_signature_is_a_warning(tmp_path: Path) -> None:
    sheets = valid_sheets()
    ref = set_field(sheets, "Identitas", "URL Verifikasi", URL)
    checked = load(write(tmp_path / "sop.xlsx", sheets))
    assert_problems(checked, warning(f"Identitas!{ref}", "Elektronik"))
    assert checked.sop is not None


@pytest.mark.parametrize("anchor", ["ab", "A", "7", " "])
def test_a_bad_anchor_is_an_error_at_its_cell(tmp_path: Path, anchor: str) -> None:
    sheets = electronic(Jangkar_Tanda_Tangan=anchor)
    checked = load(write(tmp_path / "sop.xlsx", sheets))
    if anchor == " ":  # a blank cell keeps the default
        assert checked.sop is not None and checked.sop.settings.anchor == "#"
        return
    assert_problems(checked, error("Pengaturan!B3", "satu karakter"))


def test_the_anchor_in_printed_text_is_an_error_where_it_stands(tmp_path: Path) -> None:
    sheets = electronic()
    set_step(sheets, 2, Kegiatan="Menyusun draft RKT #1")
    checked = load(write(tmp_path / "sop.xlsx", sheets))
    assert_problems(checked, error("Prosedur!B3", "'#'", "Jangkar Tanda Tangan"))
    assert checked.sop is None
    # With a wet signature the same text is fine, and with another anchor too.
    sheets = valid_sheets()
    set_step(sheets, 2, Kegiatan="Menyusun draft RKT #1")
    assert load(write(tmp_path / "wet.xlsx", sheets)).sop is not None
    sheets = electronic(Jangkar_Tanda_Tangan="^")
    set_step(sheets, 2, Kegiatan="Menyusun draft RKT #1")
    assert load(write(tmp_path / "other.xlsx", sheets)).sop is not None


def test_a_footnote_longer_than_two_lines_is_refused_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheets = electronic(Catatan_Tanda_Tangan_Elektronik="Dokumen ini sah. " * 40)
    workbook = write(tmp_path / "sop.xlsx", sheets)
    assert cli.main(["check", str(workbook)]) == 1
    out = capsys.readouterr().out
    assert "Pengaturan!B3: Catatan Tanda Tangan Elektronik terlalu panjang" in out
    assert cli.main(["build", str(workbook), "-o", str(tmp_path / "out")]) == 1
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_qr_rectangles_stay_inside_their_box() -> None:
    code = qr(URL, 100.0, 200.0, 56.0)
    assert code.text == URL
    assert all(code.box.contains(r) for r in code.rects)
    # Each row's dark modules are joined: fewer rectangles than dark modules.
    assert 50 < len(code.rects) < 33 * 33 / 2


def test_portrait_paper_keeps_the_qr_code_readable_beside_the_anchor(tmp_path: Path) -> None:
    out = build(tmp_path, electronic(Orientasi="Potret", Ukuran_Kertas="F4"))
    pdf = out / "sop-tte.pdf"
    texts = page_texts(pdf)
    assert [t.count("#") for t in texts] == [1] + [0] * (len(texts) - 2) + [1]
    assert_anchor_between_position_and_name(pdf, 1, "BPKPAD", "FAKHRIYANTO,")
    codes = qr_texts(pdf, tmp_path)
    assert codes[0] == [URL] and codes[-1] == [URL]
    assert all(FOOTNOTE_WORDS in t for t in texts)


def test_the_longest_url_allowed_still_decodes(tmp_path: Path) -> None:
    longest = "https://tte.balangankab.go.id/verifikasi/"
    longest += "a1b2c3d4e5" * ((150 - len(longest)) // 10)
    longest += "x" * (150 - len(longest))
    assert len(longest) == 150
    out = build(tmp_path, electronic(url=longest, closing="Tidak"), "--format", "pdf")
    assert qr_texts(out / "sop-tte.pdf", tmp_path)[0] == [longest]
