"""Spreadsheets as branch staff really fill them: each case is read as its plain CSV twin.

Every case builds an input the way Excel, WPS or a bank system writes it (number formats,
merged cells, error cells, GBK bytes, tabs, other sheets...) and the plain UTF-8 CSV
that means the same; both go through ``capassess batch``, and the scores, rejections and
their reasons must agree. Accounting holds in every run: scored + rejected = rows read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.batch.helpers import csv_text, read_csv, run_cli, summary, write_csv
from tests.batch.ods_files import write_ods
from tests.conftest import TINY

HEADER = ["id", "name", "region", "g-level", "g-choice", "a-multi", "a-number", "a-bool", "o-api"]
PLAIN = [
    ["A", "太原", "华北", "3", "full", "bi,ml", "45", "yes", "50"],
    ["B", "大同", "华北", "2", "partial", "rt", "3.5", "no", "20"],
    ["C", "晋中", "华北", "5", "none", "bi", "62.5", "yes", "130"],
]


def _rows(*changes: tuple[int, int, Any]) -> list[list[Any]]:
    rows = [list(r) for r in PLAIN]
    for row, column, value in changes:
        rows[row][column] = value
    return rows


def _xlsx(path: Path, rows: list[list[Any]], sheet: str = "data", **kw: Any) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(kw.get("header", HEADER))
    for row in rows:
        ws.append(row)
    for ref, fmt in kw.get("formats", {}).items():
        ws[ref].number_format = fmt
    for ref, error in kw.get("errors", {}).items():
        ws[ref].value = error
        ws[ref].data_type = "e"
    for merged in kw.get("merge", ()):
        ws.merge_cells(merged)
    for name in kw.get("more_sheets", ()):
        book.create_sheet(name, 0)
    book.save(path)
    return path


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    twin: list[list[Any]]
    """The plain CSV rows (under ``HEADER``) the input means."""
    note: str = ""
    """A fragment the run's output must hold (a note or warning)."""
    extra: tuple[str, ...] = ()


