"""A batch run on the terminal: progress on stderr (a rich bar on a terminal, plain
lines otherwise) and the closing summary.

Plain lines come at most every ``PLAIN_EVERY`` seconds (and once per input), so that a
log of a long run stays short; ``NO_COLOR`` and a non-terminal stderr are honoured by
the shared console.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

from capassess.atomic import made_for
from capassess.batch.runner import WRITING, BatchResult
from capassess.batch.wording import localise
from capassess.model.base import Lang
from capassess.texts import words
from capassess.views.console import console, message

PLAIN_EVERY = 5.0


class BatchProgress:
    """A ``Progress`` callback for ``run_batch``; use as a context manager."""

    def __init__(self, quiet: bool = False, lang: Lang = "en") -> None:
        self.console = console(stderr=True)
        self.quiet = quiet
        self.words = words("batch", lang)
        self.bar: Any = None
        self.task: Any = None
        self.path = ""
        self.last = 0.0

    def __enter__(self) -> BatchProgress:
        if self.console.is_terminal and not self.quiet:
            from rich.progress import (
                BarColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"), BarColumn(),
                TextColumn(self.words["progress_rows"]), TimeElapsedColumn(),
                TimeRemainingColumn(), console=self.console, transient=True,
            )  # fmt: skip
            self.bar.__enter__()
        return self

    def __call__(self, path: str, done: int, total: int, rows: int) -> None:
        """Report that ``done`` of ``total`` of ``path`` is read, ``rows`` rows so far."""
        if self.bar is not None:
            if path != self.path:
                self.task = self.bar.add_task(path, total=max(total, 1), rows=rows)
                self.path = path
            self.bar.update(self.task, completed=done, rows=rows)
            return
        now = time.monotonic()
        if self.quiet or (path == self.path and now - self.last < PLAIN_EVERY):
            return
        t = self.words
        if path == WRITING:
            line = t["writing"]
        else:
            share = t["share"].format(share=done / total) if total else ""
            line = t["reading"].format(path=path, share=share, rows=rows)
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)
        self.path, self.last = path, now

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.__exit__(kind, exc, tb)


def print_summary(result: BatchResult, lang: Lang = "en") -> None:
    """The closing summary: rows, scored, rejected, time, outputs (to stderr)."""
    c, t = result.counts, words("batch", lang)
    for warning in result.warnings:
        message(t["warning"].format(text=localise(warning, lang)), "yellow")
    style = "yellow" if c.rejected else "green"
    message(t["rows_read"].format(rows=c.rows, scored=c.scored, rejected=c.rejected), style)
    counted = (("duplicates", c.duplicates), ("blank", c.blank), ("ignored_cells", c.ignored_cells))
    extra = [t[key].format(n=n) for key, n in counted if n]
    if extra:
        message(t["extra"].format(items=t["extra_sep"].join(extra)))
    message(t["time"].format(seconds=result.seconds))
    made = made_for(result.outputs["summary"]) if "summary" in result.outputs else None
    if made is not None:
        message(t["new_folder"].format(folder=made))
    for name, path in result.outputs.items():
        message(f"  {name:<15} {path}")


def check_rejects(result: BatchResult, allow_rejects: bool, lang: Lang = "en") -> None:
    """Raise ``GateFailed`` (exit 1) if any row was rejected, unless allowed; its
    message in ``lang``."""
    from capassess.errors import GateFailed

    rejected = result.counts.rejected
    if rejected and not allow_rejects:
        t = words("batch", lang)
        where = result.outputs.get("rejected", "rejected.csv")
        failed = GateFailed(t["gate_rejected"].format(n=f"{rejected:,}", where=where))
        failed.lead = t["error_lead"]
        raise failed
