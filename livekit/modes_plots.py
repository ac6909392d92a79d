"""The picture of the seven live-stream modes: each mode alone against the chosen combination.

One chart, :class:`CombinationChart`, drawn from what :func:`livekit.modes.combine` returns for a
marketing purpose and a set of modes. Its rows, top to bottom:

- the seven modes, each a dashed outline as long as the attraction that mode adds **alone** for
  the purpose (``lift x fit``), filled when the mode is chosen;
- *chosen modes, each alone, added up*: the chosen modes' bars laid end to end (the "1+1");
- *chosen modes together*: the combination's total, with the part the pairs add (a hatched
  yellow "gain" segment) or take away (a hatched outline, "lost": pairs that clash).

A dashed line marks the sum of the modes alone, and a line above the axes gives the verdict
("1+1>2", "1+1=2" or "1+1<2"). Every number is the kit's illustrative assumption
(``data/mode_fit.csv``, ``data/mode_pairs.csv``, ``data/live_modes.csv``); the x-axis says so.
The paper names the seven modes and says well-combined modes reach "1+1>2"; it gives no sizes.

As every updating picture of the kit, the chart is a :class:`livekit.charts.Chart`: built once,
its :attr:`~CombinationChart.artists` are the parts that move, :meth:`~CombinationChart.update`
moves them; :func:`plot_combination` is the thin ``plot_x(data, *, ax=None)`` wrapper.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import canvas, modes
from .charts import Chart, axes_for, join_words
from .style import LINE_COLORS, MODULE_COLORS, OKABE_ITO, kit_style
from .vocab import MODULE_NAMES

__all__ = ["CombinationChart", "plot_combination", "check_combination", "COMBINATION_KEYS"]

#: The keys a result of :func:`livekit.modes.combine` carries (what the chart reads).
COMBINATION_KEYS = ("purpose", "modes", "alone", "pairs", "sum_alone", "total", "gain", "verdict")

_GAIN = OKABE_ITO["yellow"]
_LOSS = OKABE_ITO["reddish_purple"]
_NOT_CHOSEN_EDGE = LINE_COLORS["outline"]
_ROW_SUM, _ROW_TOGETHER = 0.9, 0.0
_STEP = 0.25  # the x-axis ends on a multiple of this (attraction units)


def check_combination(result: Any) -> dict:
    """Return ``result`` if it is what :func:`livekit.modes.combine` returns, else raise.

    Parameters
    ----------
    result : dict
        From :func:`livekit.modes.combine`.

    Returns
    -------
    dict
        ``result`` itself.

    Raises
    ------
    TypeError
        If ``result`` is not a dict.
    ValueError
        If keys of :data:`COMBINATION_KEYS` are missing.
    """
    if not isinstance(result, dict):
        raise TypeError(
            "result must be the dict returned by modes.combine(purpose, modes), got "
            f"{type(result).__name__}"
        )
    missing = [key for key in COMBINATION_KEYS if key not in result]
    if missing:
        raise ValueError(
            f"result is missing {missing}; pass what modes.combine(purpose, modes) returns"
        )
    return result


def _alone_for(purpose: str) -> dict[str, float]:
    """What every mode adds alone for ``purpose`` (the kit's ``lift x fit``)."""
    fit = modes.mode_fit(purpose)
    return {m: float(v) for m, v in zip(fit["mode"], fit["alone"])}


def _verdict_text(result: Mapping[str, Any]) -> str:
    n = len(result["modes"])
    if n == 0:
        return "no mode chosen"
    if n == 1:
        return "one mode: add a second"
    return result["verdict"]


class CombinationChart(Chart):
    """Each live-stream mode alone against the chosen combination, for one marketing purpose.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    result : dict
        From :func:`livekit.modes.combine`.
    alone_all : mapping of str to float, optional
        What every one of the seven modes adds alone for the purpose (attraction units), to show
        the modes not chosen; read from :func:`livekit.modes.mode_fit` if omitted.
    legend : bool, default True
        Draw the legend to the right of the axes (leave room for it, about 2.6 inches).

    Attributes
    ----------
    outlines, mode_labels : list
        Per mode, in the paper's order: a dashed outline as long as what the mode adds alone for
        the purpose, and that number. They change only with the purpose (see :attr:`look`).
    mode_bars : list
        Per mode, the filled bar of a chosen mode (width 0 when the mode is not chosen).
    sum_segments : list
        The chosen modes' bars laid end to end on the "added up" row.
    together_bar, change_bar : Rectangle
        The combination's total (up to the smaller of total and sum) and the part the pairs add
        or take away.
    sum_line : Line2D
        The sum of the modes alone, across the two bottom rows.
    purpose_text, verdict_text, sum_label, together_label : Text

    Notes
    -----
    The outlines, their numbers and the purpose line are static for one purpose, so a slider view
    can cache one background per :attr:`look` (:meth:`livekit.views.FastFigure.show_look`) and
    paint only the chosen bars, the two bottom rows and the verdict on each move. The attraction
    axis ends on a multiple of 0.25 that holds every bar with room for its label; it grows as
    soon as a bar needs more room and shrinks only when everything fits in half of it.
    """

    def __init__(
        self,
        ax: Axes,
        result: dict,
        *,
        alone_all: Mapping[str, float] | None = None,
        legend: bool = True,
    ) -> None:
        check_combination(result)
        table = modes.mode_table()
        stage = canvas.stage_of("modes")  # the stage map: choosing modes is the key business
        chosen_colour = MODULE_COLORS[stage]
        self.ax = ax
        self.modes = tuple(table["mode"])
        self._purpose_names = dict(zip(modes.purposes()["purpose"], modes.purposes()["name"]))
        n = len(self.modes)
        rows = [n + 0.8 - i for i in range(n)]
        with kit_style():
            self.outlines = list(
                ax.barh(
                    rows,
                    [0.0] * n,
                    height=0.7,
                    color="white",
                    edgecolor=_NOT_CHOSEN_EDGE,
                    linestyle="--",
                    linewidth=1.0,
                )
            )
            self.mode_bars = list(
                ax.barh(
                    rows,
                    [0.0] * n,
                    height=0.7,
                    color=chosen_colour,
                    edgecolor="black",
                    linewidth=1.0,
                )
            )
            self.mode_labels = [ax.text(0, y, "", va="center", ha="left", fontsize=9) for y in rows]
            self.sum_segments = list(
                ax.barh(
                    [_ROW_SUM] * n,
                    [0.0] * n,
                    height=0.7,
                    color=chosen_colour,
                    edgecolor="white",
                    linewidth=1.5,
                )
            )
            self.together_bar = ax.barh(
                [_ROW_TOGETHER],
                [0.0],
                height=0.7,
                color=chosen_colour,
                edgecolor="black",
                linewidth=0.8,
            )[0]
            self.change_bar = ax.barh([_ROW_TOGETHER], [0.0], height=0.7, linewidth=1.2)[0]
            self.sum_line = Line2D(
                [0, 0],
                [_ROW_TOGETHER - 0.45, _ROW_SUM + 0.45],
                color="black",
                linestyle="--",
                linewidth=1.2,
            )
            ax.add_line(self.sum_line)
            self.sum_label = ax.text(0, _ROW_SUM, "", va="center", ha="left", fontsize=9)
            self.together_label = ax.text(
                0, _ROW_TOGETHER, "", va="center", ha="left", fontsize=9, fontweight="bold"
            )
            self.purpose_text = ax.text(
                0, 1.09, "", transform=ax.transAxes, fontsize=10, va="bottom"
            )
            self.verdict_text = ax.text(
                0, 1.02, "", transform=ax.transAxes, fontsize=12, va="bottom", fontweight="bold"
            )
            ax.axhline(_ROW_SUM + 0.55, color=LINE_COLORS["outline"], linewidth=0.8)
            ax.set_yticks(
                [*rows, _ROW_SUM, _ROW_TOGETHER],
                [*table["name"], "chosen modes, each alone,\nadded up", "chosen modes together"],
            )
            ax.set_ylim(_ROW_TOGETHER - 0.55, rows[0] + 0.55)
            ax.set_xlabel(
                "attraction added (the kit's illustrative units; the paper gives no sizes)"
            )
            ax.xaxis.set_major_formatter(lambda v, _: f"{v:.2f}")
            if legend:
                handles = [
                    Patch(
                        facecolor=chosen_colour,
                        edgecolor="black",
                        label=f"a chosen mode ({MODULE_NAMES[stage].lower()})",
                    ),
                    Patch(
                        facecolor="white",
                        edgecolor=_NOT_CHOSEN_EDGE,
                        linestyle="--",
                        label="what a mode adds alone\nfor this purpose",
                    ),
                    Patch(
                        facecolor=_GAIN,
                        edgecolor="black",
                        hatch="++",
                        label="gain: pairs that\nreinforce each other",
                    ),
                    Patch(
                        facecolor="white",
                        edgecolor=_LOSS,
                        hatch="xx",
                        label="lost: pairs that clash",
                    ),
                    Line2D(
                        [], [], color="black", linestyle="--", label="the modes alone, added up"
                    ),
                ]
                ax.legend(
                    handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False
                )
        self._limit: float | None = None
        self._purpose: str | None = None
        self.update(result, alone_all)

    @property
    def artists(self) -> list:
        """What moves when modes are switched: chosen bars, the two bottom rows, the verdict."""
        return [
            *self.mode_bars,
            *self.sum_segments,
            self.together_bar,
            self.change_bar,
            self.sum_line,
            self.sum_label,
            self.together_label,
            self.verdict_text,
        ]

    @property
    def look(self) -> tuple[str, float]:
        """What the static parts show now: the purpose and the end of the attraction axis."""
        return (self._purpose, self._limit)

    @staticmethod
    def limit_for(result: Mapping[str, Any], alone_all: Mapping[str, float]) -> float:
        """The right end of the attraction axis that holds ``result`` with room for labels."""
        widest = max([result["total"], result["sum_alone"], *alone_all.values(), 0.0])
        return max(0.5, _STEP * math.ceil(widest * 1.45 / _STEP - 1e-9))

    def update(self, result: dict, alone_all: Mapping[str, float] | None = None) -> bool:
        """Show a new combination; return True if a static part (purpose or axis) changed.

        Parameters
        ----------
        result : dict
            From :func:`livekit.modes.combine`.
        alone_all : mapping of str to float, optional
            What every mode adds alone for ``result["purpose"]`` (read from the data if omitted).
        """
        alone_all = _alone_for(result["purpose"]) if alone_all is None else alone_all
        wanted = self.limit_for(result, alone_all)
        before = self.look
        if self._limit is None or wanted > self._limit or wanted <= self._limit / 2:
            self._limit = wanted
            self.ax.set_xlim(0, wanted)
        pad = 0.01 * self._limit
        if self.look != before or result["purpose"] != self._purpose:
            self._purpose = result["purpose"]
            for mode, outline, label in zip(self.modes, self.outlines, self.mode_labels):
                width = float(alone_all[mode])
                outline.set_width(width)
                label.set_x(width + pad)
                label.set_text(f"{width:.2f}")
            name = self._purpose_names.get(self._purpose, self._purpose)
            self.purpose_text.set_text(f"Purpose: {name}. What the kit's model says:")
        chosen = set(result["modes"])
        left = 0.0
        for mode, bar, segment in zip(self.modes, self.mode_bars, self.sum_segments):
            width = float(alone_all[mode]) if mode in chosen else 0.0
            bar.set_width(width)
            segment.set_x(left)
            segment.set_width(width)
            left += width
        total, added_up = float(result["total"]), float(result["sum_alone"])
        self.together_bar.set_width(max(0.0, min(total, added_up)))
        self.change_bar.set_x(min(total, added_up))
        self.change_bar.set_width(abs(total - added_up))
        if total >= added_up:
            self.change_bar.set_facecolor(_GAIN)
            self.change_bar.set_edgecolor("black")
            self.change_bar.set_hatch("++")
        else:
            self.change_bar.set_facecolor("white")
            self.change_bar.set_edgecolor(_LOSS)
            self.change_bar.set_hatch("xx")
        self.sum_line.set_xdata([added_up, added_up])
        self.sum_line.set_visible(len(chosen) >= 2)
        self.sum_label.set_x(added_up + pad)
        self.sum_label.set_text(f"{added_up:.3f}")
        self.together_label.set_x(max(total, added_up) + pad)
        gain = float(result["gain"])
        self.together_label.set_text(
            f"{total:.3f} ({gain:+.3f})" if len(chosen) >= 2 else f"{total:.3f}"
        )
        self.verdict_text.set_text(_verdict_text(result))
        return self.look != before

    def describe(self) -> str:
        """The purpose, the chosen modes (each one alone), their sum, the total and the verdict."""
        names = [t.get_text() for t in self.ax.get_yticklabels()][: len(self.modes)]
        chosen = [
            f"{name} ({bar.get_width():.2f} alone)"
            for name, bar in zip(names, self.mode_bars)
            if bar.get_width() > 0
        ]
        purpose = self.purpose_text.get_text().split(". What", 1)[0].strip()
        verdict = self.verdict_text.get_text()
        if not chosen:
            return f"{purpose}. No mode chosen: {verdict}"
        return (
            f"{purpose}. Chosen modes: {join_words(chosen)}. Each alone, added up: "
            f"{self.sum_label.get_text()}; together: {self.together_label.get_text()}. "
            f"Verdict: {verdict}"
        )


def plot_combination(result: dict, *, ax: Axes | None = None) -> Axes:
    """Draw each live-stream mode alone against a combination, for one marketing purpose.

    Parameters
    ----------
    result : dict
        From :func:`livekit.modes.combine`.
    ax : Axes, optional
        Where to draw; a new pyplot figure (with room for the legend) if omitted.

    Returns
    -------
    Axes

    Examples
    --------
    >>> from livekit import modes
    >>> ax = plot_combination(modes.combine("trust", ["value", "contrast"]))
    >>> ax.texts[-1].get_text()  # the verdict line
    '1+1>2'
    """
    check_combination(result)
    new = ax is None
    ax = axes_for(ax, size=(10, 4.6))
    if new:
        ax.figure.subplots_adjust(left=0.2, right=0.7, top=0.84, bottom=0.12)
    CombinationChart(ax, result)
    return ax
