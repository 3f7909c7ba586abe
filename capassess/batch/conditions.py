"""Apply ``when`` conditions to judged columns, as ``scoring.questions`` does per answer.

Questions are visited in questionnaire order. A question whose condition is false over
the values of the questions before it is skipped: its cells, valid or not, leave the
scores. A condition sees ``None`` for a question that is unanswered, ``n/a``, invalid
or itself skipped, exactly as ``evaluate_questions`` builds its values.

Each distinct combination of the referenced values is evaluated once, and found
without a Python loop over the rows: every referenced column is coded (each cell an
index into the column's distinct values, ``None`` last), the codes of a row are
combined into one number, and the distinct numbers are evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from capassess.batch.cells import ANSWERED, SKIPPED, Column
from capassess.expr import evaluate
from capassess.model.questionnaire import Questionnaire
from capassess.records import record
from capassess.scoring.questions import compiled_condition

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

RADIX_LIMIT = 1 << 62


def has_conditions(questionnaire: Questionnaire) -> bool:
    """True if any question of ``questionnaire`` has a ``when``."""
    return any(q.when for _, _, q in questionnaire.questions())


@record
class CodedValues:
    """A column's values as codes: row i's value is ``table[codes[i]]``."""

    codes: npt.NDArray[np.int64]
    table: list[Any]

    @classmethod
    def of(cls, column: Column) -> CodedValues:
        """The value of every cell of ``column`` that counts as answered, else ``None``,
        as ``Column.values`` gives them."""
        import numpy as np

        codes = column.codes.copy()
        table: list[Any] = [v.value for v in column.verdicts]
        if column.numbers is not None:
            plain = (codes < 0).nonzero()[0]
            # by bit pattern, so that each distinct float (even -0.0) keeps its own value
            bits, inverse = np.unique(column.numbers[plain].view(np.int64), return_inverse=True)
            codes[plain] = len(table) + inverse.ravel()
            table += bits.view(np.float64).tolist()
        codes[column.status != ANSWERED] = len(table)
        return cls(codes, [*table, None])

    @classmethod
    def blank(cls, rows: int) -> CodedValues:
        """A column of ``rows`` ``None`` values."""
        import numpy as np

        return cls(np.zeros(rows, dtype=np.int64), [None])


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def condition_mask(
    text: str, values: Mapping[str, CodedValues], rows: int
) -> npt.NDArray[np.bool_]:
    """For each row, whether the condition ``text`` holds over ``values`` (by question id)."""
    import numpy as np

    node = compiled_condition(text)
    names = list(dict.fromkeys(node.names()))
    columns = [values.get(name) or CodedValues.blank(rows) for name in names]
    combined, picks = _combinations(columns, rows)
    cache: dict[tuple[Any, ...], bool] = {}
    holds = np.empty(len(picks), dtype=bool)
    for j, pick in enumerate(picks):
        combination = [column.table[i] for column, i in zip(columns, pick, strict=True)]
        key = tuple(_hashable(v) for v in combination)
        if key not in cache:  # two codes may stand for one value (yes and 是)
            cache[key] = bool(evaluate(node, dict(zip(names, combination, strict=True))))
        holds[j] = cache[key]
    return holds[combined]


def _combinations(
    columns: Sequence[CodedValues], rows: int
) -> tuple[npt.NDArray[np.int64], list[tuple[int, ...]]]:
    """Each row's index among the distinct combinations of codes, and those combinations
    (as one code per column)."""
    import numpy as np

    if not columns:
        return np.zeros(rows, dtype=np.int64), [()]
    sizes = [len(c.table) for c in columns]
    if int(np.prod(sizes, dtype=object)) < RADIX_LIMIT:
        number = np.zeros(rows, dtype=np.int64)
        for column, size in zip(columns, sizes, strict=True):
            number = number * size + column.codes
        distinct, inverse = np.unique(number, return_inverse=True)
        picks = []
        for value in distinct.tolist():
            pick = []
            for size in reversed(sizes):
                value, code = divmod(value, size)
                pick.append(code)
            picks.append(tuple(reversed(pick)))
        return inverse.ravel(), picks
    stacked = np.stack([c.codes for c in columns], axis=1)
    distinct, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return inverse.ravel(), [tuple(row) for row in distinct.tolist()]


def apply_conditions(questionnaire: Questionnaire, columns: Mapping[str, Column]) -> None:
    """Mark the cells of questions whose ``when`` is false as skipped, in place."""
    referenced = {
        name for _, _, q in questionnaire.questions() if q.when
        for name in compiled_condition(q.when).names()
    }  # fmt: skip
    values: dict[str, CodedValues] = {}
    for _, _, question in questionnaire.questions():
        column = columns[question.id]
        if question.when:
            holds = condition_mask(question.when, values, len(column.status))
            column.status[~holds] = SKIPPED
            column.score[~holds] = float("nan")
        if question.id in referenced:
            values[question.id] = CodedValues.of(column)
