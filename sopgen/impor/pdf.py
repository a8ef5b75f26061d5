"""A PDF with a text layer -> drawn pages (pdfplumber).

Words keep their boxes, size and weight. Vector paths are sorted by shape: a
closed stroked path of symbol size is a terminator (curved, wide), a process
box (a rectangle), a decision (four points on the box's edge midpoints) or an
off-page connector (five points, or a circle); a small filled triangle is an
arrowhead; a straight axis-parallel stroke or a thin filled rectangle is a
rule; anything else thin (Word exports its connectors as filled outlines) is
ink. Which rules are borders and which are flows is decided later, by the table.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from sopgen import messages as msg
from sopgen.impor.drawn import Arrowhead, Box, Ink, Page, Point, Rule, Shape, Symbol, Word
from sopgen.impor.limits import MAX_PAGE_CHARS, MAX_PAGE_OBJECTS, MAX_PAGES, Refused

SYMBOL_MIN = 5.0  # pt: a closed stroked path smaller than this each way is no symbol
SYMBOL_MAX_W, SYMBOL_MAX_H = 160.0, 90.0
HEAD_MAX = 10.0  # pt: an arrowhead's largest side
THIN = 2.6  # pt: a filled shape this thin is a line


def read_pdf(path: Path) -> list[Page]:
    """Every page, or Refused: encrypted, too many pages, no text layer, broken."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    name = str(path)
    try:
        with path.open("rb") as fh:
            document = PDFDocument(PDFParser(fh))
            count = resolve1(resolve1(document.catalog["Pages"]).get("Count", 0))
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise Refused(msg.impor_encrypted(name)) from err
    except Exception as err:  # pdfminer raises many kinds for a broken file
        raise Refused(msg.impor_broken(name)) from err
    if not isinstance(count, int) or count < 1:
        raise Refused(msg.impor_broken(name))
    if count > MAX_PAGES:
        raise Refused(msg.impor_too_many_pages(name, count, MAX_PAGES))
    pages: list[Page] = []
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise Refused(msg.impor_too_many_pages(name, len(pdf.pages), MAX_PAGES))
            for number, p in enumerate(pdf.pages, start=1):
                pages.append(_page(p, number, name))
                p.flush_cache()
    except Refused:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise Refused(msg.impor_encrypted(name)) from err
    except Exception as err:
        raise Refused(msg.impor_broken(name)) from err
    if not any(page.words for page in pages):
        raise Refused(msg.impor_scan(name))
    return pages


def _page(p: Any, number: int, name: str) -> Page:
    if len(p.chars) > MAX_PAGE_CHARS:
        raise Refused(msg.impor_page_too_dense(name, number))
    objects = [*p.lines, *p.rects, *p.curves]
    if len(objects) > MAX_PAGE_OBJECTS:
        raise Refused(msg.impor_page_too_dense(name, number))
    page = Page(number, float(p.width), float(p.height))
    for w in p.extract_words(extra_attrs=["size", "fontname"], x_tolerance=1.5):
        text = str(w["text"]).strip()
        if text:
            page.words.append(Word(text, Box(w["x0"], w["top"], w["x1"], w["bottom"]),
                                   float(w["size"]), "bold" in str(w["fontname"]).lower()))
    for obj in objects:
        for points, curved, closed in _subpaths(obj):
            _classify(page, obj, points, curved, closed)
    return page


def _subpaths(obj: dict[str, Any]) -> list[tuple[list[Point], bool, bool]]:
    if obj.get("object_type") == "rect":
        x0, t, x1, b = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        return [([(x0, t), (x1, t), (x1, b), (x0, b), (x0, t)], False, True)]
    path = obj.get("path") or [("m", obj["pts"][0]), *(("l", q) for q in obj["pts"][1:])]
    out: list[tuple[list[Point], bool, bool]] = []
    points: list[Point] = []
    curved = closed = False
    for command in path:
        op = command[0]
        if op == "m":
            if len(points) > 1:
                out.append((points, curved, closed))
            points, curved, closed = [_pt(command[-1])], False, False
        elif op == "h":
            closed = True
            if points:
                points.append(points[0])
        else:
            points.append(_pt(command[-1]))
            curved = curved or op in ("c", "v", "y")
    if len(points) > 1:
        out.append((points, curved, closed))
    return out


