"""The servers the browser tests open: JupyterLab, Notebook 7, Voila, and the static site.

The Jupyter servers run with every Jupyter, IPython, matplotlib and browser folder in a
temporary directory, bound to 127.0.0.1 with a random token, each in a session of its own, and
are always stopped (also on failure), with the kernels they started.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tools.browser import ROOT

# JupyterLab and Notebook 7 settings for a quiet, deterministic test session: every cell stays
# in the page (no virtual scrolling, so every widget can be inspected), no autosave, no news.
_LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

_FOLDERS = {
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

#: Options every Jupyter server of the tests gets: loopback only, no browser, root allowed.
_SERVER_OPTIONS = [
    "--no-browser",
    "--ServerApp.ip=127.0.0.1",
    "--ServerApp.port_retries=0",
    "--ServerApp.open_browser=False",
    "--ServerApp.allow_root=True",
]


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(base: Path) -> dict[str, str]:
    """Environment variables putting every Jupyter/IPython/matplotlib/browser folder under base.

    Parameters
    ----------
    base : Path
        A temporary folder; the sub-folders are created, and the test settings written.

    Returns
    -------
    dict of str to str
        The current environment with those folders, and the checkout on PYTHONPATH.
    """
    env = dict(os.environ)
    for var, sub in _FOLDERS.items():
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
    """A Jupyter server process (JupyterLab, Notebook 7 or Voila) on 127.0.0.1 with a token.

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
        """The address of ``path`` with the token (and ``query``: ``key=value``, or ``key``)."""
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
                    f"server exited with {self.process.returncode}; log: {self.log}\n"
                    f"{self.log_tail()}"
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
        """Stop the server and every process of its session (its kernels)."""
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
        """The last ``lines`` lines of the server's log."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _jupyter_server(module: str, options: list[str], root_dir: Path, base: Path) -> Server:
    port, token = free_port(), secrets.token_hex(16)
    argv = [
        sys.executable,
        "-m",
        module,
        *_SERVER_OPTIONS,
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        *options,
    ]
    return Server(
        argv,
        env=isolated_env(base),
        cwd=root_dir,
        port=port,
        token=token,
        log=base / f"{module}.log",
        ready_path="/api/status",
    )


def lab_server(root_dir: Path, base: Path) -> Server:
    """JupyterLab serving root_dir, with the app exposed to the page for the checks."""
    options = ["--LabApp.expose_app_in_browser=True", "--LabApp.news_url="]
    return _jupyter_server("jupyterlab", options, root_dir, base)


def notebook_server(root_dir: Path, base: Path) -> Server:
    """Notebook 7 (what ``jupyter notebook`` opens) serving root_dir, the app exposed.

    A notebook opens at ``/notebooks/<path>``.
    """
    options = ["--JupyterNotebookApp.expose_app_in_browser=True"]
    return _jupyter_server("notebook", options, root_dir, base)


def notebook7_problem() -> str | None:
    """Why Notebook 7 cannot be started here (None if it can)."""
    try:
        from notebook import __version__
    except ImportError:
        return "the notebook package (Notebook 7) is not installed: install requirements-dev.txt"
    if not __version__.startswith("7."):
        return f"notebook {__version__} is installed, the test needs Notebook 7 (7.x)"
    return None


def voila_server(target: Path, base: Path) -> Server:
    """Voila (projector mode) started exactly as ``python kit.py voila`` does, on a test port."""
    sys.path.insert(0, str(ROOT))
    try:
        import kit
    finally:
        sys.path.remove(str(ROOT))
    port, token = free_port(), secrets.token_hex(16)
    argv = [
        sys.executable,
        "-m",
        "voila",
        *kit.voila_arguments([str(target)]),
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


@contextmanager
def serve_static(folder: Path):
    """Serve ``folder`` (the built browser edition) on 127.0.0.1, a free port, in a thread.

    Yields
    ------
    str
        Its base URL, ``http://127.0.0.1:PORT``.
    """
    from tools import site

    server = site.make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
