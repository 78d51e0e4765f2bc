"""The layering contract: the engine (``compare``) never imports the app or a screen library,
not even lazily inside a function; the app may import the engine; and no two engine modules
import each other, however indirectly. Read from the source, so an import that only runs on some
path (opening the app, a rare error) or only for the type checker is caught too."""

from __future__ import annotations

import ast
from collections.abc import Iterator
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


def module_name(path: Path, package_dir: Path) -> str:
    """``compare/scoring/pairs.py`` -> ``compare.scoring.pairs``; a package's ``__init__`` is
    the package itself."""
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Which modules of the package each of its modules imports: every import statement, at
    module level, inside a function or under ``if TYPE_CHECKING``, absolute or relative.

    ``from . import x`` points at the submodule ``x`` when there is one, else at the package
    whose name it reads; an import of something that is no module of ours is left out.
    """
    files = {module_name(p, package_dir): p for p in sorted(package_dir.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in files}

    def known(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                else:
                    base = node.module or ""
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            for target in targets:
                found = known(target)
                if found is not None and found != name:
                    graph[name].add(found)
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per group of modules that import each other (strongly connected components,
    Tarjan's algorithm), each as a path that starts and ends at the same module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_through(group, graph) for group in groups]


def _cycle_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for nxt in sorted(graph[node] & members):
            if nxt == start:
                return [*paths[node], start]
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start}")  # a component always has one


def _described(cycles: list[list[str]]) -> Iterator[str]:
    for cycle in cycles:
        yield " -> ".join(cycle)


def test_compare_has_no_import_cycles() -> None:
    """Each room imports only rooms before it and shared helpers: the flow reads one way."""
    cycles = import_cycles(import_graph(ROOT / "compare"))
    assert not cycles, "import cycles in compare: " + "; ".join(_described(cycles))


def test_the_cycle_check_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "b.py").write_text("def f():\n    from pkg.sub.c import g\n")
    (package / "sub" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .. import a\n"
    )
    (package / "d.py").write_text("from . import a\n")
    assert import_cycles(import_graph(package)) == [["pkg.a", "pkg.sub.b", "pkg.sub.c", "pkg.a"]]
