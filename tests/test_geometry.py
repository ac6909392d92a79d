"""The plane geometry behind the evaluation map's regions and the smallest move up a class."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livekit import geometry

SQUARE = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]
coef = st.floats(-5, 5, allow_nan=False).filter(lambda v: abs(v) > 1e-3)


def _area(poly):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]))) / 2


def test_a_vertical_line_halves_the_square():
    kept = geometry.clip_halfplane(SQUARE, 1.0, 0.0, 50.0)  # x >= 50
    assert _area(kept) == pytest.approx(5000)
    assert min(x for x, _ in kept) == pytest.approx(50)


@given(coef, coef, st.floats(-500, 500, allow_nan=False))
def test_clipping_keeps_only_the_half_plane_and_never_adds_area(a, b, c):
    kept = geometry.clip_halfplane(SQUARE, a, b, c)
    assert all(a * x + b * y >= c - 1e-6 * (1 + abs(c)) for x, y in kept)
    assert _area(kept) <= _area(SQUARE) + 1e-6
    other = geometry.clip_halfplane(SQUARE, -a, -b, -c)  # the other side
    assert _area(kept) + _area(other) == pytest.approx(_area(SQUARE), rel=1e-6, abs=1e-6)


@given(
    st.floats(0.01, 80),
    st.floats(0, 1),
    st.floats(0, 100),
    st.floats(0, 100),
)
def test_the_step_reaches_the_gap_within_the_room_or_none_can(gap, w, room_x, room_y):
    step = geometry.shortest_step(gap, w, room_x, room_y)
    best_possible = w * room_x + (1 - w) * room_y  # the most the room allows
    if step is None:
        assert best_possible < gap + 1e-6
        return
    dx, dy = step
    assert 0 <= dx <= room_x + 1e-9 and 0 <= dy <= room_y + 1e-9
    assert w * dx + (1 - w) * dy >= gap - 1e-6
    # no step along one axis alone is shorter
    if w > 0 and gap / w <= room_x:
        assert math.hypot(dx, dy) <= gap / w + 1e-6
    if w < 1 and gap / (1 - w) <= room_y:
        assert math.hypot(dx, dy) <= gap / (1 - w) + 1e-6


def test_an_equal_weight_step_is_diagonal():
    dx, dy = geometry.shortest_step(10.0, 0.5, 100.0, 100.0)
    assert dx == pytest.approx(dy) == pytest.approx(10.0)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: geometry.clip_halfplane("square", 1, 0, 0), TypeError, "poly must be a list"),
        (lambda: geometry.clip_halfplane([(0, 0), (1, "x")], 1, 0, 0), ValueError, r"poly\[1\]"),
        (lambda: geometry.shortest_step(5, 1.5, 10, 10), ValueError, "w must be from 0 to 1"),
        (lambda: geometry.shortest_step(-1, 0.5, 10, 10), ValueError, "gap must be"),
    ],
)
def test_bad_input_names_the_field(call, error, words):
    with pytest.raises(error, match=words):
        call()
