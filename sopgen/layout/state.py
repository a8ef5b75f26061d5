"""What the procedure's placement stages share: the flowchart's spacing, the
columns, the flows to draw, and the page being drawn.

Kept apart so that columns, routing, labels and pagination read the same
facts without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopgen.geometry import Box, Label, Route, Symbol, SymbolKind, Table
from sopgen.layout.headers import RoleGroup, SetHeader
from sopgen.model import Kind, Problem
from sopgen.symbols import OFFPAGE_SIZE

# The flowchart, in points.
GAP_MIN = 10.0  # free band above and below a symbol: arrows turn here
CLEARANCE = 6.0  # a flow line keeps this far from a parallel grid line (a doubled border)
CHANNEL = CLEARANCE  # first lane of a vertical channel, from the column edge
LANE = 3.0  # distance between lanes of one channel
LANES = 3  # at most, on each side of a role column
SYMBOL_GAP = 2.5  # between a symbol and the innermost lane beside it
SIGNATURE_GAP = 14.0
STRIP_ROW = 22.0  # one sub-row of connectors at a page's head or foot
CONNECTOR = OFFPAGE_SIZE
TURN = 6.0  # an arrow's last leg into a symbol from above is at least this long


def channel_width(lanes: int) -> float:
    """What a channel of `lanes` lanes takes from each side of a role column."""
    return CHANNEL + LANE * (lanes - 1) + SYMBOL_GAP


def symbol_room(col_w: float, lanes: int) -> float:
    """The width a symbol may take in a role column: the channels stay free."""
    return col_w - 2 * channel_width(lanes)


_SYMBOL_OF = {
    Kind.MULAI: SymbolKind.TERMINATOR,
    Kind.SELESAI: SymbolKind.TERMINATOR,
    Kind.PROSES: SymbolKind.PROCESS,
    Kind.KEPUTUSAN: SymbolKind.DECISION,
}


def symbol_of(kind: Kind) -> SymbolKind:
    return _SYMBOL_OF[kind]


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
    role_headers: tuple[SetHeader, ...] = ()  # each role's header, set into lines
    text_headers: tuple[str, ...] = ("Kegiatan", "Kelengkapan", "Waktu", "Output", "Keterangan")
    lanes: int = LANES  # the channel lanes each side of a role column keeps free
    role_groups: tuple[RoleGroup, ...] = ()  # printed once over their roles' columns

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
