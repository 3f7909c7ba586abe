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


# An input is protected by its real file identity, however it was found: a -q id looked
# up in --questionnaire-dir, in $CAPASSESS_QUESTIONNAIRES, in the installed package's
# data or in the current folder, a link to it, or the file an answers file names.


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A questionnaire folder holding tq.yaml (id tq)."""
    found = tmp_path / "q"
    found.mkdir()
    text = (GOOD / "tiny.yaml").read_text(encoding="utf-8").replace("id: tiny", "id: tq", 1)
    (found / "tq.yaml").write_text(text, encoding="utf-8")
    return found


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_over_a_questionnaire_found_by_id(runner: CliRunner, folder: Path, fmt) -> None:
    kept = folder / "tq.yaml"
    before = kept.read_bytes()
    args = ["--questionnaire-dir", str(folder), "template", "-q", "tq", "-f", fmt, "-o", str(kept)]
    _refused(runner.invoke(main, args), kept, before, str(kept))


def test_template_over_a_questionnaire_found_through_the_environment(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPASSESS_QUESTIONNAIRES", str(folder))
    kept = folder / "tq.yaml"
    before = kept.read_bytes()
    result = runner.invoke(main, ["template", "-q", "tq@1.0", "-f", "csv", "-o", str(kept)])
    _refused(result, kept, before, str(kept))


def test_template_over_a_questionnaire_in_the_current_folder(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    shutil.copy(folder / "tq.yaml", folder / "tq")
    before = (folder / "tq").read_bytes()
    result = runner.invoke(main, ["template", "-q", "tq", "-f", "csv", "-o", "tq"])
    _refused(result, folder / "tq", before, "tq")


def test_template_through_a_link_to_the_questionnaire(
    runner: CliRunner, folder: Path, tmp_path: Path
) -> None:
    link = tmp_path / "sheet.csv"
    link.symlink_to(folder / "tq.yaml")
    kept = folder / "tq.yaml"
    before = kept.read_bytes()
    args = ["--questionnaire-dir", str(folder), "template", "-q", "tq", "-o", str(link)]
    result = runner.invoke(main, args)
    _refused(result, kept, before, str(link))
    assert link.is_symlink()


def test_template_over_a_shipped_questionnaire(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The installed package's own data: a copy stands in for site-packages."""
    from capassess import catalog
    from capassess.resources import data_dir

    shipped = tmp_path / "package"
    shutil.copytree(data_dir("questionnaires"), shipped)
    monkeypatch.setattr(catalog, "data_dir", lambda name: shipped)
    kept = shipped / "branch-fintech.yaml"
    before = kept.read_bytes()
    result = runner.invoke(main, ["template", "-q", "branch-fintech", "-f", "csv", "-o", str(kept)])
    _refused(result, kept, before, str(kept))


def test_report_over_the_questionnaire_its_answers_name(
    runner: CliRunner, folder: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("questionnaire: tq\nsubject: {id: x}\nanswers: {g-level: 3}\n", "utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(folder / "tq.yaml")
    kept = folder / "tq.yaml"
    before = kept.read_bytes()
    args = ["--questionnaire-dir", str(folder), "report", str(answers), "-f", "md", "-o", str(link)]
    _refused(runner.invoke(main, args), kept, before, str(link))


def test_batch_output_folder_holding_its_input_folder(runner: CliRunner, tmp_path: Path) -> None:
    """Replacing the previous run's units/ would delete the answers files read from it."""
    out = tmp_path / "out"
    units = out / "units"
    units.mkdir(parents=True)
    answers = units / "a.yaml"
    answers.write_text(
        "questionnaire: mini\nsubject: {id: a}\nanswers: {q1: 3, q2: 4}\n", encoding="utf-8"
    )
    before = answers.read_bytes()
    result = runner.invoke(main, ["batch", str(units), "-o", str(out), "-q", str(MINI)])
    assert result.exit_code == 2, result.output
    assert "it holds the input" in result.stderr
    assert answers.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["units"]


def test_an_interview_still_saves_its_own_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    """The answers file an interview edits is its input and its output: that is allowed."""
    answers = tmp_path / "a.yaml"
    shutil.copy(GOOD / "tiny-answers.yaml", answers)
    args = ["--questionnaire-dir", str(GOOD), "assess", "-o", str(answers), "--ask", "a-number",
            "--data", "a-number=20"]  # fmt: skip
    result = runner.invoke(main, args, input="")
    assert result.exit_code == 0, result.output
    assert "a-number: 20" in answers.read_text(encoding="utf-8")


def test_a_file_made_under_a_reused_inode_is_no_input(tmp_path: Path) -> None:
    from capassess.atomic import write_atomic
    from capassess.reading import read_bounded

    path = tmp_path / "x.txt"
    path.write_text("input", encoding="utf-8")
    read_bounded(path, 100)
    with pytest.raises(OutputError, match="it is also an input"):
        write_atomic(path, "over")
    path.unlink()
    path.write_text("a new file", encoding="utf-8")  # may well get the same inode number
    write_atomic(path, "over")
    assert path.read_text(encoding="utf-8") == "over"


def test_report_over_a_shipped_template(
    runner: CliRunner, answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template of the installed package, given as -o: a copy stands in for it."""
    from capassess.report import environment
    from capassess.resources import data_dir

    shipped = tmp_path / "package-templates"
    shutil.copytree(data_dir("templates"), shipped)
    monkeypatch.setattr(environment, "data_dir", lambda name: shipped)
    kept = shipped / "report.md.j2"
    before = kept.read_bytes()
    args = ["report", str(answers), "-f", "md", "-o", str(kept)]
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])
    _refused(result, kept, before, str(kept))
