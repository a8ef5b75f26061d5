"""Today's HTML, frozen: the baseline the PDF benchmark and the pixel test compare with.

A copy of `sopgen.render.html`'s helpers, with `templates/sop.html.j2`, `sop.css`
and `ua.css` copied into bench/baseline/, as they were before issue 15 made the HTML
cheaper for WeasyPrint. The pages it renders are the pixels the new HTML must
reproduce exactly; do not edit it to follow the renderer.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import itertools
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from sopgen.geometry import LINE, Box, Cell, Document, Para, Route, Symbol, SymbolKind, Table
from sopgen.symbols import SYMBOLS, svg_number

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


_STYLE = 'fill="#fff" stroke="#000" stroke-width="0.9"'


def _polygon(points: list[tuple[float, float]]) -> str:
    return f'<polygon {_STYLE} points="' + " ".join(
        f"{_n(x)},{_n(y)}" for x, y in points) + '"/>'


def _diamond(b: Box) -> str:
    return _polygon([(b.cx, b.y), (b.right, b.cy), (b.cx, b.bottom), (b.x, b.cy)])


def _pentagon(b: Box) -> str:
    s = b.y + b.h * 0.8
    return _polygon([(b.x, b.y), (b.right, b.y), (b.right, s), (b.cx, b.bottom), (b.x, s)])


# sopgen.symbols' SVG as it was: diamonds and connectors were <polygon>s.
_OLD_SVG: dict[SymbolKind, Callable[[Box], str]] = {
    SymbolKind.DECISION: _diamond, SymbolKind.CONNECTOR: _pentagon}


def _symbol_svg(symbol: Symbol, family: str) -> Markup:
    spec = SYMBOLS[symbol.kind]
    shape = Markup(_OLD_SVG.get(symbol.kind, spec.svg)(symbol.box))
    if not symbol.letter:
        return shape
    t, b = spec.text, symbol.box
    weight = Markup(' font-weight="bold"') if t.bold else ""
    return shape + Markup(
        '<text font-family="{}" font-size="{}"{} text-anchor="middle" x="{}" y="{}">{}</text>'
    ).format(family, _n(t.size), weight, _n(b.cx), _n(b.y + b.h * t.middle + t.baseline),
             symbol.letter)



FROZEN = Path(__file__).resolve().parent / "baseline"  # sop.html.j2, sop.css, ua.css


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(FROZEN)),
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


class _WithMeta:
    def __init__(self, doc: Document, meta: dict[str, Any]):
        self._doc = doc
        self.meta = meta

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)


def render_html(doc: Document, created: dt.date, modified: dt.date) -> str:
    """The HTML sopgen rendered before issue 15, byte for byte."""
    meta: dict[str, Any] = dict(doc.meta)
    meta["created"] = created.isoformat()
    meta["modified"] = modified.isoformat()
    return _environment().get_template("sop.html.j2").render(doc=_WithMeta(doc, meta))


@functools.cache
def _style() -> tuple[Any, Any, Any]:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    ua = CSS(string=(FROZEN / "ua.css").read_text(encoding="utf-8"), font_config=fonts)

    class LeanHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [ua]

    return fonts, CSS(string=(FROZEN / "sop.css").read_text(encoding="utf-8"),
                      font_config=fonts), LeanHTML


def to_pdf(html: str) -> bytes:
    """The PDF as sopgen wrote it before issue 15 (plain PDF, no PDF/A)."""
    fonts, css, lean = _style()
    data = lean(string=html).render(stylesheets=[css], font_config=fonts).write_pdf()
    assert isinstance(data, bytes)
    return data
