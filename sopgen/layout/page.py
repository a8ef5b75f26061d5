"""The paper: its size, the margins, and the error for what does not fit on it."""

from __future__ import annotations

from collections.abc import Sequence

from sopgen.geometry import PT_PER_MM, Margins, Row
from sopgen.model import Problem, Sop

MARGINS = Margins(top=28.0, right=28.0, bottom=40.0, left=34.0)
# Left free at a page's foot: LibreOffice adds the grid's border widths to a table of
# exact-height rows, so a page filled to the last point spills its last row over.
PAGE_SLACK = 4.0


class LayoutError(Exception):
    """The SOP cannot be laid out on this paper; carries problems at their cells."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


def page_size(sop: Sop) -> tuple[float, float]:
    w_mm, h_mm = sop.settings.paper.size_mm
    if sop.settings.landscape:
        w_mm, h_mm = h_mm, w_mm
    return w_mm * PT_PER_MM, h_mm * PT_PER_MM


def usable_width(sop: Sop) -> float:
    return page_size(sop)[0] - MARGINS.left - MARGINS.right


def usable_height(sop: Sop) -> float:
    """What a page holds between the margins, less the slack kept at its foot."""
    return page_size(sop)[1] - MARGINS.top - MARGINS.bottom - PAGE_SLACK


def paper_name(sop: Sop) -> str:
    return f"{sop.settings.paper.value} {'Lanskap' if sop.settings.landscape else 'Potret'}"


def rows_height(rows: Sequence[Row]) -> float:
    return sum(r.height for r in rows)
