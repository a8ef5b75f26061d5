"""Drawn pages -> `FoundSop`: the SOP read by geometry, the same for every source.

The procedure table is found by its header cells (`No`, `Kegiatan`, `Pelaksana`,
...), its columns by the rules that cross the header's last row, its rows by the
rules that cross the `No` column (no flow line ever runs there). A step's roles
are the role columns its symbols stand in, its kind their shape; its flows are
the lines that leave its symbols, followed to an arrowhead (`flows.py`). Every
word a field takes is marked, and the rest become leftovers.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyphen

from sopgen import messages as msg
from sopgen.impor import flows
from sopgen.impor.drawn import Box, Line, Page, Rule, Shape, Symbol, Word, cell_text, lines_of
from sopgen.impor.found import FoundSop, FoundStep, Leftover
from sopgen.model import Kind
from sopgen.text import fold

_KEYS: dict[str, tuple[str, ...]] = {
    "no": ("no", "nomor", "no urut"),
    "kegiatan": ("kegiatan", "aktivitas", "aktifitas", "uraian", "uraian prosedur",
                 "uraian kegiatan", "prosedur", "uraian aktivitas", "kegiatan/aktivitas"),
    "pelaksana": ("pelaksana",),
    "mutu": ("mutu baku",),
    "kelengkapan": ("kelengkapan", "persyaratan", "input", "persyaratan/kelengkapan",
                    "kelengkapan/persyaratan", "syarat", "persyaratan/ kelengkapan"),
    "waktu": ("waktu",),
    "output": ("output", "keluaran", "hasil", "output/hasil"),
    "keterangan": ("keterangan", "ket"),
}
_TEXT_COLUMNS = ("kelengkapan", "waktu", "output", "keterangan")
_HEADER_OF = {"kegiatan": "Kegiatan", "kelengkapan": "Kelengkapan", "waktu": "Waktu",
              "output": "Output", "keterangan": "Keterangan"}

_IDENTITY_KEYS: dict[str, tuple[str, ...]] = {
    "Nomor SOP": ("nomor sop", "no sop", "nomor", "no. sop", "nomor standar operasional prosedur"),
    "Tanggal Pembuatan": ("tanggal pembuatan", "tgl pembuatan", "tanggal dibuat", "tgl dibuat"),
    "Tanggal Revisi": ("tanggal revisi", "tgl revisi"),
    "Tanggal Efektif": ("tanggal efektif", "tgl efektif", "tanggal pengesahan",
                        "tgl pengesahan", "tanggal berlaku", "tgl berlaku"),
    "Disahkan Oleh": ("disahkan oleh", "disahkan", "pengesahan oleh"),
    "Nama SOP": ("nama sop", "judul sop", "nama standar operasional prosedur"),
}
_PROVISION_KEYS: dict[str, tuple[str, ...]] = {
    "Dasar Hukum": ("dasar hukum",),
    "Kualifikasi Pelaksana": ("kualifikasi pelaksana",),
    "Keterkaitan": ("keterkaitan",),
    "Peralatan/Perlengkapan": ("peralatan/perlengkapan", "peralatan / perlengkapan",
                               "peralatan/ perlengkapan", "peralatan", "perlengkapan"),
    "Peringatan": ("peringatan",),
    "Pencatatan dan Pendataan": ("pencatatan dan pendataan", "pencatatan/pendataan",
                                 "pencatatan", "pendataan"),
}
_FOOTER = re.compile(r"^halaman \d+ dari \d+$")
_ITEM = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[a-z]\s*[.)]|[-•▪●·*])\s+", re.IGNORECASE)
_NIP = re.compile(r"^nip\.?\s*:?\s*([\d .]+)$", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^(.+?),\s*(\d{1,2}\s+\S+\s+\d{4}|\S+\s+\d{4})$")
_REGION = re.compile(r"^(pemerintah|kabupaten|kota|provinsi)\b", re.IGNORECASE)


def key(text: str) -> str:
    """Header or label text as matched: folded, without colons and trailing dots."""
    text = fold(text.replace("\n", " ")).replace(":", " ")
    return " ".join(text.split()).strip(" .")


def _match(text: str, keys: dict[str, tuple[str, ...]]) -> str | None:
    k = key(text)
    for name, options in keys.items():
        if k in options or k.replace(". ", " ").replace(".", " ") in options:
            return name
    return None


@dataclass
class _Cell:
    box: Box
    words: list[Word]

    def text(self) -> str:
        return cell_text(self.words, self.box)


@dataclass
class _Columns:
    """The procedure table's leaf columns (x edges) and what each one holds."""

    edges: list[float]
    of: dict[str, int]  # "no", "kegiatan", "kelengkapan", ... -> column index
    roles: list[int]  # the role columns, left to right
    names: list[str]
    doubts: dict[int, str]

    def index(self, x: float) -> int | None:
        for i, (a, b) in enumerate(zip(self.edges, self.edges[1:], strict=False)):
            if a <= x < b:
                return i
        return None

    def span(self, col: int) -> tuple[float, float]:
        return self.edges[col], self.edges[col + 1]


