"""A text export of a SOP sheet (Word's "save as text": tabs between cells) -> `FoundSop`.

The export keeps the texts and the table's cells but loses every shape, so
the steps' roles and kinds are left for the planner (each flagged), and any
stray word in a role column (a `Ya` that stood beside an arrow) is a leftover.
"""

from __future__ import annotations

import re
from pathlib import Path

from sopgen import messages as msg
from sopgen.impor.found import FoundSop, FoundStep, Leftover
from sopgen.impor.limits import MAX_TEXT_BYTES, Refused
from sopgen.impor.sheet import _IDENTITY_KEYS, _KEYS, _PROVISION_KEYS, _match, key

_NUMBERED = re.compile(r"(?:^|\s)(\d{1,3})[.)]\s+")
_NIP = re.compile(r"^nip\.?\s*:?\s*([\d .]+)$", re.IGNORECASE)
_REGION = re.compile(r"^(pemerintah|kabupaten|kota|provinsi)\b", re.IGNORECASE)


def read_text(path: Path) -> FoundSop:
    name = str(path)
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES or b"\x00" in data[:4096]:
        raise Refused(msg.impor_unknown_kind(name))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    rows = [line.rstrip("\r").split("\t") for line in text.split("\n")]
    found = FoundSop()
    header = next((i for i, cells in enumerate(rows)
                   if {_match(c, _KEYS) for c in cells} >= {"no", "kegiatan", "pelaksana"}), None)
    if header is None:
        raise Refused(msg.impor_no_procedure(name))
    ketentuan = next((i for i, cells in enumerate(rows[:header])
                      if any(_match(c, _PROVISION_KEYS) for c in cells)), header)
    _identity(found, rows[:ketentuan])
    _provisions(found, rows[ketentuan:header])
    end = _procedure(found, rows, header)
    _signature(found, rows[end:], end)
    return found


def _where(row: int) -> str:
    return f"baris {row + 1}"


def _identity(found: FoundSop, rows: list[list[str]]) -> None:
    unit: list[str] = []
    for r, cells in enumerate(rows):
        taken = set()
        for c, cell in enumerate(cells):
            label = _match(cell, _IDENTITY_KEYS)
            if label is None:
                continue
            taken.add(c)
            value = next(((j, v.strip()) for j, v in enumerate(cells) if j > c and v.strip()),
                         None)
            if value is not None and _match(value[1], _IDENTITY_KEYS) is None:
                taken.add(value[0])
                found.identity.setdefault(label, value[1])
        for c, cell in enumerate(cells):
            if c in taken or not cell.strip():
                continue
            if key(cell) in ("satuan kerja", "unit kerja"):
                continue
            if c == 0:
                unit.append(cell.strip())
            else:
                found.leftovers.append(Leftover(_where(r), cell.strip()))
    if unit:
        region = [u for u in unit if _REGION.match(u)]
        if region and len(unit) > 1:
            found.identity["Instansi"] = region[0]
            found.identity["Satuan Kerja"] = "\n".join(u for u in unit if u is not region[0])
        elif len(unit) > 1:
            found.identity["Instansi"] = unit[0]
            found.identity["Satuan Kerja"] = "\n".join(unit[1:])
        else:
            found.identity["Satuan Kerja"] = unit[0]
        if len(unit) > 1:
            found.identity_doubts["Instansi"] = msg.doubt_split_unit()


def _provisions(found: FoundSop, rows: list[list[str]]) -> None:
    columns: list[tuple[int, str]] = []  # (cell index, header) of the current grid row
    texts: dict[str, list[str]] = {}
    for cells in rows:
        heads = [(c, name) for c, cell in enumerate(cells)
                 if (name := _match(cell, _PROVISION_KEYS)) is not None]
        if heads:
            columns = heads
            for _, name in heads:
                texts.setdefault(name, [])
            continue
        for c, cell in enumerate(cells):
            if not cell.strip() or not columns:
                continue
            owner = max((h for h in columns if h[0] <= c), default=columns[0])[1]
            texts[owner].append(cell.strip())
    for name, parts in texts.items():
        joined = " ".join(parts)
        found.provisions[name] = _items(joined)


