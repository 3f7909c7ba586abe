"""The rules that decide what a plan recommends and how it explains it, one table per class:
no action above its capability's target; open evidence is to confirm, not scheduled;
evidence names only what settles a verdict; KPIs that cannot measure their action are
flagged; a rise is claimed only where the projection counts it; a past start is named."""

from __future__ import annotations

from typing import Any

import pytest

from capassess.advice import evidence_for, kpi_flag, open_questions
from capassess.expr import deciding_names, parse_expression
from capassess.plan_text import past_start, progress_text, rise_text, why
from tests.plan.test_evidence import act, build, plan

# --- no scheduled action lies above its capability's target ---------------------------

ABOVE_TARGET = [
    # (case, capabilities, answers, scheduled, execution gaps)
    (
        "ladder in place, weak answer: an execution gap, no level-4 project",
        {
            "c": {
                "target": 3,
                "questions": ["q1", "q2"],
                "actions": [
                    act("base", 3, done_when="q1 >= 3"),
                    act("next", 4, done_when="q2 >= 4"),
                ],
            }
        },
        {"q1": 3, "q2": 1},
        set(),
        {"c"},
    ),
    (
        "missing above the target is never scheduled, only the in-target step",
        {
            "c": {
                "target": 2,
                "questions": ["q1"],
                "actions": [
                    act("two", 2, done_when="q1 >= 2"),
                    act("three", 3, done_when="q1 >= 3"),
                ],
            }
        },
        {"q1": 1},
        {"two"},
        set(),
    ),
    (
        "an above-target action's dependency is not pulled in either",
        {
            "c": {
                "target": 3,
                "questions": ["q1", "q2"],
                "actions": [
                    act("base", 3, done_when="q1 >= 3"),
                    act("beyond", 4, done_when="q2 >= 4", deps=("dep",)),
                ],
            },
            "d": {
                "target": 2,
                "questions": ["d1"],
                "actions": [act("dep", 4, done_when="d1 >= 4")],
            },
        },
        {"q1": 3, "q2": 1, "d1": 3},
        set(),
        {"c"},
    ),
    (
        "an in-target action still brings its dependency, whatever that one's level",
        {
            "c": {
                "target": 3,
                "questions": ["q1"],
                "actions": [act("step", 3, done_when="q1 >= 3", deps=("dep",))],
            },
            "d": {
                "target": 2,
                "questions": ["d1"],
                "actions": [act("dep", 3, done_when="d1 >= 3")],
            },
        },
        {"q1": 1, "d1": 2},
        {"step", "dep"},
        set(),
    ),
]


@pytest.mark.parametrize(("case", "caps", "answers", "scheduled", "execution"), ABOVE_TARGET,
                         ids=[c[0] for c in ABOVE_TARGET])  # fmt: skip
def test_no_gap_closing_action_lies_above_its_target(
    case: str, caps: dict[str, Any], answers: dict[str, int], scheduled: set[str],
    execution: set[str],
) -> None:  # fmt: skip
    _, gaps, road = plan(build(caps), answers)
    assert {a.id for a in road.actions} == scheduled
    assert {s.capability_id for s in road.shortfalls} == execution
    for a in road.actions:
        target = gaps.capability(a.capability_id).target
        assert a.level <= target or (a.basis == "dependency" and a.needed_by)


# --- open evidence is not evidence -------------------------------------------------------

OPEN_EVIDENCE = [
    # (case, done_when, answers, basis if scheduled, questions to answer if to confirm)
    ("no done_when: scheduled by score", None, {"q1": 1, "q2": 1, "q3": 1}, "score", None),
    # a score lowered by blanks is no evidence: q2 and q3 answered at their best would lift
    # the capability to the action's level (1 + 4 * 2/3 = 3.67)
    ("no done_when, blanks could reach its level: to confirm", None, {"q1": 1}, None, ["q2", "q3"]),
    # even at their best, the blank q3 cannot (1 + 4 * 1/3 = 2.33): the answers show it missing
    (
        "no done_when, blanks could not reach its level: by score",
        None,
        {"q1": 1, "q2": 1},
        "score",
        None,
    ),
    ("done_when false: scheduled by evidence", "q1 >= 3", {"q1": 1}, "evidence", None),
    (
        "done_when open: to confirm, naming the unanswered question",
        "q1 >= 1 and q2 >= 3",
        {"q1": 2},
        None,
        ["q2"],
    ),
    (
        "false beats open: an and with a false part is missing",
        "q1 >= 3 and q2 >= 3",
        {"q1": 1},
        "evidence",
        None,
    ),
    ("an or open on two questions names both", "q2 >= 3 or q3 >= 3", {"q1": 1}, None, ["q2", "q3"]),
]


@pytest.mark.parametrize(("case", "done_when", "answers", "basis", "to_answer"), OPEN_EVIDENCE,
                         ids=[c[0] for c in OPEN_EVIDENCE])  # fmt: skip
