"""Every sentence a planner can read, in Bahasa Indonesia.

Kept in one place so the wording stays consistent and can be reviewed by
someone who reads Indonesian without reading code. Each sentence says what
is wrong and what would be right; the caller prefixes the sheet and cell.
"""

from __future__ import annotations


def _maybe(near: str | None) -> str:
    return f" Maksud Anda '{near}'?" if near else ""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


# --- reading the file ---------------------------------------------------------


def file_missing(path: str) -> str:
    return f"{path}: berkas tidak ditemukan. Periksa nama dan foldernya."


def file_is_folder(path: str) -> str:
    return f"{path}: ini sebuah folder, bukan berkas .xlsx."


def file_unreadable(name: str, reason: str) -> str:
    return f"{name}: berkas tidak dapat dibuka ({reason}). Periksa izin aksesnya."


def file_empty(name: str) -> str:
    return f"{name}: berkas kosong (0 byte). Simpan ulang buku kerja dari Excel sebagai .xlsx."


def file_too_big(name: str, size: int, limit: int) -> str:
    return (
        f"{name}: berkas terlalu besar ({_mb(size)}); batasnya {_mb(limit)}. "
        "Buku kerja SOP biasanya di bawah 1 MB: hapus lembar atau gambar yang tidak perlu."
    )


def workbook_encrypted(name: str) -> str:
    return (
        f"{name}: buku kerja dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
        "(File > Info > Protect Workbook), lalu simpan ulang."
    )


def workbook_old_xls(name: str) -> str:
    return (
        f"{name}: ini format Excel lama (.xls). Buka di Excel dan simpan sebagai "
        "'Excel Workbook (*.xlsx)'."
    )


def not_a_workbook(name: str) -> str:
    return (
        f"{name}: bukan buku kerja Excel .xlsx (mungkin CSV atau berkas lain yang diganti "
        "namanya). Buka di Excel dan simpan sebagai 'Excel Workbook (*.xlsx)'."
    )


def workbook_broken(name: str) -> str:
    return (
        f"{name}: buku kerja rusak dan tidak dapat dibaca. Buka di Excel (Excel dapat "
        "memperbaikinya) lalu simpan ulang sebagai .xlsx."
    )


def workbook_inflates(name: str) -> str:
    return (
        f"{name}: isi buku kerja terlalu besar setelah dibuka (lebih dari batas aman). "
        "Buku kerja SOP tidak sebesar ini: hapus lembar yang tidak perlu."
    )


def sheet_too_many_rows(name: str, sheet: str, limit: int) -> str:
    return (
        f"{name}: lembar '{sheet}' berisi data di bawah baris {limit}, terlalu banyak untuk "
        "SOP. Hapus baris yang tidak perlu."
    )


# --- sheets, columns, rows ------------------------------------------------


def sheet_missing(name: str, near: str | None) -> str:
    hint = f" Lembar '{near}' ada: ganti namanya menjadi '{name}'." if near else ""
    return f"lembar '{name}' tidak ada. Tambahkan lembar bernama '{name}'.{hint}"


def column_missing(name: str, sheet: str, near: str | None) -> str:
    hint = f" Kolom '{near}' ada: ganti judulnya menjadi '{name}'." if near else ""
    return f"kolom '{name}' tidak ada. Tulis '{name}' sebagai judul kolom di baris 1.{hint}"


def column_duplicate(name: str) -> str:
    return f"judul kolom '{name}' muncul dua kali. Hapus atau ganti nama salah satunya."


def row_duplicate(label: str) -> str:
    return f"isian '{label}' muncul dua kali. Hapus salah satunya."


def row_missing(label: str, near: str | None) -> str:
    return f"baris '{label}' tidak ada. Tambahkan baris dengan Isian '{label}'.{_maybe(near)}"


def value_empty(label: str) -> str:
    return f"{label} kosong. Isi sel ini."


def cell_formula_error(value: str) -> str:
    return f"sel berisi galat rumus {value}. Perbaiki rumusnya atau ketik nilainya langsung."


# --- Identitas --------------------------------------------------------------


def bad_date(label: str) -> str:
    return (
        f"{label} bukan tanggal yang dapat dibaca. Tulis seperti '01 Juli 2023', "
        "'01-07-2023' atau '2023-07-01', atau gunakan format tanggal Excel."
    )


def revision_before_made(made: str) -> str:
    return f"Tanggal Revisi tidak boleh sebelum Tanggal Pembuatan ({made}). Periksa tahunnya."


def effective_before_made(made: str) -> str:
    return f"Tanggal Efektif lebih awal dari Tanggal Pembuatan ({made}). Periksa kembali."


def nip_as_number() -> str:
    return (
        "NIP diketik sebagai angka, sehingga Excel sudah membuang digit terakhirnya. "
        "Ketik NIP sebagai teks: awali dengan tanda petik (') atau format sel sebagai Teks, "
        "mis. '19780601 200501 1 016."
    )


def nip_length(count: int) -> str:
    return (
        f"NIP harus 18 digit (boleh berspasi), bukan {count} digit. "
        "Contoh: 19780601 200501 1 016."
    )


def nip_birth_date(part: str) -> str:
    return f"8 digit pertama NIP ({part}) bukan tanggal lahir yang sah (TTTTBBHH). Periksa NIP."


def nip_appointment(part: str) -> str:
    return f"digit 9-14 NIP ({part}) bukan tahun-bulan pengangkatan yang sah (TTTTBB)."


def nip_appointment_before_birth(appointed: str, born: str) -> str:
    return (
        f"tahun-bulan pengangkatan NIP ({appointed}) tidak boleh sebelum tanggal lahirnya "
        f"({born}). Periksa NIP."
    )


def nip_gender(digit: str) -> str:
    return f"digit ke-15 NIP adalah jenis kelamin: 1 atau 2, bukan {digit}. Periksa NIP."


def logo_outside(name: str) -> str:
    return (
        f"logo '{name}' berada di luar folder buku kerja. Letakkan berkas logo di folder "
        "yang sama (atau subfoldernya) dan tulis namanya saja, mis. 'logo.png'."
    )


def logo_unreadable(name: str, why: str) -> str:
    return f"logo '{name}' tidak dapat dipakai: {why}"


def image_missing() -> str:
    return "berkasnya tidak ditemukan. Periksa nama berkas dan letakkan di folder buku kerja."


def image_too_big(limit: int) -> str:
    return f"gambarnya terlalu besar (batas {_mb(limit)}). Perkecil gambarnya."


def image_format(fmt: str) -> str:
    return f"formatnya {fmt}; gunakan gambar PNG atau JPEG."


def image_broken() -> str:
    return "berkasnya bukan gambar PNG/JPEG yang utuh. Simpan ulang gambarnya sebagai PNG."


# --- Pengaturan -------------------------------------------------------------


def bad_paper() -> str:
    return "Ukuran Kertas tidak dikenal. Pilih A4, F4, Letter atau Legal."


def bad_orientation() -> str:
    return "Orientasi tidak dikenal. Pilih Lanskap atau Potret."


def bad_hours() -> str:
    return (
        "Jam Kerja per Hari harus angka jam lebih dari 0 sampai 24 yang genap dalam menit, "
        "mis. 7,5 atau 8."
    )