def _text(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return build


def _with(rows: list[list[Any]], header: list[str] = HEADER, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue()


MERGED = [
    ["A", "太原", "华北", 3, "full", "bi,ml", 45, "yes", 50],
    ["B", "大同", None, 2, "partial", "rt", 3.5, "no", 20],
    ["C", "晋中", None, 5, "none", "bi", 62.5, "yes", 130],
]
NUMBERS = [[r[0], r[1], r[2], int(r[3]), r[4], r[5], float(r[6]), r[7], int(r[8])] for r in PLAIN]
PERCENT = [[*r[:6], float(r[6]) / 100, *r[7:]] for r in NUMBERS]
TAIYUAN = [[r[0], "太原", "north", *r[3:]] for r in PLAIN]
GROUP_LAST = [*HEADER[:2], *HEADER[3:], "Region"]

CASES = [
    Case(
        "percent formats",
        lambda f: _xlsx(f / "in.xlsx", PERCENT, formats={"G2": "0%", "G3": "0.0%", "G4": "0.00%"}),
        PLAIN,
    ),
    Case(
        "custom percent format and a plain number",
        lambda f: _xlsx(
            f / "in.xlsx",
            [PERCENT[0], NUMBERS[1], PERCENT[2]],
            formats={"G2": '0" "%', "G4": "[Blue]0.0%"},
        ),
        PLAIN,
    ),
    Case(
        "decimal commas",
        _text("in.csv", csv_text([HEADER, *_rows((1, 6, "3,5"), (2, 6, "62,5"))]).encode()),
        PLAIN,
    ),
    Case(
        "thousands separators",
        _text("in.csv", csv_text([HEADER, *_rows((2, 8, "1,30"), (1, 8, "2,0"))]).encode()),
        _rows((2, 8, "1.3"), (1, 8, "2")),
    ),
    Case("merged group cells", lambda f: _xlsx(f / "in.xlsx", MERGED, merge=["C2:C4"]), PLAIN),
    Case(
        "merged cells in an XLSX of another sheet name",
        lambda f: _xlsx(f / "in.xlsx", MERGED, sheet="Sheet1", merge=["C2:C4"]),
        PLAIN,
    ),
    Case(
        "GBK names that are also valid UTF-8",
        _text("in.csv", csv_text([HEADER, *TAIYUAN]).encode("gbk")),
        TAIYUAN,
        note="read as GB18030",
    ),
    Case(
        "GB18030 with more Chinese",
        _text("in.csv", csv_text([HEADER, *PLAIN]).encode("gb18030")),
        PLAIN,
    ),
    Case(
        "n/a synonyms",
        _text(
            "in.csv",
            csv_text(
                [HEADER, *_rows((0, 6, "不适用"), (1, 3, "na"), (2, 8, "n.a."), (1, 8, "N/A"))]
            ).encode(),
        ),
        _rows((0, 6, "n/a"), (1, 3, "n/a"), (2, 8, "n/a"), (1, 8, "n/a")),
    ),
    Case(
        "full-width separators in multi cells",
        _text(
            "in.csv",
            csv_text(
                [HEADER, *_rows((0, 5, "bi；ml"), (1, 5, "rt、bi"), (2, 5, "bi，ml"))]
            ).encode(),
        ),
        _rows((1, 5, "bi,rt"), (2, 5, "bi,ml")),
    ),
    Case(
        "tab-delimited .txt",
        _text("in.txt", _with(PLAIN, delimiter="\t").encode()),
        PLAIN,
        note="separated by tabs",
    ),
    Case(
        "tab-delimited .tsv in GB18030",
        _text("in.tsv", _with(PLAIN, delimiter="\t").encode("gb18030")),
        PLAIN,
    ),
    Case(
        "semicolons",
        _text(
            "in.csv",
            _with(
                _rows(
                    (0, 5, "bi"),
                ),
                delimiter=";",
            ).encode(),
        ),
        _rows((0, 5, "bi")),
    ),
    Case(
        # a point followed by other than three digits groups no thousands: read as written
        "semicolons with figures no point can group",
        _text("in.csv", _with(_rows((0, 6, "0.125"), (1, 6, "3,25")), delimiter=";").encode()),
        _rows((0, 6, "0.125"), (1, 6, "3.25")),
    ),
    Case(
        # only a file separated by semicolons writes decimals with commas
        "a comma file's 1.200 is one point two",
        _text("in.csv", _with(_rows((1, 6, "1.200"))).encode()),
        _rows((1, 6, "1.2")),
    ),
    Case(
        "tab-separated text saved as .xls",
        _text("in.xls", _with(PLAIN, delimiter="\t").encode("gb18030")),
        PLAIN,
        note="delimited text, not a workbook",
    ),
    Case(
        "headers in capitals",
        _text(
            "in.csv",
            _with(
                PLAIN, header=["ID", "Name", "region", *(h.upper() for h in HEADER[3:])]
            ).encode(),
        ),
        PLAIN,
    ),
    Case(
        "group column after the questions",
        _text("in.csv", _with([[*r[:2], *r[3:], r[2]] for r in PLAIN], header=GROUP_LAST).encode()),
        PLAIN,
        extra=("--group-by", "region"),
    ),
    Case(
        "data after an instructions sheet",
        lambda f: _xlsx(f / "in.xlsx", NUMBERS, sheet="Sheet1", more_sheets=["说明", "Sheet3"]),
        PLAIN,
    ),
    Case("ODS workbook", lambda f: _ods(f / "in.ods", NUMBERS), PLAIN),
]


def _ods(path: Path, rows: list[list[Any]]) -> Path:
    return write_ods(path, [HEADER, *rows])


def _batch(
    source: Path, out: Path, *extra: str
) -> tuple[Any, list[dict[str, str]], list[dict[str, str]]]:
    result = run_cli(
        "batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects", *extra
    )
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"]
    drop = {"source", "row"}
    scores = [{k: v for k, v in r.items() if k not in drop} for r in read_csv(out / "scores.csv")]
    rejected = [
        {k: v for k, v in r.items() if k not in {"source"}} for r in read_csv(out / "rejected.csv")
    ]
    return result, scores, rejected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_read_as_its_plain_twin(tmp_path: Path, case: Case) -> None:
    source = case.build(tmp_path)
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *case.twin])
    result, scores, rejected = _batch(source, tmp_path / "out", *case.extra)
    _, want_scores, want_rejected = _batch(twin, tmp_path / "want", *case.extra)
    assert scores == want_scores
    assert rejected == want_rejected
    assert len(scores) == len(case.twin)
    assert case.note in result.output


