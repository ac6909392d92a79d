"""Pictures of the innovation path: the funnel, the waterfall, the path, the flow of Figure 2.

Every plot is drawn in the stage colours of :data:`livekit.style.MODULE_COLORS`, with the stage's
hatch and a written label as well, so it reads in greyscale. Every picture that a slider moves is
a :class:`livekit.charts.Chart` (``FunnelChart``, ``WaterfallChart``, ...): built once on an Axes,
its ``artists`` are the parts that move and its ``update(...)`` moves them in place. The public
``plot_x(data, *, ax=None, ...)`` is a thin wrapper over the chart: it draws on ``ax`` (or a new
pyplot figure, see :func:`livekit.charts.axes_for`) and returns the Axes.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from . import canvas, path
from ._checks import check_number
from .charts import Chart, axes_for, chart_title, join_words, percent, signed
from .style import (
    LINE_COLORS,
    MODULE_COLORS,
    MODULE_HATCHES,
    MODULE_INKS,
    MODULE_TINTS,
    MUTED_TEXT,
    OKABE_ITO,
    kit_style,
)
from .vocab import MODULE_NAMES, STAGES

__all__ = [
    "FunnelChart",
    "WaterfallChart",
    "FlowDiagram",
    "LengthChart",
    "PriceChart",
    "IntegrationChart",
    "BuyerMixChart",
    "plot_funnel",
    "plot_waterfall",
    "plot_path",
    "plot_flow",
    "plot_broadcast_length",
    "plot_profit_by_price",
    "plot_buyer_mix",
    "plot_integration",
    "format_money",
    "nice_ceiling",
]


def format_money(amount: float) -> str:
    """Short CNY text for labels: ``55.4k``, ``-1.20M``, ``800``."""
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    if value >= 1e6:
        return f"{sign}{value / 1e6:.2f}M"
    if value >= 1e4:
        return f"{sign}{value / 1e3:.1f}k"
    return f"{sign}{value:,.0f}"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at least ``value`` (1 up to 1).

    Steps this fine keep an axis close to the data it holds: at most a quarter of it is empty.

    Examples
    --------
    >>> nice_ceiling(58_000), nice_ceiling(130), nice_ceiling(0.4)
    (60000.0, 150.0, 1.0)
    """
    if not value > 1:
        return 1.0
    exponent = math.floor(math.log10(value))
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = factor * 10.0**exponent
        if candidate >= value * (1 - 1e-12):
            return candidate
    return 10.0 ** (exponent + 1)  # pragma: no cover - the loop ends at 10


# --- funnel -----------------------------------------------------------------------------------


def _stage_name(item: str) -> str:
    """The value stage of a lever or quantity, in words ("value creation"), from the stage map."""
    return MODULE_NAMES[canvas.stage_of(item)].lower()


class FunnelChart(Chart):
    """A funnel as shares: each row's bar is the share of the row above it, on a linear 0-100% axis.

    The rows are platform traffic, viewers, engaged viewers, orders and orders kept. Counts
    across a funnel span several powers of ten (hundreds of thousands of people, hundreds of
    orders), so bars of the counts themselves would hide the small rows, and a log scale would
    make 600 orders look like half of 400,000 people. Each bar is instead the share that carries
    on from the row above (traffic is 100% of itself), a length a student compares directly;
    the count is written beside it.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    result : pandas.Series
        From :func:`livekit.path.simulate`.
    title : str, optional
    hatch : bool, default True
        Hatch each bar by stage. The row labels name the stage too, so a view may switch the
        hatches off (they cost a few milliseconds a move).

    Attributes
    ----------
    bars, labels : list
        One bar and one label per row, widest row first.
    """

    def __init__(
        self, ax: Axes, result: pd.Series, *, title: str | None = None, hatch: bool = True
    ) -> None:
        table = path.funnel(result)  # checks ``result``
        self.ax = ax
        self.quantities = tuple(table["quantity"])
        with kit_style():
            y = np.arange(len(table))[::-1]
            self.bars = list(
                ax.barh(
                    y,
                    [0.0] * len(table),
                    height=0.62,
                    color=[MODULE_COLORS[s] for s in table["stage"]],
                    edgecolor="black",
                    linewidth=0.8,
                )
            )
            if hatch:
                for bar, stage in zip(self.bars, table["stage"]):
                    bar.set_hatch(MODULE_HATCHES[stage])
            ax.set_yticks(
                y,
                [
                    f"{label}\n({MODULE_NAMES[stage].lower()})"
                    for label, stage in zip(table["label"], table["stage"])
                ],
            )
            ax.set_xlim(0, 1.5)
            ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
            ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
            ax.set_ylim(-0.6, len(table) - 0.4)
            ax.set_xlabel("share of the row above (count beside)")
            self.labels = [ax.text(0, yy, "", va="center", ha="left", fontsize=9) for yy in y]
            if title:
                ax.set_title(title)
        self.update(result)

    @property
    def artists(self) -> list:
        """The bars and their labels: what :meth:`update` moves."""
        return [*self.bars, *self.labels]

    def update(self, result: pd.Series) -> None:
        """Resize the bars and rewrite the labels for a new model run."""
        counts = [float(result[q]) for q in self.quantities]
        previous = None
        for bar, label, count in zip(self.bars, self.labels, counts):
            share = 1.0 if previous is None else (count / previous if previous > 0 else 0.0)
            bar.set_width(share)
            label.set_x(share + 0.02)
            label.set_text(f"{count:,.0f}" + ("" if previous is None else f" ({share:.1%})"))
            previous = count

    def describe(self) -> str:
        """The funnel now: each row's count and its share of the row above (its labels' text)."""
        names = path.QUANTITIES.set_index("quantity")["label"]
        rows = [
            f"{names[q].lower()} {label.get_text()}"
            for q, label in zip(self.quantities, self.labels)
        ]
        title = chart_title(self.ax, "Funnel from traffic to orders kept")
        return (
            f"{title}, bars on a log scale (in brackets: the share of the row above): "
            f"{'; '.join(rows)}"
        )


