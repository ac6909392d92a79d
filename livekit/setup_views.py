"""Notebook 00's widgets: the installation report and the first slider view.

:func:`installation_report` shows :func:`livekit.setup_check.check_versions` and
:func:`livekit.setup_check.check_data` with a one-line verdict. :func:`explore_demo` is the
smallest slider view of the kit, built like every other one (controls, a chart, bind): it proves
that widgets work and shows how every view behaves: move a control, the picture and the numbers
change at once.
"""

from __future__ import annotations

from os import PathLike

import ipywidgets as widgets
import pandas as pd

from . import _html
from ._checks import check_number
from .setup_check import check_data, check_versions
from .setup_plots import MAX_VIEWERS, OrdersChart
from .style import kit_style, new_figure
from .views import FastFigure, Prediction, View, int_slider, slider

__all__ = ["installation_report", "explore_demo", "InstallationReport"]


class InstallationReport(widgets.HTML):
    """The installation check as a widget (see :func:`installation_report`).

    Attributes
    ----------
    table, tables : pandas.DataFrame
        What :func:`~livekit.setup_check.check_versions` and
        :func:`~livekit.setup_check.check_data` found.
    all_ok : bool
    """

    def __init__(self, table: pd.DataFrame, tables: pd.DataFrame) -> None:
        self.table, self.tables = table, tables
        self.all_ok = bool(table["ok"].all()) and bool(tables["ok"].all())
        rows = [
            (
                _html.escape(r.package),
                _html.escape(r.installed),
                _html.escape(r.needed),
                "✔ ok" if r.ok else "✘ fix this",
                _html.escape(r.role),
            )
            for r in table.itertuples()
        ]
        packages = _html.table(
            rows, ("package", "installed", "needed", "check", "what for"), caption="Packages"
        )
        super().__init__(f"{self._verdict()}{packages}{self._data_part()}")

    def _verdict(self) -> str:
        if self.all_ok:
            return _html.message("Everything the kit needs is installed.", "ok")
        where = "see the README's Troubleshooting section."
        if self.table["ok"].all():
            return _html.message(f"Some data files are missing or damaged: {where}")
        return _html.message(f"Some packages need fixing: {where}")

    def _data_part(self) -> str:
        bad = self.tables[~self.tables["ok"]]
        if not len(bad):
            return f"<p>✔ All {len(self.tables)} data tables read and match their descriptions.</p>"
        items = "".join(
            f"<li><code>{_html.escape(r.table)}</code>: {_html.escape(r.problem)}</li>"
            for r in bad.itertuples()
        )
        return (
            f"<p><b>Data files with problems ({len(bad)} of {len(self.tables)}):</b></p>"
            f"<ul>{items}</ul><p>Get a fresh copy of the kit's <code>data/</code> folder "
            "(download the kit again, or <code>git checkout -- data</code> in a git checkout).</p>"
        )

    def __repr__(self) -> str:
        return f"<livekit installation check: {'all OK' if self.all_ok else 'PROBLEMS FOUND'}>"


def installation_report(
    installed: dict[str, str | None] | None = None, *, data_folder: str | PathLike | None = None
) -> InstallationReport:
    """Show the installation check (packages and data tables) with a one-line verdict.

    Its text form (what you see if widgets do not work) is
    ``<livekit installation check: all OK>`` or ``... PROBLEMS FOUND>``; a missing or damaged
    data file counts as a problem.

    Parameters
    ----------
    installed : dict of str to str or None, optional
        As for :func:`livekit.setup_check.check_versions`.
    data_folder : str or path, optional
        As ``folder`` for :func:`livekit.setup_check.check_data`.

    Returns
    -------
    InstallationReport
    """
    return InstallationReport(check_versions(installed), check_data(data_folder))


def _demo_prediction() -> Prediction:
    return Prediction(
        "Before you move anything: with <b>50,000</b> viewers and a <b>2%</b> conversion rate, "
        "how many orders will there be? Lock in your number, then set the two sliders.",
        outcome=lambda shown: (
            shown["orders"]
            if shown.get("viewers") == 50_000 and abs(shown.get("conversion", -1) - 0.02) < 1e-9
            else None
        ),
        low=0,
        high=MAX_VIEWERS,
        step=100,
        unit="orders",
        hint="orders are viewers times the conversion rate, and 2% is the share 0.02: "
        "compare 50,000 × 0.02 with the orders in the readout.",
    )


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
        ``view.charts["orders"]`` the :class:`~livekit.setup_plots.OrdersChart`;
        ``view.shown["orders"]`` the orders shown; ``view.prediction`` asks the student to
        predict the orders at 50,000 viewers and 2% conversion before setting them.
    """
    check_number("viewers", viewers, low=0, high=MAX_VIEWERS, integer=True)
    check_number("conversion", conversion, low=0.0, high=0.10)
    controls = {
        "viewers": int_slider("Viewers", int(viewers), 0, MAX_VIEWERS, 1_000),
        "conversion": slider("Conversion rate", conversion, 0.0, 0.10, 0.005, fmt=".1%"),
    }
    fig = new_figure(6.0, 2.4)
    with kit_style():
        chart = OrdersChart(fig.add_subplot(), viewers, conversion)
        fig.tight_layout()
    view = View(
        title="Your first slider view",
        question="what happens to the orders when you halve the conversion rate?",
        controls=controls,
        charts={"orders": chart},
        figure=FastFigure(fig, animated=chart.artists),
        prediction=_demo_prediction(),
    )

    def update(change=None) -> None:
        now, rate = view.controls["viewers"].value, view.controls["conversion"].value
        chart.update(now, rate)
        view.readout.value = (
            f"<b>{now:,}</b> viewers × <b>{rate:.1%}</b> conversion = "
            f"<b>{chart.orders:,.0f}</b> orders"
        )
        view.show(viewers=now, conversion=rate, orders=round(chart.orders))
        view.redraw()

    view.bind(update)
    return view
