"""Layout -> HTML (Jinja2, autoescaped) -> PDF (WeasyPrint).

Every box is placed absolutely from the layout's points, so the PDF shows
exactly the geometry the DOCX renderer draws too. The HTML is written for
WeasyPrint's cost (issue 15): each page's drawing is one SVG image, every
position and width a CSS class shared by all boxes with that value, no
clipping; tests/test_pdf_pixels.py holds it to the pixels of the HTML before.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import itertools
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    select_autoescape,
)
from markupsafe import Markup

from sopgen.geometry import (
    LINE,
    Box,
    Cell,
    Document,
    Page,
    Para,
    Route,
    Symbol,
    Table,
)
from sopgen.symbols import SYMBOLS, svg_number

TEMPLATES = "sopgen.templates"  # the package holding templates/ (pyproject's package-dir)


_n = svg_number


def _pt(v: float) -> str:
    return _n(v) + "pt"


def _cells(table: Table) -> Iterator[tuple[Box, Cell]]:
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            yield table.cell_box(i, cell), cell


def _top_pad(cell: Cell, box: Box, table: Table) -> float:
    """Vertical centring done here: CSS flex centring costs WeasyPrint seconds a page."""
    top = table.padding / 2
    if cell.valign != "middle":
        return top
    return max(top, (box.h - cell.content_h) / 2)


Segment = tuple[float, float, float, float]


def _grid(table: Table) -> list[Segment]:
    """Each border line once, as long as it runs unbroken: cells share edges, a doubled
    stroke prints darker, and WeasyPrint's cost grows with the path's pieces."""
    xs = [table.col_x(i) for i in range(len(table.widths) + 1)]
    ys = [table.row_y(i) for i in range(len(table.rows) + 1)]
    across: dict[float, set[tuple[float, float]]] = {}
    down: dict[float, set[tuple[float, float]]] = {}
    for box, _ in _cells(table):
        cols = [x for x in xs if box.x - 0.01 <= x <= box.right + 0.01]
        rows = [y for y in ys if box.y - 0.01 <= y <= box.bottom + 0.01]
        for y in (box.y, box.bottom):
            across.setdefault(round(y, 2), set()).update(
                (round(a, 2), round(b, 2)) for a, b in itertools.pairwise(cols))
        for x in (box.x, box.right):
            down.setdefault(round(x, 2), set()).update(
                (round(a, 2), round(b, 2)) for a, b in itertools.pairwise(rows))
    segments: list[Segment] = []
    for y, spans in sorted(across.items()):
        segments.extend((a, y, b, y) for a, b in _joined(spans))
    for x, spans in sorted(down.items()):
        segments.extend((x, a, x, b) for a, b in _joined(spans))
    return segments


def _joined(spans: set[tuple[float, float]]) -> list[tuple[float, float]]:
    """Spans along one line, those that touch or overlap made one."""
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 0.005:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


ARROW_LENGTH = 5.0
ARROW_HALF_WIDTH = 2.2


def _arrowhead(route: Route) -> list[tuple[float, float]]:
    """The triangle at a route's end, drawn as a path: WeasyPrint ignores marker orient."""
    (x0, y0), (x1, y1) = ((p.x, p.y) for p in route.points[-2:])
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    bx, by = x1 - ux * ARROW_LENGTH, y1 - uy * ARROW_LENGTH
    px, py = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
    return [(x1, y1), (bx + px, by + py), (bx - px, by - py)]


def _d(points: Iterable[tuple[float, float]], closed: bool = False) -> str:
    """SVG path data through the points: one <path> parses faster than a polyline."""
    d = "L".join(f"{_n(x)} {_n(y)}" for x, y in points)
    return "M" + d + ("Z" if closed else "")


def _size_key(size: float) -> str:
    return f"{round(size * 10):d}"


def _sizes(doc: Document) -> list[float]:
    return sorted({p.size for page in doc.pages for table in page.tables
                   for row in table.rows for cell in row.cells for p in cell.paras})


