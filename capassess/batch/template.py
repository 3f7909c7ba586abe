"""The collection sheet a head office sends to its branches (``capassess template``).

Columns: ``id``, ``name``, the group columns (default ``region``), then one column per
question id, in questionnaire order; what ``batch`` reads back. Below the header, the
label row (first cell ``#label``) repeats each column's meaning in words; ``batch``
skips it. The XLSX sheet adds drop-downs, range checks, frozen panes and a
``questions`` sheet explaining every question and its allowed values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from capassess.atomic import write_atomic, write_atomic_bytes
from capassess.batch.neutralise import neutralise
from capassess.batch.table import ID, LABEL_MARKER, NAME
from capassess.errors import InputError
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
from capassess.records import record
from capassess.texts import words
from capassess.texts.batch import group_label
from capassess.values import FALSE_WORDS, TRUE_WORDS

FORMATS = ("xlsx", "csv")


@record
class TemplateOptions:
    """What the template holds."""

    fmt: str
    lang: Lang = "en"
    labels: bool = True
    groups: tuple[str, ...] = ("region",)


def check_groups(questionnaire: Questionnaire, groups: Sequence[str]) -> None:
    """Refuse group column names that are taken by ``id``, ``name`` or a question."""
    taken = {ID, NAME} | {q.id for _, _, q in questionnaire.questions()}
    bad = [g for g in groups if g in taken or not g.strip()]
    if bad:
        names = ", ".join(map(repr, bad))
        raise InputError(f"group column names taken by other columns, or blank: {names}")


def header(questionnaire: Questionnaire, options: TemplateOptions) -> list[str]:
    """The header row (group names neutralised against formula injection)."""
    groups = [neutralise(g) for g in options.groups]
    return [ID, NAME, *groups, *(q.id for _, _, q in questionnaire.questions())]


def label_row(questionnaire: Questionnaire, options: TemplateOptions) -> list[str]:
    """The label row: the marker, then each column's meaning in ``options.lang``."""
    lang = options.lang
    texts = [q.text.get(lang) for _, _, q in questionnaire.questions()]
    groups = [group_label(g, lang) for g in options.groups]
    name = words("batch", lang)["unit_name"]
    return [neutralise(t) for t in [LABEL_MARKER, name, *groups, *texts]]


def allowed_values(question: Question, lang: Lang) -> list[str]:
    """The values a cell may hold for ``question`` (besides blank and ``n/a``)."""
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        return [o.id for o in question.options]
    if isinstance(question, LevelQuestion):
        return ["1", "2", "3", "4", "5"]
    if isinstance(question, BoolQuestion):
        return [words("batch", lang)["yes"], words("batch", lang)["no"]]
    return []


def describe_values(question: Question, lang: Lang) -> str:
    """The allowed values of ``question`` explained in words."""
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        options = "; ".join(f"{o.id} = {o.label.get(lang)}" for o in question.options)
        if isinstance(question, MultiQuestion):
            return words("batch", lang)["multi_lead"] + options
        return options
    if isinstance(question, LevelQuestion):
        return "; ".join(f"{i} = {text.get(lang)}" for i, text in enumerate(question.levels, 1))
    if isinstance(question, BoolQuestion):
        yes = "/".join(sorted(TRUE_WORDS - {"1", "y"}))
        no = "/".join(sorted(FALSE_WORDS - {"0", "n"}))
        return f"{yes} | {no}"
    return _number_rule(question, lang)


def _number_rule(question: NumberQuestion, lang: Lang) -> str:
    t = words("batch", lang)
    unit = f" {question.unit.get(lang)}" if question.unit else ""
    parts = [t["number"] + unit]
    if question.min is not None:
        parts.append(f"≥ {question.min:g}")
    if question.max is not None:
        parts.append(f"≤ {question.max:g}")
    values = ", ".join(f"{v:g}" for v in question.thresholds)
    better = t[f"better_{question.better}"]
    parts.append(t["number_rule"].format(thresholds=t["thresholds"], values=values, better=better))
    return " ".join(parts)


def short_values(question: Question, lang: Lang) -> str:
    """The values a cell may hold, briefly: what a CSV's label row adds to the question
    (an XLSX sheet has drop-downs and a ``questions`` sheet for it)."""
    if isinstance(question, NumberQuestion):
        t = words("batch", lang)
        unit = f" {question.unit.get(lang)}" if question.unit else ""
        low = f" ≥ {question.min:g}" if question.min is not None else ""
        high = f" ≤ {question.max:g}" if question.max is not None else ""
        return f"{t['number']}{unit}{low}{high}"
    values = allowed_values(question, lang)
    if isinstance(question, LevelQuestion):
        return "1-5"
    return (" ; " if isinstance(question, MultiQuestion) else " | ").join(values)


def csv_label_row(questionnaire: Questionnaire, options: TemplateOptions) -> list[str]:
    """The label row of the CSV template: each question's text with its allowed values."""
    lang = options.lang
    questions = [q for _, _, q in questionnaire.questions()]
    labels = label_row(questionnaire, options)[: -len(questions) or None]
    texts = [f"{q.text.get(lang)} [{short_values(q, lang)}]" for q in questions]
    return [*labels, *(neutralise(t) for t in texts)]


def csv_template(questionnaire: Questionnaire, options: TemplateOptions) -> str:
    """The CSV template: the header, and the label row (``#label`` first) if asked for."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(questionnaire, options))
    if options.labels:
        writer.writerow(csv_label_row(questionnaire, options))
    return "\ufeff" + buffer.getvalue()


def write_template(
    questionnaire: Questionnaire, path: str | Path, options: TemplateOptions
) -> Path:
    """Write the collection sheet for ``questionnaire`` to ``path``."""
    data = template_data(questionnaire, options)
    if isinstance(data, bytes):
        return write_atomic_bytes(path, data)
    return write_atomic(path, data)


def template_data(questionnaire: Questionnaire, options: TemplateOptions) -> str | bytes:
    """The collection sheet itself: the CSV's text or the XLSX workbook's bytes."""
    if options.fmt not in FORMATS:
        raise InputError(f"unknown template format {options.fmt!r}; choose xlsx or csv")
    check_groups(questionnaire, options.groups)
    if options.fmt == "csv":
        return csv_template(questionnaire, options)
    from capassess.batch.template_xlsx import xlsx_template

    return xlsx_template(questionnaire, options)
