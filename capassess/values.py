"""Answer values: parse raw input (YAML, CSV cell, keyboard) per question type, and
check a whole assessment against its questionnaire."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from capassess.errors import Problem
from capassess.level_answers import level_named, level_word, not_a_level_name
from capassess.model.answers import NA_WORDS, Assessment
from capassess.model.questionnaire import (
    BoolQuestion,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Option,
    Question,
    Questionnaire,
)

if TYPE_CHECKING:  # scoring.questions imports this module
    from capassess.scoring.questions import QuestionOutcome

TypedValue = int | float | str | bool | list[str]
TRUE_WORDS = {"true", "yes", "y", "1", "是", "对", "有", "√", "✓", "✔"}
FALSE_WORDS = {"false", "no", "n", "0", "否", "不", "无", "没有", "×", "✗", "✘"}
NONE_WORDS = frozenset({"none", "-", "—", "无", "没有"})
"""What a checklist (multi) answer says when none of its options holds: none ticked."""
MAX_SHOWN = 60
THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")
DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
SPREADSHEET_ERRORS = frozenset({"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                                "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#FIELD!",
                                "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})  # fmt: skip
NOT_ANSWERS = frozenset({"-", "--", "—", "——", "–", "/", "\\", "无", "空", "none", "null", "nil",
                         "#"})  # fmt: skip
"""Placeholders people put in a cell for 'nothing': refused with a pointer to ``n/a``."""
MULTI_SEPARATORS = str.maketrans(
    {";": ",", "；": ",", "、": ",", "，": ",", "|": ",", "\n": ",", "\r": ","}
)
"""Separators of a multi-choice cell; a line break (Alt+Enter in Excel) is one too."""
PERCENT_SIGNS = ("%", "％")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9.]+)?)?")
"""A date as a workbook's date cell reads (ISO): what Excel makes of 1-2 or 3/5 typed."""


def shown(raw: Any) -> str:
    """``raw`` quoted for a message, cut to ``MAX_SHOWN`` characters (a cell may be huge)."""
    text = repr(raw)
    return text if len(text) <= MAX_SHOWN else f"{text[: MAX_SHOWN - 1]}…"


def is_not_applicable(raw: Any) -> bool:
    """True for the ``n/a`` marker (any case, surrounding blanks ignored)."""
    return isinstance(raw, str) and raw.strip().lower() in NA_WORDS


def _figure(raw: Any) -> str:
    """The text of a figure with its separators resolved: ``1,200`` is 1200 (groups of
    three), ``3,5`` is 3.5 (one comma, not followed by three digits); any other comma is
    refused rather than guessed, so a comma never changes a magnitude silently."""
    text = str(raw).strip()
    if text.endswith(PERCENT_SIGNS):  # 45% and the full-width 45％
        text = text[:-1].strip()
    if "," not in text:
        return text
    if THOUSANDS.fullmatch(text):
        return text.replace(",", "")
    if DECIMAL_COMMA.fullmatch(text) and len(text.split(",")[1]) != 3:
        return text.replace(",", ".")
    raise ValueError(
        f"{shown(raw)}: cannot tell the decimal comma from a thousands separator; "
        "write the figure with a decimal point (3.5) and no separators"
    )


def _number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError(f"{shown(raw)} is not a number")
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # an int beyond any float, such as 0xfff... in YAML
            raise ValueError("the number is too large to be a finite number") from None
    else:
        text = _figure(raw)
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{shown(raw)} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{shown(raw)} is not a finite number")
    return value


def _is_figure(raw: Any) -> bool:
    """True when ``raw`` is written as a figure (which may be out of range or infinite)."""
    try:
        float(_figure(raw))
    except ValueError:
        return False
    return True


def _level(question: LevelQuestion, raw: Any) -> int:
    problem = f"{shown(raw)} is not a level; expected a whole number 1..5"
    word = level_word(raw)
    if word is None:
        word = level_named(raw, question.level_names)
    if word is not None:
        return word
    try:
        value = _number(raw)
    except ValueError:
        if question.level_names and not _is_figure(raw):
            raise not_a_level_name(raw, question.level_names) from None  # a word: say names
        raise ValueError(problem) from None
    if value != int(value) or not 1 <= value <= 5:
        raise ValueError(problem)
    return int(value)


