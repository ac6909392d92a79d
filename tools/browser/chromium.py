"""Find and launch headless Chromium: the one launch function of the browser tests.

Debian's ``/usr/bin/chromium`` (or ``$KIT_CHROMIUM``, or one on PATH) is driven by Playwright for
Python; no ``playwright install`` download is needed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

#: Chromium options for a headless run in a container or a CI machine (no sandbox as root, no
#: GPU, no background traffic, no first-run dialogs).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]

HOW_TO_ENABLE = (
    "The browser test needs Playwright for Python (in requirements.txt) and a Chromium: on "
    "Debian/Ubuntu `sudo apt-get install chromium`; elsewhere `python -m playwright install "
    "chromium`, or point KIT_CHROMIUM at a Chrome/Chromium executable. Under CI=true a "
    "missing browser fails the test instead of skipping it."
)

_CANDIDATES = (
    "/usr/bin/chromium",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)


def find_chromium() -> str | None:
    """A Chromium/Chrome executable: $KIT_CHROMIUM, Debian's chromium, or one on PATH.

    Returns
    -------
    str or None
        Its path, or None if there is none (Playwright's own downloaded browser is tried at
        launch).
    """
    wanted = os.environ.get("KIT_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_problem() -> str | None:
    """Why the browser tests cannot run here (None if they can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed. " + HOW_TO_ENABLE
    wanted = os.environ.get("KIT_CHROMIUM")
    if wanted and not Path(wanted).exists():
        return f"KIT_CHROMIUM is {wanted!r}, which does not exist. " + HOW_TO_ENABLE
    if find_chromium() is None and not _playwright_has_own_chromium():
        return "No Chromium found. " + HOW_TO_ENABLE
    return None


def _playwright_has_own_chromium() -> bool:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            return Path(p.chromium.executable_path).exists()
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return False


def launch(playwright, home: Path | None = None, *, extra_args: Sequence[str] = ()):
    """Launch headless Chromium with the kit's flags.

    Parameters
    ----------
    playwright : playwright.sync_api.Playwright
        A started Playwright.
    home : Path, optional
        A folder for the browser's HOME and XDG folders (created), so nothing is written to
        the user's.
    extra_args : sequence of str
        Chromium options on top of :data:`CHROMIUM_FLAGS` (the browser edition's test blocks
        every other host with one).

    Returns
    -------
    playwright.sync_api.Browser
    """
    options = {"headless": True, "args": [*CHROMIUM_FLAGS, *extra_args]}
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
        options["env"] = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
        }
    executable = find_chromium()
    if executable:
        options["executable_path"] = executable
    return playwright.chromium.launch(**options)