@dataclass(frozen=True)
class Refused:
    name: str
    build: Callable[[Path], Path]
    reasons: dict[str, str]
    """Unit id -> a fragment of its rejection reason."""


REFUSED_CELLS = [
    Refused(
        "error cells",
        lambda f: _xlsx(f / "in.xlsx", NUMBERS, errors={"G2": "#DIV/0!", "I3": "#N/A"}),
        {"A": "spreadsheet error #DIV/0!", "B": "spreadsheet error #N/A"},
    ),
    Refused(
        "formulas without a stored value",
        lambda f: _xlsx(f / "in.xlsx", _rows((0, 6, "=B7/B8"), (1, 3, "=1+2"))),
        {"A": "formula with no computed value", "B": "formula with no computed value"},
    ),
    Refused(
        "ambiguous commas",
        _text("in.csv", csv_text([HEADER, *_rows((0, 6, "1.234,5"), (1, 8, "12,34,5"))]).encode()),
        {"A": "decimal comma", "B": "decimal comma"},
    ),
    Refused(
        # 1.200 is 1.2 or 1200 where decimals are written 3,5: never guessed
        "points grouping thousands in a semicolon file",
        _text(
            "in.csv",
            _with(
                _rows((0, 6, "1.200"), (1, 8, "12.500.000"), (2, 6, " 1.200,5")), delimiter=";"
            ).encode(),
        ),
        {u: "in a file separated by semicolons a point may group thousands" for u in "ABC"},
    ),
    Refused(
        "placeholders for nothing",
        _text(
            # each is told what "none" is for its type, and n/a only if it does not apply
            "in.csv",
            csv_text([HEADER, *_rows((0, 6, "-"), (1, 3, "—"), (2, 4, "/"))]).encode(),
        ),
        {
            "A": "write the figure (0 when there is none), n/a (or na, 不适用) only if",
            "B": "write the level that fits (1 when there is nothing yet)",
            "C": "write the option that fits (none, partial, full)",
        },
    ),
    Refused(
        "placeholders a checklist or yes/no does not take",
        # C's a-bool applies (a-number >= 10); B's would not, and would not be read
        _text("in.csv", csv_text([HEADER, *_rows((0, 5, "/"), (2, 7, "/"))]).encode()),
        {"A": "write none (or 无) when no option holds", "C": "write no (or 否) when it does"},
    ),
    Refused(
        "CSV error texts",
        _text("in.csv", csv_text([HEADER, *_rows((0, 3, "#N/A"), (1, 6, "#VALUE!"))]).encode()),
        {"A": "spreadsheet error #N/A", "B": "spreadsheet error #VALUE!"},
    ),
]


@pytest.mark.parametrize("case", REFUSED_CELLS, ids=[c.name for c in REFUSED_CELLS])
def test_cells_refused_with_their_reason(tmp_path: Path, case: Refused) -> None:
    _, scores, rejected = _batch(case.build(tmp_path), tmp_path / "out")
    reasons = {r["unit_id"]: r["reason"] for r in rejected}
    for unit, fragment in case.reasons.items():
        assert fragment in reasons.get(unit, ""), (unit, reasons)
    assert {s["id"] for s in scores} == {r[0] for r in PLAIN} - set(case.reasons)


