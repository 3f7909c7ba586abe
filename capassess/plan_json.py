"""Plain-data JSON of plans and comparisons, for ``--format json`` and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from capassess.advice import answered_but_not_asked, failed_checks
from capassess.headline import find_headline
from capassess.plan_text import definitions
from capassess.planning import Planned
from capassess.scoring.report_json import score_json
from capassess.shown_paths import shown_path

if TYPE_CHECKING:  # comparisons come from `compare` and --baseline
    from capassess.comparison import Comparison


def gaps_json(planned: Planned) -> dict[str, Any]:
    """Targets, gaps per capability and dimension, attainment, strengths, top gaps."""
    gaps = planned.gaps
    return {
        "attainment": gaps.attainment,
        "overall_baseline": gaps.overall_baseline,
        "capabilities": [
            {
                **g.model_dump(mode="json"),
                "met": g.met,
                "source": planned.targets[g.id].source,
                "progress_met": None if g.baseline is None else g.met,
            }
            for g in gaps.capabilities
        ],
        "dimensions": [d.model_dump(mode="json") for d in gaps.dimensions],
        "strengths": [g.id for g in gaps.strengths()],
        "ranked": [g.id for g in gaps.ranked()],
        "headline": find_headline(planned.scored.result, gaps).model_dump(mode="json"),
    }


def roadmap_json(planned: Planned) -> dict[str, Any]:
    """Phases with projected scores, and the actions in dependency order."""
    road = planned.roadmap
    return {
        "baseline_overall": road.baseline_overall,
        "start": road.start,
        "end": road.end,
        "end_month": road.end_month,
        "max_major": road.max_major,
        "max_per_owner": road.max_per_owner,
        "max_active": road.max_active,
        "phases": [p.model_dump(mode="json") for p in road.phases],
        "actions": [{**a.model_dump(mode="json"), "pulled_in": a.pulled_in} for a in road.actions],
        "not_scheduled": [n.model_dump(mode="json") for n in road.not_scheduled],
        "shortfalls": [s.model_dump(mode="json") for s in road.shortfalls],
    }


def advice_json(planned: Planned) -> dict[str, Any]:
    """What the advice rests on: completeness, checks to probe, and the definitions."""
    q, result = planned.scored.questionnaire, planned.scored.result
    return {
        "completeness": {
            "unanswered": result.question_ids("missing"),
            "applicable": sum(c.answered + c.missing for c in result.capabilities()),
            "not_assessed": planned.gaps.not_assessed(),
            "answered_but_not_asked": answered_but_not_asked(
                result, planned.scored.assessment.answers
            ),
        },
        "to_probe": [
            {
                "id": check.id,
                "message": check.message.model_dump(mode="json"),
                "answers": [{"question_id": n, "value": v} for n, v in evidence.answers],
            }
            for check, evidence in failed_checks(q, result)
        ],
        "disagreements": [
            d.model_dump(mode="json") for d in planned.scored.assessment.disagreements
        ],
        "respondents": list(
            dict.fromkeys(
                a.respondent for a in planned.scored.assessment.answers.values() if a.respondent
            )
        ),
        "definitions": {term: meaning for term, meaning in definitions("en")},
    }


def plan_json(planned: Planned) -> dict[str, Any]:
    """The score JSON of SPEC.md plus gaps, roadmap and what the advice rests on."""
    scored = planned.scored
    out = score_json(scored.result, scored.questionnaire)
    out["gaps"] = gaps_json(planned)
    out["roadmap"] = roadmap_json(planned)
    out.update(advice_json(planned))
    if planned.peers is not None:  # the benchmark code is loaded only for peers
        from capassess.benchmark.peers_json import add_peers

        add_peers(out, planned.peers)
    base = planned.baseline
    if base is not None:
        from capassess.like_for_like import like_for_like

        like = like_for_like(scored.questionnaire, base.result, scored.result,
                             base.questionnaire.ref)  # fmt: skip
        out["baseline"] = {
            "path": shown_path(base.path),
            "date": str(base.assessment.date or ""),
            "overall": base.result.overall.model_dump(mode="json"),
            "like_for_like": like.model_dump(mode="json") if like else None,
        }
    return out


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """Node changes, answer changes, dropped, added and renamed ids, and the overall
    scores like for like."""
    like = comparison.like_for_like
    return {
        "old": comparison.old_ref,
        "new": comparison.new_ref,
        "nodes": [
            {**n.model_dump(mode="json"), "change": n.change, "level_changed": n.level_changed}
            for n in comparison.nodes
        ],
        "answers": [a.model_dump(mode="json") for a in comparison.answers],
        "dropped": comparison.dropped,
        "added": comparison.added,
        "renamed": comparison.renamed,
        "kpis": [k.model_dump(mode="json") for k in comparison.kpis],
        "like_for_like": like.model_dump(mode="json") if like else None,
    }
