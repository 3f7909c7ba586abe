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
from capassess.texts import say, words

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
        return [f"{say('views', lang, 'show_number')} {unit}".strip() + f"; {bounds}"]
    return [say("views", lang, "show_yes_no")]


def questionnaire_json(q: Questionnaire) -> str:
    """The questionnaire as JSON."""
    return to_json(q.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2)


def questionnaire_tree(q: Questionnaire, lang: Lang) -> Tree:
    """A rich tree: dimensions, capabilities (target, weight), questions, actions."""
    from rich.markup import escape
    from rich.tree import Tree

    t = words("views", lang)
    root = Tree(
        f"[bold]{escape(q.title.get(lang))}[/] [dim]{q.ref} · "
        + t["show_model"].format(model=q.model)
        + "[/]"
    )
    for dim in q.sections():
        d = root.add(
            f"[bold cyan]{escape(dim.title.get(lang))}[/] [dim]{dim.id} "
            + t["show_weight"].format(weight=f"{dim.weight:g}")
            + "[/]"
        )
        for cap in dim.capabilities:
            c = d.add(
                f"[bold]{escape(cap.title.get(lang))}[/] [dim]{cap.id} "
                + t["show_weight"].format(weight=f"{cap.weight:g}")
                + t["sep"]
                + t["show_target"].format(target=cap.target)
                + "[/]"
            )
            for question in cap.questions:
                when = escape(t["show_when"].format(when=question.when)) if question.when else ""
                cond = f" [yellow]{when}[/]" if when else ""
                label = escape(question.text.get(lang))
                kind = t[f"type_{question.type}"]
                node = c.add(f"{label} [dim]{question.id} ({kind}){cond}[/]")
                for line in answer_format(question, lang):
                    node.add(f"[dim]{escape(line)}[/]")
            if cap.actions:
                acts = c.add(f"[green]{t['show_actions']}[/]")
                for a in cap.actions:
                    node = acts.add(
                        f"L{a.level} {escape(a.title.get(lang))} [dim]{a.id} "
                        + escape(_action_terms(a, lang))
                        + "[/]"
                    )
                    for line in action_details(q, a, lang):
                        node.add(f"[dim]{escape(line)}[/]")
    if q.checks:
        checks = root.add(f"[bold yellow]{t['show_checks']}[/]")
        for check in q.checks:
            message, when = escape(check.message.get(lang)), escape(check.when)
            checks.add(f"{message} [dim]{check.id}: {when}[/]")
    return root


def _action_terms(a: Action, lang: Lang) -> str:
    """``effort low, impact high, 6 months, after act-x`` in ``lang``."""
    t = words("views", lang)
    parts = [
        t["show_effort_impact"].format(
            effort=t[f"effort_{a.effort}"], impact=t[f"effort_{a.impact}"]
        ),
        t["show_months"].format(n=a.duration_months),
    ]
    if a.depends_on:
        parts.append(t["show_after"].format(ids=", ".join(a.depends_on)))
    return t["sep"].join(parts)


def action_details(q: Questionnaire, a: Action, lang: Lang) -> list[str]:
    """Owner, evidence of being in place, KPI and cost band of an action, one per line."""
    t = words("views", lang)
    lines = []
    if a.owner:
        lines.append(t["show_owner"].format(owner=q.role_title(a.owner, lang)))
    if a.done_when:
        lines.append(t["show_done_when"].format(when=a.done_when))
    if a.kpi:
        if a.kpi.text:
            lines.append(t["show_kpi"].format(text=a.kpi.text.get(lang), when=a.kpi.when))
        else:
            lines.append(t["show_kpi_bare"].format(when=a.kpi.when))
    if a.cost:
        bands = {size: "—" for size in ("small", "medium", "large")}
        for size in bands:
            if (band := a.cost.band(size)) is not None:
                bands[size] = f"{band[0]:g}-{band[1]:g}"
        lines.append(t["show_cost"].format(bands=t["show_sizes"].format(**bands)))
    if a.help:
        lines.append(a.help.get(lang))
    return lines


def questionnaire_markdown(q: Questionnaire, lang: Lang) -> str:
    """The questionnaire as GitHub-flavoured Markdown; every text from the file escaped."""
    t = words("views", lang)
    model = t["show_model"].format(model=f"`{q.model}`")
    out = [f"# {md_text(q.title.get(lang))}", "", f"{md_code(q.ref)} · {model}", ""]
    if q.description:
        out += [md_cell(q.description.get(lang)).replace("<br>", "  \n"), ""]
    for dim in q.sections():
        weight = t["show_weight"].format(weight=f"{dim.weight:g}")
        out += [f"## {md_text(dim.title.get(lang))} (`{dim.id}`, {weight})", ""]
        for cap in dim.capabilities:
            target = t["show_target"].format(target=cap.target)
            out += [f"### {md_text(cap.title.get(lang))} (`{cap.id}`, {target})", ""]
            out += [t["show_question_cols"], "|---|---|---|---|"]
            for question in cap.questions:
                text = md_cell(question.text.get(lang)) + (
                    " (" + t["show_when"].format(when=md_code(question.when)) + ")"
                    if question.when
                    else ""
                )
                answers = "<br>".join(md_cell(x) for x in answer_format(question, lang))
                kind = t[f"type_{question.type}"]
                out.append(f"| `{question.id}` | {kind} | {text} | {answers} |")
            out.append("")
            if cap.actions:
                out += [t["show_action_cols"], "|---|---|---|---|---|---|---|"]
                for a in cap.actions:
                    details = "<br>".join(md_cell(x) for x in action_details(q, a, lang))
                    out.append(
                        f"| {md_cell(a.title.get(lang))} (`{a.id}`) | {a.level} | "
                        f"{t['effort_' + a.effort]} | {t['effort_' + a.impact]} | "
                        f"{a.duration_months} | {', '.join(a.depends_on)} | {details} |"
                    )
                out.append("")
    if q.checks:
        out += [f"## {t['show_checks']}", "", t["show_check_cols"], "|---|---|---|"]
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
