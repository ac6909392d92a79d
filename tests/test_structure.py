"""The package's shape: no import cycle, no private name used across modules, and logic modules
that import neither a plotting nor a widget library.

Read from the source with :mod:`ast` (nothing is imported), so the test also covers imports made
inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "livekit"

#: Modules that draw or show (plots, widget views and the machinery they share). Every other
#: module of the package is a logic module.
PRESENTATION = {
    "style",
    "charts",
    "views",
    "accessible",
    "fonts",
    "selfcheck",
    "setup_check",
    "handin",
}
PRESENTATION_SUFFIXES = ("_plots", "_views")
PRESENTATION_LIBRARIES = ("matplotlib", "ipywidgets", "IPython", "PIL")


def _modules() -> dict[str, ast.Module]:
    return {
        path.stem: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in sorted(PACKAGE.glob("*.py"))
    }


def _is_presentation(name: str) -> bool:
    return name in PRESENTATION or name.endswith(PRESENTATION_SUFFIXES)


def _internal_target(node: ast.ImportFrom) -> list[str]:
    """The package modules an ``ImportFrom`` node names (``from . import a, b`` or ``from .a import x``)."""
    if node.level == 0 and not (node.module or "").startswith("livekit"):
        return []
    module = (node.module or "").removeprefix("livekit").lstrip(".")
    if module:
        return [module.split(".")[0]]
    return [alias.name for alias in node.names]


def _imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.update(_internal_target(node))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("livekit."):
                    found.add(alias.name.split(".")[1])
    return found


def _external_imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def _private_uses(name: str, tree: ast.Module, modules: set[str]) -> list[str]:
    """Private names of other package modules used by this one: imported or reached as attributes."""
    uses, aliases = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _internal_target(node):
            module = (node.module or "").removeprefix("livekit").lstrip(".")
            for alias in node.names:
                if module and alias.name.startswith("_") and not alias.name.startswith("__"):
                    uses.append(f"from .{module} import {alias.name}")
                if not module and alias.name in modules:
                    aliases[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("livekit.") and alias.asname:
                    aliases[alias.asname] = alias.name.split(".")[1]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and aliases[node.value.id] != name
        ):
            uses.append(f"{node.value.id}.{node.attr}")
    return sorted(set(uses))


MODULES = _modules()


def test_the_package_has_the_modules_this_test_reads():
    assert {"vocab", "views", "data", "schemas"} <= set(MODULES)


def test_no_import_cycle_between_package_modules():
    graph = {name: _imports(tree) - {name} for name, tree in MODULES.items() if name != "__init__"}
    graph = {name: {m for m in targets if m in MODULES} for name, targets in graph.items()}
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n != "__init__"))
def test_no_module_uses_another_modules_private_names(name):
    uses = _private_uses(name, MODULES[name], set(MODULES))
    assert uses == []


def test_private_use_finder_sees_imports_and_attributes():
    tree = ast.parse(
        "from . import sellers as S\nfrom .data import _fail\nS._codes(1)\nS.classify(2)\n"
    )
    assert _private_uses("x", tree, {"sellers", "data"}) == ["S._codes", "from .data import _fail"]


@pytest.mark.parametrize(
    "name", sorted(n for n in MODULES if n != "__init__" and not _is_presentation(n))
)
def test_logic_modules_import_no_plotting_or_widget_library(name):
    assert _external_imports(MODULES[name]) & set(PRESENTATION_LIBRARIES) == set()


def test_vocab_imports_nothing_of_the_package():
    assert _imports(MODULES["vocab"]) == set()
