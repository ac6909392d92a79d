"""Tests of livekit.canvas_plots: layout, text inside blocks, colours, highlights, exports, bars,
and the chart objects the views update."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex

from livekit import canvas, canvas_plots
from livekit.charts import Chart
from livekit.style import MIN_FONT_PT, MODULE_TINTS, new_figure


def _by_gid(ax, prefix):
    out = {}
    for artist in [*ax.patches, *ax.texts]:
        gid = artist.get_gid() or ""
        if gid.startswith(prefix + ":"):
            out[gid.split(":", 1)[1]] = artist
    return out


def _assert_text_inside_blocks(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    blocks = _by_gid(ax, "block")
    assert len(blocks) == 9
    for kind in ("header", "body"):
        for block, text in _by_gid(ax, kind).items():
            if not text.get_text():
                continue
            inner = text.get_window_extent(renderer)
            outer = blocks[block].get_window_extent(renderer)
            assert outer.x0 <= inner.x0 and inner.x1 <= outer.x1, (kind, block, inner, outer)
            assert outer.y0 <= inner.y0 and inner.y1 <= outer.y1, (kind, block, inner, outer)
            assert text.get_fontsize() >= MIN_FONT_PT


@pytest.mark.parametrize("model", canvas.MODELS)
def test_text_stays_inside_every_block_at_the_default_size(model):
    ax = canvas_plots.plot_canvas(model=model)
    _assert_text_inside_blocks(ax)
    bodies = _by_gid(ax, "body")
    # and nothing was cut: every word of every summary is drawn at the default size
    for block, summary in canvas.model_contents(model).items():
        assert bodies[block].get_text().split() == summary.split()


def test_text_stays_inside_on_a_small_axes_and_long_texts_are_cut():
    fig, ax = plt.subplots(figsize=(6, 4))
    long = "Live commerce is selling through a video stream that viewers watch and buy from. " * 6
    canvas_plots.plot_canvas({b: long for b in canvas.BLOCKS}, ax=ax)
    _assert_text_inside_blocks(ax)
    body = _by_gid(ax, "body")["key_activities"]
    assert body.get_text().endswith("…") and body.get_fontsize() == MIN_FONT_PT


def test_a_word_too_long_for_its_block_is_broken_not_spilled():
    ax = canvas_plots.plot_canvas({"channels": "Supercalifragilisticexpialidocious" * 3})
    _assert_text_inside_blocks(ax)
    assert "-" in _by_gid(ax, "body")["channels"].get_text()


def test_layout_is_osterwalders():
    ax = canvas_plots.plot_canvas()
    blocks = _by_gid(ax, "block")
    x = {b: p.get_x() for b, p in blocks.items()}
    assert (
        x["key_partners"]
        < x["key_activities"]
        < x["value_proposition"]
        < x["channels"]
        < x["customer_segments"]
    )
    assert blocks["key_activities"].get_y() > blocks["key_resources"].get_y()
    assert blocks["cost_structure"].get_y() < blocks["value_proposition"].get_y()
    headers = _by_gid(ax, "header")
    assert " ".join(headers["value_proposition"].get_text().split()) == "Value proposition"


def test_colours_follow_the_value_modules_and_can_be_switched_off():
    ax = canvas_plots.plot_canvas()
    for block, patch in _by_gid(ax, "block").items():
        assert to_hex(patch.get_facecolor()) == MODULE_TINTS[canvas.module_of(block)].lower()
    swatches = _by_gid(ax, "swatch")
    assert all(
        s.get_visible() and s.get_hatch() is not None
        for s in swatches.values()
        if canvas.module_of(s.get_gid().split(":")[1]) != "proposition"
    )
    plain = canvas_plots.plot_canvas(color_by_module=False)
    assert {to_hex(p.get_facecolor()) for p in _by_gid(plain, "block").values()} == {"#ffffff"}
    assert not any(s.get_visible() for s in _by_gid(plain, "swatch").values())


def test_highlight_one_block():
    ax = canvas_plots.plot_canvas(highlight="channels")
    visible = [b for b, o in _by_gid(ax, "outline").items() if o.get_visible()]
    assert visible == ["channels"]
    assert not any(s.get_visible() for s in _by_gid(ax, "shade").values())


@pytest.mark.parametrize("chain", canvas.CHAINS)
def test_highlight_a_chain_fades_the_other_blocks(chain):
    ax = canvas_plots.plot_canvas(chain=chain)
    faded = {b for b, s in _by_gid(ax, "shade").items() if s.get_visible()}
    lit = {b for b, s in _by_gid(ax, "chain").items() if s.get_visible()}
    assert lit == set(canvas.chain(chain))
    assert faded == set(canvas.BLOCKS) - set(canvas.chain(chain))


def test_both_chains_cover_the_whole_canvas_through_the_hub():
    ax = canvas_plots.plot_canvas(chain="both")
    assert not any(s.get_visible() for s in _by_gid(ax, "shade").values())
    hub_line = _by_gid(ax, "chain")["value_proposition"]
    assert hub_line.get_visible() and hub_line.get_linestyle() == "-"


def test_draws_on_a_given_axes_and_returns_it():
    fig, ax = plt.subplots(figsize=(8, 5))
    assert canvas_plots.plot_canvas(ax=ax, title="Mine") is ax
    assert ax.get_title(loc="left") == "Mine"


def test_export_png_and_svg(tmp_path):
    from livekit.views import save_figure

    ax = canvas_plots.plot_canvas(highlight="value_proposition", chain="both")
    files = save_figure(ax.figure, tmp_path / "canvas")
    assert [f.suffix for f in files] == [".png", ".svg"]
    assert files[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = files[1].read_text(encoding="utf-8")
    assert "Value proposition" in svg and 'id="outline:value_proposition"' in svg


def test_bad_inputs_name_the_field():
    with pytest.raises(ValueError, match="highlight must be one of"):
        canvas_plots.plot_canvas(highlight="customers")
    with pytest.raises(ValueError, match="chain must be one of"):
        canvas_plots.plot_canvas(chain="profit")
    with pytest.raises(ValueError, match="contents block must be one of"):
        canvas_plots.plot_canvas({"customers": "x"})
    with pytest.raises(TypeError, match=r"contents\['channels'\] must be text"):
        canvas_plots.plot_canvas({"channels": 3})
    with pytest.raises(TypeError, match="contents must be a mapping"):
        canvas_plots.plot_canvas(["channels"])
    with pytest.raises(TypeError, match="color_by_module must be True or False"):
        canvas_plots.plot_canvas(color_by_module=1)
    with pytest.raises(ValueError, match="fontsize must be from 9"):
        canvas_plots.plot_canvas(fontsize=6)
    with pytest.raises(ValueError, match="model must be one of"):
        canvas_plots.plot_canvas(model="tv")


@settings(max_examples=25, deadline=None)
@given(
    content=st.text(
        alphabet=st.characters(codec="latin-1", exclude_categories=("Cc", "Zl", "Zp")), max_size=200
    ),
    width=st.floats(20, 300),
    height=st.floats(10, 200),
)
def test_fit_text_never_leaves_its_box(content, width, height):
    from livekit.style import new_figure

    fig = new_figure(4, 3)
    text = fig.text(0.0, 1.0, "", va="top")
    canvas_plots.fit_text(text, content, width, height)
    if text.get_text():
        box = text.get_window_extent(fig.canvas.get_renderer())
        assert box.width <= width + 0.5 and box.height <= height + 0.5
        assert text.get_fontsize() >= MIN_FONT_PT


def test_value_score_bars_have_the_scores():
    scores = canvas.value_scores({"entertainment": 4})
    ax = canvas_plots.plot_value_scores(scores)
    bars = _by_gid(ax, "score")
    assert len(bars) == 6
    for key, bar in bars.items():
        side, model = key.split(":")
        assert bar.get_width() == pytest.approx(scores.at[model, side])
        assert bar.get_facecolor() == pytest.approx(
            plt.matplotlib.colors.to_rgba(canvas_plots.MODEL_COLORS[model])
        )
    with pytest.raises(TypeError, match="scores must be"):
        canvas_plots.plot_value_scores({"live": 1})


def test_money_bars_have_the_amounts():
    money = canvas.canvas_money(purchases=300, wages=120)
    ax = canvas_plots.plot_money(money)
    bars = _by_gid(ax, "money")
    assert bars["purchases"].get_width() == 300
    assert bars["wages"].get_width() == -120
    summary = canvas.money_summary(money)
    assert bars["profit"].get_width() == pytest.approx(summary["profit"])
    assert bars["cost"].get_width() == pytest.approx(-summary["cost"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Wages (key activities)" in labels
    with pytest.raises(TypeError, match="money must be"):
        canvas_plots.plot_money(summary)


# --- the one pattern: plot_x on pyplot, charts that update ------------------------------------


@pytest.mark.parametrize(
    "plot,args,size",
    [
        (canvas_plots.plot_canvas, (), [11.0, 7.5]),
        (canvas_plots.plot_value_scores, (canvas.value_scores(),), [7.0, 3.6]),
        (canvas_plots.plot_money, (canvas.canvas_money(),), [7.0, 4.2]),
    ],
)
def test_plot_functions_without_ax_draw_on_a_new_pyplot_figure(plot, args, size):
    before = set(plt.get_fignums())
    ax = plot(*args)
    assert set(plt.get_fignums()) - before == {
        ax.figure.number
    }  # pyplot knows it: plt.show()/close work
    assert ax.figure.get_size_inches().tolist() == size


def test_bad_input_makes_no_figure():
    before = plt.get_fignums()
    with pytest.raises(ValueError, match="chain must be one of"):
        canvas_plots.plot_canvas(chain="profit")
    with pytest.raises(TypeError, match="money must be"):
        canvas_plots.plot_money({"wages": 3})
    with pytest.raises(TypeError, match="scores must be"):
        canvas_plots.plot_value_scores(None)
    assert plt.get_fignums() == before


def _canvas_chart(**kwargs):
    fig = new_figure(9, 6)
    return canvas_plots.CanvasChart(fig.add_axes((0.01, 0.07, 0.98, 0.92)), **kwargs)


def _visible(artists):
    return {b for b, a in artists.items() if a.get_visible()}


def test_canvas_chart_update_moves_only_the_highlight_unless_asked():
    chart = _canvas_chart(model="live", highlight="value_proposition", chain="both")
    assert isinstance(chart, Chart)
    assert set(chart.artists) == {
        *chart.shades.values(),
        *chart.chain_lines.values(),
        *chart.outlines.values(),
    }
    texts = {b: t.get_text() for b, t in chart.bodies.items()}
    chart.update(highlight="channels", chain="revenue")
    assert _visible(chart.outlines) == {"channels"}
    assert _visible(chart.shades) == set(canvas.BLOCKS) - set(canvas.chain("revenue"))
    assert {b: t.get_text() for b, t in chart.bodies.items()} == texts  # contents kept
    chart.update()  # no highlight
    assert (
        _visible(chart.outlines) == set()
        and _visible(chart.shades) == set()
        and _visible(chart.chain_lines) == set()
    )


def test_canvas_chart_update_sets_new_texts_and_colours():
    chart = _canvas_chart(model="live")
    offline = canvas.model_contents("offline")
    chart.update(offline, color_by_module=False)
    for block, text in offline.items():
        assert chart.bodies[block].get_text().split() == text.split()
    assert {to_hex(p.get_facecolor()) for p in chart.patches.values()} == {"#ffffff"}
    assert not chart.legend.get_visible()
    chart.update({"channels": "Douyin"}, color_by_module=True)  # only the blocks given change
    assert chart.bodies["channels"].get_text() == "Douyin"
    assert chart.bodies["key_partners"].get_text().split() == offline["key_partners"].split()
    assert chart.legend.get_visible()
    with pytest.raises(ValueError, match="highlight must be one of"):
        chart.update(highlight="customers")
    with pytest.raises(ValueError, match="contents block must be one of"):
        chart.update({"customers": "x"})


def test_canvas_chart_prepare_fits_ahead_without_showing():
    chart = _canvas_chart(model="live")
    shown = {b: (t.get_text(), t.get_fontsize()) for b, t in chart.bodies.items()}
    chart.prepare(canvas.model_contents("online"))
    assert {b: (t.get_text(), t.get_fontsize()) for b, t in chart.bodies.items()} == shown
    chart.update(canvas.model_contents("online"))
    fresh = _canvas_chart(model="online")  # the remembered fit is the fit
    assert {b: t.get_text() for b, t in chart.bodies.items()} == {
        b: t.get_text() for b, t in fresh.bodies.items()
    }


def test_value_scores_chart_updates_bars_and_labels():
    fig = new_figure(7, 3.6)
    chart = canvas_plots.ValueScoresChart(fig.add_subplot(), canvas.value_scores(), title="Scores")
    assert set(chart.artists) == {*chart.bars.values(), *chart.labels.values()}
    scores = canvas.value_scores({"entertainment": 5, "visibility": 0})
    chart.update(scores)
    for (side, model), bar in chart.bars.items():
        assert bar.get_width() == pytest.approx(scores.at[model, side])
        assert chart.labels[side, model].get_text() == f"{scores.at[model, side]:.1f}"
    assert chart.ax.get_title(loc="left") == "Scores"
    bare = canvas_plots.ValueScoresChart(new_figure().add_subplot(), scores, labels=False)
    assert bare.labels == {} and not bare.ax.texts


def test_money_charts_update_bars_and_block_amounts():
    fig = new_figure(10.5, 5.4)
    start = canvas.canvas_money()
    money_canvas = canvas_plots.MoneyCanvasChart(fig.add_axes((0.005, 0.16, 0.58, 0.78)), start)
    bars = canvas_plots.MoneyChart(
        fig.add_axes((0.74, 0.2, 0.225, 0.72)), start, xlim=(-1400, 1200), compact=True
    )
    money = canvas.canvas_money(wages=100, sponsorship=80, stream_discount=10)
    summary = canvas.money_summary(money)
    money_canvas.update(money)
    bars.update(money)
    assert bars.bars["wages"].get_width() == -100 and bars.bars[
        "profit"
    ].get_width() == pytest.approx(summary["profit"])
    assert bars.ax.get_xlim() == (-1400, 1200)  # fixed limits stay
    assert not any(b.get_hatch() for b in bars.bars.values())
    assert "wages" in [t.get_text() for t in bars.ax.get_yticklabels()]
    amounts = money_canvas.amounts
    assert amounts["wages"].get_text() == "−100" and amounts["sponsorship"].get_text() == "+80"
    assert amounts["purchases"].get_text() == f"+{400 * 0.9 * 1.3:,.0f}"
    assert amounts["stream_discount"].get_text() == "−10% price\n×1.30 items"
    # profit sits under value capture: revenue streams minus cost structure
    profit = money_canvas.profit.get_text()
    assert profit.startswith("Value capture: profit = revenue streams − cost structure")
    assert profit.endswith(
        f"{summary['revenue']:,.0f} − {summary['cost']:,.0f} = +{summary['profit']:,.0f}"
    )
    assert money_canvas.labels["wages"].get_gid() == "label:key_activities:wages"
    assert set(money_canvas.artists) == {*amounts.values(), money_canvas.profit}


def test_the_money_axis_fits_the_amounts_and_moves_rarely():
    fig = new_figure(4, 4)
    chart = canvas_plots.MoneyChart(fig.add_subplot(), canvas.canvas_money(), compact=True)
    low, high = chart.ax.get_xlim()
    summary = canvas.money_summary(canvas.canvas_money())
    assert summary["revenue"] < high <= 1.5 * summary["revenue"]  # fitted, not the slider maxima
    assert -1.5 * summary["cost"] <= low < -summary["cost"]
    assert chart.update(canvas.canvas_money(wages=70)) is False  # a small move: the axis stays
    assert chart.update(canvas.canvas_money(purchases=1000)) is True  # grows at once
    assert chart.ax.get_xlim()[1] > 1000
    assert chart.update(canvas.canvas_money(purchases=0, sponsorship=0)) is True  # shrinks
    assert chart.ax.get_xlim()[1] <= 10

    fig = new_figure(4, 4)
    bars = canvas_plots.MoneyChart(fig.add_subplot(), canvas.canvas_money())
    with pytest.raises(TypeError, match="money must be"):
        bars.update(canvas.money_summary(canvas.canvas_money()))