_ALIGN_CLASS = {"left": "", "center": " c", "right": " r"}


def _pclass(p: Para) -> str:
    """Classes instead of inline styles: WeasyPrint parses every style attribute anew."""
    return (f"t{_size_key(p.size)}{_ALIGN_CLASS[p.align.value]}"
            f"{' b' if p.bold else ''}{' u' if p.underline else ''}")


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _symbol_svg(symbol: Symbol, family: str) -> Markup:
    spec = SYMBOLS[symbol.kind]
    shape = Markup(spec.svg(symbol.box))
    if not symbol.letter:
        return shape
    t, b = spec.text, symbol.box
    weight = Markup(' font-weight="bold"') if t.bold else ""
    return shape + Markup(
        '<text font-family="{}" font-size="{}"{} text-anchor="middle" x="{}" y="{}">{}</text>'
    ).format(family, _n(t.size), weight, _n(b.cx), _n(b.y + b.h * t.middle + t.baseline),
             symbol.letter)


def _page_svg(doc: Document, page: Page) -> str:
    """Everything drawn on a page (shading, grid, flowchart, labels) as one SVG file:
    an <img> of it is parsed once, apart from the HTML, and costs WeasyPrint less than
    the same SVG inline."""
    out = [Markup('<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" '
                  'viewBox="0 0 {} {}">').format(_pt(doc.width), _pt(doc.height),
                                                 _n(doc.width), _n(doc.height))]
    for table in page.tables:
        out.extend(Markup('<rect fill="#e8e8e8" stroke="none" x="{}" y="{}" width="{}" '
                          'height="{}"/>').format(_n(b.x), _n(b.y), _n(b.w), _n(b.h))
                   for b, cell in _cells(table) if cell.shaded)
        if table.borders:
            d = "".join(f"M{_n(x0)} {_n(y0)}L{_n(x1)} {_n(y1)}"
                        for x0, y0, x1, y1 in _grid(table))
            out.append(Markup('<path fill="none" stroke="#000" stroke-width="0.75" '
                              'stroke-linecap="square" d="{}"/>').format(d))
    for route in page.routes:
        out.append(Markup('<path fill="none" stroke="#000" stroke-width="0.8" d="{}"/>')
                   .format(_d((p.x, p.y) for p in route.points)))
        if route.arrow:
            out.append(Markup('<path fill="#000" stroke="none" d="{}"/>')
                       .format(_d(_arrowhead(route), closed=True)))
    out.extend(_symbol_svg(symbol, doc.font_family) for symbol in page.symbols)
    for label in page.labels:
        b = label.box
        out.append(Markup(
            '<rect fill="#fff" stroke="none" x="{}" y="{}" width="{}" height="{}"/>'
        ).format(_n(b.x), _n(b.y), _n(b.w), _n(b.h)))
        # a label set on two lines: one text per line, LINE apart, as the DOCX sets it
        for i, line in enumerate(label.text.split("\n")):
            out.append(Markup('<text font-family="{}" font-size="{}" x="{}" y="{}">{}</text>')
                       .format(doc.font_family, _n(label.size), _n(b.x + 0.5),
                               _n(b.y + label.size + i * label.size * LINE), line))
    out.append(_squares_svg(page))
    out.append(Markup("</svg>"))
    return _svg_uri("\n".join(out))


class _Classes:
    """One CSS class per distinct geometry value: WeasyPrint parses each inline style
    anew, a class rule once; a page uses few distinct lefts, tops and widths."""

    PREFIX: ClassVar[dict[str, str]] = {
        "left": "x", "top": "y", "width": "w", "height": "h", "margin-top": "m",
        "padding-left": "i"}

    def __init__(self) -> None:
        self._names: dict[tuple[str, str], str] = {}
        self._count: dict[str, int] = {}

    def __call__(self, prop: str, value: float) -> str:
        key = (prop, _pt(value))
        name = self._names.get(key)
        if name is None:
            number = self._count.get(prop, 0)
            self._count[prop] = number + 1
            name = self._names[key] = f"{self.PREFIX[prop]}{number}"
        return name

    def css(self) -> str:
        return "\n".join(f".{name} {{ {prop}: {value}; }}"
                         for (prop, value), name in self._names.items())


