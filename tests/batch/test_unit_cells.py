"""Id, name and group cells as real sheets fill them, and rows that hold no unit.

Each case builds an input here (CSV bytes, or an XLSX written by openpyxl) and states
what batch must make of it: the units scored with their id and region, the rows
rejected with their reason, the blank rows skipped. Accounting holds in every run.

- Zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) are trimmed like
  blanks from ids, names and groups: ``华东\\u200b`` is ``华东``; a cell of only them is blank.
- ``="0012"`` (Excel's keep-the-zeros export) is ``0012``; a leading apostrophe is dropped.
- A row with an id that answers no question (a note where the label row was, a unit that
  sent nothing back, every cell n/a) is rejected: "no question answered in the row".
- An XLSX formula without a stored value, or an error cell, in the id, name or group is
  rejected with what it is; so is an error text (``#N/A``) in CSV.
- A group merged down over spare empty rows leaves those rows blank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.batch.helpers import MINI, read_csv, run_cli, summary
from tests.conftest import DATA, TINY

HEADER = ["id", "name", "region", "q1", "q2"]
NOTE = "说明：请各支行按实际情况填写，12月10日前报送"
NO_QUESTION = "no question answered in the row"
FORMULA = "the cell holds a formula with no computed value"
ERROR = "the cell holds the spreadsheet error #N/A"


def _csv(*rows: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "in.csv"
        path.write_bytes(("\r\n".join([",".join(HEADER), *rows]) + "\r\n").encode("utf-8"))
        return path

    return build


def _xlsx(
    rows: list[list[object]], errors: dict[str, str] | None = None, merge: str | None = None
) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        book = Workbook()
        ws = book.active
        ws.title = "data"
        ws.append(HEADER)
        for row in rows:
            ws.append(row)
        for ref, error in (errors or {}).items():
            ws[ref].value = error
            ws[ref].data_type = "e"
        if merge:
            ws.merge_cells(merge)
        book.save(folder / "in.xlsx")
        return folder / "in.xlsx"

    return build


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    scored: dict[str, str]
    """Unit id -> its region, as scores.csv has them, in order."""
    rejected: set[tuple[str, str, str, str]] = frozenset()  # type: ignore[assignment]
    """(row, unit id, column, a fragment of the reason)."""
    blank: int = 0


CASES = [
    Case(
        "zero-width characters around ids, names and groups",
        _csv(
            "\u200bA\u200b,Alpha\ufeff,华东\u200b,3,4", "B,Beta,\u2060华东 \u200d,2,2", "\u200c,,,,"
        ),
        {"A": "华东", "B": "华东"},
        blank=1,
    ),
    Case(
        "an id of only a zero-width space in an otherwise empty XLSX row",
        _xlsx([["A", "Alpha", "East", 3, 4], ["\u200b", None, None, None, None]]),
        {"A": "East"},
        blank=1,
    ),
    Case(
        "a note where the label row was",
        _xlsx([[NOTE], ["A", "Alpha", "East", 3, 4], ["B", "Beta", "West", 2, 5]]),
        {"A": "East", "B": "West"},
        {("2", NOTE, "", NO_QUESTION)},
    ),
    Case(
        "a unit that sent nothing back, and one that said n/a to all",
        _csv("A,Alpha,East,3,4", "B,Beta,East,,", "C,Gamma,East,n/a,N/A"),
        {"A": "East"},
        {("3", "B", "", NO_QUESTION), ("4", "C", "", NO_QUESTION)},
    ),
    Case(
        "a row with nothing answered and a bad cell keeps only the cell's reason",
        _csv("A,Alpha,East,3,4", "B,Beta,East,9,"),
        {"A": "East"},
        {("3", "B", "q1", "is not a level")},
    ),
    Case(
        "Excel's text marks in bank-system exports",
        _csv(
            '"=""0012""",n,East,3,4',
            "'0013,'Name,'East,3,4",
            '" =""0014"" ",n,East,3,4',
            '"=""0015""&""x""",n,East,3,4',
        ),
        {"0012": "East", "0013": "East", "0014": "East", '\'="0015"&"x"': "East"},
    ),
    Case(
        "a leading apostrophe dropped before the output's own guard",
        _csv("'=1+1,n,'+East,3,4"),
        {"'=1+1": "'+East"},
    ),
    Case(
        "XLSX formulas without a stored value in id, name and group",
        _xlsx(
            [
                ['=CONCAT("BR","0003")', "n", "East", 3, 4],
                ["B4", '=A4&" 支行"', "East", 3, 4],
                ["B5", "n", "=VLOOKUP(A5,orgs!A:B,2,FALSE)", 3, 4],
                ['="0006"', "n", "East", 3, 4],
                ["B7", "n", "East", 3, 4],
            ]
        ),
        {"0006": "East", "B7": "East"},
        {
            ("2", '\'=CONCAT("BR","0003")', "id", FORMULA),
            ("3", "B4", "name", FORMULA),
            ("4", "B5", "region", FORMULA),
        },
    ),
    Case(
        "an XLSX error cell in the group",
        _xlsx([["A", "n", "East", 3, 4], ["B", "n", "x", 3, 4]], errors={"C3": "#N/A"}),
        {"A": "East"},
        {("3", "B", "region", ERROR)},
    ),
    Case(
        "an error text in a CSV group or name",
        _csv("A,n,East,3,4", "B,n,#N/A,3,4", "C,#REF!,East,3,4"),
        {"A": "East"},
        {("3", "B", "region", ERROR), ("4", "C", "name", "spreadsheet error #REF!")},
    ),
    Case(
        "a group merged over spare empty rows",
        _xlsx([["A", "n", "East", 3, 4], ["B", "n", None, 3, 4], *[[None] * 5] * 3], merge="C2:C6"),
        {"A": "East", "B": "East"},
        blank=3,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_unit_cells(tmp_path: Path, case: Case) -> None:
    source = case.build(tmp_path)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), "--allow-rejects")
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    scores = read_csv(out / "scores.csv")
    assert {r["id"]: r["region"] for r in scores} == case.scored
    assert [r["id"] for r in scores] == list(case.scored)
    rejected = read_csv(out / "rejected.csv")
    found = {(r["row"], r["unit_id"], r["column"]) for r in rejected}
    assert found == {(row, unit, column) for row, unit, column, _ in case.rejected}
    for row, unit, column, fragment in case.rejected:
        reasons = [
            r["reason"]
            for r in rejected
            if (r["row"], r["unit_id"], r["column"]) == (row, unit, column)
        ]
        assert any(fragment in reason for reason in reasons), reasons
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"]
    assert counts["rejected"] == len({r for r, *_ in case.rejected})
    assert counts["blank"] == case.blank


