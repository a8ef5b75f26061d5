"""The workbook contract (spec v1.1) declared once: every sheet, field and column.

Per sheet its name, whether it is required and its kind: a key/value sheet
(`Isian`, `Nilai`, one field a row) or a table (headers in row 1, one item a
row). Per field or column its label or header as the spec spells it, the
model attribute it fills, whether it is required, how its cell is read, the
words it may hold (from the model's enums) and what `sopgen new` writes for
it (width, header comment or hint, dropdown, default).

`sopgen.validate` reads with these and `sopgen.newbook` writes from them, so
a dropdown and the validator cannot disagree, and a field the spec adds is
one line here (and its model attribute), not an edit in four modules. The
sentences that refuse a value stay in `sopgen.messages`; the hints for
`sopgen new` live here, next to the field they explain.

The v1.1 additions still to come, each in this shape:
- Identitas `URL Verifikasi`: `Field("URL Verifikasi", "url_verifikasi", cells.text,
  hint=...)` and an `Identity.url_verifikasi`.
- Identitas `Tanda Tangan`: an enum in model.py (`Basah`, `Elektronik`) and
  `Field("Tanda Tangan", "tanda_tangan", choices_of(ThatEnum), msg.<its sentence>(),
  default="Basah", hint=...)`: read, refused with its sentence, offered as a dropdown.
- sheet `Riwayat`: declared below and parsed by the reader already; in `SHEETS`
  `sopgen new` writes it. What its rows mean (the latest date is Tanggal Revisi)
  is a reader of its own in `sopgen.validate`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sopgen import cells
from sopgen import messages as msg
from sopgen.model import PROVISION_FIELDS, ClosingSignature, Kind, Paper
from sopgen.text import fold

if TYPE_CHECKING:  # the reader imports this module to learn the contract's sheet names
    from sopgen.workbook import CellValue

V = TypeVar("V")
E = TypeVar("E", bound=Enum)

LABEL_MAX = 20  # characters of Label Ya/Label Tidak: a label stands beside a diamond's exit


# --- the shapes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Choices(Generic[V]):
    """The words a cell may hold and what each means: one parser and one dropdown.

    Matched as the spec matches fixed values (case and runs of white space
    ignored); `aliases` are accepted but never offered (the English a planner
    may type), `squeeze` ignores spaces inside too (`A 4`).
    """

    words: tuple[tuple[str, V], ...]
    aliases: tuple[tuple[str, V], ...] = ()
    squeeze: bool = False

    def key(self, text: str) -> str:
        folded = fold(text)
        return folded.replace(" ", "") if self.squeeze else folded

    @cached_property
    def keys(self) -> Mapping[str, V]:
        """Matching key of every accepted word -> its meaning."""
        return {self.key(word): value for word, value in (*self.words, *self.aliases)}

    @property
    def offered(self) -> tuple[str, ...]:
        """The dropdown's words, in order."""
        return tuple(word for word, _ in self.words)

    def __call__(self, value: CellValue) -> V | None:
        return self.keys.get(self.key(cells.text(value)))


def choices_of(enum: type[E], *, squeeze: bool = False) -> Choices[E]:
    """An enum's values as the words of a cell: the enum is the one list of them."""
    return Choices(tuple((member.value, member) for member in enum), squeeze=squeeze)


@dataclass(frozen=True)
class Field:
    """One row of a key/value sheet: its `Isian` label and what its `Nilai` holds.

    `parse` turns the value into the model's (a `Choices` makes the row a
    dropdown) and returns None for a value it refuses, which `bad` then
    explains; a parser whose reason depends on the value raises
    `cells.Refused` with its own sentence.
    """

    label: str
    attr: str  # the Identity or Settings attribute (a WorkTime one goes to Settings.work)
    parse: Callable[[CellValue], object]
    bad: str = ""  # the sentence for a refused value; "" when `parse` refuses nothing
    required: bool = False
    hint: str = ""  # the Petunjuk cell of `sopgen new`
    default: str | None = None  # the Nilai `sopgen new` writes: the model's default, as typed
    text_cell: bool = False  # Nilai formatted as text in `sopgen new` (a NIP keeps its digits)

    @property
    def choices(self) -> Choices[Any] | None:
        return self.parse if isinstance(self.parse, Choices) else None


@dataclass(frozen=True)
class Dropdown:
    """How `sopgen new` offers a column's words: from its `choices`, or another sheet's names."""

    title: str | None = None
    error: str | None = None  # what Excel says to a value outside the list
    names_from: Sheet | None = None  # the list is that sheet's filled cells (Pelaksana)
    lenient: bool = False  # a value outside the list only warns (a joint step 'A; B')


