"""Axis-parallel segments: crossings, shared stretches, distances.

The router judges candidate routes with these, the label placer its spots, and the
drawing-quality report (bench/drawing_quality.py) and the tests count with the same
functions, so a "crossing" means one thing everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from sopgen.geometry import Box, Point

EPS = 0.01
Segment = tuple[Point, Point]


def vertical(s: Segment) -> bool:
    return abs(s[0].x - s[1].x) < EPS


def horizontal(s: Segment) -> bool:
    return abs(s[0].y - s[1].y) < EPS


def length(s: Segment) -> float:
    return abs(s[0].x - s[1].x) + abs(s[0].y - s[1].y)


def segments(points: Sequence[Point]) -> list[Segment]:
    return [(points[i], points[i + 1]) for i in range(len(points) - 1)]


def beside(box: Box, x0: float, y0: float, x1: float, y1: float, is_vertical: bool,
           air: float) -> bool:
    """A segment (x0 <= x1, y0 <= y1) running outside `box` along one of its sides,
    nearer than `air`: drawn 2 pt off a box it reads as that side drawn twice."""
    if is_vertical:
        gap = box.x - x1 if x1 <= box.x else x0 - box.right
        return 0.0 <= gap < air and min(y1, box.bottom) - max(y0, box.y) > 1.0
    gap = box.y - y1 if y1 <= box.y else y0 - box.bottom
    return 0.0 <= gap < air and min(x1, box.right) - max(x0, box.x) > 1.0


def crosses(a: Segment, b: Segment) -> bool:
    """A vertical and a horizontal segment that cross inside both (a touch at an end is
    a corner or a meeting, not a crossing)."""
    if vertical(a) and horizontal(b):
        v, h = a, b
    elif horizontal(a) and vertical(b):
        v, h = b, a
    else:
        return False
    x, y = v[0].x, h[0].y
    x0, x1 = sorted((h[0].x, h[1].x))
    y0, y1 = sorted((v[0].y, v[1].y))
    return x0 + EPS < x < x1 - EPS and y0 + EPS < y < y1 - EPS


def shared(a: Segment, b: Segment) -> float:
    """How long two collinear segments run along one another (0 when they do not)."""
    if vertical(a) and vertical(b) and abs(a[0].x - b[0].x) < EPS:
        lo = max(min(a[0].y, a[1].y), min(b[0].y, b[1].y))
        hi = min(max(a[0].y, a[1].y), max(b[0].y, b[1].y))
        return max(0.0, hi - lo)
    if horizontal(a) and horizontal(b) and abs(a[0].y - b[0].y) < EPS:
        lo = max(min(a[0].x, a[1].x), min(b[0].x, b[1].x))
        hi = min(max(a[0].x, a[1].x), max(b[0].x, b[1].x))
        return max(0.0, hi - lo)
    return 0.0


def box_distance(box: Box, s: Segment) -> float:
    """From a box to a segment: 0 when it touches or crosses the box."""
    dx = max(min(s[0].x, s[1].x) - box.right, box.x - max(s[0].x, s[1].x), 0.0)
    dy = max(min(s[0].y, s[1].y) - box.bottom, box.y - max(s[0].y, s[1].y), 0.0)
    return math.hypot(dx, dy)


def hits(box: Box, s: Segment, inset: float = 0.0) -> bool:
    """Whether the segment passes through the box (shrunk by `inset`; negative grows it)."""
    x0, x1 = sorted((s[0].x, s[1].x))
    y0, y1 = sorted((s[0].y, s[1].y))
    return (x1 > box.x + inset and x0 < box.right - inset
            and y1 > box.y + inset and y0 < box.bottom - inset)


def near_parallel(s: Segment, xs: Iterable[float], ys: Iterable[float], clearance: float
                  ) -> bool:
    """Whether a segment runs nearer than `clearance` beside a grid line parallel to it
    (vertical segments beside column borders `xs`, horizontal ones beside row borders
    `ys`): 1-2 mm beside a border, a flow line reads as a doubled border."""
    if length(s) < 0.5:
        return False
    if vertical(s):
        return any(abs(s[0].x - x) < clearance - EPS for x in xs)
    if horizontal(s):
        return any(abs(s[0].y - y) < clearance - EPS for y in ys)
    return False
