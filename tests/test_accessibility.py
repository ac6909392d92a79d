"""Accessibility and print: readable text, colour-blind- and greyscale-safe colours, saving figures.

Covers every figure the package draws that can be reached without a notebook:

* every ``explore_*`` view in ``livekit/*_views.py`` (and the demo view of notebook 00), built
  with its defaults;
* every ``plot_*`` / ``draw_*`` function in ``livekit/*_plots.py``, called with its defaults, or
  with a small fixture from :data:`FIXTURES`, or with arguments found by name (a zero-argument
  function of the topic's logic module, or a kit table, named like the parameter). ``draw_*``
  helpers that draw into a given Axes are covered through their ``plot_*`` sibling.

New modules and functions are picked up automatically when they land; one whose arguments
cannot be found fails, naming the fixture to add (a new figure is never left unchecked).
"""

from __future__ import annotations

import importlib
import inspect
import io
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

from livekit import seller_data, style, vocab
from livekit.style import MIN_FONT_PT, kit_style, new_figure
from livekit.views import FastFigure, View, slider

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "livekit"


def _module(path: Path):
    return importlib.import_module(f"livekit.{path.stem}")


def _public(module, prefixes):
    names = getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")])
    return [n for n in names if n.startswith(prefixes) and callable(getattr(module, n, None))]


VIEW_MODULES = sorted(PACKAGE.glob("*_views.py"))
PLOT_MODULES = sorted(PACKAGE.glob("*_plots.py"))
VIEWS = [(p.stem, name) for p in VIEW_MODULES for name in _public(_module(p), ("explore_",))]


def _covered_by_sibling(module, name: str) -> bool:
    """A ``draw_x(ax, ...)`` needing an Axes, with a ``plot_x`` calling it, is tested by that."""
    if not name.startswith("draw_"):
        return False
    params = list(inspect.signature(getattr(module, name)).parameters.values())
    needs_ax = bool(params) and params[0].name == "ax" and params[0].default is params[0].empty
    return needs_ax and hasattr(module, "plot_" + name.removeprefix("draw_"))


PLOTS = [
    (p.stem, name)
    for p in PLOT_MODULES
    for name in _public(_module(p), ("plot_", "draw_"))
    if not _covered_by_sibling(_module(p), name)
]


def _fixtures():
    """Arguments for plot functions that need data: small, from the kit's own tables."""
    fixtures = {}
    try:
        from livekit import canvas

        fixtures["plot_value_scores"] = lambda: ((canvas.value_scores(),), {})
        fixtures["plot_money"] = lambda: ((canvas.canvas_money(),), {})
    except ImportError:
        pass
    try:
        from livekit import path

        fixtures["plot_funnel"] = lambda: ((path.simulate(),), {})
        fixtures["plot_waterfall"] = lambda: ((path.simulate(),), {})
        fixtures["plot_buyer_mix"] = lambda: ((0.4,), {})
        fixtures["plot_integration"] = lambda: (
            (path.delivery_parameters(pickup_offline=True, pay_on_delivery=True),),
            {},
        )
        fixtures["plot_broadcast_length"] = lambda: (
            (path.broadcast_length_curve(np.linspace(0.5, 8, 16)),),
            {},
        )
        prices = np.linspace(49, 199, 16)
        fixtures["plot_profit_by_price"] = lambda: (
            (
                path.profit_by_price(prices, differentiation=0.0),
                path.profit_by_price(prices, differentiation=0.6),
            ),
            {},
        )
    except ImportError:
        pass
    try:
        from livekit import modes

        # three modes, one clashing pair among them: every row of the chart has something to show
        fixtures["plot_combination"] = lambda: (
            (modes.combine("goodwill", ["celebrity", "rare", "altruistic"]),),
            {},
        )
    except ImportError:
        pass
    try:
        from livekit import sellers

        def _scored():
            scored = sellers.score_sellers(seller_data.load_sellers())
            return scored, sellers.classify(scored)

        fixtures["plot_evaluation_map"] = lambda: (_scored(), {"labels": ["Fruit farmer"]})
        fixtures["plot_class_counts"] = lambda: (
            (
                sellers.classify(
                    sellers.score_sellers(seller_data.load_sellers()), model="quadrant"
                ),
            ),
            {},
        )
        fixtures["plot_next_move"] = lambda: (
            ({"seller": "Fruit farmer", "influence": 30.0, "attractiveness": 40.0},),
            {},
        )
        from livekit import cases

        fixtures["plot_anchor_map"] = lambda: (
            (cases.classify_anchors(),),
            dict(zip(("reference", "reference_classes"), _scored())),
        )
    except ImportError:
        pass
    return fixtures


