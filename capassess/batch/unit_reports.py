"""One report per scored unit (``--reports html,md``), by the report command's renderer.

Each unit's row becomes an ``Assessment`` (its subject a branch with its group cells),
is scored by ``score_assessment``, planned with the questionnaire's default targets,
built into one report model and rendered in each format by ``report.render``, with one
template environment per process for the whole batch. With ``--jobs N`` the reports are
rendered by N worker processes, at most a few hundred units in flight at a time.
Reports of units later found to be duplicates are removed.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capassess.atomic import writing
from capassess.batch.files import prepare_dir
from capassess.batch.safe_names import SafeNames
from capassess.batch.table import Chunk, Rejection
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.base import Lang
from capassess.model.questionnaire import Questionnaire
from capassess.records import record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from capassess.report.render import ReportEnvironment

IN_FLIGHT_PER_JOB = 64
_WORKER: dict[str, Any] = {}
_ENVIRONMENTS: dict[str | None, ReportEnvironment] = {}


@record
class UnitTask:
    """One unit to report on: its assessment and where its files go."""

    assessment: Assessment
    stem: str


@record
class ReportSettings:
    """How every unit is scored and reported."""

    questionnaire: Questionnaire
    folder: Path
    formats: tuple[str, ...]
    lang: Lang
    model: str
    missing: str
    template_dir: str | None = None


def unit_assessments(
    questionnaire: Questionnaire,
    chunk: Chunk,
    rows: list[int],
    refused: dict[str, npt.NDArray[np.bool_]],
) -> Iterator[Assessment]:
    """The assessment of the unit at each index of ``rows`` in ``chunk``; blank cells and
    those the judge ``refused`` (ignored when lenient) are left out. The chunk's columns
    are read into Python once for all the rows."""
    import pyarrow as pa

    take = pa.array(rows, type=pa.int64())
    ids = chunk.ids.take(take).to_pylist()
    names = chunk.names.take(take).to_pylist()
    groups = {g: a.take(take).to_pylist() for g, a in chunk.groups.items()}
    cells = {qid: column.take(take).to_pylist() for qid, column in chunk.cells.items()}
    left_out = {qid: refused[qid][rows].tolist() for qid in cells}
    for i in range(len(rows)):
        subject = Subject(
            id=ids[i],
            name=names[i] or None,
            kind="branch",
            group={g: values[i] for g, values in groups.items() if values[i]},
        )
        answers = {
            qid: Answer(value=values[i])
            for qid, values in cells.items()
            if values[i].strip() and not left_out[qid][i]
        }
        yield Assessment(questionnaire=questionnaire.ref, subject=subject, answers=answers)


def write_unit_reports(settings: ReportSettings, task: UnitTask) -> list[Path]:
    """Score, plan and render one unit's reports in each format."""
    from capassess.planning import PlanOptions, Scored, plan_scored
    from capassess.report.render import render_formats
    from capassess.scoring.engine import score_assessment

    q = settings.questionnaire
    result = score_assessment(q, task.assessment, model=settings.model, missing=settings.missing)
    planned = plan_scored(Scored(task.stem, q, task.assessment, result, []), PlanOptions())
    env = _environment(settings.template_dir)
    texts = render_formats(planned, settings.formats, settings.lang, env)
    return [
        write_report(settings.folder / f"{task.stem}.{fmt}", data)
        for fmt, data in zip(settings.formats, texts, strict=True)
    ]


def _environment(template_dir: str | None) -> ReportEnvironment:
    """This process's template environment for unit reports with ``template_dir``."""
    env = _ENVIRONMENTS.get(template_dir)
    if env is None:
        from capassess.report.render import batch_environment

        env = _ENVIRONMENTS[template_dir] = batch_environment(template_dir)
    return env


def write_report(path: Path, data: bytes) -> Path:
    """Write one unit's report (its UTF-8 text), straight into its file: the folder is the
    run's own staging folder, published whole when the run ends well and removed otherwise
    (``batch.publish.staged_outputs``), so no unit's file needs a temporary name and a
    rename of its own, nor a sync (with thousands of files these cost more than the
    rendering); an error is an ``OutputError`` naming the file."""
    with writing(path):
        fd = os.open(path, _FLAGS, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    return path


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)


def _init_worker(settings: ReportSettings) -> None:
    _WORKER["settings"] = settings


def _work(task: UnitTask) -> list[Path]:
    return write_unit_reports(_WORKER["settings"], task)


class UnitReports:
    """Writes per-unit reports as chunks are scored."""

    def __init__(self, settings: ReportSettings, jobs: int) -> None:
        self.settings = settings
        self.folder = prepare_dir(settings.folder)
        self.names = SafeNames()
        self.count = 0
        self.pool = None
        if jobs > 1:
            self.pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(settings,))
        self.limit = max(1, jobs) * IN_FLIGHT_PER_JOB
        self.pending: deque[Future[list[Path]]] = deque()

    def add(
        self, chunk: Chunk, keep: npt.NDArray[np.bool_], refused: dict[str, npt.NDArray[np.bool_]]
    ) -> None:
        """Report on every kept row of ``chunk``, without the cells the judge ``refused``."""
        rows = keep.nonzero()[0].tolist()
        q = self.settings.questionnaire
        for assessment in unit_assessments(q, chunk, rows, refused) if rows else ():
            task = UnitTask(assessment, self.names.claim(assessment.subject.id))
            self.count += 1
            if self.pool is None:
                write_unit_reports(self.settings, task)
                continue
            self.pending.append(self.pool.submit(_work, task))
            while len(self.pending) >= self.limit:
                self.pending.popleft().result()

    def finish(self, duplicates: list[Rejection]) -> None:
        """Wait for the workers, then remove the reports of duplicated unit ids."""
        while self.pending:
            self.pending.popleft().result()
        if self.pool is not None:
            self.pool.shutdown()
        for unit in {r.unit for r in duplicates}:
            stem = self.names.by_id.get(unit)
            for fmt in self.settings.formats if stem else ():
                (self.folder / f"{stem}.{fmt}").unlink(missing_ok=True)
