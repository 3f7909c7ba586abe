"""Read a workbook of units (the ``template`` layout): XLSX/XLSM, XLS or ODS.

The sheet read is the one ``sheet_choice`` finds (the one that holds data rows under an
``id`` header; several refused); every message about the sheet names it. XLSX and XLSM
are read by ``xlsx_sheet`` as a stream, which sees number formats (a cell shown as
``45%`` is 45 %), error cells, formulas without a stored value and merged cells. XLS
and ODS are read by python-calamine, which sees none of the first three: a note says so
when a question's unit is a percentage.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from capassess.batch.sheet_choice import Choice, SheetFacts, choose, glance
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
from capassess.model.questionnaire import NumberQuestion, Questionnaire

SHEET = "data"
ROWS_PER_CHUNK = 20_000
MAX_CELLS = 50_000_000
"""Most cells a calamine-read sheet (XLS, ODS) may span: it holds them all in memory."""
GLANCED = 50


def cell_text(value: Any) -> str:
    """A spreadsheet cell (as calamine gives it) as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


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
) -> Layout:
    """The layout of a sheet's header; messages name the sheet read."""
    where = _where(*sheet)
    if not any(h.strip() for h in header):
        raise InputError.at(f"{where} is empty; expected a header row with 'id'", path, 1)
    try:
        return resolve_layout(header, questionnaire, path, lenient=lenient)
    except InputError as exc:
        found = exc.problems or (Problem(exc.message),)
        problems = tuple(Problem(f"{where}: {p.message}", p.loc, p.path or path, 1) for p in found)
        raise InputError(problems[0].message, problems) from None


class Rows:
    """Shared by both readers: numbered text rows become chunks, the label row skipped."""

    path: str
    size: int
    layout: Layout
    label_record: list[str] | None = None
    """The template's label row, once read."""

    def chunks(self, rows: Iterator[tuple[int, list[str]]], done: Any) -> Iterator[Batch]:
        """Batches of ``ROWS_PER_CHUNK`` rows; ``done()`` gives the progress so far."""
        numbers: list[int] = []
        records: list[list[str]] = []
        for i, (number, record) in enumerate(rows):
            if i == 0 and is_label_row(record, self.layout):
                self.label_record = record
                continue
            numbers.append(number)
            records.append(record)
            if len(records) == ROWS_PER_CHUNK:
                yield Batch(self._chunk(numbers, records), done=done())
                numbers, records = [], []
        if records:
            yield Batch(self._chunk(numbers, records), done=self.size)

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
        self._rows = self.sheet.rows(self._progress)
        first = next(self._rows, None)
        header = first[1] if first else []
        names = sheet_names(book)
        self.layout = header_layout(header, questionnaire, self.path, (self.sheet.name, names),
                                    lenient)  # fmt: skip
        self.unknown = self.layout.unknown

    def batches(self) -> Iterator[Batch]:
        """Yield the sheet in chunks of rows."""
        total = max(1, self.sheet.size)
        if self.sheet.reader is not None:
            self.sheet.reader.width = needed_width(self.layout)
            self.sheet.reader.watched = frozenset(_texts(self.layout).values())
        yield from self.chunks(self._rows, lambda: int(self.size * self._progress[0] / total))

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


class CalamineSource(Rows):
    """An XLS or ODS file of units, read by python-calamine."""

    encoding: str | None = None

    def __init__(
        self, path: str | Path, questionnaire: Questionnaire, *, kind: str, lenient: bool = False
    ) -> None:
        self.path = str(path)
        self.kind = kind
        self.size = os.path.getsize(path)
        sheet, names = self._open_sheet(questionnaire)
        if sheet.height * sheet.width > MAX_CELLS:
            raise InputError.at(
                f"sheet {sheet.name!r} spans {sheet.height:,} rows x {sheet.width:,} columns, "
                f"over {MAX_CELLS:,} cells; remove stray cells far from the data, or save it "
                "as CSV", self.path,
            )  # fmt: skip
        start = sheet.start or (0, 0)
        rows = ([cell_text(c) for c in r] for r in sheet.iter_rows())
        self._rows = _fill_merged(enumerate(rows, start=start[0] + 1), sheet, start)
        first = next(self._rows, None)
        header = first[1] if first else []
        self.layout = header_layout(header, questionnaire, self.path, (sheet.name, names),
                                    lenient)  # fmt: skip
        self.unknown = self.layout.unknown
        self.notes += _format_notes(questionnaire, kind)

    def _open_sheet(self, questionnaire: Questionnaire) -> tuple[Any, list[str]]:
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_path(self.path)
            names = list(workbook.sheet_names)
            sheets, choice = _calamine_sheets(workbook, names, questionnaire, self.path)
            self.notes, self.blank_sheets = choice.notes, choice.blank
            return sheets[choice.index], names
        except (CalamineError, OSError, ValueError, IndexError) as exc:
            raise InputError.at(
                f"cannot read as {self.kind.upper()}: {_reason(exc)}", self.path
            ) from None

    def batches(self) -> Iterator[Batch]:
        """Yield the sheet in chunks of rows."""
        yield from self.chunks(self._rows, lambda: 0)


