"""livekit: a teaching kit for Li (2021), "Research on the innovation and path of the business
model of live marketing", JARSSH 6(1).

Not the ``livekit`` real-time video SDK on PyPI: this package is distributed as
``livekit-teaching-kit`` and only its import name is ``livekit``.

Modules, one idea each:

- :mod:`livekit.vocab`: the shared vocabulary (modules, blocks, classes, stages, switches).
- :mod:`livekit.data` and :mod:`livekit.schemas`: the CSV files in ``data/``, loaded and checked.
- :mod:`livekit.style`: the shared palette (colour-blind safe), hatches and font sizes.
- :mod:`livekit.views`: fast slider views (blitting figure + image widget).
- :mod:`livekit.selfcheck`: self-check questions with instant feedback.
- :mod:`livekit.setup_check`: the installation check of notebook 00.

Submodules are imported on first use, so ``import livekit`` stays quick.
"""

from __future__ import annotations

import importlib
import sys as _sys

__version__ = "0.1.0"

_SUBMODULES = (
    "vocab",
    "data",
    "schemas",
    "fonts",
    "style",
    "views",
    "selfcheck",
    "setup_check",
    "canvas",
    "canvas_plots",
    "canvas_views",
    "worksheet",
    "sellers",
    "seller_metrics",
    "seller_data",
    "reading",
    "geometry",
    "seller_plots",
    "seller_views",
    "path",
    "path_plots",
    "path_views",
    "modes_plots",
    "modes",
    "cases",
    "glossary",
    "handin",
)

__all__ = ["__version__", *_SUBMODULES]

if (
    _sys.platform == "emscripten"
):  # the browser edition: before matplotlib loads (see livekit.fonts)
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
