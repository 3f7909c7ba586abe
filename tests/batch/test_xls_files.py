"""Excel 97-2003 workbooks (.xls), as bank systems and older Excel and WPS still save
them, each read as its plain CSV twin: percent formats read as the percentage the cell
shows, merged group cells filled down, error cells rejected with their error, hidden rows
read and named. The files are written here with xlwt, cell formats and all, and one by
LibreOffice where it is installed."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import xlwt

from tests.batch.helpers import write_csv
from tests.batch.test_real_sheets import HEADER, MERGED, NUMBERS, PERCENT, PLAIN, _batch, _xlsx
from tests.batch.test_xlsx_writer import _calc_installed

ERROR_CODES = {"#NULL!": 0, "#DIV/0!": 7, "#VALUE!": 15, "#REF!": 23, "#NAME?": 29,
               "#NUM!": 36, "#N/A": 42}  # fmt: skip


@dataclass(frozen=True)
class Book:
    """How to write a workbook: cell formats, errors (row, column from 0), merged
    ranges (first row, last row, column), hidden rows, the sheet's name."""

    rows: list[list[Any]]
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: tuple[tuple[int, int, int], ...] = ()
    hidden: tuple[int, ...] = ()
    sheet: str = "data"


def _xls(name: str, book: Book) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        workbook = xlwt.Workbook(encoding="utf-8")
        sheet = workbook.add_sheet(book.sheet)
        styles = {f: xlwt.easyxf(num_format_str=f) for f in set(book.formats.values())}
        merged = {(r1, c): r2 for r1, r2, c in book.merged}
        for r, row in enumerate([HEADER, *book.rows]):
            for c, value in enumerate(row):
                if (r, c) in book.errors:
                    sheet.row(r).set_cell_error(c, ERROR_CODES[book.errors[r, c]])
                elif (r, c) in merged:
                    sheet.write_merge(r, merged[r, c], c, c, value)
                elif value is not None and not any(r1 < r <= r2 and c == mc
                                                   for r1, r2, mc in book.merged):  # fmt: skip
                    fmt = book.formats.get((r, c))
                    sheet.write(r, c, value, styles[fmt]) if fmt else sheet.write(r, c, value)
        for r in book.hidden:
            sheet.row(r).hidden = True
        workbook.save(str(folder / name))
        return folder / name

    return build


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    twin: list[list[Any]]
    note: str = ""


CASES = [
    Case("typed numbers", _xls("in.xls", Book(NUMBERS)), PLAIN),
    Case("percent formats", _xls("in.xls", Book(PERCENT, formats={
        (1, 6): "0%", (2, 6): "0.0%", (3, 6): "0.00%"})), PLAIN),
    Case("a custom percent format beside a plain number", _xls("in.xls", Book(
        [PERCENT[0], NUMBERS[1], PERCENT[2]], formats={(1, 6): '0" "%', (3, 6): "0.0%;-0.0%"})),
        PLAIN),
    Case("merged group cells", _xls("in.xls", Book(MERGED, merged=((1, 3, 2),))), PLAIN),
    Case("a hidden row is read, and named", _xls("in.xls", Book(NUMBERS, hidden=(2,))), PLAIN,
         note="rows hidden in the sheet were read and scored like the others: {f}:3;"),
    Case("data on a sheet not named data", _xls("in.xls", Book(PERCENT, sheet="Sheet1",
         formats={(1, 6): "0%", (2, 6): "0.0%", (3, 6): "0.00%"})), PLAIN),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_read_as_its_plain_twin(tmp_path: Path, case: Case) -> None:
    source = case.build(tmp_path)
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *case.twin])
    result, scores, rejected = _batch(source, tmp_path / "out")
    _, want_scores, want_rejected = _batch(twin, tmp_path / "want")
    assert scores == want_scores
    assert rejected == want_rejected == []
    shown = " ".join(result.output.split())
    assert case.note.format(f=source) in shown
    assert "does not show number formats" not in shown  # it does now
    assert "read without its formulas" not in shown


@pytest.mark.parametrize("error", list(ERROR_CODES))
def test_error_cells_are_rejected_with_their_error(tmp_path: Path, error: str) -> None:
    # an answer (a-number of A), and a group cell (region of B)
    source = _xls("in.xls", Book(NUMBERS, errors={(1, 6): error, (2, 2): error}))(tmp_path)
    _, scores, rejected = _batch(source, tmp_path / "out")
    reasons = {(r["unit_id"], r["column"]): r["reason"] for r in rejected}
    assert set(reasons) == {("A", "a-number"), ("B", "region")}
    for reason in reasons.values():
        assert f"spreadsheet error {error}" in reason
    assert [s["id"] for s in scores] == ["C"]


@pytest.mark.parametrize(
    ("lang", "formats", "formulas"),
    [("en", "a .xls file does not show number formats: a cell formatted as 45% is read as 0.45",
      "a .xls file is read without its formulas"),
     ("zh", "设为45%格式", "读取时不含公式")],
)  # fmt: skip
def test_a_workbook_xlrd_cannot_read_keeps_the_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, formats: str, formulas: str
) -> None:
    # calamine has read the cells: they stand, and the notes say what it cannot see
    from capassess.batch import calamine_reader
    from capassess.batch import xls_facts as facts
    from capassess.batch.xls_facts import xls_facts

    source = _xls("in.xls", Book(PERCENT, formats={(1, 6): "0%"}))(tmp_path)
    assert xls_facts(str(source), "no such sheet") is None
    assert xls_facts(str(source), "data") is not None
    monkeypatch.setattr(facts, "MAX_BYTES", source.stat().st_size - 1)
    assert xls_facts(str(source), "data") is None  # too large to hold twice
    monkeypatch.setattr(calamine_reader, "xls_facts", lambda path, sheet: None)
    result, _, _ = _batch(source, tmp_path / "out", "--lang", lang)
    shown = "".join(result.output.split()) if lang == "zh" else " ".join(result.output.split())
    assert formats in shown
    assert formulas in shown


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed")
def test_a_workbook_saved_as_xls_by_libreoffice_reads_as_its_twin(tmp_path: Path) -> None:
    # another writer than xlwt: percent formats, an error cell, merged groups, a hidden row
    from openpyxl import load_workbook

    book = _xlsx(tmp_path / "made.xlsx", [[*MERGED[0][:6], 0.45, *MERGED[0][7:]], *MERGED[1:]],
                 formats={"G2": "0%"}, errors={"I3": "#DIV/0!"}, merge=["C2:C4"])  # fmt: skip
    sheet = load_workbook(book)
    sheet["data"].row_dimensions[4].hidden = True
    sheet.save(book)
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path),
                    str(book)], check=True, capture_output=True, timeout=120)  # fmt: skip
    result, scores, rejected = _batch(tmp_path / "made.xls", tmp_path / "out")
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *PLAIN])
    _, want, _ = _batch(twin, tmp_path / "want")
    assert scores == [s for s in want if s["id"] != "B"]
    assert [(r["unit_id"], r["column"], r["value"]) for r in rejected] == [
        ("B", "o-api", "#DIV/0!")
    ]
    assert "were read and scored like the others: " in result.output
