"""Real cases: reported figures for named anchors, and what the paper says of each platform.

Two tables feed this module, both in ``data/`` and documented in ``data/README.md``:

- ``live_commerce_facts.csv``: figures reported by news outlets for well-known anchors (Li Jiaqi,
  Viya, Cherie, Luo Yonghao), one figure a row, each with the page that reported it. Where outlets
  disagree the table holds both figures, and so does every function here: nothing is averaged or
  picked. ``case_outlets.csv`` names the outlet behind each web address.
- ``platform_cases.csv``: for Taobao Live, Douyin, JD and Amazon Live, what the paper says of the
  platform (the kit's paraphrase, with the section).

No number here is the kit's. A reported figure is what an outlet reported, not an audited one; a
single session is a single session (not a year). Anything a later view must *assume* to place an
anchor on the seller map (watch time, conversion, ...) is listed as missing, for the view to
label as the kit's. One reported figure may *stand in* for a map metric, labelled so: an event's
cumulative viewers for audience reach (the map's average concurrent viewers), a larger measure
(every visit counts, a returning viewer each time).
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from . import seller_data, seller_metrics
from . import sellers as S
from ._checks import check_choice, check_number
from .data import load
from .seller_metrics import format_metric

__all__ = [
    "facts",
    "anchor_sales",
    "map_anchors",
    "place_anchors",
    "classify_anchors",
    "platform_cases",
    "platform_case",
    "platform_facts",
    "amount_text",
    "format_cny",
    "ASSUMED_PERCENTILE",
]

#: The seller-map metrics (``data/sellers.csv``) no source in the kit reports for a real anchor.
UNREPORTED_METRICS = (
    "celebrity",
    "annual_sales_cny",
    "avg_viewers",
    "watch_minutes",
    "engagement",
    "conversion",
)


def _outlet(url: str, outlets: dict[str, str]) -> str:
    host = urlparse(url).netloc.lower()
    return outlets.get(host, host)


def facts() -> pd.DataFrame:
    """Every reported figure, with the outlet that reported it.

    Returns
    -------
    pandas.DataFrame
        The columns of ``data/live_commerce_facts.csv`` (``anchor``, ``platform``, ``event``,
        ``date``, ``metric``, ``value``, ``unit``, ``source``, ``note``) plus ``reported_by``, the
        outlet's name (from ``data/case_outlets.csv``; the web host where the outlet is not listed).
    """
    table = load("live_commerce_facts").reset_index(drop=True)
    outlets = dict(zip(*load("case_outlets")[["domain", "outlet"]].T.values))
    table["reported_by"] = [_outlet(u, outlets) for u in table["source"]]
    return table


def format_cny(value: float) -> str:
    """A CNY amount in words read at a glance: ``10.65 billion CNY``, ``110 million CNY``.

    Parameters
    ----------
    value : float
        An amount in CNY, 0 or more.

    Returns
    -------
    str
        The amount in billions or millions (up to two decimals, trailing zeros dropped), or as a
        whole number below one million.

    Raises
    ------
    ValueError
        If ``value`` is negative or not a finite number.
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float, np.integer, np.floating))
        or not np.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"value must be a finite amount of CNY, 0 or more, got {value!r}")
    return amount_text(value, "CNY")


