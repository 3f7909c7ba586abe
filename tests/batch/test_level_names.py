"""Levels written by their name in the questionnaire, as branch staff write them:
``稳健级``, ``Robust``, ``3 Robust``, ``L3 稳健级``, ``3（稳健级）`` (the interview shows an
answer as ``3 (Robust)``). Each is that level in a sheet, an answers file and the
interview alike (one parser, fed the questionnaire's own names); a number and a name
that disagree, or a name more than one level carries, is refused with the forms a level
takes, never guessed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from capassess.interactive.keys import Refused, resolve_value
from capassess.model.questionnaire import LevelQuestion
from capassess.values import parse_value
from tests.batch.helpers import run_cli, scores_and_rejects, tiny, write_csv
from tests.batch.test_real_sheets import HEADER, _rows, _xlsx
from tests.conftest import DATA, TINY

NAMED = [
    ("稳健级", 3), ("Robust", 3), ("robust", 3), ("ＲＯＢＵＳＴ", 3), ("3 Robust", 3),
    ("L3 稳健级", 3), ("3（稳健级）", 3), ("3 (Robust)", 3), ("Level 3 - Robust", 3),
    ("三级 稳健级", 3), ("3级：稳健级", 3), ("3.稳健级", 3), ("初始级", 1), ("Optimising", 5),
    ("Quantitatively managed", 4), ("4 Quantitatively  Managed", 4), ("2 Managed", 2),
    ("量化管理级", 4),
]  # fmt: skip
DISAGREE = ["2 Robust", "4 稳健级", "L1 Robust", "3（初始级）", "2 Quantitatively managed",
            "5 受管理级"]  # fmt: skip
UNKNOWN = ["3 Stable", "Robustish", "(稳健级)", "稳健", "Robust 3", "3 Robust 3"]
LEVEL = tiny().question_map()["g-level"]


@pytest.mark.parametrize(("text", "level"), NAMED, ids=lambda v: str(v))
def test_a_level_by_its_name_is_that_level(text: str, level: int) -> None:
    assert parse_value(LEVEL, text) == level


@pytest.mark.parametrize("text", DISAGREE)
def test_a_number_and_a_name_that_disagree_are_refused_with_the_forms(text: str) -> None:
    with pytest.raises(ValueError, match=r"the number is level \d but .* is level \d; write "
                       r"one level \(for level 3: 3, L3, 3级, Robust / 稳健级 or 3 Robust\)"):  # fmt: skip
        parse_value(LEVEL, text)


@pytest.mark.parametrize("text", [*UNKNOWN, "【5】优化级", "high", "较好", "L9", "6级"])
def test_other_words_are_refused_naming_the_forms_a_level_takes(text: str) -> None:
    # a word that is no level's name: the message says names are taken, and which
    with pytest.raises(ValueError, match=r"is not a level; expected a whole number 1\.\.5 or a "
                       r"level's name \(for level 3: 3, L3, 3级, Robust / 稳健级 or 3 Robust\)"):  # fmt: skip
        parse_value(LEVEL, text)


@pytest.mark.parametrize("text", ["9", "0", "3.5", "-1", "9" * 400, "1e400", "45%"])
def test_figures_outside_the_levels_keep_the_figure_reason(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a level; expected a whole number 1\.\.5$"):
        parse_value(LEVEL, text)


@pytest.mark.parametrize(("lang", "want"), [
    ("en", "'high' is not a level; expected a whole number 1..5 or a level's name (for level 3: "
           "3, L3, 3级, Robust / 稳健级 or 3 Robust)"),
    ("zh", "'high' 不是等级；应为 1 至 5 的整数或等级名称（第3级可写作3、L3、3级、Robust / 稳健级"
           "或3 Robust）"),
])  # fmt: skip
def test_a_word_in_a_sheet_is_rejected_in_the_run_language(
    tmp_path: Path, lang: str, want: str
) -> None:
    from tests.batch.helpers import read_csv

    source = write_csv(tmp_path / "in.csv", [HEADER, *_rows((0, 3, "high"))])
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY), "--lang",
                     lang)  # fmt: skip
    assert result.exit_code == 1
    assert [r["reason"] for r in read_csv(tmp_path / "o" / "rejected.csv")] == [want]


def test_a_question_on_its_own_knows_no_names() -> None:
    alone = LevelQuestion.model_validate(LEVEL.model_dump())
    assert alone.level_names == ()
    with pytest.raises(ValueError, match="is not a level"):
        parse_value(alone, "Robust")


def _shared_names(tmp_path: Path) -> Path:
    """tiny with levels 2 and 3 both called Developing, and level 4's English name the
    Chinese name of level 1."""
    names = ["{en: Initial, zh: 初始级}", "{en: Developing, zh: 发展级}",
             "{en: Developing, zh: 发展中}", "{en: 初始级, zh: 量化级}", "{en: Best, zh: 最佳级}"]  # fmt: skip
    levels = "levels:\n" + "".join(f"  - {{level: {i}, name: {n}}}\n" for i, n in
                                   enumerate(names, start=1))  # fmt: skip
    text = TINY.read_text(encoding="utf-8").replace("dimensions:\n", levels + "dimensions:\n", 1)
    path = tmp_path / "shared.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", ["Developing", "developing", "初始级"])
def test_a_name_of_two_levels_is_refused_naming_both(tmp_path: Path, text: str) -> None:
    from capassess.catalog import load_questionnaire

    question = load_questionnaire(_shared_names(tmp_path)).question_map()["g-level"]
    with pytest.raises(ValueError, match=r"is the name of more than one level \((2, 3|1, 4)\)"):
        parse_value(question, text)
    assert parse_value(question, "最佳级") == 5
    assert parse_value(question, "2 发展级") == 2


SHEETS = [
    ("csv utf-8", lambda p, rows: write_csv(p.with_suffix(".csv"), [HEADER, *rows])),
    ("csv gb18030", lambda p, rows: write_csv(p.with_suffix(".csv"), [HEADER, *rows], "gb18030")),
    ("xlsx", lambda p, rows: _xlsx(p.with_suffix(".xlsx"), rows)),
]


@pytest.mark.parametrize("make", [s[1] for s in SHEETS], ids=[s[0] for s in SHEETS])
def test_a_sheet_of_level_names_scores_as_its_figures(tmp_path: Path, make) -> None:
    named = make(
        tmp_path / "named", _rows((0, 3, "稳健级"), (1, 3, "2 Managed"), (2, 3, "5（优化级）"))
    )
    figures = make(tmp_path / "figures", _rows((0, 3, "3"), (1, 3, "2"), (2, 3, "5")))
    scores, rejected = scores_and_rejects(named, tmp_path / "o")
    want, _ = scores_and_rejects(figures, tmp_path / "w")
    assert rejected == []
    assert scores == want


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_disagreement_in_a_sheet_is_rejected_naming_the_cell(tmp_path: Path, lang: str) -> None:
    rows = _rows((0, 3, "2 稳健级"), (1, 3, "Robust"))
    source = write_csv(tmp_path / "in.csv", [HEADER, *rows])
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY), "--lang",
                     lang)  # fmt: skip
    assert result.exit_code == 1
    from tests.batch.helpers import read_csv

    rejected = read_csv(tmp_path / "o" / "rejected.csv")
    assert [(r["row"], r["unit_id"], r["column"]) for r in rejected] == [("2", "A", "g-level")]
    reason = rejected[0]["reason"]
    want = "数字是第2级，Robust / 稳健级却是第3级" if lang == "zh" else "the number is level 2 but"
    assert want in reason
    assert ("第3级可写作3、L3、3级" if lang == "zh" else "for level 3: 3, L3, 3级") in reason


def test_an_answers_file_takes_a_level_by_its_name(tmp_path: Path) -> None:
    text = (DATA / "good" / "tiny-answers.yaml").read_text(encoding="utf-8")
    by_name = tmp_path / "named.yaml"
    by_name.write_text(text.replace("{value: 2,", "{value: 受管理级,"), encoding="utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace("{value: 2,", "{value: 3 Managed,"), encoding="utf-8")
    where = ("--questionnaire-dir", str(DATA / "good"), "score")
    named = run_cli(*where, str(by_name), "--format", "json")
    plain = run_cli(*where, str(DATA / "good" / "tiny-answers.yaml"), "--format", "json")
    assert named.exit_code == 0, named.output
    assert json.loads(named.stdout)["dimensions"] == json.loads(plain.stdout)["dimensions"]
    refused = run_cli(*where, str(wrong))
    assert refused.exit_code == 2
    assert "wrong.yaml:7" in refused.output
    assert "the number is level 3 but Managed / 受管理级 is level 2" in refused.output


def test_the_interview_takes_a_level_by_its_name_and_says_why_not() -> None:
    assert resolve_value(LEVEL, "3（稳健级）") == 3
    assert resolve_value(LEVEL, "Robust") == 3
    with pytest.raises(Refused) as refused:
        resolve_value(LEVEL, "2 稳健级")
    assert refused.value.key == "level_disagree"
    assert "the number is level 2 but Robust / 稳健级 is level 3" in str(refused.value)
    with pytest.raises(Refused) as refused:
        resolve_value(LEVEL, "high")
    assert refused.value.key == "level_word"
    assert str(refused.value) == "'high' is not a level; type 1-5 or a level's name"


def test_the_interview_hint_names_level_names_only_where_there_are_some() -> None:
    from capassess.interactive.screen import hint_lines

    alone = LevelQuestion.model_validate(LEVEL.model_dump())
    assert hint_lines(LEVEL, None, "en")[0] == "type 1-5 or a level's name"
    assert hint_lines(LEVEL, None, "zh")[0] == "输入 1-5 或级别名称"
    assert hint_lines(alone, None, "en")[0] == "type 1-5"
