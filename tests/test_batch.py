"""`sopgen build` over folders: discovery, mirrored outputs, workers, manifest, skipping.

Most tests build DOCX only (`--format docx`): what they check (which files are
found, built, skipped, recorded) does not depend on the format, and a PDF costs
a second or more. The tests that are about the full run (workers, the
manifest, two concurrent runs) build both formats.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import ROOT
from PIL import Image
from pypdf import PdfReader
from workbooks import set_field, set_step, valid_sheets, write

from sopgen import cli
from sopgen import messages as msg
from sopgen.batch import discover

STEP_ERRORS = 5  # the invalid workbook: Waktu mistyped in every step, Prosedur!H2..H6


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPGEN_DEBUG", raising=False)


def sop(path: Path, nomor: str = "SOP – 01/UJI", nama: str = "SOP Uji", **identity: str) -> Path:
    """A valid 5-step workbook at `path`; keyword names are Identitas labels with `_`."""
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Nomor SOP", nomor)
    set_field(sheets, "Identitas", "Nama SOP", nama)
    for label, value in identity.items():
        set_field(sheets, "Identitas", label.replace("_", " "), value)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write(path, sheets)


def invalid(path: Path) -> Path:
    sheets = valid_sheets()
    for no in range(1, STEP_ERRORS + 1):
        set_step(sheets, no, Waktu="15 menti")
    path.parent.mkdir(parents=True, exist_ok=True)
    return write(path, sheets)


def lock_file(path: Path) -> Path:
    """What Excel leaves beside an open workbook: `~$name.xlsx`, 165 bytes, no zip."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x0bsopgen-uji" + bytes(154))
    return path


def tree(root: Path) -> dict[str, Path]:
    """bidang-a/sop-01, bidang-b/sop-01 (same name, another folder), bidang-b/sub/sop-03."""
    return {
        "bidang-a/sop-01": sop(root / "bidang-a" / "sop-01.xlsx", "SOP-A/01", "SOP Bidang A"),
        "bidang-b/sop-01": sop(root / "bidang-b" / "sop-01.xlsx", "SOP-B/01", "SOP Bidang B"),
        "bidang-b/sub/sop-03": sop(root / "bidang-b" / "sub" / "sop-03.xlsx", "SOP-B/03"),
    }


