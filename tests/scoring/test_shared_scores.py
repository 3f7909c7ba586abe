"""Scores, gaps and projections shared by the units of a batch equal fresh ones.

``scoring.remembered`` gives units that answer a capability alike the very same
``CapabilityScore``; ``gap`` the very same gap for the same score and target without a
baseline; ``roll_up`` keeps a template's dimension scores whose capabilities are
unchanged; questionnaires list their capabilities, questions and actions once. Each is
checked here against the computation it saves, over random units of both shipped
questionnaires (blank, n/a and multi answers included), every missing-answer policy
and both models.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from capassess import gap as gap_module
from capassess.advice import action_statuses, current_level
from capassess.catalog import find_questionnaire
from capassess.gap import _capability_gap, find_gaps, resolve_targets
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult
from capassess.roadmap import first_by_id, project_capabilities
from capassess.scoring import engine, remembered
from capassess.scoring.engine import roll_up, score_assessment, score_capability
from capassess.scoring.interface import get_model
from capassess.scoring.questions import evaluate_questions
from capassess.scoring.weights import tree_weights

QUESTIONNAIRES = ("branch-fintech", "bank-fintech")


def _value(question: Any, rng: random.Random) -> Any:
    draw = rng.random()
    if draw < 0.1:
        return None
    if draw < 0.2:
        return "n/a"
    if question.type in ("choice",):
        return rng.choice(question.options).id
    if question.type == "multi":
        return [o.id for o in rng.sample(question.options, rng.randint(1, 2))]
    if question.type == "level":
        return rng.choice([1, 2, 3, 4, 5, "3"])
    if question.type == "bool":
        return rng.choice([True, False])
    top = question.max if question.max is not None else question.thresholds[-1] * 1.5
    return rng.choice([0.0, float(question.min or 0), round(rng.uniform(0, top), 0)])


def _units(q: Questionnaire, count: int, seed: int = 3) -> list[Assessment]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        answers = {}
        for _, _, question in q.questions():
            value = _value(question, rng)
            if value is not None:
                answers[question.id] = Answer(value=value)
        out.append(Assessment(questionnaire=q.ref, subject=Subject(id=f"u{i}", kind="branch"),
                              answers=answers))  # fmt: skip
    return out


def _same(a: Any, b: Any) -> None:
    assert a == b
    assert type(a) is type(b)
    assert a.model_dump() == b.model_dump()
    assert repr(a.model_dump()) == repr(b.model_dump())  # types of numbers too
    assert a.model_fields_set == b.model_fields_set


@pytest.mark.parametrize("name", QUESTIONNAIRES)
@pytest.mark.parametrize("policy", ["exclude", "lowest"])
@pytest.mark.parametrize("model", ["weighted-mean", "staged"])
def test_shared_capability_scores_equal_fresh_ones(name: str, policy: str, model: str) -> None:
    q = find_questionnaire(name)
    tree, scorer = tree_weights(q), get_model(model)
    remembered.forget()
    shared = 0
    for assessment in _units(q, 60) * 2:  # the second pass is answered from memory
        questions = (question for _, _, question in q.questions())
        outcomes = evaluate_questions(questions, assessment.answers)
        for _, cap in q.capabilities():
            got = remembered.capability_score(score_capability, cap, outcomes, tree, scorer,
                                              policy)  # fmt: skip
            _same(got, score_capability(cap, outcomes, tree, scorer, policy))
            again = remembered.capability_score(score_capability, cap, outcomes, tree, scorer,
                                                policy)  # fmt: skip
            multi = any(type(outcomes[x.id].value) is list for x in cap.questions)
            assert (again is got) is not multi  # a list is each unit's own
            shared += not multi
    assert shared


def test_shared_scores_keep_policies_models_and_trees_apart() -> None:
    q = find_questionnaire("branch-fintech")
    tree = tree_weights(q)
    other = type(tree)({**tree.local}, {k: v / 2 for k, v in tree.global_.items()})
    assessment = _units(q, 1, seed=8)[0]
    outcomes = evaluate_questions((x for _, _, x in q.questions()), assessment.answers)
    remembered.forget()
    seen = []
    for t in (tree, other):
        for model in ("weighted-mean", "staged"):
            for policy in ("exclude", "lowest"):
                for _, cap in q.capabilities():
                    got = remembered.capability_score(score_capability, cap, outcomes, t,
                                                      get_model(model), policy)  # fmt: skip
                    _same(got, score_capability(cap, outcomes, t, get_model(model), policy))
                    seen.append(got)
    assert len({id(s) for s in seen}) == len(seen)  # nothing taken for another's


def test_shared_scores_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remembered, "REMEMBERED_CAPABILITIES", 5)
    q = find_questionnaire("branch-fintech")
    remembered.forget()
    for assessment in _units(q, 20):
        score_assessment(q, assessment)
        assert len(remembered._SCORES) <= 5


@pytest.mark.parametrize("name", QUESTIONNAIRES)
def test_shared_gaps_equal_fresh_ones(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    q = find_questionnaire(name)
    gap_module._GAPS.clear()
    for level in (None, 2, 5):
        targets = resolve_targets(q, level=level)
        for assessment in _units(q, 40) * 2:
            result = score_assessment(q, assessment)
            got = find_gaps(q, result, targets)
            for dim in result.dimensions:
                for cap in dim.capabilities:
                    fresh = _capability_gap(dim.id, cap, targets[cap.id], None, result.model)
                    _same(first_by_id(got.capabilities)[cap.id], fresh)
    monkeypatch.setattr(gap_module, "REMEMBERED_GAPS", 3)
    for assessment in _units(q, 5):
        find_gaps(q, score_assessment(q, assessment), resolve_targets(q))
        assert len(gap_module._GAPS) <= 3


def _fresh_roll_up(q: Questionnaire, scores: dict[str, float | None], template: ScoreResult,
                   monkeypatch: pytest.MonkeyPatch) -> ScoreResult:  # fmt: skip
    """``roll_up`` with nothing kept from the template's dimensions."""
    with monkeypatch.context() as patch:
        patch.setattr(engine, "_unchanged", lambda *args: False)
        return roll_up(q, scores, template=template)


