"""Tests for `sopgen timeline`: totals, per role, loops, branches, calendar, outputs, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sopgen import flow
from sopgen.cli import main
from sopgen.durations import Duration, WorkTime
from sopgen.loader import load
from sopgen.model import Identity, Kind, Loc, Provisions, Role, Settings, Sop, Step
from sopgen.timeline import build_timeline, main_path_minutes
from sopgen.timeline_report import render_csv, render_json, render_table, shorten
from sopgen.workcalendar import WorkCalendar

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx"


# --------------------------------------------------------------------------- workbooks


@dataclass(frozen=True)
class S:
    """One row of sheet Prosedur, numbered by its position."""

    waktu: str | int
    pelaksana: str = "Kasi"
    jenis: str | None = None
    ya: int | None = None
    tidak: int | None = None
    kegiatan: str = "Memeriksa berkas"


ROLES = (("Kepala Bidang", "Kabid"), ("Kepala Seksi", "Kasi"), ("Staf", None))


def write_sop(
    path: Path,
    steps: Sequence[S],
    *,
    pengaturan: dict[str, object] | None = None,
    libur: Sequence[dt.date | str] = (),
) -> Path:
    """A small valid workbook with these steps (plus Pengaturan and Libur if given)."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    ws = wb.create_sheet("Identitas")
    ws.append(["Isian", "Nilai"])
    for row in (
        ("Satuan Kerja", "Dinas Contoh"),
        ("Nomor SOP", "SOP-01/TEST"),
        ("Nama SOP", "SOP Uji Lini Waktu"),
        ("Tanggal Pembuatan", "01 Juli 2023"),
        ("Tanggal Efektif", "01 Juli 2023"),
        ("Disahkan Oleh", "Kepala Dinas"),
        ("Nama Pengesah", "Budi, S.T."),
    ):
        ws.append(list(row))
    wb.create_sheet("Ketentuan").append(
        ["Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan",
         "Peringatan", "Pencatatan dan Pendataan"]
    )
    ws = wb.create_sheet("Pelaksana")
    ws.append(["Pelaksana", "Singkatan"])
    for name, short in ROLES:
        ws.append([name, short])
    ws = wb.create_sheet("Prosedur")
    ws.append(["No", "Kegiatan", "Pelaksana", "Jenis", "Jika Ya", "Jika Tidak", "Waktu"])
    for no, s in enumerate(steps, start=1):
        ws.append([no, s.kegiatan, s.pelaksana, s.jenis, s.ya, s.tidak, s.waktu])
    if pengaturan is not None:
        ws = wb.create_sheet("Pengaturan")
        ws.append(["Isian", "Nilai"])
        for key, value in pengaturan.items():
            ws.append([key, value])
    if libur:
        ws = wb.create_sheet("Libur")
        ws.append(["Tanggal", "Keterangan"])
        for day in libur:
            ws.append([day, "Cuti bersama"])
    wb.save(path)
    return path


def load_sop(path: Path) -> Sop:
    checked = load(path)
    assert checked.sop is not None, [str(p) for p in checked.problems]
    return checked.sop


@pytest.fixture
def example() -> Sop:
    return load_sop(EXAMPLE)


# --------------------------------------------------------------------------- totals


def test_the_example_main_path(example: Sop) -> None:
    tl = build_timeline(example)
    assert tl.main_path == (1, 2, 3, 4, 5, 6, 7, 8, 9)
    assert tl.total_minutes == 124 * 450 + 152 == 55_952
    assert tl.total_text == "124 hari 2 jam 32 menit"
    assert main_path_minutes(example) == 55_952
    assert [s.cumulative for s in tl.steps][-1] == 55_952


def test_the_example_per_role(example: Sop) -> None:
    tl = build_timeline(example)
    assert [(r.name, r.minutes) for r in tl.roles] == [
        ("Sekretaris", 15 + 60),
        ("Kepala Bidang", 2 + 30),  # step 3 is joint: counts fully here ...
        ("Kasubbag Perencanaan dan Keuangan", 30 + 2 + 54_000 + 15),  # ... and here
        ("Kepala Seksi", 900),
        ("Staf Penyusun Evaluasi Kinerja", 900),
    ]


def test_the_example_loops(example: Sop) -> None:
    tl = build_timeline(example)
    assert [(lp.frm, lp.to, lp.steps, lp.minutes) for lp in tl.loops] == [
        (7, 6, (6, 7), 900 + 54_000),
        (8, 7, (7, 8), 54_000 + 60),
    ]
    assert tl.total_with_loops_minutes == 55_952 + 54_900 + 54_060
    assert tl.branches == ()


