"""Drive the kit's notebooks in a real browser: JupyterLab or Voila, and headless Chromium.

Used by ``tests/test_browser.py``; also runnable by hand to look at one notebook::

    python -m tools.browser                      # every notebook, in JupyterLab and Voila
    python -m tools.browser notebooks/00_start_here.ipynb

What it checks in a page, once every cell has run (see :func:`inspect_page`):

* no cell shows an error (an error output, or a traceback on stderr);
* every widget output is drawn as a widget: not "Error displaying widget ..." and not its text
  fallback (``<livekit view: ...>``), which is what a student sees when the widget half of
  JupyterLab is missing;
* every slider view (a :class:`livekit.views.View`, CSS class ``livekit-view``) shows a picture
  that has loaded;
* for each view, one slider moved with the keyboard (focus the handle, press an arrow key)
  changes what the view shows: the picture (the image's ``src``) or its numbers. A view without
  a slider has its first other control operated the same way (a dropdown with an arrow key, a
  switch or tick box with Space, a text box by typing). The time from the key press to that
  change is measured in the page itself.

The servers run with every Jupyter, IPython, matplotlib and browser folder in a temporary
directory, bound to 127.0.0.1 with a random token, and are always stopped (also on failure).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
ARTIFACTS = ROOT / "test-artifacts" / "browser"

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

# JupyterLab settings for a quiet, deterministic test session: every cell stays in the page
# (no virtual scrolling, so every widget can be inspected), no autosave, no news pop-up.
_LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def notebooks() -> list[Path]:
    """The kit's notebooks, in order."""
    return sorted((ROOT / "notebooks").glob(NOTEBOOK_GLOB))


def find_chromium() -> str | None:
    """A Chromium/Chrome executable: $KIT_CHROMIUM, Debian's chromium, or one on PATH.

    Returns None if there is none (Playwright's own downloaded browser is tried at launch).
    """
    wanted = os.environ.get("KIT_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in (
        "/usr/bin/chromium",
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_problem() -> str | None:
    """Why the browser test cannot run here (None if it can)."""
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


def launch_browser(playwright, home: Path | None = None):
    """Launch headless Chromium with the kit's flags (and HOME in ``home``, if given)."""
    executable = find_chromium()
    options = {"headless": True, "args": CHROMIUM_FLAGS}
    if home is not None:
        home.mkdir(parents=True, exist_ok=True)
        options["env"] = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
        }
    if executable:
        options["executable_path"] = executable
    return playwright.chromium.launch(**options)


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(base: Path) -> dict[str, str]:
    """Environment variables putting every Jupyter/IPython/matplotlib/browser folder under base."""
    env = dict(os.environ)
    folders = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter/config",
        "JUPYTER_DATA_DIR": "jupyter/data",
        "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
        "JUPYTERLAB_SETTINGS_DIR": "jupyter/lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "jupyter/lab-workspaces",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
        "XDG_CONFIG_HOME": "home/.config",
        "XDG_CACHE_HOME": "home/.cache",
    }
    for var, sub in folders.items():
        path = base / sub
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_TOKEN", None)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"])
    for name, value in _LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value))
    return env


class Server:
    """A Jupyter server process (JupyterLab or Voila) on 127.0.0.1 with a token.

    Use as a context manager: the process (and the kernels it started) is always stopped.
    """

    def __init__(
        self,
        argv: list[str],
        *,
        env: dict[str, str],
        cwd: Path,
        port: int,
        token: str,
        log: Path,
        ready_path: str,
    ) -> None:
        self.argv, self.env, self.cwd = argv, env, cwd
        self.port, self.token, self.log = port, token, log
        self.base_url = f"http://127.0.0.1:{port}"
        self.ready_path = ready_path
        self.process: subprocess.Popen | None = None

    def url(self, path: str, **query: str) -> str:
        params = "&".join(
            [f"token={self.token}", *(f"{k}={v}" if v else k for k, v in query.items())]
        )
        return f"{self.base_url}{path}?{params}"

    def start(self, timeout: float = 60) -> Server:
        """Launch the server and wait until it answers."""
        self.launch()
        return self.wait_ready(timeout)

    def launch(self) -> None:
        """Start the process without waiting (to start several servers side by side)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log.open("wb")
        # A session of its own, so stop() can end the server and the kernels it started.
        self.process = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> Server:
        """Wait until the server answers HTTP requests; stop it and raise if it does not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.process.returncode}; log: {self.log}\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(self.url(self.ready_path), timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"server did not answer within {timeout:.0f} s; log: {self.log}\n{self.log_tail()}"
        )

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()  # SIGTERM: Jupyter shuts its kernels down, then exits
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        if os.name != "nt":
            try:  # kernels left behind by a server that did not shut down cleanly
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        self._log_file.close()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def lab_server(root_dir: Path, base: Path) -> Server:
    """JupyterLab serving root_dir, with the app exposed to the page for the checks."""
    port, token = free_port(), secrets.token_hex(16)
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
        "--ServerApp.open_browser=False",
        "--LabApp.news_url=",
        "--ServerApp.allow_root=True",
    ]
    return Server(
        argv,
        env=isolated_env(base),
        cwd=root_dir,
        port=port,
        token=token,
        log=base / "lab.log",
        ready_path="/api/status",
    )


