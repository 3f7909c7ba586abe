"""Question scores per type, levels, and the status of every question."""

from __future__ import annotations

from typing import Any

import pytest

from capassess.errors import InputError
from capassess.model.answers import Answer
from capassess.scoring.questions import (
    evaluate_questions,
    level_of,
    question_level,
    question_score,
)
from tests.scoring.helpers import tiny


def _question(qid: str) -> Any:
    return tiny().question_map()[qid]


@pytest.mark.parametrize(
    ("qid", "value", "expected"),
    [
        # level L -> (L - 1) / 4
        ("g-level", 1, 0.0),
        ("g-level", 3, 0.5),
        ("g-level", 4, 0.75),
        ("g-level", 5, 1.0),
        # choice -> the option's score
        ("g-choice", "none", 0.0),
        ("g-choice", "partial", 0.5),
        ("g-choice", "full", 1.0),
        # multi -> selected sum / all sum; options bi 0.5, ml 1, rt 0.5, sum 2
        ("a-multi", [], 0.0),
        ("a-multi", ["bi"], 0.25),  # 0.5 / 2
        ("a-multi", ["bi", "rt"], 0.5),  # (0.5 + 0.5) / 2
        ("a-multi", ["ml", "rt"], 0.75),  # (1 + 0.5) / 2
        ("a-multi", ["bi", "ml", "rt"], 1.0),  # 2 / 2
        # number, better higher, thresholds 5 10 20 40: level = 1 + #(t <= x)
        ("a-number", 0, 0.0),  # level 1
        ("a-number", 4.99, 0.0),  # level 1
        ("a-number", 5, 0.25),  # level 2: (2 - 1) / 4
        ("a-number", 19.9, 0.5),  # level 3
        ("a-number", 20, 0.75),  # level 4
        ("a-number", 40, 1.0),  # level 5
        ("a-number", 100, 1.0),  # level 5
        # number, better lower, thresholds 10 30 60 120: level = 5 - #(t < x)
        ("o-api", 3, 1.0),  # level 5
        ("o-api", 10, 1.0),  # at t1 still level 5
        ("o-api", 10.5, 0.75),  # level 4
        ("o-api", 60, 0.5),  # level 3
        ("o-api", 120, 0.25),  # level 2
        ("o-api", 121, 0.0),  # level 1
        # bool -> 1 or 0
        ("a-bool", True, 1.0),
        ("a-bool", False, 0.0),
    ],
)
def test_question_score(qid: str, value: Any, expected: float) -> None:
    assert question_score(_question(qid), value) == pytest.approx(expected, abs=1e-15)


@pytest.mark.parametrize(
    ("score", "level"),
    [(1.0, 1), (1.99, 1), (2.0, 2), (2.9999999999, 3), (3.5, 3), (4.999, 4), (5.0, 5),
     (0.5, 1), (5.2, 5), (None, None)],
)  # fmt: skip
def test_level_is_floor_plus_epsilon_clamped(score: float | None, level: int | None) -> None:
    # 2.9999999999 + 1e-9 = 3.0000000009, so floating-point noise does not lose a level.
    assert level_of(score) == level


@pytest.mark.parametrize(("s", "level"), [(0, 1), (0.24, 1), (0.25, 2), (0.5, 3), (0.74, 3),
                                          (0.75, 4), (0.99, 4), (1, 5)])  # fmt: skip
def test_question_level_is_floor_of_one_plus_four_s(s: float, level: int) -> None:
    assert question_level(s) == level


def _outcomes(answers: dict[str, Any]) -> dict[str, str]:
    questions = (q for _, _, q in tiny().questions())
    result = evaluate_questions(
        questions, {k: Answer.model_validate(v) for k, v in answers.items()}
    )
    return {qid: o.status for qid, o in result.items()}


def test_statuses_na_missing_and_when() -> None:
    statuses = _outcomes({"g-level": "N/A ", "g-choice": {"value": None}, "a-number": 12,
                          "a-bool": True, "o-api": ""})  # fmt: skip
    assert statuses == {
        "g-level": "not_applicable",  # 'n/a' in any case, blanks ignored
        "g-choice": "missing",  # value: null
        "a-multi": "missing",  # absent
        "a-number": "answered",
        "a-bool": "answered",  # when 'a-number >= 10' holds for 12
        "o-api": "missing",  # empty string
    }


@pytest.mark.parametrize(
    "number",
    [9, "n/a", None],  # below 10, not applicable, unanswered: the condition is false
)
def test_when_false_skips_even_an_answered_question(number: Any) -> None:
    answers: dict[str, Any] = {"a-bool": True}
    if number is not None:
        answers["a-number"] = number
    assert _outcomes(answers)["a-bool"] == "skipped"


def test_bad_values_are_all_reported() -> None:
    with pytest.raises(InputError) as caught:
        _outcomes({"g-level": 7, "g-choice": "most", "a-number": 150})
    found = {(p.loc, p.message.split(";")[0]) for p in caught.value.problems}
    assert found == {
        (("answers", "g-level", "value"), "7 is not a level"),
        (("answers", "g-choice", "value"), "'most' is not an option"),
        (("answers", "a-number", "value"), "150 is above the maximum 100"),
    }
