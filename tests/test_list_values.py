"""A list given where a question takes one value, and figures in a list, are said as
such, at the answer.

A list given to a level, choice, number or bool question was read as the text of the
list: ``[1, 2]`` for a number was "cannot tell the decimal comma from a thousands
separator", ``[a]`` for a choice was ``"['a']" is not an option``; a figure in a list
(``[3]``) was "Input should be a valid string". A multi question's list is checked item
by item against its options.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import TINY

HEAD = "questionnaire: tiny@1.0\nsubject: {id: x, name: X, kind: bank}\nanswers:\n  o-api: 45\n"
CASES = [
    ("g-level", "[3]", "['3'] is a list; a level question takes one value"),
    ("g-level", "[a, b]", "['a', 'b'] is a list; a level question takes one value"),
    ("g-choice", "[partial]", "['partial'] is a list; a choice question takes one value"),
    ("a-number", "[1, 2]", "['1', '2'] is a list; a number question takes one value"),
    ("a-number", "[12]", "['12'] is a list; a number question takes one value"),
    ("a-bool", "[true]", "['true'] is a list; a bool question takes one value"),
    ("a-bool", "[]", "[] is a list; a bool question takes one value"),
    ("a-multi", "[3]", "'3' not among the options: bi, ml, rt"),
    ("a-multi", "[bi, 2.5, false]", "'2.5', 'false' not among the options: bi, ml, rt"),
]


@pytest.mark.parametrize("command", ["validate", "score"])
@pytest.mark.parametrize(("qid", "value", "said"), CASES)
def test_list_value_said_at_the_answer(
    runner: CliRunner, tmp_path: Path, command: str, qid: str, value: str, said: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"{HEAD}  {qid}:\n    value: {value}\n", encoding="utf-8")
    args = ["--questionnaire-dir", str(TINY.parent), command, str(path)]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"{path}:6:5: answers.{qid}.value: {said}" in result.stderr, result.stderr
    assert "valid string" not in result.stderr and "decimal comma" not in result.stderr
