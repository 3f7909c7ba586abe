"""Hand-worked scores of the tiny questionnaire; every expected number is worked out."""

from __future__ import annotations

from typing import Any

import pytest

from capassess.errors import InputError
from capassess.model.results import ScoreResult
from capassess.scoring.engine import roll_up, score_assessment
from tests.scoring.helpers import FULL, assessment, tiny, variant

approx = pytest.approx


def _score(answers: dict[str, Any], **options: Any) -> ScoreResult:
    return score_assessment(tiny(), assessment(answers), **options)


def _scores(result: ScoreResult) -> dict[str, float | None]:
    out: dict[str, float | None] = {"overall": result.overall.score}
    for dim in result.dimensions:
        out[dim.id] = dim.score
        out.update({cap.id: cap.score for cap in dim.capabilities})
    return out


def test_every_question_type_answered() -> None:
    result = _score(FULL)
    assert _scores(result) == {
        # governance: 1 + 4 * (2 * 0.5 + 1 * 0.5) / (2 + 1) = 1 + 4 * 0.5 = 3
        "governance": approx(3.0),
        # analytics: 1 + 4 * (0.75 + 0.5 + 1) / 3 = 1 + 4 * 0.75 = 4
        "analytics": approx(4.0),
        # data: (3 + 4) / 2 = 3.5
        "data": approx(3.5),
        # api: 1 + 4 * 0.75 = 4; open: 4
        "api": approx(4.0),
        "open": approx(4.0),
        # overall: 3/4 * 3.5 + 1/4 * 4 = 2.625 + 1 = 3.625
        "overall": approx(3.625),
    }
    assert result.overall.level == 3  # floor(3.625)
    assert [d.level for d in result.dimensions] == [3, 4]
    gov = result.capability("governance")
    assert (gov.weight, gov.global_weight) == (approx(0.5), approx(0.375))  # 1/2 * 3/4
    assert [q.weight for q in gov.questions] == [approx(2 / 3), approx(1 / 3)]
    assert (gov.answered, gov.not_applicable, gov.missing, gov.skipped) == (2, 0, 0, 0)
    assert result.capability("api").global_weight == approx(0.25)  # 1 * 1/4


def test_not_applicable_questions_and_nodes_leave_the_sums() -> None:
    answers = {**FULL, "g-choice": "n/a", "a-number": "n/a", "o-api": "n/a", "a-multi": ["ml"]}
    result = _score(answers)
    assert _scores(result) == {
        # governance: only g-level 3: 1 + 4 * 0.5 = 3
        "governance": approx(3.0),
        # analytics: a-number n/a, so a-bool's condition is false (skipped);
        # only a-multi [ml]: s = 1 / 2 = 0.5 -> 1 + 4 * 0.5 = 3
        "analytics": approx(3.0),
        "data": approx(3.0),
        # api: its only question n/a -> null, and so is open
        "api": None,
        "open": None,
        # overall: open leaves the sums, so overall = data = 3
        "overall": approx(3.0),
    }
    analytics = result.capability("analytics")
    assert (analytics.answered, analytics.not_applicable, analytics.skipped) == (1, 1, 1)
    assert result.capability("api").level is None
    assert result.question_ids("not_applicable") == ["g-choice", "a-number", "o-api"]
    assert result.question_ids("skipped") == ["a-bool"]


def test_missing_answers_count_as_lowest_by_default() -> None:
    result = _score({"g-level": 5})
    assert result.missing_policy == "lowest"
    assert _scores(result) == {
        # governance: 1 + 4 * (2 * 1 + 1 * 0) / 3 = 1 + 8/3 = 3.6667
        "governance": approx(1 + 8 / 3),
        # analytics: a-multi and a-number missing (s = 0); a-bool skipped since
        # a-number is unanswered: 1 + 4 * 0 = 1
        "analytics": approx(1.0),
        # data: (11/3 + 1) / 2 = 7/3
        "data": approx(7 / 3),
        "api": approx(1.0),
        "open": approx(1.0),
        # overall: 3/4 * 7/3 + 1/4 * 1 = 7/4 + 1/4 = 2
        "overall": approx(2.0),
    }
    assert result.question_ids("missing") == ["g-choice", "a-multi", "a-number", "o-api"]
    assert result.capability("governance").questions[1].score == 0.0


def test_missing_answers_excluded() -> None:
    result = _score({"g-level": 5}, missing="exclude")
    assert _scores(result) == {
        # governance: only g-level counts: 1 + 4 * 1 = 5
        "governance": approx(5.0),
        # analytics and api: nothing answered -> null
        "analytics": None,
        "api": None,
        "data": approx(5.0),
        "open": None,
        "overall": approx(5.0),
    }
    assert result.capability("analytics").missing == 2


def test_missing_answers_refused_under_policy_error_listing_them_all() -> None:
    with pytest.raises(InputError) as caught:
        _score({"g-level": 5}, missing="error")
    # a-bool is not listed: its condition is false, so it is not asked.
    assert [p.loc for p in caught.value.problems] == [
        ("answers", "g-choice"),
        ("answers", "a-multi"),
        ("answers", "a-number"),
        ("answers", "o-api"),
    ]
    assert "g-choice, a-multi, a-number, o-api" in caught.value.message


