"""Plane geometry for the score map: clipping polygons and the shortest step into a half-plane.

Pure functions on floats, used by :mod:`livekit.sellers` to draw the class regions of the
paper's Figure 3 as the kit computes them and to find a seller's smallest move up.
"""

from __future__ import annotations

import math
import numbers

from ._checks import check_number

__all__ = ["clip_halfplane", "shortest_step"]


def clip_halfplane(
    poly: list[tuple[float, float]], a: float, b: float, c: float
) -> list[tuple[float, float]]:
    """Keep the part of a convex polygon where ``a*x + b*y >= c`` (Sutherland-Hodgman).

    Parameters
    ----------
    poly : list of (float, float)
        The vertices of a convex polygon, in order.
    a, b, c : float
        The half-plane ``a*x + b*y >= c``.

    Returns
    -------
    list of (float, float)
        The clipped polygon's vertices (fewer than 3 if nothing with area is left).
    """
    if isinstance(poly, (str, bytes)) or not isinstance(poly, (list, tuple)):
        raise TypeError(f"poly must be a list of (x, y) vertices, got {type(poly).__name__}")
    for k, p in enumerate(poly):
        if not (
            isinstance(p, (list, tuple))
            and len(p) == 2
            and all(
                isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v)
                for v in p
            )
        ):
            raise ValueError(f"poly[{k}] must be an (x, y) pair of finite numbers, got {p!r}")
    a, b, c = (check_number(name, v) for name, v in (("a", a), ("b", b), ("c", c)))
    out: list[tuple[float, float]] = []
    n = len(poly)
    for k in range(n):
        p, q = poly[k], poly[(k + 1) % n]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fp >= 0:
            out.append(p)
        if (fp >= 0) != (fq >= 0):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def shortest_step(gap: float, w: float, room_x: float, room_y: float) -> tuple[float, float] | None:
    """The shortest ``(dx, dy) >= 0`` with ``w*dx + (1-w)*dy >= gap``, within the room.

    The room is ``dx <= room_x`` and ``dy <= room_y``.

    Parameters
    ----------
    gap : float
        How far the weighted sum must rise (> 0).
    w : float
        Weight of x, 0-1 (y has ``1 - w``).
    room_x, room_y : float
        How far x and y may still rise (>= 0).

    Returns
    -------
    (float, float) or None
        The step, or None if no step within the room reaches the gap.
    """
    gap = check_number("gap", gap, low=0.0)
    w = check_number("w", w, low=0.0, high=1.0)
    room_x = check_number("room_x", room_x, low=0.0)
    room_y = check_number("room_y", room_y, low=0.0)
    v = 1.0 - w
    norm = w * w + v * v
    dx, dy = gap * w / norm, gap * v / norm
    if dx > room_x:
        dx = room_x
        dy = (gap - w * dx) / v if v > 0 else math.inf
    elif dy > room_y:
        dy = room_y
        dx = (gap - v * dy) / w if w > 0 else math.inf
    if dx > room_x + 1e-9 or dy > room_y + 1e-9:
        return None
    return (min(dx, room_x), min(dy, room_y))
