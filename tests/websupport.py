"""For the `sopgen serve` tests: uploads of every kind, and a real server on loopback.

`running_server` starts `python -m sopgen serve --port 0` on 127.0.0.1 (the
kernel picks a free port; the start-up line names it), with its own TMPDIR, and
always stops it: SIGTERM, then SIGKILL to its whole process group after a
bounded wait. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from workbooks import set_field, set_step, valid_sheets, write

from sopgen import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx"
START_TIMEOUT = 90.0  # seconds: the fork server and two warm workers on a busy 2-core machine
STOP_TIMEOUT = 20.0
TOKEN = "token-uji-yang-panjang-sekali"  # the session server's (tests/web/conftest.py)
LIMIT_MB = 2  # its upload limit: small, so an oversized upload is quick to send


def broken_workbook(folder: Path) -> Path:
    """A workbook with two errors and a warning on two sheets: Identitas and Prosedur."""
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Nomor SOP", None)  # an error at Identitas
    set_step(sheets, 2, Pelaksana="Bupati")  # an error at Prosedur: no such role
    set_step(sheets, 3, Waktu="Sesuai kebutuhan")  # a warning at Prosedur
    return write(folder / "rusak.xlsx", sheets)


def logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (31, 78, 121)).save(buffer, format="PNG")
    return buffer.getvalue()


def workbook_with_logo(folder: Path, logo: str = "logo.png") -> Path:
    sheets = valid_sheets()
    set_field(sheets, "Identitas", "Logo", logo)
    return write(folder / "berlogo.xlsx", sheets)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def workbook_bomb() -> bytes:
    """An .xlsx whose one sheet inflates past the reader's 100 MB: about 100 KB on disk."""
    return zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                   "xl/worksheets/sheet1.xml": b"0" * (110 * 1024 * 1024)})


def csv_as_xlsx() -> bytes:
    return b"No;Kegiatan;Pelaksana\n1;Menerima surat;Kabid\n"


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    tmp: Path  # the server's TMPDIR: request folders live there
    log: list[str]

    def tree_rss(self) -> int:
        """Resident memory of the server and every process under it, in bytes."""
        return sum(_rss(pid) for pid in _descendants(self.process.pid))

    def request_folders(self) -> list[Path]:
        return sorted(self.tmp.glob("sopgen-web-*"))


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def _rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(m.group(1)) * 1024 if m else 0


@contextlib.contextmanager
def running_server(tmp: Path, *args: str, env: dict[str, str] | None = None,
                   program: Sequence[str] = (sys.executable, "-m", "sopgen")) -> Iterator[Server]:
    """`sopgen serve` on 127.0.0.1 and a free port until the block ends, stopped whatever
    happens inside it. `program`: another sopgen (the installed wheel's)."""
    tmp.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1", **(env or {})}
    if "SOPGEN_TOKEN" not in (env or {}):
        environment.pop("SOPGEN_TOKEN", None)  # a token set in the shell must not leak in
    process = subprocess.Popen(
        [*program, "serve", "--host", "127.0.0.1", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
        env=environment, cwd=tmp, start_new_session=True)
    log: list[str] = []
    ready = threading.Event()
    url: list[str] = []

    def read() -> None:  # the server's output, kept for the assertion messages
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line)
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            if found and not url:
                url.append(found.group(0))
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(START_TIMEOUT) and url, "server did not start:\n" + "".join(log)
        yield Server(url[0], process, tmp, log)
    finally:
        _stop(process)
        reader.join(5)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(STOP_TIMEOUT)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the group started here: workers included
    process.wait(5)


def wait_until(condition: object, timeout: float, step: float = 0.1) -> bool:
    """Poll `condition()` until true or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(step)
    return bool(callable(condition) and condition())


def check_lines(path: Path) -> list[str]:
    """What `sopgen check` prints for a workbook, one line a problem (summary left out)."""
    out = io.StringIO()
    cli.check([path], out)
    return [line for line in out.getvalue().splitlines() if not line.startswith(str(path))]


def as_check_line(problem: dict[str, str]) -> str:
    tag = "peringatan: " if problem["level"] == "peringatan" else ""
    return f"{problem['cell']}: {tag}{problem['message']}"


def names(zip_bytes: bytes) -> Sequence[str]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        return zf.namelist()
