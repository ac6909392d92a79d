"""The slider views of notebook 1: canvas explorer, value perception, canvas to numbers, worksheet.

Each view is one call in the notebook and returns a :class:`livekit.views.View`, built the kit's
one way: controls (by name), charts from :mod:`livekit.canvas_plots` (by name), then
``view.bind(update)``. The views only wire controls to :mod:`livekit.canvas` (the logic) and the
charts. Each keeps one figure; the parts that never move are drawn once and a control change
repaints only the chart's moving artists (see :class:`livekit.views.FastFigure`).

Each slider view carries a "predict, then check" item (``view.prediction``): the student commits
to an answer before moving the controls, and the view says whether it held once the experiment
the question describes has been set up.
"""

from __future__ import annotations

from os import PathLike

import ipywidgets as widgets
import pandas as pd

from . import _html, canvas
from ._checks import check_bool, check_choice, check_money
from .canvas_plots import CanvasChart, MoneyCanvasChart, MoneyChart, ValueScoresChart
from .style import MUTED_TEXT, kit_style, new_figure
from .views import FastFigure, Prediction, View, slider
from .vocab import BLOCKS, BUSINESS_MODEL_NAMES, BUSINESS_MODELS, CHAINS, MODULE_NAMES, MODULES
from .worksheet import check_worksheet, load_worksheet, save_worksheet

__all__ = ["explore_canvas", "explore_value_perception", "explore_canvas_money", "worksheet_form"]

_MODEL_OPTIONS = [(BUSINESS_MODEL_NAMES[m].split(" (")[0], m) for m in BUSINESS_MODELS]
_CHAIN_WORDS = {"revenue": "revenue chain (dashed)", "cost": "cost chain (dotted)"}
_GREY = f"<span style='color:{MUTED_TEXT}'>{{}}</span>"


# --- 1. the canvas explorer ------------------------------------------------------------------


def explore_canvas(
    model: str = "live", block: str = "value_proposition", color_by_module: bool = True
) -> View:
    """Explore the canvas: pick a model and a block; see its content, module and chain.

    Parameters
    ----------
    model : {"live", "online", "offline"}
        The business model shown first.
    block : str
        The block selected first (a block id of :data:`livekit.vocab.BLOCKS`).
    color_by_module : bool
        Start with blocks tinted by value module.

    Returns
    -------
    View
        ``view.controls``: ``"model"`` (ToggleButtons), ``"block"`` (Dropdown), ``"colors"``
        (Checkbox); ``view.charts["canvas"]`` (a :class:`~livekit.canvas_plots.CanvasChart`);
        ``view.readout`` shows the block's definition, module, the paper's content and chains;
        ``view.shown``: ``model, block, module, module_name, chains``; ``view.prediction`` asks
        which value module Table 1 puts channels in.
    """
    check_choice("model", model, BUSINESS_MODELS)
    check_choice("block", block, BLOCKS)
    check_bool("color_by_module", color_by_module)
    info, models = canvas.blocks(), canvas.compare_models()
    chains = {b: tuple(canvas.chains_of(b)) for b in BLOCKS}
    contents = {m: canvas.model_contents(m) for m in BUSINESS_MODELS}
    controls = _canvas_controls(model, block, color_by_module, info)
    fig = new_figure(9.0, 6.0)
    with kit_style():
        chart = CanvasChart(
            fig.add_axes((0.01, 0.07, 0.98, 0.92)),
            contents[model],
            color_by_module=color_by_module,
            fontsize=10.0,
        )
    for texts in contents.values():  # fitted once, so a switch of model only sets the texts
        chart.prepare(texts)
    view = View(
        title="Canvas explorer",
        question="which blocks change most when you switch the model from <i>Offline retail</i> "
        "to <i>Live marketing</i>?",
        controls=controls,
        layout=widgets.VBox(
            [controls["model"], widgets.HBox([controls["block"], controls["colors"]])]
        ),
        charts={"canvas": chart},
        figure=FastFigure(fig, animated=chart.artists),
        prediction=_module_prediction(),
    )

    def update(change=None) -> None:
        m, b, coloured = (view.controls[name].value for name in ("model", "block", "colors"))
        chart.update(
            contents[m], color_by_module=coloured, highlight=b, chain=_chain_argument(chains[b])
        )
        view.fast.show_look((m, coloured))  # one cached background per model and colouring
        view.readout.value = _block_readout(info.loc[b], models, m, b, chains[b])
        module = info.at[b, "module"]
        view.show(
            model=m, block=b, module=module, module_name=MODULE_NAMES[module], chains=chains[b]
        )
        view.redraw()

    view.bind(update)
    return view


