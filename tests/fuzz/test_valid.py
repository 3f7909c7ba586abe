"""Valid generated questionnaires and answers validate, and score as SPEC.md says."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.harness import FUZZ, assert_no_crash, cli, written
from tests.fuzz.strategies import NA, Case, answered, holds


def _question_score(q: dict[str, Any], value: Any) -> float:
    """s in [0, 1] of a typed value, straight from SPEC.md "Scoring"."""
    kind = q["type"]
    if kind == "level":
        return (value - 1) / 4
    if kind == "choice":
        return float(next(o["score"] for o in q["options"] if o["id"] == value))
    if kind == "multi":
        total = sum(o["score"] for o in q["options"])
        return sum(o["score"] for o in q["options"] if o["id"] in value) / total
    if kind == "bool":
        return 1.0 if value else 0.0
    t = q["thresholds"]
    if q.get("better", "higher") == "higher":
        level = 1 + sum(1 for x in t if value >= x)
    else:
        level = 5 - sum(1 for x in t if value > x)
    return (level - 1) / 4


def _weights(node: dict[str, Any], children: list[dict[str, Any]]) -> list[float]:
    if "ahp" in node:  # a consistent matrix: the weights are the ratios it was made from
        items, first_row = node["ahp"]["items"], node["ahp"]["matrix"][0]
        start = len(items) - len(first_row)
        # Entry (0, j) is w0 / wj; so wj is proportional to 1 / entry.
        inverse = {items[start + k]: 1 / float(eval_fraction(v)) for k, v in enumerate(first_row)}
        inverse.setdefault(items[0], 1.0)
        return [inverse[c["id"]] for c in children]
    return [float(c.get("weight", 1.0)) for c in children]


def eval_fraction(value: Any) -> float:
    """A matrix entry: a number or ``p/q``."""
    if isinstance(value, str):
        top, bottom = value.split("/")
        return int(top) / int(bottom)
    return float(value)


def _combine(model: str, pairs: list[tuple[float, float]], capability: bool) -> float | None:
    if not pairs:
        return None
    if model == "staged":
        low = min(x for x, _ in pairs)
        return 1 + 4 * low if capability else low
    mean = sum(x * w for x, w in pairs) / sum(w for _, w in pairs)
    return 1 + 4 * mean if capability else mean


def expected(case: Case, model: str, policy: str) -> dict[str, Any]:
    """Status of every question and score of every node, computed independently."""
    values: dict[str, Any] = {}
    status: dict[str, str] = {}
    for q in case.questions():
        qid, typed = q["id"], case.typed[q["id"]]
        if qid in case.conditions and not holds(case.conditions[qid], values):
            status[qid], values[qid] = "skipped", None
        elif typed is None or typed == NA:
            status[qid] = "missing" if typed is None else "not_applicable"
            values[qid] = None
        else:
            status[qid], values[qid] = "answered", typed
    scores: dict[str, float | None] = {}
    dim_pairs = []
    root = case.questionnaire
    for dim, dim_w in zip(root["dimensions"], _weights(root, root["dimensions"]), strict=True):
        cap_pairs = []
        caps = dim["capabilities"]
        for cap, cap_w in zip(caps, _weights(dim, caps), strict=True):
            pairs = []
            for q, w in zip(cap["questions"], _weights(cap, cap["questions"]), strict=True):
                if status[q["id"]] == "answered":
                    pairs.append((_question_score(q, values[q["id"]]), w))
                elif status[q["id"]] == "missing" and policy == "lowest":
                    pairs.append((0.0, w))
            scores[cap["id"]] = _combine(model, pairs, capability=True)
            if scores[cap["id"]] is not None:
                cap_pairs.append((scores[cap["id"]], cap_w))
        scores[dim["id"]] = _combine(model, cap_pairs, capability=False)
        if scores[dim["id"]] is not None:
            dim_pairs.append((scores[dim["id"]], dim_w))
    scores["overall"] = _combine(model, dim_pairs, capability=False)
    return {"status": status, "scores": scores}


def _check_node(node: dict[str, Any], want: float | None) -> None:
    score, level = node["score"], node["level"]
    if want is None:
        assert score is None and level is None, node
        return
    assert score is not None and 1 <= score <= 5, node
    assert score == pytest.approx(want, rel=1e-9, abs=1e-9), node
    assert level == max(1, min(5, math.floor(score + 1e-9))), node


def check_score_json(case: Case, data: dict[str, Any], model: str, policy: str) -> None:
    """The score JSON agrees with an independent computation, node by node."""
    want = expected(case, model, policy)
    assert data["model"] == model
    assert data["questionnaire"]["id"] == case.questionnaire["id"]
    _check_node(data["overall"], want["scores"]["overall"])
    dims = case.questionnaire["dimensions"]
    assert [d["id"] for d in data["dimensions"]] == [d["id"] for d in dims]
    for dim in data["dimensions"]:
        _check_node(dim, want["scores"][dim["id"]])
        for cap in dim["capabilities"]:
            _check_node(cap, want["scores"][cap["id"]])
            got = {q["id"]: q["status"] for q in cap["questions"]}
            assert got == {qid: want["status"][qid] for qid in got}
            counts = [cap[k] for k in ("answered", "not_applicable", "missing", "skipped")]
            assert sum(counts) == len(cap["questions"])
    for kind in ("missing", "not_applicable", "skipped"):
        listed = [qid for qid, s in want["status"].items() if s == kind]
        assert data["questions"][kind] == listed


@FUZZ
@given(
    answered(),
    st.sampled_from([None, "weighted-mean", "staged"]),
    st.sampled_from([None, "lowest", "exclude"]),
    st.integers(0, 3),
)
def test_valid_files_validate_and_score(
    case: Case, model: str | None, missing: str | None, seed: int
) -> None:
    with written(case, seed) as files:
        checked = cli(files, "validate", files.questionnaire, files.answers)
        assert_no_crash(checked)
        assert checked.exit_code == 0, checked.stderr + files.a_text
        assert all("warning:" in line for line in checked.stderr.splitlines()), checked.stderr
        assert checked.stdout.count("ok ") == 2, checked.stdout

        options = [
            *(["--model", model] if model else []),
            *(["--missing", missing] if missing else []),
        ]
        scored = cli(files, "score", files.answers, "--format", "json", *options)
        assert_no_crash(scored)
        assert scored.exit_code == 0, scored.stderr
        data = json.loads(scored.stdout)
        chosen_model = model or case.questionnaire.get("model", "weighted-mean")
        policy = missing or case.questionnaire.get("missing", "lowest")
        check_score_json(case, data, chosen_model, policy)

        table = cli(files, "score", files.answers, "--lang", "zh", *options)
        assert_no_crash(table)
        assert table.exit_code == 0, table.stderr
