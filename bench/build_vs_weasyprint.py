"""Benchmark: a whole `sopgen build --format pdf` process against bare WeasyPrint.

Not a test. In one run on one machine it measures

  a) `python -m sopgen build <workbook> --format pdf -o <tmp>` as a subprocess;
  b) a baseline subprocess that only imports WeasyPrint and renders the HTML
     sopgen produced for the same workbook, the way sopgen.render.html does
     (one FontConfiguration, the stylesheet loaded with it, render, write_pdf).

Rounds are interleaved (a, b, a, b, ...) after warm-ups, so a busy machine
slows both sides alike. Reports medians of wall time, CPU time (user + sys)
and peak RSS, the ratio a/b, and writes JSON to bench/results/.

    .venv/bin/python bench/build_vs_weasyprint.py [--rounds 7] [--profile]

`--profile` also runs sopgen once under `-X importtime` and once under
cProfile and prints where sopgen spends time beyond the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WORKBOOK = ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx"
RESULTS = ROOT / "bench" / "results"
TARGET_RATIO = 1.15
GNU_TIME = Path("/usr/bin/time")

# The baseline: nothing but WeasyPrint, mirroring sopgen.render.html.to_pdf
# (formerly write_pdf) for a plain PDF: FontConfiguration, CSS with it,
# HTML(string=..., base_url=templates).render(...).write_pdf().
BASELINE_CODE = """\
import sys
from pathlib import Path
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
html_path, templates, stylesheet, out = sys.argv[1:5]
html = Path(html_path).read_text(encoding="utf-8")
fonts = FontConfiguration()
css = CSS(filename=stylesheet, font_config=fonts)
document = HTML(string=html, base_url=templates).render(stylesheets=[css], font_config=fonts)
Path(out).write_bytes(document.write_pdf())
"""


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds, measured by this script around the subprocess
    cpu: float  # user + sys seconds of the measured process
    max_rss_kb: int


@dataclass(frozen=True)
class Summary:
    median_wall: float
    min_wall: float
    max_wall: float
    median_cpu: float
    median_max_rss_kb: int
    max_max_rss_kb: int


def summarise(samples: Sequence[Sample]) -> Summary:
    walls = [s.wall for s in samples]
    rss = [s.max_rss_kb for s in samples]
    return Summary(
        median_wall=statistics.median(walls),
        min_wall=min(walls),
        max_wall=max(walls),
        median_cpu=statistics.median(s.cpu for s in samples),
        median_max_rss_kb=int(statistics.median(rss)),
        max_max_rss_kb=max(rss),
    )


_TIME_FIELDS = {
    "user": re.compile(r"User time \(seconds\): ([\d.]+)"),
    "sys": re.compile(r"System time \(seconds\): ([\d.]+)"),
    "rss": re.compile(r"Maximum resident set size \(kbytes\): (\d+)"),
}


def _parse_gnu_time(report: str) -> tuple[float, int]:
    found: dict[str, str] = {}
    for key, pattern in _TIME_FIELDS.items():
        match = pattern.search(report)
        if match is None:
            raise RuntimeError(f"/usr/bin/time -v report lacks {key!r}:\n{report}")
        found[key] = match.group(1)
    return float(found["user"]) + float(found["sys"]), int(found["rss"])


def measure(argv: Sequence[str], *, use_gnu_time: bool, scratch: Path) -> Sample:
    """Run argv once; wall time from here, CPU and peak RSS of that process alone."""
    if use_gnu_time:
        report = scratch / "time.txt"
        start = time.perf_counter()
        proc = subprocess.run([str(GNU_TIME), "-v", "-o", str(report), *argv],
                              cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        _check(argv, proc.returncode, proc.stdout, proc.stderr)
        cpu, rss = _parse_gnu_time(report.read_text())
        return Sample(wall, cpu, rss)
    # No GNU time: wait4() gives this one child's rusage (RUSAGE_CHILDREN would
    # report the maximum RSS over all children so far, not this run's).
    # Output goes to files, not pipes, so a chatty child cannot block before wait4().
    out, err = scratch / "stdout.txt", scratch / "stderr.txt"
    with out.open("wb") as out_f, err.open("wb") as err_f:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, stdout=out_f, stderr=err_f)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    _check(argv, child.returncode, out.read_text(errors="replace"), err.read_text(errors="replace"))
    return Sample(wall, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss))  # KiB on Linux


def _check(argv: Sequence[str], code: int, out: str, err: str) -> None:
    if code != 0:
        raise RuntimeError(f"exit {code}: {' '.join(argv)}\n{out}\n{err}")


def prepare_html(workbook: Path, scratch: Path) -> tuple[Path, Path, Path]:
    """sopgen's HTML for the workbook, once, in this process: (html, templates, css)."""
    from sopgen.build import document_dates, prepare
    from sopgen.render.html import render_html

    prepared = prepare(workbook)
    if prepared.errors or prepared.document is None or prepared.sop is None:
        raise SystemExit(f"{workbook} does not build: {[str(p) for p in prepared.errors]}")
    created, modified = document_dates(prepared.sop)
    html = scratch / "sop.html"
    html.write_text(render_html(prepared.document, created, modified), encoding="utf-8")
    templates = ROOT / "templates"
    return html, templates, templates / "sop.css"