def bad_week() -> str:
    return "Hari Kerja per Minggu harus 5 (Senin-Jumat) atau 6 (Senin-Sabtu)."


def bad_month() -> str:
    return "Hari Kerja per Bulan harus bilangan bulat 1 sampai 31, mis. 22."


def bad_clock() -> str:
    return "Jam Masuk harus berupa jam, mis. 07:30."


def bad_cap() -> str:
    return "Maks Langkah per Halaman harus bilangan bulat 1 atau lebih, mis. 8."


# --- Pelaksana --------------------------------------------------------------


def role_name_empty() -> str:
    return "Pelaksana kosong padahal Singkatan diisi. Isi nama jabatan pelaksana."


def role_duplicate(text: str, where: str) -> str:
    return (
        f"'{text}' sudah dipakai di {where}. Nama dan singkatan pelaksana harus unik: "
        "bedakan atau hapus salah satunya."
    )


def no_roles() -> str:
    return "belum ada pelaksana. Tulis minimal satu jabatan di kolom Pelaksana."


def role_idle(name: str) -> str:
    return f"pelaksana '{name}' tidak melaksanakan langkah apa pun. Hapus atau beri langkah."


# --- Prosedur ---------------------------------------------------------------


def no_steps() -> str:
    return "belum ada langkah. Tulis langkah-langkah mulai baris 2."


def step_no_empty(expected: int) -> str:
    return f"No kosong. Tulis nomor langkah {expected}."


def step_no_bad(text: str, expected: int) -> str:
    return f"No '{text}' bukan nomor langkah. Tulis bilangan bulat, di sini {expected}."


def step_no_duplicate(no: int, where: str) -> str:
    return f"nomor langkah {no} sudah dipakai di {where}. Nomor harus 1, 2, 3, … tanpa ganda."


def step_no_gap(no: int, expected: int) -> str:
    missing = f"{expected}" if no == expected + 1 else f"{expected} sampai {no - 1}"
    return (
        f"nomor langkah melompat ke {no}: nomor {missing} tidak ada. "
        "Nomor harus berurutan 1, 2, 3, … tanpa celah."
    )


def step_no_order(no: int, expected: int) -> str:
    return (
        f"nomor langkah {no} tidak urut: di baris ini seharusnya {expected}. "
        "Urutkan baris-barisnya sehingga nomornya 1, 2, 3, …"
    )


def kind_bad(text: str, near: str | None) -> str:
    return (
        f"Jenis '{text}' tidak dikenal. Pilih Mulai, Proses, Keputusan atau Selesai, "
        f"atau kosongkan.{_maybe(near.capitalize() if near else None)}"
    )


def role_unknown(name: str, near: str | None) -> str:
    return (
        f"pelaksana '{name}' tidak ada di lembar Pelaksana. Tulis nama atau singkatan "
        f"dari lembar Pelaksana, pisahkan beberapa pelaksana dengan ';'.{_maybe(near)}"
    )


def target_bad(label: str, text: str) -> str:
    return f"{label} '{text}' bukan nomor langkah. Tulis nomor langkah tujuan, mis. 6."


def target_self(label: str) -> str:
    return (f"{label} menunjuk langkah ini sendiri, sehingga jalur utama tidak pernah selesai. "
            "Tulis nomor langkah berikutnya (untuk mengulang sampai Ya, isi Jika Tidak dengan "
            "nomor langkah ini).")


def bad_closing_signature() -> str:
    return ("Tanda Tangan Penutup harus 'Otomatis', 'Ya' atau 'Tidak'. Otomatis: blok tanda "
            "tangan setelah tabel dicetak bila tidak menambah halaman.")


def bad_signing() -> str:
    return ("Tanda Tangan harus 'Basah' (ruang tanda tangan basah dan stempel) atau "
            "'Elektronik' (tempat tanda tangan elektronik bertanda jangkar).")


def bad_verification_url() -> str:
    return ("URL Verifikasi harus alamat web lengkap tanpa spasi, diawali 'https://' atau "
            "'http://', paling banyak 150 karakter, mis. https://tte.balangankab.go.id/verifikasi/123.")


def bad_anchor() -> str:
    return ("Jangkar Tanda Tangan harus satu karakter yang bukan spasi dan bukan huruf atau "
            "angka, mis. '#' (bawaan), '^' atau '$'.")


def verification_url_unused() -> str:
    return ("URL Verifikasi hanya dicetak sebagai kode QR bila Tanda Tangan 'Elektronik'; "
            "dengan tanda tangan basah ia diabaikan. Tulis 'Elektronik' pada Tanda Tangan atau "
            "kosongkan sel ini.")


def anchor_in_text(anchor: str) -> str:
    return (f"teks ini memuat karakter '{anchor}', jangkar tanda tangan elektronik: layanan "
            "tanda tangan (mis. BSrE) akan menaruh tanda tangan di sini juga. Hapus karakter "
            "itu, atau pilih jangkar lain pada Jangkar Tanda Tangan di lembar Pengaturan.")


def footnote_too_long(lines: int) -> str:
    return (f"Catatan Tanda Tangan Elektronik terlalu panjang: perlu {lines} baris di kaki "
            "halaman, padahal hanya muat 2 baris. Persingkat kalimatnya (kira-kira 250 "
            "karakter pada kertas potret).")


def closing_signature_left_out() -> str:
    return ("blok tanda tangan setelah tabel prosedur tidak dicetak karena akan menambah satu "
            "halaman; tanda tangan pengesah tetap ada di halaman identitas (Disahkan Oleh). "
            "Tulis 'Ya' pada Tanda Tangan Penutup di lembar Pengaturan untuk tetap mencetaknya, "
            "atau 'Tidak' agar pesan ini hilang.")


def total_partial(total: str, missing: int) -> str:
    return f"{total} ({missing} langkah tanpa standar waktu)"


def label_too_long(text: str, limit: int) -> str:
    return (f"label '{text}' terlalu panjang ({len(text)} karakter) untuk ditulis di samping "
            f"simbol keputusan. Tulis paling banyak {limit} karakter, mis. 'Lengkap' atau "
            "'Revisi', atau '-' bila tanpa label.")


def target_missing(label: str, value: int, count: int) -> str:
    return f"{label} menunjuk langkah {value}, padahal langkah hanya 1 sampai {count}."


def target_ignored(kind: str, column: str = "Jika Ya/Jika Tidak") -> str:
    return (
        f"{column} hanya berlaku untuk Jenis Keputusan; langkah {kind} ini "
        "mengabaikannya. Ubah Jenis menjadi Keputusan atau kosongkan sel ini."
    )


def decision_needs_no(no: int) -> str:
    return (
        f"langkah {no} adalah Keputusan tetapi Jika Tidak kosong. Tulis nomor langkah "
        "yang dituju bila jawabannya Tidak (langkah sebelumnya untuk perbaikan)."
    )


def last_is_decision() -> str:
    return (
        "langkah terakhir tidak boleh Keputusan. Tambahkan langkah Selesai sesudahnya "
        "atau ubah Jenis-nya."
    )


def last_not_end(kind: str) -> str:
    return (
        f"langkah terakhir berjenis {kind}, padahal alur harus berakhir di Selesai. "
        "Kosongkan Jenis atau tulis Selesai."
    )