FIXTURES = _fixtures()


def _arguments_by_name(module_name: str, func) -> tuple[tuple, dict] | None:
    """Find data for required parameters by their names; None if some cannot be found."""
    from livekit.data import load
    from livekit.schemas import SCHEMAS

    topic = module_name.removesuffix("_plots")
    try:
        logic = importlib.import_module(f"livekit.{topic}")
    except ImportError:
        logic = None
    args = []
    for param in inspect.signature(func).parameters.values():
        if param.default is not param.empty or param.kind in (
            param.VAR_POSITIONAL,
            param.VAR_KEYWORD,
        ):
            continue
        if param.kind is param.KEYWORD_ONLY:
            return None
        provider = getattr(logic, param.name, None) if logic else None
        if callable(provider) and not any(
            p.default is p.empty
            for p in inspect.signature(provider).parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ):
            args.append(provider())
        elif param.name in SCHEMAS:
            args.append(load(param.name))
        else:
            return None
    return tuple(args), {}


def _figure_of(result) -> Figure | None:
    if isinstance(result, Figure):
        return result
    if hasattr(result, "figure") and isinstance(result.figure, Figure):
        return result.figure
    if isinstance(result, (list, tuple, np.ndarray)):
        for item in np.ravel(np.asarray(result, dtype=object)):
            found = _figure_of(item)
            if found is not None:
                return found
    return None


def _small_texts(fig: Figure) -> list[tuple[str, float]]:
    """Visible, non-empty texts below the kit's minimum size (in points at the figure's size)."""
    fig.canvas.draw()
    small = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        if text.get_fontsize() < MIN_FONT_PT - 1e-9:
            small.append((text.get_text()[:40], round(float(text.get_fontsize()), 2)))
    return small


