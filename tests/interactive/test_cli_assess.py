"""capassess assess without a terminal (CliRunner's stdin is not a TTY): the refusals,
filling answers from data, and the end of the job: the score table and the next command."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from capassess.catalog import load_assessment
from capassess.cli import main
from tests.conftest import DATA
from tests.interactive.helpers import tiny

GOOD = DATA / "good"
FULL_DATA = [
    "g-level=3",
    "g-choice=partial",
    "a-multi=bi,ml",
    "a-number=12",
    "a-bool=y",
    "o-api=25",
]


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(main, ["--questionnaire-dir", str(GOOD), "assess", *map(str, args)])


def data_args(items: list[str]) -> list[str]:
    return [arg for item in items for arg in ("--data", item)]


def test_everything_given_as_data_writes_the_file_and_prints_the_score(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "acme.yaml"
    result = run(runner, "-q", "tiny", "-o", out, "--subject-id", "acme", "--name", "Acme Bank",
                 "--group", "region=East", "--assessor", "A. Consultant", "--date", "2026-03-01",
                 *data_args(FULL_DATA))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "overall 3.62" in result.stdout or "overall 3.63" in result.stdout
    assert f"Answers saved in {out}" in result.stdout
    assert f"report {out} -f html -o report.html" in result.stdout
    assessment, _, warnings = load_assessment(out, tiny())
    assert warnings == []
    assert assessment.subject.name == "Acme Bank" and assessment.subject.group == {"region": "East"}
    assert assessment.assessor == "A. Consultant" and str(assessment.date) == "2026-03-01"
    assert {k: a.value for k, a in assessment.answers.items()} == {
        "g-level": 3, "g-choice": "partial", "a-multi": ["bi", "ml"], "a-number": 12,
        "a-bool": True, "o-api": 25,
    }  # fmt: skip


def test_no_terminal_and_questions_left_is_a_clear_error_not_a_hang(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "acme.yaml"
    result = run(runner, "-q", "tiny", "-o", out, "--subject-id", "acme", "--data", "g-level=3")
    assert result.exit_code == 2
    assert "standard input is not a terminal" in result.stderr
    assert "4 questions left (g-choice, a-multi, a-number, o-api)" in result.stderr
    assert "--data ID=VALUE or --data-file FILE" in result.stderr
    assert not out.exists()


def test_no_terminal_needs_a_subject_id(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    result = run(runner, "-q", "tiny", "-o", out, *data_args(FULL_DATA))
    assert result.exit_code == 2
    assert "no subject id: give it with --subject-id" in result.stderr
    assert not out.exists()


def test_an_existing_file_is_never_overwritten(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-partial.yaml", out)
    before = out.read_bytes()
    result = run(runner, "-q", "tiny", "-o", out)
    assert result.exit_code == 2
    assert f"{out} already exists; nothing was changed. Continue it with --resume" in result.stderr
    assert out.read_bytes() == before


def test_resume_takes_the_questionnaire_from_the_file_and_fills_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-partial.yaml", out)
    result = run(runner, "-o", out, "--resume", *data_args(FULL_DATA[1:]))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Only governance answered: used for the missing-answer policies.")
    assert "evidence: Board data strategy, minutes 2025-11" in text  # g-level untouched
    assessment, _, _ = load_assessment(out, tiny())
    assert assessment.answers["g-level"].value == 5 and len(assessment.answers) == 6


def test_resume_of_a_complete_file_just_scores_it(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    before = out.read_bytes()
    result = run(runner, "-o", out, "--resume")
    assert result.exit_code == 0, result.output
    assert "Tiny model · overall" in result.stdout
    assert out.read_bytes() == before


def test_a_new_file_needs_a_questionnaire(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2
    assert "name the questionnaire with -q, e.g. -q bank-fintech" in result.stderr


def test_ask_and_review_need_an_existing_file(runner: CliRunner, tmp_path: Path) -> None:
    for option in (["--ask", "g-level"], ["--review"]):
        result = run(runner, "-q", "tiny", "-o", tmp_path / "x.yaml", *option)
        assert result.exit_code == 2
        assert "does not exist: there are no answers to re-ask or review" in result.stderr


def test_ask_patterns_must_match_something(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    result = run(runner, "-o", out, "--ask", "g-level,zz-*")
    assert result.exit_code == 2
    assert "--ask zz-*: no question, capability or dimension of tiny matches" in result.stderr


def test_ask_without_a_terminal_is_answered_by_data(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    refused = run(runner, "-o", out, "--ask", "governance")
    assert refused.exit_code == 2 and "(g-level, g-choice)" in refused.stderr
    result = run(runner, "-o", out, "--ask", "governance", "--data", "g-level=4", "--data",
                 "g-choice=full")  # fmt: skip
    assert result.exit_code == 0, result.output
    assessment, _, _ = load_assessment(out, tiny())
    assert assessment.answers["g-level"].value == 4
    assert assessment.answers["g-choice"].value == "full"


def test_changing_data_removes_an_answer_whose_condition_became_false(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    result = run(runner, "-o", out, "--resume", "--data", "a-number=5")
    assert result.exit_code == 0, result.output
    assessment, _, _ = load_assessment(out, tiny())
    assert "a-bool" not in assessment.answers


def test_data_for_a_question_whose_condition_is_false_is_ignored_with_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "acme.yaml"
    data = [*FULL_DATA[:3], "a-number=5", "a-bool=y", "o-api=25"]
    result = run(runner, "-q", "tiny", "-o", out, "--subject-id", "acme", *data_args(data))
    assert result.exit_code == 0, result.output
    assert "ignored --data for a-bool: the condition is false" in result.stderr
    assessment, _, _ = load_assessment(out, tiny())
    assert "a-bool" not in assessment.answers


def test_bad_data_is_reported_with_places_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    data_file = tmp_path / "data.json"
    data_file.write_text(json.dumps({"g-level": 3, "a-number": "lots"}, indent=1), encoding="utf-8")
    out = tmp_path / "acme.yaml"
    result = run(runner, "-q", "tiny", "-o", out, "--subject-id", "acme", "--data-file", data_file,
                 "--data", "g-choice=most")  # fmt: skip
    assert result.exit_code == 2
    assert f"{data_file}:3:" in result.stderr and "'lots' is not a number" in result.stderr
    assert "--data g-choice=most: 'most' is not an option" in result.stderr
    assert not out.exists()


def test_a_malformed_group_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "-q", "tiny", "-o", tmp_path / "x.yaml", "--group", "East")
    assert result.exit_code == 2
    assert "'East' is not KEY=VALUE, e.g. region=East" in result.stderr


def test_help_shows_the_keys_and_examples(runner: CliRunner) -> None:
    result = runner.invoke(main, ["assess", "--help"])
    assert result.exit_code == 0
    for text in ("< back, s skip (keeps an answer), x clear", "--resume", "--ask", "--data-file",
                 "capassess assess -q bank-fintech -o acme.yaml"):  # fmt: skip
        assert text in result.stdout


def test_a_questionnaire_given_as_a_path_is_named_in_the_next_commands(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    shutil.copy(GOOD / "tiny.yaml", folder / "tiny.yaml")
    out = tmp_path / "acme.yaml"
    result = runner.invoke(
        main,
        ["assess", "-q", str(folder / "tiny.yaml"), "-o", str(out), "--subject-id", "acme",
         *data_args(FULL_DATA)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    command = f"capassess --questionnaire-dir {folder} report {out} -f html -o report.html"
    assert command in result.stdout
    again = runner.invoke(main, ["--questionnaire-dir", str(folder), "score", str(out)])
    assert again.exit_code == 0, again.output


def test_resume_of_a_missing_file_starts_a_new_one(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    result = run(runner, "-q", "tiny", "-o", out, "--resume", "--subject-id", "acme",
                 *data_args(FULL_DATA))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_resume_and_review_together_are_explained(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    before = out.read_bytes()
    result = run(runner, "-o", out, "--resume", "--review")
    assert result.exit_code == 2
    assert "--resume and --review walk different questions" in result.output
    assert out.read_bytes() == before


def test_a_mistyped_ask_id_suggests_the_right_one(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    result = run(runner, "-o", out, "--ask", "a-numbr,governanse")
    assert result.exit_code == 2
    assert "did you mean a-number, governance?" in result.output


def test_respondent_is_recorded_with_each_answer_given(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"
    result = run(runner, "-q", "tiny", "-o", out, "--subject-id", "acme", "--respondent",
                 "CDO Li", *data_args(["g-level=3", "g-choice=PARTIAL"]))  # fmt: skip
    assert result.exit_code == 2  # questions are left and there is no terminal
    assert not out.exists()


@pytest.mark.parametrize("name", ["CDO\x1b[2J", "CDO\nforged", "CDO \u202egnp", "R" * 201])
def test_a_respondent_an_answers_file_could_not_hold_is_refused(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    """``--respondent`` is refused before anything is written if the answers file could
    not hold it (a control character, a line break, a bidirectional control, too long)."""
    out = tmp_path / "acme.yaml"
    result = run(runner, "-q", "tiny", "-o", out, "--subject-id", "acme", "--respondent", name,
                 *data_args(["g-level=3"]))  # fmt: skip
    assert result.exit_code == 2
    assert "Invalid value for '--respondent': a name is one line of plain text" in result.output
    assert not out.exists()


def test_a_locked_file_is_refused_naming_the_holder(runner: CliRunner, tmp_path: Path) -> None:
    from capassess.interactive.lock import InterviewLock

    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    before = out.read_bytes()
    with InterviewLock(out):
        result = run(runner, "-o", out, "--resume", "--data", "g-level=5")
    assert result.exit_code == 2
    assert "is being edited by another interview" in result.output
    assert f"(process {os.getpid()}) since " in result.output
    assert out.read_bytes() == before
    assert not (tmp_path / ".acme.yaml.lock").exists()


def test_a_locked_file_is_refused_in_the_interview_language(
    runner: CliRunner, tmp_path: Path
) -> None:
    from capassess.interactive.lock import InterviewLock

    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    with InterviewLock(out):
        result = run(runner, "-o", out, "--resume", "--lang", "zh")
    assert result.exit_code == 2
    assert "acme.yaml 正在由另一访谈编辑：" in result.output
    assert f"（进程 {os.getpid()}），始于 " in result.output


def test_a_link_to_a_locked_file_is_locked_too(runner: CliRunner, tmp_path: Path) -> None:
    from capassess.interactive.lock import InterviewLock

    out = tmp_path / "acme.yaml"
    shutil.copy(DATA / "answers" / "tiny-full.yaml", out)
    (tmp_path / "link.yaml").symlink_to(out)
    with InterviewLock(out):
        result = run(runner, "-o", tmp_path / "link.yaml", "--resume")
    assert result.exit_code == 2
    assert "is being edited by another interview" in result.output