def _canvas_controls(
    model: str, block: str, color_by_module: bool, info: pd.DataFrame
) -> dict[str, widgets.Widget]:
    """The canvas explorer's controls: a model, a block, and colour by module on or off."""
    return {
        "model": widgets.ToggleButtons(
            options=_MODEL_OPTIONS,
            value=model,
            description="Model",
            style={"button_width": "130px"},
        ),
        "block": widgets.Dropdown(
            options=[(info.at[b, "name"], b) for b in BLOCKS],
            value=block,
            description="Block",
            layout=widgets.Layout(width="340px"),
        ),
        "colors": widgets.Checkbox(
            value=color_by_module, description="colour blocks by value module", indent=False
        ),
    }


def _chain_argument(chains: tuple[str, ...]) -> str | None:
    """The ``chain=`` of :meth:`CanvasChart.update` that lights up these chains."""
    return "both" if set(chains) == set(CHAINS) else (chains[0] if chains else None)


def _block_readout(
    row: pd.Series, models: pd.DataFrame, model: str, block: str, chains: tuple[str, ...]
) -> str:
    reading = models.at[block, f"reading_{model}"]
    chain_text = " and ".join(_CHAIN_WORDS[c] for c in chains) or "no chain"
    hub = " It is the <b>hub</b>: the only block on both chains." if len(chains) == 2 else ""
    whose = "the paper" if reading == "paper" else "the kit’s reading"
    source = f"[Li (2021), {_html.escape(row['section'])}]"
    return (
        f"<b>{_html.escape(row['name'])}</b> (the paper's “{_html.escape(row['paper_name'])}”) · "
        f"<b>{MODULE_NAMES[row['module']]}</b> module ({_html.escape(row['module_basis'])})<br>"
        f"<i>What it is:</i> {_html.escape(row['definition'])}<br>"
        f"<i>{BUSINESS_MODEL_NAMES[model]}:</i> {_html.escape(models.at[block, model])} "
        f"{_GREY.format(f'[{whose}]')}<br>"
        f"<i>The paper on live marketing:</i> {_html.escape(row['live_marketing'])} "
        f"{_GREY.format(source)}<br>"
        f"<i>Chain:</i> on the {chain_text}.{hub}"
    )


def _module_prediction() -> Prediction:
    return Prediction(
        "Which value module does the paper's Table 1 put <i>Channels</i> in? Lock in your answer, "
        "then pick <i>Channels</i> in the Block list.",
        options=[MODULE_NAMES[m] for m in MODULES],
        outcome=lambda shown: shown["module_name"] if shown.get("block") == "channels" else None,
        hint="ask what the block does for the customer: channels carry the offer to the buyer, "
        "and the readout's module line names the Table 1 module that does that.",
    )


# --- 2. value perception ---------------------------------------------------------------------

_COST_DIMENSION = "shopping_cost"  # the customer dimension of the prediction ("Low shopping cost")
_TIE = "the same score"


