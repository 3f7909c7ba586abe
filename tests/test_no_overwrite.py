"""No command writes its output over one of its own inputs: the input is kept, exit 2.

A mistyped ``-o`` (``report a.yaml -o a.yaml``), a link to an input, or a batch fed an
earlier run's ``scores.csv`` from the folder it writes to would otherwise replace the
user's data with ours.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.atomic import refuse_inputs
from capassess.cli import main
from capassess.errors import OutputError
from tests.batch.helpers import MINI, write_csv
from tests.conftest import DATA

GOOD = DATA / "good"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    shutil.copy(GOOD / "tiny-answers.yaml", path)
    return path


def _refused(result, kept: Path, before: bytes, output: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"cannot write {output}: it is" in result.stderr
    assert "which would be replaced; choose another output" in result.stderr
    assert kept.read_bytes() == before
    assert not [p.name for p in kept.parent.iterdir() if p.name.endswith(".tmp")]


def test_report_over_its_answers(runner: CliRunner, answers: Path) -> None:
    before = answers.read_bytes()
    args = ["--questionnaire-dir", str(GOOD), "report", str(answers), "-o", str(answers)]
    result = runner.invoke(main, args)
    _refused(result, answers, before, str(answers))
    assert "it is also an input" in result.stderr


def test_report_over_a_link_to_its_baseline(
    runner: CliRunner, answers: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "old.yaml"
    shutil.copy(GOOD / "tiny-answers-old.yaml", baseline)
    link = tmp_path / "report.md"
    link.symlink_to(baseline)
    before = baseline.read_bytes()
    args = ["report", str(answers), "--baseline", str(baseline), "-f", "md", "-o", str(link)]
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])
    _refused(result, baseline, before, str(link))
    assert f"it is the input {baseline}" in result.stderr


def test_report_elsewhere_is_written(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    args = ["report", str(answers), "-f", "md", "-o", str(out)]
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("#")


def test_batch_fed_its_own_scores_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    source = write_csv(out / "scores.csv", [["id", "q1", "q2"], ["A", "3", "4"]])
    before = source.read_bytes()
    result = runner.invoke(main, ["batch", str(source), "-o", str(out), "-q", str(MINI)])
    _refused(result, source, before, str(source))
    assert sorted(p.name for p in out.iterdir()) == ["scores.csv"]


def test_template_over_its_questionnaire(runner: CliRunner, tmp_path: Path) -> None:
    questionnaire = tmp_path / "mini.yaml"
    shutil.copy(MINI, questionnaire)
    before = questionnaire.read_bytes()
    args = ["template", "-q", str(questionnaire), "-f", "csv", "-o", str(questionnaire)]
    result = runner.invoke(main, args)
    _refused(result, questionnaire, before, str(questionnaire))


def test_interview_over_its_questionnaire(runner: CliRunner, tmp_path: Path) -> None:
    questionnaire = tmp_path / "tiny.yaml"
    shutil.copy(GOOD / "tiny.yaml", questionnaire)
    before = questionnaire.read_bytes()
    args = ["assess", "-q", str(questionnaire), "-o", str(questionnaire), "--subject-id", "x"]
    result = runner.invoke(main, args, input="")
    _refused(result, questionnaire, before, str(questionnaire))


def test_report_over_its_questionnaire(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    questionnaire = folder / "tiny.yaml"
    shutil.copy(GOOD / "tiny.yaml", questionnaire)
    before = questionnaire.read_bytes()
    args = ["report", str(answers), "-f", "md", "-o", str(questionnaire)]
    result = runner.invoke(main, ["--questionnaire-dir", str(folder), *args])
    _refused(result, questionnaire, before, str(questionnaire))


def test_report_over_one_of_its_templates(runner: CliRunner, answers: Path, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "report.html.j2"
    template.write_text('{% extends "!report.html.j2" %}\n', encoding="utf-8")
    before = template.read_bytes()
    args = ["report", str(answers), "-o", str(template), "--template-dir", str(folder)]
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])
    _refused(result, template, before, str(template))


def test_a_device_is_no_input_to_protect() -> None:
    """Devices are written in place, not replaced: /dev/null as input and output is fine."""
    refuse_inputs(["/dev/null"], ["/dev/null"])
    with pytest.raises(OutputError):
        refuse_inputs([__file__], [Path(__file__)])
