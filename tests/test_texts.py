"""The word catalogue (``capassess.texts``): every area in both languages with the same
keys and fields, Chinese typeset as Chinese, one rule for a missing key, and no table of
words left elsewhere in the package."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys

import pytest

from capassess.texts import AREAS, MissingText, known_or, say, words
from tests.conftest import ROOT

PACKAGE = ROOT / "capassess"
HAN = "\u3400-\u9fff"
FULL_PUNCT = "，。；：、！？（）“”《》【】"
# A typed key followed by what it does ("g 编号 跳转": type g and an id to jump).
KEY_HELP = {("interview", "keys"), ("interview", "end_keys")}
# Formulas keep their ASCII brackets and commas around Chinese names: "min(得分, 目标)".
FORMULAS = {("plan", "define_attained"), ("plan", "define_progress"),
            ("portfolio", "def_gap_text")}  # fmt: skip


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("area", AREAS)
def test_every_key_is_in_both_languages_with_the_same_fields(area: str) -> None:
    en, zh = words(area, "en"), words(area, "zh")  # type: ignore[arg-type]
    assert en.keys() == zh.keys(), sorted(set(en) ^ set(zh))
    assert [k for k in en if _fields(en[k]) != _fields(zh[k])] == []
    assert all(isinstance(v, str) and v for v in [*en.values(), *zh.values()])


def chinese_faults(text: str, key_help: bool = False, formula: bool = False) -> list[str]:
    """What breaks Chinese typesetting in ``text``."""
    faults = []
    if re.search(rf"[{HAN}）]\s*[;(:]", text):
        faults.append("ASCII ';', '(' or ':' after Chinese text")
    if not formula and re.search(rf"[{HAN}]\s*[,)]|[,;:(]\s*[{HAN}]", text):
        faults.append("an ASCII comma or bracket beside Chinese text")
    if re.search(rf"[{FULL_PUNCT}] |\S [{FULL_PUNCT}]", text):
        faults.append("a space beside Chinese punctuation")
    if not key_help and re.search(rf"[{HAN}] +[{HAN}]", text):
        faults.append("a space between Chinese words")
    if re.search(rf"^\s+[{HAN}]|\S  ", text):  # may indent; a prompt may end with a space
        faults.append("a leading or double space")
    return faults


@pytest.mark.parametrize("area", AREAS)
def test_chinese_text_is_typeset_as_chinese(area: str) -> None:
    zh = words(area, "zh")  # type: ignore[arg-type]
    bad = {k: chinese_faults(v, (area, k) in KEY_HELP, (area, k) in FORMULAS)
           for k, v in zh.items()}  # fmt: skip
    assert {k: v for k, v in bad.items() if v} == {}


@pytest.mark.parametrize(
    "text",
    [
        "重复编号(已拒收)",
        "单位;完整排名",
        "分隔:",
        "成熟度等级 1（初始级）, 受限",
        "{phase}: 无新增行动",
        "(1级，受限)",
        "已拒收 的单位",
        "单位， 完整",
        " 得分",
        "区域  华东",
    ],
)
def test_the_chinese_rule_finds_each_fault(text: str) -> None:
    assert chinese_faults(text)


def test_the_chinese_rule_allows_numbers_names_and_formulas() -> None:
    for text in [
        "共 {months} 个月",
        "排名前 {top} 的单位",
        "C = 1 + 4 × Σ(w·s) / Σw",
        "见 scores.csv",
    ]:
        assert chinese_faults(text) == []


def test_a_missing_key_names_its_area_language_and_key() -> None:
    with pytest.raises(MissingText, match=r"no zh text 'no-such-key' in the portfolio words"):
        words("portfolio", "zh")["no-such-key"]
    with pytest.raises(KeyError):
        say("report", "en", "no-such-key")
    with pytest.raises(MissingText, match="no area"):
        words("nowhere", "en")  # type: ignore[arg-type]


def test_say_fills_fields_and_known_or_falls_back_to_the_data() -> None:
    assert say("interview", "en", "unit", unit="%") == "in %"
    assert known_or("batch", "zh", "group_region", "region") == "区域"
    assert known_or("batch", "zh", "group_branch_code", "branch_code") == "branch_code"


def test_the_catalogue_loads_without_presentation_or_model_libraries() -> None:
    code = (
        "import sys\nfrom capassess.texts import AREAS, words\n"
        "[words(a, l) for a in AREAS for l in ('en', 'zh')]\n"
        "heavy = [m for m in ('click', 'rich', 'jinja2', 'ruamel', 'pydantic', 'numpy') "
        "if m in sys.modules]\nprint('HEAVY=' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


# Chinese that is not shown as the tool's words: words read from input (yes/no, n/a,
# blank markers), field descriptions of the file formats, and the maturity levels'
# default names, which are questionnaire data.
INPUT_WORDS = {
    "model/answers.py", "model/base.py", "model/questionnaire.py", "model/questions.py",
    "values.py",
    "level_answers.py",
    "batch/cells.py", "interactive/keys.py", "interactive/loop.py",
    "batch/table.py", "batch/total_rows.py",  # a row-number header, total rows' words
}  # fmt: skip


def _strings_with_chinese(path) -> list[str]:  # type: ignore[no-untyped-def]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }  # fmt: skip
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docs and re.search(f"[{HAN}]", node.value)
    ]  # fmt: skip


def test_no_chinese_words_outside_the_catalogue() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name.startswith("texts/") or name in INPUT_WORDS:
            continue
        if texts := _strings_with_chinese(path):
            found[name] = texts[:3]
    assert found == {}


def test_every_area_is_a_module_and_every_table_module_an_area() -> None:
    modules = {p.stem for p in (PACKAGE / "texts").glob("*.py")} - {"__init__"}
    # board.py is a part of the report's table (the board deliverable's words),
    # batch_reasons.py a part of the batch's (why rows were rejected, what a run warns of)
    assert modules - {"board", "batch_reasons"} == set(AREAS)


def test_templates_take_their_words_from_the_catalogue() -> None:
    """No template chooses a text by language; only the page's ``lang`` attribute does."""
    choosing = re.compile(r"if\s+(report\.)?lang\s*==")
    found = [
        f"{path.name}:{n}"
        for path in sorted((ROOT / "templates").rglob("*.j2"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if choosing.search(line) and not line.startswith("<html lang=")
    ]
    assert found == []


def test_counts_take_the_right_number_not_an_s_in_brackets() -> None:
    """No text of the program counts with "(s)" ("1 row(s) rejected"): a count is
    written with ``figures.counted`` or as a label ("rows rejected: 1")."""
    from capassess.figures import counted

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.replace("http(s)", "")
                if re.search(r"[A-Za-z]\(s\)", text):
                    found.append(f"{path.name}:{node.lineno}: {text[:60]!r}")
    assert found == []
    assert [counted(n, "question") for n in (0, 1, 2, 1200)] == [
        "0 questions",
        "1 question",
        "2 questions",
        "1,200 questions",
    ]
    assert counted(1, "more problem") == "1 more problem"
    assert counted(3, "entry", "entries") == "3 entries"
