"""Show a questionnaire: a rich tree for the terminal, Markdown, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.json_text import to_json
from capassess.markdown_text import md_cell, md_code, md_text
from capassess.model.base import Lang
from capassess.model.questionnaire import (
    Action,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
)

if TYPE_CHECKING:
    from rich.tree import Tree


def answer_format(question: Question, lang: Lang) -> list[str]:
    """Human lines that describe what ``question`` accepts."""
    if isinstance(question, LevelQuestion):
        return [f"{i + 1}. {text.get(lang)}" for i, text in enumerate(question.levels)]
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        return [f"{o.id} ({o.score:g}): {o.label.get(lang)}" for o in question.options]
    if isinstance(question, NumberQuestion):
        unit = question.unit.get(lang) if question.unit else ""
        sign = ">=" if question.better == "higher" else "<="
        bounds = ", ".join(f"L{i + 2} {sign} {t:g}" for i, t in enumerate(question.thresholds))
        if question.better == "lower":
            bounds = ", ".join(f"L{5 - i} {sign} {t:g}" for i, t in enumerate(question.thresholds))
        return [f"number {unit}".strip() + f"; {bounds}"]
    return ["yes / no"]


def questionnaire_json(q: Questionnaire) -> str:
    """The questionnaire as JSON."""
    return to_json(q.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2)


def questionnaire_tree(q: Questionnaire, lang: Lang) -> Tree:
    """A rich tree: dimensions, capabilities (target, weight), questions, actions."""
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(q.title.get(lang))}[/] [dim]{q.ref} · model {q.model}[/]")
    for dim in q.sections():
        d = root.add(
            f"[bold cyan]{escape(dim.title.get(lang))}[/] [dim]{dim.id} w={dim.weight:g}[/]"
        )
        for cap in dim.capabilities:
            c = d.add(
                f"[bold]{escape(cap.title.get(lang))}[/] [dim]{cap.id} w={cap.weight:g} "
                f"target={cap.target}[/]"
            )
            for question in cap.questions:
                cond = f" [yellow]when {escape(question.when)}[/]" if question.when else ""
                label = escape(question.text.get(lang))
                node = c.add(f"{label} [dim]{question.id} ({question.type}){cond}[/]")
                for line in answer_format(question, lang):
                    node.add(f"[dim]{escape(line)}[/]")
            if cap.actions:
                acts = c.add("[green]actions[/]")
                for a in cap.actions:
                    deps = f" after {', '.join(a.depends_on)}" if a.depends_on else ""
                    node = acts.add(
                        f"L{a.level} {escape(a.title.get(lang))} [dim]{a.id} effort={a.effort} "
                        f"impact={a.impact} {a.duration_months}m{escape(deps)}[/]"
                    )
                    for line in action_details(q, a, lang):
                        node.add(f"[dim]{escape(line)}[/]")
    if q.checks:
        checks = root.add("[bold yellow]checks[/]")
        for check in q.checks:
            message, when = escape(check.message.get(lang)), escape(check.when)
            checks.add(f"{message} [dim]{check.id}: {when}[/]")
    return root


def action_details(q: Questionnaire, a: Action, lang: Lang) -> list[str]:
    """Owner, evidence of being in place, KPI and cost band of an action, one per line."""
    lines = []
    if a.owner:
        lines.append(f"owner: {q.role_title(a.owner, lang)}")
    if a.done_when:
        lines.append(f"in place when: {a.done_when}")
    if a.kpi:
        text = f"{a.kpi.text.get(lang)} " if a.kpi.text else ""
        lines.append(f"KPI: {text}({a.kpi.when})")
    if a.cost:
        bands = [f"{size} {band[0]:g}-{band[1]:g}" for size in ("small", "medium", "large")
                 if (band := a.cost.band(size)) is not None]  # fmt: skip
        lines.append("indicative cost, RMB million: " + ", ".join(bands))
    if a.help:
        lines.append(a.help.get(lang))
    return lines


def questionnaire_markdown(q: Questionnaire, lang: Lang) -> str:
    """The questionnaire as GitHub-flavoured Markdown; every text from the file escaped."""
    out = [f"# {md_text(q.title.get(lang))}", "", f"{md_code(q.ref)} · model `{q.model}`", ""]
    if q.description:
        out += [md_cell(q.description.get(lang)).replace("<br>", "  \n"), ""]
    for dim in q.sections():
        out += [f"## {md_text(dim.title.get(lang))} (`{dim.id}`, weight {dim.weight:g})", ""]
        for cap in dim.capabilities:
            out += [f"### {md_text(cap.title.get(lang))} (`{cap.id}`, target {cap.target})", ""]
            out += ["| id | type | question | answers |", "|---|---|---|---|"]
            for question in cap.questions:
                text = md_cell(question.text.get(lang)) + (
                    f" (when {md_code(question.when)})" if question.when else ""
                )
                answers = "<br>".join(md_cell(x) for x in answer_format(question, lang))
                out.append(f"| `{question.id}` | {question.type} | {text} | {answers} |")
            out.append("")
            if cap.actions:
                out += [
                    "| action | level | effort | impact | months | after | details |",
                    "|---|---|---|---|---|---|---|",
                ]
                for a in cap.actions:
                    details = "<br>".join(md_cell(x) for x in action_details(q, a, lang))
                    out.append(
                        f"| {md_cell(a.title.get(lang))} (`{a.id}`) | {a.level} | {a.effort} | "
                        f"{a.impact} | {a.duration_months} | {', '.join(a.depends_on)} | "
                        f"{details} |"
                    )
                out.append("")
    if q.checks:
        out += ["## Checks", "", "| check | flags when | message |", "|---|---|---|"]
        out += [f"| `{c.id}` | {md_code(c.when)} | {md_cell(c.message.get(lang))} |"
                for c in q.checks]  # fmt: skip
        out.append("")
    return "\n".join(out)


def show_questionnaire(q: Questionnaire, fmt: str, lang: Lang) -> None:
    """Print ``q`` to stdout as text (a tree), JSON or Markdown."""
    from capassess.views.console import console

    if fmt == "json":
        print(questionnaire_json(q))
    elif fmt == "md":
        print(questionnaire_markdown(q, lang))
    else:
        console().print(questionnaire_tree(q, lang))
