"""Roadmap (pure): select actions for the gaps, order them by dependency, place them in
phases, and project the scores after each phase with the scoring engine.

Impact/effort quadrants: impact medium or high counts as high impact, effort high as high
effort. Quick win = high impact, low effort; major project = high impact, high effort;
fill-in = low impact, low effort; thankless = low impact, high effort.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from capassess.model.plan import GapAnalysis, Phase, PlannedAction, Quadrant, Roadmap
from capassess.model.questionnaire import Action, Questionnaire
from capassess.model.results import ScoreResult

EFFORT_POINTS = {"low": 1, "medium": 3, "high": 5}
QUADRANT_ORDER: dict[Quadrant, int] = {
    "quick-win": 0, "major-project": 1, "fill-in": 2, "thankless": 3,
}  # fmt: skip
DEFAULT_BOUNDARIES = (0, 6, 18, 36)

Projector = Callable[[Mapping[str, float | None]], ScoreResult]


@dataclass(frozen=True)
class PhasePlan:
    """Phase boundaries in months (n+1 numbers for n phases) and an effort budget each."""

    boundaries: tuple[int, ...] = DEFAULT_BOUNDARIES
    budget: int | None = None

    def __post_init__(self) -> None:
        b = self.boundaries
        if len(b) < 2 or b[0] != 0 or any(y <= x for x, y in itertools.pairwise(b)):
            raise ValueError(f"phase boundaries must start at 0 and ascend, got {list(b)}")
        if self.budget is not None and self.budget < EFFORT_POINTS["high"]:
            raise ValueError(f"a phase budget must be at least {EFFORT_POINTS['high']} points")

    @property
    def count(self) -> int:
        """Number of planned phases (an overflow phase may follow)."""
        return len(self.boundaries) - 1


def quadrant(impact: str, effort: str) -> Quadrant:
    """Place an action in the impact/effort 2x2."""
    high_impact, high_effort = impact != "low", effort == "high"
    if high_impact:
        return "major-project" if high_effort else "quick-win"
    return "thankless" if high_effort else "fill-in"


def in_place(action: Action, capability_id: str, gaps: GapAnalysis) -> bool:
    """True if the capability already stands at the action's level: it counts as done."""
    score = gaps.capability(capability_id).score
    return score is not None and math.floor(score + 1e-9) >= action.level


def select_actions(q: Questionnaire, gaps: GapAnalysis) -> dict[str, list[str]]:
    """Actions for every gap, plus their dependencies not yet in place (transitively):
    id -> ids of the selected actions that need it."""
    owner = {a.id: cap.id for _, cap in q.capabilities() for a in cap.actions}
    actions = {a.id: a for _, cap in q.capabilities() for a in cap.actions}
    selected: dict[str, list[str]] = {}
    for _, cap in q.capabilities():
        g = gaps.capability(cap.id)
        if g.score is None or g.met:
            continue
        current = math.floor(g.score + 1e-9)
        for action in cap.actions:
            if current < action.level <= g.target:
                selected.setdefault(action.id, [])
    queue = list(selected)
    while queue:
        action = actions[queue.pop()]
        for dep in action.depends_on:
            if dep not in owner or in_place(actions[dep], owner[dep], gaps):
                continue
            if dep not in selected:
                selected[dep] = []
                queue.append(dep)
            if dep in selected and action.id not in selected[dep]:
                selected[dep].append(action.id)
    return selected


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

    for aid, a in sorted(chosen.items()):
        for bid, b in sorted(chosen.items()):
            same = owner[aid] == owner[bid] and b.level < a.level
            if same and bid not in preds[aid] and not reaches(bid, aid):
                preds[aid].add(bid)
    return preds


def _order(
    chosen: dict[str, Action], preds: dict[str, set[str]], priority: Mapping[str, float]
) -> list[str]:
    """Topological order; among ready actions, quick wins, low levels, high priority first."""

    def key(aid: str) -> tuple[int, int, float, str]:
        a = chosen[aid]
        return (QUADRANT_ORDER[quadrant(a.impact, a.effort)], a.level, -priority[aid], aid)

    waiting = {aid: set(p) for aid, p in preds.items()}
    ready = [key(aid) for aid, p in waiting.items() if not p]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        aid = heapq.heappop(ready)[-1]
        order.append(aid)
        for other, p in waiting.items():
            if aid in p:
                p.discard(aid)
                if not p:
                    heapq.heappush(ready, key(other))
    if len(order) != len(chosen):
        raise ValueError("action dependencies form a cycle")
    return order


