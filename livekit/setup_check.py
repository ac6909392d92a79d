"""The installation check and the first slider of notebook 00.

:func:`check_versions` compares what is installed with what the kit needs (pure logic, returns a
DataFrame). :func:`installation_report` shows it as a widget. :func:`explore_demo` is the
smallest possible slider view, there to prove that widgets work and to show how every view in the
kit behaves: move a control, the picture and the numbers change at once.
"""
from __future__ import annotations

import html
import sys
from importlib import metadata

import ipywidgets as widgets
import pandas as pd

from ._checks import check_count, check_number, check_rate
from .style import MODULE_COLORS, MODULE_HATCHES, kit_style, new_figure
from .views import FastFigure, View, int_slider, slider

__all__ = ["REQUIREMENTS", "check_versions", "installation_report", "demo_orders", "explore_demo"]

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
        Package name -> version (None if missing). By default, read from this environment.

    Returns
    -------
    pandas.DataFrame
        One row per required package: ``package``, ``installed`` (or "missing"), ``needed``
        (e.g. ">=8.1, <9.0"), ``ok`` (bool) and ``role``.
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
        raise TypeError(f"installed must be a dict of package -> version, got {type(installed).__name__}")
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
        rows.append({"package": name, "installed": version or "missing", "needed": needed, "ok": ok, "role": role})
    return pd.DataFrame(rows)


class _Report(widgets.HTML):
    def __init__(self, table: pd.DataFrame) -> None:
        self.table = table
        self.all_ok = bool(table["ok"].all())
        rows = "".join(
            f"<tr><td>{html.escape(r.package)}</td><td>{html.escape(r.installed)}</td>"
            f"<td>{html.escape(r.needed)}</td><td>{'✔ ok' if r.ok else '✘ fix this'}</td>"
            f"<td>{html.escape(r.role)}</td></tr>"
            for r in table.itertuples()
        )
        verdict = (
            "<b style='color:#009E73'>✔ Everything the kit needs is installed.</b>"
            if self.all_ok else
            "<b style='color:#D55E00'>✘ Some packages need fixing: see the README's Troubleshooting section.</b>"
        )
        super().__init__(
            f"{verdict}<table><tr><th>package</th><th>installed</th><th>needed</th><th></th>"
            f"<th>what for</th></tr>{rows}</table>"
        )

    def __repr__(self) -> str:
        return f"<livekit installation check: {'all OK' if self.all_ok else 'PROBLEMS FOUND'}>"


def installation_report(installed: dict[str, str | None] | None = None) -> widgets.HTML:
    """Show :func:`check_versions` as a table widget with a one-line verdict.

    Its text form (what you see if widgets do not work) is
    ``<livekit installation check: all OK>`` or ``... PROBLEMS FOUND>``.
    """
    return _Report(check_versions(installed))


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
        ``view.controls.children`` holds the two sliders; ``view.readout`` the orders.
    """
    check_number("viewers", viewers, low=0, high=100_000, integer=True)
    check_number("conversion", conversion, low=0.0, high=0.10)
    viewers_slider = int_slider("Viewers", int(viewers), 0, 100_000, 1_000)
    conversion_slider = slider("Conversion rate", conversion, 0.0, 0.10, 0.005, fmt=".1%")
    fig = new_figure(6.0, 2.4)
    with kit_style():
        ax = fig.add_subplot()
        bars = ax.barh(
            ["orders", "viewers"], [0, 0],
            color=[MODULE_COLORS["capture"], MODULE_COLORS["delivery"]],
            hatch=None, edgecolor="black",
        )
        bars[0].set_hatch(MODULE_HATCHES["capture"])
        bars[1].set_hatch(MODULE_HATCHES["delivery"])
        ax.set_xscale("symlog", linthresh=10)
        ax.set_xlim(0, 200_000)
        ax.set_xlabel("people (symmetric log scale)")
        ax.set_title("Who watches, and who buys")
        fig.tight_layout()
    fast = FastFigure(fig, animated=list(bars))
    view = View(
        title="Your first slider view",
        question="drag <i>Viewers</i> to the right: the top bar and the number of orders grow "
                 "at once. Then halve the conversion rate: what happens to orders?",
        controls=[viewers_slider, conversion_slider],
        figure=fast,
    )

    def update(change=None) -> None:
        orders = demo_orders(viewers_slider.value, conversion_slider.value)
        bars[1].set_width(viewers_slider.value)
        bars[0].set_width(orders)
        view.readout.value = (
            f"<b>{viewers_slider.value:,}</b> viewers × <b>{conversion_slider.value:.1%}</b> "
            f"conversion = <b>{orders:,.0f}</b> orders"
        )
        view.redraw()

    view.watch([viewers_slider, conversion_slider], update)
    view.run(update)
    return view
