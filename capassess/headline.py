"""The headline of a plan on one base (pure).

The overall score is the weighted mean of the lesson dimensions; the foundation stays out
of it and caps the overall *level* instead (SPEC.md, "Foundation gate"). So the headline's
target average and attainment are taken over the lesson capabilities with the weights the
overall score gives them (their global weights, which sum to 1 across the lessons), and
the foundation's own figures are given beside them, never mixed in.
"""

from __future__ import annotations

from capassess.gap import _attainment
from capassess.model.headline import BaseFigures, FoundationFigures, Headline
from capassess.model.plan import CapabilityGap, GapAnalysis
from capassess.model.results import DimensionScore, ScoreResult
from capassess.model.trusted import trusted


def _figures(score: float | None, gaps: list[CapabilityGap]) -> BaseFigures:
    scored = [g for g in gaps if g.score is not None and g.assessed]
    total = sum(g.global_weight for g in scored)
    target = sum(g.global_weight * g.target for g in scored) / total if total > 0 else None
    silent = any(g.score is not None and not g.assessed for g in gaps)
    own = sum(g.global_weight * (g.score or 0.0) for g in scored) / total if total > 0 else None
    return trusted(
        BaseFigures,
        score=score,
        target=target,
        attainment=_attainment((g.score or 0.0, g.target, g.global_weight) for g in scored),
        capabilities=[g.id for g in scored],
        base_score=own if silent and score is not None else None,
    )


def _foundation(dim: DimensionScore, gaps: list[CapabilityGap]) -> FoundationFigures:
    base = _figures(dim.score, gaps)
    assessed = set(base.capabilities)
    levels = {c.id: c.level for c in dim.capabilities if c.level is not None and c.id in assessed}
    lowest = min(levels.values(), default=None)
    return trusted(
        FoundationFigures,
        **dict(base),  # its fields' values: plain numbers and a list of ids
        level=lowest,
        lowest=[cid for cid, level in levels.items() if level == lowest],
    )


def _unanswered(result: ScoreResult) -> list[str]:
    """Lesson nodes nobody answered whose missing-policy score still counts."""
    out: list[str] = []
    for dim in result.lessons():
        silent = [c for c in dim.capabilities if c.answered == 0 and c.missing > 0]
        if not silent or dim.score is None:
            continue
        if len(silent) == len(dim.capabilities):
            out.append(dim.id)
        else:
            out += [c.id for c in silent if c.score is not None]
    return out


def counted_unanswered(result: ScoreResult) -> list[str]:
    """Lesson capabilities (or whole dimensions) nobody answered whose missing-policy score
    the overall score still counts."""
    return _unanswered(result)


def find_headline(result: ScoreResult, gaps: GapAnalysis) -> Headline:
    """The overall score, target and attainment on the lessons' base; the foundation apart."""
    lessons = {d.id for d in result.lessons()}
    found = result.foundation()
    foundation = None
    if found is not None:
        foundation = _foundation(
            found, [g for g in gaps.capabilities if g.dimension_id == found.id]
        )
    return trusted(
        Headline,
        overall=_figures(
            result.overall.score, [g for g in gaps.capabilities if g.dimension_id in lessons]
        ),
        foundation=foundation,
        counted_unanswered=_unanswered(result),
    )