def voila_server(target: Path, base: Path) -> Server:
    """Voila (projector mode) started exactly as ``python kit.py voila`` does, on a test port."""
    sys.path.insert(0, str(ROOT))
    try:
        import kit
    finally:
        sys.path.remove(str(ROOT))
    port, token = free_port(), secrets.token_hex(16)
    args = kit.voila_arguments([str(target)])
    argv = [
        sys.executable,
        "-m",
        "voila",
        *args,
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--token={token}",
        "--show_tracebacks=True",
    ]
    return Server(
        argv,
        env=isolated_env(base),
        cwd=target if target.is_dir() else target.parent,
        port=port,
        token=token,
        log=base / "voila.log",
        ready_path="/",
    )


# --------------------------------------------------------------------------- checks in a page


@dataclass
class ViewResult:
    """One slider view as seen in the browser."""

    index: int
    title: str
    rendered: bool
    control: str | None = None  # the kind of control operated: "slider", "select", ...
    moved: bool = False
    changed: bool = False
    ms: float | None = None


@dataclass
class PageReport:
    """What :func:`inspect_page` found: problems (empty when all is well) and the views."""

    name: str
    problems: list[str] = field(default_factory=list)
    views: list[ViewResult] = field(default_factory=list)
    seconds: float = 0.0
    screenshot: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        times = [
            f"{v.ms:.0f}" + ("" if v.control == "slider" else f" ({v.control})")
            for v in self.views
            if v.ms is not None
        ]
        text = (
            f"{self.name}: {len(self.views)} view(s), slider-to-change ms [{', '.join(times)}], "
            f"{self.seconds:.1f} s"
        )
        if self.problems:
            text += "\n  " + "\n  ".join(self.problems)
        if self.screenshot:
            text += f"\n  screenshot: {self.screenshot}"
        return text


# Widget outputs in the page: JupyterLab marks them with their MIME type, Voila does not, but
# both put the drawn widget (class jupyter-widgets) inside the output.
_JS_WIDGET_OUTPUTS = """
() => {
  const mime = 'application/vnd.jupyter.widget-view+json';
  const outs = [...document.querySelectorAll('.jp-OutputArea-output')].filter(o =>
    o.getAttribute('data-mime-type') === mime || o.querySelector(':scope > .jupyter-widgets')
    || o.innerText.includes('Error displaying widget'));
  return outs.map(o => ({
    drawn: !!o.querySelector('.jupyter-widgets, .widget-box, .widget-inline-hbox, .widget-html, .widget-image, .widget-button'),
    // ipywidgets 8 draws a widget whose code cannot load as an error icon
    // ("Click to show javascript error"); older versions print "Error displaying widget"
    error: o.querySelector('.jupyter-widgets-error-widget')
      ? 'ipywidgets error widget: ' + (o.innerText.trim() || 'could not render').slice(0, 200)
      : (o.innerText.includes('Error displaying widget') ? o.innerText.slice(0, 200) : ''),
  }));
}
"""

_JS_FIND_VIEWS = """
() => {
  const found = [];
  for (const v of document.querySelectorAll('.livekit-view')) found.push(v);
  // a box holding an image and a slider that is not a livekit View still counts as a view
  for (const img of document.querySelectorAll('.widget-image')) {
    if (img.closest('.livekit-view')) continue;
    let el = img.parentElement;
    while (el && !el.classList.contains('jp-OutputArea-output')) {
      if (el.querySelector('.widget-slider') && !found.includes(el)) { found.push(el); break; }
      el = el.parentElement;
    }
  }
  return found.map((v, i) => {
    v.setAttribute('data-kit-view', String(i));
    const heading = v.querySelector('.widget-html b');
    return heading ? heading.innerText : `view ${i}`;
  });
}
"""

