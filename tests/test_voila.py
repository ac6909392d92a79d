"""Projector mode: `python kit.py voila [NOTEBOOK]` builds the right Voila command.

The dashboards themselves are opened and driven in a real browser by tests/test_browser.py,
which starts Voila with these same arguments.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import kit  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_notebooks_to_serve():
    """The tests parametrized over NOTEBOOKS (here and in tests/test_browser.py, the Voila tree
    included) would pass with none: this one fails then."""
    assert NOTEBOOKS, "no notebooks NN_*.ipynb in notebooks/"


def test_without_a_notebook_voila_serves_the_whole_notebooks_folder():
    args = kit.voila_arguments([])
    assert args[0] == str(ROOT / "notebooks")
    assert "--strip_sources=True" in args  # projector mode shows no code


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_notebook_can_be_named_by_number_name_or_path(path, monkeypatch, tmp_path):
    number = path.name[:2]
    assert kit.voila_arguments([number])[0] == str(path)
    assert kit.voila_arguments([path.stem])[0] == str(path)
    assert kit.voila_arguments([path.name])[0] == str(path)
    monkeypatch.chdir(tmp_path)  # a path is taken from where the instructor is
    assert kit.voila_arguments([str(path)])[0] == str(path)


def test_a_folder_serves_its_notebooks(tmp_path):
    assert kit.voila_arguments([str(tmp_path)])[0] == str(tmp_path.resolve())


def test_options_pass_through_to_voila():
    args = kit.voila_arguments(["--port=8899", "--theme=dark"])
    assert args[0] == str(ROOT / "notebooks") and args[-2:] == ["--port=8899", "--theme=dark"]


def test_unknown_or_ambiguous_notebook_is_refused_with_the_choices(capsys):
    with pytest.raises(SystemExit) as unknown:
        kit.voila_arguments(["no_such_notebook"])
    assert "no single notebook matches 'no_such_notebook'" in str(unknown.value)
    for path in NOTEBOOKS:
        assert path.name in str(unknown.value)
    with pytest.raises(SystemExit, match="one notebook"):
        kit.voila_arguments(["00", "01"])


def test_the_command_runs_voila_in_the_kit_environment(monkeypatch):
    calls = []
    monkeypatch.setattr(kit, "ensure_environment", lambda dev=False: Path(sys.executable))
    monkeypatch.setattr(kit, "_run_in_env", lambda python, args: calls.append(args) or 0)
    assert kit.main(["voila"]) == 0
    assert calls == [["-m", "voila", *kit.voila_arguments([])]]
    assert importlib.util.find_spec("voila") is not None, "voila is in requirements.txt"


def test_readme_and_launcher_document_the_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("python kit.py voila", "python kit.py student-copies"):
        assert command in readme
        assert command in kit.__doc__
