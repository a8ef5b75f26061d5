"""Electronic signing (Identitas `Tanda Tangan` `Elektronik`): the anchor, the QR code
of `URL Verifikasi` and the footnote, computed once for both renderers.

The blank room a wet signature and stamp would take keeps its height; in its
middle stands the anchor character (Pengaturan `Jangkar Tanda Tangan`, `#` by
default), the one place a signing service such as BSrE's puts the visible
signature on. At the room's left, when a URL is given, its QR code: dark
modules as rectangles (each row's runs joined), which the renderers draw as
one filled vector shape. The footnote electronic signatures carry is broken
into lines here, so the DOCX and the PDF print the same lines on every page.
"""

from __future__ import annotations

import segno

from sopgen import fonts
from sopgen import messages as msg
from sopgen.geometry import LINE, Align, Box, Para, Squares
from sopgen.layout.page import LayoutError
from sopgen.layout.text import PAD, text_height, tw
from sopgen.model import Loc, Problem, Signing, Sop

QR_SIZE = 56.0  # pt with the quiet zone: about 20 mm, as verification codes are printed
QR_LEAST = 30.0  # below this a phone no longer reads a 33-module code from paper
QUIET = 2  # modules of white around the code (the cell around it is white too)
FOOTNOTE_SIZE = 6.0
FOOTNOTE_LINES = 2  # what the bottom margin holds below the footer line


def electronic(sop: Sop) -> bool:
    return sop.identity.tanda_tangan is Signing.ELEKTRONIK


def room_paras(sop: Sop, size: float, room: float) -> tuple[list[Para], float]:
    """What stands in the signature room, and the space before the name under it.

    Wet: nothing, the whole room before the name. Electronic: the anchor centred
    in a room tall enough for the QR code beside it.
    """
    if not electronic(sop):
        return [], room
    if sop.identity.url_verifikasi:
        room = max(room, QR_SIZE + 4.0)
    half = tw(max(room - size * LINE, 0.0) / 2)
    return [Para(sop.settings.anchor, size, align=Align.CENTER, space_before=half)], half


def qr_squares(sop: Sop, box: Box, paras: tuple[Para, ...], padding: float) -> Squares | None:
    """The QR code of URL Verifikasi at the left of the signature room of the cell at
    `box` holding `paras` (top-aligned), or None when there is none to print."""
    url = sop.identity.url_verifikasi
    anchor = sop.settings.anchor
    if not electronic(sop) or not url:
        return None
    i = next(k for k, p in enumerate(paras) if p.text == anchor and p.space_before)
    top = box.y + padding / 2 + text_height(paras[:i], box.w)
    band = paras[i].space_before + paras[i].size * LINE + paras[i + 1].space_before
    size = min(QR_SIZE, band - 4.0,
               box.w / 2 - PAD - fonts.text_width(anchor, paras[i].size) / 2 - 6.0)
    size = max(size, QR_LEAST)
    return qr(url, box.x + PAD + 1.0, top + (band - size) / 2, size)


def qr(text: str, x: float, y: float, size: float) -> Squares:
    """`text` as a QR code (error level M) `size` pt square, quiet zone included, its
    top-left corner at (x, y); each row's dark modules joined into runs."""
    code = segno.make(text, error="m", micro=False, boost_error=False)
    matrix = code.matrix
    n = len(matrix)
    module = size / (n + 2 * QUIET)
    rects = []
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            rects.append(Box(round(x + (QUIET + start) * module, 3),
                             round(y + (QUIET + r) * module, 3),
                             round((c - start) * module, 3), round(module, 3)))
    return Squares(Box(round(x, 3), round(y, 3), round(size, 3), round(size, 3)),
                   tuple(rects), text)


def footnote_lines(sop: Sop, usable: float) -> tuple[str, ...]:
    """The footnote's lines at the page's usable width; () for a wet signature.
    Raises LayoutError when it needs more lines than the bottom margin holds."""
    if not electronic(sop):
        return ()
    lines = tuple(fonts.wrap(sop.settings.footnote, usable * 0.95, FOOTNOTE_SIZE))
    if len(lines) > FOOTNOTE_LINES:
        loc = sop.settings.locs.get("footnote", Loc("Pengaturan"))
        raise LayoutError([Problem(loc, msg.footnote_too_long(len(lines)))])
    return lines
