"""`sopgen new`: a blank workbook a planner can fill without a manual.

Headers carry comments (row 2 is already data), dropdowns offer the fixed
values, and a filled example sheet shows a finished procedure. This and
`sopgen.impor.writer` (which fills this same workbook) are the only modules
that know openpyxl's writing side.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sopgen.atomic import write_atomic

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_AUTHOR = "sopgen"

# (header, width, comment)
_PROSEDUR: tuple[tuple[str, int, str], ...] = (
    ("No", 6, "Nomor langkah: 1, 2, 3, … berurutan tanpa celah."),
    ("Kegiatan", 45, "Kegiatan yang dilakukan, tanpa menyebut pelaksananya."),
    ("Pelaksana", 28, "Jabatan pelaksana dari lembar Pelaksana (nama atau singkatan). "
     "Langkah bersama: pisahkan dengan ';', mis. 'Kepala Bidang; Kepala Seksi'."),
    ("Jenis", 12, "Mulai, Proses, Keputusan atau Selesai. Kosong: Mulai untuk langkah "
     "pertama, Selesai untuk yang terakhir, Proses untuk lainnya."),
    ("Jika Ya", 9, "Hanya untuk Keputusan: nomor langkah bila jawabannya Ya. "
     "Kosong: langkah berikutnya."),
    ("Jika Tidak", 10, "Wajib untuk Keputusan: nomor langkah bila jawabannya Tidak "
     "(langkah sebelumnya untuk perbaikan, langkah ini sendiri untuk mengulang sampai Ya, "
     "atau langkah sesudahnya)."),
    ("Label Ya", 11, "Tidak wajib, hanya untuk Keputusan: kata di jalur Ya bila bukan 'Ya', "
     "mis. 'Lengkap', 'Valid', 'Setuju' (paling banyak 20 karakter). '-': tanpa label."),
    ("Label Tidak", 12, "Tidak wajib, hanya untuk Keputusan: kata di jalur Tidak bila bukan "
     "'Tidak', mis. 'Belum lengkap', 'Revisi' (paling banyak 20 karakter). '-': tanpa label."),
    ("Kelengkapan", 22, "Mutu baku: dokumen/persyaratan yang diperlukan."),
    ("Waktu", 12, "Mutu baku: standar waktu, mis. '15 menit', '1,5 jam', '2 hari', "
     "'5-10 menit', '1 x 24 jam'. Tulis '-' bila tidak ada standar waktu; syarat seperti "
     "'Sesuai kebutuhan' dicetak apa adanya tetapi tidak ikut dihitung."),
    ("Output", 22, "Mutu baku: hasil langkah ini."),
    ("Keterangan", 25, "Catatan, mis. batas waktu 'Paling lambat tanggal 10'."),
)  # fmt: skip

_IDENTITAS: tuple[tuple[str, str], ...] = (
    ("Instansi", "Tidak wajib. Instansi di atas unit, mis. Kabupaten Balangan."),
    ("Satuan Kerja", "Wajib. Unit pemilik SOP."),
    ("Nomor SOP", "Wajib. Nomor resmi SOP."),
    ("Nama SOP", "Wajib. Judul SOP."),
    ("Tanggal Pembuatan", "Wajib. Mis. 01 Juli 2023 atau tanggal Excel."),
    ("Tanggal Revisi", "Tidak wajib. Tidak boleh sebelum Tanggal Pembuatan."),
    ("Tanggal Efektif", "Wajib. Biasanya tanggal penandatanganan."),
    ("Disahkan Oleh", "Wajib. Jabatan pengesah, mis. Kepala BPKPAD."),
    ("Nama Pengesah", "Wajib. Nama dengan gelar, seperti dicetak."),
    ("NIP Pengesah", "Tidak wajib. 18 digit, diketik sebagai teks: 19780601 200501 1 016."),
    ("Pangkat Pengesah", "Tidak wajib. Mis. Pembina Tk. I (IV/b)."),
    ("Tempat", "Tidak wajib. Tempat penandatanganan, mis. Paringin."),
    ("Logo", "Tidak wajib. Berkas PNG/JPEG di folder buku kerja ini, mis. logo.png."),
)

_KETENTUAN = (
    "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan",
    "Peralatan/Perlengkapan", "Peringatan", "Pencatatan dan Pendataan",
)  # fmt: skip

_PENGATURAN: tuple[tuple[str, str | None, str], ...] = (
    ("Ukuran Kertas", "A4", "A4, F4 (215 × 330 mm), Letter atau Legal."),
    ("Orientasi", "Lanskap", "Lanskap atau Potret."),
    ("Jam Kerja per Hari", "7,5", "Jam kerja satu hari (Perpres 21/2023: 7,5)."),
    ("Hari Kerja per Minggu", "5", "5 (Senin-Jumat) atau 6 (Senin-Sabtu)."),
    ("Hari Kerja per Bulan", "22", "Hari kerja dalam sebulan."),
    ("Jam Masuk", "07:30", "Jam mulai hari kerja."),
    ("Maks Langkah per Halaman", None, "Kosong: sebanyak yang muat."),
    ("Tanggal Mulai", None, "Tidak wajib. Tanggal mulai untuk kalender timeline."),
    ("Tanda Tangan Penutup", "Otomatis", "Blok tanda tangan setelah tabel prosedur: Ya, "
     "Tidak, atau Otomatis (dicetak bila tidak menambah halaman; tanda tangan selalu ada di "
     "halaman identitas)."),
)

_EXAMPLE_ROLES = (("Kepala Bidang", "Kabid"), ("Kepala Seksi", "Kasi"), ("Staf", None))
_EXAMPLE_STEPS: tuple[tuple[str | int | None, ...], ...] = (
    (1, "Menerima disposisi surat permohonan", "Kabid", None, None, None, None, None,
     "Surat permohonan", "15 menit", "Disposisi", None),
    (2, "Memeriksa kelengkapan berkas", "Kasi", None, None, None, None, None,
     "Berkas permohonan", "30 menit", "Berkas diperiksa", None),
    (3, "Berkas lengkap?", "Kasi", "Keputusan", None, 2, "Lengkap", "Belum lengkap",
     "Daftar periksa", "10 menit", "Hasil pemeriksaan", "Belum lengkap: dikembalikan"),
    (4, "Menyusun konsep surat jawaban", "Staf", None, None, None, None, None,
     "Berkas lengkap", "1 jam", "Konsep surat", None),
    (5, "Menandatangani surat jawaban", "Kabid; Kasi", None, None, None, None, None,
     "Konsep surat", "1 hari", "Surat jawaban", "Paling lambat 3 hari kerja"),
)  # fmt: skip


def write_blank_workbook(path: Path) -> None:
    """Write the blank workbook atomically (the caller decides about overwriting)."""
    wb = blank_workbook()
    write_atomic(path, lambda tmp: wb.save(tmp))


def blank_workbook() -> Workbook:
    """The blank workbook in memory: `sopgen impor` fills this same one."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    _identitas(wb.create_sheet("Identitas"))
    _ketentuan(wb.create_sheet("Ketentuan"))
    _pelaksana(wb.create_sheet("Pelaksana"))
    _prosedur(wb.create_sheet("Prosedur"))
    _pengaturan(wb.create_sheet("Pengaturan"))
    _libur(wb.create_sheet("Libur"))
    _example(wb.create_sheet("Contoh Prosedur"))
    return wb


