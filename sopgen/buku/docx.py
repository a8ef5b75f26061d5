"""The Buku SOP as one editable DOCX: the front matter written with python-docx, then
each SOP's own DOCX (`build.render`) in a section of its own.

Each SOP section keeps its page size and margins and its footer, whose
"Halaman X dari Y" counts that SOP's pages: PAGE restarts at 1 in every
section and NUMPAGES becomes SECTIONPAGES. Word has one page counter, so
the DOCX carries no book page numbers and its contents list no pages: the
PDF is the book to sign and print, the DOCX the one to edit. Pictures
(a logo, the Gantt chart) are added to the book's package anew, and every
shape's `wp:docPr` id is renumbered, so ids stay unique across SOPs.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sopgen.dates import format_date

if TYPE_CHECKING:
    from sopgen.buku import Book

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_R_EMBED = qn("r:embed")
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"


def book_docx(book: Book, sops: Sequence[tuple[str, str, bytes]], guide: Sequence[str]) -> bytes:
    """`sops`: (Nomor SOP, Nama SOP, its DOCX), in the book's order."""
    reference = resources.files("sopgen.templates").joinpath("reference.docx").read_bytes()
    word = open_docx(io.BytesIO(reference))
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _front(word, book, sops, guide)
    for _, _, data in sops:
        _append(word, open_docx(io.BytesIO(data)))
    for n, pr in enumerate(word.element.iter(_DOC_PR), start=1):
        pr.set("id", str(n))
    core = word.core_properties
    core.title = f"{book.judul} {book.satuan_kerja} {book.tahun}"[:255]
    core.author = book.satuan_kerja[:255]
    core.subject = book.nomor_keputusan[:255]
    when = dt.datetime.combine(book.tanggal_keputusan, dt.time())
    core.created = core.modified = when
    core.last_modified_by = "sopgen"
    core.revision = 1
    buf = io.BytesIO()
    word.save(buf)
    return _fixed(buf.getvalue())


# --- the front matter ---------------------------------------------------------------


def _para(word: DocxDocument, text: str = "", *, size: float = 11, bold: bool = False,
          center: bool = False, before: float = 0, after: float = 4, underline: bool = False
          ) -> None:
    p = word.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.name = "Liberation Sans"
        run.bold = bold
        run.underline = underline


def _item(word: DocxDocument, key: str, text: str) -> None:
    """`Key : text` with the text's lines aligned after the colon (the decree's rows)."""
    p = word.add_paragraph(f"{key}\t:\t{text}")
    fmt = p.paragraph_format
    fmt.left_indent, fmt.first_line_indent = Mm(36), Mm(-36)
    fmt.tab_stops.add_tab_stop(Mm(30))
    fmt.tab_stops.add_tab_stop(Mm(36))
    fmt.space_after = Pt(4)


def _break(word: DocxDocument) -> None:
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _lines(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split("\n") if t.strip()]


