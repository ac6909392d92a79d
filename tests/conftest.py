"""Shared fixtures: a headless matplotlib, figures closed after each test, a seeded generator."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def rng():
    """A random generator with a fixed seed, so failures reproduce."""
    return np.random.default_rng(20210315)
