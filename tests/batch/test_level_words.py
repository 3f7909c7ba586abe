"""Levels written with their unit, as branch staff type them: ``L3``, ``Level 3``, ``3级``,
``第3级``, ``三级``, in any width. Each is the level it names, in a sheet, an answers file
and the interview alike (one parser); anything that is not one level of 1..5 with its
unit stays refused, so no answer is guessed (``3.5级``, ``3级以上``, ``L3-L4``, ``L6``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from capassess.values import parse_value
from tests.batch.helpers import scores_and_rejects, tiny, write_csv
from tests.batch.test_real_sheets import HEADER, _rows, _xlsx

NAMED = [
    ("L3", 3), ("l2", 2), ("Lv 4", 4), ("Level 5", 5), ("level1", 1),
    ("3级", 3), ("3 级", 3), ("第2级", 2), ("三级", 3), ("第五级", 5), ("級別 4", 4),
    ("３级", 3), ("Ｌ４", 4), ("等级3", 3), ("级别 2", 2), (" L3\u3000", 3),
]  # fmt: skip
REFUSED = ["L6", "6级", "0级", "L0", "3.5级", "3级以上", "L3-L4", "一二级", "级3", "3 Stable",
           "high", "L", "级"]  # fmt: skip
LEVEL = tiny().question_map()["g-level"]


@pytest.mark.parametrize(("text", "level"), NAMED, ids=[c[0] for c in NAMED])
def test_a_level_with_its_unit_is_that_level(text: str, level: int) -> None:
    assert parse_value(LEVEL, text) == level


@pytest.mark.parametrize("text", REFUSED)
def test_anything_else_stays_refused_with_the_usual_reason(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a level; expected a whole number 1\.\.5"):
        parse_value(LEVEL, text)


SHEETS = [
    ("csv utf-8", lambda p, rows: write_csv(p.with_suffix(".csv"), [HEADER, *rows])),
    ("csv gb18030", lambda p, rows: write_csv(p.with_suffix(".csv"), [HEADER, *rows], "gb18030")),
    ("xlsx", lambda p, rows: _xlsx(p.with_suffix(".xlsx"), rows)),
]


@pytest.mark.parametrize("make", [s[1] for s in SHEETS], ids=[s[0] for s in SHEETS])
def test_a_sheet_of_level_words_scores_as_its_figures(tmp_path: Path, make) -> None:
    words = make(tmp_path / "words", _rows((0, 3, "L3"), (1, 3, "2级"), (2, 3, "第五级")))
    figures = make(tmp_path / "figures", _rows((0, 3, "3"), (1, 3, "2"), (2, 3, "5")))
    scores, rejected = scores_and_rejects(words, tmp_path / "o")
    want, _ = scores_and_rejects(figures, tmp_path / "w")
    assert rejected == []
    assert scores == want


def test_a_guess_in_a_sheet_is_rejected_naming_the_cell(tmp_path: Path) -> None:
    rows = _rows((0, 3, "3级以上"), (1, 3, "L3-L4"))
    _, rejected = scores_and_rejects(
        write_csv(tmp_path / "in.csv", [HEADER, *rows]), tmp_path / "o"
    )
    assert [(r["unit_id"], r["column"]) for r in rejected] == [("A", "g-level"), ("B", "g-level")]
    assert all("is not a level" in r["reason"] for r in rejected)
