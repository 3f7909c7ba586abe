"""Terminal views of gaps, roadmaps and comparisons (rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.comparison import Comparison
from capassess.model.base import Lang
from capassess.model.plan import Phase, PlannedAction
from capassess.planning import Planned

if TYPE_CHECKING:
    from rich.table import Table

QUADRANT_LABEL = {
    "en": {
        "quick-win": "quick win",
        "major-project": "major project",
        "fill-in": "fill-in",
        "thankless": "thankless",
    },
    "zh": {
        "quick-win": "速赢",
        "major-project": "重大项目",
        "fill-in": "填充",
        "thankless": "低效",
    },
}


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _answer(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    return str(value)


def phase_label(phase: Phase, lang: Lang) -> str:
    """``Phase 1 (0-6 months)`` or ``阶段 1(0-6 个月)``; the overflow phase says 'later'."""
    if phase.end_month is None:
        return (
            f"阶段 {phase.index + 1}({phase.start_month} 个月以后)"
            if lang == "zh"
            else (f"Phase {phase.index + 1} (after {phase.start_month} months)")
        )
    span = f"{phase.start_month}-{phase.end_month}"
    return (
        f"阶段 {phase.index + 1}({span} 个月)"
        if lang == "zh"
        else (f"Phase {phase.index + 1} ({span} months)")
    )


def why(action: PlannedAction, planned: Planned, lang: Lang) -> str:
    """Why an action is on the roadmap: the gap it closes, the actions that need it."""
    q = planned.scored.questionnaire
    parts = []
    if action.closes_gap:
        cap = next(c for _, c in q.capabilities() if c.id == action.capability_id)
        g = planned.gaps.capability(action.capability_id)
        name = cap.title.get(lang)
        parts.append(f"{name}: {g.score:.2f} → {g.target}" if g.score is not None else name)
    if action.needed_by:
        titles = {a.id: a.title.get(lang) for _, c in q.capabilities() for a in c.actions}
        names = ", ".join(titles.get(aid, aid) for aid in action.needed_by)
        parts.append(f"{names} 的前提" if lang == "zh" else f"needed by {names}")
    return "; ".join(parts)


def gap_table(planned: Planned, lang: Lang) -> Table:
    """Capabilities under their dimensions: score, target, gap, priority, attainment."""
    from rich.table import Table

    q = planned.scored.questionnaire
    titles = {cap.id: cap.title.get(lang) for _, cap in q.capabilities()}
    dims = {dim.id: dim.title.get(lang) for dim in q.sections()}
    baseline = planned.baseline is not None
    table = Table(title="Gaps" if lang == "en" else "差距", title_justify="left")
    for col in ("capability", "score", "target", "gap", "priority", "attained"):
        table.add_column(col, justify="left" if col == "capability" else "right")
    if baseline:
        table.add_column("progress", justify="right")
    for dim in planned.gaps.dimensions:
        row = [f"[bold]{dims[dim.id]}[/]", _num(dim.score), _num(dim.target), _num(dim.gap),
               _num(dim.priority, 3), _pct(dim.attainment)]  # fmt: skip
        table.add_row(*row, *([""] if baseline else []), style="bold")
        for g in planned.gaps.capabilities:
            if g.dimension_id != dim.id:
                continue
            gap = "[green]met[/]" if g.met else _num(g.gap)
            row = [f"  {titles[g.id]}", _num(g.score), str(g.target), gap,
                   _num(g.priority, 3), _pct(g.attainment)]  # fmt: skip
            table.add_row(*row, *([_pct(g.progress)] if baseline else []))
    return table


def phase_table(planned: Planned, phase: Phase, lang: Lang) -> Table:
    """The actions of one phase in order, with the projected score after it."""
    from rich.table import Table

    after = "完成后预计总分" if lang == "zh" else "projected overall after this phase"
    caption = f"{after}: {_num(phase.overall_score)}"
    if phase.budget:
        caption += f" · effort {phase.effort_points}/{phase.budget}"
    table = Table(title=phase_label(phase, lang), caption=caption, title_justify="left",
                  caption_justify="left")  # fmt: skip
    for col in ("action", "L", "type", "effort/impact", "months", "why"):
        table.add_column(col)
    for a in planned.roadmap.in_phase(phase.index):
        table.add_row(
            f"{a.title.get(lang)}\n[dim]{a.id}[/]",
            str(a.level),
            QUADRANT_LABEL[lang][a.quadrant],
            f"{a.effort}/{a.impact}",
            f"{a.start_month}-{a.end_month}",
            why(a, planned, lang),
        )
    return table


def print_plan(planned: Planned, lang: Lang) -> None:
    """Print the headline, the gap table and the roadmap by phase."""
    from capassess.views.console import console

    out = console()
    s = planned.scored
    q, result = s.questionnaire, s.result
    name = s.assessment.subject.name or s.assessment.subject.id
    level = result.overall.level
    level_name = q.level_name(level, lang) if level else "n/a"
    out.print(
        f"[bold]{name}[/] · {q.ref} · overall [bold]{_num(result.overall.score)}[/] "
        f"({level_name}) · target attained {_pct(planned.gaps.attainment)}"
    )
    out.print(gap_table(planned, lang))
    if not planned.roadmap.actions:
        out.print("[green]Every capability is at its target: no actions needed.[/]")
    for phase in planned.roadmap.phases:
        if planned.roadmap.in_phase(phase.index):
            out.print(phase_table(planned, phase, lang))
        else:
            none = "无新增行动" if lang == "zh" else "no actions"
            out.print(f"{phase_label(phase, lang)}: {none}")


def print_comparison(comparison: Comparison) -> None:
    """Print node changes and changed answers."""
    from rich.table import Table

    from capassess.views.console import console

    table = Table(title=f"{comparison.old_ref} → {comparison.new_ref}", title_justify="left")
    for col in ("node", "old", "new", "change", "level"):
        table.add_column(col, justify="left" if col == "node" else "right")
    for n in comparison.nodes:
        indent = {"overall": "", "dimension": "", "capability": "  "}[n.kind]
        change = "" if n.change is None else f"{n.change:+.2f}"
        style = "green" if (n.change or 0) > 0 else "red" if (n.change or 0) < 0 else ""
        level = f"{n.old_level} → {n.new_level}" if n.level_changed else str(n.new_level)
        name = f"[bold]{n.id}[/]" if n.kind != "capability" else n.id
        table.add_row(indent + name, _num(n.old), _num(n.new), f"[{style}]{change}[/]" if style
                      else change, level)  # fmt: skip
    out = console()
    out.print(table)
    if comparison.answers:
        answers = Table("question", "old", "new", title="Changed answers", title_justify="left")
        for a in comparison.answers:
            name = a.id if a.old_id is None else f"{a.id} (was {a.old_id})"
            answers.add_row(name, _answer(a.old), _answer(a.new))
        out.print(answers)
    if comparison.renamed:
        pairs = ", ".join(f"{old} → {new}" for old, new in comparison.renamed.items())
        out.print(f"[yellow]renamed:[/] {pairs}", soft_wrap=True)
    if comparison.dropped:
        out.print(f"[yellow]only in the old questionnaire:[/] {', '.join(comparison.dropped)}")
    if comparison.added:
        out.print(f"[yellow]only in the new questionnaire:[/] {', '.join(comparison.added)}")
