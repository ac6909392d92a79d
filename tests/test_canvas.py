"""Tests of livekit.canvas: the canvas data, the chains, the model comparison, scores, money."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livekit import canvas
from livekit.data import load
from livekit.vocab import MODULES

# --- the data -----------------------------------------------------------------------------


def test_nine_blocks_each_in_one_known_module():
    table = canvas.blocks()
    assert list(table.index) == list(canvas.BLOCKS)
    assert set(table["module"]) == set(MODULES)
    placed = sum(len(canvas.blocks_in_module(m)) for m in MODULES)
    assert placed == 9


def test_table1_placements_and_the_kits_choice():
    # Li (2021), Table 1: resources and partners create value, channels and relationships
    # deliver it, cost and revenue capture it.
    assert canvas.blocks_in_module("delivery") == ["customer_relationships", "channels"]
    assert set(canvas.blocks_in_module("capture")) == {"cost_structure", "revenue_streams"}
    assert {"key_resources", "key_partners"} <= set(canvas.blocks_in_module("creation"))
    # Table 1 does not place key activities: the kit does, and says so in the data.
    assert canvas.module_of("key_activities") == "creation"
    assert "kit's choice" in canvas.block_info("key_activities")["module_basis"]
    kits_choices = [
        b for b in canvas.BLOCKS if "kit's choice" in canvas.block_info(b)["module_basis"]
    ]
    assert kits_choices == ["key_activities"]


def test_every_block_cites_its_numbered_element_of_the_paper():
    items = {canvas.block_info(b)["section"] for b in canvas.BLOCKS}
    assert items == {f"Nine elements, item ({i})" for i in range(1, 10)}


def test_layout_is_osterwalders_and_blocks_do_not_overlap():
    table = canvas.blocks()
    x = table["x"]
    # partners | activities over resources | proposition | relationships over channels | segments
    assert x["key_partners"] < x["key_activities"] == x["key_resources"] < x["value_proposition"]
    assert (
        x["value_proposition"]
        < x["customer_relationships"]
        == x["channels"]
        < x["customer_segments"]
    )
    assert table.at["key_activities", "y"] > table.at["key_resources", "y"]
    assert table.at["customer_relationships", "y"] > table.at["channels", "y"]
    assert x["cost_structure"] < x["revenue_streams"]
    assert table.at["cost_structure", "y"] < table.at["value_proposition", "y"]
    area = (table["width"] * table["height"]).sum()
    assert area == pytest.approx(10 * 7)  # the nine blocks tile the 10 x 7 canvas exactly
    boxes = list(table[["x", "y", "width", "height"]].itertuples())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
            overlap_y = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
            assert overlap_x <= 1e-9 or overlap_y <= 1e-9, (a.Index, b.Index)


def test_value_modules_list_their_blocks_in_path_order():
    modules = canvas.value_modules()
    assert list(modules.index) == list(MODULES)
    assert modules.at["proposition", "blocks"] == ("value_proposition", "customer_segments")


# --- the chains ---------------------------------------------------------------------------


def test_chains_are_the_papers():
    # Li (2021), nine elements, closing paragraph.
    assert set(canvas.chain("revenue")) == {
        "customer_segments",
        "customer_relationships",
        "channels",
        "value_proposition",
        "revenue_streams",
    }
    assert set(canvas.chain("cost")) == {
        "value_proposition",
        "key_resources",
        "key_activities",
        "key_partners",
        "cost_structure",
    }
    assert canvas.chain("revenue")[-1] == "revenue_streams"
    assert canvas.chain("cost")[-1] == "cost_structure"


def test_value_proposition_is_the_hub_and_every_block_is_on_a_chain():
    assert canvas.hub() == "value_proposition"
    assert canvas.chains_of("value_proposition") == ["revenue", "cost"]
    assert canvas.chains_of("channels") == ["revenue"]
    assert canvas.chains_of("key_partners") == ["cost"]
    assert all(canvas.chains_of(b) for b in canvas.BLOCKS)
    roles = canvas.chains().set_index(["chain", "block"])["role"]
    assert roles[("revenue", "value_proposition")] == roles[("cost", "value_proposition")] == "hub"


# --- three models ---------------------------------------------------------------------------


def test_three_models_cover_every_block_and_say_whose_reading():
    table = canvas.compare_models()
    assert list(table.index) == list(canvas.BLOCKS)
    for model in canvas.MODELS:
        assert table[model].str.len().gt(10).all()
        assert set(table[f"reading_{model}"]) <= {"paper", "kit"}
    # the live column is the paper's nine elements; the paper contrasts the value proposition
    assert (table["reading_live"] == "paper").all()
    assert table.at["value_proposition", "reading_online"] == "paper"
    assert table.at["value_proposition", "reading_offline"] == "paper"
    # every kit reading says so in its basis
    raw = load("canvas_models")
    kit_rows = raw[raw["reading"] == "kit"]
    assert kit_rows["basis"].str.contains("kit").all()


def test_model_contents_one_model():
    live = canvas.model_contents("live")
    assert list(live) == list(canvas.BLOCKS)
    assert "wages" in live["cost_structure"].lower()
    assert canvas.compare_models("channels").index.tolist() == ["channels"]


# --- value perception -------------------------------------------------------------------------


def test_ratings_respect_every_ordering_the_paper_states():
    ratings = canvas.value_ratings()
    orderings = 0
    for dim, row in ratings.iterrows():
        if row["paper_claim"] == "improves":  # no comparison in the paper: the kit's choice
            assert "kit's choice" in row["source"], dim
            continue
        for claim in row["paper_claim"].split(";"):
            better, worse = claim.split(">")
            assert row[better] > row[worse], (dim, claim)
            orderings += 1
    assert orderings == 5  # live > online on three customer dimensions, > offline on two
    assert set(canvas.value_dimensions("customer")) == {
        "perceived_value",
        "aesthetic_value",
        "entertainment",
        "shopping_cost",
        "time_use",
    }
    assert set(canvas.value_dimensions("seller")) == {"visibility", "convenience", "efficiency"}


def test_equal_weights_give_the_plain_mean():
    ratings = canvas.value_ratings()
    scores = canvas.value_scores()
    for side in ("customer", "seller"):
        rows = ratings[ratings["side"] == side]
        for model in canvas.MODELS:
            assert scores.at[model, side] == pytest.approx(rows[model].mean())


def test_one_dimension_alone_gives_its_rating():
    weights = {d: 0 for d in canvas.value_dimensions()}
    weights.update(perceived_value=3, visibility=1)
    scores = canvas.value_scores(weights)
    ratings = canvas.value_ratings()
    assert scores["customer"].to_dict() == pytest.approx(
        ratings.loc["perceived_value", list(canvas.MODELS)].to_dict()
    )
    assert (
        scores.loc["offline", "customer"] > scores.loc["live", "customer"]
    )  # the kit: you can hold it


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0, 10), min_size=8, max_size=8).filter(
        lambda w: sum(w[:5]) > 0.01 and sum(w[5:]) > 0.01
    )
)
def test_scores_stay_between_the_lowest_and_highest_rating(ws):
    dims = canvas.value_dimensions("customer") + canvas.value_dimensions("seller")
    scores = canvas.value_scores(dict(zip(dims, ws)))
    ratings = canvas.value_ratings()
    for side in ("customer", "seller"):
        rows = ratings[ratings["side"] == side]
        for model in canvas.MODELS:
            assert rows[model].min() - 1e-9 <= scores.at[model, side] <= rows[model].max() + 1e-9


def test_scaling_all_weights_changes_nothing():
    base = canvas.value_scores({"entertainment": 2, "time_use": 4})
    scaled = canvas.value_scores(
        {
            d: 2.5 * w
            for d, w in {
                **{d: 1 for d in canvas.value_dimensions()},
                "entertainment": 2,
                "time_use": 4,
            }.items()
        }
    )
    pd.testing.assert_frame_equal(base, scaled)


def test_bad_weights_are_refused_with_the_field_named():
    with pytest.raises(ValueError, match="weights key"):
        canvas.value_scores({"price": 1})
    with pytest.raises(ValueError, match=r"weights\['entertainment'\] must be from 0 to 10"):
        canvas.value_scores({"entertainment": -1})
    with pytest.raises(TypeError, match=r"weights\['entertainment'\]"):
        canvas.value_scores({"entertainment": "high"})
    with pytest.raises(TypeError, match="weights must be a mapping"):
        canvas.value_scores([1, 2])
    with pytest.raises(ValueError, match="at least one seller dimension"):
        canvas.value_scores({"visibility": 0, "convenience": 0, "efficiency": 0})


# --- money ------------------------------------------------------------------------------------


def test_money_items_are_the_papers_two_streams_and_five_costs():
    items = canvas.money_items()
    assert list(items.index[items["kind"] == "revenue"]) == ["purchases", "sponsorship"]
    assert list(items.index[items["kind"] == "cost"]) == [
        "product",
        "broadcast",
        "packaging",
        "logistics",
        "wages",
    ]
    assert (items.loc[items["kind"] == "cost", "canvas_block"] == "cost_structure").all()
    assert (items["low"] <= items["default"]).all() and (items["default"] <= items["high"]).all()
    # money comes from blocks on the matching chain
    for item, row in items[items["kind"] != "lever"].iterrows():
        chain = "revenue" if row["kind"] == "revenue" else "cost"
        assert row["source_block"] in canvas.chain(chain), item
    # the kit's lever sits in the hub and moves one item on each chain
    lever = items.loc["stream_discount"]
    assert lever["kind"] == "lever" and lever["source_block"] == canvas.hub()
    moved = items.index[items["moved_by"] == "stream_discount"]
    assert sorted(moved) == ["product", "purchases"]
    assert [c for m in moved for c in canvas.chains_of(items.at[m, "source_block"])] == [
        "revenue",
        "cost",
    ]


def test_profit_is_revenue_minus_cost():
    money = canvas.canvas_money(
        purchases=500,
        sponsorship=50,
        product=250,
        broadcast=40,
        packaging=10,
        logistics=30,
        wages=70,
    )
    summary = canvas.money_summary(money)
    assert summary["revenue"] == 550
    assert summary["cost"] == 400
    assert summary["profit"] == 150
    assert summary["margin"] == pytest.approx(150 / 550)
    assert money["signed"].sum() == pytest.approx(150)


def test_defaults_fill_missing_items_and_zero_revenue_has_zero_margin():
    items = canvas.money_items()
    money = canvas.canvas_money()
    assert money["amount"].to_dict() == items.loc[items["kind"] != "lever", "default"].to_dict()
    assert money.attrs["levers"] == {"stream_discount": 0.0, "extra_units": 3.0}
    zero = canvas.money_summary(canvas.canvas_money(purchases=0, sponsorship=0))
    assert (
        zero["margin"] == 0
        and zero["profit"] == -items.loc[items["kind"] == "cost", "default"].sum()
    )


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 1000), st.floats(0, 200), st.floats(0, 600))
def test_more_revenue_or_less_cost_never_lowers_profit(purchases, gifts, product):
    base = canvas.money_summary(
        canvas.canvas_money(purchases=purchases, sponsorship=gifts, product=product)
    )
    more = canvas.money_summary(
        canvas.canvas_money(purchases=min(purchases + 10, 1000), sponsorship=gifts, product=product)
    )
    cheaper = canvas.money_summary(
        canvas.canvas_money(purchases=purchases, sponsorship=gifts, product=max(product - 10, 0))
    )
    assert more["profit"] >= base["profit"] and cheaper["profit"] >= base["profit"]


def test_the_discount_moves_purchases_and_product_cost_together():
    plain = canvas.canvas_money()
    cut = canvas.canvas_money(stream_discount=20, extra_units=3)
    # 20% off sells 60% more items: purchases x 0.8 x 1.6, product cost x 1.6, the rest unchanged
    assert cut.at["purchases", "amount"] == pytest.approx(400 * 0.8 * 1.6)
    assert cut.at["product", "amount"] == pytest.approx(200 * 1.6)
    others = ["sponsorship", "broadcast", "packaging", "logistics", "wages"]
    assert cut.loc[others, "amount"].tolist() == plain.loc[others, "amount"].tolist()
    assert (cut["list_amount"] == plain["amount"]).all()
    # with these defaults a small discount pays and a large one does not
    profit = {
        d: canvas.money_summary(canvas.canvas_money(stream_discount=d))["profit"]
        for d in (0, 10, 20)
    }
    assert profit[10] > profit[0] > profit[20]
    # buyers who do not answer the price: the discount only gives money away
    deaf = canvas.canvas_money(stream_discount=20, extra_units=0)
    assert deaf.at["product", "amount"] == 200 and deaf.at["purchases", "amount"] == 320


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 50), st.floats(0, 6), st.floats(0, 1000), st.floats(0, 600))
def test_the_lever_keeps_items_and_product_cost_in_step(discount, extra, purchases, product):
    money = canvas.canvas_money(
        stream_discount=discount, extra_units=extra, purchases=purchases, product=product
    )
    effect = canvas.lever_effect(discount, extra)
    assert effect["items"] >= 1 and effect["cost"] == effect["items"]
    assert money.at["product", "amount"] == pytest.approx(product * effect["items"])
    assert money.at["purchases", "amount"] == pytest.approx(
        purchases * effect["items"] * (1 - discount / 100)
    )


def test_bad_money_is_refused_with_the_field_named():
    with pytest.raises(ValueError, match="stream_discount must be from 0 to 50"):
        canvas.canvas_money(stream_discount=60)
    with pytest.raises(ValueError, match="wages must be from 0"):
        canvas.canvas_money(wages=-5)
    with pytest.raises(ValueError, match="purchases must be from 0 to 1000"):
        canvas.canvas_money(purchases=5000)
    with pytest.raises(TypeError, match="product must be a number"):
        canvas.canvas_money(product="200")
    with pytest.raises(ValueError, match="amount name"):
        canvas.canvas_money(rent=10)
    with pytest.raises(TypeError, match="money must be"):
        canvas.money_summary({"revenue": 1})


# --- bad names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: canvas.module_of("key_partner"),
        lambda: canvas.block_info("Value Proposition"),
        lambda: canvas.chains_of("customers"),
        lambda: canvas.compare_models("cost"),
    ],
)
def test_unknown_block_names_the_field_and_lists_the_blocks(call):
    with pytest.raises(ValueError, match=r"block must be one of \['key_partners'"):
        call()


def test_other_unknown_names_and_wrong_types():
    with pytest.raises(ValueError, match="chain must be one of"):
        canvas.chain("profit")
    with pytest.raises(ValueError, match="model must be one of"):
        canvas.model_contents("tv")
    with pytest.raises(ValueError, match="module must be one of"):
        canvas.blocks_in_module("delivery_")
    with pytest.raises(TypeError, match="block must be one of"):
        canvas.module_of(["channels"])
    with pytest.raises(ValueError, match="side must be one of"):
        canvas.value_dimensions("buyer")


# --- bad tables (issue 11, item 4) ---------------------------------------------------------------


def test_value_scores_rejects_ratings_that_are_not_a_table():
    with pytest.raises(
        TypeError,
        match=r"ratings must be a ratings table like value_ratings\(\) \(a pandas DataFrame\), "
        r"got int 5",
    ):
        canvas.value_scores(ratings=5)


def test_value_scores_rejects_nan_and_out_of_range_ratings():
    ratings = canvas.value_ratings()
    first = ratings.index[0]
    spoiled = ratings.copy()
    spoiled.loc[first, "online"] = float("nan")
    with pytest.raises(
        ValueError,
        match=rf"ratings\['online'\] at row '{first}' must be a number from 0 to 10, got nan",
    ):
        canvas.value_scores(ratings=spoiled)
    spoiled.loc[first, "online"] = 11.0
    with pytest.raises(ValueError, match=r"from 0 to 10, got 11"):
        canvas.value_scores(ratings=spoiled)
    with pytest.raises(ValueError, match=r"missing \['offline'\]"):
        canvas.value_scores(ratings=ratings.drop(columns=["offline"]))
    with pytest.raises(ValueError, match=r"ratings\['side'\] at row"):
        canvas.value_scores(ratings=ratings.assign(side="buyer"))


def test_money_summary_rejects_nan_negative_and_unknown_kinds():
    money = canvas.canvas_money()
    item = money.index[0]
    for bad, error, message in [
        (float("nan"), ValueError, "must be a number from 0 to 1e\\+12, got nan"),
        (-5.0, ValueError, "must be from 0 to 1e\\+12, got -5.0"),
        ("lots", TypeError, "must be a number"),
    ]:
        spoiled = money.astype({"amount": object})
        spoiled.loc[item, "amount"] = bad
        with pytest.raises(error, match=rf"money\['amount'\] at row '{item}' {message}"):
            canvas.money_summary(spoiled)
    with pytest.raises(ValueError, match=r"money\['kind'\] at row"):
        canvas.money_summary(money.assign(kind="gift"))
    with pytest.raises(ValueError, match=r"at least 1 row"):
        canvas.money_summary(money.iloc[0:0])
    with pytest.raises(ValueError, match=r"missing \['amount'\]"):
        canvas.money_summary(money.drop(columns=["amount"]))
