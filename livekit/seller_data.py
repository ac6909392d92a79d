"""Seller tables: the kit's two data sets, and reading a user's own seller table.

The kit ships an illustrative teaching set (``data/sellers.csv``) and a real table of the top
1,000 Twitch channels (``data/twitch_top_streamers.csv``); both are documented in
``data/README.md``. :func:`read_sellers` reads a user's own table (a path, an upload's bytes or
an open file) with everything :mod:`livekit.reading` detects (encoding, separator, decimal
mark, suffixes such as ``12.3k`` or ``3.5万``), renames the user's columns to the kit's and
checks every cell, listing all problems at once. For an upload view, :func:`livekit.reading.sniff`
previews a file before any mapping, :func:`guess_columns` proposes a mapping from column names
and :func:`column_options` lists the kit columns a user column could map to.

The metric names come from :data:`livekit.seller_metrics.METRICS`; :mod:`livekit.sellers`
re-exports these functions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ._checks import check_choice, check_text
from .data import load, read_table
from .reading import parse_number, sniff, source_label
from .schemas import Column, Schema
from .seller_metrics import METRICS, dataset_weights

__all__ = [
    "DATASETS",
    "load_sellers",
    "load_twitch",
    "load_dataset",
    "user_schema",
    "kit_columns",
    "read_sellers",
    "sniff",
    "guess_columns",
    "column_options",
]

#: Data sets the whole-data-set view offers: picker label -> loader name.
DATASETS = {"teaching set (illustrative)": "sellers", "Twitch top 1,000 (real)": "twitch"}


def load_sellers() -> pd.DataFrame:
    """Load the kit's illustrative teaching set ``data/sellers.csv``.

    Returns
    -------
    pandas.DataFrame
        44 invented sellers with the metric columns of :data:`livekit.seller_metrics.METRICS` (raw
        values), plus ``seller``, ``kind``, ``basis`` ("paper" where a value rests on a figure
        Li (2021) cites) and ``note``. Documented in ``data/README.md``.
    """
    return load("sellers")


_TWITCH_COLUMNS = {
    "Channel": "seller",
    "Followers": "followers",
    "Average viewers": "avg_viewers",
    "Watch time(Minutes)": "total_watch_time",
    "Peak viewers": "peak_viewers",
    "Stream time(minutes)": "stream_time",
    "Language": "language",
    "Partnered": "partnered",
}


def load_twitch() -> pd.DataFrame:
    """The real Twitch table (top 1,000 channels by watch time), in the kit's column names.

    ``Followers`` becomes ``followers`` (influence); ``Average viewers`` becomes ``avg_viewers``
    and ``Watch time(Minutes)`` becomes ``total_watch_time`` (attractiveness). Provenance and
    caveats are in ``data/README.md``.

    Returns
    -------
    pandas.DataFrame
        1,000 rows; columns ``seller``, ``followers``, ``avg_viewers``, ``total_watch_time``,
        ``peak_viewers``, ``stream_time``, ``language``, ``partnered``.
    """
    table = load("twitch_top_streamers")
    return table[list(_TWITCH_COLUMNS)].rename(columns=_TWITCH_COLUMNS)


def load_dataset(name: str) -> pd.DataFrame:
    """Load a data set by its picker label or short name.

    Parameters
    ----------
    name : str
        ``"sellers"``, ``"twitch"`` or a key of :data:`DATASETS`.

    Returns
    -------
    pandas.DataFrame
        As from :func:`load_sellers` or :func:`load_twitch`.
    """
    check_choice("name", name, ["sellers", "twitch", *DATASETS])
    key = DATASETS.get(name, name)
    return load_sellers() if key == "sellers" else load_twitch()


def kit_columns() -> list[str]:
    """The kit's column names a user's column can be mapped to.

    Returns
    -------
    list of str
        ``"seller"``, then the names in :data:`livekit.seller_metrics.METRICS`.
    """

    return ["seller", *METRICS]


def user_schema() -> Schema:
    """The schema a user's seller table is checked against.

    ``seller`` (text, required, each name once) and every metric of
    :data:`livekit.seller_metrics.METRICS` (optional numbers >= 0; shares at most 1); a row repeated
    exactly is an error.
    """

    cols = [Column("seller", "text", description="Seller's name")]
    for m in METRICS.values():
        cols.append(
            Column(
                m.name,
                "float",
                required=False,
                low=0,
                high=m.high,
                unit=m.unit,
                description=m.label,
            )
        )
    return Schema(
        name="seller_metrics",
        columns=tuple(cols),
        description="A user's own seller table",
        unique=("seller",),
        no_repeated_rows=True,
    )


def read_sellers(
    source: Any,
    *,
    columns: Mapping[str, str] | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    decimal: str | None = None,
    header: bool = True,
    names: Sequence[str] | None = None,
    label: str | None = None,
    header_line: int | None = None,
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a user's own seller table from CSV, renaming their columns to the kit's.

    The encoding (UTF-8 with or without BOM, GBK/GB18030, UTF-16 as Excel's "Unicode text"),
    the separator (comma, semicolon, tab) and the decimal mark are detected; numbers may carry
    the suffixes exports use: ``12.3k`` (thousand), ``1.2M`` (million), ``2B`` (billion),
    ``3.5万`` or ``3.5w`` (ten thousand), ``1.2亿`` (hundred million), ``12%`` (0.12). When the
    file does not make something clear, the error says what was found and which option to pass.

    Parameters
    ----------
    source : str, path, bytes or file-like
        The CSV file: a path, its content as bytes (an upload's ``content``), or an open file.
    columns : mapping, optional
        ``{their column: kit column}``, e.g. ``{"Name": "seller", "Fans": "followers",
        "Viewers": "avg_viewers"}``. Kit columns: :func:`kit_columns` (``seller`` and the
        names in :data:`livekit.seller_metrics.METRICS`). :func:`guess_columns` proposes one.
    sep : {None, ",", ";", "\\t"}
        The separator; None detects it.
    encoding : str, optional
        A codec name such as ``"gbk"``; None detects it.
    decimal : {None, ".", ","}
        The decimal mark; None detects it (``1500,5`` in a file means a decimal comma; a file
        with only ``1,500``-like numbers asks you to choose).
    header : bool, default True
        ``False`` for a file without a header row (then ``names`` gives the columns).
    names : list of str, optional
        Column names in the file's order, for a header-less file.
    label : str, optional
        The file's name in messages (for bytes, e.g. the uploaded file's name).

    Returns
    -------
    pandas.DataFrame
        One row per seller in file order, in the kit's column names; metrics as floats.
        Columns the kit does not know are kept as text.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        For a file that cannot be read (what was found and the option to pass), or one message
        listing every problem in file order (up to 20, then "and N more"): the line (header =
        line 1), the user's column name and the kit's, the value and what is allowed. Sellers
        named twice and rows repeated exactly are problems too. Also when the table has no
        metric for one of the two dimensions.
    """
    if columns is not None:
        if not isinstance(columns, Mapping):
            raise TypeError(
                f"columns must be a mapping {{their column: kit column}}, got {type(columns).__name__}"
            )
        for theirs, ours in columns.items():
            check_text("columns key", theirs)
            check_choice(f"columns[{theirs!r}]", ours, kit_columns())
    table = read_table(
        source,
        user_schema(),
        columns=columns,
        sep=sep,
        encoding=encoding,
        decimal=decimal,
        header=header,
        names=names,
        label=label,
        header_line=header_line,
        sheet=sheet,
    )
    try:
        dataset_weights(table)
    except ValueError as exc:
        raise ValueError(f"{source_label(source, label)}: {exc}") from None
    return table


