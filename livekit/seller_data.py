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
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from ._checks import check_choice, check_text
from .data import load, read_table
from .reading import Sniffed, TableWarning, parse_number, sniff, source_label
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
    "OwnDataFlow",
    "MAX_VIEW_BYTES",
    "PASTED_NAME",
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
                "columns must be a mapping {their column: kit column}, "
                f"got {type(columns).__name__}"
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


# --- the own-data flow: upload -> detect -> map -> read -> score ----------------------------

#: The largest file the upload view takes, in bytes; a larger one is read with code
#: (:func:`read_sellers`), which has no limit.
MAX_VIEW_BYTES = 10 * 2**20
#: The name messages give cells pasted into the view.
PASTED_NAME = "pasted cells"
_OPTIONS = ("sep", "encoding", "decimal", "sheet", "header_line")
_PREVIEW_ROWS = 200  # rows the column options are judged by


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.0f} KB"


_PASTED_NOTE = "pasted cells"


class OwnDataFlow:
    """A user's own seller table, step by step: upload or paste, detect, map, read, score.

    The plain object behind :func:`livekit.seller_views.explore_own_data`: each step keeps its
    result until something it depends on changes (a new file, an option, a column's choice),
    so a slider move re-reads nothing. The student's choices are kept by column name across
    files. Nothing here draws or shows; every problem is a ``ValueError`` whose message lists
    what is wrong.

    Parameters
    ----------
    score : callable
        ``score(table, method=...) -> DataFrame`` with ``influence`` and ``attractiveness``:
        :func:`livekit.sellers.score_sellers` (passed in: this module sits below
        :mod:`livekit.sellers`).
    max_bytes : int
        The largest file :meth:`load` takes (default :data:`MAX_VIEW_BYTES`).

    Attributes
    ----------
    name : str or None
        The file's name (None before any file).
    note : str
        Where it came from ("your upload", "pasted cells", "the kit's example file").
    options : dict
        ``sep``, ``encoding``, ``decimal``, ``sheet``, ``header_line`` (None: detect).
    choices : dict of str to str
        ``{their column: kit column or ""}`` the student chose, kept across files.

    Examples
    --------
    >>> from livekit import sellers
    >>> flow = OwnDataFlow(score=sellers.score_sellers)
    >>> flow.paste("主播\\t粉丝数\\t场均观看\\n果园小王\\t8.6万\\t1200\\n茶山阿妹\\t3.2万\\t450\\n")
    True
    >>> flow.mapping
    {'主播': 'seller', '粉丝数': 'followers', '场均观看': 'avg_viewers'}
    >>> flow.table()["followers"].tolist()
    [86000.0, 32000.0]
    """

    def __init__(self, *, score: Callable[..., pd.DataFrame], max_bytes: int = MAX_VIEW_BYTES):
        if not callable(score):
            raise TypeError(
                f"score must be a function such as livekit.sellers.score_sellers, got {score!r:.60}"
            )
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
            raise ValueError(
                f"max_bytes must be a whole number of bytes, 1 or more, got {max_bytes!r}"
            )
        self._score = score
        self.max_bytes = max_bytes
        self.name: str | None = None
        self.note = ""
        self.options: dict[str, Any] = dict.fromkeys(_OPTIONS)
        self.choices: dict[str, str] = {}
        self._content: bytes | None = None
        self._cache: dict[str, tuple] = {}
        self._before_paste: tuple[str, str, bytes] | None = None  # the file a paste replaced

    # --- upload or paste ---------------------------------------------------------------

    def load(self, content: bytes, *, name: str, note: str = "your upload") -> bool:
        """Take a file's content (an upload's bytes); returns True (a new file).

        Raises
        ------
        ValueError
            If the file is larger than ``max_bytes``: the message gives its size and the code
            route.
        """
        if not isinstance(content, (bytes, bytearray, memoryview)):
            raise TypeError(f"content must be the file's bytes, got {type(content).__name__}")
        check_text("name", name)
        content = bytes(content)
        if len(content) > self.max_bytes:
            raise ValueError(
                f"{name}: is {_size(len(content))}; this view takes files up to "
                f"{_size(self.max_bytes)}. Read it with code instead: "
                f"seller_data.read_sellers({name!r}, columns={{...}}) (README: Bring your own data)"
            )
        self.name, self.note, self._content = name, str(note), content
        self.options["sheet"] = None  # another file has other sheets
        self._cache.clear()
        return True

    def paste(self, text: str, *, name: str = PASTED_NAME) -> bool:
        """Take cells pasted from a spreadsheet (Excel and WPS copy them tab-separated, one row
        a line); returns whether the flow's file changed.

        Blank text (the paste box emptied) brings back the file the paste replaced, if any;
        otherwise it changes nothing."""
        if not isinstance(text, str):
            raise TypeError(f"text must be the pasted cells (str), got {type(text).__name__}")
        if not text.strip():
            if self.note != _PASTED_NOTE or self._before_paste is None:
                return False
            name, note, content = self._before_paste
            self._before_paste = None
            return self.load(content, name=name, note=note)
        if self.note != _PASTED_NOTE and self._content is not None and self.name is not None:
            self._before_paste = (self.name, self.note, self._content)
        return self.load(text.encode("utf-8"), name=name, note=_PASTED_NOTE)

    def set_options(self, **options: Any) -> bool:
        """Set reading options (``sep``, ``encoding``, ``decimal``, ``sheet``, ``header_line``;
        None detects); returns whether any changed."""
        unknown = sorted(set(options) - set(_OPTIONS))
        if unknown:
            raise ValueError(f"options must be among {list(_OPTIONS)}, got {unknown}")
        changed = {k: v for k, v in options.items() if self.options[k] != v}
        if changed:
            self.options.update(changed)
            self._cache.clear()
        return bool(changed)

    # --- detect and map ----------------------------------------------------------------

    @property
    def sniffed(self) -> Sniffed | None:
        """What the file is and its first rows (:func:`livekit.reading.sniff`); None before any
        file. A file that cannot be read has ``problems`` instead of raising."""
        if self._content is None:
            return None
        if "sniffed" not in self._cache:
            found = sniff(self._content, rows=_PREVIEW_ROWS, label=self.name, **self.options)
            self._cache["sniffed"] = (found, guess_columns(list(found.columns)))
        return self._cache["sniffed"][0]

    @property
    def columns(self) -> tuple[str, ...]:
        """The file's column names (empty before a readable file)."""
        return self.sniffed.columns if self.sniffed is not None else ()

    def kit_of(self, column: str) -> str:
        """The kit column ``column`` maps to: the student's choice, else the guess; "" if none."""
        if column in self.choices:
            return self.choices[column]
        return self._cache["sniffed"][1].get(column, "") if self.sniffed is not None else ""

    @property
    def mapping(self) -> dict[str, str]:
        """``{their column: kit column}`` for every mapped column of the file."""
        return {c: self.kit_of(c) for c in self.columns if self.kit_of(c)}

    def choose(self, column: str, kit: str) -> bool:
        """Map ``column`` to ``kit`` ("" for not used); returns whether that changed anything."""
        check_text("column", column)
        check_choice("kit", kit, ["", *kit_columns()])
        if self.kit_of(column) == kit:
            return False
        self.choices[column] = kit
        return True

    def offered(self, column: str) -> list[str]:
        """The kit columns ``column`` could map to, judging by its first cells
        (:func:`column_options`), with its current choice."""
        sniffed = self.sniffed
        if sniffed is None or column not in sniffed.columns:
            raise ValueError(f"column must be one of the file's columns {list(self.columns)}")
        key = ("offered", column)
        if key not in self._cache:
            cells = sniffed.preview[column].tolist()
            self._cache[key] = column_options(cells, decimal=sniffed.decimal or ".")
        kits = list(self._cache[key])
        now = self.kit_of(column)
        return kits + [now] if now and now not in kits else kits

    # --- read and score ----------------------------------------------------------------

    def table(self) -> pd.DataFrame:
        """The sellers read with the current mapping (:func:`read_sellers`), kept until the
        file, an option or the mapping changes.

        Raises
        ------
        ValueError
            No file yet, a file that cannot be read, a mapping the table breaks, or cells that
            break the kit's schema (every problem listed).
        """
        sniffed = self.sniffed
        if sniffed is None:
            raise ValueError("no file yet: upload one, paste cells, or use the example file")
        if sniffed.problems:
            raise ValueError("\n".join(sniffed.problems))
        key = tuple(self.mapping.items())
        if self._cache.get("table", (None,))[0] != key:
            with warnings.catch_warnings():  # said in attrs["warnings"], shown by the view
                warnings.simplefilter("ignore", TableWarning)
                read = read_sellers(
                    self._content, columns=self.mapping, label=self.name, **self.options
                )
            self._cache["table"] = (key, read)
        return self._cache["table"][1]

    def scored(self, method: str = "log-minmax") -> pd.DataFrame:
        """The sellers with their ``influence`` and ``attractiveness`` scores (``score``),
        kept until the table or ``method`` changes."""
        table = self.table()
        key = (id(table), method)
        if self._cache.get("scored", (None,))[0] != key:
            self._cache["scored"] = (key, self._score(table, method=method))
        return self._cache["scored"][1]

    @property
    def warnings(self) -> tuple[str, ...]:
        """What was read differently from the file's face (lines skipped, a totals row dropped,
        lower bounds, the sheet chosen): from the last reading, else from the first look."""
        key, read = self._cache.get("table", (None, None))
        if read is not None and key == tuple(self.mapping.items()):
            return tuple(read.attrs.get("warnings", ()))
        return self.sniffed.warnings if self.sniffed is not None else ()
