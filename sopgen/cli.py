"""The `sopgen` commands. Planners read every line: Indonesian, no tracebacks."""

from __future__ import annotations

import argparse
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from sopgen import __version__
from sopgen import messages as msg
from sopgen.model import Problem

if TYPE_CHECKING:
    from sopgen.batch import Outcome as batch_Outcome
    from sopgen.batch import Summary as batch_Summary
    from sopgen.web.jobs import Settings as web_Settings

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
MAX_SHOWN = 3  # a failed workbook's first problems in the batch summary


class _UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self, usage: str | None, actions: object, groups: object, prefix: str | None = None
    ) -> None:
        super().add_usage(usage, actions, groups,  # type: ignore[arg-type]
                          "Penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian framing and a usage error that does not exit by itself."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini")

    def error(self, message: str) -> NoReturn:
        raise _UsageError(_indonesian(message))


_ARGPARSE_PHRASES = (  # argparse words its errors in English; planners read Indonesian
    (r"the following arguments are required: (.*)", r"argumen wajib belum diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
     r"argumen \1: pilihan \2 tidak dikenal (pilih dari \3)"),
    (r"argument (\S+): expected one argument", r"argumen \1 perlu satu nilai"),
    (r"argument (\S+): invalid \S+ value: (.*)", r"argumen \1: nilai \2 tidak sah"),
    (r"argument (\S+): not allowed with argument (\S+)",
     r"argumen \1 tidak boleh dipakai bersama \2"),
    (r"argument (\S+): (.*)", r"argumen \1: \2"),
)


def _indonesian(message: str) -> str:
    for pattern, replacement in _ARGPARSE_PHRASES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def _parser() -> _Parser:
    parser = _Parser(
        prog="sopgen",
        description="Membuat lembar SOP AP (PermenPAN-RB 35/2012) dari buku kerja Excel.",
    )
    parser.add_argument("--version", action="version", version=f"sopgen {__version__}",
                        help="tampilkan versi")
    commands = parser.add_subparsers(dest="command", title="perintah", metavar="PERINTAH",
                                     parser_class=_Parser)
    check = commands.add_parser("check", help="periksa buku kerja dan laporkan masalahnya")
    check.add_argument("files", nargs="+", metavar="BERKAS", type=Path,
                       help="buku kerja .xlsx yang diperiksa")
    build = commands.add_parser("build", help="buat lembar SOP (DOCX dan PDF) dari buku kerja")
    build.add_argument("files", nargs="+", metavar="BERKAS", type=Path,
                       help="buku kerja .xlsx, atau folder berisi buku kerja")
    build.add_argument("-o", "--output", metavar="FOLDER", type=Path, default=Path("output"),
                       help="folder hasil (bawaan: output)")
    build.add_argument("--format", metavar="FORMAT", default="docx,pdf", type=_formats,
                       help="format hasil dipisah koma: docx, pdf (bawaan: docx,pdf)")
    build.add_argument("-j", "--jobs", metavar="N", type=_positive, default=None,
                       help="jumlah proses kerja (bawaan: jumlah inti CPU)")
    build.add_argument("--force", action="store_true",
                       help="bangun ulang meskipun tidak ada yang berubah")
    build.add_argument("--pdfa", action="store_true",
                       help="PDF/A-3b untuk arsip, dengan buku kerja sumber di dalamnya")
    build.add_argument("--lampiran-gantt", action="store_true", dest="gantt",
                       help="tambahkan diagram Gantt sebagai halaman terakhir")
    new = commands.add_parser("new", help="buat buku kerja kosong siap diisi")
    new.add_argument("file", metavar="BERKAS", type=Path, help="nama buku kerja baru (.xlsx)")
    new.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    imp = commands.add_parser("impor", help="jadikan lembar SOP lama (PDF, DOCX, XLSX, teks) "
                              "buku kerja")
    imp.add_argument("file", metavar="BERKAS", type=Path,
                     help="lembar SOP lama: .pdf, .docx, .xlsx atau ekspor teks .txt")
    imp.add_argument("-o", "--output", metavar="BARU", type=Path, default=None,
                     help="buku kerja hasil (bawaan: NAMA-impor.xlsx di samping sumbernya)")
    imp.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    tl = commands.add_parser("timeline", help="hitung lama SOP, beban per pelaksana, kalender")
    tl.add_argument("file", metavar="BERKAS", type=Path, help="buku kerja .xlsx")
    tl.add_argument("--mulai", metavar="TTTT-BB-HH", help="tanggal mulai untuk kalender kerja")
    tl_format = tl.add_mutually_exclusive_group()
    tl_format.add_argument("--json", action="store_true", help="keluaran JSON")
    tl_format.add_argument("--csv", action="store_true", help="keluaran CSV untuk Excel")
    tl.add_argument("--gantt", metavar="GAMBAR", type=Path,
                    help="tulis diagram Gantt ke berkas .svg atau .png")
    monev = commands.add_parser(
        "monev", help="formulir monitoring dan evaluasi SOP (DOCX dan PDF), terisi dan rekap")
    monev.add_argument("files", nargs="+", metavar="BERKAS", type=Path,
                       help="buku kerja SOP .xlsx")
    monev.add_argument("-o", "--output", metavar="FOLDER", type=Path, default=Path("output"),
                       help="folder hasil (bawaan: output)")
    monev.add_argument("--jawaban", metavar="ISIAN", type=Path, nargs="+", default=[],
                       help="isian monev yang sudah diisi (.xlsx): formulir terisi dan rekap "
                            "per unit")
    serve = commands.add_parser("serve", help="halaman web dan API JSON untuk perencana")
    serve.add_argument("--host", default="127.0.0.1",
                       help="alamat yang didengarkan (bawaan: 127.0.0.1, hanya komputer ini)")
    serve.add_argument("--port", type=_port, default=8000, help="port (bawaan: 8000; 0: bebas)")
    serve.add_argument("--token", default=None,
                       help="token akses, wajib untuk --host selain loopback "
                            "(atau variabel lingkungan SOPGEN_TOKEN)")
    serve.add_argument("-j", "--jobs", metavar="N", type=_positive, default=None,
                       help="jumlah proses kerja (bawaan: jumlah inti CPU)")
    serve.add_argument("--antrean", metavar="N", type=_count, default=16,
                       help="permintaan yang boleh menunggu proses kerja; selebihnya dijawab "
                            "503 (bawaan: 16)")
    serve.add_argument("--batas-waktu", metavar="DETIK", type=_one_or_more, default=120,
                       help="batas waktu membuat satu buku kerja (bawaan: 120)")
    serve.add_argument("--batas-unggah", metavar="MB", type=_one_or_more, default=25,
                       help="ukuran terbesar satu unggahan (bawaan: 25)")
    _parser_14a(commands)
    return parser


def _parser_14a(commands: Any) -> None:
    """Issue 14: sopgen banding, daftar, buku (their handlers live in their own modules)."""
    banding = commands.add_parser("banding", help="bandingkan dua versi buku kerja SOP")
    banding.add_argument("old", metavar="LAMA", type=Path, help="buku kerja versi lama")
    banding.add_argument("new", metavar="BARU", type=Path, help="buku kerja versi baru")
    banding.add_argument("--json", action="store_true", help="keluaran JSON")
    daftar = commands.add_parser("daftar", help="daftar SOP (register) dari folder hasil build")
    daftar.add_argument("folders", nargs="+", metavar="FOLDER", type=Path,
                        help="folder hasil 'sopgen build' (berisi manifest.json)")
    daftar.add_argument("-o", "--output", metavar="BERKAS", type=Path,
                        default=Path("daftar-sop.xlsx"),
                        help="berkas daftar .xlsx atau .csv (bawaan: daftar-sop.xlsx)")
    buku = commands.add_parser("buku", help="buku SOP: sampul, keputusan, daftar isi, SOP")
    buku.add_argument("files", nargs="*", metavar="BERKAS", type=Path,
                      help="buku kerja SOP .xlsx atau folder; buku kerja buku (lembar Buku)")
    buku.add_argument("-o", "--output", metavar="BERKAS", type=Path,
                      default=Path("buku-sop.pdf"),
                      help="berkas buku .pdf atau .docx (bawaan: buku-sop.pdf)")
    buku.add_argument("--baru", metavar="BERKAS", type=Path, default=None,
                      help="tulis buku kerja buku yang kosong, dengan petunjuk")
    buku.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    buku.add_argument("-j", "--jobs", metavar="N", type=_positive, default=None,
                      help="jumlah proses kerja (bawaan: jumlah inti CPU)")


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        _tolerate_any_name(stream)
    if not os.environ.get("SOPGEN_DEBUG"):
        warnings.simplefilter("ignore")  # libraries' English warnings are not for planners
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print("dibatalkan.", file=sys.stderr)
        return 130
    except Exception as err:  # last guard: a planner never sees a traceback
        if os.environ.get("SOPGEN_DEBUG"):
            raise
        print(f"sopgen: {msg.internal_error(type(err).__name__)}", file=sys.stderr)
        return EXIT_INVALID


def _tolerate_any_name(stream: TextIO) -> None:
    """A file name that is not UTF-8 is printed as its bytes, never an encoding error."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    utf8 = (getattr(stream, "encoding", "") or "").replace("-", "").lower() == "utf8"
    reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")


def _run(argv: list[str]) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as err:
        print(f"sopgen: {msg.usage_error(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "check":
        return check(args.files, sys.stdout)
    if args.command == "build":
        return build(args.files, args.output, args.format, sys.stdout, jobs=args.jobs,
                     force=args.force, pdfa=args.pdfa, gantt=args.gantt)
    if args.command == "new":
        return new(args.file, force=args.force, out=sys.stdout)
    if args.command == "monev":
        from sopgen.monev.command import monev

        return monev(args.files, args.output, args.jawaban, sys.stdout)

    if args.command == "impor":
        return impor(args.file, args.output, force=args.force, out=sys.stdout)
    if args.command == "serve":
        from sopgen.web.jobs import Settings

        return serve(args.host, args.port, Settings(
            token=args.token, workers=args.jobs or os.cpu_count() or 1, queue=args.antrean,
            timeout=float(args.batas_waktu), max_upload=args.batas_unggah * 1024 * 1024))
    if args.command == "banding":
        from sopgen.banding import run as banding

        return banding(args.old, args.new, sys.stdout, as_json=args.json)
    if args.command == "daftar":
        from sopgen.daftar import run as daftar

        return daftar(args.folders, args.output, sys.stdout)
    if args.command == "buku":
        from sopgen.buku import run as buku

        return buku(args.files, args.output, sys.stdout, blank=args.baru, force=args.force,
                    workers=args.jobs or os.cpu_count() or 1)
    if args.command == "timeline":
        fmt = "json" if args.json else "csv" if args.csv else "table"
        return timeline(args.file, start=args.mulai, fmt=fmt, gantt=args.gantt,
                        out=sys.stdout, err=sys.stderr)
    raise AssertionError(args.command)


def _formats(text: str) -> tuple[str, ...]:
    from sopgen.build import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    if not chosen or any(f not in FORMATS for f in chosen):
        raise argparse.ArgumentTypeError(msg.bad_formats(text))
    return chosen


def _report(path: Path, several: bool, problems: Sequence[Problem], out: TextIO) -> bool:
    """Print a workbook's problems and its summary line; True when it has errors."""
    prefix = f"{path}: " if several else ""
    for problem in problems:
        print(f"{prefix}{problem}", file=out)
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    if errors:
        print(f"{path}: {msg.summary_invalid(errors, warnings)}", file=out)
    else:
        print(f"{path}: {msg.summary_ok(warnings)}", file=out)
    return errors > 0


def check(files: Sequence[Path], out: TextIO) -> int:
    """Print every problem of every file, layout included; the exit status is the worst."""
    from sopgen.build import prepare
    from sopgen.workbook import WorkbookUnreadable

    status = EXIT_OK
    for path in files:
        try:
            prepared = prepare(path)
        except WorkbookUnreadable as err:
            print(str(err), file=out)
            status = max(status, EXIT_USAGE)
            continue
        if _report(path, len(files) > 1, prepared.problems, out):
            status = max(status, EXIT_INVALID)
    return status


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(msg.bad_port(text))
    return int(text)


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(msg.bad_whole_number(text, 0))
    return int(text)


def _one_or_more(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(msg.bad_whole_number(text, 1))
    return int(text)


def serve(host: str, port: int, settings: web_Settings) -> int:
    """The web page and the API until Ctrl+C or SIGTERM; 2 when it cannot start."""
    from sopgen.web.serve import ServeError, run

    try:
        run(host, port, settings, sys.stdout)
    except ServeError as err:
        print(f"sopgen: {err}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(msg.bad_jobs(text))
    return int(text)


def build(
    files: Sequence[Path],
    out_dir: Path,
    formats: Sequence[str],
    out: TextIO,
    *,
    jobs: int | None = None,
    force: bool = False,
    pdfa: bool = False,
    gantt: bool = False,
) -> int:
    """Build workbooks and folders of workbooks; an invalid one gets no file at all."""
    import dataclasses

    from sopgen import batch

    found, clashes = batch.discover(files, out_dir)
    for line in clashes:
        print(f"sopgen: {line}", file=out)
    todo = [dataclasses.replace(j, formats=tuple(formats), pdfa=pdfa, gantt=gantt) for j in found]
    several = len(todo) > 1 or any(f.is_dir() for f in files)
    progress = _Progress(len(todo), out, several)
    with progress:
        summary = batch.run(todo, workers=jobs or batch.default_workers(), force=force,
                            on_done=progress.done)
    if several:
        progress.summary(summary)
    status = EXIT_INVALID if clashes else EXIT_OK
    for outcome in summary.outcomes:
        if outcome.status == "unreadable":
            status = max(status, EXIT_USAGE)
        elif outcome.status == "failed":
            status = max(status, EXIT_INVALID)
    if not found and not clashes:
        print(f"sopgen: {msg.nothing_to_build()}", file=out)
        status = EXIT_USAGE
    return status


class _Progress:
    """A rich progress bar on a terminal; plain lines otherwise (logs, CI, pipes)."""

    def __init__(self, total: int, out: TextIO, several: bool):
        self.total, self.out, self.several = total, out, several
        self.finished = 0
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if self.several and self.out.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Membangun SOP", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def _print(self, line: str) -> None:
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.out)

    def done(self, outcome: batch_Outcome) -> None:
        self.finished += 1
        name = str(outcome.job.source)
        prefix = f"{name}: " if self.several else ""
        for line in outcome.lines:
            self._print(line if outcome.status == "unreadable" else f"{prefix}{line}")
        if outcome.status == "failed":
            self._print(f"{name}: {msg.build_failed(len(outcome.errors))}")
        elif outcome.status == "built" and outcome.entry is not None:
            for output in outcome.entry.outputs:
                self._print(msg.written(str(outcome.job.out_dir / output.path)))
        elif outcome.status == "skipped":
            self._print(f"{name}: {msg.skipped()}")
        if self.bar is not None:
            self.bar.update(self.task, advance=1)

    def summary(self, summary: batch_Summary) -> None:
        print(msg.batch_summary(summary.count("built"), summary.count("skipped"),
                                summary.count("failed") + summary.count("unreadable")),
              file=self.out)
        failures = [o for o in summary.outcomes if o.status in {"failed", "unreadable"}]
        for outcome in failures:
            shown = outcome.errors[:MAX_SHOWN]
            print(f"  {outcome.job.source}: " + (" | ".join(shown) or "-"), file=self.out)


def new(path: Path, *, force: bool, out: TextIO) -> int:
    from sopgen.newbook import write_blank_workbook

    if path.suffix.lower() != ".xlsx":
        print(f"sopgen: {msg.new_needs_xlsx(str(path))}", file=sys.stderr)
        return EXIT_USAGE
    if path.exists() and not force:
        print(f"sopgen: {msg.exists_refuse(str(path))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        write_blank_workbook(path)
    except OSError as err:
        print(f"sopgen: {msg.cannot_write(str(path), err.strerror or str(err))}", file=sys.stderr)
        return EXIT_USAGE
    print(msg.new_written(str(path)), file=out)
    return EXIT_OK


def impor(source: Path, target: Path | None, *, force: bool, out: TextIO) -> int:
    """An old SOP sheet into a workbook; nothing is written when it is refused."""
    from sopgen.impor import Refused, import_sop
    from sopgen.impor.writer import write_workbook

    if target is None:
        target = source.with_name(f"{source.stem}-impor.xlsx")
    if target.suffix.lower() != ".xlsx":
        print(f"sopgen: {msg.impor_needs_xlsx(str(target))}", file=sys.stderr)
        return EXIT_USAGE
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        print(f"sopgen: {msg.impor_same_file(str(target))}", file=sys.stderr)
        return EXIT_USAGE
    if target.exists() and not force:
        print(f"sopgen: {msg.exists_refuse(str(target))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        found = import_sop(source)
    except Refused as err:
        print(f"sopgen: {err}", file=sys.stderr)
        return EXIT_USAGE
    try:
        write_workbook(found, target)
    except OSError as err:
        print(f"sopgen: {msg.cannot_write(str(target), err.strerror or str(err))}",
              file=sys.stderr)
        return EXIT_USAGE
    print(msg.impor_written(str(target)), file=out)
    summary = msg.impor_summary(len(found.steps), len(found.roles), found.doubt_count)
    if found.leftovers:
        summary += "; " + msg.impor_leftovers(len(found.leftovers))
    print(summary, file=out)
    return EXIT_OK


def timeline(
    path: Path, *, start: str | None, fmt: str, gantt: Path | None, out: TextIO, err: TextIO
) -> int:
    """Totals and calendar of one workbook. Data goes to `out`; problems, as `check`
    prints them, to `err`, so a JSON or CSV stream stays clean."""
    from sopgen.dates import DateError, parse_date
    from sopgen.loader import load
    from sopgen.timeline import build_timeline
    from sopgen.timeline_report import render_csv, render_json, render_table
    from sopgen.workbook import WorkbookUnreadable
    from sopgen.workcalendar import CalendarError

    day = None
    if start is not None:
        try:
            day = parse_date(start.strip())
        except DateError:
            print(f"sopgen: {msg.timeline_bad_start(start)}", file=err)
            return EXIT_USAGE
    if gantt is not None and gantt.suffix.lower() not in (".svg", ".png"):
        print(f"sopgen: {msg.timeline_gantt_suffix(str(gantt))}", file=err)
        return EXIT_USAGE
    try:
        checked = load(path)
    except WorkbookUnreadable as error:
        print(str(error), file=err)
        return EXIT_USAGE
    for problem in checked.problems:
        print(problem, file=err)
    if checked.sop is None:
        summary = msg.summary_invalid(len(checked.errors), len(checked.warnings))
        print(f"{path}: {summary}", file=err)
        return EXIT_INVALID
    try:
        result = build_timeline(checked.sop, day)
    except CalendarError as error:
        print(f"sopgen: {error}", file=err)
        return EXIT_INVALID
    if gantt is not None:
        from sopgen.fonts import FontMissing
        from sopgen.gantt import write_gantt

        try:
            write_gantt(checked.sop, gantt, result)
        except FontMissing as error:
            print(f"sopgen: {error}", file=err)
            return EXIT_INVALID
        except OSError as error:
            print(f"sopgen: {msg.cannot_write(str(gantt), error.strerror or str(error))}",
                  file=err)
            return EXIT_USAGE
        print(msg.timeline_gantt_written(str(gantt)), file=err)
    if fmt == "json":
        out.write(render_json(result))
    elif fmt == "csv":
        data = render_csv(checked.sop, result)
        binary = getattr(out, "buffer", None)
        if binary is None:  # a text-only stream: the BOM travels as U+FEFF
            out.write(data.decode("utf-8"))
        else:
            out.flush()
            binary.write(data)
            binary.flush()
    else:
        render_table(checked.sop, result, out)
    return EXIT_OK
