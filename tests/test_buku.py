"""sopgen buku: the book read back; its contents point at the right SOPs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from openpyxl import load_workbook
from pypdf import PdfReader
from workbooks import Cell, Sheets, set_field, valid_sheets, write

from sopgen import cli

FORTY = ROOT / "data" / "sop-contoh-40-langkah.xlsx"

BOOK: tuple[tuple[str, Cell], ...] = (
    ("Judul", "Standar Operasional Prosedur"),
    ("Instansi", "Pemerintah Kabupaten Balangan"),
    ("Satuan Kerja", "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah"),
    ("Tahun", 2024),
    ("Nomor Keputusan", "800/123/BPKPAD/2024"),
    ("Tanggal Keputusan", "02 Januari 2024"),
    ("Tentang", "Standar Operasional Prosedur di Lingkungan BPKPAD"),
    ("Jabatan Penetap", "Kepala BPKPAD"),
    ("Nama Penetap", "FAKHRIYANTO, S.Pt, MP"),
    ("NIP Penetap", "19780601 200501 1 016"),
    ("Tempat", "Paringin"),
    ("Menimbang", "bahwa perlu disusun SOP;\nbahwa perlu menetapkan Keputusan"),
    ("Mengingat", "Peraturan Menteri PANRB Nomor 35 Tahun 2012"),
)


def book_sheets(**changes: Cell) -> Sheets:
    rows = [[label, changes.get(label.replace(" ", "_"), value)] for label, value in BOOK]
    return {"Buku": [["Isian", "Nilai"], *rows],
            "Istilah": [["Istilah", "Pengertian"], ["RKT", "Rencana Kerja Tahunan"]]}


def sop(nomor: str, nama: str) -> Sheets:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Nomor SOP", nomor)
    set_field(sheets, "Identitas", "Nama SOP", nama)
    return sheets


def pdftext(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    root = tmp_path_factory.mktemp("buku")
    src = root / "src"
    src.mkdir()
    write(src / "buku.xlsx", book_sheets())
    write(src / "z.xlsx", sop("SOP-10", "Surat Keluar"))
    write(src / "y.xlsx", sop("SOP-2", "Surat Masuk"))
    shutil.copy(FORTY, src / "x.xlsx")  # Nomor SOP-17/...: several pages
    broken = sop("SOP-3", "Rusak")
    broken["Prosedur"][1][2] = "Bupati"
    write(src / "w.xlsx", broken)
    target = root / "buku-sop.pdf"
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "sopgen"), "buku", str(src), "-o",
                           str(target), "-j", "2"], capture_output=True, text=True, cwd=root)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # w.xlsx left out, and said so
    return src, target, proc.stdout


def contents(path: Path) -> list[tuple[str, str, int]]:
    """(Nomor SOP, Nama SOP, page) of every line of the table of contents."""
    text = pdftext(path, 3)
    assert "DAFTAR ISI" in text
    rows = []
    for line in text.splitlines():
        m = re.match(r"\s*(\d+|-)\s{2,}(\S.*?)\s{2,}(\S.*?)\s{2,}(\d+)\s*$", line)
        if m:
            rows.append((m.group(2), m.group(3), int(m.group(4))))
    return rows


def test_the_invalid_sop_is_listed_and_left_out(made: tuple[Path, Path, str]) -> None:
    src, target, out = made
    assert f"{src / 'w.xlsx'}: Prosedur!C2:" in out
    assert f"{src / 'w.xlsx'}: tidak dimasukkan ke buku (1 galat)" in out
    assert "buku 3 SOP" in out and "Traceback" not in out
    assert "Rusak" not in pdftext(target)


def test_the_contents_point_at_the_right_sops(made: tuple[Path, Path, str]) -> None:
    _, target, _ = made
    rows = contents(target)
    assert [r[0] for r in rows] == ["-", "SOP-2", "SOP-10", "SOP-17/DISKOMINFO/2024"]
    reader = PdfReader(target)
    guide = rows[0][2]
    assert "PETUNJUK SINGKAT" in pdftext(target, guide)
    starts = [r[2] for r in rows[1:]]
    ends = [*(s - 1 for s in starts[1:]), len(reader.pages)]
    for (nomor, nama, start), end in zip(rows[1:], ends, strict=True):
        first = pdftext(target, start)
        assert nomor in first and nama in first
        assert re.search(r"Halaman 1 dari (\d+)", first)
        count = int(re.search(r"Halaman 1 dari (\d+)", first).group(1))  # type: ignore[union-attr]
        assert end - start + 1 == count, (nomor, start, end, count)
        assert f"Halaman {count} dari {count}" in pdftext(target, end)
    assert starts[0] == guide + 1  # the SOPs follow the guide


def test_every_page_but_the_cover_carries_the_books_number(made: tuple[Path, Path, str]) -> None:
    _, target, _ = made
    pages = len(PdfReader(target).pages)
    assert not re.search(r"^\s*1\s*$", pdftext(target, 1), re.M)
    for page in range(2, pages + 1):
        lines = [line.strip() for line in pdftext(target, page).splitlines() if line.strip()]
        assert lines[-1] == str(page), (page, lines[-3:])


def test_the_front_matter(made: tuple[Path, Path, str]) -> None:
    _, target, _ = made
    cover = " ".join(pdftext(target, 1).split())
    assert "STANDAR OPERASIONAL PROSEDUR" in cover and "TAHUN 2024" in cover
    assert "BADAN PENGELOLAAN KEUANGAN, PENDAPATAN DAN ASET DAERAH" in cover
    assert "PEMERINTAH KABUPATEN BALANGAN" in cover
    decree = pdftext(target, 2)
    for words in ("KEPUTUSAN KEPALA BPKPAD", "NOMOR 800/123/BPKPAD/2024", "TENTANG",
                  "Menimbang", "bahwa perlu disusun SOP;", "MEMUTUSKAN:",
                  "Ditetapkan di Paringin", "pada tanggal 02 Januari 2024",
                  "FAKHRIYANTO, S.Pt, MP", "NIP. 19780601 200501 1 016", "Menetapkan 3 (jumlah)"):
        assert words in decree, words
    guide = pdftext(target, contents(target)[0][2])
    assert "RKT" in guide and "Rencana Kerja Tahunan" in guide and "Ruang Lingkup" in guide
    reader = PdfReader(target)
    titles = [str(o.title) for o in reader.outline]  # type: ignore[union-attr]
    assert titles[:2] == ["Daftar Isi", "Petunjuk Singkat"]
    assert titles[2] == "SOP-2 Surat Masuk"


def test_the_same_inputs_give_the_same_bytes(made: tuple[Path, Path, str],
                                            tmp_path: Path) -> None:
    src, target, _ = made
    again = tmp_path / "lagi.pdf"
    assert cli.main(["buku", str(src), "-o", str(again), "-j", "1"]) == 1  # no pool
    assert again.read_bytes() == target.read_bytes()


def test_a_book_sheet_is_required_and_checked(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    one = write(tmp_path / "a.xlsx", sop("SOP-1", "Satu"))
    target = tmp_path / "buku.pdf"
    assert cli.main(["buku", str(one), "-o", str(target)]) == 2
    assert "lembar Buku" in capsys.readouterr().out and not target.exists()
    bad = write(tmp_path / "buku.xlsx", book_sheets(Tahun="dua ribu", Nomor_Keputusan=None))
    assert cli.main(["buku", str(one), str(bad), "-o", str(target)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: Buku!B5: Tahun harus tahun empat angka" in out
    assert f"{bad}: Buku!B6: Nomor Keputusan kosong. Isi sel ini." in out
    assert not target.exists()
    assert cli.main(["buku", str(one), "-o", str(tmp_path / "buku.odt")]) == 2


def test_an_sop_workbook_may_carry_the_book_sheet(tmp_path: Path) -> None:
    sheets = sop("SOP-1", "Satu")
    sheets.update(book_sheets())
    one = write(tmp_path / "a.xlsx", sheets)
    target = tmp_path / "buku.pdf"
    assert cli.main(["buku", str(one), "-o", str(target)]) == 0
    assert [r[0] for r in contents(target)] == ["-", "SOP-1"]


def test_the_blank_book_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "buku.xlsx"
    assert cli.main(["buku", "--baru", str(path)]) == 0
    wb = load_workbook(path)
    assert wb.sheetnames == ["Buku", "Istilah"]
    labels = [r[0] for r in wb["Buku"].iter_rows(min_row=2, values_only=True)]
    assert labels == [label for label, _ in BOOK[:4]] + ["Logo"] + [
        label for label, _ in BOOK[4:9]] + ["NIP Penetap", "Pangkat Penetap", "Tempat",
                                             "Menimbang", "Mengingat", "Ruang Lingkup",
                                             "Petunjuk"]
    assert wb["Buku"]["C5"].value.startswith("Wajib.")
    assert cli.main(["buku", "--baru", str(path)]) == 2
    assert "--force" in capsys.readouterr().out or path.exists()


def test_the_cover_logo_and_a_missing_one(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    Image.new("RGB", (120, 120), (20, 90, 160)).save(tmp_path / "logo.png")
    sheets = sop("SOP-1", "Satu")
    sheets.update(book_sheets())
    sheets["Buku"].append(["Logo", "logo.png"])
    one = write(tmp_path / "a.xlsx", sheets)
    target = tmp_path / "buku.pdf"
    assert cli.main(["buku", str(one), "-o", str(target), "-j", "1"]) == 0
    assert len(PdfReader(target).pages[0].images) == 1
    sheets["Buku"][-1] = ["Logo", "tidak-ada.png"]
    write(one, sheets)
    target.unlink()
    assert cli.main(["buku", str(one), "-o", str(target), "-j", "1"]) == 1
    out = capsys.readouterr().out
    assert f"{one}: Buku!B15: berkas logo 'tidak-ada.png' tidak ditemukan" in out
    assert not target.exists()
    # a loop of symbolic links: one Indonesian sentence at the cell, no traceback (the
    # Buku sheet now reads its logo with the Identitas sheet's checks)
    (tmp_path / "putar.png").symlink_to(tmp_path / "putar.png")
    sheets["Buku"][-1] = ["Logo", "putar.png"]
    write(one, sheets)
    assert cli.main(["buku", str(one), "-o", str(target), "-j", "1"]) == 1
    out = capsys.readouterr().out
    assert f"{one}: Buku!B15: " in out and "Traceback" not in out
    assert not target.exists()


def test_the_docx_book(made: tuple[Path, Path, str], tmp_path: Path) -> None:
    from docx import Document as WordDocument
    from docx.oxml.ns import qn

    src, _, _ = made
    target = tmp_path / "buku.docx"
    assert cli.main(["buku", str(src), "-o", str(target), "-j", "1"]) == 1  # w.xlsx left out
    word = WordDocument(str(target))
    sections = word.sections
    assert len(sections) == 1 + 3  # the front matter, then a section a SOP
    width, height = sections[0].page_width, sections[0].page_height
    assert width is not None and height is not None
    assert (round(width.mm), round(height.mm)) == (210, 297)
    texts = [p.text for p in word.paragraphs]
    assert "KEPUTUSAN KEPALA BPKPAD" in texts and "DAFTAR ISI" in texts
    contents = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert [r[1] for r in contents] == ["Nomor SOP", "SOP-2", "SOP-10",
                                        "SOP-17/DISKOMINFO/2024"]
    for section, nomor in zip(sections[1:], ("SOP-2", "SOP-10", "SOP-17/DISKOMINFO/2024"),
                              strict=True):
        w, h = section.page_width, section.page_height
        assert w is not None and h is not None and w > h  # the SOPs' own landscape
        footer = section.footer
        assert not footer.is_linked_to_previous
        assert footer.paragraphs[0].text.startswith(nomor + " · ")
        codes = [i.text.strip() for i in footer._element.iter(qn("w:instrText"))]
        assert codes == ["PAGE", "SECTIONPAGES"]
        restart = section._sectPr.find(qn("w:pgNumType"))
        assert restart is not None and restart.get(qn("w:start")) == "1"
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    firsts = [cells.index(n) for n in ("SOP-2", "SOP-10", "SOP-17/DISKOMINFO/2024")
              if n in cells]
    assert firsts == sorted(firsts)
    ids = [e.get("id") for e in word.element.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(ids) == len(set(ids)) > 50  # every shape of every SOP, each id once
    again = tmp_path / "lagi.docx"
    assert cli.main(["buku", str(src), "-o", str(again), "-j", "2"]) == 1
    assert again.read_bytes() == target.read_bytes()
