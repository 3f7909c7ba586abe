"""Read an XLS or ODS workbook of units with python-calamine (see ``xlsx_reader``).

Calamine holds the sheet in memory, so a sheet spanning more than ``MAX_CELLS`` is
refused; it sees neither formulas nor number formats. For XLS, ``xls_facts`` reads
these (percent formats, error cells) and the hidden rows and columns with xlrd; for ODS
(or an XLS that xlrd cannot read) a note says what is not seen. Merged ranges
down a column are filled down as in XLSX: calamine gives them for XLS, and for ODS
``read_ods_sheet`` reads them, with the rest, from the file's ``content.xml``.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from capassess.batch.hidden_cells import HiddenRows, hidden_columns_note
from capassess.batch.ods_sheet import Hidden, OdsSheet, Range, read_ods_sheet
from capassess.batch.sheet_choice import Choice, SheetFacts, choose, glance
from capassess.batch.table import Batch
from capassess.batch.xls_facts import XlsFacts, xls_facts
from capassess.batch.xlsx_cells import Merges
from capassess.batch.xlsx_reader import Rows, questions_of
from capassess.errors import InputError
from capassess.model.questionnaire import NumberQuestion, Questionnaire
from capassess.texts import say

MAX_CELLS = 50_000_000
"""Most cells a calamine-read sheet (XLS, ODS) may span: it holds them all in memory."""
GLANCED = 50
MAX_ODS_BYTES = 256 << 20
"""Most bytes an ODS file's parts may expand to: calamine holds a sheet whole, at some
twice the size of its XML."""


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


class CalamineSource(Rows):
    """An XLS or ODS file of units, read by python-calamine."""

    encoding: str | None = None

    def __init__(
        self, path: str | Path, questionnaire: Questionnaire, *, kind: str, lenient: bool = False
    ) -> None:
        self.path = str(path)
        self.kind = kind
        self.size = os.path.getsize(path)
        if kind == "ods":
            _check_expansion(self.path)
        sheet, names = self._open_sheet(questionnaire)
        if sheet.height * sheet.width > MAX_CELLS:
            raise InputError.at(
                f"sheet {sheet.name!r} spans {sheet.height:,} rows x {sheet.width:,} columns, "
                f"over {MAX_CELLS:,} cells; remove stray cells far from the data, or save it "
                "as CSV", self.path,
            )  # fmt: skip
        start = sheet.start or (0, 0)
        facts = _facts(self.path, kind, sheet.name)
        rows = _texts(sheet, start, facts.cells if facts else {})
        merges = _merges(sheet, start, facts.merges if isinstance(facts, OdsSheet) else [])
        filled = ((n, merges.fill(n, cells)) for n, cells in enumerate(rows, start=start[0] + 1))
        below = self.read_header(filled, questionnaire, (sheet.name, names), lenient)
        self.hidden = facts.hidden if facts else Hidden()
        self.watch = HiddenRows(self.path, self.hidden.row_numbers(start[0] + sheet.height))
        self._rows = self.watch.watch(below)
        self._first_column = start[1]
        self.unknown = self.layout.unknown
        self.notes += _format_notes(questionnaire, kind) if facts is None else ()

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
        """Yield the sheet in chunks of rows, then note the hidden rows and columns read."""
        yield from self.chunks(self._rows, lambda: 0)
        self.notes += self.watch.note(self.hidden.filtered)
        columns = {c - self._first_column for c in self.hidden.columns}
        self.notes += hidden_columns_note(columns, self.layout, self.header)


def _facts(path: str, kind: str, sheet: str) -> XlsFacts | OdsSheet | None:
    """What the workbook's cells are beyond calamine's values (``xls_facts``, or for an
    ODS ``read_ods_sheet``); None when they cannot be read."""
    return xls_facts(path, sheet) if kind == "xls" else read_ods_sheet(path, sheet)


def _texts(sheet: Any, start: tuple[int, int], facts: dict[tuple[int, int], str]
           ) -> Iterator[list[str]]:  # fmt: skip
    """The sheet's rows as text cells, those of ``facts`` (row, column from 0) as it says."""
    for r, row in enumerate(sheet.iter_rows(), start=start[0]):
        cells = [cell_text(c) for c in row]
        if facts:
            for c in range(len(cells)):
                found = facts.get((r, start[1] + c))
                if found is not None:
                    cells[c] = found
        yield cells


def _check_expansion(path: str) -> None:
    """Refuse an ODS whose parts expand past ``MAX_ODS_BYTES``, before calamine reads
    them whole into memory (a 1 MB file may hold a 1 GB ``content.xml``)."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # calamine says what is wrong with it
    if size > MAX_ODS_BYTES:
        raise InputError.at(say("batch", "en", "fail_ods_size", size=f"{size / 2**20:,.0f}",
                                limit=f"{MAX_ODS_BYTES / 2**20:,.0f}"), path)  # fmt: skip


def _calamine_sheets(
    workbook: Any, names: list[str], questionnaire: Questionnaire, path: str
) -> tuple[list[Any], Choice]:
    """As ``_xlsx_sheet``, for a workbook read by calamine. A sheet spanning more than
    ``MAX_CELLS`` is glanced at in its first ``GLANCED`` rows only (read, it is refused)."""
    questions = questions_of(questionnaire)
    hidden = {m.name for m in workbook.sheets_metadata if "hidden" in str(m.visible).lower()}
    facts: list[SheetFacts] = []
    sheets = [workbook.get_sheet_by_name(name) for name in names]
    for name, sheet in zip(names, sheets, strict=True):
        rows: Iterator[list[str]] = ([cell_text(c) for c in r] for r in sheet.iter_rows())
        if sheet.height * sheet.width > MAX_CELLS:
            rows = islice(rows, GLANCED)
        facts.append(glance(name, name not in hidden, rows, questions))
    return sheets, choose(facts, path)


def _merges(sheet: Any, start: tuple[int, int], more: list[Range]) -> Merges:
    """The sheet's merged ranges, as ``Merges`` in the numbers of the rows read (the
    first column read is 0): calamine's for an XLS file, ``more`` (``read_ods_sheet``'s)
    for an ODS."""
    ranges = getattr(sheet, "merged_cell_ranges", None) or more
    return Merges([(r1 + 1, r2 + 1, c1 - start[1], c2 - start[1])
                   for (r1, c1), (r2, c2) in ranges if c1 >= start[1]])  # fmt: skip


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
    if "password protected" in text.lower():  # an .xls saved with a password to open it
        return say("batch", "en", "fail_password")
    if "cannot find workbook stream" in text.lower():  # an OLE file of Word, PowerPoint...
        return say("batch", "en", "fail_ole")
    return text.splitlines()[0][:200]
