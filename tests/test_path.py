"""The innovation path model: data, invariants (hypothesis), money to the cent, bad input."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livekit import canvas, modes, path
from livekit.data import load
from livekit.vocab import MODULES

# --- strategies -----------------------------------------------------------------------------

_TABLE = path.parameter_table().set_index("name")


def _value(name):
    row = _TABLE.loc[name]
    if row["kind"] == "switch":
        return st.booleans()
    return st.floats(min_value=float(row["min"]), max_value=float(row["max"]), allow_nan=False)


_NAMES = list(_TABLE.index)
params_strategy = st.fixed_dictionaries({}, optional={name: _value(name) for name in _NAMES})
modes_strategy = st.lists(st.sampled_from(list(modes.mode_table()["mode"])), max_size=7)
channel_strategy = st.sampled_from(path.CHANNELS)


# --- the path and the flow come from data/ --------------------------------------------------


def test_stages_follow_value_modules_and_canvas_blocks():
    stages = path.path_stages()
    assert tuple(stages["stage"]) == path.STAGES == MODULES
    blocks = load("canvas_blocks")
    for row in stages.itertuples():
        expected = set(blocks.loc[blocks["module"] == row.stage, "block"])
        assert set(row.blocks) == expected and expected
    # every one of the nine blocks is on the path exactly once
    assert sorted(b for bs in stages["blocks"] for b in bs) == sorted(blocks["block"])


def test_flow_is_ordered_and_its_stage_comes_from_the_canvas_block():
    steps = path.flow_steps()
    assert list(steps["step"]) == list(range(1, len(steps) + 1))
    blocks = load("canvas_blocks").set_index("block")
    assert (steps["stage"] == steps["block"].map(blocks["module"])).all()
    # Figure 2: the broadcast comes before buying, buying before shipping, shipping before feedback
    first = {
        a: steps.index[steps["action"].str.contains(a)][0]
        for a in ("goes live", "order and pay", "packs", "feedback")
    }
    assert first["goes live"] < first["order and pay"] < first["packs"] < first["feedback"]
    assert set(steps["stage"]) == set(path.STAGES)
    # choosing the modes is key business (creation), not part of the offer (step 1)
    assert "mode" not in steps.at[0, "action"] and "modes" in steps.at[1, "action"]
    assert steps.at[1, "stage"] == canvas.stage_of("modes")


def test_every_parameter_has_default_range_stage_and_provenance():
    table = path.parameter_table()
    assert (table["min"] <= table["default"]).all() and (table["default"] <= table["max"]).all()
    assert set(table["stage"]) == set(path.STAGES)
    assert (
        table.set_index("name")["stage"] == canvas.value_stages()["stage"].reindex(table["name"])
    ).all()
    assert table["note"].str.len().min() > 20
    rates = table[table["kind"] == "rate"]
    assert (rates["min"] >= 0).all() and (rates["max"] <= 1).all()
    money = table[table["kind"].isin(["money", "count"])]
    assert (money["min"] >= 0).all()


def test_non_live_differs_only_where_the_paper_says():
    differing = path.differing_parameters()
    assert set(differing["name"]) == {
        "reach_influence",
        "engagement_cap",
        "gifts_per_engaged",
        "demonstration_lift",
    }
    live, non_live = path.default_parameters("live"), path.default_parameters("non_live")
    assert {k for k in live if live[k] != non_live[k]} == set(differing["name"])
    assert (differing["live"] > differing["non_live"]).all()
    # three are the paper's differences, the fourth (no gifts without a live room) the kit's
    assert differing.set_index("name")["basis"].to_dict() == {
        "demonstration_lift": "paper",
        "reach_influence": "paper",
        "engagement_cap": "paper",
        "gifts_per_engaged": "kit",
    }


# --- the parts -------------------------------------------------------------------------------


def test_the_model_combines_modes_by_the_one_pair_rule_at_full_lift():
    lifts = modes.mode_table().set_index("mode")["lift"]
    assert path.simulate([])["mode_boost"] == 0.0
    # value + rare reinforce (synergy 0.2): the pair adds 0.2 x the weaker lift
    pair = path.simulate(["value", "rare"])["mode_boost"]
    assert pair == pytest.approx(lifts["value"] + lifts["rare"] + 0.2 * lifts["rare"])
    # rare + altruistic clash (synergy -0.3): together they add less than alone (1+1<2)
    clash = path.simulate(["rare", "altruistic"])["mode_boost"]
    assert clash == pytest.approx(lifts["rare"] + lifts["altruistic"] - 0.3 * lifts["altruistic"])
    assert clash < lifts["rare"] + lifts["altruistic"]


def test_retention_formula_and_full_variety():
    x = 0.4 * 0.5 * 2
    assert path.average_retention(2, 0.5, 0.4) == pytest.approx((1 - math.exp(-x)) / x)
    assert path.average_retention(12, 1.0, 0.4) == 1.0
    assert path.average_retention(0.25, 0.0, 0.0) == 1.0


def test_price_response_is_one_at_rivals_price_and_differentiation_softens_a_rise():
    assert path.price_response(99, reference_price=99) == pytest.approx(1.0)
    price_only = path.price_response(150, differentiation=0.0)
    cultural = path.price_response(150, differentiation=1.0)
    assert price_only == pytest.approx(math.exp(-3 * (150 / 99 - 1)))
    assert cultural > price_only


def test_integration_switches_change_delivery_parameters():
    base = path.delivery_parameters()
    assert base["return_rate"] == pytest.approx(0.15) and base["courier_share"] == 1.0
    assert path.delivery_parameters(shared_products=True)["return_rate"] == pytest.approx(
        0.15 * 0.8
    )
    assert path.delivery_parameters(pickup_offline=True)["courier_share"] == pytest.approx(0.7)
    cod = path.delivery_parameters(pay_on_delivery=True)
    assert cod["conversion_factor"] == pytest.approx(1.15) and cod["return_rate"] == pytest.approx(
        0.18
    )
    sync = path.delivery_parameters(synchronised_chain=True)
    assert sync["logistics_per_parcel"] == pytest.approx(8 * 0.85) and sync[
        "return_rate"
    ] == pytest.approx(0.135)
    # the switches act on delivery-stage parameters only
    stages = path.parameter_table().set_index("name")["stage"]
    assert set(
        stages[["shared_products", "pickup_offline", "pay_on_delivery", "synchronised_chain"]]
    ) == {"delivery"}


# --- the whole model, by hand once ----------------------------------------------------------


def test_simulate_matches_a_hand_calculation_at_the_defaults():
    r = path.simulate()
    viewers = 200_000 * 2 * (0.05 + 0.25 * 0.5)
    x = 0.4 * 0.5 * 2
    retention = (1 - math.exp(-x)) / x
    boost = 0.30 + 0.15 + 0.4 * 0.15  # value + interview, and their pair (synergy 0.4)
    engaged = viewers * retention * 0.6 * (1 - math.exp(-0.6 * (1 + boost)))
    orders = engaged * 0.02 * 1.5
    kept = orders * 0.85
    assert r["viewers"] == pytest.approx(viewers)
    assert r["engaged"] == pytest.approx(engaged)
    assert r["orders"] == pytest.approx(orders)
    assert r["sales"] == pytest.approx(round(kept * 99, 2), abs=0.006)
    assert r["broadcast_cost"] == pytest.approx(2 * 1500 * 1.5)
    assert r["logistics_cost"] == pytest.approx(round(orders * 1.15 * 8, 2), abs=0.006)


def test_describe_labels_every_quantity_with_its_stage_from_the_stage_map():
    table = path.describe(path.simulate())
    assert (table["stage"] == canvas.value_stages()["stage"].reindex(table.index)).all()
    assert table.loc["profit", "stage"] == "capture" and table.loc["viewers", "stage"] == "creation"
    assert table["value"].notna().all()


def test_stage_totals_show_each_stage_its_own_quantities():
    r = path.simulate(price=150, pickup_offline=True)
    totals = path.stage_totals(r).set_index("stage")
    assert list(totals.index) == list(path.STAGES)
    assert totals.at["proposition", "headline_value"] == 150
    assert totals.at["capture", "headline_value"] == r["profit"]
    assert totals.at["capture", "detail_value"] == r["revenue"]
    assert totals.at["capture", "total_costs"] == r["total_costs"]
    assert (totals.drop("capture")["total_costs"] == 0).all()


def test_waterfall_runs_from_sales_to_profit():
    flow = path.money_flow(path.simulate())
    assert flow["item"].iloc[0] == "sales" and flow["item"].iloc[-1] == "profit"
    assert flow["end"].iloc[-2] == pytest.approx(flow["end"].iloc[-1])
    assert flow["cents"].iloc[:-1].sum() == flow["cents"].iloc[-1]


def test_sales_per_hour_fall_with_length_at_low_variety():
    curve = path.broadcast_length_curve([0.5, 1, 2, 4, 8, 12], variety=0.2)
    assert (np.diff(curve["sales_per_hour"]) < 0).all()
    flat = path.broadcast_length_curve([0.5, 4, 12], variety=1.0)
    assert np.ptp(flat["sales_per_hour"]) <= 0.0100001  # the same, up to the cent rounding of sales


def test_differentiation_makes_a_price_rise_pay():
    prices = [99, 150, 200]
    price_only = path.profit_by_price(prices, differentiation=0.0)["profit"]
    cultural = path.profit_by_price(prices, differentiation=1.0)["profit"]
    assert price_only.iloc[2] < price_only.iloc[0]
    assert cultural.iloc[2] > cultural.iloc[0]


def test_live_sells_more_than_non_live_at_the_defaults():
    both = path.compare_channels()
    assert both.loc["orders", "live"] > both.loc["orders", "non_live"]
    assert both.loc["traffic", "live"] == both.loc["traffic", "non_live"]
    assert both.loc["gifts", "non_live"] == 0


# --- invariants (hypothesis) ----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(params=params_strategy, modes=modes_strategy, channel=channel_strategy)
def test_no_funnel_stage_exceeds_the_one_before(params, modes, channel):
    counts = path.funnel(path.simulate(modes, channel=channel, **params))["count"].to_numpy()
    assert (counts >= 0).all()
    assert (np.diff(counts) <= 0).all(), counts


@settings(max_examples=200, deadline=None)
@given(params=params_strategy, modes=modes_strategy, channel=channel_strategy)
def test_profit_equals_revenue_minus_costs_to_the_cent(params, modes, channel):
    r = path.simulate(modes, channel=channel, **params)
    cents = {
        k: round(r[k] * 100)
        for k in (
            "sales",
            "gifts",
            "revenue",
            "product_cost",
            "broadcast_cost",
            "packaging_cost",
            "logistics_cost",
            "wages",
            "total_costs",
            "profit",
        )
    }
    for k in cents:
        assert r[k] == cents[k] / 100  # a whole number of cents, exactly
    assert cents["revenue"] == cents["sales"] + cents["gifts"]
    assert cents["total_costs"] == sum(
        cents[k]
        for k in ("product_cost", "broadcast_cost", "packaging_cost", "logistics_cost", "wages")
    )
    assert cents["profit"] == cents["revenue"] - cents["total_costs"]


@settings(max_examples=100, deadline=None)
@given(params=params_strategy, modes=modes_strategy)
def test_zero_traffic_gives_zero_sales(params, modes):
    r = path.simulate(modes, **{**params, "traffic_per_hour": 0})
    assert r["sales"] == 0 and r["orders"] == 0 and r["gifts"] == 0


@settings(max_examples=200, deadline=None)
@given(params=params_strategy, modes=modes_strategy, low=st.floats(0, 1), high=st.floats(0, 1))
def test_sales_never_fall_when_conversion_rises(params, modes, low, high):
    low, high = sorted((low, high))
    a = path.simulate(modes, **{**params, "conversion": low})
    b = path.simulate(modes, **{**params, "conversion": high})
    assert b["sales"] >= a["sales"]
    assert b["orders"] >= a["orders"]


@settings(max_examples=300, deadline=None)
@given(
    short=st.floats(0.25, 24),
    long=st.floats(0.25, 24),
    variety=st.floats(0, 1),
    boredom=st.floats(0, 5),
)
def test_retention_never_rises_with_length_at_fixed_variety(short, long, variety, boredom):
    short, long = sorted((short, long))
    assert path.average_retention(long, variety, boredom) <= path.average_retention(
        short, variety, boredom
    )
    assert 0 < path.average_retention(long, variety, boredom) <= 1


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, value, error",
    [
        ("traffic_per_hour", -1, ValueError),  # negative count
        ("price", -5, ValueError),  # negative money
        ("unit_cost", -0.01, ValueError),
        ("wages_per_hour", -100, ValueError),
        ("conversion", 1.5, ValueError),  # rate above 1
        ("return_rate", -0.1, ValueError),  # rate below 0
        ("anchor_influence", 2, ValueError),
        ("content_quality", float("nan"), ValueError),
        ("hours", float("inf"), ValueError),
        ("price", "99", TypeError),
        ("boredom_rate", None, TypeError),
        ("pickup_offline", 1, TypeError),  # a switch wants True/False
    ],
)
def test_bad_parameters_name_the_parameter(name, value, error):
    with pytest.raises(error, match=name):
        path.simulate(**{name: value})


def test_bad_rate_message_gives_the_range():
    with pytest.raises(ValueError, match=r"conversion must be from 0 to 1, got 1.5"):
        path.simulate(conversion=1.5)


def test_unknown_mode_and_parameter_are_named():
    with pytest.raises(ValueError, match=r"mode 'dance' is unknown"):
        path.simulate(["value", "dance"])
    with pytest.raises(TypeError, match="modes"):
        path.simulate(3)
    with pytest.raises(ValueError, match="unknown parameter 'trafic'"):
        path.simulate(trafic=10)
    with pytest.raises(ValueError, match="channel"):
        path.simulate(channel="tv")


def test_bad_grids_and_parts_name_their_argument():
    with pytest.raises(ValueError, match="hours"):
        path.broadcast_length_curve([1, 30])
    with pytest.raises(TypeError, match="prices"):
        path.profit_by_price(99)
    with pytest.raises(ValueError, match="variety"):
        path.average_retention(2, 1.2)
    with pytest.raises(ValueError, match="unknown parameter 'synergy'"):
        path.simulate(synergy=0.5)  # one synergy rule: the pairs of data/mode_pairs.csv
    with pytest.raises(ValueError, match="price"):
        path.price_response(0)
    with pytest.raises(TypeError, match="result"):
        path.funnel({"traffic": 1})
    with pytest.raises(ValueError, match="missing"):
        path.funnel(pd.Series({"traffic": 1.0}))


def test_modes_repeat_and_order_do_not_matter():
    assert path.simulate(["interview", "value"]).equals(path.simulate(["value", "interview"]))


# --- bad results (issue 11, item 4) --------------------------------------------------------------


@pytest.mark.parametrize("reader", ["describe", "funnel", "money_flow", "stage_totals"])
@pytest.mark.parametrize(
    "quantity, bad, error, message",
    [
        (
            "viewers",
            float("nan"),
            ValueError,
            r"result\['viewers'\] must be a number from 0 to 1e\+15, got nan",
        ),
        (
            "orders",
            float("inf"),
            ValueError,
            r"result\['orders'\] must be a number from 0 to 1e\+15, got inf",
        ),
        ("sales", -1.0, ValueError, r"result\['sales'\] must be from 0 to 1e\+15, got -1.0"),
        ("traffic", "many", TypeError, r"result\['traffic'\] must be a number"),
        ("profit", 1e300, ValueError, r"result\['profit'\] must be from -1e\+15 to 1e\+15"),
    ],
)
def test_readers_of_a_result_refuse_spoiled_values(reader, quantity, bad, error, message):
    result = path.simulate().astype(object)
    result[quantity] = bad
    with pytest.raises(error, match=message):
        getattr(path, reader)(result)


def test_a_loss_is_a_valid_result():
    result = path.simulate()
    assert path.money_flow(result).shape[0] == 8
    loss = result.copy()
    loss["profit"] = -1234.5
    assert path.stage_totals(loss).set_index("stage").at["capture", "headline_value"] == -1234.5
