"""Roadmap (pure): the actions the answers show are missing (``capassess.selection``),
ordered and scheduled (``capassess.schedule``), with the scores projected at the end of
each phase by the scoring engine. Projections count only the actions that have ended by
a phase's end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet

from capassess.advice import (
    ActionStatus,
    action_statuses,
    answered_values,
    current_level,
    expression_holds,
    kpi_flag,
    moot_questions,
    open_questions,
)
from capassess.evidence_shown import shown_answers
from capassess.memo import per_object
from capassess.model.plan import (
    AnswerShown,
    GapAnalysis,
    NotScheduled,
    Phase,
    PlannedAction,
    Roadmap,
)
from capassess.model.questionnaire import Action, Questionnaire
from capassess.model.results import ScoreResult
from capassess.model.trusted import trusted
from capassess.questionnaire_index import index_of
from capassess.schedule import (
    EFFORT_POINTS,
    PhasePlan,
    calendar_month,
    order_actions,
    place_actions,
    quadrant,
)
from capassess.selection import Selection, first_by_id, select_actions

Projector = Callable[[Mapping[str, float | None]], ScoreResult]

__all__ = [
    "PhasePlan",
    "Projector",
    "Selection",
    "build_roadmap",
    "first_by_id",
    "quadrant",
    "select_actions",
]


def _predecessors(chosen: dict[str, Action], owner: dict[str, str]) -> dict[str, set[str]]:
    """Explicit dependencies, plus lower-level actions of the same capability first
    (unless that would contradict an explicit dependency)."""
    preds = {aid: {d for d in a.depends_on if d in chosen} for aid, a in chosen.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, stack = set(), [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(preds[node])
        return False

    ordered = sorted(chosen.items())
    for aid, a in ordered:
        for bid, b in ordered:
            same = owner[aid] == owner[bid] and b.level < a.level
            if same and bid not in preds[aid] and not reaches(bid, aid):
                preds[aid].add(bid)
    return preds


def project_capabilities(
    q: Questionnaire,
    result: ScoreResult,
    targets: Mapping[str, int],
    statuses: Mapping[str, ActionStatus],
    ended: AbstractSet[str],
) -> dict[str, float | None]:
    """Capability scores once the ``ended`` actions have succeeded.

    A capability reaches level L (at most its target) when every one of its actions up to
    L is in place or ended, and at least one of them ended; otherwise it keeps its score.
    Only a level that some action of the capability aims at is reached: where the library
    has no action for a level, no finished work shows the bank there.
    """
    out: dict[str, float | None] = {}
    scores = first_by_id(result.capabilities())
    ladders: dict[tuple[str, int], tuple[str, ...]] = per_object(q, "action-ladders", dict)
    for _, cap in q.capabilities():
        score = scores[cap.id].score
        out[cap.id] = score
        if score is None or ended.isdisjoint(a.id for a in cap.actions):
            continue
        reached = score
        for level in range(current_level(score) + 1, targets[cap.id] + 1):
            upto = ladders.get((cap.id, level))
            if upto is None:  # the ids of its actions up to ``level``; none if none aims at it
                aimed = any(a.level == level for a in cap.actions)
                upto = tuple(a.id for a in cap.actions if a.level <= level) if aimed else ()
                ladders[cap.id, level] = upto
            done = all(aid in ended or statuses[aid].startswith("in-place") for aid in upto)
            if done and not ended.isdisjoint(upto):
                reached = max(reached, float(level))
        out[cap.id] = reached
    return out


def build_roadmap(
    q: Questionnaire,
    result: ScoreResult,
    gaps: GapAnalysis,
    project: Projector,
    plan: PhasePlan | None = None,
) -> Roadmap:
    """Select, order and schedule the actions; ``project`` rolls capability scores up."""
    plan = plan or PhasePlan()
    start = plan.start or result.date or dt.date.today()
    statuses = action_statuses(q, result)
    sel = select_actions(q, result, gaps, statuses)
    index = index_of(q)
    owner = {aid: cap.id for aid, cap in index.capability_of.items()}
    chosen = {aid: index.action[aid] for aid in sel.basis}
    by_id = first_by_id(gaps.capabilities)
    priority = {aid: by_id[owner[aid]].priority or 0.0 for aid in chosen}
    preds = _predecessors(chosen, owner)
    order = order_actions(chosen, preds, priority)
    placed = place_actions(order, chosen, preds, plan)
    values = answered_values(result)
    na = set(result.question_ids("not_applicable"))
    levels = per_object(q, "level-questions", lambda: frozenset(
        qid for qid, question in q.question_map().items() if question.type == "level"))  # fmt: skip
    actions = [_planned(q, chosen[aid], owner, placed[aid], sel, values, start, (na, levels))
               for aid in order]  # fmt: skip
    end_month = max((p[2] for p in placed.values()), default=0)
    targets = {c.id: c.target for c in gaps.capabilities}
    windows = _windows(plan, end_month, max((p[1] for p in placed.values()), default=0))
    phases = []
    projections: dict[frozenset[str], ScoreResult] = {}  # windows that end no new action
    for i, (lo, hi) in enumerate(windows):
        ended = frozenset(aid for aid, p in placed.items() if p[2] <= hi)
        projected = projections.get(ended)
        if projected is None:
            projected = project(project_capabilities(q, result, targets, statuses, ended))
            projections[ended] = projected
        phases.append(_phase(i, lo, hi, placed, chosen, plan, projected, start))
    return trusted(
        Roadmap,
        actions=actions,
        phases=phases,
        baseline_overall=result.overall.score,
        start=calendar_month(start, 0),
        end_month=end_month,
        end=calendar_month(start, max(end_month - 1, 0)),
        max_major=plan.max_major,
        max_per_owner=plan.max_per_owner,
        max_active=plan.max_active,
        not_scheduled=_not_scheduled(q, sel, statuses, values, moot_questions(result)),
        shortfalls=sel.shortfalls,
    )


def _windows(plan: PhasePlan, end_month: int, last_start: int) -> list[tuple[int, int]]:
    """The planned windows, then those running to the roadmap's end if actions end later:
    one, or with a budget the budgeted windows actions start in (``PhasePlan.window``),
    the last of them running to the roadmap's end."""
    b = plan.boundaries
    windows = [(b[i], b[i + 1]) for i in range(plan.count)]
    if end_month <= b[-1]:
        return windows
    last = plan.phase_of(last_start)
    if last < plan.count:  # nothing starts after the last boundary
        return [*windows, (b[-1], end_month)]
    extra = [plan.window(p) for p in range(plan.count, last + 1)]
    return [*windows, *extra[:-1], (extra[-1][0], end_month)]