@dataclass
class _Reader:
    pages: Sequence[Page]
    found: FoundSop = field(default_factory=FoundSop)
    taken: set[int] = field(default_factory=set)  # id() of words a field took
    placed: list[tuple[FoundStep, Page, Symbol]] = field(default_factory=list)
    grids: dict[int, flows.Grid] = field(default_factory=dict)

    def take(self, words: Iterable[Word]) -> None:
        self.taken.update(id(w) for w in words)


class NoProcedure(Exception):
    """No page holds a procedure table header."""


def read_sheet(pages: Sequence[Page]) -> FoundSop:
    """The SOP on these pages; raises NoProcedure when there is no procedure table."""
    r = _Reader(pages)
    for page in pages:
        for w in page.words:
            if _FOOTER.match(fold(w.text)):
                r.take([w])
        _take_footer(r, page)
    procedure = _procedure(r)
    first_proc = procedure.first_page
    for page in pages:
        if page.number < first_proc:
            _identity_page(r, page)
    _signature(r, procedure)
    if not r.found.identity.get("Nama Pengesah"):
        r.found.notes.append(msg.note_no_signer())
    _paper(r)
    _leftovers(r)
    return r.found


def _take_footer(r: _Reader, page: Page) -> None:
    """sopgen's own footer: `Nomor · Nama` on the line of `Halaman X dari Y`."""
    for line in lines_of([w for w in page.words if w.box.top > page.height - 60]):
        if re.search(r"halaman \d+ dari \d+$", fold(line.text)):
            r.take(line.words)


# --- cells from rules ----------------------------------------------------------------------


def _cell_at(page: Page, x: float, y: float, rules: Sequence[Rule] | None = None) -> Box | None:
    """The box bounded by the nearest rules around a point, or None outside any."""
    rules = page.rules if rules is None else rules
    left = right = top = bottom = None
    for rule in rules:
        if rule.vertical:
            rx = (rule.x0 + rule.x1) / 2
            if min(rule.y0, rule.y1) - 1 <= y <= max(rule.y0, rule.y1) + 1:
                if rx < x - 0.3 and (left is None or rx > left):
                    left = rx
                elif rx > x + 0.3 and (right is None or rx < right):
                    right = rx
        else:
            ry = (rule.y0 + rule.y1) / 2
            if min(rule.x0, rule.x1) - 1 <= x <= max(rule.x0, rule.x1) + 1:
                if ry < y - 0.3 and (top is None or ry > top):
                    top = ry
                elif ry > y + 0.3 and (bottom is None or ry < bottom):
                    bottom = ry
    if left is None or right is None or top is None or bottom is None:
        return None
    return Box(left, top, right, bottom)


