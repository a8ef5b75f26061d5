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

"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sopgen import cells
from sopgen import messages as msg
from sopgen.model import (
    BSRE_FOOTNOTE,
    PROVISION_FIELDS,
    ClosingSignature,
    Kind,
    Paper,
    RevisionStatus,
    Signing,
)
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


# --- electronic signing (issue 14) ----------------------------------------------------

URL_MAX = 150  # characters of URL Verifikasi: beyond it the 20 mm QR code's modules get
# smaller than 0.37 mm, which a phone no longer reads reliably from paper


def verification_url(value: CellValue) -> str | None:
    """An http(s) address without white space, as a QR code carries it; None refuses."""
    text = cells.text(value).strip()
    ok = (text.lower().startswith(("https://", "http://")) and len(text) <= URL_MAX
          and len(text) > len("https://") and not any(c.isspace() for c in text)
          and text.isprintable())
    return text if ok else None


def anchor_char(value: CellValue) -> str | None:
    """One printable character that is no letter, digit or space (it must not occur in
    words); None refuses."""
    text = cells.text(value).strip()
    return text if len(text) == 1 and text.isprintable() and not text.isalnum() else None


SIGNINGS = choices_of(Signing)


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
        Field("Tanda Tangan", "tanda_tangan", SIGNINGS, msg.bad_signing(), default="Basah",
              hint="Basah (ruang tanda tangan dan stempel) atau Elektronik (tempat tanda "
              "tangan elektronik bertanda jangkar, dan catatan TTE di setiap halaman)."),
        Field("URL Verifikasi", "url_verifikasi", verification_url, msg.bad_verification_url(),
              hint="Hanya untuk Tanda Tangan Elektronik: alamat verifikasi dokumen, dicetak "
              "sebagai kode QR di samping tanda tangan."),
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
        Field("Jangkar Tanda Tangan", "anchor", anchor_char, msg.bad_anchor(), default="#",
              hint="Tanda Tangan Elektronik: satu karakter di tempat tanda tangan, tempat "
              "layanan TTE (mis. BSrE) menaruh tanda tangan."),
        Field("Catatan Tanda Tangan Elektronik", "footnote", cells.text, default=BSRE_FOOTNOTE,
              hint="Tanda Tangan Elektronik: kalimat di kaki setiap halaman (paling banyak "
              "2 baris). Kosong: kalimat BSrE/BSSN bawaan."),
    ),
)  # fmt: skip


# --- Libur, Riwayat ---------------------------------------------------------------------

HOLIDAY_DATE = Column("Tanggal", 16, "Hari libur tambahan (cuti bersama, libur daerah), satu "
                      "per baris.", attr="day", required=True)  # fmt: skip
HOLIDAY_NAME = Column("Keterangan", 40, "Nama hari libur.", attr="name")
LIBUR = Sheet(name="Libur", columns=(HOLIDAY_DATE, HOLIDAY_NAME))

# v1.1's revision history (optional): validate.riwayat reads it, layout.riwayat prints it.
REVISION_STATUSES = choices_of(RevisionStatus)
REV_NO = Column("Revisi ke", 10, "Nomor revisi: 0 untuk terbitan pertama, lalu 1, 2, 3 … "
                "urut ke bawah, revisi terbaru paling bawah.", attr="number", required=True)
REV_DATE = Column("Tanggal", 16, "Tanggal revisi itu. Tanggal revisi terbaru harus sama dengan "
                  "Tanggal Revisi di lembar Identitas.", attr="day", required=True)
REV_TEXT = Column("Uraian Perubahan", 50, "Apa yang diubah, mis. 'Langkah 4 ditambah; waktu "
                  "langkah 6 menjadi 2 hari'.", attr="uraian", required=True, printed=True)
REV_STATUS = Column(
    "Status", 12, "Berlaku, Diganti atau Dicabut. Kosong: Berlaku untuk revisi terbaru, "
    "Diganti untuk yang sebelumnya.", attr="status", choices=REVISION_STATUSES,
    dropdown=Dropdown("Status", "Pilih Berlaku, Diganti atau Dicabut, atau kosongkan."),
)
REV_BY = Column("Diganti Oleh", 22, "Nomor SOP pengganti, wajib bila revisi terbaru berstatus "
                "Diganti.", attr="replaced_by", printed=True)
