"""User mistakes end in a message naming the file and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.batch.helpers import MINI, run_cli, write_csv


def _batch(tmp_path: Path, *inputs: str, extra: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    result = run_cli("batch", *inputs, "-o", str(tmp_path / "out"), "-q", str(MINI), *extra)
    assert "Traceback" not in result.output
    return result


def test_missing_id_column(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["branch", "q1", "q2"], ["A", "1", "1"]])
    result = _batch(tmp_path, str(source))
    assert result.exit_code == 2
    assert f"{source}: no 'id' column; the header is: branch, q1, q2" in result.output


def test_missing_question_columns_unless_lenient(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["id", "q1"], ["A", "3"]])
    result = _batch(tmp_path, str(source))
    assert result.exit_code == 2
    assert "missing question columns: q2" in result.output
    result = _batch(tmp_path, str(source), extra=("--lenient",))
    assert result.exit_code == 0, result.output


def test_every_input_problem_is_reported_at_once(tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a.csv", [["id", "id", "q1", "q2"]])
    second = write_csv(tmp_path / "b.csv", [["id", "q1"]])
    result = _batch(tmp_path, str(first), str(second), str(tmp_path / "none.csv"))
    assert result.exit_code == 2
    assert "a.csv: column 'id' appears more than once" in result.output
    assert "b.csv: missing question columns: q2" in result.output
    assert "none.csv: no such file or folder" in result.output
    assert not (tmp_path / "out").exists()


def test_unreadable_file(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,q1,q2\nA,1,1\nB,\x81\x20\xff,2\n")
    result = _batch(tmp_path, str(source))
    assert result.exit_code == 2
    assert "in.csv" in result.output and "--encoding" in result.output


def test_empty_file(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"")
    result = _batch(tmp_path, str(source))
    assert result.exit_code == 2
    assert "in.csv:1: the file is empty" in result.output


def test_truncated_xlsx(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["id", "q1", "q2"])  # type: ignore[union-attr]
    book.save(tmp_path / "full.xlsx")
    data = (tmp_path / "full.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    result = _batch(tmp_path, str(tmp_path / "cut.xlsx"))
    assert result.exit_code == 2
    assert "cut.xlsx: cannot read as XLSX" in result.output


def test_unknown_kind_of_input(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text("{}", encoding="utf-8")
    result = _batch(tmp_path, str(source))
    assert result.exit_code == 2
    assert (
        "give a .csv, .tsv, .txt, .xlsx, .xls or .ods file, or a folder of answers files"
        in result.output
    )


def test_group_by_a_column_that_is_not_there(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["id", "region", "q1", "q2"], ["A", "East", "1", "1"]])
    result = _batch(tmp_path, str(source), extra=("--group-by", "city"))
    assert result.exit_code == 2
    assert "no group column 'city' (group columns: region)" in result.output


def test_unknown_columns_are_reported_and_ignored(tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "in.csv", [["id", "q1", "q2", "q3", "notes"], ["A", "1", "1", "x", "hi"]]
    )
    result = _batch(tmp_path, str(source))
    assert result.exit_code == 0
    assert "unknown columns ignored: q3, notes" in result.output


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], ["A", "1", "1"]])
    (tmp_path / "out").write_text("", encoding="utf-8")
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_blank_header_cells_are_not_reported(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,q1,q2,,\nA,1,1,,\n", encoding="utf-8")
    result = _batch(tmp_path, str(source))
    assert result.exit_code == 0
    assert "unknown column" not in result.output


def test_folder_without_answers_files(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "notes.txt").write_text("not an answers file", encoding="utf-8")
    result = _batch(tmp_path, str(folder))
    assert result.exit_code == 2
    assert f"{folder}: the folder holds no answers files (*.yaml, *.yml)" in result.output
    assert not (tmp_path / "out").exists()


def test_pdf_without_a_browser_exits_2_before_writing_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CAPASSESS_BROWSER", raising=False)
    monkeypatch.setattr("capassess.report.browser.WELL_KNOWN", ())
    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], ["A", "3", "2"]])
    result = _batch(tmp_path, str(source), extra=("--pdf",))
    assert result.exit_code == 2, result.output
    assert "no Chromium-family browser found" in result.output
    assert not (tmp_path / "out").exists()
    result = _batch(tmp_path, str(source), extra=("--pdf", "--browser", str(tmp_path / "none")))
    assert result.exit_code == 2
    assert "--browser: no executable browser" in result.output
    assert not (tmp_path / "out").exists()
    result = _batch(tmp_path, str(source), extra=("--browser", "chromium"))
    assert result.exit_code == 2 and "add --pdf" in result.output
    assert not (tmp_path / "out").exists()


def test_a_browser_that_fails_leaves_no_outputs(tmp_path: Path) -> None:
    """The PDF is one of the run's outputs: when it cannot be printed, none is published."""
    dead = tmp_path / "dead"
    dead.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    dead.chmod(0o755)
    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], ["A", "3", "2"]])
    result = _batch(tmp_path, str(source), extra=("--pdf", "--browser", str(dead)))
    assert result.exit_code != 0
    assert "stopped before printing the PDF" in result.output
    assert not (tmp_path / "out" / "portfolio.html").exists()
