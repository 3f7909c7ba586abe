"""Judge a chunk of rows: validate every cell, reject rows with all their reasons, score
the rest.

A row is rejected when it has no unit id (or one over 200 characters), when its id,
name or a group cell is no text (a spreadsheet error, a formula without a stored
value), when any cell that counts is invalid (unless lenient: then the cell is
ignored, scored as missing, and listed), when it is a total or average row
(``total_rows``: rejected for that alone), when it answers no question (a note in the id
column, a unit that sent nothing back), or, under the ``error`` missing-answer policy,
when any answer is missing. A row whose every cell is blank is no row at all: it is
counted as blank and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from capassess.batch.cells import ANSWERED, INVALID, MISSING, Column, Encoded, QuestionCodec
from capassess.batch.conditions import apply_conditions, has_conditions
from capassess.batch.swallowed_rows import swallowed_rows
from capassess.batch.table import Chunk, Rejection
from capassess.batch.text_bytes import CONTROL_BYTES, may_hold
from capassess.batch.thousand_points import number_ids, refuse_grouped
from capassess.batch.total_rows import total_cells, total_reason
from capassess.batch.unit_text import error_cells
from capassess.batch.vector import Scored, VectorScorer
from capassess.model.questionnaire import Questionnaire

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MAX_ID = 200
MAX_TEXT = 1_000
"""Most characters of a unit's name or group: a longer one is no name (a pasted note, a
whole sheet in a cell), and thousands of them would hold gigabytes."""
NO_ANSWER = "no answer, and the missing-answer policy is 'error'"
NO_QUESTION = "no question answered in the row"
NO_QUESTION_FILE = "no question answered in the file"
NO_VALID = "no valid answer in the row: each answer in it is invalid (see ignored.csv)"
NO_VALID_FILE = "no valid answer in the file: each answer in it is invalid (see ignored.csv)"


@dataclass
class Judged:
    """The verdict on a chunk: which rows were scored, their scores, and the rest."""

    keep: npt.NDArray[np.bool_]
    scored: Scored
    rejections: list[Rejection] = field(default_factory=list)
    rejected: int = 0
    blank: int = 0
    ignored: list[Rejection] = field(default_factory=list)
    columns: dict[str, Column] = field(default_factory=dict)
    """Every question's judged cells (all rows of the chunk), for raw values."""
    refused: dict[str, npt.NDArray[np.bool_]] = field(default_factory=dict)
    """Per question, the cells judged invalid, whether or not their question is asked
    (a condition marks a skipped question's cells skipped, invalid ones too): what a
    unit's own report leaves out."""


