"""One way to build: `sopgen build` of a single workbook and the batch workers both go
through `build.build_one`, which writes a workbook's files together or none at all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import EXAMPLE
from workbooks import set_field, valid_sheets, write

from sopgen import build, cli


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    seen: list[tuple[Path, str]] = []
    real = build.build_one

    def spy(source: Path, out_dir: Path, key: str, *args: object, **kw: bool) -> build.Built:
        seen.append((source, key))
        return real(source, out_dir, key, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "build_one", spy)
    return seen


def test_a_single_file_build_goes_through_build_one(
    calls: list[tuple[Path, str]], tmp_path: Path
) -> None:
    assert cli.main(["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "docx"]) == 0
    assert calls == [(EXAMPLE, EXAMPLE.stem)]


def test_a_folder_build_in_one_process_goes_through_build_one(
    calls: list[tuple[Path, str]], tmp_path: Path
) -> None:
    books = tmp_path / "books"
    (books / "sub").mkdir(parents=True)
    write(books / "a.xlsx", valid_sheets())
    write(books / "sub" / "b.xlsx", valid_sheets())
    assert cli.main(["build", str(books), "-o", str(tmp_path / "out"), "-j", "1",
                     "--format", "docx"]) == 0
    assert sorted(key for _, key in calls) == ["a", "sub/b"]


def test_build_one_reports_what_it_wrote(tmp_path: Path) -> None:
    built = build.build_one(EXAMPLE, tmp_path, "x/sop", ("docx", "pdf"))
    assert not built.prepared.errors
    assert [(o.format, o.path) for o in built.outputs] == [("docx", "x/sop.docx"),
                                                            ("pdf", "x/sop.pdf")]
    for output in built.outputs:
        data = (tmp_path / output.path).read_bytes()
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (output.sha256, output.size)


def test_build_one_writes_nothing_for_an_invalid_workbook(tmp_path: Path) -> None:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Nama SOP", None)
    book = write(tmp_path / "bad.xlsx", sheets)
    built = build.build_one(book, tmp_path / "out", "bad")
    assert built.prepared.errors
    assert built.outputs == ()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
