"""Tests of livekit.canvas_views: each view driven by setting widget values."""
from __future__ import annotations

import json

import pytest
from matplotlib.colors import to_hex

from livekit import canvas, canvas_views
from livekit.views import View


# --- canvas explorer ------------------------------------------------------------------------

def _visible(artists):
    return {b for b, a in artists.items() if a.get_visible()}


def test_explorer_starts_on_the_hub_with_both_chains_lit():
    view = canvas_views.explore_canvas()
    assert isinstance(view, View) and repr(view) == "<livekit view: Canvas explorer>"
    art = view.artists
    assert _visible(art.outlines) == {"value_proposition"}
    assert _visible(art.shades) == set()  # both chains together cover the canvas
    assert "hub" in view.readout.value and view.error.value == ""
    assert view.image.value[:4] == b"\x89PNG"


def test_explorer_picking_a_block_highlights_it_and_its_chain():
    view = canvas_views.explore_canvas()
    art = view.artists
    before = view.image.value
    view.block.value = "key_partners"
    assert _visible(art.outlines) == {"key_partners"}
    assert _visible(art.shades) == set(canvas.BLOCKS) - set(canvas.chain("cost"))
    assert "cost chain" in view.readout.value and "Value creation" in view.readout.value
    assert "manufacturer" in view.readout.value  # the paper's content, item (7)
    assert view.image.value != before
    view.block.value = "channels"
    assert _visible(art.shades) == set(canvas.BLOCKS) - set(canvas.chain("revenue"))
    assert "revenue chain" in view.readout.value


def test_explorer_switching_model_changes_the_text_and_says_whose_reading():
    view = canvas_views.explore_canvas(block="key_resources")
    body = view.artists.bodies["key_resources"]
    assert body.get_text().split() == canvas.model_contents("live")["key_resources"].split()
    before = view.image.value
    view.model.value = "offline"
    assert body.get_text().split() == canvas.model_contents("offline")["key_resources"].split()
    assert "the kit’s reading" in view.readout.value
    assert view.image.value != before
    view.block.value = "value_proposition"
    assert "[the paper]" in view.readout.value


def test_explorer_colour_switch():
    view = canvas_views.explore_canvas()
    patch = view.artists.patches["channels"]
    assert to_hex(patch.get_facecolor()) != "#ffffff"
    coloured = view.image.value
    view.colors.value = False
    assert to_hex(patch.get_facecolor()) == "#ffffff"
    assert view.image.value != coloured
    view.colors.value = True
    assert view.image.value == coloured  # the cached look comes back unchanged


def test_explorer_bad_start_values():
    with pytest.raises(ValueError, match="block must be one of"):
        canvas_views.explore_canvas(block="customers")
    with pytest.raises(ValueError, match="model must be one of"):
        canvas_views.explore_canvas(model="tv")
    with pytest.raises(TypeError, match="color_by_module must be True or False"):
        canvas_views.explore_canvas(color_by_module="yes")


# --- value perception -------------------------------------------------------------------------

def test_value_view_bars_follow_the_weights():
    view = canvas_views.explore_value_perception()
    assert len(view.weights) == 8 and len(view.bars) == 6
    before = view.image.value
    for dim, s in view.weights.items():
        s.value = 0.0 if dim != "perceived_value" and canvas.value_ratings().at[dim, "side"] == "customer" else s.value
    expected = canvas.value_scores({d: s.value for d, s in view.weights.items()})
    for (side, model), bar in view.bars.items():
        assert bar.get_width() == pytest.approx(expected.at[model, side])
    # only perceived product value counts now: offline (you can hold it) leads for customers
    assert view.bars["customer", "offline"].get_width() > view.bars["customer", "live"].get_width()
    assert "Offline retail</b> leads" in view.readout.value
    assert view.labels["customer", "offline"].get_text() == f"{expected.at['offline', 'customer']:.1f}"
    assert view.image.value != before


def test_value_view_all_zero_shows_an_error_and_keeps_the_bars():
    view = canvas_views.explore_value_perception()
    seller = [d for d in view.weights if canvas.value_ratings().at[d, "side"] == "seller"]
    for dim in seller[:-1]:
        view.weights[dim].value = 0.0
    widths = {k: b.get_width() for k, b in view.bars.items()}
    view.weights[seller[-1]].value = 0.0
    assert "at least one seller dimension" in view.error.value
    assert {k: b.get_width() for k, b in view.bars.items()} == widths
    view.weights[seller[-1]].value = 2.0
    assert view.error.value == ""


def test_value_view_bad_start_weights():
    with pytest.raises(ValueError, match="weights key"):
        canvas_views.explore_value_perception({"price": 1})
    with pytest.raises(ValueError, match=r"weights\['entertainment'\] must be from 0 to 5"):
        canvas_views.explore_value_perception({"entertainment": 7})


