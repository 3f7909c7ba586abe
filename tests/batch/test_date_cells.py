"""Answers that a spreadsheet turned into dates are refused saying so.

Excel and WPS make a date of ``1-2`` or ``3/5`` typed into a cell; the workbook then
stores a date, read as ``2024-01-02``. Refused as "not a level" the reason puzzled the
branch that typed 1-2: the reason now says the cell holds a date and what to do, in
XLSX, ODS and CSV alike, for level, number and choice questions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.batch.helpers import read_csv, run_cli, write_csv
from tests.batch.ods_files import write_ods
from tests.batch.test_real_sheets import HEADER, NUMBERS, PLAIN
from tests.conftest import TINY

DAY, MOMENT = dt.datetime(2024, 1, 2), dt.datetime(2024, 3, 5, 8, 30)


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    book.active.title = "data"
    for row in [HEADER, *rows]:
        book.active.append(row)
    book.save(path)
    return path


def _changed(rows: list[list[Any]], *changes: tuple[int, int, Any]) -> list[list[Any]]:
    out = [list(r) for r in rows]
    for row, column, value in changes:
        out[row][column] = value
    return out


CASES = [
    ("XLSX date cells", lambda f: _xlsx(f / "in.xlsx", _changed(NUMBERS, (0, 3, DAY),
                                                                (1, 6, MOMENT))),
     {"A": ("g-level", "'2024-01-02'"), "B": ("a-number", "'2024-03-05T08:30:00'")}),
    ("CSV date texts", lambda f: write_csv(f / "in.csv", [HEADER, *_changed(
        PLAIN, (0, 4, "2024-01-02"), (2, 8, "2024-03-05 08:30"))]),
     {"A": ("g-choice", "'2024-01-02'"), "C": ("o-api", "'2024-03-05 08:30'")}),
    ("an ODS date read as text", lambda f: write_ods(f / "in.ods", [HEADER, *_changed(
        NUMBERS, (1, 3, "2024-01-02"))]), {"B": ("g-level", "'2024-01-02'")}),
]  # fmt: skip


@pytest.mark.parametrize(("build", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_dates_are_refused_as_dates(
    tmp_path: Path, build: Any, want: dict[str, tuple[str, str]]
) -> None:
    out = tmp_path / "out"
    result = run_cli("batch", str(build(tmp_path)), "-o", str(out), "-q", str(TINY))
    assert result.exit_code == 1, result.output
    rejected = {r["unit_id"]: r for r in read_csv(out / "rejected.csv")}
    assert set(rejected) == set(want)
    for unit, (column, value) in want.items():
        assert rejected[unit]["column"] == column
        assert rejected[unit]["reason"].startswith(f"{value} is a date, not an answer")
