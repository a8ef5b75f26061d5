"""Page economy on real sheets: sopgen's pages against their signed originals.

For each workbook of `../shared/real/` (and the examples in `data/`): the source's
page count (one PNG per source page lies beside the workbook), sopgen's, the steps on
each procedure page, and how much of each page's printable height the tables fill.
Plain numbers from the layout (the PDF has the same pages: tests/test_real_sheets.py),
printed as a Markdown table for README.

    .venv/bin/python bench/real_sheets.py            # the table
    .venv/bin/python bench/real_sheets.py --json     # the same, as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sopgen.build import prepare
from sopgen.geometry import Document, Page

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"


def source_pages(workbook: Path) -> int | None:
    found = len(list(workbook.parent.glob(f"{workbook.stem}-src-*.png")))
    return found or None


def filled(doc: Document, page: Page) -> float:
    """The share of the printable height (inside the margins) the page's tables take."""
    top = doc.margins.top
    bottom = max((t.y + t.height for t in page.tables), default=top)
    return (bottom - top) / (doc.height - doc.margins.top - doc.margins.bottom)


def measure(workbook: Path) -> dict[str, object]:
    prepared = prepare(workbook)
    if prepared.document is None:
        return {"sheet": workbook.stem, "error": [str(p) for p in prepared.errors]}
    doc = prepared.document
    return {
        "sheet": workbook.stem,
        "source_pages": source_pages(workbook),
        "pages": len(doc.pages),
        "identity_pages": sum(1 for p in doc.pages if p.kind == "identity"),
        "steps_per_page": [len(p.steps) for p in doc.pages if p.kind == "procedure"],
        "filled": [round(filled(doc, p), 2) for p in doc.pages],
    }


def table(rows: list[dict[str, object]]) -> str:
    out = ["| sheet | source pages | sopgen pages | identity pages | steps per procedure page "
           "| page filled (each page) |", "|---|---:|---:|---:|---|---|"]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['sheet']} | | refused | | | {r['error']} |")
            continue
        steps = ", ".join(str(n) for n in r["steps_per_page"])  # type: ignore[attr-defined]
        fill = ", ".join(f"{f:.0%}" for f in r["filled"])  # type: ignore[attr-defined]
        source = r["source_pages"] if r["source_pages"] is not None else "-"
        out.append(f"| {r['sheet']} | {source} | {r['pages']} | {r['identity_pages']} "
                   f"| {steps} | {fill} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    workbooks = sorted(REAL.glob("*.xlsx")) + sorted((ROOT / "data").glob("*.xlsx"))
    rows = [measure(w) for w in workbooks]
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
