"""The browser edition (``_site/``) in headless Chromium, with every other host blocked.

Shared by ``tests/test_site.py`` and ``benchmarks/bench_site.py``. The page checks themselves
(Run All, no error output, every view drawn, one slider per view moved with the keyboard, the
axe audit and the keyboard-only check) are those of :mod:`tools.browser.pages`, used
unchanged; this module adds what a static site needs: a browser context in which any request
to a host other than the site's own is blocked and counted (and a request the site cannot
answer is recorded). The site is served by :func:`tools.browser.servers.serve_static`, and
Chromium launched by :func:`tools.browser.chromium.launch` with :data:`SITE_FLAGS`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from tools.browser import pages
from tools.browser.checks import PageReport

#: Chromium options on top of :data:`tools.browser.chromium.CHROMIUM_FLAGS`: any host name
#: other than 127.0.0.1 fails to resolve, as a second lock behind the request blocking below.
SITE_FLAGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@dataclass
class Traffic:
    """What the pages of one browser context asked for."""

    origin: str
    outside: list[str] = field(default_factory=list)  # blocked: another host
    missing: list[str] = field(default_factory=list)  # the site answered 4xx/5xx

    def problems(self) -> list[str]:
        """One line per kind of unwanted request (empty when there was none)."""
        out = []
        if self.outside:
            out.append(
                f"{len(self.outside)} request(s) to another host (blocked): {self.outside[:5]}"
            )
        if self.missing:
            out.append(
                f"{len(self.missing)} request(s) the site could not answer: {self.missing[:5]}"
            )
        return out


#: Requests JupyterLite makes on purpose for files a site may or may not have (optional
#: settings and translations, each page's own optional config): a 404 there is normal.
_OPTIONAL = ("jupyter-lite.ipynb", "/api/translations/", "/lab/api/", "favicon.ico")
#: JupyterLite also asks the site for the listing of every folder in the browser's storage
#: (``/api/contents/<folder>/all.json``), folders the site cannot have: a folder the kernel made
#: (a view's "Save figure" writes ``exports/``; JupyterLite makes it as "Untitled Folder" and
#: renames it). The site's own listing, ``/api/contents/all.json``, must be there.
_FOLDER_LISTING = re.compile(r"/api/contents/.+/all\.json$")


def guarded_context(chromium, origin: str, **options):
    """A new browser context where only ``origin`` is reachable; returns (context, traffic)."""
    traffic = Traffic(origin=origin)
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="allow", **options
    )

    def route(request_route):
        url = request_route.request.url
        if url.startswith(origin + "/") or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            traffic.outside.append(url)
            request_route.abort("blockedbyclient")

    def response(resp):
        if (
            resp.url.startswith(origin + "/")
            and resp.status >= 400
            and not any(o in resp.url for o in _OPTIONAL)
            and not (resp.status == 404 and _FOLDER_LISTING.search(urlsplit(resp.url).path))
        ):
            traffic.missing.append(f"{resp.status} {urlsplit(resp.url).path}")

    context.route("**/*", route)
    context.on("response", response)
    return context, traffic


def notebook_url(origin: str, name: str) -> str:
    """The address of one notebook in the site's JupyterLab."""
    return f"{origin}/lab/index.html?path={quote(name)}"


def check_notebook(
    context,
    origin: str,
    name: str,
    *,
    timeout: float = 240.0,
    marks: dict | None = None,
    on_ran=None,
    audit: bool = True,
    keys: bool | str = "sample",
) -> PageReport:
    """Open notebook ``name`` in the site, Run All and check it (see :mod:`.pages`); ``audit``:
    whether to run the axe audit; ``keys``: the keyboard-only check, by default on one control
    of each kind per view (the widgets are JupyterLab's, checked in full by
    ``tests/test_browser.py``; what differs here is JupyterLite's own key handling)."""
    return pages.check_lab_url(
        context,
        notebook_url(origin, name),
        name=f"site:{name}",
        timeout=timeout,
        marks=marks,
        on_ran=on_ran,
        audit=audit,
        keys=keys,
    )


def stored_text_outputs(path: Path) -> list[list[str]]:
    """What ``js/text_outputs.js`` reads in the page, read from the notebook as stored (run in
    CPython): per code cell, its stdout (``"stdout:..."``) and results (``"result:..."``)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cells.append([text for o in cell.get("outputs", []) if (text := _as_text(o))])
    return cells


def _as_text(output: dict) -> str | None:
    data = output.get("data", {})
    if output["output_type"] == "stream":
        return "stdout:" + "".join(output["text"]) if output["name"] == "stdout" else None
    if "application/vnd.jupyter.widget-view+json" in data:
        return None
    if output["output_type"] == "execute_result" and "text/plain" in data:
        return "result:" + "".join(data["text/plain"])
    return None
