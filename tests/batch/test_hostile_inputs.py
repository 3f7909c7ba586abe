"""Inputs no branch meant to send, each refused or read with its reason, never a
traceback, with the exit code the README gives: a password-protected workbook, an
Office file of another kind, workbook kinds batch does not read, files of nothing but a
BOM, a unit name of a megabyte. Accounting holds where rows are read."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.batch.helpers import csv_text, run_cli, summary
from tests.batch.ole_files import ENCRYPTED_XLSX, write_ole
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Callable[[Path], Path]
    code: int
    message: str
    """A fragment of the output (``{f}``: the input's path)."""


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return build


def _ole(name: str, streams: list[str]) -> Callable[[Path], Path]:
    return lambda folder: write_ole(folder / name, streams)


PASSWORD = ("the workbook is protected by a password; open it in Excel or WPS, remove the "
            "password (in Excel, File > Info > Protect Workbook > Encrypt with Password) and save "
            "it without one")  # fmt: skip
SWALLOWED = (
    csv_text([HEADER, PLAIN[0]])
    + 'B,"大同,华北,2,partial,rt,3.5,no,20\n'
    + csv_text(PLAIN[2:])
    + 'D,"晋城",华北,2,partial,rt,3.5,no,20\n'
).encode()
"""B's name opens a quote that D's closes: C's row and half of D's are inside it."""
HUGE_NAME = [[*PLAIN[0][:1], "支行" * 500_000, *PLAIN[0][2:]], *PLAIN[1:]]
CASES = [
    Hostile("password-protected XLSX", _ole("in.xlsx", ENCRYPTED_XLSX), 2,
            f"{{f}}: cannot read as XLSX: {PASSWORD}"),
    Hostile("password-protected XLSX named .xls", _ole("in.xls", ENCRYPTED_XLSX), 2,
            f"{{f}}: cannot read as XLS: {PASSWORD}"),
    Hostile("an OLE file with no workbook", _ole("in.xls", ["WordDocument"]), 2,
            "{f}: cannot read as XLS: this is an Office file with no workbook in it"),
    Hostile("Excel Binary Workbook", _bytes("in.xlsb", b"PK\x03\x04" + bytes(64)), 2,
            "{f}: a .xlsb file (Excel Binary Workbook) cannot be read; save it as .xlsx"),
    Hostile("Apple Numbers", _bytes("in.numbers", b"PK\x03\x04" + bytes(64)), 2,
            "{f}: a .numbers file (Apple Numbers) cannot be read; export it as Excel"),
    Hostile("only a UTF-8 BOM", _bytes("in.csv", codecs.BOM_UTF8), 2,
            "{f}:1: the file is empty; expected a header row with 'id'"),
    Hostile("only a UTF-16 BOM", _bytes("in.txt", codecs.BOM_UTF16_LE), 2,
            "{f}:1: the file is empty; expected a header row with 'id'"),
    Hostile("a header and nothing else", _bytes("in.csv", csv_text([HEADER]).encode()), 2,
            "no unit to score: the input has a header but no data rows"),
    Hostile("an unclosed quote that swallows the rows below it",
            _bytes("in.csv", SWALLOWED), 1,
            "rows rejected: 1;"),
    Hostile("a unit name of a megabyte", _bytes("in.csv", csv_text([HEADER, *HUGE_NAME]).encode()),
            1, "rows rejected: 1;"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_or_read_with_its_reason(tmp_path: Path, case: Hostile) -> None:
    source = case.build(tmp_path)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY))
    assert "Traceback" not in result.output
    assert result.exit_code == case.code, result.output
    assert case.message.format(f=source) in " ".join(result.output.split())
    if case.code == 2:
        assert not out.exists()
    else:
        counts = summary(out)["counts"]
        assert counts["scored"] + counts["rejected"] == counts["rows"]


def test_a_password_protected_workbook_is_refused_in_chinese(tmp_path: Path) -> None:
    source = write_ole(tmp_path / "in.xlsx", ENCRYPTED_XLSX)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY),
                     "--lang", "zh")  # fmt: skip
    assert result.exit_code == 2
    assert "该工作簿受密码保护" in "".join(result.output.split())


def test_a_huge_name_is_rejected_showing_its_start(tmp_path: Path) -> None:
    from tests.batch.helpers import read_csv

    source = tmp_path / "in.csv"
    source.write_bytes(csv_text([HEADER, *HUGE_NAME]).encode())
    run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY))
    rejected = read_csv(tmp_path / "o" / "rejected.csv")
    assert [(r["row"], r["column"], r["reason"]) for r in rejected] == [
        ("2", "name", "the name is longer than 1000 characters")
    ]
    assert rejected[0]["value"] == "支行" * 500