def test_lenient_run_leaves_grouped_figures_out_of_scores_and_reports(tmp_path: Path) -> None:
    # ignored, the cell is a missing answer: in the scores and in the unit's own report
    rows = _rows((0, 6, "1.200"))
    source = _text("in.csv", _with(rows, delimiter=";").encode())(tmp_path)
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *_rows((0, 6, ""))])
    _, scores, _ = _batch(source, tmp_path / "out", "--lenient", "--reports", "md")
    _, want, _ = _batch(twin, tmp_path / "want", "--lenient", "--reports", "md")
    assert scores == want
    ignored = read_csv(tmp_path / "out" / "ignored.csv")
    assert [(r["unit_id"], r["value"]) for r in ignored] == [("A", "1.200")]
    report = (tmp_path / "out" / "units" / "A.md").read_text(encoding="utf-8")
    assert report == (tmp_path / "want" / "units" / "A.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "changes",
    [((0, 7, "maybe"), (0, 6, "5")),  # invalid in a question its condition skips
     ((1, 7, "maybe"),),  # invalid in a question that is asked (ignored, lenient)
     ((2, 3, "high"), (2, 6, "1.5.0"))],
    ids=["skipped", "asked", "two"],
)  # fmt: skip
def test_a_lenient_unit_report_leaves_out_every_refused_cell(
    tmp_path: Path, changes: tuple[tuple[int, int, str], ...]
) -> None:
    # the unit's report is that of its row with the refused cells blank
    source = write_csv(tmp_path / "in.csv", [HEADER, *_rows(*changes)])
    blanks = [(r, c, "") if v != "5" else (r, c, v) for r, c, v in changes]
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *_rows(*blanks)])
    _batch(source, tmp_path / "out", "--lenient", "--reports", "md")
    _batch(twin, tmp_path / "want", "--lenient", "--reports", "md")
    for unit in "ABC":
        got = (tmp_path / "out" / "units" / f"{unit}.md").read_text(encoding="utf-8")
        want = (tmp_path / "want" / "units" / f"{unit}.md").read_text(encoding="utf-8")
        assert got.replace("in.csv", "twin.csv") == want, unit


@dataclass(frozen=True)
class Unreadable:
    name: str
    build: Callable[[Path], Path]
    message: str


