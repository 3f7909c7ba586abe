"""Read a folder of answers files (``*.yaml``, ``*.yml``), one unit per file.

Each file is loaded and checked by ``catalog.load_assessment`` against the batch's
questionnaire; a file that fails is a rejected row with every problem as a reason (the
row number is the problem's line). A file that loads becomes a row of text cells, the
unit id, name and group taken from its ``subject``; its row number is 0 (none).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from capassess.batch.table import Batch, Chunk, Layout, Rejection, text_chunk
from capassess.catalog import load_assessment
from capassess.errors import InputError, Loc, format_field
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire

FILES_PER_CHUNK = 500


def answer_text(value: Any) -> str:
    """An answer value as the text of a CSV cell (parsed back to the same value)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        # an empty selection is an answer (nothing ticked), not a blank: a lone separator
        # parses back to [] where an empty cell would be a missing answer
        return ",".join(str(v) for v in value) if value else ","
    return repr(value) if isinstance(value, float) else str(value)


class AnswersDirSource:
    """A folder of answers files."""

    kind = "answers"
    encoding: str | None = "utf-8"
    unknown: tuple[str, ...] = ()

    def __init__(self, path: str | Path, questionnaire: Questionnaire) -> None:
        self.path = str(path)
        self.questionnaire = questionnaire
        self.files = sorted(
            p for p in Path(path).iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()
        )
        if not self.files:
            raise InputError.at("the folder holds no answers files (*.yaml, *.yml)", self.path)
        self.size = len(self.files)
        self.question_ids = [q.id for _, _, q in questionnaire.questions()]

    def batches(self) -> Iterator[Batch]:
        """Yield the files in chunks."""
        for start in range(0, len(self.files), FILES_PER_CHUNK):
            yield self._batch(self.files[start : start + FILES_PER_CHUNK], start)

    def _batch(self, files: list[Path], start: int) -> Batch:
        assessments: list[Assessment] = []
        files_ok: list[str] = []
        rejections: list[Rejection] = []
        refused = 0
        for path in files:
            try:
                assessments.append(load_assessment(path, self.questionnaire)[0])
                files_ok.append(str(path))
            except InputError as exc:
                refused += 1
                rejections += _rejections(str(path), exc)
        chunk = self._chunk(assessments, files_ok) if assessments else None
        return Batch(chunk, rejections, refused, 0, start + len(files))

    def _chunk(self, assessments: list[Assessment], files: list[str]) -> Chunk:
        groups = list(dict.fromkeys(k for a in assessments for k in a.subject.group))
        width = 2 + len(groups)
        layout = Layout(0, 1, {g: 2 + i for i, g in enumerate(groups)},
                        {q: width + i for i, q in enumerate(self.question_ids)})  # fmt: skip
        records = [
            [a.subject.id, a.subject.name or "", *(a.subject.group.get(g, "") for g in groups)]
            + [answer_text(a.answers[q].value) if q in a.answers else "" for q in self.question_ids]
            for a in assessments
        ]
        chunk = text_chunk(self.path, [0] * len(records), records, layout)
        return replace(chunk, files=tuple(files))


def _rejections(path: str, exc: InputError) -> list[Rejection]:
    problems = exc.errors or exc.problems
    if not problems:
        return [Rejection(path, None, "", "", "", exc.message)]
    return [Rejection(path, p.line, "", _column(p.loc), "", p.message) for p in problems]


def _column(loc: Loc) -> str:
    """The question id of a problem with an answer, as in CSV rejections; else its field."""
    if len(loc) >= 2 and loc[0] == "answers":
        return str(loc[1])
    return format_field(loc)