def test_open_evidence_is_listed_to_confirm_not_scheduled(
    case: str, done_when: str | None, answers: dict[str, int], basis: str | None,
    to_answer: list[str] | None,
) -> None:  # fmt: skip
    q = build({"c": {"target": 3, "questions": ["q1", "q2", "q3"], "actions": [
        act("step", 3, done_when=done_when)]}})  # fmt: skip
    _, _, road = plan(q, answers)
    scheduled = {a.id: a for a in road.actions}
    left = {n.id: n for n in road.not_scheduled}
    if basis is not None:
        assert scheduled["step"].basis == basis and "step" not in left
    else:
        assert "step" not in scheduled
        assert left["step"].status == "to-confirm" and left["step"].to_answer == to_answer
        assert road.shortfalls == []  # not an execution gap: the ladder is not known in place


def test_a_dependency_with_open_evidence_is_to_confirm_and_named_to_its_needer() -> None:
    q = build({
        "c": {"target": 3, "questions": ["q1"], "actions": [act("step", 3, deps=("base",))]},
        "d": {"target": 3, "questions": ["d1", "d2"], "actions": [
            act("base", 3, done_when="d2 >= 3")]},
    })  # fmt: skip
    _, _, road = plan(q, {"q1": 1, "d1": 1})
    assert {a.id for a in road.actions} == {"step"}
    left = {n.id: n for n in road.not_scheduled}
    assert left["base"].status == "to-confirm"
    assert left["base"].needed_by == ["step"] and left["base"].to_answer == ["d2"]


def test_a_dependency_whose_capability_is_all_n_a_is_not_applicable_not_to_confirm() -> None:
    """The bank answered every question of the dependency's capability n/a: the practice
    does not apply, so nobody is asked to answer those questions again, and the action
    that needs it goes ahead without it."""
    q = build({
        "c": {"target": 3, "questions": ["q1"], "actions": [act("step", 3, deps=("base",))]},
        "d": {"target": 3, "questions": ["d1", "d2"], "actions": [
            act("base", 3, done_when="d2 >= 3")]},
    })  # fmt: skip
    _, _, road = plan(q, {"q1": 1, "d1": "n/a", "d2": "n/a"})  # type: ignore[dict-item]
    assert {a.id for a in road.actions} == {"step"}
    left = {n.id: n for n in road.not_scheduled}
    assert left["base"].status == "not-applicable"
    assert left["base"].needed_by == ["step"] and left["base"].to_answer == []


# --- the evidence shown is what settles the verdict -------------------------------------

DECIDING = [
    # (expression, values, names that settle it)
    ("a == true and b <= 12 and c >= 3", {"a": True, "b": 30, "c": 2}, ["b", "c"]),
    ("a == true and b <= 12", {"a": True, "b": 5}, ["a", "b"]),
    ("a >= 3 or b >= 3", {"a": 1, "b": 2}, ["a", "b"]),
    ("a >= 3 or b >= 3", {"a": 4, "b": 2}, ["a"]),
    ("not (a >= 3) and b >= 1", {"a": 4, "b": 2}, ["a"]),
    ("not (a >= 3 or b >= 3)", {"a": 1, "b": 5}, ["b"]),
    ("a >= 3 and b >= 3", {"a": 4}, ["b"]),
    ("a >= 3 and (b >= 3 or c >= 3)", {"a": 1, "b": 5}, ["a"]),
    ("answered(a) and b >= 3", {"b": 1}, ["a", "b"]),
    ("x contains 'p' and x contains 'q'", {"x": ["p"]}, ["x"]),
]


@pytest.mark.parametrize(("text", "values", "names"), DECIDING)
def test_only_the_parts_that_settle_a_verdict_are_named(
    text: str, values: dict[str, Any], names: list[str]
) -> None:
    assert deciding_names(parse_expression(text), values) == names


def test_the_evidence_of_a_missing_action_never_cites_a_satisfied_answer() -> None:
    # act-pt-programme as the review found it: pt-tprm = yes is no evidence of absence
    text = "pt-tprm == true and pt-lead-time <= 12 and pt-mix in ['mixed', 'broad']"
    values = {"pt-tprm": True, "pt-lead-time": 30, "pt-mix": "big-tech"}
    assert evidence_for(text, values).answers == (("pt-lead-time", 30), ("pt-mix", "big-tech"))
    assert open_questions(text, values) == ()
    assert open_questions("a >= 1 and b >= 1", {"a": 2}) == ("b",)


# --- KPIs that cannot measure their action ----------------------------------------------

KPI_FLAGS = [
    # (KPI, done_when, answered values, n/a questions, level questions, flag, behind it)
    ("m >= 20", None, {"m": 22}, set(), set(), "met-now", ["m"]),
    ("m >= 25", None, {"m": 22}, set(), set(), None, []),
    ("m >= 25 and c >= 5", None, {"m": 30}, {"c"}, set(), "not-applicable", ["c"]),
    ("m >= 25", None, {}, set(), set(), None, []),
    (None, None, {"m": 1}, set(), set(), None, []),
    # the measure beyond the deliverable is met although the deliverable is missing
    ("d == true and m >= 20", "d == true", {"d": False, "m": 22}, set(), set(), "met-now", ["m"]),
    ("d == true and m >= 20", "d == true", {"d": False, "m": 12}, set(), set(), None, []),
    # a level question is the ladder, not a measure
    ("d == true and lv >= 3", "d == true", {"d": False, "lv": 3}, set(), {"lv"}, None, []),
    (
        "d == true and lv >= 3 and m >= 20",
        "d == true",
        {"d": False, "lv": 3, "m": 22},
        set(),
        {"lv"},
        "met-now",
        ["m"],
    ),
    # only the deliverable: nothing to measure beyond it
    ("d == true", "d == true", {"d": False}, set(), set(), None, []),
]


