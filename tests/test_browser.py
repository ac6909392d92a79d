"""The notebooks in a real browser: JupyterLab and Voila (projector mode), headless Chromium.

One JupyterLab and one Voila server (127.0.0.1, random port and token, every Jupyter folder in a
temporary directory) serve *copies* of the notebooks, so nothing in ``notebooks/`` is touched.
For every notebook: run all cells, no error shown, every widget drawn (not "Error displaying
widget", not its text fallback), every slider view shows its picture, and one slider per view
moved with the arrow keys changes the picture or the numbers (a view without a slider has its
first other control operated from the keyboard instead). The same checks run on a
deliberately broken throwaway notebook, which must be rejected: proof the checks can fail.

On failure a screenshot is saved under ``test-artifacts/browser/`` (its path is printed and is
in the failure message). Without Playwright or a Chromium the tests are skipped with a message
saying how to enable them; under ``CI=true`` they fail instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import browser  # noqa: E402

NOTEBOOKS = browser.notebooks()
BROKEN = "selftest/99_broken.ipynb"
TIMINGS: dict[str, list] = {"pages": [], "moves_ms": [], "other_controls_ms": []}


def _stored_view_count(path: Path) -> int:
    """How many slider views the stored notebook shows (their text form is ``<livekit view: ...>``)."""
    nb = nbformat.read(path, as_version=4)
    return sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        and str(output["data"].get("text/plain", "")).startswith("<livekit view:")
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory, request):
    """Servers and a browser for the whole module; always shut down, also on failure."""
    problem = browser.browser_problem()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the browser test cannot run: {problem}", pytrace=False)
        _show(request, f"[browser] browser tests skipped: {problem}")  # visible without -rs
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    base = tmp_path_factory.mktemp("browser")
    root = base / "root"
    (root / "notebooks" / "selftest").mkdir(parents=True)
    for path in NOTEBOOKS:
        shutil.copy2(path, root / "notebooks" / path.name)
    nbformat.write(browser.broken_notebook(), root / "notebooks" / BROKEN)

    lab = browser.lab_server(root, base / "lab")
    voila = browser.voila_server(root / "notebooks", base / "voila")
    playwright = None
    chromium = None
    try:
        lab.launch()
        voila.launch()
        lab.wait_ready()
        voila.wait_ready()
        playwright = sync_playwright().start()
        chromium = browser.launch_browser(playwright, base / "chromium-home")
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        yield {"lab": lab, "voila": voila, "context": context}
    finally:
        if chromium is not None:
            chromium.close()
        if playwright is not None:
            playwright.stop()
        voila.stop()
        lab.stop()
        _report_timings(request, time.monotonic() - started)


def _report_timings(request, seconds: float) -> None:
    moves = TIMINGS["moves_ms"]
    lines = [f"[browser] whole browser test: {seconds:.1f} s for {len(TIMINGS['pages'])} page(s)"]
    if moves:
        lines.append(
            f"[browser] slider key press -> view changed in the page: median {statistics.median(moves):.0f} ms, "
            f"max {max(moves):.0f} ms over {len(moves)} move(s)"
        )
    if TIMINGS["other_controls_ms"]:
        others = TIMINGS["other_controls_ms"]
        lines.append(
            f"[browser] other controls (dropdown, switch, text box) -> change: median "
            f"{statistics.median(others):.0f} ms over {len(others)} view(s) without a slider"
        )
    lines += [f"[browser]   {name}: {secs:.1f} s" for name, secs in TIMINGS["pages"]]
    browser.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (browser.ARTIFACTS / "timings.json").write_text(
        json.dumps({"seconds": seconds, **TIMINGS}, indent=1)
    )
    _show(request, "\n".join(lines))


def _show(request, text: str) -> None:
    """Print even though pytest captures output (the timings, or why the tests were skipped)."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else _nothing():
        print("\n" + text, flush=True)


@contextlib.contextmanager
def _nothing():
    yield


def _record(report: browser.PageReport, *, count_moves: bool = True) -> None:
    TIMINGS["pages"].append((report.name, round(report.seconds, 2)))
    if count_moves:
        for view in report.views:
            if view.ms is not None:
                key = "moves_ms" if view.control == "slider" else "other_controls_ms"
                TIMINGS[key].append(round(view.ms, 1))


def _assert_clean(report: browser.PageReport, stored_views: int) -> None:
    assert report.ok, report.summary()
    assert len(report.views) >= stored_views, (
        f"{report.name}: the stored notebook shows {stored_views} view(s), the browser found "
        f"{len(report.views)}\n{report.summary()}"
    )
    for view in report.views:
        assert view.rendered, report.summary()
        if view.moved:
            assert view.changed and view.ms is not None, report.summary()


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks yet")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_its_views_respond_in_jupyterlab(site, path):
    report = browser.check_lab_notebook(site["context"], site["lab"], f"notebooks/{path.name}")
    _record(report)
    print(report.summary())
    _assert_clean(report, _stored_view_count(path))


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks yet")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_works_as_a_voila_dashboard(site, path):
    report = browser.check_voila_page(site["context"], site["voila"], f"/voila/render/{path.name}")
    _record(report)
    print(report.summary())
    _assert_clean(report, _stored_view_count(path))


def test_voila_tree_lists_every_notebook(site):
    page = site["context"].new_page()
    try:
        page.goto(site["voila"].url("/"), wait_until="domcontentloaded")
        for path in NOTEBOOKS:
            page.get_by_text(path.name).first.wait_for(timeout=20_000)
    except Exception:
        shot = browser.screenshot(page, "voila-tree")
        raise AssertionError(f"the Voila tree does not list every notebook; screenshot: {shot}")
    finally:
        page.close()


def _assert_rejected(report: browser.PageReport) -> None:
    text = "\n".join(report.problems)
    assert not report.ok
    assert "ZeroDivisionError" in text, text
    assert "ipywidgets error widget" in text, text
    assert "text fallback" in text and "<livekit view: fake>" in text, text
    assert "'dead view'" in text and "did not change" in text, text
    # the good view in the same page passes: the checks single out what is broken
    assert not any("Your first slider view" in p for p in report.problems), text
    assert report.screenshot is not None and report.screenshot.exists()


def test_checks_reject_a_broken_notebook_in_jupyterlab(site):
    report = browser.check_lab_notebook(site["context"], site["lab"], f"notebooks/{BROKEN}")
    _record(report, count_moves=False)
    _assert_rejected(report)


def test_checks_reject_a_broken_notebook_in_voila(site):
    report = browser.check_voila_page(site["context"], site["voila"], f"/voila/render/{BROKEN}")
    _record(report, count_moves=False)
    _assert_rejected(report)


@pytest.mark.parametrize("ci", ["", "true"])
def test_missing_browser_skips_with_a_hint_but_fails_under_ci(ci):
    run = browser.run_without_browser("tests/test_browser.py", "voila_tree", ci=ci, root=ROOT)
    out = run.stdout + run.stderr
    assert "apt-get install chromium" in out, out
    if ci:
        assert run.returncode == 1 and "CI=true but the browser test cannot run" in out, out
    else:
        assert run.returncode == 0 and "1 skipped" in out, out
