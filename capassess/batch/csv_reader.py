"""Read a CSV file of units in streamed blocks with pyarrow, every cell as text.

The header (below any title rows) and the label row, if any, are read with Python's
csv module (``csv_head``); the rest by pyarrow's streaming reader, one block of a few
MB at a time, single-threaded so that it can say which row a malformed record is. A
record with more or fewer cells than the header is rejected (unless it repeats the
header: skipped, ``header_rows``); a blank line is a blank row. Row numbers are those a
spreadsheet shows: the first line is row 1. A GB18030 file with UTF-8 lines in it is
read from a copy with those lines in GB18030 (``mixed_lines``).
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capassess.batch.arrow import reading_pool
from capassess.batch.byte_cells import decoded, reads_bytewise
from capassess.batch.csv_head import delimiter_of, first_lines, peek
from capassess.batch.encoding import GB18030, UTF8, choose_encoding, detect, is_utf8
from capassess.batch.header_rows import RepeatedHeaders, is_repeated_header, title_note
from capassess.batch.mixed_lines import mixed_copy
from capassess.batch.swallowed_rows import row_like_line
from capassess.batch.table import (
    Batch,
    Layout,
    Rejection,
    columnar_chunk,
    is_label_row,
    resolve_layout,
)
from capassess.batch.utf16 import utf8_copy, utf16_file
from capassess.errors import InputError
from capassess.model.questionnaire import Questionnaire

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

BLOCK = 1 << 21
DELIMITER_NAMES = {"\t": "tabs", ";": "semicolons"}


class CsvSource:
    """A CSV file of units."""

    kind = "csv"
    encoding: str | None

    def __init__(
        self,
        path: str | Path,
        questionnaire: Questionnaire,
        *,
        encoding: str | None = None,
        lenient: bool = False,
    ) -> None:
        self.path = str(path)
        self.notes: tuple[str, ...] = ()
        self.reading = self.path
        """The file read: ``path``, or a copy of it (UTF-16 as UTF-8, or GB18030 with its
        UTF-8 lines in GB18030)."""
        if encoding is None and (kind := utf16_file(self.path)):
            self.reading, note = utf8_copy(self.path, kind)
            weakref.finalize(self, _remove, self.reading)
            self.encoding, self.notes = UTF8, (note,)
        elif encoding is None:
            self.encoding, self.notes = detect(path)
            if self.encoding == GB18030:
                self._read_mixed()
        else:
            self.encoding = choose_encoding(path, encoding)
        self.size = os.path.getsize(self.reading)
        self._read_head(questionnaire, lenient)
        self._ragged: list[tuple[int, str, int]] = []
        self._lock = threading.Lock()
        self._skips: list[int] = []
        self._next = self._first
        self._resume = self._next
        """The first row not yet yielded (rows before it are skipped on a second pass)."""
        self._bytewise = False

    def _read_mixed(self) -> None:
        """Read a copy of the file with its UTF-8 lines in GB18030, if it has any
        (``mixed_lines``); the copy is removed with the source."""
        try:
            copy, notes = mixed_copy(self.path)
        except OSError as exc:
            raise InputError.at(f"cannot read the file: {exc.strerror or exc}", self.path) from None
        if copy is not None:
            self.reading, self.notes = copy, self.notes + notes
            weakref.finalize(self, _remove, copy)

    def _read_head(self, questionnaire: Questionnaire, lenient: bool) -> None:
        """Find the delimiter, the header (below any title rows) and the label row."""
        ids = {q.id.casefold() for _, _, q in questionnaire.questions()}
        self.delimiter = delimiter_of(first_lines(self.reading, self.encoding or ""), ids)
        if self.delimiter != ",":
            self.notes += (f"columns are separated by {DELIMITER_NAMES[self.delimiter]}",)
        head = peek(self.reading, self.encoding or "", self.delimiter, ids, self.path)
        self.header = head.records[head.header]
        self.layout: Layout = resolve_layout(self.header, questionnaire, self.path,
                                             lenient=lenient, row=head.header + 1)  # fmt: skip
        self.unknown = self.layout.unknown
        if head.header:
            above = list(enumerate(head.records[: head.header], start=1))
            self.notes += (title_note(self.path, above, head.header + 1),)
        after = head.header + 1
        label = len(head.records) > after and is_label_row(head.records[after], self.layout)
        self.label_record: list[str] | None = head.records[after] if label else None
        self.skip = head.ends[after if label else head.header]
        """Lines before the first data row, which pyarrow skips (a line break inside a
        quoted cell above it makes them more than the records)."""
        self._first, self._offset = _first_row(self.skip, after + label)
        self.repeated = RepeatedHeaders(self.path)

    def batches(self) -> Iterator[Batch]:
        """Yield the file block by block.

        A GB18030 (GBK) file is first read as bytes, only the cells that need it decoded
        (``byte_cells``); should that fail (a cell or a malformed record that does not
        decode), the file is read again as text from the first row not yet yielded, and
        the text path's verdict, the one it always gave, stands.
        """
        import pyarrow as pa

        try:
            if reads_bytewise(self.encoding):
                try:
                    yield from self._blocks(bytewise=True)
                    self.notes += self.repeated.note()
                    return
                except _TextNeeded:
                    self._restart()
            yield from self._blocks(bytewise=False)
            self.notes += self.repeated.note()
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise InputError.at(f"cannot read as {self.encoding} CSV: {exc}", self.path) from None

    def _blocks(self, *, bytewise: bool) -> Iterator[Batch]:
        """The batches of one pass over the file, from row ``self._resume`` on."""
        import pyarrow as pa

        with open(self.reading, "rb") as handle, self._ragged_text(bytewise):
            reader = None
            try:
                reader = self._reader(handle, bytewise)  # which reads the first block
                for record_batch in reader:
                    columns = self._columns(record_batch, bytewise)
                    rows = self._numbers(record_batch.num_rows)
                    batch = self._batch(rows, columns, handle.tell())
                    if batch is not None:
                        self._resume = self._next
                        yield batch
            except (pa.ArrowInvalid, UnicodeError):
                if bytewise:
                    raise _TextNeeded from None
                raise
            finally:
                if reader is not None:  # its read-ahead done before the file closes
                    with contextlib.suppress(Exception):  # its error is handled above
                        reader.close()
        rejections = self._fresh(self._drain_ragged())
        if rejections:
            yield Batch(None, rejections, len(rejections), 0, self.size)

    def _batch(self, rows: npt.NDArray[np.int64], columns: list[Any], done: int) -> Batch | None:
        """A batch of the rows from ``self._resume`` on, or ``None`` if none is."""
        rejections = self._fresh(self._drain_ragged(before=self._next))
        first = int((rows < self._resume).sum())
        if first:  # rows that a first pass yielded
            if first == len(rows) and not rejections:
                return None
            rows, columns = rows[first:], [c.slice(first) for c in columns]
        chunk = columnar_chunk(self.path, rows, columns, self.layout, self.delimiter == ";")
        chunk = self.repeated.drop(chunk)
        return Batch(chunk, rejections, len(rejections), 0, done)

    def _fresh(self, rejections: list[Rejection]) -> list[Rejection]:
        """Those of ``rejections`` not yielded before a second pass."""
        return [r for r in rejections if r.row is None or r.row >= self._resume]

    def _restart(self) -> None:
        """Forget the state of a pass, for another from the start of the file."""
        with self._lock:
            self._ragged, self._skips = [], []
        self._next = self._first

    def _columns(self, record_batch: Any, bytewise: bool) -> list[Any]:
        if not bytewise:
            return list(record_batch.columns)
        encoding = self.encoding or ""
        return [decoded(column, encoding) for column in record_batch.columns]

    @contextlib.contextmanager
    def _ragged_text(self, bytewise: bool) -> Iterator[None]:
        """On the bytewise pass, pyarrow cannot hand a malformed record that is no UTF-8 to
        ``_on_ragged`` and says so on standard error; that notice is dropped (the record
        fails the pass, and the text pass reads it)."""
        if not bytewise:
            yield
            return
        previous = sys.unraisablehook

        def hook(unraisable: Any) -> None:
            if unraisable.object != self._on_ragged or not issubclass(
                unraisable.exc_type, UnicodeError
            ):
                previous(unraisable)

        sys.unraisablehook = hook
        try:
            yield
        finally:
            sys.unraisablehook = previous

    def _reader(self, handle: Any, bytewise: bool = False) -> Any:
        import pyarrow as pa
        import pyarrow.csv as pcsv

        names = [f"c{i}" for i in range(len(self.header))]
        self._bytewise = bytewise
        utf8 = bytewise or is_utf8(self.encoding or "")
        read = pcsv.ReadOptions(
            column_names=names,
            skip_rows=self.skip,
            block_size=BLOCK,
            use_threads=False,
            encoding="utf8" if utf8 else self.encoding,
        )
        parse = pcsv.ParseOptions(
            delimiter=self.delimiter,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=self._on_ragged,
        )
        convert = pcsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.binary() if bytewise else pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        )
        return pcsv.open_csv(handle, read_options=read, parse_options=parse,
                             convert_options=convert, memory_pool=reading_pool())  # fmt: skip

    def _on_ragged(self, row: Any) -> str:
        text = str(row.text)
        if self._bytewise and not text.isascii():
            try:  # pyarrow decoded the record's bytes as UTF-8: these are the file's bytes
                text = text.encode("utf-8").decode(self.encoding or "")
            except UnicodeError:
                return "error"  # the bytewise pass fails; the text pass reads the record
        number = int(row.number) - self._offset  # pyarrow counts the skipped lines
        with self._lock:  # pyarrow may call this from its own thread
            self._ragged.append((number, text, int(row.actual_columns)))
            self._skips.append(number)
        return "skip"

    def _drain_ragged(self, before: int | None = None) -> list[Rejection]:
        """Rejections of the malformed records so far, or of those before row ``before``:
        pyarrow may parse a block ahead of the batch it yields, so records of a later
        batch wait for it, and every run lists them in the same order."""
        out = []
        with self._lock:
            ragged = [r for r in self._ragged if before is None or r[0] < before]
            self._ragged = [r for r in self._ragged if before is not None and r[0] >= before]
        for number, text, cells in ragged:
            try:
                first = next(csv.reader([text], delimiter=self.delimiter), [""])
            except csv.Error:  # a cell beyond the csv module's limit: the id is before it
                first = text.split(self.delimiter)
            if is_repeated_header(first, self.layout):  # the header of a file joined on
                self.repeated.rows.add(number)
                continue
            unit = first[self.layout.id].strip() if len(first) > self.layout.id else ""
            reason = f"cells in the row: {cells}; in the header: {len(self.header)}"
            swallowed = row_like_line(text, len(self.layout.questions))
            if swallowed is not None:  # an unclosed quote took the lines below into a cell
                reason += (
                    f"; it holds lines that read as rows of their own ({swallowed}): "
                    "a quote opened in this row is not closed; close it, or remove it"
                )
            out.append(Rejection(self.path, number, unit, "", text, reason))
        return out

    def _numbers(self, count: int) -> npt.NDArray[np.int64]:
        """The row numbers of the next ``count`` records, skipping malformed ones."""
        import numpy as np

        with self._lock:
            skips = list(self._skips)
        candidates = np.arange(self._next, self._next + count + len(skips), dtype=np.int64)
        rows = candidates[~np.isin(candidates, skips)][:count]
        self._next = int(rows[-1]) + 1 if count else self._next
        with self._lock:
            self._skips = [n for n in self._skips if n >= self._next]
        return rows


def _first_row(skipped_lines: int, records: int) -> tuple[int, int]:
    """The spreadsheet row of the first data record, below ``records`` records (title
    rows, the header, the label row), and how many more lines than records they took."""
    return records + 1, skipped_lines - records


class _TextNeeded(Exception):
    """The bytewise pass cannot go on: read the file as text."""


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