# What a view shows: its pictures (an Image widget's src changes with every new PNG) and the
# text of its HTML widgets (readout, error line); not the sliders' own value labels.
_JS_SIGNATURE = """
(view) => {
  const imgs = [...view.querySelectorAll('img')].map(i => i.src).join('|');
  const html = [...view.querySelectorAll('.widget-html, .widget-htmlmath')]
    .filter(h => !h.closest('.widget-slider')).map(h => h.innerText).join('|');
  return imgs + '#' + html;
}
""".strip()

_JS_RENDERED = """
(view) => {
  const imgs = [...view.querySelectorAll('.widget-image')];
  if (imgs.length === 0) return view.innerText.trim().length > 0;
  return imgs.every(i => i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0);
}
"""

# The control to operate in a view: a slider if it has one, else its first other control (not
# the "Save figure" row, nor a "predict, then check" item). It is marked with data-kit-control;
# returns its kind.
_JS_PICK_CONTROL = """
(view) => {
  const kinds = [
    ['slider', '.widget-slider .noUi-handle'], ['select', 'select'],
    ['button', '.widget-toggle-buttons button:not(.mod-active), button.widget-toggle-button:not(.widget-toggle-buttons *)'],
    ['checkbox', 'input[type=checkbox]'], ['radio', 'input[type=radio]'],
    ['text', 'textarea, input[type=text], input[type=number]'],
  ];
  const all = kinds.map(([, s]) => s).join(', ');
  const usable = e => !e.closest('.livekit-save') && !e.closest('.livekit-predict') && !e.disabled;
  view.querySelectorAll('[data-kit-control]').forEach(e => e.removeAttribute('data-kit-control'));
  const el = [...view.querySelectorAll(kinds[0][1])].find(usable)
          || [...view.querySelectorAll(all)].find(usable);
  if (!el) return null;
  el.setAttribute('data-kit-control', '1');
  return kinds.find(([, s]) => el.matches(s))[0];
}
"""

#: Keys that operate each kind of control; a second entry is tried if the first changes nothing
#: (a slider at its maximum, a dropdown on its last option).
_KEYS = {
    "slider": ("ArrowRight", "ArrowLeft"),
    "select": ("ArrowDown", "ArrowUp"),
    "button": ("Space",),
    "checkbox": ("Space",),
    "radio": ("ArrowDown", "ArrowUp"),
    "text": ("type:x",),
}

_JS_ARM = """
(view) => {
  const sig = SIGNATURE;
  const state = {before: sig(view), keyAt: null, changedAt: null};
  window.__kitMove = state;
  // the time of the last key press before the view changed (Tab, for a text box)
  const control = view.querySelector('[data-kit-control]');
  const onKey = () => { if (state.changedAt === null) state.keyAt = performance.now(); };
  control.addEventListener('keydown', onKey, {capture: true});
  const observer = new MutationObserver(() => {
    if (state.changedAt === null && sig(view) !== state.before) {
      state.changedAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(view, {subtree: true, attributes: true, childList: true, characterData: true});
  return state.before;
}
""".replace("SIGNATURE", _JS_SIGNATURE)


def _error_text(view_locator) -> str:
    text = view_locator.inner_text()
    return text if "Cannot update" in text else ""