def _headers(ws: Worksheet, columns: Sequence[tuple[str, int, str]]) -> None:
    for col, (title, width, note) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        comment = Comment(note, _AUTHOR)
        comment.width, comment.height = 320, 110
        cell.comment = comment
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _wrap_columns(ws: Worksheet, count: int, rows: int = 200) -> None:
    for row in ws.iter_rows(min_row=2, max_row=rows, max_col=count):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _identitas(ws: Worksheet) -> None:
    _headers(ws, (
        ("Isian", 24, "Nama isian. Jangan diubah."),
        ("Nilai", 50, "Isi nilainya di kolom ini."),
        ("Petunjuk", 60, "Petunjuk pengisian; kolom ini tidak dibaca sopgen."),
    ))  # fmt: skip
    for r, (label, hint) in enumerate(_IDENTITAS, start=2):
        ws.cell(row=r, column=1, value=label).font = _HEADER_FONT
        ws.cell(row=r, column=3, value=hint)
        if label == "NIP Pengesah":
            ws.cell(row=r, column=2).number_format = "@"


def _ketentuan(ws: Worksheet) -> None:
    note = "Satu butir per sel, ke bawah. Tanpa nomor: dokumen menomorinya sendiri."
    _headers(ws, [(title, 40, note) for title in _KETENTUAN])
    _wrap_columns(ws, len(_KETENTUAN), 60)


