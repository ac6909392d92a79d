"""The launcher and the README agree: two Quick start commands, and CI runs the test one."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _quick_start_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:bash|console|sh)?\n(.*?)```", section, re.S).group(1)
    return [
        line.strip()
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def test_quick_start_is_exactly_two_launcher_commands():
    assert _quick_start_commands() == ["python kit.py lab", "python kit.py test"]


def test_ci_runs_the_readme_test_command_itself():
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [
        line.strip()
        for line in ci.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert "python kit.py test" in commands


def test_launcher_help_and_unknown_command():
    ok = subprocess.run(
        [sys.executable, "kit.py", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0 and "python kit.py lab" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "kit.py", "lob"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 2 and "python kit.py test" in bad.stdout


def _requirement_names(name: str) -> set[str]:
    text = (ROOT / name).read_text()
    return {
        re.match(r"[A-Za-z0-9_.-]+", line).group(0).lower().replace("_", "-")
        for line in text.splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    }


def test_requirements_pin_the_widget_generation_and_install_the_kit():
    req = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^jupyterlab>=4[^\n]*<5", req, re.M)
    assert re.search(r"^ipywidgets>=8[^\n]*<9", req, re.M)
    assert re.search(r"^-e \.$", req, re.M)
    for name in ("matplotlib", "pandas", "nbval"):
        assert re.search(rf"^{name}>=", req, re.M), name


def test_students_install_only_what_the_notebooks_need():
    # the design card's packages, and nothing for tests, builds or projector mode
    assert _requirement_names("requirements.txt") == {
        "jupyterlab",
        "ipywidgets",
        "jupyterlab-widgets",
        "anywidget",  # the accessible controls and figures (livekit.accessible)
        "matplotlib",
        "pandas",
        "numpy",
        "pillow",
        "openpyxl",  # Excel workbooks in the own-data reader (livekit.reading)
        "nbval",
    }
    dev = (ROOT / "requirements-dev.txt").read_text()
    assert re.search(r"^-r requirements.txt$", dev, re.M)
    assert {
        "pytest",
        "hypothesis",
        "playwright",
        "voila",
        "jupyterlite-core",
        "jupyterlite-pyodide-kernel",
    } <= _requirement_names("requirements-dev.txt")


def test_lab_installs_the_students_file_and_test_adds_the_dev_file(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT))
    try:
        import kit
    finally:
        sys.path.remove(str(ROOT))
    env = tmp_path / "env"
    python = kit._venv_python(env)
    python.parent.mkdir(parents=True)
    python.write_text("")
    calls = []
    monkeypatch.setenv("KIT_VENV", str(env))
    monkeypatch.setattr(kit.subprocess, "run", lambda args, **kw: calls.append(args[-1]))
    kit.ensure_environment()
    kit.ensure_environment()  # installed already: nothing to do
    assert calls == ["requirements.txt"]
    kit.ensure_environment(dev=True)
    kit.ensure_environment(dev=True)
    assert calls == ["requirements.txt", "requirements-dev.txt"]


def test_pyproject_lower_bounds_are_the_browser_editions_versions():
    # Pyodide 0.27 (the site): numpy 2.0, pandas 2.2, matplotlib 3.8, pillow 10.2; test_site
    # runs every notebook there, so these lower bounds are tested, not hoped for
    pyproject = (ROOT / "pyproject.toml").read_text()
    for pin in (
        '"numpy>=2.0"',
        '"pandas>=2.2"',
        '"matplotlib>=3.8"',
        '"pillow>=10.2"',
        '"ipywidgets>=8.1,<9"',
    ):
        assert pin in pyproject, pin


def test_distribution_is_not_named_like_the_video_sdk():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^name = "livekit-teaching-kit"', pyproject, re.M)
    assert "livekit-teaching-kit" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_import_is_lazy_and_quick():
    code = "import sys, livekit; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_nbgrader_command_makes_paths_absolute_but_keeps_options(tmp_path, monkeypatch):
    import kit

    monkeypatch.chdir(tmp_path)
    args = kit.nbgrader_arguments(["course", "--assignment", "week1", "--force"])
    assert args == [str(tmp_path / "course"), "--assignment", "week1", "--force"]
    assert "nbgrader" in kit.COMMANDS


def _kit():
    sys.path.insert(0, str(ROOT))
    try:
        import kit
    finally:
        sys.path.remove(str(ROOT))
    return kit


def test_the_test_command_runs_the_linter_first_and_stops_on_a_finding(monkeypatch):
    kit = _kit()
    ran = []
    monkeypatch.setattr(kit, "ensure_environment", lambda dev=False: Path("python"))

    def run(python, args, *, lint=0):
        ran.append(args[:3])
        return lint if args[1] == "ruff" else 0

    monkeypatch.setattr(kit, "_run_in_env", lambda python, args: run(python, args, lint=1))
    assert kit.cmd_test(["-q"]) == 1
    assert ran == [["-m", "ruff", "check"]]  # pytest never started
    ran.clear()
    monkeypatch.setattr(kit, "_run_in_env", lambda python, args: run(python, args))
    assert kit.cmd_test(["-q"]) == 0
    assert ran == [["-m", "ruff", "check"], ["-m", "pytest", "-q"]]


def test_ruff_is_configured_as_the_issue_asks():
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "line-length = 100" in config
    for rule in ('"E"', '"F"', '"I"', '"B"', '"UP"', '"C90"'):
        assert rule in config, rule
    assert "ruff" in _requirement_names("requirements-dev.txt")