def check_views(
    page,
    report: PageReport,
    *,
    expected_widgets: int,
    render_timeout: float = 15.0,
    move_timeout: float = 5.0,
) -> None:
    """Check every widget output and slider view in the page; add what is wrong to report.

    ``expected_widgets`` is how many widget outputs the notebook produced (read from the
    notebook model or the page source, not from what was drawn).
    """
    # widget outputs: all drawn, none showing an error or its text fallback
    deadline = time.monotonic() + render_timeout

    def settled(outputs) -> bool:
        done = [o for o in outputs if o["drawn"] or o["error"]]
        return len(done) == len(outputs) and len(outputs) >= expected_widgets

    outputs = page.evaluate(_JS_WIDGET_OUTPUTS)
    while not settled(outputs) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        outputs = page.evaluate(_JS_WIDGET_OUTPUTS)
    drawn = sum(1 for o in outputs if o["drawn"] and not o["error"])
    if drawn < expected_widgets:
        report.problems.append(
            f"{expected_widgets} widget output(s) in the notebook, {drawn} drawn as widgets"
        )
    for number, output in enumerate(outputs, 1):
        if output["error"]:
            report.problems.append(f"widget output {number} shows an error: {output['error']!r}")
        elif not output["drawn"]:
            report.problems.append(f"widget output {number} was never drawn")
    fallback = page.locator(
        ".jp-OutputArea-output[data-mime-type='text/plain']", has_text="<livekit view:"
    )
    if fallback.count():
        report.problems.append(
            f"{fallback.count()} view(s) shown as their text fallback {fallback.first.inner_text()!r}: "
            "the widget half of JupyterLab is missing or does not match ipywidgets"
        )
    if page.get_by_text("Error displaying widget").count():
        report.problems.append("the page shows 'Error displaying widget'")
    nested = page.locator(".jp-OutputArea-output .jupyter-widgets-error-widget").count()
    if nested > sum(1 for o in outputs if o["error"].startswith("ipywidgets error widget")):
        report.problems.append(
            f"{nested} widget(s) in the page could not render (ipywidgets error icon)"
        )

    titles = page.evaluate(_JS_FIND_VIEWS)
    for index, title in enumerate(titles):
        view = page.locator(f'[data-kit-view="{index}"]')
        result = ViewResult(index=index, title=title, rendered=False)
        report.views.append(result)
        deadline = time.monotonic() + render_timeout
        result.rendered = view.evaluate(_JS_RENDERED)
        while not result.rendered and time.monotonic() < deadline:
            page.wait_for_timeout(100)
            result.rendered = view.evaluate(_JS_RENDERED)
        if not result.rendered:
            report.problems.append(f"view {title!r}: its picture did not render")
            continue
        result.control = view.evaluate(_JS_PICK_CONTROL)
        if result.control is None:
            continue  # a view without controls: rendering is what we can check
        control = view.locator("[data-kit-control]")
        what = (
            "moving its slider" if result.control == "slider" else f"operating its {result.control}"
        )
        slider_label = view.locator(".widget-slider .widget-readout").first
        for key in _KEYS[result.control]:
            control.scroll_into_view_if_needed()
            before = (
                control.input_value()
                if result.control in ("select", "text")
                else (
                    slider_label.inner_text()
                    if result.control == "slider" and slider_label.count()
                    else None
                )
            )
            view.evaluate(_JS_ARM)
            control.focus()
            if key.startswith("type:"):
                page.keyboard.type(key[5:])
                page.keyboard.press("Tab")  # text boxes may send their value when they lose focus
            else:
                page.keyboard.press(key)
            try:
                page.wait_for_function(
                    "() => window.__kitMove.changedAt !== null",
                    timeout=move_timeout * 1000,
                    polling="raf",
                )
            except Exception:  # noqa: BLE001 - playwright's TimeoutError
                now = (
                    control.input_value()
                    if result.control in ("select", "text")
                    else (
                        slider_label.inner_text()
                        if result.control == "slider" and slider_label.count()
                        else None
                    )
                )
                if before is not None and now == before:
                    continue  # the control itself did not move (at its end): try the other way
                result.moved = True
                break
            state = page.evaluate("() => window.__kitMove")
            result.moved = result.changed = True
            result.ms = state["changedAt"] - state["keyAt"] if state["keyAt"] is not None else None
            break
        if not result.moved:
            report.problems.append(
                f"view {title!r}: its {result.control} did not respond to the keyboard"
            )
        elif not result.changed:
            report.problems.append(
                f"view {title!r}: {what} with the keyboard did not change the picture or the numbers"
            )
        elif error := _error_text(view):
            report.problems.append(
                f"view {title!r}: after {what} it shows an error: {error[:200]!r}"
            )


