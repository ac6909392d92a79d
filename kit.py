"""One launcher for the kit, the same on Windows, macOS and Linux.

    python kit.py lab      install (first time) and open JupyterLab on the start notebook
    python kit.py test     install (first time), run the linter, then every test: unit tests and
                           notebooks

On Windows, type ``py`` instead of ``python``. Both commands create a virtual environment in
``.venv`` next to this file. ``lab`` installs ``requirements.txt`` (what students need);
``test`` and the instructors' commands below also install ``requirements-dev.txt`` (test,
build and projector tools). Later runs skip the install unless a requirements file or
``pyproject.toml`` changed. Nothing is installed outside ``.venv``. Set ``KIT_VENV`` to use
another environment folder.

For instructors and authors:

    python kit.py execute [NOTEBOOK ...]   re-run notebooks in a fresh kernel, saving outputs
    python kit.py bench                    run the speed benchmarks in benchmarks/
    python kit.py stats                    per notebook: core words, views, checkpoints and
                                           the estimated class time
    python kit.py voila [NOTEBOOK]         projector mode: a notebook (e.g. 02) as a dashboard
                                           without code; without NOTEBOOK (or with a folder),
                                           all of them as a list to pick from
    python kit.py student-copies DEST      write student copies (solutions removed, outputs
                                           cleared) into the folder DEST; never into notebooks/
    python kit.py nbgrader COURSE          the nbgrader route for large classes: write the kit's
                                           exercises and assignments as nbgrader source
                                           notebooks in COURSE/source/livekit/ (see README)
    python kit.py site [--serve]           build the browser edition (JupyterLite, nothing to
                                           install) into _site/; --serve also serves it on
                                           http://127.0.0.1:8000/ to try it
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
START = "notebooks/00_start_here.ipynb"
MIN_PYTHON = (3, 10)


def _venv_dir() -> Path:
    return Path(os.environ.get("KIT_VENV", ROOT / ".venv")).resolve()


def _venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


#: The students' requirements, and the file instructors, authors and CI add to them.
STUDENT_REQUIREMENTS = "requirements.txt"
DEV_REQUIREMENTS = "requirements-dev.txt"


def _requirements_hash(names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in (*names, "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment(dev: bool = False) -> Path:
    """Create the virtual environment and install what is needed; return its python.

    ``dev=False`` installs the students' ``requirements.txt`` only; ``dev=True`` also
    ``requirements-dev.txt`` (tests, the browser-edition build, projector mode).
    """
    if sys.version_info < MIN_PYTHON:
        sys.exit(
            f"The kit needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is "
            f"{sys.version.split()[0]}."
        )
    env = _venv_dir()
    python = _venv_python(env)
    if not python.exists():
        print(f"[kit] creating a virtual environment in {env}", flush=True)
        venv.EnvBuilder(with_pip=True).create(env)
    names = (STUDENT_REQUIREMENTS, DEV_REQUIREMENTS) if dev else (STUDENT_REQUIREMENTS,)
    stamp = env / (".kit-installed-dev" if dev else ".kit-installed")
    wanted = _requirements_hash(names)
    if not stamp.exists() or stamp.read_text().strip() != wanted:
        print(f"[kit] installing {names[-1]} (the first time takes a minute or two)", flush=True)
        # --no-compile: Python compiles each module the first time it is imported, so the
        # environment holds bytecode only for what is used (about 90 MB less for students)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--no-compile",
                "-q",
                "-r",
                names[-1],
            ],
            cwd=ROOT,
            check=True,
        )
        stamp.write_text(wanted)
    return python


def _run_in_env(python: Path, args: list[str]) -> int:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    bindir = str(python.parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(python.parent.parent)
    return subprocess.run([str(python), *args], cwd=ROOT, env=env).returncode


def _root_flags() -> list[str]:
    """Jupyter refuses to run as root unless told; containers and CI machines often are root."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def cmd_lab(extra: list[str]) -> int:
    python = ensure_environment()
    return _run_in_env(python, ["-m", "jupyterlab", START, *_root_flags(), *extra])


