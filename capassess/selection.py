"""Choosing the roadmap's actions (pure): what the answers show missing, up to the target.

For every assessed capability below its target (never an action above it):
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
A capability with no answered question gets no action.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from capassess.advice import (
    ActionStatus,
    action_statuses,
    best_case_score,
    current_level,
    weakest_questions,
)
from capassess.model.plan import AnswerShown, Basis, CapabilityGap, GapAnalysis, Shortfall
from capassess.model.questionnaire import Action, Questionnaire
from capassess.model.results import CapabilityScore, ScoreResult
from capassess.model.trusted import trusted

_HasId = TypeVar("_HasId", CapabilityGap, CapabilityScore)


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


def first_by_id(items: Iterable[_HasId]) -> dict[str, _HasId]:
    """``items`` by id, the first of a repeated id (as a scan in order finds it)."""
    out: dict[str, _HasId] = {}
    for item in items:
        out.setdefault(item.id, item)
    return out
