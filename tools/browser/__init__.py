"""Drive the kit's notebooks in a real browser: headless Chromium, driven by Playwright.

Used by ``tests/test_browser.py`` (JupyterLab, Notebook 7 and Voila), ``tests/test_site.py``
and ``benchmarks/bench_site.py`` (the browser edition); also runnable by hand to look at the
notebooks (``python -m tools.browser``, see :mod:`tools.browser.__main__`).

Modules, one job each:

* :mod:`~tools.browser.chromium`: find and launch Chromium (the one launch function);
* :mod:`~tools.browser.servers`: JupyterLab, Notebook 7 and Voila servers, and the static
  server for the browser edition, each on 127.0.0.1 and always stopped;
* :mod:`~tools.browser.scripts`: the JavaScript the checks run, read from ``js/*.js``;
* :mod:`~tools.browser.checks`: what a page must show (widgets drawn, views that answer a key);
* :mod:`~tools.browser.axe`: the axe-core accessibility audit (pinned, hash-checked, offline);
* :mod:`~tools.browser.keyboard`: the keyboard-only check of every control of every view;
* :mod:`~tools.browser.pages`: open a notebook in one front end, Run All, run the checks;
* :mod:`~tools.browser.lite`: the browser edition's page: other hosts blocked and counted;
* :mod:`~tools.browser.selftest`: a deliberately broken notebook the checks must reject;
* :mod:`~tools.browser.testing`: helpers for the pytest modules (skip or fail, timings).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: Screenshots of failed pages and the timings of the last run.
ARTIFACTS = ROOT / "test-artifacts" / "browser"


def notebooks() -> list[Path]:
    """The kit's notebooks, in order."""
    return sorted((ROOT / "notebooks").glob(NOTEBOOK_GLOB))
