"""What the careful YAML parser lets through, refuses, and where it says so.

Each row puts one YAML construct into an answers file (the value of ``assessor`` on
line 3, or the note of an answer on line 7) that libyaml would not read, so the careful
parser must: a plain Python error inside ruamel, a value of a tag outside the core
schema, a lone surrogate, each must be one located line and exit 2, never a traceback,
whichever command reads the file.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from capassess.loading import parse_yaml_text
from tests.conftest import DATA

GOOD = DATA / "good"
ANSWERS = "questionnaire: tiny@2.1\nsubject: {{id: acme}}\nassessor: {assessor}\n{rest}"
NOTE = "answers:\n  g-level:\n    value: 3\n    note: {note}\n"

# (case, assessor, note, where the error is, the message after it)
CASES = [
    ("yaml-1.3", None, None, "1:1: ", "YAML error: %YAML 1.3 is not a YAML version"),
    ("yaml-1.0", None, None, "1:1: ", "YAML error: %YAML 1.0 is not a YAML version"),
    ("yaml-2.0", None, None, "1:1: ", "YAML error: %YAML 2.0 is not a YAML version"),
    ("escape-beyond-unicode", '"\\U00110000"', None, "3:", "an escape names no Unicode"),
    ("bool-tag-on-a-word", "!!bool maybe", None, "3:11: ", "cannot read the value 'maybe'"),
    ("set-tag-on-a-scalar", "!!set x", None, "3:11: ", "its tag !!set can hold"),
    ("omap-tag-on-a-scalar", "!!omap x", None, "3:11: ", "its tag !!omap can hold"),
    ("mapping-in-a-set", "!!set {? {a: 1}}", None, "3:", "YAML error: found unhashable key"),
    ("binary", "!!binary aGVsbG8=", None, "3:11: assessor: ", "(!!binary) is not allowed"),
    ("set", "!!set {a, b}", None, "3:11: assessor: ", "(!!set) is not allowed"),
    ("pairs", "!!pairs [{a: 1}]", None, "3:11: assessor: ", "(!!pairs) is not allowed"),
    ("own-tag-on-a-scalar", "!custom foo", None, "3:11: assessor: ", "YAML tag '!custom' is"),
    ("python-tag-on-a-scalar", '!!python/none ""', None, "3:11: assessor: ", "python/none'"),
    ("lone-surrogate", '"a\\ud800b"', None, "3:11: assessor: ", "the text holds \\ud800, half"),
    (
        "surrogate-pair-in-a-note",
        "A",
        '"\\ud83d\\ude00"',
        "7:11: answers.g-level.note: ",
        "the text holds \\ud83d, half of a UTF-16 surrogate pair",
    ),
]


def _write(tmp_path: Path, case: str, assessor: str | None, note: str | None) -> Path:
    if assessor is None:  # a %YAML directive names the version
        version = case.removeprefix("yaml-")
        text = f"%YAML {version}\n---\n" + ANSWERS.format(assessor="A", rest="answers: {}\n")
    else:
        rest = NOTE.format(note=note) if note else "answers: {}\n"
        text = ANSWERS.format(assessor=assessor, rest=rest)
    path = tmp_path / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "score", "plan"])
@pytest.mark.parametrize(
    ("case", "assessor", "note", "where", "fragment"), CASES, ids=[c[0] for c in CASES]
)
def test_unreadable_yaml_is_one_located_error(
    runner: CliRunner,
    tmp_path: Path,
    command: str,
    case: str,
    assessor: str | None,
    note: str | None,
    where: str,
    fragment: str,
) -> None:
    path = _write(tmp_path, case, assessor, note)
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), command, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{path}:")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{path}:{where}"), lines
    assert fragment in lines[0]


@pytest.mark.parametrize(
    ("case", "text", "assessor"),
    [
        ("str-tag", "assessor: !!str 12\n", "12"),
        ("yaml-1.2", "%YAML 1.2\n---\nassessor: A\n", "A"),
        ("yaml-1.1", "%YAML 1.1\n---\nassessor: A\n", "A"),
        ("anchor-defined-again", "assessor: &a A\nnote: &a B\nsubject_name: *a\n", "A"),
    ],
)
def test_what_yaml_allows_is_read_quietly(
    tmp_path: Path, case: str, text: str, assessor: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ruamel's own warnings would reach the terminal
        doc = parse_yaml_text(text, f"{case}.yaml")
    assert doc.data["assessor"] == assessor
