"""sopgen daftar: the register read back matches the manifest and the files on disk."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbooks import Sheets, set_field, valid_sheets, write

from sopgen import cli
from sopgen.daftar import HEADERS


def sop(nomor: str, nama: str, *, revised: bool = False) -> Sheets:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Nomor SOP", nomor)
    set_field(sheets, "Identitas", "Nama SOP", nama)
    if revised:
        set_field(sheets, "Identitas", "Tanggal Revisi", "01 Maret 2024")
        sheets["Riwayat"] = [["Revisi ke", "Tanggal", "Uraian Perubahan", "Status",
                              "Diganti Oleh"],
                             [0, "01 Juli 2023", "Terbitan pertama", None, None],
                             [1, "01 Maret 2024", "Waktu diubah", "Diganti", "SOP-11"]]
    return sheets


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("daftar")
    src = root / "src"
    src.mkdir()
    write(src / "b.xlsx", sop("SOP-10", "Surat Keluar"))
    write(src / "a.xlsx", sop("SOP-2", "Surat Masuk", revised=True))
    broken = sop("SOP-3", "Rusak")
    broken["Prosedur"][1][2] = "Bupati"
    write(src / "c.xlsx", broken)
    out = root / "out"
    assert cli.main(["build", str(src), "-o", str(out), "-j", "1"]) == 1  # c.xlsx is invalid
    return out


def rows_of_xlsx(path: Path) -> list[dict[str, object]]:
    ws = load_workbook(path)["Daftar SOP"]
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == HEADERS
    return [dict(zip(HEADERS, r, strict=True)) for r in values[1:]]


def test_the_register_matches_the_manifest_and_the_files(built: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    target = tmp_path / "daftar-sop.xlsx"
    assert cli.main(["daftar", str(built), "-o", str(target)]) == 0
    assert "daftar 2 SOP ditulis" in capsys.readouterr().out
    rows = rows_of_xlsx(target)
    assert [r["Nomor SOP"] for r in rows] == ["SOP-2", "SOP-10"]  # numbers as numbers
    manifest = {e["nomor"]: e for e in json.loads((built / "manifest.json").read_text())["sop"]}
    for row in rows:
        entry = manifest[str(row["Nomor SOP"])]
        assert row["Nama SOP"] == entry["nama"]
        assert row["Satuan Kerja"] == "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah"
        for fmt in ("docx", "pdf"):
            (recorded,) = [o for o in entry["outputs"] if o["format"] == fmt]
            assert row[f"SHA-256 {fmt.upper()}"] == recorded["sha256"]
            path = Path(str(row[f"Berkas {fmt.upper()}"]))
            assert path == built / recorded["path"]
            assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded["sha256"]
        assert row["Pemeriksaan"] == "utuh"
    first, second = rows
    assert (first["Revisi ke"], first["Status"], first["Tanggal Revisi"]) == \
        (1, "Diganti", "01 Maret 2024")
    assert (second["Revisi ke"], second["Status"], second["Tanggal Revisi"]) == \
        (None, "Berlaku", None)
    assert first["Tanggal Efektif"] == "01 Juli 2023"
    history = list(load_workbook(target)["Riwayat"].iter_rows(values_only=True))
    assert history == [
        ("Satuan Kerja", "Nomor SOP", "Nama SOP", "Revisi ke", "Tanggal", "Uraian Perubahan",
         "Status", "Diganti Oleh"),
        (first["Satuan Kerja"], "SOP-2", "Surat Masuk", 0, "01 Juli 2023", "Terbitan pertama",
         "Diganti", None),
        (first["Satuan Kerja"], "SOP-2", "Surat Masuk", 1, "01 Maret 2024", "Waktu diubah",
         "Diganti", "SOP-11"),
    ]


def test_the_same_manifest_gives_the_same_bytes_and_csv(built: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert cli.main(["daftar", str(built), "-o", str(a)]) == 0
    assert cli.main(["daftar", str(built), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    c = tmp_path / "daftar.csv"
    assert cli.main(["daftar", str(built), "-o", str(c)]) == 0
    data = c.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(table[0]) == HEADERS
    assert [r[2] for r in table[1:]] == ["SOP-2", "SOP-10"]
    assert table[1] == [str(v) if v is not None else "" for v in rows_of_xlsx(a)[0].values()]


def test_a_changed_or_missing_file_is_named(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    copy.mkdir()
    for f in built.iterdir():
        if f.is_file():
            (copy / f.name).write_bytes(f.read_bytes())
    (copy / "a.pdf").write_bytes(b"%PDF-1.7 diganti")
    (copy / "b.docx").unlink()
    target = tmp_path / "d.xlsx"
    assert cli.main(["daftar", str(copy), "-o", str(target)]) == 0
    rows = rows_of_xlsx(target)
    assert [r["Pemeriksaan"] for r in rows] == ["berubah: a.pdf", "hilang: b.docx"]


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["daftar", str(tmp_path), "-o", str(tmp_path / "d.xlsx")]) == 2
    out = capsys.readouterr().out
    assert "tidak ada manifest.json" in out and not (tmp_path / "d.xlsx").exists()
    assert cli.main(["daftar", str(tmp_path), "-o", str(tmp_path / "d.txt")]) == 2
    assert ".xlsx atau .csv" in capsys.readouterr().out
