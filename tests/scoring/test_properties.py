"""Scoring invariants over random questionnaires and answers (hypothesis)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capassess.model.answers import Assessment
from capassess.model.questionnaire import Question, Questionnaire
from capassess.model.results import ScoreResult
from capassess.scoring.engine import roll_up, score_assessment
from capassess.scoring.questions import question_score

T = {"en": "x", "zh": "x"}
KINDS = ["level", "choice", "multi", "number", "bool"]
weights = st.floats(0.1, 10)
option_scores = st.lists(st.floats(0, 1), min_size=2, max_size=4)


@st.composite
def questions(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    q: dict[str, Any] = {"id": qid, "type": kind, "text": T, "weight": draw(weights)}
    if kind == "level":
        q["levels"] = [T] * 5
    elif kind in ("choice", "multi"):
        scores = draw(option_scores)
        scores[0] = max(scores[0], 0.01)  # a multi question needs a positive total
        q["options"] = [{"id": f"o{i}", "label": T, "score": s} for i, s in enumerate(scores)]
    elif kind == "number":
        q["thresholds"] = [1, 2, 3, 4]
    return q


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    dims = []
    for d in range(draw(st.integers(1, 3))):
        caps = []
        for c in range(draw(st.integers(1, 3))):
            qs = [draw(questions(f"q{d}-{c}-{k}")) for k in range(draw(st.integers(1, 4)))]
            caps.append({"id": f"c{d}-{c}", "title": T, "target": 3, "weight": draw(weights),
                         "questions": qs})  # fmt: skip
        dims.append({"id": f"d{d}", "title": T, "weight": draw(weights), "capabilities": caps})
    return Questionnaire.model_validate({"id": "prop", "version": "1", "title": T,
                                         "dimensions": dims})  # fmt: skip


def values(question: Question) -> st.SearchStrategy[Any]:
    """Valid answer values of ``question``."""
    if question.type == "level":
        return st.integers(1, 5)
    if question.type == "choice":
        return st.sampled_from([o.id for o in question.options])
    if question.type == "multi":
        ids = [o.id for o in question.options]
        return st.sets(st.sampled_from(ids)).map(lambda s: [i for i in ids if i in s])
    if question.type == "number":
        return st.floats(0, 5)
    return st.booleans()


def raised(question: Question, value: Any) -> st.SearchStrategy[Any]:
    """Values of ``question`` whose score is at least that of ``value``."""
    if value is None:
        return values(question)
    old = question_score(question, value)
    if question.type == "multi":
        return values(question).map(lambda extra: sorted(set(value) | set(extra)))
    return values(question).filter(lambda v: question_score(question, v) >= old)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, Any]]:
    q = draw(questionnaires())
    answers: dict[str, Any] = {}
    for _, _, question in q.questions():
        choice = draw(st.sampled_from(["value", "value", "value", "missing", "n/a"]))
        if choice == "value":
            answers[question.id] = draw(values(question))
        elif choice == "n/a":
            answers[question.id] = "n/a"
    return q, answers


def _score(q: Questionnaire, answers: dict[str, Any], **options: Any) -> ScoreResult:
    a = Assessment.model_validate({"questionnaire": "prop", "subject": {"id": "s"},
                                   "answers": answers})  # fmt: skip
    return score_assessment(q, a, **options)


def _nodes(result: ScoreResult) -> dict[str, tuple[float | None, int | None]]:
    out = {"overall": (result.overall.score, result.overall.level)}
    for dim in result.dimensions:
        out[dim.id] = (dim.score, dim.level)
        out.update({cap.id: (cap.score, cap.level) for cap in dim.capabilities})
    return out


MODELS = ["weighted-mean", "staged"]
POLICIES = ["lowest", "exclude"]
SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(cases(), st.sampled_from(MODELS), st.sampled_from(POLICIES))
def test_scores_lie_in_1_to_5(case: tuple[Questionnaire, dict[str, Any]], model: str,
                              missing: str) -> None:  # fmt: skip
    for score, level in _nodes(_score(*case, model=model, missing=missing)).values():
        assert (score is None) == (level is None)
        if score is not None:
            assert 1 <= score <= 5
            assert level in (1, 2, 3, 4, 5)


@SETTINGS
@given(cases(), st.data(), st.sampled_from(POLICIES))
def test_raising_one_answer_never_lowers_any_score(
    case: tuple[Questionnaire, dict[str, Any]], data: st.DataObject, missing: str
) -> None:
    q, answers = case
    question = data.draw(st.sampled_from([x for _, _, x in q.questions()]))
    old = answers.get(question.id)
    if old == "n/a" or (old is None and missing == "exclude"):
        return  # the question starts to count: not "raising" an answer
    higher = {**answers, question.id: data.draw(raised(question, old))}
    before = _nodes(_score(q, answers, missing=missing))
    after = _nodes(_score(q, higher, missing=missing))
    for node, (score, level) in before.items():
        new_score, new_level = after[node]
        if score is not None:  # a node that counted still counts, and is no lower
            assert new_score is not None and new_level is not None and level is not None
            assert new_score >= score - 1e-9
            assert new_level >= level


@SETTINGS
@given(cases(), st.randoms(use_true_random=False), st.sampled_from(MODELS))
def test_permuting_questions_and_nodes_changes_nothing(
    case: tuple[Questionnaire, dict[str, Any]], rnd: Any, model: str
) -> None:
    q, answers = case
    data = q.model_dump()
    rnd.shuffle(data["dimensions"])
    for dim in data["dimensions"]:
        rnd.shuffle(dim["capabilities"])
        for cap in dim["capabilities"]:
            rnd.shuffle(cap["questions"])
    shuffled = Questionnaire.model_validate(data)
    before, after = (
        _nodes(_score(q, answers, model=model)),
        _nodes(_score(shuffled, answers, model=model)),
    )
    assert after.keys() == before.keys()
    for node, (score, level) in before.items():
        assert after[node][0] == pytest.approx(score, abs=1e-9)
        assert after[node][1] == level


@SETTINGS
@given(cases(), st.data(), st.floats(0.01, 100))
def test_scaling_the_weights_of_a_node_changes_nothing(
    case: tuple[Questionnaire, dict[str, Any]], data: st.DataObject, factor: float
) -> None:
    q, answers = case
    tree = q.model_dump()
    dims = tree["dimensions"]
    caps = [cap for dim in dims for cap in dim["capabilities"]]
    parents = [("children", dims)]
    parents += [("children", dim["capabilities"]) for dim in dims]
    parents += [("children", cap["questions"]) for cap in caps]
    _, children = data.draw(st.sampled_from(parents))
    for child in children:
        child["weight"] *= factor
    scaled = Questionnaire.model_validate(tree)
    before, after = _nodes(_score(q, answers)), _nodes(_score(scaled, answers))
    for node, (score, level) in before.items():
        assert after[node][0] == pytest.approx(score, abs=1e-9)
        assert after[node][1] == level


@SETTINGS
@given(cases(), st.sampled_from(POLICIES))
def test_staged_never_exceeds_weighted_mean(
    case: tuple[Questionnaire, dict[str, Any]], missing: str
) -> None:
    staged = _nodes(_score(*case, model="staged", missing=missing))
    mean = _nodes(_score(*case, model="weighted-mean", missing=missing))
    for node, (score, level) in staged.items():
        assert (score is None) == (mean[node][0] is None)  # same nodes are n/a
        if score is not None:
            assert score <= mean[node][0] + 1e-9  # type: ignore[operator]
            assert level <= mean[node][1]  # type: ignore[operator]


@SETTINGS
@given(cases(), st.sampled_from(MODELS))
def test_roll_up_is_the_engine_s_aggregation(
    case: tuple[Questionnaire, dict[str, Any]], model: str
) -> None:
    result = _score(*case, model=model)
    assert roll_up(case[0], result.capability_scores(), template=result) == result