def _shown(text: str | None, values: Mapping[str, object]) -> list[AnswerShown]:
    return shown_answers(text, values)


def _planned(q: Questionnaire, a: Action, owner: dict[str, str],
             where: tuple[int, int, int], sel: Selection, values: Mapping[str, object],
             start: dt.date, kinds: tuple[AbstractSet[str], AbstractSet[str]] = (set(), set()),
             ) -> PlannedAction:  # fmt: skip
    """``kinds``: the questions answered n/a, and the level questions (see ``kpi_flag``)."""
    dimension = index_of(q).dimension_of[owner[a.id]]
    flag, flagged = kpi_flag(a.kpi.when if a.kpi else None, values, kinds[0], a.done_when,
                             kinds[1])  # fmt: skip
    kpi_evidence = [trusted(AnswerShown, question_id=n, value=v) for n, v in flagged]
    return trusted(PlannedAction,
        id=a.id, capability_id=owner[a.id], dimension_id=dimension.id, title=a.title,
        level=a.level, effort=a.effort, impact=a.impact, duration_months=a.duration_months,
        depends_on=list(a.depends_on), quadrant=quadrant(a.impact, a.effort, a.duration_months),
        phase=where[0], start_month=where[1], end_month=where[2],
        start=calendar_month(start, where[1]), end=calendar_month(start, where[2] - 1),
        closes_gap=sel.basis[a.id] != "dependency", needed_by=sorted(sel.needed_by[a.id]),
        basis=sel.basis[a.id], evidence=_shown(a.done_when, values), owner=a.owner,
        shown_missing=expression_holds(a.done_when, values) is False,
        cost=a.cost, kpi=a.kpi, kpi_flag=flag, kpi_evidence=kpi_evidence,
    )  # fmt: skip


def _not_scheduled(
    q: Questionnaire, sel: Selection, statuses: Mapping[str, ActionStatus],
    values: Mapping[str, object], moot: Mapping[str, str],
) -> list[NotScheduled]:  # fmt: skip
    """Dependencies left off, actions to confirm, and every action the answers show in
    place. The questions that would settle an action to confirm are to answer if blank,
    and moot if answered n/a or not asked (``moot``: their condition is false)."""
    out = []
    for cap, a in q.actions():
        status: str = statuses[a.id]
        if a.id in sel.to_confirm:
            status = "to-confirm"
        elif a.id in sel.basis or (a.id not in sel.skipped and status != "in-place-evidence"):
            continue
        needers = sel.to_confirm.get(a.id) or sel.skipped.get(a.id, [])
        open_: list[str] = []
        if status == "to-confirm":
            open_ = sel.to_answer.get(a.id) or list(open_questions(a.done_when, values))
        out.append(trusted(NotScheduled,
            id=a.id, capability_id=cap.id, title=a.title, level=a.level, status=status,
            evidence=_shown(a.done_when, values) if status == "in-place-evidence" else [],
            to_answer=[n for n in open_ if n not in moot],
            moot=[n for n in open_ if n in moot],
            needed_by=sorted(needers),
        ))  # fmt: skip
    return out


def _phase(index: int, lo: int, hi: int, placed: dict[str, tuple[int, int, int]],
           chosen: dict[str, Action], plan: PhasePlan, projected: ScoreResult,
           start: dt.date) -> Phase:  # fmt: skip
    starting = [aid for aid, (_, s, _) in placed.items() if lo <= s < hi]
    return trusted(Phase,
        index=index, start_month=lo, end_month=hi,
        start=calendar_month(start, lo), end=calendar_month(start, hi - 1),
        actions=starting,
        completed=[aid for aid, (_, _, e) in placed.items() if lo < e <= hi],
        in_flight=[aid for aid, (_, s, e) in placed.items() if s < hi < e],
        counted=[aid for aid, (_, _, e) in placed.items() if e <= hi],
        effort_points=sum(EFFORT_POINTS[chosen[aid].effort] for aid in starting),
        budget=plan.budget if index < plan.count or plan.phase_of(lo) == index else None,
        capability_scores=projected.capability_scores(),
        overall_score=projected.overall.score,
        overall_level=projected.overall.level,
        capped_by=list(projected.overall.capped_by),
    )  # fmt: skip
