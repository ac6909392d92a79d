"""The innovation path of live marketing, and a transparent model from traffic to profit.

Li (2021) describes live marketing as a path through four value stages (its Figure 4): the
**value proposition** (what is offered, to whom, at what price), **value creation** (the
resources, activities and partners that make the offer real), **value delivery** (the channel
and the relationship that bring it to the buyer) and **value capture** (revenue minus costs).
The stages and the canvas blocks that express them are read from ``data/value_modules.csv`` and
``data/canvas_blocks.csv``, the same files notebook 1 uses, and the stage of every lever and
quantity from the kit's one stage map, ``data/value_stages.csv`` (see
:func:`livekit.canvas.value_stages`). The live-marketing process of the paper's Figure 2 is
``data/flow_steps.csv``; the seven live-stream modes are ``data/live_modes.csv``, combined by
the kit's one synergy rule (:func:`livekit.modes.combine_effects`).

The paper is qualitative. The kit turns its chain of causes into a small model, every parameter
of which is listed, with its default, range and provenance, in ``data/path_parameters.csv``
(and with its stage in ``data/value_stages.csv``)::

    traffic   = traffic_per_hour x hours                                   (creation)
    viewers   = traffic x (reach_base + reach_influence x anchor_influence) (creation)
    engaged   = viewers x retention x engagement_cap x (1 - exp(-attraction)) (delivery)
                attraction = content_quality x (1 + mode boost)
                mode boost = the chosen modes' lifts, each at full fit, added up, plus for
                             every pair its synergy x the weaker lift (livekit.modes)
                retention  = average share still watching over the broadcast:
                             (1 - exp(-x)) / x with x = boredom_rate x (1 - variety) x hours
    orders    = engaged x min(1, conversion x demonstration_lift x price response [x COD lift])
                price response = (1 - d) exp(-s_p r) + d exp(-s_v r), r = price / rivals' price - 1,
                d = differentiation (the share of value-sensitive buyers)
    returned  = orders x return rate (lowered or raised by the integration switches)
    kept      = orders - returned                                           (delivery)
    revenue   = sales (kept x price) + gifts (engaged x gifts_per_engaged)  (capture)
    costs     = product + live broadcast + packaging + logistics + wages    (the paper's five)
    profit    = revenue - costs                                             (capture)

Counts are expected values (they need not be whole). Every amount of money is rounded to the
cent (round half to even) *before* it is added up, in whole cents, so that profit equals
revenue minus costs exactly, to the cent.

Every amount of money is value capture: Table 1 files the revenue streams and the cost
structure there, and so does the stage map. The levers that *set* a cost sit with the canvas
block that money is paid to or for, on the paper's cost chain: the product cost per item with
the key partners (the manufacturer), the logistics cost per parcel with the key partners (the
logistics company), packaging and wages with the key activities, the broadcast with the key
resources, all value creation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from . import canvas
from . import modes as mode_model
from ._checks import check_bool, check_choice, check_number
from .data import load
from .vocab import CHANNELS, STAGES

__all__ = [
    "STAGES",
    "CHANNELS",
    "DEFAULT_MODES",
    "QUANTITIES",
    "path_stages",
    "flow_steps",
    "parameter_table",
    "default_parameters",
    "differing_parameters",
    "check_parameters",
    "average_retention",
    "engaged_share",
    "price_response",
    "delivery_parameters",
    "simulate",
    "describe",
    "funnel",
    "money_flow",
    "stage_totals",
    "compare_channels",
    "broadcast_length_curve",
    "profit_by_price",
]

#: The modes chosen when none are given: value marketing plus an interview.
DEFAULT_MODES = ("value", "interview")

_FUNNEL = ("traffic", "viewers", "engaged", "orders", "kept_orders")
_COSTS = ("product_cost", "broadcast_cost", "packaging_cost", "logistics_cost", "wages")

#: Every quantity :func:`simulate` returns: label, unit and kind. Its value stage is in the stage
#: map (``data/value_stages.csv``); :func:`describe` shows both.
QUANTITIES = pd.DataFrame(
    [
        ("traffic", "Platform traffic", "people", "funnel"),
        ("viewers", "Viewers", "people", "funnel"),
        ("mode_boost", "Boost from live-stream modes", "added attraction", "driver"),
        ("attraction", "Attraction of the content", "score", "driver"),
        ("retention", "Average retention", "share of viewers", "driver"),
        ("engaged", "Engaged viewers", "people", "funnel"),
        ("price", "Price", "CNY per item", "driver"),
        ("value_sensitive_share", "Value-sensitive buyers", "share of buyers", "driver"),
        ("price_response", "Price response", "x conversion", "driver"),
        ("conversion_effective", "Effective conversion", "share of engaged viewers", "driver"),
        ("orders", "Orders", "orders", "funnel"),
        ("return_rate_effective", "Effective return rate", "share of orders", "driver"),
        ("returned", "Returned orders", "orders", "driver"),
        ("kept_orders", "Orders kept", "orders", "funnel"),
        ("parcels", "Courier parcels", "parcels", "driver"),
        ("sales", "Sales", "CNY", "revenue"),
        ("gifts", "Sponsorship and gifts", "CNY", "revenue"),
        ("revenue", "Revenue", "CNY", "total"),
        ("product_cost", "Product cost", "CNY", "cost"),
        ("broadcast_cost", "Live broadcast cost", "CNY", "cost"),
        ("packaging_cost", "Packaging cost", "CNY", "cost"),
        ("logistics_cost", "Logistics cost", "CNY", "cost"),
        ("wages", "Wages", "CNY", "cost"),
        ("total_costs", "Total costs", "CNY", "total"),
        ("profit", "Profit", "CNY", "total"),
        ("sales_per_hour", "Sales per hour", "CNY per hour", "total"),
        ("profit_per_hour", "Profit per hour", "CNY per hour", "total"),
    ],
    columns=["quantity", "label", "unit", "kind"],
)


@lru_cache(maxsize=1)
def _quantities() -> pd.DataFrame:
    """:data:`QUANTITIES` indexed by quantity, with each one's stage from the stage map."""
    table = QUANTITIES.set_index("quantity")
    stages = canvas.value_stages()["stage"]
    missing = [q for q in table.index if q not in stages.index]
    if missing:
        raise ValueError(f"data/value_stages.csv has no row for the model's quantities {missing}")
    return table.assign(stage=stages.reindex(table.index))


