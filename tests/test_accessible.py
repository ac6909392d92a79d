"""The kit's accessible widgets and text alternatives (livekit/accessible.py, Chart.describe).

* the widgets keep the Python side of ipywidgets' sliders (value, min, max, step, description,
  readout_format, continuous_update, disabled, observe) and ship their front end as package
  data; the readout format is the same in Python and in the browser (run with node, if present);
* every view's figure carries a text alternative that follows the picture, and its readout is
  a live region; every control of every view, answer box, self-check and hand-in has a name;
* every chart's ``describe()`` says what it shows now: it changes when the data changes and
  names the quantities the view's question asks about.

The browser side (axe-core, keyboard) is tested in tests/test_browser.py and tests/test_site.py.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import shutil
import subprocess
from pathlib import Path

import ipywidgets as widgets
import matplotlib
import numpy as np
import pytest

from livekit import accessible as A
from livekit import canvas, cases, modes, path, seller_data
from livekit import sellers as S
from livekit.charts import Chart
from livekit.style import new_figure
from livekit.views import View, int_slider, slider

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------------- the slider's API


def test_slider_keeps_ipywidgets_python_side():
    s = slider("Price (CNY)", 99, 10, 300, 1, fmt=".0f")
    assert isinstance(s, A.AccessibleSlider) and isinstance(s, widgets.DOMWidget)
    assert (s.value, s.min, s.max, s.step, s.description) == (99, 10, 300, 1, "Price (CNY)")
    assert s.readout and s.continuous_update and not s.disabled and s.layout.width == "420px"
    seen = []
    s.observe(lambda change: seen.append((change["old"], change["new"])), names="value")
    s.value = 120
    assert seen == [(99, 120)] and s.readout_text == "120"
    s.value = 1_000  # clamped to the range, as ipywidgets does
    assert s.value == 300 and seen[-1] == (120, 300)
    s.max = 200  # the value follows a narrowed range
    assert s.value == 200


def test_slider_refuses_an_empty_name_or_an_upside_down_range():
    with pytest.raises(ValueError, match="description"):
        A.AccessibleSlider(description="  ")
    with pytest.raises(ValueError, match="min"):
        A.AccessibleSlider(description="x", min=5, max=1)
    s = A.AccessibleSlider(description="x", value=-50, min=-100, max=-10)  # all below 0
    assert (s.value, s.min, s.max) == (-50, -100, -10)


def test_int_and_log_sliders():
    n = int_slider("Viewers", 50_000, 0, 100_000, 1_000)
    assert isinstance(n, A.AccessibleIntSlider) and n.readout_text == "50,000"
    n.value = 2_500.0  # cast like ipywidgets' IntSlider
    assert n.value == 2_500 and isinstance(n.value, int)
    log = A.AccessibleLogSlider(description="Followers", value=5e5, min=2, max=8, step=0.01)
    assert log.readout_text == "500k"
    log.value = 1e12
    assert log.value == pytest.approx(1e8) and log.readout_text == "100M"
    log.max = 6
    assert log.value == pytest.approx(1e6)


def test_play_button_has_a_name_and_links_like_play():
    play = A.PlayButton(description="Play the process", min=1, max=10, value=1, interval=500)
    step = int_slider("Step", 1, 1, 10)
    widgets.link((play, "value"), (step, "value"))
    play.value = 7
    assert step.value == 7 and play.description == "Play the process"
    play.value = 99
    assert play.value == 10


# ------------------------------------------------------------------------- readout formats


FORMAT_CASES = [
    (0.025, ".1%"),
    (0.1, ".1%"),
    (6_310_000, ".3s"),
    (3_981.07, ".3s"),
    (999.9, ".3s"),
    (0.0042, ".2s"),
    (0, ".3s"),
    (50_000, ",d"),
    (-1234567.891, ",.2f"),
    (2.5, "d"),
    (-2.5, "d"),
    (0.125, ".2f"),
    (99.5, ".0f"),
    (-0.0001, ".2f"),
    (0.05, ".3g"),
    (123456, ".3g"),
    (1.5e-7, ".2g"),
    (12345.678, ".2e"),
    (1 / 3, ""),
    (42, "nonsense"),
]


def test_format_value_by_hand():
    # worked out from the d3-format rules, not from the function's output
    assert A.format_value(0.025, ".1%") == "2.5%"
    assert A.format_value(6_310_000, ".3s") == "6.31M"
    assert A.format_value(999.9, ".3s") == "1.00k"  # rounding carries into the next prefix
    assert A.format_value(50_000, ",d") == "50,000"
    assert A.format_value(0.125, ".2f") == "0.13"  # a tie: away from zero, as JavaScript
    assert A.format_value(-0.0001, ".2f") == "0.00"  # no negative zero
    assert A.format_value(123456, ".3g") == "1.23e+5"
    assert A.format_value(42, "nonsense") == "42"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_format_value_is_the_same_in_the_browser_module():
    script = (
        f"import {{ formatValue }} from {json.dumps((A.STATIC / 'widgets.js').as_uri())};\n"
        f"const cases = {json.dumps(FORMAT_CASES)};\n"
        "console.log(JSON.stringify(cases.map(([v, s]) => formatValue(v, s))));\n"
    )
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    from_js = json.loads(out.stdout)
    from_python = [A.format_value(v, s) for v, s in FORMAT_CASES]
    assert from_python == from_js


# ------------------------------------------------------------------------- the front end ships


def test_front_end_is_package_data_and_draws_every_kind():
    esm = (A.STATIC / "widgets.js").read_text(encoding="utf-8")
    assert (A.STATIC / "widgets.css").is_file() and "export default" in esm
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    data = re.search(r"^livekit = \[(.*?)\]", config, re.M).group(1)
    assert '"static/*.js"' in data and '"static/*.css"' in data
    dependencies = re.search(r"^dependencies = \[(.*?)^\]", config, re.S | re.M).group(1)
    assert re.search(r'"anywidget\b', dependencies)
    assert re.search(r"^anywidget\b", (ROOT / "requirements.txt").read_text(), re.M)
    kinds = {
        cls._kind.default_value
        for cls in (A.AccessibleSlider, A.FigureImage, A.LiveReadout, A.PlayButton)
    }
    renderers = re.search(r"const RENDERERS = \{(.*?)\};", esm, re.S).group(1)
    assert kinds == set(re.findall(r"(\w+): render\w+", renderers))
    # the native elements that carry name, keys and announcements
    for needle in (
        'input.type = "range"',
        "label.htmlFor",
        "aria-valuetext",
        "img.alt",
        '"aria-live", "polite"',
        "aria-pressed",
    ):
        assert needle in esm


# ------------------------------------------------------------------------- views


def test_view_figure_has_a_text_alternative_that_follows_the_picture():
    from livekit.path_views import explore_model

    view = explore_model()
    assert isinstance(view.image, A.FigureImage) and isinstance(view.readout, A.LiveReadout)
    before_png, before_alt = view.image.value, view.image.alt
    assert before_alt.startswith(f"Figure: {view.title}.") and "profit" in before_alt
    profit = view.shown["profit"]
    assert f"{abs(profit):,.0f} CNY" in before_alt
    view.controls["conversion"].value = view.controls["conversion"].max
    assert view.image.value != before_png and view.image.alt != before_alt
    assert f"{abs(view.shown['profit']):,.0f} CNY" in view.image.alt


def test_a_view_without_charts_describes_its_figure_by_its_readout():
    from livekit.views import FastFigure

    fig = new_figure(4, 3)
    (dot,) = fig.add_subplot().plot([0.5], [0.5], "o")
    view = View(
        title="A dot",
        question="q",
        controls={"x": slider("x", 0.5, 0, 1, 0.1)},
        figure=FastFigure(fig, [dot]),
    )

    def update(change=None):
        dot.set_xdata([view.controls["x"].value])
        view.readout.value = f"the dot is at <b>{view.controls['x'].value:.1f}</b>"
        view.redraw()

    view.bind(update)
    assert view.image.alt == "Figure: A dot. the dot is at 0.5."
    view.controls["x"].value = 0.8
    assert view.image.alt == "Figure: A dot. the dot is at 0.8."


def test_readout_settles_before_it_is_announced():
    view = View(title="t", question="q")
    assert isinstance(view.readout, A.LiveReadout) and 200 <= view.readout.settle_ms <= 2000


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


_LABELLED = (
    widgets.Dropdown,
    widgets.ToggleButtons,
    widgets.Checkbox,
    widgets.Text,
    widgets.FileUpload,
    widgets.ToggleButton,
    A.AccessibleSlider,
    A.AccessibleIntSlider,
    A.AccessibleLogSlider,
)


def _unnamed(root) -> list[str]:
    """Controls without a name: a visible label (description), or for a Textarea or a Button
    whose text is beside or above it, a tooltip (its title, the accessible name)."""
    problems = []
    for w in _walk(root):
        kind = type(w).__name__
        if getattr(w.layout, "display", None) == "none":  # hidden: named when it is shown
            continue
        if isinstance(
            w,
            (
                widgets.FloatSlider,
                widgets.IntSlider,
                widgets.FloatLogSlider,
                widgets.IntRangeSlider,
                widgets.FloatRangeSlider,
                widgets.Play,
            ),
        ):
            problems.append(f"{kind} {w.description!r}: an ipywidgets slider or Play (no name)")
        elif isinstance(w, _LABELLED) and not w.description.strip():
            problems.append(f"{kind} without a description")
        elif isinstance(w, (widgets.Textarea, widgets.Button)) and not (
            w.description.strip() or w.tooltip
        ):
            problems.append(f"{kind} without a description or tooltip")
    return problems


def _views():
    found = []
    for p in sorted((ROOT / "livekit").glob("*_views.py")):
        module = importlib.import_module(f"livekit.{p.stem}")
        found += [
            (p.stem, n)
            for n in getattr(module, "__all__", dir(module))
            if n.startswith(("explore_", "worksheet_")) and callable(getattr(module, n))
        ]
    return found


@pytest.mark.parametrize("module_name,func_name", _views(), ids=[f"{m}.{f}" for m, f in _views()])
def test_every_control_of_every_view_has_a_name(module_name, func_name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    view = getattr(importlib.import_module(f"livekit.{module_name}"), func_name)()
    assert _unnamed(view) == []
    if func_name == "explore_own_data":  # the column pickers appear once a file is read
        view.controls["example"].click()
        shown = [c for n, c in view.controls.items() if n.startswith("map_")]
        assert any(c.layout.display != "none" for c in shown) and _unnamed(view) == []
    for control in view.controls.values():
        if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
            pytest.fail(f"{func_name}: an ipywidgets slider, not the kit's accessible one")
    if view.fast is not None:
        assert view.image.alt.startswith("Figure: ") and len(view.image.alt) > 40


def test_answer_box_self_check_and_hand_in_have_named_controls(tmp_path, monkeypatch):
    from livekit.handin_views import answer_box, hand_in_button
    from livekit.selfcheck_views import self_check

    monkeypatch.chdir(tmp_path)
    box = answer_box("q1", "What did you notice?", notebook="00_start_here")
    assert _unnamed(box) == []
    assert _unnamed(hand_in_button(notebook="00_start_here", folder=tmp_path)) == []
    assert _unnamed(self_check("start")) == []


def test_the_name_check_can_fail():
    assert _unnamed(widgets.VBox([widgets.Textarea(), widgets.IntSlider(description="x")])) == [
        "Textarea without a description or tooltip",
        "IntSlider 'x': an ipywidgets slider or Play (no name)",
    ]
    assert _unnamed(widgets.Button(icon="lock")) == ["Button without a description or tooltip"]


# ------------------------------------------------------------------------- every chart describes


def _chart_classes():
    found = {}
    for p in sorted((ROOT / "livekit").glob("*_plots.py")):
        module = importlib.import_module(f"livekit.{p.stem}")
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, Chart) and obj is not Chart:
                if obj.__module__ == module.__name__:
                    found[name] = obj
    return found


def test_every_chart_writes_its_own_description():
    classes = _chart_classes()
    assert len(classes) >= 15
    missing = [n for n, c in classes.items() if "describe" not in c.__dict__]
    assert missing == [], f"charts without describe(): {missing}"
    tested = {
        n.removeprefix("test_describe_").lower()
        for n in globals()
        if n.startswith("test_describe_")
    }
    assert {n.lower() for n in classes} <= tested, "every chart's describe() has its own test"


def _ax(width=7.0, height=4.5):
    return new_figure(width, height).add_subplot()


def test_describe_orderschart():
    from livekit.setup_plots import OrdersChart

    chart = OrdersChart(_ax(6, 2.4), 20_000, 0.02)
    first = chart.describe()
    assert "20,000 viewers" in first and "400 orders" in first and "2.0%" in first
    chart.update(50_000, 0.05)
    assert "50,000 viewers" in chart.describe() and "2,500 orders" in chart.describe()


def test_describe_funnelchart():
    from livekit.path_plots import FunnelChart

    low, high = path.simulate(conversion=0.01), path.simulate(conversion=0.05)
    chart = FunnelChart(_ax(), low, title="From traffic to orders kept")
    first = chart.describe()
    assert first.startswith("From traffic to orders kept") and "orders kept" in first
    assert f"orders {low['orders']:,.0f}" in first
    chart.update(high)
    assert chart.describe() != first and f"orders {high['orders']:,.0f}" in chart.describe()


def test_describe_waterfallchart():
    from livekit.path_plots import WaterfallChart

    gain, loss = path.simulate(), path.simulate(price=20.0)
    assert gain["profit"] > 0 > loss["profit"]
    chart = WaterfallChart(_ax(), gain)
    first = chart.describe()
    assert f"profit {gain['profit']:,.0f} CNY, a profit" in first and "wages" in first
    chart.update(loss)
    second = chart.describe()
    assert f"profit minus {-loss['profit']:,.0f} CNY, a loss" in second
    assert f"sales {loss['sales']:,.0f} CNY" in second


def test_describe_flowdiagram():
    from livekit.path_plots import FlowDiagram

    steps = path.flow_steps()
    chart = FlowDiagram(new_figure(9, 5.4).add_subplot(), 1)
    first = chart.describe()
    assert f"step 1 of {len(steps)}" in first and steps.iloc[0]["block_name"] in first
    chart.update(5)
    assert "step 5 of" in chart.describe() and steps.iloc[4]["action"] in chart.describe()
    chart.update(None)
    assert "no step highlighted" in chart.describe()


def test_describe_lengthchart():
    from livekit.path_plots import LengthChart

    fig = new_figure(10, 3.6)
    axes = fig.subplots(1, 2)
    curve = path.broadcast_length_curve(np.linspace(0.5, 8, 16))
    chart = LengthChart(axes, curve, 2.0)
    first = chart.describe()
    watching = np.interp(2.0, curve["hours"], curve["retention"])
    assert "2.0 hours" in first and f"{watching:.0%} of viewers still watching" in first
    chart.update(curve, 6.0)
    second = chart.describe()
    assert "6.0 hours" in second and second != first and "profit" in second


def test_describe_pricechart():
    from livekit.path_plots import PriceChart

    prices = np.linspace(49, 199, 16)
    flat = path.profit_by_price(prices, differentiation=0.0)
    rich = path.profit_by_price(prices, differentiation=0.6)
    chart = PriceChart(_ax(), flat, rich, 99.0)
    first = chart.describe()
    best = float(rich["price"][rich["profit"].idxmax()])
    assert "99.00 CNY" in first and f"most profitable price is {best:,.2f} CNY" in first
    chart.update(rich, 149.0)
    assert "149.00 CNY" in chart.describe() and chart.describe() != first


def test_describe_buyermixchart():
    from livekit.path_plots import BuyerMixChart

    chart = BuyerMixChart(_ax(4, 2.6), 0.3)
    assert "70% price-sensitive" in chart.describe() and "30% value-sensitive" in chart.describe()
    chart.update(0.85)
    assert "15% price-sensitive" in chart.describe()


def test_describe_integrationchart():
    from livekit.path_plots import IntegrationChart

    base = path.delivery_parameters()
    chart = IntegrationChart(_ax(), base, base)
    assert "parcels a courier carries 100%" in chart.describe()
    on = path.delivery_parameters(pickup_offline=True)
    share = on["courier_share"] / base["courier_share"]
    chart.update(on)
    assert f"parcels a courier carries {share:.0%}" in chart.describe()


def _teaching():
    teach = seller_data.load_sellers()
    return teach, S.score_sellers(teach)


def test_describe_evaluationmap():
    from livekit.seller_plots import EvaluationMap, label_score_axes

    _, scored = _teaching()
    ax = label_score_axes(_ax(6.4, 5.0), "Teaching set")
    classes = S.classify(scored)
    chart = EvaluationMap(ax, scored, classes, highlight="Fruit farmer", label_slots=2)
    first = chart.describe()
    counts = S.class_counts(classes)
    assert first.startswith("Teaching set") and f"{len(scored)} sellers" in first
    assert all(f"{counts[c]} {c}" in first for c in counts.index)
    farmer = scored.set_index("seller").loc["Fruit farmer"]
    fclass = str(classes[list(scored["seller"]).index("Fruit farmer")])
    assert f"Ringed: Fruit farmer, {fclass}" in first
    assert f"influence {farmer['influence']:.0f}" in first
    tiered = S.classify(scored, model="tiered")
    chart.update(scored, tiered, model="tiered", labels=["Fruit farmer"], highlight=None)
    second = chart.describe()
    assert "tiered model" in second and "Ringed" not in second and "Named: Fruit farmer" in second
    counts = S.class_counts(tiered)
    assert all(f"{counts[c]} {c}" in second for c in counts.index)


def test_describe_classcounts():
    from livekit.seller_plots import ClassCounts

    chart = ClassCounts(_ax(4.5, 2.8), S.class_counts(["super", "super", "low-level"]))
    first = chart.describe()
    assert "3 sellers" in first and "super 2 (67%)" in first and "ordinary 0 (0%)" in first
    chart.update(S.class_counts(["famous"] * 4))
    assert "famous 4 (100%)" in chart.describe() and "super 0" in chart.describe()


def test_describe_nextmove():
    from livekit.seller_plots import NextMove, label_score_axes

    ax = label_score_axes(_ax(6.4, 5.0))
    move = S.next_class_move(30.0, 40.0)
    chart = NextMove(ax, 30.0, 40.0, move)
    first = chart.describe()
    assert "influence 30.0 and attractiveness 40.0" in first and f"class {move['class']}" in first
    assert f"({move['target']})" in first and f"+{move['d_influence']:.1f}" in first
    top = S.next_class_move(95.0, 95.0)
    chart.update(95.0, 95.0, top)
    assert f"class {top['class']}, the top class" in chart.describe()
    assert "No seller" in NextMove(label_score_axes(_ax()), 0, 0, None).describe()


def test_describe_anchorranges():
    from livekit.seller_plots import AnchorRanges, label_score_axes

    ax = label_score_axes(_ax(6.6, 5.0))
    low_p, high_p = cases.classify_anchors(10), cases.classify_anchors(90)
    chart = AnchorRanges(ax, low_p)
    first = chart.describe()
    name = str(low_p["label"].iloc[0] if "label" in low_p else low_p["seller"].iloc[0])
    assert name in first and f"({len(low_p)};" in first
    assert str(low_p["class_high"].iloc[0]) in first
    chart.update(high_p)
    second = chart.describe()
    assert second != first
    att = high_p["attractiveness_high"].iloc[0]
    assert f"attractiveness {att:.0f}" in second or f"to {att:.0f}" in second


def test_describe_canvaschart():
    from livekit.canvas_plots import CanvasChart

    chart = CanvasChart(new_figure(9, 6).add_axes((0.01, 0.07, 0.98, 0.92)), highlight="channels")
    first = chart.describe()
    names = canvas.blocks()["name"]
    assert f"Highlighted: {names['channels']}" in first and "tinted by value module" in first
    assert "Key partners: " in first  # the blocks' text is part of the alternative
    chart.update(highlight=None, chain="cost", color_by_module=False)
    second = chart.describe()
    assert "Highlighted" not in second and "cost chain outlined" in second
    assert "uncoloured" in second
    assert all(names[b] in second.split("outlined: ")[1] for b in canvas.chain("cost"))


def test_describe_moneycanvaschart():
    from livekit.canvas_plots import MoneyCanvasChart

    chart = MoneyCanvasChart(
        new_figure(9, 6).add_axes((0.01, 0.07, 0.98, 0.92)), canvas.canvas_money()
    )
    summary = canvas.money_summary(canvas.canvas_money())
    first = chart.describe()
    assert f"profit +{summary['profit']:,.0f}" in first and "wages minus" in first
    loss = canvas.canvas_money(purchases=100)
    chart.update(loss)
    profit = canvas.money_summary(loss)["profit"]
    assert profit < 0 and f"profit minus {-profit:,.0f}" in chart.describe()
    assert "a loss" in chart.describe()


def test_describe_valuescoreschart():
    from livekit.canvas_plots import ValueScoresChart

    chart = ValueScoresChart(_ax(), canvas.value_scores())
    scores = canvas.value_scores()
    first = chart.describe()
    assert f"Live marketing {scores.at['live', 'customer']:.1f}" in first
    flat = canvas.value_scores(
        {"entertainment": 0, "aesthetic_value": 0, "perceived_value": 0, "time_use": 0}
    )
    chart.update(flat)
    second = chart.describe()
    assert second != first and f"Offline retail {flat.at['offline', 'customer']:.1f}" in second
    leader = flat["customer"].idxmax()
    from livekit.vocab import BUSINESS_MODEL_NAMES

    assert f"({BUSINESS_MODEL_NAMES[leader]} leads)" in second


def test_describe_moneychart():
    from livekit.canvas_plots import MoneyChart

    chart = MoneyChart(_ax(), canvas.canvas_money(purchases=500, wages=100))
    assert "profit 145" in chart.describe() and "wages minus 100" in chart.describe()
    chart.update(canvas.canvas_money(purchases=100, wages=100))
    profit = canvas.money_summary(canvas.canvas_money(purchases=100, wages=100))["profit"]
    assert f"profit minus {-profit:,.0f}, a loss" in chart.describe()


def test_describe_combinationchart():
    from livekit.modes_plots import CombinationChart

    fig = new_figure(9.6, 4.0)
    ax = fig.add_axes((0.2, 0.13, 0.47, 0.71))
    good = modes.combine("trust", ["value", "contrast"])
    chart = CombinationChart(ax, good)
    first = chart.describe()
    names = dict(zip(modes.mode_table()["mode"], modes.mode_table()["name"]))
    assert names["value"] in first and names["contrast"] in first and good["verdict"] in first
    assert f"{good['total']:.3f}" in first
    chart.update(modes.combine("trust", []))
    assert "No mode chosen" in chart.describe()


# ------------------------------------------------------------------------- figures outside views


def test_charts_are_recorded_on_their_axes_outer_chart_only():
    from livekit.canvas_plots import MoneyCanvasChart
    from livekit.charts import charts_on
    from livekit.path_plots import plot_funnel

    ax = plot_funnel(path.simulate())
    assert [type(c).__name__ for c in charts_on(ax)] == ["FunnelChart"]
    money_ax = new_figure(9, 6).add_axes((0.01, 0.07, 0.98, 0.92))
    MoneyCanvasChart(money_ax, canvas.canvas_money())  # builds a CanvasChart inside
    assert [type(c).__name__ for c in charts_on(money_ax)] == ["MoneyCanvasChart"]
    matplotlib.pyplot.close("all")


def test_describe_figure_of_plot_calls():
    from livekit.path_plots import plot_path, plot_waterfall

    loss = path.simulate(price=20.0)
    text = A.describe_figure(plot_waterfall(loss).figure)
    assert text.startswith("Figure: From sales to profit") and "a loss" in text
    # no chart on these axes: the title and axis labels stand in
    assert A.describe_figure(plot_path().figure) == (
        "Figure: The innovation path of live marketing."
    )
    matplotlib.pyplot.close("all")


def test_notebook_figures_can_be_shown_with_their_text():
    import base64
    import html as html_module

    from IPython.core.formatters import HTMLFormatter, PNGFormatter
    from matplotlib.figure import Figure

    from livekit.path_plots import plot_buyer_mix

    fig = plot_buyer_mix(0.3).figure
    page = A.figure_html(fig)
    alt = re.search(r'alt="([^"]*)"', page).group(1)
    assert html_module.unescape(alt) == A.describe_figure(fig)
    png = base64.b64decode(re.search(r"base64,([^\"]+)\"", page).group(1))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"

    class Shell:  # the part of IPython's shell that show_figures_with_text touches
        class display_formatter:  # noqa: N801
            formatters = {"text/html": HTMLFormatter(), "image/png": PNGFormatter()}

    Shell.display_formatter.formatters["image/png"].for_type(Figure, lambda f: b"png")
    assert A.show_figures_with_text(Shell) is True
    formatters = Shell.display_formatter.formatters
    assert 'alt="Figure: Who buys' in formatters["text/html"](fig)
    assert formatters["image/png"](fig) is None  # no bare image without a text alternative
    assert A.show_figures_with_text() is False  # outside IPython: nothing to do
    matplotlib.pyplot.close("all")
