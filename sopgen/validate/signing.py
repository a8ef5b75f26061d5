"""Electronic signing: the anchor character may stand only where the signature goes.

A signing service (BSrE's among them) looks for the anchor character in the
PDF and places the visible signature on each one it finds, so the anchor
anywhere else in the printed text would put a signature there too. Checked on
the whole model, since the anchor is a Pengaturan value and the texts are on
every sheet.
"""

from __future__ import annotations

from collections.abc import Iterator

from sopgen import messages as msg
from sopgen.model import Loc, Problem, Signing, Sop
from sopgen.sheets import KEGIATAN, KELENGKAPAN, KETERANGAN, LABEL_TIDAK, LABEL_YA, OUTPUT

_IDENTITY_TEXTS = ("instansi", "satuan_kerja", "nomor", "nama", "disahkan_oleh",
                   "nama_pengesah", "pangkat", "tempat")
_STEP_TEXTS = (KEGIATAN, KELENGKAPAN, OUTPUT, KETERANGAN, LABEL_YA, LABEL_TIDAK)


def anchor_problems(sop: Sop) -> list[Problem]:
    """An error at each printed text holding the anchor, when the sheet is signed
    electronically; none otherwise."""
    if sop.identity.tanda_tangan is not Signing.ELEKTRONIK:
        return []
    anchor = sop.settings.anchor
    return [Problem(loc, msg.anchor_in_text(anchor))
            for loc, text in _printed(sop) if anchor in text]


def _printed(sop: Sop) -> Iterator[tuple[Loc, str]]:
    ident = sop.identity
    for attr in _IDENTITY_TEXTS:
        value = getattr(ident, attr)
        if value:
            yield ident.locs.get(attr, Loc("Identitas")), value
    for _, items in sop.provisions.items():
        for item in items:
            yield Loc("Ketentuan"), item
    for role in sop.roles:
        yield role.loc, role.name
        if role.short:
            yield role.short_loc or role.loc, role.short
    for step in sop.steps:
        for column in _STEP_TEXTS:
            yield step.locs.get(column.key, step.loc), getattr(step, column.attr)
    yield sop.settings.locs.get("footnote", Loc("Pengaturan")), sop.settings.footnote