def amount_text(value: float, unit: str) -> str:
    """A reported figure in words: ``amount_text(1.2e10, "CNY")`` is ``'12 billion CNY'``."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:.2f}".rstrip("0").rstrip(".") + f" {word} {unit}"
    return f"{value:,.0f} {unit}"


def anchor_sales() -> pd.DataFrame:
    """Reported sales, one row per anchor and event, with every outlet's figure kept.

    Returns
    -------
    pandas.DataFrame
        ``anchor``, ``platform``, ``event``, ``date``, ``low`` and ``high`` (the smallest and
        largest reported figure, CNY; equal when one outlet reports it), ``reported`` (each
        figure with its outlet, e.g. ``10.65 billion CNY (Jiemian); 12 billion CNY (Jing Daily)``),
        ``sources_disagree`` (bool), ``sources`` (the web addresses, ``'; '``-separated) and
        ``notes``. Sorted by the largest figure.
    """
    table = facts()
    sales = table[table["metric"] == "sales"]
    rows = []
    for (anchor, platform, event, date), group in sales.groupby(
        ["anchor", "platform", "event", "date"], sort=False
    ):
        notes = [n for n in group["note"] if isinstance(n, str) and n.strip()]
        rows.append(
            {
                "anchor": anchor,
                "platform": platform,
                "event": event,
                "date": date,
                "low": float(group["value"].min()),
                "high": float(group["value"].max()),
                "reported": "; ".join(
                    f"{format_cny(v)} ({o})" for v, o in zip(group["value"], group["reported_by"])
                ),
                "sources_disagree": group["value"].nunique() > 1,
                "sources": "; ".join(dict.fromkeys(group["source"])),
                "notes": "; ".join(notes),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["high", "anchor"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def map_anchors() -> pd.DataFrame:
    """The real anchors in a form the seller evaluation map can use, reported figures only.

    One row per anchor. ``followers`` holds the largest follower count an outlet reported (with
    its platform and source) or NaN; ``best_session_low`` / ``best_session_high`` the anchor's
    largest reported single-session sales (both outlets' figures where they disagree);
    ``peak_cumulative_viewers`` the largest reported cumulative audience of one event, or NaN.
    ``missing`` lists the metrics of ``data/sellers.csv`` no source reports: a view that places the
    anchor on the map must assume them and label them as the kit's.

    Returns
    -------
    pandas.DataFrame
        Columns ``seller`` (the anchor's name), ``platforms``, ``followers``,
        ``followers_source``, ``best_session_event``, ``best_session_low``,
        ``best_session_high`` (CNY, one session, not a year), ``best_session_reported``,
        ``peak_cumulative_viewers`` with ``cumulative_viewers_event`` (the event and date of
        that figure, or empty), ``sources`` (every address used), ``missing`` and ``basis``
        (always ``reported``).
    """
    table = facts()
    sales = anchor_sales()
    rows = []
    for anchor, group in table.groupby("anchor", sort=False):
        follow = group[group["metric"] == "followers"].sort_values("value", ascending=False)
        viewers = group[group["metric"] == "cumulative viewers"].sort_values(
            "value", ascending=False
        )
        best = sales[sales["anchor"] == anchor].sort_values("high", ascending=False)
        row = {
            "seller": anchor,
            "platforms": ", ".join(dict.fromkeys(group["platform"])),
            "followers": float(follow["value"].iloc[0]) if len(follow) else np.nan,
            "followers_source": (
                f"{follow['platform'].iloc[0]}, {follow['date'].iloc[0]}, reported by "
                f"{follow['reported_by'].iloc[0]}"
            )
            if len(follow)
            else "",
            "best_session_event": f"{best['event'].iloc[0]}, {best['date'].iloc[0]}"
            if len(best)
            else "",
            "best_session_low": float(best["low"].iloc[0]) if len(best) else np.nan,
            "best_session_high": float(best["high"].iloc[0]) if len(best) else np.nan,
            "best_session_reported": best["reported"].iloc[0] if len(best) else "",
            "peak_cumulative_viewers": float(viewers["value"].iloc[0]) if len(viewers) else np.nan,
            "cumulative_viewers_event": (
                f"{viewers['event'].iloc[0]}, {viewers['date'].iloc[0]}, reported by "
                f"{viewers['reported_by'].iloc[0]}"
            )
            if len(viewers)
            else "",
            "sources": "; ".join(dict.fromkeys(group["source"])),
            "missing": ", ".join(UNREPORTED_METRICS + (() if len(follow) else ("followers",))),
            "basis": "reported",
        }
        rows.append(row)
    out = pd.DataFrame(rows)
    return out.sort_values(
        ["best_session_high", "seller"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def platform_cases() -> pd.DataFrame:
    """What the paper says of each platform it observed.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``chinese``, ``paper_name`` (how the paper writes it), ``facts_platform``
        (its name in ``live_commerce_facts.csv``, empty where the kit has no sourced figure),
        ``paper_says`` (the kit's paraphrase) and ``section``.
    """
    return load("platform_cases").reset_index(drop=True)


def platform_case(platform: str) -> pd.Series:
    """What the paper says of one platform, found by any of its names.

    Parameters
    ----------
    platform : str
        ``"Taobao Live"``, ``"Douyin"``, ``"JD"`` or ``"Amazon Live"`` (also the paper's spelling,
        e.g. ``"Tiktok"``, ``"Jingdong"``, or the Chinese name; any case).

    Returns
    -------
    pandas.Series
        The platform's row of :func:`platform_cases`.

    Raises
    ------
    TypeError
        If ``platform`` is not text.
    ValueError
        If the platform is unknown, naming the four.
    """
    if not isinstance(platform, str):
        raise TypeError(
            f"platform must be text such as 'Taobao Live', got {type(platform).__name__}"
        )
    cases = platform_cases()
    key = platform.strip().casefold()
    match = cases[
        (cases["platform"].str.casefold() == key)
        | (cases["chinese"].str.casefold() == key)
        | cases["paper_name"].str.casefold().str.split(r"[ /()]+").apply(lambda words: key in words)
    ]
    if match.empty:
        names = ", ".join(repr(p) for p in cases["platform"])
        raise ValueError(f"platform {platform!r} is unknown; choose one of {names}")
    return match.iloc[0]


def platform_facts(platform: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reported figures for a platform: its sales rows, then its other figures.

    Parameters
    ----------
    platform : str
        Any name of the platform (see :func:`platform_case`).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Rows of :func:`anchor_sales` for the platform, and rows of :func:`facts` that are not
        sales (viewers, followers); both empty for a platform without sourced figures.
    """
    case = platform_case(platform)
    name = case["facts_platform"] if isinstance(case["facts_platform"], str) else ""
    sales = anchor_sales()
    table = facts()
    if not name:
        return sales.iloc[0:0], table.iloc[0:0]
    return (
        sales[sales["platform"] == name],
        table[(table["platform"] == name) & (table["metric"] != "sales")],
    )


#: The percentile of the teaching set the kit assumes, by default, for a metric no source reports.
ASSUMED_PERCENTILE = 50.0


def place_anchors(
    percentile: float = ASSUMED_PERCENTILE,
    *,
    method: str = "log-minmax",
    reach: bool = False,
    anchors: pd.DataFrame | None = None,
    teach: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Score the real anchors of :func:`map_anchors` against the teaching set.

    What is reported is used: ``followers`` where an outlet reported it, and the best single
    session's sales as ``annual_sales_cny``. **The kit's assumptions**, every one listed in the
    result's ``assumed`` column: a year's sales are at least that one session (the same lower
    bound the teaching set's film-star row uses), and every metric no source reports (listed in
    ``missing``) is set to the teaching set's ``percentile``-th percentile. With ``reach``, an
    anchor's reported cumulative viewers of one event stand in for audience reach (the map's
    average concurrent viewers): a larger measure, labelled so in ``reported``. Where outlets
    report two figures for the session, the anchor is scored twice (``_low`` and ``_high``).

    Parameters
    ----------
    percentile : float, 0-100
        The teaching-set percentile assumed for the unreported metrics (50: its median).
    method : {"log-minmax", "percentile"}
        The normalisation (against the teaching set).
    reach : bool, default False
        Let reported cumulative viewers stand in for average concurrent viewers.
    anchors, teach : DataFrame, optional
        :func:`map_anchors` and :func:`livekit.seller_data.load_sellers`, if already loaded.

    Returns
    -------
    pandas.DataFrame
        One row per anchor: ``seller``, ``label`` (the name, with ``*`` when even followers are
        assumed), ``influence_low``, ``influence_high``, ``attractiveness_low``,
        ``attractiveness_high`` (0-100), ``reported`` and ``assumed`` (text), ``sources``.
    """
    percentile = check_number("percentile", percentile, low=0, high=100)
    check_choice("method", method, S.NORMALISATIONS)
    if not isinstance(reach, bool):
        raise TypeError(f"reach must be True or False, got {type(reach).__name__}")
    teach = seller_data.load_sellers() if teach is None else teach
    anchors = map_anchors() if anchors is None else anchors
    _check_tables(teach, anchors)
    guess = {
        m: float(np.percentile(teach[m].to_numpy(float), percentile))
        for m in seller_metrics.METRICS
        if m in teach.columns
    }
    metrics = [m for m in seller_metrics.METRICS if m in teach.columns and m != "annual_sales_cny"]
    rows, out = [], []
    for _, anchor in anchors.iterrows():
        base, assumed, reported = _anchor_metrics(anchor, guess, metrics, reach)
        for end in ("low", "high"):
            rows.append(
                {
                    "seller": anchor["seller"],
                    **base,
                    "annual_sales_cny": anchor[f"best_session_{end}"],
                }
            )
        out.append(
            {
                "seller": anchor["seller"],
                "label": anchor["seller"] + ("*" if "followers" in assumed else ""),
                "reported": "; ".join(reported),
                "assumed": "; ".join(
                    [
                        *(f"{m} {format_metric(m, v)}" for m, v in assumed.items()),
                        "a year's sales = at least the best session",
                    ]
                ),  # fmt: skip
                "sources": anchor["sources"],
            }
        )
    scored = S.score_sellers(pd.DataFrame(rows), reference=teach, method=method)
    result = pd.DataFrame(out)
    for dim in ("influence", "attractiveness"):
        result[f"{dim}_low"] = scored[dim].to_numpy()[0::2]
        result[f"{dim}_high"] = scored[dim].to_numpy()[1::2]
    return result[_PLACED]


_PLACED = [
    "seller",
    "label",
    "influence_low",
    "influence_high",
    "attractiveness_low",
    "attractiveness_high",
    "reported",
    "assumed",
    "sources",
]


def _check_tables(teach: object, anchors: object) -> None:
    for name, table, needed in (
        ("teach", teach, list(seller_metrics.METRICS)[:1]),
        (
            "anchors",
            anchors,
            ["seller", "followers", "missing", "best_session_low", "best_session_high"],
        ),
    ):
        if not isinstance(table, pd.DataFrame):
            raise TypeError(f"{name} must be a DataFrame, got {type(table).__name__}")
        absent = [col for col in needed if col not in table.columns]
        if absent or table.empty:
            raise ValueError(
                f"{name} must be a non-empty table with columns {needed}; missing {absent}"
            )


def _anchor_metrics(
    anchor: pd.Series, guess: dict[str, float], metrics: list[str], reach: bool
) -> tuple[dict[str, float], dict[str, float], list[str]]:
    """One anchor's map metrics (besides sales), what of them is assumed, and what is reported."""
    missing = [m.strip() for m in str(anchor["missing"]).split(",") if m.strip()]
    viewers = anchor.get("peak_cumulative_viewers", np.nan)
    stand_in = reach and isinstance(viewers, (int, float)) and np.isfinite(viewers)
    assumed = {
        m: guess[m]
        for m in missing
        if m in guess and m != "annual_sales_cny" and not (stand_in and m == "avg_viewers")
    }
    base = {
        m: assumed[m] if m in assumed else float(anchor["followers"])
        for m in metrics
        if m != "avg_viewers" or not stand_in
    }
    if stand_in:
        base["avg_viewers"] = float(viewers)
    reported = [f"best session {anchor['best_session_reported']} ({anchor['best_session_event']})"]
    if "followers" not in assumed:
        reported.insert(
            0,
            f"followers {format_metric('followers', anchor['followers'])} "
            f"({anchor['followers_source']})",
        )
    if isinstance(viewers, (int, float)) and np.isfinite(viewers):
        event = anchor.get("cumulative_viewers_event", "")
        role = (
            "standing in for audience reach (average viewers): a larger measure"
            if stand_in
            else "not a map metric"
        )
        reported.append(
            f"cumulative viewers of one event {format_metric('followers', viewers)} "
            f"({event}; {role})"
        )
    return base, assumed, reported


@lru_cache(maxsize=256)
def _classified(percentile: float, model: str, method: str, reach: bool) -> pd.DataFrame:
    placed = place_anchors(percentile, method=method, reach=reach)
    for end in ("low", "high"):
        placed[f"class_{end}"] = S.classify(
            placed.rename(
                columns={f"influence_{end}": "influence", f"attractiveness_{end}": "attractiveness"}
            ),
            model=model,
        ).astype(str)
    return placed


def classify_anchors(
    percentile: float = ASSUMED_PERCENTILE,
    *,
    model: str = "quadrant",
    method: str = "log-minmax",
    reach: bool = False,
) -> pd.DataFrame:
    """The real anchors placed (:func:`place_anchors`) and put in a class, or tier, at each end.

    Cached on its plain arguments: a slider view returns to the same few settings, so each
    setting is placed and classified once.

    Parameters
    ----------
    percentile : float, 0-100
        The teaching-set percentile assumed for the metrics no source reports.
    model : {"quadrant", "tiered"}
        As in :func:`livekit.sellers.classify` (default thresholds).
    method : {"log-minmax", "percentile"}
    reach : bool
        Let reported cumulative viewers stand in for audience reach.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`place_anchors`, and ``class_low`` and ``class_high``: the class
        (quadrant model) or tier (tiered model) of the lower and the higher reported figure.

    Examples
    --------
    >>> placed = classify_anchors(reach=True)
    >>> placed.set_index("seller").at["Li Jiaqi (Austin Li)", "class_high"]
    'super'
    """
    percentile = check_number("percentile", percentile, low=0, high=100)
    check_choice("model", model, S.MODELS)
    check_choice("method", method, S.NORMALISATIONS)
    if not isinstance(reach, bool):
        raise TypeError(f"reach must be True or False, got {type(reach).__name__}")
    return _classified(float(percentile), model, method, reach).copy()