# --- the path and the flow, from data/ --------------------------------------------------------


@lru_cache(maxsize=1)
def _stages_table() -> pd.DataFrame:
    modules = load("value_modules").sort_values("order")
    blocks = load("canvas_blocks")
    rows = []
    for module in modules.itertuples(index=False):
        mine = blocks[blocks["module"] == module.module]
        rows.append(
            {
                "stage": module.module,
                "name": module.name,
                "order": int(module.order),
                "blocks": tuple(mine["block"]),
                "block_names": tuple(mine["name"]),
                "guiding_question": module.guiding_question,
            }
        )
    table = pd.DataFrame(rows)
    if tuple(table["stage"]) != STAGES:
        raise ValueError(
            f"data/value_modules.csv: the modules in path order must be {list(STAGES)}, got "
            f"{list(table['stage'])}"
        )
    return table


def path_stages() -> pd.DataFrame:
    """The four value stages of the innovation path, each with the canvas blocks expressing it.

    Read from ``data/value_modules.csv`` and ``data/canvas_blocks.csv`` (the same mapping as
    notebook 1; Li 2021, Table 1 and Figure 4).

    Returns
    -------
    pandas.DataFrame
        One row per stage in path order: ``stage``, ``name``, ``order``, ``blocks`` (tuple of
        block ids), ``block_names`` (tuple of display names), ``guiding_question``.
    """
    return _stages_table().copy()


@lru_cache(maxsize=1)
def _flow_table() -> pd.DataFrame:
    steps = load("flow_steps").sort_values("step").reset_index(drop=True)
    blocks = load("canvas_blocks").set_index("block")
    unknown = sorted(set(steps["block"]) - set(blocks.index))
    if unknown:
        raise ValueError(
            f"data/flow_steps.csv: column 'block' names {unknown}, which data/canvas_blocks.csv "
            "does not have"
        )
    if list(steps["step"]) != list(range(1, len(steps) + 1)):
        raise ValueError(
            "data/flow_steps.csv: column 'step' must number the steps 1, 2, 3, ... without gaps"
        )
    steps["block_name"] = steps["block"].map(blocks["name"])
    steps["stage"] = steps["block"].map(blocks["module"])
    return steps


