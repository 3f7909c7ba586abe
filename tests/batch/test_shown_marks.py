"""A unit's id, name or group is shown in every report, sheet and terminal line about it:
a character that reorders or hides what is shown there (a right-to-left override turns
``Acme \\u202egnaB`` into ``Acme Bang``; C1 controls; line separators) rejects its row,
as a NUL or an escape does, and as the same names are refused in one bank's answers
file. Tab and line breaks (Alt+Enter in a cell) stay: the reports show them as spaces or
line breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.helpers import read_csv, run_cli, write_csv
from tests.batch.test_real_sheets import HEADER, _rows
from tests.conftest import TINY

MARKS = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u2028",
         "\u2029", "\x85", "\x9b", "\x1b", "\x00"]  # fmt: skip
COLUMNS = [(0, "id"), (1, "name"), (2, "region")]


@pytest.mark.parametrize("mark", MARKS, ids=[f"U+{ord(m):04X}" for m in MARKS])
@pytest.mark.parametrize(("column", "field"), COLUMNS, ids=[f for _, f in COLUMNS])
def test_a_mark_that_reorders_what_is_shown_rejects_its_row(
    tmp_path: Path, mark: str, column: int, field: str
) -> None:
    rows = _rows((1, column, f"x{mark}y"))
    source = write_csv(tmp_path / "in.csv", [HEADER, *rows])
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY),
                     "--allow-rejects")  # fmt: skip
    assert result.exit_code == 0, result.output
    rejected = read_csv(tmp_path / "o" / "rejected.csv")
    assert [(r["row"], r["column"]) for r in rejected] == [("3", field)]
    assert "holds a control character" in rejected[0]["reason"]
    # the user's cell kept as it was (a NUL, which no CSV reader takes, as U+FFFD)
    assert rejected[0]["value"] == f"x{mark}y".replace("\x00", "\ufffd")


@pytest.mark.parametrize("text", ["Two\nlines", "Tab\there", "Em—dash · Café", "数据…治理"])
def test_line_breaks_tabs_and_punctuation_stay(tmp_path: Path, text: str) -> None:
    source = write_csv(tmp_path / "in.csv", [HEADER, *_rows((1, 1, text))])
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY))
    assert result.exit_code == 0, result.output
    assert read_csv(tmp_path / "o" / "rejected.csv") == []
