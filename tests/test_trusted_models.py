"""Result models built without validation (``capassess.model.trusted``) equal the models
validation builds from the same values, in every value, type and field set.

With ``CHECKED`` on, every model that scoring, gap analysis, the roadmap, the headline and
the report's advice build is also validated and compared (``same_model`` raises on the first difference):
here over the example bank (with its baseline, targets, a profile and levels), the gated
questionnaire with its foundation, and the branch rows with random answers, n/a and
blanks, under each missing-answer policy.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from capassess.headline import find_headline
from capassess.model import trusted as trusted_module
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.plan import AnswerShown, CapabilityGap, Phase, PlannedAction
from capassess.model.trusted import same_model, trusted
from capassess.plan_json import plan_json
from capassess.planning import PlanOptions, Scored, plan_file, plan_scored
from capassess.report.build import build_report
from capassess.scoring.engine import MISSING_POLICIES, score_assessment
from tests.batch.helpers import branch
from tests.batch.test_unit_report_equivalence import _rows
from tests.conftest import DATA, ROOT

EXAMPLE = ROOT / "examples" / "acme-bank.yaml"


@pytest.fixture(params=[0, 10**9], ids=["compiled", "shared"])
def checked(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[None]:
    """Every trusted model validated as well, built by the makers compiled for their
    classes at once, or by the shared one throughout."""
    monkeypatch.setattr(trusted_module, "CHECKED", True)
    monkeypatch.setattr(trusted_module, "COMPILE_AFTER", request.param)
    monkeypatch.setattr(trusted_module, "_MAKERS", {})
    yield


@pytest.mark.parametrize(
    "options",
    [
        PlanOptions(),
        PlanOptions(baseline=str(ROOT / "examples" / "acme-bank-2025.yaml")),
        PlanOptions(target_level=5, budget=6, max_major=1),
        PlanOptions(boundaries=(0, 3, 9), max_per_owner=None),
    ],
)
def test_example_plans_build_what_validation_builds(checked: None, options: PlanOptions) -> None:
    planned = plan_file(EXAMPLE, options)
    find_headline(planned.scored.result, planned.gaps)
    build_report(planned, "zh")
    assert plan_json(planned)["roadmap"]["actions"]


def test_gated_plans_build_what_validation_builds(checked: None) -> None:
    good = DATA / "good"
    planned = plan_file(good / "tiny-gated-answers.yaml", PlanOptions(), [good])
    assert planned.scored.result.overall.level is not None
    find_headline(planned.scored.result, planned.gaps)


@pytest.mark.parametrize("missing", [p for p in MISSING_POLICIES if p != "error"])
def test_branch_plans_build_what_validation_builds(checked: None, missing: str) -> None:
    q = branch()
    for row in _rows():
        answers = {x.id: Answer(value=row[x.id]) for _, _, x in q.questions() if row.get(x.id)}
        subject = Subject(id=row["id"], kind="branch")
        assessment = Assessment(questionnaire=q.ref, subject=subject, answers=answers)
        result = score_assessment(q, assessment, missing=missing)
        planned = plan_scored(Scored(row["id"], q, assessment, result, []), PlanOptions())
        find_headline(result, planned.gaps)
        build_report(planned, "en")
        plan_json(planned)


def test_conversions_are_those_of_validation(checked: None) -> None:
    values = dict(id="c", dimension_id="d", score=2, level=2, target=4, importance=1,
                  global_weight=1, gap=2, priority=0.5, attainment=0, assessed=True)  # fmt: skip
    built = trusted(CapabilityGap, **values)
    same_model(built, CapabilityGap(**values))
    assert type(built.score) is float and type(built.level) is int
    phase = dict(index=0, start_month=0, end_month=6, start="2026-01", end="2026-06",
                 actions=("a",), completed=[], in_flight=[], counted=[], effort_points=3,
                 budget=None, capability_scores={"c": 3, "d": None, "e": 2.5},
                 overall_score=3, overall_level=3)  # fmt: skip
    built_phase = trusted(Phase, **phase)
    same_model(built_phase, Phase(**phase))
    assert built_phase.actions == ["a"] and type(built_phase.capability_scores["c"]) is float


def test_defaults_and_fields_set_are_those_of_validation(checked: None) -> None:
    shown = trusted(AnswerShown, question_id="q")
    same_model(shown, AnswerShown(question_id="q"))
    assert shown.model_fields_set == {"question_id"}
    assert shown.model_dump() == AnswerShown(question_id="q").model_dump()
    first = trusted(PlannedAction, **_action())
    second = trusted(PlannedAction, **_action())
    assert first.evidence == [] and first.evidence is not second.evidence  # fresh defaults
    assert first.model_dump_json() == PlannedAction(**_action()).model_dump_json()


def test_a_difference_is_found(checked: None) -> None:
    with pytest.raises(AssertionError):
        same_model(trusted(AnswerShown, question_id="q", value=1), AnswerShown(question_id="q",
                                                                               value=1.0))  # fmt: skip
    with pytest.raises(AssertionError):
        same_model(AnswerShown(question_id="q", score=0.5), AnswerShown(question_id="q"))
    with pytest.raises(Exception):  # noqa: B017 - validation refuses a name that is no field
        trusted(AnswerShown, question_id="q", nonsense=1)


def _action() -> dict[str, object]:
    from capassess.model.base import Text

    return dict(id="a", capability_id="c", dimension_id="d", title=Text(en="A"), level=2,
                effort="low", impact="high", duration_months=3, depends_on=[],
                quadrant="quick-win", phase=0, start_month=0, end_month=3, start="2026-01",
                end="2026-03", closes_gap=True, needed_by=[], basis="score")  # fmt: skip
