"""Zero-width and wide blanks around answers, pasted from web pages, chat tools and Word.

Answer cells are read as the answers they show: U+200B, U+200C, U+200D, U+2060 and U+FEFF
anywhere in the cell are dropped, and U+00A0 and U+3000 at either end are trimmed like
spaces, as in id, name and group cells. Each case is read as its plain CSV twin, from a
UTF-8 CSV, a GB18030 CSV and an XLSX workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.batch.helpers import read_csv, run_cli, summary, write_csv
from tests.batch.test_real_sheets import HEADER, PLAIN, _rows
from tests.conftest import TINY

ZWSP, BOM, NBSP, WIDE = "\u200b", "\ufeff", "\u00a0", "\u3000"
CASES = [
    ("a zero-width space after a level", _rows((0, 3, f"3{ZWSP}")), PLAIN),
    ("a BOM before a level and an option", _rows((1, 3, f"{BOM}2"), (1, 4, f"{BOM}partial")),
     PLAIN),
    ("zero-width characters inside a checklist", _rows((0, 5, f"bi,{ZWSP}ml\u200d")), PLAIN),
    ("no-break spaces around a figure", _rows((2, 6, f"{NBSP}62.5{NBSP}")), PLAIN),
    ("ideographic spaces around yes/no", _rows((0, 7, f"{WIDE}yes{WIDE}"), (1, 7, f"否{WIDE}")),
     _rows((1, 7, "no"))),
    ("a cell of a zero-width space only is blank", _rows((2, 8, ZWSP), (1, 3, f"{ZWSP}{NBSP}")),
     _rows((2, 8, ""), (1, 3, ""))),
    ("n/a with a word joiner", _rows((0, 6, "n/a\u2060")), _rows((0, 6, "n/a"))),
]  # fmt: skip


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for row in [HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


BUILDERS = {
    "utf-8 CSV": lambda path, rows: write_csv(path.with_suffix(".csv"), [HEADER, *rows]),
    "GB18030 CSV": lambda path, rows: write_csv(path.with_suffix(".csv"), [HEADER, *rows],
                                                "gb18030"),
    "XLSX": lambda path, rows: _xlsx(path.with_suffix(".xlsx"), rows),
}  # fmt: skip


def _outputs(source: Path, out: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"] == 3
    scores, rejected = (read_csv(out / name) for name in ("scores.csv", "rejected.csv"))
    return [_without_source(r) for r in scores], [_without_source(r) for r in rejected]


def _without_source(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if k != "source"}


@pytest.mark.parametrize("kind", list(BUILDERS))
@pytest.mark.parametrize(("rows", "twin"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_answers_read_as_they_show(
    tmp_path: Path, kind: str, rows: list[list[Any]], twin: list[list[Any]]
) -> None:
    scores, rejected = _outputs(BUILDERS[kind](tmp_path / "in", rows), tmp_path / "out")
    want_scores, want_rejected = _outputs(
        write_csv(tmp_path / "twin.csv", [HEADER, *twin]), tmp_path / "want"
    )
    assert rejected == want_rejected == []
    assert scores == want_scores
