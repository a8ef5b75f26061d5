"""`sopgen build --pdfa`: PDF/A-3b carrying the source workbook, read back with pypdf."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from pypdf import PdfReader
from workbooks import valid_sheets, write

from sopgen import cli
from sopgen import messages as msg

PDFAID = "http://www.aiim.org/pdfa/ns/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XLSX_MIME = "/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CREATED = "D:20230701"  # valid_sheets(): Tanggal Pembuatan 01 JULI 2023


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPGEN_DEBUG", raising=False)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    return write(tmp_path / "src" / "sop-arsip.xlsx", valid_sheets())


def build(capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    status = cli.main(["build", *(str(a) for a in args)])
    out, err = capsys.readouterr()
    assert status == 0, out + err
    return out + err


def catalog(reader: PdfReader) -> Any:
    return reader.trailer["/Root"]


def filespecs(reader: PdfReader) -> list[Any]:
    names = catalog(reader)["/Names"]["/EmbeddedFiles"]["/Names"]
    return [names[i + 1].get_object() for i in range(0, len(names), 2)]


def pdfa_id(reader: PdfReader) -> tuple[str | None, str | None]:
    """(pdfaid:part, pdfaid:conformance) from the XMP packet, as attributes or elements."""
    xml = catalog(reader)["/Metadata"].get_object().get_data()
    root = ET.fromstring(xml)
    found: dict[str, str] = {}
    for desc in root.iter(f"{{{RDF}}}Description"):
        for key in ("part", "conformance"):
            value = desc.get(f"{{{PDFAID}}}{key}")
            element = desc.find(f"{{{PDFAID}}}{key}")
            if value is None and element is not None:
                value = element.text
            if value is not None:
                found[key] = value.strip()
    return found.get("part"), found.get("conformance")


def test_pdfa_embeds_the_workbook_as_its_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workbook: Path
) -> None:
    out = tmp_path / "out"
    build(capsys, workbook, "-o", out, "--pdfa", "--format", "pdf")

    reader = PdfReader(out / "sop-arsip.pdf")
    assert reader.attachments == {"sop-arsip.xlsx": [workbook.read_bytes()]}
    (spec,) = filespecs(reader)
    assert spec["/AFRelationship"] == "/Source"
    associated = catalog(reader)["/AF"]
    assert associated, "the catalog lists no associated file"
    assert all(a.get_object() == spec for a in associated)
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == XLSX_MIME
    for key in ("/CreationDate", "/ModDate"):  # from the workbook, not the file system
        assert str(stream["/Params"][key]).startswith(CREATED)
    assert pdfa_id(reader) == ("3", "B")
    info: Any = reader.metadata
    assert str(info["/CreationDate"]).startswith(CREATED)


def test_pdfa_output_is_byte_identical_across_builds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workbook: Path
) -> None:
    first, second = tmp_path / "out-1", tmp_path / "out-2"
    build(capsys, workbook, "-o", first, "--pdfa", "--format", "pdf")
    os.utime(workbook, (2_000_000_000, 2_000_000_000))  # the file's own dates must not leak in

    proc = subprocess.run(
        [sys.executable, "-m", "sopgen", "build", str(workbook), "-o", str(second), "--pdfa",
         "--format", "pdf"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
        env={k: v for k, v in os.environ.items() if k != "SOPGEN_DEBUG"},
    )  # fmt: skip

    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = (first / "sop-arsip.pdf").read_bytes()
    assert data == (second / "sop-arsip.pdf").read_bytes()
    assert PdfReader(first / "sop-arsip.pdf").attachments["sop-arsip.xlsx"] == [
        workbook.read_bytes()
    ]


def test_switching_pdfa_on_rebuilds_and_then_skips(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, workbook: Path
) -> None:
    out = tmp_path / "out"
    build(capsys, workbook, "-o", out, "--format", "pdf")
    assert PdfReader(out / "sop-arsip.pdf").attachments == {}

    output = build(capsys, workbook, "-o", out, "--format", "pdf", "--pdfa")
    assert f"ditulis: {out / 'sop-arsip.pdf'}" in output
    assert pdfa_id(PdfReader(out / "sop-arsip.pdf")) == ("3", "B")

    output = build(capsys, workbook, "-o", out, "--format", "pdf", "--pdfa")
    assert "ditulis:" not in output
    assert msg.skipped() in output