def explore_value_perception(weights: dict[str, float] | None = None) -> View:
    """Weigh the value dimensions the paper names and compare the three models.

    Parameters
    ----------
    weights : dict of str to float, optional
        Starting weights, 0 to 5 (see :func:`livekit.canvas.value_scores`); 1 for dimensions
        left out.

    Returns
    -------
    View
        ``view.controls`` maps each dimension to its slider (0-5); ``view.charts["scores"]`` is a
        :class:`~livekit.canvas_plots.ValueScoresChart`; ``view.shown``: ``weights``,
        ``customer`` and ``seller`` (``{model: score}``) and ``leaders`` (``{side: model}``, or
        ``"tie"``); ``view.prediction`` asks which of live marketing and offline retail scores
        higher for customers when only low shopping cost counts.
    """
    ratings = canvas.value_ratings()
    start = {d: 1.0 for d in ratings.index}
    if weights is not None:
        canvas.value_scores(weights)  # checks names and values
        for dim, w in weights.items():
            start[dim] = check_money(f"weights[{dim!r}]", w, high=5)
    controls = {
        d: slider(ratings.at[d, "label"], start[d], 0.0, 5.0, 0.5, fmt=".1f", width="360px")
        for d in ratings.index
    }
    columns = [
        widgets.VBox(
            [
                widgets.HTML(f"<b>{heading}</b> (weight 0-5)"),
                *[controls[d] for d in ratings.index if ratings.at[d, "side"] == side],
            ]
        )
        for side, heading in (("customer", "Customers value…"), ("seller", "Sellers value…"))
    ]
    fig = new_figure(7.5, 3.3)
    with kit_style():
        chart = ValueScoresChart(
            fig.add_subplot(),
            canvas.value_scores(start),
            title="Which model offers more value? (kit's illustrative ratings)",
        )
        fig.tight_layout()
    view = View(
        title="Value perception: live, online, offline",
        question="which customer weights must be high for <i>online shopping</i> to beat live "
        "marketing for customers?",
        controls=controls,
        layout=widgets.HBox(columns),
        charts={"scores": chart},
        figure=FastFigure(fig, animated=chart.artists),
        prediction=_cost_prediction(ratings),
    )

    def update(change=None) -> None:
        weights_now = {d: s.value for d, s in view.controls.items()}
        scores = canvas.value_scores(weights_now)
        chart.update(scores)
        leaders = {side: _leader(scores[side]) for side in ("customer", "seller")}
        view.readout.value = _scores_readout(scores, leaders)
        view.show(
            weights=weights_now,
            customer=scores["customer"].to_dict(),
            seller=scores["seller"].to_dict(),
            leaders=leaders,
        )
        view.redraw()

    view.bind(update)
    return view


def _leader(side_scores: pd.Series) -> str:
    """The model with the highest score, or ``"tie"`` when the top two are within 0.05."""
    ordered = side_scores.sort_values(ascending=False)
    return "tie" if abs(ordered.iloc[0] - ordered.iloc[1]) < 0.05 else str(ordered.index[0])


def _scores_readout(scores: pd.DataFrame, leaders: dict[str, str]) -> str:
    parts = []
    for side, leader in leaders.items():
        best = str(scores[side].idxmax())
        numbers = ", ".join(f"{m} {scores.at[m, side]:.1f}" for m in BUSINESS_MODELS)
        tie = " (a tie)" if leader == "tie" else ""
        parts.append(
            f"<b>{side.capitalize()}s:</b> {numbers}: "
            f"<b>{BUSINESS_MODEL_NAMES[best]}</b> leads{tie}."
        )
    return (
        "<br>".join(parts)
        + "<br>"
        + _GREY.format(
            "Ratings are the kit's illustrative reading of the paper's claims "
            "(data/value_ratings.csv), not measurements."
        )
    )


def _cost_prediction(ratings: pd.DataFrame) -> Prediction:
    others = [
        d for d in ratings.index if ratings.at[d, "side"] == "customer" and d != _COST_DIMENSION
    ]
    live, offline = BUSINESS_MODEL_NAMES["live"], BUSINESS_MODEL_NAMES["offline"]

    def outcome(shown: dict) -> str | None:
        weights = shown["weights"]
        if weights[_COST_DIMENSION] <= 0 or any(weights[d] > 0 for d in others):
            return None  # not yet: all the customer weight must be on low shopping cost
        gap = shown["customer"]["live"] - shown["customer"]["offline"]
        return _TIE if abs(gap) < 0.05 else (live if gap > 0 else offline)

    label = _html.escape(ratings.at[_COST_DIMENSION, "label"])
    return Prediction(
        f"Put all the customer weight on <i>{label}</i> "
        "(every other customer weight to 0): does live marketing or offline retail score higher "
        "for customers, in the kit's ratings? Lock in your answer, then set the sliders.",
        options=[live, offline, _TIE],
        outcome=outcome,
        hint="the paper compares live marketing with offline shopping on the cost of shopping; "
        "the kit's ratings keep the order it states. Compare the two bars of the customer side.",
    )