def main_path_cycles(target: int) -> str:
    return (
        f"jalur utama (mengikuti Ya) kembali ke langkah {target} dan tidak pernah selesai. "
        "Jika Ya harus maju; tulis alur balik (perbaikan) di Jika Tidak."
    )


def step_unreachable(no: int) -> str:
    return (
        f"langkah {no} tidak pernah dicapai dari langkah 1. Periksa Jenis, Jika Ya dan "
        "Jika Tidak langkah-langkah sebelumnya."
    )


def step_no_end(no: int) -> str:
    return f"dari langkah {no} alur tidak pernah sampai ke langkah Selesai. Periksa alurnya."


# --- Waktu ------------------------------------------------------------------


def waktu_empty() -> str:
    return (
        "Waktu kosong: langkah ini dianggap tanpa standar waktu (dihitung 0 menit). "
        "Tulis standar waktu, mis. '15 menit' atau '2 hari', atau '-' bila memang tidak ada."
    )


def waktu_column_missing(sheet: str, near: str | None) -> str:
    hint = f" Kolom '{near}' ada: ganti judulnya menjadi 'Waktu'." if near else ""
    return (f"kolom 'Waktu' tidak ada di baris 1 lembar {sheet}: semua langkah dianggap "
            f"tanpa standar waktu. Tambahkan kolom Waktu agar total waktu dapat dihitung.{hint}")


def waktu_condition(text: str) -> str:
    return (
        f"Waktu '{text}' berupa syarat, bukan lama waktu: dicetak apa adanya, tetapi "
        "perhitungan waktu tidak dapat menghitungnya (dihitung 0 menit). Tulis lama waktu, "
        "mis. '1 hari', agar langkah ini ikut dihitung."
    )


def waktu_not_text(text: str) -> str:
    return (
        f"Waktu '{text}' bukan lama waktu. Tulis seperti '15 menit', '1,5 jam' atau "
        "'2 hari' (format sel: Teks)."
    )


def waktu_none() -> str:
    return "langkah ini tanpa standar waktu ('-'); dihitung 0 menit."


def waktu_long(text: str, days: int) -> str:
    return f"Waktu '{text}' lebih dari {days} hari kerja. Periksa apakah ini benar."


# --- the printed sheet -----------------------------------------------------


def font_missing(family: str) -> str:
    return (
        f"font {family} tidak terpasang, sehingga lembar SOP tidak dapat diukur dan dicetak. "
        "Jalankan 'make setup' atau 'apt-get install fonts-liberation2'."
    )


def roles_do_not_fit(count: int, need_mm: float, paper: str, fits: int,
                     roomier: str | None) -> str:
    where = (f"Pilih kertas {roomier} di lembar Pengaturan, atau kurangi jumlah pelaksana"
             if roomier else "Kurangi jumlah pelaksana")
    return (
        f"{count} kolom pelaksana tidak muat di kertas {paper}: tiap kolom perlu paling "
        f"sedikit {need_mm:.0f} mm untuk simbol dan garis alurnya, sehingga kertas ini "
        f"memuat paling banyak {fits} pelaksana. {where} (mis. gabungkan jabatan yang "
        "selalu bekerja bersama)."
    )


def word_split(word: str, column: str, width_mm: float, paper: str) -> str:
    return (
        f"kata '{word}' lebih lebar dari kolom {column} ({width_mm:.0f} mm di "
        f"kertas {paper}) dan akan terpotong di tengah kata. Gunakan kertas F4 atau "
        "orientasi Lanskap (lembar Pengaturan), atau kata yang lebih pendek."
    )


def role_label_too_long(word: str) -> str:
    return (
        f"kata '{word}' terlalu panjang untuk lebar kolom pelaksana. Isi kolom Singkatan "
        "dengan label pendek, atau gunakan kertas F4/Lanskap."
    )


def step_too_tall(no: int) -> str:
    return (
        f"teks langkah {no} terlalu panjang untuk satu halaman. Persingkat Kegiatan atau "
        "pindahkan rinciannya ke Keterangan langkah lain."
    )


def identity_too_tall() -> str:
    return "bagian identitas terlalu panjang untuk satu halaman; persingkat isiannya."


# --- durations ---
# The Waktu column as sopgen.durations reads it, and the working-time settings it uses.
# These never name a cell: the caller prefixes e.g. "Prosedur!I7: ".

_DURATION_EXAMPLES = "'15 menit', '1,5 jam', '2 hari', '1 jam 30 menit' atau '5-10 menit'"
_DURATION_UNITS = (
    "detik/dtk, menit/mnt/min, jam/jm, hari/hari kerja/hk/hr, minggu/mg/pekan, bulan/bln"
)
_DURATION_SHOWN_MAX = 60


def _duration_shown(text: str) -> str:
    """The typed text as quoted in a message, cut short if it is long."""
    text = " ".join(text.split())
    if len(text) <= _DURATION_SHOWN_MAX:
        return text
    return text[: _DURATION_SHOWN_MAX - 1] + "…"


def duration_unreadable(text: str, unit: str | None = None) -> str:
    meant = f" Maksud Anda '{unit}'?" if unit else ""
    return (
        f"Waktu '{_duration_shown(text)}' tidak dapat dibaca.{meant} Tulis lama waktu seperti "
        f"{_DURATION_EXAMPLES} (satuan: {_DURATION_UNITS}); tulis '-' bila tidak ada "
        "standar waktu."
    )


def duration_looks_like_deadline(text: str) -> str:
    return (
        f"Waktu '{_duration_shown(text)}' berupa tenggat atau syarat, bukan lama waktu. "
        "Pindahkan ke kolom Keterangan, lalu isi Waktu dengan '-' atau lama waktu seperti "
        "'2 hari'."
    )


def duration_negative(text: str) -> str:
    return (
        f"Waktu '{_duration_shown(text)}' tidak boleh negatif. Tulis lama waktu seperti "
        "'15 menit', atau '-' bila tidak ada standar waktu."
    )


def duration_reversed_range(text: str) -> str:
    return (
        f"Rentang waktu '{_duration_shown(text)}' terbalik: batas bawah lebih besar dari "
        "batas atas. Tulis yang kecil dulu, misalnya '5-10 menit'."
    )


def duration_ambiguous_thousands(text: str, number: str, as_decimal: str) -> str:
    return (
        f"Angka '{number}' pada waktu '{_duration_shown(text)}' bisa berarti ribuan atau "
        f"pecahan. Tulis tanpa titik ribuan (misalnya '{number.replace('.', '')}') "
        f"atau dengan koma desimal (misalnya '{as_decimal}')."
    )


def duration_too_large(text: str, years: int, digits: int) -> str:
    return (
        f"Waktu '{_duration_shown(text)}' terlalu besar untuk sebuah standar waktu "
        f"(paling lama {years} tahun kerja, dan angka paling banyak {digits} digit sebelum "
        "koma). Periksa kembali angkanya."
    )


def duration_huge_number(negative: bool, more_than_digits: int) -> str:
    sign = "minus " if negative else ""
    return f"angka {sign}lebih dari {more_than_digits} digit"


