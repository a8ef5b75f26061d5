"""The monitoring form, the evaluation form and the recap as `geometry.Document`s.

Laid out here once, in points, like the SOP sheet, and drawn by the same two
renderers, so the DOCX and the PDF of a form agree. Each form: its title, a
bordered block of who and what is assessed, the table (its header rows
repeated on every page it continues on), and the assessor's signature block
at the right under the last row, never alone on a page.

Blank (from the SOP alone) the rows are tall enough to write in by hand;
filled (from an answers workbook) a `√` marks each answer and the notes are
printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopgen import fonts
from sopgen.dates import format_date
from sopgen.geometry import PT_PER_MM, Align, Cell, Document, Page, Para, Row, RowKind, Table
from sopgen.layout.page import MARGINS, PAGE_SLACK
from sopgen.layout.text import FOOTER, PAD, SLACK, cell_height, tw, tw_up
from sopgen.model import Sop
from sopgen.monev import CRITERIA
from sopgen.monev.answers import Answers

SIZE = 9.0
TITLE = 11.0
CHECK = "√"  # the mark of an answer, as forms filled by hand carry it
GAP = 10.0  # between the blocks of a page
SIGN_ROOM = 40.0  # blank room for the assessor's signature
BLANK_ROW = 30.0  # a step's row in the blank form: room to write by hand
FILLED_ROW = 18.0
NOT_RATED = "(belum dinilai)"
DOTS = "(" + "." * 40 + ")"

MONITORING_TITLE = "FORMULIR MONITORING PELAKSANAAN SOP ADMINISTRASI PEMERINTAHAN"
EVALUATION_TITLE = "FORMULIR EVALUASI PENERAPAN SOP ADMINISTRASI PEMERINTAHAN"
RECAP_TITLE = "REKAPITULASI HASIL MONITORING DAN EVALUASI SOP ADMINISTRASI PEMERINTAHAN"


def _p(text: str, *, bold: bool = False, align: Align = Align.LEFT, size: float = SIZE,
       underline: bool = False, before: float = 0.0) -> Para:
    return Para(text, size, bold=bold, align=align, underline=underline, space_before=before)


@dataclass(frozen=True)
class _Spec:
    """A cell before its row is measured: column, paragraphs, span, rowspan, shading."""

    col: int
    paras: tuple[Para, ...]
    span: int = 1
    rowspan: int = 1
    shaded: bool = False


def _row(widths: Sequence[float], specs: Sequence[_Spec], kind: RowKind = "body",
         least: float = 0.0, valign: str = "middle") -> Row:
    h = least
    for s in specs:
        if s.rowspan == 1:
            h = max(h, cell_height(s.paras, sum(widths[s.col:s.col + s.span])))
    cells = tuple(Cell(s.col, s.paras, span=s.span, rowspan=s.rowspan, shaded=s.shaded,
                       valign=valign) for s in specs)
    return Row(tw_up(h), cells, kind=kind)


def _widths(usable: float, shares: Sequence[float]) -> tuple[float, ...]:
    """Column widths in twips from shares, the last taking what rounding left."""
    total = sum(shares)
    widths = [tw(usable * s / total) for s in shares[:-1]]
    return (*widths, tw(usable - sum(widths)))


def _page_size(sop: Sop, landscape: bool) -> tuple[float, float]:
    w, h = (v * PT_PER_MM for v in sop.settings.paper.size_mm)
    return (h, w) if landscape else (w, h)


# --- composing pages ----------------------------------------------------------------


@dataclass(frozen=True)
class _Form:
    """What a form is made of, top to bottom."""

    width: float
    height: float
    blocks: tuple[tuple[tuple[float, ...], tuple[Row, ...], bool], ...]  # first page only
    widths: tuple[float, ...]  # the main table
    header: tuple[Row, ...]
    body: tuple[Row, ...]
    tail: tuple[tuple[float, ...], tuple[Row, ...]] | None  # the signature, at the right


def _compose(form: _Form) -> tuple[Page, ...]:
    bottom = form.height - MARGINS.bottom - PAGE_SLACK
    usable = form.width - MARGINS.left - MARGINS.right
    pages: list[list[Table]] = [[]]
    y = MARGINS.top
    for widths, rows, borders in form.blocks:
        t = Table(MARGINS.left, y, widths, rows, borders=borders)
        pages[-1].append(t)
        y += t.height + GAP
    header_h = sum(r.height for r in form.header)
    tail_h = sum(r.height for r in form.tail[1]) + GAP if form.tail else 0.0
    chunks: list[list[Row]] = [[]]
    tops = [y]
    used = header_h
    for i, row in enumerate(form.body):
        last = i == len(form.body) - 1
        need = row.height + (tail_h if last else 0.0)
        # A new page when the row does not fit, unless it is the page's first row (a
        # continued page holds at least one); the first page's blocks may leave none.
        if tops[-1] + used + need > bottom and (chunks[-1] or len(chunks) == 1):
            pages.append([])
            chunks.append([])
            tops.append(MARGINS.top)
            used = header_h
        chunks[-1].append(row)
        used += row.height
    for k, (chunk, top) in enumerate(zip(chunks, tops, strict=True)):
        if not chunk:
            continue
        t = Table(MARGINS.left, top, form.widths, (*form.header, *chunk))
        pages[k].append(t)
        if k == len(chunks) - 1 and form.tail is not None:
            widths, rows = form.tail
            pages[k].append(Table(MARGINS.left + usable - sum(widths), t.y + t.height + GAP,
                                  widths, rows, borders=False))
    return tuple(Page("form", tuple(tables)) for tables in pages if tables)


def _document(sop: Sop, form: _Form, footer: str, title: str) -> Document:
    from sopgen.layout import _measured  # each cell's content height, for centring

    ident = sop.identity
    return Document(
        width=form.width, height=form.height, margins=MARGINS,
        pages=tuple(_measured(p) for p in _compose(form)),
        footer_left=footer, font_family=fonts.FAMILY, footer_size=FOOTER,
        meta={"title": title, "subject": ident.nomor, "author": ident.satuan_kerja,
              "keywords": f"SOP; monev; {ident.nomor}; {ident.satuan_kerja}"},
    )  # fmt: skip


# --- the shared blocks ----------------------------------------------------------------


def _title(usable: float, title: str) -> tuple[tuple[float, ...], tuple[Row, ...], bool]:
    widths = (tw(usable),)
    return widths, (_row(widths, [_Spec(0, (_p(title, bold=True, align=Align.CENTER,
                                                  size=TITLE),))]),), False


def _info(sop: Sop, usable: float, answers: Answers | None
          ) -> tuple[tuple[float, ...], tuple[Row, ...], bool]:
    ident = sop.identity
    unit = ident.satuan_kerja + (f" ({ident.instansi})" if ident.instansi else "")
    a = answers
    pairs = (
        ("Satuan Kerja", unit),
        ("Nomor SOP", ident.nomor),
        ("Nama SOP", ident.nama),
        ("Pelaksana", ", ".join(r.name for r in sop.roles)),
        ("Periode", a.periode if a else ""),
        ("Tanggal Penilaian", format_date(a.tanggal) if a and a.tanggal else ""),
        ("Nama Penilai", a.penilai if a else ""),
    )
    label_w = tw(max(fonts.text_width(k, SIZE, bold=True) for k, _ in pairs) / SLACK + 2 * PAD + 2)
    widths = (label_w, tw(usable - label_w))
    rows = tuple(_row(widths, [_Spec(0, (_p(k, bold=True),), shaded=True),
                               _Spec(1, (_p(v, bold=k == "Nama SOP"),))], least=16.0)
                 for k, v in pairs)
    return widths, rows, True


def _signature(answers: Answers | None, usable: float
               ) -> tuple[tuple[float, ...], tuple[Row, ...]]:
    width = tw(max(usable * 0.36, 180.0))
    a = answers
    when = format_date(a.tanggal) if a and a.tanggal else "...................."
    paras = [
        _p(f"Tanggal penilaian: {when}", align=Align.CENTER),
        _p("Penilai,", align=Align.CENTER, bold=True),
        _p(a.penilai if a and a.penilai else DOTS, align=Align.CENTER, bold=True,
           underline=bool(a and a.penilai), before=SIGN_ROOM),
    ]
    if a and a.nip_printed:
        paras.append(_p(f"NIP. {a.nip_printed}", align=Align.CENTER))
    else:
        paras.append(_p("NIP. ....................................", align=Align.CENTER))
    widths = (width,)
    return widths, (_row(widths, [_Spec(0, tuple(paras))], kind="signature", valign="top"),)


def _mark(value: bool | None, wanted: bool) -> tuple[Para, ...]:
    return (_p(CHECK, bold=True, align=Align.CENTER),) if value is wanted else ()


# --- the monitoring form --------------------------------------------------------------


def monitoring_document(sop: Sop, answers: Answers | None = None) -> Document:
    """Every step of `sop` a row (No, Prosedur, the two judgements, Catatan hasil
    penilaian, Tindakan yang harus diambil, Paraf penilai); filled from `answers`."""
    width, height = _page_size(sop, landscape=False)
    usable = width - MARGINS.left - MARGINS.right
    widths = _widths(usable, (22, 150, 52, 52, 95, 95, 42))
    c = Align.CENTER

    def head(text: str) -> tuple[Para, ...]:
        return (_p(text, bold=True, align=c, size=8.0),)

    header = (
        _row(widths, [_Spec(0, head("No"), rowspan=2, shaded=True),
                      _Spec(1, head("Prosedur"), rowspan=2, shaded=True),
                      _Spec(2, head("Penilaian terhadap penerapan"), span=2, shaded=True),
                      _Spec(4, head("Catatan hasil penilaian"), rowspan=2, shaded=True),
                      _Spec(5, head("Tindakan yang harus diambil"), rowspan=2, shaded=True),
                      _Spec(6, head("Paraf penilai"), rowspan=2, shaded=True)],
             kind="header", least=16.0),
        _row(widths, [_Spec(2, head("Berjalan dengan baik"), shaded=True),
                      _Spec(3, head("Tidak berjalan dengan baik"), shaded=True)],
             kind="header", least=24.0),
    )
    body = []
    for step in sop.steps:
        a = answers.step(step.no) if answers else None
        rated = a is not None and a.baik is not None
        note = a.catatan if a else ""
        if answers is not None and not rated:
            note = f"{note} {NOT_RATED}".strip()
        specs = [_Spec(0, (_p(str(step.no), align=c),)), _Spec(1, (_p(step.kegiatan),)),
                 _Spec(2, _mark(a.baik if a else None, True)),
                 _Spec(3, _mark(a.baik if a else None, False)),
                 _Spec(4, (_p(note, size=8.0),) if note else ()),
                 _Spec(5, (_p(a.tindakan, size=8.0),) if a and a.tindakan else ()),
                 _Spec(6, ())]
        body.append(_row(widths, specs, kind="step",
                         least=FILLED_ROW if answers else BLANK_ROW))
    form = _Form(width, height, (_title(usable, MONITORING_TITLE), _info(sop, usable, answers)),
                 widths, header, tuple(body), _signature(answers, usable))
    return _document(sop, form, f"Formulir Monitoring SOP · {sop.identity.nomor}",
                     f"Formulir Monitoring SOP – {sop.identity.nama}")


# --- the evaluation form --------------------------------------------------------------


def evaluation_document(sop: Sop, answers: Answers | None = None) -> Document:
    """The seven criteria, each Ya/Tidak with a note; filled from `answers`."""
    width, height = _page_size(sop, landscape=False)
    usable = width - MARGINS.left - MARGINS.right
    widths = _widths(usable, (22, 250, 34, 34, 112))
    c = Align.CENTER

    def head(text: str) -> tuple[Para, ...]:
        return (_p(text, bold=True, align=c, size=8.0),)

    header = (_row(widths, [_Spec(0, head("No"), shaded=True),
                            _Spec(1, head("Prinsip/kriteria penilaian"), shaded=True),
                            _Spec(2, head("Ya"), shaded=True), _Spec(3, head("Tidak"), shaded=True),
                            _Spec(4, head("Catatan"), shaded=True)], kind="header",
                   least=18.0),)
    body = []
    for no, criterion in enumerate(CRITERIA, start=1):
        a = answers.criterion(no) if answers else None
        note = a.catatan if a else ""
        if answers is not None and (a is None or a.ya is None):
            note = f"{note} (belum dijawab)".strip()
        body.append(_row(widths, [
            _Spec(0, (_p(str(no), align=c),)), _Spec(1, (_p(criterion),)),
            _Spec(2, _mark(a.ya if a else None, True)),
            _Spec(3, _mark(a.ya if a else None, False)),
            _Spec(4, (_p(note, size=8.0),) if note else ())],
            least=FILLED_ROW + 4 if answers else BLANK_ROW))
    if answers is not None:
        yes = sum(1 for a in answers.criteria if a.ya and 1 <= a.no <= len(CRITERIA))
        body.append(_row(widths, [
            _Spec(0, (_p("Jumlah kriteria terpenuhi", bold=True, align=Align.RIGHT),), span=2),
            _Spec(2, (_p(f"{yes} dari {len(CRITERIA)}", bold=True, align=c),), span=3)],
            kind="closing", least=FILLED_ROW))
    form = _Form(width, height, (_title(usable, EVALUATION_TITLE), _info(sop, usable, answers)),
                 widths, header, tuple(body), _signature(answers, usable))
    return _document(sop, form, f"Formulir Evaluasi SOP · {sop.identity.nomor}",
                     f"Formulir Evaluasi SOP – {sop.identity.nama}")


# --- the recap --------------------------------------------------------------------------


RECAP_HEADERS = ("No", "Nomor SOP", "Nama SOP", "Periode", "Tanggal penilaian", "Jumlah langkah",
                 "Berjalan dengan baik", "Tidak berjalan dengan baik", "Belum dinilai",
                 "Tindakan perbaikan", "Kriteria evaluasi terpenuhi")


def recap_document(sop: Sop, units: Sequence[tuple[str, Sequence[Sequence[str]],
                                                     Sequence[str]]]) -> Document:
    """One table: per unit a heading row, a row per SOP assessed, and the unit's totals.
    `units`: (unit name, its rows of RECAP_HEADERS' texts, its totals' texts from the
    sixth column on). `sop` gives the paper."""
    width, height = _page_size(sop, landscape=True)
    usable = width - MARGINS.left - MARGINS.right
    widths = _widths(usable, (22, 80, 170, 70, 70, 45, 52, 52, 45, 52, 60))
    c = Align.CENTER
    header = (_row(widths, [_Spec(i, (_p(h, bold=True, align=c, size=8.0),), shaded=True)
                            for i, h in enumerate(RECAP_HEADERS)], kind="header", least=24.0),)
    body = []
    for unit, rows, totals in units:
        body.append(_row(widths, [_Spec(0, (_p(unit, bold=True),), span=len(widths),
                                        shaded=True)], kind="heading", least=16.0))
        for row in rows:
            body.append(_row(widths, [
                _Spec(i, (_p(t, align=c if i == 0 or i >= 5 else Align.LEFT),) if t else ())
                for i, t in enumerate(row)], least=FILLED_ROW))
        body.append(_row(widths, [
            _Spec(0, (_p(f"Jumlah {unit}", bold=True, align=Align.RIGHT),), span=5),
            *(_Spec(5 + i, (_p(t, bold=True, align=c),)) for i, t in enumerate(totals))],
            kind="closing", least=FILLED_ROW))
    form = _Form(width, height, (_title(usable, RECAP_TITLE),), widths, header, tuple(body),
                 None)
    return _document(sop, form, "Rekapitulasi Monitoring dan Evaluasi SOP", RECAP_TITLE.title())
