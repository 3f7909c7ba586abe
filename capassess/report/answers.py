"""Answers as a reader sees them: option labels, level descriptions, units, yes/no."""

from __future__ import annotations

from typing import Any

from capassess.condition_text import with_unit
from capassess.model.answers import Assessment
from capassess.model.base import Lang
from capassess.model.questionnaire import (
    BoolQuestion,
    Capability,
    ChoiceQuestion,
    LevelQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
)
from capassess.model.results import CapabilityScore
from capassess.report.model import AnswerRow
from capassess.texts import words


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _labels(question: ChoiceQuestion | MultiQuestion, ids: list[str], lang: Lang) -> list[str]:
    found = _LABELS.get((id(question), lang))
    if found is None or found[0] is not question:
        if len(_LABELS) >= REMEMBERED_LABELS:
            _LABELS.clear()
        found = _LABELS[id(question), lang] = (
            question,  # kept alive with its labels, so its id is not taken by another
            {o.id: o.label.get(lang) for o in question.options},
        )
    by_id = found[1]
    return [by_id.get(i, i) for i in ids]


# Option labels by id, per question and language (a batch shows the same ones per unit).
REMEMBERED_LABELS = 4096
_LABELS: dict[tuple[int, str], tuple[Question, dict[str, str]]] = {}


def answer_text(question: Question, value: Any, lang: Lang) -> str:
    """The answer in words: ``2 · Department stewards``, ``BI; ML``, ``12 %``, ``yes``."""
    t = words("report", lang)
    if isinstance(question, LevelQuestion) and isinstance(value, int) and 1 <= value <= 5:
        return f"{value} · {question.levels[value - 1].get(lang)}"
    if isinstance(question, ChoiceQuestion):
        return _labels(question, [str(value)], lang)[0]
    if isinstance(question, MultiQuestion):
        picked = value if isinstance(value, list) else [value]
        sep = t["answer_sep"]
        return sep.join(_labels(question, [str(v) for v in picked], lang)) or t["none_selected"]
    if isinstance(question, NumberQuestion) and isinstance(value, (int, float)):
        unit = question.unit.get(lang) if question.unit else ""
        return with_unit(_number(value), unit, lang)
    if isinstance(question, BoolQuestion):
        return t["yes"] if value else t["no"]
    return str(value)


def answer_rows(
    cap: Capability, score: CapabilityScore, assessment: Assessment, lang: Lang
) -> tuple[AnswerRow, ...]:
    """Each question of ``cap`` with its text, status, answer in words, evidence and note."""
    results = {r.id: r for r in score.questions}
    shown = _shown_answers(lang)
    answers = assessment.answers
    rows = []
    for question in cap.questions:
        result = results[question.id]
        value = result.value
        kind = type(value)
        known = tuple(value) if kind is list else repr(value) if kind is float else value
        key: Any = (id(question), result.status, kind, known)
        try:
            found = shown.get(key)
        except TypeError:  # a value that is no key: its words made afresh
            key, found = None, None
        if found is None or found[0] is not question:
            found = (question, *_shown_answer(question, result.status, value, lang), None)
            if key is not None:
                if len(shown) >= REMEMBERED_ANSWERS:
                    shown.clear()
                shown[key] = found
        given = answers.get(question.id)
        evidence, note = (given.evidence, given.note) if given else (None, None)
        row = found[4]
        if (
            row is None
            or row.score is not result.score
            or row.weight is not result.weight
            or evidence is not None
            or note is not None
        ):
            row = AnswerRow(
                id=question.id,
                text=found[1],
                status=result.status,
                status_label=found[2],
                answer=found[3],
                score=result.score,
                weight=result.weight,
                evidence=evidence,
                note=note,
            )
            if key is not None and evidence is None and note is None:
                # kept for the next unit with this answer, its score and weight the same
                shown[key] = (*found[:4], row)
        rows.append(row)
    return tuple(rows)


def _shown_answer(question: Question, status: str, value: Any, lang: Lang) -> tuple[str, str, str]:
    """A question's text, the label of its status and its answer in words."""
    t = words("report", lang)
    if status == "answered":
        shown = answer_text(question, value, lang)
    else:
        shown = t["na"] if status == "not_applicable" else "—"
    return question.text.get(lang), t[f"status_{status}"], shown


def _shown_answers(lang: Lang) -> dict[Any, tuple[Question, str, str, str, AnswerRow | None]]:
    return _SHOWN.setdefault("zh" if lang == "zh" else "en", {})


# The words of an answer (question text, status label, answer), and the last row made
# of them without evidence or note, by question, status and value, per language: a
# batch's units give the same answers again and again. The question is kept with its
# words, so its id is not taken by another while they are kept; a float is known by its
# repr (0.0 and -0.0 are equal, and printed apart), a list by its items. A row is shared
# only while its score and weight are the very same numbers (rows are frozen).
REMEMBERED_ANSWERS = 20_000
_SHOWN: dict[str, dict[Any, tuple[Question, str, str, str, AnswerRow | None]]] = {}
