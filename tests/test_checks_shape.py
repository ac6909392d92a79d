"""Shape rules of the self-check questions, over all data/checks_*.csv together (issue 13, item 1).

- at least 4 questions in checks_start, 8 in each of canvas and sellers, 6 in path and in model;
- every answer is one of its options; every wrong option has its own feedback;
- the right answer is the longest option (ties count) in at most a third of all questions;
- no position holds the right answer in more than 40% of all questions;
- options of similar length (the shortest at least a third of the longest);
- every question rests on a paper section or labels its reasoning as the kit's;
- no run of 8 or more consecutive words of the paper outside quotation marks.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from livekit.selfcheck import RIGHT_MARK, choices_of, feedback_of, is_longest, load_checks

ROOT = Path(__file__).resolve().parent.parent
TOPICS = sorted(p.stem.removeprefix("checks_") for p in (ROOT / "data").glob("checks_*.csv"))
MINIMUM = {"start": 4, "canvas": 8, "sellers": 8, "path": 6, "model": 6}
PAPER = Path("/work/shared/paper/paper.md")


@pytest.fixture(scope="module")
def everything() -> pd.DataFrame:
    return pd.concat([load_checks(t).assign(topic=t) for t in TOPICS], ignore_index=True)


def test_every_topic_present_with_enough_questions():
    assert set(TOPICS) == set(MINIMUM)
    for topic, n in MINIMUM.items():
        assert len(load_checks(topic)) >= n, topic


def test_answer_among_options_and_every_wrong_option_has_feedback(everything):
    for _, q in everything.iterrows():
        options = choices_of(q["choices"])
        assert q["answer"] in options, q["id"]
        notes = feedback_of(q)
        assert list(notes) == options, q["id"]
        for option, note in notes.items():
            if option == q["answer"]:
                assert note == RIGHT_MARK, q["id"]
            else:
                assert len(note) >= 20 and note != q["explanation"], (q["id"], option)
        # each wrong option's feedback is its own, not one text pasted for all
        wrong = [n for o, n in notes.items() if o != q["answer"]]
        assert len(set(wrong)) == len(wrong), q["id"]


def test_right_answer_is_longest_in_at_most_a_third(everything):
    longest = [q["id"] for _, q in everything.iterrows() if is_longest(q)]
    assert 3 * len(longest) <= len(everything), (
        f"longest in {len(longest)} of {len(everything)}: {longest}"
    )


def test_no_position_holds_more_than_40_percent(everything):
    positions = Counter(
        choices_of(q["choices"]).index(q["answer"]) for _, q in everything.iterrows()
    )
    worst, count = positions.most_common(1)[0]
    assert count <= 0.4 * len(everything), (
        f"position {worst + 1} holds {count} of {len(everything)}"
    )


def test_is_longest_counts_ties_as_longest():
    assert is_longest({"choices": "abc | de | fgh", "answer": "abc"})
    assert not is_longest({"choices": "abc | de | fghi", "answer": "abc"})


def test_options_of_similar_length(everything):
    for _, q in everything.iterrows():
        lengths = [len(o) for o in choices_of(q["choices"])]
        assert 3 * min(lengths) >= max(lengths), (q["id"], lengths)


def test_every_question_cites_the_paper_or_says_kit(everything):
    for _, q in everything.iterrows():
        source = q["source"]
        assert "Li (2021)" in source or "kit" in source, q["id"]
        if source.strip() == "kit":
            # reasoning of the kit's own: the question or explanation must say so
            assert "kit" in (q["question"] + q["explanation"]).lower(), q["id"]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _unquoted(text: str) -> str:
    text = re.sub(r"“[^”]*”", " ¦ ", text)
    text = re.sub(r'"[^"]*"', " ¦ ", text)
    return re.sub(r"(?<!\w)'[^']*?'(?!\w)", " ¦ ", text)


def _eight_grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}


@pytest.mark.skipif(not PAPER.exists(), reason=f"the paper's text is not at {PAPER}")
def test_no_eight_word_run_from_the_paper_unquoted(everything):
    paper = _eight_grams(_words(PAPER.read_text(encoding="utf-8")))
    hits = []
    for _, q in everything.iterrows():
        for column in ("question", "choices", "explanation", "feedback"):
            for chunk in _unquoted(q[column]).split("¦"):
                common = _eight_grams(_words(chunk)) & paper
                hits += [(q["id"], column, " ".join(g)) for g in common]
    assert not hits, hits


def test_quoting_helper_removes_quoted_runs():
    assert "key business" not in _unquoted("the paper's 'key business' of live")
    assert "paper's" in _unquoted("the paper's 'key business' of live")
