"""The package's shape: no import cycle, no private name used across modules, logic modules that
import neither a plotting nor a widget library and build no HTML, a package surface that lists
every module, and views short enough to read.

Read from the source with :mod:`ast` (nothing is imported), so the test also covers imports made
inside functions.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "livekit"

#: The machinery that pictures and views share. Besides these, a module draws or shows only if
#: its name ends in ``_plots`` or ``_views``; every other module is a logic module.
PRESENTATION = {"style", "charts", "views", "fonts", "_html", "accessible"}
PRESENTATION_SUFFIXES = ("_plots", "_views")
PRESENTATION_LIBRARIES = ("matplotlib", "ipywidgets", "IPython", "PIL", "anywidget")
#: What :mod:`livekit.views` may import of the package: no feature module.
VIEWS_MAY_IMPORT = {
    "_html",
    "_files",
    "_checks",
    "prediction",
    "style",
    "charts",
    "fonts",
    "accessible",
}
#: An HTML tag in a string: a module that has one builds HTML.
HTML_TAG = re.compile(
    r"</?(b|i|p|a|br|hr|div|span|table|tr|td|th|ul|ol|li|code|pre|details|summary|h[1-6]|em"
    r"|strong|small|caption|sup|sub|label|img)(\s[^<>]*)?/?>",
    re.I,
)


def _modules() -> dict[str, ast.Module]:
    return {
        path.stem: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in sorted(PACKAGE.glob("*.py"))
        if path.stem != "conftest"  # pytest's doctest set-up, not a module of the kit
    }


def _is_presentation(name: str) -> bool:
    return name in PRESENTATION or name.endswith(PRESENTATION_SUFFIXES)


def _internal_target(node: ast.ImportFrom) -> list[str]:
    """Package modules an ``ImportFrom`` names (``from . import a, b``, ``from .a import x``)."""
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
    """Private names of other package modules used by this one: imported, or as attributes."""
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


def _strings(tree: ast.Module) -> list[str]:
    """The string constants of a module, docstrings left out (they may show HTML as an example)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _builds_html(tree: ast.Module) -> list[str]:
    return [text for text in _strings(tree) if HTML_TAG.search(text)]


@pytest.mark.parametrize(
    "name", sorted(n for n in MODULES if n != "__init__" and not _is_presentation(n))
)
def test_logic_modules_build_no_html(name):
    assert _builds_html(MODULES[name]) == []


def test_the_html_finder_sees_tags_in_strings_not_in_docstrings():
    tree = ast.parse(
        '"""Shows <b>bold</b>."""\n'
        'def f():\n    """<table> in a docstring."""\n    return f"<td>{1}</td>" + "x < 5 > 2"\n'
    )
    assert _builds_html(tree) == ["<td>", "</td>"]
    assert _builds_html(ast.parse("x = 'a <= b and c >= d'\n")) == []


def test_the_logic_check_fails_on_a_module_that_imports_widgets():
    tree = ast.parse("def f():\n    import ipywidgets as w\n    return w.HTML('<b>x</b>')\n")
    assert _external_imports(tree) & set(PRESENTATION_LIBRARIES) == {"ipywidgets"}
    assert _builds_html(tree) == ["<b>x</b>"]


def test_views_imports_no_feature_module():
    assert _imports(MODULES["views"]) - {"views"} <= VIEWS_MAY_IMPORT


# ------------------------------------------------------------------------- the package surface

_INIT = MODULES["__init__"]


def _declared_submodules() -> list[str]:
    for node in _INIT.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "_SUBMODULES" for t in node.targets
        ):
            return [elt.value for elt in node.value.elts]
    raise AssertionError("livekit/__init__.py declares no _SUBMODULES")


def _public_modules() -> set[str]:
    return {name for name in MODULES if not name.startswith("_")}


def test_every_module_is_reachable_as_livekit_name():
    declared = _declared_submodules()
    assert len(declared) == len(set(declared))
    assert set(declared) == _public_modules()


def test_the_package_docstring_lists_every_module():
    doc = ast.get_docstring(_INIT)
    listed = set(re.findall(r"``([a-z_]+)``", doc))
    assert _public_modules() - listed == set()
    assert listed - _public_modules() - {"livekit", "livekit-teaching-kit"} == set()


def test_the_readme_module_map_names_every_module():
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("### The package, module by module")
    section = readme[start : readme.index("\n## ", start)]
    named = set(re.findall(r"`([a-z_]+)`", section))
    assert _public_modules() - named == set()


def test_every_declared_module_imports(monkeypatch):
    import importlib

    import livekit

    for name in _declared_submodules():
        assert getattr(livekit, name) is importlib.import_module(f"livekit.{name}")


# ------------------------------------------------------------------------- views stay short


def code_lines(source: str) -> int:
    """Lines of a function's source that hold code: no docstring, comment or blank line."""
    function = ast.parse(source).body[0]
    skip = set()
    if ast.get_docstring(function) is not None:
        skip = set(range(function.body[0].lineno, function.body[0].end_lineno + 1))
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _NOT_CODE:
            lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - skip)


_NOT_CODE = {
    tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
    tokenize.ENDMARKER,
}  # fmt: skip


def _view_functions():
    for name, tree in MODULES.items():
        if not name.endswith("_views"):
            continue
        source = (PACKAGE / f"{name}.py").read_text(encoding="utf-8")
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("explore_"):
                yield name, node.name, ast.get_source_segment(source, node)


VIEW_FUNCTIONS = list(_view_functions())


@pytest.mark.parametrize(
    ("module", "name", "source"), VIEW_FUNCTIONS, ids=[f"{m}.{n}" for m, n, _ in VIEW_FUNCTIONS]
)
def test_every_view_is_controls_charts_bind_in_at_most_60_lines(module, name, source):
    assert code_lines(source) <= 60
    calls = {
        node.func.attr
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert "bind" in calls
    assert "children" not in {
        node.attr for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Attribute)
    }, "a view does not patch View's children: give View a part instead"


def test_code_lines_leave_out_docstring_comments_and_blanks():
    source = (
        'def f():\n    """Doc.\n\n    More."""\n    # note\n\n'
        "    x = (1,\n         2)\n    return x\n"
    )
    assert code_lines(source) == 4
