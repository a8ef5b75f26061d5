"""What a round trip compares: the validated model as both files print it."""

from __future__ import annotations

import re
from typing import Any

from sopgen.model import Sop, Step


def _letters(text: str | None) -> str | None:
    return None if text is None else "".join(text.split())


def _squash(text: str | None, loose: bool) -> str | None:
    """A PDF keeps no run of spaces and cannot tell a typed line break that falls
    where the line wraps anyway from the wrap, nor `ya/tidak` broken after its
    slash from a typed `ya/ tidak`: `loose` compares words only, a slash joined."""
    if text is None:
        return None
    if not loose:
        return text
    # a PDF line that ends in a slash reads the same whether a space followed it
    return re.sub(r"/ ", "/", " ".join(text.split()))


def comparable(sop: Sop, *, loose: bool = False, letters: bool = False) -> dict[str, Any]:
    """Texts, roles per step (as the set of columns a drawing shows, not the order a
    joint step's roles were typed in), kinds, branches, labels and identity.
    `letters` compares a text's letters in order only: a PDF has no space
    characters, and a line that one word filled to within a letter of the cell's
    edge reads the same whether the next line starts a new word or goes on with a
    word cut there (generated texts are full of 50-letter words). Role labels (the
    Singkatan when given) since that is what a sheet prints; Instansi and Satuan Kerja
    folded, since the sheet prints them in capitals; a header break after a slash
    is read as no space, and no space before closing punctuation, which the header
    layout drops (`(Approver )` prints `(Approver)`)."""
    ident = sop.identity

    def t(value: str | None) -> str | None:
        return _letters(value) if letters else _squash(value, loose)

    return {
        "identity": (
            (ident.instansi or "").casefold(), " ".join(ident.satuan_kerja.split()).casefold(),
            t(ident.nomor), t(ident.nama), ident.tanggal_pembuatan, ident.tanggal_revisi,
            ident.tanggal_efektif, t(ident.disahkan_oleh), t(ident.nama_pengesah), ident.nip,
            t(ident.pangkat), t(ident.tempat)),
        "provisions": [(title, [t(i) for i in items]) for title, items in sop.provisions.items()],
        "roles": [re.sub(r" ([)\].,;:!?])", r"\1", re.sub(r"/ ", "/", " ".join(r.label.split())))
                  for r in sop.roles],
        "steps": [(s.no, t(s.kegiatan), tuple(sorted(s.roles)), s.kind, *_branches(s),
                   s.label_yes, s.label_no, t(s.kelengkapan), t(s.waktu.text), t(s.output),
                   t(s.keterangan))
                  for s in sop.steps],
    }


def _branches(step: Step) -> tuple[int | None, int | None]:
    """Ya and Tidak; of a decision printed with no label on either exit, the two
    targets as a pair: nothing on the sheet says which one is Ya."""
    yes, no = step.if_yes, step.if_no
    if step.label_yes == "" and step.label_no == "" and yes is not None and no is not None:
        return (min(yes, no), max(yes, no))
    return (yes, no)