def _pt(value: Any) -> Point:
    return (float(value[0]), float(value[1]))


def _distinct(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for q in points:
        if not out or math.dist(q, out[-1]) > 0.5:
            out.append(q)
    if len(out) > 1 and math.dist(out[0], out[-1]) <= 0.5:
        out.pop()
    return out


def _classify(page: Page, obj: dict[str, Any], points: list[Point], curved: bool,
              closed: bool) -> None:
    xs = [q[0] for q in points]
    ys = [q[1] for q in points]
    box = Box(min(xs), min(ys), max(xs), max(ys))
    stroke, fill = bool(obj.get("stroke")), bool(obj.get("fill"))
    closed = closed or math.dist(points[0], points[-1]) <= 0.5
    corners = _distinct(points)
    rect = len(corners) == 4 and all(
        abs(a[0] - b[0]) < 0.3 or abs(a[1] - b[1]) < 0.3
        for a, b in zip(corners, corners[1:] + corners[:1], strict=True))
    if closed and stroke and box.w >= SYMBOL_MIN and box.h >= SYMBOL_MIN:
        if box.w > SYMBOL_MAX_W or box.h > SYMBOL_MAX_H:
            if rect:  # a cell outline: its four sides are rules
                for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
                    page.rules.append(Rule(a[0], a[1], b[0], b[1]))
            return
        shape = _shape(corners, box, curved, rect)
        if shape is not None:
            if not any(abs(s.box.x0 - box.x0) < 1 and abs(s.box.top - box.top) < 1
                       and abs(s.box.w - box.w) < 1.5 for s in page.symbols):
                page.symbols.append(Symbol(shape, box))
            return
    if closed and fill and not stroke:
        if max(box.w, box.h) <= HEAD_MAX and len(corners) in (3, 4) and min(box.w, box.h) > 1:
            page.arrowheads.append(Arrowhead(_tip(corners), box))
            return
        if rect and min(box.w, box.h) <= THIN:
            if box.w <= box.h:
                page.rules.append(Rule(box.cx, box.top, box.cx, box.bottom))
            else:
                page.rules.append(Rule(box.x0, box.cy, box.x1, box.cy))
            return
        if not curved and _thickness(corners) <= THIN and max(box.w, box.h) > HEAD_MAX:
            page.inks.append(Ink(tuple(corners)))
        return
    if not stroke:
        return
    if rect and min(box.w, box.h) < 0.3:  # a rectangle of no width: a line
        page.rules.append(Rule(box.x0, box.top, box.x1, box.bottom) if box.w < 0.3 else
                          Rule(box.x0, box.top, box.x1, box.top))
        return
    if len(points) == 2 and (box.w < 0.3 or box.h < 0.3):
        (x0, y0), (x1, y1) = points
        page.rules.append(Rule(x0, y0, x1, y1))
        return
    if not closed:
        page.inks.append(Ink(tuple(points)))


def _shape(corners: list[Point], box: Box, curved: bool, rect: bool) -> Shape | None:
    if curved:
        return Shape.TERMINATOR if box.w > 1.4 * box.h else Shape.CONNECTOR
    if rect:
        return Shape.PROCESS
    if len(corners) == 4 and all(
            min(abs(x - box.cx), abs(y - box.cy)) < 0.15 * min(box.w, box.h) + 0.5
            for x, y in corners):
        return Shape.DECISION
    if len(corners) == 5:
        return Shape.CONNECTOR
    return None


def _tip(corners: list[Point]) -> Point:
    """The vertex farthest from the others' middle."""
    def spread(i: int) -> float:
        others = [c for j, c in enumerate(corners) if j != i]
        mx = sum(c[0] for c in others) / len(others)
        my = sum(c[1] for c in others) / len(others)
        return math.dist(corners[i], (mx, my))
    return corners[max(range(len(corners)), key=spread)]


def _thickness(corners: list[Point]) -> float:
    """Twice the area over the perimeter: a thin outline's width."""
    area = 0.0
    perimeter = 0.0
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        area += a[0] * b[1] - b[0] * a[1]
        perimeter += math.dist(a, b)
    return abs(area) / perimeter if perimeter else 0.0