_JS_LAB_STATE = """
() => {
  const app = window.jupyterapp;
  if (!app || !app.shell.currentWidget || !app.shell.currentWidget.content) return null;
  const panel = app.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.model.cells;
  const out = {status: kernel ? kernel.status : 'none', pending: 0, errors: [], stderr: [], widgets: 0};
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code' || !cell.sharedModel.getSource().trim()) continue;
    if (cell.executionCount === null) out.pending++;
    const outputs = cell.outputs.toJSON();
    for (const o of outputs) {
      if (o.data && o.data['application/vnd.jupyter.widget-view+json']) out.widgets++;
      if (o.output_type === 'error') out.errors.push(`cell ${i + 1}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr') out.stderr.push(`cell ${i + 1}: ${String(o.text).slice(0, 200)}`);
    }
  }
  return out;
}
"""


@contextmanager
def _checked_page(context, report: PageReport):
    """A new page for one check: any exception becomes a problem in ``report``, the time is
    recorded, a screenshot is saved when anything went wrong, and the page is always closed."""
    start = time.monotonic()
    page = context.new_page()
    try:
        yield page
    except Exception as exc:  # noqa: BLE001 - reported with a screenshot; the caller asserts on report
        report.problems.append(f"{type(exc).__name__}: {exc}")
    finally:
        report.seconds = time.monotonic() - start
        if report.problems:
            report.screenshot = screenshot(page, report.name)
        page.close()


def check_lab_notebook(
    context, server: Server, relpath: str, *, timeout: float = 90.0
) -> PageReport:
    """Open a notebook in JupyterLab, run all cells, and check what the page shows."""
    workspace = f"ws-{secrets.token_hex(4)}"
    url = server.url(f"/lab/workspaces/{workspace}/tree/{relpath}", reset="")
    return check_lab_url(context, url, name=f"lab:{relpath}", timeout=timeout)


def check_lab_url(
    context,
    url: str,
    *,
    name: str,
    timeout: float = 90.0,
    marks: dict[str, float] | None = None,
    on_ran=None,
) -> PageReport:
    """Open ``url`` (JupyterLab, or JupyterLite's lab, showing one notebook), run all cells, and
    check what the page shows. The app must be reachable as ``window.jupyterapp``.

    ``marks``, if given, receives the seconds from opening the page to: ``kernel`` (kernel
    idle), ``ran`` (every cell run) and ``checked`` (all views checked). ``on_ran(page)``, if
    given, is called once every cell has run, before the views are checked.
    """
    report = PageReport(name=name)
    marks = {} if marks is None else marks
    with _checked_page(context, report) as page:
        start = time.monotonic()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(
            "() => { const a = window.jupyterapp; const w = a && a.shell.currentWidget;"
            " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
            " return !!k && k.status === 'idle'; }",
            timeout=timeout * 1000,
            polling=100,
        )
        marks["kernel"] = time.monotonic() - start
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        deadline = time.monotonic() + timeout
        state = page.evaluate(_JS_LAB_STATE)
        while time.monotonic() < deadline:
            state = page.evaluate(_JS_LAB_STATE)
            if state["errors"] or (state["pending"] == 0 and state["status"] == "idle"):
                break
            page.wait_for_timeout(150)
        else:
            report.problems.append(
                f"cells still running after {timeout:.0f} s ({state['pending']} not run)"
            )
        marks["ran"] = time.monotonic() - start
        if on_ran is not None:
            on_ran(page)
        report.problems += [f"error output in {e}" for e in state["errors"]]
        report.problems += [
            f"stderr output in {e}" for e in state["stderr"] if "Traceback" in e or "Error" in e
        ]
        check_views(page, report, expected_widgets=state["widgets"])
        marks["checked"] = time.monotonic() - start
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    return report


def check_voila_page(context, server: Server, path: str, *, timeout: float = 90.0) -> PageReport:
    """Open a Voila page (the notebook runs on the server as the page loads) and check it."""
    report = PageReport(name=f"voila:{path}")
    with _checked_page(context, report) as page:
        page.goto(server.url(path), wait_until="domcontentloaded", timeout=timeout * 1000)
        # Voila sends each output as a script tag, then draws it: count the widget ones first
        expected = page.evaluate(
            "() => [...document.querySelectorAll('script[type=\"application/vnd.voila.cell-output+json\"]')]"
            ".filter(s => s.textContent.includes('application/vnd.jupyter.widget-view+json')).length"
        )
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
        check_views(page, report, expected_widgets=expected)
    return report


