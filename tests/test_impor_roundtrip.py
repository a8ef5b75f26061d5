"""impor(build(workbook)) gives back the same SOP, from the DOCX and from the PDF.

The importer reads sopgen's own files as it reads any other (by which column and
row a shape covers), so these also guard it against changes of the drawing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from impor_helpers import comparable
from sopfactory import IDENTITY, PROVISIONS, role_tuples, step_tuples

from sopgen.build import prepare, render
from sopgen.impor import import_sop
from sopgen.impor.writer import write_workbook
from sopgen.layout import LayoutError, layout
from sopgen.loader import load
from sopgen.model import Settings, Sop

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
WORKBOOKS = [*sorted((ROOT / "data").glob("*.xlsx")), *sorted(REAL.glob("*.xlsx"))]


def _again(sop: Sop, fmt: str, tmp: Path) -> Sop:
    document = layout(sop)
    source = tmp / f"sop.{fmt}"
    source.write_bytes(render(fmt, sop, document))
    target = tmp / f"from-{fmt}.xlsx"
    write_workbook(import_sop(source), target)
    checked = load(target)
    assert checked.sop is not None, [str(p) for p in checked.errors]
    return checked.sop


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("workbook", WORKBOOKS, ids=lambda p: p.stem)
def test_round_trip_of_examples_and_real_sheets(workbook: Path, fmt: str, tmp_path: Path) -> None:
    prepared = prepare(workbook)
    assert prepared.sop is not None
    again = _again(prepared.sop, fmt, tmp_path)
    loose = fmt == "pdf"
    assert comparable(again, loose=loose) == comparable(prepared.sop, loose=loose)


def test_the_real_sheets_are_there() -> None:
    assert len(list(REAL.glob("*.xlsx"))) == 4


# With Ya/Tidak only and no Tidak to the decision itself: its loop re-enters the
# arrowhead of the flow from above, and a custom label word wider than its column is
# drawn across the cell border (not wrapped yet); the importer does not read those
# back yet (known gaps; the real sheets' own label words are in their round trips).
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(roles=role_tuples(max_roles=5),
       data=step_tuples(5, max_steps=12, self_loops=False, plain_labels=True))
def test_round_trip_of_generated_sops(roles: tuple, data: tuple) -> None:  # type: ignore[type-arg]
    import tempfile

    steps = tuple(s for s in data)
    steps = tuple(s.__class__(**{**s.__dict__, "roles": tuple(r % len(roles) for r in s.roles)
                                 if len({r % len(roles) for r in s.roles}) == len(s.roles)
                                 else (s.roles[0] % len(roles),)}) for s in steps)
    sop = Sop(IDENTITY, PROVISIONS, roles, steps, Settings())
    try:
        layout(sop)
    except LayoutError:
        return
    # Tempat is printed only in the closing signature block, which `Otomatis` leaves
    # out when it would add a page: then no reader can find it
    signed = any(row.kind == "signature" for page in layout(sop).pages
                 for table in page.tables for row in table.rows)
    expected = sop if signed else dataclasses.replace(
        sop, identity=dataclasses.replace(sop.identity, tempat=None))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("docx", "pdf"):
            again = _again(sop, fmt, Path(tmp))
            letters = fmt == "pdf"
            assert comparable(again, letters=letters) == comparable(expected,
                                                                    letters=letters), fmt


def test_dates_survive(tmp_path: Path) -> None:
    prepared = prepare(WORKBOOKS[0])
    assert prepared.sop is not None
    again = _again(prepared.sop, "pdf", tmp_path)
    assert again.identity.tanggal_efektif == dt.date(2023, 7, 1)
