"""Judging a column at once gives each cell the verdict ``outcome_of`` gives it alone."""

from __future__ import annotations

import math

import pyarrow as pa
import pytest

from capassess.batch.cells import ANSWERED, INVALID, MISSING, NOT_APPLICABLE, QuestionCodec
from capassess.model.answers import Answer
from capassess.model.questionnaire import NumberQuestion
from capassess.scoring.questions import outcome_of
from tests.batch.helpers import tiny

CLEAN = ["12", "9.99", "10", "-0", "+5", ".5", "5.", "1e1", "1e-400", "nan", "inf", "-inf", "Infinity",
         "1e400", "", "n/a", "N/A", "100", "100.0001", "-1", "00012.50"]  # fmt: skip
DIRTY = [*CLEAN, " 5", "5 ", "1,200", "12%", "0x10", "1_000", "١٢", "n/A", "x", "20 %"]
CODES = {"answered": ANSWERED, "not_applicable": NOT_APPLICABLE, "missing": MISSING}


def _expected(question: NumberQuestion, text: str) -> tuple[int, float]:
    try:
        outcome = outcome_of(question, Answer(value=text))
    except ValueError:
        return INVALID, math.nan
    return CODES[outcome.status], math.nan if outcome.score is None else outcome.score


@pytest.mark.parametrize("cells", [CLEAN, DIRTY], ids=["castable", "needs-regex"])
def test_number_cells_match_the_engine_one_by_one(cells: list[str]) -> None:
    question = tiny().question_map()["a-number"]  # min 0, max 100, thresholds 5 10 20 40
    assert isinstance(question, NumberQuestion)
    column = QuestionCodec(question).read(pa.array(cells))
    for i, text in enumerate(cells):
        status, score = _expected(question, text)
        assert column.status[i] == status, text
        assert (math.isnan(score) and math.isnan(column.score[i])) or column.score[i] == score, text
        if status == ANSWERED:
            assert column.values()[i] == float(text.strip().replace(",", "").rstrip("%").strip())


def test_other_cells_are_judged_once_per_distinct_text() -> None:
    question = tiny().question_map()["g-choice"]
    codec = QuestionCodec(question)
    column = codec.read(pa.array(["full", "none", "full", "", "N/A", "most", "full"]))
    assert column.status.tolist() == [
        ANSWERED,
        ANSWERED,
        ANSWERED,
        MISSING,
        NOT_APPLICABLE,
        INVALID,
        ANSWERED,
    ]
    assert column.score.tolist()[:3] == [1.0, 0.0, 1.0]
    assert column.reason(5) == "'most' is not an option; expected one of: none, partial, full"
    assert sorted(codec.seen) == ["", "N/A", "full", "most", "none"]
