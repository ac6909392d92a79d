"""Real cases: reported figures kept as reported, both where outlets disagree, nothing invented."""

import math

import pytest

from livekit import cases, cases_views
from livekit.data import load


def test_every_fact_names_an_outlet_listed_for_its_address():
    table = cases.facts()
    outlets = set(load("case_outlets")["outlet"])
    assert table["reported_by"].isin(outlets).all()
    assert len(table) == len(load("live_commerce_facts"))


def test_sales_keep_both_figures_where_outlets_disagree():
    sales = cases.anchor_sales().set_index(["anchor", "event"])
    li = sales.loc[("Li Jiaqi (Austin Li)", "Singles' Day presale, first evening")]
    assert (li["low"], li["high"]) == (10_650_000_000, 12_000_000_000)
    assert li["sources_disagree"]
    assert (
        "10.65 billion CNY (Jiemian)" in li["reported"]
        and "12 billion CNY (Jing Daily)" in li["reported"]
    )
    luo = sales.loc[("Luo Yonghao", "first live-commerce broadcast")]
    assert luo["low"] == luo["high"] == 110_000_000 and not luo["sources_disagree"]


def test_every_reported_sales_figure_survives_in_the_summary():
    raw = load("live_commerce_facts")
    raw = raw[raw["metric"] == "sales"]
    sales = cases.anchor_sales()
    for row in raw.itertuples(index=False):
        match = sales[(sales["anchor"] == row.anchor) & (sales["event"] == row.event)]
        assert len(match) == 1
        assert match["low"].iloc[0] <= row.value <= match["high"].iloc[0]
        assert cases.format_cny(row.value) in match["reported"].iloc[0]
        assert row.source in match["sources"].iloc[0]


def test_map_anchors_holds_only_reported_numbers_and_lists_what_is_missing():
    anchors = cases.map_anchors().set_index("seller")
    facts = load("live_commerce_facts")
    reported = set(facts["value"])
    for name, row in anchors.iterrows():
        for col in (
            "followers",
            "best_session_low",
            "best_session_high",
            "peak_cumulative_viewers",
        ):
            assert math.isnan(row[col]) or row[col] in reported, (name, col)
        assert "conversion" in row["missing"] and row["basis"] == "reported"
    assert anchors.at["Li Jiaqi (Austin Li)", "followers"] == 40_000_000
    assert math.isnan(anchors.at["Viya (Huang Wei)", "followers"])
    assert "followers" in anchors.at["Viya (Huang Wei)", "missing"]
    assert list(anchors.index) == [
        "Li Jiaqi (Austin Li)",
        "Viya (Huang Wei)",
        "Cherie",
        "Luo Yonghao",
    ]


@pytest.mark.parametrize(
    "asked, heading",
    [
        ("Taobao Live", "Taobao Live"),
        ("tiktok", "Douyin"),
        ("抖音", "Douyin"),
        ("Jingdong", "JD"),
        ("amazon", "Amazon Live"),
    ],
)
def test_case_box_finds_the_platform_by_any_of_its_names(asked, heading):
    assert cases_views.case_box(asked).data.startswith(f"**Case: {heading} (")


def test_case_box_reports_sourced_figures_or_says_there_are_none():
    taobao = cases_views.case_box("Taobao Live").data
    assert "10.65 billion CNY (Jiemian); 12 billion CNY (Jing Daily)" in taobao
    assert "What the paper says" in taobao
    for platform in ("JD", "Amazon Live"):
        box = cases_views.case_box(platform).data
        assert "holds no sourced figure" in box
        assert "CNY" not in box and "million" not in box


def test_bad_platforms_are_refused_with_the_allowed_names():
    with pytest.raises(
        ValueError, match="platform 'Pinduoduo' is unknown; choose one of 'Taobao Live'"
    ):
        cases_views.case_box("Pinduoduo")
    with pytest.raises(TypeError, match="platform must be text"):
        cases_views.case_box(None)


@pytest.mark.parametrize(
    "value, text",
    [
        (10_650_000_000, "10.65 billion CNY"),
        (8e9, "8 billion CNY"),
        (110_000_000, "110 million CNY"),
        (950, "950 CNY"),
    ],
)
def test_format_cny(value, text):
    assert cases.format_cny(value) == text


@pytest.mark.parametrize("bad", [-1, float("nan"), "5", True])
def test_format_cny_refuses_what_is_not_an_amount(bad):
    with pytest.raises(ValueError, match="value must be a finite amount of CNY"):
        cases.format_cny(bad)


# --- the anchors on the map: reported figures, the kit's assumptions, a labelled stand-in --------


def test_the_anchors_viewers_carry_their_own_event_and_date():
    anchors = cases.map_anchors().set_index("seller")
    li = anchors.loc["Li Jiaqi (Austin Li)"]
    # 162 million cumulative viewers on 21 October 2020; the best session a year later
    assert li["peak_cumulative_viewers"] == 162_000_000
    assert "2020-10-21" in li["cumulative_viewers_event"]
    assert "2021-10-20" in li["best_session_event"]
    assert anchors.at["Cherie", "cumulative_viewers_event"] == ""


def test_cumulative_viewers_stand_in_for_reach_only_when_asked_and_are_labelled():
    off = cases.place_anchors(reach=False).set_index("seller")
    on = cases.place_anchors(reach=True).set_index("seller")
    for name in ("Li Jiaqi (Austin Li)", "Viya (Huang Wei)", "Luo Yonghao"):
        assert "not a map metric" in off.at[name, "reported"]
        assert "standing in for audience reach" in on.at[name, "reported"]
        assert "a larger measure" in on.at[name, "reported"]
        assert "avg_viewers" in off.at[name, "assumed"]
        assert "avg_viewers" not in on.at[name, "assumed"]
        assert on.at[name, "attractiveness_high"] > off.at[name, "attractiveness_high"]
    # no viewers reported for Cherie: the same place, the same assumption
    assert on.loc["Cherie"].equals(off.loc["Cherie"])
    with pytest.raises(TypeError, match="reach"):
        cases.place_anchors(reach="yes")


def test_classify_anchors_adds_each_ends_class_and_is_cached():
    first = cases.classify_anchors(30, model="tiered")
    assert set(first["class_low"]) | set(first["class_high"]) <= set(
        ("bottom tier", "lower tier", "upper tier", "top tier")
    )
    first.loc[0, "class_high"] = "changed by the caller"
    again = cases.classify_anchors(30, model="tiered")
    assert again.loc[0, "class_high"] != "changed by the caller"  # a copy of the cached table
    li = cases.classify_anchors(reach=True).set_index("seller").loc["Li Jiaqi (Austin Li)"]
    assert (li["class_low"], li["class_high"]) == ("super", "super")
    with pytest.raises(ValueError, match="model"):
        cases.classify_anchors(model="pyramid")
