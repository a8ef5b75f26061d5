"""`sopgen daftar FOLDER... -o daftar-sop.xlsx|.csv`: the register of a unit's SOPs.

Read from the manifests `sopgen build` writes (never from the workbooks), so
the register says what was built: one row an SOP with its unit, number,
name, dates, latest revision and status (sheet Riwayat), and each output
file with its sha256 as recorded, checked against the file on disk now
(`utuh`, or what is missing or changed). Rows are ordered by unit, then by
Nomor SOP with its numbers compared as numbers (SOP-2 before SOP-10). The
.xlsx has a second sheet `Riwayat`: every revision of every SOP, from the
manifests; a .csv holds the register's one table only.

The .xlsx is the same bytes for the same manifests: its zip entries carry
a fixed time and its document dates are the latest date the register holds,
never the clock. The .csv is UTF-8 with a byte order mark, `;` and CRLF, as
Excel in an Indonesian locale opens it (as `sopgen timeline --csv`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sopgen import messages as msg
from sopgen.atomic import write_bytes_atomic
from sopgen.dates import format_date
from sopgen.manifest import NAME, Entry, Manifest, file_sha256

HEADERS = ("No", "Satuan Kerja", "Nomor SOP", "Nama SOP", "Tanggal Efektif", "Tanggal Revisi",
           "Revisi ke", "Status", "Berkas DOCX", "SHA-256 DOCX", "Berkas PDF", "SHA-256 PDF",
           "Pemeriksaan", "Buku Kerja")  # fmt: skip
WIDTHS = (5, 30, 20, 40, 16, 16, 9, 10, 30, 66, 30, 66, 16, 30)
HISTORY_HEADERS = ("Satuan Kerja", "Nomor SOP", "Nama SOP", "Revisi ke", "Tanggal",
                   "Uraian Perubahan", "Status", "Diganti Oleh")  # fmt: skip
HISTORY_WIDTHS = (30, 20, 40, 9, 16, 60, 10, 20)
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Record:
    """One SOP of the register: its manifest entry and where its files are."""

    folder: Path
    entry: Entry

    def file(self, fmt: str) -> tuple[str, str]:
        """(path as shown, recorded sha256) of one format, or empty strings."""
        for out in self.entry.outputs:
            if out.format == fmt:
                return (self.folder / out.path).as_posix(), out.sha256
        return "", ""

    def check(self) -> str:
        """`utuh` when every output file is on disk with its recorded sha256."""
        missing, changed = [], []
        for out in self.entry.outputs:
            path = self.folder / out.path
            if not path.is_file():
                missing.append(out.path)
            elif path.stat().st_size != out.size or file_sha256(path) != out.sha256:
                changed.append(out.path)
        parts = ([f"hilang: {', '.join(missing)}"] if missing else []) + (
            [f"berubah: {', '.join(changed)}"] if changed else [])
        return "; ".join(parts) or "utuh"

    def row(self, no: int) -> tuple[str | int, ...]:
        e = self.entry
        docx, docx_sha = self.file("docx")
        pdf, pdf_sha = self.file("pdf")
        return (no, e.satuan_kerja, e.nomor, e.nama, _date(e.tanggal_efektif),
                _date(e.tanggal_revisi), "" if e.revisi is None else e.revisi, e.status,
                docx, docx_sha, pdf, pdf_sha, self.check(), e.source)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return format_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Numbers compared as numbers, and between them the letters only (`SOP – 4` and
    `SOP-4` alike), so SOP-2 comes before SOP-10 however the dashes are typed."""
    parts = [(0, int(p)) if p.isdigit() else (1, re.sub(r"[\W_]+", "", p).casefold())
             for p in re.split(r"(\d+)", text)]
    return tuple(p for p in parts if p != (1, ""))


def collect(folders: Sequence[Path]) -> tuple[list[Record], list[str]]:
    """Every recorded SOP of the folders, in the register's order; and the folders that
    hold no manifest."""
    records: list[Record] = []
    problems: list[str] = []
    for folder in folders:
        if not (folder / NAME).is_file():
            problems.append(msg.daftar_no_manifest(str(folder)))
            continue
        records += [Record(folder, e) for e in Manifest.load(folder).entries.values()]
    records.sort(key=lambda r: (r.entry.satuan_kerja.casefold(), natural_key(r.entry.nomor),
                                r.folder.as_posix(), r.entry.key))
    return records, problems


def to_csv(records: Sequence[Record]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(HEADERS)
    for i, r in enumerate(records, start=1):
        w.writerow(r.row(i))
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def to_xlsx(records: Sequence[Record]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Daftar SOP"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, r in enumerate(records, start=1):
        ws.append(r.row(i))
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(records) + 1}"
    history = wb.create_sheet("Riwayat")
    history.append(HISTORY_HEADERS)
    for cell in history[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for r in records:
        e = r.entry
        for rev in e.riwayat:
            history.append((e.satuan_kerja, e.nomor, e.nama, rev.revisi, _date(rev.tanggal),
                            rev.uraian, rev.status, rev.diganti_oleh))
    for col, width in enumerate(HISTORY_WIDTHS, start=1):
        history.column_dimensions[get_column_letter(col)].width = width
    history.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed(buf.getvalue(), _latest(records))


def _latest(records: Sequence[Record]) -> str:
    """The latest date the register holds, as the workbook's created/modified stamp."""
    days = [d for r in records for d in (r.entry.tanggal_efektif, r.entry.tanggal_revisi) if d]
    return (max(days) if days else "2000-01-01") + "T00:00:00Z"


def _fixed(data: bytes, stamp: str) -> bytes:
    """The same package with a fixed time on every entry and the document dates `stamp`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              lambda m: m.group(1) + stamp + m.group(3), text)
                body = text.encode("utf-8")
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), body,
                         zipfile.ZIP_DEFLATED)
    return out.getvalue()


def run(folders: Sequence[Path], output: Path, out: TextIO) -> int:
    """The command: 0 written, 2 a folder without manifest, a bad name, or nothing to list."""
    from sopgen.cli import EXIT_OK, EXIT_USAGE

    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print(f"sopgen: {msg.daftar_bad_suffix(str(output))}", file=out)
        return EXIT_USAGE
    records, problems = collect(folders)
    for line in problems:
        print(f"sopgen: {line}", file=out)
    if problems:
        return EXIT_USAGE
    if not records:
        print(f"sopgen: {msg.daftar_empty()}", file=out)
        return EXIT_USAGE
    data = to_xlsx(records) if suffix == ".xlsx" else to_csv(records)
    try:
        write_bytes_atomic(output, data)
    except OSError as err:
        print(f"sopgen: {msg.cannot_write(str(output), err.strerror or str(err))}", file=out)
        return EXIT_USAGE
    print(msg.daftar_written(str(output), len(records)), file=out)
    return EXIT_OK
