"""What the procedure's placement stages share: the flowchart's spacing, the
columns, the flows to draw, and the page being drawn.

Kept apart so that columns, routing, labels and pagination read the same
facts without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopgen.geometry import Box, Label, Route, Symbol, Table
from sopgen.model import Problem
from sopgen.symbols import OFFPAGE_SIZE

# The flowchart, in points.
GAP_MIN = 12.0  # free band above and below a symbol: arrows turn here
CHANNEL = 5.0  # first lane of a vertical channel, from the column edge
LANE = 3.0  # distance between lanes of one channel
LANES = 3
SIGNATURE_GAP = 14.0
STRIP_ROW = 26.0  # one sub-row of connectors at a page's head or foot
CONNECTOR = OFFPAGE_SIZE
TURN = 6.0  # an arrow's last leg into a symbol from above is at least this long


def symbol_room(col_w: float) -> float:
    """The width a symbol may take in a role column: the channels stay free."""
    return col_w - 2 * (CHANNEL + LANE * (LANES - 1) + 2.5)


@dataclass(frozen=True)
class Edge:
    frm: int
    to: int
    label: str | None  # Ya / Tidak at a decision


@dataclass
class Columns:
    widths: tuple[float, ...]
    first_role: int
    roles: int
    warnings: tuple[Problem, ...] = ()  # words that must still be split

    def role_col(self, role: int) -> int:
        return self.first_role + role


@dataclass
class Placed:
    """One page being drawn."""

    table: Table
    row_of_step: dict[int, int]
    symbols: list[Symbol] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    # Each channel's lanes, and the vertical spans already running in each.
    lanes: dict[tuple[int, str], list[list[tuple[float, float]]]] = field(default_factory=dict)


def round_box(b: Box) -> Box:
    return Box(round(b.x, 2), round(b.y, 2), round(b.w, 2), round(b.h, 2))
