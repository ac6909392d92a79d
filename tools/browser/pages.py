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
from dataclasses import dataclass
from typing import Any

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
        per view (:func:`.keyboard.check_view`'s ``sample``), Tab through all.
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


def start_run_all(page, *, timeout: float, marks: dict, start: float) -> None:
    """Wait for the kernel, then start Run All. A page showing ``window.jupyterapp``:
    JupyterLab, Notebook 7 or JupyterLite."""
    page.wait_for_function(script("kernel_idle"), timeout=timeout * 1000, polling=100)
    marks["kernel"] = time.monotonic() - start
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")


def wait_run_all(page, report: PageReport, *, timeout: float, marks: dict, start: float) -> dict:
    """Wait until every cell has run; returns the notebook's state (``js/lab_state.js``)."""
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


@dataclass
class Opened:
    """A notebook page opened ahead of its checks, its cells run (see :func:`open_all`)."""

    page: Any
    report: PageReport
    start: float
    state: dict | None = None  # js/lab_state.js once every cell has run (None: it failed)


def _attempt(opened: Opened, step) -> None:
    """Run one step of opening a page; what it raises is a problem of that page."""
    if opened.report.problems:
        return
    try:
        step()
    except Exception as exc:  # noqa: BLE001 - reported with a screenshot by check_lab_url
        opened.report.problems.append(f"{type(exc).__name__}: {exc}")


def open_all(context, urls: dict[str, str], *, timeout: float = 90.0) -> dict[str, Opened]:
    """Open every page of ``urls`` (``{report name: url}``) at once and Run All in each; return
    them once each has run all its cells.

    Loading the front end, starting the kernel and running the cells take most of a page's
    time, and they run side by side here (two cores do two at once); the checks then run one
    page at a time (:func:`check_lab_url` with ``opened=``), on pages whose kernels are idle,
    so the measured times are those of one page alone.

    Parameters
    ----------
    context : playwright.sync_api.BrowserContext
    urls : dict of str to str
        The report's name (e.g. ``"lab:notebooks/00_start_here.ipynb"``) and the page's address.
    timeout : float
        Seconds for each kernel to start, and again for each Run All to finish.

    Returns
    -------
    dict of str to Opened
    """
    opened = {}
    for name, url in urls.items():
        page = context.new_page()
        opened[name] = one = Opened(page, PageReport(name=name), time.monotonic())
        _attempt(one, lambda page=page, url=url: page.goto(url, wait_until="domcontentloaded"))
    for one in opened.values():
        _attempt(
            one,
            lambda one=one: start_run_all(
                one.page, timeout=timeout, marks=one.report.marks, start=one.start
            ),
        )
    for one in opened.values():

        def wait(one=one):
            one.state = wait_run_all(
                one.page, one.report, timeout=timeout, marks=one.report.marks, start=one.start
            )

        _attempt(one, wait)
    return opened


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
    opened: Opened | None = None,
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
        (every cell run) and ``checked`` (all checks done); and ``drawn``, ``axe``, ``moved``
        and ``keyboard``, the seconds those steps took (also in the report's ``marks``).
    on_ran : callable, optional
        ``on_ran(page)``, called once every cell has run, before the checks.
    audit : bool
        Whether to run the axe audit.
    keys : bool or "sample"
        Whether to run the keyboard-only check (see :func:`inspect`).
    opened : Opened, optional
        The page, already opened and run by :func:`open_all` (``url`` and ``name`` are then
        those it was opened with).

    Returns
    -------
    PageReport
    """
    if opened is None:
        opened = open_all(context, {name: url}, timeout=timeout)[name]
    report = opened.report
    with checked_page(context, report, page=opened.page, start=opened.start) as page:
        if opened.state is not None:
            if on_ran is not None:
                on_ran(page)
            inspect(page, report, expected_widgets=opened.state["widgets"], audit=audit, keys=keys)
            report.marks["checked"] = time.monotonic() - opened.start
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    if marks is not None:
        marks.update(report.marks)
    return report


def lab_url(server: Server, relpath: str) -> str:
    """A notebook's address in JupyterLab, in a new workspace (no old tabs restored)."""
    workspace = f"ws-{secrets.token_hex(4)}"
    return server.url(f"/lab/workspaces/{workspace}/tree/{relpath}", reset="")


def notebook7_url(server: Server, relpath: str) -> str:
    """A notebook's address in Notebook 7 (``/notebooks/<path>``)."""
    return server.url(f"/notebooks/{relpath}")


def check_lab_notebook(
    context, server: Server, relpath: str, *, timeout: float = 90.0, **options
) -> PageReport:
    """Open a notebook in JupyterLab (a new workspace), run all cells, check the page.

    ``options`` go to :func:`check_lab_url` (``audit``, ``keys``, ``marks``, ``on_ran``,
    ``opened``: the page opened by :func:`open_all` as ``"lab:<relpath>"``).
    """
    url = lab_url(server, relpath)
    return check_lab_url(context, url, name=f"lab:{relpath}", timeout=timeout, **options)


def check_notebook7(
    context, server: Server, relpath: str, *, timeout: float = 90.0, **options
) -> PageReport:
    """Open a notebook in Notebook 7 (``/notebooks/<path>``), run all cells, check the page.

    ``options`` go to :func:`check_lab_url` (``audit``, ``keys``, ``marks``, ``on_ran``,
    ``opened``).
    """
    url = notebook7_url(server, relpath)
    return check_lab_url(context, url, name=f"notebook7:{relpath}", timeout=timeout, **options)


def open_voila_pages(context, server: Server, paths: list[str], *, timeout: float = 90.0):
    """Start loading several Voila pages at once (each runs its notebook on the server as it
    loads); returns ``{path: (page, start)}`` for :func:`check_voila_page`'s ``opened``."""
    opened = {}
    for path in paths:
        page = context.new_page()
        opened[path] = (page, time.monotonic())
        try:
            page.goto(server.url(path), wait_until="commit", timeout=timeout * 1000)
        except Exception:  # noqa: BLE001 - check_voila_page loads it again and reports why
            pass
    return opened


def check_voila_page(
    context,
    server: Server,
    path: str,
    *,
    timeout: float = 90.0,
    audit: bool = True,
    opened: tuple | None = None,
) -> PageReport:
    """Open a Voila page (the notebook runs on the server as the page loads) and check it;
    ``opened``: the page and its start from :func:`open_voila_pages`."""
    report = PageReport(name=f"voila:{path}")
    page, start = opened if opened is not None else (None, None)
    with checked_page(context, report, page=page, start=start) as page:
        if opened is None or page.url in ("", "about:blank"):
            page.goto(server.url(path), wait_until="domcontentloaded", timeout=timeout * 1000)
        else:
            page.wait_for_load_state("domcontentloaded", timeout=timeout * 1000)
        _check_voila(page, report, timeout=timeout, audit=audit)
    return report


def _check_voila(page, report: PageReport, *, timeout: float, audit: bool) -> None:
    # Voila sends each output as a script tag, then draws it: count the widget ones first
    expected = page.evaluate(script("voila_widget_count"))
    # Voila shows no code: make sure of it, and of no errors
    if page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count():
        report.problems.append("code cells are shown: projector mode should hide them")
    page.wait_for_function(
        "() => document.querySelectorAll('.jp-OutputArea-output').length > 0",
        timeout=timeout * 1000,
    )
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    for i in range(errors.count()):
        text = errors.nth(i).inner_text()
        if "Traceback" in text or "Error" in text or "error" in text:
            report.problems.append(f"error shown: {text[:300]!r}")
    inspect(page, report, expected_widgets=expected, audit=audit, keys=False)
