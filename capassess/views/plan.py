"""Terminal views of gaps, roadmaps and comparisons (rich)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from capassess.headline import find_headline
from capassess.model.base import Lang
from capassess.model.plan import Phase
from capassess.plan_text import (
    answers_text,
    budget_clause,
    completeness_warnings,
    definitions,
    lacking_text,
    level_span,
    not_scheduled_reason,
    past_start,
    phase_label,
    progress_text,
    quadrant_label,
    why,
)
from capassess.planning import Planned, reached
from capassess.texts import words
from capassess.views.score import gate_clauses

if TYPE_CHECKING:
    from rich.table import Table


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _e(text: object) -> str:
    """``text`` from a file (a title, a name, an answer) as rich prints it as written:
    never markup."""
    from rich.markup import escape

    return escape(str(text))


def gap_table(planned: Planned, lang: Lang) -> Table:
    """Capabilities under their dimensions: score, target, gap, priority, attainment."""
    from rich.table import Table

    q = planned.scored.questionnaire
    titles = {cap.id: _e(cap.title.get(lang)) for _, cap in q.capabilities()}
    dims = {dim.id: _e(dim.title.get(lang)) for dim in q.sections()}
    baseline = planned.baseline is not None
    t = words("views", lang)
    table = Table(title=t["gaps"], title_justify="left")
    cols = ("capability", "score", "target", "gap", "priority", "attained")
    for n, col in enumerate(cols):
        table.add_column(t[f"col_{col}"], justify="left" if n == 0 else "right")
    if baseline:
        table.add_column(t["col_progress"], justify="right")
    for dim in planned.gaps.dimensions:
        gap = t["mean_gap"].format(gap=_num(dim.gap)) if dim.assessed else t["not_assessed"]
        gate = t["gate_suffix"] if q.is_foundation(dim.id) else ""
        # a dimension's target is a mean and its priority a sum (see the definitions)
        target = t["mean_target"].format(target=_num(dim.target)) if dim.assessed else "—"
        priority = t["sum_priority"].format(priority=_num(dim.priority, 3))
        row = [f"[bold]{dims[dim.id]}{gate}[/]", _num(dim.score) if dim.assessed else "—",
               target, gap, priority if dim.assessed else "—",
               _pct(dim.attainment)]  # fmt: skip
        table.add_row(*row, *([""] if baseline else []), style="bold")
        for g in planned.gaps.capabilities:
            if g.dimension_id != dim.id:
                continue
            gap = f"[green]{t['met']}[/]" if g.met else _num(g.gap)
            if g.provisional:
                gap += f" [yellow]{t['provisional']}[/]"
            if not g.assessed:
                gap = f"[yellow]{t['not_assessed']}[/]"
            priority = _num(g.priority, 3) if g.assessed else "—"
            attained = _pct(g.attainment) if g.assessed else "—"
            score = _num(g.score) if g.assessed else "—"
            row = [f"  {titles[g.id]}", score, str(g.target), gap, priority,
                   attained]  # fmt: skip
            shown = progress_text(g.progress, g.score, g.target, g.baseline, lang)
            table.add_row(*row, *([shown] if baseline else []))
    return table


def phase_table(planned: Planned, phase: Phase, lang: Lang) -> Table:
    """The actions starting in one window, and the projection at its end."""
    from rich.table import Table

    q = planned.scored.questionnaire
    t = words("views", lang)
    titles = {a.id: _e(a.title.get(lang)) for _, a in q.actions()}
    flying = t["sep"].join(titles[a] for a in phase.in_flight)
    caption = t["phase_projected"].format(score=_num(phase.overall_score))
    if phase.in_flight:
        caption += "\n" + t["phase_running"].format(names=flying)
    if phase.budget:
        caption += f"\n{t['effort_points']} {phase.effort_points}/{phase.budget}"
    table = Table(title=phase_label(phase, lang), caption=caption, title_justify="left",
                  caption_justify="left")  # fmt: skip
    for col in ("action", "level", "type", "owner", "months", "why"):
        table.add_column(t[f"col_{col}"])
    for a in planned.roadmap.actions:
        if a.phase != phase.index:
            continue
        g = planned.gaps.capability(a.capability_id)
        table.add_row(
            f"{_e(a.title.get(lang))}\n[dim]{a.id}[/]", str(a.level),
            quadrant_label(a.quadrant, lang), _e(q.role_title(a.owner, lang) or "—"),
            f"{a.start} – {a.end}", _e(why(a, q, g.score, g.target, lang, reached(planned, g.id))),
        )  # fmt: skip
    return table


def _print_roadmap(planned: Planned, lang: Lang) -> None:
    from capassess.views.console import console

    out, road, t = console(), planned.roadmap, words("views", lang)
    if road.actions:
        out.print(
            t["roadmap"].format(
                start=road.start,
                end=road.end,
                months=road.end_month,
                major=road.max_major,
                per_owner=road.max_per_owner,
                active=road.max_active,
                budget=budget_clause(road, t),
            )
        )
    if not road.actions:
        pending = road.shortfalls or any(n.status == "to-confirm" for n in road.not_scheduled)
        out.print(t["no_roadmap_shortfall" if pending else "no_roadmap"])
    for phase in road.phases:
        if phase.actions:
            out.print(phase_table(planned, phase, lang))
            continue
        if not (phase.completed or phase.in_flight):  # nothing starts, ends or runs
            continue
        line = t["no_new_actions"].format(phase=phase_label(phase, lang))
        if phase.completed:
            titles = {a.id: _e(a.title.get(lang)) for a in road.actions}
            ends = t["sep"].join(titles[a] for a in phase.completed)
            line += t["phase_ending"].format(ends=ends, score=_num(phase.overall_score))
        out.print(line)


def print_advice_notes(planned: Planned, lang: Lang) -> None:
    """Actions left off and why, shortfalls, and consistency checks to probe."""
    from rich.table import Table

    from capassess.advice import failed_checks
    from capassess.views.console import console

    out, t = console(), words("views", lang)
    q, result = planned.scored.questionnaire, planned.scored.result
    caps = {c.id: _e(c.title.get(lang)) for _, c in q.capabilities()}
    road = planned.roadmap
    if road.not_scheduled:
        table = Table(title=t["not_on_roadmap"], title_justify="left")
        for col in ("action", "capability", "why_not", "needed_by"):
            table.add_column(t[f"col_{col}"])
        for item in road.not_scheduled:
            title = f"{_e(item.title.get(lang))}\n[dim]{item.id}[/]"
            reason = _e(not_scheduled_reason(item, q, result, lang))
            table.add_row(title, caps[item.capability_id], reason, t["sep"].join(item.needed_by))
        out.print(table)
    for s in road.shortfalls:
        g = planned.gaps.capability(s.capability_id)
        held = _e(answers_text(s.questions, lang, q))
        said = (t["shortfall_library"].format(span=level_span(s.beyond_library), held=held)
                if s.beyond_library else t["shortfall"].format(held=held))  # fmt: skip
        out.print(f"[bold]{caps[s.capability_id]}[/] {_num(g.score)} < {g.target}{t['colon']}"
                  + said)  # fmt: skip
    checks = failed_checks(q, result)
    if checks:
        out.print(t["to_probe"])
        for check, evidence in checks:
            shown = _e(lacking_text(_shown(evidence), check.when, lang, q))
            out.print(t["probe_line"].format(message=_e(check.message.get(lang)), shown=shown))


def _shown(evidence: object) -> list:  # type: ignore[type-arg]
    from capassess.model.plan import AnswerShown

    return [AnswerShown(question_id=n, value=v) for n, v in getattr(evidence, "answers", ())]


def print_definitions(lang: Lang) -> None:
    """The definitions of the plan's numbers and action types, in one block."""
    from capassess.views.console import console

    out, t = console(), words("views", lang)
    colon = t["colon"]
    out.print(f"[dim]{t['definitions']}{colon}[/]")
    for term, meaning in definitions(lang):
        out.print(f"[dim]  {_e(term)}{colon}{_e(meaning)}[/]")


