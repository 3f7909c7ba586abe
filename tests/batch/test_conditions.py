"""``when`` conditions over whole columns equal a row-by-row evaluation of each row's values.

``condition_mask`` codes each referenced column and evaluates each distinct combination
once; the reference here evaluates every row's values (``Column.values``) one by one.
"""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from capassess.batch.cells import ANSWERED, SKIPPED, Column, QuestionCodec
from capassess.batch.conditions import CodedValues, apply_conditions, condition_mask
from capassess.expr import evaluate
from capassess.scoring.questions import compiled_condition
from tests.batch.helpers import tiny

CELLS = {
    "g-level": ["1", "3", "5", "", "n/a", "6", "3.0", "３", "rubbish", " 4 "],
    "g-choice": ["none", "partial", "full", "", "N/A", "nope", "FULL"],
    "a-multi": ["bi", "ml;rt", "rt;bi", "bi；ml", "", "n/a", "xx", "ml"],
    "a-number": [
        *("5", "10", "10.0", "-0", "0", "12.5", "1,200", "35%", "", "n/a", "inf", "1e3"),
        *("abc", "9.999999999", "-0.0"),
    ],
    "a-bool": ["yes", "no", "是", "否", "", "n/a", "maybe", "TRUE"],
}
CONDITIONS = [
    "a-number >= 10",
    "a-number >= 10 and g-level > 2",
    "g-choice == 'full' or a-bool == true",
    "'ml' in a-multi or not answered(g-level)",
    "a-multi contains 'bi' and a-number < 100 and g-choice != 'none'",
    "answered(o-api)",
    "true",
]


def _columns(rows: int, seed: int) -> dict[str, Column]:
    rng = random.Random(seed)
    q = tiny()
    out = {}
    for _, _, question in q.questions():
        cells = CELLS.get(question.id, ["1", "", "n/a", "20", "x"])
        raw = pa.array([rng.choice(cells) for _ in range(rows)], pa.string())
        out[question.id] = QuestionCodec(question).read(raw)
    return out


def _reference(text: str, columns: dict[str, Column], rows: int) -> list[bool]:
    node = compiled_condition(text)
    names = list(dict.fromkeys(node.names()))
    values = {n: columns[n].values() if n in columns else [None] * rows for n in names}
    return [bool(evaluate(node, {n: values[n][i] for n in names})) for i in range(rows)]


@pytest.mark.parametrize("text", CONDITIONS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_condition_over_columns_equals_row_by_row(text: str, seed: int) -> None:
    rows = 400
    columns = _columns(rows, seed)
    coded = {qid: CodedValues.of(c) for qid, c in columns.items() if qid != "o-api"}
    got = condition_mask(text, coded, rows)
    assert got.tolist() == _reference(text, {k: columns[k] for k in coded}, rows)


def test_coded_values_are_the_columns_values() -> None:
    columns = _columns(300, 7)
    for column in columns.values():
        coded = CodedValues.of(column)
        assert [coded.table[c] for c in coded.codes.tolist()] == column.values()


def test_minus_zero_keeps_its_own_value() -> None:
    q = tiny()
    question = next(x for _, _, x in q.questions() if x.id == "a-number")
    column = QuestionCodec(question).read(pa.array(["-0.0", "0", "-0"], pa.string()))
    coded = CodedValues.of(column)
    values = [coded.table[c] for c in coded.codes.tolist()]
    assert [str(v) for v in values] == [str(v) for v in column.values()]


def test_many_distinct_values_in_several_columns_still_combine() -> None:
    # more combinations than fit one 64-bit number take the row-wise unique path
    rows = 2_000
    q = tiny()
    question = next(x for _, _, x in q.questions() if x.id == "a-number")
    rng = random.Random(5)
    columns = {
        f"n{i}": QuestionCodec(question).read(
            pa.array([f"{rng.uniform(0, 100):.6f}" for _ in range(rows)], pa.string())
        )
        for i in range(6)
    }
    coded = {k: CodedValues.of(c) for k, c in columns.items()}
    assert np.prod([float(len(c.table)) for c in coded.values()]) > 2.0**62
    text = "n0 >= 50 and n1 < 50 or n2 > n3 and n4 != n5"
    got = condition_mask(text, coded, rows)
    assert got.tolist() == _reference(text, columns, rows)


def test_apply_conditions_skips_a_bool_where_the_number_is_below_ten() -> None:
    columns = _columns(500, 11)
    number = columns["a-number"].values()
    apply_conditions(tiny(), columns)
    status = columns["a-bool"].status
    for i, value in enumerate(number):
        hidden = not (value is not None and value >= 10)
        assert (status[i] == SKIPPED) == hidden
        if not hidden:
            assert status[i] != SKIPPED
    assert (columns["a-number"].status == ANSWERED).any()
