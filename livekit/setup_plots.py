"""The picture of notebook 00's first slider view: who watches a stream, and who buys.

One :class:`~livekit.charts.Chart` like every other picture in the kit: two bars on a linear
scale (viewers, and the orders they place), so that the bars compare as the numbers do: a 2%
conversion rate really is a bar one fiftieth as long.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes

from ._checks import check_number
from .charts import Chart, axes_for
from .setup_check import demo_orders
from .style import MODULE_COLORS, MODULE_HATCHES

__all__ = ["OrdersChart", "plot_orders", "MAX_VIEWERS"]

#: The largest number of viewers the chart's axis holds (the demo slider's range).
MAX_VIEWERS = 100_000


class OrdersChart(Chart):
    """Viewers and orders as two horizontal bars, each labelled with its number.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    viewers : float
        People watching, 0 to :data:`MAX_VIEWERS`.
    conversion : float
        Share of viewers who order, 0 to 1.
    """

    def __init__(self, ax: Axes, viewers: float, conversion: float) -> None:
        self.ax = ax
        self.bars = ax.barh(
            ["orders", "viewers"],
            [0, 0],
            color=[MODULE_COLORS["capture"], MODULE_COLORS["delivery"]],
            edgecolor="black",
        )
        for bar, stage in zip(self.bars, ("capture", "delivery")):
            bar.set_hatch(MODULE_HATCHES[stage])
        self.labels = [
            ax.text(0, bar.get_y() + bar.get_height() / 2, "", va="center") for bar in self.bars
        ]
        ax.set_xlim(0, MAX_VIEWERS * 1.25)
        ax.set_xlabel("people")
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:,.0f}")
        ax.set_title("Who watches, and who buys")
        self.viewers = self.orders = 0.0
        self.update(viewers, conversion)

    @property
    def artists(self) -> Sequence[Artist]:
        return [*self.bars, *self.labels]

    def update(self, viewers: float, conversion: float) -> None:
        """Show ``viewers`` and the orders they place at ``conversion``."""
        viewers = check_number("viewers", viewers, low=0, high=MAX_VIEWERS)
        self.viewers, self.orders = viewers, demo_orders(viewers, conversion)
        for bar, label, value in zip(self.bars, self.labels, (self.orders, self.viewers)):
            bar.set_width(value)
            label.set_x(value + MAX_VIEWERS * 0.01)
            label.set_text(f"{value:,.0f}")

    def describe(self) -> str:
        """What the picture shows now, in words (its text alternative)."""
        share = self.orders / self.viewers if self.viewers else 0.0
        return (
            f"Bar chart 'Who watches, and who buys': {self.viewers:,.0f} viewers and "
            f"{self.orders:,.0f} orders; the orders bar is {share:.1%} of the viewers bar."
        )


def plot_orders(
    viewers: float = 20_000, conversion: float = 0.02, *, ax: Axes | None = None
) -> Axes:
    """Draw viewers and orders as two bars on a linear scale.

    Parameters
    ----------
    viewers : float
        People watching, 0 to :data:`MAX_VIEWERS`.
    conversion : float
        Share of viewers who place an order, 0 to 1.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure by default.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = axes_for(ax, size=(6.0, 2.4))
    OrdersChart(ax, viewers, conversion)
    return ax
