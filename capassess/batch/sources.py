"""Open batch inputs by kind: a CSV or XLSX file, or a folder of answers files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from capassess.batch.answers_dir import AnswersDirSource
from capassess.batch.csv_reader import CsvSource
from capassess.batch.table import Source
from capassess.batch.xlsx_reader import XlsxSource
from capassess.errors import InputError, Problem
from capassess.model.questionnaire import Questionnaire
from capassess.reading import remember, require_regular

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def open_source(
    path: str | Path, questionnaire: Questionnaire, *, encoding: str | None, lenient: bool
) -> Source:
    """The source at ``path``; ``InputError`` if it is missing, of unknown kind or unreadable."""
    where = Path(path)
    if where.is_dir():
        return AnswersDirSource(where, questionnaire)
    if not os.path.lexists(where):
        raise InputError.at("no such file or folder", str(path))
    remember(where, require_regular(where))  # a FIFO or device would block or never end
    suffix = where.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return XlsxSource(where, questionnaire, lenient=lenient)
    if suffix in CSV_SUFFIXES:
        return CsvSource(where, questionnaire, encoding=encoding, lenient=lenient)
    raise InputError.at(
        f"cannot tell the kind of input from {suffix or 'no suffix'!r}; "
        "give a .csv or .xlsx file, or a folder of answers files",
        str(path),
    )


def open_sources(
    paths: Sequence[str | Path],
    questionnaire: Questionnaire,
    *,
    encoding: str | None = None,
    lenient: bool = False,
    group_by: str | None = None,
) -> list[Source]:
    """Open every input, and report the problems of all of them at once."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            sources.append(open_source(path, questionnaire, encoding=encoding, lenient=lenient))
        except InputError as exc:
            problems += exc.problems or [Problem(exc.message, (), str(path))]
    for source in sources:
        groups = getattr(getattr(source, "layout", None), "groups", None)
        if group_by and groups is not None and group_by not in groups:
            known = ", ".join(groups) or "none"
            problems.append(
                Problem(f"no group column {group_by!r} (group columns: {known})", (), source.path)
            )
    if problems:
        raise InputError(problems[0].message, tuple(problems))
    return sources
