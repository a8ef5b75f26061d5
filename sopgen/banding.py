"""`sopgen banding LAMA.xlsx BARU.xlsx`: what changed between two versions of an SOP,
for the reviewers' minutes (berita acara).

Both workbooks are validated first (an invalid one is reported as `check`
would, and nothing is compared). Steps are matched by their text, not their
number, so a step inserted at 4 renumbers what follows without making every
later step a change:

1. the same Kegiatan (case and spaces aside) pairs an old step with a new one,
   first with first;
2. of what is left, a new step whose Kegiatan is like an old one (difflib ratio
   0.6 or more) is that step with its text changed;
3. among the pairs, those outside the longest run in the same order have moved;
4. an old step left over was removed, a new one left over was added.

A pair is then compared field by field: Pelaksana, Jenis, the decision's
targets (by the steps they lead to, so a renumbering is no change), labels,
Kelengkapan, Waktu, Output, Keterangan. Identitas, Ketentuan and Pelaksana
are compared item by item, and the main path's total time last.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from sopgen import messages as msg
from sopgen.dates import format_date
from sopgen.model import Sop, Step
from sopgen.sheets import IDENTITAS
from sopgen.text import fold

SIMILAR = 0.6  # difflib ratio from which a step is the same one with its text changed


@dataclass(frozen=True)
class Change:
    """One line of the comparison: its part of the SOP, what kind of change, the sentence."""

    part: str  # Identitas, Ketentuan, Pelaksana, Prosedur, Total waktu
    kind: str  # diubah, ditambah, dihapus, dipindah
    text: str
    old: int | None = None  # step numbers, for Prosedur
    new: int | None = None


def compare(old: Sop, new: Sop) -> list[Change]:
    """Every change from `old` to `new`, in the order of the printed sheet."""
    changes = _identity(old, new)
    changes += _provisions(old, new)
    changes += _roles(old, new)
    changes += _steps(old, new)
    changes += _total(old, new)
    return changes


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Path):
        return value.name
    return f"'{value}'"


def _identity(old: Sop, new: Sop) -> list[Change]:
    out = []
    for f in IDENTITAS.fields:
        a, b = getattr(old.identity, f.attr), getattr(new.identity, f.attr)
        if isinstance(a, Path) or isinstance(b, Path):
            a, b = (a.name if a else None), (b.name if b else None)
        if a != b:
            out.append(Change("Identitas", "diubah", f"{f.label}: {_shown(a)} -> {_shown(b)}"))
    return out


def _provisions(old: Sop, new: Sop) -> list[Change]:
    out = []
    for (title, before), (_, after) in zip(old.provisions.items(), new.provisions.items(),
                                           strict=True):
        keys_before = {fold(t) for t in before}
        keys_after = {fold(t) for t in after}
        out += [Change("Ketentuan", "dihapus", f"{title}: dihapus '{t}'")
                for t in before if fold(t) not in keys_after]
        out += [Change("Ketentuan", "ditambah", f"{title}: ditambah '{t}'")
                for t in after if fold(t) not in keys_before]
    return out


def _roles(old: Sop, new: Sop) -> list[Change]:
    out = []
    names_old = [fold(r.name) for r in old.roles]
    names_new = [fold(r.name) for r in new.roles]
    out += [Change("Pelaksana", "dihapus", f"dihapus '{r.name}'")
            for r in old.roles if fold(r.name) not in names_new]
    out += [Change("Pelaksana", "ditambah", f"ditambah '{r.name}'")
            for r in new.roles if fold(r.name) not in names_old]
    kept_old = [n for n in names_old if n in names_new]
    kept_new = [n for n in names_new if n in names_old]
    if kept_old != kept_new:
        order = ", ".join(r.name for r in new.roles if fold(r.name) in names_old)
        out.append(Change("Pelaksana", "dipindah", f"urutan kolom diubah: {order}"))
    for r in new.roles:
        if fold(r.name) in names_old:
            before = old.roles[names_old.index(fold(r.name))]
            if (before.short or "") != (r.short or ""):
                out.append(Change("Pelaksana", "diubah", f"singkatan '{r.name}': "
                                  f"{_shown(before.short)} -> {_shown(r.short)}"))
    return out


def match_steps(old: Sequence[Step], new: Sequence[Step]) -> dict[int, int]:
    """new step number -> old step number of the same step (rules 1 and 2 above)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    by_text: dict[str, list[int]] = {}
    for s in old:
        by_text.setdefault(fold(s.kegiatan), []).append(s.no)
    for s in new:
        for no in by_text.get(fold(s.kegiatan), []):
            if no not in used:
                pairs[s.no] = no
                used.add(no)
                break
    for s in new:
        if s.no in pairs:
            continue
        best, best_ratio = None, SIMILAR
        for o in old:
            if o.no in used:
                continue
            ratio = difflib.SequenceMatcher(None, fold(o.kegiatan), fold(s.kegiatan)).ratio()
            if ratio >= best_ratio:
                best, best_ratio = o.no, ratio
        if best is not None:
            pairs[s.no] = best
            used.add(best)
    return pairs