@dataclass(frozen=True)
class Column:
    """One column of a sheet, found by its header in row 1 wherever it stands."""

    header: str
    width: int = 16  # in `sopgen new`, in Excel's character widths
    comment: str = ""  # the header's comment in `sopgen new`: what to write below it
    attr: str = ""  # the model attribute its cells fill ("": none yet)
    required: bool = False  # a missing column is an error
    read: bool = True  # False: written for the planner (Petunjuk), never read
    printed: bool = False  # its text is printed on the sheet, so its characters are checked
    choices: Choices[Any] | None = None
    dropdown: Dropdown | None = None
    text_cells: bool = False  # cells formatted as text in `sopgen new` ('1,5 jam' stays)

    @property
    def key(self) -> str:
        """The header as a table's rows and headers are keyed (folded)."""
        return fold(self.header)


@dataclass(frozen=True, kw_only=True)
class Sheet:
    """A table: headers in row 1, one item a row below them."""

    name: str
    columns: tuple[Column, ...]
    required: bool = False  # a missing sheet is an error; an optional one gives defaults
    # Rows `sopgen new` prepares below the headers: text wrapped (long items stay
    # readable), cells typed as text and dropdowns where the columns ask for them.
    prepared_rows: int = 0

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header, in the order `sopgen new` writes them."""
        return tuple(c.header for c in self.columns)

    @property
    def required_headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns if c.required)


@dataclass(frozen=True, kw_only=True)
class KeyValueSheet(Sheet):
    """`Isian` (the label), `Nilai` (the value), `Petunjuk` (a hint): one field a row."""

    fields: tuple[Field, ...]
    says_required: bool = False  # each hint opens with 'Wajib.' or 'Tidak wajib.'
    text_values: bool = False  # every Nilai cell formatted as text in `sopgen new`

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label, in the order `sopgen new` writes the rows."""
        return tuple(f.label for f in self.fields)

    @property
    def label_column(self) -> Column:
        return self.columns[0]

    @property
    def value_column(self) -> Column:
        return self.columns[1]

    def hint(self, field: Field) -> str:
        if not self.says_required:
            return field.hint
        return f"{'Wajib' if field.required else 'Tidak wajib'}. {field.hint}"


def _key_value_columns(
    label: tuple[int, str], value: tuple[int, str], hint: tuple[int, str], *, printed: bool
) -> tuple[Column, ...]:
    """The three columns of a key/value sheet: (width, comment) of each."""
    return (
        Column("Isian", *label, required=True),
        Column("Nilai", *value, required=True, printed=printed),
        Column("Petunjuk", *hint, read=False),
    )


# --- Identitas ------------------------------------------------------------------------

IDENTITAS = KeyValueSheet(
    name="Identitas",
    required=True,
    says_required=True,
    columns=_key_value_columns(
        (24, "Nama isian. Jangan diubah."),
        (50, "Isi nilainya di kolom ini."),
        (60, "Petunjuk pengisian; kolom ini tidak dibaca sopgen."),
        printed=True,
    ),
    fields=(
        Field("Instansi", "instansi", cells.text,
              hint="Instansi di atas unit, mis. Kabupaten Balangan."),
        Field("Satuan Kerja", "satuan_kerja", cells.text, required=True,
              hint="Unit pemilik SOP."),
        Field("Nomor SOP", "nomor", cells.text, required=True, hint="Nomor resmi SOP."),
        Field("Nama SOP", "nama", cells.text, required=True, hint="Judul SOP."),
        Field("Tanggal Pembuatan", "tanggal_pembuatan", cells.date,
              msg.bad_date("Tanggal Pembuatan"), required=True,
              hint="Mis. 01 Juli 2023 atau tanggal Excel."),
        Field("Tanggal Revisi", "tanggal_revisi", cells.date, msg.bad_date("Tanggal Revisi"),
              hint="Tidak boleh sebelum Tanggal Pembuatan."),
        Field("Tanggal Efektif", "tanggal_efektif", cells.date,
              msg.bad_date("Tanggal Efektif"), required=True,
              hint="Biasanya tanggal penandatanganan."),
        Field("Disahkan Oleh", "disahkan_oleh", cells.text, required=True,
              hint="Jabatan pengesah, mis. Kepala BPKPAD."),
        Field("Nama Pengesah", "nama_pengesah", cells.text, required=True,
              hint="Nama dengan gelar, seperti dicetak."),
        Field("NIP Pengesah", "nip", cells.nip, text_cell=True,
              hint="18 digit, diketik sebagai teks: 19780601 200501 1 016."),
        Field("Pangkat Pengesah", "pangkat", cells.text, hint="Mis. Pembina Tk. I (IV/b)."),
        Field("Tempat", "tempat", cells.text,
              hint="Tempat penandatanganan, mis. Paringin."),
        # The name as typed; validate.identity finds the file beside the workbook.
        Field("Logo", "logo", cells.text,
              hint="Berkas PNG/JPEG di folder buku kerja ini, mis. logo.png."),
    ),
)  # fmt: skip


