"""Open benchmark inputs: answers files, folders of them, and batch CSV or XLSX files.

Answers files become rows like a folder's in ``capassess batch``, with two more group
columns taken from each file: ``bank_type`` (``subject.bank_type``) and ``date``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from capassess.batch.answers_dir import AnswersDirSource
from capassess.batch.sources import open_sources
from capassess.batch.table import Chunk, Source
from capassess.errors import InputError, Problem
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire

ANSWERS_SUFFIXES = (".yaml", ".yml")
BANK_TYPE, DATE = "bank_type", "date"


class AssessmentFiles(AnswersDirSource):
    """Answers files, one unit each, with their bank type and date as group columns."""

    def __init__(self, label: str, files: Sequence[Path], questionnaire: Questionnaire) -> None:
        self.path = label
        self.questionnaire = questionnaire
        self.files = list(files)
        self.size = len(self.files)
        self.question_ids = [q.id for _, _, q in questionnaire.questions()]

    def _chunk(self, assessments: list[Assessment], files: list[str]) -> Chunk:
        import pyarrow as pa

        chunk = super()._chunk(assessments, files)
        groups = dict(chunk.groups)
        groups[BANK_TYPE] = pa.array([a.subject.bank_type or "" for a in assessments], pa.string())
        groups[DATE] = pa.array([a.date.isoformat() if a.date else "" for a in assessments])
        return replace(chunk, groups=groups)


def is_answers_input(path: str | Path) -> bool:
    """True for a folder or a YAML file: answers, not a batch table."""
    where = Path(path)
    return where.is_dir() or where.suffix.lower() in ANSWERS_SUFFIXES


def open_inputs(
    paths: Sequence[str | Path], questionnaire: Questionnaire, column: str | None
) -> list[Source]:
    """A source per folder and per table, and one for all single answers files.

    ``column`` is the group column the pack is grouped by; every table must have it.
    """
    singles = [Path(p) for p in paths if Path(p).is_file() and is_answers_input(p)]
    problems = [
        Problem("no such file or folder", (), str(p)) for p in paths if not Path(p).exists()
    ]
    sources: list[Source] = []
    for path in paths:
        where = Path(path)
        if where.is_dir():
            files = sorted(f for f in where.iterdir() if f.is_file() and is_answers_input(f))
            if not files:
                problems.append(
                    Problem("the folder holds no answers files (*.yaml)", (), str(path))
                )
            sources.append(AssessmentFiles(str(path), files, questionnaire))
    tables = [p for p in paths if Path(p).is_file() and not is_answers_input(p)]
    if problems:
        raise InputError(problems[0].message, tuple(problems))
    if tables:
        sources += open_sources(tables, questionnaire, group_by=column)
    if singles:
        label = str(singles[0]) if len(singles) == 1 else f"{len(singles)} answers files"
        sources.append(AssessmentFiles(label, singles, questionnaire))
    return sources