@pytest.mark.parametrize("name", QUESTIONNAIRES)
def test_projections_keep_unchanged_dimensions_and_equal_fresh_ones(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    q = find_questionnaire(name)
    rng = random.Random(5)
    kept = 0
    for assessment in _units(q, 30):
        result = score_assessment(q, assessment)
        caps = result.capability_scores()
        changed = dict(caps)
        for cid in rng.sample(sorted(caps), rng.randint(0, 3)):
            changed[cid] = rng.choice([None, 1.0, 2.5, 4, 5.0])
        for scores in (caps, changed, {}):
            got = roll_up(q, scores, template=result)
            _same(got, _fresh_roll_up(q, scores, result, monkeypatch))
            for new, old in zip(got.dimensions, result.dimensions, strict=True):
                if all(a is b for a, b in zip(new.capabilities, old.capabilities, strict=True)):
                    assert new is old
                    kept += 1
        staged = roll_up(q, changed, template=result, model="staged")
        assert all(a is not b for a, b in zip(staged.dimensions, result.dimensions, strict=True))
        with monkeypatch.context() as patch:
            patch.setattr(engine, "_unchanged", lambda *args: False)
            _same(staged, roll_up(q, changed, template=result, model="staged"))
    assert kept


def test_projections_with_other_weights_make_dimensions_afresh() -> None:
    q = find_questionnaire("branch-fintech")
    result = score_assessment(q, _units(q, 1)[0])
    tree = tree_weights(q)
    other = type(tree)({**tree.local}, {k: v * 0.5 for k, v in tree.global_.items()})
    got = roll_up(q, {}, template=result, weights=other)
    assert all(a is not b for a, b in zip(got.dimensions, result.dimensions, strict=True))
    assert [d.global_weight for d in got.dimensions] == [
        other.global_[d.id] for d in result.dimensions
    ]


@pytest.mark.parametrize("name", QUESTIONNAIRES)
def test_listed_once_equals_a_scan(name: str) -> None:
    q = find_questionnaire(name)
    caps = [(d, c) for d in q.sections() for c in d.capabilities]
    assert list(q.capabilities()) == caps
    assert all(a[0] is b[0] and a[1] is b[1] for a, b in zip(q.capabilities(), caps, strict=True))
    assert list(q.questions()) == [(d, c, x) for d, c in caps for x in c.questions]
    assert list(q.actions()) == [(c, a) for _, c in caps for a in c.actions]
    other = q.model_copy(update={"dimensions": q.dimensions[:1]})
    assert [c.id for _, c in other.capabilities()] == [
        c.id for d in other.sections() for c in d.capabilities
    ]
    assert len(list(q.capabilities())) == len(caps)  # a fresh iterator each time


def test_first_by_id_keeps_the_first() -> None:
    q = find_questionnaire("branch-fintech")
    result = score_assessment(q, _units(q, 1)[0])
    caps = result.capabilities()
    doubled = [*caps, *(c.model_copy() for c in caps)]
    found = first_by_id(doubled)
    assert list(found) == [c.id for c in caps]
    assert all(found[c.id] is c for c in caps)


def _fresh_projection(q: Questionnaire, result: ScoreResult, targets: dict[str, int],
                      statuses: dict[str, str], ended: frozenset[str]) -> dict[str, float | None]:  # fmt: skip
    """``project_capabilities`` as a scan of every capability's actions per level."""
    out: dict[str, float | None] = {}
    for _, cap in q.capabilities():
        score = result.capability(cap.id).score
        out[cap.id] = score
        if score is None or not any(a.id in ended for a in cap.actions):
            continue
        reached = score
        for level in range(current_level(score) + 1, targets[cap.id] + 1):
            if not any(a.level == level for a in cap.actions):
                continue  # no action aims at this level: no finished work shows it
            upto = [a for a in cap.actions if a.level <= level]
            done = all(a.id in ended or statuses[a.id].startswith("in-place") for a in upto)
            if done and any(a.id in ended for a in upto):
                reached = max(reached, float(level))
        out[cap.id] = reached
    return out


@pytest.mark.parametrize("name", QUESTIONNAIRES)
def test_projected_capabilities_equal_a_scan(name: str) -> None:
    q = find_questionnaire(name)
    rng = random.Random(4)
    ids = [a.id for _, a in q.actions()]
    for assessment in _units(q, 30):
        result = score_assessment(q, assessment)
        statuses = action_statuses(q, result)
        for level in (None, 3, 5):
            targets = {c: t.level for c, t in resolve_targets(q, level=level).items()}
            for _ in range(4):
                ended = frozenset(rng.sample(ids, rng.randint(0, len(ids))))
                got = project_capabilities(q, result, targets, statuses, ended)
                fresh = _fresh_projection(q, result, targets, statuses, ended)  # type: ignore[arg-type]
                assert got == fresh
                assert [type(v) for v in got.values()] == [type(v) for v in fresh.values()]
