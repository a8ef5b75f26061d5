"""The procedure table's columns and its two header rows."""

from __future__ import annotations

from collections.abc import Sequence

from sopgen import fonts
from sopgen import messages as msg
from sopgen.geometry import PT_PER_MM, Align, Cell, Para, Row
from sopgen.layout.page import LayoutError, paper_name
from sopgen.layout.state import Columns
from sopgen.layout.text import BODY, HEADER, PAD, SLACK, SMALL, cell_height, tw, tw_up
from sopgen.model import Loc, Problem, Sop

ROLE_MIN = 40.0  # narrowest legible role column
ROLE_PREF = 62.0
ROLE_MAX = 110.0
ROLE_GIVE = 46.0  # Pelaksana columns narrow to this to keep text columns' words whole
WORD_FIT = 1.03  # a word alone on its line: engines agree within this of its width

_FIXED = (  # column, preferred fraction, floor fraction of the usable width
    ("Kegiatan", 0.20, 0.15),
    ("Kelengkapan", 0.11, 0.08),
    ("Waktu", 0.075, 0.06),
    ("Output", 0.11, 0.08),
    ("Keterangan", 0.10, 0.07),
)
NO_WIDTH = 22.0


def columns(sop: Sop, usable: float) -> Columns:
    n = len(sop.roles)
    fixed = [usable * pref for _, pref, _ in _FIXED]
    floor = [usable * low for _, _, low in _FIXED]
    role_w = (usable - NO_WIDTH - sum(fixed)) / n
    if role_w < ROLE_PREF:  # shrink the text columns towards their floor
        need = (ROLE_PREF - role_w) * n
        spare = sum(fixed) - sum(floor)
        t = min(1.0, need / spare) if spare > 0 else 1.0
        fixed = [f - (f - lo) * t for f, lo in zip(fixed, floor, strict=True)]
        role_w = (usable - NO_WIDTH - sum(fixed)) / n
    if role_w > ROLE_MAX:  # few roles: give the rest to Kegiatan
        fixed[0] += (role_w - ROLE_MAX) * n
        role_w = ROLE_MAX
    if role_w < ROLE_MIN:
        paper = paper_name(sop)
        raise LayoutError([Problem(sop.roles[-1].loc,
                                   msg.roles_do_not_fit(n, role_w / PT_PER_MM, paper))])
    problems = []
    label_need = 0.0
    for role in sop.roles:
        for word in role.label.split():
            word_w = fonts.text_width(word, SMALL, bold=True)
            label_need = max(label_need, word_w * WORD_FIT + 2 * PAD)
            if word_w > (role_w - 2 * PAD) * SLACK:
                problems.append(Problem(role.short_loc or role.loc, msg.role_label_too_long(word)))
                break
    if problems:
        raise LayoutError(problems)
    widest = _widest_words(sop)
    fixed = _unsplit_words(widest, usable, fixed, role_w, max(ROLE_GIVE, label_need), n)
    role_w = (usable - NO_WIDTH - sum(fixed)) / n
    kegiatan, kelengkapan, waktu, output, keterangan = (tw(f) for f in fixed)
    roles = [tw(role_w)] * n
    widths = [NO_WIDTH, kegiatan, *roles, kelengkapan, waktu, output, keterangan]
    widths[-1] = tw(usable - sum(widths[:-1]))  # absorb rounding
    return Columns(tuple(widths), 2, n, _split_words(sop, widest, widths))


_HEADERS = (("Kegiatan", HEADER), ("Kelengkapan", SMALL), ("Waktu", SMALL), ("Output", SMALL),
            ("Keterangan", HEADER))  # Kegiatan, Keterangan head row 1; Mutu Baku's three row 2
_STEP_TEXTS = ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")


def _widest_words(sop: Sop) -> list[tuple[float, str, Loc]]:
    """Each text column's widest word (header or step), its width and where it is typed."""
    paper = sop.settings.locs.get("paper", Loc("Pengaturan"))
    out = []
    for i, (header, size) in enumerate(_HEADERS):
        best = (fonts.text_width(header, size, bold=True), header, paper)
        for s in sop.steps:
            text = s.waktu.text if i == 2 else getattr(s, _STEP_TEXTS[i])
            for word in text.split():
                w = fonts.text_width(word, BODY)
                if w > best[0]:
                    best = (w, word, s.locs.get(_STEP_TEXTS[i], s.loc))
        out.append(best)
    return out


def _unsplit_words(
    widest_words: Sequence[tuple[float, str, Loc]],
    usable: float,
    fixed: list[float],
    role_w: float,
    role_floor: float,
    n: int,
) -> list[float]:
    """Widen text columns so no word of theirs is split mid-word ("Kelengk-apan"),
    taking the width from the Pelaksana columns while those stay wide enough."""
    deficit = []
    for i, (widest, _, _) in enumerate(widest_words):
        need = min(widest * WORD_FIT + 2 * PAD, usable * _FIXED[i][1] * 1.6)
        deficit.append(max(0.0, need - fixed[i]))
    spare = (role_w - role_floor) * n
    if sum(deficit) <= 0 or spare <= 0:
        return fixed
    t = min(1.0, spare / sum(deficit))
    return [f + d * t for f, d in zip(fixed, deficit, strict=True)]


def _split_words(
    sop: Sop, widest_words: Sequence[tuple[float, str, Loc]], widths: Sequence[float]
) -> tuple[Problem, ...]:
    """A warning for each text column that must still split a word: the planner can
    choose other paper, which a silent "Dokume-n" would not tell them."""
    paper = paper_name(sop)
    cols = (1, *range(len(widths) - 4, len(widths)))
    out = []
    for (widest, word, loc), col, (name, _) in zip(widest_words, cols, _HEADERS,
                                                   strict=True):
        if widest > widths[col] - 2 * PAD:  # split for sure; WORD_FIT is the margin
            out.append(Problem(loc, msg.word_split(word, name, widths[col] / PT_PER_MM, paper),
                               warning=True))
    return tuple(out)


def header_rows(sop: Sop, cols: Columns) -> list[Row]:
    def head(text: str, size: float = HEADER) -> tuple[Para, ...]:
        return (Para(text, size, bold=True, align=Align.CENTER),)

    n = cols.roles
    r0 = cols.first_role
    after = r0 + n
    w = cols.widths
    row2 = [Cell(r0 + i, head(role.label, SMALL), shaded=True) for i, role in enumerate(sop.roles)]
    row2 += [Cell(after + k, head(t, SMALL), shaded=True)
             for k, t in enumerate(("Kelengkapan", "Waktu", "Output"))]
    h2 = tw_up(max(18.0, *(cell_height(c.paras, w[c.col]) for c in row2)))
    row1 = (
        Cell(0, head("No"), rowspan=2, shaded=True),
        Cell(1, head("Kegiatan"), rowspan=2, shaded=True),
        Cell(r0, head("Pelaksana"), span=n, shaded=True),
        Cell(after, head("Mutu Baku"), span=3, shaded=True),
        Cell(after + 3, head("Keterangan"), rowspan=2, shaded=True),
    )
    spans = {0: 1, 1: 1, r0: n, after: 3, after + 3: 1}
    need = {c.col: cell_height(c.paras, sum(w[c.col : c.col + spans[c.col]])) for c in row1}
    h1 = max(16.0, need[r0], need[after], *(need[c] - h2 for c in (0, 1, after + 3)))
    return [Row(tw_up(h1), row1, kind="header"), Row(h2, tuple(row2), kind="header")]


