"""Sheet `Pengaturan` (optional): the declared fields over the spec's defaults."""

from __future__ import annotations

from dataclasses import fields

from sopgen.durations import WorkTime
from sopgen.model import Settings
from sopgen.sheets import PENGATURAN
from sopgen.validate.common import Collector, KeyValues
from sopgen.workbook import RawWorkbook

_WORK = frozenset(f.name for f in fields(WorkTime))  # fields that set the working lengths


def read_settings(raw: RawWorkbook, out: Collector) -> Settings:
    """A missing sheet, row or value keeps the default; a refused value too, after its error."""
    rows = KeyValues.of(raw, PENGATURAN, out)
    if rows is None:
        return Settings()
    given = {attr: value for attr, value in rows.read_all().items() if value is not None}
    work = WorkTime(**{k: v for k, v in given.items() if k in _WORK})  # type: ignore[arg-type]
    rest = {k: v for k, v in given.items() if k not in _WORK}
    return Settings(work=work, locs=rows.locs, **rest)  # type: ignore[arg-type]
