"""The Gantt picture: steps as bars on the working-time axis, coloured by role.

`gantt_drawing` computes the geometry once, as a short display list of boxes,
lines, polygons and labels in pixels; `gantt_svg` and `gantt_png` only
translate that list, so the two pictures agree and another renderer (the
sheet's appendix) can embed the SVG string or walk the list itself.

The x axis is working time from the main path's start (hari kerja; jam or
menit for an SOP shorter than three days or two hours), not calendar time:
the picture is the same whatever the start date. Main-path steps sit at their
cumulative start; a step off the main path (a branch) starts when the latest
of its earlier predecessors finishes, and is drawn faded with a dashed
outline. Loops are brackets in a gutter on the right, from the decision's row
up to its target's, tagged U1, U2... and explained in the legend. A joint
step is striped in its roles' colours.

Text is measured with the sheet's own font metrics (`sopgen.fonts`: Liberation
Sans, metric-compatible with Arial, read with fontTools), as the layout measures
the sheet; without that font `FontMissing` says how to install it. The SVG names
Liberation Sans/Arial.

PNG: drawn with Pillow (a declared dependency), from the same display list at
`scale` times the size, with Liberation Sans (or DejaVu Sans, or Pillow's
bundled font) as the typeface.
A rasteriser of the SVG (CairoSVG, resvg) would add a native dependency for
no gain, since the geometry is ours anyway.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Final, Literal
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from sopgen import fonts
from sopgen import messages as msg
from sopgen.durations import format_minutes
from sopgen.model import Sop
from sopgen.timeline import Timeline, build_timeline
from sopgen.timeline_report import moment_text

__all__ = [
    "Box",
    "GanttDrawing",
    "Label",
    "Line",
    "Polygon",
    "gantt_drawing",
    "gantt_png",
    "gantt_svg",
    "text_width",
    "write_gantt",
]

Point = tuple[float, float]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    opacity: float = 1.0
    stroke: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class Line:
    points: tuple[Point, ...]
    stroke: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    fill: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    size: float
    anchor: Anchor = "start"
    bold: bool = False
    fill: str = "#222222"


Shape = Box | Line | Polygon | Label


@dataclass(frozen=True)
class GanttDrawing:
    width: float
    height: float
    shapes: tuple[Shape, ...]


# --- text measurement ---------------------------------------------------------

# The sheet's own metrics (Liberation Sans, read by fontTools): widths in the unit of `size`.
text_width = fonts.text_width


def fit(text: str, size: float, width: float, bold: bool = False) -> str:
    """`text` on one line, cut with '…' so it is at most `width` pixels wide."""
    flat = " ".join(text.split())
    if text_width(flat, size, bold) <= width:
        return flat
    while flat and text_width(flat + "…", size, bold) > width:
        flat = flat[:-1]
    return flat.rstrip(" ,;:.-") + "…"


# --- geometry -------------------------------------------------------------------

# Tableau 10: distinct, print-friendly; roles beyond ten reuse them.
PALETTE: Final = (
    "#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2",
    "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC",
)  # fmt: skip
_INK: Final = "#222222"
_MUTED: Final = "#666666"
_GRID: Final = "#D9D9D9"
_ZEBRA: Final = "#F4F6F8"
_LOOP: Final = "#333333"

_MARGIN: Final = 24.0
_ROW: Final = 26.0
_BAR: Final = 16.0
_LABEL_SIZE: Final = 12.0
_SMALL: Final = 11.0
_TITLE_SIZE: Final = 18.0
_MIN_BAR: Final = 3.0
_LOOP_STEP: Final = 28.0
_MIN_WIDTH: Final = 640.0


def _nice_step(span: float, most: int = 10) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... giving at most `most` intervals."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if span / (factor * magnitude) <= most:
                return factor * magnitude
        magnitude *= 10


def _hours_text(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def _placements(sop: Sop, tl: Timeline) -> dict[int, int]:
    """Start, in working minutes from the SOP's start, of every step's bar."""
    starts: dict[int, int] = {}
    for no in tl.main_path:
        st = tl.step(no)
        assert st.cumulative is not None
        starts[no] = st.cumulative - st.minutes
    preds: dict[int, list[int]] = {s.no: [] for s in sop.steps}
    for s in sop.steps:
        for t in s.successors():
            if t in preds:
                preds[t].append(s.no)
    for s in sop.steps:  # off the main path, in number order: earlier predecessors first
        if s.no in starts:
            continue
        ends = [starts[p] + tl.step(p).minutes for p in preds[s.no] if p in starts]
        starts[s.no] = max(ends, default=0)
    return starts


def gantt_drawing(sop: Sop, tl: Timeline | None = None, *, width: float = 1200) -> GanttDrawing:
    """The picture's geometry in pixels (1 px = 1 SVG user unit)."""
    tl = tl if tl is not None else build_timeline(sop)
    width = max(float(width), _MIN_WIDTH)
    shapes: list[Shape] = []
    work = tl.work
    per_day = int(work.minutes_per_day)
    starts = _placements(sop, tl)
    extent = max([starts[s.no] + tl.step(s.no).minutes for s in sop.steps] + [tl.total_minutes, 1])

    # Header.
    y = _MARGIN + _TITLE_SIZE
    title = msg.gantt_title(sop.identity.nama)
    shapes.append(Label(_MARGIN, y, fit(title, _TITLE_SIZE, width - 2 * _MARGIN, True),
                        _TITLE_SIZE, bold=True))
    y += 20
    sub = msg.gantt_subtitle(sop.identity.nomor, tl.total_text)
    if tl.start is not None and tl.finish is not None:
        sub += "  ·  " + msg.gantt_dates(moment_text(tl.start), moment_text(tl.finish))
    shapes.append(Label(_MARGIN, y, fit(sub, _LABEL_SIZE, width - 2 * _MARGIN), _LABEL_SIZE,
                        fill=_MUTED))
    top = y + 30

    # Columns: step labels | plot | room for bar labels | loop gutter.
    row_texts = [f"{s.no}. {' '.join(s.kegiatan.split())}" for s in sop.steps]
    label_w = min(max(text_width(t, _LABEL_SIZE) for t in row_texts) + 4, width * 0.32)
    label_w = max(label_w, text_width(msg.gantt_steps_heading(), _LABEL_SIZE, True))
    bar_texts = [" ".join(s.waktu.text.split()) for s in sop.steps]
    room = min(max(text_width(t, _SMALL) for t in bar_texts) + 10, 140)
    gutter = len(tl.loops) * _LOOP_STEP + (12 if tl.loops else 0)
    x0 = _MARGIN + label_w + 14
    x1 = width - _MARGIN - gutter - room
    scale = (x1 - x0) / extent

    def x_of(minutes: float) -> float:
        return x0 + minutes * scale

    n = len(sop.steps)
    bottom = top + n * _ROW

    def row_mid(no: int) -> float:
        return top + (no - 0.5) * _ROW

    # Row stripes, then the grid, then the bars on top.
    for i in range(1, n, 2):
        shapes.append(Box(_MARGIN, top + i * _ROW, width - 2 * _MARGIN, _ROW, _ZEBRA))
    if extent >= 3 * per_day:  # shorter SOPs read better in hours than in 0,2 hari
        unit, unit_name = per_day, "hari"
    elif extent >= 120:
        unit, unit_name = 60, "jam"
    else:
        unit, unit_name = 1, "menit"
    step = _nice_step(extent / unit)
    k = 0
    while k * step * unit <= extent:
        gx = x_of(k * step * unit)
        shapes.append(Line(((gx, top), (gx, bottom)), _GRID))
        shapes.append(Line(((gx, bottom), (gx, bottom + 4)), _MUTED))
        shapes.append(Label(gx, bottom + 17, str(k * step), _SMALL, "middle", fill=_MUTED))
        k += 1
    shapes.append(Line(((x0, bottom), (x1, bottom)), _MUTED))
    axis_title = msg.gantt_axis(unit_name, _hours_text(work.hours_per_day))
    shapes.append(Label((x0 + x1) / 2, bottom + 36, axis_title, _LABEL_SIZE, "middle",
                        fill=_INK))

    shapes.append(Label(_MARGIN, top - 8, msg.gantt_steps_heading(), _LABEL_SIZE, bold=True))
    fx = x_of(tl.total_minutes)
    shapes.append(Line(((fx, top - 4), (fx, bottom)), _INK, 1.2, dashed=True))
    finish = msg.gantt_finish(tl.total_text)
    fw = text_width(finish, _SMALL, True)
    if fx - fw >= x0:
        shapes.append(Label(fx, top - 8, finish, _SMALL, "end", bold=True))
    else:
        shapes.append(Label(fx + 4, top - 8, finish, _SMALL, "start", bold=True))

    for s, text, bar_text in zip(sop.steps, row_texts, bar_texts, strict=True):
        st = tl.step(s.no)
        mid = row_mid(s.no)
        shapes.append(Label(_MARGIN + 4, mid + 4, fit(text, _LABEL_SIZE, label_w - 4),
                            _LABEL_SIZE, fill=_INK if st.on_main_path else _MUTED))
        bx = x_of(starts[s.no])
        bw = max(st.minutes * scale, _MIN_BAR)
        by = mid - _BAR / 2
        opacity = 1.0 if st.on_main_path else 0.4
        stripe = _BAR / len(s.roles)
        for j, index in enumerate(s.roles):
            shapes.append(Box(bx, by + j * stripe, bw, stripe, PALETTE[index % len(PALETTE)],
                              opacity))
        if not st.on_main_path:
            shapes.append(Box(bx, by, bw, _BAR, None, stroke=_MUTED, dashed=True))
        tw = text_width(bar_text, _SMALL)
        if bx + bw + 5 + tw <= x1 + room:
            shapes.append(Label(bx + bw + 5, mid + 4, bar_text, _SMALL, fill=_MUTED))
        elif bw >= tw + 12:
            shapes.append(Label(bx + bw - 6, mid + 4, bar_text, _SMALL, "end", True, "#FFFFFF"))
        else:
            shapes.append(Label(bx - 5, mid + 4, bar_text, _SMALL, "end", fill=_MUTED))

    # Loops: a bracket per loop in the gutter, arrowhead at the target's row.
    for i, lp in enumerate(tl.loops, start=1):
        gx = x1 + room + 12 + (i - 1) * _LOOP_STEP + 10
        y_from, y_to = row_mid(lp.frm), row_mid(lp.to)
        if y_from - y_to < 8:  # a loop onto its own step: a small visible hook
            y_to = y_from - 8
        shapes.append(Line(((gx - 10, y_from), (gx, y_from), (gx, y_to), (gx - 6, y_to)),
                           _LOOP, 1.6))
        shapes.append(Polygon(((gx - 11, y_to), (gx - 5, y_to - 4), (gx - 5, y_to + 4)), _LOOP))
        shapes.append(Label(gx + 3, y_to - 6, msg.gantt_loop_tag(i), 10.0, "middle", True, _LOOP))

    # Legend: roles, the faded off-path style, the loops.
    y = bottom + 64
    x = _MARGIN
    head = msg.gantt_roles_heading()
    shapes.append(Label(x, y, head, _LABEL_SIZE, bold=True))
    x += text_width(head, _LABEL_SIZE, True) + 12
    entries: list[tuple[Shape, ...]] = []
    for i, role in enumerate(sop.roles):
        colour = PALETTE[i % len(PALETTE)]
        entries.append((Box(0, -10, 12, 12, colour), Label(18, 0, role.name, _LABEL_SIZE)))
    if any(not s.on_main_path for s in tl.steps):
        entries.append((
            Box(0, -10, 12, 12, "#888888", 0.4),
            Box(0, -10, 12, 12, None, stroke=_MUTED, dashed=True),
            Label(18, 0, msg.gantt_off_main(), _LABEL_SIZE, fill=_MUTED),
        ))  # fmt: skip
    for entry in entries:
        label = entry[-1]
        assert isinstance(label, Label)
        w = 18 + text_width(label.text, _LABEL_SIZE) + 18
        if x + w > width - _MARGIN and x > _MARGIN + 100:
            x, y = _MARGIN + 100, y + 20
        shapes.extend(_moved(entry, x, y))
        x += w
    for i, lp in enumerate(tl.loops, start=1):
        y += 20
        text = msg.gantt_loop_legend(i, lp.frm, lp.to, format_minutes(lp.minutes, work))
        shapes.append(Label(_MARGIN, y, fit(text, _LABEL_SIZE, width - 2 * _MARGIN),
                            _LABEL_SIZE, fill=_LOOP))
    height = y + _MARGIN
    background = Box(0, 0, width, height, "#FFFFFF")
    return GanttDrawing(width, height, (background, *shapes))


