"""Read a workbook of units (the ``template`` layout): XLSX/XLSM here, XLS and ODS in
``calamine_reader``.

The sheet read is the one ``sheet_choice`` finds (the one that holds data rows under an
``id`` header; several refused); every message about the sheet names it. XLSX and XLSM
are read by ``xlsx_sheet`` as a stream, which sees number formats (a cell shown as
``45%`` is 45 %), error cells, formulas without a stored value and merged cells. XLS
and ODS are read by python-calamine, which sees none of the first three: a note says so
when a question's unit is a percentage. The header may lie below title rows, and rows
that repeat it are skipped (``header_rows``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from capassess.batch.header_rows import (
    RepeatedHeaders,
    is_repeated_header,
    split_header,
    title_note,
)
from capassess.batch.hidden_cells import HiddenRows, hidden_columns_note
from capassess.batch.sheet_choice import Choice, choose, glance
from capassess.batch.table import (
    Batch,
    Chunk,
    Layout,
    is_label_row,
    needed_width,
    resolve_layout,
    text_chunk,
)
from capassess.batch.unit_text import formula_reason, is_literal
from capassess.batch.xlsx_sheet import SheetRows, Workbook, all_sheets, sheet_names
from capassess.errors import InputError, Problem
from capassess.model.questionnaire import Questionnaire

SHEET = "data"
ROWS_PER_CHUNK = 20_000
CHARS_PER_CHUNK = 1 << 24
"""Most characters of cells a chunk holds: a sheet of huge cells (a sheet up to its
1 GiB limit of 30,000-character ids) is read in bounded memory, a chunk at a time."""


def _where(sheet: str, names: list[str]) -> str:
    named = any(n.strip().casefold() == SHEET for n in names)
    details = [] if named else [f"no sheet is named {SHEET!r}"]
    others = [n for n in names if n != sheet]
    details += [f"other sheets: {', '.join(map(repr, others))}"] if others else []
    return f"sheet {sheet!r}" + (f" ({'; '.join(details)})" if details else "")


def header_layout(
    header: list[str],
    questionnaire: Questionnaire,
    path: str,
    sheet: tuple[str, list[str]],
    lenient: bool,
    row: int = 1,
) -> Layout:
    """The layout of a sheet's header (row ``row``); messages name the sheet read."""
    where = _where(*sheet)
    if not any(h.strip() for h in header):
        raise InputError.at(f"{where} is empty; expected a header row with 'id'", path, row)
    try:
        return resolve_layout(header, questionnaire, path, lenient=lenient)
    except InputError as exc:
        found = exc.problems or (Problem(exc.message),)
        problems = tuple(Problem(f"{where}: {p.message}", p.loc, p.path or path, row)
                         for p in found)  # fmt: skip
        raise InputError(problems[0].message, problems) from None


class Rows:
    """Shared by both readers: the header found below any title rows, then numbered text
    rows as chunks, the label row and rows that repeat the header skipped."""

    path: str
    size: int
    layout: Layout
    notes: tuple[str, ...]
    label_record: list[str] | None = None
    """The template's label row, once read."""
    repeated: RepeatedHeaders
    header: list[str]

    def read_header(
        self,
        rows: Iterator[tuple[int, list[str]]],
        questionnaire: Questionnaire,
        sheet: tuple[str, list[str]],
        lenient: bool,
    ) -> Iterator[tuple[int, list[str]]]:
        """Find the header in ``rows`` and set the layout by it; the rows below it."""
        above, found, below = split_header(rows, questions_of(questionnaire))
        number, header = found if found else (1, [])
        self.header = header
        self.layout = header_layout(header, questionnaire, self.path, sheet, lenient, number)
        if above:
            self.notes += (title_note(self.path, above, number, sheet[0]),)
        self.repeated = RepeatedHeaders(self.path)
        return below

    def chunks(self, rows: Iterator[tuple[int, list[str]]], done: Any) -> Iterator[Batch]:
        """Batches of ``ROWS_PER_CHUNK`` rows; ``done()`` gives the progress so far."""
        numbers: list[int] = []
        records: list[list[str]] = []
        held = 0
        for i, (number, record) in enumerate(rows):
            if i == 0 and is_label_row(record, self.layout):
                self.label_record = record
                continue
            if is_repeated_header(record, self.layout):
                self.repeated.rows.add(number)
                continue
            numbers.append(number)
            records.append(record)
            held += sum(map(len, record))
            if len(records) == ROWS_PER_CHUNK or held > CHARS_PER_CHUNK:
                yield Batch(self._chunk(numbers, records), done=done())
                numbers, records, held = [], [], 0
        if records:
            yield Batch(self._chunk(numbers, records), done=self.size)
        self.notes += self.repeated.note()

    def _chunk(self, numbers: list[int], records: list[list[str]]) -> Chunk:
        return text_chunk(self.path, numbers, records, self.layout)


