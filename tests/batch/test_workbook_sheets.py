"""Which sheet of a workbook batch reads: no sheet's rows are dropped unsaid, and a hidden
sheet is never preferred to a visible one.

One visible sheet holding data rows under an ``id`` header is read, whatever its name;
several are refused (exit 2) naming them; a hidden sheet is read only when no visible
sheet holds data, with a note, and hidden sheets left unread beside a visible one are
named in a note. The template's own other sheets (``questions``, the hidden ``lists``)
never count. Each case builds its workbook here, with openpyxl (XLSX) or as ODS XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.batch.helpers import MINI, read_csv, run_cli, summary, write_csv
from tests.batch.ods_files import write_ods_sheets

HEADER = ["id", "name", "region", "q1", "q2"]
LABEL = ["#label", "Unit name", "Region", "First level?", "Second level?"]


def _rows(prefix: str, count: int, level: int = 3) -> list[list[object]]:
    return [[f"{prefix}{i}", f"{prefix}{i} branch", "East", level, 4] for i in range(1, count + 1)]


Sheet = tuple[str, list[list[object]] | None, str]
"""(name, rows under the header, state: visible or hidden). Rows None: an empty sheet;
rows that start with their own ``id`` header: written as they are."""


def _book(path: Path, sheets: list[Sheet], header: list[str] = HEADER) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows, state in sheets:
        ws = book.create_sheet(name)
        ws.sheet_state = state
        if rows is not None:
            if not rows or rows[0][0] != "id":
                ws.append(header)
            for row in rows:
                ws.append(row)
    book.active = next(i for i, (_, _, s) in enumerate(sheets) if s == "visible")
    book.save(path)
    return path


def _template(folder: Path, fill: Callable[[Workbook], None]) -> Path:
    """The shipped template (``capassess template -f xlsx``), filled in by ``fill``."""
    path = folder / "t.xlsx"
    result = run_cli("template", "-q", str(MINI), "-f", "xlsx", "-o", str(path))
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    fill(book)
    book.save(path)
    return path


def _fill_data(book: Workbook) -> None:
    ws = book["data"]
    for r, row in enumerate(_rows("t", 3), start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)


def _paste_beside(book: Workbook) -> None:
    ws = book.create_sheet("Sheet1")
    ws.append(HEADER)
    for row in _rows("p", 3):
        ws.append(row)


def _hidden_only(book: Workbook) -> None:
    ws = book.create_sheet("old")
    ws.append(HEADER)
    for row in _rows("h", 2):
        ws.append(row)
    ws.sheet_state = "hidden"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    exit: int
    ids: tuple[str, ...] = ()
    """The units scored (exit 0)."""
    says: tuple[str, ...] = ()
    """Fragments of the output."""
    silent: tuple[str, ...] = field(default=("note", "sheet"))
    """Fragments the output must not hold (``()``: no check)."""


CASES = [
    Case(
        "two visible sheets with data",
        lambda f: _book(
            f / "in.xlsx", [("East", _rows("e", 2), "visible"), ("West", _rows("w", 3), "visible")]
        ),
        2,
        says=(
            "in.xlsx",
            "several sheets hold data rows",
            "'East', 'West'",
            "save each sheet as its own file",
        ),
        silent=(),
    ),
    Case(
        "the data sheet and another visible sheet with data",
        lambda f: _book(
            f / "in.xlsx", [("data", _rows("d", 2), "visible"), ("extra", _rows("x", 1), "visible")]
        ),
        2,
        says=("'data', 'extra'",),
        silent=(),
    ),
    Case(
        "last year hidden before this year",
        lambda f: _book(
            f / "in.xlsx",
            [
                ("2025", _rows("b", 2, level=1), "hidden"),
                ("2026", _rows("b", 2, level=4), "visible"),
            ],
        ),
        0,
        ids=("b1", "b2"),
        says=(
            "hidden sheets are not read while a visible sheet holds data rows",
            "not read: '2025'",
        ),
        silent=(),
    ),
    Case(
        "a hidden data sheet beside a visible one with data",
        lambda f: _book(
            f / "in.xlsx",
            [("data", _rows("d", 2), "hidden"), ("mine", _rows("m", 1), "visible")],
        ),
        0,
        ids=("m1",),
        says=("not read: 'data'",),
        silent=("holds no data rows",),
    ),
    Case(
        "two hidden sheets with data and no visible one",
        lambda f: _book(
            f / "in.xlsx",
            [
                ("front", None, "visible"),
                ("a", _rows("a", 1), "hidden"),
                ("b", _rows("b", 1), "hidden"),
            ],
        ),
        2,
        says=("'a', 'b'",),
        silent=(),
    ),
    Case(
        "the template filled on its data sheet",
        lambda f: _template(f, _fill_data),
        0,
        ids=("t1", "t2", "t3"),
    ),
    Case(
        "rows pasted into Sheet1 beside a blank data sheet",
        lambda f: _template(f, _paste_beside),
        0,
        ids=("p1", "p2", "p3"),
        says=("the sheet 'data' holds no data rows; read the sheet 'Sheet1'",),
        silent=(),
    ),
    Case(
        "rows only on a hidden sheet",
        lambda f: _template(f, _hidden_only),
        0,
        ids=("h1", "h2"),
        says=("read the hidden sheet 'old', as no visible sheet holds data rows",),
        silent=(),
    ),
    Case(
        "a lookup sheet with ids but no question column",
        lambda f: _book(
            f / "in.xlsx",
            [
                ("orgs", [["id", "org"], ["x1", "Org"]], "visible"),
                ("Sheet2", _rows("s", 2), "visible"),
            ],
        ),
        0,
        ids=("s1", "s2"),
    ),
    Case(
        "the label row alone holds nothing",
        lambda f: _book(
            f / "in.xlsx", [("data", _rows("d", 2), "visible"), ("copy", [LABEL], "visible")]
        ),
        0,
        ids=("d1", "d2"),
    ),
    Case(
        "a blank template names its sheets",
        lambda f: _template(f, lambda book: None),
        2,
        says=(
            "no unit to score: no sheet holds data rows under an 'id' header",
            "read the sheet 'data' of 'data', 'questions', 'lists'",
        ),
        silent=(),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_sheet_read(tmp_path: Path, case: Case) -> None:
    source = case.build(tmp_path)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI))
    assert "Traceback" not in result.output
    assert result.exit_code == case.exit, result.output
    said = " ".join(result.output.split())
    for fragment in case.says:
        assert fragment in said
    for fragment in case.silent:
        assert fragment not in said.replace(str(tmp_path), "")
    if case.exit == 2:
        assert not out.exists()
        return
    assert tuple(r["id"] for r in read_csv(out / "scores.csv")) == case.ids


def test_the_visible_sheet_is_scored_not_the_hidden_one(tmp_path: Path) -> None:
    sheets = [
        ("2025", _rows("b", 2, level=1), "hidden"),
        ("2026", _rows("b", 2, level=5), "visible"),
    ]
    source = _book(tmp_path / "in.xlsx", sheets)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert result.exit_code == 0, result.output
    assert {r["c1"] for r in read_csv(tmp_path / "out" / "scores.csv")} == {"5.0000"}


def test_a_blank_workbook_beside_another_input_is_named(tmp_path: Path) -> None:
    book = _template(tmp_path, lambda book: None)
    other = write_csv(tmp_path / "other.csv", [HEADER, ["c1", "C1", "East", 2, 2]])
    out = tmp_path / "out"
    result = run_cli("batch", str(book), str(other), "-o", str(out), "-q", str(MINI))
    assert result.exit_code == 0, result.output
    assert "no sheet holds data rows under an 'id' header; read the sheet 'data'" in " ".join(
        result.output.split()
    )


def test_a_workbook_of_pasted_rows_and_another_input_lose_no_row(tmp_path: Path) -> None:
    book = _template(tmp_path, _paste_beside)
    other = write_csv(tmp_path / "other.csv", [HEADER, ["c1", "C1", "East", 2, 2]])
    out = tmp_path / "out"
    result = run_cli("batch", str(book), str(other), "-o", str(out), "-q", str(MINI))
    assert result.exit_code == 0, result.output
    assert summary(out)["counts"]["rows"] == 4
    assert [r["id"] for r in read_csv(out / "scores.csv")] == ["p1", "p2", "p3", "c1"]


def test_the_refusal_is_said_in_chinese(tmp_path: Path) -> None:
    sheets = [("East", _rows("e", 1), "visible"), ("West", _rows("w", 1), "visible")]
    source = _book(tmp_path / "in.xlsx", sheets)
    result = run_cli(
        "batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI), "--lang", "zh"
    )
    assert result.exit_code == 2
    assert "多个工作表" in result.output and "'East', 'West'" in result.output


def _ods(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> Path:
    return write_ods_sheets(path, sheets)


@pytest.mark.parametrize(
    ("sheets", "exit", "fragment"),
    [
        (
            [("East", [HEADER, *_rows("e", 1)]), ("West", [HEADER, *_rows("w", 1)])],
            2,
            "'East', 'West'",
        ),
        (
            [("data", [HEADER]), ("Sheet1", [HEADER, *_rows("p", 2)])],
            0,
            "the sheet 'data' holds no data rows; read the sheet 'Sheet1'",
        ),
    ],
    ids=["two sheets with data", "pasted beside a blank data sheet"],
)
def test_ods_workbooks_follow_the_same_rule(
    tmp_path: Path, sheets: list[tuple[str, list[list[object]]]], exit: int, fragment: str
) -> None:
    source = _ods(tmp_path / "in.ods", sheets)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert result.exit_code == exit, result.output
    assert fragment in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (lambda f: _template(f, _paste_beside), "没有数据行；已读取工作表 'Sheet1'"),
        (lambda f: _template(f, _hidden_only), "读取了隐藏的工作表 'old'"),
        (lambda f: _book(f / "in.xlsx", [("2025", _rows("b", 2), "hidden"),
                                         ("2026", _rows("b", 2), "visible")]),
         "未读取：'2025'"),
        (lambda f: _template(f, lambda book: None), "已读取工作表 'data'（全部工作表"),
    ],
    ids=["pasted", "hidden only", "hidden beside", "blank"],
)  # fmt: skip
def test_the_notes_are_said_in_chinese(
    tmp_path: Path, build: Callable[[Path], Path], fragment: str
) -> None:
    from tests.batch.test_chinese_run import english_left

    result = run_cli("batch", str(build(tmp_path)), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--lang", "zh")  # fmt: skip
    lines = [line for line in result.output.splitlines() if line.strip()]
    shown = [line for line in lines if not re.match(r"\s+[a-z_]+\s+\S+$", line)]  # outputs
    assert {line: english_left(line) for line in shown if english_left(line)} == {}
    assert fragment in result.output
