"""Look at the kit's notebooks in a real browser, by hand::

    python -m tools.browser                      # every notebook: JupyterLab, Notebook 7, Voila
    python -m tools.browser notebooks/00_start_here.ipynb

Each notebook is opened in each front end and checked (:mod:`tools.browser.pages`); the
problems, the axe violations and the keyboard findings are printed. Exits 1 if a page has a
problem (the axe and keyboard findings are printed, not counted: see ``tests/``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tools.browser import axe, chromium, keyboard, notebooks, pages, servers


def _print(report) -> None:
    print(report.summary(), flush=True)
    if report.axe:
        print(axe.table({report.name: report.axe}), flush=True)
    if report.keyboard:
        print(keyboard.summary(report.name, report.keyboard), flush=True)
        for line in keyboard.findings(report.keyboard):
            print(f"  {line}", flush=True)


def main(argv: list[str]) -> int:
    """Check the notebooks named in ``argv`` (all of them if none); 0 if every page is clean."""
    from playwright.sync_api import sync_playwright

    paths = [Path(a).resolve() for a in argv] or notebooks()
    reports = []
    with tempfile.TemporaryDirectory(prefix="kit-browser-") as tmp:
        base = Path(tmp)
        root = base / "root"
        (root / "notebooks").mkdir(parents=True)
        for path in paths:
            shutil.copy2(path, root / "notebooks" / path.name)
        with (
            sync_playwright() as p,
            servers.lab_server(root, base / "lab") as lab,
            servers.notebook_server(root, base / "notebook") as notebook,
            servers.voila_server(root / "notebooks", base / "voila") as voila,
        ):
            browser = chromium.launch(p, base / "chromium-home")
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                for path in paths:
                    relpath = f"notebooks/{path.name}"
                    for report in (
                        pages.check_lab_notebook(context, lab, relpath),
                        pages.check_notebook7(context, notebook, relpath),
                        pages.check_voila_page(context, voila, f"/voila/render/{path.name}"),
                    ):
                        _print(report)
                        reports.append(report)
            finally:
                browser.close()
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
