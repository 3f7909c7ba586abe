"""Roadmap (pure): select the actions the answers show are missing, order and schedule
them, and project the scores at the end of each phase with the scoring engine.

Selection, for every assessed capability below its target (never an action above it):
1. evidence: actions up to the target whose ``done_when`` is false on the answers;
2. score: actions above the current level and up to the target that have no
   ``done_when``; one whose ``done_when`` rests on unanswered questions is not scheduled
   but listed "to confirm" with the questions to answer (open evidence is no evidence),
   and so is one without ``done_when`` whose level the capability would reach with its
   unanswered questions answered at their best (a score lowered by blanks is no evidence);
3. shortfall: when the ladder up to the target is in place yet the score is below it, no
   action: the weakest answered questions are named as an execution gap (not for a
   provisional gap, which rests on unanswered questions);
4. dependency: what the selected actions depend on (transitively), unless it is in place
   (by evidence, or by the level its capability stands at), to confirm, or its
   capability is not assessed; every dependency left off is listed with the reason.
A capability with no answered question gets no action. Projections count only the
actions that have ended by a phase's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TypeVar

from capassess.advice import (
    ActionStatus,
    action_statuses,
    answered_values,
    best_case_score,
    current_level,
    expression_holds,
    kpi_flag,
    open_questions,
    weakest_questions,
)
from capassess.evidence_shown import shown_answers
from capassess.memo import per_object
from capassess.model.plan import (
    AnswerShown,
    Basis,
    CapabilityGap,
    GapAnalysis,
    NotScheduled,
    Phase,
    PlannedAction,
    Roadmap,
    Shortfall,
)
from capassess.model.questionnaire import Action, Questionnaire
from capassess.model.results import CapabilityScore, ScoreResult
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

_HasId = TypeVar("_HasId", CapabilityGap, CapabilityScore)
Projector = Callable[[Mapping[str, float | None]], ScoreResult]

__all__ = ["PhasePlan", "Projector", "Selection", "build_roadmap", "quadrant", "select_actions"]


@dataclass
class Selection:
    """The actions chosen for the gaps, why, and what was left off."""

    basis: dict[str, Basis] = field(default_factory=dict)
    needed_by: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # unscheduled dep -> needers
    to_confirm: dict[str, list[str]] = field(default_factory=dict)  # open evidence -> needers
    shortfalls: list[Shortfall] = field(default_factory=list)
    to_answer: dict[str, list[str]] = field(default_factory=dict)  # by-score, to confirm
    best_levels: dict[str, int] = field(
        default_factory=dict
    )  # what each capability's answers allow


def _pick(cap_actions: list[Action], statuses: Mapping[str, ActionStatus], current: int,
          target: int, best: int) -> tuple[dict[str, Basis], list[str]]:  # fmt: skip
    """The actions up to ``target`` to schedule, and those whose evidence is open (``best``:
    the level the capability's answers allow, see ``is_open_evidence``)."""
    picked: dict[str, Basis] = {}
    open_evidence = []
    for a in cap_actions:
        if a.level > target:
            continue
        if statuses[a.id] == "missing":
            picked[a.id] = "evidence"
        elif statuses[a.id] == "open" and a.level > current:
            if is_open_evidence(a, statuses[a.id], best):
                open_evidence.append(a.id)
            else:
                picked[a.id] = "score"
    return picked, open_evidence


def is_open_evidence(action: Action, status: ActionStatus, best: int = 0) -> bool:
    """True when the answers neither show the action in place nor show it missing: its
    ``done_when`` is open, or it has none and its capability, below the action's level,
    would reach it (``best``) were its unanswered questions answered at their best. To
    confirm, not to schedule."""
    if status != "open":
        return False
    return action.done_when is not None or best >= action.level


def levels_beyond_library(cap_actions: Iterable[Action], current: int, target: int) -> list[int]:
    """The levels above ``current`` up to ``target`` that no action aims at, from the target
    down to the first level one does: what no action of the library can lift the capability
    to (a level below an aimed one is reached with it)."""
    aimed = {a.level for a in cap_actions}
    beyond = []
    for level in range(target, current, -1):
        if level in aimed:
            break
        beyond.append(level)
    return sorted(beyond)


def select_actions(
    q: Questionnaire,
    result: ScoreResult,
    gaps: GapAnalysis,
    statuses: Mapping[str, ActionStatus] | None = None,
) -> Selection:
    """Choose the actions for every assessed gap, with their dependencies (see module doc);
    ``statuses`` are ``action_statuses(q, result)`` if already known."""
    statuses = action_statuses(q, result) if statuses is None else statuses
    sel = Selection()
    by_id, scores = first_by_id(gaps.capabilities), first_by_id(result.capabilities())
    for _, cap in q.capabilities():
        g = by_id[cap.id]
        best = best_case_score(scores[cap.id], result.model) if g.unanswered else None
        sel.best_levels[cap.id] = current_level(g.score if best is None else best)
    for _, cap in q.capabilities():
        g = by_id[cap.id]
        if g.score is None or g.met or not g.assessed:
            continue
        picked, open_evidence = _pick(cap.actions, statuses, current_level(g.score), g.target,
                                      sel.best_levels[cap.id])  # fmt: skip
        for aid in open_evidence:
            sel.to_confirm.setdefault(aid, [])
        if not picked and not open_evidence and not g.provisional:
            weak = weakest_questions(scores[cap.id], g.target)
            shown = [
                trusted(AnswerShown, question_id=w.id, value=w.value, score=w.score) for w in weak
            ]
            beyond = levels_beyond_library(cap.actions, current_level(g.score), g.target)
            sel.shortfalls.append(trusted(Shortfall, capability_id=cap.id, questions=shown,
                                          beyond_library=beyond))  # fmt: skip
        for aid, basis in picked.items():
            sel.basis.setdefault(aid, basis)
            sel.needed_by.setdefault(aid, [])
    _add_dependencies(q, statuses, sel)
    unanswered = {g.id: g.unanswered for g in gaps.capabilities}
    for cap, a in q.actions():
        if a.id in sel.to_confirm and a.done_when is None:
            sel.to_answer[a.id] = unanswered[cap.id]
    return sel


def _add_dependencies(q: Questionnaire, statuses: Mapping[str, ActionStatus],
                      sel: Selection) -> None:  # fmt: skip
    catalog = {a.id: a for _, a in q.actions()}
    cap_of = {a.id: cap.id for cap, a in q.actions()}
    queue = list(sel.basis)
    while queue:
        action = catalog[queue.pop()]
        for dep in action.depends_on:
            if dep not in catalog:
                continue
            best = sel.best_levels.get(cap_of[dep], 0)
            if is_open_evidence(catalog[dep], statuses[dep], best):
                needers = sel.to_confirm.setdefault(dep, [])
                if action.id not in needers:
                    needers.append(action.id)
                continue
            if statuses[dep] in ("in-place-evidence", "in-place-level", "not-assessed",
                                 "not-applicable"):  # fmt: skip
                needers = sel.skipped.setdefault(dep, [])
                if action.id not in needers:
                    needers.append(action.id)
                continue
            if dep not in sel.basis:
                sel.basis[dep] = "dependency"
                sel.needed_by[dep] = []
                queue.append(dep)
            if action.id not in sel.needed_by[dep]:
                sel.needed_by[dep].append(action.id)


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


def first_by_id(items: Iterable[_HasId]) -> dict[str, _HasId]:
    """``items`` by id, the first of a repeated id (as a scan in order finds it)."""
    out: dict[str, _HasId] = {}
    for item in items:
        out.setdefault(item.id, item)
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
        not_scheduled=_not_scheduled(q, sel, statuses, values, owner),
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
    values: Mapping[str, object], owner: dict[str, str],
) -> list[NotScheduled]:  # fmt: skip
    """Dependencies left off, actions to confirm, and every action the answers show in
    place."""
    out = []
    for cap, a in q.actions():
        status: str = statuses[a.id]
        if a.id in sel.to_confirm:
            status = "to-confirm"
        elif a.id in sel.basis or (a.id not in sel.skipped and status != "in-place-evidence"):
            continue
        needers = sel.to_confirm.get(a.id) or sel.skipped.get(a.id, [])
        to_answer = []
        if status == "to-confirm":
            to_answer = sel.to_answer.get(a.id) or list(open_questions(a.done_when, values))
        out.append(trusted(NotScheduled,
            id=a.id, capability_id=cap.id, title=a.title, level=a.level, status=status,
            evidence=_shown(a.done_when, values) if status == "in-place-evidence" else [],
            to_answer=to_answer,
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
