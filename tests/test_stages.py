"""One stage map and one synergy rule (issue 18).

Every stage label the kit shows (figure legends and tick labels, chart titles, view readouts,
tables, self-check answers) must agree with ``data/value_stages.csv``; every view and model that
combines live-stream modes must go through :func:`livekit.modes.combine_effects`.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from livekit import canvas, modes, path, selfcheck
from livekit import canvas_plots as cp
from livekit import modes_plots as mp
from livekit import path_plots as pp
from livekit import path_views as pv
from livekit.style import MODULE_COLORS
from livekit.vocab import MODULE_NAMES, MODULES

ROOT = Path(__file__).resolve().parents[1]
STAGE_WORDS = {MODULE_NAMES[m].lower(): m for m in MODULES}


def _stage(item: str) -> str:
    return canvas.stage_of(item)


def _words(item: str) -> str:
    return MODULE_NAMES[_stage(item)].lower()


# ------------------------------------------------------------------------- the map itself


def _raw_map() -> list[dict]:
    with (ROOT / "data" / "value_stages.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_stage_is_the_module_of_its_block():
    modules = canvas.blocks()["module"]
    rows = _raw_map()
    assert rows
    for row in rows:
        if row["block"]:
            assert row["stage"] == modules[row["block"]], row["item"]
        else:  # a total no one block holds: money, so value capture
            assert row["kind"] == "total" and row["stage"] == "capture", row["item"]


def test_the_map_covers_every_lever_quantity_and_money_item_the_kit_shows():
    items = set(canvas.value_stages().index)
    assert set(path.parameter_table()["name"]) <= items
    assert set(path.QUANTITIES["quantity"]) <= items
    assert set(canvas.money_items().index) <= items
    assert {"modes", "revenue", "cost", "profit", "margin"} <= items


def test_money_is_value_capture_and_the_levers_sit_with_their_blocks():
    table = canvas.value_stages()
    money = table[table["kind"].isin(["revenue", "cost", "total"])]
    assert set(money["stage"]) == {"capture"}
    # the examples, now one answer each
    assert _stage("modes") == "creation"  # key business, in every notebook
    assert _stage("product_cost") == _stage("product") == "capture"
    assert _stage("purchases") == _stage("sponsorship") == _stage("sales") == "capture"
    assert _stage("unit_cost") == canvas.module_of("key_partners")
    assert _stage("stream_discount") == _stage("price") == "proposition"
    assert _stage("conversion") == _stage("pickup_offline") == "delivery"


def test_a_stage_that_disagrees_with_its_block_is_refused(monkeypatch):
    real = canvas.load

    def spoiled(name):
        table = real(name)
        if name == "value_stages":
            table.loc[table["item"] == "modes", "stage"] = "proposition"
        return table

    monkeypatch.setattr(canvas, "load", spoiled)
    canvas._table.cache_clear()
    canvas._stages.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"value_stages.csv: item 'modes' is in block"):
            canvas.value_stages()
    finally:
        monkeypatch.undo()
        canvas._table.cache_clear()
        canvas._stages.cache_clear()
    assert canvas.stage_of("modes") == "creation"


def test_stage_of_names_an_unknown_item():
    with pytest.raises(ValueError, match="item must be one of"):
        canvas.stage_of("charisma")


# ------------------------------------------------------------------------- tables


def test_tables_take_their_stages_from_the_map():
    stages = canvas.value_stages()["stage"]
    run = path.simulate()
    parameters = path.parameter_table().set_index("name")
    assert (parameters["stage"] == stages.reindex(parameters.index)).all()
    described = path.describe(run)
    assert (described["stage"] == stages.reindex(described.index)).all()
    for table, key in (
        (path.funnel(run), "quantity"),
        (path.money_flow(run), "item"),
        (path.differing_parameters(), "name"),
    ):
        assert (table["stage"].to_numpy() == stages.reindex(table[key]).to_numpy()).all()
    both = path.compare_channels()
    assert (both["stage"] == stages.reindex(both.index)).all()


def test_the_flow_takes_each_steps_stage_from_its_block_and_modes_are_creation():
    steps = path.flow_steps()
    modules = canvas.blocks()["module"]
    assert (steps["stage"] == steps["block"].map(modules)).all()
    with_modes = steps[steps["action"].str.contains("mode")]
    assert list(with_modes["stage"]) == [_stage("modes")]


# ------------------------------------------------------------------------- figures

_PAREN = re.compile(r"\(([^()]*)\)\s*$")


def _stage_in(text: str) -> str:
    """The stage a label or title names at its end, "(value creation)" -> "creation"."""
    found = _PAREN.search(text)
    assert found and found.group(1) in STAGE_WORDS, text
    return STAGE_WORDS[found.group(1)]


def test_funnel_rows_name_and_colour_their_stages():
    run = path.simulate()
    fig, ax = plt.subplots()
    chart = pp.FunnelChart(ax, run)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    for quantity, label, bar in zip(chart.quantities, labels, chart.bars):
        assert _stage_in(label) == _stage(quantity)
        assert to_hex(bar.get_facecolor()) == MODULE_COLORS[_stage(quantity)].lower()
    plt.close(fig)


def test_waterfall_bars_and_legend_follow_the_map():
    run = path.simulate()
    fig, ax = plt.subplots()
    chart = pp.WaterfallChart(ax, run)
    stages = [_stage(item) for item in chart.items]
    assert [to_hex(b.get_facecolor()) for b in chart.bars] == [
        MODULE_COLORS[s].lower() for s in stages
    ]
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    named = {m for m in MODULES if MODULE_NAMES[m].lower() in legend}
    assert named == set(stages)
    plt.close(fig)


def test_chart_titles_name_the_stage_of_what_they_show():
    curve = path.broadcast_length_curve(np.linspace(0.5, 8, 8))
    prices = path.profit_by_price([50, 99, 200])
    fig, axes = plt.subplots(1, 5)
    length = pp.LengthChart(axes[:2], curve, 2.0)
    price = pp.PriceChart(axes[2], prices, prices, 99.0)
    mix = pp.BuyerMixChart(axes[3], 0.3)
    integration = pp.IntegrationChart(
        axes[4], path.delivery_parameters(), path.delivery_parameters()
    )
    for ax, item in (
        (length.axes[0], "retention"),
        (length.axes[1], "sales_per_hour"),
        (price.ax, "profit"),
        (mix.ax, "value_sensitive_share"),
        (integration.ax, "pickup_offline"),
    ):
        assert _stage_in(ax.get_title()) == _stage(item), ax.get_title()
    assert to_hex(length.retention_line.get_color()) == MODULE_COLORS[_stage("retention")].lower()
    plt.close(fig)


def test_the_modes_chart_names_and_colours_the_stage_of_choosing_modes():
    fig, ax = plt.subplots()
    chart = mp.CombinationChart(ax, modes.combine("trust", ["value", "contrast"]))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert _stage_in(legend[0]) == _stage("modes")
    chosen = [b for b in chart.mode_bars if b.get_width() > 0]
    assert chosen and {to_hex(b.get_facecolor()) for b in chosen} == {
        MODULE_COLORS[_stage("modes")].lower()
    }
    plt.close(fig)


def test_the_money_bars_of_notebook_1_follow_the_map():
    money = canvas.canvas_money()
    fig, ax = plt.subplots()
    chart = cp.MoneyChart(ax, money)
    for key, bar in chart.bars.items():
        assert to_hex(bar.get_facecolor()) in {
            MODULE_COLORS[_stage(key)].lower(),
            # tints of the same stage
            *(to_hex(c).lower() for c in [cp.MODULE_TINTS[_stage(key)]]),
        }, key
    plt.close(fig)


# ------------------------------------------------------------------------- views

_ROW = re.compile(
    r"<tr><td[^>]*>(?P<label>.*?)</td>(?:<td[^>]*>.*?</td>)*?"
    r"<td[^>]*><span style='border-left:6px solid (?P<colour>#[0-9A-Fa-f]{6});padding-left:4px'>"
    r"(?P<stage>[a-z ]+)</span></td></tr>"
)


def _labelled_stages(readout: str) -> list[tuple[str, str, str]]:
    """(label, stage words, colour) of every table row of a readout that ends in a stage tag."""
    out = []
    for match in _ROW.finditer(readout):
        label = html.unescape(re.sub(r"<[^>]+>", "", match.group("label")))
        out.append((label.lstrip("−= ").strip(), match.group("stage"), match.group("colour")))
    return out


def _item_by_label() -> dict[str, set[str]]:
    table = canvas.value_stages()
    found: dict[str, set[str]] = {}
    for item, label in table["label"].items():
        found.setdefault(label, set()).add(item)
    return found


def _check_rows(readout: str) -> int:
    by_label = _item_by_label()
    rows = _labelled_stages(readout)
    for label, words, colour in rows:
        items = by_label[label]
        assert {_stage(i) for i in items} == {STAGE_WORDS[words]}, (label, words)
        assert colour.upper() == MODULE_COLORS[STAGE_WORDS[words]].upper()
    return len(rows)


def test_view_tables_name_the_stage_of_each_row_from_the_map():
    model = pv.explore_model()
    assert _check_rows(model.readout.value) == 4 + 8  # four counts, seven money rows and profit
    channels = pv.explore_channels()
    assert _check_rows(channels.readout.value) == 5 + 4  # five quantities, four differences
    integration = pv.explore_integration()
    assert _check_rows(integration.readout.value) == 8


def test_view_sentences_tag_each_quantity_with_its_stage():
    tag = re.compile(r"(\w[\w ]*) <b>[^<]*</b> \(<span[^>]*>([a-z ]+)</span>\)")
    long = pv.explore_long_broadcasts()
    found = dict(tag.findall(long.readout.value))
    assert STAGE_WORDS[found["average retention"]] == _stage("retention")
    assert STAGE_WORDS[found["live broadcast cost"]] == _stage("broadcast_cost")
    flow = pv.explore_flow(step=2)
    assert flow.shown["stage"] == _stage("modes")
    assert MODULE_NAMES[_stage("modes")].lower() in flow.readout.value


# ------------------------------------------------------------------------- self-checks

#: Self-check questions whose options are the four stages, and the item each asks about.
STAGE_QUESTIONS = {
    ("path", "stage_of_modes"): "modes",
    ("model", "stage_of_pickup"): "pickup_offline",
}


def test_self_checks_about_stages_answer_from_the_map():
    names = sorted(MODULE_NAMES.values())
    asked = set()
    for topic in selfcheck.TOPIC_NOTEBOOK:
        for question in selfcheck.load_checks(topic).itertuples():
            options = selfcheck.choices_of(question.choices)
            if sorted(options) != names:
                continue
            key = (topic, question.id)
            # a question that asks for a canvas block's module answers from canvas_blocks.csv
            blocks = ("Table 1", "key activities", "key partner")
            if any(word in question.question for word in blocks):
                continue
            assert key in STAGE_QUESTIONS, f"{key}: map it to its item in STAGE_QUESTIONS"
            assert question.answer == MODULE_NAMES[_stage(STAGE_QUESTIONS[key])], key
            asked.add(key)
    assert asked == set(STAGE_QUESTIONS)


# ------------------------------------------------------------------------- one synergy rule


def test_the_rule_adds_each_pair_times_the_weaker_effect():
    parts = modes.combine_effects({"rare": 0.25, "altruistic": 0.2})
    assert parts["pairs"] == {"rare+altruistic": pytest.approx(-0.3 * 0.2)}
    assert parts["total"] == pytest.approx(0.45 - 0.06)
    assert modes.combine_effects({}) == {"pairs": {}, "sum_alone": 0, "total": 0}
    with pytest.raises(ValueError, match="alone"):
        modes.combine_effects({"value": -0.1})
    with pytest.raises(ValueError, match="dance"):
        modes.combine_effects({"dance": 0.1})


def test_the_modes_view_the_modes_table_and_the_path_model_agree():
    for chosen in (("value", "interview"), ("rare", "altruistic", "contrast"), ("celebrity",)):
        full = modes.combine(None, chosen)
        assert path.simulate(chosen)["mode_boost"] == pytest.approx(full["total"])
        assert modes.mode_attraction(chosen) == pytest.approx(full["total"])
    trust = modes.combine("trust", ["value", "contrast"])
    table = modes.combination_table("trust", ["value", "contrast"]).set_index("part")
    assert table.at["total", "attraction"] == pytest.approx(trust["total"])


def test_every_view_and_model_that_combines_modes_goes_through_the_one_rule(monkeypatch):
    calls = []
    real = modes.combine_effects

    def counted(alone):
        calls.append(tuple(sorted(alone)))
        return real(alone)

    monkeypatch.setattr(modes, "combine_effects", counted)
    modes._attraction.cache_clear()
    try:
        uses = {
            "path.simulate": lambda: path.simulate(["rare", "contrast"]),
            "path.profit_by_price": lambda: path.profit_by_price([99], ["talent", "value"]),
            "path.broadcast_length_curve": lambda: path.broadcast_length_curve(
                [2.0], ["celebrity", "interview"]
            ),
            "modes.combine": lambda: modes.combine("launch", ["rare", "celebrity"]),
            "path_views.explore_modes": lambda: pv.explore_modes(),
            "path_views.explore_model": lambda: pv.explore_model(["altruistic", "interview"]),
            "path_views.explore_channels": lambda: pv.explore_channels(["value", "altruistic"]),
        }
        for name, use in uses.items():
            before = len(calls)
            use()
            assert len(calls) > before, f"{name} combined modes without modes.combine_effects"
    finally:
        monkeypatch.undo()
        modes._attraction.cache_clear()
    plt.close("all")


def test_only_livekit_modes_reads_the_pair_synergies():
    readers = [
        p.name
        for p in (ROOT / "livekit").glob("*.py")
        if re.search(r"load\(\s*[\"']mode_pairs[\"']", p.read_text(encoding="utf-8"))
    ]
    assert readers == ["modes.py"]
    assert "synergy" not in set(path.parameter_table()["name"])  # no second, global multiplier
