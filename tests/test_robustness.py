"""Every public function of the logic modules, driven with bad values (hypothesis).

For each function in a module's ``__all__`` and each of its parameters, the test keeps the other
arguments valid and puts a bad value in that one parameter: ``None``, NaN, infinities, negative
and huge numbers, text, empty lists, empty or column-less DataFrames, wrong-typed dicts, and
valid tables or results with one cell spoiled (NaN, infinity, -1, text) or one column dropped.
The function must either raise ``ValueError``/``TypeError`` or return a result without NaN.
Anything else (``AttributeError``, ``KeyError``, ``OSError``, ...) fails the test.

To cover another module, add its name to :data:`MODULES` and, for functions with required
parameters, a valid call to :data:`VALID` (the test says which one is missing).
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import math
import numbers
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: The modules whose public functions are driven. Add a module here to cover it.
MODULES = [
    "livekit.path",
    "livekit.canvas",
    "livekit.worksheet",
    "livekit.setup_check",
    "livekit.fonts",
    "livekit.glossary",
    "livekit.modes",
    "livekit.cases",
    "livekit.prediction",
    # a user's own tables: reading, checking, seller tables
    "livekit.reading",
    "livekit.data",
    "livekit.seller_data",
]

#: Public functions that are not pure logic (widgets, figures): tested in their own files.
NOT_PURE: set[str] = set()


def _path(name: str) -> Any:
    from livekit import path

    return getattr(path, name)


#: Valid arguments for every parameter without a default, by function: {name: factory}.
VALID: dict[str, Callable[[], dict[str, Any]]] = {
    "livekit.path.average_retention": lambda: {"hours": 3.0, "variety": 0.5},
    "livekit.path.engaged_share": lambda: {"content_quality": 0.6, "boost": 0.5},
    "livekit.path.price_response": lambda: {"price": 89.0},
    "livekit.path.describe": lambda: {"result": _path("simulate")()},
    "livekit.path.funnel": lambda: {"result": _path("simulate")()},
    "livekit.path.money_flow": lambda: {"result": _path("simulate")()},
    "livekit.path.stage_totals": lambda: {"result": _path("simulate")()},
    "livekit.path.broadcast_length_curve": lambda: {"hours": [1.0, 2.0, 4.0]},
    "livekit.path.profit_by_price": lambda: {"prices": [49.0, 99.0]},
    "livekit.canvas.block_info": lambda: {"block": "channels"},
    "livekit.canvas.module_of": lambda: {"block": "channels"},
    "livekit.canvas.blocks_in_module": lambda: {"module": "delivery"},
    "livekit.canvas.chain": lambda: {"name": "revenue"},
    "livekit.canvas.chains_of": lambda: {"block": "value_proposition"},
    "livekit.canvas.money_summary": lambda: {
        "money": importlib.import_module("livekit.canvas").canvas_money()
    },
    "livekit.canvas.value_scores": lambda: {
        "ratings": importlib.import_module("livekit.canvas").value_ratings()
    },
    "livekit.worksheet.check_worksheet": lambda: {"sheet": {"channels": "直播间 🎥"}},
    "livekit.worksheet.save_worksheet": lambda: {
        "sheet": {"channels": "直播间"},
        "path": "fuzz_sheet.json",
        "overwrite": True,
    },
    "livekit.worksheet.load_worksheet": lambda: {"path": _saved_sheet()},
    "livekit.setup_check.demo_orders": lambda: {"viewers": 1000.0, "conversion": 0.02},
    "livekit.setup_check.check_versions": lambda: {
        "installed": {"pandas": "2.2.0", "matplotlib": "3.8.4"}
    },
    "livekit.fonts.script_of": lambda: {"char": "直"},
    "livekit.fonts.missing_glyphs": lambda: {"text": "直播 abc"},
    "livekit.fonts.warn_missing_glyphs": lambda: {"text": "直播 abc"},
    "livekit.fonts.font_help": lambda: {"kind": "cjk"},
    "livekit.glossary.glossary": lambda: {"term": "GMV"},
    "livekit.modes.check_purpose": lambda: {"purpose": "trust"},
    "livekit.modes.check_mode_list": lambda: {"modes": ["value", "contrast"]},
    "livekit.modes.mode_fit": lambda: {"purpose": "trust"},
    "livekit.modes.pair_synergy": lambda: {"mode_a": "value", "mode_b": "contrast"},
    "livekit.modes.combine": lambda: {"purpose": "trust", "modes": ["value", "contrast"]},
    "livekit.modes.combine_effects": lambda: {"alone": {"value": 0.3, "contrast": 0.2}},
    "livekit.modes.mode_attraction": lambda: {"modes": ["value", "contrast"]},
    "livekit.canvas.stage_of": lambda: {"item": "conversion"},
    "livekit.modes.combination_table": lambda: {"purpose": "trust", "modes": ["value", "contrast"]},
    "livekit.modes.rank_combinations": lambda: {"purpose": "launch"},
    "livekit.cases.format_cny": lambda: {"value": 1.2e9},
    "livekit.cases.platform_case": lambda: {"platform": "Douyin"},
    "livekit.cases.platform_facts": lambda: {"platform": "Douyin"},
    "livekit.cases.amount_text": lambda: {"value": 1.2e9, "unit": "CNY"},
    "livekit.prediction.judge_prediction": lambda: {"prediction": 3.0, "actual": 4.0},
    "livekit.cases.place_anchors": lambda: {"percentile": 30.0},
    "livekit.reading.read_bytes": lambda: {"source": OWN_CSV},
    "livekit.reading.source_label": lambda: {"source": "mine.csv"},
    "livekit.reading.file_kind": lambda: {"content": OWN_CSV},
    "livekit.reading.decode": lambda: {"content": OWN_CSV},
    "livekit.reading.detect_sep": lambda: {"text": OWN_CSV.decode()},
    "livekit.reading.split_rows": lambda: {"text": OWN_CSV.decode(), "sep": ","},
    "livekit.reading.detect_decimal": lambda: {"cells": [(2, "Fans", "1,5万")]},
    "livekit.reading.parse_number": lambda: {"text": "10w+"},
    "livekit.reading.parse_numbers": lambda: {"texts": ["10w+", "¥1,200", "１２"]},
    "livekit.reading.problems_message": lambda: {
        "where": "mine.csv",
        "problems": [importlib.import_module("livekit.reading").Problem(2, 0, "a", "a", "x", "no")],
    },
    "livekit.reading.read_raw": lambda: {"source": OWN_CSV},
    "livekit.reading.sniff": lambda: {"source": OWN_CSV},
    "livekit.data.read_table": lambda: {
        "source": OWN_CSV,
        "schema": importlib.import_module("livekit.seller_data").user_schema(),
        "columns": OWN_MAPPING,
    },
    "livekit.data.load": lambda: {"name": "sellers"},
    "livekit.data.schema_of": lambda: {"name": "sellers"},
    "livekit.seller_data.load_dataset": lambda: {"name": "sellers"},
    "livekit.seller_data.read_sellers": lambda: {"source": OWN_CSV, "columns": OWN_MAPPING},
    "livekit.seller_data.sniff": lambda: {"source": OWN_CSV},
    "livekit.seller_data.guess_columns": lambda: {"names": ["主播", "粉丝数", "Notes"]},
    "livekit.seller_data.column_options": lambda: {"values": ["1.2万", "3"]},
}

#: Names to try in ``**kwargs`` parameters, by function (besides an unknown name).
KEYWORDS: dict[str, Callable[[], list[str]]] = {
    "livekit.path": lambda: sorted(_path("default_parameters")()),
    "livekit.canvas.canvas_money": lambda: list(
        importlib.import_module("livekit.canvas").money_items().index
    ),
}

#: A seller table as a Chinese export writes it (title line, number forms, a totals row).
OWN_CSV = (
    "Top sellers (export)\n主播,粉丝数,场均观看\n果园小王,8.6万,1200\n茶山阿妹,10w+,¥450\n"
    "乡村厨房,１５００００,8000\n合计,,\n"
).encode()
OWN_MAPPING = {"主播": "seller", "粉丝数": "followers", "场均观看": "avg_viewers"}

#: Functions whose result is NaN by design for what is not a number ("not a number" answered).
NAN_RESULTS = {"livekit.reading.parse_number"}

#: Columns that hold NaN by design in a valid result ("empty where the same").
NAN_ALLOWED = {
    "livekit.path.parameter_table": {"non_live", "slider_max"},
    # an anchor's followers or viewers that no outlet reported stay empty (the kit invents none)
    "livekit.cases.map_anchors": {"followers", "peak_cumulative_viewers"},
    # a cell that is no number reads as NaN (the reader names it as a problem)
    "livekit.reading.parse_numbers": {"value"},
    # a user's optional metric column may be empty in the example (none is), and kit tables
    # have nullable columns
    "livekit.data.load": {"followers", "peak_cumulative_viewers", "note", "basis"},
}

_WORKDIR = Path(tempfile.mkdtemp(prefix="livekit-robustness-"))


@contextlib.contextmanager
def _inside(folder: Path):
    """Run in ``folder`` (a file name a function is given lands there), then come back."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _saved_sheet() -> str:
    from livekit import worksheet

    target = _WORKDIR / "valid_sheet.csv"
    worksheet.save_worksheet({"channels": "直播间"}, target, overwrite=True)
    return str(target)


