"""Figures a student reads right: no text cut off by the figure's edge, no two labels on top of
each other (issue 18).

Every ``plot_*`` figure and every view's figure that ``tests/test_accessibility.py`` builds (its
fixtures are reused here) is drawn once while recording each text actually painted (animated
texts included); then every text's box must lie inside the figure (and inside its clip box, if
clipped), and no two texts' boxes may overlap. A label drawn twice at one place (a highlighted
badge painted over its plain one) counts once.
"""

from __future__ import annotations

import importlib
import itertools

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from test_accessibility import PLOTS, VIEWS, _call_plot, _figure_of

from livekit.style import kit_style, new_figure

#: Pixels two boxes may share before they count as overlapping (anti-aliasing, rounding).
SLACK = 1.0


def _drawn_texts(draw) -> list[Text]:
    """Every non-empty text painted while ``draw()`` runs, each once, in drawing order."""
    seen: dict[int, Text] = {}
    original = Text.draw

    def recording(self, renderer):
        if self.get_visible() and self.get_text().strip():
            seen.setdefault(id(self), self)
        return original(self, renderer)

    Text.draw = recording
    try:
        draw()
    finally:
        Text.draw = original
    return list(seen.values())


def _inside(inner, outer, slack: float = SLACK) -> bool:
    return (
        inner.x0 >= outer.x0 - slack
        and inner.x1 <= outer.x1 + slack
        and inner.y0 >= outer.y0 - slack
        and inner.y1 <= outer.y1 + slack
    )


def _overlap(a, b) -> bool:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width > SLACK and height > SLACK


def _repaint(a: Text, box_a, b: Text, box_b) -> bool:
    """The same words painted twice at one place (e.g. a highlighted badge over its plain one)."""
    centre = ((box_a.x0 + box_a.x1) / 2 - (box_b.x0 + box_b.x1) / 2) ** 2 + (
        (box_a.y0 + box_a.y1) / 2 - (box_b.y0 + box_b.y1) / 2
    ) ** 2
    return a.get_text() == b.get_text() and centre <= 4.0


def text_problems(fig: Figure, texts: list[Text], *, tight: bool = False) -> list[str]:
    """Texts cut off by the figure or their clip box, and pairs of texts that overlap.

    With ``tight``, the figure is shown as a notebook shows a pyplot figure (inline, with
    ``bbox_inches="tight"``): grown to hold everything drawn, so only clip boxes can cut text.
    A view's figure is shown as it is, edge for edge.
    """
    renderer = fig.canvas.get_renderer()
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    shown = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans) if tight else fig.bbox
    problems = []
    for text, box in boxes:
        name = repr(text.get_text()[:40])
        if not _inside(box, shown):
            problems.append(f"{name} is cut off by the figure's edge")
        clip = text.get_clip_box() if text.get_clip_on() else None
        if clip is not None and not _inside(box, clip):
            problems.append(f"{name} is clipped by its axes")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if _overlap(box_a, box_b) and not _repaint(a, box_a, b, box_b):
            problems.append(f"{a.get_text()[:30]!r} overlaps {b.get_text()[:30]!r}")
    return problems


def _plot_texts(module_name: str, func_name: str) -> tuple[Figure, list[Text]]:
    fig = _figure_of(_call_plot(module_name, func_name))
    assert fig is not None, f"{func_name} returned nothing holding a figure"
    return fig, _drawn_texts(fig.canvas.draw)


@pytest.mark.parametrize("module_name,func_name", PLOTS, ids=[f"{m}.{f}" for m, f in PLOTS])
def test_plot_text_is_neither_cut_off_nor_overlapping(module_name, func_name):
    fig, texts = _plot_texts(module_name, func_name)
    assert texts, f"{func_name} drew no text at all"
    assert text_problems(fig, texts, tight=True) == []


@pytest.mark.parametrize("module_name,func_name", VIEWS, ids=[f"{m}.{f}" for m, f in VIEWS])
def test_view_text_is_neither_cut_off_nor_overlapping(module_name, func_name):
    view = getattr(importlib.import_module(f"livekit.{module_name}"), func_name)()
    if view.fast is None:
        pytest.skip(f"{func_name} shows no figure")
    view.fast.invalidate()  # the static parts are drawn again, the animated ones after them
    texts = _drawn_texts(view.fast.render)
    assert text_problems(view.fast.fig, texts) == []


# ------------------------------------------------------------------------- the check can fail


def test_a_cut_off_and_an_overlapping_text_are_caught():
    fig = new_figure(3, 2)
    with kit_style():
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "first label", transform=ax.transAxes)
        ax.text(0.52, 0.52, "second label", transform=ax.transAxes)
        ax.text(0.95, 0.1, "runs off the edge of the figure", transform=ax.transAxes)
        ax.text(0.1, 0.9, "kept in", transform=ax.transAxes)
    problems = text_problems(fig, _drawn_texts(fig.canvas.draw))
    assert "'runs off the edge of the figure' is cut off by the figure's edge" in problems
    assert "'first label' overlaps 'second label'" in problems
    assert not any("kept in" in p for p in problems)


def test_a_clipped_text_and_a_repainted_badge_are_told_apart():
    fig = new_figure(3, 2)
    with kit_style():
        ax = fig.add_subplot()
        ax.set_ylim(0, 1)
        ax.text(0.2, 1.01, "clipped", clip_on=True)  # above the axes, inside the figure
        ax.text(0.3, 0.2, "5")
        ax.text(0.3, 0.2, "5", fontweight="bold")  # the same badge, painted again
    problems = text_problems(fig, _drawn_texts(fig.canvas.draw))
    assert problems == ["'clipped' is clipped by its axes"]
