"""A value of the wrong type is named in plain words, as the union messages already were:
"3 should be text", not pydantic's "Input should be a valid string", at the value's
line, with the file's other errors beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from capassess.cli import main

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "examples" / "acme-bank.yaml"


def _evidence(d: Any) -> None:
    d["answers"]["dg-level"]["evidence"] = 3


def _assessor(d: Any) -> None:
    d["assessor"] = ["a"]


def _subject(d: Any) -> None:
    d["subject"] = 3


def _group(d: Any) -> None:
    d["subject"]["group"] = ["East"]


CASES = [
    (_evidence, "answers.dg-level.evidence: 3 should be text"),
    (_assessor, "assessor: should be text"),
    (_subject, "subject: 3 should be a mapping of fields"),
    (_group, "subject.group: should be a mapping (key: value lines)"),
]


@pytest.mark.parametrize(("edit", "said"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_value_of_the_wrong_type_is_named_in_plain_words(
    tmp_path: Path, edit: Any, said: str
) -> None:
    yaml = YAML()
    data = yaml.load(BANK.read_text("utf-8"))
    edit(data)
    path = tmp_path / "a.yaml"
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert "Input should be" not in result.stderr
