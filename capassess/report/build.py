"""Build the report model from a plan: once, in one language, for every format."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from capassess import __version__
from capassess.advice import action_statuses, not_assessed_ids
from capassess.figures import printed_change
from capassess.headline import find_headline
from capassess.model.base import Lang
from capassess.model.headline import Headline
from capassess.plan_text import phase_label
from capassess.planning import Planned, type_profile
from capassess.questionnaire_index import capability_titles, node_titles
from capassess.report.action_rows import action_row
from capassess.report.advice import build_advice
from capassess.report.answers import answer_rows
from capassess.report.gap_rows import gap_row
from capassess.report.gap_rows import level_name as _level_name
from capassess.report.messages import (
    key_messages,
    like_for_like_text,
    number_text,
    roadmap_message,
)
from capassess.report.method import build_method
from capassess.report.model import (
    ActionRow,
    CapabilitySection,
    Cover,
    DimensionSection,
    FoundationLine,
    GapRow,
    PhaseSection,
    Progress,
    ProgressRow,
    Report,
    Summary,
)
from capassess.report.next_level import next_level_steps
from capassess.report.risks import build_risks
from capassess.report.scope import build_scope
from capassess.texts import words

if TYPE_CHECKING:
    from capassess.report.peers import PeerSection

STRENGTHS = 3
TOP_GAPS = 5


def _phases(planned: Planned, lang: Lang) -> tuple[PhaseSection, ...]:
    road = planned.roadmap
    titles = {a.id: a.title.get(lang) for a in road.actions}
    return tuple(
        PhaseSection(
            index=p.index,
            label=phase_label(p, lang),
            start_month=p.start_month,
            end_month=p.end_month,
            overall_score=p.overall_score,
            overall_level=p.overall_level,
            level_name=_level_name(planned, p.overall_level, lang),
            effort_points=p.effort_points,
            budget=p.budget,
            actions=tuple(action_row(planned, a, lang) for a in road.in_phase(p.index)),
            ending=tuple(titles[aid] for aid in p.completed),
            in_flight=tuple(titles[aid] for aid in p.in_flight),
            capped_by=words("report", lang)["capped_by"].format(
                names=_names(planned, p.capped_by, lang)
            )
            if p.capped_by
            else "",
        )
        for p in road.phases
        if p.actions or p.completed or p.in_flight  # a window with nothing to do is not shown
    )


def _dimensions(planned: Planned, rows: dict[str, GapRow], lang: Lang) -> list[DimensionSection]:
    s = planned.scored
    sections = []
    for dim, score, gap in zip(
        s.questionnaire.sections(), s.result.dimensions, planned.gaps.dimensions, strict=True
    ):
        shown = score if gap.assessed else score.model_copy(update={"score": None, "level": None})
        caps = tuple(
            CapabilitySection(
                gap=rows[cap.id],
                description=cap.description.get(lang) if cap.description else None,
                answers=answer_rows(cap, cap_score, s.assessment, lang),
            )
            for cap, cap_score in zip(dim.capabilities, score.capabilities, strict=True)
        )
        sections.append(
            DimensionSection(
                id=dim.id,
                title=dim.title.get(lang),
                description=dim.description.get(lang) if dim.description else None,
                weight=score.weight,
                score=shown.score,
                level=shown.level,
                level_name=_level_name(planned, shown.level, lang),
                target=gap.target,
                gap=gap.gap,
                attainment=gap.attainment,
                baseline=gap.baseline,
                capabilities=caps,
                assessed=gap.assessed,
                foundation=score.foundation,
                # a dimension shown with a score that counts capabilities not assessed says so
                # (one nobody answered shows no score; the headline names it)
                policy_counted=tuple(
                    rows[cap.id].title
                    for cap, cap_score in zip(dim.capabilities, score.capabilities, strict=True)
                    if gap.assessed and not rows[cap.id].assessed and cap_score.score is not None
                ),
            )
        )
    return sections


def _progress(planned: Planned, rows: dict[str, GapRow], lang: Lang) -> Progress | None:
    base = planned.baseline
    if base is None:
        return None
    now, then = planned.scored.result.overall.score, base.result.overall.score
    blind = not_assessed_ids(base.result)
    items = tuple(
        ProgressRow(
            id=r.id,
            title=r.title,
            baseline=r.baseline,
            score=r.score,
            change=printed_change(r.score, r.baseline),
            target=r.target,
            progress=r.progress,
            progress_text=r.progress_text,
            assessed=r.assessed,
            baseline_assessed=r.id not in blind,
        )
        for r in rows.values()
    )
    change = printed_change(now, then)
    date = base.assessment.date.isoformat() if base.assessment.date else None
    note = like_for_like_text(planned, lang)
    current = planned.scored.assessment.date
    backwards = bool(base.assessment.date and current and base.assessment.date > current)
    order = words("report", lang)["progress_backwards"].format(
        then=date, now=current.isoformat() if current else ""
    ) if backwards else None  # fmt: skip
    return Progress(Path(base.path).name, date, then, now, change, items, note, order)


def _titles(planned: Planned, ids: list[str], lang: Lang) -> str:
    """The titles of dimensions or capabilities, each marked as a name, in a list."""
    q, t = planned.scored.questionnaire, words("report", lang)
    names = node_titles(q, lang)
    return t["list_sep"].join(t["named"].format(name=names.get(i, i)) for i in ids)


def _foundation(planned: Planned, headline: Headline, lang: Lang) -> FoundationLine | None:
    f, q = headline.foundation, planned.scored.questionnaire
    if f is None or q.foundation is None:
        return None
    t = words("report", lang)
    key = "foundation_card" if f.base_score is None else "foundation_card_assessed"
    if not f.capabilities:  # nobody answered it: whatever the missing policy scored it
        return FoundationLine(
            title=q.foundation.title.get(lang), score=None, target=None, attainment=None,
            level=None, level_name="", lowest="", note=t["not_assessed"], assessed=False,
        )  # fmt: skip
    return FoundationLine(
        title=q.foundation.title.get(lang),
        score=f.score,
        target=f.target,
        attainment=f.attainment,
        level=f.level,
        level_name=_level_name(planned, f.level, lang),
        lowest=_titles(planned, f.lowest, lang),
        base_score=f.base_score,
        note=t[key].format(
            score=number_text(f.score if f.base_score is None else f.base_score),
            target=number_text(f.target),
        ),
    )


def _target_note(headline: Headline, lang: Lang) -> str:
    """ "target 3.03, on the score's base", or over the assessed capabilities with the score
    on that base when the overall score also counts capabilities not assessed."""
    o, t = headline.overall, words("report", lang)
    if not o.capabilities:  # no capability of the scored dimensions is assessed
        return t["not_assessed"]
    if o.base_score is None:
        return t["same_base"].format(target=number_text(o.target))
    return t["same_base_assessed"].format(
        target=number_text(o.target), score=number_text(o.base_score)
    )


def _summary(
    planned: Planned, rows: dict[str, GapRow], sections: tuple[PhaseSection, ...], lang: Lang
) -> Summary:
    gaps, road, result = planned.gaps, planned.roadmap, planned.scored.result
    overall = result.overall
    phases = road.phases
    headline = find_headline(result, gaps)
    return Summary(
        overall_score=overall.score,
        overall_level=overall.level,
        level_name=_level_name(planned, overall.level, lang),
        attainment=headline.overall.attainment,
        target_overall=headline.overall.target,
        projected_overall=phases[-1].overall_score if phases else overall.score,
        baseline_overall=gaps.overall_baseline,
        answered=sum(d.answered + d.not_applicable for d in result.dimensions),
        asked=sum(d.answered + d.not_applicable + d.missing for d in result.dimensions),
        action_count=len(road.actions),
        strengths=tuple(rows[g.id] for g in gaps.strengths()[:STRENGTHS]),
        top_gaps=tuple(
            [rows[g.id] for g in gaps.ranked() if not (rows[g.id].foundation or g.provisional)][
                :TOP_GAPS
            ]
        ),
        first_actions=_first_actions(planned, sections, lang),
        capped_by=_capped_by(planned, lang),
        capped=_capped_by(planned, lang, unconfirmed=False),
        unconfirmed_by=_names(planned, planned.scored.result.overall.unconfirmed_by, lang),
        uncapped_level=overall.uncapped_level,
        target_note=_target_note(headline, lang),
        counted_base=headline.overall.base_score,
        foundation=_foundation(planned, headline, lang),
        counted_unanswered=(
            _titles(planned, headline.counted_unanswered, lang)
            if result.missing_policy == "lowest"
            else ""
        ),
    )


def _first_actions(
    planned: Planned, sections: tuple[PhaseSection, ...], lang: Lang
) -> tuple[ActionRow, ...]:
    """The rows of the first phase's actions (those of its section, when there is one)."""
    first = next((p for p in sections if p.index == 0), None)
    if first is not None:
        return first.actions
    return tuple(action_row(planned, a, lang) for a in planned.roadmap.in_phase(0))


