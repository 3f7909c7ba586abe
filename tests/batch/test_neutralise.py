"""Cells a spreadsheet would run as formulas are neutralised in every CSV and XLSX we
write; negative numbers stay numbers."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from openpyxl import load_workbook

from capassess.batch.neutralise import neutralise, neutralise_array
from tests.batch.helpers import MINI, read_csv, run_cli, write_csv

RISKY = ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise_array(pa.array([text])).to_pylist() == ["'" + text]


@pytest.mark.parametrize("text", ["-12.5", "+3", "-1e-3", "42", "BR001", "", "a=b", "'=x"])
def test_numbers_and_plain_text_are_kept(text: str) -> None:
    assert neutralise(text) == text
    assert neutralise_array(pa.array([text])).to_pylist() == [text]


def test_scores_and_rejected_files_are_neutralised(tmp_path: Path) -> None:
    rows = [
        ["id", "name", "=region", "q1", "q2"],
        ['=HYPERLINK("http://x")', "@evil", "-10", "3", "3"],
        ["+BR2", "-Sales", "=1+1", "=2+2", "3"],
    ]
    source = write_csv(tmp_path / "in.csv", rows)
    run_cli(
        "batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI), "--group-by", "=region"
    )
    scores = read_csv(tmp_path / "out" / "scores.csv")
    assert list(scores[0])[3] == "'=region"
    assert scores[0]["id"] == '\'=HYPERLINK("http://x")'
    assert scores[0]["name"] == "'@evil"
    assert scores[0]["'=region"] == "-10"
    rejected = read_csv(tmp_path / "out" / "rejected.csv")
    assert [(r["unit_id"], r["value"]) for r in rejected] == [("'+BR2", "'=2+2")]
    sheet = load_workbook(tmp_path / "out" / "scores.xlsx", read_only=True)["scores"]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0][3] == "'=region"
    assert cells[1][1:4] == ['\'=HYPERLINK("http://x")', "'@evil", "-10"]
    assert all(not str(v).startswith("=") for row in cells for v in row if v is not None)
