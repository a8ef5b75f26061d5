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


def sheet_too_many_rows(sheet: str, limit: int) -> str:
    return (
        f"{sheet}: lembar ini berisi data di bawah baris {limit}, terlalu banyak untuk SOP. "
        "Hapus baris yang tidak perlu."
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
    return f"{label} menunjuk langkah ini sendiri. Tulis nomor langkah lain."


def target_missing(label: str, value: int, count: int) -> str:
    return f"{label} menunjuk langkah {value}, padahal langkah hanya 1 sampai {count}."


def target_ignored(kind: str) -> str:
    return (
        f"Jika Ya/Jika Tidak hanya berlaku untuk Jenis Keputusan; langkah {kind} ini "
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
        "Waktu kosong. Tulis standar waktu, mis. '15 menit' atau '2 hari', "
        "atau '-' bila tidak ada."
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


def new_needs_xlsx(path: str) -> str:
    return f"{path}: nama berkas harus berakhiran .xlsx."