def _rounded(v: float) -> float:
    """A value as the CSS printed it (two decimals): sums of printed values keep the
    positions the old HTML's padding gave WeasyPrint, to the hundredth point."""
    return float(_n(v))


@dataclass(frozen=True)
class _CellView:
    """A cell's text box: padding folded into its position and width."""

    classes: str
    single: bool
    paras: tuple[tuple[Para, str], ...]  # each paragraph with its classes
    image: tuple[str, str] | None  # (src, classes)


def _cell_view(cell: Cell, box: Box, table: Table, cls: _Classes) -> _CellView:
    pad = _rounded(table.padding)
    left = _rounded(box.x) + pad
    top = _rounded(box.y) + _rounded(_top_pad(cell, box, table))
    width = _rounded(box.w) - 2 * pad
    geometry = f"{cls('left', left)} {cls('top', top)} {cls('width', width)}"
    single = (len(cell.paras) == 1 and not cell.image and not cell.paras[0].number
              and not cell.paras[0].space_before)
    if single:
        return _CellView(f"cell one {_pclass(cell.paras[0])} {geometry}", True,
                         ((cell.paras[0], ""),), None)
    paras = []
    for p in cell.paras:
        extra = ""
        if p.space_before:
            extra += " " + cls("margin-top", p.space_before)
        if p.number:
            extra += " num " + cls("padding-left", p.indent)
        paras.append((p, _pclass(p) + extra))
    image = None
    if cell.image:
        image = (cell.image.path.as_uri(),
                 f"{cls('width', cell.image.w)} {cls('height', cell.image.h)}")
    return _CellView(f"cell {geometry}", False, tuple(paras), image)


@dataclass(frozen=True)
class _PageView:
    kind: str
    svg: str
    cells: tuple[_CellView, ...]
    figure: tuple[str, str] | None  # (src, classes)
    footer: str  # the footer's classes
    number: int


def _views(doc: Document) -> tuple[list[_PageView], str]:
    """Each page as the template prints it, and the geometry classes they use."""
    cls = _Classes()
    left = doc.margins.left
    footer = (f"{cls('left', left)} {cls('top', doc.height - doc.margins.bottom + 14)} "
              f"{cls('width', doc.width - left - doc.margins.right)}")
    pages = []
    for number, page in enumerate(doc.pages, 1):
        cells = tuple(_cell_view(cell, box, table, cls) for table in page.tables
                      for box, cell in _cells(table) if cell.paras or cell.image)
        figure = None
        if page.figure:
            b = page.figure.box
            figure = (_svg_uri(page.figure.svg),
                      f"{cls('left', b.x)} {cls('top', b.y)} {cls('width', b.w)} "
                      f"{cls('height', b.h)}")
        pages.append(_PageView(page.kind, _page_svg(doc, page), cells, figure, footer, number))
    return pages, cls.css()


# --- electronic signing (issue 14): QR codes and the footnote, one block each ---------


def _squares_svg(page: Page) -> Markup:
    """Each QR code of the page as one filled path (vector, not a picture)."""
    out = Markup("")
    for squares in page.squares:
        d = "".join(f"M{_n(r.x)} {_n(r.y)}h{_n(r.w)}v{_n(r.h)}h-{_n(r.w)}z"
                    for r in squares.rects)
        out += Markup('<path fill="#000" stroke="none" d="{}"><title>{}</title></path>\n'
                      ).format(d, squares.text)
    return out