@pytest.mark.parametrize(
    ("steps", "pengaturan", "total", "text"),
    [
        # default 7,5-hour day
        ([S("15 menit"), S("1 hari"), S("1,5 jam")], None, 15 + 450 + 90, "1 hari 1 jam 45 menit"),
        # an 8-hour Pengaturan changes hari, minggu and bulan
        ([S("1 hari"), S("2 jam"), S("30 menit")], {"Jam Kerja per Hari": 8}, 630,
         "1 hari 2 jam 30 menit"),
        ([S("1 minggu"), S("-")], {"Jam Kerja per Hari": "8", "Hari Kerja per Minggu": 6},
         6 * 480, "6 hari"),
        ([S("1 bulan"), S("5-10 menit")], {"Hari Kerja per Bulan": 20}, 20 * 450 + 10,
         "20 hari 10 menit"),
        # a '-' step counts 0; a bare number is minutes
        ([S("-"), S(45)], None, 45, "45 menit"),
        ([S("-"), S("-")], None, 0, "0 menit"),
    ],
)
def test_totals(
    tmp_path: Path, steps: list[S], pengaturan: dict[str, object] | None, total: int, text: str
) -> None:
    sop = load_sop(write_sop(tmp_path / "t.xlsx", steps, pengaturan=pengaturan))
    tl = build_timeline(sop)
    assert (tl.total_minutes, tl.total_text) == (total, text)
    assert main_path_minutes(sop) == total


def branching(tmp_path: Path) -> Sop:
    """1 -> 2? Ya 3 -> 4 (end); Tidak 5 -> 6? (Tidak back to 5) -> 7 (alternative end)."""
    return load_sop(write_sop(tmp_path / "b.xlsx", [
        S("10 menit", "Kabid"),
        S("20 menit", "Kasi", "Keputusan", tidak=5),
        S("1 jam", "Staf"),
        S("5 menit", "Kabid; Kasi", "Selesai"),
        S("2 jam", "Staf"),
        S("30 menit", "Kasi", "Keputusan", ya=7, tidak=5),
        S("1 hari", "Kabid", "Selesai"),
    ]))  # fmt: skip


def test_branches_and_a_loop_inside_one(tmp_path: Path) -> None:
    tl = build_timeline(branching(tmp_path))
    assert tl.main_path == (1, 2, 3, 4)
    assert tl.total_minutes == 10 + 20 + 60 + 5
    assert [(b.frm, b.to, b.steps, b.minutes) for b in tl.branches] == [
        (2, 5, (5, 6, 7), 120 + 30 + 450),
    ]
    assert [(lp.frm, lp.to, lp.minutes, lp.on_main_path) for lp in tl.loops] == [
        (6, 5, 150, False),
    ]
    # The loop sits in the branch: a main-path run never meets it.
    assert tl.total_with_loops_minutes == tl.total_minutes
    assert [s.on_main_path for s in tl.steps] == [True] * 4 + [False] * 3
    assert [s.cumulative for s in tl.steps] == [10, 30, 90, 95, None, None, None]
    # A joint step (4) counts for both of its roles.
    assert [(r.name, r.minutes) for r in tl.roles] == [
        ("Kepala Bidang", 15), ("Kepala Seksi", 25), ("Staf", 60),
    ]


def test_a_loop_on_the_main_path_adds_its_steps_once(tmp_path: Path) -> None:
    sop = load_sop(write_sop(tmp_path / "l.xlsx", [
        S("15 menit"), S("1 jam"), S("30 menit", jenis="Keputusan", tidak=2), S("5 menit"),
    ]))  # fmt: skip
    tl = build_timeline(sop)
    assert tl.total_minutes == 110
    assert [(lp.frm, lp.to, lp.steps, lp.minutes) for lp in tl.loops] == [(3, 2, (2, 3), 90)]
    assert tl.total_with_loops_minutes == 200


# --------------------------------------------------------------------------- calendar


def test_no_calendar_without_a_start_date(example: Sop) -> None:
    tl = build_timeline(example)
    assert tl.start is None and tl.finish is None
    assert all(s.start is None and s.finish is None for s in tl.steps)