def _questions(questionnaire: Questionnaire) -> set[str]:
    return {q.id.casefold() for _, _, q in questionnaire.questions()}


def _texts(layout: Layout) -> dict[str, int]:
    """The columns of ids, names and groups, by name."""
    found = {"id": layout.id, **layout.groups}
    return found | ({"name": layout.name} if layout.name is not None else {})


def _xlsx_sheet(book: Workbook, questionnaire: Questionnaire) -> tuple[list[SheetRows], Choice]:
    """Every sheet, and which to read (``sheet_choice``)."""
    sheets = all_sheets(book)
    questions = _questions(questionnaire)
    facts = []
    for sheet in sheets:
        rows = sheet.rows(merged=False)
        facts.append(glance(sheet.name, sheet.visible, (cells for _, cells in rows), questions))
        rows.close()
    return sheets, choose(facts, book.path)


def _calamine_sheets(
    workbook: Any, names: list[str], questionnaire: Questionnaire, path: str
) -> tuple[list[Any], Choice]:
    """As ``_xlsx_sheet``, for a workbook read by calamine. A sheet spanning more than
    ``MAX_CELLS`` is glanced at in its first ``GLANCED`` rows only (read, it is refused)."""
    questions = _questions(questionnaire)
    hidden = {m.name for m in workbook.sheets_metadata if "hidden" in str(m.visible).lower()}
    facts: list[SheetFacts] = []
    sheets = [workbook.get_sheet_by_name(name) for name in names]
    for name, sheet in zip(names, sheets, strict=True):
        rows: Iterator[list[str]] = ([cell_text(c) for c in r] for r in sheet.iter_rows())
        if sheet.height * sheet.width > MAX_CELLS:
            rows = islice(rows, GLANCED)
        facts.append(glance(name, name not in hidden, rows, questions))
    return sheets, choose(facts, path)


def _fill_merged(
    rows: Iterator[tuple[int, list[str]]], sheet: Any, start: tuple[int, int]
) -> Iterator[tuple[int, list[str]]]:
    from capassess.batch.xlsx_cells import Merges

    ranges = getattr(sheet, "merged_cell_ranges", None) or []
    merges = Merges([(r1 + 1, r2 + 1, c1 - start[1], c2 - start[1])
                     for (r1, c1), (r2, c2) in ranges if c1 >= start[1]])  # fmt: skip
    for number, cells in rows:
        yield number, merges.fill(number, cells)


def _format_notes(questionnaire: Questionnaire, kind: str) -> tuple[str, ...]:
    """What a .xls or .ods file hides from its reader, said once per input."""
    notes = [
        f"a .{kind} file is read without its formulas: an error cell (#DIV/0!, #N/A) or a "
        "formula without a stored value reads as blank, a missing answer; save the "
        "workbook as .xlsx to have them rejected with their error"
    ]
    percent = [q.id for _, _, q in questionnaire.questions()
               if isinstance(q, NumberQuestion) and q.unit is not None
               and "%" in f"{q.unit.en}{q.unit.zh}"]  # fmt: skip
    if percent:
        more = "…" if len(percent) > 5 else ""
        notes.append(
            f"a .{kind} file does not show number formats: a cell formatted as 45% is read "
            f"as 0.45 in {', '.join(percent[:5])}{more}; type 45% as text, or save the "
            "workbook as .xlsx"
        )
    return tuple(notes)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
