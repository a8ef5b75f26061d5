"""`sopgen build --format pdf`: the PDF read back with pypdf and pdftotext.

What a reader of the printed sheet checks: every text of the workbook is on
the paper, in order, on the paper size the layout chose, with metadata from
the workbook and never from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE
from pypdf import PdfReader
from workbooks import pengaturan, set_step, valid_sheets, write

from sopgen import cli
from sopgen import messages as msg
from sopgen.build import prepare
from sopgen.dates import format_date
from sopgen.model import Sop

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")

A4_LANDSCAPE = (841.89, 595.28)
F4_PORTRAIT = (609.4, 935.4)


def _build(workbook: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    status = cli.main(["build", str(workbook), "-o", str(out), "--format", "pdf"])
    assert status == 0
    pdf = out / f"{workbook.stem}.pdf"
    assert pdf.is_file()
    return pdf


def _text(pdf: Path) -> str:
    """The PDF's text in content order, white space folded, case folded."""
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return _fold(raw)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(EXAMPLE, tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def example_sop() -> Sop:
    prepared = prepare(EXAMPLE)
    assert prepared.sop is not None and not prepared.errors
    return prepared.sop


def test_page_count_and_size(example_pdf: Path) -> None:
    prepared = prepare(EXAMPLE)
    assert prepared.document is not None
    reader = PdfReader(example_pdf)
    assert len(reader.pages) == len(prepared.document.pages)
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_LANDSCAPE, abs=1.0)


def test_every_text_of_the_workbook_is_printed(example_pdf: Path, example_sop: Sop) -> None:
    text = _text(example_pdf)
    ident = example_sop.identity
    expected = [
        ident.satuan_kerja, ident.nomor, ident.nama, ident.disahkan_oleh, ident.nama_pengesah,
        format_date(ident.tanggal_pembuatan), format_date(ident.tanggal_efektif),
        "01 Juli 2023", "NIP. 19780601 200501 1 016", "Tanggal Pembuatan", "Nama SOP",
    ]  # fmt: skip
    expected += [x for x in (ident.instansi, ident.tempat, ident.pangkat) if x]
    if ident.tempat:
        expected.append(f"{ident.tempat}, {format_date(ident.tanggal_efektif)}")
    for title, items in example_sop.provisions.items():
        expected.append(title)
        expected.extend(items)
    for step in example_sop.steps:
        expected += [step.kegiatan, step.kelengkapan, step.waktu.text, step.output, step.keterangan]
    expected += [role.label for role in example_sop.roles]
    expected += [
        "Pelaksana",
        "Mutu Baku",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Keterangan",
        "124 hari 2 jam 32 menit",
    ]
    pages = len(PdfReader(example_pdf).pages)
    expected += [f"Halaman {n} dari {pages}" for n in range(1, pages + 1)]
    missing = [e for e in expected if e and _fold(e) not in text]
    assert not missing, missing


def test_dates_are_printed_the_indonesian_way(example_pdf: Path) -> None:
    text = _text(example_pdf)
    assert "tanggal pembuatan 01 juli 2023" in text
    assert "tanggal efektif 01 juli 2023" in text
    assert "2023-07-01" not in text


def test_steps_appear_in_order(example_pdf: Path, example_sop: Sop) -> None:
    text = _text(example_pdf)
    at = 0
    for step in example_sop.steps:
        found = text.find(_fold(step.kegiatan), at)
        assert found >= 0, f"step {step.no} not after position {at}: {step.kegiatan!r}"
        at = found + 1


def test_metadata_comes_from_the_workbook(example_pdf: Path, example_sop: Sop) -> None:
    meta = PdfReader(example_pdf).metadata
    assert meta is not None
    ident = example_sop.identity
    assert meta.get("/Title") == ident.nama
    assert meta.get("/Subject") == ident.nomor
    assert meta.get("/Author") == ident.satuan_kerja
    created = str(meta.get("/CreationDate"))
    assert created.startswith("D:20230701"), created
    assert str(meta.get("/ModDate")).startswith("D:20230701")


def test_no_clock_in_the_pdf(example_pdf: Path) -> None:
    data = example_pdf.read_bytes()
    for day in {dt.date.today(), dt.datetime.now(dt.UTC).date()}:
        assert f"D:{day:%Y%m%d}".encode() not in data
        assert day.isoformat().encode() not in data


def test_building_twice_gives_the_same_bytes(example_pdf: Path, tmp_path: Path) -> None:
    time.sleep(1.1)  # a clock, if any, would have moved on
    again = _build(EXAMPLE, tmp_path / "lagi")
    assert again.read_bytes() == example_pdf.read_bytes()


def _invalid_workbooks(tmp_path: Path) -> list[Path]:
    empty_waktu = valid_sheets()
    set_step(empty_waktu, 2, Waktu="15 menti")
    nine = valid_sheets()
    nine["Pelaksana"] += [[f"Pelaksana Tambahan {i}", f"PT{i}"] for i in range(1, 7)]
    nine["Pengaturan"] = pengaturan(Ukuran_Kertas="A4", Orientasi="Potret")
    return [
        write(tmp_path / "waktu-salah.xlsx", empty_waktu),
        write(tmp_path / "sembilan-pelaksana.xlsx", nine),
    ]


@pytest.mark.parametrize("which", [0, 1], ids=["validation", "layout"])
def test_invalid_workbook_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], which: int
) -> None:
    workbook = _invalid_workbooks(tmp_path)[which]
    out = tmp_path / "hasil"
    out.mkdir()
    status = cli.main(["build", str(workbook), "-o", str(out), "--format", "pdf"])
    printed, err = capsys.readouterr()
    assert status == 1
    assert f"{workbook}: {msg.build_failed(1)}" in printed.splitlines()
    assert "Traceback" not in printed + err
    left = sorted(p.name for p in out.iterdir())
    assert left == [], left  # no PDF, no temporary file


def test_f4_portrait_paper(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Pengaturan"] = pengaturan(Ukuran_Kertas="F4", Orientasi="Potret")
    pdf = _build(write(tmp_path / "f4.xlsx", sheets), tmp_path / "hasil")
    reader = PdfReader(pdf)
    prepared = prepare(tmp_path / "f4.xlsx")
    assert prepared.document is not None
    assert len(reader.pages) == len(prepared.document.pages)
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(F4_PORTRAIT, abs=1.0)
    assert "menerima disposisi surat permohonan" in _text(pdf)
