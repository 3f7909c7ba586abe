"""The vectorised batch path judges and scores every row exactly as the engine does.

Random rows of raw cells (valid values in many spellings, n/a, blanks, rubbish, numbers
out of range) go through ``ChunkJudge`` and, one by one, through ``score_assessment``:
the same rows are rejected for the same reasons, and every score of every other row is
equal to the last bit. ``tiny`` has every question type and a ``when`` condition;
``branch-fintech`` is the shipped branch questionnaire.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from capassess.batch.judge import NO_QUESTION, NO_VALID, ChunkJudge
from capassess.batch.table import Layout, text_chunk
from capassess.batch.vector import NodeOrder, VectorScorer, overall_levels
from capassess.errors import InputError
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.questionnaire import (
    BoolQuestion,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
)
from capassess.model.results import ScoreResult
from capassess.scoring.engine import score_assessment
from capassess.scoring.weights import tree_weights
from tests.batch.helpers import branch, gated, tiny

QUESTIONNAIRES = {"tiny": tiny(), "branch": branch(), "gated": gated()}
RUBBISH = st.sampled_from(["maybe", "6", "0", "-1", "1e999", "nan", "=1+2", "是的", "3.5", "a;;b"])
NA = st.sampled_from(["n/a", "N/A", " n/a ", "n/A"])
BLANK = st.sampled_from(["", " ", "\t"])


def _number(question: NumberQuestion) -> st.SearchStrategy[str]:
    low = question.min if question.min is not None else -50.0
    high = question.max if question.max is not None else question.thresholds[-1] * 2
    value = st.floats(low - 10, high + 10, allow_nan=False)
    return st.one_of(
        value.map(lambda v: f"{v:.2f}"),
        value.map(lambda v: str(int(v))),
        value.map(lambda v: f"{v:,.1f}"),
        value.map(lambda v: f" {v:.1f}% "),
        st.sampled_from([f"{t:g}" for t in question.thresholds]),
        st.sampled_from(["1e2", "+5", ".5", "5.", "0012"]),
    )


def _valid(question: Question) -> st.SearchStrategy[str]:
    if isinstance(question, LevelQuestion):
        return st.sampled_from(["1", "2", "3", "4", "5", " 3 ", "4.0"])
    if isinstance(question, ChoiceQuestion):
        return st.sampled_from([o.id for o in question.options] + [f" {question.options[0].id}"])
    if isinstance(question, MultiQuestion):
        ids = [o.id for o in question.options]
        return st.lists(st.sampled_from(ids), unique=True).map(",".join)
    if isinstance(question, BoolQuestion):
        return st.sampled_from(["yes", "no", "TRUE", "false", "是", "否", "1", "0", "Y"])
    assert isinstance(question, NumberQuestion)
    return _number(question)


def cell(question: Question) -> st.SearchStrategy[str]:
    """A raw cell for ``question``: mostly valid, sometimes n/a, blank or rubbish (1 in 40)."""
    kinds = [RUBBISH, NA, NA, BLANK, BLANK] + [_valid(question)] * 35
    return st.integers(0, len(kinds) - 1).flatmap(lambda k: kinds[k])


def rows(q: Questionnaire) -> st.SearchStrategy[list[list[str]]]:
    """Rows of cells in questionnaire order."""
    questions = [x for _, _, x in q.questions()]
    return st.lists(st.tuples(*(cell(x) for x in questions)).map(list), min_size=1, max_size=25)


def judge_rows(q: Questionnaire, cells: list[list[str]], model: str, policy: str, lenient: bool):  # type: ignore[no-untyped-def]
    layout = Layout(0, None, {}, {x.id: i + 1 for i, (_, _, x) in enumerate(q.questions())})
    records = [[f"u{i}", *row] for i, row in enumerate(cells)]
    chunk = text_chunk("in.csv", list(range(2, 2 + len(cells))), records, layout)
    scorer = VectorScorer(q, tree_weights(q), model, policy)
    return ChunkJudge(q, scorer, policy, lenient).judge(chunk)


def engine(q: Questionnaire, row: list[str], model: str, policy: str) -> ScoreResult:
    ids = [x.id for _, _, x in q.questions()]
    answers = {qid: Answer(value=text) for qid, text in zip(ids, row, strict=True)}
    assessment = Assessment(questionnaire=q.ref, subject=Subject(id="u"), answers=answers)
    return score_assessment(q, assessment, model=model, missing=policy)


def answered_nothing(result: ScoreResult) -> bool:
    """True for a unit the engine scores with no question answered: batch rejects its
    row (a note in the id column, a unit that sent nothing back), beyond the engine."""
    return not any(c.answered for d in result.dimensions for c in d.capabilities)


def flat(result: ScoreResult) -> list[float | None]:
    dims = result.dimensions
    return [result.overall.score, *(d.score for d in dims)] + [
        c.score for d in dims for c in d.capabilities
    ]


def vector_scores(values: np.ndarray) -> list[float | None]:
    return [None if math.isnan(x) else float(x) for x in values]


def test_the_strategies_make_both_scored_and_rejected_rows() -> None:
    q = branch()

    def mixed(cells: list[list[str]]) -> bool:
        judged = judge_rows(q, cells, "weighted-mean", "lowest", lenient=False)
        return int(judged.keep.sum()) >= 3 and judged.rejected >= 1

    quick = settings(max_examples=200, deadline=None, phases=[Phase.generate], database=None)
    assert mixed(find(rows(q), mixed, settings=quick))


@pytest.mark.parametrize("name", sorted(QUESTIONNAIRES))
@pytest.mark.parametrize("model", ["weighted-mean", "staged"])
@pytest.mark.parametrize("policy", ["lowest", "exclude"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_strict_batch_equals_engine(
    name: str, model: str, policy: str, data: st.DataObject
) -> None:
    q = QUESTIONNAIRES[name]
    cells = data.draw(rows(q))
    judged = judge_rows(q, cells, model, policy, lenient=False)
    kept = iter(judged.scored.scores)
    answered = iter(judged.scored.answered.tolist())
    reasons: dict[int, set[tuple[str, str]]] = {}
    for r in judged.rejections:
        reasons.setdefault(r.row or 0, set()).add((r.column, r.reason))
    for i, row in enumerate(cells):
        try:
            expected = engine(q, row, model, policy)
        except InputError as exc:
            problems = {(str(p.loc[1]), p.message) for p in exc.problems}
            assert not judged.keep[i]
            assert reasons[i + 2] == problems
            continue
        if answered_nothing(expected):
            assert not judged.keep[i]
            assert reasons[i + 2] == {("", NO_QUESTION)}
            continue
        assert judged.keep[i], (row, reasons.get(i + 2))
        scores = next(kept)
        assert vector_scores(scores) == flat(expected)
        # the answered questions per capability: 0 is "not assessed", as in the engine
        counts = next(answered)
        assert counts == [c.answered for d in expected.dimensions for c in d.capabilities]
        # a foundation capability not assessed caps nothing, alike in both
        level = overall_levels(scores[np.newaxis, :], NodeOrder.of(q), np.array([counts]))[0]
        assert (None if math.isnan(level) else int(level)) == expected.overall.level


@pytest.mark.parametrize("name", sorted(QUESTIONNAIRES))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_lenient_batch_equals_engine_without_the_bad_cells(name: str, data: st.DataObject) -> None:
    q = QUESTIONNAIRES[name]
    cells = data.draw(rows(q))
    judged = judge_rows(q, cells, "weighted-mean", "lowest", lenient=True)
    rejected = {r.row for r in judged.rejections}
    assert {r.reason for r in judged.rejections} <= {NO_QUESTION, NO_VALID}
    ignored = {(r.row, r.column) for r in judged.ignored}
    ids = [x.id for _, _, x in q.questions()]
    kept = iter(judged.scored.scores)
    for i, row in enumerate(cells):
        cleaned = [
            "" if (i + 2, qid) in ignored else text for qid, text in zip(ids, row, strict=True)
        ]
        expected = engine(q, cleaned, "weighted-mean", "lowest")
        assert (i + 2 in rejected) == answered_nothing(expected) == (not judged.keep[i])
        if judged.keep[i]:
            assert vector_scores(next(kept)) == flat(expected)


@pytest.mark.parametrize("name", sorted(QUESTIONNAIRES))
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_missing_policy_error_rejects_the_rows_the_engine_refuses(
    name: str, data: st.DataObject
) -> None:
    q = QUESTIONNAIRES[name]
    cells = data.draw(rows(q))
    judged = judge_rows(q, cells, "weighted-mean", "error", lenient=False)
    for i, row in enumerate(cells):
        try:
            expected = engine(q, row, "weighted-mean", "error")
        except InputError:
            assert not judged.keep[i]
            continue
        assert judged.keep[i] != answered_nothing(expected)


def test_a_when_condition_skips_the_cells_it_hides() -> None:
    q = tiny()
    # a-bool is asked only when a-number >= 10: with 5, its rubbish is ignored.
    order = [x.id for _, _, x in q.questions()]
    row = dict.fromkeys(order, "")
    row.update({"g-level": "3", "a-number": "5", "a-bool": "rubbish"})
    judged = judge_rows(q, [[row[k] for k in order]], "weighted-mean", "lowest", lenient=False)
    assert judged.keep.tolist() == [True]
    row["a-number"] = "50"
    judged = judge_rows(q, [[row[k] for k in order]], "weighted-mean", "lowest", lenient=False)
    assert judged.keep.tolist() == [False]
    assert [r.column for r in judged.rejections] == ["a-bool"]
