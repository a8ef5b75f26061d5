"""`sopgen check` and the command line as a planner meets it.

Exit status: 0 valid (warnings allowed), 1 invalid, 2 bad usage or a file
that is no workbook; with several files the highest. No traceback, ever.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from workbooks import set_step, valid_sheets, write

from sopgen import cli

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOPGEN_DEBUG", raising=False)


def _invalid(tmp_path: Path, name: str = "salah.xlsx") -> Path:
    sheets = valid_sheets()
    set_step(sheets, 2, Waktu="15 menti")
    return write(tmp_path / name, sheets)


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "csv": tmp_path / "csv.xlsx",
        "kosong": tmp_path / "kosong.xlsx",
        "terpotong": tmp_path / "terpotong.xlsx",
        "sandi": tmp_path / "sandi.xlsx",
        "xls": tmp_path / "lama.xls",
        "folder": tmp_path / "folder.xlsx",
        "hilang": tmp_path / "hilang.xlsx",
    }
    files["csv"].write_text("No,Kegiatan\n1,Mulai\n")
    files["kosong"].write_bytes(b"")
    files["terpotong"].write_bytes(EXAMPLE.read_bytes()[:3000])
    files["sandi"].write_bytes(OLE_MAGIC + bytes(500) + "EncryptionInfo".encode("utf-16-le"))
    files["xls"].write_bytes(OLE_MAGIC + bytes(4000))
    files["folder"].mkdir()
    return files


BAD_KINDS = ["csv", "kosong", "terpotong", "sandi", "xls", "folder", "hilang"]


def test_example_is_valid_with_its_warning(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_main(capsys, "check", str(EXAMPLE))
    assert status == 0
    assert out.splitlines() == [
        "Prosedur!H8: peringatan: Waktu '120 hari' lebih dari 30 hari kerja. "
        "Periksa apakah ini benar.",
        f"{EXAMPLE}: valid (1 peringatan).",
    ]
    assert err == ""


def test_valid_workbook_without_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "baik.xlsx", valid_sheets())
    status, out, _ = run_main(capsys, "check", str(path))
    assert (status, out) == (0, f"{path}: valid.\n")


def test_invalid_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _invalid(tmp_path)
    status, out, _ = run_main(capsys, "check", str(path))
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Prosedur!H3: Waktu '15 menti' tidak dapat dibaca.")
    assert lines[1] == f"{path}: tidak valid: 1 galat. Perbaiki sel-sel di atas."


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_unreadable_file_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    path = _bad_files(tmp_path)[kind]
    status, out, _ = run_main(capsys, "check", str(path))
    assert status == 2
    assert len(out.splitlines()) == 1
    assert path.name in out.splitlines()[0]


def test_several_files_prefix_every_line_and_take_the_highest_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # names as typed on the command line
    (tmp_path / "contoh.xlsx").write_bytes(EXAMPLE.read_bytes())
    _invalid(tmp_path, "salah.xlsx")
    (tmp_path / "csv.xlsx").write_text("a,b\n")
    status, out, _ = run_main(capsys, "check", "contoh.xlsx", "salah.xlsx", "csv.xlsx")
    assert status == 2
    lines = out.splitlines()
    assert lines == [
        "contoh.xlsx: Prosedur!H8: peringatan: Waktu '120 hari' lebih dari 30 hari kerja. "
        "Periksa apakah ini benar.",
        "contoh.xlsx: valid (1 peringatan).",
        lines[2],
        "salah.xlsx: tidak valid: 1 galat. Perbaiki sel-sel di atas.",
        lines[4],
    ]
    assert lines[2].startswith("salah.xlsx: Prosedur!H3: Waktu '15 menti' tidak dapat dibaca.")
    assert lines[4].startswith("csv.xlsx: bukan buku kerja Excel .xlsx")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["contoh.xlsx", "contoh.xlsx"], 0),
        (["contoh.xlsx", "salah.xlsx"], 1),
        (["salah.xlsx", "contoh.xlsx"], 1),
        (["hilang.xlsx", "salah.xlsx"], 2),
        (["salah.xlsx", "hilang.xlsx", "contoh.xlsx"], 2),
    ],
)
def test_highest_status_wins(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    names: list[str],
    expected: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contoh.xlsx").write_bytes(EXAMPLE.read_bytes())
    _invalid(tmp_path, "salah.xlsx")
    status, out, _ = run_main(capsys, "check", *names)
    assert status == expected
    for line in out.splitlines():
        assert any(line.startswith(f"{name}: ") for name in names), line


def test_every_bad_kind_at_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = _bad_files(tmp_path)
    status, out, _ = run_main(capsys, "check", *(str(files[k]) for k in BAD_KINDS))
    assert status == 2
    assert len(out.splitlines()) == len(BAD_KINDS)


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["periksa", "a.xlsx"],
        ["--tidak-ada"],
        ["check", "--tidak-ada", "a.xlsx"],
        ["new"],
        ["new", "a.xlsx", "b.xlsx"],
    ],
)
def test_usage_errors_exit_2_in_indonesian(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    status, out, err = run_main(capsys, *args)
    assert status == 2
    assert out == ""
    assert err.startswith("sopgen: perintah tidak lengkap atau salah: ")
    assert "Lihat 'sopgen --help'." in err
    for english in ("the following", "unrecognized", "invalid choice", "expected one"):
        assert english not in err


def test_no_command_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(capsys)
    assert status == 2
    assert "Penggunaan: sopgen" in out
    assert "periksa buku kerja" in out


def test_internal_error_is_a_sentence_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sopgen.build

    def boom(path: Path) -> None:
        raise RuntimeError("rusak di dalam")

    monkeypatch.setattr(sopgen.build, "prepare", boom)
    status, _, err = run_main(capsys, "check", str(EXAMPLE))
    assert status == 1
    assert "kesalahan internal sopgen (RuntimeError)" in err
    assert "Ini bukan kesalahan Anda" in err


# --- a real process -----------------------------------------------------------------------


def _process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOPGEN_DEBUG"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd, env=env, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_process_example_exits_0() -> None:
    done = _process("check", str(EXAMPLE))
    assert done.returncode == 0
    assert "peringatan: Waktu '120 hari'" in done.stdout
    assert done.stdout.rstrip().endswith("valid (1 peringatan).")


def test_process_mixed_files(tmp_path: Path) -> None:
    files = _bad_files(tmp_path)
    invalid = _invalid(tmp_path)
    done = _process("check", str(EXAMPLE), str(invalid), str(files["sandi"]), str(files["csv"]))
    assert done.returncode == 2
    assert f"{invalid}: tidak valid: 1 galat" in done.stdout
    assert "kata sandi" in done.stdout
    assert "bukan buku kerja Excel .xlsx" in done.stdout


def test_process_invalid_exits_1(tmp_path: Path) -> None:
    done = _process("check", str(_invalid(tmp_path)))
    assert done.returncode == 1


def test_process_usage_error(tmp_path: Path) -> None:
    done = _process("check")
    assert done.returncode == 2
    assert done.stderr.startswith("sopgen: perintah tidak lengkap atau salah")
    assert done.stdout == ""


def test_process_help_and_version() -> None:
    done = _process("--help")
    assert done.returncode == 0
    assert "Penggunaan: sopgen" in done.stdout
    done = _process("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("sopgen ")


def test_console_script_if_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "sopgen"
    if not script.exists():
        pytest.skip("sopgen console script not installed in this environment")
    done = subprocess.run(
        [str(script), "check", str(EXAMPLE), str(tmp_path / "hilang.xlsx")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert "tidak ditemukan" in done.stdout
