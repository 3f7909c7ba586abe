"""Tick and cross marks in yes/no cells, as Chinese branch sheets fill them in.

A yes/no question answered ``√`` (or ``✓``, ``✔``) is yes, ``×`` (or ``✗``, ``✘``) is no,
in any sheet: each case is read as its plain twin. The letter ``x``, which some mean as
a tick and others as a cross, stays refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.helpers import read_csv, run_cli, summary, write_csv
from tests.batch.test_real_sheets import HEADER, PLAIN, _rows
from tests.conftest import TINY

CASES = [
    ("√ and ×", _rows((0, 7, "√"), (1, 7, "×")), PLAIN),
    ("✓ and ✗", _rows((0, 7, "✓"), (1, 7, "✗")), PLAIN),
    ("✔ and ✘ with blanks", _rows((0, 7, " ✔ "), (1, 7, "✘\u3000")), PLAIN),
    ("× where √ was meant", _rows((0, 7, "×")), _rows((0, 7, "no"))),
]


def _run(source: Path, out: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"]
    drop = ("source",)
    scores = [{k: v for k, v in r.items() if k not in drop} for r in read_csv(out / "scores.csv")]
    return scores, read_csv(out / "rejected.csv")


@pytest.mark.parametrize(("rows", "twin"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_tick_marks_are_yes_and_crosses_no(
    tmp_path: Path, rows: list[list[str]], twin: list[list[str]]
) -> None:
    scores, rejected = _run(write_csv(tmp_path / "in.csv", [HEADER, *rows]), tmp_path / "o")
    want, _ = _run(write_csv(tmp_path / "twin.csv", [HEADER, *twin]), tmp_path / "w")
    assert rejected == []
    assert scores == want


def test_the_letter_x_stays_refused(tmp_path: Path) -> None:
    rows = _rows((0, 7, "x"))
    _, rejected = _run(write_csv(tmp_path / "in.csv", [HEADER, *rows]), tmp_path / "o")
    assert [(r["unit_id"], r["column"]) for r in rejected] == [("A", "a-bool")]