def cmd_test(extra: list[str]) -> int:
    python = ensure_environment(dev=True)
    # the linter first (configured in pyproject.toml): a finding fails the test command
    print("[kit] ruff check (the linter)", flush=True)
    lint = _run_in_env(python, ["-m", "ruff", "check", "."])
    if lint:
        print("[kit] ruff found problems (above): fix them, then run the tests again", flush=True)
        return lint
    return _run_in_env(python, ["-m", "pytest", *extra])


def cmd_execute(extra: list[str]) -> int:
    python = ensure_environment(dev=True)
    return _run_in_env(python, ["-m", "tools.execute_notebooks", *extra])


def cmd_stats(extra: list[str]) -> int:
    python = ensure_environment()
    return _run_in_env(python, ["-m", "tools.notebook_stats", *extra])


def cmd_bench(extra: list[str]) -> int:
    python = ensure_environment(dev=True)
    return _run_in_env(python, ["-m", "benchmarks.run", *extra])


def find_notebook(name: str) -> Path:
    """Resolve a notebook given as a path or as a name in notebooks/ ("02", "02_seller...")."""
    for candidate in (Path(name), ROOT / "notebooks" / name):
        if candidate.is_file():
            return candidate.resolve()
    stem = Path(name).name.removesuffix(".ipynb")
    matches = sorted((ROOT / "notebooks").glob(f"{stem}*.ipynb"))
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(p.name for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    sys.exit(f"[kit] no single notebook matches {name!r}; choose one of: {known}")


def voila_arguments(extra: list[str]) -> list[str]:
    """Arguments for ``python -m voila``: one notebook (a path or ``02``), or a folder's tree."""
    names = [a for a in extra if not a.startswith("-")]
    options = [a for a in extra if a.startswith("-")]
    if len(names) > 1:
        sys.exit("[kit] voila takes one notebook (or none, for all of them)")
    if not names:
        target = ROOT / "notebooks"
    elif Path(names[0]).is_dir():  # a folder, e.g. the student copies: all its notebooks
        target = Path(names[0]).resolve()
    else:
        target = find_notebook(names[0])
    # Projector mode: no code (strip_sources), light theme; the notebook folder is the
    # working directory, as in JupyterLab.
    return [str(target), "--strip_sources=True", "--theme=light", *options]


def cmd_voila(extra: list[str]) -> int:
    python = ensure_environment(dev=True)
    return _run_in_env(python, ["-m", "voila", *voila_arguments(extra)])


def cmd_student_copies(extra: list[str]) -> int:
    python = ensure_environment(dev=True)
    # The launcher runs from the kit's folder: make the instructor's DEST absolute first.
    args = [a if a.startswith("-") else str(Path(a).resolve()) for a in extra]
    return _run_in_env(python, ["-m", "tools.student_copies", *args])


def nbgrader_arguments(extra: list[str]) -> list[str]:
    """Arguments for ``tools.nbgrader_route``: COURSE and notebook paths made absolute (they are
    the instructor's, relative to where the command was typed); options and values as typed."""
    return [
        a if a.startswith("-") or (i and extra[i - 1] == "--assignment") else str(Path(a).resolve())
        for i, a in enumerate(extra)
    ]


def cmd_nbgrader(extra: list[str]) -> int:
    python = ensure_environment(dev=True)
    return _run_in_env(python, ["-m", "tools.nbgrader_route", *nbgrader_arguments(extra)])


def cmd_site(extra: list[str]) -> int:
    python = ensure_environment(dev=True)
    return _run_in_env(python, ["-m", "tools.site", *extra])


COMMANDS = {
    "lab": cmd_lab,
    "test": cmd_test,
    "execute": cmd_execute,
    "bench": cmd_bench,
    "stats": cmd_stats,
    "voila": cmd_voila,
    "student-copies": cmd_student_copies,
    "site": cmd_site,
    "nbgrader": cmd_nbgrader,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"} or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if argv and argv[0] in {"-h", "--help", "help"} else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
