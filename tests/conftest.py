"""Shared fixtures: write a workbook from sheets and load it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from workbooks import Sheets, write

from sopgen.loader import load
from sopgen.validate import Checked

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx"

Run = Callable[[Sheets], Checked]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Write the sheets to `<tmp>/sop.xlsx` and load (read + validate) it."""

    def _run(sheets: Sheets) -> Checked:
        return load(write(tmp_path / "sop.xlsx", sheets))

    return _run
