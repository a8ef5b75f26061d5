"""What an importer found in an old SOP sheet, before it becomes a workbook.

Every reader (PDF, DOCX, Excel drawing, text export) fills this one model, and
the workbook writer is the only one that reads it. Values stay text as printed:
validation, not the importer, decides what a date or a duration means. A value
the importer had to guess carries a doubt, which the writer turns into a cell
comment and a line of sheet `Catatan Impor`; text no field took is a leftover.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopgen.model import Kind

# The Identitas labels a reader may fill, as the workbook spells them.
IDENTITY_LABELS = (
    "Instansi", "Satuan Kerja", "Nomor SOP", "Nama SOP", "Tanggal Pembuatan",
    "Tanggal Revisi", "Tanggal Efektif", "Disahkan Oleh", "Nama Pengesah", "NIP Pengesah",
    "Pangkat Pengesah", "Tempat",
)  # fmt: skip

# The Ketentuan headers, in the workbook's column order.
PROVISION_HEADERS = (
    "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan",
    "Peringatan", "Pencatatan dan Pendataan",
)  # fmt: skip


@dataclass(frozen=True)
class Leftover:
    """Printed text that no field took, and where it stood in the source."""

    where: str
    text: str


@dataclass
class FoundStep:
    """One procedure row. `roles` index `FoundSop.roles`; `kind` None is the default
    kind for the row's place (Mulai first, Selesai last, Proses between)."""

    no: int
    kegiatan: str = ""
    roles: list[int] = field(default_factory=list)
    kind: Kind | None = None
    if_yes: int | None = None
    if_no: int | None = None
    label_yes: str | None = None  # None: the default word; "" prints none
    label_no: str | None = None
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    doubts: dict[str, str] = field(default_factory=dict)  # Prosedur header -> note


@dataclass
class FoundSop:
    identity: dict[str, str] = field(default_factory=dict)  # Identitas label -> value
    identity_doubts: dict[str, str] = field(default_factory=dict)
    provisions: dict[str, list[str]] = field(default_factory=dict)  # Ketentuan header -> items
    roles: list[str] = field(default_factory=list)
    role_doubts: dict[int, str] = field(default_factory=dict)
    steps: list[FoundStep] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # Pengaturan label -> value
    leftovers: list[Leftover] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # doubts about no single cell

    @property
    def doubt_count(self) -> int:
        """Cells the planner should look at."""
        return (len(self.identity_doubts) + len(self.role_doubts)
                + sum(len(s.doubts) for s in self.steps))