class ChunkJudge:
    """Validates and scores chunks against one questionnaire."""

    def __init__(
        self, questionnaire: Questionnaire, scorer: VectorScorer, policy: str, lenient: bool
    ) -> None:
        self.questionnaire = questionnaire
        self.scorer = scorer
        self.codecs = {q.id: QuestionCodec(q) for _, _, q in questionnaire.questions()}
        self.conditional = has_conditions(questionnaire)
        self.numbers = number_ids(questionnaire)
        self.policy, self.lenient = policy, lenient

    def prepare(self, chunk: Chunk) -> dict[str, Encoded]:
        """Each question's cells of ``chunk`` made ready to look up
        (``QuestionCodec.encode``): work that depends on the chunk alone, which the
        thread reading ahead does while this one judges the chunk before."""
        return {qid: codec.encode(chunk.cells[qid]) for qid, codec in self.codecs.items()}

    def judge(self, chunk: Chunk, prepared: dict[str, Encoded] | None = None) -> Judged:
        """Validate and score ``chunk``; ``prepared`` is ``prepare(chunk)`` if it was made."""
        import numpy as np

        ready = prepared or {}
        columns = {qid: codec.read(chunk.cells[qid], ready.get(qid))
                   for qid, codec in self.codecs.items()}  # fmt: skip
        refuse_grouped(chunk, columns, self.numbers)
        refused = {qid: column.status == INVALID for qid, column in columns.items()}
        if self.conditional:
            apply_conditions(self.questionnaire, columns)
        blank = _blank_rows(chunk)
        reasons = self._id_problems(chunk, blank) + _control_problems(chunk)
        reasons += _text_problems(chunk) + _long_texts(chunk)
        reasons += [(i, self._rejection(chunk, i, *found)) for i, *found in swallowed_rows(chunk)]
        invalid = np.zeros(len(chunk), dtype=bool)  # rows with an invalid answer
        for column in columns.values():
            invalid |= column.status == INVALID
        ignored = self._cell_problems(chunk, columns, reasons)
        silent = _unanswered(chunk, columns, (blank, invalid), reasons)
        if self.policy == "error":
            self._missing_problems(chunk, columns, blank | silent, reasons)
        reasons, ignored = _totals(chunk, reasons, ignored)
        bad = np.zeros(len(chunk), dtype=bool)
        bad[[i for i, _ in reasons]] = True
        keep = ~bad & ~blank
        scored = self.scorer.score(
            {q: c.status[keep] for q, c in columns.items()},
            {q: c.score[keep] for q, c in columns.items()},
        )
        rejections = [r for _, r in sorted(reasons, key=lambda pair: pair[0])]
        return Judged(keep, scored, rejections, int(bad.sum()), int(blank.sum()), ignored, columns,
                      refused)  # fmt: skip

    def _id_problems(
        self, chunk: Chunk, blank: npt.NDArray[np.bool_]
    ) -> list[tuple[int, Rejection]]:
        import pyarrow.compute as pc

        lengths = pc.utf8_length(chunk.ids).to_numpy(zero_copy_only=False)
        out = []
        for i in ((lengths == 0) & ~blank).nonzero()[0].tolist():
            out.append((i, self._rejection(chunk, i, "id", "", "no unit id")))
        for i in (lengths > MAX_ID).nonzero()[0].tolist():
            reason = f"the unit id is longer than {MAX_ID} characters"
            out.append((i, self._rejection(chunk, i, "id", chunk.ids[i].as_py()[:MAX_ID], reason)))
        return out

    def _cell_problems(
        self, chunk: Chunk, columns: dict[str, Column], reasons: list[tuple[int, Rejection]]
    ) -> list[Rejection]:
        """Reject (or, when lenient, ignore and list) every invalid cell."""
        ignored: list[Rejection] = []
        for qid, column in columns.items():
            invalid = (column.status == INVALID).nonzero()[0]
            for i in invalid.tolist():
                found = self._rejection(chunk, i, qid, column.raw[i].as_py(), column.reason(i))
                if self.lenient:
                    ignored.append(found)
                else:
                    reasons.append((i, found))
            if self.lenient:
                column.status[invalid] = MISSING
        return ignored

    def _missing_problems(
        self,
        chunk: Chunk,
        columns: dict[str, Column],
        blank: npt.NDArray[np.bool_],
        reasons: list[tuple[int, Rejection]],
    ) -> None:
        for qid, column in columns.items():
            for i in ((column.status == MISSING) & ~blank).nonzero()[0].tolist():
                reasons.append((i, self._rejection(chunk, i, qid, "", NO_ANSWER)))

    @staticmethod
    def _rejection(chunk: Chunk, i: int, column: str, value: str, reason: str) -> Rejection:
        row = int(chunk.rows[i])
        unit = str(chunk.ids[i].as_py())
        return Rejection(chunk.origin(i), row or None, unit, column, value, reason)


CONTROL = (
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{061c}\x{200e}\x{200f}\x{2028}\x{2029}"
    r"\x{202a}-\x{202e}\x{2066}-\x{2069}]"
)
"""Control characters but tab and the line ends (C0, DEL, C1) and the bidirectional marks
and line separators that reorder or break what a report shows: ``model.base``'s
``UNSAFE_IN_NAMES`` for one bank's names, less tab and line ends, which a sheet's cell
holds (Alt+Enter) and the reports show as a space."""
SHOWN_BYTES = CONTROL_BYTES + b"\xc2\xd8\xe2"
"""The bytes ``CONTROL`` begins with in UTF-8 (C1 controls start 0xC2, U+061C 0xD8, the
marks 0xE2): a column with none of them needs no regex."""


def _control_problems(chunk: Chunk) -> list[tuple[int, Rejection]]:
    """Reject a row whose id, name or group holds a control character (``CONTROL``): a
    NUL byte (part of a binary file), a terminal escape or a right-to-left override
    (``Acme \u202egnaB`` shown as ``Acme Bang``), which would reach the outputs and
    terminals."""
    import pyarrow.compute as pc

    out = []
    texts = {"id": chunk.ids, "name": chunk.names, **chunk.groups}
    for column, values in texts.items():
        if not may_hold(values, SHOWN_BYTES):  # the usual column: no regex to run
            continue
        found = pc.match_substring_regex(values, CONTROL).to_numpy(zero_copy_only=False)
        for i in found.nonzero()[0].tolist():
            value = values[i].as_py()
            reason = (f"the {column} holds a control character (such as NUL, escape or a "
                      "right-to-left mark)")  # fmt: skip
            out.append((i, ChunkJudge._rejection(chunk, i, column, value, reason)))
    return out


