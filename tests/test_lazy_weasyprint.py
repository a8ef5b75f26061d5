"""No WeasyPrint where no PDF is rendered: its import alone costs about half a second.

Each command runs in a fresh Python whose import of `weasyprint` raises (an import
hook a forked batch worker inherits too): `check`, `timeline`, a DOCX-only build and
a DOCX-only batch over two workers must succeed and never have it in sys.modules;
the same hook makes a PDF build fail, so the hook itself is known to bite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, ROOT

FORTY = ROOT / "data" / "sop-contoh-40-langkah.xlsx"

BLOCKED = """\
import sys

class _NoWeasyPrint:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "weasyprint":
            raise ImportError("weasyprint imported by a command that renders no PDF")
        return None

sys.meta_path.insert(0, _NoWeasyPrint())
from sopgen.cli import main
status = main(sys.argv[1:])
assert "weasyprint" not in sys.modules
print("NO-WEASYPRINT")
sys.exit(status)
"""


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", BLOCKED, *(str(a) for a in args)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def _ok(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    assert "NO-WEASYPRINT" in done.stdout


def test_check_and_timeline_never_import_weasyprint() -> None:
    _ok(_run("check", EXAMPLE, FORTY))
    _ok(_run("timeline", EXAMPLE))


def test_a_docx_build_never_imports_weasyprint(tmp_path: Path) -> None:
    _ok(_run("build", EXAMPLE, "-o", tmp_path, "--format", "docx"))
    assert (tmp_path / f"{EXAMPLE.stem}.docx").is_file()


def test_docx_batch_workers_never_import_weasyprint(tmp_path: Path) -> None:
    _ok(_run("build", EXAMPLE, FORTY, "-o", tmp_path, "--format", "docx", "-j", "2"))
    assert {p.name for p in tmp_path.glob("*.docx")} == {f"{EXAMPLE.stem}.docx",
                                                        f"{FORTY.stem}.docx"}


def test_the_hook_stops_a_pdf_build(tmp_path: Path) -> None:
    done = _run("build", EXAMPLE, FORTY, "-o", tmp_path, "--format", "pdf", "-j", "2")
    assert done.returncode != 0 or "NO-WEASYPRINT" not in done.stdout
    assert not list(tmp_path.glob("*.pdf"))
