"""Header names dressed up by the sheet's maker still name their columns.

Each case writes the header as people and bank systems do (full-width letters, blanks
and zero-width characters at the ends, a note in brackets or on a second line of the
cell) over the units A, B and C, as CSV and as XLSX; it must be read as its plain twin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from capassess.batch.header_names import header_key
from tests.batch.helpers import read_csv, run_cli, summary, write_csv
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY

DRESSED = {
    "trailing blanks": ["ID ", " name", "region", "g-level\u3000", *HEADER[4:]],
    "full-width letters": ["ｉｄ", "Ｎａｍｅ", "region", "Ｇ－ＬＥＶＥＬ", *HEADER[4:]],
    "notes in brackets": ["id（机构号）", "name (网点名称)", "region", "g-level【等级1-5】",
                          "g-choice[选项]", *HEADER[5:]],
    "a note on a second line": ["id", "name", "region", "g-level\n数据治理等级", "g-choice\r\n选择",
                                *HEADER[5:]],
    "zero-width characters": ["\u200bid", "name", "region", *HEADER[3:8], "o-api\ufeff"],
}  # fmt: skip


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _scores(source: Path, out: Path) -> tuple[str, list[dict[str, str]]]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"] == 3
    rows = [{k: v for k, v in r.items() if k != "source"} for r in read_csv(out / "scores.csv")]
    return result.output, rows


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("header", DRESSED.values(), ids=list(DRESSED))
def test_dressed_header_names_name_their_columns(
    tmp_path: Path, kind: str, header: list[str]
) -> None:
    rows = [header, *PLAIN]
    source = (
        write_csv(tmp_path / "in.csv", rows) if kind == "csv" else _xlsx(tmp_path / "in.xlsx", rows)
    )
    output, scores = _scores(source, tmp_path / "out")
    _, want = _scores(write_csv(tmp_path / "twin.csv", [HEADER, *PLAIN]), tmp_path / "want")
    assert scores == want
    assert "unknown columns" not in output


KEYS = [
    ("id（机构号）", "id"), ("ｇ－ｌｅｖｅｌ", "g-level"), ("Region（区域）", "region(区域)"),
    ("g-level2", "g-level2"), ("(id)", "(id)"), ("  ", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "key"), KEYS)
def test_only_known_names_lose_their_notes(text: str, key: str) -> None:
    assert header_key(text, {"id", "name", "g-level"}) == key
