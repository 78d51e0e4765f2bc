"""The layering contract: the engine (``compare``) never imports the app or a screen library,
not even lazily inside a function; the app may import the engine. Read from the source, so an
import that only runs on some path (opening the app, a rare error) is caught too."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT, modules_loaded_by

FORBIDDEN_IN_ENGINE = ("tui", "textual", "rich")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (top-level names, relative imports skipped)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_no_engine_module_imports_the_app_or_a_screen_library() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & set(FORBIDDEN_IN_ENGINE))
        for path in sorted((ROOT / "compare").rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_contract_check_sees_a_lazy_import(tmp_path: Path) -> None:
    sample = tmp_path / "lazy.py"
    sample.write_text("def f():\n    from tui.app import run\n    import rich.text\n")
    assert imported_modules(sample) == {"tui", "rich"}


def test_the_console_script_is_on_the_apps_side() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'synopsis = "tui.cli:main"' in text
    assert modules_loaded_by("import tui.cli", ("textual",)) == []  # the app loads on opening
