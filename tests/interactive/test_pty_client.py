"""The interview in front of a client: nothing lost, real line editing, the whole
interview in Chinese. Each test runs the real command in a pseudo-terminal."""

from __future__ import annotations

import os
import re
import shutil
import signal
from pathlib import Path

import pexpect
import pytest

from capassess.catalog import load_assessment
from capassess.model.answers import Answer
from tests.conftest import DATA
from tests.interactive.helpers import tiny
from tests.interactive.pty_driver import SUBJECT, answer, exit_code, finish, spawn, wait_for_keys
from tests.interactive.screen_driver import BACKSPACE, DOWN, LEFT, UP, Screen


def type_line(child: pexpect.spawn, text: str) -> None:
    """Type ``text`` and Enter at the prompt already shown."""
    wait_for_keys(child)
    child.sendline(text)


def answers_in(path: Path) -> dict[str, Answer]:
    return dict(load_assessment(path, tiny())[0].answers)


def full_copy(tmp_path: Path) -> Path:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    return out


def test_s_on_an_answered_question_in_review_keeps_it(tmp_path: Path) -> None:
    out = full_copy(tmp_path)
    before = answers_in(out)
    child = spawn(tmp_path, "-o", "acme.yaml", "--review")
    for qid in ("g-level", "g-choice", "a-multi", "a-number", "a-bool", "o-api"):
        answer(child, qid, "s")
    finish(child)
    assert exit_code(child) == 0
    assert answers_in(out) == before  # values, evidence and notes all kept


def test_x_clears_an_answer_only_after_a_yes(tmp_path: Path) -> None:
    out = full_copy(tmp_path)
    child = spawn(tmp_path, "-o", "acme.yaml", "--ask", "o-api")
    answer(child, "o-api", "x")
    child.expect_exact("Clear the answer 25 to o-api? Evidence and note stay. [y/N] ")
    wait_for_keys(child)
    child.sendline("")  # the default is no
    child.expect_exact("Kept: nothing was cleared.")
    assert answers_in(out)["o-api"].value == 25
    answer(child, "o-api", "x")
    child.expect_exact("[y/N] ")
    wait_for_keys(child)
    child.sendline("y")
    child.expect_exact("Answer to o-api cleared.")
    answer(child, "o-api", "q")
    assert exit_code(child) == 0
    assert answers_in(out)["o-api"] == Answer(note="two partners integrated in 2025")


def test_a_second_interview_on_the_same_file_is_refused_naming_the_first(tmp_path: Path) -> None:
    first = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    answer(first, "g-level", "3")
    first.expect_exact("g-choice> ")
    second = spawn(tmp_path, "-o", "acme.yaml", "--resume")
    second.expect_exact("acme.yaml is being edited by another interview: ")
    second.expect(r"(\S+)@(\S+) \(process (\d+)\) since (\d{4}-\d\d-\d\dT[\d:]+)")
    assert int(second.match.group(3)) == first.pid
    assert exit_code(second) == 2
    type_line(first, "full")  # the first goes on undisturbed
    answer(first, "a-multi", "q")
    assert exit_code(first) == 0
    assert [a.value for a in answers_in(tmp_path / "acme.yaml").values()] == [3, "full"]
    assert not (tmp_path / ".acme.yaml.lock").exists()
    third = spawn(tmp_path, "-o", "acme.yaml", "--resume")  # the lock is free again
    answer(third, "a-multi", "q")
    assert exit_code(third) == 0


def test_a_killed_interview_leaves_no_lock_behind(tmp_path: Path) -> None:
    first = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    answer(first, "g-level", "3")
    first.expect_exact("g-choice> ")
    first.kill(signal.SIGKILL)
    first.close()
    again = spawn(tmp_path, "-o", "acme.yaml", "--resume")
    answer(again, "g-choice", "q")
    assert exit_code(again) == 0


