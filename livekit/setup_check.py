"""The installation check of notebook 00, and the model behind its first slider.

:func:`check_versions` compares what is installed with what the kit needs, and
:func:`check_data` reads every table in the data folder against its schema (both return a
DataFrame); :func:`livekit.setup_views.installation_report` shows both. :func:`demo_orders` is
the smallest model of the kit (orders = viewers x conversion), behind
:func:`livekit.setup_views.explore_demo`, the first slider view a student meets.
"""

from __future__ import annotations

import sys
from importlib import metadata
from os import PathLike
from pathlib import Path

import pandas as pd

from ._checks import check_count, check_rate

__all__ = [
    "REQUIREMENTS",
    "check_versions",
    "check_data",
    "demo_orders",
]

#: Distribution name -> (lowest major.minor, first major.minor that is too new, why it matters).
REQUIREMENTS = {
    "jupyterlab": ((4, 0), (5, 0), "the notebook interface; widgets 8 need JupyterLab 4"),
    "ipywidgets": ((8, 1), (9, 0), "sliders and buttons"),
    "jupyterlab_widgets": ((3, 0), (4, 0), "JupyterLab's half of ipywidgets 8; must be 3.x"),
    "matplotlib": ((3, 8), None, "every figure"),
    "pandas": ((2, 2), None, "every table"),
}
#: The packages that are JupyterLab's side, not the kernel's: in the browser edition (Pyodide)
#: the site itself serves them, so the kernel cannot and need not have them installed.
FRONT_END = ("jupyterlab", "jupyterlab_widgets")


def _major_minor(version: str) -> tuple[int, int]:
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    while len(parts) < 2:
        parts.append(0)
    return parts[0], parts[1]


def check_versions(installed: dict[str, str | None] | None = None) -> pd.DataFrame:
    """Compare installed package versions with the kit's requirements.

    Parameters
    ----------
    installed : dict of str to str or None, optional
        Package name -> version text such as ``"8.1.5"`` (None if missing). By default, read
        from this environment.

    Returns
    -------
    pandas.DataFrame
        One row per required package: ``package``, ``installed`` (or "missing"), ``needed``
        (e.g. ">=8.1, <9.0"), ``ok`` (bool) and ``role``.

    Raises
    ------
    TypeError
        If ``installed`` is not a dict, or a version is neither text nor None.
    """
    in_site = installed is None and sys.platform == "emscripten"
    if installed is None:
        installed = {}
        for name in REQUIREMENTS:
            try:
                installed[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                installed[name] = None
    elif not isinstance(installed, dict):
        raise TypeError(
            f"installed must be a dict of package -> version, got {type(installed).__name__}"
        )
    else:
        for name, version in installed.items():
            if version is not None and not isinstance(version, str):
                raise TypeError(
                    f"installed[{name!r}] must be a version text such as '8.1.5', or None "
                    f"for a missing package; got {type(version).__name__} {version!r}"
                )
    rows = []
    for name, (low, high, role) in REQUIREMENTS.items():
        version = installed.get(name)
        needed = f">={low[0]}.{low[1]}" + (f", <{high[0]}.{high[1]}" if high else "")
        if version is None and in_site and name in FRONT_END:
            version, ok = "in this site", True  # the browser edition serves it
        elif version is None:
            ok = False
        else:
            mm = _major_minor(version)
            ok = mm >= low and (high is None or mm < high)
        rows.append(
            {
                "package": name,
                "installed": version or "missing",
                "needed": needed,
                "ok": ok,
                "role": role,
            }
        )
    return pd.DataFrame(rows)


def check_data(folder: str | PathLike | None = None) -> pd.DataFrame:
    """Read every table the kit ships from the data folder and check it against its schema.

    A missing file, a file that is not UTF-8 CSV, a missing column or a value out of range is
    reported, not raised, so that the installation check can show every problem at once.
    CSV files in the folder that are not kit tables are left alone.

    Parameters
    ----------
    folder : str or path, optional
        The folder holding the CSV files; by default the kit's own (``livekit.data.data_dir()``).

    Returns
    -------
    pandas.DataFrame
        One row per kit table (see ``livekit.data.kit_tables()``): ``table``, ``file`` (the
        path checked), ``ok`` (bool) and ``problem`` (``""`` when ok, else what is wrong, e.g.
        ``"...: file not found"`` or the first bad column and row).

    Raises
    ------
    TypeError
        If ``folder`` is not a folder name (str or path).
    """
    from . import data

    if folder is None:
        folder = data.data_dir()
    elif not isinstance(folder, (str, PathLike)):
        raise TypeError(
            f"folder must be a folder name (str or path), got {type(folder).__name__} {folder!r}"
        )
    base = Path(folder)
    rows = []
    for name in data.kit_tables():
        target = base / f"{name}.csv"
        try:
            data.read_table(target, data.schema_of(name))
        except Exception as exc:  # noqa: BLE001 - a check reports every failure, whatever its kind
            problem = (
                str(exc)
                if isinstance(exc, ValueError)
                else f"{target}: {type(exc).__name__}: {exc}"
            )
            rows.append({"table": name, "file": str(target), "ok": False, "problem": problem})
        else:
            rows.append({"table": name, "file": str(target), "ok": True, "problem": ""})
    return pd.DataFrame(rows, columns=["table", "file", "ok", "problem"])


def demo_orders(viewers: float, conversion: float) -> float:
    """Orders from a live stream: viewers times the share of viewers who buy.

    Parameters
    ----------
    viewers : float
        People watching, >= 0.
    conversion : float
        Share of viewers who place an order, from 0 to 1.

    Returns
    -------
    float
        Expected number of orders.
    """
    return check_count("viewers", viewers) * check_rate("conversion", conversion)
