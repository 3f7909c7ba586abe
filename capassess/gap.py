"""Targets, gaps, priorities and attainment (pure).

Formulas (per capability with score C, target T, global weight g, importance i):

- gap = max(0, T - C); priority = gap * g * i
- attainment = (min(C, T) - 1) / (T - 1), or 1 when T = 1: the share of the way from
  level 1 to the target that has been covered
- per dimension and overall, attainment = sum(g * (min(C, T) - 1)) / sum(g * (T - 1)) over
  the applicable capabilities (1 when every target is 1)
- with a baseline B: progress = (C - B) / (T - B) when T > B, else None
- a capability with no answered question is not assessed: its score follows the
  missing-answer policy, but it has no gap, priority, attainment or progress (``None``),
  and is left out of top gaps, strengths and the roadmap
- a gap is provisional when it rests on unanswered questions: answered at their best,
  they would meet the target (``advice.best_case_score``); it keeps its figures but stays
  out of the top gaps
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from capassess.advice import best_case_score, is_assessed, unanswered_questions
from capassess.errors import InputError
from capassess.memo import SameObjects
from capassess.model.plan import CapabilityGap, DimensionGap, GapAnalysis, Target
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import CapabilityScore, ScoreResult
from capassess.model.trusted import trusted

if TYPE_CHECKING:  # target files are read only with --target
    from capassess.model.target import TargetFile


def resolve_targets(
    q: Questionnaire,
    *,
    profile: str | None = None,
    target_file: TargetFile | None = None,
    level: int | None = None,
) -> dict[str, Target]:
    """Targets per capability: the questionnaire's, then a profile, a file, an option."""
    targets = {cap.id: trusted(Target, level=cap.target) for _, cap in q.capabilities()}
    if profile is not None:
        chosen = next((p for p in q.profiles if p.id == profile), None)
        if chosen is None:
            known = ", ".join(p.id for p in q.profiles) or "none"
            raise InputError.at(f"no file or target profile {profile!r} (profiles: {known})")
        for cid in targets:
            value = chosen.targets.get(cid, chosen.default)
            if value is not None:
                targets[cid] = trusted(Target, level=value, source="profile")
    if target_file is not None:
        for cid in targets:
            entry = target_file.entry(cid)
            if entry is not None:
                targets[cid] = trusted(
                    Target, level=entry.level, importance=entry.importance, source="file"
                )
    if level is not None:
        targets = {
            cid: trusted(Target, level=level, importance=t.importance, source="option")
            for cid, t in targets.items()
        }
    return targets


def _attainment(pairs: Iterable[tuple[float, float, float]]) -> float | None:
    """sum(g * (min(C,T) - 1)) / sum(g * (T - 1)) over (score, target, weight) triples."""
    items = list(pairs)
    if not items:
        return None
    need = sum(g * (t - 1) for _, t, g in items)
    if need <= 0:
        return 1.0
    return sum(g * (min(c, t) - 1) for c, t, g in items) / need


def _capability_gap(
    dim_id: str, cap_score: CapabilityScore, target: Target, baseline: float | None, model: str
) -> CapabilityGap:
    c, t = cap_score.score, target.level
    assessed = is_assessed(cap_score)
    gap = None if c is None or not assessed else max(0.0, t - c)
    unanswered = unanswered_questions(cap_score) if assessed else []
    best = best_case_score(cap_score, model) if unanswered and gap else None
    progress = None
    if gap is not None and c is not None and baseline is not None and t > baseline:
        progress = (c - baseline) / (t - baseline)
    return trusted(
        CapabilityGap,
        id=cap_score.id,
        dimension_id=dim_id,
        score=c,
        level=cap_score.level,
        target=t,
        importance=target.importance,
        global_weight=cap_score.global_weight,
        gap=gap,
        priority=None if gap is None else gap * cap_score.global_weight * target.importance,
        attainment=None if gap is None or c is None else _attainment([(c, t, 1.0)]),
        baseline=baseline,
        progress=progress,
        assessed=assessed,
        unanswered=unanswered,
        provisional=best is not None and best >= t - 1e-9,
    )


def _shared_gap(dim_id: str, cap: CapabilityScore, target: Target, model: str) -> CapabilityGap:
    """The gap of ``cap`` without a baseline, made once for the very same capability score
    and target (shared by the units of a batch that score a capability alike, see
    ``scoring.remembered``; gaps are frozen)."""
    key, objects = (dim_id, id(cap), id(target), model), (cap, target)
    found = _GAPS.get(key, objects)
    if found is not None:
        return found
    gap = _capability_gap(dim_id, cap, target, None, model)
    return _GAPS.put(key, objects, gap, REMEMBERED_GAPS)


REMEMBERED_GAPS = 4096
_GAPS: SameObjects[CapabilityGap] = SameObjects()


def _dimension_gap(
    dim_id: str, score: float | None, caps: list[CapabilityGap], baseline: float | None
) -> DimensionGap:
    scored = [c for c in caps if c.score is not None and c.assessed]
    total = sum(c.global_weight for c in scored)
    target = gap = None
    if total > 0:
        target = sum(c.global_weight * c.target for c in scored) / total
        gap = sum(c.global_weight * (c.gap or 0.0) for c in scored) / total
    return trusted(
        DimensionGap,
        id=dim_id,
        score=score,
        target=target,
        gap=gap,
        priority=sum(c.priority or 0.0 for c in scored),
        attainment=_attainment((c.score or 0.0, c.target, c.global_weight) for c in scored),
        baseline=baseline,
        assessed=bool(scored) or all(c.score is None for c in caps),
    )


def find_gaps(
    q: Questionnaire,
    result: ScoreResult,
    targets: dict[str, Target],
    baseline: ScoreResult | None = None,
) -> GapAnalysis:
    """Compare each capability's score with its target; roll gaps up per dimension."""
    # A capability nobody answered at the baseline has no baseline score: the missing
    # policy's value is no finding about the bank, and no progress is read from it.
    base_caps = (
        {c.id: c.score for c in baseline.capabilities() if is_assessed(c)} if baseline else {}
    )
    base_dims = {d.id: d.score for d in baseline.dimensions} if baseline else {}
    capabilities: list[CapabilityGap] = []
    dimensions: list[DimensionGap] = []
    for dim in result.dimensions:
        caps = [
            _capability_gap(dim.id, cap, targets[cap.id], base_caps.get(cap.id), result.model)
            if baseline
            else _shared_gap(dim.id, cap, targets[cap.id], result.model)
            for cap in dim.capabilities
        ]
        capabilities += caps
        dimensions.append(_dimension_gap(dim.id, dim.score, caps, base_dims.get(dim.id)))
    scored = [c for c in capabilities if c.score is not None and c.assessed]
    return trusted(
        GapAnalysis,
        capabilities=capabilities,
        dimensions=dimensions,
        attainment=_attainment((c.score or 0.0, c.target, c.global_weight) for c in scored),
        overall_baseline=baseline.overall.score if baseline else None,
    )
