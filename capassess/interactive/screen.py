"""What the interview shows (rich): a question with its options, the help, the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.interactive.agenda import Slot
from capassess.interactive.editor import Choice, Choices
from capassess.interactive.keys import show_value
from capassess.interactive.linebreak import Wrapped
from capassess.interactive.session import Interview
from capassess.model.base import Lang
from capassess.model.questionnaire import (
    BoolQuestion,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
)
from capassess.texts.interview import say

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.table import Table


def _text(text: str, style: str = "") -> Wrapped:
    """Plain text (no markup) that wraps by East Asian rules."""
    from rich.text import Text

    return Wrapped(Text(text, style=style))


def _grid() -> Table:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2), pad_edge=True)
    grid.add_column(justify="right", style="bold cyan", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def options_view(question: Question, q: Questionnaire, lang: Lang) -> RenderableType:
    """The answers ``question`` offers: levels, options, a range, or yes/no."""
    from rich.markup import escape

    if isinstance(question, LevelQuestion):
        grid = _grid()
        for i, text in enumerate(question.levels, start=1):
            grid.add_row(str(i), escape(q.level_name(i, lang)), _text(text.get(lang)))
        return grid
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        grid = _grid()
        for i, option in enumerate(question.options, start=1):
            grid.add_row(str(i), f"[dim]{escape(option.id)}[/]", _text(option.label.get(lang)))
        return grid
    if isinstance(question, NumberQuestion):
        return _text("  " + number_scale(question, lang), style="dim")
    grid = _grid()
    grid.add_row("y", "", say(lang, "yes"))
    grid.add_row("n", "", say(lang, "no"))
    return grid


def choices_of(question: Question, q: Questionnaire, lang: Lang) -> Choices | None:
    """The options the arrow keys can pick at ``question`` (none for a number)."""
    if isinstance(question, LevelQuestion):
        items = [Choice(str(i), q.level_name(i, lang)) for i in range(1, 6)]
    elif isinstance(question, (ChoiceQuestion, MultiQuestion)):
        items = [
            Choice(str(i), f"{o.id}  {o.label.get(lang)}")
            for i, o in enumerate(question.options, start=1)
        ]
    elif isinstance(question, BoolQuestion):
        items = [Choice("y", say(lang, "yes")), Choice("n", say(lang, "no"))]
    else:
        return None
    many = isinstance(question, MultiQuestion)
    return Choices(tuple(items), many, say(lang, "arrows_many" if many else "arrows_one"))


def _figure(value: float, unit: str) -> str:
    return f"{value:g}{unit}" if unit in ("%", "‰") else f"{value:g}"


def number_scale(question: NumberQuestion, lang: Lang) -> str:
    """The unit, the range and the figure at which each level starts."""
    unit = question.unit.get(lang) if question.unit else ""
    parts = [say(lang, "unit", unit=unit)] if unit else []
    low, high = question.min, question.max
    if low is not None and high is not None:
        parts.append(say(lang, "range", low=_figure(low, unit), high=_figure(high, unit)))
    elif low is not None:
        parts.append(say(lang, "at_least", low=_figure(low, unit)))
    elif high is not None:
        parts.append(say(lang, "at_most", high=_figure(high, unit)))
    if question.better == "higher":
        steps = [
            say(lang, "levels_from", level=i + 2, value=_figure(t, unit))
            for i, t in enumerate(question.thresholds)
        ]
    else:
        steps = [
            say(lang, "levels_up_to", level=5 - i, value=_figure(t, unit))
            for i, t in enumerate(question.thresholds)
        ]
    return " · ".join(parts + steps)


def hint_lines(question: Question, default: str | None, lang: Lang) -> tuple[str, str]:
    """What may be typed here: the answer format with Enter's default, then the keys."""
    kind = {
        "level": "type_level",
        "choice": "type_choice",
        "multi": "type_multi",
        "number": "type_number",
        "bool": "type_bool",
    }[question.type]
    if isinstance(question, LevelQuestion) and question.level_names:
        kind = "type_level_named"
    answer = say(lang, kind)
    if default:
        answer += " · " + say(lang, "enter_keeps", value=default)
    note_key = "note" if isinstance(question, BoolQuestion) else "n"
    return answer, say(lang, "keys", note=note_key)


