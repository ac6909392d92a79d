"""The business model canvas of Li (2021), as data and small functions.

The canvas has nine building blocks (Osterwalder and Pigneur). Li (2021), Table 1, groups them
into four value modules: proposition, creation, delivery and capture. Table 1 leaves key
activities out; the kit puts them in value creation (``data/canvas_blocks.csv`` says so in its
``module_basis`` column). The paper then reads the canvas as two chains that meet in the value
proposition (section "Analysis of nine elements", closing paragraph):

- **revenue chain**: customer segments, customer relationships and channels, through the value
  proposition, produce the revenue streams;
- **cost chain**: the value proposition, key resources, key activities and key partners make up
  the cost structure.

Everything here is pure: plain values and pandas objects in, plain values and pandas objects out.
The tables come from ``data/`` (see ``data/README.md`` for what is the paper's and what is the
kit's reading).

Examples
--------
>>> from livekit import canvas
>>> canvas.module_of("channels")
'delivery'
>>> canvas.chain("revenue")
['customer_segments', 'customer_relationships', 'channels', 'value_proposition', 'revenue_streams']
>>> canvas.hub()
'value_proposition'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from ._checks import check_choice, check_column, check_frame, check_money, check_number
from .data import load
from .vocab import BLOCKS, BUSINESS_MODEL_NAMES, BUSINESS_MODELS, CHAINS, MODULES, STAGE_KINDS

__all__ = [
    "BLOCKS",
    "MODELS",
    "MODEL_NAMES",
    "CHAINS",
    "blocks",
    "block_info",
    "module_of",
    "blocks_in_module",
    "value_modules",
    "value_stages",
    "stage_of",
    "chains",
    "chain",
    "chains_of",
    "hub",
    "compare_models",
    "model_contents",
    "value_ratings",
    "value_dimensions",
    "value_scores",
    "money_items",
    "lever_effect",
    "canvas_money",
    "money_summary",
]

#: The three business models the paper contrasts (:data:`livekit.vocab.BUSINESS_MODELS`).
MODELS = BUSINESS_MODELS
MODEL_NAMES = BUSINESS_MODEL_NAMES


def _check_block(block: Any, name: str = "block") -> str:
    return check_choice(name, block, BLOCKS)


@cache
def _table(name: str) -> pd.DataFrame:
    return load(name)


def blocks() -> pd.DataFrame:
    """The nine building blocks, one row each, indexed by block id.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, paper_name, module, module_basis, definition, live_marketing, section``
        and the layout ``x, y, width, height`` (canvas units; the canvas is 10 x 7), in the order
        of :data:`BLOCKS`.
    """
    table = _table("canvas_blocks").set_index("block")
    return table.loc[list(BLOCKS)].copy()


def block_info(block: str) -> pd.Series:
    """Everything the kit knows about one block.

    Parameters
    ----------
    block : str
        A block id, one of :data:`BLOCKS` (e.g. ``"channels"``).

    Returns
    -------
    pandas.Series
        The block's row of :func:`blocks`, plus ``chains`` (a tuple of the chains it is on).
    """
    _check_block(block)
    info = blocks().loc[block].copy()
    info["chains"] = tuple(chains_of(block))
    return info


def module_of(block: str) -> str:
    """The value module (``proposition``, ``creation``, ``delivery`` or ``capture``) of a block."""
    _check_block(block)
    return str(blocks().at[block, "module"])


def value_modules() -> pd.DataFrame:
    """The four value modules of Table 1, in path order, with the blocks of each.

    Returns
    -------
    pandas.DataFrame
        Indexed by module id; columns ``name, order, table1_elements, guiding_question, source``
        and ``blocks`` (a tuple of block ids).
    """
    table = _table("value_modules").set_index("module").sort_values("order").copy()
    placed = blocks()
    table["blocks"] = [tuple(placed.index[placed["module"] == m]) for m in table.index]
    return table


@cache
def _stages() -> pd.DataFrame:
    table = _table("value_stages").set_index("item")
    modules = _table("canvas_blocks").set_index("block")["module"]
    placed = table["block"].notna()
    wrong = table.index[placed & (table["block"].map(modules) != table["stage"])]
    if len(wrong):
        item = wrong[0]
        raise ValueError(
            f"data/value_stages.csv: item {item!r} is in block {table.at[item, 'block']!r}, whose "
            f"module is {modules[table.at[item, 'block']]!r}, but its stage says "
            f"{table.at[item, 'stage']!r}"
        )
    return table


def value_stages(kind: str | None = None) -> pd.DataFrame:
    """The kit's one stage map: the value stage of every lever, quantity and money item it shows.

    Every figure legend, view, table and self-check that names a stage reads it from here
    (``data/value_stages.csv``). The rule behind it: a thing's stage is the Table 1 module of the
    canvas block it belongs to (so the map cannot disagree with :func:`blocks`). Revenue and cost
    items, and their totals, belong to the revenue streams and the cost structure: value capture,
    as Table 1 places them. A lever that sets a cost sits with the block that money is paid to
    or for (the unit cost with the key partners, wages with the key activities, ...).

    Parameters
    ----------
    kind : {"lever", "quantity", "revenue", "cost", "total"}, optional
        Only the rows of one kind.

    Returns
    -------
    pandas.DataFrame
        Indexed by item id: ``label``, ``kind``, ``block`` (NaN for a total that belongs to no
        one block), ``stage``, ``placement`` (``paper`` or ``kit``), ``basis``, ``why``.

    Raises
    ------
    ValueError
        If a row's stage is not the module of its block (the file and the item are named).

    Examples
    --------
    >>> value_stages().at["modes", "stage"]
    'creation'
    >>> sorted(set(value_stages("cost")["stage"]))
    ['capture']
    """
    table = _stages()
    if kind is not None:
        check_choice("kind", kind, STAGE_KINDS)
        table = table[table["kind"] == kind]
    return table.copy()


def stage_of(item: str) -> str:
    """The value stage of one lever, quantity or money item, from the stage map.

    Parameters
    ----------
    item : str
        An id of :func:`value_stages` (``"conversion"``, ``"modes"``, ``"product_cost"``, ...).

    Returns
    -------
    str
        ``"proposition"``, ``"creation"``, ``"delivery"`` or ``"capture"``.

    Raises
    ------
    ValueError
        If the item is not in the stage map (the message lists what is).

    Examples
    --------
    >>> stage_of("conversion"), stage_of("price"), stage_of("wages")
    ('delivery', 'proposition', 'capture')
    """
    table = _stages()
    if not isinstance(item, str) or item not in table.index:
        check_choice("item", item, list(table.index))
    return str(table.at[item, "stage"])


def blocks_in_module(module: str) -> list[str]:
    """The block ids a value module holds, in canvas order.

    Parameters
    ----------
    module : {"proposition", "creation", "delivery", "capture"}
    """

    check_choice("module", module, MODULES)
    placed = blocks()
    return list(placed.index[placed["module"] == module])


def chains() -> pd.DataFrame:
    """The paper's two chains as a table: ``chain, block, role, order, source``."""
    return _table("canvas_chains").sort_values(["chain", "order"]).reset_index(drop=True)


