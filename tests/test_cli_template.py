"""template -f and the suffix of -o agree, or nothing is written.

A workbook written to ``sheet.csv`` or a CSV to ``sheet.xlsx`` opens as garbage in the
program the name promises, and a sheet written to ``sheet.txt`` or ``sheet.xls`` without
``-f`` was an XLSX workbook whatever the name said. Each row: the -f given, the output's
name, and the format written or the refusal's words (exit 2, no file, an existing file
of that name kept).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.batch.helpers import MINI

CASES = [
    (None, "sheet.csv", "csv"),
    (None, "SHEET.CSV", "csv"),
    (None, "sheet.xlsx", "xlsx"),
    (None, "sheet", "xlsx"),
    ("csv", "sheet.csv", "csv"),
    ("csv", "sheet.txt", "csv"),
    ("xlsx", "sheet.xlsx", "xlsx"),
    ("xlsx", "sheet.data", "xlsx"),
    ("xlsx", "sheet.csv", "-o {out} names a csv file, but -f is xlsx"),
    ("csv", "sheet.xlsx", "-o {out} names a xlsx file, but -f is csv"),
    ("csv", "sheet.XLSX", "-o {out} names a xlsx file, but -f is csv"),
    (None, "sheet.txt", "cannot tell the sheet format from '{out}'"),
    (None, "sheet.xls", "cannot tell the sheet format from '{out}'"),
    (None, "sheet.ods", "cannot tell the sheet format from '{out}'"),
]


def _written_format(path: Path) -> str:
    return "xlsx" if zipfile.is_zipfile(path) else "csv"


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
@pytest.mark.parametrize(("fmt", "name", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_format_and_suffix_agree(
    tmp_path: Path, existing: bool, fmt: str | None, name: str, expected: str
) -> None:
    out = tmp_path / name
    if existing:
        out.write_text("id,name\nb1,kept\n", encoding="utf-8")
    args = ["template", "-q", str(MINI), "-o", str(out), *(["-f", fmt] if fmt else []), "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if expected in ("csv", "xlsx"):
        assert result.exit_code == 0, result.output
        assert _written_format(out) == expected
        return
    assert result.exit_code == 2, result.output
    assert expected.format(out=out) in result.stderr
    if existing:
        assert out.read_text(encoding="utf-8") == "id,name\nb1,kept\n"
    else:
        assert not out.exists()


def test_the_refusal_speaks_the_sheets_language(tmp_path: Path) -> None:
    out = tmp_path / "sheet.xlsx"
    args = ["template", "-q", str(MINI), "-f", "csv", "-o", str(out), "--lang", "zh"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"-o {out} 是 xlsx 文件名，但 -f 为 csv" in result.stderr