def _luminance(color) -> float:
    r, g, b, _ = to_rgba(color)

    def lin(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


MEANING_COLORS = {
    **{to_rgba(c)[:3]: f"module {m}" for m, c in style.MODULE_COLORS.items()},
    **{to_rgba(c)[:3]: f"module {m}" for m, c in style.MODULE_TINTS.items()},
    **{to_rgba(c)[:3]: f"class {k}" for k, c in style.CLASS_COLORS.items()},
}


def _greyscale_clashes(fig: Figure) -> list[str]:
    """Pairs of meanings (a module, a seller class) that greyscale cannot tell apart in one Axes.

    Within each Axes, the visible areas filled with one of the kit's meaning colours (a module's
    colour or tint, a class colour) are grouped by meaning. Two meanings clash when some of
    their colours are within 0.05 in luminance (the same grey), they use exactly the same
    hatches, and the Axes' own text (tick labels, annotations; not the legend, whose swatches
    are colour too) does not name both: nothing but hue tells them apart.
    """
    clashes = []
    fig.canvas.draw()
    for ax in fig.axes:
        legend_texts = set(ax.get_legend().get_texts()) if ax.get_legend() else set()
        labels = " ".join(
            t.get_text().lower()
            for t in ax.findobj(Text)
            if t.get_visible() and t not in legend_texts
        )
        groups: dict[str, dict[str, set]] = {}
        for patch in ax.patches + [c for c in ax.collections if hasattr(c, "get_facecolor")]:
            if not patch.get_visible() or (
                patch.get_alpha() is not None and patch.get_alpha() == 0
            ):
                continue
            faces = np.atleast_2d(patch.get_facecolor())
            if faces.size == 0 or faces[0][3] == 0:
                continue
            key = tuple(faces[0][:3])
            match = next((k for k in MEANING_COLORS if np.allclose(k, key, atol=0.004)), None)
            if match is not None:
                group = groups.setdefault(MEANING_COLORS[match], {"grey": set(), "hatch": set()})
                group["grey"].add(round(_luminance(match), 3))
                group["hatch"].add(patch.get_hatch() or "")
        names = sorted(groups)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                close = any(abs(x - y) < 0.05 for x in groups[a]["grey"] for y in groups[b]["grey"])
                named = all(name.split(" ", 1)[1] in labels for name in (a, b))
                if close and groups[a]["hatch"] == groups[b]["hatch"] and not named:
                    clashes.append(f"{a} and {b} share a hatch and a grey")
    return clashes


# ------------------------------------------------------------------------- every view


@pytest.mark.parametrize("module_name,func_name", VIEWS, ids=[f"{m}.{f}" for m, f in VIEWS])
def test_view_figure_text_is_at_least_9pt_and_greyscale_safe(module_name, func_name):
    view = getattr(importlib.import_module(f"livekit.{module_name}"), func_name)()
    assert isinstance(view, View)
    if view.fast is None:
        pytest.skip(f"{func_name} shows no figure")
    assert view.image.value, "the view rendered no picture"
    assert _small_texts(view.fast.fig) == []
    assert _greyscale_clashes(view.fast.fig) == []
    # every figure view can be saved for slides, from a button
    assert view.save_row.button.description == "Save figure" and not view.save_row.overwrite.value


# ------------------------------------------------------------------------- every plot function


def _call_plot(module_name: str, func_name: str):
    func = getattr(importlib.import_module(f"livekit.{module_name}"), func_name)
    params = inspect.signature(func).parameters
    if func_name in FIXTURES:
        args, kwargs = FIXTURES[func_name]()
    else:
        found = _arguments_by_name(module_name, func)
        if found is None:
            required = [
                p
                for p in params.values()
                if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            ]
            pytest.fail(
                f"no arguments known for livekit.{module_name}.{func_name}"
                f"({', '.join(p.name for p in required)}): "
                "add a fixture to FIXTURES in tests/test_accessibility.py"
            )
        args, kwargs = found
    return func(*args, **kwargs)


@pytest.mark.parametrize("module_name,func_name", PLOTS, ids=[f"{m}.{f}" for m, f in PLOTS])
def test_plot_text_is_at_least_9pt_and_greyscale_safe(module_name, func_name):
    fig = _figure_of(_call_plot(module_name, func_name))
    assert fig is not None, f"{func_name} returned nothing holding a figure"
    assert _small_texts(fig) == []
    assert _greyscale_clashes(fig) == []


# ------------------------------------------------------------------------- the checks can fail


def test_small_text_and_greyscale_clash_are_caught():
    fig = new_figure(4, 3)
    with kit_style():
        ax = fig.add_subplot()
        ax.set_title("fine")
        ax.text(0.5, 0.5, "too small", fontsize=7)
        ax.bar([0], [1], color=style.MODULE_COLORS["proposition"], hatch="//")
        ax.bar([1], [1], color=style.MODULE_COLORS["proposition"], hatch="//")
    assert _small_texts(fig) == [("too small", 7.0)]
    # two meaning colours with the same grey and the same hatch
    a, b = "#777777", "#7C7C7C"
    MEANING_COLORS[to_rgba(a)[:3]], MEANING_COLORS[to_rgba(b)[:3]] = "grey alpha", "grey beta"
    ax.patches[0].set_visible(False)
    ax.patches[1].set_visible(False)
    try:
        ax.bar([2], [1], color=a)
        ax.bar([3], [1], color=b)
        assert _greyscale_clashes(fig) == ["grey alpha and grey beta share a hatch and a grey"]
        ax.patches[-1].set_hatch("xx")  # a hatch tells them apart
        assert _greyscale_clashes(fig) == []
        ax.patches[-1].set_hatch("")
        ax.set_xticks([2, 3], ["alpha", "beta"])  # so do labels naming them
        assert _greyscale_clashes(fig) == []
    finally:
        del MEANING_COLORS[to_rgba(a)[:3]], MEANING_COLORS[to_rgba(b)[:3]]


def test_the_discovery_found_the_kit_s_figures():
    assert ("setup_views", "explore_demo") in VIEWS
    assert len(VIEWS) >= 1 + len(VIEW_MODULES)  # every views module offers at least one view
    for path in PLOT_MODULES:
        assert any(m == path.stem for m, _ in PLOTS), f"{path.name} has no plot_/draw_ function"


# ------------------------------------------------------------------------- the palette


def test_palette_is_okabe_ito_and_classes_go_light_to_dark():
    okabe = {c.upper() for c in style.OKABE_ITO.values()}
    assert {c.upper() for c in style.MODULE_COLORS.values()} <= okabe
    grey = [_luminance(style.CLASS_COLORS[k]) for k in vocab.SELLER_CLASSES]
    assert grey == sorted(grey, reverse=True), "seller classes must darken from low-level to super"
    assert min(a - b for a, b in zip(grey, grey[1:])) > 0.05


@pytest.mark.parametrize(
    "hatches,keys",
    [(style.MODULE_HATCHES, vocab.MODULES), (style.CLASS_HATCHES, vocab.SELLER_CLASSES)],
)
def test_every_category_has_its_own_hatch(hatches, keys):
    assert set(hatches) == set(keys)
    assert len(set(hatches.values())) == len(keys)


def test_kit_style_text_is_at_least_9pt():
    with kit_style():
        sizes = [
            matplotlib.rcParams[k]
            for k in (
                "font.size",
                "axes.titlesize",
                "axes.labelsize",
                "xtick.labelsize",
                "ytick.labelsize",
                "legend.fontsize",
            )
        ]
        fig = new_figure(4, 3)
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], label="line")
        ax.legend()
        ax.set_title("t")
        ax.set_xlabel("x")
    assert all(
        matplotlib.font_manager.FontProperties(size=s).get_size_in_points() >= MIN_FONT_PT
        for s in sizes
    )
    assert _small_texts(fig) == []