def chain(name: str) -> list[str]:
    """The blocks on one chain, in order along it.

    Parameters
    ----------
    name : {"revenue", "cost"}
        ``"revenue"``: segments, relationships, channels -> value proposition -> revenue streams.
        ``"cost"``: value proposition, resources, activities, partners -> cost structure.

    Returns
    -------
    list of str
    """
    check_choice("chain", name, CHAINS)
    table = chains()
    return list(table.loc[table["chain"] == name, "block"])


def chains_of(block: str) -> list[str]:
    """The chains a block is on: ``[]``, ``["revenue"]``, ``["cost"]`` or both."""
    _check_block(block)
    return [name for name in CHAINS if block in chain(name)]


def hub() -> str:
    """The block on both chains (the paper's hub): computed from the data, not hard-coded."""
    both = [b for b in BLOCKS if len(chains_of(b)) == len(CHAINS)]
    if len(both) != 1:
        raise ValueError(
            f"data/canvas_chains.csv: expected exactly one block on both chains, found {both}"
        )
    return both[0]


def compare_models(block: str | None = None) -> pd.DataFrame:
    """Live marketing, online shopping and offline retail side by side.

    Parameters
    ----------
    block : str, optional
        One block id; by default all nine.

    Returns
    -------
    pandas.DataFrame
        Indexed by block, one column per model (``live, online, offline``) holding the short
        summary, and ``reading_live, reading_online, reading_offline`` saying ``"paper"`` (the
        paper's own contrast) or ``"kit"`` (the kit's reading).
    """
    table = _table("canvas_models")
    summary = table.pivot(index="block", columns="model", values="summary")
    reading = table.pivot(index="block", columns="model", values="reading").add_prefix("reading_")
    out = summary[list(MODELS)].join(reading[[f"reading_{m}" for m in MODELS]]).loc[list(BLOCKS)]
    out.columns.name = None
    if block is not None:
        _check_block(block)
        out = out.loc[[block]]
    return out


def model_contents(model: str = "live") -> dict[str, str]:
    """The canvas text of one model: ``{block: summary}`` for all nine blocks.

    Parameters
    ----------
    model : {"live", "online", "offline"}
    """
    check_choice("model", model, MODELS)
    return {b: str(text) for b, text in compare_models()[model].items()}


