"""The key messages of a report, written from its data: level and score against the target
on the same base, the foundation beside, caps and what was not assessed, strongest and
weakest capabilities (the foundation's apart, on its own scale), the roadmap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.report.model import GapRow, Report
from capassess.texts import words

if TYPE_CHECKING:
    from capassess.model.base import Lang
    from capassess.planning import Planned

SHOWN = 3


def number_text(value: float | None) -> str:
    """A score as reports print it: two decimals, or "—"."""
    return "—" if value is None else f"{value:.2f}"


_num = number_text


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _overall(report: Report, t: dict[str, str]) -> str:
    s = report.summary
    counted = s.counted_unanswered
    if s.target_overall is None:  # no capability of the scored dimensions is assessed
        if s.overall_score is None:
            return t["km_overall_not_assessed"]
        return t["km_overall_not_assessed_counted"].format(score=_num(s.overall_score))
    text = t["km_overall"].format(
        level=s.overall_level or "—",
        level_name=s.level_name,
        score=_num(s.overall_score),
        counted=t["km_counted"].format(names=counted, base=_num(s.counted_base)) if counted else "",
        target=_num(s.target_overall),
        attainment=_pct(s.attainment),
    )
    if s.capped:
        text += t["km_capped"].format(capped=s.capped, uncapped=s.uncapped_level or "—")
    if s.unconfirmed_by:
        text += t["km_unconfirmed"].format(names=s.unconfirmed_by)
    return text


def _foundation(report: Report, t: dict[str, str]) -> list[str]:
    """The foundation's own figures and its gaps, on its own priority scale."""
    f = report.summary.foundation
    if f is None:
        return []
    if not f.assessed:  # no foundation question answered: no figure to give
        return [t["km_foundation_not_assessed"]]
    if f.score is None:
        return []
    gates = _weakest(report, foundation=True)
    over = "" if f.base_score is None else t["km_over_assessed"]
    text = t["km_foundation"].format(
        score=_num(f.score if f.base_score is None else f.base_score) + over,
        target=_num(f.target),
        attainment=_pct(f.attainment),
        level=f.level or "—",
        level_name=f.level_name,
        gaps=_capabilities(gates, t, "km_foundation_gaps") if gates else "",
    )
    return [text]


def _capabilities(rows: list[GapRow], t: dict[str, str], key: str) -> str:
    items = [
        t[f"{key}_item"].format(
            title=g.title,
            score=_num(g.score),
            target=g.target,
            gap=_num(abs(g.gap) if g.gap is not None else None),
        )
        for g in rows
    ]
    return t[key].format(items=t["list_sep"].join(items))


def _weakest(report: Report, foundation: bool = False) -> list[GapRow]:
    """The highest-priority open gaps of the scored dimensions, or of the foundation."""
    return [
        g
        for g in report.gaps
        if g.assessed
        and g.score is not None
        and not g.met
        and g.foundation == foundation
        and not g.provisional_note
    ][:SHOWN]


def _strongest(report: Report) -> list[GapRow]:
    """The assessed capabilities at or above their target, furthest above it first."""
    met = [g for g in report.gaps if g.assessed and g.score is not None and g.met]
    return sorted(met, key=lambda g: (-(g.score or 0) + g.target, -(g.score or 0)))[:SHOWN]


def _strengths(report: Report, t: dict[str, str]) -> list[str]:
    """The strongest capabilities, or that none meets its target yet (none if none assessed)."""
    strongest = _strongest(report)
    if strongest:
        return [_capabilities(strongest, t, "km_strongest")]
    assessed = any(g.assessed and g.score is not None for g in report.gaps)
    return [t["km_none_met"]] if assessed else []