def duration_minutes_negative(minutes: str) -> str:
    return f"Lama waktu {minutes} menit tidak boleh negatif."


def duration_hours_not_number(value: str) -> str:
    return f"Jam kerja per hari '{value}' bukan angka."


def duration_hours_out_of_range(hours: str) -> str:
    return f"Jam kerja per hari '{hours}' harus lebih dari 0 dan paling banyak 24."


def duration_hours_not_whole_minutes(hours: str) -> str:
    return f"Jam kerja per hari '{hours}' harus genap dalam menit, misalnya 7,5 atau 8."


def duration_days_per_week_bad(days: str) -> str:
    return f"Hari kerja per minggu '{days}' harus bilangan bulat 1 sampai 7."


def duration_days_per_month_bad(days: str) -> str:
    return f"Hari kerja per bulan '{days}' harus bilangan bulat 1 sampai 31."


# --- the command line ---------------------------------------------------------


def internal_error(detail: str) -> str:
    return (
        f"terjadi kesalahan internal sopgen ({detail}). Ini bukan kesalahan Anda: kirimkan "
        "buku kerja ini ke pengelola sopgen."
    )


def usage_error(detail: str) -> str:
    return f"perintah tidak lengkap atau salah: {detail}. Lihat 'sopgen --help'."


def summary_ok(warnings: int) -> str:
    extra = f" ({warnings} peringatan)" if warnings else ""
    return f"valid{extra}."


def summary_invalid(errors: int, warnings: int) -> str:
    extra = f" dan {warnings} peringatan" if warnings else ""
    return f"tidak valid: {errors} galat{extra}. Perbaiki sel-sel di atas."


def exists_refuse(path: str) -> str:
    return f"{path} sudah ada; tidak ditimpa. Pilih nama lain atau tambahkan --force."


def new_written(path: str) -> str:
    return f"buku kerja baru dibuat: {path}. Isi lembar-lembarnya, lalu jalankan 'sopgen check'."


def cannot_write(path: str, reason: str) -> str:
    return f"{path}: tidak dapat ditulis ({reason}). Periksa foldernya dan izin aksesnya."


def written(path: str) -> str:
    return f"ditulis: {path}"


def bad_jobs(text: str) -> str:
    return f"jumlah proses '{text}' harus bilangan bulat 1 atau lebih"


def output_clash(source: str, other: str) -> str:
    return (
        f"{source} tidak dibangun: hasilnya akan menimpa hasil {other} (nama berkas sama). "
        "Ganti nama salah satunya, atau bangun foldernya agar subfolder dipertahankan."
    )


def nothing_to_build() -> str:
    return "tidak ada buku kerja .xlsx yang ditemukan. Periksa nama berkas atau foldernya."


def build_failed(errors: int) -> str:
    return (
        f"tidak dibangun: {errors} galat. Perbaiki sel-sel di atas; "
        "tidak ada berkas yang ditulis."
    )


def skipped() -> str:
    return (
        "tidak berubah sejak pembangunan terakhir; dilewati "
        "(pakai --force untuk membangun ulang)."
    )


def batch_summary(built: int, skipped: int, failed: int) -> str:
    return f"Selesai: {built} dibangun, {skipped} dilewati, {failed} gagal."


def bad_formats(text: str) -> str:
    return f"format '{text}' tidak dikenal; pilih docx, pdf atau docx,pdf"


def new_needs_xlsx(path: str) -> str:
    return f"{path}: nama berkas harus berakhiran .xlsx."


# --- timeline: totals, working calendar, Gantt picture -------------------------

WEEKDAYS_SHORT = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

TIMELINE_COLUMNS = ("No", "Kegiatan", "Pelaksana", "Waktu", "Menit", "Kumulatif")
TIMELINE_CALENDAR_COLUMNS = ("Mulai", "Selesai")
CSV_STEP_COLUMNS = (
    "No", "Kegiatan", "Pelaksana", "Waktu", "Menit", "Kumulatif", "Jalur Utama",
    "Mulai", "Selesai",
)  # fmt: skip
CSV_SUMMARY_COLUMNS = ("Ringkasan", "Menit", "Lama", "Langkah")


def yes_no(flag: bool) -> str:
    return "Ya" if flag else "Tidak"


def minutes_number(minutes: int) -> str:
    """55952 -> '55.952': Indonesian digit grouping."""
    return f"{minutes:,}".replace(",", ".")


def step_list(steps: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in steps) if steps else "-"


def timeline_bad_start(text: str) -> str:
    return (
        f"--mulai '{text}' bukan tanggal. Tulis tanggal mulai seperti 2023-08-18 "
        "(tahun-bulan-tanggal)."
    )


def timeline_gantt_suffix(path: str) -> str:
    return f"{path}: gambar Gantt harus berakhiran .svg atau .png."


def timeline_gantt_written(path: str) -> str:
    return f"gambar Gantt ditulis: {path}"


def calendar_too_far(years: int) -> str:
    return (
        f"kalender kerja tidak dapat dihitung: langkah-langkahnya selesai lebih dari {years} "
        "tahun setelah tanggal mulai. Periksa kolom Waktu di lembar Prosedur."
    )


def timeline_heading(nama: str, nomor: str) -> str:
    return f"Lini waktu {nama} ({nomor})"


def timeline_off_main_note() -> str:
    return "Kumulatif '-': langkah di luar jalur utama (cabang atau perbaikan), tidak dijumlah."


def timeline_total(minutes: int, text: str, steps: tuple[int, ...]) -> str:
    return (
        f"Total jalur utama: {minutes_number(minutes)} menit kerja = {text} "
        f"(langkah {step_list(steps)})."
    )


def timeline_work(hours: str, week: int, month: int) -> str:
    return (
        f"Dihitung dengan 1 hari kerja = {hours} jam, 1 minggu = {week} hari kerja, "
        f"1 bulan = {month} hari kerja."
    )


def timeline_roles_heading() -> str:
    return (
        "Beban kerja per pelaksana di jalur utama (langkah bersama dihitung penuh "
        "untuk setiap pelaksananya):"
    )


def timeline_loops_heading() -> str:
    return "Putaran perbaikan (Jika Tidak ke langkah sebelumnya), sekali putaran:"


def timeline_loop(frm: int, to: int, minutes: int, text: str, on_main: bool) -> str:
    note = "" if on_main else " (di dalam cabang, tidak ditambahkan ke total)"
    return (
        f"langkah {frm} kembali ke {to} (langkah {to}-{frm}): "
        f"{minutes_number(minutes)} menit = {text}{note}"
    )


def timeline_with_loops(minutes: int, text: str) -> str:
    return (
        f"Total bila setiap putaran dilalui sekali: {minutes_number(minutes)} menit kerja "
        f"= {text}."
    )


def timeline_branches_heading() -> str:
    return "Cabang alternatif (Jika Tidak ke langkah sesudahnya):"


def timeline_branch(frm: int, to: int, steps: tuple[int, ...], minutes: int, text: str) -> str:
    if not steps:
        return f"langkah {frm} ke {to}: langsung kembali ke jalur utama, 0 menit"
    return (
        f"langkah {frm} ke {to} (langkah {step_list(steps)}): "
        f"{minutes_number(minutes)} menit = {text}"
    )


