"""Layout -> HTML (Jinja2, autoescaped) -> PDF (WeasyPrint).

Every box is placed absolutely from the layout's points, so the PDF shows
exactly the geometry the DOCX renderer draws too.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from sopgen.geometry import Box, Cell, Document, Para, Symbol, SymbolKind, Table
from sopgen.layout import LINE, text_height
from sopgen.symbols import SYMBOLS

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


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
    content = text_height(cell.paras, box.w) + (cell.image.h + 6.0 if cell.image else 0.0)
    return max(top, (box.h - content) / 2)


def _indent(p: Para) -> float:
    from sopgen.layout import _number_indent

    return _number_indent(p)


def _symbol_svg(symbol: Symbol) -> Markup:
    shape = SYMBOLS[symbol.kind].svg(symbol.box)
    if symbol.kind is SymbolKind.CONNECTOR and symbol.letter:
        b = symbol.box
        text = Markup(
            '<text font-family="Liberation Sans" font-size="7" font-weight="bold" '
            'text-anchor="middle" x="{}" y="{}">{}</text>'
        ).format(
            _n(b.cx), _n(b.y + b.h * 0.5), symbol.letter
        )
        return Markup(shape) + text
    return Markup(shape)


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(pt=_pt, n=_n, cells=_cells, symbol_svg=_symbol_svg, indent=_indent,
                       top_pad=_top_pad,
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


def _stylesheet_path() -> Path:
    return TEMPLATES / "sop.css"


def write_pdf(html: str, target: Path, *, pdf_variant: str | None = None) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = _font_config()
    css = CSS(filename=str(_stylesheet_path()), font_config=fonts)
    document = HTML(string=html, base_url=str(TEMPLATES)).render(
        stylesheets=[css], font_config=fonts
    )
    document.write_pdf(target, pdf_variant=pdf_variant, uncompressed_pdf=False)
    _ = FontConfiguration


@functools.cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()