def plot_funnel(
    result: pd.Series,
    *,
    ax: Axes | None = None,
    title: str | None = "From traffic to orders kept",
) -> Axes:
    """Draw the funnel of one model run as shares of each row above, in its stages' colours.

    Parameters
    ----------
    result : pandas.Series
        From :func:`livekit.path.simulate`.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from livekit import path
    >>> ax = plot_funnel(path.simulate(traffic_per_hour=100_000, hours=1))
    >>> ax.texts[0].get_text(), ax.texts[1].get_text()  # traffic, then viewers: 17.5% of it
    ('100,000', '17,500 (17.5%)')
    """
    ax = axes_for(ax, size=(7, 3.2))
    FunnelChart(ax, result, title=title)
    return ax


# --- waterfall --------------------------------------------------------------------------------


#: The waterfall's tick labels: short, and broken onto two lines, so they sit level and apart.
_SHORT_MONEY = {
    "sales": "Sales",
    "gifts": "Gifts",
    "product_cost": "Prod-\nuct",
    "broadcast_cost": "Broad-\ncast",
    "packaging_cost": "Pack-\naging",
    "logistics_cost": "Logis-\ntics",
    "wages": "Wages",
    "profit": "Profit",
}


#: How the waterfall's legend names a stage its money items are on.
_STAGE_MONEY = {"capture": "value capture: revenue\nstreams and cost structure"}


class WaterfallChart(Chart):
    """A waterfall from sales to profit: revenue up, the five costs down, profit from zero.

    Each bar is coloured by its stage from the stage map: every amount of money is value
    capture (Table 1 files revenue streams and cost structure there), and the legend says so.

    Parameters
    ----------
    ax : Axes
    result : pandas.Series
        From :func:`livekit.path.simulate`.
    title : str, optional
    labels : bool, default True
        Write each amount above its bar (a view may leave them to its readout instead).
    hatch : bool, default True
        Hatch each bar by stage. Without hatches (they cost a few milliseconds a slider move)
        the tick labels name the bar's stage when the bars are of more than one stage, so the
        figure still reads in greyscale.

    Notes
    -----
    The money axis is set from the result with round limits (:meth:`limits`); :meth:`update`
    returns True when a new result needs other limits, so a view knows to redraw the axes.
    """

    def __init__(
        self,
        ax: Axes,
        result: pd.Series,
        *,
        title: str | None = None,
        labels: bool = True,
        hatch: bool = True,
    ) -> None:
        table = path.money_flow(result)  # checks ``result``
        self.ax = ax
        self.items = tuple(table["item"])
        self._kinds = tuple(table["kind"])
        with kit_style():
            x = np.arange(len(table))
            self.bars = list(
                ax.bar(
                    x,
                    [0.0] * len(table),
                    width=0.66,
                    color=[MODULE_COLORS[s] for s in table["stage"]],
                    edgecolor="black",
                    linewidth=0.8,
                )
            )
            if hatch:
                for bar, stage in zip(self.bars, table["stage"]):
                    bar.set_hatch(MODULE_HATCHES[stage])
            # without hatches and with several stages, the tick labels name each bar's stage
            several = table["stage"].nunique() > 1
            ticks = [
                f"{_SHORT_MONEY[i]} ({s})" if several and not hatch else _SHORT_MONEY[i]
                for i, s in zip(table["item"], table["stage"])
            ]
            ax.set_xticks(x, ticks, fontsize=9)
            ax.axhline(0, color="black", linewidth=0.8)
            ax.set_ylabel("CNY")
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
            handles = [
                Patch(
                    facecolor=MODULE_COLORS[s],
                    hatch=MODULE_HATCHES[s] if hatch else None,
                    edgecolor="black",
                    label=_STAGE_MONEY.get(s, MODULE_NAMES[s]),
                )
                for s in STAGES
                if s in set(table["stage"])
            ]
            ax.legend(handles=handles, loc="upper right", fontsize=9, frameon=False)
            self.labels = (
                [ax.text(xx, 0, "", ha="center", va="bottom", fontsize=9) for xx in x]
                if labels
                else []
            )
            if title:
                ax.set_title(title)
        self._limits: tuple[float, float] | None = None
        self.update(result)

    @property
    def artists(self) -> list:
        """The bars and their amount labels."""
        return [*self.bars, *self.labels]

    def steps(self, result: pd.Series) -> list[tuple[str, float, float, float]]:
        """``(item, amount, start, end)`` of each bar in CNY, as in :func:`livekit.path.money_flow`.

        Revenue stacks up from zero, each cost hangs down from where the bar before it ended,
        and profit (a total) stands on zero. Amounts are rounded to whole cents. This reads
        ``result`` directly (no checks: it was checked when the chart was built), because a
        slider moves the waterfall many times a second.
        """
        rows, running = [], 0
        for item, kind in zip(self.items, self._kinds):
            cents = int(round(float(result[item]) * 100)) * (-1 if kind == "cost" else 1)
            start = 0 if kind == "total" else running
            rows.append((item, cents / 100, start / 100, (start + cents) / 100))
            if kind != "total":
                running += cents
        return rows

    def limits(self, result: pd.Series) -> tuple[float, float]:
        """Round money-axis limits that hold every bar of ``result`` with room for labels."""
        return self._limits_for(self.steps(result))

    @staticmethod
    def _limits_for(steps) -> tuple[float, float]:
        ends = [v for _, _, start, end in steps for v in (start, end)]
        high = nice_ceiling(max(1.0, max(ends)) * 1.15)
        low = -nice_ceiling(-min(ends) * 1.15) if min(ends) < 0 else -0.04 * high
        return low, high

    def update(self, result: pd.Series) -> bool:
        """Move the bars and labels; return True if the money axis had to change.

        The axis grows as soon as a bar needs more room, and shrinks only when everything fits
        in a third of it, so that dragging a slider rarely redraws the axis.
        """
        steps = self.steps(result)
        wanted = self._limits_for(steps)
        current = self._limits
        changed = (
            current is None
            or wanted[1] > current[1]
            or wanted[0] < current[0]
            or wanted[1] < current[1] / 3
            or (current[0] < 0 and wanted[0] > current[0] / 3)
        )
        if changed:
            self.ax.set_ylim(*wanted)
            self._limits = wanted
        low_limit, high_limit = self._limits
        pad = 0.01 * (high_limit - low_limit)
        for i, (item, amount, start, end) in enumerate(steps):
            low, high = sorted((start, end))
            self.bars[i].set_y(low)
            self.bars[i].set_height(high - low)
            if self.labels:
                label = self.labels[i]
                label.set_y(high + pad)
                text = format_money(amount)
                if item == "profit" and amount < 0:
                    text += " loss"
                label.set_text(text)
        return changed

    def describe(self) -> str:
        """Sales and gifts, the five costs and the profit (and its sign) the bars show now."""
        amounts = {}
        for item, kind, bar in zip(self.items, self._kinds, self.bars):
            low, height = bar.get_y(), bar.get_height()
            if kind == "total":  # stands on zero: up to a profit, down to a loss
                amounts[item] = low if low < 0 else low + height
            else:
                amounts[item] = height
        revenue = [
            f"{_SHORT_MONEY[i].lower()} {signed(amounts[i])}"
            for i, k in zip(self.items, self._kinds)
            if k == "revenue"
        ]
        costs = [
            f"{_SHORT_MONEY[i].lower()} {signed(amounts[i])}"
            for i, k in zip(self.items, self._kinds)
            if k == "cost"
        ]
        profit = amounts.get("profit", 0.0)
        verdict = "a loss" if profit < 0 else ("no profit" if profit == 0 else "a profit")
        title = chart_title(self.ax, "From sales to profit")
        return (
            f"{title}, a waterfall: revenue {join_words(revenue)}; costs {join_words(costs)}; "
            f"profit {signed(profit)}, {verdict}"
        )


