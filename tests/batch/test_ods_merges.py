"""ODS merged cells down a group column are filled down as in XLSX.

python-calamine gives no merged ranges for ODS; ``ods_sheet`` reads them from the file's
``content.xml``. Each case writes an ODS file as LibreOffice or WPS does (the merged
range's first cell spans rows, the cells under it are covered cells) and is read as its
plain CSV twin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from capassess.batch.ods_sheet import read_ods_sheet
from tests.batch.helpers import read_csv, run_cli, summary, write_csv
from tests.batch.ods_files import write_ods
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY

NUMBERS = [[*r[:3], int(r[3]), *r[4:6], float(r[6]), r[7], int(r[8])] for r in PLAIN]
SOUTH = [[f"S{i}", f"南{i}", "华南", *r[3:]] for i, r in enumerate(NUMBERS)]
CASES: list[tuple[str, list[list[Any]], dict[tuple[int, int], int], list[list[Any]]]] = [
    ("a group merged down every row", [HEADER, *NUMBERS], {(1, 2): 3}, PLAIN),
    ("two groups, each merged", [HEADER, *NUMBERS, *SOUTH], {(1, 2): 3, (4, 2): 3},
     [*PLAIN, *SOUTH]),
    ("below a title row", [["XX分行评估表"], HEADER, *NUMBERS], {(2, 2): 3}, PLAIN),
    ("merged over a spare empty row below the last unit",
     [HEADER, *NUMBERS, [None] * 9], {(1, 2): 4}, PLAIN),
    ("a name merged as well", [HEADER, NUMBERS[0], [*NUMBERS[1][:1], None, *NUMBERS[1][2:]]],
     {(1, 1): 2, (1, 2): 2}, [PLAIN[0], [PLAIN[1][0], "太原", *PLAIN[1][2:]]]),
]  # fmt: skip


def _blanked(lines: list[list[Any]], spans: dict[tuple[int, int], int]) -> list[list[Any]]:
    """``lines`` with the cells a merged range covers blank, as the file holds them."""
    out = [list(line) for line in lines]
    for (row, column), count in spans.items():
        for below in range(row + 1, min(row + count, len(out))):
            out[below][column] = None
    return out


def _scores(source: Path, out: Path) -> list[dict[str, str]]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"]
    return [{k: v for k, v in r.items() if k != "source"} for r in read_csv(out / "scores.csv")]


@pytest.mark.parametrize(("lines", "spans", "twin"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_merged_cells_are_filled_down(
    tmp_path: Path, lines: list[list[Any]], spans: dict[tuple[int, int], int], twin: list[Any]
) -> None:
    source = write_ods(tmp_path / "in.ods", _blanked(lines, spans), spans)
    scores = _scores(source, tmp_path / "out")
    want = _scores(write_csv(tmp_path / "twin.csv", [HEADER, *twin]), tmp_path / "want")
    offset = 1 if lines[0] != HEADER else 0  # the title row moves every row down
    assert [{**s, "row": str(int(s["row"]) - offset)} for s in scores] == want


def test_ranges_are_read_where_rows_and_cells_repeat(tmp_path: Path) -> None:
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    content = (
        f'<d xmlns:table="{table}"><table:table table:name="other"><table:table-row>'
        '<table:table-cell table:number-rows-spanned="9"/></table:table-row></table:table>'
        '<table:table table:name="data"><table:table-row table:number-rows-repeated="3">'
        "<table:table-cell/></table:table-row><table:table-row>"
        '<table:table-cell table:number-columns-repeated="2"/>'
        '<table:table-cell table:number-rows-spanned="4" table:number-columns-spanned="2"/>'
        "</table:table-row></table:table></d>"
    )
    import zipfile

    with zipfile.ZipFile(tmp_path / "in.ods", "w") as archive:
        archive.writestr("content.xml", content)
    data, other = (read_ods_sheet(str(tmp_path / "in.ods"), name) for name in ("data", "other"))
    assert data is not None and other is not None
    assert data.merges == [((3, 2), (6, 3))]
    assert other.merges == [((0, 0), (8, 0))]
    assert read_ods_sheet(str(tmp_path / "missing.ods"), "data") is None
