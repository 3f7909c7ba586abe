"""Write a table of hundreds of thousands of rows to XLSX in seconds.

openpyxl and xlsxwriter spend some 8 µs per cell, over a minute for a 250,000-unit
score table. This writer builds the sheet's XML a block of rows at a time with pyarrow
string kernels and numpy: the cells of score and level columns are copied from
fixed-width templates (padded with spaces between cells, which XML ignores), text
cells are escaped and joined, and each block of rows is deflated into the archive
(``zip_stream``) in one thread while the next block's XML is made in another. Cells
carry no ``r`` reference, which the format allows (cells and rows follow one
another). The workbook has one sheet, a bold frozen header row and an auto-filter;
text cells are inline strings, XML-escaped, with characters XML cannot hold replaced
by U+FFFD.
"""

from __future__ import annotations

import contextlib
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Protocol, TypeVar

from capassess.atomic import writing
from capassess.batch.files import replacing
from capassess.batch.text_bytes import may_hold
from capassess.batch.zip_stream import ZipStream
from capassess.records import record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

R = TypeVar("R")
ROWS_PER_BLOCK = 50_000
INVALID_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"  # RE2 syntax, for pyarrow
NEEDS_ESCAPE = r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"
ESCAPE_BYTES = b"&<>\xef" + bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""The bytes of ``NEEDS_ESCAPE``'s characters in UTF-8 (U+FFFE and U+FFFF by their lead
byte 0xEF, which other characters share: a column holding one is searched by the regex)."""
INVALID_XML_PY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_CELL = ('<c t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>")
NUMBER_CELL = ("<c><v>", "</v></c>")
EMPTY_CELL = "<c/>"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""  # noqa: E501
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""  # noqa: E501
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'{name}'!$A$1:${last}${rows}</definedName></definedNames></workbook>"""  # noqa: E501
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""  # noqa: E501
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""  # noqa: E501
SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>"""  # noqa: E501
SHEET_TAIL = '</sheetData><autoFilter ref="A1:{last}{rows}"/></worksheet>'


@record
class SheetColumn:
    """A column to write: header, kind (``text`` or ``number``) and cell texts.

    A number column's texts must be numbers as XML writes them (``3.25``, ``12``) or
    empty; a text column's may be anything. A column whose texts come from a small
    table may give ``codes`` into ``table`` (``values`` == table[codes]): its cells are
    then copied from fixed-width templates, the fast path for score and level columns.
    """

    header: str
    kind: str
    values: pa.Array | None
    width: float = 12.0
    codes: npt.NDArray[np.int64] | None = None
    table: tuple[str, ...] = ()

    def texts(self) -> pa.Array:
        """The cell texts (looked up in ``table`` for a column given as ``codes``)."""
        if self.values is not None:
            return self.values
        return _arrow_table(self.table).take(self.codes)

    def __len__(self) -> int:
        if self.values is not None:
            return len(self.values)
        return 0 if self.codes is None else len(self.codes)


def _per_table(make: Callable[[tuple[str, ...]], R]) -> Callable[[tuple[str, ...]], R]:
    """``make`` cached by the identity of its table: a few tables (the 40,001 score
    texts) are used for every column of every block, and hashing them as a key cost
    more than the lookup saved."""
    cache: dict[int, tuple[tuple[str, ...], R]] = {}

    def get(table: tuple[str, ...]) -> R:
        hit = cache.get(id(table))
        if hit is None or hit[0] is not table:
            if len(cache) >= 8:
                cache.clear()
            hit = cache[id(table)] = (table, make(table))
        return hit[1]

    return get


@_per_table
def _arrow_table(table: tuple[str, ...]) -> pa.Array:
    import pyarrow as pa

    return pa.array(table, pa.string())


def column_letter(index: int) -> str:
    """The spreadsheet letters of the 0-based column ``index`` (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class ColumnSheet:
    """A sheet of whole columns, handed out in blocks of rows."""

    def __init__(self, columns: Sequence[SheetColumn]) -> None:
        self.columns = list(columns)
        self.headers = [c.header for c in columns]
        self.widths = [c.width for c in columns]
        self.rows = len(columns[0]) if columns else 0

    def block(self, start: int, stop: int) -> list[SheetColumn]:
        """The columns' cells of rows ``start`` to ``stop``."""
        return [
            replace(c, values=None if c.values is None else c.values.slice(start, stop - start),
                    codes=None if c.codes is None else c.codes[start:stop])
            for c in self.columns
        ]  # fmt: skip


class Sheet(Protocol):
    """What ``write_xlsx`` writes: headers, column widths, and rows in blocks."""

    @property
    def headers(self) -> Sequence[str]:
        """The header of each column."""

    @property
    def widths(self) -> Sequence[float]:
        """The width of each column, in characters."""

    @property
    def rows(self) -> int:
        """The number of rows below the header."""

    def block(self, start: int, stop: int) -> Sequence[SheetColumn]:
        """The cells of rows ``start`` to ``stop``, column by column."""


def _cells(column: SheetColumn) -> pa.Array:
    """The XML of each cell of ``column``; escaping only where a cell needs it."""
    import pyarrow.compute as pc

    values = text = column.texts()
    if (
        column.kind == "text"
        and may_hold(text, ESCAPE_BYTES)
        and pc.any(pc.match_substring_regex(text, NEEDS_ESCAPE)).as_py()
    ):
        text = pc.replace_substring_regex(text, INVALID_XML, "\ufffd")
        for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
            text = pc.replace_substring(text, char, entity)
    head, tail = TEXT_CELL if column.kind == "text" else NUMBER_CELL
    cells = pc.binary_join_element_wise(head, text, tail, "")
    empty = pc.equal(pc.binary_length(values), 0)
    return pc.if_else(empty, EMPTY_CELL, cells) if pc.any(empty).as_py() else cells


@_per_table
def _templates(table: tuple[str, ...]) -> npt.NDArray[np.uint8]:
    """The cell XML of each table entry, space-padded to one width, as a byte matrix."""
    import numpy as np

    cells = [f"{NUMBER_CELL[0]}{t}{NUMBER_CELL[1]}" if t else EMPTY_CELL for t in table]
    width = max(len(c) for c in cells)
    padded = "".join(c.ljust(width) for c in cells).encode()
    return np.frombuffer(padded, dtype=np.uint8).reshape(len(cells), width)


def _fixed_run(run: list[SheetColumn]) -> pa.Array:
    """The cells of consecutive table columns, joined, copied from fixed-width templates."""
    import numpy as np
    import pyarrow as pa

    templates = [_templates(c.table) for c in run]
    widths = [t.shape[1] for t in templates]
    rows, total = len(run[0]), sum(widths)
    block = np.empty((rows, total), dtype=np.uint8)
    offset = 0
    for column, cells, width in zip(run, templates, widths, strict=True):
        picked = cells.view(f"V{width}").ravel()[column.codes]
        block[:, offset : offset + width] = picked.view(np.uint8).reshape(-1, width)
        offset += width
    offsets = np.arange(0, (rows + 1) * total, total, dtype=np.int32)
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(block)]
    return pa.Array.from_buffers(pa.string(), rows, buffers)


