"""Shared fixtures: write a workbook from sheets and load it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from websupport import LIMIT_MB, TOKEN, Server, running_server
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


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One real `sopgen serve` for the browser and load tests: starting one costs seconds
    of both shared cores, so the session starts it once (with a token, as beyond loopback)."""
    with running_server(tmp_path_factory.mktemp("server"), "-j", "2", "--antrean", "30",
                        "--batas-unggah", str(LIMIT_MB), "--token", TOKEN) as running:
        yield running
