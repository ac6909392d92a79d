"""The observable metrics behind the two dimensions of Figure 3, and their weights.

The paper evaluates a seller on anchor influence and audience attractiveness but measures
neither. The kit reads each dimension from observable metrics (followers, viewers, conversion,
...) with illustrative weights: every metric and weight here is the kit's choice, not the paper's.
:mod:`livekit.sellers` scores and classifies with them; :mod:`livekit.seller_data` reads tables
that carry them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._checks import check_choice, check_number

__all__ = [
    "Metric",
    "METRICS",
    "DIMENSIONS",
    "DEFAULT_WEIGHTS",
    "check_weights",
    "default_weights",
    "dataset_weights",
    "format_metric",
]


@dataclass(frozen=True)
class Metric:
    """An observable metric that feeds one of the two scores.

    Attributes
    ----------
    name : str
        Column name in a seller table.
    dimension : {"influence", "attractiveness"}
        Which score it feeds.
    scale : {"log", "linear"}
        ``"log"`` for counts and money (normalised as ``log10(1 + x)``), ``"linear"`` for shares.
    unit : str
        Unit of the raw values.
    label : str
        A short name for axes and sliders.
    high : float or None
        Largest allowed value (1 for shares), or None.
    """

    name: str
    dimension: str
    scale: str
    unit: str
    label: str
    high: float | None = None


#: The metrics the kit knows, by column name. Other columns in a table are ignored.
METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("followers", "influence", "log", "followers", "Followers"),
        Metric("celebrity", "influence", "linear", "0-1 rating", "Celebrity status", 1.0),
        Metric("annual_sales_cny", "influence", "log", "CNY a year", "Past sales (CNY/year)"),
        Metric("avg_viewers", "attractiveness", "log", "viewers", "Average concurrent viewers"),
        Metric(
            "watch_minutes",
            "attractiveness",
            "log",
            "minutes per viewer",
            "Watch time per viewer (min)",
        ),
        Metric(
            "engagement",
            "attractiveness",
            "log",
            "interactions per viewer-hour",
            "Comments + gifts per viewer-hour",
        ),
        Metric(
            "conversion",
            "attractiveness",
            "linear",
            "share of viewers",
            "Conversion (share who buy)",
            1.0,
        ),
        Metric("total_watch_time", "attractiveness", "log", "minutes", "Total watch time (min)"),
    )
}

DIMENSIONS = ("influence", "attractiveness")

#: Kit defaults: illustrative weights, not the paper's. Only metrics present in the data count.
DEFAULT_WEIGHTS: dict[str, float] = {
    "followers": 0.5,
    "celebrity": 0.2,
    "annual_sales_cny": 0.3,
    "avg_viewers": 0.4,
    "watch_minutes": 0.2,
    "engagement": 0.2,
    "conversion": 0.2,
    "total_watch_time": 0.0,
}


def check_weights(weights: Mapping[str, Any], columns) -> dict[str, float]:
    """Check metric weights against a table's columns.

    Parameters
    ----------
    weights : mapping of str to float
        Weight per metric name of :data:`METRICS`, each from 0 to 1e6.
    columns : collection of str
        The table's column names.

    Returns
    -------
    dict of str to float
        The weights as floats.

    Raises
    ------
    TypeError, ValueError
        Naming the metric: an unknown name, a bad weight, a dimension with no weight above 0,
        or a weighted metric missing from the columns.
    """
    if not isinstance(weights, Mapping):
        raise TypeError(
            f"weights must be a mapping {{metric: weight}}, got {type(weights).__name__}"
        )
    clean: dict[str, float] = {}
    for name, w in weights.items():
        check_choice("weights key", name, METRICS)
        clean[name] = check_number(f"weight of {name!r}", w, low=0.0, high=1e6)
    for dim in DIMENSIONS:
        used = {n: w for n, w in clean.items() if METRICS[n].dimension == dim and w > 0}
        if not used:
            listed = [n for n in METRICS if METRICS[n].dimension == dim]
            raise ValueError(
                f"weights for {dim} are all zero (or name no metric of it): give at least one of "
                f"{listed} a weight above 0"
            )
        missing = [n for n in used if n not in columns]
        if missing:
            raise ValueError(
                f"column {missing[0]!r} is missing but has {dim} weight {used[missing[0]]:g}; "
                f"the data has {list(columns)}"
            )
    return clean


def default_weights(columns) -> dict[str, float]:
    """The kit's default weights restricted to the metrics among ``columns``.

    Parameters
    ----------
    columns : collection of str
        Column names of a seller table.

    Returns
    -------
    dict of str to float
        Weight per metric present; a dimension whose present metrics all weigh 0 gives its first
        one weight 1.

    Raises
    ------
    ValueError
        Naming the dimension, if no column measures it.

    Examples
    --------
    >>> default_weights(["followers", "avg_viewers"])
    {'followers': 0.5, 'avg_viewers': 0.4}
    """
    present = [n for n in METRICS if n in columns]
    weights = {n: DEFAULT_WEIGHTS[n] for n in present}
    for dim in DIMENSIONS:
        mine = [n for n in present if METRICS[n].dimension == dim]
        if not mine:
            listed = [n for n in METRICS if METRICS[n].dimension == dim]
            raise ValueError(
                f"the data has no {dim} metric: it needs at least one column of {listed}"
            )
        if sum(weights[n] for n in mine) == 0:
            weights[mine[0]] = 1.0
    return weights


def dataset_weights(data: pd.DataFrame) -> dict[str, float]:
    """The kit's default weights restricted to the metrics a table has.

    Parameters
    ----------
    data : DataFrame
        A seller table; only its column names are used.

    Returns
    -------
    dict of str to float
        Weight per metric present. A dimension whose default metrics all have weight 0 (e.g.
        only ``total_watch_time``) gives its first present metric weight 1.

    Raises
    ------
    ValueError
        Naming the dimension, if the table has no metric for it.
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a DataFrame of sellers, got {type(data).__name__}")
    return default_weights(data.columns)


def format_metric(metric: str, value: float) -> str:
    """A metric's raw value in words a student reads at a glance.

    Parameters
    ----------
    metric : str
        A name of :data:`METRICS`.
    value : float
        The raw value, in the metric's unit.

    Returns
    -------
    str
        Shares as percentages (celebrity as a 0-1 rating), large counts and money in millions
        or billions.

    Examples
    --------
    >>> format_metric("followers", 40_000_000), format_metric("conversion", 0.034)
    ('40.0 million', '3.4%')
    """
    check_choice("metric", metric, METRICS)
    value = check_number("value", value, low=0.0)
    if METRICS[metric].high == 1.0:
        return f"{value:.2f}" if metric == "celebrity" else f"{100 * value:.1f}%"
    if value >= 1e9:
        return f"{value / 1e9:.1f} billion"
    if value >= 1e6:
        return f"{value / 1e6:.1f} million"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
