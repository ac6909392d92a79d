"""Helpers for the browser tests' pytest modules (``tests/test_browser.py``,
``tests/test_site.py``): skip or fail when a piece is missing, print past pytest's capture,
the check that a missing browser is handled, and the marks that turn the accessibility tests
into expected failures while a switch (``axe.ENFORCED``, ``keyboard.ENFORCED``) is off.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.browser import axe, keyboard

#: "0 axe violations": an expected failure while ``axe.ENFORCED`` is off (it is on).
AXE_XFAIL = pytest.mark.xfail(
    not axe.ENFORCED, reason="axe.ENFORCED is off: the audit's findings are printed, not asserted"
)
#: "every control works from the keyboard": the same for ``keyboard.ENFORCED`` (it is on).
KEYBOARD_XFAIL = pytest.mark.xfail(
    not keyboard.ENFORCED,
    reason="keyboard.ENFORCED is off: the keyboard check's findings are printed, not asserted",
)


def under_ci() -> bool:
    """Whether ``CI=true``: then a missing piece fails a test instead of skipping it."""
    return os.environ.get("CI", "").lower() == "true"


def require(problem: str | None, what: str, request=None) -> None:
    """Skip the test (with ``problem`` as the reason), or fail it under ``CI=true``.

    Parameters
    ----------
    problem : str or None
        Why the piece is missing (None: nothing to do).
    what : str
        What cannot run, e.g. ``"the browser test"``; the CI message reads "CI=true but
        {what} cannot run: {problem}".
    request : pytest.FixtureRequest, optional
        If given, the reason is also printed past pytest's capture (visible without -rs).
    """
    if not problem:
        return
    if under_ci():
        pytest.fail(f"CI=true but {what} cannot run: {problem}", pytrace=False)
    if request is not None:
        show(request, f"[browser] {what} skipped: {problem}")
    pytest.skip(problem)


def show(request, text: str) -> None:
    """Print even though pytest captures output (timings, reports, why tests were skipped)."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print("\n" + text, flush=True)


def assert_accessibility_rejected(report, *, audited: bool) -> None:
    """The broken notebook's nameless figure and controls are axe violations (and the "0
    violations" assertion fails on them); its dead view and hidden, ringless controls are
    keyboard findings (see :mod:`tools.browser.selftest`).

    Parameters
    ----------
    report : tools.browser.checks.PageReport
        The broken notebook's page, in JupyterLab or the browser edition.
    audited : bool
        Whether the axe audit ran (False when axe-core is not available here).
    """
    from tools.browser import selftest

    if audited:
        found = {v.rule for moment in report.axe.values() for v in moment}
        assert selftest.NAMELESS_RULES & found >= {"image-alt", "button-name"}, found
        assert {"aria-input-field-name", "label"} & found, found
        with pytest.raises(AssertionError, match="image-alt"):
            axe.assert_none(report.name, report.axe)
    dead = [r for r in report.keyboard if r.view == "dead view"]
    problems = "\n".join(keyboard.findings(dead))
    assert "Tab never reaches it" in problems, problems
    assert "no visible focus indicator" in problems, problems
    assert "the view did not change" in problems, problems
    good = [r for r in report.keyboard if r.view == "Your first slider view" and r.kind == "slider"]
    operated = [r for r in good if r.responded is not None]  # one a view in a sampled check
    assert operated and all(r.responded and r.view_changed for r in operated), good


def write_findings(path: Path, reports) -> Path:
    """Write every page's axe violations and keyboard findings to a text file (for the report
    of a run; the tests print the summaries).

    Parameters
    ----------
    path : Path
        The file to write (its folder is created).
    reports : iterable of tools.browser.checks.PageReport
    """
    from tools.browser import axe, keyboard

    lines = []
    for report in reports:
        lines.append(f"== {report.name}")
        if report.axe:
            lines.append(axe.table({report.name: report.axe}))
        if report.keyboard:
            lines.append(keyboard.summary(report.name, report.keyboard))
            lines += [f"  {line}" for line in keyboard.findings(report.keyboard)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_without_browser(
    test_file: str | list[str], selector: str, *, ci: str, root: Path
) -> subprocess.CompletedProcess:
    """Run browser tests of ``test_file`` (``-k selector``) as if no Chromium existed.

    For the tests' own check that a missing browser is skipped with a hint on a laptop and fails
    under ``CI=true`` (``ci="true"``).

    Parameters
    ----------
    test_file : str or list of str
        The test module(s), relative to ``root`` (one run of pytest for all).
    selector : str
        A ``pytest -k`` expression choosing the tests that need the browser (one a module).
    ci : str
        The value of ``CI`` for the run ("" or "true").
    root : Path
        The checkout, the run's working folder.

    Returns
    -------
    subprocess.CompletedProcess
        With ``stdout`` and ``stderr`` as text.
    """
    missing = root / "test-artifacts" / "no-such-chromium"
    env = dict(os.environ, KIT_CHROMIUM=str(missing), CI=ci)
    files = [test_file] if isinstance(test_file, str) else list(test_file)
    argv = [sys.executable, "-m", "pytest", *files, "-k", selector, "-rs", "-q"]
    return subprocess.run(
        [*argv, "-p", "no:randomly"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
