"""What a typed line means at a question: a command, or an answer checked on entry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from capassess.model.answers import NA
from capassess.model.base import Lang
from capassess.model.questionnaire import (
    BoolQuestion,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
)
from capassess.values import TypedValue, is_not_applicable, parse_value

Kind = Literal["keep", "value", "back", "skip", "na", "evidence", "note", "help", "goto", "quit"]
WORDS: dict[str, Kind] = {
    "<": "back", "b": "back", "back": "back",
    "s": "skip", "skip": "skip",
    "na": "na", "n/a": "na",
    "e": "evidence", "evidence": "evidence",
    "n": "note", "note": "note",
    "?": "help", "？": "help", "h": "help", "help": "help",
    "q": "quit", "quit": "quit",
}  # fmt: skip
GOTO_WORDS = ("g", "go", "goto")
YES_NO = {"y": True, "yes": True, "n": False, "no": False}
SEPARATORS = re.compile(r"[,;，、；\s]+")
RANGE = re.compile(r"^(\d+)-(\d+)$")


@dataclass(frozen=True)
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
    """Turn option numbers (1, 2, ...) into option ids; ids are kept as typed."""
    ids = [o.id for o in question.options]
    out: list[str] = []
    for token in _expand_ranges(tokens, ids):
        if token.isdigit() and token not in ids:
            number = int(token)
            if not 1 <= number <= len(ids):
                raise ValueError(f"{token} is not an option number; expected 1 to {len(ids)}")
            token = ids[number - 1]
        out.append(token)
    return out


def resolve_value(question: Question, text: str) -> TypedValue:
    """The typed value ``text`` stands for; ``ValueError`` says why it is not accepted."""
    text = text.strip()
    if is_not_applicable(text):
        return NA
    if isinstance(question, BoolQuestion):
        if text.lower() in YES_NO:
            return YES_NO[text.lower()]
        try:
            return parse_value(question, text)
        except ValueError:
            raise ValueError(f"{text!r} is not yes or no; type y or n") from None
    if isinstance(question, MultiQuestion):
        if text == "-":
            return []
        tokens = [t for t in SEPARATORS.split(text) if t]
        return parse_value(question, _option_ids(question, tokens))
    if isinstance(question, ChoiceQuestion):
        return parse_value(question, _option_ids(question, [text])[0])
    if isinstance(question, NumberQuestion):
        return parse_value(question, _without_unit(question, text))
    return parse_value(question, text)


def _without_unit(question: NumberQuestion, text: str) -> str:
    """``12 days`` is 12 when the question counts in days."""
    units = [question.unit.en, question.unit.zh] if question.unit else []
    for unit in (u for u in units if u and u != "%"):
        if text.lower().endswith(unit.lower()):
            return text[: -len(unit)].strip()
    return text


def _number_text(value: float) -> str:
    return f"{value:,.6g}" if abs(value) >= 10_000 else f"{value:g}"


def show_value(question: Question, value: object, lang: Lang) -> str:
    """An answer value as the interview shows it: ``3 (Robust)``, ``bi, ml``, ``yes``."""
    if value is None:
        return ""
    if is_not_applicable(value):
        return NA
    if isinstance(question, BoolQuestion) and isinstance(value, bool):
        return {True: {"en": "yes", "zh": "是"}, False: {"en": "no", "zh": "否"}}[value][lang]
    if isinstance(question, ChoiceQuestion):
        labels = {o.id: o.label.get(lang) for o in question.options}
        return f"{value} ({labels[str(value)]})" if str(value) in labels else str(value)
    if isinstance(question, MultiQuestion) and isinstance(value, list):
        return ", ".join(map(str, value)) if value else "-"
    if isinstance(question, NumberQuestion) and isinstance(value, (int, float)):
        unit = question.unit.get(lang) if question.unit else ""
        return f"{_number_text(float(value))}{unit if unit in ('%', '‰') else ' ' + unit}".strip()
    return str(value)