def _pieces(columns: Sequence[SheetColumn]) -> list[pa.Array]:
    """The XML of each column, consecutive table columns joined into one piece."""
    out: list[pa.Array] = []
    run: list[SheetColumn] = []
    for column in [*columns, None]:
        if column is not None and column.codes is not None:
            run.append(column)
            continue
        if run:
            out.append(_fixed_run(run))
            run = []
        if column is not None:
            out.append(_cells(column))
    return out


def _rows_xml(columns: Sequence[SheetColumn]) -> memoryview:
    """The XML of a block of rows, straight from pyarrow's buffer."""
    import numpy as np
    import pyarrow.compute as pc

    rows = pc.binary_join_element_wise("<row>", *_pieces(columns), "</row>", "")
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int32, count=len(rows) + 1)
    return memoryview(rows.buffers()[2])[int(offsets[0]) : int(offsets[-1])]


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """``&``, ``<`` and ``>`` (and any of ``entities``) as XML entities, as
    ``xml.sax.saxutils.escape`` writes them (whose import brings ``urllib`` and ``http``)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, entity in (entities or {}).items():
        text = text.replace(char, entity)
    return text


def _header_cell(text: str) -> str:
    clean = INVALID_XML_PY.sub("\ufffd", text)
    return f'<c t="inlineStr" s="1"><is><t xml:space="preserve">{escape(clean)}</t></is></c>'


class XlsxWriter:
    """Writes a one-sheet workbook a block of rows at a time; use as a context manager.

    Each block's XML is made in a second thread and deflated in a third while the
    caller builds the next block.
    """

    def __init__(
        self, path: str | Path, name: str, headers: Sequence[str], widths: Sequence[float],
        rows: int,
    ) -> None:  # fmt: skip
        self.path, self.name, self.headers, self.widths = Path(path), name, headers, widths
        self.last = column_letter(max(0, len(headers) - 1))
        self.rows = rows + 1
        self.stack = contextlib.ExitStack()
        self.made: Future[memoryview] | None = None
        self.packing: deque[Future[int]] = deque()

    def __enter__(self) -> XlsxWriter:
        stack = self.stack.__enter__()
        with self._unwinding():
            handle = stack.enter_context(open(stack.enter_context(replacing(self.path)), "wb"))
            self._start(stack, handle)
        return self

    def _start(self, stack: contextlib.ExitStack, handle: BinaryIO) -> None:
        self.archive = ZipStream(handle)
        stack.enter_context(_closed_on_success(self.archive))  # before the file closes
        title = escape(self.name, {'"': "&quot;", "'": "&apos;"})
        for entry, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                            ("xl/workbook.xml", WORKBOOK.format(name=title, last=self.last,
                                                                rows=self.rows)),
                            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                            ("xl/styles.xml", STYLES)):  # fmt: skip
            self.archive.write(entry, text)
        self.out = stack.enter_context(self.archive.open("xl/worksheets/sheet1.xml"))
        self.pool = stack.enter_context(ThreadPoolExecutor(max_workers=1))
        self.deflater = stack.enter_context(ThreadPoolExecutor(max_workers=1))
        cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                       for i, w in enumerate(self.widths, 1))  # fmt: skip
        header = "".join(_header_cell(h) for h in self.headers)
        self.out.write(SHEET_HEAD.format(cols=cols).encode() + f"<row>{header}</row>".encode())

    def write(self, columns: Sequence[SheetColumn]) -> None:
        """Append a block of rows, given column by column: its XML is made in a second
        thread and deflated in a third, in order, while the caller makes the next block
        (the XML of two blocks at most is held)."""
        self._wait(keep=1)
        before = self.packing[-1] if self.packing else None
        self.made = made = self.pool.submit(_rows_xml, columns)
        self.packing.append(self.deflater.submit(self._pack, made, before))

    def _pack(self, made: Future[memoryview], before: Future[int] | None) -> int:
        if before is not None:
            before.result()  # its error, if any, is the first
        return self.out.write(made.result())

    def _wait(self, keep: int = 0) -> None:
        """Wait for the last block's XML to be made and for all but ``keep`` blocks to be
        deflated; raise the first error of either, as an error of this file."""
        with writing(self.path):  # not to be taken for an error of the caller's file
            if self.made is not None:
                self.made.result()
            while len(self.packing) > keep or (self.packing and self.packing[0].done()):
                self.packing.popleft().result()

    @contextlib.contextmanager
    def _unwinding(self) -> Iterator[None]:
        """On an error in the block, close everything, removing the temporary file."""
        try:
            yield
        except BaseException as error:
            self.stack.__exit__(type(error), error, error.__traceback__)
            raise

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        with self._unwinding():  # a failed last write must not put half a file in place
            self._wait()
            if kind is None:
                self.out.write(SHEET_TAIL.format(last=self.last, rows=self.rows).encode())
        self.stack.__exit__(kind, exc, tb)


@contextlib.contextmanager
def _closed_on_success(archive: ZipStream) -> Iterator[None]:
    """Write the archive's central directory when the block succeeds (not after an error)."""
    yield
    archive.close()


def write_xlsx(path: str | Path, name: str, sheet: Sheet) -> Path:
    """Write ``sheet`` as the one sheet ``name`` of a new workbook at ``path``."""
    with XlsxWriter(path, name, sheet.headers, sheet.widths, sheet.rows) as writer:
        for start in range(0, sheet.rows, ROWS_PER_BLOCK):
            writer.write(sheet.block(start, min(sheet.rows, start + ROWS_PER_BLOCK)))
    return Path(path)