@pytest.mark.parametrize(
    ("said", "want"),
    [("Workbook is password protected", PASSWORD),
     ("Cfb error: Cannot find Workbook stream", "this is an Office file with no workbook in it")],
)  # fmt: skip
def test_calamines_words_for_an_xls_say_what_to_do(said: str, want: str) -> None:
    """An .xls encrypted in its own (BIFF) way is found by calamine, not by its streams."""
    from capassess.batch.calamine_reader import _reason

    assert _reason(ValueError(said)).startswith(want)


def test_rows_swallowed_by_an_open_quote_are_named_not_scored(tmp_path: Path) -> None:
    from tests.batch.helpers import read_csv

    source = tmp_path / "in.csv"
    source.write_bytes(SWALLOWED)
    run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY))
    rejected = read_csv(tmp_path / "o" / "rejected.csv")
    assert [(r["row"], r["unit_id"], r["column"]) for r in rejected] == [("3", "B", "name")]
    assert rejected[0]["reason"].startswith(
        "the name holds lines that read as rows of their own ('C,晋中,华北,5,none,bi,62.5,yes,130')"
    )
    assert [s["id"] for s in read_csv(tmp_path / "o" / "scores.csv")] == ["A"]


def test_a_name_on_two_lines_is_no_swallowed_row(tmp_path: Path) -> None:
    from tests.batch.helpers import read_csv

    rows = [[*PLAIN[0][:1], "太原分行,营业部\n二楼,东侧", *PLAIN[0][2:]], *PLAIN[1:]]
    source = tmp_path / "in.csv"
    source.write_bytes(csv_text([HEADER, *rows]).encode())
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY))
    assert result.exit_code == 0, result.output
    assert len(read_csv(tmp_path / "o" / "scores.csv")) == 3


def test_a_swallowed_row_is_named_in_chinese(tmp_path: Path) -> None:
    from tests.batch.helpers import read_csv

    source = tmp_path / "in.csv"
    source.write_bytes(SWALLOWED)
    run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY), "--lang", "zh")
    reason = read_csv(tmp_path / "o" / "rejected.csv")[0]["reason"]
    assert reason.startswith(
        "name 中有几行看似单独的数据行（'C,晋中,华北,5,none,bi,62.5,yes,130'）"
    )
    assert reason.endswith("本行有未闭合的引号；请补上或删去该引号")


NEVER_CLOSED = (
    csv_text([HEADER, PLAIN[0]]) + 'B,"大同,华北,2,partial,rt,3.5,no,20\n' + csv_text(PLAIN[2:])
).encode()
"""B's name opens a quote nothing closes: the rest of the file is one cell, the row short."""


@pytest.mark.parametrize(
    ("lang", "start", "end"),
    [("en", "cells in the row: 2; in the header: ", "a quote opened in this row is not closed; "
      "close it, or remove it"),
     ("zh", "该行有 2 个单元格，而表头有 ", "本行有未闭合的引号；请补上或删去该引号")],
)  # fmt: skip
def test_a_row_an_open_quote_cut_short_says_so(
    tmp_path: Path, lang: str, start: str, end: str
) -> None:
    from tests.batch.helpers import read_csv

    source = tmp_path / "in.csv"
    source.write_bytes(NEVER_CLOSED)
    run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY), "--lang", lang)
    rejected = read_csv(tmp_path / "o" / "rejected.csv")
    assert [(r["row"], r["unit_id"]) for r in rejected] == [("3", "B")]
    reason = rejected[0]["reason"]
    assert reason.startswith(start) and reason.endswith(end), reason
    assert "'C,晋中,华北,5,none,bi,62.5,yes,130'" in reason
    assert [s["id"] for s in read_csv(tmp_path / "o" / "scores.csv")] == ["A"]


def test_an_ods_that_expands_too_far_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine holds an ODS whole: a small file of a huge content.xml would cost GBs."""
    from capassess.batch import calamine_reader
    from tests.batch.ods_files import write_ods

    source = write_ods(tmp_path / "in.ods", [HEADER, *PLAIN])
    monkeypatch.setattr(calamine_reader, "MAX_ODS_BYTES", 1 << 10)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY))
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f"{source}: the workbook's parts expand to " in said
    assert "MiB for an .ods file (read whole into memory); save it as .xlsx or CSV" in said
    assert not (tmp_path / "o").exists()