def _front(word: DocxDocument, book: Book, sops: Sequence[tuple[str, str, bytes]],
           guide: Sequence[str]) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(25)
    section.left_margin, section.right_margin = Mm(25), Mm(22)
    section.orientation = WD_ORIENT.PORTRAIT
    # cover
    _para(word, before=60)
    if book.logo is not None:
        p = word.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(str(book.logo), height=Mm(40))
    _para(word, book.judul.upper(), size=24, bold=True, center=True, before=40)
    _para(word, book.satuan_kerja.upper(), size=15, bold=True, center=True, before=110)
    if book.instansi:
        _para(word, book.instansi.upper(), size=13, bold=True, center=True)
    _para(word, f"TAHUN {book.tahun}", size=15, bold=True, center=True, before=30)
    _break(word)
    # the decree
    for line in (f"KEPUTUSAN {book.jabatan.upper()}", f"NOMOR {book.nomor_keputusan}", "TENTANG",
                 book.tentang.upper()):
        _para(word, line, bold=True, center=True, after=2)
    _para(word, after=10)
    for label, items, letters in (("Menimbang", _lines(book.menimbang), True),
                                  ("Mengingat", _lines(book.mengingat), False)):
        for i, item in enumerate(items):
            mark = (chr(97 + i) if letters else str(i + 1)) + ". " if len(items) > 1 else ""
            _item(word, label if i == 0 else "", f"{mark}{item}")
    _para(word, "MEMUTUSKAN:", bold=True, center=True, before=8, after=8)
    diktum = (
        ("Menetapkan", f"KEPUTUSAN {book.jabatan.upper()} TENTANG {book.tentang.upper()}."),
        ("KESATU", f"Menetapkan {len(sops)} (jumlah) Standar Operasional Prosedur "
                   f"{book.satuan_kerja} sebagaimana tercantum dalam Daftar Isi dan Lampiran "
                   "Keputusan ini."),
        ("KEDUA", "Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU "
                  f"menjadi pedoman bagi seluruh pegawai {book.satuan_kerja} dalam "
                  "melaksanakan tugas."),
        ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    )
    for key, text in diktum:
        _item(word, key, text)
    for line in (f"Ditetapkan di {book.tempat or ''}",
                 f"pada tanggal {format_date(book.tanggal_keputusan)}",
                 f"{book.jabatan.upper()},"):
        p = word.add_paragraph(line)
        p.paragraph_format.left_indent = Mm(90)
    p = word.add_paragraph()
    p.paragraph_format.left_indent = Mm(90)
    p.paragraph_format.space_before = Pt(60)
    name = p.add_run(book.nama)
    name.bold = name.underline = True
    for extra in (book.pangkat, f"NIP. {book.nip_printed}" if book.nip_printed else None):
        if extra:
            p = word.add_paragraph(extra)
            p.paragraph_format.left_indent = Mm(90)
    _break(word)
    # contents: no page numbers in the DOCX (see the module's docstring)
    _para(word, "DAFTAR ISI", size=13, bold=True, center=True, after=12)
    table = word.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("No", "Nomor SOP", "Nama SOP"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for i, (nomor, nama, _) in enumerate(sops, start=1):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = str(i), nomor, nama
    _break(word)
    # the guide
    _para(word, "PETUNJUK SINGKAT", size=13, bold=True, center=True, after=12)
    _para(word, "Ruang Lingkup", bold=True, before=6)
    _para(word, book.ruang_lingkup or (
        f"Buku ini memuat {len(sops)} Standar Operasional Prosedur {book.satuan_kerja} yang "
        f"ditetapkan dengan Keputusan Nomor {book.nomor_keputusan}."))
    if book.istilah:
        _para(word, "Pengertian", bold=True, before=6)
        terms = word.add_table(rows=0, cols=2)
        terms.style = "Table Grid"
        for term, meaning in book.istilah:
            row = terms.add_row().cells
            row[0].text, row[1].text = term, meaning
    _para(word, "Cara Membaca SOP", bold=True, before=6)
    for text in guide:
        _para(word, text)


# --- each SOP -----------------------------------------------------------------------


def _append(word: DocxDocument, sop: DocxDocument) -> None:
    source = sop.sections[0]
    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = source.orientation
    section.page_width, section.page_height = source.page_width, source.page_height
    section.top_margin, section.bottom_margin = source.top_margin, source.bottom_margin
    section.left_margin, section.right_margin = source.left_margin, source.right_margin
    section.header_distance, section.footer_distance = (source.header_distance,
                                                        source.footer_distance)
    number = section._sectPr.find(qn("w:pgNumType"))
    if number is None:
        number = OxmlElement("w:pgNumType")
        section._sectPr.append(number)
    number.set(qn("w:start"), "1")
    footer = section.footer
    footer.is_linked_to_previous = False
    target = footer._element
    for child in list(target):
        target.remove(child)
    for child in source.footer._element:
        moved = copy.deepcopy(child)
        for instr in moved.iter(qn("w:instrText")):
            if instr.text and instr.text.strip() == "NUMPAGES":
                instr.text = " SECTIONPAGES "
        target.append(moved)
    body = word.element.body
    end = body.find(qn("w:sectPr"))
    for child in sop.element.body:
        if child.tag == qn("w:sectPr"):
            continue
        moved = copy.deepcopy(child)
        for blip in moved.iter(_BLIP):
            rid = blip.get(_R_EMBED)
            if rid is not None:
                blob = sop.part.related_parts[rid].blob
                new_rid, _ = word.part.get_or_add_image(io.BytesIO(blob))
                blip.set(_R_EMBED, new_rid)
        end.addprevious(moved)


def _fixed(data: bytes) -> bytes:
    """Fixed zip entry times: the same book, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