def _in_order(pairs: dict[int, int]) -> set[int]:
    """New numbers of the longest run of pairs whose old numbers rise too (not moved)."""
    items = sorted(pairs.items())
    best: list[list[int]] = []  # best[i]: the longest run ending at items[i], as indexes
    for i, (_, o) in enumerate(items):
        run: list[int] = []
        for j in range(i):
            if items[j][1] < o and len(best[j]) > len(run):
                run = best[j]
        best.append([*run, i])
    longest = max(best, key=len, default=[])
    return {items[i][0] for i in longest}


def _roles_of(sop: Sop, step: Step) -> str:
    return "; ".join(sop.roles[i].name for i in step.roles)


def _steps(old: Sop, new: Sop) -> list[Change]:
    pairs = match_steps(old.steps, new.steps)
    back = {o: n for n, o in pairs.items()}
    steady = _in_order(pairs)
    out: list[Change] = []
    for s in old.steps:
        if s.no not in back:
            out.append(Change("Prosedur", "dihapus",
                              f"Langkah {s.no} dihapus: '{s.kegiatan}'", old=s.no))
    for s in new.steps:
        if s.no not in pairs:
            out.append(Change("Prosedur", "ditambah", f"Langkah {s.no} ditambah: '{s.kegiatan}' "
                              f"({_roles_of(new, s)}, {s.waktu.text or '-'})", new=s.no))
            continue
        o = old.step(pairs[s.no])
        where = f"Langkah {s.no}" + (f" (dulu {o.no})" if o.no != s.no else "")
        if s.no not in steady:
            out.append(Change("Prosedur", "dipindah", f"{where} dipindah: '{s.kegiatan}'",
                              o.no, s.no))
        for field, a, b in _fields(old, new, o, s, back):
            out.append(Change("Prosedur", "diubah", f"{where} {field}: {_shown(a)} -> "
                              f"{_shown(b)}", o.no, s.no))
    return out


def _fields(old: Sop, new: Sop, o: Step, s: Step,
            back: dict[int, int]) -> list[tuple[str, str, str]]:
    """(field, old, new) of each field that differs; a decision's targets by the step
    they lead to, in the new numbering (an old target that is gone keeps its number)."""

    def target(no: int | None) -> str:
        if no is None:
            return ""
        mapped = back.get(no)
        return str(mapped) if mapped is not None else f"{no} (dihapus)"

    fields = [
        ("Kegiatan", o.kegiatan, s.kegiatan),
        ("Pelaksana", _roles_of(old, o), _roles_of(new, s)),
        ("Jenis", o.kind.value, s.kind.value),
        ("Jika Ya", target(o.if_yes), str(s.if_yes or "")),
        ("Jika Tidak", target(o.if_no), str(s.if_no or "")),
        ("Label Ya", o.label_yes if o.kind.value == "Keputusan" else "",
         s.label_yes if s.kind.value == "Keputusan" else ""),
        ("Label Tidak", o.label_no if o.kind.value == "Keputusan" else "",
         s.label_no if s.kind.value == "Keputusan" else ""),
        ("Kelengkapan", o.kelengkapan, s.kelengkapan),
        ("Waktu", o.waktu.text, s.waktu.text),
        ("Output", o.output, s.output),
        ("Keterangan", o.keterangan, s.keterangan),
    ]
    changed = []
    for name, a, b in fields:
        same = fold(a) == fold(b) if name == "Pelaksana" else a == b
        if not same:
            changed.append((name, a, b))
    return changed


def _total(old: Sop, new: Sop) -> list[Change]:
    from sopgen.layout.procedure import total_text
    from sopgen.timeline import main_path_minutes

    a = total_text(old, main_path_minutes(old))
    b = total_text(new, main_path_minutes(new))
    if a == b:
        return []
    return [Change("Total waktu", "diubah", f"Total waktu (jalur utama): {a} -> {b}")]


def render_text(changes: Sequence[Change], old: Path, new: Path, out: TextIO) -> None:
    print(f"Perbandingan {old} -> {new}", file=out)
    if not changes:
        print(msg.banding_same(), file=out)
        return
    part = None
    for c in changes:
        if c.part != part:
            part = c.part
            print(f"{part}:", file=out)
        print(f"  - {c.text}", file=out)
    counts = {k: sum(c.kind == k for c in changes) for k in ("ditambah", "dihapus",
                                                              "dipindah", "diubah")}
    print("Jumlah: " + ", ".join(f"{n} {k}" for k, n in counts.items()), file=out)


def run(old: Path, new: Path, out: TextIO, *, as_json: bool = False) -> int:
    """The command: 0 compared, 1 a workbook invalid, 2 unreadable."""
    from sopgen.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE
    from sopgen.loader import load
    from sopgen.workbook import WorkbookUnreadable

    sops: list[Sop] = []
    status = EXIT_OK
    for path in (old, new):
        try:
            checked = load(path)
        except WorkbookUnreadable as err:
            print(str(err), file=out)
            status = max(status, EXIT_USAGE)
            continue
        if checked.sop is None:
            for p in checked.errors:
                print(f"{path}: {p}", file=out)
            print(f"{path}: {msg.summary_invalid(len(checked.errors), len(checked.warnings))}",
                  file=out)
            status = max(status, EXIT_INVALID)
            continue
        sops.append(checked.sop)
    if status != EXIT_OK:
        return status
    changes = compare(sops[0], sops[1])
    if as_json:
        data = {"lama": str(old), "baru": str(new), "perubahan": [asdict(c) for c in changes]}
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        render_text(changes, old, new, out)
    return EXIT_OK
