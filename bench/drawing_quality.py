"""How carefully sopgen draws: crossings, labels astray, lines along the grid.

Per SOP (the real sheets of `../shared/real/`, the examples in `data/` and
generated SOPs): crossings, labels not beside their own exit's first segment,
flow segments within 6 pt of a parallel grid line, flows sharing a stretch of line
without merging, routes through symbols and flows running closer than 5 pt
beside another step's symbol, counted from the layout's geometry by
`sopgen.layout.quality` (the same counting the tests use).

    .venv/bin/python bench/drawing_quality.py                # real sheets, examples
    .venv/bin/python bench/drawing_quality.py --generated 300 --details
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from sopgen.build import prepare
from sopgen.layout.quality import Quality, document_quality

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
HEADER = ("| SOP | crossings | labels astray | near a grid line | shared | through symbols "
          "| beside a symbol |\n|---|---:|---:|---:|---:|---:|---:|")


def row(name: str, q: Quality) -> str:
    return (f"| {name} | {q.crossings} | {q.labels_astray} | {q.near_grid} | {q.shared} "
            f"| {q.through_symbols} | {q.beside_symbols} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=200, metavar="N",
                        help="generated SOPs to measure (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--details", action="store_true", help="list every finding")
    args = parser.parse_args(argv)
    print(HEADER)
    for workbook in [*sorted(REAL.glob("*.xlsx")), *sorted((ROOT / "data").glob("*.xlsx"))]:
        prepared = prepare(workbook)
        if prepared.document is None:
            print(f"| {workbook.stem} | refused | | | | | |")
            continue
        q = document_quality(prepared.document)
        print(row(workbook.stem, q))
        if args.details:
            print("\n".join(f"  {d}" for d in q.details))
    if args.generated:
        from bench.gen_sops import generate_batch

        total, refused, clean = Quality(), 0, 0
        with tempfile.TemporaryDirectory(prefix="sopgen-quality-") as folder:
            for workbook in generate_batch(Path(folder), args.generated, args.seed):
                prepared = prepare(workbook)
                if prepared.document is None:
                    refused += 1
                    continue
                q = document_quality(prepared.document)
                clean += not (q.crossings or q.labels_astray or q.near_grid or q.shared
                              or q.through_symbols or q.beside_symbols)
                total.add(q)
        print(row(f"{args.generated} generated SOPs (all together; {clean} without any "
                  f"finding, {refused} refused)", total))
        if args.details:
            print("\n".join(f"  {d}" for d in total.details[:200]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
