"""The notebooks in a real browser: JupyterLab, Notebook 7 and Voila (projector mode), headless
Chromium.

One JupyterLab, one Notebook 7 and one Voila server (127.0.0.1, random port and token, every
Jupyter folder in a temporary directory) serve *copies* of the notebooks, so nothing in
``notebooks/`` is touched. Each notebook is opened once per front end (Run All), and every
check runs on that one page load (:mod:`tools.browser.pages`):

* the page: no error shown, every widget drawn (not "Error displaying widget", not its text
  fallback), every slider view shows its picture, and one slider per view moved with the arrow
  keys changes the picture or the numbers (a view without a slider has its first other control
  operated from the keyboard instead);
* accessibility: axe-core (WCAG 2.0/2.1 A and AA) on the output areas after Run All and again
  after moving one control per view (JupyterLab, Notebook 7, Voila);
* keyboard only: Tab through every view's controls, each changed with keys (JupyterLab,
  Notebook 7).

Notebook 7 shares JupyterLab's output areas and widget manager, so it is checked on the first
notebook only (:data:`NOTEBOOK7`): what differs there is its own keyboard shortcuts.

The same checks run on a deliberately broken throwaway notebook, which must be rejected: proof
the checks can fail. The "0 axe violations" and "every control works from the keyboard" tests
assert while ``axe.ENFORCED`` and ``keyboard.ENFORCED`` in ``tools/browser/`` are on (they are);
switched off, they become expected failures. Their reports are printed either way.

On failure a screenshot is saved under ``test-artifacts/browser/`` (its path is printed and is
in the failure message). Without Playwright or a Chromium the tests are skipped with a message
saying how to enable them; under ``CI=true`` they fail instead (so do a missing axe-core
download and a missing Notebook 7).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import site as site_build  # noqa: E402
from tools.browser import (  # noqa: E402
    ARTIFACTS,
    axe,
    chromium,
    keyboard,
    notebooks,
    pages,
    scripts,
    selftest,
    servers,
    testing,
)
from tools.browser.checks import screenshot  # noqa: E402

NOTEBOOKS = notebooks()
#: Notebook 7 is JupyterLab's front end in another shell (the same output areas and widget
#: manager; its own keyboard shortcuts): it is checked on the first notebook only, the one a
#: student opens first, which has a slider view with a prediction and buttons.
NOTEBOOK7 = NOTEBOOKS[:1]
BROKEN = "selftest/99_broken.ipynb"
TIMINGS: dict[str, list] = {"pages": [], "moves_ms": [], "other_controls_ms": []}
#: key press to changed view, every slider key of the keyboard-only check, per front end
KEY_MS: dict[str, list] = {"lab": [], "notebook7": []}
#: one page load per (front end, notebook): every test of that page reads its report
REPORTS: dict[tuple[str, str], object] = {}


def _stored_view_count(path: Path) -> int:
    """How many slider views the stored notebook shows (text form ``<livekit view: ...>``)."""
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
    testing.require(chromium.browser_problem(), "the browser test", request)
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    base = tmp_path_factory.mktemp("browser")
    root = base / "root"
    (root / "notebooks" / "selftest").mkdir(parents=True)
    for path in NOTEBOOKS:
        shutil.copy2(path, root / "notebooks" / path.name)
    nbformat.write(selftest.broken_notebook(), root / "notebooks" / BROKEN)

    missing = {"axe": axe.problem(), "notebook7": servers.notebook7_problem()}
    running = {
        "lab": servers.lab_server(root, base / "lab"),
        "voila": servers.voila_server(root / "notebooks", base / "voila"),
    }
    if not missing["notebook7"]:
        running["notebook7"] = servers.notebook_server(root, base / "notebook")
    playwright = None
    browser = None
    try:
        for server in running.values():
            server.launch()
        for server in running.values():
            server.wait_ready()
        playwright = sync_playwright().start()
        browser = chromium.launch(playwright, base / "chromium-home")
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield {**running, "context": context, "missing": missing, "session": request.session}
    finally:
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()
        for server in running.values():
            server.stop()
        _report_timings(request, time.monotonic() - started)


#: The test functions that read the page of one front end (the axe test: its ``front``).
_FRONT_OF = {
    "test_notebook_runs_and_its_views_respond_in_jupyterlab": "lab",
    "test_keyboard_only_in_jupyterlab": "lab",
    "test_checks_reject_a_broken_notebook_in_jupyterlab": "lab",
    "test_notebook_works_as_a_voila_dashboard": "voila",
    "test_checks_reject_a_broken_notebook_in_voila": "voila",
}
#: Pages opened ahead of their checks, by front end: ``{front: {notebook: opened}}``.
OPENED: dict[str, dict] = {}


def _wanted(session, front: str) -> list[str]:
    """The notebooks (names in notebooks/) whose page in ``front`` this run's tests read."""
    names = []
    for item in session.items:
        # doctests and notebook cells share the session: only this file's test functions count
        if (
            getattr(item, "module", None) is None
            or Path(str(item.fspath)).name != Path(__file__).name
        ):
            continue
        params = getattr(getattr(item, "callspec", None), "params", {})
        if params.get("front", _FRONT_OF.get(item.originalname)) != front:
            continue
        name = params["path"].name if "path" in params else BROKEN
        if name not in names:
            names.append(name)
    return names


