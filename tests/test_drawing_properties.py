"""The flowchart drawn as a careful hand would (spec: "Drawn as a careful hand would").

Over generated SOPs (every paper, 1-8 roles, joint steps, loops, self-loops,
branches, their own label words or none): no flow runs within 6 pt of a parallel
grid line and no route passes through a symbol. Labels beside their own exit,
flows that never share a line and a loop alone on its page that crosses nothing
hold on the real sheets and the examples; on generated SOPs they are measured on
a fixed sample with the rate the router reaches today as the bound (issue 10 stays open
for them). Counted by `sopgen.layout.quality`, which the drawing-quality
report uses too. On the real sheets, no more crossings than their originals.

SOPGEN_PROPERTY_EXAMPLES=1000 for the long hunt (40 by default, as in CI).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, Phase, given, note, settings
from sopfactory import laid_out, sops

from sopgen.build import prepare
from sopgen.geometry import Document, Page, Route
from sopgen.layout.quality import Quality, document_quality
from sopgen.layout.segments import crosses, segments
from sopgen.model import Sop

_SHRINK = os.environ.get("SOPGEN_PROPERTY_SHRINK") == "1"
PROPERTY = settings(
    max_examples=int(os.environ.get("SOPGEN_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=tuple(p for p in Phase if _SHRINK or p not in (Phase.shrink, Phase.explain)),
)
REAL = ROOT.parent / "shared" / "real"


def _quality(doc: Document) -> Quality:
    q = document_quality(doc)
    note("\n".join(q.details))
    return q


@PROPERTY
@given(sops())
def test_no_line_runs_along_a_grid_line(sop: Sop) -> None:
    if (doc := laid_out(sop)) is not None:
        assert _quality(doc).near_grid == 0


@PROPERTY
@given(sops())
def test_no_route_passes_through_a_symbol(sop: Sop) -> None:
    if (doc := laid_out(sop)) is not None:
        assert _quality(doc).through_symbols == 0


def _loops(page: Page) -> list[Route]:
    """Flows that run back up the page (or to their own step), source to target."""
    out = []
    for r in page.routes:
        if r.joint or r.frm is None or r.to is None:
            continue
        if (r.to <= r.frm and r.points[-1].y < r.points[0].y + 0.5) or r.frm == r.to:
            out.append(r)
    return out


def _lone_loop_crossings(doc: Document) -> list[str]:
    """A loop alone on its page (no other loop, no forward branch) that crosses a line."""
    out = []
    for number, page in enumerate(doc.pages, start=1):
        loops = _loops(page)
        branches = [r for r in page.routes if not r.joint and r.frm is not None
                    and r.to is not None and r.to > r.frm + 1 and r not in loops]
        if len(loops) != 1 or branches:
            continue
        [loop] = loops
        crossed = [r for r in page.routes if r is not loop
                   for a in segments(loop.points) for b in segments(r.points) if crosses(a, b)]
        if crossed:
            out.append(f"page {number}: the loop {loop.frm}->{loop.to} crosses "
                       f"{[(r.frm, r.to) for r in crossed]}")
    return out


# --- measured, not yet guaranteed: labels and shared lines -------------------------
#
# On generated SOPs a label sometimes cannot stand beside its own exit (a label word
# wider than its narrow role column, an exit whose first segment is 2 pt long beside
# a crowded channel), a column with more loops than lanes makes two flows share a
# stretch, and a loop alone on a crowded page may cross to keep its label beside it.
# Measured on a derandomized sample (200 drawn, 81 distinct flowcharts, 1271 labels):
# the test fails when a rate grows past what the router reaches today (28 labels
# astray, 2.2 %: 6.2 % before a hyphenated word claimed only its widest piece of a
# text column, 7.8 % at stop 19's end, 11.3 % at its start; 2 documents with a
# shared stretch, 8 at stop 19; none with a lone loop crossing, 5 at stop 19; 17
# with a flow closer than 5 pt beside another step's symbol, 50 before stop 20 kept
# lines off symbols). The real sheets and the examples have none (tests
# below). The sample is drawn in a fresh interpreter in the temporary folder: inside
# the suite the derandomized stream depended on what had been imported and run
# before, so a rate measured alone was not the rate the suite checked; in a fresh
# interpreter it is the same on every run.

SAMPLE = 200


def _shape(sop: Sop) -> str:
    """What a drawing is made of: roles, paper, and each step's kind, roles, branches
    and labels (not its texts, which the stream varies while the drawing stays)."""
    return repr((len(sop.roles), sop.settings, [(s.kind, s.roles, s.if_yes, s.if_no,
                                                 s.label_yes, s.label_no) for s in sop.steps]))


def _sample() -> list[tuple[Quality, list[str]]]:
    """Distinct flowcharts only: the stream draws one SOP many times over with other
    texts (seven copies of one page's astray label were counted seven times), and a
    rate over copies is no rate."""
    out: list[tuple[Quality, list[str]]] = []
    seen: set[str] = set()

    @settings(max_examples=SAMPLE, derandomize=True, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(sops())
    def collect(sop: Sop) -> None:
        key = _shape(sop)
        if key in seen:
            return
        seen.add(key)
        if (doc := laid_out(sop)) is not None:
            out.append((document_quality(doc), _lone_loop_crossings(doc)))

    collect()
    return out


def _sample_json() -> str:
    return json.dumps([(dataclasses.asdict(q), lone) for q, lone in _sample()])


@pytest.fixture(scope="module")
def sample() -> list[tuple[Quality, list[str]]]:
    tests = Path(__file__).resolve().parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tests), str(tests.parent), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", "import test_drawing_properties as t; print(t._sample_json())"],
        cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True, timeout=900,
        check=True)
    return [(Quality(**q), lone) for q, lone in json.loads(done.stdout.splitlines()[-1])]


@pytest.fixture(scope="module")
def sampled(sample: list[tuple[Quality, list[str]]]) -> list[Quality]:
    return [q for q, _ in sample]


def test_a_loop_alone_on_its_page_crosses_nothing_on_most_of_a_fixed_sample(
        sample: list[tuple[Quality, list[str]]]) -> None:
    docs = [found for _, found in sample if found]
    assert len(sample) > 70
    assert len(docs) / len(sample) <= 0.02, docs


def test_labels_stand_beside_their_own_exit_on_a_fixed_sample(sampled: list[Quality]) -> None:
    labels = sum(q.labels for q in sampled)
    astray = sum(q.labels_astray for q in sampled)
    assert labels > 1000  # the sample is the decision-rich one it was measured on
    assert astray / labels <= 0.03, [d for q in sampled for d in q.details if "label" in d]


def test_flows_share_no_line_on_most_of_a_fixed_sample(sampled: list[Quality]) -> None:
    shared = sum(1 for q in sampled if q.shared)
    assert shared / len(sampled) <= 0.03, [d for q in sampled for d in q.details
                                           if "along" in d]


def test_flows_keep_off_other_symbols_on_most_of_a_fixed_sample(
        sampled: list[Quality]) -> None:
    beside = [d for q in sampled for d in q.details if "close beside" in d]
    assert sum(1 for q in sampled if q.beside_symbols) / len(sampled) <= 0.22, beside


# --- the real sheets: no more crossings than their originals ------------------------

# Counted by hand on the source page images (../shared/real/*-src-*.png).
SOURCE_CROSSINGS = {
    "bps-004-distribusi-persediaan-transfer": 0,
    "bps-328-mabar": 0,
    "bps-333-perubahan-inventori": 1,
    "satpolpp-82-pengumpulan-data-deteksi-dini": 0,
}
# bps-333's two loops back into a joint decision turn in a 20 pt row, 4 pt under the
# box above (its original draws them from the diamond's top instead).
BESIDE_SYMBOLS = {"bps-333-perubahan-inventori": 2}


@pytest.mark.parametrize("workbook", sorted(REAL.glob("*.xlsx")), ids=lambda p: p.stem)
def test_real_sheets_are_drawn_as_carefully_as_their_originals(workbook: Path) -> None:
    prepared = prepare(workbook)
    assert prepared.document is not None
    q = document_quality(prepared.document)
    assert q.crossings <= SOURCE_CROSSINGS[workbook.stem], q.details
    assert (q.labels_astray, q.near_grid, q.shared, q.through_symbols) == (0, 0, 0, 0), q.details
    assert q.beside_symbols <= BESIDE_SYMBOLS.get(workbook.stem, 0), q.details


@pytest.mark.parametrize("workbook", sorted((ROOT / "data").glob("*.xlsx")), ids=lambda p: p.stem)
def test_the_examples_are_drawn_carefully(workbook: Path) -> None:
    prepared = prepare(workbook)
    assert prepared.document is not None
    q = document_quality(prepared.document)
    assert (q.labels_astray, q.near_grid, q.shared, q.through_symbols, q.beside_symbols) == (
        0, 0, 0, 0, 0), q.details
    assert q.crossings <= 1, q.details  # 40 steps: one flow crossing is forced by its roles
