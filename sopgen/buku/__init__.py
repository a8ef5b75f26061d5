"""`sopgen buku FOLDER_OR_FILES... -o buku-sop.pdf|.docx`: the Buku SOP of a unit.

The cover (title, unit, agency, year, logo), the leader's decree (Keputusan:
number, date, "tentang", the signing official), the table of contents (Nomor
SOP, Nama SOP, page), a short guide (scope, definitions, how to read a
sheet), then every valid SOP as `sopgen build` draws it, ordered by Nomor SOP
(numbers compared as numbers). Each SOP keeps its own "Halaman X dari Y"; the
book numbers its pages at the foot's centre, the cover counting as page 1
unprinted, and the contents point at those numbers.

How it is made (see docs/decisions.md): the front matter is HTML
(templates/buku-depan.*) through WeasyPrint, each SOP is `build.render`'s own
PDF, the parts are joined with pypdf and the book's page numbers laid over
every page from one more WeasyPrint document of numbers only. The front
matter is laid out until its page count is stable, since the contents name
pages that depend on it.

The book's fields come from a sheet `Buku` (and `Istilah`), in a small book
workbook (`sopgen buku --baru buku.xlsx`) or in one of the SOP workbooks.
Invalid SOPs are listed with their problems and left out; the book is still
made of the others, and the exit status says 1. `-o x.docx` writes the
editable book instead (`sopgen.buku.docx`).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sopgen import messages as msg
from sopgen.buku.book import Book, has_book, read_book, write_blank_book
from sopgen.dates import format_date
from sopgen.geometry import Document
from sopgen.model import Sop

__all__ = ["Book", "BookPart", "assemble", "run"]

GUIDE = (
    "Setiap SOP terdiri atas dua bagian: halaman identitas (nomor SOP, tanggal pembuatan, "
    "revisi dan efektif, pengesah, serta dasar hukum, kualifikasi pelaksana, keterkaitan, "
    "peralatan/perlengkapan, peringatan dan pencatatan) dan diagram alir prosedur.",
    "Diagram alir dibaca dari atas ke bawah mengikuti anak panah. Kolom Pelaksana menunjukkan "
    "siapa yang melakukan setiap kegiatan; kolom Mutu Baku memuat kelengkapan, waktu dan "
    "output setiap langkah.",
    "Simbol kapsul menandai mulai dan selesai, persegi panjang sebuah kegiatan, belah ketupat "
    "sebuah keputusan dengan jalur Ya dan Tidak, dan lingkaran kecil berhuruf penghubung ke "
    "halaman lain.",
    "Nomor di kaki kanan setiap lembar SOP (Halaman X dari Y) menghitung halaman SOP itu "
    "sendiri; nomor halaman buku dicetak di tengah bawah dan dipakai oleh Daftar Isi.",
)
# The DOCX book has no book page numbers (buku/docx.py): its last guide paragraph says so.
GUIDE_DOCX = (*GUIDE[:-1], "Nomor di kaki kanan setiap lembar SOP (Halaman X dari Y) "
              "menghitung halaman SOP itu sendiri. Berkas ini adalah versi yang dapat disunting; "
              "nomor halaman buku ada pada versi PDF.")
NUMBER_SIZE = 8.0  # pt, the book's page number
NUMBER_FROM_BOTTOM = 12.0  # pt from the paper's lower edge to the number's baseline


@dataclass(frozen=True)
class BookPart:
    """One SOP of the book: its model, its PDF (or DOCX) as `sopgen build` writes it."""

    sop: Sop
    data: bytes


@dataclass(frozen=True)
class Assembled:
    pdf: bytes
    pages: int
    starts: tuple[int, ...]  # the book page each SOP starts on, in the book's order
    guide: int  # the book page of the guide


TEMPLATES = "sopgen.templates"  # templates/, installed as this package


def ordered(parts: Sequence[BookPart]) -> list[BookPart]:
    from sopgen.daftar import natural_key

    return sorted(parts, key=lambda p: (natural_key(p.sop.identity.nomor),
                                        p.sop.identity.nama.casefold()))


# --- the front matter ---------------------------------------------------------------


@functools.cache
def _env() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader(TEMPLATES, ""),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def _lines(text: str | None) -> list[str]:
    """A cell's lines (Alt+Enter), each an item or a paragraph."""
    return [t.strip() for t in (text or "").split("\n") if t.strip()]


def _front_html(book: Book, parts: Sequence[BookPart], starts: Sequence[int],
                guide: int) -> str:
    sops = [{"nomor": p.sop.identity.nomor, "nama": p.sop.identity.nama, "page": s}
            for p, s in zip(parts, starts, strict=True)]
    return str(_env().get_template("buku-depan.html.j2").render(
        book=book, sops=sops, guide_page=guide, decided=format_date(book.tanggal_keputusan),
        logo=book.logo.as_uri() if book.logo else None, menimbang=_lines(book.menimbang),
        mengingat=_lines(book.mengingat), guide=_lines(book.petunjuk) or GUIDE,
    ))


