"""Tests of livekit.canvas_views: each view driven by setting its named controls, read through the
declared interface (``view.controls``, ``view.charts``, ``view.shown``, ``view.prediction``)."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import nbformat
import pytest
from matplotlib.colors import to_hex

from livekit import canvas, canvas_views, fonts
from livekit.canvas_plots import CanvasChart, MoneyCanvasChart, MoneyChart, ValueScoresChart
from livekit.views import Prediction, View
from livekit.vocab import BLOCKS, MODULE_NAMES


def _visible(artists):
    return {b for b, a in artists.items() if a.get_visible()}


# --- canvas explorer ------------------------------------------------------------------------


def test_explorer_declares_its_parts_and_starts_on_the_hub_with_both_chains_lit():
    view = canvas_views.explore_canvas()
    assert isinstance(view, View) and repr(view) == "<livekit view: Canvas explorer>"
    assert list(view.controls) == ["model", "block", "colors"]
    chart = view.charts["canvas"]
    assert isinstance(chart, CanvasChart)
    assert set(view.fast.animated) == set(chart.artists)
    assert _visible(chart.outlines) == {"value_proposition"}
    assert _visible(chart.shades) == set()  # both chains together cover the canvas
    assert "hub" in view.readout.value and view.error.value == ""
    assert view.shown == {
        "model": "live",
        "block": "value_proposition",
        "module": "proposition",
        "module_name": "Value proposition",
        "chains": ("revenue", "cost"),
    }
    assert view.image.value[:4] == b"\x89PNG"
    assert view.save_row.button.description == "Save figure"


def test_explorer_picking_a_block_highlights_it_and_its_chain():
    view = canvas_views.explore_canvas()
    chart = view.charts["canvas"]
    before = view.image.value
    view.controls["block"].value = "key_partners"
    assert _visible(chart.outlines) == {"key_partners"}
    assert _visible(chart.shades) == set(canvas.BLOCKS) - set(canvas.chain("cost"))
    assert "cost chain" in view.readout.value and "Value creation" in view.readout.value
    assert "manufacturer" in view.readout.value  # the paper's content, item (7)
    assert view.shown["chains"] == ("cost",) and view.shown["module"] == "creation"
    assert view.image.value != before
    view.controls["block"].value = "channels"
    assert _visible(chart.shades) == set(canvas.BLOCKS) - set(canvas.chain("revenue"))
    assert "revenue chain" in view.readout.value


def test_explorer_switching_model_changes_the_text_and_says_whose_reading():
    view = canvas_views.explore_canvas(block="key_resources")
    body = view.charts["canvas"].bodies["key_resources"]
    assert body.get_text().split() == canvas.model_contents("live")["key_resources"].split()
    before = view.image.value
    view.controls["model"].value = "offline"
    assert body.get_text().split() == canvas.model_contents("offline")["key_resources"].split()
    assert "the kit’s reading" in view.readout.value
    assert view.shown["model"] == "offline"
    assert view.image.value != before
    view.controls["block"].value = "value_proposition"
    assert "[the paper]" in view.readout.value


def test_explorer_colour_switch():
    view = canvas_views.explore_canvas()
    patch = view.charts["canvas"].patches["channels"]
    assert to_hex(patch.get_facecolor()) != "#ffffff"
    coloured = view.image.value
    view.controls["colors"].value = False
    assert to_hex(patch.get_facecolor()) == "#ffffff"
    assert view.image.value != coloured
    view.controls["colors"].value = True
    assert view.image.value == coloured  # the cached look comes back unchanged


def test_explorer_prediction_is_checked_when_channels_is_picked():
    view = canvas_views.explore_canvas()
    prediction = view.prediction
    assert isinstance(prediction, Prediction)
    assert prediction.options == [
        MODULE_NAMES[m] for m in ("proposition", "creation", "delivery", "capture")
    ]
    prediction.commit("Value creation")
    assert prediction.held is None  # the value proposition is picked: not the experiment yet
    view.controls["block"].value = "key_partners"
    assert prediction.held is None
    view.controls["block"].value = "channels"
    assert prediction.held is False  # Table 1: marketing channels are value delivery
    assert "Value delivery" in prediction.verdict.value
    again = canvas_views.explore_canvas()
    again.prediction.commit("Value delivery")
    again.controls["block"].value = "channels"
    assert again.prediction.held is True
    assert again.shown["module_name"] == MODULE_NAMES[canvas.module_of("channels")]


def test_explorer_bad_start_values():
    with pytest.raises(ValueError, match="block must be one of"):
        canvas_views.explore_canvas(block="customers")
    with pytest.raises(ValueError, match="model must be one of"):
        canvas_views.explore_canvas(model="tv")
    with pytest.raises(TypeError, match="color_by_module must be True or False"):
        canvas_views.explore_canvas(color_by_module="yes")


# --- value perception -------------------------------------------------------------------------


def _customer_dimensions():
    ratings = canvas.value_ratings()
    return [d for d in ratings.index if ratings.at[d, "side"] == "customer"]


def test_value_view_bars_follow_the_weights():
    view = canvas_views.explore_value_perception()
    chart = view.charts["scores"]
    assert isinstance(chart, ValueScoresChart)
    assert list(view.controls) == list(canvas.value_ratings().index) and len(chart.bars) == 6
    before = view.image.value
    with view.quiet():
        for dim in _customer_dimensions():
            if dim != "perceived_value":
                view.controls[dim].value = 0.0
    expected = canvas.value_scores({d: s.value for d, s in view.controls.items()})
    for (side, model), bar in chart.bars.items():
        assert bar.get_width() == pytest.approx(expected.at[model, side])
    # only perceived product value counts now: offline (you can hold it) leads for customers
    assert (
        chart.bars["customer", "offline"].get_width() > chart.bars["customer", "live"].get_width()
    )
    assert "Offline retail</b> leads" in view.readout.value
    assert view.shown["leaders"]["customer"] == "offline"
    assert view.shown["customer"] == pytest.approx(expected["customer"].to_dict())
    assert (
        chart.labels["customer", "offline"].get_text()
        == f"{expected.at['offline', 'customer']:.1f}"
    )
    assert view.image.value != before


def test_value_view_all_zero_shows_an_error_and_keeps_the_bars():
    view = canvas_views.explore_value_perception()
    bars = view.charts["scores"].bars
    seller = [d for d in view.controls if canvas.value_ratings().at[d, "side"] == "seller"]
    for dim in seller[:-1]:
        view.controls[dim].value = 0.0
    widths = {k: b.get_width() for k, b in bars.items()}
    view.controls[seller[-1]].value = 0.0
    assert "at least one seller dimension" in view.error.value
    assert {k: b.get_width() for k, b in bars.items()} == widths
    view.controls[seller[-1]].value = 2.0
    assert view.error.value == ""


@pytest.mark.parametrize("answer,held", [("Live marketing", True), ("Offline retail", False)])
def test_value_view_prediction_all_weight_on_low_shopping_cost(answer, held):
    view = canvas_views.explore_value_perception()
    view.prediction.commit(answer)
    assert view.prediction.held is None
    others = [d for d in _customer_dimensions() if d != "shopping_cost"]
    for dim in others[:-1]:
        view.controls[dim].value = 0.0
    assert view.prediction.held is None  # one other customer weight still counts
    view.controls[others[-1]].value = 0.0
    # the outcome is what the bars show: live marketing's rating of shopping cost beats offline's
    live, offline = (
        view.charts["scores"].bars["customer", m].get_width() for m in ("live", "offline")
    )
    assert live > offline
    assert view.prediction.held is held
    view.controls[
        "shopping_cost"
    ].value = 0.0  # then no customer weight: an error, nothing checked anew
    assert "at least one customer dimension" in view.error.value
    view.controls["visibility"].value = 3.0  # a seller weight does not change the customer verdict
    view.controls["shopping_cost"].value = 5.0
    assert view.prediction.held is held


def test_value_view_bad_start_weights():
    with pytest.raises(ValueError, match="weights key"):
        canvas_views.explore_value_perception({"price": 1})
    with pytest.raises(ValueError, match=r"weights\['entertainment'\] must be from 0 to 5"):
        canvas_views.explore_value_perception({"entertainment": 7})


# --- canvas to numbers -------------------------------------------------------------------------


def test_money_view_profit_and_bars_follow_the_sliders():
    view = canvas_views.explore_canvas_money()
    bars, texts = view.charts["money"].bars, view.charts["canvas"].amounts
    assert isinstance(view.charts["money"], MoneyChart) and isinstance(
        view.charts["canvas"], MoneyCanvasChart
    )
    items = canvas.money_items()
    assert set(view.controls) == set(items.index[items["kind"] != "lever"]) | {"stream_discount"}
    start = canvas.money_summary(canvas.canvas_money())
    assert f"profit +{start['profit']:.0f}" in view.readout.value
    before = view.image.value
    view.controls["wages"].value = 100
    expected = canvas.money_summary(canvas.canvas_money(wages=100))
    assert bars["wages"].get_width() == -100
    assert bars["profit"].get_width() == pytest.approx(expected["profit"])
    assert bars["cost"].get_width() == pytest.approx(-expected["cost"])
    assert f"profit +{expected['profit']:.0f}" in view.readout.value
    assert (
        view.shown["profit"] == pytest.approx(expected["profit"])
        and view.shown["amounts"]["wages"] == 100
    )
    # each amount in the block it comes from; totals and profit in value capture
    assert texts["wages"].get_gid() == "amount:key_activities:wages"
    assert texts["wages"].get_text() == "−100"
    assert texts["cost"].get_gid() == "amount:cost_structure:cost"
    assert texts["cost"].get_text() == f"−{expected['cost']:.0f}"
    assert view.charts["canvas"].profit.get_text().endswith(f"+{expected['profit']:.0f}")
    assert view.image.value != before
    view.controls["sponsorship"].value = 80
    assert texts["sponsorship"].get_text() == "+80"


def test_money_view_the_hub_moves_both_chains():
    view = canvas_views.explore_canvas_money()
    bars, texts = view.charts["money"].bars, view.charts["canvas"].amounts
    view.controls["stream_discount"].value = 20
    effect = canvas.lever_effect(20, 3)
    assert view.shown["effect"] == pytest.approx(effect)
    # one control in the value proposition: one item on each chain moves
    assert bars["purchases"].get_width() == pytest.approx(400 * effect["revenue"])
    assert bars["product"].get_width() == pytest.approx(-200 * effect["cost"])
    assert bars["wages"].get_width() == -60 and bars["sponsorship"].get_width() == 30
    assert texts["stream_discount"].get_gid().startswith("amount:value_proposition")
    assert "×1.60 items" in texts["stream_discount"].get_text()
    assert "(revenue chain)" in view.readout.value and "(cost chain)" in view.readout.value
    expected = canvas.money_summary(canvas.canvas_money(stream_discount=20))
    assert view.shown["profit"] == pytest.approx(expected["profit"])


def test_money_view_shows_a_loss_and_texts_stay_inside_their_blocks():
    view = canvas_views.explore_canvas_money()
    with view.quiet():
        view.controls["purchases"].value = 0
        view.controls["sponsorship"].value = 0
        for item in ("product", "broadcast", "packaging", "logistics", "wages"):
            view.controls[item].value = view.controls[item].max
        view.controls["stream_discount"].value = 50
    assert "a loss" in view.readout.value and view.shown["profit"] < -1350
    chart = view.charts["canvas"]
    fig = view.fast.fig
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    patches = chart.canvas.patches
    for key, text in [*chart.amounts.items(), *chart.labels.items()]:
        block = text.get_gid().split(":")[1]
        inner, outer = text.get_window_extent(renderer), patches[block].get_window_extent(renderer)
        assert (
            outer.x0 <= inner.x0
            and inner.x1 <= outer.x1
            and outer.y0 <= inner.y0
            and inner.y1 <= outer.y1
        ), key
    low, high = view.charts["money"].ax.get_xlim()
    assert low < -view.shown["cost"] and high < view.shown["cost"]  # the axis followed the loss


def test_money_view_prediction_a_discount_for_viewers():
    view = canvas_views.explore_canvas_money()
    prediction = view.prediction
    assert prediction.input.options[1:] == (
        ("rises", "rises"),
        ("stays the same", "stays the same"),
        ("falls", "falls"),
    )
    prediction.commit("rises")
    assert prediction.held is None
    view.controls["wages"].value = 70  # another change first: not the experiment
    view.controls["stream_discount"].value = 20
    assert prediction.held is None
    view.controls["wages"].value = 60  # back to the start value
    start = canvas.money_summary(canvas.canvas_money())["profit"]
    assert view.shown["profit"] < start  # more items, each cheaper: profit falls here
    assert prediction.held is False and "falls" in prediction.verdict.value
    assert "from 0% to <i>20% off</i>" in prediction.children[0].value
    other = canvas_views.explore_canvas_money(stream_discount=40)
    assert "from 40% to <i>20% off</i>" in other.prediction.children[0].value
    other.prediction.commit("falls")
    other.controls["stream_discount"].value = 20  # a smaller discount: profit rises
    assert other.prediction.held is False and "rises" in other.prediction.verdict.value


def test_money_view_bad_start_amounts():
    with pytest.raises(ValueError, match="wages must be from 0"):
        canvas_views.explore_canvas_money(wages=-1)
    with pytest.raises(ValueError, match="amount name"):
        canvas_views.explore_canvas_money(rent=5)


# --- worksheet form ----------------------------------------------------------------------------


def test_worksheet_form_declares_its_parts_and_keeps_the_save_figure_row(tmp_path):
    view = canvas_views.worksheet_form(tmp_path / "mine.json")
    assert list(view.controls) == [*BLOCKS, "file", "replace", "save", "load"]
    assert view.controls["file"].value == str(tmp_path / "mine.json")
    assert (
        view.controls["replace"].description == "replace existing file"
        and not view.controls["replace"].value
    )
    assert view.save_row.button.description == "Save figure"  # the picture's own row, untouched
    assert view.save_row.button is not view.controls["save"]


def test_worksheet_form_draws_what_is_typed(tmp_path):
    view = canvas_views.worksheet_form(tmp_path / "mine.json")
    before = view.image.value
    view.controls["value_proposition"].value = "Fresh fruit, tasted live by the farmer"
    assert "farmer" in view.charts["canvas"].bodies["value_proposition"].get_text()
    assert view.shown["worksheet"]["value_proposition"] == "Fresh fruit, tasted live by the farmer"
    assert view.image.value != before


def test_worksheet_form_save_never_overwrites_unless_asked(tmp_path):
    path = tmp_path / "mine.json"
    view = canvas_views.worksheet_form(path)
    view.controls["channels"].value = "Douyin live room"
    view.controls["save"].click()
    assert "Saved" in view.readout.value and view.error.value == ""
    assert json.loads(path.read_text(encoding="utf-8"))["blocks"]["channels"] == "Douyin live room"
    view.controls["channels"].value = "changed"
    view.controls["save"].click()
    assert "already exists" in view.error.value and "mine.json" in view.error.value
    assert "replace existing file" in view.error.value and "overwrite" not in view.error.value
    assert "Saved" not in view.readout.value  # the earlier success no longer stands
    assert json.loads(path.read_text(encoding="utf-8"))["blocks"]["channels"] == "Douyin live room"
    view.controls["replace"].value = True
    view.controls["save"].click()
    assert view.error.value == "" and "Saved" in view.readout.value
    assert json.loads(path.read_text(encoding="utf-8"))["blocks"]["channels"] == "changed"


def test_worksheet_form_load_round_trip_csv(tmp_path):
    path = tmp_path / "shop.csv"
    path.write_text("block,text\ncustomer_segments,Students near campus\n", encoding="utf-8")
    view = canvas_views.worksheet_form()
    view.controls["file"].value = str(path)
    view.controls["load"].click()
    assert view.error.value == "" and "Loaded" in view.readout.value
    assert view.controls["customer_segments"].value == "Students near campus"
    assert "campus" in view.charts["canvas"].bodies["customer_segments"].get_text()
    assert view.shown["worksheet"]["customer_segments"] == "Students near campus"


def test_worksheet_form_failed_load_keeps_the_typed_text(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    view = canvas_views.worksheet_form(bad)
    view.controls["key_partners"].value = "my typed text"
    view.controls["load"].click()
    assert "broken.json" in view.error.value and "not valid JSON" in view.error.value
    assert view.controls["key_partners"].value == "my typed text"
    view.controls["file"].value = str(tmp_path / "missing.csv")
    view.controls["load"].click()
    assert "file not found" in view.error.value
    assert view.controls["key_partners"].value == "my typed text"


def _refuse(*args, **kwargs):
    raise PermissionError(13, "Permission denied")


def test_worksheet_form_permission_errors_show_in_the_error_line(tmp_path, monkeypatch):
    path = tmp_path / "mine.json"
    view = canvas_views.worksheet_form(path)
    view.controls["channels"].value = "Douyin live room"
    view.controls["save"].click()
    assert "Saved" in view.readout.value
    monkeypatch.setattr(canvas_views, "save_worksheet", _refuse)  # a read-only folder, say
    view.controls["replace"].value = True
    view.controls["save"].click()
    assert (
        "could not write the file" in view.error.value and "Permission denied" in view.error.value
    )
    assert "mine.json" in view.error.value
    assert "Saved" not in view.readout.value  # a failed save clears the earlier "Saved"
    monkeypatch.setattr(canvas_views, "load_worksheet", _refuse)
    view.controls["load"].click()
    assert "could not read the file" in view.error.value and "Permission denied" in view.error.value
    assert view.controls["channels"].value == "Douyin live room"


def test_worksheet_form_text_too_long_is_an_error_not_a_crash(tmp_path):
    view = canvas_views.worksheet_form(tmp_path / "mine.json")
    view.controls["channels"].value = "x" * 2000
    assert "at most" in view.error.value and "channels" in view.error.value
    assert view.controls["channels"].value == "x" * 2000  # nothing the student typed is lost
    view.controls["channels"].value = "short"
    assert view.error.value == ""


def test_worksheet_form_bad_name_and_bad_path_type(tmp_path):
    view = canvas_views.worksheet_form(tmp_path / "notes.txt")
    view.controls["save"].click()
    assert "must end in .csv or .json" in view.error.value
    with pytest.raises(TypeError, match="path must be a file name"):
        canvas_views.worksheet_form(3)


# --- Chinese typed into the worksheet ------------------------------------------------------------

TYPED = "直播带货 🎥"


@pytest.fixture(params=["this computer's fonts", "the kit's own font only"])
def font_setup(request, monkeypatch):
    """Fonts as found here, or as on a computer with no CJK or emoji font (the browser edition):
    only DejaVu Sans and the font the kit ships. The warnings already given are forgotten."""
    fonts.font_families.cache_clear()
    monkeypatch.setattr(fonts, "_WARNED", set())
    if request.param == "the kit's own font only":
        monkeypatch.setattr(
            fonts, "_registered_names", lambda: frozenset({"DejaVu Sans", fonts.BUNDLED_FAMILY})
        )
    yield request.param
    fonts.font_families.cache_clear()


def test_worksheet_form_draws_chinese_without_a_missing_font_warning(tmp_path, font_setup):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        view = canvas_views.worksheet_form(tmp_path / "mine.json")
        view.controls["channels"].value = TYPED
        view.redraw()
        view.save(tmp_path / "picture", overwrite=True)  # the PNG and SVG of the picture too
    body = view.charts["canvas"].bodies["channels"]
    assert "直播带货" in body.get_text()  # drawn in the block
    assert fonts.BUNDLED_FAMILY in body.get_fontfamily()  # with the kit's font in its family list
    told = [str(w.message) for w in caught if issubclass(w.category, fonts.MissingFontWarning)]
    assert not [m for m in told if "Chinese" in m]
    assert not [
        w for w in caught if re.search(r"CJK|missing from font", str(w.message))
    ]  # no per-glyph noise
    # emoji may have no font: then the kit says so once, in words
    assert told in ([], [fonts.font_help("emoji")])
    if font_setup == "the kit's own font only":
        assert told == [fonts.font_help("emoji")]
    # and nothing typed is lost: shown, saved and loaded back as typed
    assert view.shown["worksheet"]["channels"] == TYPED
    view.controls["save"].click()
    assert view.error.value == ""
    again = canvas_views.worksheet_form(tmp_path / "mine.json")
    again.controls["load"].click()
    assert again.controls["channels"].value == TYPED


NOTEBOOK_01 = Path(__file__).resolve().parents[1] / "notebooks" / "01_canvas_theory.ipynb"


def test_notebook_01_hands_in_every_file_its_worksheets_save():
    code = [
        c.source for c in nbformat.read(NOTEBOOK_01, as_version=4).cells if c.cell_type == "code"
    ]
    forms = [m for s in code for m in re.findall(r"worksheet_form\(\s*[\"']([^\"']+)[\"']", s)]
    buttons = [s for s in code if "hand_in_button(" in s]
    assert len(buttons) == 1 and "hand_in_button(" in code[-1]  # the hand-in is the last cell
    handed = re.findall(r"[\"']([^\"']+\.json)[\"']", buttons[0].split("canvas_file=")[1])
    # one canvas file per task (your own canvas, the assignment's), and the hand-in takes each
    assert len(forms) == len(set(forms)) == 2 and handed == forms


# --- one question per view, and nothing in it gives the prediction away ------------------------


def _look_for(view: View) -> str:
    return re.sub(r"<[^>]+>", "", view.question.value).removeprefix("Look for: ")


@pytest.mark.parametrize(
    "build",
    [
        lambda: canvas_views.explore_canvas(color_by_module=False),
        canvas_views.explore_value_perception,
        lambda: canvas_views.worksheet_form("mine.json"),
    ],
    ids=["explorer", "value", "worksheet"],
)
def test_each_view_asks_one_question(build):
    view = build()
    assert _look_for(view).count("?") == 1, _look_for(view)


def test_no_look_for_line_or_hidden_readout_gives_a_prediction_away():
    explorer = canvas_views.explore_canvas(color_by_module=False)
    assert not any(name.lower() in _look_for(explorer).lower() for name in MODULE_NAMES.values())
    assert "hub" not in _look_for(explorer)  # the old line named the hub outright
    value = canvas_views.explore_value_perception()
    assert "shopping cost" not in _look_for(value).lower()
    assert "offline" not in _look_for(value).lower()
    for view in (explorer, value):
        assert view.prediction.hint  # a missed prediction says what to look at
        assert view.readout.layout.display == "none"  # the telling numbers wait
        view.prediction.skip.click()
        assert view.readout.layout.display is None
    # without colours, the explorer's picture does not show which module a block is in
    assert (
        explorer.charts["canvas"].legend is None
        or not explorer.charts["canvas"].legend.get_visible()
    )
