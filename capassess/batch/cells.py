"""Validate and score one question's column of raw cells at once.

Every distinct raw text is judged once, by the engine's own rules: ``outcome_of`` from
``scoring.questions`` on an ``Answer`` holding that text, which parses it with
``values.parse_value``. The verdicts are kept per question, and a column is scored by
looking its cells up in them, so a column of 250,000 cells costs a few dozen parses.

Number columns hold many distinct values, so figures inside the question's min/max
take a vectorised path: pyarrow's string-to-float cast, which like Python's ``float``
rounds correctly, so the same float, the same thresholds, the same score. A column
that pyarrow cannot cast whole (a ``1,200``, a ``12%``, rubbish) falls back to casting
only the plainest figures (``-12.5``, ``40``). Everything else (blanks, ``n/a``, out of
range, non-finite, rubbish) goes through ``outcome_of`` like any other cell; the
equivalence tests compare both paths.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from capassess.model.answers import Answer
from capassess.model.questionnaire import NumberQuestion, Question
from capassess.records import record
from capassess.scoring.questions import outcome_of
from capassess.values import TypedValue

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

ANSWERED, NOT_APPLICABLE, MISSING, INVALID, SKIPPED = 0, 1, 2, 3, 4
STATUS_CODES = {"answered": ANSWERED, "not_applicable": NOT_APPLICABLE, "missing": MISSING}
PLAIN_NUMBER = r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$"
SENTINELS = ("", "n/a", "N/A", "na", "NA", "不适用", "-")
"""Cells of a number column that are no figure but common: judged one by one."""


@record
class Verdict:
    """What one raw text means for a question: status, score, typed value, reason."""

    status: int
    score: float
    value: TypedValue | None = None
    reason: str | None = None


@dataclass
class Column:
    """One chunk of one question's cells, judged.

    ``codes`` index ``verdicts`` for cells judged one by one; -1 marks a plain figure,
    whose value is in ``numbers``.
    """

    raw: pa.Array
    status: npt.NDArray[np.int8]
    score: npt.NDArray[np.float64]
    codes: npt.NDArray[np.int64]
    verdicts: list[Verdict]
    numbers: npt.NDArray[np.float64] | None = None

    def reason(self, row: int) -> str:
        """Why the cell at ``row`` is invalid."""
        return self.verdicts[int(self.codes[row])].reason or "invalid value"

    def values(self) -> list[Any]:
        """Typed value of every cell that counts as answered, else ``None``."""
        typed = [v.value for v in self.verdicts] + [None]
        out: list[Any] = [typed[c] for c in self.codes.tolist()]
        if self.numbers is not None:
            for i in (self.codes < 0).nonzero()[0].tolist():
                out[i] = float(self.numbers[i])
        answered = (self.status == ANSWERED).tolist()
        return [v if ok else None for v, ok in zip(out, answered, strict=True)]


@record
class Encoded:
    """A column's cells made ready to look up (``QuestionCodec.encode``): the plain
    figures of a number column (mask, values, scores) and the other rows, each distinct
    text of those rows once, and each such row's index into ``texts``."""

    plain: tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64], npt.NDArray[np.float64]] | None
    rest: npt.NDArray[np.int64] | None
    texts: list[str]
    index: npt.NDArray[np.int64]


def _distinct(raw: pa.Array) -> tuple[list[str], npt.NDArray[np.int64]]:
    """Each distinct text of ``raw`` once, and each cell's index into them."""
    import numpy as np
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(raw)
    index = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return encoded.dictionary.to_pylist(), index


