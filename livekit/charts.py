"""The one pattern for a picture that updates: a chart object on an Axes, and a thin ``plot_x``.

Every picture in the kit that a slider moves is a :class:`Chart`: it is built once on an Axes
from data (drawing everything that never moves), exposes the artists that do move as
:attr:`Chart.artists`, and changes them in :meth:`Chart.update`. A slider view hands
``chart.artists`` to a :class:`~livekit.views.FastFigure` (which paints only those on each move)
and calls ``chart.update(...)`` when a control changes.

Every chart also says in words what it shows *now*: :meth:`Chart.describe` writes a sentence or
two from what it draws (its title, the numbers a student is asked to look at), and a view makes
it the text alternative of its picture on every redraw (screen readers read it; see
:mod:`livekit.accessible`). The helpers :func:`join_words`, :func:`percent` and
:func:`signed` keep those sentences alike across charts.

The public plotting function of the same picture is a thin wrapper with the same signature
shape everywhere::

    def plot_funnel(result, *, ax=None, **options) -> Axes:
        ax = axes_for(ax, size=(7, 3.4))
        FunnelChart(ax, result, **options)
        return ax

With ``ax=None`` every ``plot_x`` draws on a new pyplot figure (so a notebook shows it, and
``plt.show()`` or ``plt.close()`` work as usual); given an Axes, it draws there and returns it.
Slider views never go through pyplot: they build charts on a figure from
:func:`livekit.style.new_figure`.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes

from .style import kit_style

__all__ = ["Chart", "axes_for", "charts_on", "join_words", "percent", "signed", "chart_title"]


def axes_for(ax: Axes | None, *, size: tuple[float, float] = (7.0, 4.5)) -> Axes:
    """The Axes a ``plot_x`` function draws on: ``ax`` itself, or a new pyplot figure's.

    Parameters
    ----------
    ax : matplotlib.axes.Axes or None
        An Axes to draw on. ``None`` makes a new pyplot figure in the kit's style.
    size : (float, float)
        Width and height in inches of the new figure (ignored when ``ax`` is given).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``ax`` is neither None nor an Axes.

    Examples
    --------
    >>> ax = axes_for(None, size=(3, 2))
    >>> ax.figure.get_size_inches().tolist()
    [3.0, 2.0]
    >>> axes_for(ax) is ax
    True
    """
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
        return ax
    import matplotlib.pyplot as plt

    with kit_style():
        _, ax = plt.subplots(figsize=size)
    return ax


#: The charts drawn on each Axes (the outermost ones: a chart built inside another chart's
#: constructor belongs to that one), so a figure can be described without a view.
_CHARTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_building = 0  # how many chart constructors are running (nested charts are not registered)


def charts_on(ax: Axes) -> list:
    """The charts built on ``ax``, in the order they were built (a chart's inner charts aside).

    Examples
    --------
    >>> from livekit.style import new_figure
    >>> from livekit.path_plots import BuyerMixChart
    >>> ax = new_figure(4, 2.6).add_subplot()
    >>> [type(c).__name__ for c in charts_on(ax)], [type(c).__name__ for c in charts_on(
    ...     BuyerMixChart(ax, 0.3).ax)]
    ([], ['BuyerMixChart'])
    """
    return list(_CHARTS.get(ax, ()))


class Chart:
    """Base of every updating picture: built once on an Axes, moved by :meth:`update`.

    Subclasses draw their static parts and create their moving artists in ``__init__`` (which
    sets :attr:`ax` and ends by calling :meth:`update` with the starting data), list the moving
    artists in :attr:`artists`, and change only those in :meth:`update`.

    Attributes
    ----------
    ax : matplotlib.axes.Axes
        Where the chart is drawn.
    """

    ax: Axes

    def __init_subclass__(cls, **kwargs) -> None:
        """Record every chart on its Axes when its constructor ends (see :func:`charts_on`)."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def recorded(self, *args, **kw) -> None:
            global _building
            _building += 1
            try:
                init(self, *args, **kw)
            finally:
                _building -= 1
            ax = getattr(self, "ax", None)
            if _building == 0 and type(self).__init__ is recorded and isinstance(ax, Axes):
                _CHARTS.setdefault(ax, []).append(self)

        cls.__init__ = recorded

    @property
    def artists(self) -> Sequence[Artist]:
        """The artists :meth:`update` changes (a slider view animates exactly these)."""
        raise NotImplementedError

    def update(self, *args, **kwargs) -> None:
        """Change the moving artists for new data; static parts are left alone."""
        raise NotImplementedError

    def describe(self) -> str:
        """What the picture shows now, in a sentence or two: its text alternative.

        Written from what the chart draws at this moment (after the last :meth:`update`), not a
        fixed caption: the title and the quantities a student is asked to look at.
        """
        raise NotImplementedError


def chart_title(ax: Axes, default: str) -> str:
    """The Axes' title (centre, else left), or ``default`` when it has none.

    Examples
    --------
    >>> from livekit.style import new_figure
    >>> ax = new_figure(3, 2).add_subplot()
    >>> chart_title(ax, "Funnel"), ax.set_title("Who buys") and chart_title(ax, "Funnel")
    ('Funnel', 'Who buys')
    """
    for loc in ("center", "left"):
        title = ax.get_title(loc=loc).strip()
        if title:
            return " ".join(title.split())
    return default


def join_words(items: Sequence[str], *, last: str = "and") -> str:
    """``a, b and c`` (empty for no items).

    Examples
    --------
    >>> join_words(["live", "online", "offline"]), join_words(["live"]), join_words([])
    ('live, online and offline', 'live', '')
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def percent(share: float, digits: int = 0) -> str:
    """A share (0-1) as a percentage: ``percent(0.305) == '30%'`` (``digits`` decimals)."""
    return f"{share:.{digits}%}"


def signed(amount: float, unit: str = "CNY", *, digits: int = 0) -> str:
    """An amount with its sign spelled out for a screen reader: ``minus 1,200 CNY``.

    Examples
    --------
    >>> signed(1200), signed(-1200.4), signed(0)
    ('1,200 CNY', 'minus 1,200 CNY', '0 CNY')
    """
    text = f"{abs(amount):,.{digits}f}"
    negative = amount < 0 and float(text.replace(",", "")) != 0
    return f"{'minus ' if negative else ''}{text} {unit}".strip()