# --- 3. canvas to numbers ------------------------------------------------------------------------


def explore_canvas_money(**amounts: float) -> View:
    """The value proposition as the hub, in money: one lever moves both chains.

    A slider on the value proposition (a stream-only discount, the kit's lever) moves customer
    purchases (on the revenue chain) and product cost (on the cost chain) together; the other
    sliders set the paper's other revenue stream and costs. The canvas shows each amount in the
    block it comes from and, under the two blocks of value capture, profit as revenue streams
    minus cost structure; the bars beside it show every amount on a fitted axis.

    Parameters
    ----------
    **amounts : float
        Starting values as for :func:`livekit.canvas.canvas_money`: ``stream_discount`` (% off
        the list price) and the amounts in thousand CNY per month (``purchases, sponsorship,
        product, broadcast, packaging, logistics, wages``; purchases and product cost at the
        list price).

    Returns
    -------
    View
        ``view.controls``: ``"stream_discount"`` and one slider per money item;
        ``view.charts["canvas"]`` (a :class:`~livekit.canvas_plots.MoneyCanvasChart`) and
        ``view.charts["money"]`` (a :class:`~livekit.canvas_plots.MoneyChart`);
        ``view.shown``: ``amounts`` (every control's value), ``effect`` (see
        :func:`livekit.canvas.lever_effect`), ``revenue``, ``cost``, ``profit``, ``margin``;
        ``view.prediction`` asks whether a 20% stream-only discount raises or lowers profit.
    """
    start = canvas.canvas_money(**amounts)  # checks the names and values
    controls = _money_controls({**start.attrs["levers"], **start["list_amount"].to_dict()})
    fig = new_figure(10.5, 5.4)
    with kit_style():
        charts = {
            "canvas": MoneyCanvasChart(
                fig.add_axes((0.005, 0.16, 0.58, 0.78)),
                start,
                fontsize=10.0,
                title="Where the money comes from (thousand CNY per month)",
            ),
            "money": MoneyChart(fig.add_axes((0.74, 0.2, 0.225, 0.72)), start, compact=True),
        }
    view = View(
        title="Canvas to numbers: the hub moves both chains",
        question="move the <i>Stream-only discount</i> (the value proposition): which two "
        "amounts move with it, one on each chain?",
        controls=controls,
        layout=_money_layout(controls),
        charts=charts,
        figure=FastFigure(fig, animated=[*charts["canvas"].artists, *charts["money"].artists]),
        prediction=_discount_prediction(start),
    )

    def update(change=None) -> None:
        now = {name: float(control.value) for name, control in view.controls.items()}
        money = canvas.canvas_money(**now)
        summary = canvas.money_summary(money)
        charts["canvas"].update(money)
        if charts["money"].update(money):
            view.fast.invalidate()  # the money axis changed: a new background
        view.readout.value = _money_readout(money, summary)
        numbers = {k: float(summary[k]) for k in ("revenue", "cost", "profit", "margin")}
        view.show(amounts=now, effect=dict(money.attrs["effect"]), **numbers)
        view.redraw()

    view.bind(update)
    return view


#: The money view's columns of controls, by heading: the hub, then each chain's items.
_MONEY_COLUMNS = {
    "Value proposition (the hub)": ("stream_discount",),
    "Revenue streams (purchases at the list price)": ("purchases", "sponsorship"),
    "Costs (product cost at the list price)": (
        "product",
        "broadcast",
        "packaging",
        "logistics",
        "wages",
    ),
}


def _money_controls(start: dict[str, float]) -> dict[str, widgets.Widget]:
    items = canvas.money_items()
    names = [name for names in _MONEY_COLUMNS.values() for name in names]
    return {
        name: slider(
            items.at[name, "label"],
            start[name],
            float(items.at[name, "low"]),
            float(items.at[name, "high"]),
            float(items.at[name, "step"]),
            fmt=".0f",
            width="380px",
        )
        for name in names
    }


