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
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def test_quick_start_is_exactly_two_launcher_commands():
    assert _quick_start_commands() == ["python kit.py lab", "python kit.py test"]


def test_ci_runs_the_readme_test_command_itself():
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert "python kit.py test" in commands


def test_launcher_help_and_unknown_command():
    ok = subprocess.run([sys.executable, "kit.py", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0 and "python kit.py lab" in ok.stdout
    bad = subprocess.run([sys.executable, "kit.py", "lob"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "python kit.py test" in bad.stdout


def test_requirements_pin_the_widget_generation_and_install_the_kit():
    req = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^jupyterlab>=4[^\n]*<5", req, re.M)
    assert re.search(r"^ipywidgets>=8[^\n]*<9", req, re.M)
    assert re.search(r"^-e \.$", req, re.M)
    for name in ("matplotlib", "pandas", "nbval", "pytest", "hypothesis"):
        assert re.search(rf"^{name}>=", req, re.M), name


def test_distribution_is_not_named_like_the_video_sdk():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^name = "livekit-teaching-kit"', pyproject, re.M)
    assert "livekit-teaching-kit" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_import_is_lazy_and_quick():
    code = "import sys, livekit; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
