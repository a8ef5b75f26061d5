"""Benchmark (issue 15): the PDF stage and the whole build against today's HTML and LibreOffice.

Not a test. In ONE run on one machine, every ratio against a baseline measured in the
same run (the machine may be shared: the load average is recorded):

  pdf stage    one warm process renders each SOP's HTML and PDF, interleaved rounds,
               median CPU seconds: (a) the HTML before issue 15 (bench/baseline_html.py,
               frozen) against sopgen's HTML now; the split of each into WeasyPrint's
               stages (HTML parse, layout, drawing + PDF) says where the time goes
  build        the same warm process: prepare + DOCX + PDF of each SOP, baseline HTML
               against now
  process      a whole `python -m sopgen build FILES --format pdf --force` process over
               all the SOPs, wall and CPU: today's (the same command with the baseline
               HTML patched in) against now, and
    (b)        LibreOffice converting sopgen's own DOCX of the same SOPs (flowchart
               included; written beforehand, untimed) in ONE `soffice --convert-to pdf`
               call with a warm profile; also with the `--format docx` process added
    (c)        the table-only route a user would script: openpyxl + docxtpl
               (bench/batch.py's template) in one process, then one soffice call

Targets: PDF stage <= 0.75 of the baseline on the 9- and 40-step examples; the whole
`--format pdf` process <= 0.80 of today's.

    .venv/bin/python bench/pdf_speed.py [--rounds 5] [--process-rounds 3] [FILES...]

Needs docxtpl for (c) (`pip install -e '.[bench]'`) and soffice for (b) and (c).
Writes bench/results/pdf_speed.json and prints the README's tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, its parent is not
    sys.path.insert(0, str(ROOT))

from bench import baseline_html  # noqa: E402
from bench.batch import make_template, soffice_command  # noqa: E402

DEFAULT_FILES = [
    ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx",
    ROOT / "data" / "sop-contoh-40-langkah.xlsx",
    *sorted((ROOT.parent / "shared" / "real").glob("*.xlsx")),
]
TARGET_STAGE = 0.75
TARGET_PROCESS = 0.80

# The whole `sopgen build` process with today's HTML: the same command, the baseline
# renderer patched in where sopgen.build looks it up.
BASELINE_BUILD = """\
import sys
sys.path.insert(0, sys.argv[1])
from bench import baseline_html
from sopgen.render import html
html.render_html = baseline_html.render_html
html.to_pdf = lambda text, **_: baseline_html.to_pdf(text)
from sopgen.cli import main
sys.exit(main(sys.argv[2:]))
"""

DOCXTPL_ROUTE = """\
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench.batch import docxtpl_render
docxtpl_render(Path(sys.argv[2]), Path(sys.argv[3]), [Path(p) for p in sys.argv[4:]])
"""


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _cpu() -> float:
    return time.process_time()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- in one warm process ------------------------------------------------------------------

Renderer = tuple[Callable[..., str], Callable[[str], bytes]]


def _renderers() -> dict[str, Renderer]:
    from sopgen.render import html

    return {"baseline": (baseline_html.render_html, baseline_html.to_pdf),
            "now": (html.render_html, lambda text: html.to_pdf(text))}


def _stages(name: str, text: str) -> dict[str, float]:
    """WeasyPrint's stages for one HTML, CPU seconds: parse, layout, drawing + PDF."""
    from sopgen.render import html

    if name == "baseline":
        fonts, css, lean = baseline_html._style()
    else:
        fonts, css = html._style()
        lean = html._lean_html()
    t0 = _cpu()
    parsed = lean(string=text)
    t1 = _cpu()
    document = parsed.render(stylesheets=[css], font_config=fonts)
    t2 = _cpu()
    document.write_pdf()
    t3 = _cpu()
    return {"parse": t1 - t0, "layout": t2 - t1, "draw": t3 - t2}