def _pdf_pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(path).pages)


def run_benchmark(workbook: Path, rounds: int, warmup: int) -> dict[str, Any]:
    use_gnu_time = GNU_TIME.is_file() and os.access(GNU_TIME, os.X_OK)
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="sopgen-bench-") as tmp:
        scratch = Path(tmp)
        html, templates, css = prepare_html(workbook, scratch)
        pdf_b = scratch / "b.pdf"
        argv_b = [py, "-c", BASELINE_CODE, str(html), str(templates), str(css), str(pdf_b)]
        runs = 0

        def run_a() -> Sample:
            # A fresh, empty output folder every run: sopgen skips a workbook whose
            # outputs its manifest records as up to date, which would time nothing.
            nonlocal runs
            runs += 1
            out_dir = scratch / f"a{runs}"
            sample = measure([py, "-m", "sopgen", "build", str(workbook), "--format", "pdf",
                              "-o", str(out_dir)], use_gnu_time=use_gnu_time, scratch=scratch)
            if not (out_dir / f"{workbook.stem}.pdf").is_file():
                raise RuntimeError(f"sopgen build wrote no PDF into {out_dir}")
            return sample

        def run_b() -> Sample:
            pdf_b.unlink(missing_ok=True)
            sample = measure(argv_b, use_gnu_time=use_gnu_time, scratch=scratch)
            if not pdf_b.is_file():
                raise RuntimeError("the baseline wrote no PDF")
            return sample

        load_before = os.getloadavg()
        for _ in range(warmup):
            run_a()
            run_b()
        a: list[Sample] = []
        b: list[Sample] = []
        for i in range(rounds):
            a.append(run_a())
            b.append(run_b())
            print(f"round {i + 1}/{rounds}: sopgen {a[-1].wall:.3f}s  "
                  f"weasyprint {b[-1].wall:.3f}s", file=sys.stderr)
        load_after = os.getloadavg()
        pdf_a = scratch / f"a{runs}" / f"{workbook.stem}.pdf"
        size_a, size_b = pdf_a.stat().st_size, pdf_b.stat().st_size
        pages_a, pages_b = _pdf_pages(pdf_a), _pdf_pages(pdf_b)
    outputs: dict[str, int | None] = {
        "sopgen_pdf_bytes": size_a, "baseline_pdf_bytes": size_b,
        "sopgen_pdf_pages": pages_a, "baseline_pdf_pages": pages_b,
    }
    if pages_a != pages_b or abs(size_a - size_b) > 0.05 * size_a:
        print(f"warning: the two PDFs differ ({outputs}); the baseline may no longer "
              "mirror sopgen.render.html", file=sys.stderr)
    sa, sb = summarise(a), summarise(b)
    return {
        "workbook": str(workbook.relative_to(ROOT) if workbook.is_relative_to(ROOT) else workbook),
        "rounds": rounds,
        "warmup": warmup,
        "rss_source": "/usr/bin/time -v" if use_gnu_time else "os.wait4 rusage",
        "target_ratio": TARGET_RATIO,
        "ratio_wall": sa.median_wall / sb.median_wall,
        "ratio_cpu": sa.median_cpu / sb.median_cpu,
        # Each round's a/b: the pair ran back to back, so under a drifting load
        # the median of these is steadier than the ratio of the two medians.
        "paired_ratio_wall_median": statistics.median(
            x.wall / y.wall for x, y in zip(a, b, strict=True)),
        "ratio_rss": sa.median_max_rss_kb / sb.median_max_rss_kb,
        "within_target_wall": sa.median_wall / sb.median_wall <= TARGET_RATIO,
        "within_target_cpu": sa.median_cpu / sb.median_cpu <= TARGET_RATIO,
        "sopgen_build": asdict(sa),
        "weasyprint_baseline": asdict(sb),
        "samples": {"sopgen_build": [asdict(s) for s in a],
                    "weasyprint_baseline": [asdict(s) for s in b]},
        "outputs": outputs,
        "machine": _machine(load_before, load_after),
    }


