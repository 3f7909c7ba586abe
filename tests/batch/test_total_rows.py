"""Total and average rows below the units are rejected as such, not for their figures.

Each case adds rows that a head office's Excel sheet carries (合计, 华北小计, 平 均：,
Total, sums as formulas) to the units A, B and C: each such row is rejected with the one
reason that it looks like a total or average row, naming its cell; the units are scored
as without them; two total rows are no duplicate unit; accounting holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from capassess.batch.total_rows import TOTAL
from tests.batch.helpers import read_csv, run_cli, summary, write_csv
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY

SUMS = ["10", "", "", "110", "", "200"]
CASES: list[tuple[str, list[list[Any]], list[tuple[str, str]]]] = [
    ("合计 in the id column", [["合计", "", "", *SUMS]], [("id", "合计")]),
    ("two total rows", [["小计", "", "", *SUMS], ["总计", "", "", *SUMS]],
     [("id", "小计"), ("id", "总计")]),
    ("a regional subtotal by name, no id", [["", "华北小计", "华北", *SUMS]],
     [("name", "华北小计")]),
    ("平 均： with blanks and a colon", [["平 均：", "", "", "3.3", "", "", "36", "", "66"]],
     [("id", "平 均：")]),
    ("Total in the group column", [["", "", "Total", *SUMS]], [("region", "Total")]),
    ("an average of every column", [["平均值", "", "", "3.33", "", "", "36.8", "", "66.7"]],
     [("id", "平均值")]),
]  # fmt: skip


def _run(source: Path, out: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"]
    return read_csv(out / "scores.csv"), read_csv(out / "rejected.csv")


@pytest.mark.parametrize(("extra", "cells"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_total_rows_are_rejected_as_such(
    tmp_path: Path, extra: list[list[Any]], cells: list[tuple[str, str]]
) -> None:
    source = write_csv(tmp_path / "in.csv", [HEADER, *PLAIN, *extra])
    scores, rejected = _run(source, tmp_path / "out")
    want, _ = _run(write_csv(tmp_path / "twin.csv", [HEADER, *PLAIN]), tmp_path / "want")
    assert [s["overall"] for s in scores] == [s["overall"] for s in want]
    assert [(r["row"], r["column"], r["value"]) for r in rejected] == [
        (str(5 + i), column, value) for i, (column, value) in enumerate(cells)
    ]
    for r in rejected:
        assert r["reason"].startswith(f"the row looks like a total or average row ('{r['value']}')")


def test_a_total_row_of_formulas_in_a_workbook(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for row in [HEADER, *PLAIN, ["合计", None, None, "=SUM(D2:D4)", None, None, "=SUM(G2:G4)"]]:
        sheet.append(row)
    book.save(tmp_path / "in.xlsx")
    scores, rejected = _run(tmp_path / "in.xlsx", tmp_path / "out")
    assert len(scores) == 3
    assert [(r["row"], r["unit_id"], r["column"]) for r in rejected] == [("5", "合计", "id")]


NOT_TOTALS = ["统计部", "会计结算中心", "小计路支行", "平均路支行", "总行营业部", "Totalbank", "A"]


@pytest.mark.parametrize("text", NOT_TOTALS)
def test_names_of_units_are_no_totals(text: str) -> None:
    import re

    assert re.search(TOTAL, text) is None
