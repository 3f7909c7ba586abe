"""Words for plans in both languages, shared by the terminal, the reports and JSON users:
action types, reasons, evidence, phase labels, definitions and completeness warnings."""

from __future__ import annotations

from typing import Any

from capassess.model.base import Lang
from capassess.model.plan import AnswerShown, NotScheduled, Phase, PlannedAction
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult
from capassess.questionnaire_index import action_titles, index_of

QUADRANT_LABEL = {
    "en": {
        "quick-win": "quick win",
        "major-project": "major project",
        "initiative": "initiative",
        "fill-in": "fill-in",
        "deprioritise": "deprioritise",
    },
    "zh": {
        "quick-win": "速赢",
        "major-project": "重点项目",
        "initiative": "重要举措",
        "fill-in": "补充完善",
        "deprioritise": "暂缓",
    },
}

DEFINITIONS = {
    "en": [
        ("score", "1 + 4 × the weighted mean of the answered questions' scores (0-1); 1.00-5.99"),
        ("gap", "target level − score, never below 0 (0 = target met)"),
        ("priority", "gap × the capability's global weight × the target's importance"),
        ("attained", "how much of the way from level 1 to the target is covered: "
         "(min(score, target) − 1) / (target − 1)"),
        ("progress", "how much of the way from the baseline to the target is covered: "
         "(score − baseline) / (target − baseline)"),
        ("quick win", "low effort, medium or high impact, at most 6 months"),
        ("major project", "medium or high impact, high effort or more than 12 months"),
        ("initiative", "the other medium or high impact actions"),
        ("fill-in", "low impact, low or medium effort"),
        ("deprioritise", "low impact, high effort"),
        ("projected", "the score once every action ended by then has succeeded; running "
         "actions are not counted"),
    ],
    "zh": [
        ("得分", "1 + 4 × 已作答问题得分（0—1）的加权平均，取值 1.00—5.99"),
        ("差距", "目标等级 − 得分，最小为 0（0 表示已达标）"),
        ("优先度", "差距 × 该能力的全局权重 × 目标重要性"),
        ("达成度", "从 1 级到目标等级已走完的比例：(min(得分, 目标) − 1) / (目标 − 1)"),
        ("进展", "从基线到目标已走完的比例：(得分 − 基线) / (目标 − 基线)"),
        ("速赢", "投入低、影响中或高、工期不超过 6 个月"),
        ("重点项目", "影响中或高，且投入高或工期超过 12 个月"),
        ("重要举措", "其余影响中或高的行动"),
        ("补充完善", "影响低、投入低或中"),
        ("暂缓", "影响低、投入高"),
        ("预计得分", "截至该时点已完成的行动全部见效后的得分，进行中的行动不计入"),
    ],
}


def shown_value(value: Any, lang: Lang) -> str:
    """An answer as people read it: yes/no, lists joined, numbers without noise."""
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, list):
        return ", ".join(map(str, value)) or ("（无）" if lang == "zh" else "(none)")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def answers_text(answers: list[AnswerShown], lang: Lang) -> str:
    """``dg-level = 3; dg-policies = committee, policy``."""
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{a.question_id} = {shown_value(a.value, lang)}" for a in answers)


def phase_label(phase: Phase, lang: Lang) -> str:
    """``Phase 1 · 2026-03 – 2026-08 (months 0-6)``, or the Chinese equivalent."""
    span = f"{phase.start} – {phase.end}"
    months = f"{phase.start_month}-{phase.end_month}"
    if lang == "zh":
        return f"阶段 {phase.index + 1} · {span}（第 {months} 个月）"
    return f"Phase {phase.index + 1} · {span} (months {months})"


def why(action: PlannedAction, q: Questionnaire, score: float | None, target: int,
        lang: Lang) -> str:  # fmt: skip
    """Why an action is on the roadmap, from the answers where they tell."""
    name = index_of(q).capability[action.capability_id].title.get(lang)
    zh = lang == "zh"
    colon = "：" if zh else ": "
    gap = f"{name}{colon}{score:.2f} → {target}" if score is not None else name
    evidence = answers_text(action.evidence, lang)
    parts = []
    if action.basis == "evidence":
        parts.append(f"{gap}；作答显示尚未具备（{evidence}）" if zh
                     else f"{gap}; the answers show it missing ({evidence})")  # fmt: skip
    elif action.basis == "score":
        parts.append(f"{gap}；按得分判断，作答未能证明已具备" if zh
                     else f"{gap}; by score: no answer shows it in place")  # fmt: skip
    elif action.basis == "shortfall":
        parts.append(f"{gap}；针对拉低得分的作答" if zh
                     else f"{gap}; addresses the answers holding the score down")  # fmt: skip
    if action.basis == "dependency" and action.shown_missing:
        parts.append(f"作答显示尚未具备（{evidence}）" if zh
                     else f"the answers show it missing ({evidence})")  # fmt: skip
    if action.needed_by:
        titles = action_titles(q, lang)
        names = "、".join(titles.get(aid, aid) for aid in action.needed_by) if zh else ", ".join(
            titles.get(aid, aid) for aid in action.needed_by)  # fmt: skip
        parts.append(f"是{names}的前提" if zh else f"needed by {names}")
    return ("；" if zh else "; ").join(parts)


def not_scheduled_reason(item: NotScheduled, q: Questionnaire, result: ScoreResult,
                         lang: Lang) -> str:  # fmt: skip
    """Why an action is not on the roadmap: in place by evidence or level, or not assessed."""
    zh = lang == "zh"
    if item.status == "in-place-evidence":
        text = answers_text(item.evidence, lang)
        return f"已具备，依据作答：{text}" if zh else f"in place, as the answers show: {text}"
    if item.status == "in-place-level":
        score = result.capability(item.capability_id).score or 0.0
        return (f"视为已具备：该能力得分 {score:.2f}，已达第 {item.level} 级" if zh
                else f"taken as in place: its capability scores {score:.2f}, at level "
                f"{item.level} or above")  # fmt: skip
    return ("未评估：该能力没有任何已作答的问题，无法判断是否具备" if zh
            else "not assessed: no question of its capability is answered, so nobody can "
            "tell whether it is in place")  # fmt: skip


def completeness_warnings(q: Questionnaire, result: ScoreResult, lang: Lang = "en") -> list[str]:
    """Loud words on unanswered questions and capabilities not assessed (empty if none)."""
    missing = result.question_ids("missing")
    if not missing:
        return []
    applicable = sum(c.answered + c.missing for c in result.capabilities())
    caps = {c.id: c.title.get(lang) for _, c in q.capabilities()}
    not_assessed = [cap.id for cap in result.capabilities() if cap.answered == 0 and cap.missing]
    zh = lang == "zh"
    policy = {"lowest": ("按最低分计入得分", "counted as the lowest answer in the scores"),
              "exclude": ("不计入得分", "left out of the scores"),
              "error": ("", "")}[result.missing_policy]  # fmt: skip
    n, total = len(missing), applicable
    out = [f"{n}/{total} 个问题未作答，{policy[0]}" if zh
           else f"{n} of {total} questions are unanswered, {policy[1]}"]  # fmt: skip
    if not_assessed:
        names = ("、" if zh else ", ").join(caps[c] for c in not_assessed)
        k = len(not_assessed)
        out.append(f"{k} 项能力未评估（无任何作答），不参与差距排序、不给出行动建议：{names}"
                   if zh else f"{k} capabilities not assessed (no question answered), so "
                   f"they get no place among the gaps and no actions: {names}")  # fmt: skip
    return out
