"""Capability scores shared by the units of a batch that answer a capability alike.

A capability's score depends only on its questions' outcomes, the weight tree, the
scoring model and the missing-answer policy. An answered question's outcome is
remembered for many units (``scoring.questions.outcome_of``: the same object for the
same question and raw value), and an unanswered, n/a or skipped one is known by its
status alone; so units whose outcomes for a capability are the very same objects (or
statuses) get the very same ``CapabilityScore``, made once (results are frozen). A
capability with a list value (multi) is scored afresh: a list is each unit's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from capassess.memo import SameObjects
from capassess.model.questionnaire import Capability
from capassess.model.results import CapabilityScore
from capassess.scoring.interface import ScoringModel
from capassess.scoring.questions import QuestionOutcome
from capassess.scoring.weights import WeightTree

REMEMBERED_CAPABILITIES = 4096
Scorer = Callable[[Capability, Mapping[str, QuestionOutcome], WeightTree, ScoringModel, str],
                  CapabilityScore]  # fmt: skip

# key: the capability's and the tree's ids, the model, the policy, and per question the
# id of its outcome (answered) or its status; the value keeps what the ids stand for
# alive and is checked against them, so an id is never mistaken for another object's.
_SCORES: SameObjects[CapabilityScore] = SameObjects()


def capability_score(
    score: Scorer,
    cap: Capability,
    outcomes: Mapping[str, QuestionOutcome],
    tree: WeightTree,
    scorer: ScoringModel,
    policy: str,
) -> CapabilityScore:
    """``score(cap, outcomes, tree, scorer, policy)``, the same object for the same inputs."""
    parts: list[Any] = []
    for question in cap.questions:
        outcome = outcomes[question.id]
        if outcome.status != "answered":
            parts.append(outcome.status)
        elif type(outcome.value) is list:
            return score(cap, outcomes, tree, scorer, policy)
        else:
            parts.append(outcome)
    inputs = tuple(parts)
    key = (id(cap), id(tree), type(scorer), scorer.name, policy,
           *(p if type(p) is str else id(p) for p in inputs))  # fmt: skip
    objects = (cap, tree, *(p for p in inputs if type(p) is not str))
    found = _SCORES.get(key, objects)
    if found is not None:
        return found
    made = score(cap, outcomes, tree, scorer, policy)
    return _SCORES.put(key, objects, made, REMEMBERED_CAPABILITIES)


def forget() -> None:
    """Forget every remembered capability score."""
    _SCORES.clear()
