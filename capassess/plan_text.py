"""Words for plans in both languages, shared by the terminal, the reports and JSON users:
action types, reasons, evidence, phase labels, definitions and completeness warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from capassess.model.base import Lang
from capassess.texts import say, words

if TYPE_CHECKING:  # the score command uses these words without loading the plan models
    from collections.abc import Collection, Mapping, Sequence

    from capassess.model.plan import AnswerShown, NotScheduled, Phase, PlannedAction, Roadmap
    from capassess.model.questionnaire import Questionnaire
    from capassess.model.results import ScoreResult

QUADRANTS = ("quick-win", "major-project", "initiative", "fill-in", "deprioritise")
DEFINED = ("score", "level", "foundation", "floor", "target", "gap", "provisional", "dimension_gap",
           "dimension_target", "priority", "dimension_priority", "attained", "progress",
           "not_assessed", "quick_win", "major_project", "initiative", "fill_in",
           "deprioritise", "projected")  # fmt: skip
"""The terms defined for readers of a plan, in the order they are shown."""


def quadrant_label(quadrant: str, lang: Lang) -> str:
    """The name of an action type (``quick-win``...) in ``lang``."""
    return words("plan", lang)[f"quadrant_{quadrant}"]


def quadrant_labels(lang: Lang) -> dict[str, str]:
    """Every action type and its name in ``lang``, in the order of ``QUADRANTS``."""
    return {q: quadrant_label(q, lang) for q in QUADRANTS}


def definitions(lang: Lang) -> list[tuple[str, str]]:
    """The terms of a plan and their definitions in ``lang``."""
    t = words("plan", lang)
    return [(t[f"term_{term}"], t[f"define_{term}"]) for term in DEFINED]


def progress_text(
    progress: float | None, score: float | None, target: int, baseline: float | None, lang: Lang
) -> str:
    """Progress since the baseline as people read it: a share below 100%, "target met" at or
    above it (the formula's value stays in the JSON), and for a baseline already at its
    target "met at the baseline" (no division by a non-positive distance)."""
    t = words("plan", lang)
    if progress is not None:
        return t["progress_met"] if progress >= 1 - 1e-9 else f"{progress:.0%}"
    if baseline is not None and score is not None and baseline >= target:
        return t["progress_met_before"] if score >= target else t["progress_fell_back"]
    return "—"


def shown_value(value: Any, lang: Lang) -> str:
    """An answer as people read it: yes/no, lists joined, numbers without noise."""
    t = words("plan", lang)
    if isinstance(value, bool):
        return t["yes"] if value else t["no"]
    if isinstance(value, list):
        return ", ".join(map(str, value)) or t["none"]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def answers_text(answers: list[AnswerShown], lang: Lang, q: Questionnaire | None = None) -> str:
    """``“Question?”: Label; ...`` with the questionnaire ``q`` (questions by their text,
    options by their labels, in ``lang``); ``dg-level = 3; ...`` without one."""
    sep = words("plan", lang)["answer_sep"]
    if q is not None:
        from capassess.condition_text import answer_words

        return sep.join(answer_words(q, a.question_id, a.value, lang) for a in answers)
    return sep.join(f"{a.question_id} = {shown_value(a.value, lang)}" for a in answers)


def lacking_text(
    answers: list[AnswerShown], expression: str | None, lang: Lang, q: Questionnaire
) -> str:
    """The answers that settle ``expression`` (an action's done_when shown false, a check
    shown true), a checklist's by what it lacks first (``“Q”: lacks X (ticked: A, B)``):
    its ticked options alone would read as the missing ones. Other answers read as in
    ``answers_text``. Remembered by what it depends on (the branches of a batch give the
    same answers again and again)."""
    key = (lang, expression, *((a.question_id, type(a.value),
           tuple(a.value) if isinstance(a.value, list) else a.value) for a in answers))  # fmt: skip
    found = _LACKING.get(key)
    if found is not None and found[0] is q:
        return found[1]
    text = _lacking_text(answers, expression, lang, q)
    if len(_LACKING) >= REMEMBERED_TEXTS:
        _LACKING.clear()
    _LACKING[key] = (q, text)
    return text


def _lacking_text(
    answers: list[AnswerShown], expression: str | None, lang: Lang, q: Questionnaire
) -> str:
    from capassess.condition_text import answer_words, question_words, value_words
    from capassess.expr import absent_options
    from capassess.scoring.questions import compiled_condition

    values = {a.question_id: a.value for a in answers}
    absent = absent_options(compiled_condition(expression), values) if expression else {}
    t = words("plan", lang)
    parts = []
    for a in answers:
        lacks = absent.get(a.question_id)
        if not lacks:
            parts.append(answer_words(q, a.question_id, a.value, lang))
            continue
        question = q.question_map().get(a.question_id)
        given = a.value if isinstance(a.value, list) else []
        parts.append(t["answer_lacking" if given else "answer_lacking_none"].format(
            q=question_words(q, a.question_id, lang),
            absent=value_words(question, lacks, lang),
            given=value_words(question, given, lang),
        ))  # fmt: skip
    return t["answer_sep"].join(parts)


def budget_clause(road: Roadmap, t: Mapping[str, str]) -> str:
    """The roadmap's effort budget per phase in words (``t``'s ``budget_clause``), or
    nothing when it has none."""
    budget = next((p.budget for p in road.phases if p.budget is not None), None)
    return "" if budget is None else t["budget_clause"].format(points=budget)


def _kpi_open(action_id: str, q: Questionnaire, result: ScoreResult, lang: Lang) -> str:
    """For an action the answers show in place: that its KPI is not met yet, when the
    answers show that too (as ``compare`` will find it), else nothing."""
    from capassess.advice import answered_values, expression_holds
    from capassess.questionnaire_index import index_of

    kpi = index_of(q).action[action_id].kpi
    if kpi is None or expression_holds(kpi.when, answered_values(result)) is not False:
        return ""
    return say("plan", lang, "kpi_not_met_yet", kpi=kpi.text.get(lang) if kpi.text else kpi.when)


def phase_label(phase: Phase, lang: Lang) -> str:
    """``Phase 1 · 2026-03 – 2026-08 (months 0-6)``, or the Chinese equivalent."""
    span = f"{phase.start} – {phase.end}"
    months = f"{phase.start_month}-{phase.end_month}"
    return say("plan", lang, "phase_label", n=phase.index + 1, span=span, months=months)


def level_span(levels: Sequence[int]) -> str:
    """``5`` for one level, ``4–5`` for a run of them (in order)."""
    return f"{levels[0]}" if len(levels) == 1 else f"{levels[0]}–{levels[-1]}"


def rise_text(score: float | None, target: int, reached: float | None, lang: Lang,
              aimed: Collection[int] = ()) -> str:  # fmt: skip
    """``2.04 → 4`` when the roadmap's projection lifts the score to the target, ``2.04 → 3
    (target 4; …)`` when it lifts it part of the way, ``2.04 (target 4; …)`` when it credits
    no rise: never a rise the projection does not count. Short of the target, the cause is
    an action of the capability up to the target that is still to confirm (every other one
    is in place or scheduled), or, when none of the levels the capability's actions aim at
    (``aimed``) lies between where the projection stands and the target, that the library
    has no action for those levels."""
    t = words("plan", lang)
    if score is None:
        return ""
    stands = int(max(score, reached or score) + 1e-9)
    ahead = range(stands + 1, target + 1)
    library = "_library" if aimed and ahead and not any(lv in aimed for lv in ahead) else ""
    span = f"{ahead[0]}" if len(ahead) == 1 else f"{ahead[0]}–{ahead[-1]}" if ahead else ""
    if reached is None or reached <= score + 1e-9:
        return t["rise_none" + library].format(score=score, target=target, span=span)
    if reached + 1e-9 < target:
        return t["rise_part" + library].format(
            score=score, reached=reached, target=target, span=span
        )
    return f"{score:.2f} → {target}"


def why(action: PlannedAction, q: Questionnaire, score: float | None, target: int,
        lang: Lang, reached: float | None = None) -> str:  # fmt: skip
    """Why an action is on the roadmap, from the answers where they tell; ``reached`` is
    its capability's projected score at the roadmap's end (see ``rise_text``)."""
    from capassess.questionnaire_index import action_titles, index_of

    cap = index_of(q).capability[action.capability_id]
    name = cap.title.get(lang)
    t = words("plan", lang)
    rise = rise_text(score, target, reached, lang, {a.level for a in cap.actions})
    gap = f"{name}{t['colon']}{rise}" if rise else name
    missing = action.basis == "evidence" or action.shown_missing
    evidence = (
        lacking_text(action.evidence, index_of(q).action[action.id].done_when, lang, q)
        if missing
        else answers_text(action.evidence, lang, q)
    )
    parts = []
    if action.basis in ("evidence", "score"):
        parts.append(t[f"why_{action.basis}"].format(gap=gap, evidence=evidence))
    if action.basis == "dependency" and action.shown_missing:
        parts.append(t["why_missing"].format(evidence=evidence))
    if action.needed_by:
        titles = action_titles(q, lang)
        names = t["list_sep"].join(titles.get(aid, aid) for aid in action.needed_by)
        parts.append(t["why_needed_by"].format(names=names))
    return t["answer_sep"].join(parts)


def _to_confirm(item: NotScheduled, q: Questionnaire, result: ScoreResult, lang: Lang) -> str:
    """Why an action is to confirm: the questions still to answer, and apart those answered
    n/a or not asked because their condition is false, which the answers cannot settle
    either way (they are not to answer: an interview would not ask them)."""
    from capassess.advice import moot_questions
    from capassess.condition_text import question_words

    moot = moot_questions(result)
    sep = words("plan", lang)["list_sep"]

    def named(status: str) -> str:
        return sep.join(question_words(q, n, lang) for n in item.moot if moot.get(n) == status)

    blank = sep.join(question_words(q, n, lang) for n in item.to_answer)
    na, skipped = named("not_applicable"), named("skipped")
    if blank:
        if na:
            return say("plan", lang, "to_confirm_mixed", questions=blank, na=na)
        return say("plan", lang, "to_confirm", questions=blank)
    if na and skipped:
        return say("plan", lang, "to_confirm_moot", na=na, skipped=skipped)
    if skipped:
        return say("plan", lang, "to_confirm_skipped", skipped=skipped)
    return say("plan", lang, "to_confirm_na", na=na)


def not_scheduled_reason(item: NotScheduled, q: Questionnaire, result: ScoreResult,
                         lang: Lang) -> str:  # fmt: skip
    """Why an action is not on the roadmap: in place by evidence or level, to confirm, or
    not assessed."""
    if item.status == "to-confirm":
        return _to_confirm(item, q, result, lang)
    if item.status == "in-place-evidence":
        return _in_place_text(item.evidence, q, lang) + _kpi_open(item.id, q, result, lang)
    if item.status == "in-place-level":
        score = result.capability(item.capability_id).score or 0.0
        return say("plan", lang, "in_place_level", score=score, level=item.level)
    if item.status == "not-applicable":
        return say("plan", lang, "not_applicable_left")
    return say("plan", lang, "not_assessed")


def _in_place_text(evidence: list[AnswerShown], q: Questionnaire, lang: Lang) -> str:
    """``In place: the answers show …`` for ``evidence``; the same answer models (shared by
    the units of a batch, ``evidence_shown``) give the same text, made once (models with
    a list value are each unit's own: their text is not kept)."""
    shown = tuple(evidence)
    key = (lang, id(q), *map(id, shown))
    found = _IN_PLACE.get(key)
    if (
        found is not None
        and found[0] is q
        and all(a is b for a, b in zip(found[1], shown, strict=True))
    ):
        return found[2]
    text = say("plan", lang, "in_place_evidence", answers=answers_text(evidence, lang, q))
    if all(type(a.value) is not list for a in shown):  # else the unit's own models
        if len(_IN_PLACE) >= REMEMBERED_TEXTS:
            _IN_PLACE.clear()
        _IN_PLACE[key] = (q, shown, text)  # what the ids stand for kept alive with them
    return text


REMEMBERED_TEXTS = 4096
_LACKING: dict[tuple[Any, ...], tuple[Questionnaire, str]] = {}
_IN_PLACE: dict[tuple[Any, ...], tuple[Questionnaire, tuple[AnswerShown, ...], str]] = {}


def past_start(
    road_start: str, assessed: str | None, today: str, lang: Lang, *, analyst: bool = True
) -> str | None:
    """A note when the roadmap's first month (``YYYY-MM``) lies before ``today``
    (``YYYY-MM-DD``): how the plan is dated and how to plan from now; None otherwise.

    The analyst's note (terminal, stderr) names the ``--start`` option to run again with;
    the reader's (reports, deck) says the plan is to be re-dated, with no command line."""
    if not road_start or road_start >= today[:7]:
        return None
    key = "past_start_assessed" if road_start == assessed else "past_start"
    key += "" if analyst else "_reader"
    return say("plan", lang, key, start=road_start, today=today, now=today[:7])


def completeness_warnings(q: Questionnaire, result: ScoreResult, lang: Lang = "en") -> list[str]:
    """Loud words on unanswered questions and capabilities not assessed (empty if none)."""
    missing = result.question_ids("missing")
    if not missing:
        return []
    # the questions asked (answered, n/a or blank; not those a condition skipped), the base
    # the report's "questions answered: k of N" also counts on
    applicable = sum(c.answered + c.not_applicable + c.missing for c in result.capabilities())
    caps = {c.id: c.title.get(lang) for _, c in q.capabilities()}
    not_assessed = [cap.id for cap in result.capabilities() if cap.answered == 0 and cap.missing]
    t = words("plan", lang)
    policy = t.get(f"missing_{result.missing_policy}", "")  # "error": never scored with gaps
    out = [t["unanswered"].format(n=len(missing), total=applicable, policy=policy)]
    if not_assessed:
        names = t["list_sep"].join(caps[c] for c in not_assessed)
        out.append(t["caps_not_assessed"].format(k=len(not_assessed), names=names))
    return out
