"""Text matching as the workbook contract defines it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
# Invisible characters that text copied from a CSV or a web page carries: a byte
# order mark, zero-width spaces and joiners, a soft hyphen, direction marks.
INVISIBLE_EDGES = "\ufeff\u200b\u200c\u200d\u2060\u00ad\u200e\u200f"
_INVISIBLE = re.compile(f"[{INVISIBLE_EDGES}]")


def fold(text: str) -> str:
    """Case-insensitive key with runs of white space folded: `nomor  sop ` -> `nomor sop`.

    Invisible characters are dropped: a header that looks like `Kegiatan` matches.
    """
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip().casefold()


def upload_key(name: str) -> str:
    """How a Logo cell finds a file of the same upload: `.\\Logo.PNG` -> `logo.png`.

    Slashes of either kind, a leading `./` and letter case do not matter: a
    planner types the name as Windows shows it, the .zip stores it its own way.
    """
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    return fold("/".join(parts))


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a planner most plausibly meant, for a 'maksud Anda ...?' hint."""
    by_key = {fold(c): c for c in choices}
    found = difflib.get_close_matches(fold(word), list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None
