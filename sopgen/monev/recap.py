"""The recap of filled monitoring and evaluation forms, per unit (Satuan Kerja).

For each unit in order of its name, each SOP assessed (by Nomor SOP, then
date): how many steps run well, do not, or were not assessed, how many need
an action, and how many of the seven criteria are met; then the unit's totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopgen.dates import format_date
from sopgen.model import Sop
from sopgen.monev import CRITERIA
from sopgen.monev.answers import Answers
from sopgen.text import fold


@dataclass(frozen=True)
class Assessed:
    """One SOP's filled forms, counted."""

    unit: str
    nomor: str
    nama: str
    periode: str
    tanggal: str
    steps: int
    well: int
    not_well: int
    unrated: int
    actions: int
    criteria_met: int

    def texts(self, number: int) -> list[str]:
        return [str(number), self.nomor, self.nama, self.periode, self.tanggal, str(self.steps),
                str(self.well), str(self.not_well), str(self.unrated), str(self.actions),
                f"{self.criteria_met} dari {len(CRITERIA)}"]


def assessed(sop: Sop, answers: Answers) -> Assessed:
    numbers = {s.no for s in sop.steps}
    rated = {a.no: a for a in answers.steps if a.no in numbers}
    well = sum(1 for a in rated.values() if a.baik is True)
    not_well = sum(1 for a in rated.values() if a.baik is False)
    met = len({c.no for c in answers.criteria if c.ya and 1 <= c.no <= len(CRITERIA)})
    return Assessed(
        unit=answers.satuan_kerja or sop.identity.satuan_kerja,
        nomor=sop.identity.nomor, nama=sop.identity.nama, periode=answers.periode,
        tanggal=format_date(answers.tanggal) if answers.tanggal else "",
        steps=len(sop.steps), well=well, not_well=not_well,
        unrated=len(sop.steps) - well - not_well,
        actions=sum(1 for a in rated.values() if a.tindakan),
        criteria_met=met,
    )  # fmt: skip


def by_unit(items: Sequence[Assessed]) -> list[tuple[str, list[list[str]], list[str]]]:
    """(unit, its rows' texts, its totals' texts) for `forms.recap_document`."""
    units: dict[str, list[Assessed]] = {}
    names: dict[str, str] = {}
    for item in items:
        key = fold(item.unit)
        units.setdefault(key, []).append(item)
        names.setdefault(key, item.unit)
    out = []
    for key in sorted(units):
        group = sorted(units[key], key=lambda a: (fold(a.nomor), a.tanggal, a.periode))
        rows = [a.texts(i) for i, a in enumerate(group, start=1)]
        met = sum(a.criteria_met for a in group)
        totals = [str(sum(a.steps for a in group)), str(sum(a.well for a in group)),
                  str(sum(a.not_well for a in group)), str(sum(a.unrated for a in group)),
                  str(sum(a.actions for a in group)),
                  f"{met} dari {len(CRITERIA) * len(group)}"]
        out.append((names[key], rows, totals))
    return out
