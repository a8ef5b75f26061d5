"""Workbook file -> validated model: the one entry every command uses."""

from __future__ import annotations

from pathlib import Path

from sopgen.validate import Checked, validate
from sopgen.workbook import read_workbook


def load(path: Path) -> Checked:
    """Read and validate; raises WorkbookUnreadable when it is no workbook at all."""
    return validate(read_workbook(path))