def plot_waterfall(
    result: pd.Series, *, ax: Axes | None = None, title: str | None = "From sales to profit"
) -> Axes:
    """Draw the waterfall from sales and gifts, through the paper's five costs, to profit.

    Parameters
    ----------
    result : pandas.Series
        From :func:`livekit.path.simulate`.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
    """
    ax = axes_for(ax, size=(7, 3.6))
    WaterfallChart(ax, result, title=title)
    return ax


# --- the path (Figure 4) with stage totals ----------------------------------------------------


#: Short names for the stage boxes (a box is narrow): the quantities' labels, shortened.
_SHORT_NAMES = {"Value-sensitive buyers": "Value-sensitive", "Average retention": "Retention"}


def _quantity_text(name: str, value: float, unit: str) -> str:
    name = _SHORT_NAMES.get(name, name)
    if unit == "CNY":
        return f"{name}: {format_money(value)} CNY"
    if unit.startswith("share"):
        return f"{name}: {value:.0%}"
    if unit == "CNY per item":
        return f"{name}: {value:,.2f} CNY"
    return f"{name}: {value:,.0f}"


def _stage_lines(row) -> list[str]:
    lines = [
        _quantity_text(row.headline, row.headline_value, row.headline_unit),
        _quantity_text(row.detail, row.detail_value, row.detail_unit),
    ]
    if row.stage == "capture":
        lines.append(_quantity_text("costs", row.total_costs, "CNY"))
    return lines


def plot_path(
    result: pd.Series | None = None,
    *,
    ax: Axes | None = None,
    title: str | None = "The innovation path of live marketing",
) -> Axes:
    """Draw the paper's innovation path (Figure 4): four stages, their canvas blocks, and totals.

    Parameters
    ----------
    result : pandas.Series, optional
        From :func:`livekit.path.simulate`; if given, each stage shows its headline quantity
        and a detail (capture: profit, revenue and costs), from :func:`livekit.path.stage_totals`.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
    """
    ax = axes_for(ax, size=(10, 3.6))
    stages = path.path_stages()
    totals = path.stage_totals(result) if result is not None else None
    with kit_style():
        ax.set_xlim(0, 4)
        ax.set_ylim(0, 1)
        ax.axis("off")
        for i, stage in enumerate(stages.itertuples(index=False)):
            x0 = i + 0.06
            box = FancyBboxPatch(
                (x0, 0.08),
                0.78,
                0.8,
                boxstyle="round,pad=0.02,rounding_size=0.04",
                facecolor=MODULE_TINTS[stage.stage],
                edgecolor=MODULE_INKS[stage.stage],
                linewidth=2.5,
                hatch=MODULE_HATCHES[stage.stage],
            )
            box.set_label(stage.name)
            ax.add_patch(box)
            ax.text(
                x0 + 0.39,
                0.8,
                f"{stage.order}. {stage.name}",
                ha="center",
                va="center",
                fontsize=9,
                fontweight="bold",
                bbox=dict(facecolor="white", edgecolor="none", pad=1.5),
            )
            blocks = "\n".join(textwrap.fill(name, 16) for name in stage.block_names)
            ax.text(
                x0 + 0.39,
                0.58,
                blocks,
                ha="center",
                va="center",
                fontsize=9,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1.5),
            )
            if totals is not None:
                lines = _stage_lines(totals.iloc[i])
                ax.text(
                    x0 + 0.39,
                    0.24,
                    "\n".join(lines),
                    ha="center",
                    va="center",
                    fontsize=9,
                    bbox=dict(facecolor="white", edgecolor=MODULE_INKS[stage.stage], pad=2.5),
                )
            if i < len(stages) - 1:
                ax.add_patch(
                    FancyArrowPatch(
                        (x0 + 0.8, 0.48),
                        (x0 + 1.0, 0.48),
                        arrowstyle="-|>",
                        mutation_scale=18,
                        color="black",
                        linewidth=1.6,
                    )
                )
        if title:
            ax.set_title(title)
    return ax


