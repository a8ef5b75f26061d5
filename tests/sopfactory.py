"""Build `Sop` models directly, without a workbook: hypothesis strategies and helpers.

Every generated SOP satisfies what validation guarantees a laid-out SOP to be:
step 1 is Mulai, the last step is Selesai, a decision's Ya goes forward and its
Tidak anywhere (a loop back, to itself, or a branch forward), with its own label
words or none, joint steps name several roles, and every step is reachable from
step 1.

Reachability is built in, not filtered for: steps are drawn in order, and a
step k + 1 is always entered from an earlier step, either from step k (a
Proses, or a decision whose Ya or Tidak is k + 1) or from an earlier
decision whose forward Ya or Tidak already names k + 1 (which is what lets a
Selesai stand in the middle, or a Ya skip ahead).
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import replace

from hypothesis import note
from hypothesis import strategies as st

from sopgen.durations import Duration
from sopgen.geometry import Document
from sopgen.layout import LayoutError, layout
from sopgen.model import (
    Identity,
    Kind,
    Loc,
    Paper,
    Provisions,
    Role,
    Settings,
    Sop,
    Step,
)

MAX_TEXT = 400

IDENTITY = Identity(
    satuan_kerja="Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah",
    nomor="SOP – 04/BPKPAD",
    nama="SOP Tehnis Perencanaan Kinerja",
    tanggal_pembuatan=dt.date(2023, 7, 1),
    tanggal_efektif=dt.date(2023, 7, 1),
    disahkan_oleh="Kepala BPKPAD",
    nama_pengesah="FAKHRIYANTO, S.Pt, MP",
    instansi="Kabupaten Balangan",
    nip="197806012005011016",
    tempat="Paringin",
)

PROVISIONS = Provisions(
    dasar_hukum=("Peraturan Presiden Nomor 29 Tahun 2014", "PermenPAN-RB Nomor 35 Tahun 2012"),
    kualifikasi=("Memahami tugas pokok dan fungsi",),
    peralatan=("ATK", "Komputer"),
)

DURATIONS: tuple[Duration, ...] = (
    Duration(15, "15 menit"),
    Duration(30, "30 menit"),
    Duration(90, "1 jam 30 menit"),
    Duration(450, "1 hari"),
    Duration(900, "2 hari"),
    Duration(10, "5-10 menit"),
    Duration(0, "-", is_none=True),
)

PAPERS: tuple[Paper, ...] = tuple(Paper)


# --- locations, as validation would give them ---------------------------------------


def role_loc(index: int) -> Loc:
    """Cell of role `index` (0-based) in sheet Pelaksana: A2, A3, …"""
    return Loc("Pelaksana", f"A{index + 2}")


_STEP_COLUMNS = {
    "no": "A", "kegiatan": "B", "pelaksana": "C", "jenis": "D", "jika ya": "E",
    "jika tidak": "F", "kelengkapan": "G", "waktu": "H", "output": "I", "keterangan": "J",
}  # fmt: skip


def step_locs(no: int) -> dict[str, Loc]:
    return {h: Loc("Prosedur", f"{c}{no + 1}") for h, c in _STEP_COLUMNS.items()}


# --- plain helpers ----------------------------------------------------------------------


def make_role(index: int, name: str, short: str | None = None) -> Role:
    return Role(name, short, role_loc(index))


def make_step(
    no: int,
    kind: Kind,
    roles: tuple[int, ...] = (0,),
    *,
    kegiatan: str | None = None,
    if_yes: int | None = None,
    if_no: int | None = None,
    kelengkapan: str = "Dokumen kerja",
    waktu: Duration = DURATIONS[0],
    output: str = "Dokumen hasil",
    keterangan: str = "",
    label_yes: str = "Ya",
    label_no: str = "Tidak",
) -> Step:
    locs = step_locs(no)
    return Step(
        no=no,
        kegiatan=kegiatan if kegiatan is not None else f"Kegiatan langkah {no}",
        roles=tuple(sorted(roles)),
        kind=kind,
        waktu=waktu,
        if_yes=if_yes,
        if_no=if_no,
        kelengkapan=kelengkapan,
        output=output,
        keterangan=keterangan,
        label_yes=label_yes,
        label_no=label_no,
        loc=locs["no"],
        locs=locs,
    )



def wide_labels_sop(*, landscape: bool = True) -> Sop:
    """Eight roles on A4: two decisions whose Tidak words (`Berkas belum lengkap`,
    `Tidak sesuai aturan`) are wider than the room beside their exits, so the layout
    sets them on two lines (landscape) or three (portrait)."""
    k = Kind.KEPUTUSAN
    steps = [make_step(1, Kind.MULAI, (0,)), make_step(2, Kind.PROSES, (1,)),
             make_step(3, k, (1,), if_yes=4, if_no=2, label_yes="Lengkap",
                       label_no="Berkas belum lengkap"),
             make_step(4, k, (2,), if_yes=5, if_no=3, label_yes="Sesuai",
                       label_no="Tidak sesuai aturan"),
             make_step(5, Kind.PROSES, (6,)), make_step(6, Kind.SELESAI, (0,))]
    return Sop(IDENTITY, PROVISIONS, tuple(make_role(i, f"Pelaksana {i}") for i in range(8)),
               tuple(steps), Settings(paper=Paper.A4, landscape=landscape))

def make_sop(
    steps: int = 5,
    roles: int = 3,
    *,
    paper: Paper = Paper.A4,
    landscape: bool = True,
    max_steps_per_page: int | None = None,
    role_names: tuple[str, ...] | None = None,
    role_shorts: tuple[str | None, ...] | None = None,
) -> Sop:
    """A straight SOP (Mulai, Proses …, Selesai), step k done by role k mod `roles`."""
    names = role_names or tuple(f"Pelaksana {i + 1}" for i in range(roles))
    shorts = role_shorts or tuple(None for _ in names)
    the_roles = tuple(
        make_role(i, n, s) for i, (n, s) in enumerate(zip(names, shorts, strict=True))
    )
    the_steps = []
    for no in range(1, steps + 1):
        kind = Kind.MULAI if no == 1 else Kind.SELESAI if no == steps else Kind.PROSES
        the_steps.append(make_step(no, kind, ((no - 1) % len(the_roles),)))
    sop = Sop(IDENTITY, PROVISIONS, the_roles, tuple(the_steps))
    return with_settings(
        sop, paper=paper, landscape=landscape, max_steps_per_page=max_steps_per_page
    )


FlowRow = tuple[Kind, tuple[int, ...], int | None, int | None]  # kind, roles, Ya, Tidak


def sop_from_flow(
    roles: tuple[str, ...],
    flow: tuple[FlowRow, ...],
    *,
    paper: Paper = Paper.A4,
    landscape: bool = True,
    max_steps_per_page: int | None = None,
) -> Sop:
    """A hand-written flow, one (kind, roles, Ya, Tidak) per step; every text is 'x'."""
    the_roles = tuple(make_role(i, name) for i, name in enumerate(roles))
    steps = tuple(
        make_step(no, kind, who, kegiatan="x", if_yes=yes, if_no=tidak,
                  kelengkapan="", output="")
        for no, (kind, who, yes, tidak) in enumerate(flow, start=1)
    )  # fmt: skip
    sop = Sop(IDENTITY, PROVISIONS, the_roles, steps)
    return with_settings(sop, paper=paper, landscape=landscape,
                         max_steps_per_page=max_steps_per_page)  # fmt: skip


def with_settings(
    sop: Sop,
    *,
    paper: Paper = Paper.A4,
    landscape: bool = True,
    max_steps_per_page: int | None = None,
) -> Sop:
    """The same SOP on other paper (the rest of Settings keeps the spec's defaults)."""
    settings = replace(
        sop.settings, paper=paper, landscape=landscape, max_steps_per_page=max_steps_per_page
    )
    return replace(sop, settings=settings)


# --- strategies -----------------------------------------------------------------------------

_LETTERS = string.ascii_lowercase * 3 + string.ascii_uppercase + "àéÉ"


_VOCABULARY = (
    "menerima", "memeriksa", "menyusun", "surat", "permohonan", "berkas", "dokumen",
    "rancangan", "kepala", "bidang", "seksi", "laporan", "kinerja", "disposisi", "pimpinan",
    "yang", "telah", "diverifikasi", "oleh", "pejabat", "terkait", "dan", "atau", "untuk",
    "dengan", "sesuai", "ketentuan", "peraturan", "perundang-undangan", "Renja", "RKT",
    "LAKIP", "a", "b", "c", "di", "ke", "1", "2", "10", "2023", "(lima)", "rapat",
    "koordinasi,", "selesai.", "lengkap?", "ya/tidak",
)  # fmt: skip


def make_text(length: int, seed: int) -> str:
    """Prose of `length` characters (0 gives ""), built from `seed`: words of the
    vocabulary, for one seed in four a long word without a space (15..90 letters), for
    one in eight Alt+Enter line breaks."""
    if length <= 0:
        return ""
    rng = random.Random(seed)
    long_word = rng.randint(15, 90) if seed % 4 == 1 else 0
    newlines = seed % 8 == 3
    at = rng.randint(0, 3)
    parts: list[str] = []
    size = 0
    while size < length:
        if long_word and len(parts) == at:
            word = "".join(rng.choice(_LETTERS) for _ in range(long_word))
        else:
            word = rng.choice(_VOCABULARY)
        sep = "" if not parts else "\n" if newlines and rng.random() < 0.15 else " "
        parts.append(sep + word)
        size += len(sep) + len(word)
    return "".join(parts)[:length].strip() or "x"


def texts(min_size: int = 1, max_size: int = MAX_TEXT) -> st.SearchStrategy[str]:
    """Prose of min_size..400 characters; sometimes a long word with no space, sometimes
    Alt+Enter. Two choices a text (its length and a seed), so it is cheap to draw and
    shrinks to short, plain text; lengths lean short, as planners' texts do."""
    short = st.integers(min_size, min(max_size, 60))
    length = st.one_of(short, short, st.integers(min_size, max_size))
    return st.builds(make_text, length, st.integers(0, 2**16))


def optional_texts() -> st.SearchStrategy[str]:
    """Kelengkapan, Output, Keterangan: empty (one in four), or 1..400 characters."""
    short = st.integers(1, 60)
    length = st.one_of(st.just(0), short, short, st.integers(1, MAX_TEXT))
    return st.builds(make_text, length, st.integers(0, 2**16))


def make_word(length: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(_LETTERS) for _ in range(length))


def make_name(words: int, longest: int, seed: int) -> str:
    """`words` words of 1..`longest` letters."""
    rng = random.Random(seed)
    return " ".join(make_word(rng.randint(1, longest), rng.randrange(2**16)) for _ in range(words))


@st.composite
def role_tuples(draw: st.DrawFn, max_roles: int = 8) -> tuple[Role, ...]:
    n = draw(st.integers(1, max_roles))
    roles: list[Role] = []
    seen: set[str] = set()
    for i in range(n):
        # mostly words of up to 6 letters; one role in twenty is one long word (10..40)
        if draw(st.integers(0, 19)) < 19:
            name = make_name(
                draw(st.integers(1, 5)), draw(st.integers(1, 6)), draw(st.integers(0, 2**16))
            )
        else:
            name = make_word(draw(st.integers(10, 40)), draw(st.integers(0, 2**16)))
        while name.casefold() in seen:
            name += f" {i + 1}"
        seen.add(name.casefold())
        short = draw(st.one_of(
            st.none(),
            st.builds(make_word, st.integers(1, 6), st.integers(0, 2**16)),
            st.builds(make_word, st.integers(1, 6), st.integers(0, 2**16)),
            st.builds(make_word, st.integers(1, 14), st.integers(0, 2**16)),
        ))  # fmt: skip
        if short is not None:
            short = f"{short}{i + 1}" if short.casefold() in seen else short
            seen.add(short.casefold())
        roles.append(make_role(i, name, short))
    return tuple(roles)


# Strategies built once: building one per draw costs more than the drawing.
_KINDS = st.sampled_from([Kind.PROSES] * 5 + [Kind.KEPUTUSAN] * 2)
_KINDS_OR_END = st.sampled_from([Kind.PROSES] * 5 + [Kind.KEPUTUSAN] * 2 + [Kind.SELESAI])
_BOOLS = st.booleans()
_ONE_IN_TEN = st.integers(0, 9)
_TEXT = texts()
_OPTIONAL_TEXT = optional_texts()
_WAKTU = st.sampled_from(DURATIONS)
# Decision labels as real sheets print them: mostly the default words, some their own
# words, some none at all ('-' in the workbook).
_LABEL_YES = st.sampled_from(["Ya"] * 6 + ["", "Lengkap", "Valid", "Setuju", "Online"])
_LABEL_NO = st.sampled_from(["Tidak"] * 6 + ["", "Belum lengkap", "Revisi", "Offline",
                                             "Tidak sesuai aturan"])
_WORDS_YES = st.sampled_from(["Ya"] * 6 + ["Lengkap", "Valid", "Setuju", "Online"])
_WORDS_NO = st.sampled_from(["Tidak"] * 6 + ["Belum lengkap", "Revisi", "Offline",
                                             "Tidak sesuai aturan"])


@st.composite
def step_tuples(
    draw: st.DrawFn, n_roles: int, min_steps: int = 2, max_steps: int = 60,
    self_loops: bool = True,
    unlabelled: bool = True,
    plain_labels: bool = False,
) -> tuple[Step, ...]:
    """Steps that satisfy the model's invariants; every step reachable from step 1."""
    n = draw(st.integers(min_steps, max_steps))
    entered: set[int] = set()  # steps some earlier step flows to
    flows: list[tuple[Kind, int | None, int | None]] = [(Kind.MULAI, None, None)]
    entered.add(2)
    for k in range(2, n):
        nxt_entered = (k + 1) in entered
        kind = draw(_KINDS_OR_END if nxt_entered else _KINDS)
        if kind is Kind.PROSES:
            flows.append((kind, None, None))
            entered.add(k + 1)
        elif kind is Kind.SELESAI:
            flows.append((kind, None, None))
        else:
            yes = draw(st.integers(k + 1, n)) if draw(_BOOLS) else k + 1
            # A Ya that skips ahead leaves the next step to Tidak; else Tidak goes back,
            # to the step itself (repeat until Ya), or forward.
            # Never to Ya's own step: such a decision would not branch.
            skips = yes != k + 1 and not nxt_entered
            t = draw(st.integers(1, n - 1))
            tidak = k + 1 if skips else (t if t < yes else t + 1)
            if tidak == k and not self_loops:
                tidak = k + 1 if yes != k + 1 else k - 1
            flows.append((kind, yes, tidak))
            entered.update(x for x in (yes, tidak) if x > k)
    flows.append((Kind.SELESAI, None, None))

    steps: list[Step] = []
    for no, (kind, if_yes, if_no) in enumerate(flows, start=1):
        if n_roles > 1 and draw(_ONE_IN_TEN) == 0:
            roles = tuple(
                sorted(
                    draw(st.sets(st.integers(0, n_roles - 1), min_size=2, max_size=min(n_roles, 4)))
                )
            )
        else:
            roles = (draw(st.integers(0, n_roles - 1)),)
        decision = kind is Kind.KEPUTUSAN
        steps.append(make_step(
            no, kind, roles,
            kegiatan=draw(_TEXT),
            if_yes=if_yes,
            if_no=if_no,
            label_yes=(draw(_LABEL_YES if unlabelled else _WORDS_YES)
                       if decision and not plain_labels else "Ya"),
            label_no=(draw(_LABEL_NO if unlabelled else _WORDS_NO)
                      if decision and not plain_labels else "Tidak"),
            kelengkapan=draw(_OPTIONAL_TEXT),
            waktu=draw(_WAKTU),
            output=draw(_OPTIONAL_TEXT),
            keterangan=draw(_OPTIONAL_TEXT),
        ))  # fmt: skip
    return tuple(steps)


@st.composite
def settings(draw: st.DrawFn) -> Settings:
    return Settings(
        paper=draw(st.sampled_from(PAPERS)),
        landscape=draw(st.booleans()),
        max_steps_per_page=draw(st.one_of(st.none(), st.integers(1, 30))),
    )


@st.composite
def sops(draw: st.DrawFn, max_roles: int = 8, max_steps: int = 60) -> Sop:
    roles = draw(role_tuples(max_roles))
    steps = draw(step_tuples(len(roles), max_steps=max_steps))
    return Sop(IDENTITY, PROVISIONS, roles, steps, draw(settings()))


def describe(sop: Sop) -> str:
    """A compact account of a generated SOP, for a failing example's report."""
    st_ = sop.settings
    lines = [
        f"paper={st_.paper.value} {'landscape' if st_.landscape else 'portrait'} "
        f"max_steps_per_page={st_.max_steps_per_page}",
        "roles: "
        + "; ".join(
            f"{i}={r.name!r}" + (f" ({r.short!r})" if r.short else "")
            for i, r in enumerate(sop.roles)
        ),
    ]
    for s in sop.steps:
        flow = (f" Ya->{s.if_yes} Tidak->{s.if_no} [{s.label_yes!r}/{s.label_no!r}]"
                if s.kind is Kind.KEPUTUSAN else "")
        texts = ", ".join(
            f"{name}={len(getattr(s, name))}"
            for name in ("kegiatan", "kelengkapan", "output", "keterangan")
        )
        lines.append(
            f"  {s.no:>2} {s.kind.value:<9} roles={list(s.roles)}{flow}  "
            f"[{texts} chars, waktu={s.waktu.text!r}]"
        )
    return "\n".join(lines)


def laid_out(sop: Sop) -> Document | None:
    """The layout of a generated SOP, or None when the layout refuses it (the refusals
    have a test of their own); the SOP goes into hypothesis' report either way."""
    note(describe(sop))
    try:
        return layout(sop)
    except LayoutError:
        return None
