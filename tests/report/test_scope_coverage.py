"""The scope's coverage counts the questions not asked on these answers (their condition
false), so that "questions: 23" agrees with "questions unanswered: 21 of 22" beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.texts import words
from tests.conftest import ROOT

BRANCH = ROOT / "examples" / "branches" / "hangzhou-west.yaml"

CASES = [
    # (b-chain-core answer: b-chain-work is asked only when it is yes; questions not asked)
    (True, 0),
    (False, 1),
]


@pytest.mark.parametrize(("core", "not_asked"), CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_coverage_names_the_questions_not_asked(
    tmp_path: Path, core: bool, not_asked: int, lang: Any
) -> None:
    yaml = YAML()
    data = yaml.load(BRANCH.read_text("utf-8"))
    data["answers"]["b-chain-core"] = {"value": core}
    path = tmp_path / "branch.yaml"
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    planned = plan_file(path, PlanOptions())
    assert len(planned.scored.result.question_ids("skipped")) == not_asked
    report = build_report(planned, lang)
    t = words("report", lang)
    cell = dict(report.scope.items)[t["scope_coverage"]]
    note = t["scope_skipped"].format(n=not_asked)
    assert cell.endswith(note) == bool(not_asked)