UNREADABLE = [
    Unreadable(
        "HTML saved as .xls",
        _text("in.xls", b"<html><body><table><tr><td>id</td></tr></table></body></html>"),
        "cannot read as XLS: this is a web page (HTML)",
    ),
    Unreadable(
        "Excel 2003 XML",
        _text(
            "in.xls",
            b'<?xml version="1.0"?>\n<Workbook xmlns='
            b'"urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        ),
        "Excel 2003 XML spreadsheet",
    ),
    Unreadable(
        "a ZIP that is no workbook",
        lambda f: _zip(f / "in.xlsx"),
        "a ZIP archive but not an XLSX or ODS workbook",
    ),
    Unreadable(
        "no id on a sheet of another name",
        lambda f: _xlsx(f / "in.xlsx", NUMBERS, sheet="Sheet1", header=["branch", *HEADER[1:]]),
        "in.xlsx:1: sheet 'Sheet1' (no sheet is named 'data'): no 'id' column",
    ),
    Unreadable(
        "no id on any sheet",
        lambda f: _xlsx(
            f / "in.xlsx",
            NUMBERS,
            sheet="Sheet1",
            header=["branch", *HEADER[1:]],
            more_sheets=["说明"],
        ),
        "in.xlsx:1: sheet '说明' (no sheet is named 'data'; other sheets: 'Sheet1') is empty",
    ),
    Unreadable(
        "a broken OLE2 file as .xls",
        _text("in.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "cannot read as XLS",
    ),
]


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


@pytest.mark.parametrize("case", UNREADABLE, ids=[c.name for c in UNREADABLE])
def test_unreadable_inputs_say_what_they_are(tmp_path: Path, case: Unreadable) -> None:
    source = case.build(tmp_path)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(TINY))
    assert "Traceback" not in result.output
    assert result.exit_code == 2
    assert case.message in result.output
    assert not (tmp_path / "out").exists()


NOTHING_SCORED = {
    "every row rejected": _rows((0, 3, "x"), (1, 3, "x"), (2, 3, "x")),
    "every row a duplicate": [PLAIN[0], PLAIN[0]],
}


@pytest.mark.parametrize("rows", NOTHING_SCORED.values(), ids=list(NOTHING_SCORED))
def test_group_by_when_nothing_is_scored(tmp_path: Path, rows: list[list[str]]) -> None:
    source = write_csv(tmp_path / "in.csv", [HEADER, *rows])
    _, scores, rejected = _batch(source, tmp_path / "out", "--group-by", "region")
    assert scores == []
    assert len(rejected) >= len(rows)
    assert (tmp_path / "out" / "portfolio.html").is_file()


def test_group_by_on_a_blank_template_is_refused_without_a_traceback(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", [HEADER])
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(TINY),
                     "--group-by", "region")  # fmt: skip
    assert "Traceback" not in result.output and result.exit_code == 2
    assert "no unit to score" in result.output and not (tmp_path / "out").exists()


def test_a_percent_cell_reads_as_the_figure_excel_shows(tmp_path: Path) -> None:
    from capassess.batch.xlsx_cells import percent_text

    assert [percent_text(x) for x in (0.45, 0.035, 1.0, 0.625, 1e-05, -0.5)] == [
        "45%",
        "3.5%",
        "100%",
        "62.5%",
        "0.001%",
        "-50%",
    ]


def test_group_column_after_questions_without_group_by_is_unknown(tmp_path: Path) -> None:
    rows = [[*r[:2], *r[3:], r[2]] for r in PLAIN]
    source = tmp_path / "in.csv"
    source.write_text(_with(rows, header=GROUP_LAST), encoding="utf-8")
    result, scores, _ = _batch(source, tmp_path / "out")
    assert "unknown columns ignored: Region" in result.output
    assert len(scores) == 3


def test_csv_reader_sees_through_quotes_with_tabs(tmp_path: Path) -> None:
    """A quoted cell holding a comma does not make a tab file a comma file."""
    rows = _rows((0, 1, "太原, 南"))
    source = tmp_path / "in.tsv"
    source.write_text(_with(rows, delimiter="\t"), encoding="utf-8")
    _, scores, _ = _batch(source, tmp_path / "out")
    assert any(s["name"] == "太原, 南" for s in scores)


def _overall(tmp_path: Path, name: str, multi: str, yes_no: str) -> str:
    """Branch A's overall score with ``multi`` in a-multi and ``yes_no`` in a-bool."""
    rows = _rows((0, 5, multi), (0, 7, yes_no))
    source = _text(f"{name}.csv", csv_text([HEADER, *rows]).encode())(tmp_path)
    _, scores, rejected = _batch(source, tmp_path / name)
    assert rejected == []
    return next(s["overall"] for s in scores if s["id"] == "A")


@pytest.mark.parametrize(
    ("multi", "yes_no", "same_as"),
    [("无", "无", (";", "no")), ("none", "没有", (";", "false")), ("-", "有", (";", "yes")),
     ("没有", "否", (";", "no")), ("—", "是", (";", "true"))],
)  # fmt: skip
def test_none_is_an_answer_of_checklists_and_yes_no_not_na(
    tmp_path: Path, multi: str, yes_no: str, same_as: tuple[str, str]
) -> None:
    """ "None" ticks no option of a checklist and "无" says no: answers scored as such,
    the same as an empty selection and "no"; never n/a, which would leave them out of
    the score and score the branch higher."""
    said = _overall(tmp_path, "said", multi, yes_no)
    assert said == _overall(tmp_path, "plain", *same_as)
    assert float(said) < float(_overall(tmp_path, "na", "n/a", "n/a"))
