"""Self-check questions: every file is consistent, and the widget gives instant feedback."""
import pandas as pd
import pytest

from livekit.schemas import SCHEMAS
from livekit.selfcheck import choices_of, grade, load_checks, self_check

TOPICS = sorted(name.removeprefix("checks_") for name in SCHEMAS if name.startswith("checks_"))


@pytest.mark.parametrize("topic", TOPICS)
def test_every_answer_is_one_of_its_choices(topic):
    table = load_checks(topic)
    for _, q in table.iterrows():
        assert q["answer"] in choices_of(q["choices"])
        assert len(q["explanation"]) > 20


def test_grade_right_and_wrong():
    q = pd.Series({"choices": "a | b | c", "answer": "b", "explanation": "because."})
    assert grade(q, "b") == (True, "Right. because.")
    right, text = grade(q, "a")
    assert not right and "the answer is “b”" in text
    with pytest.raises(ValueError, match=r"pick must be one of \['a', 'b', 'c'\]"):
        grade(q, "d")


def test_widget_feedback_appears_on_pick_and_score_counts():
    box = self_check("start")
    table = load_checks("start")
    first = table.iloc[0]
    wrong = next(c for c in choices_of(first["choices"]) if c != first["answer"])
    assert box.feedback[first["id"]].value == ""
    box.pickers[first["id"]].value = wrong
    assert "✘" in box.feedback[first["id"]].value
    assert "Answered 1 of" in box.score.value and "right: 0" in box.score.value
    box.pickers[first["id"]].value = first["answer"]
    assert "✔" in box.feedback[first["id"]].value
    assert "right: 1" in box.score.value


def test_malformed_checks_file_is_reported(tmp_path, monkeypatch):
    bad = tmp_path / "checks_start.csv"
    bad.write_text("id,question,choices,answer,explanation,source\nq1,Q?,a | b,c,because of this and that,kit\n")
    monkeypatch.setattr("livekit.data.data_dir", lambda: tmp_path)
    with pytest.raises(ValueError, match=r"column 'answer', row 1: 'c' is not one of the choices"):
        load_checks("start")


def test_unknown_topic():
    with pytest.raises(ValueError, match="name must be one of the kit's tables"):
        self_check("nonsense")
    with pytest.raises(TypeError, match="topic must be text"):
        self_check(3)
