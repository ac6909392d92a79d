"""Start-up figures: how long `import livekit` takes, and how long each notebook runs.

`import livekit` must stay under 0.5 s (issue 2): the package imports its submodules lazily,
so the figure is the package's own cost, measured in a fresh interpreter each time. The second
figure is what a student waits for after *Run All*: each notebook executed top to bottom in a
fresh kernel (kernel start-up included), the same way `python kit.py execute` and nbval run it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_IMPORT = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def import_seconds(module: str = "livekit", repeats: int = 5) -> tuple[float, float]:
    """Median and max seconds to import ``module`` in a fresh interpreter."""
    samples = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT.format(module=module)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(float(out.stdout.strip()))
    return statistics.median(samples), max(samples)


def notebook_seconds(path: Path) -> float:
    """Seconds to execute a notebook in a fresh kernel (on a copy; the original is untouched)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory():
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    return time.perf_counter() - start


def main() -> None:
    median, worst = import_seconds("livekit")
    verdict = "OK" if median <= 0.5 else "MISSED"
    print(
        f"import livekit                          median {median * 1000:6.1f} ms  max "
        f"{worst * 1000:6.1f} ms  {verdict} (target <= 500 ms)"
    )
    for module in ("livekit.data", "livekit.views"):
        median, worst = import_seconds(module, repeats=3)
        print(
            f"import {module:<32} median {median * 1000:6.1f} ms  (pulls in pandas / matplotlib / "
            "ipywidgets)"
        )
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        print(
            f"run {path.name:<35} {notebook_seconds(path):6.1f} s (fresh kernel, top to bottom)",
            flush=True,
        )


if __name__ == "__main__":
    main()