def broken_notebook(extra_cells: list[str] = ()):
    """A notebook with one good view and four kinds of breakage the checks must report.

    ``extra_cells`` (code) go before the last cell, which raises ZeroDivisionError.
    """
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = [
        new_markdown_cell("A throwaway notebook that the browser checks must reject."),
        new_code_cell("from livekit.setup_views import explore_demo\nexplore_demo()"),
        # a widget whose JavaScript cannot be found: it cannot render
        new_code_cell(
            "import ipywidgets as widgets\nfrom traitlets import Unicode\n\n"
            "class Broken(widgets.DOMWidget):\n"
            '    _model_module = Unicode("kit-no-such-module").tag(sync=True)\n'
            '    _view_module = Unicode("kit-no-such-module").tag(sync=True)\n'
            '    _model_name = Unicode("NoModel").tag(sync=True)\n'
            '    _view_name = Unicode("NoView").tag(sync=True)\n\n'
            "Broken()"
        ),
        # a view whose slider is wired to nothing: moving it changes nothing
        new_code_cell(
            "from livekit.style import new_figure\n"
            "from livekit.views import FastFigure, View, slider\n"
            "fig = new_figure(3, 2)\nfig.add_subplot().plot([0, 1], [0, 1])\n"
            'dead = View(title="dead view", question="nothing moves",\n'
            '            controls={"x": slider("x", 0.5, 0, 1, 0.1)}, figure=FastFigure(fig))\n'
            "dead.redraw()\ndead"
        ),
        # what a view looks like when the widget half of JupyterLab is missing
        new_code_cell(
            'from IPython.display import display\ndisplay({"text/plain": "<livekit view: fake>"}, raw=True)'
        ),
        *(new_code_cell(code) for code in extra_cells),
        new_code_cell("1 / 0"),
    ]
    return new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        },
    )


def screenshot(page, name: str) -> Path | None:
    """Save a full-page screenshot under test-artifacts/browser/ and print where."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    path = ARTIFACTS / f"{safe}.png"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # JupyterLab scrolls the notebook inside the page: make the window as tall as the
        # notebook, so the screenshot shows every cell, not just the first screen
        height = page.evaluate(
            "() => { const o = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');"
            " if (!o) return 0; o.scrollTop = 0; return o.scrollHeight + 200; }"
        )
        if height > (page.viewport_size or {}).get("height", 0):
            page.set_viewport_size(
                {
                    "width": (page.viewport_size or {}).get("width", 1280),
                    "height": min(height, 16000),
                }
            )
            page.wait_for_timeout(300)
        page.screenshot(path=str(path), full_page=True)
    except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the real failure
        print(f"[browser] could not save a screenshot for {name}: {exc}", flush=True)
        return None
    print(f"[browser] screenshot of {name}: {path}", flush=True)
    return path


def main(argv: list[str]) -> int:
    import tempfile

    from playwright.sync_api import sync_playwright

    paths = [Path(a).resolve() for a in argv] or notebooks()
    reports = []
    with tempfile.TemporaryDirectory(prefix="kit-browser-") as tmp:
        base = Path(tmp)
        root = base / "root"
        (root / "notebooks").mkdir(parents=True)
        for path in paths:
            shutil.copy2(path, root / "notebooks" / path.name)
        with (
            sync_playwright() as p,
            lab_server(root, base / "lab") as lab,
            voila_server(root / "notebooks", base / "voila") as voila,
        ):
            browser = launch_browser(p, base / "chromium-home")
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                for path in paths:
                    reports.append(check_lab_notebook(context, lab, f"notebooks/{path.name}"))
                    print(reports[-1].summary(), flush=True)
                    reports.append(check_voila_page(context, voila, f"/voila/render/{path.name}"))
                    print(reports[-1].summary(), flush=True)
            finally:
                browser.close()
    return 0 if all(r.ok for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def run_without_browser(
    test_file: str, selector: str, *, ci: str, root: Path
) -> subprocess.CompletedProcess:
    """Run one browser test of ``test_file`` (``-k selector``) as if no Chromium existed.

    For the tests' own check that a missing browser is skipped with a hint on a laptop and fails
    under ``CI=true`` (``ci="true"``).

    Parameters
    ----------
    test_file : str
        The test module, relative to ``root``.
    selector : str
        A ``pytest -k`` expression choosing one test that needs the browser.
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
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            test_file,
            "-k",
            selector,
            "-rs",
            "-q",
            "-p",
            "no:randomly",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
