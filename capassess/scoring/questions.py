"""Question scores: every answer as s in [0, 1], with ``n/a``, ``when`` and missing answers.

Statuses, in the order they are decided for each question (file order):

- ``skipped``: its ``when`` condition is false over the answers before it. A condition
  over an unanswered, ``n/a`` or skipped question is false, so a question that depends
  on a skipped one is skipped too.
- ``not_applicable``: answered ``n/a``.
- ``missing``: no answer (absent, empty or null).
- ``answered``: any other value, parsed per question type by ``values.parse_value``.

Only ``answered`` questions carry a score; the missing-answer policy is applied by the
models, not here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Literal

from capassess.errors import InputError, Problem
from capassess.expr import Node, evaluate, parse_expression
from capassess.memo import SameObjects
from capassess.model.answers import Answer
from capassess.model.questionnaire import (
    BoolQuestion,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
)
from capassess.records import record
from capassess.values import TypedValue, parse_value

Status = Literal["answered", "not_applicable", "missing", "skipped"]
LEVEL_EPSILON = 1e-9


@record
class QuestionOutcome:
    """What one question contributes: its status, typed value and score in [0, 1]."""

    id: str
    status: Status
    value: TypedValue | None = None
    score: float | None = None


def question_score(question: Question, value: TypedValue) -> float:
    """Score a typed answer value in [0, 1] as SPEC.md's "Scoring" defines it."""
    if isinstance(question, LevelQuestion):
        return (int(value) - 1) / 4  # type: ignore[arg-type]
    if isinstance(question, ChoiceQuestion):
        return next(o.score for o in question.options if o.id == value)
    if isinstance(question, MultiQuestion):
        picked = set(value) if isinstance(value, list) else {value}
        total = sum(o.score for o in question.options)
        return sum(o.score for o in question.options if o.id in picked) / total
    if isinstance(question, NumberQuestion):
        return (question.level_of(float(value)) - 1) / 4  # type: ignore[arg-type]
    if isinstance(question, BoolQuestion):
        return 1.0 if value is True else 0.0
    raise TypeError(f"unknown question type {type(question).__name__}")


def level_of(score: float | None) -> int | None:
    """Level of a score in [1, 5]: floor(score + 1e-9), clamped to 1..5; None stays None."""
    if score is None:
        return None
    return max(1, min(5, math.floor(score + LEVEL_EPSILON)))


def question_level(score: float) -> int:
    """Level of a question score s in [0, 1]: floor(1 + 4 s), clamped to 1..5."""
    return max(1, min(5, math.floor(1 + 4 * score + LEVEL_EPSILON)))


@lru_cache(maxsize=1024)
def compiled_condition(text: str) -> Node:
    """Parse a ``when`` condition once per distinct text."""
    return parse_expression(text)


def outcome_of(question: Question, answer: Answer | None) -> QuestionOutcome:
    """Outcome of one applicable question; ``ValueError`` if the value does not parse."""
    if answer is None or answer.is_missing:
        return QuestionOutcome(question.id, "missing")
    if answer.not_applicable:
        return QuestionOutcome(question.id, "not_applicable")
    raw = answer.value
    kind = type(raw)
    if kind not in _REMEMBERED_KINDS:
        value = parse_value(question, raw)
        return QuestionOutcome(question.id, "answered", value, question_score(question, value))
    key = (id(question), kind, repr(raw) if kind is float else raw)  # 0.0 is not -0.0
    found = _OUTCOMES.get(key, (question,))
    if found is not None:
        kept, items = found
        if items is None:
            return kept
        # a list is the unit's own, never shared: a new one, of the same items
        return QuestionOutcome(kept.id, kept.status, list(items), kept.score)
    value = parse_value(question, raw)
    outcome = QuestionOutcome(question.id, "answered", value, question_score(question, value))
    items = tuple(value) if type(value) is list else None
    _OUTCOMES.put(key, (question,), (outcome, items), REMEMBERED_OUTCOMES)
    return outcome


# Outcomes of answered questions by (question, raw value and its type): a batch's units
# give the same answers again and again. Questions are frozen, so an outcome stays true.
# A list value (multi) is kept as its items, and each unit gets a list of its own; a
# float is known by its repr (0.0 and -0.0 are equal keys, and printed apart).
REMEMBERED_OUTCOMES = 20_000
_REMEMBERED_KINDS = frozenset({str, int, float, bool})
_OUTCOMES: SameObjects[tuple[QuestionOutcome, tuple[str, ...] | None]] = SameObjects()


def evaluate_questions(
    questions: Iterable[Question], answers: Mapping[str, Answer]
) -> dict[str, QuestionOutcome]:
    """Outcome of every question, in order; raise ``InputError`` listing every bad value.

    ``questions`` must be in questionnaire order, since ``when`` looks only backwards.
    """
    values: dict[str, TypedValue | None] = {}
    out: dict[str, QuestionOutcome] = {}
    problems: list[Problem] = []
    for question in questions:
        if question.when is not None and not evaluate(compiled_condition(question.when), values):
            outcome = QuestionOutcome(question.id, "skipped")
        else:
            try:
                outcome = outcome_of(question, answers.get(question.id))
            except ValueError as exc:
                problems.append(Problem(str(exc), ("answers", question.id, "value")))
                outcome = QuestionOutcome(question.id, "missing")
        values[question.id] = outcome.value
        out[question.id] = outcome
    if problems:
        raise InputError("invalid answer values", tuple(problems))
    return out
