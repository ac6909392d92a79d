"""The slider views of notebook 1: canvas explorer, value perception, canvas to numbers, worksheet.

Each view is one call in the notebook and returns a :class:`livekit.views.View`. The views only
wire controls to :mod:`livekit.canvas` (the logic) and :mod:`livekit.canvas_plots` (the
drawing). Each keeps one figure; the parts that never move are drawn once and a control change
repaints only the artists it touches (see :class:`livekit.views.FastFigure`).
"""
from __future__ import annotations

import html
from os import PathLike

import ipywidgets as widgets

from . import canvas
from ._checks import check_bool, check_choice, check_money
from .canvas_plots import _build_canvas, fit_text, plot_money, plot_value_scores
from .style import kit_style, new_figure
from .vocab import MODULE_NAMES
from .views import FastFigure, View, slider
from .worksheet import WorksheetExistsError, check_worksheet, load_worksheet, save_worksheet

__all__ = ["explore_canvas", "explore_value_perception", "explore_canvas_money", "worksheet_form"]

_MODEL_OPTIONS = [(canvas.MODEL_NAMES[m].split(" (")[0], m) for m in canvas.MODELS]
_CHAIN_WORDS = {"revenue": "revenue chain (dashed)", "cost": "cost chain (dotted)"}


def _esc(text: object) -> str:
    return html.escape(str(text))


# --- 1. the canvas explorer ------------------------------------------------------------------

def explore_canvas(model: str = "live", block: str = "value_proposition", color_by_module: bool = True) -> View:
    """Explore the canvas: pick a model and a block; see its content, module and chain.

    Parameters
    ----------
    model : {"live", "online", "offline"}
        The business model shown first.
    block : str
        The block selected first (a block id of :data:`livekit.canvas.BLOCKS`).
    color_by_module : bool
        Start with blocks tinted by value module.

    Returns
    -------
    View
        ``view.model`` (ToggleButtons), ``view.block`` (Dropdown), ``view.colors`` (Checkbox);
        ``view.readout`` shows the block's definition, module, the paper's content and chains.
    """
    check_choice("model", model, canvas.MODELS)
    check_choice("block", block, canvas.BLOCKS)
    check_bool("color_by_module", color_by_module)
    info = canvas.blocks()
    models = canvas.compare_models()
    chains_of = {b: canvas.chains_of(b) for b in canvas.BLOCKS}
    model_w = widgets.ToggleButtons(options=_MODEL_OPTIONS, value=model, description="Model",
                                    style={"button_width": "130px"})
    block_w = widgets.Dropdown(options=[(info.at[b, "name"], b) for b in canvas.BLOCKS], value=block,
                               description="Block", layout=widgets.Layout(width="340px"))
    colors_w = widgets.Checkbox(value=color_by_module, description="colour blocks by value module", indent=False)

    fig = new_figure(9.0, 6.0)
    with kit_style():
        ax = fig.add_axes((0.01, 0.07, 0.98, 0.92))
        art = _build_canvas(ax, canvas.model_contents(model), color_by_module=color_by_module)
        renderer = fig.canvas.get_renderer()
        fitted = {}  # (model, block) -> (text, fontsize), fitted once so a switch is only set_text
        for m in canvas.MODELS:
            for b in canvas.BLOCKS:
                body = art.bodies[b]
                fit_text(body, str(models.at[b, m]), *art.body_box(b), renderer=renderer)
                fitted[m, b] = (body.get_text(), body.get_fontsize())
    def prepare(state) -> None:
        m, colored = state
        for blk in canvas.BLOCKS:
            text, size = fitted[m, blk]
            art.bodies[blk].set_text(text)
            art.bodies[blk].set_fontsize(size)
        art.set_colors(colored)

    animated = [*art.shades.values(), *art.chain_lines.values(), *art.outlines.values()]
    fast = FastFigure(fig, animated=animated)
    shown_look = [None]  # the static look the artists are in now
    view = View(
        title="Canvas explorer",
        question="pick <i>Value proposition</i>: it is the only block on both chains (the hub). Then pick "
                 "<i>Key partners</i> and <i>Channels</i>: which chain lights up? Switch the model to see "
                 "what changes from offline retail to live marketing.",
        controls=[model_w, widgets.HBox([block_w, colors_w])],
        figure=fast,
    )
    view.model, view.block, view.colors, view.artists = model_w, block_w, colors_w, art

    def update(change=None) -> None:
        m, b = model_w.value, block_w.value
        look = (m, colors_w.value)
        if look != shown_look[0]:
            prepare(look)
            shown_look[0] = look
        fast.show_look(look)
        chains = chains_of[b]
        art.set_highlight(b, chains)
        row = info.loc[b]
        reading = models.at[b, f"reading_{m}"]
        chain_text = " and ".join(_CHAIN_WORDS[c] for c in chains) or "no chain"
        hub = " It is the <b>hub</b>: the only block on both chains." if len(chains) == 2 else ""
        view.readout.value = (
            f"<b>{_esc(row['name'])}</b> (the paper's “{_esc(row['paper_name'])}”) · "
            f"<b>{MODULE_NAMES[row['module']]}</b> module ({_esc(row['module_basis'])})<br>"
            f"<i>What it is:</i> {_esc(row['definition'])}<br>"
            f"<i>{canvas.MODEL_NAMES[m]}:</i> {_esc(models.at[b, m])} "
            f"<span style='color:#555'>[{'the paper' if reading == 'paper' else 'the kit’s reading'}]</span><br>"
            f"<i>The paper on live marketing:</i> {_esc(row['live_marketing'])} "
            f"<span style='color:#555'>[Li (2021), {_esc(row['section'])}]</span><br>"
            f"<i>Chain:</i> on the {chain_text}.{hub}"
        )
        view.redraw()

    view.watch([model_w, block_w, colors_w], update)
    view.run(update)
    return view


