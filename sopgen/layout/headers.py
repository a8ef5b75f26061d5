"""Column headers set into lines: wrapped between words, hyphenated where a word is
wider than its column, the type shrunk to 6 pt before anything is refused.

Signed sheets print long role names this way (`Pengadminis-` / `trasi`, or
5.5-6 pt type). The layout decides the lines here and both renderers print
exactly those lines, so Word, LibreOffice and WeasyPrint cannot break them
elsewhere.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyphen

from sopgen import fonts
from sopgen.geometry import LINE
from sopgen.layout.text import PAD, SLACK

HEADER_SIZES = (8.0, 7.5, 7.0, 6.5, 6.0)  # from the preferred size down to the smallest
_CLOSING_PUNCTUATION = re.compile(r"[ \t]+([)\].,;:!?])")


@dataclass(frozen=True)
class SetHeader:
    """A header's lines at one type size."""

    lines: tuple[str, ...]
    size: float

    @property
    def hyphens(self) -> int:
        return sum(1 for line in self.lines[:-1] if line.endswith("-"))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class RoleGroup:
    """Consecutive roles named `Group: name`, printed once over their columns."""

    name: str
    first: int
    count: int


@functools.lru_cache(maxsize=256)
def role_labels(labels: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[RoleGroup, ...]]:
    """Each role column's own label and the groups over them: signed sheets head two
    sets of the same posts with `Satker Penerima` and `Satker Pengirim` once each, and
    a workbook, whose roles are single-level and unique, writes `Satker Penerima: ...`."""
    split = [label.split(": ", 1) if ": " in label else [None, label] for label in labels]
    groups: list[RoleGroup] = []
    i = 0
    while i < len(split):
        group = split[i][0]
        j = i + 1
        while group is not None and j < len(split) and split[j][0] is not None and (
            " ".join(str(split[j][0]).split()).casefold()
            == " ".join(group.split()).casefold()
        ):
            j += 1
        if group is not None and j - i >= 2:
            groups.append(RoleGroup(" ".join(group.split()), i, j - i))
        i = j
    own = list(labels)
    for g in groups:
        for k in range(g.first, g.first + g.count):
            own[k] = str(split[k][1]).strip()
    return tuple(own), tuple(groups)


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="id_ID")


@functools.lru_cache(maxsize=1 << 14)
def _width(text: str, size: float) -> float:
    return fonts.text_width(text, size, bold=True)


def _pieces(word: str, room: float, size: float) -> list[str] | None:
    """A word too wide for `room`, cut where Indonesian allows: after a slash (no
    hyphen needed, and preferred) or at a syllable boundary (with one), leaving at
    least three letters to the next line where it can; None if a piece cannot fit."""
    out: list[str] = []
    rest = word
    while _width(rest, size) > room:
        options = [(rest[: i + 1], rest[: i + 1], True)
                   for i, ch in enumerate(rest[:-1]) if ch == "/"]
        options += [(head, head + "-", False) for head, _ in _hyphenator().iterate(rest)]
        fitting = [o for o in options if _width(o[1], size) <= room]
        if not fitting:
            return None
        head, shown, _ = max(fitting, key=lambda o: (o[2], len(rest) - len(o[0]) >= 3,
                                                     len(o[0])))
        out.append(shown)
        rest = rest[len(head):]
    out.append(rest)
    return out


@functools.lru_cache(maxsize=4096)
def set_lines(text: str, width: float, size: float) -> tuple[str, ...] | None:
    """Greedy lines of a bold header in a column `width` wide, or None if some
    syllable is wider than the column at this size."""
    room = max(width - 2 * PAD, 1.0) * SLACK
    space = _width(" ", size)
    lines: list[str] = []
    text = _CLOSING_PUNCTUATION.sub(r"\1", text)  # '(Approver )': never ')' on a line alone
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if line and _width(line, size) + space + _width(word, size) <= room:
                line += " " + word
                continue
            if line:
                lines.append(line)
            pieces = _pieces(word, room, size)
            if pieces is None:
                return None
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line)
    return tuple(lines)


@functools.lru_cache(maxsize=1024)
def set_headers(texts: tuple[str, ...], widths: tuple[float, ...]) -> tuple[SetHeader, ...]:
    """All headers of one kind at one shared size, so the row reads as one.

    The size trades legibility against the height the tallest header takes on
    every page: each point of type is worth 8 pt of height, each hyphen 3.
    """
    best: tuple[float, tuple[SetHeader, ...]] | None = None
    for size in HEADER_SIZES:
        lines = [set_lines(t, w, size) for t, w in zip(texts, widths, strict=True)]
        if any(line is None for line in lines):
            continue
        headers = tuple(SetHeader(ls, size) for ls in lines if ls is not None)
        tallest = max((len(h.lines) for h in headers), default=1) * size * LINE
        cost = tallest + 3.0 * sum(h.hyphens for h in headers) - 8.0 * size
        if best is None or cost < best[0] - 1e-9:
            best = (cost, headers)
    if best is not None:
        return best[1]
    size = HEADER_SIZES[-1]  # narrower than a syllable: cut anywhere, as a last resort
    return tuple(SetHeader(tuple(fonts.wrap(t, max(w - 2 * PAD, 1.0) * SLACK, size, True)),
                           size) for t, w in zip(texts, widths, strict=True))
