"""The rows of the roadmap's actions in the report model.

A row's fields that come from the questionnaire's action alone (titles, labels, owner,
KPI and cost texts) are made once per questionnaire and language and shared by every
unit of a batch; the rest (phase, months, why, dependencies) per unit.
"""

from __future__ import annotations

from typing import Any

from capassess.memo import per_object
from capassess.model.base import Lang
from capassess.model.plan import CapabilityGap, GapAnalysis, PlannedAction
from capassess.model.questionnaire import Questionnaire
from capassess.plan_text import quadrant_label, why
from capassess.planning import Planned, reached
from capassess.questionnaire_index import index_of
from capassess.report.advice import cost_text, kpi_check, kpi_note, kpi_text
from capassess.report.model import ActionRow
from capassess.report.risks import dependency_texts
from capassess.texts import words


def action_row(planned: Planned, a: PlannedAction, lang: Lang) -> ActionRow:
    """The row of ``a``, a planned action of ``planned``."""
    q = planned.scored.questionnaire
    branch = planned.scored.assessment.subject.kind == "branch"  # its own cost labels
    key = ("action_rows", lang, branch)
    known: dict[tuple[str, str], dict[str, Any]] = per_object(q, key, dict)
    static = known.get((a.capability_id, a.id))
    if static is None:
        static = known[a.capability_id, a.id] = action_static(q, a, lang, branch)
    gap = _gaps_by_id(planned.gaps)[a.capability_id]
    return ActionRow(
        **static,
        phase=a.phase,
        start_month=a.start_month,
        end_month=a.end_month,
        pulled_in=a.pulled_in,
        why=why(a, q, gap.score, gap.target, lang, reached(planned, a.capability_id)),
        start=a.start,
        end=a.end,
        dependencies=dependency_texts(planned, a, lang),
        kpi_note=kpi_note(a, lang, q),  # per unit: it rests on the unit's answers
    )


def _gaps_by_id(gaps: GapAnalysis) -> dict[str, CapabilityGap]:
    """The capability gaps by id, the first of a repeated id as ``gaps.capability`` finds
    it (the last analysis's are kept: a report asks once per action)."""
    if _LAST_GAPS and _LAST_GAPS[0][0] is gaps:
        return _LAST_GAPS[0][1]
    by_id: dict[str, CapabilityGap] = {}
    for g in gaps.capabilities:
        by_id.setdefault(g.id, g)
    _LAST_GAPS[:] = [(gaps, by_id)]
    return by_id


_LAST_GAPS: list[tuple[GapAnalysis, dict[str, CapabilityGap]]] = []


def action_static(
    q: Questionnaire, a: PlannedAction, lang: Lang, branch: bool = False
) -> dict[str, Any]:
    """The fields of an action's row that come from the questionnaire's action alone (a
    planned action takes them from it: the same for every unit of a batch), the cost
    labelled for a branch or a bank."""
    t = words("report", lang)
    cap = index_of(q).capability[a.capability_id]
    source = next(x for x in cap.actions if x.id == a.id)
    return {
        "id": a.id,
        "title": a.title.get(lang),
        "description": source.description.get(lang) if source.description else None,
        "capability_id": cap.id,
        "capability_title": cap.title.get(lang),
        "level": a.level,
        "effort": t.get(a.effort, a.effort),
        "impact": t.get(a.impact, a.impact),
        "quadrant": a.quadrant,
        "quadrant_label": quadrant_label(a.quadrant, lang),
        "depends_on": tuple(a.depends_on),
        "owner": q.role_title(a.owner, lang) if a.owner else None,
        "kpi": kpi_text(a, q, lang),
        "kpi_check": kpi_check(a, q, lang),
        "cost": cost_text(a.cost, lang, branch),
    }