class _Odd:
    """An object of no expected type."""

    def __repr__(self) -> str:
        return "<odd>"


BAD_VALUES = [
    None,
    math.nan,
    math.inf,
    -math.inf,
    -1,
    -1.5,
    0,
    1e308,
    10**30,
    True,
    "",
    "abc",
    "0.5",
    "直播",
    b"1",
    [],
    [math.nan],
    ["abc"],
    [None],
    (),
    {},
    {"bogus": 1},
    {"channels": 5},
    {1: "a"},
    {"pandas": 5},
    {"value_proposition": math.nan},
    pd.DataFrame(),
    pd.DataFrame({"x": [1.0]}),
    pd.Series(dtype=float),
    pd.Series({"x": math.nan}),
    np.array([math.nan]),
    np.float64("nan"),
    _Odd(),
    "x" * 5000,
    "nope.csv",
    "sub/dir/",
    ".json",
]

_PLAIN_BAD = st.one_of(
    st.sampled_from(BAD_VALUES),
    st.floats(),
    st.integers(),
    st.text(max_size=30),
    st.dictionaries(
        st.text(max_size=10), st.one_of(st.none(), st.floats(), st.text(max_size=5)), max_size=3
    ),
)


def _public_functions() -> list[tuple[str, Callable]]:
    found = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            qualified = f"{module_name}.{name}"
            if inspect.isfunction(obj) and qualified not in NOT_PURE:
                found.append((qualified, obj))
    return found