@pytest.mark.parametrize(("when", "done_when", "values", "na", "levels", "flag", "names"),
                         KPI_FLAGS)  # fmt: skip
def test_kpi_flags(when: str | None, done_when: str | None, values: dict[str, Any],
                   na: set[str], levels: set[str], flag: str | None,
                   names: list[str]) -> None:  # fmt: skip
    found, behind = kpi_flag(when, values, na, done_when, levels)
    assert found == flag and [n for n, _ in behind] == names


# --- a rise is claimed only where the projection counts it -------------------------------

RISES = [
    # (score, target, reached at the roadmap's end, text)
    (2.04, 4, 4.0, "2.04 → 4"),
    (2.04, 4, 3.0, "2.04 → 3 (target 4;"),
    (1.88, 2, 1.88, "1.88 (target 2; no rise counted"),
    (1.88, 2, None, "1.88 (target 2; no rise counted"),
]


@pytest.mark.parametrize(("score", "target", "reached", "text"), RISES)
def test_the_rise_shown_is_the_projected_one(score: float, target: int, reached: float | None,
                                             text: str) -> None:  # fmt: skip
    assert rise_text(score, target, reached, "en").startswith(text)
    assert "→" not in rise_text(score, target, reached, "zh") or (reached or 0) > score


def test_every_why_on_a_roadmap_matches_its_projection() -> None:
    q = build({
        "c": {"target": 3, "questions": ["q1", "q2"], "actions": [
            act("open", 2, done_when="q2 >= 2"), act("step", 3, done_when="q1 >= 3")]},
    })  # fmt: skip
    _, gaps, road = plan(q, {"q1": 1})  # "open" is to confirm: the rise to 3 is not counted
    (a,) = road.actions
    g = gaps.capability("c")
    text = why(a, q, g.score, g.target, "en", road.phases[-1].capability_scores["c"])
    assert "→" not in text and "no rise counted" in text


# --- a roadmap dated before the report says so -------------------------------------------

STARTS = [
    # (roadmap start, assessment month, today, note expected, from the assessment month)
    ("2026-03", "2026-03", "2026-12-01", True, True),
    ("2026-03", "2025-11", "2026-12-01", True, False),
    ("2026-12", "2026-03", "2026-12-01", False, False),
    ("2027-01", "2026-03", "2026-12-01", False, False),
    ("", "2026-03", "2026-12-01", False, False),
]


@pytest.mark.parametrize(("start", "assessed", "today", "noted", "assessment"), STARTS)
def test_a_past_start_is_noted_with_how_to_replan(start: str, assessed: str, today: str,
                                                  noted: bool, assessment: bool) -> None:  # fmt: skip
    for lang in ("en", "zh"):
        note = past_start(start, assessed, today, lang)  # type: ignore[arg-type]
        assert (note is not None) == noted
        if note:
            assert "--start 2026-12" in note and start in note
    note = past_start(start, assessed, today, "en")
    assert (note is not None and "assessment month" in note) == assessment


# --- progress since the baseline as people read it ---------------------------------------

PROGRESS = [
    # (progress, score, target, baseline, shown)
    (0.34, 2.25, 3, 1.86, "34%"),
    (1.0, 3.0, 3, 2.0, "target met"),
    (2.6, 3.53, 3, 2.67, "target met"),
    (None, 3.4, 3, 3.2, "met at the baseline"),
    (None, 2.8, 3, 3.0, "below target again"),
    (None, 2.5, 3, None, "—"),
]


@pytest.mark.parametrize(("progress", "score", "target", "baseline", "shown"), PROGRESS)
def test_progress_is_shown_without_shares_past_the_target(
    progress: float | None, score: float, target: int, baseline: float | None, shown: str
) -> None:
    assert progress_text(progress, score, target, baseline, "en") == shown
    assert "%" not in progress_text(progress, score, target, baseline, "zh") or shown == "34%"


def test_a_baseline_already_at_target_gives_no_progress_ratio() -> None:
    from capassess.gap import find_gaps, resolve_targets

    q = build({"c": {"target": 3, "questions": ["q1"], "actions": []}})
    now, _, _ = plan(q, {"q1": 4})
    then, _, _ = plan(q, {"q1": 5})
    g = find_gaps(q, now, resolve_targets(q), then).capability("c")
    assert g.baseline == 5.0 and g.progress is None and g.met
    assert progress_text(g.progress, g.score, g.target, g.baseline, "en") == "met at the baseline"