def test_an_outside_edit_during_the_interview_survives_the_next_save(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    answer(child, "g-level", "3")
    child.expect_exact("g-choice> ")
    path = tmp_path / "acme.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    value: 3\n", "    value: 3\n    note: CDO to confirm\n")
        + "  o-api: 40  # from the API gateway report\n",
        encoding="utf-8",
    )
    wait_for_keys(child)
    child.sendline("full")
    child.expect_exact("Changes made to the file outside this interview were kept: g-level, o-api.")
    answer(child, "a-multi", "q")
    assert exit_code(child) == 0
    saved = path.read_text(encoding="utf-8")
    assert "# from the API gateway report" in saved
    assert answers_in(path) == {
        "g-level": Answer(value=3, note="CDO to confirm"),
        "g-choice": Answer(value="full"),
        "o-api": Answer(value=40),
    }


def test_a_clashing_outside_edit_stops_and_keeps_both_versions(tmp_path: Path) -> None:
    out = full_copy(tmp_path)
    child = spawn(tmp_path, "-o", "acme.yaml", "--ask", "g-level")
    child.expect_exact("g-level> ")
    out.write_text(out.read_text(encoding="utf-8").replace("g-level: 3", "g-level: 5"), "utf-8")
    outside = out.read_bytes()
    wait_for_keys(child)
    child.sendline("2")
    child.expect_exact("Stopped: acme.yaml was changed outside this interview")
    assert exit_code(child) == 2
    assert out.read_bytes() == outside
    [mine] = tmp_path.glob("acme.interview-*.yaml")
    assert answers_in(mine)["g-level"].value == 2


