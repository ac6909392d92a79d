"""The kit's glossary: plain definitions of the terms the notebooks use, in English and Chinese.

The table is ``data/glossary.csv`` (documented in ``data/README.md``). From any notebook::

    from livekit.glossary import glossary
    glossary("GMV")        # one entry
    glossary("弹幕")        # the same look-up in Chinese (barrage comments)
    glossary()             # the whole table

A term is found by its name, any of its aliases (``11.11`` for Singles' Day, ``danmu`` for
barrage) or its Chinese name, ignoring case, spaces and punctuation at the ends. An unknown term
raises a ``ValueError`` that names the closest terms in the table.
"""

from __future__ import annotations

import difflib
import unicodedata

import pandas as pd

from .data import load

__all__ = ["glossary", "glossary_keys"]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    text = text.replace("’", "").replace("'", "")
    return " ".join(text.strip(' .,;:!?"()[]').split())


def glossary_keys() -> dict[str, str]:
    """Every look-up key (normalised term, alias and Chinese name) and the term it leads to.

    Returns
    -------
    dict of str to str
        Normalised key -> the term as written in ``data/glossary.csv``. Where an alias could
        lead to two terms, the term whose own name it is wins, then the earlier row.
    """
    table = load("glossary")
    keys: dict[str, str] = {}
    for row in table.itertuples(index=False):
        keys.setdefault(_norm(row.term), row.term)
    for row in table.itertuples(index=False):
        aliases = row.aliases if isinstance(row.aliases, str) else ""
        names = [row.chinese, *aliases.split(";")]
        for name in names:
            key = _norm(name)
            if key:
                keys.setdefault(key, row.term)
    return keys


def glossary(term: str | None = None) -> pd.Series | pd.DataFrame:
    """Look up a term, or return the whole glossary.

    Parameters
    ----------
    term : str, optional
        A term, an alias or a Chinese term, e.g. ``"GMV"``, ``"11.11"``, ``"danmu"``,
        ``"直播带货"``.
        Case, surrounding spaces and end punctuation do not matter. Omit it for the whole table.

    Returns
    -------
    pandas.Series or pandas.DataFrame
        For a term: its entry, with ``term``, ``aliases``, ``chinese``, ``definition``,
        ``used_in`` and ``source`` (the series is named after the term). Without a term: the
        whole table, one row per term, sorted alphabetically.

    Raises
    ------
    TypeError
        If ``term`` is given but is not text.
    ValueError
        If ``term`` is empty or not in the glossary; the message names the closest terms.
    """
    table = load("glossary")
    if term is None:
        return table.sort_values("term", key=lambda s: s.str.casefold()).reset_index(drop=True)
    if not isinstance(term, str):
        raise TypeError(f"term must be text such as 'GMV', got {type(term).__name__}")
    key = _norm(term)
    if not key:
        raise ValueError(
            "term is empty: give a term such as 'GMV', or call glossary() for the whole table"
        )
    keys = glossary_keys()
    if key not in keys:
        close = difflib.get_close_matches(key, list(keys), n=5, cutoff=0.5)
        if not close:  # a near miss in part of a longer term, e.g. 'canvas'
            close = [k for k in keys if key in k or k in key][:5]
        suggestions = list(dict.fromkeys(keys[k] for k in close))
        hint = f"; closest: {', '.join(repr(s) for s in suggestions)}" if suggestions else ""
        raise ValueError(
            f"term {term!r} is not in the glossary (data/glossary.csv){hint}. Call glossary() for "
            "every term."
        )
    row = table[table["term"] == keys[key]].iloc[0].copy()
    row.name = row["term"]
    return row
