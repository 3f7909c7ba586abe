"""Every row a CSV rejection names is the spreadsheet's row: the record's number, the
header row 1, whatever line breaks quoted cells hold (a long header or label typed
with Alt+Enter), in the text and in the bytewise (GB18030) reader alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.helpers import MINI, read_csv, run_cli

HEADER = 'id,name,"re\ngion",q1,q2'
HEADER_PLAIN = "id,name,region,q1,q2"
LABEL = '#label,"Unit\nname",Region,"First\nlevel?","Second\r\nlevel?"'
LABEL_PLAIN = "#label,Unit name,Region,First level?,Second level?"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize(
    ("head", "first"),
    [
        ([HEADER_PLAIN], 2),
        ([HEADER], 2),
        ([HEADER_PLAIN, LABEL], 3),
        ([HEADER, LABEL], 3),
        ([HEADER, LABEL_PLAIN], 3),
    ],
    ids=["plain", "header broken", "label broken", "both broken", "header broken, label plain"],
)
def test_rejected_rows_are_spreadsheet_rows(
    tmp_path: Path, head: list[str], first: int, encoding: str
) -> None:
    rows = [
        "A,太原,East,3,4",  # first
        'B,"大同\n支行",East,9,4',  # first + 1: a bad level, a line break in its name
        "C,晋中,East,3",  # first + 2: too few cells
        "D,长治,East,3,7",  # first + 3: a bad level
    ]
    source = tmp_path / "in.csv"
    source.write_bytes("\r\n".join([*head, *rows, ""]).encode(encoding))
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), "--allow-rejects")
    assert result.exit_code == 0, result.output
    found = {r["unit_id"]: int(r["row"]) for r in read_csv(out / "rejected.csv")}
    assert found == {"B": first + 1, "C": first + 2, "D": first + 3}
    scored = {r["id"]: r for r in read_csv(out / "scores.csv")}
    assert list(scored) == ["A"]
    assert scored["A"]["row"] == str(first)
