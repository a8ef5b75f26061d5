"""What the procedure's placement stages share: the flowchart's spacing, the
columns, the flows to draw, and the page being drawn.

Kept apart so that columns, routing, labels and pagination read the same
facts without importing one another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sopgen.geometry import Box, Label, Route, Symbol, SymbolKind, Table
from sopgen.layout.headers import RoleGroup, SetHeader
from sopgen.model import Kind, Problem, Step
from sopgen.symbols import OFFPAGE_SIZE

# The flowchart, in points.
GAP_MIN = 10.0  # free band above and below a symbol: arrows turn here
CLEARANCE = 6.0  # a flow line keeps this far from a parallel grid line (a doubled border)
CHANNEL = CLEARANCE  # first lane of a vertical channel, from the column edge
LANE = 3.0  # distance between lanes of one channel
LANES = 3  # at most, on each side of a role column
SYMBOL_GAP = 2.5  # at least, between a symbol and the innermost lane beside it
SYMBOL_AIR = 5.0  # as much where the column allows: a lane 2.5 pt off a box's side
# reads as that side drawn twice, as a line along a border reads as a doubled border
MIN_SYMBOL = 24.0  # the narrowest box or diamond that still reads as its shape
SIGNATURE_GAP = 14.0
CONNECTOR = OFFPAGE_SIZE
# A page's connectors sit in one strip row at its head or foot, those of one column
# stacked with room between them for a line to turn (no grid line between them).
CONNECTOR_PITCH = CONNECTOR + 8.0
STRIP_TOP = 3.0  # at the head: the connector near the top, a band below for the turns
HEAD_BAND = 8.0
STRIP_FOOT_TOP = 4.0  # at the foot: lines arrive from above and turn in the row above
FOOT_BAND = 4.0
STRIP_ROW = STRIP_TOP + CONNECTOR + HEAD_BAND  # one connector at the head


def strip_height(stack: int, *, head: bool) -> float:
    """The strip row for `stack` connectors in one column (0: no row)."""
    if stack <= 0:
        return 0.0
    if head:
        return STRIP_TOP + CONNECTOR + (stack - 1) * CONNECTOR_PITCH + HEAD_BAND
    return STRIP_FOOT_TOP + CONNECTOR + (stack - 1) * CONNECTOR_PITCH + FOOT_BAND
TURN = 6.0  # an arrow's last leg into a symbol from above is at least this long


def channel_width(lanes: int) -> float:
    """What a channel of `lanes` lanes takes from each side of a role column."""
    return CHANNEL + LANE * (lanes - 1) + SYMBOL_GAP


def symbol_room(col_w: float, lanes: int) -> float:
    """The width a symbol may take in a role column: the channels stay free, with
    SYMBOL_AIR between the innermost lane and the symbol while the symbol keeps
    MIN_SYMBOL; a column at its least width keeps only SYMBOL_GAP."""
    tight = col_w - 2 * channel_width(lanes)
    return max(tight - 2 * (SYMBOL_AIR - SYMBOL_GAP), min(tight, MIN_SYMBOL))


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


def side_exit(decision: Step, steps: Sequence[Step]) -> str:
    """Which exit of a decision leaves from its side ("Ya" or "Tidak"; the other leaves
    from the bottom), as careful hands draw it: a loop back always does; of two
    forward exits, the one to a step in another column, so the one in the decision's
    own column drops straight into its step; else the one to the farther step."""
    assert decision.if_yes is not None and decision.if_no is not None
    yes, no = decision.if_yes, decision.if_no
    if no <= decision.no:
        return "Tidak"
    if yes <= decision.no:
        return "Ya"
    below = {label: bool(set(decision.roles) & set(steps[target - 1].roles))
             for label, target in (("Ya", yes), ("Tidak", no))}
    if below["Ya"] != below["Tidak"]:
        return "Tidak" if below["Ya"] else "Ya"
    return "Ya" if yes > no else "Tidak"


def loops_beside(decision: Step) -> bool:
    """Whether a decision's side exit is a loop back (it runs up a lane beside the
    diamond, whose label then needs room in the diamond's own column)."""
    assert decision.if_yes is not None and decision.if_no is not None
    return min(decision.if_yes, decision.if_no) <= decision.no
