"""The `sopgen` commands. Planners read every line: Indonesian, no tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from sopgen import __version__
from sopgen import messages as msg

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self, usage: str | None, actions: object, groups: object, prefix: str | None = None
    ) -> None:
        super().add_usage(usage, actions, groups, "Penggunaan: ")  # type: ignore[arg-type]


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian framing and a usage error that does not exit by itself."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini")

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


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
    new = commands.add_parser("new", help="buat buku kerja kosong siap diisi")
    new.add_argument("file", metavar="BERKAS", type=Path, help="nama buku kerja baru (.xlsx)")
    new.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
    if args.command == "new":
        return new(args.file, force=args.force, out=sys.stdout)
    raise AssertionError(args.command)


def check(files: Sequence[Path], out: TextIO) -> int:
    """Print every problem of every file; the exit status is the worst seen."""
    from sopgen.loader import load
    from sopgen.workbook import WorkbookUnreadable

    status = EXIT_OK
    several = len(files) > 1
    for path in files:
        prefix = f"{path}: " if several else ""
        try:
            checked = load(path)
        except WorkbookUnreadable as err:
            print(str(err), file=out)
            status = max(status, EXIT_USAGE)
            continue
        for problem in checked.problems:
            print(f"{prefix}{problem}", file=out)
        errors, warnings = len(checked.errors), len(checked.warnings)
        if errors:
            print(f"{path}: {msg.summary_invalid(errors, warnings)}", file=out)
            status = max(status, EXIT_INVALID)
        else:
            print(f"{path}: {msg.summary_ok(warnings)}", file=out)
    return status


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