def when(year: int, month: int, day: int, weekday: int, hour: int, minute: int) -> str:
    """'Jum 18-08-2023 08:05': a calendar moment as the table prints it."""
    return f"{WEEKDAYS_SHORT[weekday]} {day:02d}-{month:02d}-{year} {hour:02d}:{minute:02d}"


def timeline_calendar(start: str, finish: str) -> str:
    return f"Kalender kerja: mulai {start}, selesai {finish}."


def timeline_calendar_basis(hours: str) -> str:
    return (
        f"Jam kerja: {hours}. Akhir pekan, hari libur nasional dan tanggal di lembar Libur "
        "dilewati."
    )


def timeline_no_calendar() -> str:
    return (
        "Tanpa kalender: tambahkan --mulai TTTT-BB-HH atau isi Tanggal Mulai di lembar "
        "Pengaturan untuk melihat tanggal mulai dan selesai tiap langkah."
    )


def csv_total() -> str:
    return "Total jalur utama"


def csv_with_loops() -> str:
    return "Total bila setiap putaran dilalui sekali"


def csv_role(name: str) -> str:
    return f"Pelaksana: {name}"


def csv_loop(frm: int, to: int) -> str:
    return f"Putaran {frm} ke {to}"


def csv_branch(frm: int, to: int) -> str:
    return f"Cabang {frm} ke {to}"


def csv_start() -> str:
    return "Mulai"


def csv_finish() -> str:
    return "Selesai"


def gantt_title(nama: str) -> str:
    return f"Diagram Gantt: {nama}"


def gantt_subtitle(nomor: str, text: str) -> str:
    return f"{nomor}  ·  jalur utama {text}"


def gantt_dates(start: str, finish: str) -> str:
    return f"mulai {start}, selesai {finish}"


def gantt_steps_heading() -> str:
    return "Langkah"


def gantt_axis(unit: str, hours: str) -> str:
    if unit == "hari":
        return f"Waktu kerja (hari kerja; 1 hari kerja = {hours} jam)"
    if unit == "jam":
        return "Waktu kerja (jam kerja)"
    return "Waktu kerja (menit kerja)"


def gantt_roles_heading() -> str:
    return "Pelaksana:"


def gantt_finish(text: str) -> str:
    return f"selesai: {text}"


def gantt_loop_tag(index: int) -> str:
    return f"U{index}"


def gantt_loop_legend(index: int, frm: int, to: int, text: str) -> str:
    return (
        f"{gantt_loop_tag(index)}: bila langkah {frm} Tidak, ulang dari langkah {to}; "
        f"+{text} per putaran"
    )


def gantt_off_main() -> str:
    return "langkah di luar jalur utama (cabang)"


# --- hostile and odd workbooks: the reader's bounds and what it knows of a cell ---------


def file_not_regular(name: str) -> str:
    return (
        f"{name}: bukan berkas biasa (mungkin pipa, soket atau perangkat), sehingga tidak "
        "dibaca. Simpan buku kerja sebagai berkas .xlsx biasa."
    )


def workbook_odd_compression(name: str) -> str:
    return (
        f"{name}: isi buku kerja dimampatkan dengan cara yang tidak pernah dipakai Excel; "
        "berkas ini mungkin rusak atau sengaja dibuat berbahaya. Buka di Excel dan simpan ulang."
    )


def workbook_too_complex(name: str, what: str) -> str:
    return (
        f"{name}: bagian {what} berisi jauh lebih banyak unsur daripada buku kerja SOP mana pun "
        "(melebihi batas aman); berkas ini mungkin rusak atau sengaja dibuat berbahaya. "
        "Salin lembar-lembar SOP ke buku kerja baru (sopgen new) lalu simpan."
    )


def row_beyond_excel(name: str, sheet: str, row: int) -> str:
    return (
        f"{name}: lembar '{sheet}' menyebut baris {row:,}".replace(",", ".")
        + ", melebihi batas Excel (1.048.576 baris); berkas ini bukan buatan Excel dan "
        "mungkin sengaja dibuat berbahaya. Buka di Excel dan simpan ulang."
    )


def column_beyond_excel(name: str, sheet: str) -> str:
    return (
        f"{name}: lembar '{sheet}' menyebut kolom di luar batas Excel (XFD, kolom 16.384); "
        "berkas ini bukan buatan Excel. Buka di Excel dan simpan ulang."
    )


def sheet_twice(second: str, first: str) -> str:
    return (
        f"lembar '{second}' bernama sama dengan lembar '{first}' (huruf besar/kecil dan spasi "
        "tidak dibedakan), sehingga tidak jelas mana yang dipakai. Hapus atau ganti nama "
        "salah satunya."
    )


def cell_date_serial(number: float) -> str:
    shown = f"{number:g}".replace(".", ",")
    return (
        f"sel berformat tanggal, tetapi nilainya {shown} bukan tanggal yang dapat ditampilkan "
        "Excel (Excel menampilkan #####). Ketik tanggalnya, mis. '01 Juli 2023'."
    )


def cell_date_unreadable(text: str) -> str:
    return (
        f"tanggal '{text}' dalam berkas tidak dapat dibaca. Ketik tanggalnya, "
        "mis. '01 Juli 2023'."
    )


def formula_uncached(formula: str) -> str:
    shown = formula if len(formula) <= 40 else formula[:39] + "…"
    return (
        f"sel berisi rumus ={shown.lstrip('=')} tanpa hasil tersimpan (berkas disimpan oleh "
        "program yang tidak menghitung rumus), sehingga dibaca kosong. Buka dan simpan ulang "
        "di Excel atau LibreOffice Calc, atau ketik nilainya langsung."
    )


def merged_cell(rng: str) -> str:
    return (
        f"sel ini bagian dari sel gabungan {rng}: isi nilainya di sel pertama atau pisahkan. "
        "Excel hanya menyimpan nilai sel gabungan di sel pertamanya, jadi sel ini dibaca kosong."
    )


def glyph_missing(chars: list[str]) -> str:
    shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in chars)
    return (
        f"karakter {shown} tidak ada di huruf Arial/Liberation Sans lembar SOP, sehingga dapat "
        "tercetak sebagai kotak kosong atau dengan huruf lain. Ganti dengan huruf biasa atau hapus."
    )


def decision_same_targets(target: int) -> str:
    return (
        f"Jika Ya dan Jika Tidak sama-sama menuju langkah {target}, sehingga keputusan ini "
        "tidak memilih apa pun. Periksa nomor langkahnya."
    )


def image_path_unusable() -> str:
    return (
        "nama atau jalur berkasnya tidak dapat dibuka (terlalu panjang atau tautan yang "
        "berputar). Tulis nama berkas gambar yang sebenarnya, mis. 'logo.png'."
    )


def image_not_decodable() -> str:
    return (
        "isi gambarnya rusak atau terpotong dan tidak dapat ditampilkan. Simpan ulang "
        "gambarnya sebagai PNG."
    )


def cell_number_unreadable(text: str) -> str:
    return (
        f"angka '{text}' dalam berkas di luar jangkauan Excel. Ketik angkanya ulang di sel ini."
    )


