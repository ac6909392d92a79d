"""Run every benchmark in this folder and print its figures.

    python kit.py bench            all of them
    python kit.py bench sellers    only benchmarks/bench_sellers.py

Each ``bench_*.py`` module has a ``main()`` that prints its own lines. These are measurements,
not tests: they print, and never fail the test suite.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    for name in names:
        print(f"== {name}", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