def _open_ahead(site, front: str) -> dict:
    """Open every page of ``front`` this run reads, at once: their notebooks run side by side
    (see :func:`tools.browser.pages.open_all`); each test then checks its own."""
    names = _wanted(site["session"], front)
    if front == "voila":
        paths = [f"/voila/render/{name}" for name in names]
        opened = pages.open_voila_pages(site["context"], site["voila"], paths)
        return {name: opened[path] for name, path in zip(names, paths)}
    urls = {
        f"lab:notebooks/{name}": pages.lab_url(site["lab"], f"notebooks/{name}") for name in names
    }
    opened = pages.open_all(site["context"], urls)
    return {name: opened[f"lab:notebooks/{name}"] for name in names}


def _page(site, front: str, name: str):
    """The report of notebook ``name`` (in notebooks/) in one front end; opened once, with the
    other notebooks of its front end (see :func:`_open_ahead`)."""
    key = (front, name)
    if key not in REPORTS:
        if front == "notebook7":
            testing.require(site["missing"]["notebook7"], "the Notebook 7 test")
        if front in ("lab", "voila") and front not in OPENED:
            OPENED[front] = _open_ahead(site, front)
        opened = OPENED.get(front, {}).pop(name, None)
        audit = not site["missing"]["axe"]
        if front == "voila":
            report = pages.check_voila_page(
                site["context"], site["voila"], f"/voila/render/{name}", audit=audit, opened=opened
            )
        elif front == "lab":
            # the kit's notebooks: one control of each kind per view operated from the keyboard
            # (Tab still walks through all of them); the broken notebook: every control
            keys = True if name.startswith("selftest/") else "sample"
            report = pages.check_lab_notebook(
                site["context"],
                site["lab"],
                f"notebooks/{name}",
                audit=audit,
                opened=opened,
                keys=keys,
            )
        else:
            report = pages.check_notebook7(
                site["context"], site[front], f"notebooks/{name}", audit=audit
            )
        REPORTS[key] = report
        _record(front, report, count_moves=not name.startswith("selftest/"))
    return REPORTS[key]


def _report_timings(request, seconds: float) -> None:
    moves = TIMINGS["moves_ms"]
    lines = [f"[browser] whole browser test: {seconds:.1f} s for {len(TIMINGS['pages'])} page(s)"]
    if moves:
        lines.append(
            "[browser] slider key press -> view changed in the page: median "
            f"{statistics.median(moves):.0f} ms, max {max(moves):.0f} ms over {len(moves)} move(s)"
        )
    if TIMINGS["other_controls_ms"]:
        others = TIMINGS["other_controls_ms"]
        lines.append(
            f"[browser] other controls (dropdown, switch, text box) -> change: median "
            f"{statistics.median(others):.0f} ms over {len(others)} view(s) without a slider"
        )
    for front, times in KEY_MS.items():
        if times:
            lines.append(
                f"[browser] keyboard-only check, {front}: every slider key -> view changed: "
                f"median {statistics.median(times):.0f} ms over {len(times)} key(s)"
            )
    lines += [f"[browser]   {name}: {secs:.1f} s {marks}" for name, secs, marks in TIMINGS["pages"]]
    audits = {r.name: r.axe for r in REPORTS.values() if r.axe}
    if audits:
        lines += ["[browser] axe-core violations (elements per rule):", axe.table(audits)]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "timings.json").write_text(
        json.dumps({"seconds": seconds, **TIMINGS, "keyboard_ms": KEY_MS}, indent=1)
    )
    testing.write_findings(ARTIFACTS / "accessibility-lab-notebook7-voila.txt", REPORTS.values())
    testing.show(request, "\n".join(lines))


