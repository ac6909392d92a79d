"""The set-up every doctest of the package shares (read by pytest; the kit never imports it).

Figures are drawn off screen (Agg), ``plt`` is at hand in every example without an import, and
every figure an example opens is closed after it.
"""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _doctest_plotting(doctest_namespace):
    import matplotlib.pyplot as plt

    doctest_namespace["plt"] = plt
    yield
    plt.close("all")
