"""``batch --lang zh`` speaks Chinese everywhere a person reads it: the reasons in
rejected.csv and ignored.csv, the warnings (encoding, delimiter, workbook kinds, unknown
columns, Excel's limits), the summary and the exit message. Inputs that trigger every
kind of reject and warning are run, and no English sentence may remain (ids, file
names, option ids, values and command-line options excepted)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from capassess.batch.outputs import xlsx_refusal
from capassess.batch.wording import localise, localise_error
from capassess.errors import InputError
from capassess.texts import words
from capassess.values import parse_value
from tests.batch.helpers import MINI, csv_text, read_csv, run_cli, tiny
from tests.batch.test_real_sheets import HEADER, NUMBERS, _ods
from tests.conftest import TINY
from tests.test_option_matching import CLASH

# HEADER: id, name, region, g-level, g-choice, a-multi, a-number (0..100 %), a-bool, o-api
GOOD = ["3", "full", "bi", "45", "yes", "50"]
BAD_CELLS = [
    ("L", 3, "7"),  # not a level
    ("O", 4, "maybe"),  # not an option
    ("M", 5, "bi,xx"),  # not among the options
    ("Y", 7, "perhaps"),  # not yes/no
    ("H", 6, "150"),  # above the maximum
    ("W", 6, "-5"),  # below the minimum
    ("I", 8, "1e999"),  # not finite
    ("N", 8, "abc"),  # not a number
    ("C", 6, "1.234,5"),  # decimal comma
    ("E", 3, "#DIV/0!"),  # spreadsheet error
    ("F", 3, "=A1"),  # formula
    ("P", 3, "-"),  # placeholder
]


def _row(unit: str, name: str = "x", change: tuple[int, str] | None = None) -> list[str]:
    row = [unit, name, "north", *GOOD]
    if change:
        row[change[0]] = change[1]
    return row


def _inputs(folder: Path) -> list[Path]:
    rows = [[*HEADER, "extra"]]
    rows += [[*_row(u, change=(c, v)), ""] for u, c, v in BAD_CELLS]
    rows += [[*_row("", "no id"), ""], [*_row("x" * 201), ""], [*_row("Z", "\x1b[31m"), ""]]
    rows += [[*_row("D"), ""] for _ in range(5)]  # a duplicate id, with "and 1 more"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    semi = folder / "semi.csv"
    semi.write_text(buffer.getvalue() + "R;short;row\n", encoding="utf-8")  # ragged
    gbk = folder / "gbk.csv"  # GBK bytes that are also valid UTF-8
    gbk.write_bytes(csv_text([HEADER, _row("G1", "太原")]).encode("gbk"))
    either = folder / "either.csv"  # UTF-8 that reads as Chinese in GB18030 too
    either.write_bytes(csv_text([HEADER, _row("U1", "Café")]).encode("utf-8"))
    xls = folder / "tabs.xls"  # tab-separated text saved as .xls
    xls.write_text(csv_text([HEADER, _row("X1")]).replace(",", "\t"), encoding="utf-8")
    ods = _ods(folder / "in.ods", [[f"O{i}", *r[1:]] for i, r in enumerate(NUMBERS)])
    titled = folder / "titled.csv"  # a title row, the header again, a UTF-8 line in GBK
    titled.write_bytes(csv_text([["分行评估表"], HEADER, _row("T1", "太原"), HEADER]).encode("gbk")
                       + csv_text([_row("T2", "南宁")]).encode())  # fmt: skip
    return [semi, gbk, either, xls, ods, titled]


ALLOWED = [
    r"--[a-z-]+(?: [a-z0-9-]+)?",  # options: --encoding gb18030
    r"'[^']*'",  # values as shown
    r"\S+\.(?:csv|xls|xlsx|ods|json|md|html)\b",  # file names
    r"Excel|WPS|UTF-8|GB18030|GBK|NUL|ESC|true|false|n/a|na",
]
ENGLISH = re.compile(r"[A-Za-z]{2,} +[A-Za-z]{2,}")  # words, not a list of ids


def english_left(text: str) -> list[str]:
    """Runs of English words in ``text`` once data and allowed names are taken out."""
    for allowed in ALLOWED:
        text = re.sub(allowed, " ", text)
    return ENGLISH.findall(text)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    folder = tmp_path_factory.mktemp("zh")
    inputs = [str(p) for p in _inputs(folder)]
    result = run_cli("batch", *inputs, "-q", str(TINY), "-o", str(folder / "out"), "--lang", "zh")
    return folder / "out", result.output, result.exit_code


def test_every_reject_reason_is_in_chinese(run: tuple[Path, str, int]) -> None:
    out, output, code = run
    assert code == 1, output
    reasons = [r["reason"] for r in read_csv(out / "rejected.csv")]
    assert len(reasons) >= len(BAD_CELLS) + 3 + 5 + 1
    assert {r: english_left(r) for r in reasons if english_left(r)} == {}
    joined = "\n".join(reasons)
    for fragment in ("不是等级", "不是选项", "不在选项中", "不是“是/否”", "高于最大值",
                     "低于最小值", "不是有限数值", "不是数值", "千位分隔符", "电子表格错误值",
                     "没有计算结果的公式", "不是答案", "没有单位编号", "超过 200 个字符",
                     "控制字符", "单位编号重复", "等，另有 1 处", "该行有 3 个单元格"):  # fmt: skip
        assert fragment in joined, fragment


def test_every_warning_the_summary_and_the_exit_are_in_chinese(
    run: tuple[Path, str, int],
) -> None:
    _, output, _ = run
    lines = [line for line in output.splitlines() if line.strip()]
    shown = [line for line in lines if not re.match(r"\s+[a-z_]+\s+\S+$", line)]  # outputs
    assert {line: english_left(line) for line in shown if english_left(line)} == {}
    text = "\n".join(lines)
    for fragment in ("按 GB18030 读取", "已按 UTF-8 读取", "以分号分隔", "以制表符分隔",
                     "分隔文本而非工作簿", "已忽略未知列：extra",
                     "错误：已拒收", "表头位于第 2 行；其上方的行已跳过", "重复表头",
                     "已按各行自身的编码读取"):  # fmt: skip
        assert fragment in text, fragment


def test_the_missing_answer_policy_error_is_in_chinese(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(csv_text([HEADER, _row("A", change=(3, ""))]), encoding="utf-8")
    result = run_cli("batch", str(source), "-q", str(TINY), "-o", str(tmp_path / "out"),
                     "--lang", "zh", "--missing", "error", "--allow-rejects")  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = read_csv(tmp_path / "out" / "rejected.csv")
    assert row["reason"] == "未作答，且缺失答案规则为“error”（报错）"


def test_lenient_runs_list_ignored_cells_in_chinese(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(csv_text([HEADER, _row("A", change=(3, "9"))]), encoding="utf-8")
    result = run_cli("batch", str(source), "-q", str(TINY), "-o", str(tmp_path / "out"),
                     "--lang", "zh", "--lenient")  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = read_csv(tmp_path / "out" / "ignored.csv")
    assert row["reason"] == "'9' 不是等级；应为 1 至 5 的整数"


def _made_by_their_makers() -> list[str]:
    """Texts no input above makes: Excel's limits, an ambiguous option, a huge number."""
    made = [xlsx_refusal(1_048_576, 10), xlsx_refusal(10, 20_000)]
    try:
        parse_value(CLASH, "B")
    except ValueError as exc:
        made.append(str(exc))
    try:
        parse_value(TINY_NUMBER, 10**400)
    except ValueError as exc:
        made.append(str(exc))
    return [m for m in made if m]


