"""Read and score every benchmark input into a sample: one row per distinct unit.

Scoring is the batch's own (``ChunkJudge`` and ``VectorScorer``); rows it rejects are
counted, not used. A unit id seen more than once (the same bank assessed twice) counts
once: its latest assessment by date, then by input order, is kept, as a peer group must
count banks, not assessments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from capassess.batch.cells import ANSWERED
from capassess.batch.judge import ChunkJudge, Judged
from capassess.batch.table import Chunk, Rejection, Source
from capassess.batch.vector import NodeOrder, VectorScorer
from capassess.benchmark.sources import DATE
from capassess.model.questionnaire import NumberQuestion, Questionnaire
from capassess.scoring.weights import tree_weights

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass
class Sample:
    """Per unit: its group value, its date, its node scores and number answers."""

    order: NodeOrder
    number_ids: tuple[str, ...]
    groups: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    scores: list[npt.NDArray[np.float64]] = field(default_factory=list)
    numbers: list[npt.NDArray[np.float64]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    rejected_rows: int = 0
    repeated: int = 0
    """Earlier assessments of a unit left out for its latest."""

    def __len__(self) -> int:
        return len(self.groups)


@dataclass
class _Rows:
    ids: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    scores: list[npt.NDArray[np.float64]] = field(default_factory=list)
    numbers: list[npt.NDArray[np.float64]] = field(default_factory=list)


def read_sample(
    sources: list[Source], questionnaire: Questionnaire, column: str | None, model: str,
    missing: str,
) -> Sample:  # fmt: skip
    """Score every row of ``sources``; group each unit by ``column`` ('' when none)."""
    scorer = VectorScorer(questionnaire, tree_weights(questionnaire), model, missing)
    judge = ChunkJudge(questionnaire, scorer, missing, lenient=False)
    number_ids = tuple(
        q.id for _, _, q in questionnaire.questions() if isinstance(q, NumberQuestion)
    )
    sample = Sample(scorer.order, number_ids)
    rows = _Rows()
    for source in sources:
        for batch in source.batches():
            sample.rejected += batch.rejections
            sample.rejected_rows += batch.rejected_rows
            if batch.chunk is not None:
                judged = judge.judge(batch.chunk)
                sample.rejected += judged.rejections
                sample.rejected_rows += judged.rejected
                _add(rows, batch.chunk, judged, column, number_ids)
    _keep_latest(sample, rows)
    return sample


def _add(
    rows: _Rows, chunk: Chunk, judged: Judged, column: str | None, number_ids: tuple[str, ...]
) -> None:
    import numpy as np
    import pyarrow as pa

    keep = judged.keep
    mask = pa.array(keep)
    kept = int(keep.sum())
    rows.ids += chunk.ids.filter(mask).to_pylist()
    blank = [""] * kept
    group = chunk.groups.get(column) if column else None
    rows.groups += group.filter(mask).to_pylist() if group is not None else blank
    date = chunk.groups.get(DATE)
    rows.dates += date.filter(mask).to_pylist() if date is not None else blank
    rows.scores += list(judged.scored.scores)
    figures = np.full((kept, len(number_ids)), np.nan)
    for j, qid in enumerate(number_ids):
        cells = judged.columns[qid]
        values = [v for v, k in zip(cells.values(), keep.tolist(), strict=True) if k]
        answered = cells.status[keep] == ANSWERED
        figures[answered, j] = [float(v) for v, a in zip(values, answered, strict=True) if a]
    rows.numbers += list(figures)


def _keep_latest(sample: Sample, rows: _Rows) -> None:
    latest: dict[str, int] = {}
    for i, (unit, date) in enumerate(zip(rows.ids, rows.dates, strict=True)):
        seen = latest.get(unit)
        if seen is None or date >= rows.dates[seen]:
            latest[unit] = i
    chosen = sorted(latest.values())
    sample.repeated = len(rows.ids) - len(chosen)
    sample.groups = [rows.groups[i] for i in chosen]
    sample.dates = [rows.dates[i] for i in chosen]
    sample.scores = [rows.scores[i] for i in chosen]
    sample.numbers = [rows.numbers[i] for i in chosen]