# --- Ketentuan, Pelaksana ---------------------------------------------------------------

KETENTUAN = Sheet(
    name="Ketentuan",
    required=True,
    prepared_rows=60,
    columns=tuple(
        Column(title, 40, "Satu butir per sel, ke bawah. Tanpa nomor: dokumen menomorinya sendiri.",
               attr=attr, required=True, printed=True)
        for attr, title in PROVISION_FIELDS  # the headings the identity page prints
    ),
)  # fmt: skip

ROLE_NAME = Column("Pelaksana", 40, "Jabatan pelaksana, satu per baris, urut kolom kiri ke kanan.",
                   attr="name", required=True, printed=True)  # fmt: skip
ROLE_SHORT = Column("Singkatan", 16, "Tidak wajib. Label singkat untuk kolom yang sempit.",
                    attr="short", printed=True)  # fmt: skip
PELAKSANA = Sheet(name="Pelaksana", required=True, columns=(ROLE_NAME, ROLE_SHORT))


# --- Prosedur ---------------------------------------------------------------------------

KINDS = choices_of(Kind)

STEP_NO = Column("No", 6, "Nomor langkah: 1, 2, 3, … berurutan tanpa celah.",
                 attr="no", required=True)
KEGIATAN = Column("Kegiatan", 45, "Kegiatan yang dilakukan, tanpa menyebut pelaksananya.",
                  attr="kegiatan", required=True, printed=True)
STEP_ROLES = Column(
    "Pelaksana", 28, "Jabatan pelaksana dari lembar Pelaksana (nama atau singkatan). "
    "Langkah bersama: pisahkan dengan ';', mis. 'Kepala Bidang; Kepala Seksi'.",
    attr="roles", required=True,
    dropdown=Dropdown("Pelaksana", "Bukan nama dari lembar Pelaksana. Untuk langkah bersama, "
                      "pisahkan dengan ';'.", names_from=PELAKSANA, lenient=True),
)
JENIS = Column(
    "Jenis", 12, "Mulai, Proses, Keputusan atau Selesai. Kosong: Mulai untuk langkah "
    "pertama, Selesai untuk yang terakhir, Proses untuk lainnya.",
    attr="kind", choices=KINDS,
    dropdown=Dropdown("Jenis", "Pilih Mulai, Proses, Keputusan atau Selesai, atau kosongkan."),
)
JIKA_YA = Column("Jika Ya", 9, "Hanya untuk Keputusan: nomor langkah bila jawabannya Ya. "
                 "Kosong: langkah berikutnya.", attr="if_yes")
JIKA_TIDAK = Column(
    "Jika Tidak", 10, "Wajib untuk Keputusan: nomor langkah bila jawabannya Tidak "
    "(langkah sebelumnya untuk perbaikan, langkah ini sendiri untuk mengulang sampai Ya, "
    "atau langkah sesudahnya).", attr="if_no",
)
LABEL_YA = Column(
    "Label Ya", 11, "Tidak wajib, hanya untuk Keputusan: kata di jalur Ya bila bukan 'Ya', "
    f"mis. 'Lengkap', 'Valid', 'Setuju' (paling banyak {LABEL_MAX} karakter). '-': tanpa label.",
    attr="label_yes", printed=True,
)
LABEL_TIDAK = Column(
    "Label Tidak", 12, "Tidak wajib, hanya untuk Keputusan: kata di jalur Tidak bila bukan "
    f"'Tidak', mis. 'Belum lengkap', 'Revisi' (paling banyak {LABEL_MAX} karakter). '-': tanpa "
    "label.", attr="label_no", printed=True,
)
KELENGKAPAN = Column("Kelengkapan", 22, "Mutu baku: dokumen/persyaratan yang diperlukan.",
                     attr="kelengkapan", printed=True)
# Optional, and its absence a warning (v1.1): validate.procedure says so once.
WAKTU = Column(
    "Waktu", 12, "Mutu baku: standar waktu, mis. '15 menit', '1,5 jam', '2 hari', "
    "'5-10 menit', '1 x 24 jam'. Tulis '-' bila tidak ada standar waktu; syarat seperti "
    "'Sesuai kebutuhan' dicetak apa adanya tetapi tidak ikut dihitung.",
    attr="waktu", printed=True, text_cells=True,
)
OUTPUT = Column("Output", 22, "Mutu baku: hasil langkah ini.", attr="output", printed=True)
KETERANGAN = Column("Keterangan", 25, "Catatan, mis. batas waktu 'Paling lambat tanggal 10'.",
                    attr="keterangan", printed=True)