def _moved(entry: Sequence[Shape], dx: float, dy: float) -> list[Shape]:
    out: list[Shape] = []
    for shape in entry:
        if isinstance(shape, Box):
            out.append(Box(shape.x + dx, shape.y + dy, shape.w, shape.h, shape.fill,
                           shape.opacity, shape.stroke, shape.dashed))
        elif isinstance(shape, Label):
            out.append(Label(shape.x + dx, shape.y + dy, shape.text, shape.size, shape.anchor,
                             shape.bold, shape.fill))
        elif isinstance(shape, Line):
            out.append(Line(tuple((px + dx, py + dy) for px, py in shape.points), shape.stroke,
                            shape.width, shape.dashed))
        else:
            out.append(Polygon(tuple((px + dx, py + dy) for px, py in shape.points), shape.fill))
    return out


# --- SVG ----------------------------------------------------------------------

_FONT_FAMILY: Final = "'Liberation Sans', Arial, Helvetica, sans-serif"
_DASH: Final = (5.0, 3.0)


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: stable text."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pts(points: Sequence[Point]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def gantt_svg(sop: Sop, tl: Timeline | None = None, *, width: float = 1200) -> str:
    """A standalone SVG document; embeddable as is (in HTML or WeasyPrint)."""
    d = gantt_drawing(sop, tl, width=width)
    title = msg.gantt_title(sop.identity.nama)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(d.width)}" '
        f'height="{_n(d.height)}" viewBox="0 0 {_n(d.width)} {_n(d.height)}" '
        f'font-family="{_FONT_FAMILY}" role="img">',
        f"<title>{escape(title)}</title>",
    ]
    dash = f' stroke-dasharray="{_n(_DASH[0])} {_n(_DASH[1])}"'
    for s in d.shapes:
        if isinstance(s, Box):
            fill = s.fill or "none"
            attrs = f'x="{_n(s.x)}" y="{_n(s.y)}" width="{_n(s.w)}" height="{_n(s.h)}"'
            attrs += f' fill="{fill}"'
            if s.opacity < 1:
                attrs += f' fill-opacity="{_n(s.opacity)}"'
            if s.stroke:
                attrs += f' stroke="{s.stroke}" stroke-width="1"' + (dash if s.dashed else "")
            out.append(f"<rect {attrs}/>")
        elif isinstance(s, Line):
            attrs = (f'points="{_pts(s.points)}" fill="none" stroke="{s.stroke}" '
                     f'stroke-width="{_n(s.width)}"') + (dash if s.dashed else "")
            out.append(f"<polyline {attrs}/>")
        elif isinstance(s, Polygon):
            out.append(f'<polygon points="{_pts(s.points)}" fill="{s.fill}"/>')
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            anchor = f' text-anchor="{s.anchor}"' if s.anchor != "start" else ""
            out.append(
                f'<text x="{_n(s.x)}" y="{_n(s.y)}" font-size="{_n(s.size)}"{anchor}{weight} '
                f'fill="{s.fill}" xml:space="preserve">{escape(s.text)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- PNG ----------------------------------------------------------------------

_FONT_FILES: Final = {
    False: ("LiberationSans-Regular.ttf", "DejaVuSans.ttf", "Arial.ttf", "arial.ttf"),
    True: ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"),
}
_FONT_DIRS: Final = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
)

