"""The layout engine on known SOPs: the example, the 40-step SOP, and the refusals.

Properties over generated SOPs live in test_layout_properties.py.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from sopfactory import IDENTITY, PROVISIONS, make_role, make_sop, make_step, with_settings
from workbooks import ROLES, Cell, pengaturan, valid_sheets, write

from sopgen import cli, fonts
from sopgen import messages as msg
from sopgen.build import prepare
from sopgen.geometry import Document, Page, SymbolKind
from sopgen.layout import LayoutError, connector_letter, layout
from sopgen.layout.text import PAD as PAD_
from sopgen.layout.text import SLACK
from sopgen.model import Kind, Loc, Paper, Sop
from sopgen.timeline import main_path_minutes

LARGE = ROOT / "data" / "sop-contoh-40-langkah.xlsx"


def _prepared_sop(path: Path) -> Sop:
    prepared = prepare(path)
    assert not prepared.errors, prepared.errors
    assert prepared.sop is not None
    return prepared.sop


def _lay_out(sop: Sop) -> Document:
    return layout(sop, total_minutes=main_path_minutes(sop))


def _connectors(page: Page) -> list[str]:
    return [s.letter or "" for s in page.symbols if s.kind is SymbolKind.CONNECTOR]


def _cross_page_flows(sop: Sop, doc: Document) -> list[tuple[int, int]]:
    page_of = {no: i for i, p in enumerate(doc.pages) for no in p.steps}
    return [(s.no, t) for s in sop.steps for t in s.successors() if page_of[s.no] != page_of[t]]


# --- connector letters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"),
     (701, "ZZ"), (702, "AAA")],
)  # fmt: skip
def test_connector_letter_counts_like_spreadsheet_columns(index: int, letters: str) -> None:
    assert connector_letter(index) == letters


def test_connector_letters_are_distinct_and_ordered() -> None:
    seen = [connector_letter(i) for i in range(800)]
    assert len(set(seen)) == len(seen)
    assert seen == sorted(seen, key=lambda s: (len(s), s))


# --- the example ---------------------------------------------------------------------------


def test_example_has_an_identity_page_then_the_procedure() -> None:
    prepared = prepare(EXAMPLE)
    assert not prepared.errors
    doc = prepared.document
    assert doc is not None
    assert [p.kind for p in doc.pages][:2] == ["identity", "procedure"]
    assert [p.kind for p in doc.pages].count("identity") == 1
    assert all(p.kind == "procedure" for p in doc.pages[1:])
    assert [no for p in doc.pages for no in p.steps] == list(range(1, 10))
    assert doc.footer_right(1) == f"Halaman 1 dari {len(doc.pages)}"


def test_example_closing_row_gives_the_total_time() -> None:
    prepared = prepare(EXAMPLE)
    assert prepared.document is not None
    last = prepared.document.pages[-1].tables[0]
    closing = [r for r in last.rows if r.kind == "closing"]
    assert len(closing) == 1
    texts = [p.text for c in closing[0].cells for p in c.paras]
    assert "124 hari 2 jam 32 menit" in texts
    assert not any(
        r.kind == "closing" for p in prepared.document.pages[1:-1] for r in p.tables[0].rows
    )


def test_example_has_one_symbol_per_step_and_role() -> None:
    sop = _prepared_sop(EXAMPLE)
    doc = _lay_out(sop)
    for step in sop.steps:
        [page] = [p for p in doc.pages if step.no in p.steps]
        own = [s for s in page.symbols if s.step == step.no]
        assert len(own) == len(step.roles)
    terminators = [
        s.step or 0 for p in doc.pages for s in p.symbols if s.kind is SymbolKind.TERMINATOR
    ]
    assert sorted(terminators) == [1, 9]
    decisions = {s.step for p in doc.pages for s in p.symbols if s.kind is SymbolKind.DECISION}
    assert decisions == {s.no for s in sop.steps if s.kind is Kind.KEPUTUSAN}


# --- the 40-step SOP, on three papers --------------------------------------------------------

PAPERS = [(Paper.A4, True), (Paper.F4, True), (Paper.A4, False)]


@pytest.mark.parametrize(
    ("paper", "landscape"), PAPERS, ids=["A4-lanskap", "F4-lanskap", "A4-potret"]
)
def test_forty_steps_paginate_with_lettered_connectors(paper: Paper, landscape: bool) -> None:
    sop = with_settings(_prepared_sop(LARGE), paper=paper, landscape=landscape)
    assert len(sop.steps) == 40 and len(sop.roles) == 6
    doc = _lay_out(sop)
    procedure = [p for p in doc.pages if p.kind == "procedure"]
    assert len(procedure) >= 2
    assert [no for p in procedure for no in p.steps] == list(range(1, 41))
    cross = _cross_page_flows(sop, doc)
    assert cross, "40 steps on one page?"
    letters = [letter for p in doc.pages for letter in _connectors(p)]
    assert len(letters) == 2 * len(cross)  # one pair per cross-page flow
    distinct = sorted(set(letters), key=lambda s: (len(s), s))
    assert distinct == [connector_letter(i) for i in range(len(cross))]
    for letter in distinct:
        pages = [i for i, p in enumerate(doc.pages) if letter in _connectors(p)]
        assert len(pages) == 2 and letters.count(letter) == 2, (letter, pages)


def test_forty_steps_take_no_more_pages_on_the_larger_f4() -> None:
    sop = _prepared_sop(LARGE)
    a4 = _lay_out(with_settings(sop, paper=Paper.A4, landscape=True))
    f4 = _lay_out(with_settings(sop, paper=Paper.F4, landscape=True))
    assert len(a4.pages) >= len(f4.pages)


# --- refusals -------------------------------------------------------------------------------

TWELVE_ROLES = (*ROLES, *((f"Pelaksana Tambahan {i}", f"PT{i}") for i in range(1, 10)))


def _twelve_roles_workbook(tmp_path: Path) -> Path:
    sheets = valid_sheets()
    rows: list[list[Cell]] = [[name, short] for name, short in TWELVE_ROLES]
    sheets["Pelaksana"] = [["Pelaksana", "Singkatan"], *rows]
    sheets["Pengaturan"] = pengaturan(Ukuran_Kertas="A4", Orientasi="Potret")
    return write(tmp_path / "dua-belas.xlsx", sheets)


def test_twelve_roles_do_not_fit_a4_portrait(tmp_path: Path) -> None:
    """Only a column too narrow for its symbol and arrows is refused, with the paper,
    the number of roles, how many fit and a paper on which they do."""
    path = _twelve_roles_workbook(tmp_path)
    prepared = prepare(path)
    assert prepared.sop is not None and prepared.document is None
    assert len(prepared.sop.roles) == 12
    [problem] = prepared.errors
    assert problem.loc == Loc("Pelaksana", "A13")  # the last role's row
    assert problem.text.startswith("12 kolom pelaksana tidak muat di kertas A4 Potret")
    assert "paling banyak 9 pelaksana" in problem.text
    assert "Pilih kertas A4 Lanskap" in problem.text
    with pytest.raises(LayoutError) as err:
        layout(prepared.sop)
    assert [str(p) for p in err.value.problems] == [str(problem)]
    # the same SOP fits landscape
    assert layout(with_settings(prepared.sop, paper=Paper.A4, landscape=True)).pages


def test_check_reports_twelve_roles_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _twelve_roles_workbook(tmp_path)
    status = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    # A13 also carries a warning (the role does no step); the error is the line here.
    [line] = [x for x in lines if x.startswith("Pelaksana!A13: ") and "kolom" in x]
    assert line.startswith(
        "Pelaksana!A13: 12 kolom pelaksana tidak muat di kertas A4 Potret: tiap kolom perlu "
    )
    assert lines[-1].startswith(f"{path}: ") and "tidak valid" in lines[-1]


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4, Paper.LEGAL])
def test_a_long_role_word_is_hyphenated_never_refused(paper: Paper) -> None:
    """Signed sheets print `Pengadminis-` / `trasi`: no Singkatan is needed."""
    word = "Pengadministrasiperencanaankeuangandaerah"
    sop = make_sop(steps=4, roles=3, role_names=("Kepala Bidang", word, "Staf"), paper=paper,
                   landscape=True)
    doc = layout(sop)
    table = doc.pages[-1].tables[0]
    header = next(c for r in table.rows if r.kind == "header" for c in r.cells if c.col == 3)
    [para] = header.paras
    lines = para.text.split("\n")
    assert len(lines) > 1 and all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.rstrip("-") for line in lines) == word
    width = table.widths[3] - 2 * PAD_
    assert all(fonts.text_width(line, para.size, bold=True) <= width for line in lines)
    assert 6.0 <= para.size <= 8.0


def test_step_too_tall_for_a_page_is_refused_at_its_kegiatan() -> None:
    sop = make_sop(steps=3, roles=2, paper=Paper.A4, landscape=True)
    huge = ("kata " * 2000).strip()
    steps = list(sop.steps)
    steps[1] = replace(steps[1], kegiatan=huge, keterangan=huge)
    with pytest.raises(LayoutError) as err:
        layout(replace(sop, steps=tuple(steps)))
    [problem] = err.value.problems
    assert problem.loc == Loc("Prosedur", "B3")
    assert problem.text == msg.step_too_tall(2)


# --- steps per page -------------------------------------------------------------------------


@pytest.mark.parametrize("cap", [1, 2, 3, 7])
def test_max_steps_per_page_caps_each_page(cap: int) -> None:
    sop = make_sop(steps=20, roles=3, max_steps_per_page=cap)
    doc = layout(sop)
    procedure = [p for p in doc.pages if p.kind == "procedure"]
    assert all(1 <= len(p.steps) <= cap for p in procedure)
    assert len(procedure) == math.ceil(20 / cap)  # short steps: every page is full
    assert [no for p in procedure for no in p.steps] == list(range(1, 21))


def test_max_steps_per_page_on_the_forty_step_sop() -> None:
    sop = _prepared_sop(LARGE)
    capped = replace(sop, settings=replace(sop.settings, max_steps_per_page=5))
    doc = _lay_out(capped)
    procedure = [p for p in doc.pages if p.kind == "procedure"]
    assert max(len(p.steps) for p in procedure) <= 5
    assert len(procedure) >= 8


# --- words kept whole -------------------------------------------------------------------------


def _text_columns(doc: Document) -> list[float]:
    widths = doc.pages[-1].tables[0].widths
    return [widths[1], *widths[-4:]]


def test_portrait_widens_text_columns_so_no_word_is_split() -> None:
    """The example on A4 portrait: the text columns are at least as wide as
    'Kelengkapan', 'Mengkompilasikan' and 'Dokumen' need, the empty Keterangan
    column as its short header 'Ket.'."""
    from sopgen.layout import BODY, HEADER, PAD, SMALL

    sop = with_settings(_prepared_sop(EXAMPLE), paper=Paper.A4, landscape=False)
    doc = _lay_out(sop)
    assert [p for p in doc.warnings if "terpotong" in p.text] == []
    kegiatan, kelengkapan, _, output, keterangan = _text_columns(doc)
    body = _body_size(doc)
    assert fonts.text_width("Mengkompilasikan", body) <= kegiatan - 2 * PAD
    assert fonts.text_width("Kelengkapan", SMALL, bold=True) <= kelengkapan - 2 * PAD
    assert fonts.text_width("Dokumen", body) <= output - 2 * PAD
    assert fonts.text_width("Ket.", HEADER, bold=True) <= keterangan - 2 * PAD
    assert body <= BODY
    # landscape has room to spare: the same columns as before, words whole
    wide = _lay_out(_prepared_sop(EXAMPLE))
    assert wide.warnings == ()
    assert _text_columns(wide)[1] > kelengkapan


def _body_size(doc: Document) -> float:
    """The type size of the step texts (the layout may shrink it to save a page)."""
    table = doc.pages[-1].tables[0]
    return next(c.paras[0].size for r in table.rows if r.kind == "step"
                for c in r.cells if c.col == 1)


def test_a_word_that_must_be_split_is_a_warning_at_its_cell() -> None:
    """Eight roles on A4 portrait leave no width to give: the planner is told where
    each text column must split a word, and the word is really wider than it."""
    sop = make_sop(steps=6, roles=8, paper=Paper.A4, landscape=False)
    long = "Pengadministrasiperencanaankeuangan daerah"
    sop = replace(sop, steps=tuple(replace(s, kegiatan=long) for s in sop.steps))
    doc = layout(sop)
    split = [p for p in doc.warnings if "terpotong" in p.text]
    assert split and all(p.warning for p in split)
    widths = doc.pages[-1].tables[0].widths
    column = {"Kegiatan": 1, "Kelengkapan": -4, "Waktu": -3, "Output": -2, "Keterangan": -1}
    for problem in split:
        assert problem.loc.sheet == "Prosedur"
        word = problem.text.split("'")[1]
        [name] = [n for n in column if f"kolom {n} " in problem.text]
        room = (widths[column[name]] - 2 * PAD_) * SLACK
        assert fonts.text_width(word, _body_size(doc)) > room
        assert "A4 Potret" in problem.text


def test_a_long_singkatan_is_set_into_lines_too(tmp_path: Path) -> None:
    sheets = valid_sheets()
    word = "Pengadministrasiperencanaankeuangandaerah"
    sheets["Pelaksana"][3][1] = word  # row 4: Staf, named by its name in the steps
    prepared = prepare(write(tmp_path / "sop.xlsx", sheets))
    assert prepared.errors == [] and prepared.document is not None


# --- off-page connectors stacked in the order their lines arrive -----------------------

def _stacked_connectors() -> Document:
    """Two decisions in one column, the page breaking after the second: three flows
    leave the page from that column, so three connectors stand stacked at its foot
    and three at the next page's head."""
    m, p, k, s = Kind.MULAI, Kind.PROSES, Kind.KEPUTUSAN, Kind.SELESAI
    steps = (make_step(1, m, (0,)), make_step(2, k, (0,), if_yes=3, if_no=5),
             make_step(3, k, (0,), if_yes=4, if_no=6), make_step(4, p, (0,)),
             make_step(5, p, (0,)), make_step(6, s, (0,)))
    return layout(Sop(IDENTITY, PROVISIONS, tuple(make_role(i, f"Pelaksana {i}")
                                                  for i in range(2)), steps,
                      replace(make_sop(steps=3).settings, max_steps_per_page=3)))


