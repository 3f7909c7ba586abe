"""The names every report and terminal shows are plain text, from a file or the interview.

The subject's id, name and group and the assessor reach the cover, the running header
of every printed page, the deck and the terminal. A control character there (an escape
sequence, a bell) or a bidirectional control (U+202E shows ``Acme gnaB`` as ``Acme
Bang``) is refused as respondents' and interviewees' names are: with its place in an
answers file, with its option in ``assess``, which then writes no file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"
CHARACTERS = {"escape": "\x1b", "bell": "\x07", "right-to-left override": "\u202e",
              "line separator": "\u2028", "left-to-right mark": "\u200e", "C1 control": "\x9b"}  # fmt: skip
ANSWERED = ["g-level=3", "g-owner=full", "a-multi=bi", "a-number=5", "o-api=5", "f-drill=1",
            "f-grading=5"]  # fmt: skip
# field in the file, its line and column there, the location shown
FIELDS = [
    ("subject.id", "4:7", "subject.id"),
    ("subject.name", "5:9", "subject.name"),
    ("subject.group.value", "7:15", "subject.group.region"),
    ("subject.group.key", "7:21", 'subject.group["re\\u'),
    ("assessor", "8:11", "assessor"),
]


def _answers(tmp_path: Path, field: str, char: str) -> Path:
    values = {"id": "acme", "name": "Acme Bank", "key": "region", "value": "East", "who": "Li"}
    target = {"subject.id": "id", "subject.name": "name", "subject.group.key": "key",
              "subject.group.value": "value", "assessor": "who"}[field]  # fmt: skip
    values[target] = f"{values[target][:2]}{char}{values[target][2:]}"
    v = {k: json.dumps(t) for k, t in values.items()}
    text = (
        "questionnaire: tiny@2.1\nsubject:\n  kind: bank\n"
        f"  id: {v['id']}\n  name: {v['name']}\n  group:\n    {v['key']}: {v['value']}\n"
        f"assessor: {v['who']}\nanswers:\n  g-level: 3\n"
    )
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "score", "report"])
@pytest.mark.parametrize(("field", "where", "shown"), FIELDS, ids=[f[0] for f in FIELDS])
@pytest.mark.parametrize("char", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_a_shown_name_in_a_file_is_plain_text(
    tmp_path: Path, command: str, field: str, where: str, shown: str, char: str
) -> None:
    path = _answers(tmp_path, field, char)
    args = ["--questionnaire-dir", str(GOOD), command, str(path)]
    if command == "report":
        args += ["-f", "md", "-o", str(tmp_path / "r.md")]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2, result.output
    expected = f"{path}:{where}: {shown}"
    line = next((x for x in result.stderr.splitlines() if x.startswith(expected)), None)
    assert line is not None, result.stderr
    assert f"holds the control character U+{ord(char):04X}" in line
    assert not (tmp_path / "r.md").exists()


PLAIN = {"--subject-id": "acme", "--name": "Acme", "--assessor": "Li", "--group": "region=East"}


def _interview(out: Path, option: str, value: str) -> list[str]:
    args = ["--questionnaire-dir", str(GOOD), "assess", "-q", "tiny@2.1", "-o", str(out)]
    for name, text in {**PLAIN, option: value}.items():
        args += [name, text]
    for answer in ANSWERED:
        args += ["--data", answer]
    return args


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--subject-id", "acme\u202ebank"),
        ("--name", "Acme \x1b[31mBank"),
        ("--group", "region=Ea\u202est"),
        ("--group", "reg\x07ion=East"),
        ("--assessor", "Li\u2028Wen"),
    ],
)
def test_the_interview_refuses_such_a_name(tmp_path: Path, option: str, value: str) -> None:
    out = tmp_path / "new.yaml"
    result = CliRunner().invoke(main, _interview(out, option, value), input="")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2, result.output
    assert f"{option}: holds the control character" in result.stderr
    assert not out.exists()
    plain = CliRunner().invoke(main, _interview(out, option, PLAIN[option]), input="")
    assert plain.exit_code == 0, plain.output  # the same interview, the name plain


def test_plain_names_still_pass(tmp_path: Path) -> None:
    path = _answers(tmp_path, "subject.name", "")
    text = path.read_text(encoding="utf-8").replace('"Acme Bank"', '"Acme 银行 (示例) – Ünïcode"')
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--questionnaire-dir", str(GOOD), "validate", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("char", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_a_report_title_is_plain_text(tmp_path: Path, fmt: str, char: str) -> None:
    """``report --title`` heads the cover and every printed page, as the bank's name does."""
    answers = GOOD / "tiny-gated-answers.yaml"
    out = tmp_path / f"r.{fmt}"
    args = ["--questionnaire-dir", str(GOOD), "report", str(answers), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--title", f"Board {char}review"])
    assert result.exit_code == 2, result.output
    assert f"--title': holds the control character U+{ord(char):04X}" in result.stderr
    assert not out.exists()
    plain = CliRunner().invoke(main, [*args, "--title", "Board review 董事会"])
    assert plain.exit_code == 0, plain.output
