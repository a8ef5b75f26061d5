"""Benchmark: `sopgen build -j 2` on generated SOPs against the routes a user would script.

Not a test. In ONE run on one machine (bench/gen_sops.py writes the workbooks):

  sopgen      `python -m sopgen build IN -o OUT -j 2` (DOCX + PDF) as a subprocess,
              wall time from start to exit; /proc is sampled every 50 ms for the
              peak RSS (VmHWM) of every worker and for each worker's RSS as the
              batch progresses (is memory flat?)
  no-op       the same command again, three times: every workbook skipped
  docxtpl     the route a user would otherwise script: openpyxl reads each
              workbook, docxtpl renders a table-only template with the same
              texts (no flowchart: it cannot draw one) in 2 processes, then
              LibreOffice converts the DOCX files to PDF:
    (a) best  2 concurrent `soffice --convert-to pdf` calls, each over half of
              the files, each with its own (pre-warmed) profile
    (b) common one soffice call per document, one after another; measured on a
              sample (`--sample-b`, default 20) and extrapolated to all
  weasyprint  (c) bare WeasyPrint on the HTML sopgen renders (HTML written
              beforehand, untimed): 2 processes, one FontConfiguration and
              stylesheet each, PDF only
  scaling     a 200-step against a 20-step SOP: prepare + DOCX + PDF in one warm
              process, median of `--rounds`

Targets (from the issue): sopgen's throughput >= (a), >= 4x (b); peak RSS < 150 MiB
per worker; the no-op re-run < 2 s; 200 steps <= 10x 20 steps. A missed target
is profiled (cProfile of one worker's work on a few documents) unless --no-profile.

    .venv/bin/python bench/batch.py [-n 200] [-j 2] [--sample-b 20] [--full-b]

Writes bench/results/batch.json (and batch-worker.prof when profiling).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, its parent is not
    sys.path.insert(0, str(ROOT))

from bench import gen_sops  # noqa: E402

MIB = 1024 * 1024
TARGET_VS_A = 1.0
TARGET_VS_B = 4.0
TARGET_RSS_MIB = 150.0
TARGET_NOOP_S = 2.0
TARGET_SCALE = 10.0
SAMPLE_EVERY = 0.05


# --- processes and /proc ------------------------------------------------------------


def children(pid: int) -> list[int]:
    """Direct children, from every thread's /proc/PID/task/TID/children (cheap to read)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                found.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return found


