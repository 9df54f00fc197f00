"""The layers, read from the source: nothing below ``ui/`` imports Qt, no layer imports one
above it, and no module imports itself back through others (an import cycle)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "opsdesk"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
BELOW_THE_UI = ("opsdesk.services", "opsdesk.models", "opsdesk.reports", "opsdesk.db")
# What each layer must never import: the layers above it.
NEVER = {
    "opsdesk.models": ("opsdesk.services", "opsdesk.reports", "opsdesk.ui", "opsdesk.db",
                       "opsdesk.startup", "opsdesk.app", "opsdesk.demo"),
    "opsdesk.reports": ("opsdesk.services", "opsdesk.models", "opsdesk.ui", "opsdesk.db",
                        "opsdesk.startup", "opsdesk.app", "opsdesk.demo"),
    "opsdesk.services": ("opsdesk.ui", "opsdesk.db", "opsdesk.backup", "opsdesk.startup",
                         "opsdesk.maintenance", "opsdesk.app", "opsdesk.demo",
                         "opsdesk.settings"),
    "opsdesk.db": ("opsdesk.ui", "opsdesk.startup", "opsdesk.app", "opsdesk.demo"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Every module ``path`` imports (at the top or inside a function; not the ones only a
    type checker reads), each with the names taken from it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and ast.unparse(node.test).endswith("TYPE_CHECKING") for n in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [alias.name for alias in node.names]


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_modules_are_found() -> None:
    assert {"opsdesk.db", "opsdesk.services.hooks", "opsdesk.ui.main_window"} <= set(MODULES)


@pytest.mark.parametrize("layer", BELOW_THE_UI)
def test_no_qt_below_the_ui(layer: str) -> None:
    found = [f"{name} imports {module}" for name, path in MODULES.items()
             if _within(name, (layer,)) for module, _ in _imports(path) if _within(module, QT)]
    assert found == []


def test_no_qt_is_loaded_by_the_layers_below_the_ui() -> None:
    """Nor through anything they import: all of them imported in a fresh interpreter."""
    names = sorted(n for n in MODULES if _within(n, BELOW_THE_UI))
    code = (f"import sys\nfor name in {names!r}:\n    __import__(name)\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT!r}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("layer", sorted(NEVER))
def test_no_layer_imports_one_above_it(layer: str) -> None:
    found = [f"{name} imports {module}" for name, path in MODULES.items()
             if _within(name, (layer,)) for module, _ in _imports(path)
             if _within(module, NEVER[layer])]
    assert found == []


def _graph() -> dict[str, set[str]]:
    """Which package module imports which; ``from a import b`` names the submodule ``a.b``
    when there is one."""
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, names in _imports(path):
            subs = {f"{module}.{n}" for n in names} & MODULES.keys()
            graph[name] |= subs or ({module} & MODULES.keys())
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), and a module
    that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph)))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert sorted(_cycles(graph)) == [["a", "b", "c"], ["e"]]


def test_no_import_cycle_in_the_package() -> None:
    assert _cycles(_graph()) == []