def default_text(session: Interview, slot: Slot, lang: Lang, *, short: bool = False) -> str | None:
    """The previous answer shown as the default: ``3 (Robust)``, or ``3`` when ``short``."""
    previous = session.previous(slot.id)
    if previous is None or previous.is_missing:
        return None
    value = previous.value
    if short and isinstance(slot.question, ChoiceQuestion):
        return str(value)
    shown = show_value(slot.question, value, lang)
    if not short and isinstance(slot.question, LevelQuestion) and isinstance(value, int):
        shown += f" ({session.questionnaire.level_name(value, lang)})"
    return shown


def question_view(session: Interview, slot: Slot, lang: Lang) -> Group:
    """The whole screen of one question."""
    from rich.console import Group
    from rich.markup import escape
    from rich.rule import Rule

    question, p = slot.question, session.progress(slot)
    title = f"{slot.dimension.title.get(lang)} › {slot.capability.title.get(lang)}"
    progress = say(
        lang, "progress", position=p.position, total=p.total, in_dimension=p.in_dimension,
        dim_total=p.dimension_total,
    )  # fmt: skip
    required = question.evidence == "required"
    flags = f" · [yellow]{say(lang, 'evidence_required')}[/]" if required else ""
    parts: list[RenderableType] = [
        "",
        Rule(escape(title), align="left", style="cyan"),
        f"[dim]{escape(progress)} · {escape(question.id)}[/]{flags}",
        _text(question.text.get(lang), style="bold"),
    ]
    if question.help is not None:
        parts.append(_text(question.help.get(lang), style="italic dim"))
    parts.append(options_view(question, session.questionnaire, lang))
    parts += _answer_lines(session, slot, lang)
    answer, keys = hint_lines(question, default_text(session, slot, lang, short=True), lang)
    parts += [_text(answer, style="cyan"), _text(keys, style="dim")]
    return Group(*parts)


def _answer_lines(session: Interview, slot: Slot, lang: Lang) -> list[RenderableType]:

    lines: list[RenderableType] = []
    default = default_text(session, slot, lang)
    if default:
        lines.append(_text(say(lang, "previous", value=default), style="green"))
    answer = session.answers.get(slot.id)
    if answer is not None and answer.evidence:
        lines.append(_text(say(lang, "evidence_shown", text=answer.evidence)))
    if answer is not None and answer.note:
        lines.append(_text(say(lang, "note_shown", text=answer.note)))
    return lines


def help_view(lang: Lang, path: str) -> Group:
    """Every key, what it does, and where the answers are saved."""
    from rich.console import Group
    from rich.markup import escape

    keys = [
        ("1, 2, bi,ml, 42, y", "help_answer"),
        ("Enter", "help_enter"),
        (f"< {say(lang, 'or')} b", "help_back"),
        ("s", "help_skip"),
        ("na", "help_na"),
        ("e", "help_evidence"),
        ("n", "help_note"),
        ("g ID", "help_goto"),
        ("?", "help_help"),
        ("q", "help_quit"),
    ]
    from rich.table import Table

    grid = Table.grid(padding=(0, 2), pad_edge=True)
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for key, text in keys:
        grid.add_row(escape(key), _text(say(lang, text)))
    title = _text(say(lang, "help_title"), style="bold")
    return Group(title, grid, _text(say(lang, "help_saved", path=path), style="dim"))


def end_view(session: Interview, lang: Lang) -> Group:
    """The end of the questions: how many were answered, which are still open."""
    from rich.console import Group
    from rich.rule import Rule

    missing = session.unanswered()
    total = sum(1 for s in session.slots if session.applies(s.id))
    parts: list[RenderableType] = [
        "",
        Rule(say(lang, "end_title"), align="left", style="cyan"),
        _text(say(lang, "end_done", answered=total - len(missing), total=total)),
    ]
    if missing:
        text = say(lang, "end_missing", count=len(missing), ids=list(missing))
        parts.append(_text(text, style="yellow"))
    parts.append(_text(say(lang, "end_keys"), style="dim"))
    return Group(*parts)