def too_many_steps(count: int, limit: int) -> str:
    return (
        f"lembar ini berisi {count} baris langkah, lebih dari batas {limit} langkah per SOP. "
        "Pecah prosedur sepanjang ini menjadi beberapa SOP yang saling terkait (kolom "
        "Keterkaitan di lembar Ketentuan)."
    )


def image_too_many_pixels(limit: int) -> str:
    return (
        f"gambarnya terlalu besar (lebih dari {limit // 1_000_000} megapiksel). Logo cukup "
        "sekitar 600 x 600 piksel: perkecil gambarnya."
    )


def merged_cell_value_lost(rng: str, first_row: int) -> str:
    return (
        f"sel ini bagian dari sel gabungan {rng}, jadi dibaca kosong: nilainya hanya berlaku "
        f"untuk baris {first_row}. Bila nilai itu juga berlaku di sini, pisahkan sel gabungan "
        "dan isi tiap sel."
    )


# --- sopgen impor: old SOP sheets into workbooks -------------------------------------


def impor_needs_xlsx(path: str) -> str:
    return f"{path}: hasil impor harus berakhiran .xlsx."


def impor_same_file(path: str) -> str:
    return f"{path}: hasil impor tidak boleh menimpa berkas sumbernya. Pilih nama lain dengan -o."


def impor_unknown_kind(name: str) -> str:
    return (
        f"{name}: jenis berkas tidak dikenal. sopgen impor membaca PDF, Word (.docx), "
        "Excel (.xlsx) dan ekspor teks (.txt)."
    )


def impor_too_big(name: str, size: int, limit: int) -> str:
    return (
        f"{name}: berkas terlalu besar ({_mb(size)}); batasnya {_mb(limit)}. "
        "Lembar SOP biasanya di bawah 2 MB."
    )


def impor_encrypted(name: str) -> str:
    return (
        f"{name}: berkas dilindungi kata sandi. Buka dengan kata sandinya, simpan salinan "
        "tanpa kata sandi, lalu impor salinan itu."
    )


def impor_broken(name: str) -> str:
    return f"{name}: berkas rusak dan tidak dapat dibaca. Simpan ulang dari program pembuatnya."


def impor_inflates(name: str) -> str:
    return (
        f"{name}: isi berkas terlalu besar setelah dibuka (lebih dari batas aman). "
        "Lembar SOP tidak sebesar ini."
    )


def impor_too_many_pages(name: str, pages: int, limit: int) -> str:
    return (
        f"{name}: PDF ini berisi {pages} halaman; sopgen impor membaca paling banyak {limit} "
        "halaman. Pisahkan halaman SOP-nya ke berkas sendiri."
    )


def impor_page_too_dense(name: str, page: int) -> str:
    return (
        f"{name}: halaman {page} berisi terlalu banyak teks atau gambar garis untuk sebuah "
        "lembar SOP. Pisahkan halaman SOP-nya ke berkas sendiri."
    )


def impor_scan(name: str) -> str:
    return (
        f"{name}: PDF ini hasil pindaian tanpa lapisan teks, jadi teksnya tidak dapat dibaca. "
        "Cari berkas aslinya (Word atau PDF dari Word), atau ketik isinya dengan 'sopgen new'."
    )


def impor_no_procedure(name: str) -> str:
    return (
        f"{name}: tidak ditemukan tabel prosedur (judul kolom No, Kegiatan dan Pelaksana). "
        "Periksa bahwa berkas ini lembar SOP AP."
    )


def impor_written(path: str) -> str:
    return f"ditulis: {path}. Periksa sel yang diberi komentar, lalu jalankan 'sopgen check'."


def impor_summary(steps: int, roles: int, doubts: int) -> str:
    return f"{steps} langkah, {roles} pelaksana, {doubts} sel perlu diperiksa"


def impor_leftovers(count: int) -> str:
    return f"{count} teks tanpa isian dicatat di lembar Catatan Impor"


def impor_notes_sheet() -> str:
    return "Catatan Impor"


def impor_notes_headers() -> tuple[str, str]:
    return ("Tempat", "Catatan")


def impor_leftover(text: str) -> str:
    return f"teks ini tidak masuk isian mana pun: '{text}'"


def doubt_role_from_position() -> str:
    return "pelaksana ditebak dari posisi simbol; periksa"


def doubt_no_symbol() -> str:
    return "tidak ada simbol di kolom pelaksana mana pun; isi pelaksananya"


def doubt_roles_not_in_source() -> str:
    return "sumber tidak menyimpan bagan alir; isi pelaksana langkah ini"


def doubt_kind_guessed(kind: str) -> str:
    return f"jenis '{kind}' ditebak dari bentuk simbol; periksa"


def doubt_last_not_terminator() -> str:
    return "langkah terakhir tidak digambar sebagai simbol selesai; dianggap Selesai, periksa"


def doubt_branch_from_geometry() -> str:
    return "jalur Ya dan Tidak ditebak dari arah panah (tanpa label Ya/Tidak); periksa"


def doubt_branch_from_words(label: str) -> str:
    return (f"jalur Ya dan Tidak ditebak dari kata label '{label}' (tanpa label Ya/Tidak); "
            "periksa")


def doubt_branch_missing() -> str:
    return "panah Tidak dari keputusan ini tidak dapat diikuti; isi nomor langkahnya"


def doubt_branch_many(targets: str) -> str:
    return f"keputusan ini punya lebih dari dua panah keluar (ke langkah {targets}); periksa"


def doubt_flow_unexpressed(no: int, targets: str) -> str:
    return (
        f"panah dari langkah {no} menuju langkah {targets}, bukan langkah berikutnya; buku "
        "kerja tidak dapat menyatakannya untuk langkah Proses. Jadikan Keputusan bila perlu"
    )


def doubt_role_header(text: str) -> str:
    return f"nama pelaksana disusun dari judul kolom yang terpotong ('{text}'); periksa"


def doubt_split_unit() -> str:
    return "Instansi dan Satuan Kerja ditebak dari baris-baris kepala lembar; periksa"


def doubt_signer() -> str:
    return "nama pengesah ditebak dari blok tanda tangan; periksa"


def doubt_number_missing(row: int) -> str:
    return f"baris tanpa nomor langkah; diberi nomor {row}, periksa"


def note_no_signer() -> str:
    return "nama dan jabatan pengesah tidak ditemukan di sumber"


def impor_already_workbook(name: str) -> str:
    return (
        f"{name}: ini sudah buku kerja sopgen (lembar Identitas dan Prosedur), tidak perlu "
        f"diimpor. Periksa langsung dengan: sopgen check {name}"
    )


def impor_sheet_too_large(name: str, sheet: str, ref: str) -> str:
    return (
        f"{name}: lembar {sheet} terisi sampai sel {ref}, jauh lebih luas dari lembar SOP. "
        "Hapus isi di luar lembar SOP, lalu impor lagi."
    )


# --- sopgen serve: the web page and the JSON API ------------------------------------