def _stack(page: Page, *, head: bool) -> list[tuple[int | None, int | None]]:
    """Each connector's flow, top to bottom: the route that ends on it (foot) or
    leaves it (head)."""
    out = []
    for c in sorted((s for s in page.symbols if s.kind is SymbolKind.CONNECTOR),
                    key=lambda s: s.box.y):
        end = [(r.frm, r.to) for r in page.routes
               if (abs(r.points[0].x - c.box.cx) < 0.5 and abs(r.points[0].y - c.box.bottom) < 0.6
                   if head else
                   abs(r.points[-1].x - c.box.cx) < 0.5 and abs(r.points[-1].y - c.box.y) < 0.6)]
        assert len(end) == 1, end
        out.append(end[0])
    return out


def test_foot_connectors_stack_the_straight_drop_on_top() -> None:
    # The Ya of the last decision drops straight into the top connector; its side
    # exit turns into the one below; the flow from farther up runs to the lowest.
    doc = _stacked_connectors()
    procedure = [page for page in doc.pages if page.steps]
    assert _stack(procedure[0], head=False) == [(3, 4), (3, 6), (2, 5)]
    straight = next(r for r in procedure[0].routes if (r.frm, r.to) == (3, 4)
                    and r.points[-1].y > r.points[0].y)
    assert len({round(q.x, 2) for q in straight.points}) == 1, straight.points


