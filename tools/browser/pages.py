"""Open one notebook in one front end, Run All, and run every check on what the page shows.

One page load per notebook and front end serves all the checks, in this order:

1. the page checks of :mod:`.checks` (no error, every widget drawn, every view's picture);
2. the axe audit (:mod:`.axe`) of the output areas, after Run All;
3. one control per view moved with the keyboard, timed (:func:`.checks.move_one_control`);
4. the axe audit again, after moving;
5. the keyboard-only check of every control of every view (:mod:`.keyboard`).

Front ends: JupyterLab (:func:`check_lab_notebook`), Notebook 7 (:func:`check_notebook7`), the
browser edition (JupyterLite, through :func:`check_lab_url`; see :mod:`.lite`) and Voila
(:func:`check_voila_page`, which runs the notebook as the page loads; no keyboard check there).
"""

from __future__ import annotations

import secrets
import time

from tools.browser import axe, keyboard
from tools.browser.checks import (
    PageReport,
    check_widget_outputs,
    checked_page,
    move_one_control,
    rendered_views,
)
from tools.browser.scripts import script
from tools.browser.servers import Server

#: Seconds to wait for a view to answer one key. A view that answers does so within a few
#: hundred ms (December 2026, this 2-core machine: slider key to changed picture at most 250 ms
#: in JupyterLab and 90 ms in the browser edition); a dead view costs this wait per control.
MOVE_TIMEOUT = 3.0
#: The moments the axe audit runs at.
AFTER_RUN_ALL, AFTER_MOVING = "after Run All", "after moving"


def inspect(
    page,
    report: PageReport,
    *,
    expected_widgets: int,
    audit: bool = True,
    keys: bool | str = True,
    marks: dict | None = None,
    render_timeout: float = 15.0,
    move_timeout: float = MOVE_TIMEOUT,
) -> None:
    """Run the checks on a page whose cells have all run (steps 1 to 5 above).

    Parameters
    ----------
    page : playwright.sync_api.Page
    report : PageReport
        Receives the problems, the views, the axe violations and the keyboard results.
    expected_widgets : int
        How many widget outputs the notebook produced.
    audit : bool
        Whether to run the axe audit.
    keys : bool or "sample"
        Whether to run the keyboard-only check; ``"sample"``: operate one control of each kind
        per page (:func:`.keyboard.check_view`'s ``sample``), Tab through all.
    marks : dict, optional
        Receives ``drawn``, ``axe``, ``moved`` and ``keyboard``: the seconds each step took.
    render_timeout, move_timeout : float
        Seconds to wait for widgets to draw and for a view to answer a key.
    """
    marks = report.marks if marks is None else marks
    started = time.monotonic()
    check_widget_outputs(page, report, expected_widgets=expected_widgets, timeout=render_timeout)
    views = rendered_views(page, report, timeout=render_timeout)
    marks["drawn"] = time.monotonic() - started
    started = time.monotonic()
    if audit:
        report.axe[AFTER_RUN_ALL] = axe.audit(page)
    marks["axe"] = time.monotonic() - started
    started = time.monotonic()
    for view, result in views:
        move_one_control(page, view, result, report, timeout=move_timeout)
    marks["moved"] = time.monotonic() - started
    started = time.monotonic()
    if audit:
        report.axe[AFTER_MOVING] = axe.audit(page)
    marks["axe"] += time.monotonic() - started
    started = time.monotonic()
    if keys:
        report.keyboard = _keyboard(page, views, move_timeout, sample=keys == "sample")
    marks["keyboard"] = time.monotonic() - started


def _keyboard(
    page, views: list[tuple], timeout: float, *, sample: bool
) -> list[keyboard.ControlResult]:
    """The keyboard-only check; a check that breaks is a finding of its own, not a crash."""
    try:
        return keyboard.check_views(
            page,
            [v for v, _ in views],
            [r.title for _, r in views],
            timeout=timeout,
            sample=sample,
        )
    except Exception as exc:  # noqa: BLE001 - reported with the keyboard findings
        return [
            keyboard.ControlResult(
                view="(page)",
                kind="check",
                name="keyboard check",
                own=False,
                problems=[f"the check itself failed: {type(exc).__name__}: {exc}"],
            )
        ]


