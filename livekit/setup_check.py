"""The installation check and the first slider of notebook 00.

:func:`check_versions` compares what is installed with what the kit needs, and
:func:`check_data` reads every table in the data folder against its schema (both pure logic,
returning a DataFrame). :func:`installation_report` shows both as a widget. :func:`explore_demo` is the
smallest possible slider view, there to prove that widgets work and to show how every view in the
kit behaves: move a control, the picture and the numbers change at once.
"""

from __future__ import annotations

import html
import sys
from importlib import metadata
from os import PathLike
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ._checks import check_count, check_number, check_rate
from .style import MODULE_COLORS, MODULE_HATCHES, kit_style, new_figure
from .views import FastFigure, Prediction, View, int_slider, slider

__all__ = [
    "REQUIREMENTS",
    "check_versions",
    "check_data",
    "installation_report",
    "demo_orders",
    "explore_demo",
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


class _Report(widgets.HTML):
    def __init__(self, table: pd.DataFrame, tables: pd.DataFrame) -> None:
        self.table = table
        self.tables = tables
        self.all_ok = bool(table["ok"].all()) and bool(tables["ok"].all())
        rows = "".join(
            f"<tr><td>{html.escape(r.package)}</td><td>{html.escape(r.installed)}</td>"
            f"<td>{html.escape(r.needed)}</td><td>{'✔ ok' if r.ok else '✘ fix this'}</td>"
            f"<td>{html.escape(r.role)}</td></tr>"
            for r in table.itertuples()
        )
        bad = tables[~tables["ok"]]
        if self.all_ok:
            verdict = "<b style='color:#00785A'>✔ Everything the kit needs is installed.</b>"
        elif table["ok"].all():
            verdict = (
                "<b style='color:#B34700'>✘ Some data files are missing or damaged: see the list "
                "below and the README's Troubleshooting section.</b>"
            )
        else:
            verdict = (
                "<b style='color:#B34700'>✘ Some packages need fixing: see the README's "
                "Troubleshooting section.</b>"
            )
        if len(bad):
            items = "".join(
                f"<li><code>{html.escape(r.table)}</code>: {html.escape(r.problem)}</li>"
                for r in bad.itertuples()
            )
            data_part = (
                f"<p><b>Data files with problems ({len(bad)} of {len(tables)}):</b></p><ul>{items}</ul>"
                "<p>Get a fresh copy of the kit's <code>data/</code> folder (download the kit again, "
                "or <code>git checkout -- data</code> in a git checkout).</p>"
            )
        else:
            data_part = f"<p>✔ All {len(tables)} data tables read and match their descriptions.</p>"
        super().__init__(
            f"{verdict}<table><tr><th>package</th><th>installed</th><th>needed</th><th></th>"
            f"<th>what for</th></tr>{rows}</table>{data_part}"
        )

    def __repr__(self) -> str:
        return f"<livekit installation check: {'all OK' if self.all_ok else 'PROBLEMS FOUND'}>"


def installation_report(
    installed: dict[str, str | None] | None = None, *, data_folder: str | PathLike | None = None
) -> widgets.HTML:
    """Show :func:`check_versions` and :func:`check_data` as a widget with a one-line verdict.

    Its text form (what you see if widgets do not work) is
    ``<livekit installation check: all OK>`` or ``... PROBLEMS FOUND>``; a missing or damaged
    data file counts as a problem.

    Parameters
    ----------
    installed : dict of str to str or None, optional
        As for :func:`check_versions`.
    data_folder : str or path, optional
        As ``folder`` for :func:`check_data`.
    """
    return _Report(check_versions(installed), check_data(data_folder))


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


def explore_demo(viewers: int = 20_000, conversion: float = 0.02) -> View:
    """A first slider view: viewers and conversion rate -> orders, as two bars.

    Parameters
    ----------
    viewers : int
        Starting number of viewers, 0 to 100,000.
    conversion : float
        Starting conversion rate, 0 to 0.10.

    Returns
    -------
    View
        ``view.controls["viewers"]`` and ``view.controls["conversion"]`` are the sliders;
        ``view.shown["orders"]`` the orders shown; ``view.prediction`` asks the student to
        predict the orders at 50,000 viewers and 2% conversion before setting them.
    """
    check_number("viewers", viewers, low=0, high=100_000, integer=True)
    check_number("conversion", conversion, low=0.0, high=0.10)
    controls = {
        "viewers": int_slider("Viewers", int(viewers), 0, 100_000, 1_000),
        "conversion": slider("Conversion rate", conversion, 0.0, 0.10, 0.005, fmt=".1%"),
    }
    fig = new_figure(6.0, 2.4)
    with kit_style():
        ax = fig.add_subplot()
        bars = ax.barh(
            ["orders", "viewers"],
            [0, 0],
            color=[MODULE_COLORS["capture"], MODULE_COLORS["delivery"]],
            hatch=None,
            edgecolor="black",
        )
        bars[0].set_hatch(MODULE_HATCHES["capture"])
        bars[1].set_hatch(MODULE_HATCHES["delivery"])
        ax.set_xscale("symlog", linthresh=10)
        ax.set_xlim(0, 200_000)
        ax.set_xlabel("people (symmetric log scale)")
        ax.set_title("Who watches, and who buys")
        fig.tight_layout()
    prediction = Prediction(
        "Before you move anything: with <b>50,000</b> viewers and a <b>2%</b> conversion rate, "
        "how many orders will there be? Lock in your number, then set the two sliders.",
        outcome=lambda shown: (
            shown["orders"]
            if shown.get("viewers") == 50_000 and abs(shown.get("conversion", -1) - 0.02) < 1e-9
            else None
        ),
        low=0,
        high=100_000,
        step=100,
        unit="orders",
    )
    view = View(
        title="Your first slider view",
        question="drag <i>Viewers</i> to the right: the top bar and the number of orders grow "
        "at once. Then halve the conversion rate: what happens to orders?",
        controls=controls,
        figure=FastFigure(fig, animated=list(bars)),
        prediction=prediction,
    )

    def update(change=None) -> None:
        viewers_now, conversion_now = (
            view.controls["viewers"].value,
            view.controls["conversion"].value,
        )
        orders = demo_orders(viewers_now, conversion_now)
        bars[1].set_width(viewers_now)
        bars[0].set_width(orders)
        view.readout.value = (
            f"<b>{viewers_now:,}</b> viewers × <b>{conversion_now:.1%}</b> "
            f"conversion = <b>{orders:,.0f}</b> orders"
        )
        view.show(viewers=viewers_now, conversion=conversion_now, orders=round(orders))
        view.redraw()

    view.bind(update)
    return view
