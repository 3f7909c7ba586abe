"""The "score JSON" of SPEC.md: a plain dict, for ``score --format json`` and reports."""

from __future__ import annotations

from typing import Any

from capassess import __version__
from capassess.model.base import Text
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import NodeScore, ScoreResult
from capassess.scoring.weights import tree_weights

SCHEMA_VERSION = 1


def _text(text: Text | None) -> dict[str, str | None] | None:
    return None if text is None else {"en": text.en, "zh": text.zh}


def _level_name(q: Questionnaire, level: int | None) -> dict[str, str | None] | None:
    return None if level is None else _text(q.levels[level - 1].name)


def _node(node: NodeScore, q: Questionnaire, title: Text) -> dict[str, Any]:
    return {
        "id": node.id,
        "title": _text(title),
        "score": node.score,
        "level": node.level,
        "level_name": _level_name(q, node.level),
        "weight": node.weight,
        "global_weight": node.global_weight,
        "answered": node.answered,
        "not_applicable": node.not_applicable,
        "missing": node.missing,
        "skipped": node.skipped,
        # no question answered: "not assessed", whatever score the missing policy gave it
        "assessed": node.answered > 0 or node.missing == 0,
    }


def _ahp(q: Questionnaire) -> list[dict[str, Any]]:
    tree = tree_weights(q)
    return [
        {
            "node": node or q.id,  # the root (ROOT == "") is the questionnaire
            "weights": list(result.weights),
            "lambda_max": result.lambda_max,
            "ci": result.ci,
            "ri": result.ri,
            "cr": result.cr,
            "limit": result.limit,
        }
        for node, result in tree.ahp.items()
    ]


def score_json(result: ScoreResult, questionnaire: Questionnaire) -> dict[str, Any]:
    """The score JSON: tool, questionnaire, subject, model, overall, dimensions and more.

    Scores keep full precision; an n/a node has ``score: null`` and ``level: null``.
    """
    q = questionnaire
    titles = {cap.id: cap.title for _, cap in q.capabilities()}
    targets = {cap.id: cap.target for _, cap in q.capabilities()}
    dimensions = []
    for dim, dim_score in zip(q.sections(), result.dimensions, strict=True):
        entry = _node(dim_score, q, dim.title)
        entry["foundation"] = dim_score.foundation
        entry["capabilities"] = [
            {
                **_node(cap, q, titles[cap.id]),
                "target": targets[cap.id],
                "questions": [r.model_dump(mode="json") for r in cap.questions],
            }
            for cap in dim_score.capabilities
        ]
        dimensions.append(entry)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "capassess", "version": __version__},
        "questionnaire": {"id": q.id, "version": q.version, "title": _text(q.title)},
        "subject": result.subject.model_dump(mode="json") if result.subject else None,
        "assessor": result.assessor,
        "date": result.date.isoformat() if result.date else None,
        "model": result.model,
        "missing_policy": result.missing_policy,
        "overall": {
            "score": result.overall.score,
            "level": result.overall.level,
            "level_name": _level_name(q, result.overall.level),
            "capped_by": list(result.overall.capped_by),
            "uncapped_level": result.overall.uncapped_level,
            "unconfirmed_by": list(result.overall.unconfirmed_by),
        },
        "dimensions": dimensions,
        "questions": {
            status: result.question_ids(status)
            for status in ("missing", "not_applicable", "skipped")
        },
        "levels": [{"level": lv.level, "name": _text(lv.name)} for lv in q.levels],
        "ahp": _ahp(q),
    }
