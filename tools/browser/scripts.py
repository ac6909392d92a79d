"""The JavaScript the checks run in a page, kept as ``.js`` files in ``js/`` beside this module.

Each file holds one function expression (``(view) => {...}`` or ``() => {...}``) that Playwright's
``page.evaluate`` / ``locator.evaluate`` calls, after a comment saying what it returns. A file
may name another one as ``__NAME__`` (``__SIGNATURE__`` in ``arm.js``): :func:`script` puts
the function of ``name.js`` in its place.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "js"

_INCLUDE = re.compile(r"__([A-Z_]+?)__")


@cache
def script(name: str) -> str:
    """The function expression of ``js/<name>.js``, its leading comment removed.

    Parameters
    ----------
    name : str
        The file name without ``.js``, e.g. ``"find_views"``.

    Returns
    -------
    str
        JavaScript source for ``page.evaluate``.
    """
    path = FOLDER / f"{name}.js"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in FOLDER.glob("*.js")))
        raise ValueError(f"no script {name!r} in {FOLDER}; known: {known}")
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("//")):
        lines.pop(0)
    text = "\n".join(lines).strip()
    return _INCLUDE.sub(lambda found: script(found.group(1).lower()), text)