def in_process(files: Sequence[Path], rounds: int) -> dict[str, Any]:
    from sopgen.build import document_dates, prepare, render

    renderers = _renderers()
    prepared = {f: prepare(f) for f in files}
    for p in prepared.values():
        assert p.sop is not None and p.document is not None, p.problems
    samples: dict[str, dict[str, dict[str, list[float]]]] = {
        f.stem: {name: {k: [] for k in ("html", "pdf", "build", "parse", "layout", "draw")}
                 for name in renderers} for f in files}
    pages = {f.stem: len(p.document.pages) for f, p in prepared.items() if p.document}
    for round_ in range(rounds + 1):  # round 0 warms: imports, fonts, stylesheets
        for f in files:
            for name, (to_html, to_pdf) in renderers.items():  # interleaved: load hits both
                s = samples[f.stem][name]
                p = prepared[f]
                assert p.sop is not None and p.document is not None
                dates = document_dates(p.sop)
                t0 = _cpu()
                text = to_html(p.document, *dates)
                t1 = _cpu()
                to_pdf(text)
                t2 = _cpu()
                q = prepare(f)  # the whole build of one SOP: read, lay out, DOCX, PDF
                assert q.sop is not None and q.document is not None
                render("docx", q.sop, q.document)
                to_pdf(to_html(q.document, *document_dates(q.sop)))
                t3 = _cpu()
                stages = _stages(name, text)
                if round_:
                    s["html"].append(t1 - t0)
                    s["pdf"].append(t2 - t0)
                    s["build"].append(t3 - t2)
                    for k, v in stages.items():
                        s[k].append(v)
        log(f"  round {round_}/{rounds}")
    out: dict[str, Any] = {}
    for stem, by_name in samples.items():
        med = {name: {k: statistics.median(v) for k, v in d.items()}
               for name, d in by_name.items()}
        out[stem] = {"pages": pages[stem], "median_cpu_s": med,
                     "pdf_ratio": med["now"]["pdf"] / med["baseline"]["pdf"],
                     "build_ratio": med["now"]["build"] / med["baseline"]["build"]}
    return out


# --- whole processes ----------------------------------------------------------------------


