"""The SOP as frozen dataclasses: what every later stage reads.

Every value that came from a cell keeps its `Loc`, so the layout and the
renderers can still point a planner at the cell behind a problem they find.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum
from pathlib import Path

from sopgen.durations import Duration, WorkTime


@dataclass(frozen=True, order=True)
class Loc:
    """Where a value lives: a sheet, and a cell when one applies."""

    sheet: str
    cell: str | None = None

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


class Kind(Enum):
    """The four step kinds of column `Jenis` (the arrow is the fifth symbol)."""

    MULAI = "Mulai"
    PROSES = "Proses"
    KEPUTUSAN = "Keputusan"
    SELESAI = "Selesai"


class Signing(Enum):
    """Identitas `Tanda Tangan`: how the official signs the sheet."""

    BASAH = "Basah"  # room for a wet signature and stamp
    ELEKTRONIK = "Elektronik"  # a marked place for a visible electronic signature


# The footnote electronically signed documents carry (Pengaturan `Catatan Tanda Tangan
# Elektronik` replaces it): the sentence BSrE's signing services print.
BSRE_FOOTNOTE = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
    "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan "
    "Sandi Negara (BSSN)."
)
ANCHOR = "#"  # the default anchor character signing services place the signature on


@dataclass(frozen=True)
class Identity:
    satuan_kerja: str
    nomor: str
    nama: str
    tanggal_pembuatan: date
    tanggal_efektif: date
    disahkan_oleh: str
    nama_pengesah: str
    instansi: str | None = None
    tanggal_revisi: date | None = None
    nip: str | None = None  # 18 digits, no spaces
    pangkat: str | None = None
    tempat: str | None = None
    logo: Path | None = None  # resolved, inside the workbook's folder
    tanda_tangan: Signing = Signing.BASAH
    url_verifikasi: str | None = None  # printed as a QR code beside an electronic signature
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False)

    @property
    def nip_printed(self) -> str | None:
        """`19780601 200501 1 016`, the way a NIP is printed."""
        if self.nip is None:
            return None
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


PROVISION_FIELDS: tuple[tuple[str, str], ...] = (
    ("dasar_hukum", "Dasar Hukum"),
    ("kualifikasi", "Kualifikasi Pelaksana"),
    ("keterkaitan", "Keterkaitan"),
    ("peralatan", "Peralatan/Perlengkapan"),
    ("peringatan", "Peringatan"),
    ("pencatatan", "Pencatatan dan Pendataan"),
)


@dataclass(frozen=True)
class Provisions:
    """Sheet `Ketentuan`: six numbered lists, each possibly empty."""

    dasar_hukum: tuple[str, ...] = ()
    kualifikasi: tuple[str, ...] = ()
    keterkaitan: tuple[str, ...] = ()
    peralatan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan: tuple[str, ...] = ()

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        """(heading, items) in the printed order."""
        return [(title, getattr(self, name)) for name, title in PROVISION_FIELDS]


@dataclass(frozen=True)
class Role:
    name: str
    short: str | None
    loc: Loc
    short_loc: Loc | None = None  # the Singkatan cell, when one is given

    @property
    def label(self) -> str:
        """What a narrow column header prints."""
        return self.short or self.name


@dataclass(frozen=True)
class Step:
    no: int
    kegiatan: str
    roles: tuple[int, ...]  # indexes into Sop.roles, sorted, at least one
    kind: Kind
    waktu: Duration
    if_yes: int | None = None  # Keputusan only: resolved, default no + 1
    if_no: int | None = None  # Keputusan only
    label_yes: str = "Ya"  # Keputusan only: the word at each exit; "" prints none
    label_no: str = "Tidak"
    kelengkapan: str = ""
    output: str = ""
    keterangan: str = ""
    loc: Loc = Loc("Prosedur")  # the row's No cell
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False)

    def successors(self) -> tuple[int, ...]:
        """Next steps by the spec's Flow rules (Ya before Tidak)."""
        if self.kind is Kind.SELESAI:
            return ()
        if self.kind is Kind.KEPUTUSAN:
            assert self.if_yes is not None and self.if_no is not None
            return (self.if_yes, self.if_no)
        return (self.no + 1,)


class Paper(Enum):
    A4 = "A4"
    F4 = "F4"
    LETTER = "Letter"
    LEGAL = "Legal"

    @property
    def size_mm(self) -> tuple[float, float]:
        """(width, height) in portrait."""
        return _PAPER_MM[self]


_PAPER_MM = {
    Paper.A4: (210.0, 297.0),
    Paper.F4: (215.0, 330.0),
    Paper.LETTER: (215.9, 279.4),
    Paper.LEGAL: (215.9, 355.6),
}


class ClosingSignature(Enum):
    """Whether the signature block follows the table (the identity page always has one)."""

    OTOMATIS = "Otomatis"  # printed unless it would cost the sheet a page
    YA = "Ya"
    TIDAK = "Tidak"


@dataclass(frozen=True)
class Settings:
    """Sheet `Pengaturan`, with the spec's defaults."""

    paper: Paper = Paper.A4
    landscape: bool = True
    closing_signature: ClosingSignature = ClosingSignature.OTOMATIS
    work: WorkTime = field(default_factory=WorkTime)
    day_start: time = time(7, 30)
    max_steps_per_page: int | None = None
    start_date: date | None = None
    anchor: str = ANCHOR  # one character: where a signing service places the signature
    footnote: str = BSRE_FOOTNOTE  # printed on every page of an electronically signed sheet
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    loc: Loc


class RevisionStatus(Enum):
    """Column `Status` of sheet `Riwayat`: whether that edition is still in force."""

    BERLAKU = "Berlaku"
    DIGANTI = "Diganti"
    DICABUT = "Dicabut"


@dataclass(frozen=True)
class Revision:
    """One row of sheet `Riwayat` (optional): an edition of the SOP."""

    number: int  # Revisi ke: 0 is the first edition
    day: date
    uraian: str
    status: RevisionStatus
    replaced_by: str = ""  # Diganti Oleh: the Nomor SOP that replaces it
    loc: Loc = Loc("Riwayat")  # the row's Revisi ke cell


@dataclass(frozen=True)
class Sop:
    identity: Identity
    provisions: Provisions
    roles: tuple[Role, ...]
    steps: tuple[Step, ...]  # steps[i].no == i + 1
    settings: Settings = Settings()
    holidays: tuple[Holiday, ...] = ()
    source: Path | None = None
    revisions: tuple[Revision, ...] = ()  # sheet Riwayat, oldest first

    @property
    def status(self) -> RevisionStatus:
        """The SOP's standing: the latest revision's status, Berlaku without a Riwayat."""
        return self.revisions[-1].status if self.revisions else RevisionStatus.BERLAKU

    def step(self, no: int) -> Step:
        return self.steps[no - 1]


@dataclass(frozen=True)
class Problem:
    """One line for the planner: where, and what is wrong or suspicious."""

    loc: Loc
    text: str
    warning: bool = False

    def __str__(self) -> str:
        tag = "peringatan: " if self.warning else ""
        return f"{self.loc}: {tag}{self.text}"
