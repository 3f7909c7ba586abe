"""A column of row numbers (序号) before the id, numbered down the sheet in advance.

Head offices number the rows of the sheet (序号 1, 2, 3 ... 200) before sending it out;
branches fill in some of them. The column is no group: it is ignored (and said so), so
the numbered rows left empty are blank rows, skipped and counted apart, not rejected
for having no unit id. ``--group-by`` can still take it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.batch.helpers import read_csv, run_cli, summary, write_csv
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY


def _numbered(name: str, spare: int) -> list[list[Any]]:
    rows: list[list[Any]] = [[name, *HEADER]]
    rows += [[i + 1, *r] for i, r in enumerate(PLAIN)]
    return rows + [[i, *[None] * len(HEADER)] for i in range(len(PLAIN) + 1, spare + 4)]


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    book.active.title = "data"
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


CASES = [
    ("序号 in CSV", lambda f: write_csv(f / "in.csv", _numbered("序号", 7)), "序号", 7),
    ("序号 in XLSX", lambda f: _xlsx(f / "in.xlsx", _numbered("序号", 20)), "序号", 20),
    ("No. in CSV", lambda f: write_csv(f / "in.csv", _numbered("No.", 2)), "No.", 2),
    ("# in XLSX, no spare rows", lambda f: _xlsx(f / "in.xlsx", _numbered("#", 0)), "#", 0),
]


@pytest.mark.parametrize(("build", "name", "spare"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_row_numbers_are_no_group_and_spare_rows_are_blank(
    tmp_path: Path, build: Any, name: str, spare: int
) -> None:
    source = build(tmp_path)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY))
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert (counts["rows"], counts["scored"], counts["rejected"]) == (3, 3, 0)
    assert counts["blank"] == spare
    assert f"unknown columns ignored: {name}" in result.output
    scores = read_csv(out / "scores.csv")
    assert name not in scores[0] and scores[0]["region"] == "华北"


def test_group_by_still_takes_the_row_numbers(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", _numbered("序号", 0))
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--group-by", "序号")
    assert result.exit_code == 0, result.output
    assert sorted(r["序号"] for r in read_csv(out / "scores.csv")) == ["1", "2", "3"]
