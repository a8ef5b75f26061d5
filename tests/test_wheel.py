"""The package as a user gets it: built into a wheel, installed in a fresh venv outside
the checkout, and run there on the example.

An editable install finds the templates in the source tree whatever the package
declares; only a real wheel shows that the templates and the reference DOCX travel
with it. The sdist is built first and the wheel from it (`python -m build`), so a
file missing from either shows. Offline when `make` set the project up: the build
uses the locked setuptools without isolation, and the fresh venv installs the lock's
wheels from `.venv/wheelhouse`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
from websupport import running_server

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "sop-04-bpkpad-perencanaan-kinerja.xlsx"
LOCK = ROOT / "requirements.lock"
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"  # Makefile: $(VENV)/wheelhouse
SOURCES = ("pyproject.toml", "README.md", "sopgen", "templates")  # what a build reads

pytestmark = pytest.mark.wheel


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    work: Path  # a folder outside the checkout: the commands' working directory

    def sopgen(self, *args: str, ok: Sequence[int] = (0,)) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(self.venv / "bin" / "sopgen"), *args], cwd=self.work,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode in ok, (args, done.returncode, done.stdout, done.stderr)
        assert "internal" not in done.stderr + done.stdout
        return done


def _run(*argv: str | Path, cwd: Path) -> None:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, (argv, done.stdout[-3000:], done.stderr[-3000:])


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    tmp = tmp_path_factory.mktemp("wheel")
    assert not tmp.resolve().is_relative_to(ROOT)
    source = tmp / "source"  # a copy, so the build writes nothing into the checkout
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp / "dist"
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source, cwd=tmp)
    wheel = next(dist.glob("sopgen-*.whl"))
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    offline = ["--no-index", "--find-links", str(WHEELHOUSE)] if WHEELHOUSE.is_dir() else []
    # The lock's hashes put pip in hash-checking mode: the wheel needs its own.
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    wanted = tmp / "wheel.txt"
    wanted.write_text(f"sopgen @ {wheel.as_uri()} --hash=sha256:{digest}\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q",
         *offline, "--constraint", LOCK, "--requirement", wanted, cwd=tmp)
    work = tmp / "work"
    work.mkdir()
    yield Installed(wheel, venv, work)


def test_the_wheel_holds_every_module_and_template(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "sopgen").rglob("*.py")}
    assert modules <= names
    templates = {f"sopgen/templates/{p.relative_to(ROOT / 'templates').as_posix()}"
                 for p in (ROOT / "templates").rglob("*")
                 if p.suffix in {".j2", ".css", ".docx", ".js"}}
    assert {"sopgen/templates/sop.html.j2", "sopgen/templates/reference.docx",
            "sopgen/templates/web/beranda.html.j2",
            "sopgen/templates/web/static/app.js"} <= templates
    assert templates <= names


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    done = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c",
         "import sopgen, sopgen.templates as t; print(sopgen.__file__); print(t.__file__)"],
        cwd=installed.work, capture_output=True, text=True, check=True)
    for line in done.stdout.split():
        assert Path(line).resolve().is_relative_to(installed.venv.resolve()), line


def test_serve_runs_from_the_wheel(installed: Installed, tmp_path: Path) -> None:
    """The page, its static files and the API with the wheel's own templates."""
    sopgen = [str(installed.venv / "bin" / "sopgen")]
    with running_server(tmp_path / "server", "-j", "1", program=sopgen) as server:
        assert server.log and str(installed.venv) not in server.url
        home = httpx2.get(server.url, timeout=30)
        assert home.status_code == 200 and "Tarik berkas ke sini" in home.text
        assert httpx2.get(f"{server.url}static/app.js", timeout=30).status_code == 200
        upload = {"berkas": (EXAMPLE.name, EXAMPLE.read_bytes())}
        checked = httpx2.post(f"{server.url}api/periksa", files=upload, timeout=120)
        assert checked.json()["valid"] is True
        built = httpx2.post(f"{server.url}api/buat", files=upload, timeout=120)
        assert built.status_code == 200 and built.content[:2] == b"PK"


def test_new_check_build_and_timeline_run_from_the_wheel(
    installed: Installed, tmp_path: Path
) -> None:
    work = installed.work
    installed.sopgen("new", "baru.xlsx")
    assert (work / "baru.xlsx").stat().st_size > 0
    blank = installed.sopgen("check", "baru.xlsx", ok=(1,))  # empty: problems, no crash
    assert "baru.xlsx" in blank.stdout

    shutil.copy2(EXAMPLE, work / EXAMPLE.name)
    installed.sopgen("check", EXAMPLE.name)
    installed.sopgen("build", EXAMPLE.name, "-o", "hasil")
    timeline = json.loads(installed.sopgen("timeline", EXAMPLE.name, "--json").stdout)
    assert timeline

    # The same bytes as the checkout's own sopgen: the shipped templates are the real ones.
    here = tmp_path / "here"
    subprocess.run([sys.executable, "-m", "sopgen", "build", str(work / EXAMPLE.name),
                    "-o", str(here)], cwd=tmp_path, check=True, capture_output=True)
    for suffix in (".docx", ".pdf"):
        name = EXAMPLE.with_suffix(suffix).name
        built = (work / "hasil" / name).read_bytes()
        assert built[:2] in (b"PK", b"%P")
        assert built == (here / name).read_bytes(), name
