"""Assessments, and so their roadmaps, are dated in the years 1990 to 2100.

A roadmap starts in its assessment's month unless ``--start`` says otherwise, and
``--start`` was held to 1990..2100; the date of an answers file was not, so an
assessment dated 9999-12-31 stopped ``report -f md`` with an error blamed on the
shipped template ('year 10000 is out of range'). Each row: a date and whether an
answers file may carry it, through every command that reads one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"
DATES = [("9999-12-31", False), ("2101-01-01", False), ("1989-12-31", False),
         ("0001-01-01", False), ("1990-01-01", True), ("2100-12-31", True)]  # fmt: skip
COMMANDS = [
    ["validate"],
    ["score"],
    ["plan"],
    ["report", "-f", "md", "-o", "{out}/r.md"],
    ["report", "-f", "html", "-o", "{out}/r.html"],
    ["report", "-f", "json", "-o", "{out}/r.json"],
]


def _answers(tmp_path: Path, date: str) -> Path:
    text = (GOOD / "tiny-gated-answers.yaml").read_text(encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(text.replace("date: 2027-03-01", f"date: {date}"), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
@pytest.mark.parametrize(("date", "allowed"), DATES, ids=[d[0] for d in DATES])
def test_an_assessment_date_outside_the_years_is_refused_where_it_stands(
    tmp_path: Path, command: list[str], date: str, allowed: bool
) -> None:
    path = _answers(tmp_path, date)
    out = tmp_path / "out"
    args = [command[0], str(path), *(a.format(out=out) for a in command[1:])]
    result = CliRunner().invoke(main, ["--questionnaire-dir", str(GOOD), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if allowed:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert f"{path}:4:7: date: an assessment is dated in a year from 1990 to 2100" in result.stderr
    assert "template" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(("date", "allowed"), DATES, ids=[d[0] for d in DATES])
def test_the_interview_dates_within_the_years(tmp_path: Path, date: str, allowed: bool) -> None:
    out = tmp_path / "new.yaml"
    args = ["--questionnaire-dir", str(GOOD), "assess", "-q", "tiny@2.1", "-o", str(out),
            "--subject-id", "acme", "--date", date]  # fmt: skip
    for answer in ("g-level=3", "g-owner=full", "a-multi=bi", "a-number=5", "o-api=5",
                   "f-drill=1", "f-grading=5"):  # fmt: skip
        args += ["--data", answer]
    result = CliRunner().invoke(main, args, input="")
    if allowed:
        assert result.exit_code == 0, result.output
        assert f"date: {date}" in out.read_text(encoding="utf-8")
        return
    assert result.exit_code == 2, result.output
    assert "an assessment is dated in a year from 1990 to 2100" in result.stderr
    assert not out.exists()
