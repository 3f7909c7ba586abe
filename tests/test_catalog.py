"""A questionnaire that is not found names the files the search could not read.

A user's copy of a questionnaire with one mistake in it (a key given twice, a weight
of 0, a YAML typo) is skipped when an id is looked up, and the
answers naming that id got 'questionnaire 'tiny' not found (known: ...)', which points
away from the broken file. Each row: a broken copy under some name in the
questionnaire folder, and each way of looking an id up; the message goes on to name
the file, and to say how to learn why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"
BROKEN = [
    ("duplicate-key", "my-tiny.yaml", ('version: "2.1"\n', 'version: "2.1"\nversion: "2.2"\n')),
    ("zero-weight", "copy of tiny.yaml", ("weight: 3", "weight: 0")),
    ("yaml-typo", "tiny-v2.yml", ("title: {en: Tiny model", "title: {en: Tiny model]")),
]
LOOKUPS = [
    ["score", "{answers}"],
    ["plan", "{answers}"],
    ["validate", "{answers}"],
    ["show", "tiny@2.1"],
    ["template", "-q", "tiny@2.1", "-o", "{out}/sheet.csv"],
]


@pytest.mark.parametrize("lookup", LOOKUPS, ids=lambda c: c[0])
@pytest.mark.parametrize(("case", "name", "change"), BROKEN, ids=[b[0] for b in BROKEN])
def test_not_found_names_the_files_that_could_not_be_read(
    tmp_path: Path, lookup: list[str], case: str, name: str, change: tuple[str, str]
) -> None:
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    text = (GOOD / "tiny-gated.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    broken = folder / name
    broken.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_bytes((GOOD / "tiny-gated-answers.yaml").read_bytes())
    args = [part.format(answers=answers, out=tmp_path / "out") for part in lookup]
    result = CliRunner().invoke(main, ["--questionnaire-dir", str(folder), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2, result.output
    assert "not found" in result.stderr
    assert f"files that could not be read: {broken} (capassess validate FILE says why)" in (
        result.stderr
    )


def test_a_search_that_read_every_file_says_nothing_more(tmp_path: Path) -> None:
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "tiny.yaml").write_bytes((GOOD / "tiny.yaml").read_bytes())
    result = CliRunner().invoke(main, ["--questionnaire-dir", str(folder), "show", "nosuch"])
    assert result.exit_code == 2
    assert "questionnaire 'nosuch' not found (known: " in result.stderr
    assert "could not be read" not in result.stderr


@pytest.mark.parametrize("command", [["score", "{answers}"], ["questionnaires"], ["show", "tiny"]])
@pytest.mark.parametrize("folder", ["no-such-folder", "answers.yaml"])
def test_a_questionnaire_folder_that_is_not_a_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], folder: str
) -> None:
    """A mistyped --questionnaire-dir would leave the shipped questionnaire of the same
    id (bank-fintech) to score a file meant for the user's own version, unsaid."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_bytes((GOOD / "tiny-gated-answers.yaml").read_bytes())
    args = [part.format(answers="answers.yaml") for part in command]
    result = CliRunner().invoke(main, ["--questionnaire-dir", folder, *args])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--questionnaire-dir': Directory '{folder}'" in result.stderr