def _footnote_html(doc: Document) -> Markup:
    """The electronic signature's footnote under the footer line, its lines as laid out."""
    if not doc.footnote:
        return Markup("")
    m = doc.margins
    top = doc.height - m.bottom + 14 + doc.footer_size * LINE + 1.0  # docx FOOTNOTE_GAP
    lines = Markup("<br>").join(doc.footnote)
    return Markup(
        '<div class="footnote" style="left: {}; top: {}; width: {}; font-size: {}; '
        'line-height: {};">{}</div>\n'
    ).format(_pt(m.left), _pt(top), _pt(doc.width - m.left - m.right), _pt(doc.footnote_size),
             _pt(doc.footnote_size * LINE), lines)


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates in the user's cache: compiling costs ~0.1 s a process.

    Jinja2 keys the cache on the template's source, so an edited template is
    recompiled; without a writable cache folder we simply compile each time.
    """
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "sopgen" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader(TEMPLATES, ""),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(pt=_pt, sizes=_sizes, size_key=_size_key, line=LINE,
                       footnote_html=_footnote_html)
    return env


def render_html(doc: Document, created: dt.date, modified: dt.date) -> str:
    meta: dict[str, Any] = dict(doc.meta)
    meta["created"] = created.isoformat()
    meta["modified"] = modified.isoformat()
    template = _environment().get_template("sop.html.j2")
    pages, geometry = _views(doc)
    return template.render(doc=_WithMeta(doc, meta), pages=pages, geometry=Markup(geometry))


class _WithMeta:
    """The document with the dates the template prints into its metadata."""

    def __init__(self, doc: Document, meta: dict[str, Any]):
        self._doc = doc
        self.meta = meta

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)


def _stylesheet(name: str, fonts: Any) -> Any:
    """A stylesheet of the templates package: read as package data, never by path."""
    from weasyprint import CSS

    text = resources.files(TEMPLATES).joinpath(name).read_text(encoding="utf-8")
    return CSS(string=text, font_config=fonts)


def to_pdf(html: str, *, pdfa_source: Path | None = None, created: dt.date | None = None,
           pdfa_name: str | None = None) -> bytes:
    """The PDF's bytes; with `pdfa_source`, PDF/A-3b carrying the workbook it came from,
    named `pdfa_name` (default: the file's own name).

    The attachment's dates come from the workbook (Tanggal Pembuatan), never
    from the file system or the clock, so the output stays byte-identical.
    """
    from weasyprint import Attachment

    fonts, css = _style()
    document = _lean_html()(string=html).render(
        stylesheets=[css], font_config=fonts
    )
    if pdfa_source is None:
        data = document.write_pdf()
    else:
        when = dt.datetime.combine(created or dt.date(2000, 1, 1), dt.time(),
                                   tzinfo=dt.UTC)
        attachment = Attachment(
            file_obj=io.BytesIO(pdfa_source.read_bytes()),
            name=pdfa_name or _readable(pdfa_source.name),
            description="Buku kerja sumber SOP", relationship="Source",
            created=when, modified=when,
        )
        data = document.write_pdf(pdf_variant="pdf/a-3b", attachments=[attachment])
    assert isinstance(data, bytes)
    return data


@functools.cache
def _lean_html() -> Any:
    """WeasyPrint's HTML with a user-agent stylesheet of only the rules the sheet needs.

    The full HTML5 stylesheet is cascaded over every element and costs about a
    sixth of the render; templates/ua.css says what the few elements we emit are.
    """
    from weasyprint import HTML

    fonts, _ = _style()
    ua = _stylesheet("ua.css", fonts)

    class LeanHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [ua]

    return LeanHTML


@functools.cache
def _style() -> tuple[Any, Any]:
    """One FontConfiguration and stylesheet per process: batch workers reuse them."""
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, _stylesheet("sop.css", fonts)


def _readable(name: str) -> str:
    """A file name as PDF text: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(name).decode("utf-8", "replace")