def _timed(command: Sequence[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(wall, CPU of the process and its children) of one command run to its end."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    c0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, _children_cpu() - c0


def processes(files: Sequence[Path], rounds: int, work: Path) -> dict[str, Any]:
    py = sys.executable
    names = [str(f) for f in files]
    out_now, out_base = work / "now", work / "baseline"
    docx_dir, lo_out, tpl_out = work / "docx", work / "lo-pdf", work / "docxtpl"
    profile = work / "lo-profile"
    template = make_template(work / "template.docx")
    # sopgen's own DOCX for (b), untimed; then a warm LibreOffice profile.
    subprocess.run([py, "-m", "sopgen", "build", *names, "-o", str(docx_dir), "--format",
                    "docx", "--force"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    docx_files = sorted(docx_dir.glob("*.docx"))
    assert len(docx_files) == len(files)
    warm = work / "warm"
    subprocess.run(soffice_command(profile, warm, docx_files[:1]), check=True,
                   capture_output=True)
    routes: dict[str, Callable[[], list[str]]] = {
        "sopgen build --format pdf, today's HTML": lambda: [
            py, "-c", BASELINE_BUILD, str(ROOT), "build", *names, "-o", str(out_base),
            "--format", "pdf", "--force"],
        "sopgen build --format pdf, now": lambda: [
            py, "-m", "sopgen", "build", *names, "-o", str(out_now), "--format", "pdf",
            "--force"],
        "sopgen build --format docx, now": lambda: [
            py, "-m", "sopgen", "build", *names, "-o", str(docx_dir), "--format", "docx",
            "--force"],
        "(b) soffice, sopgen's DOCX, one call": lambda: soffice_command(
            profile, lo_out, docx_files),
        "(c) docxtpl render, one process": lambda: [
            py, "-c", DOCXTPL_ROUTE, str(ROOT), str(template), str(tpl_out), *names],
        "(c) soffice, docxtpl's DOCX, one call": lambda: soffice_command(
            profile, lo_out / "tpl", sorted(tpl_out.glob("*.docx"))),
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in routes}
    for round_ in range(rounds):
        for name, command in routes.items():  # interleaved, so the load hits all alike
            samples[name].append(_timed(command()))
        log(f"  process round {round_ + 1}/{rounds}")
    med = {name: {"wall_s": statistics.median(w for w, _ in s),
                  "cpu_s": statistics.median(c for _, c in s)} for name, s in samples.items()}
    # Same work for (b) and (c) as a user sees it: DOCX made, then converted.
    for total, parts in {
        "(b) sopgen --format docx + soffice": ("sopgen build --format docx, now",
                                               "(b) soffice, sopgen's DOCX, one call"),
        "(c) docxtpl + soffice (table only)": ("(c) docxtpl render, one process",
                                               "(c) soffice, docxtpl's DOCX, one call"),
    }.items():
        med[total] = {k: sum(med[p][k] for p in parts) for k in ("wall_s", "cpu_s")}
    today = med["sopgen build --format pdf, today's HTML"]
    for row in med.values():
        row["wall_vs_today"] = row["wall_s"] / today["wall_s"]
        row["cpu_vs_today"] = row["cpu_s"] / today["cpu_s"]
    return med


# --- report -------------------------------------------------------------------------------


def tables(result: dict[str, Any]) -> str:
    lines = ["| SOP | pages | PDF stage CPU, before (s) | now (s) | ratio | "
             "DOCX + PDF build, before (s) | now (s) | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for stem, r in result["in_process"].items():
        b, n = r["median_cpu_s"]["baseline"], r["median_cpu_s"]["now"]
        lines.append(f"| {stem} | {r['pages']} | {b['pdf']:.3f} | {n['pdf']:.3f} | "
                     f"{r['pdf_ratio']:.2f} | {b['build']:.3f} | {n['build']:.3f} | "
                     f"{r['build_ratio']:.2f} |")
    lines += ["", "| SOP | HTML (s) | parse | layout | drawing + PDF |", "|---|---|---|---|---|"]
    for stem, r in result["in_process"].items():
        b, n = r["median_cpu_s"]["baseline"], r["median_cpu_s"]["now"]
        lines.append(f"| {stem} | {b['html']:.3f} -> {n['html']:.3f} | "
                     + " | ".join(f"{b[k]:.3f} -> {n[k]:.3f}" for k in ("parse", "layout", "draw"))
                     + " |")
    lines += ["", f"| route, all {len(result['files'])} SOPs in one process | wall (s) | CPU (s) "
              "| wall vs today | CPU vs today |", "|---|---:|---:|---:|---:|"]
    for name, r in result["processes"].items():
        lines.append(f"| {name} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | "
                     f"{r['wall_vs_today']:.2f} | {r['cpu_vs_today']:.2f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--process-rounds", type=int, default=3)
    args = parser.parse_args(argv)
    files = [f.resolve() for f in args.files]
    before = os.getloadavg()
    log(f"in one process, {args.rounds} rounds ...")
    result: dict[str, Any] = {"files": [f.name for f in files], "loadavg_before": before}
    result["in_process"] = in_process(files, args.rounds)
    log(f"whole processes, {args.process_rounds} rounds ...")
    with tempfile.TemporaryDirectory(prefix="sopgen-pdf-speed-") as tmp:
        result["processes"] = processes(files, args.process_rounds, Path(tmp))
    result["loadavg_after"] = os.getloadavg()
    result["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(),
                         "soffice": shutil.which("soffice")}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pdf_speed.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(tables(result))
    print(f"\nload average before {before[0]:.1f}, after {result['loadavg_after'][0]:.1f}")
    stage = {stem: r["pdf_ratio"] for stem, r in result["in_process"].items()}
    proc = result["processes"]["sopgen build --format pdf, now"]["cpu_vs_today"]
    print(f"targets: PDF stage <= {TARGET_STAGE}: "
          + ", ".join(f"{s} {v:.2f}" for s, v in stage.items())
          + f"; whole --format pdf process CPU <= {TARGET_PROCESS}: {proc:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
