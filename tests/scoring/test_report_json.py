"""The score JSON: the keys SPEC.md names, nulls for n/a, full precision."""

from __future__ import annotations

import json

import pytest

from capassess.scoring.engine import score_assessment
from capassess.scoring.report_json import score_json
from tests.scoring.helpers import FULL, assessment, tiny, variant


def test_na_nodes_are_null_and_lists_are_given() -> None:
    result = score_assessment(tiny(), assessment({**FULL, "o-api": "n/a", "g-choice": None}))
    data = score_json(result, tiny())
    json.dumps(data)  # plain data only
    open_dim = data["dimensions"][1]
    assert (open_dim["score"], open_dim["level"], open_dim["level_name"]) == (None, None, None)
    assert open_dim["capabilities"][0]["not_applicable"] == 1
    assert data["questions"] == {"missing": ["g-choice"], "not_applicable": ["o-api"],
                                 "skipped": []}  # fmt: skip
    # governance: 1 + 4 * (2 * 0.5 + 1 * 0) / 3 = 1 + 4/3 = 2.3333...: full precision
    gov = data["dimensions"][0]["capabilities"][0]
    assert gov["score"] == 1 + 4 / 3
    assert gov["target"] == 3
    assert gov["questions"][1] == {"id": "g-choice", "status": "missing", "value": None,
                                   "score": 0.0, "weight": pytest.approx(1 / 3)}  # fmt: skip
    assert [lv["name"]["zh"] for lv in data["levels"]] == [
        "初始级", "受管理级", "稳健级", "量化管理级", "优化级"]  # fmt: skip


def test_ahp_nodes_are_described() -> None:
    q = variant(tiny(), ahp={"items": ["data", "open"], "matrix": [[1, 3]]})
    data = score_json(score_assessment(q, assessment(FULL)), q)
    assert data["ahp"] == [
        {"node": "tiny", "weights": [pytest.approx(0.75), pytest.approx(0.25)],
         "lambda_max": pytest.approx(2.0), "ci": 0.0, "ri": 0.0, "cr": 0.0, "limit": 0.1}
    ]  # fmt: skip