def flow_steps() -> pd.DataFrame:
    """The live-marketing process of Li (2021), Figure 2, as ordered steps.

    Returns
    -------
    pandas.DataFrame
        One row per step: ``step`` (1, 2, ...), ``actor``, ``target``, ``action``, ``block``
        (the canvas block it expresses), ``block_name``, ``stage`` (that block's value module,
        from ``data/canvas_blocks.csv``), ``section``, ``note``.
    """
    return _flow_table().copy()


# --- parameters ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _parameters_table() -> pd.DataFrame:
    table = load("path_parameters")
    for row in table.itertuples(index=False):
        for column in ("default", "non_live"):
            value = getattr(row, column)
            if not pd.isna(value) and not row.min <= value <= row.max:
                raise ValueError(
                    f"data/path_parameters.csv: parameter {row.name!r}: {column} {value:g} is "
                    f"outside its range {row.min:g} to {row.max:g}"
                )
    return table


@lru_cache(maxsize=2)
def _defaults(channel: str) -> tuple[tuple[str, Any], ...]:
    out = []
    for row in _parameters_table().itertuples(index=False):
        value = row.default if channel == "live" or pd.isna(row.non_live) else row.non_live
        out.append((row.name, bool(value) if row.kind == "switch" else float(value)))
    return tuple(out)


def parameter_table() -> pd.DataFrame:
    """Every parameter of the model, from ``data/path_parameters.csv``.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``label``, ``kind``, ``default`` (live), ``non_live`` (empty where the same),
        ``min``, ``max``, ``slider_max``, ``step``, ``unit``, ``provenance`` (``paper``,
        ``kit`` or ``paper+kit``: the paper names the lever, the kit picks the number),
        ``section``, ``note``, and ``stage``: the value stage the lever acts on, from the stage
        map (:func:`livekit.canvas.value_stages`).
    """
    return _parameters_with_stages().copy()


@lru_cache(maxsize=1)
def _parameters_with_stages() -> pd.DataFrame:
    table = _parameters_table()
    stages = canvas.value_stages()["stage"]
    missing = [n for n in table["name"] if n not in stages.index]
    if missing:
        raise ValueError(f"data/value_stages.csv has no row for the parameters {missing}")
    return table.assign(stage=table["name"].map(stages))


def default_parameters(channel: str = "live") -> dict[str, Any]:
    """The default value of every parameter, for live streaming or for pictures and videos.

    Parameters
    ----------
    channel : {"live", "non_live"}
        ``"non_live"`` takes the ``non_live`` column where the paper says live marketing
        differs (interaction, visibility, seeing the product used).

    Returns
    -------
    dict
        ``{name: value}``: floats, and bools for the four integration switches.
    """
    check_choice("channel", channel, CHANNELS)
    return dict(_defaults(channel))


def differing_parameters() -> pd.DataFrame:
    """The parameters that differ between live and non-live selling, and why.

    Three are the paper's differences (interaction, visibility, seeing the product used); the
    fourth, no gifts without a live room, is the kit's (``basis`` says which).

    Returns
    -------
    pandas.DataFrame
        ``name``, ``label``, ``live``, ``non_live``, ``basis`` (``paper`` or ``kit``),
        ``stage``, ``section``, ``note``.
    """
    table = _parameters_with_stages()
    rows = table[table["non_live"].notna()]
    return pd.DataFrame(
        {
            "name": rows["name"],
            "label": rows["label"],
            "live": rows["default"],
            "non_live": rows["non_live"],
            "basis": rows["non_live_basis"],
            "stage": rows["stage"],
            "section": rows["section"],
            "note": rows["note"],
        }
    ).reset_index(drop=True)


def check_parameters(channel: str = "live", **params: Any) -> dict[str, Any]:
    """Fill in defaults and check every parameter against its range.

    Parameters
    ----------
    channel : {"live", "non_live"}
        Which defaults to start from.
    **params
        Any parameters of ``data/path_parameters.csv`` to override, by name.

    Returns
    -------
    dict
        Every parameter, checked.

    Raises
    ------
    TypeError
        A value that is not a number (or, for a switch, not True/False); the message names it.
    ValueError
        An unknown name, NaN, or a value outside the parameter's range (negative counts or
        money, rates outside 0-1, ...); the message names the parameter and the range.
    """
    values = default_parameters(channel)
    unknown = [name for name in params if name not in values]
    if unknown:
        raise ValueError(
            f"unknown parameter {unknown[0]!r}; the model's parameters are {sorted(values)}"
        )
    values.update(params)
    for name, kind, low, high in _ranges():
        if kind == "switch":
            check_bool(name, values[name])
        else:
            values[name] = check_number(name, values[name], low=low, high=high)
    return values


