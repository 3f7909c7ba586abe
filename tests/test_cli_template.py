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


@pytest.mark.parametrize("fmt", ["csv", "xlsx", None])
def test_dash_writes_the_sheet_to_stdout_not_a_file_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str | None
) -> None:
    """``-o -`` sends the sheet to stdout, byte for byte the file ``-o FILE`` writes (an
    XLSX workbook by default), and leaves no file named ``-`` behind."""
    monkeypatch.chdir(tmp_path)
    given = ["-f", fmt] if fmt else []
    kind = fmt or "xlsx"
    piped = CliRunner().invoke(main, ["template", "-q", str(MINI), *given, "-o", "-"])
    assert piped.exit_code == 0, piped.output
    assert not (tmp_path / "-").exists()
    out = tmp_path / f"sheet.{kind}"
    CliRunner().invoke(main, ["template", "-q", str(MINI), *given, "-o", str(out)])
    if kind == "csv":
        assert piped.stdout_bytes == out.read_bytes()
    else:  # a workbook's zip entries carry the time they were written
        import io

        from openpyxl import load_workbook

        sheets = [load_workbook(f, read_only=True) for f in (io.BytesIO(piped.stdout_bytes), out)]
        rows = [[list(ws.iter_rows(values_only=True)) for ws in wb] for wb in sheets]
        assert rows[0] == rows[1] and rows[0][0]


def test_dash_refuses_a_workbook_to_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("capassess.views.console.is_terminal", lambda _stream: True)
    result = CliRunner().invoke(main, ["template", "-q", str(MINI), "-o", "-"])
    assert result.exit_code == 2, result.output  # as report -f pptx -o - on a terminal
    assert "-o -: XLSX files are binary; give -o FILE or redirect" in result.stderr
    assert result.stdout_bytes == b"" and not list(tmp_path.iterdir())
