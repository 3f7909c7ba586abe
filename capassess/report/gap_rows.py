"""The report's row of a capability against its target, made once per gap.

Units of a batch that score a capability alike share its gap (``gap``); its row, which
rests only on the gap, the questionnaire and the language, is then shared too (rows are
frozen).
"""

from __future__ import annotations

from capassess.memo import SameObjects
from capassess.model.base import Lang
from capassess.model.plan import CapabilityGap
from capassess.plan_text import progress_text
from capassess.planning import Planned
from capassess.questionnaire_index import section_capability
from capassess.report.model import GapRow
from capassess.texts import say


def level_name(planned: Planned, level: int | None, lang: Lang) -> str:
    """The name of ``level`` in ``lang`` (a dash for none)."""
    return "—" if level is None else planned.scored.questionnaire.level_name(level, lang)


def gap_row(planned: Planned, g: CapabilityGap, lang: Lang) -> GapRow:
    """The row of ``g``: made once for the very same gap (shared by the units of a batch
    that score a capability alike, see ``gap``), questionnaire and language."""
    q = planned.scored.questionnaire
    key, objects = (id(g), id(q), lang), (g, q)
    found = _GAP_ROWS.get(key, objects)
    if found is not None:
        return found
    return _GAP_ROWS.put(key, objects, _new_gap_row(planned, g, lang), REMEMBERED_ROWS)


REMEMBERED_ROWS = 4096
_GAP_ROWS: SameObjects[GapRow] = SameObjects()


def _new_gap_row(planned: Planned, g: CapabilityGap, lang: Lang) -> GapRow:
    q = planned.scored.questionnaire
    dim, cap = section_capability(q, g.dimension_id, g.id)
    # Not assessed: the missing policy's score is no finding about the bank; show none.
    score, level = (g.score, g.level) if g.assessed else (None, None)
    return GapRow(
        id=g.id,
        title=cap.title.get(lang),
        dimension_id=dim.id,
        dimension_title=dim.title.get(lang),
        score=score,
        level=level,
        level_name=level_name(planned, level, lang),
        target=g.target,
        gap=g.gap,
        priority=g.priority,
        attainment=g.attainment,
        met=g.met,
        baseline=g.baseline,
        progress=g.progress,
        assessed=g.assessed,
        progress_text=progress_text(g.progress, g.score, g.target, g.baseline, lang),
        foundation=q.is_foundation(dim.id),
        provisional_note=(
            say("plan", lang, "provisional_note", n=len(g.unanswered)) if g.provisional else ""
        ),
    )
