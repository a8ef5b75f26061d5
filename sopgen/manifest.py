"""`OUT/manifest.json`: what each output file is and what it was built from.

Archivists read it to know which file holds which SOP; `sopgen build`
reads it to skip workbooks whose inputs have not changed. Written with
sorted keys and atomically, under the output folder's lock, merged with
what a concurrent run may have recorded meanwhile.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sopgen import __version__
from sopgen.atomic import folder_lock, write_bytes_atomic

NAME = "manifest.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class OutputFile:
    format: str
    path: str  # relative to the output folder, POSIX separators
    sha256: str
    size: int


@dataclass(frozen=True)
class Entry:
    key: str
    source: str
    nomor: str
    nama: str
    tanggal_efektif: str
    tanggal_revisi: str | None
    input_hash: str
    logo: str | None
    outputs: tuple[OutputFile, ...]

    def logo_path(self) -> Path | None:
        return Path(self.logo) if self.logo else None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        outputs = tuple(OutputFile(**o) for o in data.get("outputs", ()))
        return cls(
            key=str(data["key"]),
            source=str(data["source"]),
            nomor=str(data["nomor"]),
            nama=str(data["nama"]),
            tanggal_efektif=str(data["tanggal_efektif"]),
            tanggal_revisi=data.get("tanggal_revisi"),
            input_hash=str(data["input_hash"]),
            logo=data.get("logo"),
            outputs=outputs,
        )


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The recorded builds; an absent or unreadable manifest means nothing is recorded."""
        try:
            data = json.loads((out_dir / NAME).read_text(encoding="utf-8"))
            entries = {e["key"]: Entry.from_json(e) for e in data.get("sop", [])}
        except (OSError, ValueError, KeyError, TypeError):
            return cls()
        return cls(entries)

    @classmethod
    def update(cls, out_dir: Path, built: Iterable[Entry]) -> None:
        """Merge new entries into the file on disk, under the folder's lock."""
        with folder_lock(out_dir) as tmp_dir:
            current = cls.load(out_dir)
            for entry in built:
                current.entries[entry.key] = entry
            write_bytes_atomic(out_dir / NAME, current.to_bytes(), tmp_dir=tmp_dir)

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT_VERSION,
            "generator": f"sopgen {__version__}",
            "sop": [asdict(self.entries[k]) for k in sorted(self.entries)],
        }
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        # A file name that is not UTF-8 keeps its bytes as JSON escapes (\udcff).
        return text.encode("utf-8", "backslashreplace")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()