def test_head_connectors_stack_the_flow_into_the_first_step_lowest() -> None:
    doc = _stacked_connectors()
    procedure = [page for page in doc.pages if page.steps]
    assert _stack(procedure[1], head=True)[-1] == (3, 4)
    into_first = next(r for r in procedure[1].routes if (r.frm, r.to) == (3, 4))
    assert len({round(q.x, 2) for q in into_first.points}) == 1, into_first.points


# --- symbols keep air beside the lanes -------------------------------------------------

def test_a_symbol_keeps_five_points_from_the_innermost_lane_where_its_column_allows() -> None:
    from sopgen.layout.columns import role_min_width
    from sopgen.layout.state import CHANNEL, LANE, MIN_SYMBOL, SYMBOL_AIR, symbol_room

    for lanes in (1, 2, 3):
        innermost = CHANNEL + LANE * (lanes - 1)
        roomy = 80.0
        assert (roomy - symbol_room(roomy, lanes)) / 2 - innermost == pytest.approx(SYMBOL_AIR)
        # a column at its least width still holds the narrowest symbol, closer in
        least = role_min_width(lanes)
        assert symbol_room(least, lanes) == pytest.approx(MIN_SYMBOL)


def test_a_segment_beside_a_box_side_is_told_from_one_clear_of_it() -> None:
    from sopgen.geometry import Box
    from sopgen.layout.segments import beside

    box = Box(100.0, 100.0, 40.0, 20.0)
    assert beside(box, 97.5, 90.0, 97.5, 130.0, True, 5.0)  # 2.5 pt left of its side
    assert not beside(box, 94.0, 90.0, 94.0, 130.0, True, 5.0)  # 6 pt off
    assert not beside(box, 97.5, 60.0, 97.5, 99.5, True, 5.0)  # above it, not beside
    assert beside(box, 90.0, 123.0, 150.0, 123.0, False, 5.0)  # 3 pt under its bottom
    assert not beside(box, 110.0, 110.0, 130.0, 110.0, False, 5.0)  # through it