@functools.cache
def _fonts() -> Any:
    """The book's own font configuration: nothing of render/html.py's internals is used."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _render(html: str) -> Any:
    from importlib import resources

    from weasyprint import CSS, HTML

    fonts = _fonts()
    css_text = (resources.files(TEMPLATES) / "buku-depan.css").read_text(encoding="utf-8")
    css = CSS(string=css_text, font_config=fonts)
    return HTML(string=html, base_url="/").render(stylesheets=[css], font_config=fonts)


def _front(book: Book, parts: Sequence[BookPart],
           counts: Sequence[int]) -> tuple[Any, list[int], int, int]:
    """The front matter laid out until its own length stops moving the page numbers."""
    front_pages, guide = 4, 4
    for _ in range(5):
        starts, page = [], front_pages + 1
        for n in counts:
            starts.append(page)
            page += n
        document = _render(_front_html(book, parts, starts, guide))
        found = _anchor_page(document, "petunjuk")
        if len(document.pages) == front_pages and found == guide:
            return document, starts, guide, _anchor_page(document, "daftar-isi")
        front_pages, guide = len(document.pages), found
    raise AssertionError("the front matter's length does not settle")


def _anchor_page(document: Any, anchor: str) -> int:
    """The page (from 1) where the element with that id starts."""
    return next(i + 1 for i, p in enumerate(document.pages) if anchor in p.anchors)


# --- the book -----------------------------------------------------------------------


def _numbers(sizes: Sequence[tuple[float, float]]) -> bytes:
    """A PDF of the book's page numbers alone, page for page the size of the book's."""
    from sopgen.symbols import svg_number as n

    kinds = {size: f"s{i}" for i, size in enumerate(dict.fromkeys(sizes))}
    css = "".join(f"@page {k} {{ size: {n(w)}pt {n(h)}pt; margin: 0; }} .{k} {{ page: {k}; "
                  f"width: {n(w)}pt; height: {n(h)}pt; }}" for (w, h), k in kinds.items())
    css += (" html, body { margin: 0; } body { font-family: 'Liberation Sans', Arial, "
            f"sans-serif; font-size: {n(NUMBER_SIZE)}pt; }} .p {{ position: relative; "
            "break-after: page; overflow: hidden; } .p:last-child { break-after: auto; } "
            ".n { position: absolute; left: 0; right: 0; text-align: center; line-height: 1; }")
    pages = []
    for i, (w, h) in enumerate(sizes, start=1):
        top = h - NUMBER_FROM_BOTTOM - NUMBER_SIZE * 0.8
        number = f'<div class="n" style="top: {n(top)}pt">{i}</div>' if i > 1 else ""
        pages.append(f'<div class="p {kinds[(w, h)]}">{number}</div>')
    html = f"<!DOCTYPE html><html><head><style>{css}</style></head><body>{''.join(pages)}"
    html += "</body></html>"
    return _render_plain(html)


def _render_plain(html: str) -> bytes:
    from weasyprint import HTML

    fonts = _fonts()
    data = HTML(string=html).write_pdf(font_config=fonts)
    assert isinstance(data, bytes)
    return data


def assemble(book: Book, parts: Sequence[BookPart]) -> Assembled:
    """The whole book's PDF, the SOPs in the order given."""
    from pypdf import PdfReader, PdfWriter

    readers = [PdfReader(io.BytesIO(p.data)) for p in parts]
    front, starts, guide, contents = _front(book, parts, [len(r.pages) for r in readers])
    front_reader = PdfReader(io.BytesIO(front.write_pdf()))
    writer = PdfWriter()
    for page in front_reader.pages:
        writer.add_page(page)
    for reader in readers:
        for page in reader.pages:
            writer.add_page(page)
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in writer.pages]
    numbers = PdfReader(io.BytesIO(_numbers(sizes)))
    for page, overlay in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(overlay)
    writer.add_outline_item(title="Daftar Isi", page_number=contents - 1)
    writer.add_outline_item(title="Petunjuk Singkat", page_number=guide - 1)
    for part, start in zip(parts, starts, strict=True):
        ident = part.sop.identity
        writer.add_outline_item(title=f"{ident.nomor} {ident.nama}", page_number=start - 1)
    writer.add_metadata({"/Title": f"{book.judul} {book.satuan_kerja} {book.tahun}",
                         "/Author": book.satuan_kerja, "/Subject": book.nomor_keputusan})
    buf = io.BytesIO()
    writer.write(buf)
    return Assembled(buf.getvalue(), len(writer.pages), tuple(starts), guide)


# --- the command --------------------------------------------------------------------


