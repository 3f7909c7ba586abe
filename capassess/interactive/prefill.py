"""Answers given up front with ``--data-file`` and ``--data ID=VALUE``, checked and located."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from capassess.errors import InputError, Loc, Problem
from capassess.interactive.keys import resolve_value
from capassess.loading import YamlDocument, read_yaml
from capassess.model.answers import NA, Answer
from capassess.model.questionnaire import Question, Questionnaire
from capassess.values import is_not_applicable, parse_value


def _unknown(qid: str, questions: dict[str, Question]) -> str:
    close = difflib.get_close_matches(qid, list(questions), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown question id {qid!r}{hint}"


def _typed(question: Question, raw: Any) -> Any:
    """The value to store; ``ValueError`` says why ``raw`` does not fit ``question``."""
    if is_not_applicable(raw):
        return NA
    value = resolve_value(question, raw) if isinstance(raw, str) else parse_value(question, raw)
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _entry(question: Question, raw: Any, loc: Loc) -> tuple[Answer | None, list[Problem]]:
    """One data entry: a bare value, or a mapping with value, evidence and note."""
    fields = dict(raw) if isinstance(raw, dict) else {"value": raw}
    blank = fields.get("value") is None or fields["value"] == ""
    if blank and fields.get("evidence") is None and fields.get("note") is None:
        return None, []  # a blank cell: nothing given
    try:
        answer = Answer.model_validate(fields)
    except ValidationError as exc:
        return None, [Problem(e["msg"], (*loc, *map(str, e["loc"]))) for e in exc.errors()]
    if answer.is_missing:
        return answer, []
    try:
        return answer.model_copy(update={"value": _typed(question, answer.value)}), []
    except ValueError as exc:
        where = (*loc, "value") if isinstance(raw, dict) else loc
        return None, [Problem(str(exc), where)]


def _from_mapping(
    q: Questionnaire, mapping: dict[Any, Any], prefix: Loc
) -> tuple[dict[str, Answer], list[Problem]]:
    questions = q.question_map()
    answers: dict[str, Answer] = {}
    problems: list[Problem] = []
    for key, raw in mapping.items():
        qid = str(key)
        if qid not in questions:
            problems.append(Problem(_unknown(qid, questions), (*prefix, qid)))
            continue
        answer, found = _entry(questions[qid], raw, (*prefix, qid))
        problems += found
        if answer is not None:
            answers[qid] = answer
    return answers, problems


def read_data_file(q: Questionnaire, path: str | Path) -> dict[str, Answer]:
    """Answers from a YAML or JSON mapping of question id to value (or to an answer).

    An answers file works too: its ``answers`` mapping is used.
    """
    doc: YamlDocument = read_yaml(path)
    data, prefix = doc.data, cast(Loc, ())
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data, prefix = data["answers"], ("answers",)
    if not isinstance(data, dict):
        raise InputError.at("expected a mapping of question id to value", str(path), 1, 1)
    answers, problems = _from_mapping(q, data, prefix)
    if problems:
        located = tuple(doc.locate_all(problems))
        raise InputError(f"{path}: invalid data", located)
    return answers


def read_data_options(q: Questionnaire, items: Iterable[str]) -> dict[str, Answer]:
    """Answers from ``--data ID=VALUE`` options; every bad one is reported at once."""
    questions = q.question_map()
    answers: dict[str, Answer] = {}
    problems: list[Problem] = []
    for item in items:
        qid, sep, raw = item.partition("=")
        qid = qid.strip()
        where = f"--data {item}"
        if not sep:
            problems.append(Problem("expected ID=VALUE, e.g. dg-1=3", path=where))
        elif qid not in questions:
            problems.append(Problem(_unknown(qid, questions), path=where))
        else:
            try:
                answers[qid] = Answer(value=_typed(questions[qid], raw.strip()))
            except ValueError as exc:
                problems.append(Problem(str(exc), path=where))
    if problems:
        raise InputError("invalid --data", tuple(problems))
    return answers


def read_data(q: Questionnaire, path: str | Path | None, items: Iterable[str]) -> dict[str, Answer]:
    """Answers from ``--data-file`` then ``--data`` (which wins for the same id).

    The mistakes of both are reported together.
    """
    answers: dict[str, Answer] = {}
    problems: list[Problem] = []
    try:
        if path is not None:
            answers.update(read_data_file(q, path))
    except InputError as exc:
        problems += exc.problems
    try:
        answers.update(read_data_options(q, items))
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError("invalid data", tuple(problems))
    return answers
