"""Sheet `Identitas`: the declared fields, then what only the whole sheet can say
(a revision before the SOP was made) and the logo file beside the workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

from sopgen import messages as msg
from sopgen.dates import MonthDate, format_date
from sopgen.images import ImageError, check_image
from sopgen.model import Identity, Loc, Signing
from sopgen.sheets import IDENTITAS
from sopgen.text import upload_key
from sopgen.validate.common import Collector, KeyValues
from sopgen.workbook import RawWorkbook


def read_identity(raw: RawWorkbook, out: Collector,
                  images: Mapping[str, Path] | None = None) -> Identity | None:
    rows = KeyValues.of(raw, IDENTITAS, out)
    if rows is None:
        return None
    values = rows.read_all()
    name = values["logo"]  # as typed: the file is looked for beside the workbook
    if isinstance(name, str):
        values["logo"] = logo_image(name, rows.locs["logo"], raw.path, out, images)
    made, revised = values["tanggal_pembuatan"], values["tanggal_revisi"]
    effective = values["tanggal_efektif"]
    if isinstance(made, dt.date) and isinstance(revised, dt.date) and _before(revised, made):
        out.error(rows.locs["tanggal_revisi"], msg.revision_before_made(format_date(made)))
    if isinstance(made, dt.date) and isinstance(effective, dt.date) and _before(effective, made):
        out.warn(rows.locs["tanggal_efektif"], msg.effective_before_made(format_date(made)))
    if values["tanda_tangan"] is None:  # missing, empty or refused: the default
        values["tanda_tangan"] = Signing.BASAH
    if values["tanda_tangan"] is Signing.BASAH and values["url_verifikasi"] is not None:
        out.warn(rows.locs["url_verifikasi"], msg.verification_url_unused())
    if any(values[f.attr] is None for f in IDENTITAS.fields if f.required):
        return None
    return Identity(locs=rows.locs, **values)  # type: ignore[arg-type]


def _before(a: dt.date, b: dt.date) -> bool:
    """`a` earlier than `b`; a month-only date is earlier only in an earlier month."""
    if isinstance(a, MonthDate) or isinstance(b, MonthDate):
        return (a.year, a.month) < (b.year, b.month)
    return a < b


def logo_image(name: str, loc: Loc, workbook: Path, out: Collector,
               images: Mapping[str, Path] | None = None, *,
               missing: Callable[[str], str] | None = None) -> Path | None:
    """A Logo cell's file, checked as an image: for an upload, among its images by
    name, never on the server's disk; else inside the workbook's folder. `missing`
    words a file that is not there (the Buku sheet says so in its own terms)."""
    path = _logo_file(name, loc, workbook, out, images)
    if path is None:
        return None
    if missing is not None and not path.is_file():
        out.error(loc, missing(name))
        return None
    try:
        check_image(path)
    except ImageError as err:
        out.error(loc, msg.logo_unreadable(name, str(err)))
        return None
    return path


def _logo_file(name: str, loc: Loc, workbook: Path, out: Collector,
               images: Mapping[str, Path] | None) -> Path | None:
    if images is not None:
        found = images.get(upload_key(name))
        if found is None:
            out.error(loc, msg.logo_not_in_upload(name))
        return found
    folder = workbook.resolve().parent
    try:
        path = (folder / name).resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        out.error(loc, msg.logo_unreadable(name, msg.image_path_unusable()))
        return None
    if not path.is_relative_to(folder):
        out.error(loc, msg.logo_outside(name))
        return None
    return path