class QuestionCodec:
    """Judges the cells of one question, remembering every distinct text it has seen."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.seen: dict[str, Verdict] = {}

    def verdict(self, raw: str) -> Verdict:
        """The verdict on one raw text, by the engine's rules."""
        known = self.seen.get(raw)
        if known is None:
            known = self.seen[raw] = self._judge(raw)
        return known

    def _judge(self, raw: str) -> Verdict:
        try:
            outcome = outcome_of(self.question, Answer(value=raw))
        except ValueError as exc:
            return Verdict(INVALID, math.nan, None, str(exc))
        score = math.nan if outcome.score is None else outcome.score
        return Verdict(STATUS_CODES[outcome.status], score, outcome.value)

    def encode(self, raw: pa.Array) -> Encoded:
        """The texts of ``raw`` (no nulls) to look up: each distinct one once, and for a
        number question the plain figures in range apart. Depends on nothing but
        ``raw`` and the question, so another thread may do it ahead of ``read``."""
        import numpy as np

        if not isinstance(self.question, NumberQuestion):
            return Encoded(None, None, *_distinct(raw))
        plain = self._plain_numbers(raw)
        rest = (~plain[0]).nonzero()[0]
        if not len(rest):
            return Encoded(plain, rest, [], np.zeros(0, dtype=np.int64))
        return Encoded(plain, rest, *_distinct(raw.take(rest)))

    def read(self, raw: pa.Array, encoded: Encoded | None = None) -> Column:
        """Judge a column of raw texts (no nulls); ``encoded`` is ``encode(raw)`` if it
        was made already."""
        import numpy as np

        found = self.encode(raw) if encoded is None else encoded
        verdicts = [self.verdict(text) for text in found.texts]
        status_of, score_of = _tables(verdicts)
        if found.plain is None:  # every cell by its text: the lookup makes the arrays
            index = found.index
            return Column(raw, status_of[index], score_of[index], index, verdicts)
        n = len(raw)
        status = np.empty(n, dtype=np.int8)
        score = np.full(n, np.nan)
        codes = np.full(n, -1, dtype=np.int64)
        mask, figures, scores = found.plain
        status[mask], score[mask] = ANSWERED, scores[mask]
        if found.rest is not None and len(found.rest):
            rest = found.rest
            status[rest] = status_of[found.index]
            score[rest] = score_of[found.index]
            codes[rest] = found.index
        return Column(raw, status, score, codes, verdicts, figures)

    def _plain_numbers(
        self, raw: pa.Array
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Cells that are plain figures within range: mask, values and scores."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        question = self.question
        assert isinstance(question, NumberQuestion)
        nothing = pa.scalar(None, pa.string())
        try:  # the usual column: figures, blanks and n/a; one cast, no regex
            plain = pc.invert(pc.is_in(raw, value_set=pa.array(SENTINELS, pa.string())))
            figures = pc.cast(pc.if_else(plain, raw, nothing), pa.float64())
        except pa.ArrowInvalid:  # anything else: only the plainest figures go this way
            plain = pc.match_substring_regex(raw, PLAIN_NUMBER)
            figures = pc.cast(pc.if_else(plain, raw, nothing), pa.float64())
        values = figures.to_numpy(zero_copy_only=False)
        mask = plain.to_numpy(zero_copy_only=False) & np.isfinite(values)
        with np.errstate(invalid="ignore"):
            if question.min is not None:
                mask &= values >= question.min
            if question.max is not None:
                mask &= values <= question.max
        return mask, values, (number_levels(question, values) - 1) / 4


def _tables(verdicts: list[Verdict]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float64]]:
    """The status and the score of each verdict, as arrays to look cells up in."""
    import numpy as np

    status = np.array([v.status for v in verdicts], dtype=np.int8)
    score = np.array([v.score for v in verdicts], dtype=np.float64)
    return status, score


def number_levels(question: NumberQuestion, values: npt.NDArray[np.float64]) -> Any:
    """``NumberQuestion.level_of`` for an array of figures."""
    import numpy as np

    steps = np.zeros(len(values), dtype=np.int64)
    with np.errstate(invalid="ignore"):
        for threshold in question.thresholds:
            steps += values >= threshold if question.better == "higher" else values > threshold
    return 1 + steps if question.better == "higher" else 5 - steps
