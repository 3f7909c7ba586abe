"""Read one source of a batch: judge each chunk as it comes, keep the scored rows, write
the rejected and ignored ones, hand the scored units to the unit reports, and count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from capassess.batch.arrow import give_back_memory
from capassess.batch.cells import Encoded
from capassess.batch.collect import Collector
from capassess.batch.judge import ChunkJudge
from capassess.batch.prefetch import prefetched
from capassess.batch.rejects import RejectWriter
from capassess.batch.table import Batch, Source
from capassess.batch.unit_reports import UnitReports
from capassess.report.portfolio import InputInfo

Progress = Callable[[str, int, int, int], None]
"""Called as (input path, progress done, progress total, rows read so far)."""
TRIM_EVERY = 4
"""Chunks read between returns of freed memory to the system (``give_back_memory``)."""


@dataclass
class Tally:
    """Rows seen so far."""

    rows: int = 0
    rejected: int = 0
    blank: int = 0
    ignored: int = 0
    inputs: list[InputInfo] = field(default_factory=list)
    group_label: str | None = None
    report_stems: dict[str, str] = field(default_factory=dict)
    """The file name stem of each unit's reports (``--reports``)."""


@dataclass
class SourceReader:
    """Judges every chunk of one source, keeping results and writing rejections."""

    source: Source
    judge: ChunkJudge
    collector: Collector
    rejects: RejectWriter
    ignored: RejectWriter | None
    reports: UnitReports | None

    def read(self, tally: Tally, progress: Progress | None) -> None:
        """Read the whole source into ``tally`` and the collector."""
        rows = blank = 0
        for number, (batch, prepared) in enumerate(prefetched(self._prepared())):
            found, rejected = list(batch.rejections), batch.rejected_rows
            rows += batch.rejected_rows
            if batch.chunk is not None:
                judged = self.judge.judge(batch.chunk, prepared)
                self.collector.add(batch.chunk, judged.keep, judged.scored)
                found += judged.rejections
                rejected += judged.rejected
                blank += judged.blank
                rows += len(batch.chunk) - judged.blank
                tally.ignored += len(judged.ignored)
                if self.ignored is not None:
                    self.ignored.write(judged.ignored)
                if self.reports is not None:
                    self.reports.add(batch.chunk, judged.keep, judged.refused)
            tally.rejected += rejected
            self.rejects.write(found)
            self.collector.add_rejected(found)
            if number % TRIM_EVERY == TRIM_EVERY - 1:
                give_back_memory()
            if progress is not None:
                progress(self.source.path, batch.done, self.source.size, tally.rows + rows)
        tally.rows += rows
        tally.blank += blank
        s = self.source
        tally.inputs.append(
            InputInfo(Path(s.path).name, s.kind, s.encoding, rows, blank, s.unknown)
        )

    def _prepared(self) -> Iterator[tuple[Batch, dict[str, Encoded] | None]]:
        """Each batch of the source, a CSV file's with its cells made ready to judge
        (``prepare``) in the thread that reads ahead (pyarrow parses outside Python's
        lock, so that thread has room; a workbook's or a folder's reading is the slower
        side already, and its chunks are prepared as they are judged); the source's
        batches closed with this."""
        batches = self.source.batches()
        ahead = self.source.kind == "csv"
        try:
            for batch in batches:
                chunk = batch.chunk
                yield batch, self.judge.prepare(chunk) if ahead and chunk is not None else None
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()