def test_arrow_keys_and_backspace_over_cjk_keep_screen_and_value_equal(tmp_path: Path) -> None:
    screen = Screen(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    screen.prompt("g-level> ")
    screen.send("n", "\r")
    screen.prompt("Note: ")
    screen.send("甲", "乙", "丙", BACKSPACE, LEFT, LEFT, "丁", LEFT, LEFT, "x", BACKSPACE)
    row = screen.line_with("Note: ")
    assert row.endswith("Note: 丁甲乙")
    # the cursor sits before 丁 (the 2-column wide characters counted as 2)
    assert screen.cursor_column() == len("Note: ")
    screen.send("\r")
    screen.prompt("g-level> ")
    screen.send("q", "\r")
    assert screen.end() == 0
    assert answers_in(tmp_path / "acme.yaml")["g-level"] == Answer(note="丁甲乙")


def test_options_can_be_picked_with_the_arrow_keys(tmp_path: Path) -> None:
    screen = Screen(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    screen.prompt("g-level> ")
    screen.send(DOWN, DOWN, DOWN, DOWN, UP)
    assert screen.line_with("g-level> ").endswith("g-level> 3")
    assert "> 3  Robust" in screen.text  # the option pointed at, below the line
    screen.send("\r")
    screen.prompt("g-choice> ")
    screen.send(UP)  # from the end
    assert screen.line_with("g-choice> ").endswith("g-choice> 3")
    screen.send("\r")
    screen.prompt("a-multi> ")
    screen.send(DOWN, " ", DOWN, DOWN, " ")
    assert screen.line_with("a-multi> ").endswith("a-multi> 1,3")
    assert "> [x] 3  rt" in screen.text
    screen.send("\r")
    screen.prompt("a-number> ")
    screen.send("4", "5", "\r")
    screen.wait_for("a-number: 45% → level 5")
    screen.prompt("a-bool> ")
    screen.send("q", "\r")
    assert screen.end() == 0
    values = {q: a.value for q, a in answers_in(tmp_path / "acme.yaml").items()}
    assert values == {"g-level": 3, "g-choice": "full", "a-multi": ["bi", "rt"], "a-number": 45}


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def test_a_chinese_interview_given_invalid_input_shows_no_english_words(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", "--lang", "zh")
    child.expect_exact("银行或分行名称：")
    child.sendline("示例银行")
    refusals: list[str] = []
    for prompt, typed in [("机构编号：", ""), ("机构编号：", "shili"), ("[bank]：", "商店"),
                          ("[bank]：", ""), ("回车跳过）：", "华东"), ("回车跳过）：", ""),
                          ("评估人（回车跳过）：", ""), ("评估日期 [", "明天")]:  # fmt: skip
        child.expect_exact(prompt)
        wait_for_keys(child)
        child.sendline(typed)
    child.expect_exact("评估日期 [")
    wait_for_keys(child)
    child.sendline("2026-03-01")
    typed_wrong = [("g-level", "0"), ("g-level", "很高"), ("g-choice", "9"), ("g-choice", "大部分")]
    typed_wrong += [("a-multi", "1，7"), ("a-number", "很多"), ("a-number", "120")]
    rights = {"g-level": "3", "g-choice": "2", "a-multi": "1，2", "a-number": "40"}
    for qid, typed in typed_wrong:
        answer(child, qid, typed)
        child.expect(r"输入无效：([^\r\n]*)")
        refusals.append(child.match.group(1))
        if (
            typed_wrong[-1] == (qid, typed)
            or qid != typed_wrong[typed_wrong.index((qid, typed)) + 1][0]
        ):
            answer(child, qid, rights[qid])
    answer(child, "a-bool", "也许")
    child.expect(r"输入无效：([^\r\n]*)")
    refusals.append(child.match.group(1))
    answer(child, "a-bool", "是")
    answer(child, "o-api", "q")
    child.expect_exact("已将 5 个答案保存到 acme.yaml")
    assert exit_code(child) == 0
    ids = {"none", "partial", "full", "bi", "ml", "rt"}
    for refusal in refusals:
        words = set(LATIN_WORD.findall(refusal)) - ids
        assert not words, f"English in {refusal!r}"
    assert len(refusals) == 8


def test_resume_remembers_the_language_and_the_hint_says_it(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", "--lang", "zh", *SUBJECT)
    answer(child, "g-level", "3")
    answer(child, "g-choice", "q")
    child.expect_exact("继续评估：capassess --questionnaire-dir")
    child.expect_exact("assess --resume -o acme.yaml --lang zh")
    assert exit_code(child) == 0
    assert "lang: zh" in (tmp_path / "acme.yaml").read_text(encoding="utf-8")
    child = spawn(tmp_path, "-o", "acme.yaml", "--resume")  # no --lang
    child.expect_exact("第 2 题 / 共 5 题")
    answer(child, "g-choice", "hello")
    child.expect_exact("输入无效：'hello' 不是选项")
    answer(child, "g-choice", "q")
    child.expect_exact("已将 1 个答案保存到 acme.yaml")
    assert exit_code(child) == 0


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX user names")
def test_the_lock_file_names_user_host_and_process(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    child.expect_exact("g-level> ")
    text = (tmp_path / ".acme.yaml.lock").read_text(encoding="utf-8")
    assert f'"pid": {child.pid}' in text and '"host": ' in text and '"since": ' in text
    type_line(child, "q")
    assert exit_code(child) == 0


def test_paste_and_history_in_the_full_editor(tmp_path: Path) -> None:
    screen = Screen(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    screen.prompt("g-level> ")
    screen.send("e", "\r")
    screen.prompt("Evidence")
    screen.send("\x1b[200~数据治理章程（2025年版），委员会纪要\x1b[201~", "\r")  # a bracketed paste
    screen.wait_for("Evidence saved.")
    screen.prompt("g-level> ")
    screen.send(UP, UP)  # on a question with options Up picks an option
    assert screen.line_with("g-level> ").endswith("g-level> 4")
    screen.send("\x10")  # Ctrl-P: the history of lines typed, latest first
    assert screen.line_with("g-level> ").endswith("g-level> 数据治理章程（2025年版），委员会纪要")
    screen.send("\x15", "3", "\r")  # Ctrl-U empties the line
    screen.prompt("g-choice> ")
    screen.send("q", "\r")
    assert screen.end() == 0
    assert answers_in(tmp_path / "acme.yaml")["g-level"] == Answer(
        value=3, evidence="数据治理章程（2025年版），委员会纪要"
    )


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_the_full_editor_saves_on_ctrl_c_and_sigterm(tmp_path: Path, how: str) -> None:
    screen = Screen(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    screen.prompt("g-level> ")
    screen.send("4", "\r")
    screen.prompt("g-choice> ")
    screen.send("pa")
    if how == "ctrl-c":
        screen.send("\x03")
        assert screen.end() == 130
        assert "Interrupted; saved in acme.yaml (1 answered)" in screen.text
    else:
        screen.child.kill(signal.SIGTERM)
        screen.end()
        assert screen.child.exitstatus == 128 + signal.SIGTERM
    assert {q: a.value for q, a in answers_in(tmp_path / "acme.yaml").items()} == {"g-level": 4}
    assert not (tmp_path / ".acme.yaml.lock").exists()
