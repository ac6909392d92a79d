"""A deliberately broken notebook: the checks must reject it (proof that they can fail).

What it breaks, one cell each:

* a widget whose JavaScript cannot be found (it cannot render);
* a view whose slider is wired to nothing (moving it changes nothing), which also holds a tick
  box Tab never reaches (``tabbable=False``) and a dropdown whose focus ring is removed;
* a view's text fallback shown instead of the widget;
* accessibility: a figure with no text alternative (an ``<img>`` without ``alt``), a slider and
  a range input with no name, and a button showing only an icon;
* the last cell raises ZeroDivisionError.
"""

from __future__ import annotations

from collections.abc import Sequence

#: A 1x1 PNG.
_PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg=="
)

BROKEN_WIDGET = (
    "import ipywidgets as widgets\nfrom traitlets import Unicode\n\n"
    "class Broken(widgets.DOMWidget):\n"
    '    _model_module = Unicode("kit-no-such-module").tag(sync=True)\n'
    '    _view_module = Unicode("kit-no-such-module").tag(sync=True)\n'
    '    _model_name = Unicode("NoModel").tag(sync=True)\n'
    '    _view_name = Unicode("NoView").tag(sync=True)\n\n'
    "Broken()"
)
DEAD_VIEW = (
    "import ipywidgets as widgets\n"
    "from livekit.style import new_figure\n"
    "from livekit.views import FastFigure, View, slider\n"
    "fig = new_figure(3, 2)\nfig.add_subplot().plot([0, 1], [0, 1])\n"
    "hidden = widgets.Checkbox(description='not by Tab', tabbable=False)\n"
    "no_ring = widgets.Dropdown(options=['a', 'b'], description='no focus ring')\n"
    "no_ring.add_class('kit-no-ring')\n"
    "ring_css = widgets.HTML('<style>.kit-no-ring, .kit-no-ring select {outline: none '\n"
    "                        '!important; box-shadow: none !important; border-color: #888 '\n"
    "                        '!important; background: #fff !important; color: #000 '\n"
    "                        '!important}</style>')\n"
    'dead = View(title="dead view", question="nothing moves",\n'
    '            controls={"x": slider("x", 0.5, 0, 1, 0.1), "hidden": hidden,\n'
    '                      "no_ring": no_ring, "css": ring_css}, figure=FastFigure(fig))\n'
    "dead.redraw()\ndead"
)
TEXT_FALLBACK = (
    'from IPython.display import display\ndisplay({"text/plain": "<livekit view: fake>"}, raw=True)'
)
NAMELESS = (
    "import ipywidgets as widgets\n"
    f"widgets.VBox([widgets.HTML('<img src=\"data:image/png;base64,{_PIXEL}\">'),\n"
    "              widgets.IntSlider(5, 0, 10), widgets.HTML('<input type=\"range\">'),\n"
    "              widgets.Button(icon='check')])"
)
#: The axe rules the nameless cell breaks (a slider handle with no name is
#: aria-input-field-name; a range input with no label is label).
NAMELESS_RULES = {"image-alt", "aria-input-field-name", "label", "button-name"}


def broken_notebook(extra_cells: Sequence[str] = ()):
    """A notebook with one good view and the kinds of breakage above, as an nbformat notebook.

    ``extra_cells`` (code) go before the last cell, which raises ZeroDivisionError.
    """
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = [
        new_markdown_cell("A throwaway notebook that the browser checks must reject."),
        new_code_cell("from livekit.setup_views import explore_demo\nexplore_demo()"),
        new_code_cell(BROKEN_WIDGET),
        new_code_cell(DEAD_VIEW),
        new_code_cell(TEXT_FALLBACK),
        new_code_cell(NAMELESS),
        *(new_code_cell(code) for code in extra_cells),
        new_code_cell("1 / 0"),
    ]
    return new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        },
    )