def test_a_row_that_answers_nothing_moves_no_portfolio_figure(tmp_path: Path) -> None:
    """The note row scored 1.00 pulled the mean down; rejected, it moves nothing."""
    means = []
    for name, rows in (
        ("with", ["A,Alpha,East,3,4", f"{NOTE},,,,", "B,Beta,West,5,2"]),
        ("without", ["A,Alpha,East,3,4", "B,Beta,West,5,2"]),
    ):
        folder = tmp_path / name
        folder.mkdir()
        out = folder / "out"
        run_cli(
            "batch",
            str(_csv(*rows)(folder)),
            "-o",
            str(out),
            "-q",
            str(MINI),
            "--allow-rejects",
            "--group-by",
            "region",
        )
        found = summary(out)
        means.append((found["overall"]["stats"], found["groups"], found["weakest"]))
    assert means[0] == means[1]


def test_missing_policy_error_gives_a_row_that_answers_nothing_one_reason(
    tmp_path: Path,
) -> None:
    source = _csv("A,Alpha,East,3,4", "B,Beta,East,,")(tmp_path)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), "--missing", "error")
    assert result.exit_code == 1
    assert [(r["unit_id"], r["reason"]) for r in read_csv(out / "rejected.csv")] == [
        ("B", NO_QUESTION)
    ]


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("en", "no valid answer in the row: each answer in it is invalid (see ignored.csv)"),
        ("zh", "该行没有有效答案：其中的答案均无效（见 ignored.csv）"),
    ],
)
def test_a_row_whose_answers_were_all_ignored_as_invalid_says_so(
    tmp_path: Path, lang: str, reason: str
) -> None:
    """With --lenient, invalid cells are ignored (listed in ignored.csv); a row left with
    no answer is rejected saying its answers were invalid, not that it answered nothing."""
    source = _csv("A,Alpha,East,3,4", "B,Beta,East,high,9", "C,Gamma,East,,")(tmp_path)
    out = tmp_path / "out"
    args = ["-o", str(out), "-q", str(MINI), "--lenient", "--lang", lang]
    result = run_cli("batch", str(source), *args)
    assert result.exit_code == 1, result.output
    reasons = {r["unit_id"]: r["reason"] for r in read_csv(out / "rejected.csv")}
    assert reasons["B"] == reason
    assert reasons["C"] == (NO_QUESTION if lang == "en" else "该行未回答任何题目")
    assert {r["unit_id"] for r in read_csv(out / "ignored.csv")} == {"B"}


def test_the_new_reasons_are_said_in_chinese(tmp_path: Path) -> None:
    source = _csv("A,Alpha,East,3,4", "B,Beta,East,,", "C,n,#N/A,3,4")(tmp_path)
    out = tmp_path / "out"
    run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), "--lang", "zh")
    reasons = {r["unit_id"]: r["reason"] for r in read_csv(out / "rejected.csv")}
    assert reasons == {
        "B": "该行未回答任何题目",
        "C": "单元格为电子表格错误值 #N/A；请修正公式或填写数值",
    }


def test_an_answers_file_that_answers_nothing_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "full.yaml").write_bytes((DATA / "answers" / "tiny-full.yaml").read_bytes())
    (folder / "empty.yaml").write_text(
        "questionnaire: tiny@1.0\nsubject: {id: blank, name: Blank}\nanswers:\n  g-level: n/a\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("batch", str(folder), "-o", str(out), "-q", str(TINY))
    assert result.exit_code == 1, result.output
    assert [(r["source"], r["unit_id"], r["reason"]) for r in read_csv(out / "rejected.csv")] == [
        ("empty.yaml", "blank", "no question answered in the file")
    ]
    assert [r["id"] for r in read_csv(out / "scores.csv")] == ["acme"]
