"""``true`` or ``false`` where a number is expected is refused, at its place, in every
kind of file.

pydantic reads true as 1 and false as 0: ``target: true`` was a target of level 1,
``weight: true`` a weight of 1, ``max: true`` a maximum of 1 that then refused every
answer above it, and an AHP entry ``true`` a judgement of "equal", although
``parse_entry`` meant to refuse it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import TINY

QUESTIONNAIRE = TINY.read_text(encoding="utf-8")
# (written in tiny.yaml, written instead, the field named)
QUESTIONNAIRE_CASES = [
    ("weight: 3", "weight: true", "dimensions[0].weight"),
    ("target: 3", "target: true", "dimensions[0].capabilities[0].target"),
    ("weight: 2", "weight: false", "dimensions[0].capabilities[0].questions[0].weight"),
    ("score: 0.5}", "score: true}", "questions[1].options[1].score"),
    ("thresholds: [5, 10", "thresholds: [true, 10", "questions[1].thresholds[0]"),
    ("max: 100", "max: true", "questions[1].max"),
    ("min: 0", "min: false", "questions[1].min"),
    ("level: 2", "level: true", "actions[0].level"),
    ("duration_months: 3", "duration_months: true", "actions[0].duration_months"),
]


def _stderr(runner: CliRunner, path: Path) -> str:
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    return result.stderr


@pytest.mark.parametrize(("old", "new", "field"), QUESTIONNAIRE_CASES)
def test_truth_value_in_questionnaire(
    runner: CliRunner, tmp_path: Path, old: str, new: str, field: str
) -> None:
    assert old in QUESTIONNAIRE
    path = tmp_path / "tiny.yaml"
    path.write_text(QUESTIONNAIRE.replace(old, new, 1), encoding="utf-8")
    line = QUESTIONNAIRE[: QUESTIONNAIRE.index(old)].count("\n") + 1
    word = new.split(": ")[1].strip("[}").split(",")[0]
    stderr = _stderr(runner, path)
    assert f"{path}:{line}:" in stderr, stderr
    assert f"{field}: {word} is not a number" in stderr, stderr


OTHER_FILES = [
    ("targets:\n  governance: true\n", "targets.governance: true is not a number"),
    ("default: false\ntargets: {}\n", "default: false is not a number"),
    (
        "targets:\n  governance: {level: 3, importance: true}\n",
        "targets.governance.importance: true is not a number",
    ),
    ("items: [a, b]\nmatrix: [[1, true], [1, 1]]\n", "matrix[0][1]: true is not a number"),
    ("items: [a, b]\nmatrix: [[1, 3], [1/3, 1]]\naccept_cr: true\n", "accept_cr: true is not"),
]


@pytest.mark.parametrize(("text", "said"), OTHER_FILES)
def test_truth_value_in_target_and_matrix(
    runner: CliRunner, tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert said in _stderr(runner, path)