def _place(
    order: list[str],
    chosen: dict[str, Action],
    preds: dict[str, set[str]],
    plan: PhasePlan,
) -> dict[str, tuple[int, int, int]]:
    """Phase, start and end month of each action, honouring order and budget."""
    b = plan.boundaries
    placed: dict[str, tuple[int, int, int]] = {}
    used = [0] * (plan.count + 1)
    for aid in order:
        a = chosen[aid]
        earliest = max((placed[p][2] for p in preds[aid]), default=0)
        phase = max([placed[p][0] for p in preds[aid]] + [0])
        while phase < plan.count and earliest >= b[phase + 1]:
            phase += 1
        cost = EFFORT_POINTS[a.effort]
        while plan.budget and phase < plan.count and used[phase] + cost > plan.budget:
            phase += 1
        used[phase] += cost
        start = max(earliest, b[min(phase, plan.count)])
        placed[aid] = (phase, start, start + a.duration_months)
    return placed


def _project(
    q: Questionnaire,
    result: ScoreResult,
    chosen: dict[str, Action],
    owner: dict[str, str],
    placed: dict[str, tuple[int, int, int]],
    phase: int,
) -> dict[str, float | None]:
    """Capability scores once every action up to ``phase`` has succeeded."""
    scores = result.capability_scores()
    out: dict[str, float | None] = {}
    for cid, score in scores.items():
        if score is None:
            out[cid] = None
            continue
        current = math.floor(score + 1e-9)
        mine = sorted((a for aid, a in chosen.items() if owner[aid] == cid), key=lambda a: a.level)
        reached = score
        for level in sorted({a.level for a in mine if a.level > current}):
            steps = [a for a in mine if current < a.level <= level]
            if all(placed[a.id][0] <= phase for a in steps):
                reached = max(reached, float(level))
        out[cid] = reached
    return out


def build_roadmap(
    q: Questionnaire,
    result: ScoreResult,
    gaps: GapAnalysis,
    project: Projector,
    plan: PhasePlan | None = None,
) -> Roadmap:
    """Select, order and phase the actions; ``project`` rolls capability scores up."""
    plan = plan or PhasePlan()
    needed_by = select_actions(q, gaps)
    dims = {cap.id: dim.id for dim, cap in q.capabilities()}
    owner = {a.id: cap.id for _, cap in q.capabilities() for a in cap.actions}
    catalog = {a.id: a for _, cap in q.capabilities() for a in cap.actions}
    chosen = {aid: catalog[aid] for aid in needed_by}
    closes = {aid for aid in chosen if _closes_gap(chosen[aid], gaps, owner[aid])}
    priority = {aid: gaps.capability(owner[aid]).priority or 0.0 for aid in chosen}
    preds = _predecessors(chosen, owner)
    order = _order(chosen, preds, priority)
    placed = _place(order, chosen, preds, plan)
    actions = [
        _planned(chosen[aid], owner[aid], dims[owner[aid]], placed[aid], aid in closes, needed_by)
        for aid in order
    ]
    last = max((p[0] for p in placed.values()), default=0)
    phases = [
        _phase(i, plan, placed, chosen, project(_project(q, result, chosen, owner, placed, i)))
        for i in range(max(plan.count, last + 1))
    ]
    return Roadmap(actions=actions, phases=phases, baseline_overall=result.overall.score)


def _closes_gap(action: Action, gaps: GapAnalysis, capability_id: str) -> bool:
    g = gaps.capability(capability_id)
    if g.score is None or g.met:
        return False
    return math.floor(g.score + 1e-9) < action.level <= g.target


def _planned(
    a: Action,
    capability_id: str,
    dimension_id: str,
    where: tuple[int, int, int],
    closes: bool,
    needed_by: dict[str, list[str]],
) -> PlannedAction:
    return PlannedAction(
        id=a.id,
        capability_id=capability_id,
        dimension_id=dimension_id,
        title=a.title,
        level=a.level,
        effort=a.effort,
        impact=a.impact,
        duration_months=a.duration_months,
        depends_on=list(a.depends_on),
        quadrant=quadrant(a.impact, a.effort),
        phase=where[0],
        start_month=where[1],
        end_month=where[2],
        closes_gap=closes,
        needed_by=sorted(needed_by[a.id]),
    )


def _phase(
    index: int,
    plan: PhasePlan,
    placed: dict[str, tuple[int, int, int]],
    chosen: dict[str, Action],
    projected: ScoreResult,
) -> Phase:
    ids = [aid for aid, where in placed.items() if where[0] == index]
    b = plan.boundaries
    return Phase(
        index=index,
        start_month=b[min(index, plan.count)],
        end_month=b[index + 1] if index < plan.count else None,
        actions=ids,
        effort_points=sum(EFFORT_POINTS[chosen[aid].effort] for aid in ids),
        budget=plan.budget if index < plan.count else None,
        capability_scores=projected.capability_scores(),
        overall_score=projected.overall.score,
        overall_level=projected.overall.level,
    )
