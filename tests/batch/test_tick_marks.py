"""Tick and cross marks in yes/no cells, as Chinese branch sheets fill them in.

A yes/no question answered ``√`` (or ``✓``, ``✔``) is yes, ``×`` (or ``✗``, ``✘``) is no,
in any sheet: each case is read as its plain twin. The letter ``x``, which some mean as
a tick and others as a cross, stays refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.helpers import scores_and_rejects, write_csv
from tests.batch.test_real_sheets import HEADER, PLAIN, _rows

CASES = [
    ("√ and ×", _rows((0, 7, "√"), (1, 7, "×")), PLAIN),
    ("✓ and ✗", _rows((0, 7, "✓"), (1, 7, "✗")), PLAIN),
    ("✔ and ✘ with blanks", _rows((0, 7, " ✔ "), (1, 7, "✘\u3000")), PLAIN),
    ("× where √ was meant", _rows((0, 7, "×")), _rows((0, 7, "no"))),
]


@pytest.mark.parametrize(("rows", "twin"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_tick_marks_are_yes_and_crosses_no(
    tmp_path: Path, rows: list[list[str]], twin: list[list[str]]
) -> None:
    scores, rejected = scores_and_rejects(
        write_csv(tmp_path / "in.csv", [HEADER, *rows]), tmp_path / "o"
    )
    want, _ = scores_and_rejects(write_csv(tmp_path / "twin.csv", [HEADER, *twin]), tmp_path / "w")
    assert rejected == []
    assert scores == want


def test_the_letter_x_stays_refused(tmp_path: Path) -> None:
    rows = _rows((0, 7, "x"))
    _, rejected = scores_and_rejects(
        write_csv(tmp_path / "in.csv", [HEADER, *rows]), tmp_path / "o"
    )
    assert [(r["unit_id"], r["column"]) for r in rejected] == [("A", "a-bool")]
