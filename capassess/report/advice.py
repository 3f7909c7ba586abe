"""The report's account of what its advice rests on: completeness, actions left off the
roadmap, shortfalls (execution gaps, and targets beyond the action library), contradictions
to probe, definitions and the roadmap's span."""

from __future__ import annotations

from capassess.advice import failed_checks
from capassess.condition_text import condition_words, question_words
from capassess.model.base import Lang
from capassess.model.plan import AnswerShown, PlannedAction
from capassess.model.questionnaire import CostBand, Questionnaire
from capassess.model.trusted import trusted
from capassess.plan_text import (
    answers_text,
    budget_clause,
    completeness_warnings,
    definitions,
    lacking_text,
    level_span,
    not_scheduled_reason,
    past_start,
)
from capassess.planning import Planned
from capassess.questionnaire_index import action_titles, capability_titles
from capassess.records import record
from capassess.texts import words


@record
class LeftOffRow:
    """An action not on the roadmap, and why."""

    id: str
    title: str
    capability_title: str
    reason: str
    needed_by: str
    in_place: bool = False
    status: str = ""
    """in-place-evidence, in-place-level, not-assessed or to-confirm."""


@record
class Advice:
    """What the report's advice rests on."""

    warnings: tuple[str, ...]
    span: str
    left_off: tuple[LeftOffRow, ...]
    shortfalls: tuple[str, ...]
    """One line per execution gap: capability, then the answers holding it down."""
    shortfall_titles: tuple[str, ...]
    probes: tuple[tuple[str, str], ...]
    definitions: tuple[tuple[str, str], ...]
    cost_basis: str | None
    start_note: str | None = None
    """Set when the roadmap starts before the report's date: how it is dated, how to re-plan."""
    beyond_library: tuple[str, ...] = ()
    """One line per capability whose target asks a level no action aims at (not an
    execution gap): capability, the levels, then the answers holding it down."""
    beyond_library_titles: tuple[str, ...] = ()


def cost_text(cost: CostBand | None, lang: Lang, branch: bool = False) -> str | None:
    """``small 0.5–1 · mid-sized 1–3 · large 3–8`` (RMB million), or None; for a branch,
    the bands are by the size of the bank it belongs to, and say so."""
    if cost is None:
        return None
    bands = {}
    for size in ("small", "medium", "large"):
        band = cost.band(size)
        bands[size] = "—" if band is None else f"{band[0]:g}–{band[1]:g}"
    return words("report", lang)["cost_sizes_branch" if branch else "cost_sizes"].format(**bands)


def kpi_text(action: PlannedAction, q: Questionnaire, lang: Lang) -> str | None:
    """The KPI in words (its condition in words where it has none), or None."""
    if action.kpi is None:
        return None
    words = action.kpi.text.get(lang) if action.kpi.text else ""
    return words or condition_words(q, action.kpi.when, lang) or None


def kpi_check(action: PlannedAction, q: Questionnaire, lang: Lang) -> str | None:
    """The KPI's condition on the answers in words, when the KPI also has words."""
    if action.kpi is None or not (action.kpi.text and action.kpi.text.get(lang)):
        return None
    return condition_words(q, action.kpi.when, lang) or None


def kpi_note(action: PlannedAction, lang: Lang, q: Questionnaire | None = None) -> str | None:
    """Why the KPI cannot measure the action, with the answers behind it (in words with the
    questionnaire ``q``), or None."""
    if action.kpi_flag is None:
        return None
    t = words("report", lang)
    if action.kpi_flag == "not-applicable":
        ids = [a.question_id for a in action.kpi_evidence]
        shown = [question_words(q, n, lang) for n in ids] if q is not None else ids
        return t["kpi_not_applicable"].format(questions=t["list_sep"].join(shown))
    return t["kpi_met_now"].format(answers=answers_text(action.kpi_evidence, lang, q))


def disagreement_probes(planned: Planned, lang: Lang) -> tuple[tuple[str, str], ...]:
    """Questions where respondents differ by two levels or more (from ``capassess merge``)."""
    t = words("report", lang)
    questions = planned.scored.questionnaire.question_map()
    out = []
    for d in planned.scored.assessment.disagreements:
        question = questions.get(d.question)
        text = question.text.get(lang) if question else d.question
        levels = t["list_sep"].join(f"{who} {level:g}" for who, level in d.levels.items())
        out.append((t["disagreement"].format(question=text, id=d.question, spread=d.spread),
                    levels))  # fmt: skip
    return tuple(out)


def respondents(planned: Planned) -> list[str]:
    """Everyone recorded as giving an answer, in order of first appearance."""
    names = (a.respondent for a in planned.scored.assessment.answers.values() if a.respondent)
    return list(dict.fromkeys(names))


def build_advice(planned: Planned, lang: Lang, generated: str | None = None) -> Advice:
    """Collect the advice notes of a plan in one language; ``generated`` is the report's
    date (YYYY-MM-DD)."""
    t = words("report", lang)
    q, result, road = planned.scored.questionnaire, planned.scored.result, planned.roadmap
    caps, titles = capability_titles(q, lang), action_titles(q, lang)
    sep = t["list_sep"]
    left_off = tuple(
        LeftOffRow(item.id, item.title.get(lang), caps[item.capability_id],
                   not_scheduled_reason(item, q, result, lang),
                   sep.join(titles.get(n, n) for n in item.needed_by),
                   item.status.startswith("in-place"), item.status)
        for item in road.not_scheduled
    )  # fmt: skip
    execution = [s for s in road.shortfalls if not s.beyond_library]
    beyond = [s for s in road.shortfalls if s.beyond_library]
    shortfalls = tuple(
        f"{caps[s.capability_id]}{t['colon']}"
        + t["shortfall_text"].format(held=answers_text(s.questions, lang, q))
        for s in execution
    )
    beyond_lines = tuple(
        f"{caps[s.capability_id]}{t['colon']}"
        + t["beyond_library_text"].format(span=level_span(s.beyond_library),
                                          held=answers_text(s.questions, lang, q))
        for s in beyond
    )  # fmt: skip
    probes = tuple(
        (check.message.get(lang), lacking_text(
            [trusted(AnswerShown, question_id=n, value=v) for n, v in evidence.answers],
            check.when, lang, q))
        for check, evidence in failed_checks(q, result)
    ) + disagreement_probes(planned, lang)  # fmt: skip
    span = t["roadmap_span"].format(start=road.start, end=road.end, months=road.end_month,
                                    major=road.max_major, per_owner=road.max_per_owner,
                                    active=road.max_active,
                                    budget=budget_clause(road, t),
                                    ) if road.actions else ""  # fmt: skip
    return Advice(
        warnings=tuple(completeness_warnings(q, result, lang)),
        span=span,
        left_off=left_off,
        shortfalls=shortfalls,
        shortfall_titles=tuple(caps[s.capability_id] for s in execution),
        probes=probes,
        definitions=tuple(definitions(lang)),
        cost_basis=q.cost_basis.get(lang) if q.cost_basis else None,
        start_note=_start_note(planned, lang, generated),
        beyond_library=beyond_lines,
        beyond_library_titles=tuple(caps[s.capability_id] for s in beyond),
    )


def _start_note(planned: Planned, lang: Lang, generated: str | None) -> str | None:
    road, date = planned.roadmap, planned.scored.assessment.date
    if not road.actions or generated is None:
        return None
    assessed = f"{date:%Y-%m}" if date else None
    return past_start(road.start, assessed, generated, lang, analyst=False)
