"""pyproject.toml declares what sopgen imports, and bounds what it leans on privately.

A package that is only there because another one pulls it in (Pillow through
WeasyPrint) disappears the day that one drops it: `pip install sopgen` then
breaks with nothing changed here.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sopgen"

# Declared though no module imports them (yet): why, each.
NOT_IMPORTED = {
    "defusedxml": "openpyxl parses every workbook with it when it is installed",
    "python-multipart": "Starlette parses the uploads' multipart bodies with it",
}
# Distributions whose private API sopgen calls: an upper bound keeps a release that
# changes it from installing unnoticed.
PRIVATE_API = {"python-docx", "weasyprint"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> dict[str, str]:
    """Each runtime dependency's canonical name -> its requirement string."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out: dict[str, str] = {}
    for requirement in project["dependencies"]:
        match = re.match(r"[A-Za-z0-9._-]+", requirement)
        assert match, requirement
        out[_canonical(match.group())] = requirement
    return out


def _imported_roots() -> set[str]:
    roots: set[str] = set()
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                roots.add(node.module.split(".")[0])
    return roots - set(sys.stdlib_module_names) - {"sopgen", "__future__"}


def _distributions(roots: set[str]) -> set[str]:
    owners = metadata.packages_distributions()
    found: set[str] = set()
    for root in roots:
        assert root in owners, f"no installed distribution provides {root!r}"
        found.update(_canonical(d) for d in owners[root])
    return found


def test_every_imported_package_is_declared() -> None:
    imported = _distributions(_imported_roots())
    assert {"pillow", "lxml", "markupsafe"} <= imported  # the ones that had slipped
    assert imported <= _declared().keys()


def test_every_declared_package_is_imported_or_says_why_not() -> None:
    unused = _declared().keys() - _distributions(_imported_roots())
    assert unused == NOT_IMPORTED.keys()


def test_private_apis_have_an_upper_bound() -> None:
    declared = _declared()
    for name in PRIVATE_API:
        assert "<" in declared[name], declared[name]


def test_the_lock_pins_every_runtime_dependency() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {_canonical(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9._-]+)==", lock, re.M)}
    assert _declared().keys() <= pinned