def _key(name: str) -> str:
    return re.sub(r"[\s_\-().（）/]+", "", name.strip().lower())


#: Column names (compared without case, spaces, underscores, brackets) the kit recognises.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seller": (
        "seller",
        "name",
        "channel",
        "streamer",
        "anchor",
        "shop",
        "store",
        "主播",
        "名称",
        "店铺",
        "频道",
        "昵称",
        "达人",
    ),
    "followers": ("followers", "fans", "subscribers", "subs", "粉丝", "粉丝数", "粉丝量", "关注数"),
    "celebrity": ("celebrity", "fame", "明星", "知名度"),
    "annual_sales_cny": (
        "annualsalescny",
        "annualsales",
        "sales",
        "gmv",
        "销售额",
        "年销售额",
        "成交额",
    ),
    "avg_viewers": (
        "avgviewers",
        "averageviewers",
        "viewers",
        "平均在线",
        "在线人数",
        "观看人数",
        "场均观看",
    ),
    "watch_minutes": ("watchminutes", "watchtimeperviewer", "人均观看时长", "停留时长"),
    "engagement": ("engagement", "interactions", "互动", "互动率"),
    "conversion": ("conversion", "conversionrate", "转化率"),
    "total_watch_time": ("totalwatchtime", "watchtime", "watchtimeminutes", "总观看时长"),
}


def guess_columns(names: Sequence[str]) -> dict[str, str]:
    """Propose a mapping ``{their column: kit column}`` from column names alone.

    Names are compared without case, spaces, underscores, hyphens and brackets, against the
    kit's names and common English and Chinese ones ("Fans", "粉丝数", "Average viewers",
    "转化率", "Channel", ...). Each kit column is proposed at most once; columns it does not
    recognise are left out. A proposal, to show in a drop-down, not a decision.

    Parameters
    ----------
    names : sequence of str
        The file's column names (e.g. :attr:`livekit.reading.Sniffed.columns`).

    Returns
    -------
    dict of str to str
    """
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence):
        raise TypeError(f"names must be a list of column names, got {type(names).__name__}")
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"names must be text, got {type(name).__name__} {name!r}")
        key = _key(name)
        for kit, words in _SYNONYMS.items():
            if kit not in taken and key in {_key(w) for w in words}:
                out[name] = kit
                taken.add(kit)
                break
    return out


def column_options(values: Sequence[str], *, decimal: str = ".") -> list[str]:
    """The kit columns a user's column could be mapped to, judging by its cells.

    Parameters
    ----------
    values : sequence of str
        The column's cells as text (e.g. a column of :attr:`livekit.reading.Sniffed.preview`,
        or of :meth:`livekit.reading.RawTable.frame`).
    decimal : {".", ","}
        The file's decimal mark.

    Returns
    -------
    list of str
        ``"seller"`` (any column can hold names), then every metric whose range the numbers
        fit: all cells numbers >= 0 (suffixes such as ``12k`` allowed), shares only if none is
        above 1. Empty cells are ignored.
    """

    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(f"values must be a list of cells (text), got {type(values).__name__}")
    if not (isinstance(decimal, str) and decimal in (".", ",")):
        raise ValueError(f"decimal must be '.' or ',', got {decimal!r}")
    cells = [str(v).strip() for v in values if v is not None and str(v).strip() != ""]
    numbers = [parse_number(c, decimal=decimal) for c in cells]
    if not cells or any(math.isnan(x) or math.isinf(x) or x < 0 for x in numbers):
        return ["seller"]
    top = max(numbers)
    return ["seller", *(m.name for m in METRICS.values() if m.high is None or top <= m.high)]
