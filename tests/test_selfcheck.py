"""Self-check questions: every file is consistent, and the widget gives instant feedback."""

import html

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from livekit.prediction import judge_prediction
from livekit.schemas import SCHEMAS
from livekit.selfcheck import choices_of, feedback_of, grade, load_checks
from livekit.selfcheck_views import self_check

TOPICS = sorted(name.removeprefix("checks_") for name in SCHEMAS if name.startswith("checks_"))


@pytest.mark.parametrize("topic", TOPICS)
def test_every_answer_is_one_of_its_choices(topic):
    table = load_checks(topic)
    for _, q in table.iterrows():
        assert q["answer"] in choices_of(q["choices"])
        assert len(q["explanation"]) > 20


def test_grade_right_and_wrong():
    q = pd.Series(
        {
            "choices": "a | b | c",
            "answer": "b",
            "explanation": "because.",
            "feedback": "a mixes up x and y entirely | — | c forgets that z matters here",
        }
    )
    assert grade(q, "b") == (True, "Right. because.")
    right, text = grade(q, "a")
    assert not right and "The answer is “b”" in text
    assert "a mixes up x and y entirely" in text and "c forgets" not in text
    right, text = grade(q, "c")
    assert "c forgets that z matters here" in text and "a mixes up" not in text
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
    # the first pick is what counts: wrong first, right later is not "right at first try"
    assert box.result()["right_first_try"] == 0 and box.result()["right_now"] == 1


def test_wrong_pick_shows_that_options_feedback():
    box = self_check("model")
    table = load_checks("model")
    q = table.set_index("id").loc["zero_traffic"]
    for option, note in feedback_of(q).items():
        box.pickers["zero_traffic"].value = option
        shown = html.unescape(box.feedback["zero_traffic"].value)
        if option == q["answer"]:
            assert "✔" in shown
        else:
            assert note in shown and "✘" in shown


def test_score_reaches_the_notebooks_work_record():
    from livekit import handin

    box = self_check("sellers")
    table = load_checks("sellers")
    first = table.iloc[0]
    box.pickers[first["id"]].value = first["answer"]
    result = handin.work_record("02_seller_classification").checks["sellers"]
    assert result["answered"] == 1 and result["right_first_try"] == 1


def test_feedback_entries_must_match_options(tmp_path, monkeypatch):
    header = "id,section,question,choices,answer,explanation,feedback,source\n"
    bad = tmp_path / "checks_start.csv"
    monkeypatch.setattr("livekit.data.data_dir", lambda: tmp_path)
    bad.write_text(
        header
        + "q1,s,Q?,a | b | c,b,because of this and that,only one entry here and no more | —,kit\n"
    )
    with pytest.raises(
        ValueError, match=r"column 'feedback', row 1: needs one entry per option \(3"
    ):
        load_checks("start")
    bad.write_text(header + "q1,s,Q?,a | b,b,because of this and that,short | —,kit\n")
    with pytest.raises(ValueError, match=r"option 'a' needs feedback"):
        load_checks("start")


def test_malformed_checks_file_is_reported(tmp_path, monkeypatch):
    bad = tmp_path / "checks_start.csv"
    bad.write_text(
        "id,section,question,choices,answer,explanation,feedback,source\nq1,s,Q?,a | b,c,because "
        "of this "
        "and that,x | y,kit\n"
    )
    monkeypatch.setattr("livekit.data.data_dir", lambda: tmp_path)
    with pytest.raises(ValueError, match=r"column 'answer', row 1: 'c' is not one of the choices"):
        load_checks("start")


def test_text_form_is_stable_when_questions_are_added():
    assert repr(self_check("canvas")) == "<livekit self-check: canvas>"


def test_unknown_topic():
    with pytest.raises(ValueError, match="name must be one of the kit's tables"):
        self_check("nonsense")
    with pytest.raises(TypeError, match="topic must be text"):
        self_check(3)


# ---------------------------------------------------------------- predict, then check


def test_judge_prediction_numbers_and_choices():
    assert judge_prediction(105, 100)[0] and not judge_prediction(111, 100)[0]
    assert judge_prediction(3, 5, tolerance=2, relative=False)[0]
    assert not judge_prediction(2.9, 5, tolerance=2, relative=False)[0]
    held, text = judge_prediction("famous", "super")
    assert not held and "you said famous, the model shows super" in text
    with pytest.raises(TypeError, match="both be numbers or both be choices"):
        judge_prediction("famous", 3)
    with pytest.raises(ValueError, match="tolerance must be a finite number >= 0"):
        judge_prediction(1, 1, tolerance=-0.1)
    with pytest.raises(ValueError, match="prediction must be a finite number"):
        judge_prediction(float("nan"), 1)


@given(st.floats(-1e6, 1e6), st.floats(0, 1))
def test_a_prediction_equal_to_the_result_always_holds(x, tol):
    assert judge_prediction(x, x, tolerance=tol)[0]