def _record(front: str, report, *, count_moves: bool = True) -> None:
    marks = {k: round(v, 1) for k, v in report.marks.items()}
    TIMINGS["pages"].append((report.name, round(report.seconds, 2), marks))
    if not count_moves:
        return
    if front != "notebook7":  # the figures of before: JupyterLab and Voila
        for view in report.views:
            if view.ms is not None:
                key = "moves_ms" if view.control == "slider" else "other_controls_ms"
                TIMINGS[key].append(round(view.ms, 1))
    if front in KEY_MS:
        KEY_MS[front] += [
            round(ms, 1) for r in report.keyboard if r.kind == "slider" for ms in r.ms
        ]


def _assert_clean(report, stored_views: int, *, audited: bool) -> None:
    assert report.ok, report.summary()
    assert len(report.views) >= stored_views, (
        f"{report.name}: the stored notebook shows {stored_views} view(s), the browser found "
        f"{len(report.views)}\n{report.summary()}"
    )
    for view in report.views:
        assert view.rendered, report.summary()
        if view.moved:
            assert view.changed and view.ms is not None, report.summary()
    if audited:  # the audit ran at both moments (its findings are asserted by test_axe_*)
        assert set(report.axe) == {pages.AFTER_RUN_ALL, pages.AFTER_MOVING}, report.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_its_views_respond_in_jupyterlab(site, path):
    report = _page(site, "lab", path.name)
    print(report.summary())
    _assert_clean(report, _stored_view_count(path), audited=not site["missing"]["axe"])
    if report.views:  # the keyboard-only check ran (its findings: test_keyboard_only_*)
        assert report.keyboard, report.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_works_as_a_voila_dashboard(site, path):
    report = _page(site, "voila", path.name)
    print(report.summary())
    _assert_clean(report, _stored_view_count(path), audited=not site["missing"]["axe"])


@pytest.mark.parametrize("path", NOTEBOOK7, ids=[p.stem for p in NOTEBOOK7])
def test_notebook_runs_in_notebook_7(site, path):
    """What `jupyter notebook` opens: it runs, and every widget and view is drawn. (Whether its
    sliders answer the keyboard is test_keyboard_only_in_notebook_7's question.)"""
    report = _page(site, "notebook7", path.name)
    print(report.summary())
    other = [p for p in report.problems if "keyboard" not in p]
    assert not other, report.summary()
    assert len(report.views) >= _stored_view_count(path), report.summary()
    assert all(view.rendered for view in report.views), report.summary()
    if report.views:
        assert report.keyboard, report.name


def test_there_are_notebooks_to_check():
    """Every parametrized test above passes vacuously without notebooks: this one does not."""
    assert NOTEBOOKS, "no notebooks NN_*.ipynb in notebooks/"


def test_voila_tree_lists_every_notebook(site):
    assert NOTEBOOKS, "no notebooks in notebooks/: the Voila tree has nothing to list"
    page = site["context"].new_page()
    try:
        page.goto(site["voila"].url("/"), wait_until="domcontentloaded")
        for path in NOTEBOOKS:
            page.get_by_text(path.name).first.wait_for(timeout=20_000)
    except Exception as exc:
        shot = screenshot(page, "voila-tree")
        raise AssertionError(
            f"the Voila tree does not list every notebook; screenshot: {shot}"
        ) from exc
    finally:
        page.close()


