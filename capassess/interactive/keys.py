"""What a typed line means at a question: a command, or an answer checked on entry."""

from __future__ import annotations

import re
from typing import Literal

from capassess.condition_text import with_unit
from capassess.level_answers import LevelNameError
from capassess.model.answers import NA
from capassess.model.base import Lang
from capassess.model.questionnaire import (
    BoolQuestion,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
)
from capassess.records import record
from capassess.values import (
    NONE_WORDS,
    TypedValue,
    is_not_applicable,
    match_option,
    options_named,
    parse_value,
    shown,
    without_unit,
)

Kind = Literal[
    "keep", "value", "back", "skip", "clear", "na", "evidence", "note", "help", "goto", "quit"
]
WORDS: dict[str, Kind] = {
    "<": "back", "b": "back", "back": "back",
    "s": "skip", "skip": "skip",
    "x": "clear", "clear": "clear",
    "na": "na", "n/a": "na",
    "e": "evidence", "evidence": "evidence",
    "n": "note", "note": "note",
    "?": "help", "？": "help", "h": "help", "help": "help",
    "q": "quit", "quit": "quit",
}  # fmt: skip
GOTO_WORDS = ("g", "go", "goto")
YES_NO = {"y": True, "yes": True, "n": False, "no": False, "1": True, "2": False,
          "是": True, "否": False, "有": True, "无": False, "没有": False}  # fmt: skip
SEPARATORS = re.compile(r"[,;，、；\s]+")
RANGE = re.compile(r"^(\d+)-(\d+)$")


class Refused(ValueError):
    """A typed answer that is not accepted; ``key`` and ``fields`` say why in the interview words.

    ``str()`` is the English text, so callers outside the interview need not know.
    """

    def __init__(self, key: str, **fields: object) -> None:
        from capassess.texts.interview import say

        super().__init__(say("en", key, **fields))
        self.key = key
        self.fields = fields


@record
class Command:
    """A parsed line: what to do, and the text that goes with it."""

    kind: Kind
    text: str = ""


def parse_command(line: str, question: Question | None = None) -> Command:
    """Read one typed line: a key such as ``<`` or ``g ID``, an answer, or Enter.

    On a yes/no question ``y`` and ``n`` answer it; elsewhere ``n`` adds a note.
    """
    text = line.strip()
    if not text:
        return Command("keep")
    word = text.lower()
    if isinstance(question, BoolQuestion) and word in YES_NO:
        return Command("value", word)
    if word in WORDS:
        return Command(WORDS[word])
    head, _, rest = text.partition(" ")
    if head.lower() in GOTO_WORDS:
        return Command("goto", rest.strip())
    return Command("value", text)


def _expand_ranges(tokens: list[str], ids: list[str]) -> list[str]:
    """``2-4`` stands for 2, 3, 4 (unless an option is called ``2-4``)."""
    out: list[str] = []
    for token in tokens:
        match = RANGE.match(token)
        if match and token not in ids:
            low, high = sorted(int(n) for n in match.groups())
            out += [str(n) for n in range(low, high + 1)]
        else:
            out.append(token)
    return out


def _option_ids(question: ChoiceQuestion | MultiQuestion, tokens: list[str]) -> list[str]:
    """Option numbers (1, 2, ...) and ids in any case as the option ids."""
    ids = [o.id for o in question.options]
    out: list[str] = []
    for token in _expand_ranges(tokens, ids):
        if token in ids:
            out.append(token)
        elif token.isdigit():
            if not 1 <= int(token) <= len(ids):
                raise Refused("not_option_number", text=token, count=len(ids))
            out.append(ids[int(token) - 1])
        else:
            out.append(_named_option(question, token))
    return out


def _whole_label(question: MultiQuestion, text: str) -> list[str] | None:
    """The option all of ``text`` names, if it names one (a label may hold a separator)."""
    try:
        found = match_option(question.options, text)
    except ValueError:
        return None
    return [found] if found else None


def _named_option(question: ChoiceQuestion | MultiQuestion, token: str) -> str:
    """The option ``token`` names by id or label, as ``values.match_option`` matches."""
    ids = [o.id for o in question.options]
    try:
        found = match_option(question.options, token)
    except ValueError:
        named = options_named(question.options, token)
        raise Refused("ambiguous_option", text=shown(token), ids=list(named)) from None
    if found is None:
        raise Refused("not_option", text=shown(token), count=len(ids), ids=list(ids))
    return found


def resolve_value(question: Question, text: str) -> TypedValue:
    """The typed value ``text`` stands for; ``Refused`` says why it is not accepted."""
    text = text.strip()
    if is_not_applicable(text):
        return NA
    if isinstance(question, BoolQuestion):
        if text.lower() in YES_NO:
            return YES_NO[text.lower()]
        raw: object = text
    elif isinstance(question, MultiQuestion):
        whole = _whole_label(question, text)
        if whole is None and text.lower() in NONE_WORDS:  # none of the options holds
            return []
        raw = whole or _option_ids(question, [t for t in SEPARATORS.split(text) if t])
    elif isinstance(question, ChoiceQuestion):
        raw = _option_ids(question, [text])[0]
    elif isinstance(question, NumberQuestion):
        raw = without_unit(question, text)
    else:
        raw = text
    try:
        return parse_value(question, raw)
    except LevelNameError as exc:  # a level's number and name disagree, or a shared name
        raise Refused(exc.key.removeprefix("why_"), **exc.fields) from None
    except ValueError:
        raise _refusal(question, text) from None


def _refusal(question: Question, text: str) -> Refused:
    """Why ``text`` is no answer to ``question``, in words the interview can translate."""
    if isinstance(question, BoolQuestion):
        return Refused("not_yes_no", text=shown(text))
    if isinstance(question, NumberQuestion):
        try:
            value = float(str(without_unit(question, text)).replace(",", "").rstrip("%"))
        except ValueError:
            return Refused("not_number", text=shown(text))
        if question.min is not None and value < question.min:
            return Refused("below_min", value=f"{value:g}", low=f"{question.min:g}")
        if question.max is not None and value > question.max:
            return Refused("above_max", value=f"{value:g}", high=f"{question.max:g}")
        return Refused("not_number", text=shown(text))
    if isinstance(question, LevelQuestion):
        return Refused("not_level", text=shown(text))
    return Refused("not_accepted", text=shown(text))


def _number_text(value: float) -> str:
    return f"{value:,.6g}" if abs(value) >= 10_000 else f"{value:g}"


def show_value(question: Question, value: object, lang: Lang) -> str:
    """An answer value as the interview shows it: ``3 (Robust)``, ``bi, ml``, ``yes``."""
    if value is None:
        return ""
    if is_not_applicable(value):
        return NA
    if isinstance(question, BoolQuestion) and isinstance(value, bool):
        from capassess.texts.interview import say

        return say(lang, "yes" if value else "no")
    if isinstance(question, ChoiceQuestion):
        labels = {o.id: o.label.get(lang) for o in question.options}
        return f"{value} ({labels[str(value)]})" if str(value) in labels else str(value)
    if isinstance(question, MultiQuestion) and isinstance(value, list):
        return ", ".join(map(str, value)) if value else "-"
    if isinstance(question, NumberQuestion) and isinstance(value, (int, float)):
        unit = question.unit.get(lang) if question.unit else ""
        return with_unit(_number_text(float(value)), unit, lang)
    return str(value)