def _machine(load_before: tuple[float, float, float],
             load_after: tuple[float, float, float]) -> dict[str, Any]:
    import weasyprint

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "sopgen", "templates"],
                                cwd=ROOT, capture_output=True, text=True).stdout.strip())
    return {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_1min_before": load_before[0],
        "loadavg_1min_after": load_after[0],
        "git_commit": commit,
        "sopgen_tree_dirty": dirty,
    }


def table(result: dict[str, Any]) -> str:
    a, b = result["sopgen_build"], result["weasyprint_baseline"]
    rows = [
        ("", "sopgen build", "WeasyPrint only", "ratio a/b"),
        ("median wall (s)", f"{a['median_wall']:.3f}", f"{b['median_wall']:.3f}",
         f"{result['ratio_wall']:.2f}x"),
        ("min-max wall (s)", f"{a['min_wall']:.2f}-{a['max_wall']:.2f}",
         f"{b['min_wall']:.2f}-{b['max_wall']:.2f}",
         f"{result['paired_ratio_wall_median']:.2f}x paired"),
        ("median CPU user+sys (s)", f"{a['median_cpu']:.3f}", f"{b['median_cpu']:.3f}",
         f"{result['ratio_cpu']:.2f}x"),
        ("median peak RSS (MiB)", f"{a['median_max_rss_kb'] / 1024:.1f}",
         f"{b['median_max_rss_kb'] / 1024:.1f}", f"{result['ratio_rss']:.2f}x"),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    def verdict(key: str) -> str:
        return "within" if result[key] else "NOT within"

    m = result["machine"]
    lines.append("")
    lines.append(f"{result['rounds']} interleaved rounds after {result['warmup']} warm-up; "
                 f"target {TARGET_RATIO:.2f}x: wall {verdict('within_target_wall')}, "
                 f"CPU {verdict('within_target_cpu')}. "
                 f"{m['cpus']} CPUs, load {m['loadavg_1min_before']:.1f} -> "
                 f"{m['loadavg_1min_after']:.1f}; RSS from {result['rss_source']}.")
    return "\n".join(lines)


# --- profile -------------------------------------------------------------------------------

def _importtime(argv: Sequence[str]) -> list[tuple[int, int, str]]:
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], cwd=ROOT,
                          capture_output=True, text=True)
    _check(argv, proc.returncode, proc.stdout, proc.stderr)
    rows: list[tuple[int, int, str]] = []
    for line in proc.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match.group(1)), int(match.group(2)),
                         " " * (len(match.group(3)) - 1) + match.group(4)))
    return rows


