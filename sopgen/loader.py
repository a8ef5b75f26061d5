"""Workbook file -> validated model: the one entry every command uses."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sopgen.validate import Checked, validate
from sopgen.workbook import read_workbook


def load(path: Path, images: Mapping[str, Path] | None = None) -> Checked:
    """Read and validate; raises WorkbookUnreadable when it is no workbook at all.

    `images`: an upload's image files, where its Logo cell is looked up (see `validate`).
    """
    return validate(read_workbook(path), images)