FUNCTIONS = _public_functions()
#: The ones with parameters to drive (functions without any are checked by the baseline test).
DRIVEN = [(q, f) for q, f in FUNCTIONS if inspect.signature(f).parameters]


def _baseline(qualified: str, func: Callable) -> dict[str, Any]:
    """Valid keyword arguments for every parameter without a default."""
    given_values = VALID[qualified]() if qualified in VALID else {}
    for p in inspect.signature(func).parameters.values():
        if p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            continue
        if p.default is p.empty and p.name not in given_values:
            raise AssertionError(
                f"{qualified}: add a valid value for {p.name!r} to VALID in this test"
            )
    return given_values


def _keywords(qualified: str) -> list[str]:
    module = qualified.rsplit(".", 1)[0]
    factory = KEYWORDS.get(qualified) or KEYWORDS.get(module)
    return factory() if factory else []


def _call(func: Callable, kwargs: dict[str, Any]) -> Any:
    """Call with positional-only/positional parameters by keyword where allowed."""
    sig = inspect.signature(func)
    args, rest = [], dict(kwargs)
    for p in sig.parameters.values():
        if p.kind == p.POSITIONAL_ONLY and p.name in rest:
            args.append(rest.pop(p.name))
    return func(*args, **rest)


def _nan_in_frame(value: pd.DataFrame, allowed: set[str]) -> str | None:
    for column in value.columns:
        if column not in allowed and _nan_in(value[column], allowed):
            return f"column {column!r}"
    return None


def _nan_in_series(value: pd.Series) -> str | None:
    if value.dtype == object:
        for key, item in value.items():
            if isinstance(item, (float, np.floating)) and math.isnan(item):
                return f"entry {key!r}"
        return None
    if pd.api.types.is_numeric_dtype(value) and value.isna().any():
        return f"entry {value.index[value.isna().to_numpy()][0]!r}"
    return None


def _nan_in_items(value: dict | list | tuple, allowed: set[str]) -> str | None:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        found = _nan_in(item, allowed)
        if found:
            return f"key {key!r}" if isinstance(value, dict) else found
    return None