PROSEDUR = Sheet(
    name="Prosedur",
    required=True,
    prepared_rows=200,
    columns=(STEP_NO, KEGIATAN, STEP_ROLES, JENIS, JIKA_YA, JIKA_TIDAK, LABEL_YA, LABEL_TIDAK,
             KELENGKAPAN, WAKTU, OUTPUT, KETERANGAN),
)  # fmt: skip


# --- Pengaturan -------------------------------------------------------------------------

PAPERS = choices_of(Paper, squeeze=True)
ORIENTATIONS: Choices[bool] = Choices(
    (("Lanskap", True), ("Potret", False)), aliases=(("Landscape", True), ("Portrait", False))
)
CLOSING_SIGNATURES = choices_of(ClosingSignature)

PENGATURAN = KeyValueSheet(
    name="Pengaturan",
    text_values=True,  # '7,5' and '07:30' stay as typed
    columns=_key_value_columns(
        (26, "Nama pengaturan. Jangan diubah."),
        (16, "Nilai pengaturan; kosong berarti nilai bawaan."),
        (50, "Petunjuk; kolom ini tidak dibaca sopgen."),
        printed=False,
    ),
    fields=(
        Field("Ukuran Kertas", "paper", PAPERS, msg.bad_paper(), default="A4",
              hint="A4, F4 (215 × 330 mm), Letter atau Legal."),
        Field("Orientasi", "landscape", ORIENTATIONS, msg.bad_orientation(), default="Lanskap",
              hint="Lanskap atau Potret."),
        Field("Jam Kerja per Hari", "hours_per_day", cells.hours, msg.bad_hours(),
              default="7,5", hint="Jam kerja satu hari (Perpres 21/2023: 7,5)."),
        Field("Hari Kerja per Minggu", "days_per_week", cells.days_per_week, msg.bad_week(),
              default="5", hint="5 (Senin-Jumat) atau 6 (Senin-Sabtu)."),
        Field("Hari Kerja per Bulan", "days_per_month", cells.days_per_month, msg.bad_month(),
              default="22", hint="Hari kerja dalam sebulan."),
        Field("Jam Masuk", "day_start", cells.clock, msg.bad_clock(), default="07:30",
              hint="Jam mulai hari kerja."),
        Field("Maks Langkah per Halaman", "max_steps_per_page", cells.steps_cap, msg.bad_cap(),
              hint="Kosong: sebanyak yang muat."),
        Field("Tanggal Mulai", "start_date", cells.date, msg.bad_date("Tanggal Mulai"),
              hint="Tidak wajib. Tanggal mulai untuk kalender timeline."),
        Field("Tanda Tangan Penutup", "closing_signature", CLOSING_SIGNATURES,
              msg.bad_closing_signature(), default="Otomatis",
              hint="Blok tanda tangan setelah tabel prosedur: Ya, Tidak, atau Otomatis (dicetak "
              "bila tidak menambah halaman; tanda tangan selalu ada di halaman identitas)."),
    ),
)  # fmt: skip


# --- Libur, Riwayat ---------------------------------------------------------------------

HOLIDAY_DATE = Column("Tanggal", 16, "Hari libur tambahan (cuti bersama, libur daerah), satu "
                      "per baris.", attr="day", required=True)  # fmt: skip
HOLIDAY_NAME = Column("Keterangan", 40, "Nama hari libur.", attr="name")
LIBUR = Sheet(name="Libur", columns=(HOLIDAY_DATE, HOLIDAY_NAME))

# v1.1's revision history. Not read yet (a later issue): the reader parses it and
# a note about its cells (a merged cell, an uncomputed formula) is still a warning.
RIWAYAT = Sheet(
    name="Riwayat",
    columns=tuple(Column(h) for h in (
        "Revisi ke", "Tanggal", "Uraian Perubahan", "Status", "Diganti Oleh",
    )),
)  # fmt: skip


# --- all of them ------------------------------------------------------------------------

# What validation reads and `sopgen new` writes, in the blank workbook's order.
SHEETS: tuple[Sheet, ...] = (IDENTITAS, KETENTUAN, PELAKSANA, PROSEDUR, PENGATURAN, LIBUR)
# Every sheet the reader parses; any other sheet is a name only.
ALL_SHEETS: tuple[Sheet, ...] = (*SHEETS, RIWAYAT)
# Labels of both key/value sheets: a 'did you mean' never suggests another field's row.
KNOWN_LABELS = frozenset(fold(f.label) for s in (IDENTITAS, PENGATURAN) for f in s.fields)
