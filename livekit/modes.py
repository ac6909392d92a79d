"""The seven live-stream modes: pick a marketing purpose and a combination, see the kit's model.

Li (2021, *Analysis of nine elements*) lists seven common modes of live-stream marketing (value,
celebrity, rare, altruistic, talent, contrast and interview marketing), says a seller picks one or
several of them to suit the marketing purpose before planning a broadcast, and says the modes are
not independent: combined well, they sharpen the focus of the marketing and give "1+1>2". The
paper names no purposes and gives no sizes. Everything numeric here is **the kit's** and lives in
``data/`` with ``provenance = kit``:

- ``data/live_modes.csv``: the seven modes, a description and example (the kit's words), and each
  mode's ``lift``, the attraction it adds at best (the same lift notebook 3's funnel uses);
- ``data/mode_purposes.csv``: six marketing purposes (the kit's list);
- ``data/mode_fit.csv``: how well each mode serves each purpose, 0 to 1, with a reason;
- ``data/mode_pairs.csv``: for each pair of modes, a synergy from -1 to 1 (positive: they
  reinforce each other; 0: neutral; negative: they clash), with a reason.

The kit's model, in two lines:

- one mode alone adds ``lift x fit`` of attraction for the chosen purpose (``fit`` is 1 when no
  purpose is given: every mode at its full lift);
- a combination adds the modes' effects alone plus, for every pair, ``synergy x`` the weaker of
  the two effects alone. So combining gives "1+1>2" only when the pairs reinforce each other
  *and* both modes serve the purpose; a clashing pair gives "1+1<2", and a mode that does not
  serve the purpose adds little however well it pairs.

The second line is the kit's **one synergy rule**, :func:`combine_effects`: every view and model
of the kit that combines modes goes through it (the modes view, and the traffic-to-profit model
of :mod:`livekit.path` through :func:`mode_attraction`). Units: attraction, the score the
content's pull is measured in. The tables are read once per session (restart the kernel after
editing them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from itertools import combinations as _pairs_of
from typing import Any

import pandas as pd

from ._checks import check_number
from .data import load

__all__ = [
    "mode_table",
    "purposes",
    "check_purpose",
    "check_mode_list",
    "mode_fit",
    "pair_synergy",
    "pair_table",
    "combine_effects",
    "mode_attraction",
    "combine",
    "combination_table",
    "rank_combinations",
    "VERDICTS",
]

#: The three verdicts :func:`combine` can give for two or more modes.
VERDICTS = ("1+1>2", "1+1=2", "1+1<2")
_TOLERANCE = 1e-9


@cache
def _table(name: str) -> pd.DataFrame:
    # read once per session: the model is called on every slider move
    return load(name).reset_index(drop=True)


def _load(name: str) -> pd.DataFrame:
    return _table(name).copy()


def mode_table() -> pd.DataFrame:
    """The seven live-stream modes.

    Returns
    -------
    pandas.DataFrame
        One row per mode, in the paper's order: ``mode`` (id), ``name`` (the paper's name),
        ``description`` and ``example`` (the kit's words), ``lift`` (the kit's assumption, in
        attraction units: what the mode adds when it fully serves the purpose) and ``source``.
    """
    return _load("live_modes")


def purposes() -> pd.DataFrame:
    """The kit's six marketing purposes.

    Returns
    -------
    pandas.DataFrame
        ``purpose`` (id), ``name``, ``goal``, ``provenance`` (always ``kit``) and ``basis``.
    """
    return _load("mode_purposes")


def _lookup(kind: str, value, table: pd.DataFrame, id_col: str) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"{kind} must be text (an id such as {table[id_col].iloc[0]!r}), got "
            f"{type(value).__name__}"
        )
    key = value.strip().casefold()
    for ident, name in zip(table[id_col], table["name"]):
        if key in (ident.casefold(), name.casefold()):
            return ident
    allowed = ", ".join(repr(i) for i in table[id_col])
    raise ValueError(f"{kind} {value!r} is unknown; choose one of {allowed} (or its name)")


def check_purpose(purpose: str) -> str:
    """Return the purpose id for ``purpose`` (an id or a name, any case).

    Parameters
    ----------
    purpose : str
        A purpose id from ``data/mode_purposes.csv`` (e.g. ``"trust"``) or its name.

    Returns
    -------
    str
        The purpose id.

    Raises
    ------
    TypeError
        If ``purpose`` is not text.
    ValueError
        If it is not one of the six, naming the allowed ids.
    """
    return _lookup("purpose", purpose, purposes(), "purpose")


def check_mode_list(modes: str | Iterable[str]) -> tuple[str, ...]:
    """Return the mode ids for ``modes``, without repeats, in the paper's order.

    Parameters
    ----------
    modes : str or iterable of str
        One mode, or several, each an id (``"value"``) or a name (``"Value marketing"``), any case.
        An empty list means no mode.

    Returns
    -------
    tuple of str
        The chosen mode ids, each once, in the order of ``data/live_modes.csv``.

    Raises
    ------
    TypeError
        If ``modes`` is neither text nor an iterable of text.
    ValueError
        If a mode is unknown, naming the seven allowed ids.
    """
    table = mode_table()
    if isinstance(modes, str):
        modes = [modes]
    try:
        items = list(modes)
    except TypeError:
        raise TypeError(
            f"modes must be a mode id or a list of them, got {type(modes).__name__}"
        ) from None
    chosen = {_lookup("mode", m, table, "mode") for m in items}
    return tuple(m for m in table["mode"] if m in chosen)


def mode_fit(purpose: str) -> pd.DataFrame:
    """How well each mode serves ``purpose``, and what it adds alone (the kit's numbers).

    Parameters
    ----------
    purpose : str
        A purpose id or name (see :func:`purposes`).

    Returns
    -------
    pandas.DataFrame
        One row per mode, best first: ``mode``, ``name``, ``lift`` (attraction), ``fit``
        (0 to 1), ``alone`` (``lift x fit``, attraction added by this mode alone for this
        purpose), ``reason`` and ``provenance`` (``kit``).
    """
    purpose = check_purpose(purpose)
    fit = _load("mode_fit")
    fit = fit[fit["purpose"] == purpose][["mode", "fit", "reason", "provenance"]]
    out = mode_table()[["mode", "name", "lift"]].merge(fit, on="mode", how="left")
    out["alone"] = out["lift"] * out["fit"]
    out = out[["mode", "name", "lift", "fit", "alone", "reason", "provenance"]]
    return out.sort_values(["alone", "mode"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def pair_table() -> pd.DataFrame:
    """The kit's synergy for every pair of modes.

    Returns
    -------
    pandas.DataFrame
        21 rows: ``mode_a``, ``mode_b``, ``synergy`` (-1 to 1), ``effect`` (``reinforce``,
        ``neutral`` or ``clash``), ``reason`` and ``provenance`` (``kit``).
    """
    return _load("mode_pairs")


def _one_mode(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one mode (text), got {type(value).__name__}")
    return check_mode_list(value)[0]


def pair_synergy(mode_a: str, mode_b: str) -> float:
    """The kit's synergy between two different modes (order does not matter).

    Parameters
    ----------
    mode_a, mode_b : str
        Two different modes, ids or names.

    Returns
    -------
    float
        From -1 (they clash) through 0 (neutral) to 1 (they reinforce each other).

    Raises
    ------
    ValueError
        If a mode is unknown or the two are the same.
    """
    a, b = (_one_mode(name, value) for name, value in (("mode_a", mode_a), ("mode_b", mode_b)))
    if a == b:
        raise ValueError(f"mode_a and mode_b must be two different modes, got {a!r} twice")
    return _synergies()[frozenset((a, b))]


def _synergies() -> dict[frozenset, float]:
    """Every pair's synergy, keyed by the unordered pair; the file must hold each pair once."""
    table = pair_table()
    out: dict[frozenset, float] = {}
    for a, b, s in zip(table["mode_a"], table["mode_b"], table["synergy"]):
        key = frozenset((a, b))
        if len(key) != 2 or key in out:
            raise ValueError(
                f"data/mode_pairs.csv: the pair ({a!r}, {b!r}) must be two different modes, "
                "listed once"
            )
        out[key] = float(s)
    missing = [p for p in _pairs_of(mode_table()["mode"], 2) if frozenset(p) not in out]
    if missing:
        raise ValueError(f"data/mode_pairs.csv: pairs {missing} are missing")
    return out


def combine_effects(alone: Mapping[str, float]) -> dict[str, Any]:
    """The kit's one synergy rule: what chosen modes add together, from what each adds alone.

    Every pair of chosen modes adds ``synergy x min(alone_a, alone_b)``, the synergy of the pair
    (``data/mode_pairs.csv``, -1 to 1) times the weaker of the two effects alone; the total is
    the sum of the effects alone plus what the pairs add (or, for a clashing pair, take away).
    The rule and its numbers are the kit's; the paper says only that well-combined modes reach
    "1+1>2".

    Parameters
    ----------
    alone : mapping of str to float
        ``{mode id: attraction the mode adds alone}``, each 0 or more (for example
        ``lift x fit`` for a purpose); an empty mapping means no mode.

    Returns
    -------
    dict
        ``pairs`` (``{"a+b": attraction the pair adds}``, pairs in the paper's order of modes),
        ``sum_alone`` and ``total`` (attraction).

    Raises
    ------
    TypeError
        If ``alone`` is not a mapping or an effect is not a number.
    ValueError
        If a mode is unknown or an effect is negative or not finite.

    Examples
    --------
    >>> parts = combine_effects({"value": 0.3, "contrast": 0.2})  # the pair's synergy is 0.5
    >>> round(parts["pairs"]["value+contrast"], 3), round(parts["total"], 3)
    (0.1, 0.6)
    """
    if not isinstance(alone, Mapping):
        raise TypeError(f"alone must be a mapping {{mode: attraction}}, got {type(alone).__name__}")
    given: dict[str, float] = {}
    for key, value in alone.items():
        mode = _one_mode("alone key", key)
        if mode in given:
            raise ValueError(f"alone names the mode {mode!r} twice")
        given[mode] = check_number(f"alone[{key!r}]", value, low=0)
    order = check_mode_list(list(given))
    effects = {m: given[m] for m in order}
    synergies = _synergies()
    pairs = {
        f"{a}+{b}": synergies[frozenset((a, b))] * min(effects[a], effects[b])
        for a, b in _pairs_of(order, 2)
    }
    sum_alone = sum(effects.values())
    return {"pairs": pairs, "sum_alone": sum_alone, "total": sum_alone + sum(pairs.values())}


def mode_attraction(modes: str | Iterable[str], purpose: str | None = None) -> float:
    """What a combination of modes adds to the content's attraction, by the one synergy rule.

    Parameters
    ----------
    modes : str or iterable of str
        The modes chosen, ids or names; none gives 0.
    purpose : str, optional
        A purpose id or name (see :func:`purposes`): each mode then adds ``lift x fit`` alone.
        Without a purpose every mode adds its full ``lift`` (fit 1), as in the
        traffic-to-profit model of :mod:`livekit.path`.

    Returns
    -------
    float
        The combination's total (:func:`combine_effects`), in attraction units.

    Examples
    --------
    >>> round(mode_attraction(["value", "interview"]), 3)  # 0.30 + 0.15 + 0.4 x 0.15
    0.51
    """
    chosen = check_mode_list(modes)
    return _attraction(chosen, None if purpose is None else check_purpose(purpose))


@lru_cache(maxsize=1024)
def _attraction(chosen: tuple[str, ...], purpose: str | None) -> float:
    """:func:`mode_attraction` for checked ids (cached: a slider view asks on every move)."""
    return float(combine_effects(_alone(chosen, purpose))["total"])


def _alone(chosen: tuple[str, ...], purpose: str | None) -> dict[str, float]:
    """What each chosen mode adds alone: ``lift x fit`` for a purpose, the full lift without."""
    if purpose is None:
        lifts = _table("live_modes").set_index("mode")["lift"]
        return {m: float(lifts[m]) for m in chosen}
    fit = mode_fit(purpose).set_index("mode")
    return {m: float(fit.at[m, "alone"]) for m in chosen}


def _verdict(n_modes: int, gain: float) -> str:
    if n_modes < 2:
        return ("no mode", "one mode")[n_modes]
    if gain > _TOLERANCE:
        return "1+1>2"
    return "1+1<2" if gain < -_TOLERANCE else "1+1=2"


def combine(purpose: str | None, modes: str | Iterable[str]) -> dict:
    """What the kit's model says about a combination of modes for a marketing purpose.

    Each mode alone adds ``lift x fit`` of attraction for the purpose; every pair adds
    ``synergy x min(alone_a, alone_b)`` (the one rule, :func:`combine_effects`). The verdict
    compares the total with the sum of the modes alone: ``"1+1>2"`` if the combination adds
    more, ``"1+1<2"`` if less, ``"1+1=2"`` if the same. All numbers are the kit's assumptions
    (``data/mode_fit.csv``, ``data/mode_pairs.csv``, ``data/live_modes.csv``); the paper only
    says that good combinations reach "1+1>2".

    Parameters
    ----------
    purpose : str or None
        A purpose id or name (see :func:`purposes`); None for no purpose, every mode at its
        full lift (as the traffic-to-profit model of :mod:`livekit.path` counts them).
    modes : str or iterable of str
        The modes chosen, ids or names; repeats count once; none is allowed.

    Returns
    -------
    dict
        ``purpose`` (id, or None), ``modes`` (tuple of ids), ``alone`` (dict mode ->
        attraction added alone), ``pairs`` (dict ``"a+b"`` -> attraction the pair adds or removes),
        ``sum_alone``, ``total`` (both in attraction units), ``gain`` (``total - sum_alone``),
        ``verdict`` (one of :data:`VERDICTS`, or ``"one mode"`` / ``"no mode"``) and
        ``provenance`` (``"kit"``).
    """
    purpose = None if purpose is None else check_purpose(purpose)
    chosen = check_mode_list(modes)
    alone = _alone(chosen, purpose)
    parts = combine_effects(alone)
    gain = parts["total"] - parts["sum_alone"]
    return {
        "purpose": purpose,
        "modes": chosen,
        "alone": alone,
        "pairs": parts["pairs"],
        "sum_alone": parts["sum_alone"],
        "total": parts["total"],
        "gain": gain,
        "verdict": _verdict(len(chosen), gain),
        "provenance": "kit",
    }


def combination_table(purpose: str, modes: str | Iterable[str]) -> pd.DataFrame:
    """The parts of :func:`combine` as a table: one row per mode, one per pair, and the total.

    Parameters
    ----------
    purpose : str
        A purpose id or name.
    modes : str or iterable of str
        The modes chosen.

    Returns
    -------
    pandas.DataFrame
        Columns ``part`` (a mode, a pair ``a+b``, or ``total``), ``kind`` (``mode alone``,
        ``pair``, ``total``), ``attraction`` (the kit's number), ``why`` (the reason from the
        data) and ``provenance`` (``kit``).
    """
    result = combine(purpose, modes)
    fit = mode_fit(result["purpose"]).set_index("mode")
    pairs = pair_table()
    rows = [
        {"part": m, "kind": "mode alone", "attraction": v, "why": fit.at[m, "reason"]}
        for m, v in result["alone"].items()
    ]
    for key, v in result["pairs"].items():
        a, b = key.split("+")
        match = pairs[
            ((pairs["mode_a"] == a) & (pairs["mode_b"] == b))
            | ((pairs["mode_a"] == b) & (pairs["mode_b"] == a))
        ]
        rows.append({"part": key, "kind": "pair", "attraction": v, "why": match["reason"].iloc[0]})
    rows.append(
        {"part": "total", "kind": "total", "attraction": result["total"], "why": result["verdict"]}
    )
    out = pd.DataFrame(rows, columns=["part", "kind", "attraction", "why"])
    out["provenance"] = "kit"
    return out


def rank_combinations(purpose: str, size: int = 2) -> pd.DataFrame:
    """Every combination of ``size`` modes for ``purpose``, best total first (the kit's numbers).

    Parameters
    ----------
    purpose : str
        A purpose id or name.
    size : int, 1 to 7
        How many modes in each combination.

    Returns
    -------
    pandas.DataFrame
        ``modes`` (ids joined by ``+``), ``sum_alone``, ``total``, ``gain`` (attraction) and
        ``verdict``, one row per combination, sorted by ``total`` (highest first).

    Raises
    ------
    ValueError
        If ``size`` is not a whole number from 1 to 7.
    """
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 7:
        raise ValueError(f"size must be a whole number from 1 to 7, got {size!r}")
    purpose = check_purpose(purpose)
    rows = []
    for combo in _pairs_of(list(mode_table()["mode"]), size):
        result = combine(purpose, combo)
        rows.append(
            {
                "modes": "+".join(combo),
                "sum_alone": result["sum_alone"],
                "total": result["total"],
                "gain": result["gain"],
                "verdict": result["verdict"],
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["total", "modes"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