def _nan_in(value: Any, allowed: set[str]) -> str | None:
    """Where a NaN sits in ``value``, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return "the result" if math.isnan(float(value)) else None
    if isinstance(value, pd.DataFrame):
        return _nan_in_frame(value, allowed)
    if isinstance(value, pd.Series):
        return _nan_in_series(value)
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return "an array entry" if np.isnan(value).any() else None
    if isinstance(value, (dict, list, tuple)):
        return _nan_in_items(value, allowed)
    return None


def _spoiled(valid: Any, data: st.DataObject) -> Any:
    """A valid table or result with one cell spoiled, one column dropped, or no rows."""
    spoil = data.draw(
        st.sampled_from([math.nan, math.inf, -math.inf, -1.0, -1e12, "text", None]), label="spoil"
    )
    if isinstance(valid, pd.DataFrame) and len(valid.columns):
        how = data.draw(st.sampled_from(["cell", "drop", "empty"]), label="how")
        out = valid.copy()
        if how == "empty":
            return out.iloc[0:0]
        column = data.draw(st.sampled_from(list(out.columns)), label="column")
        if how == "drop":
            return out.drop(columns=[column])
        row = data.draw(st.integers(0, len(out) - 1), label="row") if len(out) else None
        if row is None:
            return out
        out[column] = out[column].astype(object)
        out.iloc[row, out.columns.get_loc(column)] = spoil
        return out
    if isinstance(valid, pd.Series) and len(valid):
        out = valid.astype(object).copy()
        key = data.draw(st.sampled_from(list(out.index)), label="key")
        if data.draw(st.booleans(), label="drop"):
            return out.drop(index=[key])
        out[key] = spoil
        return out
    if isinstance(valid, dict) and valid:
        out = dict(valid)
        key = data.draw(st.sampled_from(list(out)), label="key")
        out[key] = spoil
        return out
    return data.draw(_PLAIN_BAD, label="bad")


def _check_outcome(qualified: str, where: str, bad: Any, call: Callable[[], Any]) -> None:
    try:
        result = call()
    except (ValueError, TypeError) as exc:
        assert str(exc), (
            f"{qualified}({where}={bad!r}) raised {type(exc).__name__} without a message"
        )
        return
    except Exception as exc:  # noqa: BLE001 - the point of the test
        pytest.fail(f"{qualified}({where}={bad!r}) raised {type(exc).__name__}: {exc}")
    if qualified in NAN_RESULTS:
        return
    found = _nan_in(result, NAN_ALLOWED.get(qualified, set()))
    assert found is None, f"{qualified}({where}={bad!r}) returned a NaN in {found}"


@pytest.mark.parametrize("qualified, func", FUNCTIONS, ids=[q for q, _ in FUNCTIONS])
def test_valid_call_works_and_has_no_nan(qualified, func):
    """The harness itself: the baseline call succeeds, so a bad value is the only thing wrong."""
    with _inside(_WORKDIR), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what a reader says about the file (TableWarning)
        result = _call(func, _baseline(qualified, func))
    if qualified not in NAN_RESULTS:
        assert _nan_in(result, NAN_ALLOWED.get(qualified, set())) is None


@pytest.mark.filterwarnings("ignore::livekit.fonts.MissingFontWarning")
@pytest.mark.parametrize("qualified, func", DRIVEN, ids=[q for q, _ in DRIVEN])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_bad_values_give_value_or_type_errors(qualified, func, data):
    params = [p for p in inspect.signature(func).parameters.values() if p.kind != p.VAR_POSITIONAL]
    base = _baseline(qualified, func)
    param = data.draw(st.sampled_from(params), label="parameter")
    kwargs = dict(base)
    if param.kind == param.VAR_KEYWORD:
        names = _keywords(qualified) + ["bogus_name"]
        where = data.draw(st.sampled_from(names), label="keyword")
        bad = data.draw(_PLAIN_BAD, label="bad")
    else:
        where = param.name
        valid = kwargs.get(param.name, param.default)
        spoil_it = isinstance(valid, (pd.DataFrame, pd.Series, dict)) and data.draw(
            st.booleans(), label="spoil it"
        )
        bad = _spoiled(valid, data) if spoil_it else data.draw(_PLAIN_BAD, label="bad")
    kwargs[where] = bad
    with _inside(_WORKDIR), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what a reader says about the file (TableWarning)
        _check_outcome(qualified, where, bad, lambda: _call(func, kwargs))


def test_every_listed_module_has_functions():
    """A module added to MODULES without public functions would be covered by nothing."""
    for module_name in MODULES:
        assert any(q.startswith(module_name + ".") for q, _ in FUNCTIONS), module_name
