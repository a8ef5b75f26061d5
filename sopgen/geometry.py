"""The computed document: pages of tables, symbols, routes and labels, in points.

Plain data, free of HTML and python-docx: the layout fills it once and both
renderers draw it unchanged, so the DOCX and the PDF agree. Coordinates are
page-absolute, origin at the top-left corner, y growing downwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal

from sopgen.model import Problem

PT_PER_MM = 72 / 25.4

# What a row is. Identity pages: `identity` (the head block: agency and logo beside
# the numbers, dates, signer and name), `heading` and `list` (the Ketentuan: shaded
# headings over top-aligned numbered lists). Procedure pages: `header` (the two
# column-header rows, repeated on every page), `step`, `strip` (a thin row for
# off-page connectors), `closing` (the total time) and `signature` (the borderless
# signature block below the last page's table). `body`: any other.
RowKind = Literal["identity", "heading", "list", "header", "step", "strip", "closing",
                  "signature", "body"]
# What a page is: the identity part, the procedure (flowchart) part, or the appended
# Gantt chart (`sopgen build --lampiran-gantt`), a figure without tables.
PageKind = Literal["identity", "procedure", "gantt"]
LINE = 1.2  # line height as a multiple of the type size; both renderers set it exactly


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, other: Box, tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def crossed_by(self, a: Point, b: Point, inset: float = 0.5) -> bool:
        """Whether segment a-b (axis-parallel) passes through the inside of the box."""
        x0, x1 = sorted((a.x, b.x))
        y0, y1 = sorted((a.y, b.y))
        return (
            x1 > self.x + inset
            and x0 < self.right - inset
            and y1 > self.y + inset
            and y0 < self.bottom - inset
        )


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Para:
    """One paragraph of a cell; `number` makes it a numbered item with a hanging indent."""

    text: str
    size: float
    bold: bool = False
    underline: bool = False
    align: Align = Align.LEFT
    number: str | None = None
    space_before: float = 0.0
    indent: float = 0.0  # the hanging indent of a numbered item


@dataclass(frozen=True)
class Image:
    path: Path
    w: float
    h: float
    # The picture re-encoded as PNG where python-docx cannot embed the file itself
    # (a JPEG without a JFIF or Exif marker, such as a CMYK one); None otherwise.
    docx_png: bytes | None = None


@dataclass(frozen=True)
class Cell:
    col: int
    paras: tuple[Para, ...] = ()
    span: int = 1
    rowspan: int = 1
    valign: str = "middle"  # "top" or "middle"
    image: Image | None = None
    shaded: bool = False
    content_h: float = 0.0  # the text's (and image's) likely height: renderers centre by it


@dataclass(frozen=True)
class Row:
    height: float
    cells: tuple[Cell, ...]
    kind: RowKind = "body"
    step: int | None = None


@dataclass(frozen=True)
class Table:
    x: float
    y: float
    widths: tuple[float, ...]
    rows: tuple[Row, ...]
    borders: bool = True
    padding: float = 3.0  # left/right cell padding; top/bottom is padding / 2

    @property
    def width(self) -> float:
        return sum(self.widths)

    @property
    def height(self) -> float:
        return sum(r.height for r in self.rows)

    def col_x(self, col: int) -> float:
        return self.x + sum(self.widths[:col])

    def row_y(self, row: int) -> float:
        return self.y + sum(r.height for r in self.rows[:row])

    def cell_box(self, row: int, cell: Cell) -> Box:
        x = self.col_x(cell.col)
        y = self.row_y(row)
        w = sum(self.widths[cell.col : cell.col + cell.span])
        h = sum(r.height for r in self.rows[row : row + cell.rowspan])
        return Box(x, y, w, h)

    def locate(self, x: float, y: float) -> tuple[int, int]:
        """(row, column) of the grid cell holding the point; edges belong to the next cell."""
        row = 0
        top = self.y
        for i, r in enumerate(self.rows):
            if y < top + r.height - 1e-6:
                row = i
                break
            top += r.height
            row = i
        col = 0
        left = self.x
        for i, w in enumerate(self.widths):
            if x < left + w - 1e-6:
                col = i
                break
            left += w
            col = i
        return row, col


class SymbolKind(Enum):
    """The regulation's symbols that have a shape (the arrow is a `Route`)."""

    TERMINATOR = "terminator"
    PROCESS = "process"
    DECISION = "decision"
    CONNECTOR = "connector"


@dataclass(frozen=True)
class Symbol:
    kind: SymbolKind
    box: Box
    step: int | None = None
    letter: str | None = None  # off-page connectors only


@dataclass(frozen=True)
class Route:
    """A polyline flow; `arrow` puts an arrowhead at its last point."""

    points: tuple[Point, ...]
    arrow: bool = True
    frm: int | None = None
    to: int | None = None
    joint: bool = False  # the line that joins a joint step's symbols


@dataclass(frozen=True)
class Label:
    text: str
    box: Box
    size: float
    frm: int | None = None  # the exit it names: the route from frm to to
    to: int | None = None


@dataclass(frozen=True)
class Figure:
    """A picture placed on a page: the same drawing as SVG (PDF) and PNG (DOCX)."""

    box: Box
    svg: str
    png: bytes = field(repr=False)


@dataclass(frozen=True)
class Page:
    kind: PageKind
    tables: tuple[Table, ...]
    symbols: tuple[Symbol, ...] = ()
    routes: tuple[Route, ...] = ()
    labels: tuple[Label, ...] = ()
    steps: tuple[int, ...] = ()
    figure: Figure | None = None


@dataclass(frozen=True)
class Margins:
    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class Document:
    width: float
    height: float
    margins: Margins
    pages: tuple[Page, ...]
    footer_left: str
    font_family: str
    footer_size: float
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    warnings: tuple[Problem, ...] = ()  # what the layout found that the planner should know

    def footer_right(self, number: int) -> str:
        return f"Halaman {number} dari {len(self.pages)}"
