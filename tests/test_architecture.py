"""The one direction of flow: renderers read the computed `Document`, nothing upstream."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sopgen"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def _sopgen_imports(path: Path) -> set[str]:
    return {name for name in _imports(path) if name.startswith("sopgen")}


@pytest.mark.parametrize("renderer", sorted((PACKAGE / "render").glob("*.py")),
                         ids=lambda p: p.name)
def test_renderers_import_only_the_geometry_and_the_symbols(renderer: Path) -> None:
    allowed = {"sopgen.geometry", "sopgen.symbols", "sopgen.render.drawingml"}
    assert _sopgen_imports(renderer) <= allowed


def test_layout_modules_do_not_import_the_package_entry() -> None:
    """`sopgen.layout`'s modules import each other, never `sopgen.layout` itself: a cycle."""
    for module in (PACKAGE / "layout").glob("*.py"):
        if module.name != "__init__.py":
            assert "sopgen.layout" not in _sopgen_imports(module), module.name


def test_no_module_knows_both_openpyxl_and_python_docx() -> None:
    for module in PACKAGE.rglob("*.py"):
        roots = {name.split(".")[0] for name in _imports(module)}
        assert not {"openpyxl", "docx"} <= roots, module
