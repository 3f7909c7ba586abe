"""ODS workbooks (LibreOffice, WPS) read as their plain CSV twin like XLSX: a number
formatted as a percentage is the percentage it shows, an error cell is rejected with its
error (python-calamine reads them as 0.45 and as blank; ``read_ods_sheet`` reads the XML)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.batch.helpers import write_csv
from tests.batch.ods_files import Error, Percent, write_ods
from tests.batch.test_real_sheets import HEADER, MERGED, NUMBERS, PLAIN, _batch, _xlsx
from tests.batch.test_xlsx_writer import _calc_installed

PERCENT = [[*r[:6], Percent(float(r[6]) / 100), *r[7:]] for r in NUMBERS]


def test_percentage_cells_read_as_the_percentage(tmp_path: Path) -> None:
    source = write_ods(tmp_path / "in.ods", [HEADER, *PERCENT])
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *PLAIN])
    result, scores, rejected = _batch(source, tmp_path / "out")
    _, want, _ = _batch(twin, tmp_path / "want")
    assert (scores, rejected) == (want, [])
    assert "does not show number formats" not in result.output


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!"])
def test_error_cells_are_rejected_with_their_error(tmp_path: Path, error: str) -> None:
    rows = [list(r) for r in NUMBERS]
    rows[0][6], rows[1][2] = Error(error), Error(error)  # an answer, a group cell
    _, scores, rejected = _batch(write_ods(tmp_path / "in.ods", [HEADER, *rows]), tmp_path / "o")
    reasons = {(r["unit_id"], r["column"]): r["reason"] for r in rejected}
    assert set(reasons) == {("A", "a-number"), ("B", "region")}
    assert all(f"spreadsheet error {error}" in reason for reason in reasons.values())
    assert [s["id"] for s in scores] == ["C"]


def test_repeated_cells_and_rows_count_as_that_many(tmp_path: Path) -> None:
    # LibreOffice writes equal neighbours once, with number-columns-repeated
    from capassess.batch.ods_sheet import MAX_REPEATS, read_ods_sheet
    from tests.batch.ods_files import NAMESPACES, _save

    pct = (
        '<table:table-cell office:value-type="percentage" office:value="0.5" '
        'table:number-columns-repeated="{n}"><text:p>50%</text:p></table:table-cell>'
    )
    table = ('<table:table table:name="data">'
             '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
             f'<table:table-row><table:table-cell table:number-columns-repeated="3"/>{pct.format(n=2)}'
             f'{pct.format(n=MAX_REPEATS + 1)}<table:table-cell calcext:value-type="error">'
             "<text:p>#N/A</text:p></table:table-cell></table:table-row></table:table>")  # fmt: skip
    assert "calcext" in NAMESPACES
    source = _save(tmp_path / "in.ods", [table])
    last = 5 + MAX_REPEATS + 1
    found = read_ods_sheet(str(source), "data")
    assert found is not None
    assert found.cells == {(2, 3): "50%", (2, 4): "50%", (2, last): "#N/A"}
    assert read_ods_sheet(str(source), "no such sheet") == read_ods_sheet(str(source), "")
    data = source.read_bytes()
    (tmp_path / "broken.ods").write_bytes(data[: len(data) // 2])
    assert read_ods_sheet(str(tmp_path / "broken.ods"), "data") is None


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed")
def test_a_workbook_saved_as_ods_by_libreoffice_reads_as_its_twin(tmp_path: Path) -> None:
    book = _xlsx(tmp_path / "made.xlsx", [[*MERGED[0][:6], 0.45, *MERGED[0][7:]], *MERGED[1:]],
                 formats={"G2": "0%"}, errors={"I3": "#DIV/0!"}, merge=["C2:C4"])  # fmt: skip
    subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path),
                    str(book)], check=True, capture_output=True, timeout=120)  # fmt: skip
    _, scores, rejected = _batch(tmp_path / "made.ods", tmp_path / "out")
    _, want, _ = _batch(write_csv(tmp_path / "twin.csv", [HEADER, *PLAIN]), tmp_path / "want")
    assert scores == [s for s in want if s["id"] != "B"]
    assert [(r["unit_id"], r["column"], r["value"]) for r in rejected] == [
        ("B", "o-api", "#DIV/0!")
    ]
