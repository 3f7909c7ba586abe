"""Before and after: `compare OLD NEW`, `plan --baseline` and `report --baseline` read a
change only between two assessments of one questionnaire family and one subject, in
date order.

Another questionnaire is exit 2 (versions of one questionnaire are fine); another
subject is exit 2 unless --other-subject; OLD dated after NEW is a warning that names
both dates, and the run goes on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA, ROOT

GOOD = DATA / "good"
NEW = GOOD / "tiny-answers.yaml"  # acme, 2026-11-01
OLD = GOOD / "tiny-answers-old.yaml"  # acme, 2025-11-01
EXAMPLES = ROOT / "examples"


def _variant(tmp_path: Path, name: str, **changes: str) -> Path:
    """A copy of OLD with its subject id or date changed."""
    text = OLD.read_text(encoding="utf-8")
    if "subject" in changes:
        text = text.replace("id: acme,", f"id: {changes['subject']},", 1)
    if "date" in changes:
        text = re.sub(r"(?m)^date: .*$", f"date: {changes['date']}", text)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _commands(old: Path, new: Path, tmp_path: Path) -> list[list[str]]:
    """Every command that reads OLD as the earlier assessment of NEW."""
    return [
        ["compare", str(old), str(new)],
        ["plan", str(new), "--baseline", str(old)],
        ["report", str(new), "--baseline", str(old), "-f", "md", "-o", str(tmp_path / "r.md")],
    ]


def _run(runner: CliRunner, args: list[str]):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])


@pytest.mark.parametrize("which", [0, 1, 2])
def test_another_subject_is_refused(runner: CliRunner, tmp_path: Path, which: int) -> None:
    other = _variant(tmp_path, "other.yaml", subject="other-bank")
    args = _commands(other, NEW, tmp_path)[which]
    result = _run(runner, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{other}: " in result.stderr
    assert "assesses 'other-bank', but" in result.stderr and "assesses 'acme'" in result.stderr
    assert "--other-subject" in result.stderr
    assert not (tmp_path / "r.md").exists()
    allowed = _run(runner, [*args, "--other-subject"])
    assert allowed.exit_code == 0, allowed.output


@pytest.mark.parametrize("which", [0, 1, 2])
def test_a_later_baseline_is_a_warning_naming_both_dates(
    runner: CliRunner, tmp_path: Path, which: int
) -> None:
    later = _variant(tmp_path, "later.yaml", date="2027-06-01")
    result = _run(runner, _commands(later, NEW, tmp_path)[which])
    assert result.exit_code == 0, result.output
    assert f"{later}: warning: " in result.stderr
    assert "is dated 2027-06-01, after" in result.stderr and "dated 2026-11-01" in result.stderr


@pytest.mark.parametrize("which", [0, 1, 2])
def test_an_earlier_baseline_of_the_same_subject_says_nothing(
    runner: CliRunner, tmp_path: Path, which: int
) -> None:
    result = _run(runner, _commands(OLD, NEW, tmp_path)[which])
    assert result.exit_code == 0, result.output
    assert "after" not in result.stderr.replace("after each", "")
    assert "--other-subject" not in result.stderr


def test_another_questionnaire_family_is_refused(runner: CliRunner) -> None:
    """The bank and a branch share dimension ids, but are not one questionnaire."""
    bank, branch = EXAMPLES / "acme-bank.yaml", EXAMPLES / "branches" / "jinhua-county.yaml"
    result = runner.invoke(main, ["compare", str(bank), str(branch)])
    assert result.exit_code == 2, result.output
    assert "bank-fintech@2.0.0, but NEW (jinhua-county.yaml) answers branch-fintech@" in (
        result.stderr
    )
    assert "overall" not in result.stdout
    forced = runner.invoke(main, ["compare", str(bank), str(branch), "--other-subject"])
    assert forced.exit_code == 2, "--other-subject does not make two questionnaires one"


def test_report_with_another_family_as_baseline(runner: CliRunner, tmp_path: Path) -> None:
    bank, branch = EXAMPLES / "acme-bank.yaml", EXAMPLES / "branches" / "jinhua-county.yaml"
    out = tmp_path / "r.md"
    args = ["report", str(bank), "--baseline", str(branch), "-o", str(out), "--other-subject"]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "branch-fintech" in result.stderr and not out.exists()


def test_versions_of_one_questionnaire_compare(runner: CliRunner) -> None:
    """An answers file of bank-fintech 1.0.0 compares with one of 2.0.0 (ids renamed
    between the versions are mapped through `replaces`)."""
    old, new = DATA / "answers" / "acme-bank-1.0.0.yaml", EXAMPLES / "acme-bank.yaml"
    result = runner.invoke(main, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("bank-fintech@1.0.0", "bank-fintech@2.0.0")
    assert data["renamed"]
