"""Tests for sopgen.gantt: one geometry, drawn as SVG and as PNG."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from sopgen import messages as msg
from sopgen.cli import main
from sopgen.durations import Duration
from sopgen.gantt import (
    PALETTE,
    Box,
    GanttDrawing,
    Label,
    Line,
    Polygon,
    fit,
    gantt_drawing,
    gantt_png,
    gantt_svg,
    text_width,
)
from sopgen.loader import load
from sopgen.model import Identity, Kind, Loc, Provisions, Role, Sop, Step
from sopgen.timeline import build_timeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def example() -> Sop:
    sop = load(EXAMPLE).sop
    assert sop is not None
    return sop


def make_sop(*steps: tuple[int, tuple[int, ...], Kind, int | None]) -> Sop:
    """Steps as (minutes, roles, kind, Jika Tidak); Jika Ya is always the next step."""
    built = tuple(
        Step(no, f"Langkah nomor {no}", roles, kind, Duration(minutes, f"{minutes} menit"),
             no + 1 if kind is Kind.KEPUTUSAN else None, tidak)
        for no, (minutes, roles, kind, tidak) in enumerate(steps, start=1)
    )
    return Sop(
        Identity("Unit", "SOP-9", "SOP Pendek", dt.date(2023, 7, 1), dt.date(2023, 7, 1),
                 "Kepala", "Budi"),
        Provisions(),
        (Role("Kepala Bidang", "Kabid", Loc("Pelaksana", "A2")),
         Role("Staf", None, Loc("Pelaksana", "A3"))),
        built,
    )


def boxes(d: GanttDrawing) -> list[Box]:
    return [s for s in d.shapes if isinstance(s, Box)]


def labels(d: GanttDrawing) -> list[str]:
    return [s.text for s in d.shapes if isinstance(s, Label)]


# --------------------------------------------------------------------------- geometry


def test_bars_sit_at_their_cumulative_start(example: Sop) -> None:
    d = gantt_drawing(example)
    step7 = next(b for b in boxes(d) if b.fill in PALETTE and b.w > 500)  # 120 hari
    step4 = next(b for b in boxes(d) if b.fill == PALETTE[3])  # Kepala Seksi: step 4 only
    scale = step7.w / 54_000
    assert step4.w == pytest.approx(900 * scale)
    assert step7.x - step4.x == pytest.approx((1877 - 47) * scale)  # cumulative starts


def test_a_joint_step_is_striped_in_both_colours(example: Sop) -> None:
    d = gantt_drawing(example)
    # Step 3: Kepala Bidang (index 1) and Kasubbag (index 2), one stripe each on one row.
    orange = [b for b in boxes(d) if b.fill == PALETTE[1]]
    green = [b for b in boxes(d) if b.fill == PALETTE[2]]
    assert any(
        o.x == g.x and o.h == g.h == 8 and g.y == o.y + 8 for o in orange for g in green
    )


def test_loops_are_marked_and_explained(example: Sop) -> None:
    d = gantt_drawing(example)
    texts = labels(d)
    assert "U1" in texts and "U2" in texts
    assert any("langkah 7 Tidak, ulang dari langkah 6; +122 hari" in t for t in texts)
    assert sum(isinstance(s, Polygon) for s in d.shapes) == 2  # one arrowhead each


def test_axis_in_hari_kerja_and_legend_of_roles(example: Sop) -> None:
    texts = labels(gantt_drawing(example))
    assert "Waktu kerja (hari kerja; 1 hari kerja = 7,5 jam)" in texts
    assert {"0", "20", "40", "60", "80", "100", "120"} <= set(texts)
    for role in example.roles:
        assert role.name in texts
    assert "selesai: 124 hari 2 jam 32 menit" in texts


def test_short_sops_use_hours_or_minutes() -> None:
    hours = make_sop((60, (0,), Kind.MULAI, None), (240, (1,), Kind.SELESAI, None))
    assert "Waktu kerja (jam kerja)" in labels(gantt_drawing(hours))
    minutes = make_sop((5, (0,), Kind.MULAI, None), (10, (1,), Kind.SELESAI, None))
    assert "Waktu kerja (menit kerja)" in labels(gantt_drawing(minutes))
    nothing = make_sop((0, (0,), Kind.MULAI, None), (0, (1,), Kind.SELESAI, None))
    assert all(b.w >= 3 for b in boxes(gantt_drawing(nothing)) if b.fill in PALETTE)


def test_branch_steps_are_faded_and_start_after_their_decision() -> None:
    sop = make_sop(
        (30, (0,), Kind.MULAI, None),
        (60, (1,), Kind.KEPUTUSAN, 4),  # Tidak: on to step 4, a branch
        (30, (0,), Kind.SELESAI, None),
        (120, (1,), Kind.SELESAI, None),
    )
    d = gantt_drawing(sop)
    faded = [b for b in boxes(d) if b.opacity < 1 and b.fill in PALETTE]
    assert len(faded) == 1
    decision = next(b for b in boxes(d) if b.fill == PALETTE[1] and b.opacity == 1)
    assert faded[0].x == pytest.approx(decision.x + decision.w)
    assert any(b.dashed and b.stroke for b in boxes(d))
    assert "langkah di luar jalur utama (cabang)" in labels(d)


def test_calendar_dates_in_the_subtitle(example: Sop) -> None:
    tl = build_timeline(example, dt.date(2023, 8, 16))
    assert any("mulai Rab 16-08-2023 07:30, selesai Sel 13-02-2024 10:02" in t
               for t in labels(gantt_drawing(example, tl)))


def test_everything_stays_on_the_canvas(example: Sop) -> None:
    d = gantt_drawing(example, width=900)
    for s in d.shapes:
        if isinstance(s, Box):
            assert s.x >= 0 and s.x + s.w <= d.width + 0.01 and s.y + s.h <= d.height
        elif isinstance(s, Label):
            w = text_width(s.text, s.size, s.bold)
            left = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.anchor]
            assert left >= 0 and left + w <= d.width + 0.01, s.text
        elif isinstance(s, Line | Polygon):
            assert all(0 <= x <= d.width and 0 <= y <= d.height for x, y in s.points)


def test_text_measure_and_fit() -> None:
    assert text_width("M", 10) == pytest.approx(8.33, abs=0.01)  # 1706/2048 em
    assert text_width("MM", 10, bold=True) == pytest.approx(16.66, abs=0.01)
    cut = fit("Mengkompilasikan form RKT dari masing-masing bidang", 12, 100)
    assert cut.endswith("…") and text_width(cut, 12) <= 100
    assert fit("pendek", 12, 100) == "pendek"


# --------------------------------------------------------------------------- SVG and PNG


def test_svg_is_well_formed_and_stable(example: Sop) -> None:
    svg = gantt_svg(example)
    assert svg == gantt_svg(example)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox", "").startswith("0 0 1200 ")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Kasubbag Perencanaan dan Keuangan" in texts
    assert len(list(root.iter(f"{SVG}rect"))) > 9
    assert any(r.get("stroke-dasharray") for r in root.iter(f"{SVG}polyline"))


def test_svg_escapes_text() -> None:
    sop = make_sop((5, (0,), Kind.MULAI, None), (5, (1,), Kind.SELESAI, None))
    steps = (Step(1, "Cek <berkas> & \"surat\"", (0,), Kind.MULAI, Duration(5, "5 menit")),
             sop.steps[1])
    sop = Sop(sop.identity, sop.provisions, sop.roles, steps)
    root = ET.fromstring(gantt_svg(sop))
    assert any("Cek <berkas> & \"surat\"" in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_png_draws_the_same_picture_at_twice_the_size(example: Sop) -> None:
    data = gantt_png(example)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert data == gantt_png(example)
    d = gantt_drawing(example)
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (round(d.width * 2), round(d.height * 2))
        step7 = next(b for b in boxes(d) if b.fill == PALETTE[2] and b.w > 500)
        x, y = (step7.x + step7.w / 2) * 2, (step7.y + step7.h / 2) * 2
        assert img.getpixel((round(x), round(y))) == (0x59, 0xA1, 0x4F)  # the role's green


def test_lines_carry_the_arrow_to_the_target_row(example: Sop) -> None:
    d = gantt_drawing(example)
    brackets = [s for s in d.shapes if isinstance(s, Line) and len(s.points) == 4]
    assert len(brackets) == 2
    # U1 (7 -> 6) spans one row upward.
    (_, y_from), _, _, (_, y_to) = brackets[0].points
    assert y_from - y_to == pytest.approx(26)


# --------------------------------------------------------------------------- the command


@pytest.mark.parametrize("name", ["gantt.svg", "gantt.PNG"])
def test_cli_writes_the_picture(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], name: str
) -> None:
    target = tmp_path / name
    code = main(["timeline", str(EXAMPLE), "--json", "--gantt", str(target)])
    out, err = capfd.readouterr()
    assert code == 0
    assert out.startswith("{")  # the JSON stream stays clean
    assert f"gambar Gantt ditulis: {target}" in err
    head = target.read_bytes()[:8]
    assert head == b"\x89PNG\r\n\x1a\n" if name.endswith("PNG") else head.startswith(b"<svg")


def test_cli_refuses_other_picture_formats(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code = main(["timeline", str(EXAMPLE), "--gantt", str(tmp_path / "gantt.jpg")])
    _, err = capfd.readouterr()
    assert code == 2
    assert "harus berakhiran .svg atau .png" in err
    assert not (tmp_path / "gantt.jpg").exists()


def test_cli_cannot_write_the_picture(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    code = main(["timeline", str(EXAMPLE), "--gantt", str(blocker / "gantt.svg")])
    _, err = capfd.readouterr()
    assert code == 2 and "tidak dapat ditulis" in err and "Traceback" not in err


def test_gantt_without_the_font_is_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sopgen import fonts

    def missing(bold: bool = False) -> None:
        raise fonts.FontMissing(msg.font_missing(fonts.FAMILY))

    monkeypatch.setattr(fonts, "metrics", missing)
    status = main(["timeline", str(EXAMPLE), "--gantt", str(tmp_path / "g.svg")])
    _, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in err
    assert err.splitlines()[-1] == f"sopgen: {msg.font_missing(fonts.FAMILY)}"
    assert not (tmp_path / "g.svg").exists()