def _cells(page: Page, words: Iterable[Word], rules: Sequence[Rule] | None = None,
           ) -> list[_Cell]:
    """Words grouped by the table cell they stand in (a word outside any: alone)."""
    groups: dict[tuple[float, float, float, float], _Cell] = {}
    for w in words:
        box = _cell_at(page, w.box.cx, w.box.cy, rules)
        if box is None:
            box = w.box
            k = (round(w.box.x0, 1), round(w.box.top, 1), -1.0, float(id(w)))
        else:
            k = (round(box.x0, 1), round(box.top, 1), round(box.x1, 1), round(box.bottom, 1))
        groups.setdefault(k, _Cell(box, [])).words.append(w)
    return sorted(groups.values(), key=lambda c: (c.box.top, c.box.x0))


# --- the procedure table ----------------------------------------------------------------------


@dataclass
class _Header:
    page: Page
    cols: _Columns
    bottom: float  # the header's last rule
    top: float


@dataclass
class _Procedure:
    first_page: int = 10**9
    last_page: Page | None = None
    table_bottom: float = 0.0
    header_cells: list[_Cell] = field(default_factory=list)


def _find_header(r: _Reader, page: Page) -> _Header | None:
    pelaksana = None
    for cell in _cells(page, page.words):
        if _match(cell.text(), _KEYS) == "pelaksana":
            pelaksana = cell
            break
    if pelaksana is None:
        return None
    band = [w for w in page.words
            if pelaksana.box.top - 1 <= w.box.cy and w.box.top < pelaksana.box.bottom + 200]
    cells = [c for c in _cells(page, band) if c.box.top >= pelaksana.box.top - 1]
    named: dict[str, _Cell] = {}
    for cell in cells:
        name = _match(cell.text(), _KEYS)
        if name and name not in named and abs(cell.box.top - pelaksana.box.top) < 120:
            named[name] = cell
    anchor = named.get("no") or named.get("kegiatan")
    if anchor is None:
        return None
    ax = anchor.box.cx
    crossing = sorted((r_.y0 + r_.y1) / 2 for r_ in page.rules if not r_.vertical
                      and min(r_.x0, r_.x1) - 1 <= ax <= max(r_.x0, r_.x1) + 1)
    below = [y for y in crossing if y > pelaksana.box.bottom + 1]
    if not below:
        return None
    bottom = below[0]
    cols = _columns_at(page, bottom - 2.0, named, pelaksana, cells, r)
    if cols is None:
        return None
    used = [w for c in cells if c.box.bottom <= bottom + 1 for w in c.words]
    r.take(used)
    return _Header(page, cols, bottom, pelaksana.box.top)


def _columns_at(page: Page, y: float, named: dict[str, _Cell], pelaksana: _Cell,
                cells: list[_Cell], r: _Reader) -> _Columns | None:
    xs = sorted((ru.x0 + ru.x1) / 2 for ru in page.rules if ru.vertical
                and min(ru.y0, ru.y1) - 1 <= y <= max(ru.y0, ru.y1) + 1)
    edges: list[float] = []
    for x in xs:
        if not edges or x - edges[-1] > 1.5:
            edges.append(x)
    if len(edges) < 4:
        return None
    cols = _Columns(edges, {}, [], [], {})
    for name, cell in named.items():
        if name in ("pelaksana", "mutu"):
            continue
        i = cols.index(cell.box.cx)
        if i is not None:
            cols.of[name] = i
    if "no" not in cols.of and cols.of.get("kegiatan", 0) > 0:  # `No` under a wider header
        cols.of["no"] = cols.of["kegiatan"] - 1
    p = pelaksana.box
    cols.roles = [i for i in range(len(edges) - 1)
                  if p.x0 - 1 <= (edges[i] + edges[i + 1]) / 2 <= p.x1 + 1]
    if not cols.roles:
        return None
    leaf: dict[int, list[str]] = {i: [] for i in cols.roles}
    groups: dict[int, str] = {}
    for cell in cells:
        b = cell.box
        if b.top < p.bottom - 1 or b.cy > y or cell is pelaksana:
            continue
        inside = [i for i in cols.roles if b.x0 - 1 <= (edges[i] + edges[i + 1]) / 2 <= b.x1 + 1]
        if not inside:
            continue
        text = header_text(lines_of(cell.words), b.w - 4.0)
        if len(inside) > 1:
            for i in inside:
                groups[i] = text
        else:
            leaf[inside[0]].append(text)
    for n, i in enumerate(cols.roles):
        own = " ".join(leaf[i])
        name = f"{groups[i]}: {own}" if i in groups and own else own or groups.get(i, "")
        if not name:
            name = f"Pelaksana {n + 1}"
            cols.doubts[n] = msg.doubt_role_header("")
        cols.names.append(name)
    return cols


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="id_ID")


