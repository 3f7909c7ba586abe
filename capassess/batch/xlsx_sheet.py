"""Stream the rows of one XLSX worksheet as CSV-like text, with what calamine cannot see.

The sheet's XML is parsed incrementally (a block of 1 MiB at a time; finished rows are
dropped), so memory does not grow with the number of rows, and a lone cell at XFD1048576
costs one cell, not a dense grid. Each cell becomes the text it would be in a CSV:

- a number in a percent format (``0%``, ``0.00%``) is its percentage: 0.45 is ``45%``;
- an error cell is its error (``#DIV/0!``), a formula without a stored value is its
  formula (``=A1/B1``), so that validation refuses both with their reason;
- a merged range's value is filled down its first column (a group merged over C2:C4);
- booleans are ``true``/``false``, dates and times in date formats ISO text.

Before anything is read, the sizes the ZIP directory declares are checked against
limits, so that a small file cannot expand to gigabytes (``WorkbookLimits``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from capassess.batch.xlsx_cells import CellReader, Merges, local, parse_ref, texts
from capassess.errors import InputError
from capassess.records import record

BLOCK = 1 << 20
PERCENT_IDS = frozenset({9, 10})
DATE_IDS = frozenset({14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57, 58})
MERGE = re.compile(
    rb"<(?:\w{1,20}:)?mergeCell[ \t\r\n]{1,20}"
    rb"ref=\"([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?\""
)
QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HIDDEN = ("1", "true")
MAX_COLUMNS = 16_384


@record
class WorkbookLimits:
    """Most bytes a part may expand to; larger workbooks are refused before reading."""

    sheet: int = 1 << 30
    shared_strings: int = 256 << 20
    other: int = 32 << 20
    total: int = 3 << 29


LIMITS = WorkbookLimits()


class Workbook:
    """An XLSX (or XLSM) file opened for reading one sheet."""

    def __init__(self, path: str, limits: WorkbookLimits | None = None) -> None:
        self.path = path
        self.limits = limits or LIMITS
        try:
            self.zip = zipfile.ZipFile(path)
            self.sizes = {i.filename: i.file_size for i in self.zip.infolist()}
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError.at(f"cannot read as XLSX: {exc}", path) from None
        self._check_sizes()
        self.hidden: set[str] = set()
        """Names of the sheets hidden in Excel (``hidden`` or ``veryHidden``)."""
        self.sheets, self.date1904 = self._sheet_list()
        self.styles = self._styles()
        self._shared: list[str] | None = None

    def _check_sizes(self) -> None:
        total = sum(self.sizes.values())
        if total > self.limits.total:
            raise InputError.at(
                f"the workbook's parts expand to {total / 2**20:,.0f} MiB, over the limit of "
                f"{self.limits.total / 2**20:,.0f} MiB; save the data as CSV", self.path,
            )  # fmt: skip

    def _read(self, name: str, limit: int) -> bytes:
        size = self.sizes.get(name)
        if size is None:
            return b""
        if size > limit:
            raise InputError.at(
                f"the part {name} expands to {size / 2**20:,.0f} MiB, over the limit of "
                f"{limit / 2**20:,.0f} MiB; save the data as CSV", self.path,
            )  # fmt: skip
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError.at(f"cannot read {name} of the XLSX: {exc}", self.path) from None

    def _xml(self, name: str, limit: int) -> Element | None:
        from xml.etree.ElementTree import fromstring

        data = self._read(name, limit)
        if not data:
            return None
        try:
            return fromstring(data)
        except ParseError as exc:
            raise InputError.at(
                f"{name} of the XLSX is not well-formed: {exc}", self.path
            ) from None

    def _sheet_list(self) -> tuple[list[tuple[str, str]], bool]:
        book = self._xml("xl/workbook.xml", self.limits.other)
        if book is None:
            raise InputError.at("cannot read as XLSX: there is no xl/workbook.xml", self.path)
        rels = self._xml("xl/_rels/workbook.xml.rels", self.limits.other)
        targets = {}
        for rel in rels.iter() if rels is not None else ():
            if local(rel.tag) == "Relationship" and rel.get("Type", "").endswith("/worksheet"):
                target = rel.get("Target", "")
                target = target[1:] if target.startswith("/") else f"xl/{target}"
                targets[rel.get("Id")] = target
        sheets = []
        date1904 = False
        for node in book.iter():
            if local(node.tag) == "workbookPr":
                date1904 = node.get("date1904", "0").lower() in ("1", "true")
            if local(node.tag) == "sheet" and node.get(f"{{{R_NS}}}id") in targets:
                sheets.append((node.get("name", ""), targets[node.get(f"{{{R_NS}}}id")]))
                if node.get("state", "visible") != "visible":
                    self.hidden.add(node.get("name", ""))
        if not sheets:
            raise InputError.at("the workbook has no worksheet", self.path)
        return sheets, date1904

    def _styles(self) -> list[str]:
        """The kind of number format of each cell style: ``percent``, ``date`` or ``""``."""
        root = self._xml("xl/styles.xml", self.limits.other)
        if root is None:
            return []
        codes: dict[int, str] = {}
        kinds: list[str] = []
        for node in root.iter():
            if local(node.tag) == "numFmt":
                codes[int(node.get("numFmtId", "0"))] = node.get("formatCode", "")
        for node in root.iter():
            if local(node.tag) == "cellXfs":
                for xf in node:
                    kinds.append(format_kind(int(xf.get("numFmtId", "0") or 0), codes))
        return kinds

    def shared_strings(self) -> list[str]:
        """The shared strings table (read once)."""
        if self._shared is None:
            self._shared = self._read_shared()
        return self._shared

    def _read_shared(self) -> list[str]:
        root = self._xml("xl/sharedStrings.xml", self.limits.shared_strings)
        if root is None:
            return []
        return ["".join(texts(si)) for si in root if local(si.tag) == "si"]

    def merged_ranges(self, member: str) -> list[tuple[int, int, int, int]]:
        """(first row, last row, first column, last column) of every merged range."""
        found: list[tuple[int, int, int, int]] = []
        data = b""
        with self.zip.open(member) as handle:
            while True:
                block = handle.read(BLOCK)
                data += block
                zone = len(data) - 100 if block else len(data)
                found += [_merge(m) for m in MERGE.finditer(data) if m.start() < zone]
                data = data[max(zone, 0) :]
                if not block:
                    break
        return found


def _merge(match: re.Match[bytes]) -> tuple[int, int, int, int]:
    r1, c1 = parse_ref(match.group(1).decode())
    r2, c2 = parse_ref((match.group(2) or match.group(1)).decode())
    return r1, r2, c1, c2


def format_kind(number_format: int, codes: dict[int, str]) -> str:
    """``percent``, ``date`` or nothing: how a number in format ``number_format`` (a
    built-in id, or one of ``codes``) reads."""
    if number_format in PERCENT_IDS:
        return "percent"
    if number_format in DATE_IDS:
        return "date"
    code = QUOTED.sub("", codes.get(number_format, "")).split(";")[0].lower()
    if "%" in code:
        return "percent"
    return "date" if re.search(r"[yd]", code) else ""


@dataclass
class SheetRows:
    """Rows of one worksheet as lists of text cells, with their row numbers."""

    book: Workbook
    name: str
    member: str
    reader: CellReader | None = None
    hidden_rows: set[int] = field(default_factory=set)
    """Numbers of the rows hidden in Excel read so far (``hidden_cells`` takes them)."""
    hidden_columns: set[int] = field(default_factory=set)
    """0-based columns hidden in Excel (up to the 16,384 a sheet has)."""
    filtered: bool = False
    """True if the sheet has an AutoFilter (known once its rows are read)."""

    @property
    def visible(self) -> bool:
        """False for a sheet hidden in Excel."""
        return self.name not in self.book.hidden

    @property
    def size(self) -> int:
        """Uncompressed bytes of the sheet's XML (progress is counted in these)."""
        return self.book.sizes.get(self.member, 0)

    def rows(
        self, progress: list[int] | None = None, merged: bool = True
    ) -> Generator[tuple[int, list[str]], None, None]:
        """Yield (row number, cells) for every row the sheet stores, merges filled down
        (unless not ``merged``: a glance at a sheet need not read its merges first)."""
        book = self.book
        if self.member not in book.sizes:
            raise InputError.at(
                f"sheet {self.name!r}: its part {self.member} is missing", book.path
            )
        if self.size > book.limits.sheet:
            book._read(self.member, book.limits.sheet)  # raises with the sizes
        merges = Merges(book.merged_ranges(self.member) if merged else [])
        reader = self.reader = CellReader(book.shared_strings(), book.styles, book.date1904)
        parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
        parent: Element | None = None
        try:
            with book.zip.open(self.member) as handle:
                while block := handle.read(BLOCK):
                    parser.feed(block)
                    if progress is not None:
                        progress[0] += len(block)
                    for pair in parser.read_events():
                        # "start" and "end" events, the only ones asked for, give elements
                        event, node = cast(tuple[str, Element], pair)
                        if event == "start":
                            if local(node.tag) == "sheetData":
                                parent = node
                            continue
                        tag = local(node.tag)
                        if tag == "row":
                            number, cells = self._row(reader, node)
                            if node.get("hidden") in HIDDEN:
                                self.hidden_rows.add(number)
                            yield number, merges.fill(number, cells, reader.width)
                            if parent is not None:
                                parent.remove(node)
                        elif tag in ("col", "autoFilter"):
                            self._sheet_view(tag, node)
            parser.close()
        except ParseError as exc:
            message = f"cannot read as XLSX: sheet {self.name!r} is not well-formed XML: {exc}"
            raise InputError.at(message, book.path) from None
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise InputError.at(f"cannot read sheet {self.name!r}: {exc}", book.path) from None

    def _sheet_view(self, tag: str, node: Element) -> None:
        """Note the columns hidden (``<col hidden="1">``) and whether a filter is on."""
        if tag == "autoFilter":
            self.filtered = True
            return
        if node.get("hidden") in HIDDEN:
            try:
                low, high = int(node.get("min", "0")), int(node.get("max", "0"))
            except ValueError:
                return
            self.hidden_columns.update(range(max(low, 1) - 1, min(high, MAX_COLUMNS)))

    def _row(self, reader: CellReader, node: Element) -> tuple[int, list[str]]:
        try:
            return reader.row(node)
        except ValueError as exc:
            raise InputError.at(f"sheet {self.name!r}: {exc}", self.book.path,
                                reader.next_row) from None  # fmt: skip


def sheet_names(book: Workbook) -> list[str]:
    """Names of every worksheet, in workbook order."""
    return [name for name, _ in book.sheets]


def all_sheets(book: Workbook) -> list[SheetRows]:
    """Every worksheet, in workbook order."""
    return [SheetRows(book, name, member) for name, member in book.sheets]
