"""Print what moved between two assessments (``capassess compare``), in English or Chinese."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.figures import printed_change, signed_change
from capassess.texts import words

if TYPE_CHECKING:
    from rich.table import Table

    from capassess.comparison import Comparison, NodeChange
    from capassess.model.base import Lang


def _e(text: object) -> str:
    from rich.markup import escape

    return escape(str(text))


def node_value(value: float | None, assessed: bool, lang: Lang, digits: int = 2) -> str:
    """A node's score (or level, ``digits`` 0) as compared: "not assessed" for a node with
    no answered question, n/a for one not applicable."""
    t = words("views", lang)
    if not assessed:
        return t["not_assessed"]
    if value is None:
        return t["na"]
    return f"{value:.{digits}f}" if digits else str(int(value))


def _node_row(n: NodeChange, lang: Lang) -> tuple[str, ...]:
    indent = "  " if n.kind == "capability" else ""
    moved = printed_change(n.new, n.old)  # adds up with the printed scores
    change = "" if moved is None else signed_change(n.new, n.old)
    style = "green" if (moved or 0) > 0 else "red" if (moved or 0) < 0 else ""
    old_level = node_value(n.old_level, n.old_assessed, lang, 0)
    new_level = node_value(n.new_level, n.new_assessed, lang, 0)
    level = f"{old_level} → {new_level}" if n.level_changed else new_level
    name = f"[bold]{n.id}[/]" if n.kind != "capability" else n.id
    old, new = node_value(n.old, n.old_assessed, lang), node_value(n.new, n.new_assessed, lang)
    return indent + name, old, new, f"[{style}]{change}[/]" if style else change, level


def print_comparison(comparison: Comparison, lang: Lang = "en") -> None:
    """Print node changes, the like-for-like overall scores, changed answers, renamed,
    dropped and added ids, and the old roadmap's KPIs on the new answers."""
    from rich.table import Table

    from capassess.views.console import console

    t, out = words("views", lang), console()
    table = Table(title=f"{comparison.old_ref} → {comparison.new_ref}", title_justify="left")
    for key in ("cmp_node", "cmp_old", "cmp_new", "cmp_change", "cmp_level"):
        table.add_column(t[key], justify="left" if key == "cmp_node" else "right")
    for n in comparison.nodes:
        table.add_row(*_node_row(n, lang))
    out.print(table)
    like = comparison.like_for_like
    if like is not None:
        left_out = t["sep"].join(like.left_out)
        out.print(t["cmp_like"].format(names=left_out, old=node_value(like.old, True, lang),
                                       new=node_value(like.new, True, lang),
                                       change=signed_change(like.new, like.old)),
                  soft_wrap=True)  # fmt: skip
    _print_answers(comparison, lang)
    if comparison.renamed:
        pairs = t["sep"].join(f"{old} → {new}" for old, new in comparison.renamed.items())
        out.print(t["cmp_renamed"].format(pairs=pairs), soft_wrap=True)
    for key, ids in (("cmp_dropped", comparison.dropped), ("cmp_added", comparison.added)):
        if ids:
            out.print(t[key].format(ids=t["sep"].join(ids)), soft_wrap=True)
    _print_kpis(comparison, lang)


def _table(lang: Lang, title: str, *columns: str) -> Table:
    """A table titled and headed by the texts of those keys, in ``lang``."""
    from rich.table import Table

    t = words("views", lang)
    return Table(*(t[c] for c in columns), title=t[title], title_justify="left")


def _print_answers(comparison: Comparison, lang: Lang) -> None:
    from capassess.plan_text import shown_value
    from capassess.views.console import console

    if not comparison.answers:
        return
    t = words("views", lang)
    answers = _table(lang, "cmp_answers", "cmp_question", "cmp_old", "cmp_new")
    for a in comparison.answers:
        name = a.id if a.old_id is None else t["cmp_was"].format(id=a.id, old=a.old_id)
        old, new = (_e("—" if v is None else shown_value(v, lang)) for v in (a.old, a.new))
        answers.add_row(name, old, new)
    console().print(answers)


def _print_kpis(comparison: Comparison, lang: Lang) -> None:
    from capassess.views.console import console

    if not comparison.kpis:
        return
    t = words("views", lang)
    kpis = _table(lang, "cmp_kpis", "cmp_action", "cmp_kpi", "cmp_on_new")
    colour = {"met": "green", "not-met": "red", "not-assessed": "yellow"}
    for k in comparison.kpis:
        text = k.text.get(lang) if k.text is not None else k.when
        kpis.add_row(
            f"{_e(k.title.get(lang))}\n[dim]{k.action_id}[/]",
            f"{_e(text)}\n[dim]{_e(k.when)}[/]",
            f"[{colour[k.status]}]{t['kpi_' + k.status.replace('-', '_')]}[/]",
        )
    console().print(kpis)