def value_ratings() -> pd.DataFrame:
    """The kit's illustrative 0-10 ratings of the three models, indexed by dimension.

    The paper states only orderings for customers (``paper_claim``, e.g. ``live>online``) and,
    for sellers, that live marketing improves a dimension (``improves``, no comparison); the
    numbers are the kit's and are built to respect the orderings.
    """
    return _table("value_ratings").set_index("dimension").copy()


def value_dimensions(side: str | None = None) -> list[str]:
    """The value dimensions, optionally of one side (``"customer"`` or ``"seller"``)."""
    ratings = value_ratings()
    if side is not None:
        check_choice("side", side, ("customer", "seller"))
        ratings = ratings[ratings["side"] == side]
    return list(ratings.index)


def value_scores(
    weights: Mapping[str, float] | None = None, *, ratings: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Weighted value scores of the three models, for customers and for sellers.

    Each side's score is the weighted mean of its dimensions' ratings:
    ``sum(w_d * r_d) / sum(w_d)``, so it stays on the 0-10 scale of the ratings.

    Parameters
    ----------
    weights : mapping of str to float, optional
        ``{dimension: weight}``, each weight from 0 to 10; dimensions left out weigh 1.
        At least one dimension of each side must weigh more than 0.
    ratings : pandas.DataFrame, optional
        Ratings in the shape of :func:`value_ratings` (columns ``side``, either ``"customer"``
        or ``"seller"``, and ``live``, ``online``, ``offline``, each a number from 0 to 10);
        by default the kit's.

    Returns
    -------
    pandas.DataFrame
        Index ``live, online, offline``; columns ``customer`` and ``seller`` (0-10).

    Raises
    ------
    ValueError
        For an unknown dimension, a weight outside 0-10, a side whose weights are all 0, or
        ratings with missing columns, no rows, or a rating that is NaN or outside 0-10.
    TypeError
        For a weight that is not a number, weights that are not a mapping, ratings that are
        not a DataFrame, or a rating that is not a number.
    """
    ratings = value_ratings() if ratings is None else _check_ratings(ratings)
    if weights is None:
        weights = {}
    if not isinstance(weights, Mapping):
        raise TypeError(
            f"weights must be a mapping {{dimension: weight}}, got {type(weights).__name__}"
        )
    w = pd.Series(1.0, index=ratings.index)
    for dim, value in weights.items():
        check_choice("weights key", dim, list(ratings.index))
        w[dim] = check_number(f"weights[{dim!r}]", value, low=0, high=10)
    out = {}
    for side in ("customer", "seller"):
        rows = ratings["side"] == side
        total = w[rows].sum()
        if total <= 0:
            raise ValueError(
                f"weights: at least one {side} dimension must weigh more than 0 "
                f"({', '.join(ratings.index[rows])})"
            )
        out[side] = ratings.loc[rows, list(MODELS)].mul(w[rows], axis=0).sum() / total
    frame = pd.DataFrame(out)
    frame.index.name = "model"
    return frame


def _check_ratings(ratings: Any) -> pd.DataFrame:
    check_frame("ratings", ratings, ["side", *MODELS], what="a ratings table like value_ratings()")
    for label, side in ratings["side"].items():
        check_choice(f"ratings['side'] at row {label!r}", side, ("customer", "seller"))
    for model in MODELS:
        check_column("ratings", ratings, model, low=0, high=10)
    return ratings


def money_items() -> pd.DataFrame:
    """The paper's two revenue streams and five costs, and the kit's lever on the offer.

    Returns
    -------
    pandas.DataFrame
        Indexed by item id; columns ``label, kind, canvas_block, source_block, paper_item,
        mapping_basis, moved_by, unit, default, low, high, step``. Revenue and cost items are
        in thousand CNY per month; the two levers (``kind == "lever"``) in their own units:
        ``stream_discount`` (% off the list price) and ``extra_units`` (% more items sold per
        1% off).
    """
    return _table("canvas_money").set_index("item").copy()


def lever_effect(stream_discount: float = 0.0, extra_units: float = 3.0) -> dict[str, float]:
    """What the value-proposition lever does to the items it moves (the kit's bookkeeping).

    A stream-only discount of ``d`` % sells ``extra_units x d`` % more items. Customer
    purchases change by the factor ``(1 - d/100) x (1 + extra_units x d/100)`` (more items,
    each cheaper); product cost by ``1 + extra_units x d/100`` (more items, each costing the
    same). One choice in the hub, the value proposition, moves an item on each of the paper's
    chains: purchases on the revenue chain, product cost on the cost chain.

    Parameters
    ----------
    stream_discount : float, 0 to 50
        Percent off the list price, for the stream's viewers.
    extra_units : float, 0 to 6
        Percent more items sold per 1% off (the kit's assumption about the target customers).

    Returns
    -------
    dict
        ``items`` (the factor on the number of items sold), ``revenue`` (the factor on an item
        the lever moves on the revenue side), ``cost`` (the factor on such a cost).

    Examples
    --------
    >>> effect = lever_effect(20, 3)  # 20% off sells 60% more items
    >>> round(effect["items"], 2), round(effect["revenue"], 2), round(effect["cost"], 2)
    (1.6, 1.28, 1.6)
    """
    items = money_items()
    d = check_number(
        "stream_discount", stream_discount, low=0, high=float(items.at["stream_discount", "high"])
    )
    e = check_number("extra_units", extra_units, low=0, high=float(items.at["extra_units", "high"]))
    more = 1.0 + e * d / 100.0
    return {"items": more, "revenue": (1.0 - d / 100.0) * more, "cost": more}


def canvas_money(**amounts: float) -> pd.DataFrame:
    """Revenue and cost items of a live shop, with the canvas blocks they come from.

    Parameters
    ----------
    **amounts : float
        Amounts in thousand CNY per month, each from 0 to its item's ``high`` in
        ``data/canvas_money.csv``: ``purchases``, ``sponsorship`` (the paper's two revenue
        streams) and ``product``, ``broadcast``, ``packaging``, ``logistics``, ``wages`` (its
        five costs); ``purchases`` and ``product`` are at the list price. And the kit's lever on
        the value proposition, ``stream_discount`` (% off the list price, 0 to 50) with
        ``extra_units`` (see :func:`lever_effect`), which moves purchases and product cost
        together. Items left out take the kit's default (no discount).

    Returns
    -------
    pandas.DataFrame
        Indexed by item (the seven money items); columns ``label, kind, canvas_block,
        source_block``, ``list_amount`` (as given), ``amount`` (after the lever) and ``signed``
        (revenue positive, cost negative). ``attrs["levers"]`` holds the lever values and
        ``attrs["effect"]`` what :func:`lever_effect` returned.

    Examples
    --------
    >>> money = canvas_money(purchases=500, wages=100)
    >>> float(money_summary(money)["profit"])
    145.0
    >>> discounted = canvas_money(stream_discount=20)  # 400 x 0.8 x 1.6, 200 x 1.6
    >>> discounted.loc[["purchases", "product"], "amount"].round(1).tolist()
    [512.0, 320.0]
    """
    items = money_items()
    for name in amounts:
        check_choice("amount name", name, list(items.index))
    levers = {
        name: amounts.get(name, float(items.at[name, "default"]))
        for name in items.index[items["kind"] == "lever"]
    }
    effect = lever_effect(**levers)
    money = items[items["kind"] != "lever"]
    out = money[["label", "kind", "canvas_block", "source_block"]].copy()
    given = [
        check_money(item, amounts.get(item, row["default"]), high=float(row["high"]))
        for item, row in money.iterrows()
    ]
    factors = [
        effect[row["kind"]] if isinstance(row["moved_by"], str) else 1.0
        for _, row in money.iterrows()
    ]
    out["list_amount"] = given
    out["amount"] = [a * f for a, f in zip(given, factors)]
    out["signed"] = out["amount"].where(out["kind"] == "revenue", -out["amount"])
    out.attrs["levers"] = {k: float(v) for k, v in levers.items()}
    out.attrs["effect"] = effect
    return out


def money_summary(money: pd.DataFrame) -> pd.Series:
    """Revenue, cost, profit and margin from a :func:`canvas_money` table.

    Parameters
    ----------
    money : pandas.DataFrame
        The table :func:`canvas_money` returns: at least one row, a column ``kind`` holding
        ``"revenue"`` or ``"cost"`` and a column ``amount`` (thousand CNY per month, each a
        number from 0 to 1e12).

    Returns
    -------
    pandas.Series
        ``revenue``, ``cost``, ``profit`` (thousand CNY per month) and ``margin`` (profit as a
        share of revenue; 0 when there is no revenue).

    Raises
    ------
    TypeError
        If ``money`` is not a DataFrame, or an amount is not a number.
    ValueError
        If a column is missing, the table is empty, a kind is unknown, or an amount is NaN,
        infinite, negative or above 1e12 (the message names the row).
    """
    check_frame("money", money, ["kind", "amount"], what="the table canvas_money() returns")
    for label, kind in money["kind"].items():
        check_choice(f"money['kind'] at row {label!r}", kind, ("revenue", "cost"))
    check_column("money", money, "amount", low=0, high=1e12)
    revenue = float(money.loc[money["kind"] == "revenue", "amount"].sum())
    cost = float(money.loc[money["kind"] == "cost", "amount"].sum())
    profit = revenue - cost
    margin = profit / revenue if revenue > 0 else 0.0
    return pd.Series({"revenue": revenue, "cost": cost, "profit": profit, "margin": margin})