def _capped_by(planned: Planned, lang: Lang, unconfirmed: bool = True) -> str:
    """What holds the level: foundation capabilities that cap it, and (``unconfirmed``)
    those that would have to be assessed before it stands ("" when neither)."""
    overall, t = planned.scored.result.overall, words("report", lang)
    parts = [(key, ids) for key, ids in (("capped_by", overall.capped_by),
                                         ("unconfirmed_by", overall.unconfirmed_by))
             if ids and (unconfirmed or key == "capped_by")]  # fmt: skip
    return t["clause_sep"].join(t[k].format(names=_names(planned, ids, lang)) for k, ids in parts)


def _names(planned: Planned, ids: list[str], lang: Lang) -> str:
    """The titles of capabilities ``ids``, joined."""
    titles = capability_titles(planned.scored.questionnaire, lang)
    return words("report", lang)["list_sep"].join(titles.get(i, i) for i in ids)


def _targets_text(planned: Planned, target: str | None, lang: Lang) -> str:
    t = words("report", lang)
    sources = {tg.source for tg in planned.targets.values()}
    if len(sources) > 1:
        return t["target_mixed"]
    source = sources.pop() if sources else "questionnaire"
    label = t[f"target_{source}"]
    if source == "option":
        return f"{label}{t['colon']}{next(iter(planned.targets.values())).level}"
    q, subject = planned.scored.questionnaire, planned.scored.assessment.subject
    profiles = {p.id: p.title.get(lang) for p in q.profiles}
    if source == "profile":
        chosen = target or type_profile(q, subject.bank_type)  # no --target: the type's
        if chosen:
            return f"{label}{t['colon']}{profiles.get(chosen, chosen)}"
    return f"{label}{t['colon']}{target}" if target and source == "file" else label