def _long_texts(chunk: Chunk) -> list[tuple[int, Rejection]]:
    """Reject a row whose name or group is over ``MAX_TEXT`` characters (its first ones
    shown)."""
    import pyarrow.compute as pc

    out = []
    for column, values in {"name": chunk.names, **chunk.groups}.items():
        lengths = pc.utf8_length(values).to_numpy(zero_copy_only=False)
        for i in (lengths > MAX_TEXT).nonzero()[0].tolist():
            reason = f"the {column} is longer than {MAX_TEXT} characters"
            value = values[i].as_py()[:MAX_TEXT]
            out.append((i, ChunkJudge._rejection(chunk, i, column, value, reason)))
    return out


def _text_problems(chunk: Chunk) -> list[tuple[int, Rejection]]:
    """Reject a row whose id, name or group is no text: a spreadsheet error (``#N/A``),
    or a formula without a stored value (found by the XLSX reader)."""
    out = []
    texts = {"id": chunk.ids, "name": chunk.names, **chunk.groups}
    for column, values in texts.items():
        for i, value, reason in error_cells(values):
            out.append((i, ChunkJudge._rejection(chunk, i, column, value, reason)))
    for i, column, value, reason in chunk.problems:
        out.append((i, ChunkJudge._rejection(chunk, i, column, value, reason)))
    return out


def _unanswered(
    chunk: Chunk,
    columns: dict[str, Column],
    rows: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]],
    reasons: list[tuple[int, Rejection]],
) -> npt.NDArray[np.bool_]:
    """Reject each row with a unit id that answered no question (every question cell
    blank, n/a or, when lenient, ignored) and has no other reason to be rejected: a note
    in the id column, a unit that sent nothing back. It would be scored only as the
    missing policy makes blanks, a 1.00 that pulls every figure down. ``rows``: the blank
    rows, and those with an invalid answer (then the reason says the answers were
    invalid, not absent). Returns those rows."""
    import numpy as np

    blank, invalid = rows  # invalid: rows with an answer ignored as invalid (lenient)
    answered = np.zeros(len(chunk), dtype=bool)
    for column in columns.values():
        answered |= column.status == ANSWERED
    silent = ~answered & ~blank
    silent[[i for i, _ in reasons]] = False
    none, wrong = (NO_QUESTION_FILE, NO_VALID_FILE) if chunk.files else (NO_QUESTION, NO_VALID)
    for i in silent.nonzero()[0].tolist():
        reason = wrong if invalid[i] else none
        reasons.append((i, ChunkJudge._rejection(chunk, i, "", "", reason)))
    return silent


def _totals(
    chunk: Chunk, reasons: list[tuple[int, Rejection]], ignored: list[Rejection]
) -> tuple[list[tuple[int, Rejection]], list[Rejection]]:
    """``reasons`` and ``ignored`` with each total or average row (``total_rows``)
    rejected for that alone."""
    totals = total_cells(chunk)
    if not totals:
        return reasons, ignored
    rows = {int(chunk.rows[i]) for i in totals}
    kept = [(i, r) for i, r in reasons if i not in totals]
    kept += [(i, ChunkJudge._rejection(chunk, i, column, value, total_reason(value)))
             for i, (column, value) in totals.items()]  # fmt: skip
    return kept, [r for r in ignored if r.row not in rows]


def _blank_rows(chunk: Chunk) -> npt.NDArray[np.bool_]:
    """Rows whose every cell is blank (after trimming)."""
    import numpy as np
    import pyarrow.compute as pc

    lengths = pc.utf8_length(chunk.ids).to_numpy(zero_copy_only=False)
    blank: npt.NDArray[np.bool_] = np.asarray(lengths == 0, dtype=bool)
    candidates = blank.nonzero()[0]
    if not len(candidates):
        return blank
    for column in [chunk.names, *chunk.groups.values(), *chunk.cells.values()]:
        cells = pc.utf8_trim_whitespace(column.take(candidates))
        blank[candidates] &= pc.utf8_length(cells).to_numpy(zero_copy_only=False) == 0
    return blank
