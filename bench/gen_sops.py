"""Generate SOP workbooks for the batch benchmark, deterministically.

Not a test. Every workbook starts from the blank workbook `sopgen new` writes
(comments, dropdowns, example sheet: what a planner's file looks like) and is
filled from a seeded random generator:

  OUT/batch/bidang-NN/sop-NNN.xlsx   N SOPs of mixed sizes: 5..60 steps,
                                     2..7 roles, decisions whose Tidak loops
                                     back (or branches forward), joint steps
  OUT/skala/sop-020-langkah.xlsx     a 20-step and a 200-step SOP drawn with
  OUT/skala/sop-200-langkah.xlsx     the same density of roles and decisions

The same seed writes the same bytes (zip entry dates are fixed), so a second
generation into the same folder leaves `sopgen build`'s incremental skip intact.

    .venv/bin/python bench/gen_sops.py OUT [-n 200] [--seed 35]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from sopgen.newbook import write_blank_workbook

DEFAULT_COUNT = 200
DEFAULT_SEED = 35
FOLDERS = 8
MIN_STEPS, MAX_STEPS = 5, 60
MIN_ROLES, MAX_ROLES = 2, 7
SCALE_STEPS = (20, 200)
SCALE_ROLES = 5
ZIP_DATE = (2024, 1, 2, 0, 0, 0)
STAMP = b"2024-01-02T00:00:00Z"

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")  # fmt: skip

UNITS = (
    ("Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", "BPKPAD"),
    ("Dinas Komunikasi dan Informatika", "DISKOMINFO"),
    ("Dinas Pendidikan dan Kebudayaan", "DISDIKBUD"),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "BAPPELITBANGDA"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL"),
    ("Sekretariat Daerah Bagian Organisasi", "SETDA-ORG"),
)

ROLE_POOL = (
    ("Kepala Dinas", "Kadis"),
    ("Sekretaris", "Sekre"),
    ("Kepala Bidang Perencanaan", "Kabid"),
    ("Kepala Seksi Program", "Kasi"),
    ("Kasubbag Umum dan Kepegawaian", "Kasubbag"),
    ("Analis Perencanaan", "Analis"),
    ("Pengadministrasi Umum", "Admin"),
    ("Bendahara Pengeluaran", "Bendahara"),
    ("Staf Pelaksana", None),
)

TITLES = ("Penyusunan Rencana Kerja", "Pelayanan Surat Masuk", "Pengelolaan Arsip Dinamis",
          "Penyusunan Laporan Kinerja", "Pengajuan Cuti Pegawai", "Verifikasi SPJ",
          "Penerbitan Rekomendasi", "Pengadaan Barang Langsung", "Evaluasi Program",
          "Penyusunan Anggaran Kas")  # fmt: skip

VERBS = ("Menerima", "Memeriksa", "Mencatat", "Menyusun", "Mengirimkan", "Membahas",
         "Mengoreksi", "Menyampaikan", "Menggandakan", "Mengarsipkan", "Memverifikasi",
         "Menandatangani", "Mendisposisikan", "Menginput")  # fmt: skip

THINGS = ("surat permohonan", "rancangan dokumen Renja", "lembar disposisi pimpinan",
          "berita acara rapat koordinasi", "usulan program dan kegiatan dari bidang",
          "nota dinas", "daftar hadir", "laporan realisasi anggaran", "berkas SPJ",
          "surat keputusan")  # fmt: skip

QUALIFIERS = (
    " beserta lampiran pendukung yang telah diverifikasi oleh pejabat terkait",
    " sesuai ketentuan peraturan perundang-undangan yang berlaku",
    " ke dalam aplikasi dan buku agenda",
    " untuk diteruskan kepada pimpinan",
)

QUESTIONS = ("{} sudah lengkap?", "{} sudah sesuai?", "{} disetujui?", "{} dapat diproses?")

WAKTU = ("5 menit", "10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari", "2 hari")

KETENTUAN_POOL = {
    "Dasar Hukum": (
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
        "Instansi Pemerintah",
        "Peraturan Menteri PAN dan RB Nomor 35 Tahun 2012",
        "Peraturan Bupati Balangan Nomor 5 Tahun 2020",
    ),
    "Kualifikasi Pelaksana": (
        "Memahami tugas pokok dan fungsi", "Mampu mengoperasikan komputer",
        "Memahami tata naskah dinas", "Memiliki kemampuan pengolahan data",
    ),
    "Keterkaitan": ("SOP Surat Masuk", "SOP Surat Keluar", "SOP Pengarsipan"),
    "Peralatan/Perlengkapan": ("Komputer", "Printer", "ATK", "Jaringan internet", "Aplikasi"),
    "Peringatan": (
        "Apabila SOP tidak dilaksanakan, pelayanan terlambat dan tidak sesuai ketentuan",
        "Berkas yang tidak lengkap dikembalikan kepada pemohon",
    ),
    "Pencatatan dan Pendataan": ("Arsip digital", "Buku agenda", "Register berkas"),
}

# One step row: No, Kegiatan, Pelaksana, Jenis, Jika Ya, Jika Tidak, Kelengkapan, Waktu,
# Output, Keterangan (the Prosedur sheet's columns).
Row = tuple[int, str, str, str | None, int | None, int | None, str, str, str, str | None]


@dataclass(frozen=True)
class Spec:
    identity: dict[str, str]
    roles: tuple[tuple[str, str | None], ...]
    steps: tuple[Row, ...]
    ketentuan: dict[str, tuple[str, ...]]


def _date(day: dt.date) -> str:
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def make_spec(index: int, steps: int, roles: int, rng: random.Random) -> Spec:
    """A valid SOP with `steps` steps over `roles` roles, drawn from `rng`."""
    unit, short = UNITS[index % len(UNITS)]
    title = TITLES[index % len(TITLES)]
    made = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randrange(0, 500))
    effective = made + dt.timedelta(days=rng.randrange(0, 30))
    identity = {
        "Instansi": "Kabupaten Balangan",
        "Satuan Kerja": unit,
        "Nomor SOP": f"SOP-{index:03d}/{short}/{made.year}",
        "Nama SOP": f"SOP {title} {index:03d}",
        "Tanggal Pembuatan": _date(made),
        "Tanggal Efektif": _date(effective),
        "Disahkan Oleh": f"Kepala {short}",
        "Nama Pengesah": "FAKHRIYANTO, S.Pt, MP",
        "NIP Pengesah": "19780601 200501 1 016",
        "Pangkat Pengesah": "Pembina Tk. I (IV/b)",
        "Tempat": "Paringin",
    }
    if rng.random() < 0.3:
        identity["Tanggal Revisi"] = _date(effective + dt.timedelta(days=rng.randrange(1, 200)))
    chosen = tuple(rng.sample(ROLE_POOL, roles))
    ketentuan = {
        header: tuple(rng.sample(pool, rng.randint(1, len(pool))))
        for header, pool in KETENTUAN_POOL.items()
    }
    return Spec(identity, chosen, _steps(steps, chosen, rng), ketentuan)


def _label(role: tuple[str, str | None]) -> str:
    return role[1] or role[0]


def _steps(n: int, roles: Sequence[tuple[str, str | None]], rng: random.Random) -> tuple[Row, ...]:
    # Who does each step: a walk over the roles that tends to stay, then every
    # role that the walk missed takes over a step of its own.
    who = [rng.randrange(len(roles))]
    for _ in range(n - 1):
        who.append(who[-1] if rng.random() < 0.3 else rng.randrange(len(roles)))
    for r in range(len(roles)):
        if r not in who:
            shared = [i for i in range(n) if who.count(who[i]) > 1]
            who[rng.choice(shared)] = r
    # Decisions: about one in eight steps, at least three apart, never the first
    # two or the last two; Tidak loops back (mostly) or branches forward.
    decisions: dict[int, int] = {}
    last = 0
    for no in range(3, n - 1):
        if no - last >= 3 and rng.random() < 0.13:
            if rng.random() < 0.75:
                target = rng.randint(max(2, no - 6), no - 1)
            else:
                target = min(n, no + rng.randint(2, 4))
            decisions[no] = target
            last = no
    if not decisions and n >= 8:
        decisions[n // 2] = n // 2 - 2
    rows: list[Row] = []
    for no in range(1, n + 1):
        thing = THINGS[rng.randrange(len(THINGS))]
        role = _label(roles[who[no - 1]])
        kind: str | None = None
        yes: int | None = None
        no_target: int | None = None
        if no in decisions:
            kind = "Keputusan"
            no_target = decisions[no]
            yes = no + 1 if rng.random() < 0.5 else None
            text = QUESTIONS[rng.randrange(len(QUESTIONS))].format(thing.capitalize())
        else:
            text = f"{VERBS[rng.randrange(len(VERBS))]} {thing}"
            if rng.random() < 0.25:
                text += QUALIFIERS[rng.randrange(len(QUALIFIERS))]
            if 1 < no < n and len(roles) > 1 and rng.random() < 0.08:
                other = rng.choice([r for r in range(len(roles)) if r != who[no - 1]])
                role = f"{role}; {_label(roles[other])}"
        note = "Paling lambat 3 hari kerja" if rng.random() < 0.1 else None
        rows.append((no, text, role, kind, yes, no_target, thing.capitalize(),
                     WAKTU[rng.randrange(len(WAKTU))], f"{thing.capitalize()} diproses", note))
    return tuple(rows)


# What each step tuple holds, by the Prosedur header it goes under.
STEP_COLUMNS = ("No", "Kegiatan", "Pelaksana", "Jenis", "Jika Ya", "Jika Tidak",
                "Kelengkapan", "Waktu", "Output", "Keterangan")
_BLANK: list[bytes] = []


def _blank() -> bytes:
    if not _BLANK:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "blank.xlsx"
            write_blank_workbook(path)
            _BLANK.append(path.read_bytes())
    return _BLANK[0]


def write_workbook(path: Path, spec: Spec) -> Path:
    """Fill a blank `sopgen new` workbook with `spec`; fixed dates make the bytes repeatable."""
    wb = load_workbook(io.BytesIO(_blank()))
    ws = wb["Identitas"]
    for row in ws.iter_rows(min_row=2):
        label = row[0].value
        if isinstance(label, str) and label in spec.identity:
            row[1].value = spec.identity[label]
    ws = wb["Ketentuan"]
    for col, items in enumerate(spec.ketentuan.values(), start=1):
        for r, item in enumerate(items, start=2):
            ws.cell(row=r, column=col, value=item)
    ws = wb["Pelaksana"]
    for r, (name, short) in enumerate(spec.roles, start=2):
        ws.cell(row=r, column=1, value=name)
        ws.cell(row=r, column=2, value=short)
    ws = wb["Prosedur"]
    where = {str(cell.value): cell.column for cell in ws[1] if cell.value}
    columns = [where[h] for h in STEP_COLUMNS]  # by header: `sopgen new` may add columns
    for r, values in enumerate(spec.steps, start=2):
        for c, value in zip(columns, values, strict=True):
            ws.cell(row=r, column=c, value=value)
    fixed = dt.datetime(2024, 1, 2)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "sopgen bench"
    buffer = io.BytesIO()
    wb.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip(buffer.getvalue()))
    return path


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every date fixed (openpyxl stamps the clock on saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP, data)
            dst.writestr(fixed, data)
    return out.getvalue()


def generate_batch(out: Path, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> list[Path]:
    """`count` SOPs of mixed sizes under `out/bidang-NN/`."""
    rng = random.Random(seed)
    paths = []
    for index in range(1, count + 1):
        steps = rng.randint(MIN_STEPS, MAX_STEPS)
        roles = rng.randint(MIN_ROLES, min(MAX_ROLES, steps - 2))
        spec = make_spec(index, steps, roles, rng)
        folder = out / f"bidang-{(index - 1) % FOLDERS + 1:02d}"
        paths.append(write_workbook(folder / f"sop-{index:03d}.xlsx", spec))
    return paths


def generate_scale(out: Path, seed: int = DEFAULT_SEED) -> dict[int, Path]:
    """A 20-step and a 200-step SOP, same roles and decision density."""
    paths = {}
    for steps in SCALE_STEPS:
        rng = random.Random(seed * 1000 + steps)
        spec = make_spec(900 + steps, steps, SCALE_ROLES, rng)
        paths[steps] = write_workbook(out / f"sop-{steps:03d}-langkah.xlsx", spec)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    batch = generate_batch(args.out / "batch", args.count, args.seed)
    scale = generate_scale(args.out / "skala", args.seed)
    print(f"{len(batch)} workbooks in {args.out / 'batch'}; "
          f"{', '.join(str(p) for p in scale.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
