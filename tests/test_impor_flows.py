"""Following the ink: the cases a drawing can make ambiguous, read as a person reads them.

Each came out of the generated round trip (tests/test_impor_roundtrip.py) and is
kept as a plain test: a Tidak back into its own decision merged into the arrowhead
of the flow from above, a line crossing another's arrowhead, a label squeezed
between two lines, exits printed without labels, a turned elbow connector, and a
label set on two lines.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from lxml import etree
from sopfactory import IDENTITY, PROVISIONS, make_role, make_step, wide_labels_sop

from sopgen.build import render
from sopgen.fonts import text_width
from sopgen.impor import import_sop
from sopgen.impor.docx import drawn_line
from sopgen.impor.drawn import Arrowhead, Box, Page, Rule, Word
from sopgen.impor.flows import Grid, _components, _phrases, _stacked, assign
from sopgen.impor.writer import write_workbook
from sopgen.layout import layout
from sopgen.layout.columns import label_room, role_floors
from sopgen.layout.labels import AWAY, forms, narrowest, wrapped
from sopgen.layout.quality import document_quality
from sopgen.layout.text import LABEL
from sopgen.loader import load
from sopgen.model import Kind, Settings, Sop, Step

P, K, M, S = Kind.PROSES, Kind.KEPUTUSAN, Kind.MULAI, Kind.SELESAI


def _again(sop: Sop, fmt: str) -> Sop:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"sop.{fmt}"
        source.write_bytes(render(fmt, sop, layout(sop)))
        target = Path(tmp) / "baru.xlsx"
        write_workbook(import_sop(source), target)
        checked = load(target)
    assert checked.sop is not None, [str(p) for p in checked.errors]
    return checked.sop


def _branches(sop: Sop) -> list[tuple[int, int | None, int | None, str, str]]:
    return [(s.no, s.if_yes, s.if_no, s.label_yes, s.label_no) for s in sop.steps
            if s.kind is K]


def _sop(steps: list[Step], roles: int = 2) -> Sop:
    return Sop(IDENTITY, PROVISIONS, tuple(make_role(i, f"Pelaksana {i}") for i in range(roles)),
               tuple(steps), Settings())


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_tidak_back_into_its_own_decision_is_read(fmt: str) -> None:
    # The loop leaves the diamond's side and joins the line from step 2 above it:
    # one arrowhead, two sources, one of them the decision itself.
    sop = _sop([make_step(1, M, (0,)), make_step(2, P, (1,)),
                make_step(3, K, (1,), if_yes=4, if_no=3), make_step(4, P, (0,)),
                make_step(5, S, (0,))])
    assert _branches(_again(sop, fmt)) == [(3, 4, 3, "Ya", "Tidak")]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_exits_printed_without_labels_come_back_without_labels(fmt: str) -> None:
    sop = _sop([make_step(1, M, (0,)), make_step(2, P, (1,)),
                make_step(3, K, (1,), if_yes=4, if_no=2, label_yes="", label_no=""),
                make_step(4, K, (0,), if_yes=5, if_no=2, label_yes="Lengkap", label_no=""),
                make_step(5, S, (0,))])
    assert _branches(_again(sop, fmt)) == [(3, 4, 2, "", ""), (4, 5, 2, "Lengkap", "")]


def test_a_label_squeezed_between_two_lines_goes_to_the_exit_the_other_does_not_name() -> None:
    # Tidak stands 0.7 pt from the Ya line and 1.5 pt from its own; Ya 1.5 pt from its
    # own and far from Tidak's: each exit one label, at the least total distance.
    assert assign([[1.45, 20.0], [0.66, 1.45]], 30.0) == [0, 1]
    # more labels than exits: the farther one names none
    assert assign([[2.0], [5.0]], 30.0) == [0, None]
    # nothing within reach
    assert assign([[31.0, 40.0]], 30.0) == [None]
    assert assign([], 30.0) == []


def test_a_line_crossing_an_arrowhead_does_not_take_it() -> None:
    # A flow's line ends at the base of the head pointing left at (105, 50); another
    # runs down through the head, nearer to its middle than the flow's own line.
    page = Page(1, 300, 300)
    page.rules += [Rule(150, 50, 111, 50), Rule(107.8, 10, 107.8, 150)]
    page.arrowheads.append(Arrowhead((105.0, 50.0), Box(105, 47, 111, 53)))
    grid = Grid(edges=(0.0, 300.0), rows=(0.0, 300.0), top=0.0, bottom=300.0)
    [(pieces, heads)] = _components(page, grid)
    assert pieces == [((150, 50), (111, 50))] and len(heads) == 1


def _xfrm(rot: int, w: float, h: float, flip_h: bool = False) -> etree._Element:
    flip = ' flipH="1"' if flip_h else ""
    return etree.fromstring(
        f'<a:xfrm xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'rot="{rot}"{flip}><a:off x="0" y="0"/><a:ext cx="{int(w * 12700)}" '
        f'cy="{int(h * 12700)}"/></a:xfrm>')


@pytest.mark.parametrize("box", [Box(100, 50, 150, 120), Box(90, 60, 160, 110)],
                         ids=["turned bounds", "frame"])
def test_a_turned_elbow_connector_is_followed_as_drawn(box: Box) -> None:
    # Word and Excel join a shape above to one below with a bentConnector3 turned a
    # quarter: its frame 70 x 50, drawn as down-across-down from (150, 50) to
    # (100, 120). The box may be the turned one's bounds or the frame: same centre.
    points = drawn_line("bentconnector3", box, _xfrm(5400000, 70, 50))
    assert points == [(150.0, 50.0), (150.0, 85.0), (100.0, 85.0), (100.0, 120.0)]
    # flipped before it is turned: the same elbow mirrored, from (150, 120) up to (100, 50)
    flipped = drawn_line("bentconnector3", box, _xfrm(5400000, 70, 50, flip_h=True))
    assert flipped == [(150.0, 120.0), (150.0, 85.0), (100.0, 85.0), (100.0, 50.0)]
    # not turned: as before
    assert drawn_line("line", Box(0, 0, 10, 0), None) == [(0, 0), (10, 0)]


# A4 landscape: two lines are enough; A4 portrait: `Berkas belum lengkap` takes three.
SEVERAL_LINES = [(True, ["Berkas belum\nlengkap", "Tidak sesuai\naturan"]),
                 (False, ["Berkas\nbelum\nlengkap", "Tidak sesuai\naturan"])]


@pytest.mark.parametrize(("landscape", "expected"), SEVERAL_LINES, ids=["two", "three"])
def test_wide_labels_are_set_on_several_lines_beside_their_exits(
        landscape: bool, expected: list[str]) -> None:
    document = layout(wide_labels_sop(landscape=landscape))
    several = sorted(label.text for page in document.pages for label in page.labels
                     if "\n" in label.text)
    assert several == expected
    assert document_quality(document).labels_astray == 0


@pytest.mark.parametrize("landscape", [True, False], ids=["two", "three"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_label_set_on_several_lines_comes_back_as_one(fmt: str, landscape: bool) -> None:
    assert _branches(_again(wide_labels_sop(landscape=landscape), fmt)) == [
        (3, 4, 2, "Lengkap", "Berkas belum lengkap"),
        (4, 5, 3, "Sesuai", "Tidak sesuai aturan")]


def test_ya_over_tidak_are_two_labels_not_one() -> None:
    # two default words stacked exactly as a wrapped label would be: still two
    ya = Word("Ya", Box(100, 50, 108, 57), size=6.5)
    tidak = Word("Tidak", Box(100, 57.8, 117, 64.8), size=6.5)
    belum = Word("Belum", Box(200, 50, 220, 57), size=6.5)
    lengkap = Word("lengkap", Box(200, 57.8, 225, 64.8), size=6.5)
    texts = sorted(text for _, text, _ in _stacked(_phrases([ya, tidak, belum, lengkap])))
    assert texts == ["Belum lengkap", "Tidak", "Ya"]


def test_wrapped_breaks_where_the_wider_line_is_narrowest() -> None:
    assert wrapped("Belum lengkap") == "Belum\nlengkap"
    assert wrapped("Tidak sesuai aturan") == "Tidak sesuai\naturan"
    assert wrapped("Tidak") is None
    assert wrapped("Tidak sesuai aturan", 3) == "Tidak\nsesuai\naturan"
    assert wrapped("Belum lengkap", 3) is None


def test_a_label_has_one_form_per_line_count_up_to_three() -> None:
    assert forms("Belum  lengkap") == ["Belum lengkap", "Belum\nlengkap"]
    assert forms("Berkas belum lengkap") == [
        "Berkas belum lengkap", "Berkas belum\nlengkap", "Berkas\nbelum\nlengkap"]
    assert forms("Tidak") == ["Tidak"]
    # the narrowest form is a word a line: the widest word and the label's margin
    assert narrowest("Berkas belum lengkap") == pytest.approx(
        max(text_width(w, LABEL) for w in ("Berkas", "belum", "lengkap")) + 1.0)


def test_a_role_column_keeps_room_for_the_label_beside_its_bottom_exit() -> None:
    # The Ya drops from the bottom corner with its words beside the line, in the
    # middle of the column: the column keeps that label's width on either side.
    steps = [make_step(1, M, (0,)), make_step(2, P, (1,)),
             make_step(3, K, (1,), if_yes=4, if_no=2, label_yes="Berkas sudah lengkap",
                       label_no="Tidak"),
             make_step(4, P, (1,)), make_step(5, S, (0,))]
    sop = _sop(steps)
    wide = role_floors(sop, 1)
    narrow = role_floors(sop, 1, narrow=True)
    assert wide[1] == pytest.approx(2 * (label_room(["Berkas sudah lengkap"]) + AWAY[0]))
    # set on three lines it needs less, though no less than the loop's Tidak beside it
    assert 2 * (label_room(["Berkas sudah lengkap"], narrow=True) + AWAY[0]) <= narrow[1]
    assert wide[0] == narrow[0] < narrow[1] < wide[1]
    document = layout(sop)
    assert document_quality(document).labels_astray == 0
    assert [label.text for page in document.pages for label in page.labels
            if label.frm == 3 and label.to == 4] == ["Berkas sudah lengkap"]