RIWAYAT = Sheet(
    name="Riwayat",
    prepared_rows=30,
    columns=(REV_NO, REV_DATE, REV_TEXT, REV_STATUS, REV_BY),
)


# --- Buku, Istilah: the book of a unit's SOPs (sopgen buku) ------------------------------

BUKU = KeyValueSheet(
    name="Buku",
    required=True,  # in the book workbook; an SOP workbook may carry it too
    says_required=True,
    columns=_key_value_columns(
        (24, "Nama isian. Jangan diubah."),
        (60, "Isi nilainya di kolom ini."),
        (60, "Petunjuk pengisian; kolom ini tidak dibaca sopgen."),
        printed=True,
    ),
    fields=(
        Field("Judul", "judul", cells.text, default="Standar Operasional Prosedur",
              hint="Judul di sampul."),
        Field("Instansi", "instansi", cells.text, hint="Mis. Pemerintah Kabupaten Balangan."),
        Field("Satuan Kerja", "satuan_kerja", cells.text, required=True,
              hint="Unit pemilik SOP di buku ini."),
        Field("Tahun", "tahun", cells.whole, msg.buku_bad_year(), required=True,
              hint="Tahun buku, mis. 2024."),
        Field("Logo", "logo", cells.text,
              hint="Berkas PNG/JPEG di folder buku kerja ini, mis. logo.png."),
        Field("Nomor Keputusan", "nomor_keputusan", cells.text, required=True,
              hint="Nomor keputusan penetapan SOP, mis. 800/123/BPKPAD/2024."),
        Field("Tanggal Keputusan", "tanggal_keputusan", cells.date,
              msg.bad_date("Tanggal Keputusan"), required=True, hint="Tanggal ditetapkan."),
        Field("Tentang", "tentang", cells.text, required=True,
              hint="Mis. Standar Operasional Prosedur Administrasi Pemerintahan di "
              "Lingkungan BPKPAD."),
        Field("Jabatan Penetap", "jabatan", cells.text, required=True,
              hint="Jabatan pejabat yang menetapkan, mis. Kepala BPKPAD."),
        Field("Nama Penetap", "nama", cells.text, required=True,
              hint="Nama dengan gelar, seperti dicetak."),
        Field("NIP Penetap", "nip", cells.nip, text_cell=True,
              hint="18 digit, diketik sebagai teks."),
        Field("Pangkat Penetap", "pangkat", cells.text, hint="Mis. Pembina Utama Muda (IV/c)."),
        Field("Tempat", "tempat", cells.text, hint="Tempat penetapan, mis. Paringin."),
        Field("Menimbang", "menimbang", cells.text,
              hint="Pertimbangan keputusan, satu butir per baris (Alt+Enter)."),
        Field("Mengingat", "mengingat", cells.text,
              hint="Dasar hukum keputusan, satu butir per baris (Alt+Enter)."),
        Field("Ruang Lingkup", "ruang_lingkup", cells.text,
              hint="Ruang lingkup buku untuk petunjuk singkat, mis. SOP bidang apa saja."),
        Field("Petunjuk", "petunjuk", cells.text,
              hint="Tidak wajib. Petunjuk membaca SOP; kosong: petunjuk bawaan sopgen."),
    ),
)  # fmt: skip

TERM = Column("Istilah", 30, "Istilah yang dipakai dalam SOP buku ini.", attr="term",
              required=True, printed=True)
MEANING = Column("Pengertian", 80, "Pengertian istilah itu.", attr="meaning", required=True,
                 printed=True)
ISTILAH = Sheet(name="Istilah", prepared_rows=40, columns=(TERM, MEANING))


# --- monev: the answers workbook of `sopgen monev` (PermenPAN-RB 35/2012) --------------
# Not a SOP workbook's sheets (not in ALL_SHEETS: a SOP workbook's own sheet of such a name
# stays unread): `sopgen monev` writes a workbook of these three, prefilled from the SOP,
# for the assessor to fill; `sopgen monev --jawaban` reads it back (MONEV_NAMES).