def test_a_step_too_tall_for_its_page_gets_the_width_first() -> None:
    # Eight roles on Letter portrait leave the text columns less than their longest
    # words ask (40-letter codes, split anyway): the minimums shrink past the room so
    # the search still has width to give, and the tall step's Kegiatan takes it first.
    # Before, every column kept its share and step 5 was refused as too tall.
    long = " ".join(["kegiatan pemeriksaan berkas dan dokumen"] * 16)
    token = "A" * 40
    steps = [make_step(1, Kind.MULAI, (0,)),
             *(make_step(i, Kind.PROSES, (i - 1,)) for i in range(2, 8)),
             make_step(8, Kind.SELESAI, (7,))]
    steps = [replace(st, kegiatan=long if st.no == 5 else "Memeriksa berkas",
                     kelengkapan=token, output=token, keterangan=token) for st in steps]
    sop = Sop(IDENTITY, PROVISIONS, tuple(make_role(i, f"Pelaksana {i}") for i in range(8)),
              tuple(steps), replace(make_sop(steps=3).settings, paper=Paper.LETTER,
                                    landscape=False))
    document = layout(sop)
    table = next(p for p in document.pages if 5 in p.steps).tables[0]
    kegiatan, kelengkapan = table.widths[1], table.widths[10]
    assert kegiatan > kelengkapan + 20
