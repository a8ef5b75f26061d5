"""impor(build(workbook)) gives back the same SOP, from the DOCX and from the PDF.

The importer reads sopgen's own files as it reads any other (by which column and
row a shape covers), so these also guard it against changes of the drawing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from impor_helpers import comparable
from sopfactory import IDENTITY, PROVISIONS, role_tuples, step_tuples

from sopgen.build import prepare, render
from sopgen.impor import import_sop
from sopgen.impor.writer import write_workbook
from sopgen.layout import LayoutError, layout
from sopgen.layout.quality import document_quality
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


# Every kind of decision the generator makes: loops, self-loops (a Tidak back into
# its own decision, merged into the arrowhead of the flow from above), custom label
# words and exits printed without labels. A sheet on which the layout could not put
# every label beside its own exit (issue 10: narrow columns, a label word wider than
# its column) is not read back: a reader could not tell its branches either; the
# drawing-quality bounds in tests/test_drawing_properties.py measure how often.
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(roles=role_tuples(max_roles=5), data=step_tuples(5, max_steps=12))
def test_round_trip_of_generated_sops(roles: tuple, data: tuple) -> None:  # type: ignore[type-arg]
    import tempfile

    steps = tuple(s for s in data)
    steps = tuple(s.__class__(**{**s.__dict__, "roles": tuple(r % len(roles) for r in s.roles)
                                 if len({r % len(roles) for r in s.roles}) == len(s.roles)
                                 else (s.roles[0] % len(roles),)}) for s in steps)
    sop = Sop(IDENTITY, PROVISIONS, roles, steps, Settings())
    try:
        document = layout(sop)
    except LayoutError:
        return
    assume(document_quality(document).labels_astray == 0)
    # Tempat is printed only in the closing signature block, which `Otomatis` leaves
    # out when it would add a page: then no reader can find it
    signed = any(row.kind == "signature" for page in document.pages
                 for table in page.tables for row in table.rows)
    expected = sop if signed else dataclasses.replace(
        sop, identity=dataclasses.replace(sop.identity, tempat=None))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("docx", "pdf"):
            again = _again(sop, fmt, Path(tmp))
            got = comparable(again, letters=fmt == "pdf")
            want = comparable(expected, letters=fmt == "pdf")
            assert [(fmt, g, w) for g, w in zip(got["steps"], want["steps"], strict=True)
                    if g != w] == []
            assert got == want, fmt


def test_dates_survive(tmp_path: Path) -> None:
    prepared = prepare(WORKBOOKS[0])
    assert prepared.sop is not None
    again = _again(prepared.sop, "pdf", tmp_path)
    assert again.identity.tanggal_efektif == dt.date(2023, 7, 1)
