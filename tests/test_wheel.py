"""A real wheel: ``pip wheel .`` packs the tables of ``data/``, and an installed copy finds them.

``data/`` at the top of the checkout is the one copy authors edit; the build puts it into the
package as ``livekit/tables`` (pyproject.toml), and :func:`livekit.data.data_dir` reads from there
when there is no checkout. The browser edition installs this same wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (found,) = out.glob("livekit_teaching_kit-*.whl")
    return found


def test_wheel_carries_every_csv_and_the_data_dictionary(wheel):
    inside = set(zipfile.ZipFile(wheel).namelist())
    csvs = sorted((ROOT / "data").glob("*.csv"))
    assert csvs
    for csv in csvs:
        assert f"livekit/tables/{csv.name}" in inside, f"{csv.name} is not in {wheel.name}"
    assert "livekit/tables/README.md" in inside
    modules = {p.name for p in (ROOT / "livekit").glob("*.py")}
    assert modules == {
        Path(n).name
        for n in inside
        if n.startswith("livekit/") and n.endswith(".py") and n.count("/") == 1
    }


def test_installed_wheel_loads_every_table_in_a_fresh_environment(wheel, tmp_path):
    """Install the wheel (not the checkout) into a new virtual environment and load every table.

    The new environment gets only the wheel; its dependencies (pandas, numpy, ...) are borrowed
    from the test environment through a .pth file, which does not bring the checkout's editable
    install along. It runs outside the checkout, so nothing can fall back to ``data/``.
    """
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # not the checkout
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            str(wheel),
        ],
        check=True,
        env=clean,
    )
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (purelib / "_kit_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    code = (
        "import livekit, livekit.data as d\n"
        "from pathlib import Path\n"
        "print(Path(livekit.__file__).parent)\n"
        "print(d.data_dir())\n"
        "names = d.kit_tables()\n"
        "rows = {n: len(d.load(n)) for n in names}\n"
        "stems = sorted(p.stem for p in d.data_dir().glob('*.csv'))\n"
        "print(len(rows), min(rows.values()), ','.join(stems))\n"
    )
    run = subprocess.run(
        [str(python), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "", "SYSTEMROOT": "C:\\Windows"} if sys.platform == "win32" else {"PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    package, tables, summary = run.stdout.strip().splitlines()
    assert Path(package).is_relative_to(env), f"livekit was imported from {package}, not the wheel"
    assert Path(tables) == Path(package) / "tables"
    count, fewest, stems = summary.split(" ")
    assert int(count) >= 1 and int(fewest) >= 1
    assert stems.split(",") == sorted(p.stem for p in (ROOT / "data").glob("*.csv"))
