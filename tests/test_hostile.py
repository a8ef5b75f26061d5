"""Hostile and odd workbooks (issue 16): bounded, never silent, nothing left behind.

Every case of tests/hostile_cases.py goes through `sopgen build` in a child
process. Each must end with the expected exit status and name the cell (or
sheet, or file) it is about, in Indonesian, within 5 s of CPU and 300 MB of
memory (that child's own `getrusage`, so a loaded machine does not make it
flake), and an invalid or unreadable workbook writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import hostile_cases as hc
import pytest
from conftest import ROOT
from crafted import measure
from workbooks import valid_sheets, write

from sopgen.atomic import LOCK_NAME, TMP_NAME, folder_lock
from sopgen.loader import load
from sopgen.validate import Checked

CPU_SECONDS = 5.0
PEAK_MB = 300.0


@dataclass(frozen=True)
class Case:
    make: hc.Maker
    status: int  # 0 built (warnings allowed), 1 invalid, 2 unreadable
    shows: tuple[str, ...] = ()  # the cell and the key words of its sentence
    pdf: bool = False  # also render the PDF (where the case is about what is drawn)


CASES: dict[str, Case] = {
    # memory and time inside the size bounds
    "1.5 million cell formats": Case(hc.styles_bloat, 0),
    "2 million fonts before the formats": Case(hc.styles_fonts_bloat, 2, ("gaya sel",)),
    "1.7 million defined names": Case(hc.defined_names, 0),
    "3.8 million unused strings after": Case(hc.strings_unused_after, 0),
    "3.8 million unused strings before": Case(hc.strings_unused_before, 2, ("teks bersama",)),
    "bzip2 entry with a lying size": Case(hc.bzip2_lying, 2, ("tidak pernah dipakai Excel",)),
    "six ignored notes sheets": Case(hc.notes_sheets, 0),
    "240,000 cells in headed columns": Case(hc.crowded_prosedur, 2, ("'Prosedur'",)),
    "4,999 steps": Case(hc.many_steps, 1, ("Prosedur: ", "4999 baris", "250 langkah")),
    # hangs
    "a row at 2,000,000,000": Case(hc.far_row, 2, ("'Prosedur'", "2.000.000.000", "1.048.576")),
    # silent data loss
    "stale dimension": Case(hc.stale_dimension, 0),
    "dimension A1 everywhere": Case(hc.dimension_a1, 0),
    "a cell far below a stale dimension": Case(
        hc.far_cell_stale_dimension, 1, ("Prosedur!A4000: ", "Prosedur!H4000: ")),
    # refused though valid
    "an ignored sheet of 8,000 rows": Case(hc.big_ignored_sheet, 0),
    "a contract column after column 100": Case(hc.column_far_right, 0),
    "BOM and zero-width spaces": Case(hc.invisible_characters, 0),
    "a sheet name twice": Case(hc.sheet_twice, 1, ("prosedur : ", "'PROSEDUR'", "bernama sama")),
    # internal errors
    "262-character Nama SOP": Case(hc.long_identity, 0, pdf=True),
    "CMYK JPEG logo": Case(hc.cmyk_logo, 0, pdf=True),
    "400-megapixel PNG logo": Case(hc.huge_png_logo, 1, ("Identitas!B14: ", "megapiksel")),
    "logo in a loop of links": Case(hc.symlink_loop_logo, 1, ("Identitas!B14: ", "tautan")),
    "logo name of 300 characters": Case(hc.long_name_logo, 1, ("Identitas!B14: ", "panjang")),
    "Jam Masuk 23:59:59.9": Case(hc.clock_before_midnight, 0),
    # accepted though wrong
    "PNG with a corrupt stream": Case(hc.corrupt_png_logo, 1, ("Identitas!B14: ", "rusak")),
    "date serial -5": Case(hc.negative_date_serial, 1, ("Identitas!B8: ", "-5", "#####")),
    "Jika Ya equal to Jika Tidak": Case(
        hc.same_targets, 0, ("Prosedur!F4: peringatan: ", "Jika Ya dan Jika Tidak")),
    # English leaking through
    "Strict Open XML": Case(hc.strict_open_xml, 0),
    "extensions, custom properties, print area, no styles": Case(
        hc.extensions_and_oddities, 0),
    "Excel's escapes": Case(hc.excel_escapes, 0),
    # unseen
    "emoji": Case(hc.emoji, 0, ("Prosedur!B3: peringatan: ", "U+1F4C4", "U+2705"), pdf=True),
    # messages
    "merged cells": Case(hc.merged_cells, 1, (
        "Prosedur!B4: sel ini bagian dari sel gabungan B3:B4: isi nilainya di sel pertama",
        "Prosedur!H4: peringatan: sel ini bagian dari sel gabungan H3:H4",
        "Prosedur!J3: peringatan: sel ini bagian dari sel gabungan J2:J3, jadi dibaca kosong")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_workbook_is_bounded_and_named(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = case.make(tmp_path)
    assert path.stat().st_size < 1024 * 1024  # small on disk, whatever it inflates to
    out = tmp_path / "out"
    formats = "docx,pdf" if case.pdf else "docx"
    run = measure("build", path, "-o", out, "--format", formats)
    assert run.status == case.status, run.text
    for words in case.shows:
        assert words in run.text, f"{words!r} not in:\n{run.text}"
    for english in ("Traceback", "Warning", "kesalahan internal", "Error"):
        assert english not in run.text, run.text
    assert run.cpu < CPU_SECONDS, f"{run.cpu:.1f} s of CPU"
    assert run.rss_mb < PEAK_MB, f"{run.rss_mb:.0f} MB"
    left = sorted(p.name for p in out.iterdir()) if out.exists() else []
    built = ["manifest.json", "sop.docx", *(["sop.pdf"] if case.pdf else [])]
    assert left == (built if case.status == 0 else []), left


# --- what the built cases read --------------------------------------------------------


def _loaded(make: hc.Maker, tmp_path: Path) -> Checked:
    checked = load(make(tmp_path))
    assert checked.sop is not None, [str(p) for p in checked.problems]
    return checked


def test_stale_dimensions_lose_no_step_or_role(tmp_path: Path) -> None:
    sop = _loaded(hc.stale_dimension, tmp_path).sop
    assert sop is not None
    assert [s.no for s in sop.steps] == [1, 2, 3, 4, 5]
    assert [r.name for r in sop.roles] == ["Kepala Bidang", "Kepala Seksi", "Staf"]
    assert sop.steps[4].keterangan == "Paling lambat 3 hari kerja"  # column J, row 6


def test_dimension_a1_leaves_identitas_whole(tmp_path: Path) -> None:
    sop = _loaded(hc.dimension_a1, tmp_path).sop
    assert sop is not None
    assert sop.identity.nama == "SOP Tehnis Perencanaan Kinerja"
    assert sop.identity.tempat == "Paringin"


@pytest.mark.parametrize("make", [hc.styles_bloat, hc.defined_names, hc.strings_unused_after,
                                  hc.notes_sheets, hc.big_ignored_sheet, hc.strict_open_xml,
                                  hc.extensions_and_oddities])
def test_bloated_or_odd_parts_read_the_same_sop(tmp_path: Path, make: hc.Maker) -> None:
    reference = load(write(tmp_path / "ref.xlsx", valid_sheets())).sop
    folder = tmp_path / "odd"
    folder.mkdir()
    sop = _loaded(make, folder).sop
    assert sop is not None and reference is not None
    assert dataclasses.replace(sop, source=None) == dataclasses.replace(reference, source=None)


def test_far_column_and_invisible_characters_match(tmp_path: Path) -> None:
    sop = _loaded(hc.column_far_right, tmp_path).sop
    assert sop is not None and [s.waktu.minutes for s in sop.steps][:2] == [15, 30]
    (tmp_path / "b").mkdir()
    sop = _loaded(hc.invisible_characters, tmp_path / "b").sop
    assert sop is not None
    assert sop.roles[2].name == "Staf"  # the zero-width space is not printed either
    assert sop.steps[3].roles == (2,)


def test_excel_escapes_are_decoded(tmp_path: Path) -> None:
    sop = _loaded(hc.excel_escapes, tmp_path).sop
    assert sop is not None
    # _x000D_ + line feed is one line break; the bell cannot print; _x005F_ escapes '_'.
    assert sop.steps[0].kegiatan == "Menerima disposisi\nsurat permohonan _x0041_"


def test_clock_just_before_midnight_reads_as_23_59(tmp_path: Path) -> None:
    sop = _loaded(hc.clock_before_midnight, tmp_path).sop
    assert sop is not None and sop.settings.day_start == dt.time(23, 59)


def test_long_identity_is_cut_only_in_the_docx_properties(tmp_path: Path) -> None:
    path = hc.long_identity(tmp_path)
    run = measure("build", path, "-o", tmp_path / "out", "--format", "docx")
    assert run.status == 0, run.text
    document = docx.Document(str(tmp_path / "out" / "sop.docx"))
    title, author = document.core_properties.title, document.core_properties.author
    assert len(title) == 255 and title.endswith("…") and len(author) == 235
    sop = load(path).sop
    assert sop is not None and len(sop.identity.nama) == 262
    text = "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert sop.identity.nama in text  # the sheet prints every character


def test_cmyk_logo_goes_into_the_docx(tmp_path: Path) -> None:
    run = measure("build", hc.cmyk_logo(tmp_path), "-o", tmp_path / "out", "--format", "docx")
    assert run.status == 0, run.text
    with zipfile.ZipFile(tmp_path / "out" / "sop.docx") as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert media and media[0].endswith(".png")


# --- files that are not regular, names that are not UTF-8 -------------------------------


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "x.xlsx"
    os.mkfifo(fifo)
    run = measure("check", fifo)
    assert run.status == 2
    assert run.text.startswith(f"{fifo}: bukan berkas biasa")


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"sop-\xff\xfe.xlsx")
    write(tmp_path / name, valid_sheets())
    run = measure("build", name, "-o", "out", "--pdfa", cwd=tmp_path)
    assert run.status == 0, run.text
    assert sorted(os.listdir(os.fsencode(tmp_path / "out"))) == [
        b"manifest.json", b"sop-\xff\xfe.docx", b"sop-\xff\xfe.pdf"]
    check = measure("check", name, "missing.xlsx", cwd=tmp_path)
    assert check.status == 2 and "sop-" in check.text and "valid" in check.text


# --- nothing left behind ------------------------------------------------------------------

_KILL_BEFORE_RENAME = """
import os, signal, sys
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # die with the file written
from sopgen import cli
cli.main(sys.argv[1:])
"""


def test_a_build_killed_mid_write_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    path = write(tmp_path / "sop.xlsx", valid_sheets())
    out = tmp_path / "out"
    (out).mkdir()
    (out / ".sop.docx.k3j4l5.tmp").write_bytes(b"older sopgen")  # beside, as before
    killed = subprocess.run([sys.executable, "-c", _KILL_BEFORE_RENAME, "build", str(path),
                             "-o", str(out), "--format", "docx"], cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    leftovers = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert LOCK_NAME in leftovers and any(p.startswith(f"{TMP_NAME}/") for p in leftovers)

    run = measure("build", path, "-o", out, "--format", "docx")
    assert run.status == 0, run.text
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "sop.docx"]
    assert docx.Document(str(out / "sop.docx")).tables


def _count_under_lock(folder: Path, rounds: int) -> None:
    counter = folder / "count"
    for _ in range(rounds):
        with folder_lock(folder) as tmp:
            value = int(counter.read_text())
            (tmp / "x").parent.mkdir(exist_ok=True)
            time.sleep(0.001)
            counter.write_text(str(value + 1))


def test_the_lock_excludes_while_its_file_comes_and_goes(tmp_path: Path) -> None:
    (tmp_path / "count").write_text("0")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_count_under_lock, args=(tmp_path, 40)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert (tmp_path / "count").read_text() == "160"  # no two holders at once
    assert sorted(p.name for p in tmp_path.iterdir()) == ["count"]



def test_a_pipe_in_place_of_a_built_workbook_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path / "x.xlsx", valid_sheets())
    out = tmp_path / "out"
    assert measure("build", path, "-o", out, "--format", "docx").status == 0
    path.unlink()
    os.mkfifo(path)  # the manifest knows x.xlsx: deciding "up to date" must not read it
    run = measure("build", path, "-o", out, "--format", "docx")
    assert run.status == 2 and "bukan berkas biasa" in run.text, run.text