def profile(workbook: Path) -> dict[str, Any]:
    """One importtime run and one cProfile run of the same build; summaries and raw files."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sopgen-profile-") as tmp:
        def build(out: str) -> list[str]:  # each run its own empty folder: nothing skipped
            return ["-m", "sopgen", "build", str(workbook), "--format", "pdf",
                    "-o", str(Path(tmp) / out)]

        imports = _importtime(build("importtime"))
        stats_file = RESULTS / "build.prof"
        argv = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *build("cprofile")]
        proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
        _check(argv, proc.returncode, proc.stdout, proc.stderr)
        for out in ("importtime", "cprofile"):
            if not (Path(tmp) / out / f"{workbook.stem}.pdf").is_file():
                raise RuntimeError(f"the {out} run wrote no PDF")
    total_us = sum(self_us for self_us, _, _ in imports)
    # Top-level imports only (no leading spaces): what each first import pulled in.
    top = sorted((r for r in imports if not r[2].startswith(" ")), key=lambda r: -r[1])
    packages = ("openpyxl", "fontTools", "jinja2", "holidays", "weasyprint", "cffi",
                "pycparser", "pydyf", "tinycss2", "cssselect2", "html5lib", "PIL")
    own: dict[str, int] = dict.fromkeys(packages, 0)
    for self_us, _, name in imports:
        root = name.strip().split(".")[0]
        if root in own:
            own[root] += self_us
    stats = pstats.Stats(str(stats_file))
    entries: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    cum: dict[str, float] = {}
    for (filename, line, func), (_, _, _, ct, _) in entries.items():
        if "/sopgen/" in filename and not filename.endswith("__main__.py"):
            cum[f"{Path(filename).parent.name}/{Path(filename).name}:{line}({func})"] = ct
    hot = sorted(cum.items(), key=lambda kv: -kv[1])[:25]
    (RESULTS / "importtime.txt").write_text(
        "\n".join(f"{s:>8} | {c:>8} | {n}" for s, c, n in imports) + "\n")
    return {
        "import_total_s": total_us / 1e6,
        "top_level_imports_s": {n.strip(): c / 1e6 for _, c, n in top[:15]},
        "self_import_time_by_package_s": {k: v / 1e6 for k, v in own.items()},
        "cprofile_total_s": stats.total_tt,  # type: ignore[attr-defined]
        "cprofile_sopgen_cumulative_s": dict(hot),
    }


def _print_profile(p: dict[str, Any]) -> None:
    print(f"\nimport time total (self, summed): {p['import_total_s']:.3f}s")
    print("top-level imports (cumulative):")
    for name, secs in p["top_level_imports_s"].items():
        print(f"  {secs:7.3f}s  {name}")
    print("self import time by package:")
    for name, secs in sorted(p["self_import_time_by_package_s"].items(), key=lambda kv: -kv[1]):
        print(f"  {secs:7.3f}s  {name}")
    print(f"cProfile total {p['cprofile_total_s']:.3f}s; sopgen functions (cumulative):")
    for name, secs in p["cprofile_sopgen_cumulative_s"].items():
        print(f"  {secs:7.3f}s  {name}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("workbook", nargs="?", type=Path, default=DEFAULT_WORKBOOK)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--profile", action="store_true",
                        help="also run -X importtime and cProfile once and summarise")
    parser.add_argument("--json", type=Path, default=RESULTS / "build_vs_weasyprint.json")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.warmup < 0:
        parser.error("--rounds must be >= 1 and --warmup >= 0")
    workbook = args.workbook.resolve()
    result = run_benchmark(workbook, args.rounds, args.warmup)
    print(table(result))
    if args.profile:
        result["profile"] = profile(workbook)
        _print_profile(result["profile"])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