def option_key(text: str) -> str:
    """``text`` as options are matched: full-width forms as half-width (NFKC), blanks
    at the ends dropped and runs of blanks as one space, any case."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def options_named(options: list[Option], text: str) -> list[str]:
    """The ids of the options whose id, English label or Chinese label is ``text`` in
    any case, width or spacing (``option_key``)."""
    key = option_key(text)
    return [o.id for o in options
            if key in {option_key(n) for n in (o.id, o.label.en, o.label.zh) if n}]  # fmt: skip


def match_option(options: list[Option], raw: str) -> str | None:
    """The id of the option ``raw`` names: an id as written, else an id or label in
    either language in any case, width or spacing; None when it names none.
    ``ValueError`` when it names more than one, naming them."""
    text = raw.strip()
    if any(o.id == text for o in options):
        return text
    found = options_named(options, text)
    if len(found) > 1:
        raise ValueError(
            f"{shown(text)} matches more than one option: {', '.join(found)}; write the option id"
        )
    return found[0] if found else None


def _choice(question: ChoiceQuestion, raw: Any) -> str:
    ids = [o.id for o in question.options]
    text = str(raw).strip()
    found = match_option(question.options, text)
    if found is None:
        raise ValueError(f"{shown(text)} is not an option; expected one of: {', '.join(ids)}")
    return found


def _multi(question: MultiQuestion, raw: Any) -> list[str]:
    ids = [o.id for o in question.options]
    if isinstance(raw, str):  # one label may hold a separator ("数据、模型")
        whole = match_option(question.options, raw)
        if whole is not None:
            return [whole]
        if raw.strip().lower() in NONE_WORDS:  # none of the options holds
            return []
    items = raw if isinstance(raw, list) else str(raw).translate(MULTI_SEPARATORS).split(",")
    picked = [str(item).strip() for item in items if str(item).strip()]
    matched = [(p, match_option(question.options, p)) for p in picked]
    unknown = [p for p, found in matched if found is None]
    if unknown:
        raise ValueError(
            f"{', '.join(map(shown, unknown))} not among the options: {', '.join(ids)}"
        )
    chosen = {found for _, found in matched}
    return [i for i in ids if i in chosen]


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{shown(raw)} is not yes/no; expected true or false")


def without_unit(question: NumberQuestion, raw: Any) -> Any:
    """``12 days`` is 12 and ``12天`` too when the question counts in days (its own unit
    word, English or Chinese, any case); a percent sign is read by ``_figure``."""
    if not isinstance(raw, str) or question.unit is None:
        return raw
    text = raw.strip()
    for unit in (question.unit.en, question.unit.zh):
        if (
            unit
            and unit != "%"
            and len(text) > len(unit)
            and text.casefold().endswith(unit.casefold())
        ):
            return text[: -len(unit)].strip()
    return raw


def _bounded(question: NumberQuestion, raw: Any) -> float:
    value = _number(without_unit(question, raw))
    if question.min is not None and value < question.min:
        raise ValueError(f"{value:g} is below the minimum {question.min:g}")
    if question.max is not None and value > question.max:
        raise ValueError(f"{value:g} is above the maximum {question.max:g}")
    return value


def parse_value(question: Question, raw: Any) -> TypedValue:
    """Return ``raw`` as the typed value ``question`` takes; ``ValueError`` says why not.

    The caller handles missing values and ``n/a`` before calling this. A spreadsheet
    error (``#DIV/0!``), a formula without its computed value (``=A1/B1``) or a
    placeholder such as ``-`` is refused with what it is and what to write instead.
    """
    try:
        return _typed(question, raw)
    except ValueError as exc:
        _explain_non_answer(question, raw)
        raise exc from None


def _typed(question: Question, raw: Any) -> TypedValue:
    if isinstance(raw, list) and not isinstance(question, MultiQuestion):
        raise ValueError(f"{shown(raw)} is a list; a {question.type} question takes one value")
    if isinstance(question, LevelQuestion):
        return _level(question, raw)
    if isinstance(question, ChoiceQuestion):
        return _choice(question, raw)
    if isinstance(question, MultiQuestion):
        return _multi(question, raw)
    if isinstance(question, NumberQuestion):
        return _bounded(question, raw)
    if isinstance(question, BoolQuestion):
        return _bool(raw)
    raise TypeError(f"unknown question type {type(question).__name__}")


def _explain_non_answer(question: Question, raw: Any) -> None:
    if not isinstance(raw, str):
        return
    text = raw.strip()
    if text.upper() in SPREADSHEET_ERRORS:
        raise ValueError(f"the cell holds the spreadsheet error {text}; fix its formula or "
                         "enter the value")  # fmt: skip
    if text.startswith("=") and len(text) > 1:
        raise ValueError(
            f"the cell holds a formula with no computed value ({shown(text)}); open the file "
            "in Excel or WPS, let it calculate, and save it again"
        )
    if text.lower() in NOT_ANSWERS:
        raise ValueError(_placeholder(question, shown(text)))
    if DATE.fullmatch(text):
        from capassess.texts import say

        raise ValueError(say("batch", "en", "why_date", value=shown(text)))


def _placeholder(question: Question, value: str) -> str:
    """Why a placeholder ("-", "无") is no answer, and what to write for "none" or
    "nothing" by question type: never n/a, which would leave the question out of the
    score instead of scoring it low."""
    from capassess.texts import say

    if isinstance(question, ChoiceQuestion):
        ids = ", ".join(o.id for o in question.options)
        return say("batch", "en", "why_placeholder_choice", value=value, ids=ids)
    kind = {MultiQuestion: "multi", BoolQuestion: "bool", NumberQuestion: "number"}
    key = next((k for t, k in kind.items() if isinstance(question, t)), "level")
    return say("batch", "en", f"why_placeholder_{key}", value=value)


def answer_values(q: Questionnaire, assessment: Assessment) -> dict[str, TypedValue | None]:
    """Typed values by question id; ``None`` for missing, ``n/a`` or invalid answers."""
    questions = q.question_map()
    out: dict[str, TypedValue | None] = {}
    for qid, answer in assessment.answers.items():
        question = questions.get(qid)
        if question is None or answer.is_missing or answer.not_applicable:
            out[qid] = None
            continue
        try:
            out[qid] = parse_value(question, answer.value)
        except ValueError:
            out[qid] = None
    return out


def check_assessment(q: Questionnaire, assessment: Assessment) -> list[Problem]:
    """Every problem of ``assessment`` against ``q``: ids, values, version, evidence, and
    the names it shows (``shown_names``)."""
    from capassess.shown_names import name_problems, name_sites

    s = assessment.subject
    problems = name_problems(name_sites(s.id, s.name, s.group, assessment.assessor))
    if assessment.questionnaire_id != q.id:
        problems.append(
            Problem(
                f"answers are for questionnaire {assessment.questionnaire_id!r}, not {q.id!r}",
                ("questionnaire",),
            )
        )
        return problems
    version = assessment.questionnaire_version
    if version is not None and version != q.version:
        problems.append(
            Problem(
                f"answers are for version {version} but {q.id} is version {q.version}",
                ("questionnaire",),
            )
        )
    questions = q.question_map()
    for qid, answer in assessment.answers.items():
        question = questions.get(qid)
        if question is None:
            message = f"unknown question id {shown(qid)} in {q.id}"
            problems.append(Problem(message, ("answers", qid)))
            continue
        if answer.is_missing or answer.not_applicable:
            continue
        try:
            parse_value(question, answer.value)
        except ValueError as exc:
            problems.append(Problem(str(exc), ("answers", qid, "value")))
            continue
        if question.evidence == "required" and not (answer.evidence or "").strip():
            problems.append(
                Problem("this question requires evidence", ("answers", qid), severity="warning")
            )
    for i, disagreement in enumerate(assessment.disagreements):
        if disagreement.question not in questions:
            message = f"unknown question id {shown(disagreement.question)} in {q.id}"
            problems.append(Problem(message, ("disagreements", i, "question")))
    if not any(p.severity == "error" for p in problems):
        problems += _answered_but_not_asked(q, assessment)
    return problems


def _answered_but_not_asked(q: Questionnaire, assessment: Assessment) -> list[Problem]:
    """Warn about answers to questions whose ``when`` is false: they are not scored."""
    from capassess.errors import InputError
    from capassess.scoring.questions import evaluate_questions  # imports this module

    try:
        outcomes = evaluate_questions((qq for _, _, qq in q.questions()), assessment.answers)
    except (InputError, ValueError):
        return []
    questions = q.question_map()
    out = []
    for qid, outcome in outcomes.items():
        answer = assessment.answers.get(qid)
        if outcome.status == "skipped" and answer is not None and not answer.is_missing:
            out.append(Problem(_not_asked(questions[qid].when or "", outcomes),
                               ("answers", qid), severity="warning"))  # fmt: skip
    return out


def _not_asked(when: str, outcomes: Mapping[str, QuestionOutcome]) -> str:
    """Why an answer is not scored: its condition is false, or cannot hold while the
    questions it names are unanswered (a condition over an unanswered question is false
    for scoring, as the README's ``when`` rules say)."""
    from capassess.scoring.questions import compiled_condition

    names = dict.fromkeys(compiled_condition(when).names())
    silent = [n for n in names if n in outcomes and outcomes[n].status == "missing"]
    if silent:
        return (f"answered, but its condition `{when}` cannot hold while "
                f"{', '.join(silent)} {'is' if len(silent) == 1 else 'are'} unanswered: the "
                "answer is not scored until the condition holds")  # fmt: skip
    return (
        f"answered, but its condition `{when}` is false on these answers: the answer is not scored"
    )