# --- the flow of Figure 2 ------------------------------------------------------------------------

_ACTORS = {
    "anchor": ("Anchor", 0.22, 0.78),
    "platform": ("Live platform", 0.8, 0.78),
    "audience": ("Audience,\nbuyers", 1.38, 0.78),
    "seller": ("Seller", 0.22, 0.3),
    "logistics": ("Logistics\ncompany", 0.8, 0.3),
}
# Curvature of each step's arrow, so that arrows between the same two actors do not overlap.
_RAD = {3: -0.3, 4: 0.36, 5: 0.0, 10: 0.3}
_BOX_W, _BOX_H = 0.3, 0.14


def _exit_point(
    x: float, y: float, dx: float, dy: float, margin: float = 0.02
) -> tuple[float, float]:
    """Where a ray from an actor box's centre, in direction (dx, dy), leaves the box (+ margin)."""
    half_w, half_h = _BOX_W / 2 + margin, _BOX_H / 2 + margin
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return x + t * dx, y + t * dy


def _arrow_ends(
    start: tuple[float, float], end: tuple[float, float], rad: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """End points of an arc3 arrow between two actor boxes, on the boxes' edges.

    Computed once in data coordinates (the axes have equal aspect), so drawing the arrow needs
    no clipping against the boxes: that clipping is what makes a highlighted arrow slow.
    """
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    cx, cy = (x1 + x2) / 2 + rad * dy, (y1 + y2) / 2 - rad * dx  # matplotlib's arc3 control point
    return _exit_point(x1, y1, cx - x1, cy - y1), _exit_point(x2, y2, cx - x2, cy - y2)


class FlowDiagram(Chart):
    """The live-marketing process of the paper's Figure 2, with one step highlighted.

    Every step is a grey numbered arrow between two actors; :meth:`show` paints the chosen
    step's arrow and its two actors in the colour (and hatch) of the step's value stage and
    writes the step underneath.

    Parameters
    ----------
    ax : Axes
    step : int, optional
        The step to highlight first (1 to the number of steps); ``None`` highlights none.
    caption : bool, default True
        Write the step under the diagram. A view may leave that to its readout instead.

    Attributes
    ----------
    steps : pandas.DataFrame
        The steps, from :func:`livekit.path.flow_steps`.
    highlight_arrows, highlight_boxes : list of Patch
        One coloured arrow per step; the two actor outlines of the highlighted step.
    badge, caption : matplotlib.text.Text
        The highlighted step's number, and its description (empty when ``caption`` is False).
    """

    def __init__(self, ax: Axes, step: int | None = 1, *, caption: bool = True) -> None:
        self.ax = ax
        self.steps = path.flow_steps()
        with kit_style():
            ax.set_xlim(0, 1.6)
            ax.set_ylim(0 if caption else 0.18, 1.2)
            ax.set_aspect("equal")
            ax.axis("off")
            self.actor_boxes = {}
            for actor, (label, x, y) in _ACTORS.items():
                box = FancyBboxPatch(
                    (x - _BOX_W / 2, y - _BOX_H / 2),
                    _BOX_W,
                    _BOX_H,
                    boxstyle="round,pad=0.01,rounding_size=0.03",
                    facecolor=LINE_COLORS["panel"],
                    edgecolor=LINE_COLORS["leader"],
                    linewidth=1.2,
                    zorder=2,
                )
                ax.add_patch(box)
                ax.text(x, y, label, ha="center", va="center", fontsize=10, zorder=5)
                self.actor_boxes[actor] = box
            self.highlight_arrows, self._badge_positions = [], []
            for row in self.steps.itertuples(index=False):
                start, end = _ACTORS[row.actor][1:], _ACTORS[row.target][1:]
                rad = _RAD.get(row.step, 0.0)
                style = f"arc3,rad={rad}"
                tail, head = _arrow_ends(start, end, rad)
                grey = FancyArrowPatch(
                    tail,
                    head,
                    connectionstyle=style,
                    arrowstyle="-|>",
                    mutation_scale=13,
                    color=LINE_COLORS["outline"],
                    linewidth=1.2,
                    zorder=1,
                    shrinkA=0,
                    shrinkB=0,
                )
                ax.add_patch(grey)
                hot = FancyArrowPatch(
                    tail,
                    head,
                    connectionstyle=style,
                    arrowstyle="-|>",
                    mutation_scale=20,
                    color=MODULE_COLORS[row.stage],
                    linewidth=3.2,
                    zorder=3,
                    shrinkA=0,
                    shrinkB=0,
                )
                ax.add_patch(hot)
                hot.set_visible(False)
                self.highlight_arrows.append(hot)
                (x1, y1), (x2, y2) = tail, head
                mx, my = (
                    (x1 + x2) / 2 + 0.5 * rad * (y2 - y1),
                    (y1 + y2) / 2 - 0.5 * rad * (x2 - x1),
                )
                ax.text(
                    mx,
                    my,
                    str(row.step),
                    ha="center",
                    va="center",
                    fontsize=9,
                    zorder=4,
                    bbox=dict(
                        boxstyle="circle,pad=0.2",
                        facecolor="white",
                        edgecolor=LINE_COLORS["outline"],
                    ),
                )
                self._badge_positions.append((mx, my))
            self.highlight_boxes = []
            for _ in range(2):
                box = FancyBboxPatch(
                    (0, 0),
                    _BOX_W,
                    _BOX_H,
                    boxstyle="round,pad=0.01,rounding_size=0.03",
                    facecolor="none",
                    edgecolor="black",
                    linewidth=3.5,
                    zorder=4.5,
                )
                ax.add_patch(box)
                box.set_visible(False)
                self.highlight_boxes.append(box)
            # the highlighted step's number, painted again on top of its (animated) arrow
            self.badge = ax.text(
                0,
                0,
                "",
                ha="center",
                va="center",
                fontsize=10,
                fontweight="bold",
                zorder=7,
                bbox=dict(boxstyle="circle,pad=0.25", facecolor="white", edgecolor="black"),
            )
            self.badge.set_visible(False)
            self.caption = ax.text(
                0.02, 0.1, "", ha="left", va="center", fontsize=10, zorder=6, visible=caption
            )
            self._captioned = caption
            handles = [
                Patch(
                    facecolor=MODULE_COLORS[s],
                    hatch=MODULE_HATCHES[s],
                    edgecolor="black",
                    label=MODULE_NAMES[s],
                )
                for s in STAGES
            ]
            ax.legend(
                handles=handles,
                loc="upper center",
                ncol=4,
                fontsize=9,
                frameon=False,
                bbox_to_anchor=(0.5, 1.0),
            )
        self.update(step)

    @property
    def artists(self) -> list:
        """The highlight arrows, the two highlight boxes and (if shown) the caption."""
        return [
            *self.highlight_arrows,
            *self.highlight_boxes,
            self.badge,
            *([self.caption] if self._captioned else []),
        ]

    def update(self, step: int | None) -> None:
        """Highlight ``step`` (1 to the number of steps), or nothing for ``None``."""
        for arrow in self.highlight_arrows:
            arrow.set_visible(False)
        for box in self.highlight_boxes:
            box.set_visible(False)
        self.badge.set_visible(False)
        if step is None:
            self.caption.set_text("")
            return
        step = int(check_number("step", step, low=1, high=len(self.steps), integer=True))
        row = self.steps.iloc[step - 1]
        colour = MODULE_COLORS[row["stage"]]
        self.highlight_arrows[step - 1].set_visible(True)
        self.badge.set_position(self._badge_positions[step - 1])
        self.badge.set_text(str(step))
        self.badge.get_bbox_patch().set_edgecolor(colour)
        self.badge.set_visible(True)
        for box, actor in zip(self.highlight_boxes, (row["actor"], row["target"])):
            _, x, y = _ACTORS[actor]
            box.set_bounds(x - _BOX_W / 2, y - _BOX_H / 2, _BOX_W, _BOX_H)
            box.set_edgecolor(colour)
            box.set_visible(True)
        wrapped = textwrap.fill(row["action"], 92)
        self.caption.set_text(
            f"Step {step}: {MODULE_NAMES[row['stage']]} ({row['block_name']})\n{wrapped}"
        )
        self.caption.set_color("black")

    def describe(self) -> str:
        """Which step of the process is highlighted: who acts on whom, its stage and block."""
        total = len(self.steps)
        shown = [k for k, arrow in enumerate(self.highlight_arrows) if arrow.get_visible()]
        actors = join_words([" ".join(label.split()) for label, _, _ in _ACTORS.values()])
        head = (
            f"The live-marketing process (Li 2021, Figure 2): {total} numbered steps between "
            f"{actors}"
        )
        if not shown:
            return f"{head}; no step highlighted"
        row = self.steps.iloc[shown[0]]
        who = " ".join(_ACTORS[row["actor"]][0].split())
        whom = " ".join(_ACTORS[row["target"]][0].split())
        return (
            f"{head}. Highlighted: step {shown[0] + 1} of {total}, {who} to {whom}, in "
            f"{MODULE_NAMES[row['stage']].lower()} (canvas block {row['block_name']}): "
            f"{row['action']}"
        )


def plot_flow(
    step: int | None = None,
    *,
    ax: Axes | None = None,
    title: str | None = "The live-marketing process (Li 2021, Figure 2)",
) -> Axes:
    """Draw the live-marketing flow of Figure 2, optionally highlighting one step.

    Parameters
    ----------
    step : int, optional
        Step to highlight (see :func:`livekit.path.flow_steps`); ``None`` for none.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    Axes
    """
    ax = axes_for(ax, size=(9, 5.4))
    FlowDiagram(ax, step)
    if title:
        with kit_style():
            ax.set_title(title, pad=18)
    return ax


# --- the limits: long broadcasts, price and differentiation, integration ---------------------


class LengthChart(Chart):
    """Average retention and sales per hour against broadcast length, with a marker.

    Parameters
    ----------
    axes : pair of Axes
        Left: retention; right: sales (and profit) per hour. :attr:`ax` is the left one,
        :attr:`axes` both.
    curve : pandas.DataFrame
        From :func:`livekit.path.broadcast_length_curve`.
    hours : float
        The current length, marked on both curves.
    references : mapping of str to DataFrame, optional
        Fixed grey curves (e.g. no variety, full variety), drawn once.
    money_max : float, optional
        Top of the per-hour money axis.
    """

    def __init__(
        self,
        axes: Sequence[Axes],
        curve: pd.DataFrame,
        hours: float,
        *,
        references: dict | None = None,
        money_max: float | None = None,
        money_min: float | None = None,
    ) -> None:
        left, right = axes
        self.axes = (left, right)
        self.ax = left
        colour = MODULE_INKS[canvas.stage_of("retention")]
        money = MODULE_INKS[canvas.stage_of("sales_per_hour")]  # inks: 3:1 at least on white
        with kit_style():
            for (name, ref), style in zip((references or {}).items(), (":", "--")):
                left.plot(
                    ref["hours"],
                    ref["retention"],
                    style,
                    color=LINE_COLORS["outline"],
                    linewidth=1.2,
                    label=name,
                )
                right.plot(
                    ref["hours"],
                    ref["sales_per_hour"],
                    style,
                    color=LINE_COLORS["outline"],
                    linewidth=1.2,
                    label=f"sales, {name}",
                )
            (self.retention_line,) = left.plot(
                curve["hours"],
                curve["retention"],
                color=colour,
                linewidth=2.5,
                label="your variety",
            )
            (self.retention_dot,) = left.plot(
                [hours], [0], "o", color=colour, markersize=9, markeredgecolor="black"
            )
            (self.sales_line,) = right.plot(
                curve["hours"],
                curve["sales_per_hour"],
                color=money,
                linewidth=2.5,
                label="sales per hour",
            )
            (self.profit_line,) = right.plot(
                curve["hours"],
                curve["profit_per_hour"],
                color=OKABE_ITO["reddish_purple"],
                linewidth=2,
                linestyle="-.",
                label="profit per hour",
            )
            (self.sales_dot,) = right.plot(
                [hours], [0], "o", color=money, markersize=9, markeredgecolor="black"
            )
            left.set_ylim(0, 1.05)
            left.set_xlim(0, float(curve["hours"].max()))
            right.set_xlim(0, float(curve["hours"].max()))
            top = (
                money_max
                if money_max is not None
                else nice_ceiling(float(curve["sales_per_hour"].max()) * 1.1)
            )
            bottom = (
                money_min
                if money_min is not None
                else min(0.0, float(curve["profit_per_hour"].min()) * 1.1)
            )
            right.set_ylim(bottom, top)
            right.axhline(0, color="black", linewidth=0.8)
            left.set_xlabel("broadcast length (hours)")
            right.set_xlabel("broadcast length (hours)")
            left.set_ylabel("average share still watching")
            right.set_ylabel("CNY per hour")
            right.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
            left.set_title(f"Attention over the broadcast ({_stage_name('retention')})")
            right.set_title(f"Sales and profit per hour ({_stage_name('sales_per_hour')})")
            left.legend(loc="lower left", fontsize=9)
            right.legend(loc="upper right", fontsize=9)
        self.update(curve, hours)

    @property
    def artists(self) -> list:
        """The curves and markers that :meth:`update` moves."""
        return [
            self.retention_line,
            self.retention_dot,
            self.sales_line,
            self.profit_line,
            self.sales_dot,
        ]

    def update(self, curve: pd.DataFrame, hours: float) -> None:
        """Redraw the curves and move the markers to ``hours``."""
        grid = curve["hours"].to_numpy()
        retention = curve["retention"].to_numpy()
        sales = curve["sales_per_hour"].to_numpy()
        self.retention_line.set_data(grid, retention)
        self.sales_line.set_data(grid, sales)
        self.profit_line.set_data(grid, curve["profit_per_hour"].to_numpy())
        self.retention_dot.set_data([hours], [np.interp(hours, grid, retention)])
        self.sales_dot.set_data([hours], [np.interp(hours, grid, sales)])

    def describe(self) -> str:
        """The marked length, the share still watching there, sales and profit per hour there."""
        hours = float(self.retention_dot.get_xdata()[0])
        watching = float(self.retention_dot.get_ydata()[0])
        sales = float(self.sales_dot.get_ydata()[0])
        grid, profit_curve = self.profit_line.get_data()
        profit = float(np.interp(hours, grid, profit_curve))
        sales_grid, sales_curve = self.sales_line.get_data()
        peak = float(np.asarray(sales_grid)[int(np.argmax(sales_curve))])
        return (
            f"Broadcast length, two charts. At the marked {hours:.1f} hours: on average "
            f"{percent(watching)} of viewers still watching; "
            f"sales {signed(sales, 'CNY per hour')}; "
            f"profit {signed(profit, 'CNY per hour')}, {'a loss' if profit < 0 else 'a profit'}. "
            f"Sales per hour are highest at {peak:.1f} hours"
        )


def plot_broadcast_length(
    curve: pd.DataFrame, *, hours: float = 2.0, axes: Sequence[Axes] | None = None
) -> Sequence[Axes]:
    """Draw retention and sales per hour against broadcast length (Li 2021, Discussion).

    Parameters
    ----------
    curve : pandas.DataFrame
        From :func:`livekit.path.broadcast_length_curve`.
    hours : float
        Length to mark.
    axes : pair of Axes, optional

    Returns
    -------
    pair of Axes
    """
    if axes is None:
        import matplotlib.pyplot as plt

        with kit_style():
            _, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    LengthChart(axes, curve, hours)
    return axes


class PriceChart(Chart):
    """Profit against price, for price-only competition and for the current differentiation.

    Parameters
    ----------
    ax : Axes
    reference : pandas.DataFrame
        :func:`livekit.path.profit_by_price` at differentiation 0 (drawn once, grey).
    curve : pandas.DataFrame
        The same at the current differentiation.
    price : float
        The current price, marked.
    ylim : (float, float), optional
    rivals_price : float, optional
        Marked with a vertical line.
    """

    def __init__(
        self,
        ax: Axes,
        reference: pd.DataFrame,
        curve: pd.DataFrame,
        price: float,
        *,
        ylim: tuple[float, float] | None = None,
        rivals_price: float | None = None,
    ) -> None:
        self.ax = ax
        colour = MODULE_COLORS[canvas.stage_of("differentiation")]
        with kit_style():
            ax.plot(
                reference["price"],
                reference["profit"],
                ":",
                color=MUTED_TEXT,
                linewidth=1.8,
                label="no differentiation (price-only)",
            )
            (self.line,) = ax.plot(
                curve["price"],
                curve["profit"],
                color=colour,
                linewidth=2.5,
                label="your differentiation",
            )
            (self.dot,) = ax.plot(
                [price], [0], "o", color=colour, markersize=9, markeredgecolor="black"
            )
            if rivals_price is not None:
                ax.axvline(rivals_price, color=LINE_COLORS["outline"], linewidth=1)
                ax.text(
                    rivals_price,
                    0.02,
                    " rivals' price",
                    transform=ax.get_xaxis_transform(),
                    fontsize=9,
                    color=MUTED_TEXT,
                )
            ax.axhline(0, color="black", linewidth=0.8)
            if ylim is not None:
                ax.set_ylim(*ylim)
            ax.set_xlim(float(curve["price"].min()), float(curve["price"].max()))
            ax.set_xlabel("price (CNY per item)")
            ax.set_ylabel("profit (CNY)")
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
            ax.set_title(f"Profit at each price ({_stage_name('profit')})")
            ax.legend(loc="upper right", fontsize=9)
        self.update(curve, price)

    @property
    def artists(self) -> list:
        """The current curve and its marker."""
        return [self.line, self.dot]

    def update(self, curve: pd.DataFrame, price: float) -> None:
        """Redraw the curve for a new differentiation and move the marker to ``price``."""
        prices, profit = curve["price"].to_numpy(), curve["profit"].to_numpy()
        self.line.set_data(prices, profit)
        self.dot.set_data([price], [np.interp(price, prices, profit)])

    def describe(self) -> str:
        """The marked price and its profit (and sign), and the best price on each curve."""
        price = float(self.dot.get_xdata()[0])
        profit = float(self.dot.get_ydata()[0])
        prices, curve = (np.asarray(a, float) for a in self.line.get_data())
        best = int(np.argmax(curve))
        text = (
            f"{chart_title(self.ax, 'Profit at each price')}: at the marked price of "
            f"{price:,.2f} CNY the profit is {signed(profit)}, "
            f"{'a loss' if profit < 0 else 'a profit'}. With your differentiation the most "
            f"profitable price is {prices[best]:,.2f} CNY (profit {signed(curve[best])})"
        )
        for line in self.ax.lines:
            if line.get_label().startswith("no differentiation"):
                ref_prices, ref = (np.asarray(a, float) for a in line.get_data())
                k = int(np.argmax(ref))
                text += (
                    f"; with price-only competition, {ref_prices[k]:,.2f} CNY "
                    f"(profit {signed(ref[k])})"
                )
        return text


def plot_profit_by_price(
    reference: pd.DataFrame, curve: pd.DataFrame, *, price: float = 99.0, ax: Axes | None = None
) -> Axes:
    """Draw profit against price for price-only competition and a differentiated scenario.

    Parameters
    ----------
    reference, curve : pandas.DataFrame
        From :func:`livekit.path.profit_by_price` at differentiation 0 and at another value.
    price : float
        Price to mark.
    ax : Axes, optional

    Returns
    -------
    Axes
    """
    ax = axes_for(ax, size=(6, 3.6))
    PriceChart(ax, reference, curve, price)
    return ax


class BuyerMixChart(Chart):
    """One stacked bar: the share of price-sensitive and value-sensitive buyers.

    Parameters
    ----------
    ax : Axes
    value_share : float, 0 to 1
        Share of value-sensitive buyers (the differentiation).
    """

    def __init__(self, ax: Axes, value_share: float) -> None:
        self.ax = ax
        with kit_style():
            self.price_bar = ax.barh(
                [0],
                [1.0],
                height=0.5,
                color=OKABE_ITO["grey"],
                edgecolor="black",
                hatch="\\\\",
                label="price-sensitive (functional value)",
            )[0]
            self.value_bar = ax.barh(
                [0],
                [0.0],
                height=0.5,
                color=MODULE_COLORS[canvas.stage_of("value_sensitive_share")],
                edgecolor="black",
                label="value-sensitive (cultural value)",
            )[0]
            self.price_text = ax.text(
                0, 0, "", ha="center", va="center", fontsize=10, fontweight="bold"
            )
            self.value_text = ax.text(
                0, 0, "", ha="center", va="center", fontsize=10, fontweight="bold", color="black"
            )
            ax.set_xlim(0, 1)
            ax.set_ylim(-0.5, 1.1)
            ax.set_yticks([])
            ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
            ax.set_xlabel("share of buyers")
            ax.set_title(f"Who buys ({_stage_name('value_sensitive_share')})")
            ax.legend(loc="upper center", fontsize=9, ncol=1, frameon=False)
        self.update(value_share)

    @property
    def artists(self) -> list:
        """The two bar segments and their labels."""
        return [self.price_bar, self.value_bar, self.price_text, self.value_text]

    def update(self, value_share: float) -> None:
        """Split the bar at ``value_share`` (0 to 1)."""
        price_share = 1.0 - value_share
        self.price_bar.set_width(price_share)
        self.value_bar.set_x(price_share)
        self.value_bar.set_width(value_share)
        self.price_text.set_position((price_share / 2, 0))
        self.price_text.set_text(f"{price_share:.0%}" if price_share >= 0.1 else "")
        self.value_text.set_position((price_share + value_share / 2, 0))
        self.value_text.set_text(f"{value_share:.0%}" if value_share >= 0.1 else "")

    def describe(self) -> str:
        """The two shares of buyers the bar shows now."""
        price_share = float(self.price_bar.get_width())
        value_share = float(self.value_bar.get_width())
        return (
            f"{chart_title(self.ax, 'Who buys')}: {percent(price_share)} price-sensitive buyers "
            f"(functional value), {percent(value_share)} value-sensitive buyers (cultural value)"
        )


class IntegrationChart(Chart):
    """The delivery-stage parameters with integration switches, as a share of their baseline.

    Parameters
    ----------
    ax : Axes
    baseline, current : pandas.Series
        From :func:`livekit.path.delivery_parameters` with all switches off, and now.
    """

    _ROWS = (
        ("conversion_factor", "Conversion factor"),
        ("return_rate", "Return rate"),
        ("courier_share", "Parcels a courier carries"),
        ("logistics_per_parcel", "Logistics cost per parcel"),
    )

    def __init__(self, ax: Axes, baseline: pd.Series, current: pd.Series) -> None:
        self.ax = ax
        self.baseline = baseline
        with kit_style():
            y = np.arange(len(self._ROWS))[::-1]
            self.bars = list(
                ax.barh(
                    y,
                    [1.0] * len(y),
                    height=0.6,
                    color=MODULE_COLORS[canvas.stage_of("pickup_offline")],
                    edgecolor="black",
                    linewidth=0.8,
                )
            )
            ax.axvline(1.0, color="black", linewidth=1, linestyle="--")
            ax.text(1.0, len(y) - 0.45, " all switches off = 100%", fontsize=9, va="bottom")
            ax.set_yticks(y, [label for _, label in self._ROWS])
            ax.set_xlim(0, 1.5)
            ax.set_ylim(-0.6, len(y) - 0.1)
            ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
            ax.set_xlabel("value as a share of the value without integration")
            ax.set_title(f"The integration switches' effects ({_stage_name('pickup_offline')})")
            self.labels = [ax.text(0, yy, "", va="center", fontsize=9) for yy in y]
        self.update(current)

    @property
    def artists(self) -> list:
        """The four bars and their labels."""
        return [*self.bars, *self.labels]

    def update(self, current: pd.Series) -> None:
        """Set each bar to the current value as a share of the baseline."""
        for bar, label, (key, _) in zip(self.bars, self.labels, self._ROWS):
            base = float(self.baseline[key])
            share = float(current[key]) / base if base > 0 else 1.0
            bar.set_width(share)
            label.set_x(min(share, 1.35) + 0.02)
            label.set_text(f"{share:.0%}")

    def describe(self) -> str:
        """Each delivery-stage parameter as a share of its value without integration."""
        rows = [
            f"{label.lower()} {percent(bar.get_width())}"
            for bar, (_, label) in zip(self.bars, self._ROWS)
        ]
        return (
            f"{chart_title(self.ax, 'Delivery-stage parameters')}, each as a share of its value "
            f"with every integration switch off (100%): {join_words(rows)}"
        )


def plot_buyer_mix(value_share: float, *, ax: Axes | None = None) -> Axes:
    """Draw who buys: the shares of price-sensitive and value-sensitive buyers, as one bar.

    Parameters
    ----------
    value_share : float, 0 to 1
        Share of value-sensitive buyers (the model's ``differentiation``).
    ax : Axes, optional
        Where to draw; a new pyplot figure if omitted.

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_buyer_mix(0.3)
    >>> sorted(t.get_text() for t in ax.texts)
    ['30%', '70%']
    """
    value_share = check_number("value_share", value_share, low=0.0, high=1.0)
    ax = axes_for(ax, size=(4, 2.6))
    BuyerMixChart(ax, value_share)
    return ax


def plot_integration(
    current: pd.Series, *, baseline: pd.Series | None = None, ax: Axes | None = None
) -> Axes:
    """Draw the delivery-stage parameters under integration, each as a share of its baseline.

    Parameters
    ----------
    current : pandas.Series
        From :func:`livekit.path.delivery_parameters` with some integration switches on.
    baseline : pandas.Series, optional
        The same with every switch off (the default).
    ax : Axes, optional
        Where to draw; a new pyplot figure if omitted.

    Returns
    -------
    Axes

    Examples
    --------
    >>> from livekit import path
    >>> ax = plot_integration(path.delivery_parameters(pickup_offline=True))
    >>> [bar.get_width() for bar in ax.patches]  # the third: parcels a courier carries
    [1.0, 1.0, 0.7, 1.0]
    """
    baseline = path.delivery_parameters() if baseline is None else baseline
    for name, series in (("current", current), ("baseline", baseline)):
        if not isinstance(series, pd.Series):
            raise TypeError(
                f"{name} must be the pandas Series returned by path.delivery_parameters(), "
                f"got {type(series).__name__}"
            )
        missing = [key for key, _ in IntegrationChart._ROWS if key not in series.index]
        if missing:
            raise ValueError(
                f"{name} is missing {missing}; pass what path.delivery_parameters() returns"
            )
    ax = axes_for(ax, size=(6, 3.2))
    IntegrationChart(ax, baseline, current)
    return ax