def _items(text: str) -> list[str]:
    """`1. A 2. B` (or one per line) into items, only when numbered 1, 2, 3 in order."""
    marks = list(_NUMBERED.finditer(text))
    expected = 1
    cuts: list[re.Match[str]] = []
    for m in marks:
        if int(m.group(1)) == expected:
            cuts.append(m)
            expected += 1
    if not cuts:
        return [text.strip()] if text.strip() and text.strip() != "-" else []
    items = []
    for m, nxt in zip(cuts, [*cuts[1:], None], strict=True):
        end = nxt.start() if nxt is not None else len(text)
        item = " ".join(text[m.end():end].split())
        if item:
            items.append(item)
    return items


def _procedure(found: FoundSop, rows: list[list[str]], header: int) -> int:
    cells = rows[header]
    cols: dict[str, int] = {}
    for c, cell in enumerate(cells):
        name = _match(cell, _KEYS)
        if name is None and "waktu" in key(cell):
            name = "waktu"
        if name and name not in cols:
            cols[name] = c
    first_text = min((c for n, c in cols.items() if n in ("kelengkapan", "waktu", "output",
                                                          "keterangan")), default=len(cells))
    role_cols = list(range(cols["pelaksana"], first_text))
    roles_row = rows[header + 1] if header + 1 < len(rows) else []
    found.roles = [roles_row[c].strip() if c < len(roles_row) else "" for c in role_cols]
    found.roles = [r for r in found.roles if r] or found.roles
    r = header + 2
    while r < len(rows):
        cells = rows[r]
        no = cells[cols["no"]].strip() if cols["no"] < len(cells) else ""
        m = re.fullmatch(r"(\d{1,3})\.?", no)
        if m is None:
            if any(c.strip() for c in cells):
                break
            r += 1
            continue
        step = FoundStep(int(m.group(1)))

        def value_of(name: str, cells: list[str] = cells) -> str:
            c = cols.get(name)
            return cells[c].strip() if c is not None and c < len(cells) else ""

        step.kegiatan = value_of("kegiatan")
        for name in ("kelengkapan", "waktu", "output", "keterangan"):
            setattr(step, name, value_of(name))
        step.doubts["Pelaksana"] = msg.doubt_roles_not_in_source()
        for c in role_cols:
            if c < len(cells) and cells[c].strip():
                role = found.roles[c - role_cols[0]] if c - role_cols[0] < len(found.roles) \
                    else str(c)
                found.leftovers.append(Leftover(
                    f"langkah {step.no}, kolom {role}", cells[c].strip()))
        found.steps.append(step)
        r += 1
    return r


def _signature(found: FoundSop, rows: list[list[str]], offset: int) -> None:
    lines = [(offset + i, " ".join(c.strip() for c in cells if c.strip()))
             for i, cells in enumerate(rows)]
    lines = [(i, t) for i, t in lines if t]
    nip_at = next((k for k, (_, t) in enumerate(lines) if _NIP.match(t)), None)
    used: set[int] = set()
    if nip_at is not None:
        m = _NIP.match(lines[nip_at][1])
        assert m is not None
        found.identity["NIP Pengesah"] = m.group(1).strip()
        used.add(nip_at)
        if nip_at >= 1:
            found.identity["Nama Pengesah"] = lines[nip_at - 1][1]
            used.add(nip_at - 1)
        if nip_at >= 2 and "Disahkan Oleh" not in found.identity:
            found.identity["Disahkan Oleh"] = lines[nip_at - 2][1]
            used.add(nip_at - 2)
        found.identity_doubts["Nama Pengesah"] = msg.doubt_signer()
    for k, (i, t) in enumerate(lines):
        if k not in used:
            found.leftovers.append(Leftover(_where(i), t))
