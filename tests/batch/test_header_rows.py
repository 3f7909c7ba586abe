"""Title rows above the header, and the header repeated among the rows.

Every case builds a sheet the way branch staff or a bank system write one (a title merged
across the top, ``标题,,,,``, blank lines, a header pasted again between two branches'
rows) holding the units A, B and C, B with a bad level: the scores must be those of the
plain CSV twin, B rejected at the row the file really shows, and a note must name the
rows skipped. Accounting holds: scored + rejected = rows read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from capassess.batch import csv_reader
from tests.batch.helpers import csv_text, read_csv, run_cli, summary, write_csv
from tests.batch.ods_files import write_ods
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY

TITLE = "XX分行金融科技能力评估表"
ROWS = [list(r) for r in PLAIN]
ROWS[1][3] = "x"  # B's level: rejected, at its row
LABEL = ["#label", "名称", "区域", *(f"问题{i}" for i in range(6))]


def _xlsx(path: Path, lines: list[list[Any]], merge: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for line in lines:
        sheet.append(line)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def _two_rows(path: Path) -> Path:
    """A header of two rows: id, name and region merged over both, the dimensions' names
    above their questions."""
    top = ["id", "name", "region", "数据治理", None, "数据应用", None, None, "开放银行"]
    _xlsx(path, [top, [None, None, None, *HEADER[3:]], *ROWS])
    from openpyxl import load_workbook

    book = load_workbook(path)
    for merged in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:H1"):
        book.active.merge_cells(merged)
    book.save(path)
    return path


def _csv(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(text.encode(encoding))
        return folder / name

    return build


def _sheet(name: str, lines: list[list[Any]], merge: str | None = None) -> Callable[[Path], Path]:
    if name.endswith(".ods"):
        return lambda folder: write_ods(folder / name, lines)
    return lambda folder: _xlsx(folder / name, lines, merge)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    rows: tuple[int, int, int]
    """The rows A, B and C are on."""
    notes: tuple[str, ...]
    """Fragments the run's output must hold (``{f}``: the input's path)."""


DATA = [HEADER, *ROWS]
TEXT = csv_text(DATA)
TITLES = [
    Case("XLSX: a title merged across the top", _sheet("in.xlsx", [[TITLE], *DATA], "A1:E1"),
         (3, 4, 5), ("sheet 'data': the header is row 2", f"{{f}}:1 '{TITLE}'")),
    Case("XLSX: two title rows and a blank row",
         _sheet("in.xlsx", [[TITLE], ["单位：万元"], [], *DATA]), (5, 6, 7),
         ("the header is row 4", "{f}:2 '单位：万元'")),
    Case("XLSX: a two-row header, id, name and region merged down",
         lambda f: _two_rows(f / "in.xlsx"), (3, 4, 5), ("the header is row 2", "{f}:1 'id'")),
    Case("XLSX: a title and the label row", _sheet("in.xlsx", [[TITLE], HEADER, LABEL, *ROWS]),
         (4, 5, 6), ("the header is row 2",)),
    Case("ODS: a title row", _sheet("in.ods", [[TITLE], *DATA]), (3, 4, 5),
         ("the header is row 2", f"{{f}}:1 '{TITLE}'")),
    Case("CSV: 标题,,,,", _csv("in.csv", "标题,,,,\n" + TEXT), (3, 4, 5),
         ("the header is row 2; the rows above it were skipped: {f}:1 '标题'",)),
    Case("CSV: Excel's sep= line", _csv("in.csv", "sep=,\r\n" + TEXT), (3, 4, 5),
         ("the header is row 2; the rows above it were skipped: {f}:1 'sep='",)),
    Case("CSV with BOM: blank lines first", _csv("in.csv", "\ufeff\n\n" + TEXT), (4, 5, 6),
         ("the header is row 3; the rows above it were skipped: {f}:1, {f}:2",)),
    Case("GB18030 CSV: a title and a blank line",
         _csv("in.csv", f"{TITLE},,,\r\n\r\n" + TEXT, "gb18030"), (4, 5, 6),
         ("the header is row 3", f"{{f}}:1 '{TITLE}'")),
    Case("GB18030 CSV: a title, the label row",
         _csv("in.csv", f"{TITLE}\n" + csv_text([HEADER, LABEL, *ROWS]), "gb18030"), (4, 5, 6),
         ("the header is row 2",)),
    Case("tab-delimited: a title with no tab",
         _csv("in.txt", f"{TITLE}\n" + TEXT.replace(",", "\t").replace('"bi\tml"', "bi,ml")),
         (3, 4, 5), ("separated by tabs", "the header is row 2")),
    Case("CSV: a title with a line break in its cell",
         _csv("in.csv", f'"{TITLE}\n（2024年）",,\n' + TEXT), (3, 4, 5),
         ("the header is row 2",)),
]  # fmt: skip


def _run(source: Path, out: Path) -> tuple[Any, list[dict[str, str]], list[dict[str, str]]]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"] == 3
    return result, read_csv(out / "scores.csv"), read_csv(out / "rejected.csv")


def _without(rows: list[dict[str, str]], *columns: str) -> list[dict[str, str]]:
    return [{k: v for k, v in r.items() if k not in columns} for r in rows]


@pytest.mark.parametrize("case", TITLES, ids=[c.name for c in TITLES])
def test_the_header_is_found_below_title_rows(tmp_path: Path, case: Case) -> None:
    source = case.build(tmp_path)
    result, scores, rejected = _run(source, tmp_path / "out")
    _, want_scores, want_rejected = _run(write_csv(tmp_path / "twin.csv", DATA), tmp_path / "w")
    assert _without(scores, "source", "row") == _without(want_scores, "source", "row")
    assert _without(rejected, "source", "row") == _without(want_rejected, "source", "row")
    assert [s["row"] for s in scores] == [str(case.rows[0]), str(case.rows[2])]
    assert [r["row"] for r in rejected] == [str(case.rows[1])]
    output = " ".join(result.output.split())  # the terminal may wrap a long note
    for note in case.notes:
        assert note.format(f=source) in output


NOT_FOUND = [
    ("no id in the title's place", "标题,,,\n" + TEXT.replace("id,", "branch,", 1),
     "no 'id' column; the header is: 标题"),
    ("the header below the first ten rows", "标题\n" * 10 + TEXT,
     "no 'id' column; the header is: 标题"),
    ("an id but no question column", "id,name\nA,太原\n", "missing question columns"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in NOT_FOUND],
                         ids=[c[0] for c in NOT_FOUND])  # fmt: skip
def test_without_a_header_the_first_row_is_judged_as_before(
    tmp_path: Path, text: str, message: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(TINY))
    assert "Traceback" not in result.output and result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_a_bad_header_below_a_title_is_placed_at_its_row(tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    _xlsx(source, [[TITLE], [h for h in HEADER if h != "o-api"], *ROWS])
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(TINY))
    assert result.exit_code == 2
    assert f"{source}:2: sheet 'data': missing question columns: o-api" in result.output


AGAIN = [HEADER, ROWS[0], HEADER, LABEL, ROWS[1], [h.upper() for h in HEADER], ROWS[2]]
DRESSED = [HEADER, ROWS[0], ["ＩＤ", *HEADER[1:]], ["＃LABEL", *LABEL[1:]], ROWS[1],
           ["id（机构号）", "名称", "区域", *(f"{h}\n题目" for h in HEADER[3:])], ROWS[2]]  # fmt: skip
REPEATED = [
    Case("XLSX", _sheet("in.xlsx", AGAIN), (2, 5, 7), ("{f}:3, {f}:4, {f}:6",)),
    Case("ODS", _sheet("in.ods", AGAIN), (2, 5, 7), ("{f}:3, {f}:4, {f}:6",)),
    Case("CSV", _csv("in.csv", csv_text(AGAIN)), (2, 5, 7), ("{f}:3, {f}:4, {f}:6",)),
    Case("GB18030 CSV below a title", _csv("in.csv", f"{TITLE}\n" + csv_text(AGAIN), "gb18030"),
         (3, 6, 8), ("{f}:4, {f}:5, {f}:7", "the header is row 2")),
    Case("CSV: headers of other widths (ragged)",
         _csv("in.csv", csv_text([*AGAIN[:2], [*HEADER, "备注"], *AGAIN[3:5], HEADER[:5],
                                  AGAIN[6]]), "gb18030"),
         (2, 5, 7), ("{f}:3, {f}:4, {f}:6",)),
    Case("XLSX: dressed header names", _sheet("in.xlsx", DRESSED), (2, 5, 7),
         ("{f}:3, {f}:4, {f}:6",)),
    Case("ODS: dressed header names", _sheet("in.ods", DRESSED), (2, 5, 7),
         ("{f}:3, {f}:4, {f}:6",)),
    Case("GB18030 CSV: dressed header names", _csv("in.csv", csv_text(DRESSED), "gb18030"),
         (2, 5, 7), ("{f}:3, {f}:4, {f}:6",)),
]  # fmt: skip


@pytest.mark.parametrize("case", REPEATED, ids=[c.name for c in REPEATED])
def test_rows_that_repeat_the_header_are_skipped(tmp_path: Path, case: Case) -> None:
    source = case.build(tmp_path)
    result, scores, rejected = _run(source, tmp_path / "out")
    assert [s["id"] for s in scores] == ["A", "C"]
    assert [(r["unit_id"], r["row"]) for r in rejected] == [("B", str(case.rows[1]))]
    assert [s["row"] for s in scores] == [str(case.rows[0]), str(case.rows[2])]
    output = " ".join(result.output.split())
    assert "rows that repeat the header (or its label row) were skipped" in output
    for note in case.notes:
        assert note.format(f=source) in output


@pytest.mark.parametrize("mark", ["#label", "＃Label", "#LABEL（题目）", "#label\n题目"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_dressed_label_row_below_the_header_is_the_label_row(
    tmp_path: Path, mark: str, suffix: str
) -> None:
    lines = [HEADER, [mark, *LABEL[1:]], *ROWS]
    source = _sheet(f"in{suffix}", lines)(tmp_path) if suffix == ".xlsx" else (
        write_csv(tmp_path / "in.csv", lines))  # fmt: skip
    result, scores, rejected = _run(source, tmp_path / "out")
    assert [(s["id"], s["row"]) for s in scores] == [("A", "3"), ("C", "5")]
    assert [(r["unit_id"], r["row"]) for r in rejected] == [("B", "4")]
    assert "repeat the header" not in result.output


def test_many_repeated_headers_are_counted_not_all_listed(tmp_path: Path) -> None:
    lines = [HEADER]
    for i in range(30):
        lines += [[f"U{i}", *PLAIN[0][1:]], HEADER]
    source = write_csv(tmp_path / "in.csv", lines)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(TINY))
    assert result.exit_code == 0, result.output
    assert summary(tmp_path / "out")["counts"]["rows"] == 30
    assert f"{source}:21 and 20 more" in " ".join(result.output.split())


def test_both_csv_paths_write_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GB18030 is read bytewise, or as text when that fails: the outputs are the same."""
    lines = [[TITLE], [], HEADER, LABEL]
    for i in range(400):
        lines.append([f"U{i:03d}", f"第{i}支行", "华北", *PLAIN[i % 3][3:]])
        if i % 97 == 0:
            lines += [HEADER, LABEL]
    lines[20][3] = "x"  # the 21st line: its row
    source = write_csv(tmp_path / "in.csv", lines, "gb18030")
    monkeypatch.setattr(csv_reader, "BLOCK", 2048)
    outputs = {}
    for name, flag in (("bytes", True), ("text", False)):
        if not flag:
            monkeypatch.setattr(csv_reader, "reads_bytewise", lambda encoding: False)
        out = tmp_path / name
        result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
        assert result.exit_code == 0, result.output
        outputs[name] = {f: (out / f).read_bytes() for f in ("scores.csv", "rejected.csv")}
        notes = [line for line in result.output.splitlines() if "warning" in line]
        outputs[name]["notes"] = "\n".join(notes).encode()
    assert outputs["bytes"] == outputs["text"]
    assert f",21,{lines[20][0]},g-level,x,".encode() in outputs["bytes"]["rejected.csv"]
    assert b"the header is row 3" in outputs["bytes"]["notes"]