# --- canvas to numbers -------------------------------------------------------------------------

def test_money_view_profit_and_bars_follow_the_sliders():
    view = canvas_views.explore_canvas_money()
    start = canvas.money_summary(canvas.canvas_money())
    assert f"profit +{start['profit']:.0f}" in view.readout.value
    before = view.image.value
    view.amounts["wages"].value = 100
    expected = canvas.money_summary(canvas.canvas_money(wages=100))
    assert view.bars["wages"].get_width() == -100
    assert view.bars["profit"].get_width() == pytest.approx(expected["profit"])
    assert view.bars["cost"].get_width() == pytest.approx(-expected["cost"])
    assert f"profit +{expected['profit']:.0f}" in view.readout.value
    # the amounts appear in the blocks they come from
    assert "−100" in view.block_texts["key_activities"].get_text()
    assert f"+{expected['profit']:.0f}" in view.block_texts["value_proposition"].get_text()
    assert f"−{expected['cost']:.0f}" in view.block_texts["cost_structure"].get_text()
    assert view.image.value != before
    view.amounts["sponsorship"].value = 80
    assert "+80" in view.block_texts["customer_relationships"].get_text()


def test_money_view_shows_a_loss_and_amounts_stay_inside_their_blocks():
    view = canvas_views.explore_canvas_money()
    view.amounts["purchases"].value = 0
    view.amounts["sponsorship"].value = 0
    for item in ("product", "broadcast", "packaging", "logistics", "wages"):
        view.amounts[item].value = view.amounts[item].max
    assert "a loss" in view.readout.value
    assert "−1,350" in view.block_texts["cost_structure"].get_text()
    fig = view.fast.fig
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for block, text in view.block_texts.items():
        inner = text.get_window_extent(renderer)
        patch = next(p for p in fig.axes[0].patches if p.get_gid() == f"block:{block}")
        outer = patch.get_window_extent(renderer)
        assert outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1, block


def test_money_view_bad_start_amounts():
    with pytest.raises(ValueError, match="wages must be from 0"):
        canvas_views.explore_canvas_money(wages=-1)
    with pytest.raises(ValueError, match="amount name"):
        canvas_views.explore_canvas_money(rent=5)


# --- worksheet form ----------------------------------------------------------------------------

def test_worksheet_form_draws_what_is_typed(tmp_path):
    view = canvas_views.worksheet_form(tmp_path / "mine.json")
    before = view.image.value
    view.texts["value_proposition"].value = "Fresh fruit, tasted live by the farmer"
    assert "farmer" in view.artists.bodies["value_proposition"].get_text()
    assert view.image.value != before


def test_worksheet_form_save_never_overwrites_unless_asked(tmp_path):
    path = tmp_path / "mine.json"
    view = canvas_views.worksheet_form(path)
    view.texts["channels"].value = "Douyin live room"
    view.save_button.click()
    assert "Saved" in view.readout.value and view.error.value == ""
    assert json.loads(path.read_text(encoding="utf-8"))["blocks"]["channels"] == "Douyin live room"
    view.texts["channels"].value = "changed"
    view.save_button.click()
    assert "already exists" in view.error.value and "mine.json" in view.error.value
    assert json.loads(path.read_text(encoding="utf-8"))["blocks"]["channels"] == "Douyin live room"
    view.overwrite.value = True
    view.save_button.click()
    assert view.error.value == ""
    assert json.loads(path.read_text(encoding="utf-8"))["blocks"]["channels"] == "changed"


def test_worksheet_form_load_round_trip_csv(tmp_path):
    path = tmp_path / "shop.csv"
    path.write_text("block,text\ncustomer_segments,Students near campus\n", encoding="utf-8")
    view = canvas_views.worksheet_form()
    view.path.value = str(path)
    view.load_button.click()
    assert view.error.value == "" and "Loaded" in view.readout.value
    assert view.texts["customer_segments"].value == "Students near campus"
    assert "campus" in view.artists.bodies["customer_segments"].get_text()


def test_worksheet_form_failed_load_keeps_the_typed_text(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    view = canvas_views.worksheet_form(bad)
    view.texts["key_partners"].value = "my typed text"
    view.load_button.click()
    assert "broken.json" in view.error.value and "not valid JSON" in view.error.value
    assert view.texts["key_partners"].value == "my typed text"
    view.path.value = str(tmp_path / "missing.csv")
    view.load_button.click()
    assert "file not found" in view.error.value
    assert view.texts["key_partners"].value == "my typed text"


def test_worksheet_form_bad_name_and_bad_path_type(tmp_path):
    view = canvas_views.worksheet_form(tmp_path / "notes.txt")
    view.save_button.click()
    assert "must end in .csv or .json" in view.error.value
    with pytest.raises(TypeError, match="path must be a file name"):
        canvas_views.worksheet_form(3)
