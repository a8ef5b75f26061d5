"""DOCX -> PDF with LibreOffice headless, for tests that check what a reader sees.

One `soffice --convert-to pdf` call converts every file it is given (about 1 s to
start, then a fraction of a second a document), so pass all the files at once.
Each call runs with a fresh profile of its own (`-env:UserInstallation`): two
soffice runs that share a profile make one of them fail silently.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

DEFAULT_TIMEOUT = 180.0  # seconds for the whole call; a loaded 2-core machine is slow


class ConversionError(RuntimeError):
    """LibreOffice is missing, timed out, or did not write a PDF for every input."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ConversionError(
            "LibreOffice (soffice) is not on PATH: install libreoffice-writer-nogui "
            "(`make setup` does)"
        )
    return found


def to_pdf(
    sources: Sequence[Path], out_dir: Path, *, timeout: float = DEFAULT_TIMEOUT
) -> list[Path]:
    """Convert every `.docx` in `sources` to `<out_dir>/<stem>.pdf` in ONE soffice call.

    Returns the PDFs in the order of `sources`. Raises ConversionError when soffice is
    missing, exceeds `timeout`, exits with an error, or leaves any PDF unwritten or
    not a PDF; the message carries soffice's output.
    """
    if not sources:
        return []
    stems = [p.stem for p in sources]
    if len(set(stems)) != len(stems):
        raise ConversionError(f"two sources share a name, their PDFs would collide: {stems}")
    missing = [str(p) for p in sources if not p.is_file()]
    if missing:
        raise ConversionError(f"no such file: {', '.join(missing)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / f"{stem}.pdf" for stem in stems]
    for target in targets:  # a PDF left from an earlier run must not pass for a new one
        target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="sopgen-lo-") as profile:
        command = [
            soffice(),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--norestore", "--nologo", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(out_dir),
            *(str(p) for p in sources),
        ]  # fmt: skip
        output = _run(command, timeout)
    bad = [t for t in targets if not _is_pdf(t)]
    if bad:
        raise ConversionError(
            f"LibreOffice wrote no PDF for {', '.join(t.name for t in bad)}:\n{output}"
        )
    return targets


def _run(command: list[str], timeout: float) -> str:
    """Run soffice in its own process group, so a timeout ends all of it (soffice.bin)."""
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        text=True,
        env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group of the process started here
        output, _ = proc.communicate()
        raise ConversionError(
            f"LibreOffice did not finish within {timeout:g} s:\n{output}"
        ) from None
    if proc.returncode != 0:
        raise ConversionError(f"soffice exited with status {proc.returncode}:\n{output}")
    return output


def _is_pdf(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb") as f:
        return f.read(5) == b"%PDF-"
