"""The glossary: at least 30 terms, look-up by term, alias or Chinese, clear errors."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livekit.data import load
from livekit.glossary import glossary, glossary_keys

REQUIRED = [
    "anchor",
    "GMV",
    "conversion",
    "Singles' Day",
    "barrage",
    "KOL",
    "traffic",
    "value co-creation",
    "4P",
    "customer sponsorship",
    "live-stream modes",
    "tacit knowledge",
    "explicit knowledge",
]


def test_the_table_has_at_least_30_terms_each_defined_and_placed():
    table = glossary()
    assert len(table) >= 30
    assert table["term"].is_unique
    for col in ("definition", "chinese", "used_in", "source"):
        assert table[col].str.strip().str.len().gt(0).all(), col
    assert list(table["term"]) == sorted(table["term"], key=str.casefold)


@pytest.mark.parametrize("term", REQUIRED)
def test_the_issue_s_terms_are_there(term):
    assert glossary(term)["term"] == term


@pytest.mark.parametrize(
    "asked, found",
    [
        ("gmv", "GMV"),
        ("  GMV. ", "GMV"),
        ("11.11", "Singles' Day"),
        ("Singles Day", "Singles' Day"),
        ("danmu", "barrage"),
        ("弹幕", "barrage"),
        ("直播带货", "live commerce"),
        ("主播", "anchor"),
        ("Key Opinion Leader", "KOL"),
        ("value acquisition", "value capture"),
        ("TikTok", "Douyin"),
    ],
)
def test_look_up_by_alias_case_and_chinese(asked, found):
    entry = glossary(asked)
    assert entry["term"] == found
    assert entry.name == found
    assert entry["definition"] == load("glossary").set_index("term").at[found, "definition"]


def test_an_unknown_term_names_close_matches():
    with pytest.raises(ValueError, match=r"'anchr' is not in the glossary.*closest: 'anchor'"):
        glossary("anchr")
    with pytest.raises(ValueError, match="conversion"):
        glossary("conversion rates")


def test_empty_and_non_text_terms_are_refused():
    with pytest.raises(ValueError, match="empty"):
        glossary("   ")
    with pytest.raises(TypeError, match="term must be text"):
        glossary(42)


def test_every_key_leads_to_a_term_of_the_table():
    terms = set(load("glossary")["term"])
    keys = glossary_keys()
    assert set(keys.values()) == terms
    # a term's own name always wins over another term's alias
    for term in terms:
        assert glossary(term)["term"] == term


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(load("glossary")["term"])), st.sampled_from(["upper", "lower", "pad"])
)
def test_any_term_is_found_whatever_its_case_or_padding(term, how):
    asked = {"upper": term.upper(), "lower": term.lower(), "pad": f"  {term} "}[how]
    assert glossary(asked)["term"] == term


# --- "where the kit uses it" is true --------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def _notebook_text(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            for key in ("text/plain", "text/markdown"):
                value = out.get("data", {}).get(key, "")
                parts.append("".join(value) if isinstance(value, list) else value)
    return "\n".join(parts).lower()


def _mentions(text, names):
    for name in (n.strip().lower() for n in names):
        if not name:
            continue
        if re.search(r"[a-z0-9]", name):
            if re.search(r"(?<![a-z0-9])" + re.escape(name) + r"s?(?![a-z0-9])", text):
                return True
        elif name in text:
            return True
    return False


def test_used_in_names_notebooks_that_mention_the_term_and_files_that_exist():
    notebooks = {p.name[:2]: _notebook_text(p) for p in (ROOT / "notebooks").glob("*.ipynb")}
    for row in glossary().itertuples(index=False):
        names = [
            row.term,
            row.chinese,
            *(row.aliases if isinstance(row.aliases, str) else "").split(";"),
        ]
        for part in (p.strip() for p in row.used_in.split(";")):
            if part.startswith("data/"):
                assert list((ROOT).glob(part)), f"{row.term}: {part} does not exist"
                continue
            listed = list(notebooks) if part == "all notebooks" else re.findall(r"\d\d", part)
            assert listed, f"{row.term}: cannot read {part!r}"
            for number in listed:
                assert _mentions(notebooks[number], names), (
                    f"{row.term}: notebook {number} does not mention it"
                )


# --- issue 18: every canvas block and every method word the notebooks use ------------------------

#: The method words the notebooks use, each of which a student must be able to look up.
METHOD_WORDS = [
    "log-min-max",
    "percentile rank",
    "median",
    "normalisation",
    "reference set",
    "threshold",
    "quadrant model",
    "tiered model",
    "weight",
    "proxy",
    "funnel",
    "waterfall",
    "retention",
    "margin",
    "profit",
    "break-even",
    "differentiation",
    "lift",
    "fit",
    "marketing purpose",
    "evaluation map",
    "value stage",
    "lever",
    "stream-only discount",
]


def test_every_canvas_block_has_an_entry_with_chinese_and_source():
    from livekit import canvas

    for block, name in canvas.blocks()["name"].items():
        entry = glossary(name)
        assert entry["chinese"].strip() and entry["source"].strip(), block
        assert "Li (2021)" in entry["source"], block


@pytest.mark.parametrize("word", METHOD_WORDS)
def test_every_method_word_has_an_entry_with_chinese_and_source(word):
    entry = glossary(word)
    assert entry["term"] == word
    assert entry["chinese"].strip() and entry["source"].strip()


@pytest.mark.parametrize(
    "asked, found",
    [
        ("log-minmax", "log-min-max"),
        ("percentile", "percentile rank"),
        ("top tier", "tiered model"),
        ("cumulative viewers", "cumulative viewers"),
        ("key business", "key activities"),
        ("core resources", "key resources"),
        ("留存率", "retention"),
    ],
)
def test_method_words_are_found_by_their_other_names(asked, found):
    assert glossary(asked)["term"] == found


def test_a_kit_method_never_claims_the_paper():
    for word in ("log-min-max", "normalisation", "tiered model", "threshold"):
        assert glossary(word)["source"].startswith("kit")