def _roadmap(report: Report, t: dict[str, str]) -> str:
    actions = [a for p in report.phases for a in p.actions]
    left = report.advice.left_off if report.advice else ()
    execution = report.advice.shortfall_titles if report.advice else ()
    confirm = sum(1 for r in left if r.status == "to-confirm")
    more = t["km_more"].format(n=len(execution) - SHOWN) if len(execution) > SHOWN else ""
    names = t["list_sep"].join(execution[:SHOWN]) + more
    gaps = t["km_execution"].format(names=names) if execution else ""
    beyond = report.advice.beyond_library_titles if report.advice else ()
    if beyond:
        gaps += t["km_beyond_library"].format(names=t["list_sep"].join(beyond))
    confirming = t["km_to_confirm"].format(n=confirm) if confirm else ""
    if not actions:
        if not (execution or confirm or beyond):
            return t["km_no_roadmap"]
        return (t["km_no_new_action"] + confirming + gaps).strip()
    first = [a.title for a in report.phases[0].actions][:SHOWN] if report.phases else []
    text = t["km_roadmap"].format(
        n=len(actions),
        phases=len(report.phases),
        start=min(a.start for a in actions) or report.start_date,
        end=max(a.end for a in actions),
        first=t["list_sep"].join(first) or "—",
        score=_num(report.summary.overall_score),
        projected=_num(report.summary.projected_overall),
    )
    if report.advice and report.advice.start_note:  # dated before the report itself
        text += t["km_redate"]
    in_place = sum(1 for r in left if r.in_place)
    unknown = sum(1 for r in left if r.status == "not-assessed")
    return (
        text
        + (t["km_in_place"].format(n=in_place) if in_place else "")
        + confirming
        + (t["km_left_off"].format(n=unknown) if unknown else "")
        + gaps
    )


def roadmap_message(report: Report) -> str:
    """What the roadmap schedules, or why it schedules nothing, in one or two sentences."""
    return _roadmap(report, words("report", report.lang))


def _peers(report: Report, t: dict[str, str]) -> list[str]:
    p = report.peers
    overall = next((r for r in p.rows if r.id == "overall"), None) if p else None
    if p is None or overall is None:
        return []
    text = t["km_peers"].format(
        count=p.count,
        group=p.group,
        value=_num(overall.value),
        median=_num(overall.median),
        percentile=overall.percentile,
    )
    return [text]


def key_messages(report: Report) -> tuple[str, ...]:
    """Five to eight sentences a board reads first, in the report's language."""
    t = words("report", report.lang)
    if not any(g.assessed and g.score is not None for g in report.gaps):
        # nothing answered (or all n/a): no finding about the bank, no target, no plan
        key = "km_nothing_scored" if all(g.assessed for g in report.gaps) else "km_nothing_assessed"
        return (t[key],)
    messages = [_overall(report, t), *_peers(report, t)]
    missing = [g.title for g in report.gaps if not g.assessed]
    if missing:
        messages.append(t["km_not_assessed"].format(items=t["list_sep"].join(missing)))
    if report.advice and report.advice.warnings:
        # in words, not "the warnings above": the deck shows no warnings block
        messages.append(t["km_incomplete"].format(warning=report.advice.warnings[0]))
    weakest = _weakest(report)
    messages += _strengths(report, t)
    met = "km_lessons_met" if _weakest(report, foundation=True) else "km_all_met"
    provisional = [g.title for g in report.gaps if g.provisional_note]
    lessons = any(g.assessed and g.score is not None and not g.foundation for g in report.gaps)
    if lessons and (weakest or not provisional):
        messages.append(_capabilities(weakest, t, "km_weakest") if weakest else t[met])
    if provisional:
        more = t["km_more"].format(n=len(provisional) - SHOWN) if len(provisional) > SHOWN else ""
        items = t["list_sep"].join(provisional[:SHOWN]) + more
        messages.append(t["km_provisional"].format(items=items))
    messages += _foundation(report, t)
    messages.append(_roadmap(report, t))
    return tuple(messages)


def like_for_like_text(planned: Planned, lang: Lang) -> str | None:
    """Which capabilities only one of the assessment and its baseline assessed, and the
    overall change over those both assessed; ``None`` when both assessed the same ones."""
    from capassess.figures import signed_change
    from capassess.like_for_like import like_for_like
    from capassess.questionnaire_index import capability_titles

    base, q = planned.baseline, planned.scored.questionnaire
    if base is None:
        return None
    like = like_for_like(q, base.result, planned.scored.result, base.questionnaire.ref)
    if like is None:
        return None
    t, titles = words("report", lang), capability_titles(q, lang)
    names = t["list_sep"].join(titles.get(c, c) for c in like.left_out)
    return t["like_for_like"].format(names=names, old=number_text(like.old),
                                     new=number_text(like.new),
                                     change=signed_change(like.new, like.old))  # fmt: skip
