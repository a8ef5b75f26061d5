"""Tooling, not a test: are the examples' output bytes the same as another revision's?

A refactor of a renderer or the packaging must not change one byte of what the
examples build to. This builds every `data/*.xlsx` in each option set below
(plain, `--pdfa`, `--lampiran-gantt`), once with the sopgen installed in this
Python (the working tree, for an editable install) and once with a git revision
exported to a temporary folder (`git archive`, so no worktree is touched), and
prints the sha256 of every file, side by side. Exit status 1 when any differs.

    .venv/bin/python bench/example_bytes.py               # against HEAD
    .venv/bin/python bench/example_bytes.py --against main
    .venv/bin/python bench/example_bytes.py --against none  # only print this tree's

Why not a test with recorded hashes: every legitimate layout change would break
it. Comparing with a revision built in the same run keeps meaning something: it
says exactly "this change moved no byte", whenever that is the claim.

The exported revision runs from source (`PYTHONPATH`) with this Python's
dependencies; `sopgen/templates` is linked to `templates/` there, as the wheel
lays it out, so revisions before and after the package-data move both run.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPTION_SETS: dict[str, tuple[str, ...]] = {
    "plain": (),
    "pdfa": ("--pdfa",),
    "gantt": ("--lampiran-gantt",),
}


def build_all(out: Path, workbooks: list[Path], pythonpath: Path | None) -> dict[str, str]:
    """sha256 of every file `sopgen build` writes for each workbook and option set."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    hashes: dict[str, str] = {}
    for name, options in OPTION_SETS.items():
        target = out / name
        subprocess.run([sys.executable, "-m", "sopgen", "build", *map(str, workbooks),
                        "-o", str(target), "--force", "-j", "1", *options],
                       check=True, env=env, cwd=out, stdout=subprocess.DEVNULL)
        for path in sorted(target.glob("*.*")):
            if path.suffix in {".docx", ".pdf"}:
                hashes[f"{name}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def export(rev: str, folder: Path) -> Path:
    """The revision's tree in `folder`, runnable from source."""
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                         check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(folder, filter="data")
    link = folder / "sopgen" / "templates"
    if not link.exists():
        link.symlink_to(folder / "templates", target_is_directory=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="HEAD",
                        help="git revision to compare with, or 'none' (default: HEAD)")
    args = parser.parse_args()
    workbooks = sorted((ROOT / "data").glob("*.xlsx"))
    with tempfile.TemporaryDirectory(prefix="sopgen-bytes-") as scratch:
        tmp = Path(scratch)
        (tmp / "here").mkdir()
        here = build_all(tmp / "here", workbooks, None)
        if args.against == "none":
            for key, digest in here.items():
                print(f"{digest}  {key}")
            return 0
        tree = export(args.against, tmp / "tree")
        (tmp / "there").mkdir()
        there = build_all(tmp / "there", [tree / "data" / w.name for w in workbooks], tree)
    differ = 0
    for key in sorted(here.keys() | there.keys()):
        a, b = here.get(key, "-"), there.get(key, "-")
        mark = "same" if a == b else "DIFFERS"
        differ += a != b
        print(f"{mark:8} {key}  {a[:16]}  {args.against}: {b[:16]}")
    print(f"{len(here)} files, {differ} differ from {args.against}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
