"""Validation reports every independent error in one run, one line per bad value, in
the user's words.

A value that fits no member of a union (`.nan` as an answer) is one line, not one per
member; the checks that need a built model (answers against the questionnaire,
dependency cycles, duplicate ids, unknown actions) still run when some field is bad;
no message names pydantic's internals (`constrained-int`, `TargetEntry`, `function-after`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA, TINY

BAD_ANSWERS = """\
questionnaire: tiny@1.0
subject: {id: x, name: X, kind: bank}
answers:
  g-level: "three"
  nope-id: 3
  a-number: .nan
  o-api: .inf
  a-bool: maybe
  g-choice: 1e400
"""
"""Each line a different mistake; the same ones as a review found in bank-fintech."""

INTERNALS = re.compile(
    r"constrained-|function-(after|before|wrap|plain)|lax-or-strict|tagged-union|json-or-python"
    r"|\.(bool|int|float|str|list\[str\]|TargetEntry)(:|\.)"
)


def _lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("command", ["score", "validate", "plan"])
def test_answers_errors_all_at_once(runner: CliRunner, tmp_path: Path, command: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(BAD_ANSWERS.replace("1e400", "1.0e+400"), encoding="utf-8")
    result = runner.invoke(main, ["--questionnaire-dir", str(TINY.parent), command, str(path)])
    assert result.exit_code == 2, result.output
    lines = [line for line in _lines(result) if line.startswith(str(path))]
    by_field = {line.split(": ")[1] for line in lines}
    assert by_field == {
        "answers.g-level",
        "answers.nope-id",
        "answers.a-number",
        "answers.o-api",
        "answers.a-bool",
        "answers.g-choice",
    }, lines
    assert len(lines) == 6, "one line per bad value"
    for field in ("a-number", "o-api", "g-choice"):
        (line,) = [x for x in lines if f"answers.{field}:" in x]
        assert "not a finite number" in line
    assert not INTERNALS.search(result.stderr)


def _questionnaire(tmp_path: Path) -> Path:
    """tiny.yaml with a bad weight and target, a duplicate question id, a dependency
    cycle and an unknown action: five independent errors."""
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("    weight: 3\n", "    weight: .inf\n", 1)
    text = text.replace("        target: 4\n", "        target: 9\n", 1)
    text = text.replace("          - id: g-choice\n", "          - id: g-level\n", 1)
    text = text.replace(
        "            duration_months: 3\n",
        "            duration_months: 3\n            depends_on: [act-committee]\n",
        1,
    )
    text = text.replace(
        "            duration_months: 12\n            depends_on: [act-committee]",
        "            duration_months: 12\n            depends_on: [act-nope]",
        1,
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_questionnaire_field_errors_do_not_hide_the_model_checks(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _questionnaire(tmp_path)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    text = result.stderr
    assert "dimensions[0].weight: not a finite number" in text
    assert "capabilities[1].target: Input should be less than or equal to 5" in text
    assert "duplicate id 'g-level'" in text
    assert "dependency cycle: act-" in text
    assert "unknown action 'act-nope'" in text
    assert not INTERNALS.search(text)
    located = [line for line in _lines(result) if line.startswith(f"{path}:")]
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line) for line in located)


def test_a_questionnaire_with_field_errors_is_refused_with_all_of_them_when_used(
    runner: CliRunner, tmp_path: Path
) -> None:
    """`template -q`, `score` and the rest load questionnaires through the same path."""
    path = _questionnaire(tmp_path)
    result = runner.invoke(main, ["template", "-q", str(path), "-o", str(tmp_path / "t.csv")])
    assert result.exit_code == 2, result.output
    assert "dependency cycle" in result.stderr and "not a finite number" in result.stderr
    assert not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("{level: 4, importance: .inf}", "targets.governance.importance: not a finite number"),
        ("{level: 4, importance: 1e308}", "targets.governance.importance: Input should be less"),
        ("{level: 4, weight: 2}", "targets.governance.weight: unknown field"),
        ("high", "targets.governance: 'high' should be a whole number or a mapping of fields"),
        ("{level: 9}", "targets.governance.level: Input should be less than or equal to 5"),
    ],
)
def test_target_messages_name_the_field_not_the_type(
    runner: CliRunner, tmp_path: Path, entry: str, expected: str
) -> None:
    path = tmp_path / "t.yaml"
    text = f"questionnaire: tiny\ntargets:\n  governance: {entry}\n  nope-cap: 4\n"
    path.write_text(text.replace("1e308", "1.0e+308"), encoding="utf-8")
    result = runner.invoke(main, ["--questionnaire-dir", str(TINY.parent), "validate", str(path)])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "unknown capability 'nope-cap'" in result.stderr, "checked in the same run"
    assert len([x for x in _lines(result) if "targets.governance" in x]) == 1
    assert not INTERNALS.search(result.stderr)


def test_no_message_of_the_broken_corpus_names_internals(runner: CliRunner) -> None:
    """Every broken YAML file of the test data, validated: no internal name anywhere."""
    files = sorted(str(p) for p in (DATA / "bad").rglob("*.yaml") if p.is_file())
    assert len(files) > 50
    result = runner.invoke(main, ["--questionnaire-dir", str(TINY.parent), "validate", *files])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    found = INTERNALS.search(result.stderr)
    assert found is None, result.stderr[max(0, found.start() - 200) : found.end() + 50]
