"""The interview as a consultant runs it, in a pseudo-terminal: answer, go back, change an
answer, n/a, evidence and notes, conditional questions, --ask, --review, Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

from capassess.catalog import load_assessment, load_questionnaire
from capassess.model.answers import Answer
from tests.conftest import DATA, ROOT
from tests.interactive.helpers import tiny, tiny_with_required_evidence
from tests.interactive.pty_driver import SUBJECT, answer, exit_code, finish, spawn


def test_answer_go_back_change_na_evidence_and_note(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    child.expect_exact("question 1 of 5 (1 of 4 in this dimension) · g-level")
    child.expect_exact("5  Optimising")
    answer(child, "g-level", "7")
    child.expect_exact("Not accepted: '7' is not a level; expected a whole number 1..5")
    child.sendline("3")
    answer(child, "g-choice", "<")  # back: the previous answer is the default
    child.expect_exact("Previous answer: 3 (Robust)")
    answer(child, "g-level", "4")  # change it
    answer(child, "g-choice", "na")
    answer(child, "a-multi", "1,3")
    child.expect_exact("a-number> ")
    child.sendline("e")
    child.expect_exact("Evidence (document, system, who showed it): ")
    child.sendline("HR report 2025")
    child.expect_exact("Evidence saved.")
    child.sendline("15")
    child.expect_exact("question 5 of 6")  # a-bool applies now that a-number >= 10
    answer(child, "a-bool", "n")  # on a yes/no question n means no
    child.expect_exact("o-api> ")
    child.sendline("n")
    child.expect_exact("Note: ")
    child.sendline("two partners, ask the CIO")
    answer(child, "o-api", "25")
    out = finish(child)
    assert "Tiny model · overall" in out
    assert "Answers saved in acme.yaml" in out
    assert (
        "Next: capassess --questionnaire-dir" in out
        and "report acme.yaml -f html -o report.html" in out
    )
    assert exit_code(child) == 0
    assessment, _, _ = load_assessment(tmp_path / "acme.yaml", tiny())
    assert assessment.answers == {
        "g-level": Answer(value=4),
        "g-choice": Answer(value="n/a"),
        "a-multi": Answer(value=["bi", "rt"]),
        "a-number": Answer(value=15, evidence="HR report 2025"),
        "a-bool": Answer(value=False),
        "o-api": Answer(value=25, note="two partners, ask the CIO"),
    }


def test_a_changed_answer_removes_a_follow_up_whose_condition_became_false(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    for qid, text in [("g-level", "3"), ("g-choice", "2"), ("a-multi", "bi"), ("a-number", "12"),
                      ("a-bool", "y")]:  # fmt: skip
        answer(child, qid, text)
    answer(child, "o-api", "g a-number")
    answer(child, "a-number", "5")
    child.expect_exact("a-bool no longer applies (its condition a-number >= 10 is now false)")
    answer(child, "o-api", "25")  # a-bool no longer applies: the interview goes on to o-api
    finish(child)
    assert exit_code(child) == 0
    assessment, _, _ = load_assessment(tmp_path / "acme.yaml", tiny())
    assert "a-bool" not in assessment.answers and assessment.answers["a-number"].value == 5


def test_a_question_that_requires_evidence_asks_for_it(tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    tiny_with_required_evidence(folder)
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT, dirs=(folder,))
    answer(child, "g-level", "3")
    child.expect_exact("evidence required")
    answer(child, "g-choice", "full")
    child.expect_exact("Evidence (required: document, system, who showed it): ")
    child.sendline("org chart, CDO appointment letter")
    answer(child, "a-multi", "<")
    answer(child, "g-choice", "2")  # evidence already there: not asked again
    answer(child, "a-multi", "q")
    child.expect_exact("Saved in acme.yaml (2 answered)")
    assert exit_code(child) == 0
    assessment, _, _ = load_assessment(
        tmp_path / "acme.yaml", load_questionnaire(folder / "tiny.yaml")
    )
    assert assessment.answers["g-choice"] == Answer(
        value="partial", evidence="org chart, CDO appointment letter"
    )


def test_evidence_can_be_left_out_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    tiny_with_required_evidence(folder)
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT, dirs=(folder,))
    answer(child, "g-level", "3")
    answer(child, "g-choice", "none")
    child.expect_exact("Evidence (required")
    child.sendline("")
    child.expect_exact("No evidence recorded: this question requires it")
    answer(child, "a-multi", "q")
    assert exit_code(child) == 0


def test_ask_re_asks_only_the_named_questions_with_the_previous_answer(tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    child = spawn(tmp_path, "-o", "acme.yaml", "--ask", "a-number,api")
    child.expect_exact("Previous answer: 12%")
    child.expect_exact("Enter keeps 12%")
    answer(child, "a-number", "30")
    answer(child, "o-api", "")  # Enter keeps 25
    out_text = finish(child)
    assert "overall" in out_text
    assert exit_code(child) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Every question of tiny answered")  # the comment survives
    assert (
        "a-number: 30" in text
        and "o-api: {value: 25, note: two partners integrated in 2025}" in text
    )


def test_review_walks_every_answer_pre_filled(tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    before = out.read_bytes()
    child = spawn(tmp_path, "-o", "acme.yaml", "--review")
    for qid, shown in [("g-level", "3 (Robust)"), ("g-choice", "partial (Some)"),
                       ("a-multi", "bi, ml"), ("a-number", "12%"), ("a-bool", "yes"),
                       ("o-api", "25")]:  # fmt: skip
        child.expect_exact(f"Previous answer: {shown}")
        answer(child, qid, "")
    finish(child)
    assert exit_code(child) == 0
    assert out.read_bytes() == before  # nothing changed, nothing rewritten


def test_subject_is_asked_at_the_start_when_not_given(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml")
    child.expect_exact("Bank or branch name: ")
    child.sendline("Acme Bank")
    child.expect_exact("Subject id [acme-bank]: ")
    child.sendline("")
    child.expect_exact("Kind, bank or branch [bank]: ")
    child.sendline("shop")
    child.expect_exact("'shop' is neither bank nor branch")
    child.sendline("branch")
    child.expect_exact("Group, e.g. region=East (Enter for none): ")
    child.sendline("region=East, tier=2")
    child.expect_exact("Assessor (Enter to leave out): ")
    child.sendline("A. Consultant")
    child.expect_exact("Assessment date [")
    child.sendline("2026-02-30")
    child.expect_exact("is not a date like")
    child.sendline("2026-03-01")
    answer(child, "g-level", "q")
    assert exit_code(child) == 0
    assessment, _, _ = load_assessment(tmp_path / "acme.yaml", tiny())
    subject = assessment.subject
    assert (subject.id, subject.name, subject.kind) == ("acme-bank", "Acme Bank", "branch")
    assert subject.group == {"region": "East", "tier": "2"}
    assert (assessment.assessor, str(assessment.date)) == ("A. Consultant", "2026-03-01")


def test_a_branch_questionnaire_offers_branch_as_the_kind(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "branch-fintech", "-o", "b.yaml", dirs=())
    child.expect_exact("Bank or branch name: ")
    child.sendline("Taiyuan Branch")
    child.expect_exact("Subject id [taiyuan-branch]: ")
    child.sendline("")
    child.expect_exact("Kind, bank or branch [branch]: ")
    for _ in range(4):  # kind (the default), group, assessor, date
        child.sendline("")
    child.expect_exact("question 1 of")
    child.sendline("q")
    assert exit_code(child) == 0
    q = load_questionnaire(ROOT / "questionnaires" / "branch-fintech.yaml")
    assessment, _, _ = load_assessment(tmp_path / "b.yaml", q)
    assert assessment.subject.kind == "branch"


def test_the_chinese_interface(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", "--lang", "zh")
    child.expect_exact("银行或分行名称：")
    child.sendline("示例银行")
    child.expect_exact("机构编号：")  # no default from a Chinese name
    child.sendline("")
    child.expect_exact("输入无效")
    child.sendline("shili")
    for text in ("", "region=华东", "", ""):  # kind, group, assessor, date
        child.expect_exact("：")
        child.sendline(text)
    child.expect_exact("第 1 题 / 共 5 题（本维度 1 / 4） · g-level")
    child.expect_exact("数据如何治理?")
    child.expect_exact("稳健级")
    answer(child, "g-level", "3")
    child.expect_exact("是否有数据负责人?")
    answer(child, "g-choice", "?")
    child.expect_exact("各提示处可用的按键")
    answer(child, "g-choice", "9")
    child.expect_exact("输入无效：9 不是有效序号；请输入 1 至 3")
    child.sendline("部分")  # a label names its option, as in a batch cell or answers file
    answer(child, "a-multi", "1，2")  # a Chinese comma
    answer(child, "a-number", "q")
    child.expect_exact("已将 3 个答案保存到 acme.yaml")
    assert exit_code(child) == 0
    assessment, _, _ = load_assessment(tmp_path / "acme.yaml", tiny())
    assert assessment.subject.name == "示例银行" and assessment.subject.group == {"region": "华东"}
    assert assessment.answers["g-choice"].value == "partial"
    assert assessment.answers["a-multi"].value == ["bi", "ml"]
    assert "示例银行" in (tmp_path / "acme.yaml").read_text(encoding="utf-8")  # not \u-escaped


def test_end_screen_lists_skipped_questions_and_allows_going_back(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    for qid, text in [("g-level", "s"), ("g-choice", "s"), ("a-multi", "-"), ("a-number", "4"),
                      ("o-api", "200")]:  # fmt: skip
        answer(child, qid, text)
    child.expect_exact("Applicable questions answered: 3 of 5.")
    child.expect_exact("Still unanswered (2): g-level, g-choice")
    child.expect_exact("finish> ")
    child.sendline("<")
    answer(child, "o-api", "100")
    child.expect_exact("finish> ")
    child.sendline("g governance")
    answer(child, "g-level", "2")
    answer(child, "g-choice", "s")
    out = finish(child)
    assert "unanswered questions (1), counted as lowest: g-choice" in out
    assert exit_code(child) == 0
