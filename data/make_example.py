"""Write data/sop-04-bpkpad-perencanaan-kinerja.xlsx: the seed SOP as a workbook.

The texts are the agency's own words, typos included. Who does what and where
the two decisions loop back is our reading of the lost flowchart (README,
"The example"). Run: .venv/bin/python data/make_example.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from sopgen.newbook import write_blank_workbook

HERE = Path(__file__).resolve().parent
TARGET = HERE / "sop-04-bpkpad-perencanaan-kinerja.xlsx"

IDENTITAS = {
    "Instansi": "Kabupaten Balangan",
    "Satuan Kerja": "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah",
    "Nomor SOP": "SOP – 04/BPKPAD",
    "Nama SOP": "SOP Tehnis Perencanaan Kinerja",
    "Tanggal Pembuatan": "01 JULI 2023",
    "Tanggal Efektif": "01 JULI 2023",
    "Disahkan Oleh": "Kepala BPKPAD",
    "Nama Pengesah": "FAKHRIYANTO, S.Pt, MP",
    "NIP Pengesah": "19780601 200501 1 016",
    "Tempat": "Paringin",
}

KETENTUAN = {
    "Dasar Hukum": [
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
        "Instansi Pemerintah",
        "PermenPAN dan RB No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, "
        "Pelaporan Kinerja dan Tata Cara Review atas Laporan Kinerja",
    ],
    "Kualifikasi Pelaksana": [
        "Memiliki kemampuan pengolahan data",
        "Mengetahui tugas dan fungsi Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        "Memahami tugas pokok dan fungsi dalam pembuatan laporan kinerja",
    ],
    "Keterkaitan": [
        "SOP Penyusunan Penetapan Kinerja",
        "SOP Penyusunan Rencana Kerja Tahunan",
        "SOP Penyusunan Laporan Kinerja",
    ],
    "Peralatan/Perlengkapan": [
        "Peraturan Perundang-undangan yang terkait dengan penyusunan LAKIP",
        "Data dan Informasi yang terkait dengan pelaksanaan program kegiatan",
        "ATK",
        "Komputer",
    ],
    "Peringatan": [
        "Apabila perencanaan kinerja tidak terlaksana maka akan berimbas pada pelaksanaan "
        "anggaran menjadi tidak tepat waktu dan sesuai aturan yang berlaku",
    ],
    "Pencatatan dan Pendataan": [
        "Setiap tahap kegiatan terdokumentasi dengan baik, baik dalam bentuk softcopy "
        "maupun hardcopy",
    ],
}

PELAKSANA = [
    ("Sekretaris", None),
    ("Kepala Bidang", "Kabid"),
    ("Kasubbag Perencanaan dan Keuangan", "Kasubbag Renkeu"),
    ("Kepala Seksi", "Kasi"),
    ("Staf Penyusun Evaluasi Kinerja", "Staf Penyusun"),
]

# No, Kegiatan, Pelaksana, Jenis, Jika Ya, Jika Tidak, Kelengkapan, Waktu, Output
PROSEDUR = [
    (1, "Disposisi kepada kasubag Renkeu untuk melaksanakan penyusunan RKT", "Sekretaris",
     None, None, None, "Program kerja", "15 Menit", "Disposisi"),
    (2, "Perncaanaan melakukan penyusunan RKT", "Kasubbag Renkeu",
     None, None, None, "Draft RKT", "30 Menit", "Draft RKT"),
    (3, "Rapat sosialisasi pengisian form RKT", "Kabid; Kasubbag Renkeu",
     None, None, None, "Draft RKT", "2 Menit", "Draft RKT"),
    (4, "Mengisi form RKT", "Kasi",
     None, None, None, "Draft RKT", "2 HARI", "Draft RKT"),
    (5, "Mensosialisasikan Form RKT yang sudah diisi oleh semua bidang", "Kabid",
     None, None, None, "Draft RKT", "30 Menit", "Draft RKT"),
    (6, "Mengkompilasikan form RKT Dari masing - masing bidang", "Staf Penyusun",
     None, None, None, "Draft RKT", "2 hari", "Draft RKT"),
    (7, "Koreksi draft RKT", "Kasubbag Renkeu",
     "Keputusan", 8, 6, "Draft RKT", "120 hari", "Draft RKT"),
    (8, "Menerima dan mendatangani RKT", "Sekretaris",
     "Keputusan", 9, 7, "Draft RKT", "60 Menit", "Dokumen RKT"),
    (9, "Pengarsipan RKT", "Kasubbag Renkeu",
     None, None, None, "Draft RKT", "15 Menit", "Dokumen RKT"),
]  # fmt: skip


def main() -> None:
    write_blank_workbook(TARGET)
    wb = load_workbook(TARGET)
    ws = wb["Identitas"]
    for row in ws.iter_rows(min_row=2):
        label = row[0].value
        if isinstance(label, str) and label in IDENTITAS:
            row[1].value = IDENTITAS[label]
    ws = wb["Ketentuan"]
    for col, items in enumerate(KETENTUAN.values(), start=1):
        for r, item in enumerate(items, start=2):
            ws.cell(row=r, column=col, value=item)
    ws = wb["Pelaksana"]
    for r, (name, short) in enumerate(PELAKSANA, start=2):
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=short)
    ws = wb["Prosedur"]
    for r, values in enumerate(PROSEDUR, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    fixed = dt.datetime(2023, 7, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "sopgen"
    wb.save(TARGET)




LARGE = HERE / "sop-contoh-40-langkah.xlsx"
LARGE_ROLES = [
    ("Kepala Dinas", "Kadis"),
    ("Sekretaris", "Sekre"),
    ("Kepala Bidang Perencanaan", "Kabid"),
    ("Kepala Seksi Program", "Kasi"),
    ("Analis Perencanaan", "Analis"),
    ("Pengadministrasi Umum", "Admin"),
]


def large_steps() -> list[tuple[object, ...]]:
    """40 steps over 6 roles: 3 decisions (two loops back, one branch forward) and a joint step."""
    verbs = ["Menerima", "Memeriksa", "Mencatat", "Menyusun", "Mengirimkan", "Membahas",
             "Mengoreksi", "Menyampaikan", "Menggandakan", "Mengarsipkan"]
    things = ["surat permohonan data perencanaan", "rancangan dokumen Renja",
              "lembar disposisi pimpinan", "berita acara rapat koordinasi",
              "usulan program dan kegiatan dari bidang"]
    roles = ["Admin", "Kasi", "Analis", "Kabid", "Sekre", "Kadis"]
    rows: list[tuple[object, ...]] = []
    for no in range(1, 41):
        text = f"{verbs[no % len(verbs)]} {things[no % len(things)]}"
        if no % 7 == 0:
            text += " beserta lampiran pendukung yang telah diverifikasi oleh pejabat terkait"
        role = roles[(no * 5) // 7 % len(roles)]
        kind = jika_ya = jika_tidak = None
        waktu = ["15 menit", "30 menit", "1 jam", "2 jam", "1 hari"][no % 5]
        if no == 10:
            kind, jika_tidak, text = "Keputusan", 6, "Rancangan sudah sesuai?"
        elif no == 24:
            kind, jika_tidak, text = "Keputusan", 25, "Rancangan dapat langsung diproses?"
        elif no == 35:
            kind, jika_tidak, text = "Keputusan", 30, "Disetujui pimpinan?"
            role = "Kadis"
        elif no == 26:
            kind = "Selesai"
            text = "Menutup proses dan mengembalikan berkas (alur alternatif)"
        elif no == 16:
            role = "Kabid; Kasi; Analis"
            text = "Rapat koordinasi penyusunan rancangan bersama bidang terkait"
        if no == 24:
            jika_ya = 27
        rows.append((no, text, role, kind, jika_ya, jika_tidak, "Dokumen kerja", waktu,
                     "Dokumen hasil", "Paling lambat 3 hari kerja" if no % 9 == 0 else None))
    return rows


def write_large() -> None:
    write_blank_workbook(LARGE)
    wb = load_workbook(LARGE)
    ws = wb["Identitas"]
    values = dict(IDENTITAS)
    values.update({"Nomor SOP": "SOP-17/DISKOMINFO/2024", "Nama SOP": "Penyusunan Rencana Kerja",
                   "Satuan Kerja": "Dinas Komunikasi dan Informatika"})
    for row in ws.iter_rows(min_row=2):
        label = row[0].value
        if isinstance(label, str) and label in values:
            row[1].value = values[label]
    ws = wb["Pelaksana"]
    for r, (name, short) in enumerate(LARGE_ROLES, start=2):
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=short)
    ws = wb["Prosedur"]
    for r, values_row in enumerate(large_steps(), start=2):
        for c, value in enumerate(values_row, start=1):
            ws.cell(row=r, column=c, value=value)  # type: ignore[arg-type]
    ws = wb["Ketentuan"]
    for col, items in enumerate(KETENTUAN.values(), start=1):
        for r, item in enumerate(items, start=2):
            ws.cell(row=r, column=col, value=item)
    fixed = dt.datetime(2024, 1, 2)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "sopgen"
    wb.save(LARGE)


if __name__ == "__main__":
    main()
    write_large()
