"""What the next level asks of a unit that meets every target.

A leading branch or bank has no gap and so no roadmap; rather than "0 actions", the
report names, for its weakest capabilities below level 5, the actions the questionnaire
lists for the first level above the capability's current one that has an action the
answers do not show in place. An action whose ``done_when`` rests on unanswered
questions is neither in place nor shown missing: it is not suggested either.
"""

from __future__ import annotations

from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.report.model import GapRow, NextStep

SHOWN = 3
"""The weakest capabilities that get next-level suggestions."""


def next_level_steps(
    questionnaire: Questionnaire,
    gaps: tuple[GapRow, ...],
    lang: Lang,
    shown: int = SHOWN,
    in_place: frozenset[str] = frozenset(),
    unsettled: frozenset[str] = frozenset(),
) -> tuple[NextStep, ...]:
    """The next-level suggestions when every assessed capability meets its target, the
    weakest first; none if a target is missed (the roadmap says what to do) or nothing
    was assessed. Actions in ``in_place`` (their done_when holds) and in ``unsettled``
    (their done_when rests on unanswered questions) are never suggested."""
    assessed = [g for g in gaps if g.assessed and g.score is not None]
    if not assessed or not all(g.met for g in assessed):
        return ()
    actions = {cap.id: cap.actions for _, cap in questionnaire.capabilities()}
    steps: list[NextStep] = []
    for g in sorted(assessed, key=lambda g: (g.score, g.id)):
        level = g.level or 1
        # The first level above the current one with an action not yet in place.
        left = in_place | unsettled
        open_ = [a for a in actions.get(g.id, ()) if a.level > level and a.id not in left]
        step = min((a.level for a in open_), default=None)
        titles = tuple(a.title.get(lang) for a in open_ if a.level == step)
        if step is not None and titles:
            steps.append(NextStep(g.id, g.title, level, step, titles))
        if len(steps) == shown:
            break
    return tuple(steps)
