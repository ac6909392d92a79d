"""Open the browser edition (``_site/``) in headless Chromium with every other host blocked.

Shared by ``tests/test_site.py`` and ``benchmarks/bench_site.py``. The page checks themselves
(Run All, no error output, every view drawn, one slider per view moved with the keyboard) are
those of :mod:`tools.browser`, used unchanged; this module adds what a static site needs: a
local HTTP server, and a browser context in which any request to a host other than the site's
own is blocked and counted (and a request the site cannot answer is recorded).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from tools import browser, site

#: Chromium options on top of :data:`tools.browser.CHROMIUM_FLAGS`: any host name other than
#: 127.0.0.1 fails to resolve, as a second lock behind the request blocking below.
SITE_FLAGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@dataclass
class Traffic:
    """What the pages of one browser context asked for."""

    origin: str
    outside: list[str] = field(default_factory=list)  # blocked: another host
    missing: list[str] = field(default_factory=list)  # the site answered 4xx/5xx

    def problems(self) -> list[str]:
        out = (
            [f"{len(self.outside)} request(s) to another host (blocked): {self.outside[:5]}"]
            if self.outside
            else []
        )
        if self.missing:
            out.append(
                f"{len(self.missing)} request(s) the site could not answer: {self.missing[:5]}"
            )
        return out


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    server = site.make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright, home: Path):
    """Headless Chromium with the kit's flags, other hosts unresolvable."""
    executable = browser.find_chromium()
    home.mkdir(parents=True, exist_ok=True)
    options = {"headless": True, "args": [*browser.CHROMIUM_FLAGS, *SITE_FLAGS]}
    if executable:
        options["executable_path"] = executable
    return playwright.chromium.launch(**options)


#: Requests JupyterLite makes on purpose for files a site may or may not have (optional
#: settings and translations, each page's own optional config): a 404 there is normal.
_OPTIONAL = ("jupyter-lite.ipynb", "/api/translations/", "/lab/api/", "favicon.ico")


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
) -> browser.PageReport:
    """Open notebook ``name`` in the site, Run All and check every view (see tools.browser)."""
    return browser.check_lab_url(
        context,
        notebook_url(origin, name),
        name=f"site:{name}",
        timeout=timeout,
        marks=marks,
        on_ran=on_ran,
    )


#: Every code cell's text outputs in the open notebook, as JupyterLab holds them after a run:
#: the result's text/plain (not for widgets) and what it printed on stdout.
JS_TEXT_OUTPUTS = """
() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    out.push(cell.outputs.toJSON().map(o => {
      if (o.output_type === 'stream') return o.name === 'stdout' ? 'stdout:' + [].concat(o.text).join('') : null;
      const data = o.data || {};
      if (data['application/vnd.jupyter.widget-view+json']) return null;
      if (o.output_type === 'execute_result' && data['text/plain'] !== undefined) return 'result:' + [].concat(data['text/plain']).join('');
      return null;
    }).filter(x => x !== null));
  }
  return out;
}
"""


#: What every code cell of the open notebook wrote on stderr, one string per output, each
#: prefixed "cell N: " (N counts code cells from 1).
JS_STDERR = """
() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  let n = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    n += 1;
    for (const o of cell.outputs.toJSON()) {
      if (o.output_type === 'stream' && o.name === 'stderr') out.push(`cell ${n}: ` + [].concat(o.text).join(''));
    }
  }
  return out;
}
"""


def stored_text_outputs(path: Path) -> list[list[str]]:
    """The same as :data:`JS_TEXT_OUTPUTS`, read from the notebook as stored (run in CPython)."""
    import json

    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        outs = []
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if o["output_type"] == "stream":
                if o["name"] == "stdout":
                    outs.append("stdout:" + "".join(o["text"]))
            elif "application/vnd.jupyter.widget-view+json" in data:
                continue
            elif o["output_type"] == "execute_result" and "text/plain" in data:
                outs.append("result:" + "".join(data["text/plain"]))
        cells.append(outs)
    return cells