def test_a_start_just_before_17_agustus(tmp_path: Path) -> None:
    sop = load_sop(write_sop(tmp_path / "c.xlsx", [S("1 hari"), S("35 menit"), S("1 jam")]))
    tl = build_timeline(sop, dt.date(2023, 8, 16))
    got = [(s.start, s.finish) for s in tl.steps]
    assert got == [
        (dt.datetime(2023, 8, 16, 7, 30), dt.datetime(2023, 8, 16, 16, 0)),
        (dt.datetime(2023, 8, 18, 7, 30), dt.datetime(2023, 8, 18, 8, 5)),  # 17th skipped
        (dt.datetime(2023, 8, 18, 8, 5), dt.datetime(2023, 8, 18, 9, 5)),
    ]
    assert tl.start == dt.datetime(2023, 8, 16, 7, 30)
    assert tl.finish == dt.datetime(2023, 8, 18, 9, 5)
    assert tl.as_json()["finish"] == "2023-08-18T09:05"


def test_tanggal_mulai_and_libur_from_the_workbook(tmp_path: Path) -> None:
    path = write_sop(
        tmp_path / "c.xlsx",
        [S("1 hari"), S("35 menit")],
        pengaturan={"Tanggal Mulai": "16 Agustus 2023"},
        libur=[dt.datetime(2023, 8, 18), "21-08-2023"],
    )
    tl = build_timeline(load_sop(path))
    # 17 (national), 18 and 21 (Libur) and the weekend are skipped: Tuesday 22 August.
    assert tl.step(2).start == dt.datetime(2023, 8, 22, 7, 30)
    assert tl.finish == dt.datetime(2023, 8, 22, 8, 5)
    # --mulai wins over Tanggal Mulai.
    assert build_timeline(load_sop(path), dt.date(2023, 8, 23)).start == dt.datetime(
        2023, 8, 23, 7, 30
    )


def test_friday_break_and_an_8_hour_day(tmp_path: Path) -> None:
    path = write_sop(
        tmp_path / "f.xlsx",
        [S("4 jam"), S("1 jam"), S("1 hari")],
        pengaturan={"Jam Kerja per Hari": "8", "Jam Masuk": "07:30"},
    )
    tl = build_timeline(load_sop(path), dt.date(2023, 8, 25))  # a Friday
    assert [(s.start, s.finish) for s in tl.steps] == [
        (dt.datetime(2023, 8, 25, 7, 30), dt.datetime(2023, 8, 25, 11, 30)),
        (dt.datetime(2023, 8, 25, 13, 0), dt.datetime(2023, 8, 25, 14, 0)),  # 90-min break
        # 3 hours left on Friday (to 17:00), 5 on Monday: 07:30-12:00, 13:00-13:30
        (dt.datetime(2023, 8, 25, 14, 0), dt.datetime(2023, 8, 28, 13, 30)),
    ]


def test_only_main_path_steps_get_dates(tmp_path: Path) -> None:
    tl = build_timeline(branching(tmp_path), dt.date(2023, 8, 14))
    assert [s.start is not None for s in tl.steps] == [True] * 4 + [False] * 3
    assert tl.finish == tl.step(4).finish


# --------------------------------------------------------------------------- property

_WORK = st.builds(
    WorkTime,
    hours_per_day=st.sampled_from([Decimal("7.5"), Decimal(8), Decimal(6)]),
    days_per_week=st.sampled_from([5, 6]),
)


@st.composite
def sops(draw: st.DrawFn) -> Sop:
    """Random valid-shaped SOPs: decisions jump back or forward, alternative ends."""
    n = draw(st.integers(min_value=2, max_value=12))
    steps: list[Step] = []
    for no in range(1, n + 1):
        minutes = draw(st.integers(min_value=0, max_value=3 * 450))
        kind = Kind.MULAI if no == 1 else Kind.SELESAI if no == n else Kind.PROSES
        yes = no_ = None
        if 1 < no < n and draw(st.integers(0, 3)) == 0:
            kind = Kind.KEPUTUSAN
            yes = no + 1
            no_ = draw(st.sampled_from([t for t in range(1, n + 1) if t != no]))
        elif 1 < no < n and draw(st.integers(0, 6)) == 0:
            kind = Kind.SELESAI
        roles = tuple(sorted(draw(st.sets(st.integers(0, 2), min_size=1))))
        steps.append(Step(no, f"Langkah {no}", roles, kind, Duration(minutes, f"{minutes}"),
                          yes, no_))
    work = draw(_WORK)
    return Sop(
        Identity("Unit", "SOP-1", "Uji", dt.date(2023, 7, 1), dt.date(2023, 7, 1), "Kepala",
                 "Budi"),
        Provisions(),
        tuple(Role(f"Peran {i}", None, Loc("Pelaksana", f"A{i + 2}")) for i in range(3)),
        tuple(steps),
        Settings(work=work),
    )