def _money_layout(controls: dict[str, widgets.Widget]) -> widgets.Widget:
    return widgets.HBox(
        [
            widgets.VBox(
                [widgets.HTML(f"<b>{_html.escape(heading)}</b>"), *[controls[n] for n in names]]
            )
            for heading, names in _MONEY_COLUMNS.items()
        ],
        layout=widgets.Layout(flex_flow="row wrap"),
    )


def _signed(value: float) -> str:
    return f"{value:+,.0f}".replace("-", "−")


def _money_readout(money: pd.DataFrame, summary: pd.Series) -> str:
    profit = summary["profit"]
    verdict = "a profit" if profit > 0 else ("break-even" if profit == 0 else "a loss")
    margin = f", margin {summary['margin']:.1%}" if summary["revenue"] > 0 else ""
    discount = money.attrs["levers"]["stream_discount"]
    items = money.attrs["effect"]["items"]
    moved = "; ".join(
        f"{_html.escape(money.at[i, 'label'].lower())} {money.at[i, 'list_amount']:,.0f} &rarr; "
        f"<b>{money.at[i, 'amount']:,.0f}</b> ({chain} chain)"
        for i, chain in (("purchases", "revenue"), ("product", "cost"))
    )
    return (
        f"<b>Value proposition:</b> {discount:.0f}% off for the stream's viewers sells "
        f"{items:.2f} times the items: {moved}.<br>"
        f"<b>Value capture:</b> revenue <b>{summary['revenue']:,.0f}</b> &minus; cost "
        f"<b>{summary['cost']:,.0f}</b> = <b>profit {_signed(profit)}</b> thousand CNY per month "
        f"({verdict}{margin}).<br>"
        + _GREY.format(
            "Items: Li (2021), nine elements (8)-(9). Amounts, the discount's effect (each 1% "
            "off sells 3% more items) and the blocks each item comes from: kit assumptions."
        )
    )


def _discount_prediction(start: pd.DataFrame) -> Prediction:
    base = {**start.attrs["levers"], **start["list_amount"].to_dict()}
    now = base["stream_discount"]
    target = now + 20 if now <= 30 else now - 20  # 20 points more (or less, near the top)
    base_profit = float(canvas.money_summary(start)["profit"])

    def outcome(shown: dict) -> str | None:
        now = shown["amounts"]
        wanted = {**base, "stream_discount": target}
        if any(abs(now[k] - v) > 1e-9 for k, v in wanted.items() if k in now):
            return None  # not yet: the discount at 20%, everything else as at the start
        gap = shown["profit"] - base_profit
        return "stays the same" if abs(gap) < 0.5 else ("rises" if gap > 0 else "falls")

    return Prediction(
        f"Move the stream's discount for viewers (the value proposition) from {now:.0f}% to "
        f"<i>{target:.0f}% off</i> and change nothing else: the number of items sold changes, "
        "and so does the price of each. Does profit rise, stay the same or fall? Lock in your "
        "answer, then move the discount slider.",
        outcome=outcome,
        options=["rises", "stays the same", "falls"],
        hint="the discount sells more items, each cheaper: customer purchases (revenue chain) "
        "and product cost (cost chain) both move. Compare the profit under value capture before "
        "and after.",
    )


# --- 4. your own canvas ---------------------------------------------------------------------

_REPLACE = "replace existing file"