def build(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    status = cli.main(["build", *(str(a) for a in args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out + err


def sopgen_process(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "sopgen", "build", *(str(a) for a in args)]


def run_process(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    proc = subprocess.run(sopgen_process(*args), cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env or _env(), check=False)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOPGEN_DEBUG", None)
    return env


def manifest(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {entry["key"]: entry for entry in data["sop"]}


Stamp = tuple[int, int, int]


def stamps(folder: Path) -> dict[str, Stamp]:
    """Every file's (inode, mtime, size): an atomic rewrite changes the inode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".sopgen.lock":
            st = path.stat()
            found[path.relative_to(folder).as_posix()] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return found


def written(output: str) -> set[str]:
    return {line.removeprefix("ditulis: ") for line in output.splitlines()
            if line.startswith("ditulis: ")}


def skipped(output: str) -> set[str]:
    suffix = f": {msg.skipped()}"
    return {line.removesuffix(suffix) for line in output.splitlines() if line.endswith(suffix)}


def paths(out: Path, keys: Iterable[str], formats: Iterable[str] = ("docx",)) -> set[str]:
    return {str(out / f"{key}.{fmt}") for key in keys for fmt in formats}


# --- discovery and where outputs land ------------------------------------------------


def test_discovery_walks_nested_folders_and_skips_excel_lock_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    books = tree(src)
    books["sop-00"] = sop(src / "sop-00.xlsx")
    lock_file(src / "~$lock.xlsx")
    lock_file(src / "bidang-a" / "~$sop-01.xlsx")
    (src / "catatan.txt").write_text("bukan buku kerja")
    (src / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0")

    jobs, problems = discover([src], tmp_path / "out")

    assert problems == []
    assert {j.key: j.source for j in jobs} == books
    assert all(not j.source.name.startswith("~$") for j in jobs)


def test_same_names_in_two_folders_are_both_built_into_mirrored_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    books = tree(src)
    lock_file(src / "~$lock.xlsx")

    status, output = build(capsys, src, "-o", out, "-j", "1", "--format", "docx")

    assert status == 0, output
    assert written(output) == paths(out, books)
    text_a = _cell_text(out / "bidang-a" / "sop-01.docx")
    text_b = _cell_text(out / "bidang-b" / "sop-01.docx")
    assert "SOP-A/01" in text_a and "SOP-A/01" not in text_b
    assert "SOP-B/01" in text_b and "SOP-B/01" not in text_a
    assert set(manifest(out)) == set(books)
    assert "lock" not in output


def test_a_file_given_directly_lands_in_the_output_folder_itself(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    books = tree(src)

    status, output = build(capsys, books["bidang-b/sub/sop-03"], "-o", out, "--format", "docx")

    assert status == 0, output
    assert (out / "sop-03.docx").is_file()
    assert not (out / "bidang-b").exists()
    assert set(manifest(out)) == {"sop-03"}


def test_two_files_given_directly_with_one_name_clash_and_the_second_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    books = tree(src)
    first, second = books["bidang-a/sop-01"], books["bidang-b/sop-01"]

    status, output = build(capsys, first, second, "-o", out, "--format", "docx")

    assert status == 1, output
    assert msg.output_clash(str(second), str(first)) in output
    assert written(output) == {str(out / "sop-01.docx")}
    assert manifest(out)["sop-01"]["source"] == first.as_posix()
    assert "SOP-A/01" in _cell_text(out / "sop-01.docx")


def _cell_text(path: Path) -> str:
    """Every table cell's text of a DOCX: where the SOP's number and texts stand."""
    return "\n".join(c.text for t in docx.Document(str(path)).tables
                     for r in t.rows for c in r.cells)


# --- workers, failures, progress -----------------------------------------------------------


def test_two_workers_build_a_folder_and_an_invalid_workbook_fails_alone(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    books = tree(src)
    books["sop-02"] = sop(src / "sop-02.xlsx", "SOP-02")
    bad = invalid(src / "salah.xlsx")
    lock_file(src / "bidang-a" / "~$sop-01.xlsx")

    status, output = run_process(src, "-o", out, "-j", "2")

    assert status == 1, output
    assert written(output) == paths(out, books, ("docx", "pdf"))
    assert msg.batch_summary(4, 0, 1) in output.splitlines()
    summary = output.split(msg.batch_summary(4, 0, 1), 1)[1].splitlines()
    failure = [line for line in summary if line.startswith(f"  {bad}: ")]
    assert len(failure) == 1, output
    assert "Prosedur!H2" in failure[0]  # the first problem, with its cell
    assert f"Prosedur!H{STEP_ERRORS + 1}" not in failure[0]  # the first ones, not all
    assert not list(out.rglob("salah*"))
    assert set(manifest(out)) == set(books)
    for key in books:
        assert PdfReader(out / f"{key}.pdf").pages
        assert docx.Document(str(out / f"{key}.docx")).tables
    assert "~$" not in output


def test_progress_is_plain_lines_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    books = tree(src)

    status, output = build(capsys, src, "-o", out, "-j", "1", "--format", "docx")

    assert status == 0
    assert "\x1b" not in output and "\r" not in output  # no escape codes, no redrawn bar
    lines = output.splitlines()
    assert lines[-1] == msg.batch_summary(3, 0, 0)
    assert sorted(lines[:-1]) == sorted(f"ditulis: {p}" for p in paths(out, books))


# --- the manifest -------------------------------------------------------------------


def test_manifest_records_every_sop_with_hashes_in_a_stable_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    first = sop(src / "b" / "sop-01.xlsx", "SOP – 01/BPKPAD", "SOP Pertama")
    second = sop(src / "a" / "sop-02.xlsx", "SOP – 02/BPKPAD", "SOP Kedua",
                 Tanggal_Revisi="01 Februari 2024")

    status, output = build(capsys, src, "-o", out, "-j", "1")
    assert status == 0, output

    text = (out / "manifest.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert [e["key"] for e in data["sop"]] == ["a/sop-02", "b/sop-01"]
    entries = manifest(out)
    expected = {
        "b/sop-01": (first, "SOP – 01/BPKPAD", "SOP Pertama", None),
        "a/sop-02": (second, "SOP – 02/BPKPAD", "SOP Kedua", "2024-02-01"),
    }
    for key, (source, nomor, nama, revisi) in expected.items():
        entry = entries[key]
        assert entry["source"] == source.as_posix()
        assert (entry["nomor"], entry["nama"]) == (nomor, nama)
        assert entry["tanggal_efektif"] == "2023-07-01"
        assert entry["tanggal_revisi"] == revisi
        assert re.fullmatch(r"[0-9a-f]{64}", str(entry["input_hash"]))
        outputs = entry["outputs"]
        assert sorted(o["format"] for o in outputs) == ["docx", "pdf"]
        for o in outputs:
            data_bytes = (out / o["path"]).read_bytes()
            assert o["path"] == f"{key}.{o['format']}"
            assert o["sha256"] == hashlib.sha256(data_bytes).hexdigest()
            assert o["size"] == len(data_bytes)

    status, output = build(capsys, src, "-o", out, "-j", "1", "--force")
    assert status == 0, output
    assert (out / "manifest.json").read_text(encoding="utf-8") == text  # same bytes again


# --- incremental builds --------------------------------------------------------------


@pytest.fixture
def built(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path, dict[str, Path]]:
    """A folder of three workbooks, built once (DOCX only)."""
    src, out = tmp_path / "src", tmp_path / "out"
    books = tree(src)
    status, output = build(capsys, src, "-o", out, "-j", "1", "--format", "docx")
    assert status == 0, output
    assert written(output) == paths(out, books)
    return src, out, books


def rebuild(capsys: pytest.CaptureFixture[str], src: Path, out: Path, *extra: str) -> str:
    status, output = build(capsys, src, "-o", out, "-j", "1", "--format", "docx", *extra)
    assert status == 0, output
    return output


def test_a_second_run_skips_everything_and_rewrites_nothing(
    capsys: pytest.CaptureFixture[str], built: tuple[Path, Path, dict[str, Path]]
) -> None:
    src, out, books = built
    before = stamps(out)

    output = rebuild(capsys, src, out)

    assert written(output) == set()
    assert skipped(output) == {str(p) for p in books.values()}
    assert msg.batch_summary(0, 3, 0) in output
    assert stamps(out) == before  # outputs and manifest untouched


def test_changing_one_workbook_rebuilds_only_it(
    capsys: pytest.CaptureFixture[str], built: tuple[Path, Path, dict[str, Path]]
) -> None:
    src, out, books = built
    before = stamps(out)
    old_hash = manifest(out)["bidang-b/sop-01"]["input_hash"]
    sop(books["bidang-b/sop-01"], "SOP-B/01", "SOP Bidang B, revisi")

    output = rebuild(capsys, src, out)

    assert written(output) == paths(out, ["bidang-b/sop-01"])
    assert skipped(output) == {str(books["bidang-a/sop-01"]), str(books["bidang-b/sub/sop-03"])}
    after = stamps(out)
    for name in ("bidang-a/sop-01.docx", "bidang-b/sub/sop-03.docx"):
        assert after[name] == before[name]
    assert after["bidang-b/sop-01.docx"] != before["bidang-b/sop-01.docx"]
    entry = manifest(out)["bidang-b/sop-01"]
    assert entry["nama"] == "SOP Bidang B, revisi"
    assert entry["input_hash"] != old_hash


def test_a_deleted_or_altered_output_is_rebuilt(
    capsys: pytest.CaptureFixture[str], built: tuple[Path, Path, dict[str, Path]]
) -> None:
    src, out, books = built
    (out / "bidang-a" / "sop-01.docx").unlink()
    altered = out / "bidang-b" / "sub" / "sop-03.docx"
    data = bytearray(altered.read_bytes())
    data[-1] ^= 0xFF  # same size, other bytes
    altered.write_bytes(bytes(data))

    output = rebuild(capsys, src, out)

    assert written(output) == paths(out, ["bidang-a/sop-01", "bidang-b/sub/sop-03"])
    assert skipped(output) == {str(books["bidang-b/sop-01"])}
    for entry in manifest(out).values():
        for o in entry["outputs"]:
            assert hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"]


def test_force_rebuilds_everything(
    capsys: pytest.CaptureFixture[str], built: tuple[Path, Path, dict[str, Path]]
) -> None:
    src, out, books = built
    before = stamps(out)

    output = rebuild(capsys, src, out, "--force")

    assert written(output) == paths(out, books)
    assert skipped(output) == set()
    after = stamps(out)
    assert all(after[f"{key}.docx"] != before[f"{key}.docx"] for key in books)


def _png(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (16, 16), colour).save(path, format="PNG")
    return path


def test_changing_the_logo_file_rebuilds_the_sops_that_use_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    logo = _png(src / "logo.png", (200, 30, 30))
    with_logo = sop(src / "sop-logo.xlsx", "SOP-L/01", Logo="logo.png")
    without = sop(src / "sop-polos.xlsx", "SOP-P/01")
    rebuild(capsys, src, out)
    before = stamps(out)

    _png(logo, (30, 30, 200))
    output = rebuild(capsys, src, out)

    assert written(output) == paths(out, ["sop-logo"])
    assert skipped(output) == {str(without)}
    assert stamps(out)["sop-polos.docx"] == before["sop-polos.docx"]
    assert stamps(out)["sop-logo.docx"] != before["sop-logo.docx"]
    assert with_logo.is_file()


# --- two runs at once -------------------------------------------------------------


def test_two_concurrent_runs_into_one_folder_leave_only_whole_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src, out, ref = tmp_path / "src", tmp_path / "out", tmp_path / "ref"
    books = tree(src)
    status, output = build(capsys, src, "-o", ref, "-j", "1")  # the reference, alone
    assert status == 0, output

    reference = {f"{key}.{fmt}": (ref / f"{key}.{fmt}").read_bytes()
                 for key in books for fmt in ("docx", "pdf")}
    procs = [subprocess.Popen(sopgen_process(src, "-o", out), cwd=ROOT, env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for _ in range(2)]
    seen_partial = watch_while_running(procs, out, reference)
    texts = [p.communicate(timeout=600)[0] for p in procs]

    assert seen_partial == [], "a reader saw a file half-written"

    for proc, text in zip(procs, texts, strict=True):
        assert proc.returncode == 0, text
        assert "Traceback" not in text
    assert not list(out.rglob(".*.tmp")), list(out.rglob(".*.tmp"))
    assert not (out / ".sopgen.lock").exists() and not (out / ".sopgen-tmp").exists()
    for key in books:
        for fmt in ("docx", "pdf"):
            assert (out / f"{key}.{fmt}").read_bytes() == (ref / f"{key}.{fmt}").read_bytes()
        assert docx.Document(str(out / f"{key}.docx")).tables
        assert len(PdfReader(out / f"{key}.pdf").pages) >= 1
    entries = manifest(out)
    assert set(entries) == set(books)
    assert (out / "manifest.json").read_bytes() == (ref / "manifest.json").read_bytes()
    for entry in entries.values():
        for o in entry["outputs"]:
            assert hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"]


def watch_while_running(
    procs: list[subprocess.Popen[str]], out: Path, reference: dict[str, bytes]
) -> list[str]:
    """Read every output (and the manifest) over and over while the runs go on.

    A reader must only ever see no file or a whole one: never a truncated PDF
    or manifest. (Seeing none is no proof, as a write is quick; seeing one is.)
    """
    partial: list[str] = []
    while any(p.poll() is None for p in procs):
        for name, data in reference.items():
            try:
                seen = (out / name).read_bytes()
            except FileNotFoundError:
                continue
            if seen != data:
                partial.append(f"{name}: {len(seen)} of {len(data)} bytes")
        try:
            json.loads((out / "manifest.json").read_bytes())
        except FileNotFoundError:
            pass
        except ValueError:
            partial.append("manifest.json")
    return partial


# --- what a worker keeps between documents -----------------------------------------------

# Loaded at the start of every Python process that gets this folder on its path:
# the build process, and its workers whatever the start method (a forked worker
# inherits the patch, a spawned one runs this file again). For every call of
# sopgen.render.html.to_pdf it logs the process; for sopgen.render.html._style
# (WeasyPrint's font configuration and stylesheet) and sopgen.fonts.metrics, each
# object it has not seen come back before. The objects are kept alive, so an id
# stands for one object: a worker that rebuilt its style per document logs
# several, however the caching is done.
COUNTER = """\
import os

_kept = {}

def _note(what, result=None):
    if result is not None:
        if id(result) in _kept:
            return  # logged already: the same object again
        _kept[id(result)] = result
        what = f"{what}:{id(result)}"
    with open(os.environ["SOPGEN_TEST_CALLS"], "a", encoding="ascii") as fh:
        fh.write(f"{what} {os.getpid()}\\n")

from sopgen import fonts as _fonts
_metrics = _fonts.metrics

def _logged_metrics(bold=False):
    result = _metrics(bold)
    _note(f"metrics-{bool(bold)}", result)
    return result

_fonts.metrics = _logged_metrics

from sopgen.render import html as _html
_style, _to_pdf = _html._style, _html.to_pdf

def _logged_style():
    result = _style()
    _note("style", result)
    return result

def _logged_to_pdf(*args, **kwargs):
    _note("pdf")
    return _to_pdf(*args, **kwargs)

for _name in ("cache_clear", "cache_info"):  # stay what sopgen may call on them
    if hasattr(_style, _name):
        setattr(_logged_style, _name, getattr(_style, _name))
    if hasattr(_metrics, _name):
        setattr(_logged_metrics, _name, getattr(_metrics, _name))

_html._style, _html.to_pdf = _logged_style, _logged_to_pdf
"""


def test_each_worker_builds_the_weasyprint_style_and_font_metrics_once(tmp_path: Path) -> None:
    src, out, site = tmp_path / "src", tmp_path / "out", tmp_path / "site"
    documents = 6
    for i in range(documents):
        sop(src / f"sop-{i:02d}.xlsx", f"SOP-{i:02d}")
    site.mkdir()
    (site / "sitecustomize.py").write_text(COUNTER, encoding="utf-8")
    calls = tmp_path / "calls.txt"
    env = _env()
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])  # this tree's sopgen
    env["SOPGEN_TEST_CALLS"] = str(calls)

    status, output = run_process(src, "-o", out, "-j", "2", "--format", "pdf", env=env)

    assert status == 0, output
    per_pid: dict[str, list[str]] = {}
    for line in calls.read_text(encoding="ascii").splitlines():
        what, pid = line.split()
        per_pid.setdefault(pid, []).append(what)
    renderers = {pid: log for pid, log in per_pid.items() if "pdf" in log}
    assert sum(log.count("pdf") for log in renderers.values()) == documents
    assert 1 <= len(renderers) <= 2  # the two workers, not a process per document
    for pid, log in renderers.items():
        styles = {w for w in log if w.startswith("style:")}
        assert len(styles) == 1, f"worker {pid} built its style {len(styles)} times: {log}"
    for pid, log in per_pid.items():
        for bold in (False, True):
            loaded = {w for w in log if w.startswith(f"metrics-{bold}:")}
            assert len(loaded) <= 1, f"process {pid} loaded metrics {len(loaded)} times: {log}"