def test_policy_and_model_default_to_the_questionnaire() -> None:
    q = variant(tiny(), missing="exclude", model="staged")
    result = score_assessment(q, assessment({"g-level": 5}))
    assert (result.model, result.missing_policy) == ("staged", "exclude")


@pytest.mark.parametrize(("option", "value"), [("model", "median"), ("missing", "zero")])
def test_unknown_model_or_policy(option: str, value: str) -> None:
    with pytest.raises(InputError, match=value):
        _score(FULL, **{option: value})


def test_nested_weights() -> None:
    data = tiny().model_dump()
    data["dimensions"][0]["capabilities"][1]["weight"] = 3  # analytics 3 : governance 1
    data["dimensions"][0]["capabilities"][0]["questions"][0]["weight"] = 6  # g-level 6 : 1
    q = variant(tiny(), dimensions=data["dimensions"])
    result = score_assessment(q, assessment({**FULL, "g-level": 5, "g-choice": "none"}))
    # governance: 1 + 4 * (6 * 1 + 1 * 0) / 7 = 1 + 24/7 = 4.428571
    assert result.capability("governance").score == approx(1 + 24 / 7)
    # data: (1 * 31/7 + 3 * 4) / 4 = (4.428571 + 12) / 4 = 4.107143
    assert result.dimensions[0].score == approx((31 / 7 + 12) / 4)
    # overall: 3/4 * 4.107143 + 1/4 * 4 = 3.080357 + 1 = 4.080357
    assert result.overall.score == approx(0.75 * (31 / 7 + 12) / 4 + 1)
    gov, ana = result.capability("governance"), result.capability("analytics")
    # global weights: 3/4 * 1/4 = 0.1875 and 3/4 * 3/4 = 0.5625
    assert (gov.global_weight, ana.global_weight) == (approx(0.1875), approx(0.5625))
    assert gov.questions[0].weight == approx(6 / 7)


def test_ahp_weights_replace_the_numbers() -> None:
    # data is 3 times as important as open: eigenvector (3/4, 1/4), as the direct weights.
    same = variant(tiny(), ahp={"items": ["open", "data"], "matrix": [[1, "1/3"]]})
    assert same.dimensions[0].weight == 3  # the direct weight is ignored when ahp is set
    assert _scores(score_assessment(same, assessment(FULL))) == approx(_scores(_score(FULL)))
    # open 3 times as important as data: overall = 1/4 * 3.5 + 3/4 * 4 = 0.875 + 3 = 3.875
    flipped = variant(tiny(), ahp={"items": ["data", "open"], "matrix": [[1, "1/3"]]})
    assert score_assessment(flipped, assessment(FULL)).overall.score == approx(3.875)


def test_staged_takes_the_weakest_link() -> None:
    result = _score(FULL, model="staged")
    assert _scores(result) == {
        # governance: min(0.5, 0.5) -> 1 + 4 * 0.5 = 3
        "governance": approx(3.0),
        # analytics: min(0.75, 0.5, 1) = 0.5 -> 3
        "analytics": approx(3.0),
        "data": approx(3.0),  # min(3, 3)
        "api": approx(4.0),  # 1 + 4 * 0.75
        "open": approx(4.0),
        "overall": approx(3.0),  # min(3, 4), whatever the weights
    }
    # with g-choice full (s = 1) and g-level 4 (s = 0.75): governance = 1 + 4 * 0.75 = 4;
    # weighted-mean gives 1 + 4 * (2 * 0.75 + 1) / 3 = 4.33, also level 4.
    stronger = _score({**FULL, "g-level": 4, "g-choice": "full"}, model="staged")
    assert stronger.capability("governance").score == approx(4.0)


def test_roll_up_reproduces_the_engine() -> None:
    result = _score(FULL)
    again = roll_up(tiny(), result.capability_scores(), template=result)
    assert again == result


def test_roll_up_projects_new_capability_scores() -> None:
    result = _score(FULL)
    # governance raised from 3 to 5: data = (5 + 4) / 2 = 4.5; overall = 3/4 * 4.5 + 1 = 4.375
    projected = roll_up(tiny(), {"governance": 5.0}, template=result)
    assert projected.overall.score == approx(4.375)
    assert projected.capability("governance").level == 5
    assert projected.capability("analytics") == result.capability("analytics")
    # without a template, unnamed capabilities are n/a: overall = data = governance = 2
    alone = roll_up(tiny(), {"governance": 2.0})
    assert (alone.overall.score, alone.dimensions[1].score) == (approx(2.0), None)
    # staged roll-up takes the minimum: min(5, 4, 4) = 4
    assert roll_up(tiny(), {"governance": 5.0}, template=result, model="staged").overall.score == 4


@pytest.mark.parametrize("scores", [{"nope": 3.0}, {"api": 5.5}, {"api": 0.0}])
def test_roll_up_refuses_unknown_ids_and_scores_out_of_range(scores: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        roll_up(tiny(), scores)
