"""The method section: model and formula, weights, AHP consistency, n/a and missing lists."""

from __future__ import annotations

from typing import Any

from capassess import __version__
from capassess.memo import per_object
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import QuestionStatus, ScoreResult
from capassess.report.model import (
    AhpRow,
    LevelRow,
    Method,
    QuestionRef,
    ReferenceRow,
    WeightRow,
)
from capassess.scoring.weights import ROOT, tree_weights
from capassess.texts import words


def _web_url(url: str | None) -> str | None:
    """Keep only http(s) links, so a questionnaire cannot plant a ``javascript:`` link."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _weights(q: Questionnaire, result: ScoreResult, lang: Lang) -> tuple[WeightRow, ...]:
    """The weights table; remembered per questionnaire and language while the result's
    weights are the very numbers the rows were made from (every unit of a batch is
    scored with the questionnaire's one weight tree)."""
    numbers = tuple(
        x
        for score in result.dimensions
        for node in (score, *score.capabilities)
        for x in (node.weight, node.global_weight)
    )
    kept: dict[str, Any] = per_object(q, ("method_weights", lang), dict)
    before: tuple[float, ...] = kept.get("numbers", ())
    if len(before) == len(numbers) and all(a is b for a, b in zip(before, numbers, strict=True)):
        made: tuple[WeightRow, ...] = kept["rows"]
        return made
    titles = {cap.id: cap.title.get(lang) for _, cap in q.capabilities()}
    rows: list[WeightRow] = []
    for dim, score in zip(q.sections(), result.dimensions, strict=True):
        rows.append(WeightRow(dim.id, dim.title.get(lang), 0, score.weight, score.global_weight))
        rows += [
            WeightRow(c.id, titles[c.id], 1, c.weight, c.global_weight) for c in score.capabilities
        ]
    made = tuple(rows)
    kept.update(numbers=numbers, rows=made)
    return made


def _ahp(q: Questionnaire, lang: Lang) -> tuple[AhpRow, ...]:
    titles = {dim.id: dim.title.get(lang) for dim in q.sections()}
    titles.update({cap.id: cap.title.get(lang) for _, cap in q.capabilities()})
    titles[ROOT] = q.title.get(lang)
    return tuple(
        AhpRow(
            node=node or q.id,
            title=titles.get(node, node),
            size=len(r.weights),
            lambda_max=r.lambda_max,
            cr=r.cr,
            limit=r.limit,
            consistent=r.consistent,
        )
        for node, r in tree_weights(q).ahp.items()
    )


def _questions(
    q: Questionnaire, result: ScoreResult, lang: Lang
) -> dict[QuestionStatus, tuple[QuestionRef, ...]]:
    """The questions answered n/a, missing and skipped, each in questionnaire order."""
    status = {r.id: r.status for cap in result.capabilities() for r in cap.questions}
    refs: dict[QuestionStatus, list[QuestionRef]] = {
        "not_applicable": [], "missing": [], "skipped": []
    }  # fmt: skip
    for _, cap, question in q.questions():
        found = refs.get(status.get(question.id))  # type: ignore[arg-type]
        if found is not None:
            found.append(QuestionRef(question.id, question.text.get(lang), cap.title.get(lang)))
    return {key: tuple(items) for key, items in refs.items()}


def _levels(q: Questionnaire, lang: Lang) -> tuple[LevelRow, ...]:
    return tuple(
        LevelRow(lv.level, lv.name.get(lang), lv.description.get(lang) if lv.description else None)
        for lv in q.levels
    )


def _references(q: Questionnaire, lang: Lang) -> tuple[ReferenceRow, ...]:
    return tuple(
        ReferenceRow(ref.id, ref.title.get(lang), _web_url(ref.url)) for ref in q.references
    )


def build_method(q: Questionnaire, result: ScoreResult, lang: Lang) -> Method:
    """Describe how ``result`` was scored, in ``lang``."""
    t = words("report", lang)
    formula = t["formula_staged"] if result.model == "staged" else t["formula_weighted_mean"]
    policy = t.get(f"missing_{result.missing_policy}", result.missing_policy)
    listed = _questions(q, result, lang)
    return Method(
        model=result.model,
        model_name=t.get(f"model_{result.model}", result.model),
        formula=formula,
        missing_policy=policy,
        weights=_weights(q, result, lang),
        ahp=per_object(q, ("method_ahp", lang), lambda: _ahp(q, lang)),
        not_applicable=listed["not_applicable"],
        missing=listed["missing"],
        skipped=listed["skipped"],
        levels=per_object(q, ("method_levels", lang), lambda: _levels(q, lang)),
        references=per_object(q, ("method_references", lang), lambda: _references(q, lang)),
        questionnaire_ref=q.ref,
        tool_version=__version__,
    )
