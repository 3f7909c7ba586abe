"""Write rejected rows (one line per reason) to a CSV file as they are found.

Columns: source, row, unit_id, column, value, reason (in the run's language). The file
is UTF-8 with a BOM, so
that Excel opens it right in any locale, every text cell is neutralised against
formula injection, and it appears under its name only when complete.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from capassess.batch.files import replacing
from capassess.batch.neutralise import neutralise
from capassess.batch.table import Rejection
from capassess.batch.wording import localise
from capassess.shown_paths import shown_path

COLUMNS = ("source", "row", "unit_id", "column", "value", "reason")
MAX_VALUE = 32_767  # the most text one Excel cell holds


class RejectWriter:
    """Appends rejections to an open CSV file."""

    def __init__(self, writer: csv.Writer, lang: str = "en") -> None:  # type: ignore[name-defined]
        self._writer = writer
        self.lang = lang
        self.lines = 0

    def write(self, rejections: Iterable[Rejection]) -> None:
        """Append one line per rejection."""
        for r in rejections:
            row = "" if r.row is None else str(r.row)
            cells = (
                shown_path(r.source),
                row,
                r.unit,
                r.column,
                r.value,
                localise(r.reason, self.lang),
            )
            # A NUL byte (from a binary file) is shown as U+FFFD: CSV readers stop at it.
            self._writer.writerow(
                [neutralise(c)[:MAX_VALUE].replace("\x00", "\ufffd") for c in cells]
            )
            self.lines += 1


@contextlib.contextmanager
def reject_file(path: str | Path, lang: str = "en") -> Iterator[RejectWriter]:
    """A ``RejectWriter`` on ``path``, put in place when the block ends without error;
    the reasons in ``lang``."""
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        yield RejectWriter(writer, lang)