@lru_cache(maxsize=1)
def _ranges() -> tuple[tuple[str, str, float, float], ...]:
    table = _parameters_table()
    return tuple(
        zip(table["name"], table["kind"], table["min"].astype(float), table["max"].astype(float))
    )


# --- the parts of the model -----------------------------------------------------------------


def _retention(hours, variety, boredom_rate):
    x = np.asarray(boredom_rate * (1.0 - variety) * hours, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(x > 1e-12, -np.expm1(-x) / np.where(x > 1e-12, x, 1.0), 1.0 - x / 2)
    return np.minimum(1.0, r)


def average_retention(hours: float, variety: float, boredom_rate: float = 0.4) -> float:
    """Average share of viewers still watching over a broadcast of a given length.

    Attention decays at ``boredom_rate x (1 - variety)`` per hour, so the share still watching
    after ``t`` hours is ``exp(-that x t)`` and its average over ``hours`` is
    ``(1 - exp(-x)) / x`` with ``x = boredom_rate x (1 - variety) x hours``. It never rises with
    length; with ``variety = 1`` it stays 1 (Li 2021, Discussion).

    Parameters
    ----------
    hours : float, 0.25 to 24
        Broadcast length.
    variety : float, 0 to 1
        How much the location, props and demonstrations change.
    boredom_rate : float, 0 to 5
        Decay per hour of unchanging content.

    Returns
    -------
    float
        A share, 0 to 1.
    """
    hours = check_number("hours", hours, low=0.25, high=24)
    variety = check_number("variety", variety, low=0, high=1)
    boredom_rate = check_number("boredom_rate", boredom_rate, low=0, high=5)
    return float(_retention(hours, variety, boredom_rate))


def engaged_share(content_quality: float, boost: float, engagement_cap: float = 0.6) -> float:
    """Share of (retained) viewers who engage: ``cap x (1 - exp(-quality x (1 + boost)))``.

    Parameters
    ----------
    content_quality : float, 0 to 1
    boost : float, at least 0
        What the chosen modes add (:func:`livekit.modes.mode_attraction`).
    engagement_cap : float, 0 to 1
        The most who can engage.

    Returns
    -------
    float
        A share, 0 to ``engagement_cap``.
    """
    content_quality = check_number("content_quality", content_quality, low=0, high=1)
    boost = check_number("boost", boost, low=0)
    engagement_cap = check_number("engagement_cap", engagement_cap, low=0, high=1)
    return float(engagement_cap * -math.expm1(-content_quality * (1 + boost)))


def _price_response(price, reference_price, differentiation, price_sensitivity, value_sensitivity):
    r = np.asarray(price, dtype=float) / reference_price - 1.0
    return (1.0 - differentiation) * np.exp(-price_sensitivity * r) + differentiation * np.exp(
        -value_sensitivity * r
    )


def price_response(
    price: float,
    *,
    reference_price: float = 99,
    differentiation: float = 0.3,
    price_sensitivity: float = 3.0,
    value_sensitivity: float = 0.5,
) -> float:
    """How the price changes conversion, for a mix of price- and value-sensitive buyers.

    A share ``differentiation`` of buyers is value-sensitive, the rest price-sensitive (Li 2021:
    differentiated live scenarios shift buyers from price to value sensitivity). Each group's
    demand is ``exp(-sensitivity x (price / reference_price - 1))``: 1 at the rivals' price.

    Parameters
    ----------
    price, reference_price : float, CNY per item, at least 1
    differentiation : float, 0 to 1
    price_sensitivity, value_sensitivity : float, 0 to 10

    Returns
    -------
    float
        The factor on conversion (1 at the rivals' price).
    """
    price = check_number("price", price, low=1, high=10_000)
    reference_price = check_number("reference_price", reference_price, low=1, high=10_000)
    differentiation = check_number("differentiation", differentiation, low=0, high=1)
    price_sensitivity = check_number("price_sensitivity", price_sensitivity, low=0, high=10)
    value_sensitivity = check_number("value_sensitivity", value_sensitivity, low=0, high=10)
    return float(
        _price_response(
            price, reference_price, differentiation, price_sensitivity, value_sensitivity
        )
    )


def _delivery(p: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(conversion factor, return rate, courier share of parcels, logistics cost per parcel)."""
    conversion_factor = p["cod_conversion_lift"] if p["pay_on_delivery"] else 1.0
    return_rate = p["return_rate"]
    if p["shared_products"]:
        return_rate *= p["shared_products_return_factor"]
    if p["synchronised_chain"]:
        return_rate *= p["sync_return_factor"]
    if p["pay_on_delivery"]:
        return_rate += p["cod_extra_returns"]
    courier_share = 1.0 - p["pickup_share"] if p["pickup_offline"] else 1.0
    logistics = p["logistics_per_parcel"] * (
        p["sync_logistics_factor"] if p["synchronised_chain"] else 1.0
    )
    return conversion_factor, min(1.0, return_rate), courier_share, logistics


def delivery_parameters(**params: Any) -> pd.Series:
    """The delivery-stage parameters after the four online/offline integration switches.

    Li (2021, Analysis of business model innovation path) names four integration points:
    products shared online and offline, order online and pick up offline, pay online or on
    delivery, and anchors, agents, couriers and makers in sync. Each switch changes a
    delivery-stage parameter by a factor from ``data/path_parameters.csv`` (kit's sizes).

    Parameters
    ----------
    **params
        Any model parameters (see :func:`check_parameters`), typically the four switches.

    Returns
    -------
    pandas.Series
        ``conversion_factor`` (x conversion), ``return_rate``, ``courier_share`` (share of
        parcels a courier carries), ``logistics_per_parcel`` (CNY).
    """
    p = check_parameters(**params)
    values = _delivery(p)
    return pd.Series(
        dict(
            zip(
                ("conversion_factor", "return_rate", "courier_share", "logistics_per_parcel"),
                values,
            )
        )
    )


def _cents(amount):
    """Round CNY to whole cents, half to even, as a float holding a whole number of cents."""
    return np.rint(np.asarray(amount, dtype=float) * 100.0)


def _compute(p: Mapping[str, Any], boost: float) -> dict[str, Any]:
    """The model itself. ``hours`` and ``price`` may be numpy arrays (for curves)."""
    hours = p["hours"]
    traffic = p["traffic_per_hour"] * np.asarray(hours, dtype=float)
    reach = min(1.0, p["reach_base"] + p["reach_influence"] * p["anchor_influence"])
    viewers = traffic * reach
    retention = _retention(hours, p["variety"], p["boredom_rate"])
    attraction = p["content_quality"] * (1.0 + boost)
    share = p["engagement_cap"] * -math.expm1(-attraction)
    engaged = viewers * (retention * share)
    response = _price_response(
        p["price"],
        p["reference_price"],
        p["differentiation"],
        p["price_sensitivity"],
        p["value_sensitivity"],
    )
    conversion_factor, return_rate, courier_share, logistics = _delivery(p)
    conversion = np.minimum(
        1.0, p["conversion"] * p["demonstration_lift"] * response * conversion_factor
    )
    orders = engaged * conversion
    returned = orders * return_rate
    kept = orders - returned
    parcels = (orders + returned) * courier_share

    sales = _cents(kept * p["price"])
    gifts = _cents(engaged * p["gifts_per_engaged"])
    costs = {
        "product_cost": _cents(kept * p["unit_cost"]),
        "broadcast_cost": _cents(
            np.asarray(hours, dtype=float)
            * p["broadcast_cost_per_hour"]
            * (1.0 + p["variety_cost"] * p["variety"])
        ),
        "packaging_cost": _cents(orders * p["packaging_per_order"]),
        "logistics_cost": _cents(parcels * logistics),
        "wages": _cents(np.asarray(hours, dtype=float) * p["wages_per_hour"]),
    }
    revenue = sales + gifts
    total = sum(costs.values())
    profit = revenue - total
    money = {
        "sales": sales,
        "gifts": gifts,
        "revenue": revenue,
        **costs,
        "total_costs": total,
        "profit": profit,
        "sales_per_hour": _cents(sales / 100.0 / hours),
        "profit_per_hour": _cents(profit / 100.0 / hours),
    }
    out = {
        "traffic": traffic,
        "viewers": viewers,
        "mode_boost": boost,
        "attraction": attraction,
        "retention": retention,
        "engaged": engaged,
        "price": p["price"],
        "value_sensitive_share": p["differentiation"],
        "price_response": response,
        "conversion_effective": conversion,
        "orders": orders,
        "return_rate_effective": return_rate,
        "returned": returned,
        "kept_orders": kept,
        "parcels": parcels,
    }
    out.update({name: cents / 100.0 for name, cents in money.items()})
    return out


def simulate(
    modes: str | Iterable[str] = DEFAULT_MODES, *, channel: str = "live", **params: Any
) -> pd.Series:
    """Run the traffic-to-profit model once.

    Parameters
    ----------
    modes : str or iterable of str, default ("value", "interview")
        The live-stream modes used (Li 2021, seven modes; ids or names, see
        :func:`livekit.modes.mode_table`), combined by the kit's one synergy rule
        (:func:`livekit.modes.mode_attraction`, every mode at its full lift).
    channel : {"live", "non_live"}, default "live"
        Which defaults to start from: ``"non_live"`` is the same product sold with pictures and
        short videos (see :func:`differing_parameters`).
    **params
        Any parameter of :func:`parameter_table` by name, e.g. ``conversion=0.03``.

    Returns
    -------
    pandas.Series
        Indexed by the quantities of :data:`QUANTITIES` (counts in people or orders, shares,
        money in CNY rounded to the cent), named after the channel. ``describe(result)`` adds
        labels, units and stages.

    Raises
    ------
    TypeError, ValueError
        From :func:`check_parameters` and :func:`livekit.modes.check_mode_list`, naming the
        parameter.

    Examples
    --------
    >>> r = simulate(conversion=0.03)
    >>> round(r["profit"] * 100) == round(r["revenue"] * 100) - round(r["total_costs"] * 100)
    True
    """
    p = check_parameters(channel, **params)
    values = _compute(p, mode_model.mode_attraction(modes))
    return pd.Series({k: float(v) for k, v in values.items()}, name=channel)


def describe(result: pd.Series) -> pd.DataFrame:
    """The quantities of one model run with labels, units and value stages.

    Parameters
    ----------
    result : pandas.Series
        From :func:`simulate`: every quantity of :data:`QUANTITIES`, each a finite number, at
        least 0 (``profit`` and ``profit_per_hour`` may be negative), at most 1e15 in size.

    Returns
    -------
    pandas.DataFrame
        Indexed by quantity: ``label``, ``value``, ``unit``, ``stage``, ``kind``.

    Raises
    ------
    TypeError
        If ``result`` is not a Series or a quantity is not a number.
    ValueError
        If a quantity is missing, NaN, infinite or out of range (the message names it).
    """
    _check_result(result)
    table = _quantities()
    return pd.DataFrame(
        {
            "label": table["label"],
            "value": result.reindex(table.index),
            "unit": table["unit"],
            "stage": table["stage"],
            "kind": table["kind"],
        }
    )


#: Quantities of a model run that may be negative (a loss); every other one is at least 0.
_SIGNED = ("profit", "profit_per_hour")
#: Largest size of any quantity of a model run the kit accepts back (the model itself stays
#: below 1e13 even with every parameter at its maximum).
_RESULT_LIMIT = 1e15


def _check_result(result: Any) -> None:
    """Check that ``result`` is a model run: every quantity present, a finite number, in range."""
    if not isinstance(result, pd.Series):
        raise TypeError(
            f"result must be the pandas Series returned by simulate(), got {type(result).__name__}"
        )
    missing = [q for q in QUANTITIES["quantity"] if q not in result.index]
    if missing:
        raise ValueError(f"result is missing {missing}; pass what simulate() returns")
    for q in QUANTITIES["quantity"]:
        value = result[q]
        if isinstance(value, np.generic):
            value = value.item()
        check_number(
            f"result[{q!r}]", value, low=-_RESULT_LIMIT if q in _SIGNED else 0.0, high=_RESULT_LIMIT
        )


def _funnel_counts(result: pd.Series) -> list[float]:
    """The five funnel counts, widest first (no checks; for views)."""
    return [float(result[q]) for q in _FUNNEL]


def _money_steps(result: pd.Series) -> list[tuple[str, int, int, int]]:
    """(item, signed cents, start cents, end cents) from sales to profit (no checks; for views)."""
    rows, running = [], 0
    for item in ("sales", "gifts", *_COSTS, "profit"):
        cents = int(round(float(result[item]) * 100))
        if item in _COSTS:
            cents = -cents
        if item == "profit":
            rows.append((item, cents, 0, cents))
        else:
            rows.append((item, cents, running, running + cents))
            running += cents
    return rows


def funnel(result: pd.Series) -> pd.DataFrame:
    """The funnel of one model run: traffic, viewers, engaged, orders, orders kept.

    Parameters
    ----------
    result : pandas.Series
        From :func:`simulate`: every quantity of :data:`QUANTITIES`, each a finite number, at
        least 0 (``profit`` and ``profit_per_hour`` may be negative), at most 1e15 in size.

    Returns
    -------
    pandas.DataFrame
        One row per step, widest first: ``quantity``, ``label``, ``count``, ``stage``, and
        ``share_of_previous`` (1 for the first).

    Raises
    ------
    TypeError
        If ``result`` is not a Series or a quantity is not a number.
    ValueError
        If a quantity is missing, NaN, infinite or out of range (the message names it).
    """
    _check_result(result)
    labels = _quantities()
    counts = _funnel_counts(result)
    shares = [1.0] + [b / a if a > 0 else 0.0 for a, b in zip(counts, counts[1:])]
    return pd.DataFrame(
        {
            "quantity": _FUNNEL,
            "label": [labels.at[q, "label"] for q in _FUNNEL],
            "count": counts,
            "stage": [labels.at[q, "stage"] for q in _FUNNEL],
            "share_of_previous": shares,
        }
    )


def money_flow(result: pd.Series) -> pd.DataFrame:
    """The money of one model run, in order from sales to profit (for a waterfall).

    Parameters
    ----------
    result : pandas.Series
        From :func:`simulate`: every quantity of :data:`QUANTITIES`, each a finite number, at
        least 0 (``profit`` and ``profit_per_hour`` may be negative), at most 1e15 in size.

    Returns
    -------
    pandas.DataFrame
        Rows ``sales``, ``gifts``, the five costs and ``profit``: ``item``, ``label``,
        ``amount`` (CNY, costs negative), ``cents`` (whole cents, int), ``start`` and ``end``
        (running total before and after the item; profit runs from 0), ``stage``, ``kind``.

    Raises
    ------
    TypeError
        If ``result`` is not a Series or a quantity is not a number.
    ValueError
        If a quantity is missing, NaN, infinite or out of range (the message names it).
    """
    _check_result(result)
    labels = _quantities()
    rows = [
        {
            "item": item,
            "label": labels.at[item, "label"],
            "amount": cents / 100,
            "cents": cents,
            "start": start / 100,
            "end": end / 100,
            "stage": labels.at[item, "stage"],
            "kind": labels.at[item, "kind"],
        }
        for item, cents, start, end in _money_steps(result)
    ]
    return pd.DataFrame(rows)


#: What :func:`stage_totals` shows for each stage: a headline quantity and a detail.
_STAGE_SHOWS = {
    "proposition": ("price", "value_sensitive_share"),
    "creation": ("viewers", "retention"),
    "delivery": ("kept_orders", "returned"),
    "capture": ("profit", "revenue"),
}


def stage_totals(result: pd.Series) -> pd.DataFrame:
    """What each stage of the path shows in one model run: a headline and a detail.

    Each stage shows two of its own quantities (their stage is the stage map's): the
    proposition its price and the share of value-sensitive buyers, creation the viewers and
    their average retention, delivery the orders kept and those returned, and capture the profit
    and the revenue (every cost is value capture too: ``total_costs``).

    Parameters
    ----------
    result : pandas.Series
        From :func:`simulate`: every quantity of :data:`QUANTITIES`, each a finite number, at
        least 0 (``profit`` and ``profit_per_hour`` may be negative), at most 1e15 in size.

    Returns
    -------
    pandas.DataFrame
        One row per stage in path order: ``stage``, ``name``, ``blocks`` (display names),
        ``headline``, ``headline_value``, ``headline_unit`` (the stage's main quantity),
        ``detail``, ``detail_value``, ``detail_unit`` (a second one), ``total_costs`` (CNY;
        capture only, 0 elsewhere).

    Raises
    ------
    TypeError
        If ``result`` is not a Series or a quantity is not a number.
    ValueError
        If a quantity is missing, NaN, infinite or out of range (the message names it).
    """
    _check_result(result)
    labels = _quantities()
    rows = []
    for stage in _stages_table().itertuples(index=False):
        head, detail = _STAGE_SHOWS[stage.stage]
        rows.append(
            {
                "stage": stage.stage,
                "name": stage.name,
                "blocks": stage.block_names,
                "headline": labels.at[head, "label"],
                "headline_value": float(result[head]),
                "headline_unit": labels.at[head, "unit"],
                "detail": labels.at[detail, "label"],
                "detail_value": float(result[detail]),
                "detail_unit": labels.at[detail, "unit"],
                "total_costs": float(result["total_costs"]) if stage.stage == "capture" else 0.0,
            }
        )
    return pd.DataFrame(rows)


def compare_channels(modes: str | Iterable[str] = DEFAULT_MODES, **params: Any) -> pd.DataFrame:
    """The same product sold live and with pictures and short videos, side by side.

    Both runs share ``params``; the parameters of :func:`differing_parameters` keep their
    channel's default unless given (giving one removes that difference).

    Returns
    -------
    pandas.DataFrame
        Indexed by quantity: columns ``live``, ``non_live``, ``stage``.
    """
    live = simulate(modes, channel="live", **params)
    non_live = simulate(modes, channel="non_live", **params)
    stages = _quantities()["stage"]
    return pd.DataFrame({"live": live, "non_live": non_live, "stage": stages.reindex(live.index)})


def _grid(name: str, values: Any, low: float, high: float) -> np.ndarray:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(
            f"{name} must be a list of numbers from {low:g} to {high:g}, got "
            f"{type(values).__name__}"
        )
    values = list(values)
    if not values:
        raise ValueError(f"{name} must hold at least one value")
    return np.array([check_number(name, v, low=low, high=high) for v in values])


def broadcast_length_curve(
    hours: Iterable[float], modes: str | Iterable[str] = DEFAULT_MODES, **params: Any
) -> pd.DataFrame:
    """How retention, sales per hour and profit per hour change with broadcast length.

    Parameters
    ----------
    hours : iterable of float, each 0.25 to 24
        Broadcast lengths to try.
    modes, **params
        As for :func:`simulate` (``hours`` itself is taken from the first argument).

    Returns
    -------
    pandas.DataFrame
        ``hours``, ``retention``, ``sales``, ``sales_per_hour``, ``profit``, ``profit_per_hour``.
    """
    grid = _grid("hours", hours, 0.25, 24)
    p = check_parameters(**params)
    p["hours"] = grid
    values = _compute(p, mode_model.mode_attraction(modes))
    return pd.DataFrame(
        {
            k: np.broadcast_to(values[k], grid.shape).astype(float)
            for k in ("retention", "sales", "sales_per_hour", "profit", "profit_per_hour")
        }
    ).assign(hours=grid)[
        ["hours", "retention", "sales", "sales_per_hour", "profit", "profit_per_hour"]
    ]


def profit_by_price(
    prices: Iterable[float], modes: str | Iterable[str] = DEFAULT_MODES, **params: Any
) -> pd.DataFrame:
    """Orders, sales and profit at each price, other parameters fixed.

    Parameters
    ----------
    prices : iterable of float, each 1 to 10,000 CNY
    modes, **params
        As for :func:`simulate`.

    Returns
    -------
    pandas.DataFrame
        ``price``, ``orders``, ``sales``, ``profit``.
    """
    grid = _grid("prices", prices, 1, 10_000)
    p = check_parameters(**params)
    p["price"] = grid
    values = _compute(p, mode_model.mode_attraction(modes))
    return pd.DataFrame(
        {
            "price": grid,
            **{
                k: np.broadcast_to(values[k], grid.shape).astype(float)
                for k in ("orders", "sales", "profit")
            },
        }
    )
