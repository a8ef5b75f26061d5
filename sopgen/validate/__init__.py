"""Raw workbook tables -> the validated `Sop`, and every problem found on the way.

Each sheet has its module (identity, settings, provisions, roles, procedure,
holidays), reading with the contract declared in `sopgen.sheets`. Problems
are collected, never raised: a planner fixes a whole list in one sitting. A
rule that cannot be checked because an earlier one failed is skipped rather
than reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sopgen.cellnotes import annotate
from sopgen.cells import nip_problem
from sopgen.model import Problem, Sop
from sopgen.validate.common import Collector
from sopgen.validate.holidays import read_holidays
from sopgen.validate.identity import read_identity
from sopgen.validate.procedure import read_steps
from sopgen.validate.provisions import read_provisions
from sopgen.validate.roles import read_roles
from sopgen.validate.settings import read_settings
from sopgen.workbook import RawWorkbook

__all__ = ["Checked", "nip_problem", "validate"]


@dataclass(frozen=True)
class Checked:
    """The outcome of validation: a model only when there is no error."""

    sop: Sop | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def validate(raw: RawWorkbook, images: Mapping[str, Path] | None = None) -> Checked:
    """Check every rule of the workbook contract and build the model.

    Pengaturan comes first: its working lengths are what Prosedur's durations mean.
    `images`, for a workbook that came in an upload: the upload's image files by
    `upload_key` of their name in it. The Logo cell is looked up there, never on the
    server's disk.
    """
    out = Collector()
    settings = read_settings(raw, out)
    identity = read_identity(raw, out, images)
    provisions = read_provisions(raw, out)
    roles = read_roles(raw, out)
    steps = read_steps(raw, roles, settings.work, out) if roles is not None else None
    holidays = read_holidays(raw, out)
    out.problems[:] = annotate(raw, out.problems)  # why a cell reads empty; unprintable text
    problems = _in_reading_order(out.problems)
    if identity is None or roles is None or steps is None or out.failed:
        return Checked(None, problems)
    sop = Sop(identity, provisions, roles, steps, settings, holidays, raw.path)
    return Checked(sop, problems)


def _in_reading_order(problems: list[Problem]) -> tuple[Problem, ...]:
    """Sheet by sheet as first met, then row by row: the order a planner fixes them."""
    sheets: dict[str, int] = {}
    for p in problems:
        sheets.setdefault(p.loc.sheet, len(sheets))

    def key(p: Problem) -> tuple[int, int, int, str]:
        m = re.fullmatch(r"([A-Z]+)(\d+)", p.loc.cell or "")
        if m is None:
            return (sheets[p.loc.sheet], 0, 0, "")
        return (sheets[p.loc.sheet], int(m.group(2)), len(m.group(1)), m.group(1))

    return tuple(sorted(problems, key=key))
