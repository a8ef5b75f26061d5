"""Layout -> HTML (Jinja2, autoescaped) -> PDF (WeasyPrint).

Every box is placed absolutely from the layout's points, so the PDF shows
exactly the geometry the DOCX renderer draws too.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import itertools
import math
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    select_autoescape,
)
from markupsafe import Markup

from sopgen.geometry import LINE, Box, Cell, Document, Para, Route, Symbol, Table
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


def _grid(table: Table) -> list[tuple[float, float, float, float]]:
    """Each border piece once: cells share edges, and a doubled stroke prints darker."""
    xs = [table.col_x(i) for i in range(len(table.widths) + 1)]
    ys = [table.row_y(i) for i in range(len(table.rows) + 1)]
    pieces: set[tuple[float, float, float, float]] = set()
    for box, _ in _cells(table):
        cols = [x for x in xs if box.x - 0.01 <= x <= box.right + 0.01]
        rows = [y for y in ys if box.y - 0.01 <= y <= box.bottom + 0.01]
        for y in (box.y, box.bottom):
            pieces.update((round(a, 2), round(y, 2), round(b, 2), round(y, 2))
                          for a, b in itertools.pairwise(cols))
        for x in (box.x, box.right):
            pieces.update((round(x, 2), round(a, 2), round(x, 2), round(b, 2))
                          for a, b in itertools.pairwise(rows))
    return sorted(pieces)


ARROW_LENGTH = 5.0
ARROW_HALF_WIDTH = 2.2


def _arrowhead(route: Route) -> str:
    """The triangle at a route's end, drawn as a polygon: WeasyPrint ignores marker orient."""
    (x0, y0), (x1, y1) = ((p.x, p.y) for p in route.points[-2:])
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    bx, by = x1 - ux * ARROW_LENGTH, y1 - uy * ARROW_LENGTH
    px, py = -uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
    points = ((x1, y1), (bx + px, by + py), (bx - px, by - py))
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


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
    env.globals.update(pt=_pt, n=_n, cells=_cells, symbol_svg=_symbol_svg,
                       top_pad=_top_pad, grid=_grid, arrowhead=_arrowhead,
                       svg_uri=_svg_uri, sizes=_sizes, size_key=_size_key, pclass=_pclass,
                       line=LINE)
    return env


def render_html(doc: Document, created: dt.date, modified: dt.date) -> str:
    meta: dict[str, Any] = dict(doc.meta)
    meta["created"] = created.isoformat()
    meta["modified"] = modified.isoformat()
    template = _environment().get_template("sop.html.j2")
    return template.render(doc=_WithMeta(doc, meta))


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
