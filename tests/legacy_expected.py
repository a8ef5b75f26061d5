"""What each legacy sheet shows, read by eye from its page images.

roles: the role columns (0-based, left to right) holding each step's symbol(s);
branches: a decision's (Ya target, Tidak target), None where the drawing does
not say.
"""

from __future__ import annotations

EXPECTED: dict[str, dict[str, object]] = {
    "bps-185": {
        "roles": ["Tim Pelaksana Teknis", "Kepala", "Pegawai"],
        "steps": [(0,), (0,), (1,), (1,), (1,), (2,), (2,), (0,)],
        "branches": {},
    },
    "bps-314": {
        "roles": ["Ketua / Anggota UPG", "Anggota UPG", "KPK"],
        "steps": [(1,), (0,), (0, 1), (1,), (2,), (1,), (0,)],
        "branches": {4: (5, 7)},  # Ya to KPK, Tidak along the left to the end
    },
    "bps-026": {
        "roles": ["TIM", "Kepala Bagian Umum", "Sekretaris", "Layanan Umum", "Jasa pengiriman"],
        "steps": [(0,), (1,), (3,), (1, 2), (1,), (2, 3), (4,), (3,)],
        "branches": {5: (6, 4)},  # unlabelled: down to 6, back up to 4
    },
    "bps-342": {
        "roles": ["Pengguna Layanan", "Resepsionis", "Petugas Layanan", "Aplikasi Pelayanan"],
        "steps": [(0,), (0,), (3,), (1,), (2,), (1,)],
        "branches": {2: (3, 4), 3: (6, 5)},  # 3: Ya down to the rating, tidak to 5
    },
    "bps-098": {
        "roles": ["CAN", "BPS Kabupaten/Kota", "Pegawai"],
        "steps": [(0,), (0,), (1,), (2,), (0,), (1,), (1,), (0,), (0,), (0,), (0,)],
        "branches": {6: (7, 8)},
    },
}