@settings(max_examples=120, deadline=None)
@given(sop=sops(), start=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_totals_add_up_and_time_moves_forward(sop: Sop, start: dt.date) -> None:
    tl = build_timeline(sop, start)
    path = flow.main_path(sop.steps)
    assert tl.total_minutes == sum(sop.step(n).waktu.minutes for n in path)
    assert tl.total_minutes == main_path_minutes(sop)
    for role_index, role in enumerate(tl.roles):
        assert role.minutes == sum(
            sop.step(n).waktu.minutes for n in path if role_index in sop.step(n).roles
        )
    assert tl.total_with_loops_minutes >= tl.total_minutes
    assert tl.start is not None and tl.finish is not None
    assert tl.finish >= tl.start
    calendar = WorkCalendar.for_sop(sop)
    previous = tl.start
    for no in path:
        s = tl.step(no)
        assert s.start is not None and s.finish is not None
        assert previous <= s.start <= s.finish
        assert calendar.minutes_between(s.start, s.finish) == s.minutes
        previous = s.finish
    assert calendar.minutes_between(tl.start, tl.finish) == tl.total_minutes


# --------------------------------------------------------------------------- outputs

JSON_KEYS = {
    "total_minutes", "total_text", "steps", "roles", "loops", "branches",
    "total_with_loops_minutes", "start", "finish", "main_path", "work",
}  # fmt: skip


def test_json_shape(tmp_path: Path) -> None:
    data = json.loads(render_json(build_timeline(branching(tmp_path), dt.date(2023, 8, 16))))
    assert set(data) == JSON_KEYS
    assert data["total_minutes"] == 95 and data["total_text"] == "1 jam 35 menit"
    assert data["steps"][0] == {
        "no": 1, "minutes": 10, "on_main_path": True,
        "start": "2023-08-16T07:30", "finish": "2023-08-16T07:40",
    }  # fmt: skip
    assert data["steps"][4] == {
        "no": 5, "minutes": 120, "on_main_path": False, "start": None, "finish": None,
    }  # fmt: skip
    assert data["roles"][0] == {"name": "Kepala Bidang", "minutes": 15}
    assert data["loops"] == [
        {"from": 6, "to": 5, "minutes": 150, "steps": [5, 6], "on_main_path": False}
    ]
    assert data["branches"] == [{"from": 2, "to": 5, "minutes": 600, "steps": [5, 6, 7]}]
    assert data["total_with_loops_minutes"] == 95
    assert data["start"] == "2023-08-16T07:30" and data["finish"] == "2023-08-16T09:05"
    assert data["main_path"] == [1, 2, 3, 4]
    assert data["work"] == {"minutes_per_day": 450, "days_per_week": 5, "days_per_month": 22}


def test_json_without_a_start_date_keeps_its_keys(example: Sop) -> None:
    data = json.loads(render_json(build_timeline(example)))
    assert set(data) == JSON_KEYS
    assert data["start"] is None and data["finish"] is None
    assert {tuple(sorted(s)) for s in data["steps"]} == {
        ("finish", "minutes", "no", "on_main_path", "start")
    }
    assert data["total_minutes"] == 55_952


def test_csv_for_excel(example: Sop) -> None:
    raw = render_csv(example, build_timeline(example, dt.date(2023, 8, 16)))
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ["No", "Kegiatan", "Pelaksana", "Waktu", "Menit", "Kumulatif",
                       "Jalur Utama", "Mulai", "Selesai"]
    assert rows[3][:7] == ["3", "Rapat sosialisasi pengisian form RKT",
                           "Kabid; Kasubbag Renkeu", "2 Menit", "2", "47", "Ya"]
    assert rows[1][7:] == ["2023-08-16T07:30", "2023-08-16T07:45"]
    assert all(len(r) == 9 for r in rows[:10])
    assert rows[10] == []
    summary = {r[0]: r[1:] for r in rows[11:]}
    assert summary["Total jalur utama"][:2] == ["55952", "124 hari 2 jam 32 menit"]
    assert summary["Putaran 7 ke 6"][0] == "54900"
    assert summary["Pelaksana: Sekretaris"] == ["75", "1 jam 15 menit", "1, 8"]
    assert summary["Selesai"][1] == "2024-02-13T10:02"


def test_table_lists_every_step_and_the_totals(example: Sop) -> None:
    out = io.StringIO()
    render_table(example, build_timeline(example, dt.date(2023, 8, 16)), out)
    text = out.getvalue()
    assert "Disposisi kepada kasubag Renkeu untuk…" in text
    assert "55.952" in text and "124 hari 2 jam 32 menit" in text
    assert "Kasubbag Perencanaan dan Keuangan" in text and "54.047" in text
    assert "langkah 7 kembali ke 6" in text and "54.900 menit = 122 hari" in text
    assert "Rab 16-08-2023 07:30" in text and "Sel 13-02-2024 10:02" in text
    assert "Jumat 07:30-11:30 dan 13:00-16:30" in text


def test_table_without_calendar_says_how_to_get_one(example: Sop) -> None:
    out = io.StringIO()
    render_table(example, build_timeline(example), out)
    assert "--mulai" in out.getvalue() and "Mulai " not in out.getvalue().split("\n")[2]


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Pengarsipan RKT", "Pengarsipan RKT"),
        ("Disposisi kepada kasubag Renkeu untuk melaksanakan penyusunan RKT",
         "Disposisi kepada kasubag Renkeu untuk…"),
        ("Baris\nkedua", "Baris kedua"),
        ("x" * 60, "x" * 39 + "…"),
    ],
)
def test_shorten(text: str, short: str) -> None:
    assert shorten(text) == short
    assert len(shorten(text)) <= 40