def memory_kb(pid: int) -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in kB, or None once the process is gone."""
    values: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        return None
    if len(values) < 2:
        return None
    return values["VmRSS"], values["VmHWM"]


@dataclass
class Watched:
    """What a sampler saw of one process tree while it ran."""

    wall: float = 0.0
    returncode: int = 0
    stdout: str = ""
    root_peak_kb: int = 0
    worker_peaks_kb: dict[int, int] = field(default_factory=dict)
    # (seconds since start, documents finished, {worker pid: VmRSS kB})
    timeline: list[tuple[float, int, dict[int, int]]] = field(default_factory=list)


def watch(command: Sequence[str], *, formats: int = 2, cwd: Path = ROOT) -> Watched:
    """Run `command`, sampling its workers' memory and counting 'ditulis:' lines."""
    result = Watched()
    written = [0]
    lines: list[str] = []
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True, env=_env())

    def read(stream: IO[str]) -> None:
        for line in stream:
            lines.append(line)
            if line.startswith("ditulis:"):
                written[0] += 1

    assert proc.stdout is not None
    reader = threading.Thread(target=read, args=(proc.stdout,), daemon=True)
    reader.start()
    while proc.poll() is None:
        now = time.perf_counter() - start
        root = memory_kb(proc.pid)
        if root is not None:
            result.root_peak_kb = max(result.root_peak_kb, root[1])
        rss: dict[int, int] = {}
        # The workers are the root's direct children. (Their own short-lived children,
        # gcc and ldconfig run by ctypes.util.find_library while WeasyPrint loads its
        # libraries, are not workers.)
        for pid in children(proc.pid):
            mem = memory_kb(pid)
            if mem is None:
                continue
            rss[pid] = mem[0]
            result.worker_peaks_kb[pid] = max(result.worker_peaks_kb.get(pid, 0), mem[1])
        result.timeline.append((now, written[0] // formats, rss))
        time.sleep(SAMPLE_EVERY)
    result.wall = time.perf_counter() - start
    reader.join()
    result.returncode = proc.returncode
    result.stdout = "".join(lines)
    return result


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOPGEN_DEBUG", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def timed(command: Sequence[str], *, cwd: Path = ROOT, check: bool = True) -> float:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, env=_env(), check=False)
    wall = time.perf_counter() - start
    if check and proc.returncode != 0:
        raise RuntimeError(f"{command[:4]} ... exited {proc.returncode}:\n"
                           f"{proc.stdout.decode(errors='replace')[-3000:]}")
    return wall


def timed_parallel(commands: Sequence[Sequence[str]], *, cwd: Path = ROOT) -> float:
    """Start every command at once; the wall time until the last one exits."""
    start = time.perf_counter()
    procs = [subprocess.Popen(c, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, env=_env()) for c in commands]
    outputs = [p.communicate()[0] for p in procs]
    wall = time.perf_counter() - start
    for proc, out in zip(procs, outputs, strict=True):
        if proc.returncode != 0:
            raise RuntimeError(f"exited {proc.returncode}:\n{out.decode(errors='replace')[-3000:]}")
    return wall


def children_cpu() -> float:
    """User + system CPU seconds of every finished child process and their own children.

    Read before and after a phase (phases run one after another), the difference is
    that phase's CPU time: a measure a busy machine disturbs much less than wall time.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def split(items: Sequence[Path], parts: int) -> list[list[Path]]:
    """Round-robin over the sorted items: mixed sizes end up evenly in each part."""
    return [list(items[i::parts]) for i in range(parts)]


# --- the docxtpl route ----------------------------------------------------------------

HEADERS = ("No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output", "Keterangan")
FIELDS = ("no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan")
IDENTITY_ROWS = (
    ("Instansi", "instansi"), ("Satuan Kerja", "satuan_kerja"), ("Nomor SOP", "nomor"),
    ("Tanggal Pembuatan", "tanggal_pembuatan"), ("Tanggal Revisi", "tanggal_revisi"),
    ("Tanggal Efektif", "tanggal_efektif"), ("Disahkan Oleh", "disahkan_oleh"),
    ("Nama SOP", "nama"),
)  # fmt: skip
KETENTUAN = (
    ("Dasar Hukum", "dasar_hukum"), ("Kualifikasi Pelaksana", "kualifikasi"),
    ("Keterkaitan", "keterkaitan"), ("Peralatan/Perlengkapan", "peralatan"),
    ("Peringatan", "peringatan"), ("Pencatatan dan Pendataan", "pencatatan"),
)  # fmt: skip


def make_template(path: Path) -> Path:
    """A table-only SOP template with Jinja tags, written with python-docx."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    doc.styles["Normal"].font.name = "Liberation Sans"
    doc.styles["Normal"].font.size = Pt(9)
    head = doc.add_table(rows=len(IDENTITY_ROWS), cols=2)
    head.style = "Table Grid"
    for row, (label, key) in zip(head.rows, IDENTITY_ROWS, strict=True):
        row.cells[0].text = label
        row.cells[1].text = "{{ " + key + " }}"
    doc.add_paragraph()
    rules = doc.add_table(rows=len(KETENTUAN), cols=2)
    rules.style = "Table Grid"
    for row, (label, key) in zip(rules.rows, KETENTUAN, strict=True):
        row.cells[0].text = label
        cell = row.cells[1]
        cell.text = "{%p for item in " + key + " %}"
        cell.add_paragraph("{{ loop.index }}. {{ item }}")
        cell.add_paragraph("{%p endfor %}")
    doc.add_paragraph()
    steps = doc.add_table(rows=4, cols=len(HEADERS))
    steps.style = "Table Grid"
    for cell, title in zip(steps.rows[0].cells, HEADERS, strict=True):
        cell.text = title
    steps.rows[1].cells[0].text = "{%tr for s in steps %}"
    for cell, key in zip(steps.rows[2].cells, FIELDS, strict=True):
        cell.text = "{{ s." + key + " }}"
    steps.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph()
    doc.add_paragraph("{{ tempat }}, {{ tanggal_efektif }}")
    doc.add_paragraph("{{ disahkan_oleh }}")
    doc.add_paragraph("{{ nama_pengesah }}")
    doc.add_paragraph("NIP. {{ nip }}")
    doc.save(str(path))
    return path


def read_texts(path: Path) -> dict[str, Any]:
    """The texts a user's script would take from the workbook (openpyxl, read-only)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ident: dict[str, str] = {}
        for row in wb["Identitas"].iter_rows(min_row=2, max_col=2, values_only=True):
            if row[0] is not None:
                ident[str(row[0])] = "" if row[1] is None else str(row[1])
        shorts: dict[str, str] = {}
        for row in wb["Pelaksana"].iter_rows(min_row=2, max_col=2, values_only=True):
            if row[0] is not None:
                shorts[str(row[1] or row[0])] = str(row[0])
        rules: list[list[str]] = [[] for _ in KETENTUAN]
        for row in wb["Ketentuan"].iter_rows(min_row=2, max_col=len(KETENTUAN),
                                             values_only=True):
            for i, value in enumerate(row):
                if value is not None:
                    rules[i].append(str(value))
        steps = []
        for row in wb["Prosedur"].iter_rows(min_row=2, max_col=10, values_only=True):
            if row[0] is None:
                continue
            who = "; ".join(shorts.get(p.strip(), p.strip()) for p in str(row[2]).split(";"))
            steps.append({"no": row[0], "kegiatan": row[1], "pelaksana": who,
                          "kelengkapan": row[6] or "", "waktu": row[7] or "",
                          "output": row[8] or "", "keterangan": row[9] or ""})
    finally:
        wb.close()
    context: dict[str, Any] = {key: ident.get(label, "") for label, key in IDENTITY_ROWS}
    context.update(tempat=ident.get("Tempat", ""), nama_pengesah=ident.get("Nama Pengesah", ""),
                   nip=ident.get("NIP Pengesah", ""), steps=steps)
    context.update({key: rules[i] for i, (_, key) in enumerate(KETENTUAN)})
    return context


def docxtpl_render(template: Path, out_dir: Path, sources: Sequence[Path]) -> None:
    """Worker body (run as `bench/batch.py --docxtpl-worker ...`): workbook -> DOCX."""
    docxtpl: Any = importlib.import_module("docxtpl")
    out_dir.mkdir(parents=True, exist_ok=True)
    for source in sources:
        tpl = docxtpl.DocxTemplate(str(template))
        tpl.render(read_texts(source))
        tpl.save(str(out_dir / f"{source.stem}.docx"))


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SystemExit("LibreOffice (soffice) is not on PATH")
    return found


def soffice_command(profile: Path, out_dir: Path, files: Sequence[Path]) -> list[str]:
    return [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--nologo", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir),
            *(str(f) for f in files)]


# --- bare WeasyPrint and the scaling probe (run as subprocesses) -------------------------

WEASYPRINT_WORKER = """\
import sys
from pathlib import Path
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
templates, stylesheet, out_dir, *pages = sys.argv[1:]
fonts = FontConfiguration()
css = CSS(filename=stylesheet, font_config=fonts)
for page in pages:
    html = Path(page).read_text(encoding="utf-8")
    document = HTML(string=html, base_url=templates).render(stylesheets=[css], font_config=fonts)
    Path(out_dir, Path(page).stem + ".pdf").write_bytes(document.write_pdf())
"""

SCALE_WORKER = """\
import json, statistics, sys, time
from pathlib import Path
from sopgen.build import prepare, render
rounds, *files = sys.argv[1:]
def once(path):
    t0 = time.perf_counter(); p = prepare(path); t1 = time.perf_counter()
    render("docx", p.sop, p.document); t2 = time.perf_counter()
    render("pdf", p.sop, p.document); t3 = time.perf_counter()
    return {"prepare": t1 - t0, "docx": t2 - t1, "pdf": t3 - t2, "total": t3 - t0,
            "pages": len(p.document.pages)}
for f in files:
    once(Path(f))  # warm: imports, fonts, stylesheet
samples = {f: [] for f in files}
for _ in range(int(rounds)):
    for f in files:  # interleaved, so a busy machine slows both alike
        samples[f].append(once(Path(f)))
out = {}
for f, runs in samples.items():
    out[f] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
print(json.dumps(out))
"""

PROFILE_WORKER = """\
import cProfile, dataclasses, json, sys, time
from pathlib import Path
from weasyprint import HTML
from sopgen import batch
from sopgen.build import document_dates, prepare, render
from sopgen.render import html as h
prof_out, out_dir, *files = sys.argv[1:]
jobs, _ = batch.discover([Path(f) for f in files], Path(out_dir))
jobs = [dataclasses.replace(j, formats=("docx", "pdf")) for j in jobs]
batch.work(jobs[0])  # warm, as a worker is after its first document
# Stages without the profiler: where a document's time goes. The PDF is split the
# way sopgen.render.html.to_pdf runs WeasyPrint (its private _style: bench only).
stages = dict.fromkeys(("prepare", "docx", "html", "parse", "layout", "paint"), 0.0)
def clock(stage, call, *args, **kwargs):
    start = time.perf_counter()
    result = call(*args, **kwargs)
    stages[stage] += time.perf_counter() - start
    return result
for job in jobs[1:]:
    p = clock("prepare", prepare, job.source)
    clock("docx", render, "docx", p.sop, p.document)
    text = clock("html", h.render_html, p.document, *document_dates(p.sop))
    fonts, css = h._style()
    doc = clock("parse", HTML, string=text)
    rendered = clock("layout", doc.render, stylesheets=[css], font_config=fonts)
    clock("paint", rendered.write_pdf)
profiler = cProfile.Profile()
start = time.perf_counter()
profiler.enable()
for job in jobs[1:]:
    assert batch.work(job).status == "built"
profiler.disable()
profiled = time.perf_counter() - start
profiler.dump_stats(prof_out)
print(json.dumps({"documents": len(jobs) - 1, "stages_s": stages, "profiled_s": profiled}))
"""


# --- the run --------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    measured: float
    target: str
    met: bool
    unit: str


def _median(values: Sequence[float]) -> float:
    return statistics.median(values)


def _loadavg() -> tuple[float, float, float]:
    return os.getloadavg()


def _code_state() -> dict[str, Any]:
    """The commit and the uncommitted files the numbers were measured on."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.rstrip("\n")  # keep status's leading blank

    dirty = [line[3:] for line in git("status", "--porcelain", "--", "sopgen", "templates")
             .splitlines()]
    return {"commit": git("rev-parse", "HEAD").strip(), "uncommitted": dirty}


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    out = {"python": platform.python_version(), "platform": platform.platform()}
    for name in ("sopgen", "weasyprint", "docxtpl", "python-docx", "openpyxl"):
        with contextlib.suppress(Exception):
            out[name] = version(name)
    with contextlib.suppress(Exception):
        out["soffice"] = subprocess.run([soffice(), "--version"], capture_output=True, text=True,
                                        timeout=60).stdout.strip()
    return out


def _flatness(watched: Watched, total: int) -> dict[str, Any]:
    """Each worker's RSS once a quarter of the batch is done, and at its last sample."""
    quarter: dict[int, int] = {}
    last: dict[int, int] = {}
    for _, done, rss in watched.timeline:
        for pid, kb in rss.items():
            if done >= total // 4 and pid not in quarter:
                quarter[pid] = kb
            last[pid] = kb
    growth = {pid: (last[pid] - quarter[pid]) / 1024 for pid in quarter}
    return {
        "rss_at_25pct_mib": {str(p): round(kb / 1024, 1) for p, kb in quarter.items()},
        "rss_at_end_mib": {str(p): round(kb / 1024, 1) for p, kb in last.items()},
        "growth_mib": {str(p): round(g, 1) for p, g in growth.items()},
    }


@contextlib.contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="sopgen-bench-") as tmp:
        yield Path(tmp)


def run(args: argparse.Namespace) -> dict[str, Any]:
    py = sys.executable
    results: dict[str, Any] = {"when": dt.datetime.now().isoformat(timespec="seconds"),
                               "cpus": os.cpu_count(), "jobs": args.jobs, "count": args.count,
                               "versions": _versions(), "code": _code_state(),
                               "load_before": _loadavg()}
    with workspace(args.work) as work:
        log = print
        log(f"workspace {work}")
        loads: dict[str, float] = {}
        results["load_after_phase"] = loads  # 1-minute load average as each phase ends
        t = time.perf_counter()
        sources = gen_sops.generate_batch(work / "in" / "batch", args.count, args.seed)
        scale = gen_sops.generate_scale(work / "in" / "skala", args.seed)
        log(f"generated {len(sources)} + {len(scale)} workbooks in "
            f"{time.perf_counter() - t:.1f} s")
        steps = [_steps_of(p) for p in sources]
        results["steps"] = {"min": min(steps), "max": max(steps), "total": sum(steps),
                            "median": _median(steps)}

        # 1. sopgen build -j N, DOCX + PDF.
        out = work / "out-sopgen"
        shutil.rmtree(out, ignore_errors=True)
        command = [py, "-m", "sopgen", "build", str(work / "in" / "batch"), "-o", str(out),
                   "-j", str(args.jobs)]
        log(f"sopgen build -j {args.jobs} ...")
        cpu = children_cpu()
        watched = watch(command)
        sopgen_cpu = children_cpu() - cpu
        loads["sopgen"] = _loadavg()[0]
        if watched.returncode != 0:
            raise RuntimeError(f"sopgen build failed:\n{watched.stdout[-3000:]}")
        built = len(list(out.rglob("*.pdf")))
        assert built == len(sources), (built, len(sources))
        peaks = sorted(watched.worker_peaks_kb.values(), reverse=True)[: args.jobs]
        results["sopgen"] = {
            "wall_s": watched.wall,
            "cpu_s": sopgen_cpu,
            "docs_per_s": len(sources) / watched.wall,
            "cpu_per_doc_s": sopgen_cpu / len(sources),
            "worker_peak_rss_mib": [round(kb / 1024, 1) for kb in peaks],
            "main_peak_rss_mib": round(watched.root_peak_kb / 1024, 1),
            "memory": _flatness(watched, len(sources)),
            "summary_line": watched.stdout.strip().splitlines()[-1],
        }
        log(f"  {watched.wall:.1f} s, {len(sources) / watched.wall:.2f} docs/s, "
            f"worker peaks {results['sopgen']['worker_peak_rss_mib']} MiB")

        # 2. The no-op re-run.
        noop = []
        for _ in range(3):
            again = watch(command)
            assert again.returncode == 0, again.stdout[-2000:]
            assert "ditulis:" not in again.stdout, "a re-run rebuilt something"
            noop.append(again.wall)
        results["noop"] = {"walls_s": noop, "median_s": _median(noop)}
        log(f"no-op re-run: {', '.join(f'{w:.2f}' for w in noop)} s")

        # 3. The docxtpl route.
        template = make_template(work / "template.docx")
        docx_dir = work / "out-docxtpl"
        groups = split(sources, args.jobs)
        log("docxtpl render ...")
        cpu = children_cpu()
        render_wall = timed_parallel([
            [py, str(Path(__file__).resolve()), "--docxtpl-worker", str(template),
             str(docx_dir), *(str(p) for p in group)] for group in groups
        ])  # fmt: skip
        docx_files = sorted(docx_dir.glob("*.docx"))
        assert len(docx_files) == len(sources)
        render_cpu = children_cpu() - cpu
        loads["docxtpl"] = _loadavg()[0]
        log(f"  {render_wall:.1f} s")
        profiles = [work / f"lo-profile-{i}" for i in range(args.jobs)]
        warm = work / "lo-warm"
        for lo_profile in profiles:  # a fresh profile's first start takes seconds: not counted
            timed(soffice_command(lo_profile, warm, docx_files[:1]))
        log("(a) soffice, one call per core over many files ...")
        pdf_a = work / "out-lo-a"
        cpu = children_cpu()
        wall_a = timed_parallel([soffice_command(lo_profile, pdf_a, group) for lo_profile, group
                                 in zip(profiles, split(docx_files, args.jobs), strict=True)])
        assert len(list(pdf_a.glob("*.pdf"))) == len(sources)
        cpu_a = children_cpu() - cpu
        loads["a"] = _loadavg()[0]
        log(f"  {wall_a:.1f} s")
        sample = docx_files if args.full_b else docx_files[:: max(1, len(docx_files)
                                                                  // args.sample_b)]
        sample = sample[: len(docx_files) if args.full_b else args.sample_b]
        log(f"(b) soffice, one call per document, {len(sample)} documents ...")
        pdf_b = work / "out-lo-b"
        cpu = children_cpu()
        per_doc = [timed(soffice_command(profiles[0], pdf_b, [f])) for f in sample]
        cpu_b = (children_cpu() - cpu) / len(sample) * len(sources)
        loads["b"] = _loadavg()[0]
        wall_b = sum(per_doc) / len(sample) * len(sources)
        log(f"  {sum(per_doc):.1f} s for {len(sample)}, {wall_b:.1f} s for {len(sources)}")
        results["docxtpl"] = {
            "render_wall_s": render_wall,
            "render_cpu_s": render_cpu,
            "a_convert_wall_s": wall_a,
            "a_convert_cpu_s": cpu_a,
            "a_cpu_per_doc_s": (render_cpu + cpu_a) / len(sources),
            "a_total_s": render_wall + wall_a,
            "a_docs_per_s": len(sources) / (render_wall + wall_a),
            "b_sample": len(sample),
            "b_sample_wall_s": sum(per_doc),
            "b_per_doc_median_s": _median(per_doc),
            "b_convert_wall_s": wall_b,
            "b_convert_cpu_s": cpu_b,
            "b_cpu_per_doc_s": (render_cpu + cpu_b) / len(sources),
            "b_extrapolated": len(sample) != len(sources),
            "b_total_s": render_wall + wall_b,
            "b_docs_per_s": len(sources) / (render_wall + wall_b),
        }

        # 4. (c) Bare WeasyPrint on the HTML sopgen renders.
        html_dir = work / "html"
        _write_html(sources, html_dir)
        pages = sorted(html_dir.glob("*.html"))
        pdf_c = work / "out-weasyprint"
        pdf_c.mkdir()
        templates = ROOT / "templates"
        log("(c) bare WeasyPrint ...")
        cpu = children_cpu()
        wall_c = timed_parallel([
            [py, "-c", WEASYPRINT_WORKER, str(templates), str(templates / "sop.css"),
             str(pdf_c), *(str(p) for p in group)] for group in split(pages, args.jobs)
        ])  # fmt: skip
        assert len(list(pdf_c.glob("*.pdf"))) == len(sources)
        cpu_c = children_cpu() - cpu
        loads["c"] = _loadavg()[0]
        results["weasyprint"] = {"wall_s": wall_c, "docs_per_s": len(sources) / wall_c,
                                 "cpu_s": cpu_c, "cpu_per_doc_s": cpu_c / len(sources)}
        log(f"  {wall_c:.1f} s")

        # 5. 200 steps against 20.
        log("scaling 20 vs 200 steps ...")
        probe = subprocess.run([py, "-c", SCALE_WORKER, str(args.rounds),
                                str(scale[20]), str(scale[200])],
                               capture_output=True, text=True, env=_env(), check=True)
        timings = json.loads(probe.stdout)
        small, large = timings[str(scale[20])], timings[str(scale[200])]
        results["scaling"] = {"20": small, "200": large, "ratio": large["total"] / small["total"],
                              "rounds": args.rounds}
        log(f"  20 steps {small['total']:.2f} s, 200 steps {large['total']:.2f} s")

        results["load_after"] = _loadavg()
        results["targets"] = [asdict(t) for t in targets(results)]
        if args.profile or (args.profile is None and not all(t["met"] for t in
                                                             results["targets"])):
            results["profile"] = profile(sources, work)
    return results


def _steps_of(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return sum(1 for row in wb["Prosedur"].iter_rows(min_row=2, max_col=1, values_only=True)
                   if row[0] is not None)
    finally:
        wb.close()


def _write_html(sources: Sequence[Path], out_dir: Path) -> None:
    from sopgen.build import document_dates, prepare
    from sopgen.render.html import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    for source in sources:
        prepared = prepare(source)
        assert prepared.sop is not None and prepared.document is not None
        created, modified = document_dates(prepared.sop)
        html = render_html(prepared.document, created, modified)
        (out_dir / f"{source.stem}.html").write_text(html, encoding="utf-8")


def targets(r: dict[str, Any]) -> list[Target]:
    sopgen = r["sopgen"]["docs_per_s"]
    vs_a = sopgen / r["docxtpl"]["a_docs_per_s"]
    vs_b = sopgen / r["docxtpl"]["b_docs_per_s"]
    rss = max(r["sopgen"]["worker_peak_rss_mib"])
    noop = r["noop"]["median_s"]
    scale = r["scaling"]["ratio"]
    return [
        Target("throughput vs (a) soffice batch per core", vs_a, f">= {TARGET_VS_A:g}x",
               vs_a >= TARGET_VS_A, "x"),
        Target("throughput vs (b) soffice per document", vs_b, f">= {TARGET_VS_B:g}x",
               vs_b >= TARGET_VS_B, "x"),
        Target("peak RSS per worker", rss, f"< {TARGET_RSS_MIB:g} MiB",
               rss < TARGET_RSS_MIB, "MiB"),
        Target("no-op re-run", noop, f"< {TARGET_NOOP_S:g} s", noop < TARGET_NOOP_S, "s"),
        Target("200-step / 20-step time", scale, f"<= {TARGET_SCALE:g}x",
               scale <= TARGET_SCALE, "x"),
    ]


def profile(sources: Sequence[Path], work: Path, count: int = 6) -> dict[str, Any]:
    """cProfile of one worker's work on a few documents of mixed sizes (after a warm one)."""
    by_size = sorted(sources, key=lambda p: p.stat().st_size)
    picked = [by_size[i * (len(by_size) - 1) // count] for i in range(count + 1)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    prof = RESULTS / "batch-worker.prof"
    print(f"profiling one worker on {count} documents ...")
    proc = subprocess.run([sys.executable, "-c", PROFILE_WORKER, str(prof),
                           str(work / "out-profile"), *(str(p) for p in picked)],
                          capture_output=True, text=True, env=_env(), check=True)
    measured = json.loads(proc.stdout)
    print(f"  stages (s, {count} documents): "
          + ", ".join(f"{k} {v:.2f}" for k, v in measured["stages_s"].items()))
    raw: Any = pstats.Stats(str(prof))
    rows = []
    for (file, line, func), (_, calls, tottime, cumtime, _) in raw.stats.items():
        rows.append({"function": f"{_short(file)}:{line}({func})", "calls": calls,
                     "tottime": tottime, "cumtime": cumtime})
    by_cum = sorted(rows, key=lambda r: -float(r["cumtime"]))[:40]
    by_tot = sorted(rows, key=lambda r: -float(r["tottime"]))[:25]
    return {"documents": count, "sizes_steps": [_steps_of(p) for p in picked[1:]],
            "stages_s": measured["stages_s"], "profiled_s": measured["profiled_s"],
            "top_cumulative": by_cum, "top_self": by_tot, "prof_file": str(prof)}


def _short(file: str) -> str:
    for marker in ("site-packages/", "/sopgen/", "lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1] if marker != "/sopgen/" else "sopgen/" + \
                file.split(marker, 1)[1]
    return file


def table(r: dict[str, Any]) -> str:
    n = r["count"]
    d = r["docxtpl"]
    s = r["sopgen"]
    b_note = (f", extrapolated from {d['b_sample']} documents" if d["b_extrapolated"] else "")
    lines = [
        f"{n} generated SOPs ({r['steps']['min']}-{r['steps']['max']} steps, "
        f"median {r['steps']['median']:g}), {r['cpus']} CPUs, -j {r['jobs']}, "
        f"1-minute load average before {r['load_before'][0]:.1f}, after each phase "
        + ", ".join(f"{k} {v:.1f}" for k, v in r["load_after_phase"].items()),
        "",
        "| route | output | wall (s) | SOPs/s | sopgen's ratio | CPU s/SOP | ratio by CPU |",
        "|---|---|---:|---:|---:|---:|---:|",
        f"| sopgen build -j {r['jobs']} | DOCX + PDF (flowchart) | {s['wall_s']:.1f} | "
        f"{s['docs_per_s']:.2f} | 1 | {s['cpu_per_doc_s']:.2f} | 1 |",
        f"| (a) docxtpl + soffice, {r['jobs']} calls over many files | DOCX + PDF (table only) | "
        f"{d['render_wall_s']:.1f} + {d['a_convert_wall_s']:.1f} | {d['a_docs_per_s']:.2f} | "
        f"{s['docs_per_s'] / d['a_docs_per_s']:.2f}x | {d['a_cpu_per_doc_s']:.2f} | "
        f"{d['a_cpu_per_doc_s'] / s['cpu_per_doc_s']:.2f}x |",
        f"| (b) docxtpl + soffice, one call per document{b_note} | DOCX + PDF (table only) | "
        f"{d['render_wall_s']:.1f} + {d['b_convert_wall_s']:.1f} | {d['b_docs_per_s']:.2f} | "
        f"{s['docs_per_s'] / d['b_docs_per_s']:.2f}x | {d['b_cpu_per_doc_s']:.2f} | "
        f"{d['b_cpu_per_doc_s'] / s['cpu_per_doc_s']:.2f}x |",
        f"| (c) bare WeasyPrint, {r['jobs']} processes, same HTML | PDF only | "
        f"{r['weasyprint']['wall_s']:.1f} | {r['weasyprint']['docs_per_s']:.2f} | "
        f"{s['docs_per_s'] / r['weasyprint']['docs_per_s']:.2f}x | "
        f"{r['weasyprint']['cpu_per_doc_s']:.2f} | "
        f"{r['weasyprint']['cpu_per_doc_s'] / s['cpu_per_doc_s']:.2f}x |",
        "",
        "| target | measured | goal | met |",
        "|---|---:|---|---|",
    ]
    for t in r["targets"]:
        lines.append(f"| {t['name']} | {t['measured']:.2f} {t['unit']} | {t['target']} | "
                     f"{'yes' if t['met'] else '**no**'} |")
    mem = s["memory"]
    sc = r["scaling"]
    lines += [
        "",
        f"Worker peak RSS {s['worker_peak_rss_mib']} MiB (main process "
        f"{s['main_peak_rss_mib']} MiB); worker RSS at 25 % of the batch "
        f"{list(mem['rss_at_25pct_mib'].values())} MiB, at the end "
        f"{list(mem['rss_at_end_mib'].values())} MiB.",
        f"No-op re-run of all {n}: {', '.join(f'{w:.2f}' for w in r['noop']['walls_s'])} s.",
        f"20 steps: {sc['20']['total']:.2f} s ({sc['20']['pages']:g} pages: prepare "
        f"{sc['20']['prepare']:.2f}, DOCX {sc['20']['docx']:.2f}, PDF {sc['20']['pdf']:.2f}); "
        f"200 steps: {sc['200']['total']:.2f} s ({sc['200']['pages']:g} pages: prepare "
        f"{sc['200']['prepare']:.2f}, DOCX {sc['200']['docx']:.2f}, PDF {sc['200']['pdf']:.2f}); "
        f"median of {sc['rounds']} warm rounds.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--docxtpl-worker"]:
        docxtpl_render(Path(argv[1]), Path(argv[2]), [Path(p) for p in argv[3:]])
        return 0
    parser = argparse.ArgumentParser(description="sopgen batch benchmark")
    parser.add_argument("-n", "--count", type=int, default=gen_sops.DEFAULT_COUNT)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=gen_sops.DEFAULT_SEED)
    parser.add_argument("--sample-b", type=int, default=20,
                        help="documents for (b), extrapolated to all (default 20)")
    parser.add_argument("--full-b", action="store_true", help="measure (b) on every document")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the scaling probe")
    parser.add_argument("--work", type=Path, help="keep the workspace in this folder")
    parser.add_argument("--profile", action=argparse.BooleanOptionalAction, default=None,
                        help="profile a worker (default: only when a target is missed)")
    args = parser.parse_args(argv)
    results = run(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "batch.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    if "profile" in results:
        prof = results["profile"]
        stages = prof["stages_s"]
        total = sum(stages.values())
        print(f"\none worker, {prof['documents']} documents ({prof['sizes_steps']} steps), "
              f"{total:.2f} s unprofiled: "
              + ", ".join(f"{k} {v:.2f} s ({v / total:.0%})" for k, v in stages.items()))
        print(f"profiled ({prof['profiled_s']:.2f} s), top cumulative:")
        for row in results["profile"]["top_cumulative"][:25]:
            print(f"  {row['cumtime']:7.2f} {row['tottime']:7.2f} {row['calls']:8d}  "
                  f"{row['function']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
