"""A branch's report gives costs by the size of the bank it belongs to, and says so; a
bank's report by its own size."""

from __future__ import annotations

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.resources import data_dir
from capassess.texts.report import EN, ZH

EXAMPLES = data_dir("examples")
CASES = [
    ("branches/hangzhou-west.yaml", "cost_sizes_branch", "limit_costs_branch"),
    ("acme-bank.yaml", "cost_sizes", "limit_costs"),
]


@pytest.mark.parametrize(("answers", "sizes", "limit"), CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cost_bands_fit_the_unit(answers: str, sizes: str, limit: str, lang: str) -> None:
    path = EXAMPLES / answers
    if not path.is_file():
        pytest.skip("the examples are not installed")
    t = EN if lang == "en" else ZH
    report = build_report(plan_file(path, PlanOptions()), lang)  # type: ignore[arg-type]
    costs = [a.cost for p in report.phases for a in p.actions if a.cost]
    assert costs
    head = t[sizes].split("{")[0]
    assert all(c.startswith(head) for c in costs), costs[0]
    other = t["cost_sizes" if sizes == "cost_sizes_branch" else "cost_sizes_branch"]
    assert not any(c.startswith(other.split("{")[0]) for c in costs)
    assert report.scope is not None and t[limit] in report.scope.limitations
