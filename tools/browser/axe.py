"""The accessibility audit: axe-core run in the page, on the kit's output areas only.

axe-core (npm ``axe-core``, :data:`VERSION`) is fetched once with ``npm pack`` into the kit's
download cache (``.cache/browser/downloads/``, git-ignored) and checked against the npm
registry's published sha512 (:data:`DOWNLOAD`) every time it is used: a file that does not match
is refused. Without npm, the same tarball is downloaded from the registry's address. The page
gets it as a script tag: nothing is fetched by the page.

The audit runs the rules of WCAG 2.0 and 2.1, levels A and AA (:data:`TAGS`), limited to the
kit's output areas (:data:`SCOPE`: ``.jp-OutputArea`` in JupyterLab, Notebook 7, JupyterLite
and Voila): the application's own chrome is not the kit's to fix.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tools import site
from tools.browser import ROOT
from tools.browser.scripts import script

#: Whether the tests assert 0 violations. True since the kit's accessible widgets (issue 20,
#: livekit/accessible.py) and its figures shown with their text (December 2026: 0 violations in
#: every notebook, in JupyterLab, Notebook 7, Voila and the browser edition). Set to False, the
#: audits still run and print their report, and the "0 violations" tests are expected failures.
ENFORCED = True

VERSION = "4.14.1"
#: The npm tarball of axe-core and the registry's ``dist.integrity`` for it (sha512, base64).
DOWNLOAD = site.Download(
    f"axe-core-{VERSION}.tgz",
    f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz",
    "sha512",
    "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
)
CACHE = ROOT / ".cache" / "browser"
#: WCAG 2.0 and 2.1, levels A and AA.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: The kit's part of a page: the cells' output areas.
SCOPE = ".jp-OutputArea"


@dataclass
class Violation:
    """One axe rule broken in a page: the rule, how bad, what it asks, and where."""

    rule: str
    impact: str | None
    help: str
    targets: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)


def fetch(cache: Path = CACHE) -> Path:
    """The axe-core tarball in ``cache/downloads/``, fetched first if needed, hash-checked.

    Raises
    ------
    tools.site.HashMismatch
        If the file is not the published one (it is not used).
    subprocess.CalledProcessError, OSError
        If it cannot be fetched.
    """
    folder = cache / "downloads"
    target = folder / DOWNLOAD.name
    npm = shutil.which("npm")
    if not target.exists() and npm:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "pack", f"axe-core@{VERSION}", "--pack-destination", str(folder), "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=300,
        )
    return site.fetch(DOWNLOAD, cache)  # downloads it if npm could not, and checks the hash


@cache
def source(cache: Path = CACHE) -> str:
    """The text of ``axe.min.js`` from the checked tarball."""
    with tarfile.open(fetch(cache)) as archive:
        member = archive.extractfile("package/axe.min.js")
        return member.read().decode("utf-8")


def problem(cache: Path = CACHE) -> str | None:
    """Why the audit cannot run here (None if it can). A hash mismatch is not a "cannot": it
    raises :class:`tools.site.HashMismatch`."""
    try:
        source(cache)
    except (OSError, subprocess.SubprocessError, tarfile.TarError, KeyError) as exc:
        return (
            f"axe-core {VERSION} could not be fetched ({type(exc).__name__}: {exc}); the "
            "accessibility audit needs npm (Node.js) or access to the npm registry once: "
            f"`npm pack axe-core@{VERSION}` into {CACHE / 'downloads'}"
        )
    return None


def audit(page, scope: str = SCOPE) -> list[Violation]:
    """Run axe-core in ``page`` on the elements matching ``scope``, WCAG 2.0/2.1 A and AA.

    Parameters
    ----------
    page : playwright.sync_api.Page
    scope : str
        A CSS selector; every element it matches is audited, nothing else.

    Returns
    -------
    list of Violation
        One per rule broken (empty when none is).
    """
    if not page.evaluate("() => !!(window.axe && window.axe.run)"):
        page.add_script_tag(content=source())
    found = page.evaluate(script("axe_run"), {"scope": scope, "tags": list(TAGS)})
    if "error" in found:
        raise RuntimeError(f"axe could not run: {found['error']}")
    return [
        Violation(
            rule=v["rule"],
            impact=v["impact"],
            help=v["help"],
            targets=[n["target"] for n in v["nodes"]],
            html=[n["html"] for n in v["nodes"]],
        )
        for v in found["violations"]
    ]


def rule_counts(violations: list[Violation]) -> Counter:
    """How many elements break each rule."""
    return Counter({v.rule: len(v.targets) for v in violations})


def table(audits: dict[str, dict[str, list[Violation]]]) -> str:
    """A plain-text report: per page (front end and notebook) and moment, elements per rule.

    Parameters
    ----------
    audits : dict
        ``{page name: {moment: violations}}``, e.g. ``{"lab:00": {"after Run All": [...]}}``.
    """
    lines = []
    for name, moments in audits.items():
        for moment, violations in moments.items():
            counts = rule_counts(violations)
            rules = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())) or "none"
            lines.append(f"{name} ({moment}): {sum(counts.values())} element(s): {rules}")
    return "\n".join(lines)


def assert_none(name: str, moments: dict[str, list[Violation]]) -> None:
    """Fail (AssertionError) with the violations if any moment of a page has one."""
    broken = {m: v for m, v in moments.items() if v}
    if broken:
        detail = "\n".join(
            f"  {moment}: {v.rule} ({v.impact}, {len(v.targets)}): {v.help}; e.g. {v.html[0]!r}"
            for moment, violations in broken.items()
            for v in violations
        )
        raise AssertionError(f"{name}: axe-core {VERSION} found WCAG A/AA violations\n{detail}")
