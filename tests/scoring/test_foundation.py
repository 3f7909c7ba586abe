"""The foundation gate: foundation capabilities cap the overall level, not the score."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capassess.catalog import load_questionnaire
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import NodeScore
from capassess.scoring.engine import gate_overall, roll_up, score_assessment
from tests.conftest import DATA
from tests.scoring.helpers import assessment

approx = pytest.approx
GATED = DATA / "good" / "tiny-gated.yaml"
MODELS = ("weighted-mean", "staged")

# The lessons of tiny-gated all at the top: every lesson capability scores 5.
TOP = {"g-level": 5, "g-owner": "full", "a-multi": ["bi", "ml", "rt"], "a-number": 45,
       "a-bool": True, "o-api": 5}  # fmt: skip


@lru_cache(maxsize=1)
def gated() -> Questionnaire:
    """tiny 2.1: tiny's lessons, a renamed question and a two-capability foundation."""
    return load_questionnaire(GATED)


def _score(answers: dict[str, Any], model: str = "weighted-mean") -> Any:
    return score_assessment(gated(), assessment(answers, "tiny@2.1"), model=model)


@pytest.mark.parametrize("model", MODELS)
def test_a_foundation_capability_at_level_1_makes_the_bank_level_1(model: str) -> None:
    result = _score({**TOP, "f-drill": 1, "f-grading": 5}, model)
    assert result.overall.score == approx(5.0)  # the lessons alone
    assert result.overall.uncapped_level == 5
    assert result.overall.level == 1
    assert result.overall.capped_by == ["continuity"]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("lessons", [1, 2, 3, 4, 5])
def test_whatever_the_lessons_score_the_gate_holds(model: str, lessons: int) -> None:
    answers = {"g-level": lessons, "g-owner": "none", "a-multi": [], "a-number": 0,
               "o-api": 500, "f-drill": 1, "f-grading": 5}  # fmt: skip
    if lessons == 5:
        answers = {**TOP, "f-drill": 1, "f-grading": 5}
    result = _score(answers, model)
    assert result.overall.level == 1


def test_the_overall_score_is_that_of_the_dimensions_alone() -> None:
    answers = {"g-level": 3, "g-owner": "partial", "a-multi": ["bi", "ml"], "a-number": 12,
               "a-bool": True, "o-api": 25, "f-drill": 2, "f-grading": 2}  # fmt: skip
    result = _score(answers)
    # as tiny 1.0 with the same answers (tests/scoring/test_engine.py): 3.625
    assert result.overall.score == approx(3.625)
    assert (result.overall.level, result.overall.uncapped_level) == (2, 3)
    assert result.overall.capped_by == ["continuity", "security"]
    foundation = result.foundation()
    assert foundation is not None and foundation.foundation
    assert foundation.score == approx(2.0)
    assert [d.id for d in result.lessons()] == ["data", "open"]


def test_no_cap_when_every_foundation_level_reaches_the_overall_level() -> None:
    result = _score({**TOP, "f-drill": 5, "f-grading": 5})
    assert (result.overall.level, result.overall.capped_by) == (5, [])


def test_capped_by_lists_every_gate_below_lowest_first() -> None:
    result = _score({**TOP, "f-drill": 3, "f-grading": 2})
    assert result.overall.level == 2
    assert result.overall.capped_by == ["security", "continuity"]


def test_a_not_applicable_foundation_capability_caps_nothing() -> None:
    result = _score({**TOP, "f-drill": "n/a", "f-grading": 4})
    assert result.overall.level == 4
    assert result.overall.capped_by == ["security"]


@pytest.mark.parametrize("model", MODELS)
def test_a_foundation_capability_nobody_answered_caps_nothing_and_leaves_the_level_open(
    model: str,
) -> None:
    """Not assessed is never a weak bank: the missing policy scores it 1.00, but it caps
    nothing; the level is to be confirmed once it is assessed."""
    result = _score({**TOP, "f-grading": 5}, model)
    assert result.capability("continuity").score == approx(1.0)
    assert (result.overall.level, result.overall.capped_by) == (5, [])
    assert result.overall.unconfirmed_by == ["continuity"]


def test_a_foundation_capability_answered_at_the_bottom_still_caps() -> None:
    result = _score({**TOP, "f-grading": 5, "f-drill": 1})
    assert (result.overall.level, result.overall.capped_by) == (1, ["continuity"])
    assert result.overall.unconfirmed_by == []


def test_projections_are_gated_too() -> None:
    base = _score({**TOP, "f-drill": 1, "f-grading": 5})
    lifted = roll_up(gated(), {"continuity": 4.0}, template=base)
    assert lifted.overall.level == 4 and lifted.overall.capped_by == ["continuity"]
    assert lifted.overall.score == approx(base.overall.score)


def test_foundation_capabilities_have_weights_for_priority_but_not_for_the_score() -> None:
    result = _score({**TOP, "f-drill": 1, "f-grading": 5})
    cont = result.capability("continuity")
    assert cont.global_weight == approx(0.5)
    assert sum(d.weight for d in result.lessons()) == approx(1.0)


def _node(level: int | None, answered: bool = True) -> NodeScore:
    return NodeScore(id=f"n{level}", score=None if level is None else float(level),
                     level=level, weight=1.0, global_weight=1.0,
                     answered=int(answered), missing=int(not answered))  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    score=st.floats(min_value=1, max_value=5),
    gates=st.lists(st.tuples(st.integers(1, 5), st.booleans()), max_size=6),
)
def test_only_assessed_gates_cap(score: float, gates: list[tuple[int, bool]]) -> None:
    overall = gate_overall(score, [_node(level, answered) for level, answered in gates])
    own = overall.uncapped_level
    assert own is not None
    assessed = [level for level, answered in gates if answered]
    assert overall.level == min([own, *assessed])
    silent = [f"n{level}" for level, answered in gates if not answered]
    assert overall.unconfirmed_by == (silent if overall.level and overall.level > 1 else [])


@settings(max_examples=200, deadline=None)
@given(
    score=st.floats(min_value=1, max_value=5),
    gates=st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=6),
)
def test_gate_overall_is_the_minimum_of_the_levels(score: float, gates: list[int | None]) -> None:
    overall = gate_overall(score, [_node(g) for g in gates])
    own = overall.uncapped_level
    assert own is not None and overall.score == score
    known = [g for g in gates if g is not None]
    assert overall.level == min([own, *known])
    assert all(g < own for g in (int(i[1:]) for i in overall.capped_by))
    assert len(overall.capped_by) == sum(1 for g in known if g < own)


def test_a_capping_gate_with_blank_questions_caps_and_leaves_the_level_to_confirm() -> None:
    partial = NodeScore(id="xc", score=1.5, level=1, weight=1.0, global_weight=1.0,
                        answered=2, missing=1)  # fmt: skip
    full = NodeScore(id="cs", score=2.0, level=2, weight=1.0, global_weight=1.0, answered=3)
    overall = gate_overall(3.4, [partial, full])
    assert (overall.level, overall.capped_by) == (1, ["xc", "cs"])
    assert overall.unconfirmed_by == ["xc"]  # its blanks, answered, may lift the cap
    assert gate_overall(3.4, [full]).unconfirmed_by == []
