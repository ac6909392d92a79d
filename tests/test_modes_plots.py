"""The picture of the seven live-stream modes: bars from the kit's model, verdicts, bad input."""

import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex

from livekit import modes
from livekit import modes_plots as mp
from livekit.charts import Chart
from livekit.style import MIN_FONT_PT, MODULE_COLORS, new_figure

MODE_IDS = tuple(modes.mode_table()["mode"])
PURPOSES = tuple(modes.purposes()["purpose"])


def _widths(bars):
    return dict(zip(MODE_IDS, (bar.get_width() for bar in bars)))


def _chart(result):
    fig = new_figure(10, 4.6)
    return mp.CombinationChart(fig.add_axes((0.2, 0.12, 0.5, 0.72)), result)


def test_plot_combination_draws_each_mode_alone_and_the_combination():
    result = modes.combine("trust", ["value", "contrast"])
    ax = mp.plot_combination(result)
    texts = [t.get_text() for t in ax.texts]
    assert texts[-1] == "1+1>2"
    assert "Purpose: Win over doubtful buyers. What the kit's model says:" in texts
    assert "0.600 (+0.100)" in texts and "0.500" in texts
    assert "the kit's illustrative units" in ax.get_xlabel()  # the numbers say whose they are
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:7] == list(modes.mode_table()["name"]) and labels[-1] == "chosen modes together"
    assert ax.get_legend() is not None
    assert min(t.get_fontsize() for t in ax.figure.findobj(plt.Text) if t.get_text()) >= MIN_FONT_PT


def test_chosen_modes_are_filled_and_every_mode_has_an_outline():
    result = modes.combine("launch", ["celebrity", "rare"])
    chart = _chart(result)
    alone = modes.mode_fit("launch").set_index("mode")["alone"].to_dict()
    assert _widths(chart.outlines) == pytest.approx(alone)
    assert _widths(chart.mode_bars) == pytest.approx(
        {m: alone[m] if m in ("celebrity", "rare") else 0 for m in MODE_IDS}
    )
    assert all(
        to_hex(b.get_facecolor()) == MODULE_COLORS["creation"].lower() for b in chart.mode_bars
    )
    assert all(o.get_linestyle() == "--" for o in chart.outlines)
    assert [t.get_text() for t in chart.mode_labels] == [f"{alone[m]:.2f}" for m in MODE_IDS]
    # the "added up" row lays the chosen modes end to end
    ends = sorted(s.get_x() + s.get_width() for s in chart.sum_segments if s.get_width() > 0)
    assert ends == pytest.approx([alone["celebrity"], alone["celebrity"] + alone["rare"]])
    assert chart.sum_line.get_xdata()[0] == pytest.approx(result["sum_alone"])
    assert chart.change_bar.get_hatch() == "++" and chart.change_bar.get_width() == pytest.approx(
        result["gain"]
    )


def test_a_clash_is_drawn_as_a_hatched_loss_and_one_mode_as_nothing_to_combine():
    chart = _chart(modes.combine("goodwill", ["rare", "altruistic"]))
    assert chart.verdict_text.get_text().startswith("1+1<2")
    assert chart.change_bar.get_hatch() == "xx" and chart.change_bar.get_width() > 0
    assert chart.change_bar.get_x() == pytest.approx(
        modes.combine("goodwill", ["rare", "altruistic"])["total"]
    )
    chart.update(modes.combine("goodwill", ["rare"]))
    assert "add a second" in chart.verdict_text.get_text() and not chart.sum_line.get_visible()
    assert chart.change_bar.get_width() == 0
    chart.update(modes.combine("goodwill", []))
    assert chart.verdict_text.get_text() == "no mode chosen"
    assert all(b.get_width() == 0 for b in chart.mode_bars) and chart.together_bar.get_width() == 0


def test_update_reports_a_new_look_only_when_the_purpose_or_the_axis_changes():
    chart = _chart(modes.combine("trust", ["value", "contrast"]))
    assert isinstance(chart, Chart)
    look = chart.look
    assert (
        chart.update(modes.combine("trust", ["value", "interview"])) is False and chart.look == look
    )
    assert chart.update(modes.combine("education", ["value", "interview"])) is True
    assert chart.look[0] == "education"
    assert chart.update(modes.combine("education", MODE_IDS)) is True  # all seven: the axis grows
    assert chart.look[1] > look[1]
    moving = set(chart.artists)
    assert set(chart.mode_bars) <= moving and chart.verdict_text in moving
    assert not set(chart.outlines) & moving and chart.purpose_text not in moving  # static per look


def test_plot_combination_draws_on_a_given_axes():
    fig, ax = plt.subplots()
    assert mp.plot_combination(modes.combine("clearance", ["rare", "value"]), ax=ax) is ax
    assert ax.texts[-1].get_text().startswith("1+1>2")


@pytest.mark.parametrize(
    "bad, error, match",
    [
        ("trust", TypeError, "must be the dict returned by modes.combine"),
        ({"purpose": "trust"}, ValueError, r"missing \['modes', 'alone'"),
    ],
)
def test_plot_combination_refuses_what_is_not_a_combination(bad, error, match):
    with pytest.raises(error, match=match):
        mp.plot_combination(bad)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PURPOSES), st.sets(st.sampled_from(MODE_IDS), min_size=2))
def test_the_bottom_rows_always_add_up_to_the_model(purpose, chosen):
    result = modes.combine(purpose, chosen)
    chart = _STATE.setdefault("chart", _chart(result))
    chart.update(result)
    assert sum(s.get_width() for s in chart.sum_segments) == pytest.approx(result["sum_alone"])
    together = chart.together_bar.get_width() + (
        chart.change_bar.get_width() if result["gain"] > 0 else 0
    )
    assert together == pytest.approx(result["total"])
    assert chart.verdict_text.get_text() == result["verdict"]
    assert chart.ax.get_xlim()[1] >= max(
        result["total"], result["sum_alone"], *_widths(chart.outlines).values()
    )


_STATE = {}
