"""The book's own fields: sheet `Buku` (cover, decree, guide) and sheet `Istilah`
(definitions), from a small book workbook or from an SOP workbook carrying them.

Declared in `sopgen.sheets` (BUKU, ISTILAH) and read with the key/value reader
every sheet uses, so a problem is a line at its `Buku!B5` like any other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sopgen import cells
from sopgen import messages as msg
from sopgen.model import Loc, Problem
from sopgen.sheets import BUKU, ISTILAH, MEANING, TERM
from sopgen.validate.common import Collector, KeyValues, cell_error, require_columns
from sopgen.validate.identity import logo_image
from sopgen.workbook import RawWorkbook


@dataclass(frozen=True)
class Book:
    satuan_kerja: str
    tahun: int
    nomor_keputusan: str
    tanggal_keputusan: dt.date
    tentang: str
    jabatan: str
    nama: str
    judul: str = "Standar Operasional Prosedur"
    instansi: str | None = None
    logo: Path | None = None
    nip: str | None = None
    pangkat: str | None = None
    tempat: str | None = None
    menimbang: str | None = None
    mengingat: str | None = None
    ruang_lingkup: str | None = None
    petunjuk: str | None = None
    istilah: tuple[tuple[str, str], ...] = ()

    @property
    def nip_printed(self) -> str | None:
        n = self.nip
        return None if n is None else f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def has_book(raw: RawWorkbook) -> bool:
    return raw.table(BUKU.name) is not None


def read_book(raw: RawWorkbook) -> tuple[Book | None, tuple[Problem, ...]]:
    """The book's fields, or None with the problems that stop it."""
    out = Collector()
    rows = KeyValues.of(raw, BUKU, out)
    if rows is None:
        return None, tuple(out.problems)
    values = rows.read_all()
    year = values["tahun"]
    if isinstance(year, int) and not 1900 <= year <= 2200:
        out.error(rows.locs["tahun"], msg.buku_bad_year())
    logo = values["logo"]
    if isinstance(logo, str):
        values["logo"] = logo_image(logo, rows.locs["logo"], raw.path, out,
                                    missing=msg.buku_logo_missing)
    if values["judul"] is None:
        values["judul"] = "Standar Operasional Prosedur"
    terms = _terms(raw, out)
    if out.failed or any(values[f.attr] is None for f in BUKU.fields if f.required):
        return None, tuple(out.problems)
    return Book(istilah=terms, **values), tuple(out.problems)  # type: ignore[arg-type]


def _terms(raw: RawWorkbook, out: Collector) -> tuple[tuple[str, str], ...]:
    table = raw.table(ISTILAH.name)
    if table is None or not require_columns(table, ISTILAH.required_headers, out):
        return ()
    terms = []
    for row in table.rows:
        term, meaning = row.get(TERM.key), row.get(MEANING.key)
        for cell, column, other in ((term, TERM, meaning), (meaning, MEANING, term)):
            if cell is None and other is not None:
                ref = other.ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                letter = table.headers[column.key].ref.rstrip("0123456789")
                out.error(Loc(table.sheet, letter + ref), msg.value_empty(column.header))
        if term is None or meaning is None:
            continue
        if cell_error(table, term, out) or cell_error(table, meaning, out):
            continue
        terms.append((cells.text(term.value), cells.text(meaning.value)))
    return tuple(terms)


def write_blank_book(path: Path) -> None:
    """The blank book workbook (`sopgen buku --baru`): sheets Buku and Istilah with hints."""
    from openpyxl import Workbook

    from sopgen.atomic import write_atomic
    from sopgen.newbook import write_sheet

    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for sheet in (BUKU, ISTILAH):
        write_sheet(wb.create_sheet(sheet.name), sheet)
    write_atomic(path, lambda tmp: wb.save(tmp))
