"""Read an XLSX workbook of units (the ``template`` layout) with python-calamine.

The sheet called ``data`` is read, or the first sheet if there is none. Cells become
the text they would be in a CSV: whole numbers without ``.0``, other numbers as Python
writes them, ``true``/``false`` for booleans, ISO dates; empty cells are blank.
calamine holds the sheet in memory while it is read; for the largest inputs use CSV.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from capassess.batch.table import Batch, Layout, is_label_row, resolve_layout, text_chunk
from capassess.errors import InputError
from capassess.model.questionnaire import Questionnaire

SHEET = "data"
ROWS_PER_CHUNK = 20_000


def cell_text(value: Any) -> str:
    """A spreadsheet cell as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


class XlsxSource:
    """An XLSX file of units."""

    kind = "xlsx"
    encoding: str | None = None

    def __init__(
        self, path: str | Path, questionnaire: Questionnaire, *, lenient: bool = False
    ) -> None:
        self.path = str(path)
        self.size = os.path.getsize(path)
        self._sheet = self._open_sheet()
        self._rows = self._sheet.iter_rows()
        start = self._sheet.start
        self._first_row = (start[0] if start else 0) + 1
        header = [cell_text(c) for c in next(self._rows, [])]
        if not any(h.strip() for h in header):
            raise InputError.at("the sheet is empty; expected a header row with 'id'", self.path, 1)
        self.layout: Layout = resolve_layout(header, questionnaire, self.path, lenient=lenient)
        self.unknown = self.layout.unknown
        self.height = max(1, self._sheet.height - 1)

    def _open_sheet(self) -> Any:
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_path(self.path)
            names = workbook.sheet_names
            if SHEET in names:
                return workbook.get_sheet_by_name(SHEET)
            return workbook.get_sheet_by_index(0)
        except (CalamineError, OSError, ValueError) as exc:
            raise InputError.at(f"cannot read as XLSX: {_reason(exc)}", self.path) from None

    def batches(self) -> Iterator[Batch]:
        """Yield the sheet in chunks of rows."""
        number = self._first_row
        rows: list[int] = []
        records: list[list[str]] = []
        for i, cells in enumerate(self._rows):
            number += 1
            record = [cell_text(c) for c in cells]
            if i == 0 and is_label_row(record, self.layout):
                continue
            rows.append(number)
            records.append(record)
            if len(records) == ROWS_PER_CHUNK:
                yield self._batch(rows, records, number)
                rows, records = [], []
        if records:
            yield self._batch(rows, records, number)

    def _batch(self, rows: list[int], records: list[list[str]], number: int) -> Batch:
        chunk = text_chunk(self.path, rows, records, self.layout)
        done = self.size * min(1.0, (number - self._first_row) / self.height)
        return Batch(chunk, done=int(done))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
