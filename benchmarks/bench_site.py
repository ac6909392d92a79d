"""The browser edition (``python kit.py site``): cold start, key press to picture, site size.

* Cold start: a new browser profile (empty cache) opens notebook 00 in the site; the time until
  the kernel is ready, until Run All has finished, and until its first slider view has answered
  a key press with a new picture. Target: first view answering <= 30 s.
* Key press to changed picture: in every notebook, every slider view, the first slider is moved
  with the arrow keys PRESSES times; the time from the key press to the view's new picture or
  numbers is measured in the page. Target: median <= 150 ms per view.
* The site's size, and its largest parts.

Everything is served from 127.0.0.1 with other hosts blocked (as in tests/test_site.py), so the
figures include no CDN; on a real network the first visit adds the download of ~60 MB.

    python kit.py bench site
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from tools import site
from tools.browser import chromium, lite, servers
from tools.browser.scripts import script

PRESSES = 6


def _wait_ran(page, timeout: float = 300.0) -> dict:
    page.wait_for_function(script("kernel_idle"), timeout=timeout * 1000, polling=100)
    kernel = time.monotonic()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    deadline = time.monotonic() + timeout
    page.wait_for_timeout(300)
    while time.monotonic() < deadline:
        state = page.evaluate(script("lab_state"))
        if state["errors"] or (state["pending"] == 0 and state["status"] == "idle"):
            break
        page.wait_for_timeout(100)
    return {"kernel": kernel, "ran": time.monotonic(), "state": state}


def _press(page, view, key: str, timeout: float = 10.0) -> float | None:
    """Arm the change detector, press ``key`` on the view's control; ms to the change, or None."""
    view.evaluate(script("arm"))
    view.locator("[data-kit-control]").focus()
    page.keyboard.press(key)
    try:
        page.wait_for_function(
            "() => window.__kitMove.changedAt !== null", timeout=timeout * 1000, polling="raf"
        )
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: the view did not change
        return None
    state = page.evaluate("() => window.__kitMove")
    return state["changedAt"] - state["keyAt"] if state["keyAt"] is not None else None


def _slider_views(page, timeout: float = 30.0):
    """(title, locator) of every view with a slider, once its picture has rendered."""
    found = []
    for index, title in enumerate(page.evaluate(script("find_views"))):
        view = page.locator(f'[data-kit-view="{index}"]')
        deadline = time.monotonic() + timeout
        while not view.evaluate(script("rendered")) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        if view.evaluate(script("pick_control")) == "slider":
            found.append((title, view))
    return found


def _moves(page, view) -> list[float]:
    times = []
    view.locator("[data-kit-control]").scroll_into_view_if_needed()
    for i in range(PRESSES):
        ms = _press(page, view, "ArrowRight" if i % 2 == 0 else "ArrowLeft")
        if ms is None:  # at the end of its range: go the other way
            ms = _press(page, view, "ArrowLeft" if i % 2 == 0 else "ArrowRight")
        if ms is not None:
            times.append(ms)
    return times


def main() -> None:
    from playwright.sync_api import sync_playwright

    problem = chromium.browser_problem()
    if problem:
        print(f"site: skipped ({problem})")
        return
    with tempfile.TemporaryDirectory(prefix="kit-bench-site-") as tmp:
        tmp = Path(tmp)
        started = time.monotonic()
        out = site.build(tmp / "_site")
        build_s = time.monotonic() - started
        size = site.site_size(out)
        parts = {
            name: site.site_size(out / name)
            for name in ("static/pyodide", "build", "extensions", "files")
        }
        print(f"site build: {build_s:.1f} s (downloads cached in .cache/site/)")
        print(
            f"site size: {size / 1e6:.1f} MB (target < 100 MB): "
            + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in parts.items())
        )
        with servers.serve_static(out) as origin, sync_playwright() as playwright:
            browser = chromium.launch(playwright, tmp / "home", extra_args=lite.SITE_FLAGS)
            try:
                # cold start: a fresh context has an empty HTTP cache and empty site storage
                context, traffic = lite.guarded_context(browser, origin)
                page = context.new_page()
                first = site.notebooks()[0]
                opened = time.monotonic()
                page.goto(lite.notebook_url(origin, first.name), wait_until="domcontentloaded")
                marks = _wait_ran(page)
                views = _slider_views(page)
                answered = None
                if views:
                    title, view = views[0]
                    view.locator("[data-kit-control]").scroll_into_view_if_needed()
                    if (
                        _press(page, view, "ArrowRight") is not None
                        or _press(page, view, "ArrowLeft") is not None
                    ):
                        answered = time.monotonic() - opened
                print(
                    f"cold start, {first.name}: kernel ready {marks['kernel'] - opened:.1f} s, "
                    f"Run All done {marks['ran'] - opened:.1f} s, first slider view answered "
                    + (f"{answered:.1f} s" if answered else "NEVER")
                    + " (target <= 30 s)"
                )
                page.close()
                # key press to changed picture, every notebook (browser cache now warm)
                medians = []
                for path in site.notebooks():
                    page = context.new_page()
                    opened = time.monotonic()
                    page.goto(lite.notebook_url(origin, path.name), wait_until="domcontentloaded")
                    marks = _wait_ran(page)
                    print(f"{path.name}: warm start, Run All done {marks['ran'] - opened:.1f} s")
                    for title, view in _slider_views(page):
                        times = _moves(page, view)
                        if times:
                            medians.append(statistics.median(times))
                            print(
                                f"  {title[:60]!r}: key press -> new picture median "
                                f"{statistics.median(times):.0f} ms, "
                                f"max {max(times):.0f} ms over {len(times)} presses"
                            )
                        else:
                            print(f"  {title[:60]!r}: no change after a key press")
                    page.evaluate(
                        "() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()"
                    )
                    page.close()
                if medians:
                    print(
                        "all views: median of the per-view medians "
                        f"{statistics.median(medians):.0f} ms, "
                        f"worst view {max(medians):.0f} ms (target <= 150 ms)"
                    )
                print(
                    f"requests to other hosts: {len(traffic.outside)}; "
                    f"unanswered: {len(traffic.missing)}"
                )
                context.close()
            finally:
                browser.close()


if __name__ == "__main__":
    main()
