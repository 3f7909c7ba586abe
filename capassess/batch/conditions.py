"""Apply ``when`` conditions to judged columns, as ``scoring.questions`` does per answer.

Questions are visited in questionnaire order. A question whose condition is false over
the values of the questions before it is skipped: its cells, valid or not, leave the
scores. A condition sees ``None`` for a question that is unanswered, ``n/a``, invalid
or itself skipped, exactly as ``evaluate_questions`` builds its values. Each distinct
combination of the referenced values is evaluated once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from capassess.batch.cells import SKIPPED, Column
from capassess.expr import evaluate
from capassess.model.questionnaire import Questionnaire
from capassess.scoring.questions import compiled_condition


def has_conditions(questionnaire: Questionnaire) -> bool:
    """True if any question of ``questionnaire`` has a ``when``."""
    return any(q.when for _, _, q in questionnaire.questions())


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def condition_mask(text: str, values: Mapping[str, list[Any]], rows: int) -> list[bool]:
    """For each row, whether the condition ``text`` holds over ``values`` (by question id)."""
    node = compiled_condition(text)
    names = list(dict.fromkeys(node.names()))
    columns = [values.get(name, [None] * rows) for name in names]
    cache: dict[tuple[Any, ...], bool] = {}
    out: list[bool] = []
    for combination in zip(*columns, strict=True) if columns else [()] * rows:
        key = tuple(_hashable(v) for v in combination)
        holds = cache.get(key)
        if holds is None:
            holds = cache[key] = bool(evaluate(node, dict(zip(names, combination, strict=True))))
        out.append(holds)
    return out


def apply_conditions(questionnaire: Questionnaire, columns: Mapping[str, Column]) -> None:
    """Mark the cells of questions whose ``when`` is false as skipped, in place."""
    import numpy as np

    referenced = {
        name for _, _, q in questionnaire.questions() if q.when
        for name in compiled_condition(q.when).names()
    }  # fmt: skip
    values: dict[str, list[Any]] = {}
    for _, _, question in questionnaire.questions():
        column = columns[question.id]
        if question.when:
            holds = np.array(condition_mask(question.when, values, len(column.status)), bool)
            column.status[~holds] = SKIPPED
            column.score[~holds] = np.nan
        if question.id in referenced:
            values[question.id] = column.values()