FontLike = ImageFont.FreeTypeFont | ImageFont.ImageFont | ImageFont.TransposedFont


@cache
def _font(size: int, bold: bool) -> FontLike:
    """The first installed typeface of the list; Pillow's own font as a last resort."""
    for name in _FONT_FILES[bold]:
        for candidate in (*(str(d / name) for d in _FONT_DIRS), name):
            try:
                return ImageFont.truetype(candidate, size)
            except OSError:
                continue
    return ImageFont.load_default(size)


def _rgba(colour: str, opacity: float = 1.0) -> tuple[int, int, int, int]:
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return r, g, b, round(255 * opacity)


def _dashed(draw: ImageDraw.ImageDraw, a: Point, b: Point, fill: tuple[int, ...],
            width: int, scale: float) -> None:
    length = math.dist(a, b)
    if length == 0:
        return
    on, off = _DASH[0] * scale, _DASH[1] * scale
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    pos = 0.0
    while pos < length:
        end = min(pos + on, length)
        draw.line([(a[0] + ux * pos, a[1] + uy * pos), (a[0] + ux * end, a[1] + uy * end)],
                  fill=fill, width=width)
        pos = end + off


_ANCHORS: Final = {"start": "ls", "middle": "ms", "end": "rs"}


def gantt_png(sop: Sop, tl: Timeline | None = None, *, width: float = 1200,
              scale: float = 2.0) -> bytes:
    """The same picture as `gantt_svg`, rasterised at `scale` pixels per unit."""
    d = gantt_drawing(sop, tl, width=width)
    img = Image.new("RGB", (math.ceil(d.width * scale), math.ceil(d.height * scale)), "white")
    draw = ImageDraw.Draw(img, "RGBA")

    def p(point: Point) -> Point:
        return point[0] * scale, point[1] * scale

    for s in d.shapes:
        if isinstance(s, Box):
            x0, y0 = p((s.x, s.y))
            x1, y1 = p((s.x + s.w, s.y + s.h))
            if s.fill:
                draw.rectangle([x0, y0, max(x1 - 1, x0), max(y1 - 1, y0)],
                               fill=_rgba(s.fill, s.opacity))
            if s.stroke:
                colour = _rgba(s.stroke)
                corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
                w = max(1, round(scale))
                for a, b in itertools.pairwise(corners):
                    if s.dashed:
                        _dashed(draw, a, b, colour, w, scale)
                    else:
                        draw.line([a, b], fill=colour, width=w)
        elif isinstance(s, Line):
            colour = _rgba(s.stroke)
            w = max(1, round(s.width * scale))
            pts = [p(q) for q in s.points]
            if s.dashed:
                for a, b in itertools.pairwise(pts):
                    _dashed(draw, a, b, colour, w, scale)
            else:
                draw.line(pts, fill=colour, width=w, joint="curve")
        elif isinstance(s, Polygon):
            draw.polygon([p(q) for q in s.points], fill=_rgba(s.fill))
        else:
            font = _font(round(s.size * scale), s.bold)
            draw.text(p((s.x, s.y)), s.text, fill=_rgba(s.fill), font=font,
                      anchor=_ANCHORS[s.anchor])
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def write_gantt(sop: Sop, path: Path, tl: Timeline | None = None) -> None:
    """Write `path` as SVG or PNG, by its suffix, atomically."""
    from sopgen.atomic import write_bytes_atomic

    if path.suffix.lower() == ".png":
        data = gantt_png(sop, tl)
    elif path.suffix.lower() == ".svg":
        data = gantt_svg(sop, tl).encode("utf-8")
    else:
        raise ValueError(msg.timeline_gantt_suffix(str(path)))
    write_bytes_atomic(path, data)