MONEV_RESULTS = Choices(
    (("Berjalan dengan baik", True), ("Tidak berjalan dengan baik", False)),
    aliases=(("Baik", True), ("Tidak baik", False), ("Ya", True), ("Tidak", False)),
)
MONEV_YES_NO = Choices((("Ya", True), ("Tidak", False)))

PENILAIAN = KeyValueSheet(
    name="Penilaian",
    required=True,
    says_required=True,
    columns=_key_value_columns(
        (24, "Nama isian. Jangan diubah."),
        (50, "Isi nilainya di kolom ini."),
        (60, "Petunjuk pengisian; kolom ini tidak dibaca sopgen."),
        printed=True,
    ),
    fields=(
        Field("Nomor SOP", "nomor", cells.text, required=True,
              hint="Nomor SOP yang dinilai, seperti di buku kerja SOP. Jangan diubah."),
        Field("Nama SOP", "nama", cells.text, hint="Diisi sopgen; tidak dibaca."),
        Field("Satuan Kerja", "satuan_kerja", cells.text, hint="Unit yang dinilai."),
        Field("Periode", "periode", cells.text,
              hint="Mis. Semester I 2024 (monitoring tiap 6 bulan, evaluasi tiap tahun)."),
        Field("Tanggal Penilaian", "tanggal", cells.date, msg.bad_date("Tanggal Penilaian"),
              hint="Mis. 15 Juli 2024."),
        Field("Nama Penilai", "penilai", cells.text, hint="Nama evaluator/penilai."),
        Field("NIP Penilai", "nip", cells.nip, text_cell=True,
              hint="18 digit, diketik sebagai teks."),
    ),
)  # fmt: skip

MONITORING = Sheet(
    name="Monitoring",
    required=True,
    prepared_rows=200,  # `sopgen monev` prepares exactly the SOP's steps
    columns=(
        Column("No", 6, "Nomor langkah SOP. Jangan diubah.", attr="no", required=True),
        Column("Prosedur", 45, "Kegiatan langkah itu (diisi sopgen; tidak dibaca).",
               read=False),
        Column("Penilaian", 26, "Berjalan dengan baik atau Tidak berjalan dengan baik.",
               attr="baik", required=True, choices=MONEV_RESULTS,
               dropdown=Dropdown("Penilaian", "Pilih Berjalan dengan baik atau Tidak "
                                 "berjalan dengan baik.")),
        Column("Catatan Hasil Penilaian", 35, "Tidak wajib.", attr="catatan", printed=True),
        Column("Tindakan yang Harus Diambil", 35, "Tidak wajib; perlu bila tidak berjalan "
               "dengan baik.", attr="tindakan", printed=True),
    ),
)  # fmt: skip

EVALUASI = Sheet(
    name="Evaluasi",
    required=True,
    prepared_rows=8,  # the seven criteria under the header
    columns=(
        Column("No", 6, "Nomor kriteria, 1 sampai 7. Jangan diubah.", attr="no",
               required=True),
        Column("Kriteria", 50, "Kriteria evaluasi (diisi sopgen; tidak dibaca).", read=False),
        Column("Jawaban", 10, "Ya atau Tidak.", attr="ya", required=True,
               choices=MONEV_YES_NO, dropdown=Dropdown("Jawaban", "Pilih Ya atau Tidak.")),
        Column("Catatan", 40, "Tidak wajib.", attr="catatan", printed=True),
    ),
)  # fmt: skip

MONEV_SHEETS: tuple[Sheet, ...] = (PENILAIAN, MONITORING, EVALUASI)
MONEV_NAMES = frozenset(fold(s.name) for s in MONEV_SHEETS)


# --- all of them ------------------------------------------------------------------------

# What validation reads and `sopgen new` writes, in the blank workbook's order.
SHEETS: tuple[Sheet, ...] = (IDENTITAS, KETENTUAN, PELAKSANA, PROSEDUR, PENGATURAN, LIBUR,
                             RIWAYAT)
# Every sheet the reader parses; any other sheet is a name only.
ALL_SHEETS: tuple[Sheet, ...] = (*SHEETS, BUKU, ISTILAH)  # Buku: sopgen buku
# Labels of both key/value sheets: a 'did you mean' never suggests another field's row.
KNOWN_LABELS = frozenset(fold(f.label) for s in (IDENTITAS, PENGATURAN) for f in s.fields)
