"""Answers and ``when`` conditions in a reader's words (pure).

Whatever shows a reader an answer, an option or a condition goes through here, so that
it speaks the report's language: the question by its text, options by their labels,
yes/no in words, numbers with their unit; never an id or the raw expression.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

from capassess.expr import ExpressionError, Node, parse_expression
from capassess.memo import per_object
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
from capassess.texts import words

SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}
# a share named before its sign in brackets, as Chinese units are written: "<share>（%）"
_SHARE_OF = re.compile(r"(.+?)\s*[（(]\s*%\s*[)）]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def with_unit(number: str, unit: str | None, lang: Lang) -> str:
    """A number with its unit as a reader writes it: ``55%``, ``55% of systems``,
    ``30 days``; in Chinese ``55%（占业务系统比例）``, ``55%的活跃客户``, ``30天``, ``3家企业``."""
    unit = (unit or "").strip()
    if not unit:
        return number
    share = _SHARE_OF.fullmatch(unit)
    if share:  # 55%（占业务系统比例）
        return words("plan", lang)["unit_share"].format(number=number, share=share.group(1))
    if unit[0] in "%‰":  # the sign sticks to the number; Chinese needs no space after it
        rest = unit[1:].strip()
        space = "" if lang == "zh" and _CJK.match(rest) else " "
        return f"{number}{unit[0]}" + (space + rest if rest else "")
    if lang == "zh" and _CJK.match(unit):  # a measure word: 30天, 6个月, 3家企业
        return f"{number}{unit}"
    return f"{number} {unit}"


def value_words(question: Question | None, value: Any, lang: Lang) -> str:
    """One answer value (or a literal of a condition) as a reader reads it."""
    t = words("plan", lang)
    if isinstance(value, list):
        return t["list_sep"].join(value_words(question, v, lang) for v in value) or t["none"]
    if isinstance(value, bool):
        return t["yes"] if value else t["no"]
    if isinstance(question, ChoiceQuestion | MultiQuestion):
        labels = {o.id: o.label.get(lang) for o in question.options}
        return labels.get(str(value), str(value))
    if isinstance(question, LevelQuestion) and isinstance(value, int) and 1 <= value <= 5:
        return t["level_value"].format(level=value)
    if isinstance(value, float | int):
        number = f"{value:g}" if isinstance(value, float) else str(value)
        unit = (
            question.unit.get(lang)
            if isinstance(question, NumberQuestion) and question.unit
            else ""
        )
        return with_unit(number, unit, lang)
    return str(value)


def question_words(q: Questionnaire, question_id: str, lang: Lang) -> str:
    """A question as a reader knows it: its text in quotation marks (made once per
    questionnaire, language and question)."""
    known: dict[str, str] = per_object(q, ("question_words", lang), dict)
    found = known.get(question_id)
    if found is None:
        question = q.question_map().get(question_id)
        text = question.text.get(lang).strip() if question else question_id
        found = known[question_id] = words("plan", lang)["cond_question"].format(text=text)
    return found


def answer_words(q: Questionnaire, question_id: str, value: Any, lang: Lang) -> str:
    """``“Question?”: Label`` in ``lang``; remembered per questionnaire and language by
    the question and the value with its type (``1``, ``1.0`` and ``True`` read apart)."""
    known: dict[Hashable, str] = per_object(q, ("answer_words", lang), dict)
    key = _value_key(question_id, value)
    found = known.get(key) if key is not None else None
    if found is None:
        question = q.question_map().get(question_id)
        found = words("plan", lang)["cond_answer"].format(
            q=question_words(q, question_id, lang), v=value_words(question, value, lang)
        )
        if key is not None:
            if len(known) >= REMEMBERED_ANSWERS:  # numbers are many: keep the memo bounded
                known.clear()
            known[key] = found
    return found


REMEMBERED_ANSWERS = 20_000


def _value_key(question_id: str, value: Any) -> Hashable | None:
    """A key of ``value`` that tells apart values that compare equal (``1 == True``);
    None for a value not remembered (anything but text, numbers, yes/no and lists of
    text)."""
    kind = type(value)
    if kind is list:
        if all(type(v) is str for v in value):
            return (question_id, kind, tuple(value))
        return None
    if kind in (str, int, float, bool):
        return (question_id, kind, value)
    return None


def _literal(node: Node) -> Any:
    if node.op == "list":
        return [_literal(a) for a in node.args]
    return node.value


def _joined(values: list[str], lang: Lang, key: str) -> str:
    t = words("plan", lang)
    if len(values) < 2:
        return "".join(values)
    return t["list_sep"].join(values[:-1]) + t[key] + values[-1]


def _compare(q: Questionnaire, node: Node, lang: Lang) -> str:
    left, right = node.args
    if left.op != "name":  # a literal on the left: read it the other way round
        left, right = right, left
    question = q.question_map().get(str(left.value))
    subject = question_words(q, str(left.value), lang)
    value = _literal(right)
    t = words("plan", lang)
    items = value if isinstance(value, list) else [value]
    shown = [value_words(question, v, lang) for v in items]
    if node.op in ("in", "contains"):
        key = "cond_or" if node.op == "in" else "cond_and"
        verb = "cond_in" if node.op == "in" else "cond_contains"
        return t[verb].format(q=subject, v=_joined(shown, lang, key))
    if node.op in ("==", "!="):
        if isinstance(value, bool) and isinstance(question, BoolQuestion):
            return t["cond_answer"].format(
                q=subject, v=value_words(question, value == (node.op == "=="), lang)
            )
        return t["cond_eq" if node.op == "==" else "cond_ne"].format(q=subject, v=shown[0])
    if isinstance(question, LevelQuestion) and node.op in (">=", "<="):
        key = "cond_level_at_least" if node.op == ">=" else "cond_level_at_most"
        if value == (len(question.levels) if node.op == ">=" else 1):
            key = "cond_level_is"  # nothing lies above the top level or below level 1
        return t[key].format(q=subject, level=value)
    return t["cond_compare"].format(q=subject, op=SYMBOLS[node.op], v=shown[0])


def _merged_contains(q: Questionnaire, args: tuple[Node, ...], lang: Lang) -> list[str]:
    """Parts of an 'and': ``X contains 'a' and X contains 'b'`` read as one part."""
    parts: list[str] = []
    groups: dict[str, list[Any]] = {}
    order: list[tuple[str, Any]] = []
    for arg in args:
        if arg.op == "contains" and arg.args[0].op == "name" and arg.args[1].op == "lit":
            name = str(arg.args[0].value)
            if name not in groups:
                groups[name] = []
                order.append(("group", name))
            groups[name].append(arg.args[1].value)
        else:
            order.append(("node", arg))
    for kind, item in order:
        if kind == "group":
            merged = Node("contains", (Node("name", value=item), Node("list", tuple(
                Node("lit", value=v) for v in groups[item]))))  # fmt: skip
            parts.append(_compare(q, merged, lang))
        else:
            parts.append(_words(q, item, lang, nested=True))
    return parts


def _words(q: Questionnaire, node: Node, lang: Lang, nested: bool = False) -> str:
    t = words("plan", lang)
    if node.op == "and":
        return t["cond_and_sep"].join(_merged_contains(q, node.args, lang))
    if node.op == "or":
        text = t["cond_or_sep"].join(_words(q, a, lang, nested=True) for a in node.args)
        return t["cond_group"].format(x=text) if nested else text
    if node.op == "not":
        return t["cond_not"].format(x=_words(q, node.args[0], lang))
    if node.op == "answered":
        return t["cond_answered"].format(q=question_words(q, str(node.value), lang))
    if node.op == "name":
        question = q.question_map().get(str(node.value))
        return t["cond_answer"].format(
            q=question_words(q, str(node.value), lang), v=value_words(question, True, lang)
        )
    if node.op in ("lit", "list"):
        return value_words(None, _literal(node), lang)
    return _compare(q, node, lang)


def condition_words(q: Questionnaire, expression: str, lang: Lang) -> str:
    """A ``when`` expression in words: questions by their text, options by their labels."""
    try:
        return _words(q, parse_expression(expression), lang)
    except ExpressionError:  # validated on load; never shown raw if it were not
        return ""
