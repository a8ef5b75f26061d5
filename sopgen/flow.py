"""The flow between steps: main path, loops, branches, reachability.

Shared by validation (reachability), the timeline (totals) and the layout
(which flows to draw), so the three never disagree about the graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopgen.model import Kind, Step


@dataclass(frozen=True)
class Loop:
    """A Tidak flow back: going once around costs steps `to`..`frm`."""

    frm: int
    to: int
    steps: tuple[int, ...]


@dataclass(frozen=True)
class Branch:
    """A Tidak flow forward: the steps it reaches that the main path does not."""

    frm: int
    to: int
    steps: tuple[int, ...]


def _next_on_main(step: Step) -> int | None:
    if step.kind is Kind.SELESAI:
        return None
    if step.kind is Kind.KEPUTUSAN:
        return step.if_yes
    return step.no + 1


def main_path_cycle(steps: Sequence[Step]) -> int | None:
    """The decision whose Ya closes a cycle on the main path, if any."""
    seen: set[int] = set()
    current: int | None = 1
    previous: int | None = None
    while current is not None and 1 <= current <= len(steps):
        if current in seen:
            return previous
        seen.add(current)
        previous = current
        current = _next_on_main(steps[current - 1])
    return None


def main_path(steps: Sequence[Step]) -> tuple[int, ...]:
    """Step 1, then Ya at every decision, until a Selesai."""
    path: list[int] = []
    current: int | None = 1
    while current is not None and 1 <= current <= len(steps) and current not in path:
        path.append(current)
        current = _next_on_main(steps[current - 1])
    return tuple(path)


def reachable_from(steps: Sequence[Step], start: int) -> set[int]:
    seen: set[int] = set()
    todo = [start]
    while todo:
        no = todo.pop()
        if no in seen or not 1 <= no <= len(steps):
            continue
        seen.add(no)
        todo.extend(steps[no - 1].successors())
    return seen


def can_reach_end(steps: Sequence[Step]) -> set[int]:
    """Steps from which some Selesai can be reached."""
    preds: dict[int, list[int]] = {s.no: [] for s in steps}
    for s in steps:
        for t in s.successors():
            if t in preds:
                preds[t].append(s.no)
    todo = [s.no for s in steps if s.kind is Kind.SELESAI]
    seen: set[int] = set()
    while todo:
        no = todo.pop()
        if no in seen:
            continue
        seen.add(no)
        todo.extend(preds[no])
    return seen


def loops(steps: Sequence[Step]) -> tuple[Loop, ...]:
    """Every Tidak flow to the same or an earlier step, in step order."""
    return tuple(
        Loop(s.no, s.if_no, tuple(range(s.if_no, s.no + 1)))
        for s in steps
        if s.kind is Kind.KEPUTUSAN and s.if_no is not None and s.if_no <= s.no
    )


def branches(steps: Sequence[Step]) -> tuple[Branch, ...]:
    """Every Tidak flow to a later step, with the steps only it reaches."""
    on_main = set(main_path(steps))
    found: list[Branch] = []
    for s in steps:
        if s.kind is Kind.KEPUTUSAN and s.if_no is not None and s.if_no > s.no:
            only = sorted(reachable_from(steps, s.if_no) - on_main)
            found.append(Branch(s.no, s.if_no, tuple(only)))
    return tuple(found)