TINY_NUMBER = tiny().question_map()["a-number"]


@pytest.mark.parametrize("text", _made_by_their_makers())
def test_texts_no_input_here_makes_are_said_in_chinese_too(text: str) -> None:
    said = localise(text, "zh")
    assert said != text and english_left(said) == [], said


def test_every_template_is_recognised_from_its_own_english() -> None:
    en, zh = words("batch", "en"), words("batch", "zh")
    for key in (k for k in en if k.startswith(("why_", "note_"))):
        fields = {name: f"<{name}>" for name in re.findall(r"\{(\w+)", en[key])}
        assert localise(en[key].format(**fields), "zh") == zh[key].format(**fields), key


def test_english_runs_keep_their_words() -> None:
    text = "'7' is not a level; expected a whole number 1..5"
    assert localise(text, "en") == text
    assert localise("something no template knows", "zh") == "something no template knows"


def _header_twice(folder: Path) -> list[str]:
    (folder / "h.csv").write_text("id,name,q1,q1\nA,A,3,4\n", encoding="utf-8")
    return [str(folder / "h.csv"), "-q", str(MINI)]


def _not_workbooks(folder: Path) -> list[str]:
    (folder / "e.xlsx").write_text("x", encoding="utf-8")
    (folder / "z.ods").write_bytes(b"")
    return [str(folder / "e.xlsx"), str(folder / "z.ods"), str(folder / "nope.csv"), "-q",
            str(MINI)]  # fmt: skip


def _plain(folder: Path) -> list[str]:
    (folder / "in.csv").write_text("id,name,q1,q2\nA,A,3,4\n", encoding="utf-8")
    return [str(folder / "in.csv"), "-q", str(MINI)]


STOPPED = [
    (_header_twice, [], ["列 'q1' 出现多次", "缺少题目列：q2"]),
    (_not_workbooks, [], ["这是文本而非工作簿", "该文件为空", "没有这个文件或文件夹"]),
    (_plain, ["--encoding", "utf-16"], ["不支持编码 'utf-16'"]),
    (_plain, ["--group-by", "region"], ["没有分组列 'region'"]),
]


@pytest.mark.parametrize(("make", "options", "fragments"), STOPPED)
def test_errors_that_stop_a_run_are_in_chinese(
    tmp_path: Path, make: Any, options: list[str], fragments: list[str]
) -> None:
    result = run_cli("batch", *make(tmp_path), "-o", str(tmp_path / "out"), "--lang", "zh",
                     *options)  # fmt: skip
    assert result.exit_code == 2, result.output
    lines = result.output.replace(str(tmp_path), "D").splitlines()
    assert {line: english_left(line) for line in lines if english_left(line)} == {}
    for fragment in fragments:
        assert fragment in result.output, (fragment, result.output)


def test_the_options_problems_joined_in_one_message_are_each_in_chinese() -> None:
    found = InputError("unknown scoring model 'x'; --top and --jobs must be at least 1")
    said = localise_error(found, "zh")
    assert (str(said), said.lead, said.exit_code) == (
        "未知的评分模型 'x'、--top 与 --jobs 至少为 1", "错误：", 2,
    )  # fmt: skip
    assert localise_error(found, "en") is found