def _workbooks(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found += [p for p in sorted(path.rglob("*.xlsx"))
                      if p.is_file() and not p.name.startswith("~$")]
        elif path.is_file():
            found.append(path)
        else:
            problems.append(msg.file_missing(str(path)))
    return list(dict.fromkeys(found)), problems


def _part(path: Path, fmt: str = "pdf") -> tuple[Path, BookPart | None, tuple[str, ...], int]:
    """One SOP checked, laid out and drawn as `sopgen build` draws its PDF (in a worker):
    (path, the part or None, the lines to print, its error count)."""
    from sopgen.build import prepare, render
    from sopgen.workbook import WorkbookUnreadable

    try:
        prepared = prepare(path)
    except WorkbookUnreadable as err:
        return path, None, (str(err),), 0
    document: Document | None = prepared.document
    lines = tuple(str(p) for p in prepared.problems)
    if prepared.errors or document is None or prepared.sop is None:
        return path, None, lines, max(1, len(prepared.errors))
    return path, BookPart(prepared.sop, render(fmt, prepared.sop, document)), lines, 0


def _parts(paths: Sequence[Path], workers: int,
           fmt: str) -> list[tuple[Path, BookPart | None, tuple[str, ...], int]]:
    """Every SOP's part, in the order given, over `workers` processes (as `build -j`)."""
    if workers <= 1 or len(paths) <= 1:
        return [_part(p, fmt) for p in paths]
    from concurrent.futures import ProcessPoolExecutor

    from sopgen.batch import warm_up

    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), initializer=warm_up) as pool:
        return list(pool.map(functools.partial(_part, fmt=fmt), paths))


def run(files: Sequence[Path], output: Path, out: TextIO, *, blank: Path | None = None,
        force: bool = False, workers: int = 1) -> int:
    """The command: 0 the book written, 1 some SOP left out or the Buku sheet invalid,
    2 bad usage or an unreadable file."""
    from sopgen.atomic import write_bytes_atomic
    from sopgen.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, _report
    from sopgen.workbook import WorkbookUnreadable, read_workbook

    if blank is not None:
        if blank.suffix.lower() != ".xlsx":
            print(f"sopgen: {msg.new_needs_xlsx(str(blank))}", file=out)
            return EXIT_USAGE
        if blank.exists() and not force:
            print(f"sopgen: {msg.exists_refuse(str(blank))}", file=out)
            return EXIT_USAGE
        try:
            write_blank_book(blank)
        except OSError as err:
            print(f"sopgen: {msg.cannot_write(str(blank), err.strerror or str(err))}", file=out)
            return EXIT_USAGE
        print(msg.buku_blank_written(str(blank)), file=out)
        return EXIT_OK
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "docx"):
        print(f"sopgen: {msg.buku_bad_suffix(str(output))}", file=out)
        return EXIT_USAGE
    paths, problems = _workbooks(files)
    for line in problems:
        print(f"sopgen: {line}", file=out)
    if problems or not paths:
        if not paths:
            print(f"sopgen: {msg.nothing_to_build()}", file=out)
        return EXIT_USAGE
    status = EXIT_OK
    book: Book | None = None
    book_source: Path | None = None
    parts: list[BookPart] = []
    sources: list[Path] = []  # the SOP workbooks
    for path in paths:
        try:
            raw = read_workbook(path)
        except WorkbookUnreadable as err:
            print(str(err), file=out)
            status = max(status, EXIT_USAGE)
            continue
        if has_book(raw):
            if book_source is not None:
                print(f"{path}: {msg.buku_two_book_sheets(str(book_source), str(path))}",
                      file=out)
                status = max(status, EXIT_INVALID)
                continue
            book_source = path
            book, found = read_book(raw)
            if found or book is None:
                _report(path, True, found, out)
            if book is None:
                status = max(status, EXIT_INVALID)
            if raw.table("Prosedur") is None:
                continue  # a book workbook only
        sources.append(path)
    if book_source is None:
        print(f"sopgen: {msg.buku_no_book_sheet()}", file=out)
        return EXIT_USAGE
    if book is None:  # nothing is drawn for a book that cannot be made
        return max(status, EXIT_INVALID)
    for path, part, lines, errors in _parts(sources, workers, fmt):
        for line in lines:
            print(line if part is None and not errors else f"{path}: {line}", file=out)
        if part is None:
            if errors:
                print(msg.buku_left_out(str(path), errors), file=out)
            status = max(status, EXIT_INVALID if errors else EXIT_USAGE)
            continue
        parts.append(part)
    if not parts:
        print(f"sopgen: {msg.buku_no_sop()}", file=out)
        return max(status, EXIT_INVALID)
    parts = ordered(parts)
    if fmt == "docx":
        from sopgen.buku.docx import book_docx

        data = book_docx(book, [(p.sop.identity.nomor, p.sop.identity.nama, p.data)
                                for p in parts], _lines(book.petunjuk) or GUIDE_DOCX)
        total = None  # Word paginates the front matter itself
    else:
        made = assemble(book, parts)
        data, total = made.pdf, made.pages
    try:
        write_bytes_atomic(output, data)
    except OSError as err:
        print(f"sopgen: {msg.cannot_write(str(output), err.strerror or str(err))}", file=out)
        return EXIT_USAGE
    print(msg.buku_written(str(output), len(parts), total), file=out)
    return status