# ------------------------------------------------------------------------- the Save figure control


def _dot_view(title="Seller map: 2021"):
    fig = new_figure(4, 3)
    with kit_style():
        ax = fig.add_subplot()
        (dot,) = ax.plot([0.5], [0.5], "o")
    view = View(
        title=title,
        question="q",
        controls={"x": slider("x", 0.5, 0, 1, 0.1)},
        figure=FastFigure(fig, [dot]),
    )
    view.redraw()
    return view


def test_save_button_writes_png_and_svg_and_never_overwrites_unasked(tmp_path):
    view = _dot_view()
    assert view.save_row.name.value == "exports/seller_map_2021"
    view.save_row.name.value = str(tmp_path / "slides" / "map")
    view.save_row.button.click()
    png, svg = tmp_path / "slides" / "map.png", tmp_path / "slides" / "map.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in svg.read_bytes()
    assert (
        "Saved" in view.save_row.status.value
        and "map.png" in view.save_row.status.value
        and "map.svg" in view.save_row.status.value
    )
    from PIL import Image

    assert (
        Image.open(io.BytesIO(png.read_bytes())).size[0] > 400
    )  # 200 dpi: large enough for slides

    png.write_bytes(b"instructor's edited file")
    view.save_row.button.click()
    assert png.read_bytes() == b"instructor's edited file"
    assert (
        "Not saved" in view.save_row.status.value
        and "replace existing files" in view.save_row.status.value
    )

    view.save_row.overwrite.value = True
    view.save_row.button.click()
    assert png.read_bytes()[:4] == b"\x89PNG" and "Saved" in view.save_row.status.value


def test_save_control_reports_a_missing_or_impossible_name(tmp_path):
    view = _dot_view()
    view.save_row.name.value = "  "
    assert view.save_row.save() == [] and "Type a file name" in view.save_row.status.value
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    view.save_row.name.value = str(blocker / "inside" / "fig")  # a folder that cannot be created
    assert view.save_row.save() == []
    assert "Not saved" in view.save_row.status.value


def test_save_control_is_an_addition_only():
    view = _dot_view("dot")
    assert repr(view) == "<livekit view: dot>"
    assert view.children[:6] == (
        view.heading,
        view.question,
        view.control_box,
        view.error,
        view.image,
        view.readout,
    )
    assert "livekit-view" in view._dom_classes
    plain = View(title="table only", question="q")
    assert len(plain.children) == 6 and plain.save_row is None
    assert repr(plain) == "<livekit view: table only>"


# ------------------------------------------------------------------------- contrast (WCAG 1.4.3/11)

#: WCAG 2.1: text at least 4.5:1 against its background (3:1 when large: 18 pt, or 14 pt bold);
#: lines, markers and shapes that carry meaning at least 3:1 against what is next to them.
TEXT_CONTRAST, LARGE_TEXT_CONTRAST, GRAPHICS_CONTRAST = 4.5, 3.0, 3.0