# --------------------------------------------------------------------------- the command


def run(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["timeline", *args])
    out, err = capfd.readouterr()
    return code, out, err


def test_cli_table(capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capfd, str(EXAMPLE), "--mulai", "2023-08-16")
    assert code == 0
    assert "124 hari 2 jam 32 menit" in out and "Sel 13-02-2024 10:02" in out
    assert "peringatan: Waktu '120 hari'" in err  # warnings go to stderr


def test_cli_json(capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capfd, str(EXAMPLE), "--json")
    assert code == 0
    assert json.loads(out)["total_minutes"] == 55_952


def test_cli_csv_bytes(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    code = main(["timeline", str(EXAMPLE), "--csv"])
    out, _ = capfdbinary.readouterr()
    assert code == 0
    assert out.startswith(b"\xef\xbb\xbfNo;Kegiatan;")
    assert b"\r\n" in out


def test_cli_accepts_indonesian_dates(capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capfd, str(EXAMPLE), "--json", "--mulai", "16 Agustus 2023")
    assert code == 0
    assert json.loads(out)["start"] == "2023-08-16T07:30"


@pytest.mark.parametrize("bad", ["2023-13-01", "besok", "16/08"])
def test_cli_bad_mulai_is_a_usage_error(capfd: pytest.CaptureFixture[str], bad: str) -> None:
    code, out, err = run(capfd, str(EXAMPLE), "--mulai", bad)
    assert code == 2
    assert out == ""
    assert f"--mulai '{bad}' bukan tanggal" in err and "2023-08-18" in err
    assert "Traceback" not in err


def test_cli_invalid_workbook_prints_problems_like_check(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = write_sop(tmp_path / "bad.xlsx", [S("15 menit"), S("2 kapan-kapan")])
    assert main(["check", str(path)]) == 1
    check_out, _ = capfd.readouterr()
    code, out, err = run(capfd, str(path), "--json")
    assert code == 1
    assert out == ""
    assert err == check_out
    assert "Prosedur!G3" in err


def test_cli_unreadable_workbook(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "bukan.xlsx"
    fake.write_text("No;Kegiatan\n1;x\n", encoding="utf-8")
    code, out, err = run(capfd, str(fake))
    assert code == 2 and out == ""
    assert "bukan buku kerja Excel" in err
    code, _, err = run(capfd, str(tmp_path / "tidak-ada.xlsx"))
    assert code == 2 and "tidak ditemukan" in err


def test_cli_json_and_csv_together_is_a_usage_error(capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capfd, str(EXAMPLE), "--json", "--csv")
    assert code == 2 and "sopgen --help" in err


def test_cli_calendar_too_far_is_reported(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Each step is legal (under 100 working years); together they run past the horizon.
    path = write_sop(tmp_path / "far.xlsx", [S("15 menit"), S("1000 bulan"), S("1000 bulan")])
    code, out, err = run(capfd, str(path), "--mulai", "2023-08-16")
    assert code == 1 and out == ""
    assert "lebih dari 100 tahun" in err and "Traceback" not in err
    # Without a calendar the totals still work.
    code, out, _ = run(capfd, str(path), "--json")
    assert code == 0 and json.loads(out)["total_minutes"] == 15 + 2 * 1000 * 22 * 450