def web_size(size: int) -> str:
    """'45 KB', '1,2 MB': a download's size on its button."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB".replace(".", ",")


def web_too_large(limit: int) -> str:
    return (
        f"unggahan lebih besar dari batas {_mb(limit)}. Buku kerja SOP biasanya di bawah "
        "1 MB: hapus gambar atau lembar yang tidak perlu, atau unggah sebagian dulu."
    )


def web_bad_request() -> str:
    return "permintaan tidak dapat dibaca. Muat ulang halaman lalu unggah berkasnya lagi."


def web_field_missing(field: str) -> str:
    return (
        f"tidak ada berkas yang diunggah. Kirim buku kerja .xlsx (atau .zip) sebagai "
        f"multipart/form-data di kolom '{field}'."
    )


def web_busy() -> str:
    return (
        "server sedang membuat dokumen untuk banyak pengguna dan antreannya penuh. "
        "Coba lagi dalam beberapa detik."
    )


def web_build_timeout(seconds: float) -> str:
    return (
        f"pembuatan dokumen melewati batas waktu {seconds:g} detik dan dihentikan. "
        "Bila SOP-nya sangat panjang, bagi menjadi beberapa SOP; bila tidak, kirimkan buku "
        "kerja ini ke pengelola sopgen."
    )


def web_token_needed() -> str:
    return (
        "server ini meminta token akses. Masukkan token di halaman utama, atau kirim "
        "header 'Authorization: Bearer <token>'."
    )


def web_token_wrong() -> str:
    return "Token salah. Periksa kembali token dari pengelola server, lalu coba lagi."


def web_no_workbook() -> str:
    return (
        "berkas ini tidak berisi buku kerja .xlsx. Masukkan buku kerja (dan gambar logonya, "
        "bila ada) ke dalam .zip, lalu unggah lagi."
    )


def web_api_one_workbook(count: int) -> str:
    return (
        f"unggahan berisi {count} buku kerja; API ini memeriksa dan membuat satu buku kerja "
        "per permintaan. Kirim satu per satu, atau pakai halaman web untuk banyak sekaligus."
    )


def web_too_many_workbooks(count: int, limit: int) -> str:
    return (
        f"unggahan berisi {count} buku kerja; paling banyak {limit} sekaligus. "
        "Bagi menjadi beberapa unggahan."
    )


# The .zip's own name is the problem's cell, so these sentences do not repeat it.


def web_zip_broken() -> str:
    return "berkas .zip rusak dan tidak dapat dibuka. Buat ulang .zip-nya lalu unggah lagi."


def web_zip_too_many(limit: int) -> str:
    return f".zip berisi lebih dari {limit} berkas. Masukkan hanya buku kerja dan gambar logonya."


def web_zip_inflates() -> str:
    return (
        "isi .zip terlalu besar setelah dibuka (lebih dari batas aman). Masukkan hanya buku "
        "kerja dan gambar logonya."
    )


def web_zip_member_unusable(member: str) -> str:
    return (
        f"berkas '{member}' di dalam .zip terkunci kata sandi atau dikemas dengan cara yang "
        "tidak dikenal. Buat .zip biasa tanpa kata sandi."
    )


def logo_not_in_upload(name: str) -> str:
    return (
        f"logo '{name}' tidak ada di unggahan. Masukkan buku kerja dan berkas logonya ke "
        "dalam satu .zip (logo di folder yang sama), lalu unggah .zip itu."
    )


def web_ignored(names: str) -> str:
    return f"Berkas ini bukan buku kerja atau gambar dan dilewati: {names}."


def web_checking() -> str:
    return "Memeriksa buku kerja…"


def web_building() -> str:
    return "Membuat DOCX, PDF dan PDF/A-3b, serta pratinjau halaman…"


def web_building_many(total: int) -> str:
    return f"Membuat {total} SOP…"


def web_progress(done: int, total: int, name: str) -> str:
    return f"Selesai {done} dari {total}: {name}"


def web_summary_invalid(errors: int, warnings: int) -> str:
    extra = f" dan {warnings} peringatan" if warnings else ""
    return (
        f"Ditemukan {errors} galat{extra}. Perbaiki sel-sel di bawah ini di Excel, simpan, "
        "lalu unggah lagi."
    )


def web_summary_warnings(warnings: int) -> str:
    return (
        f"{warnings} peringatan: dokumen tetap dibuat, tetapi periksa sel-sel ini sebelum "
        "ditandatangani."
    )


def web_batch_summary(built: int, failed: int) -> str:
    if not failed:
        return f"{built} SOP dibuat."
    if not built:
        return f"Tidak ada SOP yang dapat dibuat: {failed} buku kerja perlu diperbaiki."
    return f"{built} SOP dibuat; {failed} buku kerja perlu diperbaiki dulu (lihat di bawah)."


def web_with_loops(text: str) -> str:
    return f"Bila setiap putaran perbaikan dilalui sekali: {text}."


def web_main_path(steps: int) -> str:
    return f"jalur utama, {steps} langkah; putaran perbaikan tidak ditambahkan"


def web_previews_missing() -> str:
    return (
        "Pratinjau halaman tidak tersedia: server ini belum memasang poppler-utils "
        "(pdftoppm). Dokumennya tetap dapat diunduh."
    )


def web_not_found() -> str:
    return "Halaman ini tidak ada. Kembali ke halaman utama."


def web_internal() -> str:
    return (
        "terjadi kesalahan internal sopgen. Ini bukan kesalahan Anda: coba lagi, dan bila "
        "terulang, kirimkan buku kerjanya ke pengelola sopgen."
    )


def serve_listening(url: str, loopback: bool, token: bool) -> str:
    where = "hanya dari komputer ini" if loopback else "dari komputer lain di jaringan"
    access = "; token akses wajib" if token else ""
    return f"sopgen serve: halaman siap di {url} ({where}{access}). Tekan Ctrl+C untuk berhenti."


def serve_needs_token(host: str) -> str:
    return (
        f"--host {host} membuka halaman untuk komputer lain: beri token akses dengan "
        "--token TOKEN atau variabel lingkungan SOPGEN_TOKEN (paling sedikit 16 karakter)."
    )


def serve_token_short(minimum: int) -> str:
    return f"token akses terlalu pendek: paling sedikit {minimum} karakter."


def serve_cannot_listen(host: str, port: int, reason: str) -> str:
    return (
        f"tidak dapat mendengarkan di {host}:{port} ({reason}). Pilih --port lain, atau "
        "hentikan program yang memakai port itu."
    )


def serve_stopped() -> str:
    return "sopgen serve: berhenti."


def bad_port(text: str) -> str:
    return f"port '{text}' tidak sah; tulis angka 1-65535 (0: port bebas mana saja)"


def bad_whole_number(text: str, minimum: int) -> str:
    return f"nilai '{text}' harus bilangan bulat {minimum} atau lebih"


# --- sopgen monev (issue 14): monitoring and evaluation forms --------------------------


def monev_other_sop(given: str, expected: str) -> str:
    return (f"Nomor SOP '{given}' bukan nomor SOP buku kerja ini ('{expected}'). Isian monev "
            "ini untuk SOP lain: pakai isian yang ditulis sopgen monev untuk SOP ini.")


def monev_no_sop(given: str) -> str:
    return (f"Nomor SOP '{given}' tidak cocok dengan buku kerja SOP mana pun yang diberikan. "
            "Berikan buku kerja SOP-nya juga, atau perbaiki Nomor SOP seperti di lembar "
            "Identitas SOP itu.")


def monev_bad_step(text: str, steps: int) -> str:
    return f"'{text}' bukan nomor langkah SOP ini. Tulis nomor 1 sampai {steps}."


def monev_step_twice(no: int) -> str:
    return f"langkah {no} dinilai dua kali. Hapus salah satu barisnya."


def monev_bad_result(text: str) -> str:
    return (f"Penilaian '{text}' tidak dikenal. Pilih 'Berjalan dengan baik' atau 'Tidak "
            "berjalan dengan baik'.")


def monev_unrated(no: int) -> str:
    return (f"langkah {no} belum dinilai: di formulir ia tercatat belum dinilai. Pilih "
            "'Berjalan dengan baik' atau 'Tidak berjalan dengan baik'.")


def monev_steps_missing(numbers: str) -> str:
    return (f"langkah {numbers} tidak ada di lembar ini: tercatat belum dinilai. Tambahkan "
            "barisnya dengan nomor langkah dan penilaiannya.")


def monev_no_action() -> str:
    return ("langkah ini tidak berjalan dengan baik, tetapi Tindakan yang Harus Diambil "
            "kosong. Tulis tindakan perbaikannya.")


def monev_bad_criterion(text: str) -> str:
    return f"'{text}' bukan nomor kriteria evaluasi. Tulis nomor 1 sampai 7."


def monev_criterion_twice(no: int) -> str:
    return f"kriteria {no} dijawab dua kali. Hapus salah satu barisnya."


def monev_bad_answer(text: str) -> str:
    return f"Jawaban '{text}' tidak dikenal. Pilih 'Ya' atau 'Tidak'."


def monev_unanswered(no: int) -> str:
    return (f"kriteria {no} belum dijawab: di formulir ia tercatat belum dijawab. Pilih Ya "
            "atau Tidak.")


def monev_criteria_missing(numbers: str) -> str:
    return (f"kriteria {numbers} tidak ada di lembar ini: tercatat belum dijawab. Tambahkan "
            "barisnya dengan nomor kriteria dan jawabannya.")


def monev_sop_invalid(path: str) -> str:
    return (f"{path}: buku kerja SOP ini tidak sah, jadi formulirnya tidak dibuat. Perbaiki "
            "dulu dengan sopgen check.")


def monev_unreadable_answers(path: str, reason: str) -> str:
    return f"{path}: isian monev tidak dapat dibaca ({reason})."


def monev_nothing_written() -> str:
    return "tidak ada berkas yang ditulis: perbaiki masalah di atas lalu jalankan lagi."


# --- issue 14a: Riwayat, banding, daftar, buku ------------------------------------


def riwayat_bad_number() -> str:
    return "Revisi ke harus bilangan bulat 0 atau lebih (0 untuk terbitan pertama), mis. 1."


def riwayat_number_order(before: int) -> str:
    return (
        f"Revisi ke harus lebih besar dari revisi di baris atasnya ({before}). Urutkan revisi "
        "dari yang terlama di atas sampai yang terbaru di bawah."
    )


def riwayat_date_order(before: str) -> str:
    return (
        f"Tanggal ini sebelum tanggal revisi di baris atasnya ({before}). Urutkan revisi dari "
        "yang terlama di atas, atau periksa tahunnya."
    )


def riwayat_before_made(made: str) -> str:
    return f"Tanggal revisi tidak boleh sebelum Tanggal Pembuatan ({made}). Periksa tahunnya."


def riwayat_bad_status() -> str:
    return "Status harus Berlaku, Diganti atau Dicabut (atau kosong)."


def riwayat_berlaku_not_last(later: int) -> str:
    return (
        f"Hanya revisi terbaru yang dapat Berlaku, dan revisi {later} di bawahnya lebih baru. "
        "Tulis Diganti, atau kosongkan sel ini."
    )


def riwayat_needs_replacement() -> str:
    return (
        "Revisi terbaru berstatus Diganti: tulis Nomor SOP penggantinya di kolom Diganti Oleh "
        "(mis. SOP – 05/BPKPAD), atau ubah Status menjadi Berlaku atau Dicabut."
    )


def riwayat_replacement_ignored() -> str:
    return "Diganti Oleh hanya berarti untuk status Diganti; isinya diabaikan."


def riwayat_revision_date_missing(latest: str, cell: str) -> str:
    return (
        f"Tanggal Revisi kosong, padahal lembar Riwayat mencatat revisi terbaru pada {latest} "
        f"({cell}). Isi Tanggal Revisi dengan {latest}."
    )


def riwayat_revision_date_differs(latest: str, cell: str) -> str:
    return (
        f"Tanggal Revisi tidak sama dengan tanggal revisi terbaru di lembar Riwayat ({latest}, "
        f"{cell}). Samakan keduanya: tulis {latest} di sini, atau perbaiki lembar Riwayat."
    )


def riwayat_first_edition_date(made: str) -> str:
    return (
        f"Revisi 0 adalah terbitan pertama; tanggalnya biasanya sama dengan Tanggal Pembuatan "
        f"({made})."
    )


def banding_same() -> str:
    return "Tidak ada perbedaan isi antara kedua buku kerja."


def daftar_no_manifest(folder: str) -> str:
    return (
        f"{folder}: tidak ada manifest.json. Berikan folder hasil 'sopgen build' (mis. output), "
        "bukan folder buku kerja."
    )


def daftar_bad_suffix(path: str) -> str:
    return f"{path}: nama berkas daftar harus berakhiran .xlsx atau .csv."


def daftar_written(path: str, count: int) -> str:
    return f"daftar {count} SOP ditulis: {path}"


def daftar_empty() -> str:
    return "Manifest tidak mencatat satu SOP pun. Jalankan 'sopgen build' lebih dulu."


def buku_bad_year() -> str:
    return "Tahun harus tahun empat angka, mis. 2024."


def buku_no_book_sheet() -> str:
    return (
        "tidak ada buku kerja dengan lembar Buku di antara berkas yang diberikan. Buat satu "
        "dengan 'sopgen buku --baru buku.xlsx', isi, lalu sertakan bersama buku kerja SOP."
    )


def buku_two_book_sheets(first: str, second: str) -> str:
    return f"{second}: lembar Buku juga ada di {first}. Sertakan hanya satu lembar Buku."


def buku_left_out(path: str, errors: int) -> str:
    return f"{path}: tidak dimasukkan ke buku ({errors} galat). Perbaiki lalu jalankan lagi."


def buku_no_sop() -> str:
    return "tidak ada SOP yang valid untuk dimasukkan ke buku."


def buku_bad_suffix(path: str) -> str:
    return f"{path}: nama berkas buku harus berakhiran .pdf atau .docx."


def buku_written(path: str, sops: int, pages: int | None) -> str:
    counted = f" ({pages} halaman)" if pages is not None else ""
    return f"buku {sops} SOP{counted} ditulis: {path}"


def buku_blank_written(path: str) -> str:
    return f"buku kerja buku ditulis: {path}. Isi lembar Buku dan Istilah."


def buku_logo_missing(name: str) -> str:
    return (
        f"berkas logo '{name}' tidak ditemukan di folder buku kerja ini. Letakkan berkasnya "
        "di folder yang sama, atau kosongkan sel ini."
    )