def _over(color, background) -> tuple[float, float, float]:
    """``color`` (with its alpha) painted over an opaque ``background``: an RGB triple."""
    r, g, b, a = to_rgba(color)
    br, bg, bb = to_rgba(background)[:3]
    return (r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a))


def contrast(a, b) -> float:
    """The WCAG contrast ratio of two colours (1 to 21), from their relative luminance."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _background(fig: Figure, artist, xy) -> tuple[float, float, float]:
    """The colour under display point ``xy`` below ``artist``: figure, axes, then the patches
    (bars, blocks, regions, text boxes) that contain the point, composited in drawing order."""
    colour = _over(fig.get_facecolor(), "white")
    ax = artist.axes
    if ax is None or not ax.get_window_extent().contains(*xy):
        return colour
    colour = _over(ax.get_facecolor(), colour) if ax.patch.get_visible() else colour
    under = [
        p
        for p in ax.patches
        if p.get_visible()
        and p.get_fill()
        and p.get_zorder() <= artist.get_zorder()
        and p is not artist
        and p.contains_point(xy)
    ]
    for patch in sorted(under, key=lambda p: p.get_zorder()):
        face = patch.get_facecolor()
        if face[3] > 0:
            colour = _over(face, colour)
    return colour


def _large(text: Text) -> bool:
    bold = text.get_fontweight() in ("bold", "heavy", "black", 700, 800, 900)
    return text.get_fontsize() >= 18 or (bold and text.get_fontsize() >= 14)


def _low_contrast(fig: Figure) -> list[str]:
    """Text below 4.5:1 (3:1 large) and meaningful lines, markers and shapes below 3:1."""
    fig.canvas.draw()
    problems = _text_problems(fig)
    for ax in fig.axes:
        ground = _over(ax.get_facecolor(), _over(fig.get_facecolor(), "white"))
        problems += _line_problems(ax, ground) + _shape_problems(ax, ground)
    return sorted(set(problems))


def _text_problems(fig: Figure) -> list[str]:
    renderer = fig.canvas.get_renderer()
    problems = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip() or text.get_alpha() == 0:
            continue
        box = text.get_window_extent(renderer)
        ground = _background(fig, text, ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))
        patch = text.get_bbox_patch()
        if patch is not None and patch.get_visible() and patch.get_facecolor()[3] > 0:
            ground = _over(patch.get_facecolor(), ground)
        ratio = contrast(_over(text.get_color(), ground), ground)
        need = LARGE_TEXT_CONTRAST if _large(text) else TEXT_CONTRAST
        if ratio < need - 1e-9:
            problems.append(f"text {text.get_text()[:30]!r}: {ratio:.2f}:1")
    return problems


def _line_problems(ax, ground) -> list[str]:
    problems = []
    for line in ax.get_lines():
        if not line.get_visible() or len(line.get_xdata()) == 0:
            continue
        drawn = line.get_linestyle() not in ("None", "none", "", " ") and line.get_linewidth()
        if drawn and contrast(_over(line.get_color(), ground), ground) < GRAPHICS_CONTRAST:
            problems.append(f"line {line.get_label()!r} {to_hex(line.get_color())}")
        if line.get_marker() not in (None, "None", "none", "", " "):
            inks = [line.get_markeredgecolor(), line.get_markerfacecolor()]
            best = max(contrast(_over(c, ground), ground) for c in inks if c != "none")
            if best < GRAPHICS_CONTRAST:
                problems.append(f"marker {line.get_label()!r} {to_hex(line.get_color())}")
    return problems


def _shape_problems(ax, ground) -> list[str]:
    problems = []
    for patch in ax.patches:
        if not patch.get_visible() or (patch.get_alpha() is not None and patch.get_alpha() < 0.5):
            continue  # translucent shading: a background, its bounds drawn by lines
        face = patch.get_facecolor() if patch.get_fill() else (0, 0, 0, 0)
        edge = patch.get_edgecolor() if patch.get_linewidth() > 0 else (0, 0, 0, 0)
        inks = [c for c in (face, edge) if c[3] > 0]
        if not inks:
            continue
        best = max(contrast(_over(c, ground), ground) for c in inks)
        if best < GRAPHICS_CONTRAST:
            problems.append(f"shape {patch.get_gid() or type(patch).__name__}: {best:.2f}:1")
    return problems


def test_contrast_ratio_is_the_wcag_one():
    assert contrast("black", "white") == pytest.approx(21.0)
    assert contrast("white", "white") == pytest.approx(1.0)
    assert contrast("#777777", "white") == pytest.approx(4.48, abs=0.01)  # the classic fail
    assert contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)  # the classic pass
    assert contrast("#0072B2", "white") == pytest.approx(5.18, abs=0.02)


def test_palette_contrast():
    white = "white"
    for name, tint in style.MODULE_TINTS.items():  # backgrounds of blocks with dark text
        assert contrast("black", tint) >= TEXT_CONTRAST, name
    for name, ink in style.MODULE_INKS.items():  # lines, markers and text in a module's colour
        assert contrast(ink, white) >= TEXT_CONTRAST, name
    for name, ink in style.TEXT_COLORS.items():
        assert contrast(ink, white) >= TEXT_CONTRAST, name
    # a fill without an edge of its own is not allowed to carry meaning below 3:1: the kit's
    # fills that are lighter always get a dark edge (checked figure by figure below)
    for role in ("edge", "leader", "outline"):
        assert contrast(style.LINE_COLORS[role], white) >= GRAPHICS_CONTRAST, role


@pytest.mark.parametrize("module_name,func_name", VIEWS, ids=[f"{m}.{f}" for m, f in VIEWS])
def test_view_figure_contrast(module_name, func_name):
    view = getattr(importlib.import_module(f"livekit.{module_name}"), func_name)()
    if view.fast is None:
        pytest.skip(f"{func_name} shows no figure")
    assert _low_contrast(view.fast.fig) == []


@pytest.mark.parametrize("module_name,func_name", PLOTS, ids=[f"{m}.{f}" for m, f in PLOTS])
def test_plot_contrast(module_name, func_name):
    fig = _figure_of(_call_plot(module_name, func_name))
    assert _low_contrast(fig) == []


def test_contrast_check_can_fail():
    fig = new_figure(4, 3)
    with kit_style():
        ax = fig.add_subplot()
        ax.text(0.1, 0.9, "pale", color="#AAAAAA")
        ax.bar([0.5], [0.5], width=0.4, color="#0072B2", edgecolor="none")
        ax.text(0.5, 0.25, "dark on blue", color="black", ha="center")
        ax.plot([0, 1], [0.1, 0.1], color=style.OKABE_ITO["yellow"], label="yellow line")
        ax.bar([0.9], [0.2], width=0.1, color=style.OKABE_ITO["yellow"], edgecolor="none")
    problems = _low_contrast(fig)
    assert any(p.startswith("text 'pale'") for p in problems)
    assert any(p.startswith("text 'dark on blue'") for p in problems)  # 4.1:1 on the bar
    assert any(p.startswith("line 'yellow line'") for p in problems)
    assert any(p.startswith("shape Rectangle") for p in problems)
    assert len(problems) == 4


def _html_text_colours(paths) -> dict[str, list[str]]:
    """Inline text colours (``color:#...``) written into HTML by these modules, by file."""
    found: dict[str, set] = {}
    for path in paths:
        for colour in re.findall(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{3,6})\b", path.read_text()):
            found.setdefault(colour.upper(), set()).add(path.name)
    return {c: sorted(files) for c, files in found.items()}


def _low_html_colours(paths) -> dict[str, list[str]]:
    colours = _html_text_colours(paths)
    return {c: files for c, files in colours.items() if contrast(c, "white") < TEXT_CONTRAST}


def test_html_text_contrast():
    """Readouts, badges, messages and hand-in pages: their inline colours against white (the
    colours named in style.TEXT_COLORS are checked in test_palette_contrast)."""
    assert _low_html_colours(PACKAGE.glob("*.py")) == {}


def test_html_colour_check_can_fail(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("html = \"<span style='color:#D55E00'>x</span><b style='color: #222'>y</b>\"")
    assert _low_html_colours([page]) == {"#D55E00": ["page.py"]}


def test_a_plot_function_without_known_arguments_fails_naming_the_fixture(monkeypatch):
    from livekit import path_plots

    def plot_mystery(mystery_table, *, ax=None):  # no fixture and no table of that name
        raise AssertionError("never called")

    monkeypatch.setattr(path_plots, "plot_mystery", plot_mystery, raising=False)
    with pytest.raises(pytest.fail.Exception, match="add a fixture to FIXTURES"):
        _call_plot("path_plots", "plot_mystery")
