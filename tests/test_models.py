"""Model rules that a field alone carries: thresholds, matrices, answers, texts."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from capassess.model.answers import Answer
from capassess.model.base import Text
from capassess.model.matrix import AhpMatrix
from capassess.model.questionnaire import NumberQuestion


def _number(better: str) -> NumberQuestion:
    return NumberQuestion.model_validate(
        {"id": "n", "type": "number", "text": {"en": "N"}, "thresholds": [5, 10, 20, 40],
         "better": better}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "level"), [(0, 1), (4.99, 1), (5, 2), (10, 3), (19, 3), (20, 4), (40, 5), (99, 5)]
)
def test_number_higher_is_better(value: float, level: int) -> None:
    assert _number("higher").level_of(value) == level


@pytest.mark.parametrize(
    ("value", "level"), [(0, 5), (5, 5), (6, 4), (10, 4), (11, 3), (20, 3), (40, 2), (41, 1)]
)
def test_number_lower_is_better(value: float, level: int) -> None:
    assert _number("lower").level_of(value) == level


def test_matrix_upper_triangle_is_completed_with_reciprocals() -> None:
    m = AhpMatrix(items=["a", "b", "c"], matrix=[[1, 3, "1/2"], [1, 2], [1]])
    assert m.full() == [[1, 3, 0.5], [1 / 3, 1, 2], [2, 0.5, 1]]


def test_matrix_strict_upper_triangle() -> None:
    m = AhpMatrix(items=["a", "b", "c"], matrix=[[3, 5], [2]])
    assert m.full()[2][0] == pytest.approx(0.2)


def test_matrix_rejects_wrong_row_length() -> None:
    with pytest.raises(ValidationError, match="row 2 has 4 entries"):
        AhpMatrix(items=["a", "b", "c"], matrix=[[1, 3, 5], [1, 1, 1, 1], [1]])


def test_answer_shorthand_and_markers() -> None:
    assert Answer.model_validate(3).value == 3
    assert Answer.model_validate("N/A").not_applicable
    assert Answer.model_validate({"value": None, "note": "later"}).is_missing


def test_text_fallback() -> None:
    assert Text(zh="数据").get("en") == "数据"
    assert Text(en="Data", zh="数据").missing() == []
    assert Text(en="Data").missing() == ["zh"]