def worksheet_form(path: str | PathLike = "my_canvas.json") -> View:
    """A form with one text box per block, drawn as a canvas, saved to and loaded from a file.

    Parameters
    ----------
    path : str or path
        The file name shown first (``.json`` or ``.csv``); the student can change it.

    Returns
    -------
    View
        ``view.controls``: one Textarea per block id, then the worksheet's file row: ``"file"``
        (Text), ``"replace"`` (Checkbox "replace existing file", off), ``"save"`` and ``"load"``
        (Buttons). ``view.charts["canvas"]`` draws the texts; ``view.shown["worksheet"]`` is the
        worksheet drawn. Status messages go to ``view.readout``, errors (a file that exists, a
        file that cannot be read or written) to ``view.error``; a failed save or load clears an
        earlier status message, and a failed load leaves the typed text untouched.
        ``view.save_row`` saves the picture, as in every view.
    """
    if not isinstance(path, (str, PathLike)):
        raise TypeError(
            f"path must be a file name (str or path), got {type(path).__name__} {path!r}"
        )
    info = canvas.blocks()
    controls: dict[str, widgets.Widget] = {
        b: widgets.Textarea(
            value="",
            placeholder=str(info.at[b, "definition"]),
            tooltip=str(info.at[b, "name"]),  # its accessible name: the block's visible heading
            continuous_update=False,
            layout=widgets.Layout(width="98%", height="70px"),
        )
        for b in BLOCKS
    }
    controls.update(_file_controls(path))
    cells = [
        widgets.VBox([widgets.HTML(f"<b>{_html.escape(info.at[b, 'name'])}</b>"), controls[b]])
        for b in BLOCKS
    ]
    layout = widgets.VBox(
        [
            widgets.GridBox(
                cells, layout=widgets.Layout(grid_template_columns="repeat(3, 1fr)", width="100%")
            ),
            widgets.HBox([controls[name] for name in ("file", "replace", "save", "load")]),
        ]
    )
    fig = new_figure(9.0, 6.0)
    with kit_style():
        chart = CanvasChart(fig.add_axes((0.01, 0.07, 0.98, 0.92)), {}, fontsize=10.0)
    view = View(
        title="Your own canvas",
        question="which block was hardest to fill for the business you chose, and why?",
        controls=controls,
        layout=layout,
        charts={"canvas": chart},
        figure=FastFigure(fig, animated=list(chart.bodies.values())),
    )

    def update(change=None) -> None:
        sheet = _worksheet(view)
        chart.update(sheet)
        view.show(worksheet=sheet)
        view.redraw()

    controls["save"].on_click(lambda _button: view.run(lambda _change: _save_worksheet(view)))
    controls["load"].on_click(lambda _button: view.run(lambda _change: _load_worksheet(view)))
    view.bind(update, controls=BLOCKS)
    return view


def _file_controls(path: str | PathLike) -> dict[str, widgets.Widget]:
    """The worksheet's own file row (the view's save row is for the picture)."""
    return {
        "file": widgets.Text(
            value=str(path),
            description="File",
            placeholder="my_canvas.json or .csv",
            layout=widgets.Layout(width="360px"),
        ),
        "replace": widgets.Checkbox(value=False, description=_REPLACE, indent=False),
        "save": widgets.Button(
            description="Save",
            icon="save",
            button_style="primary",
            tooltip="Write the nine texts to the file (.json or .csv)",
        ),
        "load": widgets.Button(
            description="Load", icon="folder-open", tooltip="Read the nine texts from the file"
        ),
    }


def _worksheet(view: View) -> dict[str, str]:
    return check_worksheet({b: view.controls[b].value for b in BLOCKS})


def _save_worksheet(view: View) -> None:
    target = view.controls["file"].value.strip()
    view.readout.value = ""  # a failed save must not leave an earlier "Saved" standing
    try:
        written = save_worksheet(_worksheet(view), target, overwrite=view.controls["replace"].value)
    except FileExistsError:
        raise ValueError(
            f"{target}: the file already exists. Tick “{_REPLACE}” to replace it, "
            f"or choose another name."
        ) from None
    except OSError as exc:
        raise ValueError(f"{target}: could not write the file ({exc.strerror or exc})") from None
    view.readout.value = f"Saved your canvas to <code>{_html.escape(written)}</code>."


def _load_worksheet(view: View) -> None:
    target = view.controls["file"].value.strip()
    view.readout.value = ""
    try:
        loaded = load_worksheet(target)  # raises before any box changes
    except OSError as exc:
        raise ValueError(f"{target}: could not read the file ({exc.strerror or exc})") from None
    with view.quiet():  # nine boxes set, one redraw
        for block, text in loaded.items():
            view.controls[block].value = text
    view.readout.value = f"Loaded <code>{_html.escape(target)}</code>."