# --- 2. value perception ---------------------------------------------------------------------

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
        ``view.weights`` maps each dimension to its slider; ``view.bars`` maps
        ``(side, model)`` to its bar.
    """
    ratings = canvas.value_ratings()
    start = {d: 1.0 for d in ratings.index}
    if weights is not None:
        canvas.value_scores(weights)  # checks names and values
        for dim, w in weights.items():
            start[dim] = check_money(f"weights[{dim!r}]", w, high=5)
    sliders = {d: slider(ratings.at[d, "label"], start[d], 0.0, 5.0, 0.5, fmt=".1f", width="360px")
               for d in ratings.index}
    columns = []
    for side, heading in (("customer", "Customers value…"), ("seller", "Sellers value…")):
        dims = [d for d in ratings.index if ratings.at[d, "side"] == side]
        columns.append(widgets.VBox([widgets.HTML(f"<b>{heading}</b> (weight 0-5)"), *[sliders[d] for d in dims]]))

    fig = new_figure(7.5, 3.3)
    with kit_style():
        ax = fig.add_subplot()
        plot_value_scores(canvas.value_scores(start), ax=ax)
        ax.set_title("Which model offers more value? (kit's illustrative ratings)", loc="left")
        fig.tight_layout()
    bars = {tuple(p.get_gid().split(":")[1:]): p for p in ax.patches if (p.get_gid() or "").startswith("score:")}
    labels = {tuple(t.get_gid().split(":")[1:]): t for t in ax.texts if (t.get_gid() or "").startswith("score_label:")}
    fast = FastFigure(fig, animated=[*bars.values(), *labels.values()])
    view = View(
        title="Value perception: live, online, offline",
        question="set every customer weight to 0 except <i>Perceived product value</i>: which model wins now? "
                 "Which weights must a customer hold for live marketing to lose to online shopping?",
        controls=[widgets.HBox(columns)],
        figure=fast,
    )
    view.weights, view.bars, view.labels = sliders, bars, labels

    def update(change=None) -> None:
        scores = canvas.value_scores({d: s.value for d, s in sliders.items()})
        for (side, model), bar in bars.items():
            value = float(scores.at[model, side])
            bar.set_width(value)
            labels[side, model].set_x(value + 0.1)
            labels[side, model].set_text(f"{value:.1f}")
        parts = []
        for side in ("customer", "seller"):
            col = scores[side].sort_values(ascending=False)
            leader = col.index[0]
            tie = " (a tie)" if abs(col.iloc[0] - col.iloc[1]) < 0.05 else ""
            numbers = ", ".join(f"{m} {scores.at[m, side]:.1f}" for m in canvas.MODELS)
            parts.append(f"<b>{side.capitalize()}s:</b> {numbers}: <b>{canvas.MODEL_NAMES[leader]}</b> leads{tie}.")
        view.readout.value = "<br>".join(parts) + (
            "<br><span style='color:#555'>Ratings are the kit's illustrative reading of the paper's claims "
            "(data/value_ratings.csv), not measurements.</span>")
        view.redraw()

    view.watch(list(sliders.values()), update)
    view.run(update)
    return view


# --- 3. canvas to numbers ------------------------------------------------------------------------

_TOKEN = "−8,888"  # as wide as any amount shown; fitted once, replaced on every move


def _amount(value: float) -> str:
    return f"{value:+,.0f}".replace("-", "−")


def explore_canvas_money(**amounts: float) -> View:
    """Revenue streams and costs on sliders: revenue, cost and profit, block by block.

    Parameters
    ----------
    **amounts : float
        Starting amounts in thousand CNY per month, as for :func:`livekit.canvas.canvas_money`
        (``purchases, sponsorship, product, broadcast, packaging, logistics, wages``).

    Returns
    -------
    View
        ``view.amounts`` maps each item to its slider, ``view.bars`` each item (and
        ``revenue``, ``cost``, ``profit``) to its bar, ``view.block_texts`` each block to the
        amount text drawn in it.
    """
    items = canvas.money_items()
    info = canvas.blocks()
    start = canvas.canvas_money(**amounts)["amount"]
    sliders = {i: slider(items.at[i, "label"], float(start[i]), float(items.at[i, "low"]), float(items.at[i, "high"]),
                         float(items.at[i, "step"]), fmt=".0f", width="380px") for i in items.index}
    revenue_items = [i for i in items.index if items.at[i, "kind"] == "revenue"]
    cost_items = [i for i in items.index if items.at[i, "kind"] == "cost"]

    templates: dict[str, list[str]] = {}  # block -> the items (or totals) whose amounts it shows
    for item in items.index:
        templates.setdefault(items.at[item, "source_block"], []).append(item)
    templates["revenue_streams"] = ["revenue"]
    templates["cost_structure"] = ["cost"]
    templates["value_proposition"] = ["profit"]
    names = {**items["label"].to_dict(), "revenue": "Revenue (all streams)", "cost": "Cost (all five)",
             "profit": "Profit = revenue − cost"}
    notes = {b: "No money item of its own in this model." for b in canvas.BLOCKS if b not in templates}
    notes["channels"] = "Carries the purchases to the shop; no money item of its own."
    contents = {b: "\n".join(f"{names[k]}\n{_TOKEN}" for k in keys) for b, keys in templates.items()}
    contents.update(notes)

    fig = new_figure(10.5, 5.0)
    with kit_style():
        ax = fig.add_axes((0.005, 0.08, 0.58, 0.86))
        art = _build_canvas(ax, contents, fontsize=10.0, title="Where the money comes from (thousand CNY per month)")
        bar_ax = fig.add_axes((0.755, 0.15, 0.235, 0.77))
        highs = items["high"]
        plot_money(canvas.canvas_money(**start.to_dict()), ax=bar_ax,
                   xlim=(-float(highs[cost_items].sum()) * 1.02, float(highs[revenue_items].sum()) * 1.02))
        bar_ax.set_xlabel("thousand CNY per month")
        # In the view the module is written in each label instead of hatched on the moving bars:
        # hatching ten bars on every move costs about 3 ms of the 30 ms budget.
        modules = [info.at[items.at[i, "source_block"], "module"] for i in items.index]
        bar_ax.set_yticks(bar_ax.get_yticks(), [f"{i} [{m}]" for i, m in zip(items.index, modules)]
                          + ["REVENUE [capture]", "COST [capture]", "PROFIT [capture]"])
        for patch in bar_ax.patches:
            patch.set_hatch(None)
    # Split each fitted text: the labels stay in the static background, and the amounts go into
    # a second text with blank lines in place of the labels, so they land on the token lines.
    # Only the short amounts are repainted on a move.
    amount_texts = {}
    for b in templates:
        body = art.bodies[b]
        lines = body.get_text().split("\n")
        body.set_text("\n".join("" if line == _TOKEN else line for line in lines))
        x, y = body.get_position()
        amount_texts[b] = ax.text(x, y, "\n".join(_TOKEN if line == _TOKEN else "" for line in lines),
                                  ha="left", va="top", fontsize=body.get_fontsize(),
                                  zorder=3, gid=f"amount:{b}")
    fitted = {b: t.get_text() for b, t in amount_texts.items()}
    bars = {p.get_gid().split(":", 1)[1]: p for p in bar_ax.patches if (p.get_gid() or "").startswith("money:")}
    fast = FastFigure(fig, animated=[*amount_texts.values(), *bars.values()])
    view = View(
        title="Canvas to numbers",
        question="raise <i>Wages</i> and <i>Live broadcast cost</i>: which blocks on the cost chain change? "
                 "How much must customer purchases grow to pay for a 50% rise in wages?",
        controls=[widgets.HBox([widgets.VBox([widgets.HTML("<b>Revenue streams</b>"),
                                              *[sliders[i] for i in revenue_items]]),
                                widgets.VBox([widgets.HTML("<b>Costs</b>"), *[sliders[i] for i in cost_items]])])],
        figure=fast,
    )
    view.amounts, view.bars, view.block_texts = sliders, bars, amount_texts

    def update(change=None) -> None:
        money = canvas.canvas_money(**{i: s.value for i, s in sliders.items()})
        summary = canvas.money_summary(money)
        values = {**money["signed"].to_dict(), "revenue": summary["revenue"], "cost": -summary["cost"],
                  "profit": summary["profit"]}
        for key, bar in bars.items():
            bar.set_width(values[key])
        for block, keys in templates.items():
            text = fitted[block]
            for key in keys:
                text = text.replace(_TOKEN, _amount(values[key]), 1)
            amount_texts[block].set_text(text)
        verdict = "a profit" if summary["profit"] > 0 else ("break-even" if summary["profit"] == 0 else "a loss")
        view.readout.value = (
            f"Revenue <b>{summary['revenue']:,.0f}</b> − cost <b>{summary['cost']:,.0f}</b> = "
            f"<b>profit {_amount(summary['profit'])}</b> thousand CNY per month ({verdict}"
            + (f", margin {summary['margin']:.1%}" if summary["revenue"] > 0 else "") + "). "
            "<span style='color:#555'>Items: Li (2021), nine elements (8)-(9); amounts and block links: kit assumptions.</span>"
        )
        view.redraw()

    view.watch(list(sliders.values()), update)
    view.run(update)
    return view


# --- 4. your own canvas ----------------------------------------------------------------------------

#: The worksheet form's checkbox; error messages name it.
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
        ``view.texts`` maps each block to its Textarea; ``view.path`` (Text), ``view.overwrite``
        (Checkbox), ``view.save_button``, ``view.load_button``. Status messages go to
        ``view.readout``, errors to ``view.error`` (both HTML widgets). A failed load leaves the
        typed text untouched.
    """
    if not isinstance(path, (str, PathLike)):
        raise TypeError(f"path must be a file name (str or path), got {type(path).__name__} {path!r}")
    info = canvas.blocks()
    texts = {b: widgets.Textarea(value="", placeholder=str(info.at[b, "definition"]), continuous_update=False,
                                 layout=widgets.Layout(width="98%", height="70px")) for b in canvas.BLOCKS}
    cells = [widgets.VBox([widgets.HTML(f"<b>{_esc(info.at[b, 'name'])}</b>"), texts[b]]) for b in canvas.BLOCKS]
    grid = widgets.GridBox(cells, layout=widgets.Layout(grid_template_columns="repeat(3, 1fr)", width="100%"))
    path_w = widgets.Text(value=str(path), description="File", placeholder="my_canvas.json or .csv",
                          layout=widgets.Layout(width="360px"))
    overwrite_w = widgets.Checkbox(value=False, description=_REPLACE, indent=False)
    save_b = widgets.Button(description="Save", icon="save", button_style="primary")
    load_b = widgets.Button(description="Load", icon="folder-open")

    fig = new_figure(9.0, 6.0)
    with kit_style():
        ax = fig.add_axes((0.01, 0.07, 0.98, 0.92))
        art = _build_canvas(ax, {})
    renderer = fig.canvas.get_renderer()
    fast = FastFigure(fig)
    view = View(
        title="Your own canvas",
        question="type a business you know into the nine boxes (click outside a box to redraw), then save it "
                 "under a file name of your own. Which block did you find hardest to fill?",
        controls=[grid, widgets.HBox([path_w, overwrite_w, save_b, load_b])],
        figure=fast,
    )
    view.texts, view.path, view.overwrite, view.save_button, view.load_button = texts, path_w, overwrite_w, save_b, load_b
    view.artists = art
    state = {"quiet": False}

    def sheet() -> dict[str, str]:
        return check_worksheet({b: t.value for b, t in texts.items()})

    def draw(change=None) -> None:
        if state["quiet"]:
            return
        current = sheet()
        with kit_style():
            for b in canvas.BLOCKS:
                fit_text(art.bodies[b], current[b], *art.body_box(b), renderer=renderer)
        fast.invalidate()
        view.redraw()

    def save(button=None) -> None:
        view.readout.value = ""  # a failed save must not leave an earlier "Saved" standing
        target = path_w.value.strip()
        try:
            written = save_worksheet(sheet(), target, overwrite=overwrite_w.value)
        except WorksheetExistsError as exc:
            raise ValueError(f"{exc.path}: the file already exists; choose another name, or tick "
                             f"\u201c{_REPLACE}\u201d to replace it") from None
        except OSError as exc:
            raise ValueError(f"{target}: could not write the file ({exc.strerror or exc})") from None
        view.readout.value = f"Saved your canvas to <code>{_esc(written)}</code>."

    def load(button=None) -> None:
        view.readout.value = ""
        target = path_w.value.strip()
        try:
            loaded = load_worksheet(target)  # raises before any box changes
        except OSError as exc:
            raise ValueError(f"{target}: could not read the file ({exc.strerror or exc})") from None
        state["quiet"] = True
        try:
            for b, value in loaded.items():
                texts[b].value = value
        finally:
            state["quiet"] = False
        draw()
        view.readout.value = f"Loaded <code>{_esc(target)}</code>."

    view.watch(list(texts.values()), draw)
    save_b.on_click(lambda b: view.run(save))
    load_b.on_click(lambda b: view.run(load))
    view.run(draw)
    return view