def run_all(page, report: PageReport, *, timeout: float, marks: dict, start: float) -> dict:
    """Wait for the kernel, Run All, wait until every cell ran; returns the notebook's state
    (``js/lab_state.js``). A page showing ``window.jupyterapp``: JupyterLab, Notebook 7 or
    JupyterLite."""
    page.wait_for_function(script("kernel_idle"), timeout=timeout * 1000, polling=100)
    marks["kernel"] = time.monotonic() - start
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    deadline = time.monotonic() + timeout
    state = page.evaluate(script("lab_state"))
    while time.monotonic() < deadline:
        state = page.evaluate(script("lab_state"))
        if state["errors"] or (state["pending"] == 0 and state["status"] == "idle"):
            break
        page.wait_for_timeout(150)
    else:
        report.problems.append(
            f"cells still running after {timeout:.0f} s ({state['pending']} not run)"
        )
    marks["ran"] = time.monotonic() - start
    report.problems += [f"error output in {e}" for e in state["errors"]]
    report.problems += [
        f"stderr output in {e}" for e in state["stderr"] if "Traceback" in e or "Error" in e
    ]
    return state


def check_lab_url(
    context,
    url: str,
    *,
    name: str,
    timeout: float = 90.0,
    marks: dict[str, float] | None = None,
    on_ran=None,
    audit: bool = True,
    keys: bool | str = True,
) -> PageReport:
    """Open ``url`` (JupyterLab, Notebook 7 or JupyterLite's lab, showing one notebook), run all
    cells, and check what the page shows. The app must be reachable as ``window.jupyterapp``.

    Parameters
    ----------
    context : playwright.sync_api.BrowserContext
    url : str
    name : str
        The report's name, e.g. ``"lab:notebooks/00_start_here.ipynb"``.
    timeout : float
        Seconds for the kernel to start, and again for Run All to finish.
    marks : dict, optional
        Receives the seconds from opening the page to: ``kernel`` (kernel idle), ``ran``
        (every cell run) and ``checked`` (all checks done); and ``axe`` and ``keyboard``, the
        seconds those checks took.
    on_ran : callable, optional
        ``on_ran(page)``, called once every cell has run, before the checks.
    audit : bool
        Whether to run the axe audit.
    keys : bool or "sample"
        Whether to run the keyboard-only check (see :func:`inspect`).

    Returns
    -------
    PageReport
    """
    report = PageReport(name=name)
    marks = report.marks if marks is None else marks
    with checked_page(context, report) as page:
        start = time.monotonic()
        page.goto(url, wait_until="domcontentloaded")
        state = run_all(page, report, timeout=timeout, marks=marks, start=start)
        if on_ran is not None:
            on_ran(page)
        inspect(
            page, report, expected_widgets=state["widgets"], audit=audit, keys=keys, marks=marks
        )
        marks["checked"] = time.monotonic() - start
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    return report


def check_lab_notebook(
    context, server: Server, relpath: str, *, timeout: float = 90.0, **options
) -> PageReport:
    """Open a notebook in JupyterLab (a new workspace), run all cells, check the page.

    ``options`` go to :func:`check_lab_url` (``audit``, ``keys``, ``marks``, ``on_ran``).
    """
    workspace = f"ws-{secrets.token_hex(4)}"
    url = server.url(f"/lab/workspaces/{workspace}/tree/{relpath}", reset="")
    return check_lab_url(context, url, name=f"lab:{relpath}", timeout=timeout, **options)


def check_notebook7(
    context, server: Server, relpath: str, *, timeout: float = 90.0, **options
) -> PageReport:
    """Open a notebook in Notebook 7 (``/notebooks/<path>``), run all cells, check the page.

    ``options`` go to :func:`check_lab_url` (``audit``, ``keys``, ``marks``, ``on_ran``).
    """
    url = server.url(f"/notebooks/{relpath}")
    return check_lab_url(context, url, name=f"notebook7:{relpath}", timeout=timeout, **options)


def check_voila_page(
    context, server: Server, path: str, *, timeout: float = 90.0, audit: bool = True
) -> PageReport:
    """Open a Voila page (the notebook runs on the server as the page loads) and check it."""
    report = PageReport(name=f"voila:{path}")
    with checked_page(context, report) as page:
        page.goto(server.url(path), wait_until="domcontentloaded", timeout=timeout * 1000)
        # Voila sends each output as a script tag, then draws it: count the widget ones first
        expected = page.evaluate(script("voila_widget_count"))
        # Voila shows no code: make sure of it, and of no errors
        if page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count():
            report.problems.append("code cells are shown: projector mode should hide them")
        page.wait_for_function(
            "() => document.querySelectorAll('.jp-OutputArea-output').length > 0",
            timeout=timeout * 1000,
        )
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        for i in range(errors.count()):
            text = errors.nth(i).inner_text()
            if "Traceback" in text or "Error" in text or "error" in text:
                report.problems.append(f"error shown: {text[:300]!r}")
        inspect(page, report, expected_widgets=expected, audit=audit, keys=False)
    return report
