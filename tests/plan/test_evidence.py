"""Evidence-linked roadmaps: actions in place by their answers are never scheduled,
capacity holds, projections count only ended actions, not-assessed capabilities get none."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capassess.advice import action_statuses, answered_values, expression_holds
from capassess.gap import find_gaps, resolve_targets
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire
from capassess.roadmap import PhasePlan, build_roadmap, project_capabilities
from capassess.schedule import quadrant
from capassess.scoring.engine import roll_up, score_assessment

T = {"en": "x", "zh": "x"}


def build(caps: dict[str, dict[str, Any]]) -> Questionnaire:
    """caps: id -> {target, questions: [ids], actions: [action dicts]} (level questions)."""
    return Questionnaire.model_validate({
        "id": "ev", "version": "1", "title": T,
        "roles": [{"id": r, "title": T} for r in ("cdo", "cio")],
        "dimensions": [{"id": "dim", "title": T, "capabilities": [
            {"id": cid, "title": T, "target": c["target"],
             "questions": [{"id": qid, "type": "level", "text": T, "levels": [T] * 5}
                           for qid in c["questions"]],
             "actions": c["actions"]}
            for cid, c in caps.items()
        ]}],
    })  # fmt: skip


def act(aid: str, level: int, *, done_when: str | None = None, deps: tuple[str, ...] = (),
        effort: str = "medium", impact: str = "medium", months: int = 6,
        owner: str | None = None) -> dict[str, Any]:  # fmt: skip
    out: dict[str, Any] = {
        "id": aid,
        "title": T,
        "level": level,
        "effort": effort,
        "impact": impact,
        "duration_months": months,
        "depends_on": list(deps),
    }
    if owner:
        out["owner"] = owner
    if done_when:
        out["done_when"] = done_when
    return out


def plan(q: Questionnaire, answers: dict[str, int | None], phase_plan: PhasePlan | None = None):
    assessment = Assessment.model_validate(
        {
            "questionnaire": "ev@1",
            "subject": {"id": "b"},
            "date": "2026-03-16",
            "answers": {k: v for k, v in answers.items() if v is not None},
        }
    )
    result = score_assessment(q, assessment)
    gaps = find_gaps(q, result, resolve_targets(q))
    road = build_roadmap(q, result, gaps, lambda s: roll_up(q, s, template=result), phase_plan)
    return result, gaps, road


def test_an_action_the_answers_show_in_place_is_not_scheduled() -> None:
    q = build({"gov": {"target": 3, "questions": ["g1", "g2"], "actions": [
        act("committee", 3, done_when="g1 >= 3"),
        act("kpi", 4, done_when="g2 >= 4"),
    ]}})  # fmt: skip
    # g1 = 3 (committee in place) but g2 = 1 pulls the score to 2.0: the score alone
    # would schedule the committee.
    _, _, road = plan(q, {"g1": 3, "g2": 1})
    assert "committee" not in {a.id for a in road.actions}
    left = {n.id: n for n in road.not_scheduled}
    assert left["committee"].status == "in-place-evidence"
    assert [(e.question_id, e.value) for e in left["committee"].evidence] == [("g1", 3)]
    # The ladder up to the target is in place, so the weakest answer (g2) is named as an
    # execution gap; the level-4 action lies above the target and is not scheduled.
    assert [s.capability_id for s in road.shortfalls] == ["gov"]
    assert [w.question_id for w in road.shortfalls[0].questions] == ["g2"]
    assert road.actions == []


def test_an_action_the_answers_show_missing_is_scheduled_even_below_the_level() -> None:
    q = build({"dq": {"target": 3, "questions": ["d1", "d2"], "actions": [
        act("rules", 2, done_when="d2 >= 2"), act("standards", 3),
    ]}})  # fmt: skip
    _, _, road = plan(q, {"d1": 4, "d2": 1})  # score 2.5: level 2 "reached" by score
    by_id = {a.id: a for a in road.actions}
    assert by_id["rules"].basis == "evidence"
    assert [(e.question_id, e.value) for e in by_id["rules"].evidence] == [("d2", 1)]
    assert by_id["standards"].basis == "score"


def test_not_assessed_capabilities_get_no_actions_and_no_rank() -> None:
    q = build({
        "a": {"target": 3, "questions": ["a1"], "actions": [act("a-step", 3)]},
        "b": {"target": 3, "questions": ["b1"], "actions": [act("b-step", 2),
                                                            act("b-next", 3, deps=("a-step",))]},
    })  # fmt: skip
    _, gaps, road = plan(q, {"b1": 1})
    assert not gaps.capability("a").assessed
    assert [g.id for g in gaps.ranked()] == ["b"]
    ids = {a.id for a in road.actions}
    assert "a-step" not in ids and {"b-step", "b-next"} <= ids
    left = {n.id: n for n in road.not_scheduled}
    assert left["a-step"].status == "not-assessed" and left["a-step"].needed_by == ["b-next"]


def test_unanswered_questions_leave_done_when_open_not_false() -> None:
    values = {"x": 3}
    assert expression_holds("x >= 3 and y >= 2", values) is None
    assert expression_holds("x >= 4 and y >= 2", values) is False
    assert expression_holds("x >= 3 or y >= 2", values) is True


def test_capacity_limits_major_projects_running_at_once() -> None:
    big = [act(f"m{i}", 3, effort="high", impact="high", months=12) for i in range(4)]
    q = build({"c": {"target": 3, "questions": ["c1"], "actions": big}})
    _, _, road = plan(q, {"c1": 1}, PhasePlan(max_major=2))
    starts = sorted(a.start_month for a in road.actions)
    assert starts == [0, 0, 12, 12]
    _, _, road = plan(q, {"c1": 1}, PhasePlan(max_major=1))
    assert sorted(a.start_month for a in road.actions) == [0, 12, 24, 36]
    assert road.end_month == 48 and road.phases[-1].end_month == 48


def test_projection_counts_only_actions_ended_by_the_phase_end() -> None:
    q = build({"c": {"target": 3, "questions": ["c1"], "actions": [
        act("slow", 3, months=9)]}})  # fmt: skip
    result, _, road = plan(q, {"c1": 1})
    first = road.phases[0]
    assert first.in_flight == ["slow"] and first.counted == []
    assert first.capability_scores["c"] == pytest.approx(result.capability("c").score)
    second = road.phases[1]
    assert second.completed == ["slow"] and second.capability_scores["c"] == 3.0


# --- properties over random answers and random action graphs -------------------------

COMPARISONS = (">=", "<=", "==")


@st.composite
def cases(draw):
    n_caps = draw(st.integers(1, 4))
    questions = {f"c{i}": [f"c{i}q{j}" for j in range(draw(st.integers(1, 3)))]
                 for i in range(n_caps)}  # fmt: skip
    every_question = [qid for qs in questions.values() for qid in qs]

    def condition() -> str | None:
        if draw(st.booleans()):
            return None
        parts = [f"{draw(st.sampled_from(every_question))} {draw(st.sampled_from(COMPARISONS))} "
                 f"{draw(st.integers(1, 5))}" for _ in range(draw(st.integers(1, 2)))]  # fmt: skip
        return f" {draw(st.sampled_from(['and', 'or']))} ".join(parts)

    caps: dict[str, dict[str, Any]] = {
        cid: {"target": draw(st.integers(2, 5)), "questions": qs, "actions": []}
        for cid, qs in questions.items()
    }
    ids: list[str] = []
    for i in range(draw(st.integers(1, 12))):
        deps = tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))) if ids else ()
        cid = draw(st.sampled_from(sorted(caps)))
        caps[cid]["actions"].append(act(
            f"a{i}", draw(st.integers(2, 5)), done_when=condition(), deps=deps,
            effort=draw(st.sampled_from(["low", "medium", "high"])),
            impact=draw(st.sampled_from(["low", "medium", "high"])),
            months=draw(st.integers(1, 24)),
            owner=draw(st.sampled_from([None, "cdo", "cio"])),
        ))  # fmt: skip
        ids.append(f"a{i}")
    answers = {qid: draw(st.one_of(st.none(), st.integers(1, 5))) for qid in every_question}
    phase_plan = PhasePlan(budget=draw(st.one_of(st.none(), st.integers(5, 12))),
                           max_major=draw(st.integers(1, 3)),
                           max_per_owner=draw(st.one_of(st.none(), st.integers(1, 3))),
                           max_active=draw(st.one_of(st.none(), st.integers(1, 4))))  # fmt: skip
    return build(caps), answers, phase_plan


@settings(max_examples=200, deadline=None)
@given(cases())
def test_roadmap_properties(case) -> None:
    q, answers, phase_plan = case
    result, gaps, road = plan(q, answers, phase_plan)
    values = answered_values(result)
    catalog = {a.id: a for _, a in q.actions()}
    owner = {a.id: cap.id for cap, a in q.actions()}
    by_id = {a.id: a for a in road.actions}
    for a in road.actions:
        # Never schedule what the answers show in place, nor for a capability not assessed,
        # nor what the answers leave open, nor a gap-closing action above its target.
        assert expression_holds(catalog[a.id].done_when, values) is not True
        assert catalog[a.id].done_when is None or a.shown_missing
        assert gaps.capability(owner[a.id]).assessed
        assert a.basis == "dependency" or a.level <= gaps.capability(owner[a.id]).target
        assert a.basis != "dependency" or a.needed_by
        for dep in a.depends_on:
            if dep in by_id:
                assert by_id[dep].end_month <= a.start_month
            else:  # every dependency left off is explained
                left = {n.id: n for n in road.not_scheduled}
                assert a.id in left[dep].needed_by
    majors = [a for a in road.actions
              if quadrant(a.impact, a.effort, a.duration_months) == "major-project"]  # fmt: skip
    for t in {a.start_month for a in majors}:
        running = [a for a in majors if a.start_month <= t < a.end_month]
        assert len(running) <= phase_plan.max_major
    if phase_plan.max_per_owner is not None:
        for a in road.actions:
            if a.owner is None:
                continue
            t = a.start_month
            running = [b for b in road.actions
                       if b.owner == a.owner and b.start_month <= t < b.end_month]  # fmt: skip
            assert len(running) <= phase_plan.max_per_owner
    for a in road.actions:  # the bank as a whole never runs more than its capacity
        t = a.start_month
        running = [b for b in road.actions if b.start_month <= t < b.end_month]
        assert phase_plan.max_active is None or len(running) <= phase_plan.max_active
    statuses = action_statuses(q, result)
    targets = {g.id: g.target for g in gaps.capabilities}
    for phase in road.phases:
        ended = {a.id for a in road.actions if a.end_month <= phase.end_month}
        assert set(phase.counted) == ended
        expected = roll_up(q, project_capabilities(q, result, targets, statuses, ended),
                           template=result)  # fmt: skip
        assert phase.overall_score == pytest.approx(expected.overall.score)
        assert phase.capability_scores == pytest.approx(expected.capability_scores())
    assert road.end_month == max((a.end_month for a in road.actions), default=0)


def test_shortfall_never_reaches_far_beyond_the_target() -> None:
    q = build({"cl": {"target": 3, "questions": ["c1", "c2"], "actions": [
        act("platform", 3, done_when="c1 >= 3"),
        act("export", 5, done_when="c2 >= 5"),
    ]}})  # fmt: skip
    _, _, road = plan(q, {"c1": 3, "c2": 1})
    # The weak answer c2 is named, but the level-5 action is no step towards target 3.
    assert road.actions == []
    assert [w.question_id for w in road.shortfalls[0].questions] == ["c2"]


def test_one_owner_runs_at_most_its_capacity_at_once() -> None:
    steps = [act(f"s{i}", 3, owner="cdo", months=6) for i in range(4)]
    q = build({"c": {"target": 3, "questions": ["c1"], "actions": steps}})
    _, _, road = plan(q, {"c1": 1}, PhasePlan(max_per_owner=2))
    assert sorted(a.start_month for a in road.actions) == [0, 0, 6, 6]
    _, _, road = plan(q, {"c1": 1}, PhasePlan(max_per_owner=None))
    assert sorted(a.start_month for a in road.actions) == [0, 0, 0, 0]


@pytest.mark.parametrize(
    ("owners", "limits", "starts"),
    [
        # Six owners with room of their own still share the bank's capacity of four.
        (["cdo", "cio", "cro", "cfo", "hr", "retail"], {"max_active": 4}, [0, 0, 0, 0, 6, 6]),
        # Actions without an owner are held by it too.
        ([None] * 5, {"max_active": 2}, [0, 0, 6, 6, 12]),
        # The tighter of the two limits holds: one owner at two, the bank at three.
        (
            ["cdo", "cdo", "cdo", "cio", "cio"],
            {"max_active": 3, "max_per_owner": 2},
            [0, 0, 0, 6, 6],
        ),
        # No limit: everything starts at once.
        (["cdo", "cio", "cro", "cfo", "hr", "retail"], {"max_active": None}, [0] * 6),
    ],
)
def test_the_bank_runs_at_most_its_capacity_at_once(
    owners: list[str | None], limits: dict[str, int | None], starts: list[int]
) -> None:
    steps = [act(f"s{i}", 3, owner=o, months=6) for i, o in enumerate(owners)]
    q = build({"c": {"target": 3, "questions": ["c1"], "actions": steps}})
    _, _, road = plan(q, {"c1": 1}, PhasePlan(**limits))  # type: ignore[arg-type]
    assert sorted(a.start_month for a in road.actions) == starts
    assert road.max_active == limits["max_active"]


def test_a_dependency_the_answers_show_missing_says_so() -> None:
    q = build({
        "gov": {"target": 2, "questions": ["g1"], "actions": [act("kpi", 4, done_when="g1 >= 4")]},
        "ana": {"target": 3, "questions": ["a1"], "actions": [act("models", 3, deps=("kpi",))]},
    })  # fmt: skip
    _, _, road = plan(q, {"g1": 3, "a1": 1})
    by_id = {a.id: a for a in road.actions}
    assert by_id["kpi"].basis == "dependency" and by_id["kpi"].shown_missing
    assert not by_id["models"].shown_missing
    from capassess.plan_text import why

    text = why(by_id["kpi"], q, 3.0, 2, "en")
    # the answer in words: the question by its text, the value as a level, no id
    assert "the answers show it missing (“x”: level 3)" in text and "needed by" in text


# --- a projection reaches only levels some action aims at --------------------------------

LIBRARY_TOPS = [
    # (levels of the capability's actions, target, answer, projected score at the end)
    ((2, 3, 4), 5, 1, 4.0),  # a target above the library: no action shows level 5
    ((2, 3, 4), 4, 1, 4.0),
    ((2, 3), 4, 1, 3.0),
    ((3,), 5, 2, 3.0),
    ((2, 4), 4, 1, 4.0),  # no level-3 action, but the level-4 one ends: level 4
    ((2, 4), 3, 1, 2.0),  # target 3, no action at 3: the level-2 one shows level 2 only
]


@pytest.mark.parametrize(("levels", "target", "answer", "end"), LIBRARY_TOPS)
def test_a_projection_reaches_only_a_level_some_action_aims_at(
    levels: tuple[int, ...], target: int, answer: int, end: float
) -> None:
    from capassess.plan_text import why

    actions = [act(f"a{lv}", lv, done_when=f"c1 >= {lv}", months=3) for lv in levels]
    q = build({"c": {"target": target, "questions": ["c1"], "actions": actions}})
    _, gaps, road = plan(q, {"c1": answer})
    assert road.phases[-1].capability_scores["c"] == pytest.approx(end)
    # the library is named as the cause when no action aims between the end and the target
    blind = end < target and not any(end < lv <= target for lv in levels)
    for a in road.actions:
        text = why(a, q, gaps.capability("c").score, target, "en", end)
        assert ("the library has no action" in text) == blind, text
        assert ("waits for actions to confirm" in text) is False, text


# --- a target no action aims at is not an execution gap ----------------------------------

BEYOND_LIBRARY = [
    # (levels of the capability's actions, target, c1, c2, levels beyond the library);
    # every action's done_when holds on c1, and c2 = 1 holds the score below the target
    ((2, 3, 4), 5, 4, 1, [5]),  # the library stops at level 4
    ((2, 3), 5, 3, 1, [4, 5]),
    ((2, 4), 3, 4, 1, [3]),  # the level-4 action lies above the target: nothing aims at 3
    ((2, 3, 4), 4, 4, 1, []),  # the ladder is in place: an execution gap
    ((3,), 3, 3, 1, []),  # no level-2 action, but the level-3 one reaches level 2 with it
    ((4,), 4, 4, 1, []),
]


@pytest.mark.parametrize(("levels", "target", "c1", "c2", "beyond"), BEYOND_LIBRARY)
def test_a_shortfall_names_the_target_levels_no_action_aims_at(
    levels: tuple[int, ...], target: int, c1: int, c2: int, beyond: list[int]
) -> None:
    actions = [act(f"a{lv}", lv, done_when=f"c1 >= {lv}") for lv in levels]
    q = build({"c": {"target": target, "questions": ["c1", "c2"], "actions": actions}})
    _, gaps, road = plan(q, {"c1": c1, "c2": c2})
    assert road.actions == [] and gaps.capability("c").score < target
    (shortfall,) = road.shortfalls
    assert shortfall.beyond_library == beyond