def _cover(
    planned: Planned, title: str, target: str | None, generated: dt.date, lang: Lang
) -> Cover:
    s = planned.scored
    subject, q = s.assessment.subject, s.questionnaire
    return Cover(
        title=title,
        subject_name=subject.name or subject.id,
        subject_id=subject.id,
        kind=words("report", lang)[f"kind_{subject.kind}"],
        groups=tuple(subject.group.items()),
        assessor=s.assessment.assessor,
        date=s.assessment.date.isoformat() if s.assessment.date else None,
        questionnaire_title=q.title.get(lang),
        questionnaire_ref=q.ref,
        questionnaire_version=q.version,
        targets=_targets_text(planned, target, lang),
        generated=generated.isoformat(),
        tool_version=__version__,
        bank_type=(
            words("report", lang)[f"bank_type_{subject.bank_type}"] if subject.bank_type else None
        ),
    )


def build_report(
    planned: Planned,
    lang: Lang = "en",
    *,
    title: str | None = None,
    target: str | None = None,
    generated: dt.date | None = None,
) -> Report:
    """Turn a plan into the report model; ``target`` names the --target given, if any."""
    title = title or words("report", lang)["report_title"]
    generated = generated or dt.date.today()
    start = planned.scored.assessment.date or generated
    rows = {g.id: gap_row(planned, g, lang) for g in planned.gaps.capabilities}
    # The foundation's priorities are on its own scale: its gaps follow the lessons'.
    ranked = sorted((rows[g.id] for g in planned.gaps.ranked()), key=lambda r: r.foundation)
    # Then the targets met, then those with no score (nobody answered, or all n/a): they
    # have no rank among the gaps, so the rank column numbers the scored rows without a hole.
    rest = sorted(
        (r for r in rows.values() if r.id not in {g.id for g in ranked}),
        key=lambda r: r.score is None,
    )
    advice = build_advice(planned, lang, generated.isoformat())
    phases = _phases(planned, lang)
    report = Report(
        lang=lang,
        title=title,
        start_date=f"{planned.roadmap.start}-01" if planned.roadmap.start else start.isoformat(),
        cover=_cover(planned, title, target, generated, lang),
        summary=_summary(planned, rows, phases, lang),
        dimensions=tuple(_dimensions(planned, rows, lang)),
        gaps=tuple(ranked + rest),
        phases=phases,
        progress=_progress(planned, rows, lang),
        method=build_method(planned.scored.questionnaire, planned.scored.result, lang),
        advice=advice,
        peers=_peers(planned, lang),
        risks=build_risks(planned, len(advice.probes), lang),
        scope=build_scope(planned, len(advice.probes), lang),
    )
    statuses = action_statuses(planned.scored.questionnaire, planned.scored.result)
    q = planned.scored.questionnaire
    in_place = frozenset(aid for aid, s in statuses.items() if s == "in-place-evidence")
    unsettled = frozenset(a.id for _, a in q.actions() if a.done_when and statuses[a.id] == "open")
    steps = next_level_steps(q, report.gaps, lang, in_place=in_place, unsettled=unsettled)
    return dataclasses.replace(report, key_messages=key_messages(report), next_level=steps,
                               roadmap_text=roadmap_message(report))  # fmt: skip


def _peers(planned: Planned, lang: Lang) -> PeerSection | None:
    if planned.peers is None:
        return None
    from capassess.report.peers import build_peer_section  # only with --benchmark

    return build_peer_section(planned.peers, planned.scored.questionnaire, lang)
