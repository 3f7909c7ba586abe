"""Nothing is lost: SIGKILL at a random point, then --resume; Ctrl-C, SIGTERM, SIGHUP, q and
Ctrl-D save and exit cleanly; without a terminal the command refuses instead of hanging."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from capassess.catalog import find_questionnaire, load_assessment
from capassess.errors import NotFoundError
from capassess.model.questionnaire import Question
from tests.interactive.helpers import tiny
from tests.interactive.pty_driver import (
    GOOD,
    SUBJECT,
    TIMEOUT,
    answer,
    exit_code,
    finish,
    spawn,
    type_partly,
    wait_for_keys,
)

# (question id, what is typed, the value that must be in the file), in interview order.
SCRIPT: list[tuple[str, str, Any]] = [
    ("g-level", "3", 3),
    ("g-choice", "2", "partial"),
    ("a-multi", "1,3", ["bi", "rt"]),
    ("a-number", "12", 12),
    ("a-bool", "y", True),
    ("o-api", "25", 25),
]


def saved_values(path: Path) -> dict[str, Any]:
    """The answers in ``path``, which must be a valid answers file."""
    assessment, _, _ = load_assessment(path, tiny())
    return {qid: a.value for qid, a in assessment.answers.items()}


def kill_at_random_point(tmp_path: Path, rng: random.Random) -> tuple[int, str]:
    """Answer some questions, then SIGKILL the process; return (answers given, how)."""
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    given = rng.randint(0, len(SCRIPT) - 1)
    for qid, typed, _ in SCRIPT[:given]:
        answer(child, qid, typed)
    qid, typed, _ = SCRIPT[given]
    child.expect_exact(f"{qid}> ")
    how = rng.choice(["idle", "typing", "just-sent"])
    if how == "typing":
        type_partly(child, typed[: max(1, len(typed) - 1)])
    elif how == "just-sent":
        child.sendline(typed)  # killed while this answer may be being saved
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    return given, how


@pytest.mark.parametrize("run", range(3))
def test_sigkill_at_a_random_point_loses_nothing_given_and_resume_goes_on(
    tmp_path: Path, run: int
) -> None:
    seed = random.randrange(10**9)
    given, how = kill_at_random_point(tmp_path, random.Random(seed))
    context = f"seed {seed}: killed after {given} answers ({how})"
    values = saved_values(tmp_path / "acme.yaml")  # the file parses
    expected = {qid: value for qid, _, value in SCRIPT[:given]}
    if how == "just-sent" and SCRIPT[given][0] in values:
        expected[SCRIPT[given][0]] = SCRIPT[given][2]  # saved before the kill: fine too
    assert values == expected, context

    child = spawn(tmp_path, "-o", "acme.yaml", "--resume")
    for qid, typed, _ in SCRIPT:
        if qid not in expected:
            answer(child, qid, typed)
    finish(child)
    assert exit_code(child) == 0, context
    assert saved_values(tmp_path / "acme.yaml") == {qid: v for qid, _, v in SCRIPT}, context


def test_ctrl_c_saves_and_exits_130(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    answer(child, "g-level", "3")
    child.expect_exact("g-choice> ")
    type_partly(child, "par")
    child.sendintr()
    child.expect_exact("Interrupted; saved in acme.yaml (1 answered). Continue with: capassess")
    child.expect_exact("assess --resume -o acme.yaml")
    assert exit_code(child) == 130
    assert saved_values(tmp_path / "acme.yaml") == {"g-level": 3}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_and_exit(tmp_path: Path, signum: int) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    answer(child, "g-level", "2")
    answer(child, "g-choice", "full")
    child.expect_exact("a-multi> ")
    type_partly(child, "bi")
    child.kill(signum)
    assert exit_code(child) == 128 + signum
    assert saved_values(tmp_path / "acme.yaml") == {"g-level": 2, "g-choice": "full"}
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]  # no temp file left


def test_q_and_ctrl_d_save_and_quit(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml", *SUBJECT)
    answer(child, "g-level", "5")
    answer(child, "g-choice", "q")
    child.expect_exact("Saved in acme.yaml (1 answered). Continue with:")
    assert exit_code(child) == 0
    child = spawn(tmp_path, "-o", "acme.yaml", "--resume")
    answer(child, "g-choice", "none")
    child.expect_exact("a-multi> ")
    wait_for_keys(child)
    child.sendeof()
    child.expect_exact("Saved in acme.yaml (2 answered)")
    assert exit_code(child) == 0
    assert saved_values(tmp_path / "acme.yaml") == {"g-level": 5, "g-choice": "none"}


def test_without_a_terminal_the_command_refuses_instead_of_hanging(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "capassess", "--questionnaire-dir", str(GOOD), "assess", "-q",
         "tiny", "-o", "acme.yaml", "--subject-id", "acme"],
        cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert done.returncode == 2
    assert "standard input is not a terminal" in done.stderr
    assert "5 questions left" in done.stderr
    assert not (tmp_path / "acme.yaml").exists()


def typed_answer(question: Question) -> str:
    """A valid answer to any question, as a consultant would type it."""
    if question.type == "level":
        return "3"
    if question.type in ("choice", "multi"):
        return "2"
    if question.type == "bool":
        return "y"
    value = question.thresholds[1]  # type: ignore[union-attr]
    return f"{value:g}"


def test_smoke_run_over_bank_fintech(tmp_path: Path) -> None:
    try:
        q = find_questionnaire("bank-fintech")
    except NotFoundError:
        pytest.skip("questionnaires/bank-fintech.yaml is not shipped yet")
    questions = q.question_map()
    child = spawn(tmp_path, "-q", "bank-fintech", "-o", "acme.yaml", *SUBJECT, dirs=())
    asked: list[str] = []
    while True:
        index = child.expect([r"Evidence \(required[^\r\n]*: ", r"\n([A-Za-z][\w.-]*)> "])
        if index == 0:
            child.sendline(f"evidence for {asked[-1]}")
            continue
        qid = child.match.group(1)
        if qid == "finish":
            break
        asked.append(qid)
        child.sendline(typed_answer(questions[qid]))
    child.sendline("")
    child.expect(pexpect.EOF)
    assert q.title.get("en") in str(child.before)
    assert exit_code(child) == 0
    assessment, _, warnings = load_assessment(tmp_path / "acme.yaml", q)
    assert warnings == []  # every evidence-required answer has its evidence
    assert list(assessment.answers) == asked
    assert len(asked) >= 50


def test_ctrl_c_before_the_first_question_writes_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path, "-q", "tiny", "-o", "acme.yaml")
    child.expect_exact("Bank or branch name: ")
    type_partly(child, "Acme")
    child.sendintr()
    child.expect_exact("Stopped before the first question; nothing was saved.")
    assert exit_code(child) == 130
    assert not (tmp_path / "acme.yaml").exists()