def header_text(lines: Sequence[Line], room: float = 1e9) -> str:
    """A column header's lines joined back: a syllable hyphen the layout added
    (`Pengadminis-` / `trasi`) goes; a break after a slash joins without a space
    when the two pieces together are wider than the column (`room`), since only
    a word that cannot fit is cut there."""
    if lines and all(ln.words[0].exact for ln in lines):
        return _exact_header("\n".join(ln.text for ln in lines))
    out = ""
    prev: Line | None = None
    for i, line in enumerate(lines):
        text = line.text
        if i == 0 or prev is None:
            out, prev = text, line
            continue
        last, first = prev.words[-1], line.words[0]
        prev = line
        if out.endswith("/"):
            out += text if last.box.w + first.box.w > room else " " + text
        elif out.endswith("-") and len(out) > 1 and out[-2] != " ":
            head = out[:-1].split(" ")[-1]
            word = head + text.split(" ")[0]
            syllable = any(h == head for h, _ in _hyphenator().iterate(word))
            out = (out[:-1] if syllable else out) + text
        else:
            out += " " + text
    return out


def _exact_header(text: str) -> str:
    """The same joins for a header whose lines are known (a DOCX's line breaks)."""
    pieces = text.split("\n")
    out = pieces[0]
    for piece in pieces[1:]:
        if out.endswith("/"):
            out += piece
        elif out.endswith("-") and len(out) > 1 and out[-2] != " ":
            head = out[:-1].split(" ")[-1]
            word = head + piece.split(" ")[0]
            syllable = any(h == head for h, _ in _hyphenator().iterate(word))
            out = (out[:-1] if syllable else out) + piece
        else:
            out += " " + piece
    return out