# --------------------------------------------------------------------------- accessibility


def _needs_axe(site) -> None:
    testing.require(site["missing"]["axe"], "the accessibility audit (axe-core)")


PAGES = [(front, p) for p in NOTEBOOKS for front in ("lab", "voila")] + [
    ("notebook7", p) for p in NOTEBOOK7
]


@testing.AXE_XFAIL
@pytest.mark.parametrize(("front", "path"), PAGES, ids=[f"{f}-{p.stem}" for f, p in PAGES])
def test_axe_finds_no_wcag_violation(site, path, front):
    _needs_axe(site)
    report = _page(site, front, path.name)
    print(axe.table({report.name: report.axe}))
    assert set(report.axe) == {pages.AFTER_RUN_ALL, pages.AFTER_MOVING}, report.summary()
    axe.assert_none(report.name, report.axe)


def _assert_keyboard_works(report) -> None:
    print(keyboard.summary(report.name, report.keyboard))
    assert report.views and report.keyboard, report.summary()
    problems = keyboard.findings(report.keyboard)
    assert not problems, f"{report.name}: keyboard-only findings\n  " + "\n  ".join(problems)


@testing.KEYBOARD_XFAIL
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_keyboard_only_in_jupyterlab(site, path):
    _assert_keyboard_works(_page(site, "lab", path.name))


@testing.KEYBOARD_XFAIL
@pytest.mark.parametrize("path", NOTEBOOK7, ids=[p.stem for p in NOTEBOOK7])
def test_keyboard_only_in_notebook_7(site, path):
    _assert_keyboard_works(_page(site, "notebook7", path.name))


# --------------------------------------------------------------------------- proof they fail


def _assert_rejected(report) -> None:
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
    report = _page(site, "lab", BROKEN)
    _assert_rejected(report)
    testing.assert_accessibility_rejected(report, audited=not site["missing"]["axe"])


def test_checks_reject_a_broken_notebook_in_voila(site):
    report = _page(site, "voila", BROKEN)
    _assert_rejected(report)
    if not site["missing"]["axe"]:
        assert {v.rule for m in report.axe.values() for v in m} >= {"image-alt", "button-name"}


@pytest.mark.parametrize("ci", ["", "true"])
def test_missing_browser_skips_with_a_hint_but_fails_under_ci(ci):
    """This module's and the browser edition's (tests/test_site.py) browser tests, in one run."""
    run = testing.run_without_browser(
        ["tests/test_browser.py", "tests/test_site.py"],
        "voila_tree or no_request_left",
        ci=ci,
        root=ROOT,
    )
    out = run.stdout + run.stderr
    assert "apt-get install chromium" in out, out
    if ci:
        assert run.returncode == 1 and "2 error" in out, out
        assert "CI=true but the browser test cannot run" in out, out
        assert "CI=true but the site's browser test cannot run" in out, out
    else:
        assert run.returncode == 0 and "2 skipped" in out, out


# --------------------------------------------------------------------------- without a browser


def test_a_tampered_axe_core_download_is_refused(tmp_path):
    testing.require(axe.problem(), "the accessibility audit (axe-core)")
    cached = axe.fetch()
    tampered = tmp_path / "downloads" / cached.name
    tampered.parent.mkdir()
    data = bytearray(cached.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    with pytest.raises(site_build.HashMismatch, match=cached.name):
        axe.fetch(tmp_path)
    shutil.copy2(cached, tampered)  # the published file passes
    assert axe.fetch(tmp_path) == tampered


@pytest.mark.parametrize("name", sorted(p.stem for p in scripts.FOLDER.glob("*.js")))
def test_every_page_script_is_one_function_expression(name):
    text = scripts.script(name)
    assert not re.search(r"__[A-Z_]+__", text), "a placeholder was left in"
    assert text.startswith(("(", "async (", "() =>")), text[:40]
    node = shutil.which("node")
    if node:  # a syntax error shows here, not in the middle of a browser run
        check = subprocess.run(
            [node, "-e", f"const f = ({text}); if (typeof f !== 'function') process.exit(3);"],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr


def test_an_unknown_script_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="find_views"):
        scripts.script("no_such_script")