def warn_planned(planned: Planned, lang: Lang = "en", generated: dt.date | None = None) -> None:
    """On stderr: the answers file's warnings, unanswered questions, capabilities not
    assessed, and a roadmap that starts before ``generated`` (today by default)."""
    from capassess.views.console import message

    s = planned.scored
    for problem in s.warnings:
        message(str(problem), "yellow")
    label = words("views", lang)["warning"]
    for warning in completeness_warnings(s.questionnaire, s.result, lang):
        message(f"{label}{warning}", "yellow")
    road, date = planned.roadmap, s.assessment.date
    if road.actions:
        today = (generated or dt.date.today()).isoformat()
        note = past_start(road.start, f"{date:%Y-%m}" if date else None, today, lang)
        if note:
            message(f"{label}{note}", "yellow")


def _headline(planned: Planned, lang: Lang) -> str:
    """The plan's first line: the score with target and attainment on its base, the gate."""
    s = planned.scored
    q, result = s.questionnaire, s.result
    name = s.assessment.subject.name or s.assessment.subject.id
    level = result.overall.level
    level_name = q.level_name(level, lang) if level else "n/a"
    headline = find_headline(result, planned.gaps)
    t = words("views", lang)
    partial = ""
    if planned.gaps.not_assessed():
        partial = t["plan_head_partial"].format(assessed=len(headline.overall.capabilities))
    head = t["plan_head"].format(name=_e(name), ref=q.ref, score=_num(result.overall.score),
                                 level_name=level_name + gate_clauses(result, q, lang),
                                 target=_num(headline.overall.target), partial=partial,
                                 attained=_pct(headline.overall.attainment))  # fmt: skip
    if headline.counted_unanswered and result.missing_policy == "lowest":
        names = {n.id: _e(n.title.get(lang)) for n in q.sections()}
        names.update({c.id: _e(c.title.get(lang)) for _, c in q.capabilities()})
        silent = t["sep"].join(names[i] for i in headline.counted_unanswered)
        head += t["plan_head_counted"].format(names=silent, base=_num(headline.overall.base_score))
    f = headline.foundation
    if f is not None and f.level is not None:
        score = _num(f.score) if f.base_score is None else _num(f.base_score) + t["over_assessed"]
        head += t["plan_head_foundation"].format(level=f.level, score=score)
    return head


def print_plan(planned: Planned, lang: Lang) -> None:
    """Print the headline, the gap table, the roadmap by phase and the advice notes."""
    from capassess.views.console import console

    out = console()
    q = planned.scored.questionnaire
    out.print(_headline(planned, lang))
    out.print(gap_table(planned, lang))
    if planned.peers is not None:
        from capassess.views.peers import print_peers

        print_peers(planned.peers, q, lang)
    _print_roadmap(planned, lang)
    print_advice_notes(planned, lang)
    print_definitions(lang)