class XlsxSource(Rows):
    """An XLSX or XLSM file of units, streamed."""

    kind = "xlsx"
    encoding: str | None = None

    def __init__(
        self, path: str | Path, questionnaire: Questionnaire, *, lenient: bool = False
    ) -> None:
        self.path = str(path)
        self.size = os.path.getsize(path)
        book = Workbook(self.path)
        sheets, choice = _xlsx_sheet(book, questionnaire)
        self.sheet, self.notes, self.blank_sheets = sheets[choice.index], choice.notes, choice.blank
        self._progress = [0]
        sheet = (self.sheet.name, sheet_names(book))
        below = self.read_header(self.sheet.rows(self._progress), questionnaire, sheet, lenient)
        self.hidden = HiddenRows(self.path, self.sheet.hidden_rows)
        self._rows = self.hidden.watch(below)
        self.unknown = self.layout.unknown

    def batches(self) -> Iterator[Batch]:
        """Yield the sheet in chunks of rows."""
        total = max(1, self.sheet.size)
        if self.sheet.reader is not None:
            self.sheet.reader.width = needed_width(self.layout)
            self.sheet.reader.watched = frozenset(_texts(self.layout).values())
        yield from self.chunks(self._rows, lambda: int(self.size * self._progress[0] / total))
        self.notes += self.hidden.note(self.sheet.filtered)
        self.notes += hidden_columns_note(self.sheet.hidden_columns, self.layout, self.header)

    def _chunk(self, numbers: list[int], records: list[list[str]]) -> Chunk:
        """As ``Rows._chunk``, with the id, name and group cells that hold a formula
        without a stored value (``="0012"`` aside: it is its text)."""
        chunk = text_chunk(self.path, numbers, records, self.layout)
        reader = self.sheet.reader
        if reader is None or not reader.formulas:
            return chunk
        names = {i: n for n, i in _texts(self.layout).items()}
        problems = []
        for index, number in enumerate(numbers):
            for column in reader.formulas.pop(number, ()):
                value = records[index][column]
                if not is_literal(value):
                    problems.append((index, names[column], value, formula_reason(value)))
        return replace(chunk, problems=tuple(problems)) if problems else chunk


def questions_of(questionnaire: Questionnaire) -> set[str]:
    """The question ids, casefolded."""
    return {q.id.casefold() for _, _, q in questionnaire.questions()}


def _texts(layout: Layout) -> dict[str, int]:
    """The columns of ids, names and groups, by name."""
    found = {"id": layout.id, **layout.groups}
    return found | ({"name": layout.name} if layout.name is not None else {})


def _xlsx_sheet(book: Workbook, questionnaire: Questionnaire) -> tuple[list[SheetRows], Choice]:
    """Every sheet, and which to read (``sheet_choice``)."""
    sheets = all_sheets(book)
    questions = questions_of(questionnaire)
    facts = []
    for sheet in sheets:
        rows = sheet.rows(merged=False)
        facts.append(glance(sheet.name, sheet.visible, (cells for _, cells in rows), questions))
        rows.close()
    return sheets, choose(facts, book.path)