def _procedure(r: _Reader) -> _Procedure:
    proc = _Procedure()
    header: _Header | None = None
    rows: list[tuple[Page, _Columns, Box, dict[str, list[Word]], list[Symbol]]] = []
    for page in r.pages:
        found = _find_header(r, page)
        if found is not None:
            header = found
            proc.first_page = min(proc.first_page, page.number)
            top = found.bottom
        elif header is not None and page.number > proc.first_page:
            top = -1.0  # a page that repeats no header: the same columns go on
        else:
            continue
        cols = header.cols
        page_rows = _rows(page, cols, top)
        if not page_rows:
            continue
        proc.last_page = page
        proc.table_bottom = page_rows[-1].bottom
        r.grids[page.number] = flows.Grid(
            tuple(cols.edges), tuple(sorted({b.top for b in page_rows} | {b.bottom for b in
                                                                             page_rows})),
            page_rows[0].top, page_rows[-1].bottom)
        inside = sorted(w.size for w in page.words if not w.exact
                        and page_rows[0].top <= w.box.cy <= page_rows[-1].bottom)
        body = inside[len(inside) // 2] if inside else 0.0  # the step text's size
        for band in page_rows:
            texts: dict[str, list[Word]] = {}
            for w in page.words:
                if id(w) in r.taken or not band.holds(w.box.cx, w.box.cy):
                    continue
                col = cols.index(w.box.cx)
                if col is None:
                    continue
                name = next((n for n, c in cols.of.items() if c == col), None)
                if (name is None and col in cols.roles) or _beside_roles(w, col, cols, body):
                    name = "role"
                texts.setdefault(name or "other", []).append(w)
            symbols = [s for s in page.symbols if band.holds(s.box.cx, s.box.cy)
                       and s.shape is not Shape.CONNECTOR]
            rows.append((page, cols, band, texts, symbols))
    if header is None:
        raise NoProcedure
    if not r.found.roles:
        r.found.roles = list(header.cols.names)
        r.found.role_doubts = dict(header.cols.doubts)
    _steps(r, rows)
    flows.read_flows(r.found, r.pages, r.placed, _label_words(rows), r.grids, r.take)
    return proc


LABEL_RATIO = 0.85  # a decision's label is set smaller than the step texts (6.5 pt to 8-9)


def _beside_roles(w: Word, col: int, cols: _Columns, body: float) -> bool:
    """A decision's label that stands across the border of a role column (a crowded
    column's label moves there): a shape's text, or a word clearly smaller than the
    page's step texts, in the text column next to the role columns."""
    if not cols.roles or col not in (cols.roles[0] - 1, cols.roles[-1] + 1):
        return False
    return w.floating or (not w.exact and w.size < LABEL_RATIO * body)


def _rows(page: Page, cols: _Columns, top: float) -> list[Box]:
    """The bands between rules crossing the No (or Kegiatan) column below `top`."""
    col = cols.of.get("no", cols.of.get("kegiatan", 0))
    a, b = cols.span(col)
    x = (a + b) / 2
    ys: list[float] = []
    for y in sorted((ru.y0 + ru.y1) / 2 for ru in page.rules if not ru.vertical
                    and min(ru.x0, ru.x1) - 1 <= x <= max(ru.x0, ru.x1) + 1):
        if y >= top - 0.5 and (not ys or y - ys[-1] > 1.0):
            ys.append(y)
    if top < 0 and ys:  # no header on this page: the table starts at its first rule
        pass
    return [Box(cols.edges[0], y0, cols.edges[-1], y1)
            for y0, y1 in itertools.pairwise(ys) if y1 - y0 > 3.0]


_Row = tuple[Page, _Columns, Box, dict[str, list[Word]], list[Symbol]]


def _text(words: list[Word] | None, cols: _Columns, col: str, band: Box) -> str:
    if not words:
        return ""
    a, b = cols.span(cols.of[col])
    return cell_text(words, Box(a, band.top, b, band.bottom))


def _steps(r: _Reader, rows: list[_Row]) -> None:
    found = r.found
    last: FoundStep | None = None
    for page, cols, band, texts, symbols in rows:
        no_text = _text(texts.get("no"), cols, "no", band) if "no" in cols.of else ""
        kegiatan = _text(texts.get("kegiatan"), cols, "kegiatan", band)
        whole = key(" ".join(ln.text for ln in lines_of([w for ws in texts.values()
                                                          for w in ws])))
        if whole.startswith(("total", "jumlah")):  # the closing row's total time
            r.take(w for ws in texts.values() for w in ws)
            continue
        if not no_text and not kegiatan and not symbols:
            continue
        if _numbering_row(texts, cols, band):
            r.take(w for ws in texts.values() for w in ws)
            continue
        number = re.fullmatch(r"(\d{1,3})\s*\.?", no_text.strip())
        if number is None and last is not None and not no_text and not symbols:
            _append(last, texts, cols, band)  # a step that goes on over the page break
            r.take(w for n, ws in texts.items() if n not in ("role", "other") for w in ws)
            continue
        no = int(number.group(1)) if number else len(found.steps) + 1
        step = FoundStep(no=no, kegiatan=kegiatan)
        if number is None:
            step.doubts["No"] = msg.doubt_number_missing(no)
        for name in _TEXT_COLUMNS:
            if name in cols.of:
                setattr(step, name, _text(texts.get(name), cols, name, band))
        r.take(w for n, ws in texts.items() if n not in ("role", "other") for w in ws)
        _symbols(step, symbols, cols)
        r.placed.extend((step, page, s) for s in symbols)
        found.steps.append(step)
        last = step
    count = len(found.steps)
    for i, step in enumerate(found.steps, start=1):
        if step.no != i:
            step.doubts["No"] = msg.doubt_number_missing(i)
            step.no = i
        if step.kind is Kind.MULAI and i != 1:
            step.kind = Kind.SELESAI
        if i == count and step.kind is not Kind.SELESAI and step.roles:
            step.doubts.setdefault("Jenis", msg.doubt_last_not_terminator())
            step.kind = Kind.SELESAI


def _numbering_row(texts: dict[str, list[Word]], cols: _Columns, band: Box) -> bool:
    """A row that numbers the columns (1, 2, 3 ...) under the header."""
    words = [w for ws in texts.values() for w in ws]
    if len(words) < 4:
        return False
    numbers = [w.text for w in sorted(words, key=lambda w: w.box.x0)]
    return all(n.isdigit() for n in numbers) and [int(n) for n in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def _append(step: FoundStep, texts: dict[str, list[Word]], cols: _Columns, band: Box) -> None:
    for name, attr in (("kegiatan", "kegiatan"), *((n, n) for n in _TEXT_COLUMNS)):
        if name in cols.of:
            more = _text(texts.get(name), cols, name, band)
            if more:
                old = getattr(step, attr)
                setattr(step, attr, f"{old} {more}".strip())


def _symbols(step: FoundStep, symbols: list[Symbol], cols: _Columns) -> None:
    roles: set[int] = set()
    shapes: set[Shape] = set()
    for symbol in symbols:
        col = cols.index(symbol.box.cx)
        if col in cols.roles:
            roles.add(cols.roles.index(col))
            shapes.add(symbol.shape)
    step.roles = sorted(roles)
    if not roles:
        step.doubts["Pelaksana"] = msg.doubt_no_symbol()
    if Shape.DECISION in shapes:
        step.kind = Kind.KEPUTUSAN
    elif Shape.TERMINATOR in shapes:
        step.kind = Kind.MULAI if step.no == 1 else Kind.SELESAI
    elif roles:
        step.kind = Kind.PROSES


def _label_words(rows: list[_Row]) -> list[tuple[Page, Word]]:
    return [(page, w) for page, _c, _b, texts, _s in rows for w in texts.get("role", [])]


# --- identity page -------------------------------------------------------------------------


def _identity_page(r: _Reader, page: Page) -> None:
    found = r.found
    cells = _cells(page, [w for w in page.words if id(w) not in r.taken])
    used: set[int] = set()
    label_cells: list[_Cell] = []
    for i, cell in enumerate(cells):
        text = cell.text()
        label = _match(text.split("\n")[0] if "\n" in text else text, _IDENTITY_KEYS)
        inline = None
        if label is None and ":" in text:
            head, _, tail = text.partition(":")
            label = _match(head, _IDENTITY_KEYS)
            inline = tail.strip()
        if label is None or label in found.identity:
            continue
        label_cells.append(cell)
        used.add(i)
        r.take(cell.words)
        if inline:
            found.identity[label] = inline
            continue
        j = _value_right_of(r, page, cells, used, cell.box)
        if j is None:
            continue
        used.add(j)
        r.take(cells[j].words)
        if label == "Disahkan Oleh":
            _signer(found, cells[j])
        else:
            found.identity[label] = " ".join(cells[j].text().split())
    _provisions(r, page, cells, used)
    _unit(r, page, cells, used, label_cells)


def _value_right_of(r: _Reader, page: Page, cells: list[_Cell], used: set[int],
                    box: Box) -> int | None:
    """The cell holding a label's value: the next one to the right, past empty cells and
    a lone `:` (hand-made sheets give the colon a column of its own), at most three."""
    x = box.x1
    for _ in range(3):
        value = _cell_at(page, x + 2.0, box.cy)
        if value is None:
            return None
        j = next((j for j, c in enumerate(cells) if j not in used
                  and abs(c.box.x0 - value.x0) < 1 and abs(c.box.top - value.top) < 1), None)
        if j is not None and cells[j].text().strip() not in ("", ":"):
            return j
        if j is not None:
            used.add(j)
            r.take(cells[j].words)
        x = value.x1
    return None


def _signer(found: FoundSop, cell: _Cell) -> None:
    """Position, room for the signature, name, rank, `NIP. ...`: split at the gaps."""
    _signed(found, _paragraphs(lines_of(cell.words)), replace=True)


def _signed(found: FoundSop, paras: list[tuple[str, bool]], *, replace: bool) -> bool:
    """Position, name (the bold one when any is), rank and NIP from a signature block."""
    nip = next((m.group(1).strip() for t, _ in paras if (m := _NIP.match(t))), None)
    rest = [(t, bold) for t, bold in paras if not _NIP.match(t)]
    if not rest:
        return False
    values: dict[str, str] = {}
    if nip:
        values["NIP Pengesah"] = nip
    named = next((i for i, (_, bold) in enumerate(rest) if bold and i > 0), None)
    if named is None:
        named = 1 if len(rest) >= 2 else None
    values["Disahkan Oleh"] = " ".join(t for t, _ in rest[: named or len(rest)])
    if named is not None:
        values["Nama Pengesah"] = rest[named][0]
        if named + 1 < len(rest):
            values["Pangkat Pengesah"] = " ".join(t for t, _ in rest[named + 1:])
    used = False
    for label, value in values.items():
        if replace or label not in found.identity:
            found.identity[label] = value
            used = True
        elif fold(found.identity[label]) == fold(value):
            used = True  # the identity page's signer again
    return used


def _paragraphs(lines: Sequence[Line]) -> list[tuple[str, bool]]:
    """Lines joined into paragraphs (text, bold): a gap, a change of weight or a NIP
    line starts one."""
    out: list[list[Line]] = []
    for line in lines:
        if out:
            prev = out[-1][-1]
            gap = line.box.top - prev.box.bottom
            new = (gap > 0.55 * prev.size or line.words[0].exact
                   or prev.words[0].bold != line.words[0].bold
                   or _NIP.match(line.text) is not None)
            if not new:
                out[-1].append(line)
                continue
        out.append([line])
    return [(" ".join(" ".join(ln.text for ln in para).split()) if not para[0].words[0].exact
             else "\n".join(ln.text for ln in para), para[0].words[0].bold) for para in out]


def _provisions(r: _Reader, page: Page, cells: list[_Cell], used: set[int]) -> None:
    found = r.found
    for i, cell in enumerate(cells):
        if i in used:
            continue
        lines = lines_of(cell.words)
        if not lines:
            continue
        head = lines[0].text
        continued = "(lanjutan)" in fold(head)
        name = _match(head.replace("(lanjutan)", "").replace("(LANJUTAN)", ""), _PROVISION_KEYS)
        if name is None:
            continue
        used.add(i)
        r.take(lines[0].words)
        body = lines[1:]
        if not body:  # heading in a cell of its own: the list is in the cell below
            below = _cell_at(page, cell.box.cx, cell.box.bottom + 2.0)
            j = next((j for j, c in enumerate(cells) if below is not None and j not in used
                      and abs(c.box.top - below.top) < 1 and abs(c.box.x0 - below.x0) < 1),
                     None)
            if j is not None:
                used.add(j)
                body = lines_of(cells[j].words)
                area = cells[j].box
            else:
                area = cell.box
        else:
            area = cell.box
        items = _items([w for ln in body for w in ln.words], area)
        r.take(w for ln in body for w in ln.words)
        if continued or name in found.provisions:
            found.provisions.setdefault(name, []).extend(items)
        else:
            found.provisions[name] = items


def _items(words: list[Word], area: Box) -> list[str]:
    """A numbered list split into its items, numbers removed; `-` alone is no item."""
    lines = lines_of(words)
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or _ITEM.match(line.text) or line.words[0].exact:
            groups.append([line])
        else:
            groups[-1].append(line)
    items = []
    for group in groups:
        text = cell_text([w for ln in group for w in ln.words], area)
        text = _ITEM.sub("", text, count=1).strip()
        if text and text not in {"-", "–", "—"}:
            items.append(text)
    return items


def _unit(r: _Reader, page: Page, cells: list[_Cell], used: set[int],
          label_cells: list[_Cell]) -> None:
    """The agency block left of the labels: Instansi, then Satuan Kerja."""
    found = r.found
    if not label_cells or "Satuan Kerja" in found.identity:
        return
    left = min(c.box.x0 for c in label_cells)
    top = min(c.box.top for c in label_cells)
    bottom = max(c.box.bottom for c in label_cells)
    for i, cell in enumerate(cells):
        if i in used or cell.box.x1 > left + 1 or cell.box.cy < top - 1 or cell.box.cy > bottom + 1:
            continue
        words = [w for w in cell.words if not re.fullmatch(r"satuan kerja\s*:?", fold(w.text))]
        paras = [t for t, _ in _paragraphs(lines_of(words))
                 if key(t) not in ("satuan kerja", "unit kerja")]
        used.add(i)
        r.take(cell.words)
        if not paras:
            continue
        if len(paras) == 1:
            found.identity["Satuan Kerja"] = paras[0]
            continue
        region = [p for p in paras[1:] if _REGION.match(p)]
        if region and not _REGION.match(paras[0]):
            found.identity["Instansi"] = region[0]
            found.identity["Satuan Kerja"] = "\n".join(p for p in paras if p is not region[0])
            found.identity_doubts["Instansi"] = msg.doubt_split_unit()
        else:
            found.identity["Instansi"] = paras[0]
            found.identity["Satuan Kerja"] = "\n".join(paras[1:])
        return


def _signature(r: _Reader, proc: _Procedure) -> None:
    """The closing block under the last table: `Tempat, date`, then the signer."""
    page = proc.last_page
    if page is None:
        return
    words = [w for w in page.words if id(w) not in r.taken and w.box.top > proc.table_bottom]
    paras = _paragraphs(lines_of(words))
    if not paras:
        return
    found = r.found
    m = _PLACE_DATE.match(paras[0][0])
    if m:
        found.identity.setdefault("Tempat", m.group(1).strip())
        paras = paras[1:]
    if _signed(found, paras, replace=False) or m:
        r.take(words)


def _paper(r: _Reader) -> None:
    page = r.pages[0]
    w, h = sorted((page.width, page.height))
    sizes = {"A4": (595.3, 841.9), "F4": (609.4, 935.4), "Letter": (612.0, 792.0),
             "Legal": (612.0, 1008.0)}
    for name, (a, b) in sizes.items():
        if abs(w - a) < 6 and abs(h - b) < 6:
            r.found.settings["Ukuran Kertas"] = name
            break
    r.found.settings["Orientasi"] = "Lanskap" if page.width > page.height else "Potret"


def _leftovers(r: _Reader) -> None:
    for page in r.pages:
        rest = [w for w in page.words if id(w) not in r.taken]
        for line in lines_of(rest):
            b = line.box
            cells = sorted({w.where for w in line.words if w.where})
            mm = f"({b.x0 / 72 * 25.4:.0f} mm, {b.top / 72 * 25.4:.0f} mm)"
            where = ", ".join(cells) if cells else f"halaman {page.number} {mm}"
            r.found.leftovers.append(Leftover(where, line.text))
