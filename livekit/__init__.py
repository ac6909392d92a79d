"""livekit: a teaching kit for Li (2021), "Research on the innovation and path of the business
model of live marketing", JARSSH 6(1).

Not the ``livekit`` real-time video SDK on PyPI: this package is distributed as
``livekit-teaching-kit`` and only its import name is ``livekit``.

The package, module by module (each ``livekit.<name>``, imported on first use so that
``import livekit`` stays quick; ``tests/test_structure.py`` checks this list against the files):

Shared ground
    - ``vocab``: the names of the paper's concepts (modules, blocks, classes, stages).
    - ``schemas``: the declared schema of every CSV file in ``data/``.
    - ``data``: the kit's tables loaded and checked against their schemas.
    - ``reading``: a user's own file read: encodings, separators, decimal marks.
    - ``prediction``: whether a prediction held, and which way it was off.

The paper's ideas, as logic (no widgets, no HTML, no plotting)
    - ``canvas``: the nine-block canvas, the four value modules, the hub, canvas money.
    - ``worksheet``: the "your own canvas" worksheet, saved to and loaded from a file.
    - ``seller_metrics``: the metrics behind the two dimensions of Figure 3, and their weights.
    - ``sellers``: scoring and classifying sellers (Figure 3).
    - ``seller_data``: the kit's seller tables, and a user's own seller table.
    - ``geometry``: polygon clipping and the shortest step on the score map.
    - ``path``: the innovation path and the model from traffic to profit.
    - ``modes``: the seven live-stream modes and how they combine.
    - ``cases``: real anchors and platforms, with what outlets reported.
    - ``glossary``: plain definitions, in English and Chinese.
    - ``selfcheck``: self-check questions and their grading.
    - ``exercises``: exercises with a number as the answer, judged with a sentence.
    - ``handin``: a student's work in a notebook, kept and saved as it is typed.
    - ``setup_check``: the installation check, and the first slider's model.

Pictures (matplotlib)
    - ``style``: the palette, hatches and font sizes; ``fonts``: Chinese text in figures.
    - ``charts``: the ``Chart`` base of every updating picture.
    - ``canvas_plots``, ``seller_plots``, ``path_plots``, ``modes_plots``, ``setup_plots``.

Views (ipywidgets)
    - ``views``: the machinery every view shares (fast figure, ``View``, predictions, saving).
    - ``canvas_views``, ``seller_views``, ``path_views``, ``setup_views``: the slider views.
    - ``selfcheck_views``, ``exercise_views``, ``handin_views``, ``cases_views``: self-checks,
      exercise checks, answer boxes and the hand-in, case boxes.
"""

from __future__ import annotations

import importlib
import sys as _sys

__version__ = "0.1.0"

_SUBMODULES = (
    "vocab", "schemas", "data", "reading", "prediction",
    "canvas", "worksheet", "seller_metrics", "sellers", "seller_data", "geometry",
    "path", "modes", "cases", "glossary", "selfcheck", "exercises", "handin", "setup_check",
    "style", "fonts", "charts",
    "canvas_plots", "seller_plots", "path_plots", "modes_plots", "setup_plots",
    "views", "canvas_views", "seller_views", "path_views", "setup_views",
    "selfcheck_views", "exercise_views", "handin_views", "cases_views",
)  # fmt: skip

__all__ = ["__version__", *_SUBMODULES]

# the browser edition: before matplotlib loads (see livekit.fonts)
if _sys.platform == "emscripten":
    from .fonts import quiet_font_cache_notice

    quiet_font_cache_notice()
    del quiet_font_cache_notice


def __getattr__(name: str):
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'livekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SUBMODULES))