def _pelaksana(ws: Worksheet) -> None:
    _headers(ws, (
        ("Pelaksana", 40, "Jabatan pelaksana, satu per baris, urut kolom kiri ke kanan."),
        ("Singkatan", 16, "Tidak wajib. Label singkat untuk kolom yang sempit."),
    ))  # fmt: skip


def _prosedur(ws: Worksheet) -> None:
    _headers(ws, _PROSEDUR)
    _wrap_columns(ws, len(_PROSEDUR))
    waktu = _column_of(_PROSEDUR, "Waktu")
    for r in range(2, 201):
        ws.cell(row=r, column=waktu).number_format = "@"
    roles = DataValidation(
        type="list", formula1="=Pelaksana!$A$2:$B$100", allow_blank=True,
        errorStyle="warning", showErrorMessage=True, errorTitle="Pelaksana",
        error="Bukan nama dari lembar Pelaksana. Untuk langkah bersama, pisahkan dengan ';'.",
    )  # fmt: skip
    roles.add(_range_of(_PROSEDUR, "Pelaksana"))
    kinds = DataValidation(
        type="list", formula1='"Mulai,Proses,Keputusan,Selesai"', allow_blank=True,
        showErrorMessage=True, errorTitle="Jenis",
        error="Pilih Mulai, Proses, Keputusan atau Selesai, atau kosongkan.",
    )  # fmt: skip
    kinds.add(_range_of(_PROSEDUR, "Jenis"))
    ws.add_data_validation(roles)
    ws.add_data_validation(kinds)


def _column_of(columns: Sequence[tuple[str, int, str]], title: str) -> int:
    return 1 + [t for t, _, _ in columns].index(title)


def _range_of(columns: Sequence[tuple[str, int, str]], title: str) -> str:
    letter = get_column_letter(_column_of(columns, title))
    return f"{letter}2:{letter}200"


def _pengaturan(ws: Worksheet) -> None:
    _headers(ws, (
        ("Isian", 26, "Nama pengaturan. Jangan diubah."),
        ("Nilai", 16, "Nilai pengaturan; kosong berarti nilai bawaan."),
        ("Petunjuk", 50, "Petunjuk; kolom ini tidak dibaca sopgen."),
    ))  # fmt: skip
    lists = {"Ukuran Kertas": '"A4,F4,Letter,Legal"', "Orientasi": '"Lanskap,Potret"',
             "Tanda Tangan Penutup": '"Otomatis,Ya,Tidak"'}
    for r, (label, value, hint) in enumerate(_PENGATURAN, start=2):
        ws.cell(row=r, column=1, value=label).font = _HEADER_FONT
        cell = ws.cell(row=r, column=2, value=value)
        cell.number_format = "@"
        ws.cell(row=r, column=3, value=hint)
        if label in lists:
            dv = DataValidation(type="list", formula1=lists[label], allow_blank=True,
                                showErrorMessage=True)
            dv.add(f"B{r}")
            ws.add_data_validation(dv)


def _libur(ws: Worksheet) -> None:
    _headers(ws, (
        ("Tanggal", 16, "Hari libur tambahan (cuti bersama, libur daerah), satu per baris."),
        ("Keterangan", 40, "Nama hari libur."),
    ))  # fmt: skip


def _example(ws: Worksheet) -> None:
    """A filled procedure to copy from; sopgen ignores this sheet."""
    _headers(ws, _PROSEDUR)
    _wrap_columns(ws, len(_PROSEDUR), len(_EXAMPLE_STEPS) + 6)
    for r, values in enumerate(_EXAMPLE_STEPS, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    r = len(_EXAMPLE_STEPS) + 3
    ws.cell(row=r, column=2, value="Contoh lembar Pelaksana untuk langkah di atas:")
    for i, (name, short) in enumerate(_EXAMPLE_ROLES, start=r + 1):
        ws.cell(row=i, column=2, value=name)
        ws.cell(row=i, column=3, value=short)
