"""What python-calamine does not give of an ODS sheet, read from its ``content.xml`` in
one pass: merged ranges, hidden rows and columns, and the cells whose text it reads
otherwise than the sheet shows them.

- **Merged ranges**: marked on their first cell (``table:number-rows-spanned``,
  ``table:number-columns-spanned``); the cells they cover are ``covered-table-cell``.
  Ranges merged down more than one row are filled down, as in XLSX.
- **Hidden rows and columns**: ``table:visibility="collapse"`` on a row or column
  (hidden by hand) or ``"filter"`` on a row (hidden by a filter). As for XLSX
  (``hidden_cells``), they are read, and a note names them.
- **Cells**: a number formatted as a percentage (``office:value-type="percentage"``,
  stored 0.45, shown 45%) reads as ``45%``, as in XLSX; a cell whose formula gives an
  error (``calcext:value-type="error"``, shown ``#DIV/0!``) reads as that error, which
  the cell rules reject naming it (calamine reads them as 0.45 and as blank).

Repeated rows and cells (``table:number-rows-repeated``,
``table:number-columns-repeated``) count as that many; a cell repeated over more than
``MAX_REPEATS`` places (a style run to the end of the sheet) is left to calamine. The XML
is parsed as a stream, only up to the end of the sheet asked for, each row dropped once
counted, so a long sheet costs no more memory than its widest row. A file that cannot
be read so gives None: calamine has read its cells, and they stand.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, iterparse

from capassess.batch.xlsx_cells import percent_text

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_COLUMNS = 16_384
MAX_REPEATS = 10_000
Range = tuple[tuple[int, int], tuple[int, int]]
Cells = dict[tuple[int, int], str]


@dataclass
class Hidden:
    """What a sheet hides: row ranges (first, last) and columns, counted from 0."""

    rows: list[tuple[int, int]] = field(default_factory=list)
    columns: set[int] = field(default_factory=set)
    filtered: bool = False

    def row_numbers(self, last: int) -> set[int]:
        """The hidden rows' numbers (from 1) up to row ``last``."""
        return {r + 1 for first, end in self.rows for r in range(first, min(end, last) + 1)}


@dataclass
class OdsSheet:
    """One sheet's merged ranges ((first row, first column), (last row, last column)),
    hidden rows and columns, and cell texts by (row, column), all counted from 0 as
    calamine counts."""

    merges: list[Range] = field(default_factory=list)
    hidden: Hidden = field(default_factory=Hidden)
    cells: Cells = field(default_factory=dict)
    row: int = 0
    column: int = 0
    declared: int = 0
    """Columns declared so far (``table:table-column``), for the hidden ones."""


def read_ods_sheet(path: str, sheet: str) -> OdsSheet | None:
    """The facts of the sheet named ``sheet`` (empty if there is none); None if the
    file cannot be read so."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
            return _read(iterparse(handle, events=("start", "end")), sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ParseError, ValueError):
        return None


def _read(events: object, sheet: str) -> OdsSheet:
    found = OdsSheet()
    inside = False
    for event, node in events:  # type: ignore[attr-defined]
        assert isinstance(node, Element)
        tag = node.tag
        if tag == f"{TABLE}table":
            if event == "start":
                inside = node.get(f"{TABLE}name") == sheet
            elif inside:
                break
        elif not inside:
            continue
        elif tag == f"{TABLE}table-row":
            if event == "start":
                found.column = 0
            else:
                _row_end(found, node)
        elif event == "end" and tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            _cell_end(found, node, tag == f"{TABLE}table-cell")
        elif event == "end" and tag == f"{TABLE}table-column":
            wide = count(node, "number-columns-repeated")
            if node.get(f"{TABLE}visibility") == "collapse":
                first = found.declared
                found.hidden.columns.update(range(first, min(first + wide, MAX_COLUMNS)))
            found.declared += wide
    return found


def _row_end(found: OdsSheet, node: Element) -> None:
    tall = count(node, "number-rows-repeated")
    seen = node.get(f"{TABLE}visibility")
    if seen in ("collapse", "filter"):
        found.hidden.rows.append((found.row, found.row + tall - 1))
        found.hidden.filtered |= seen == "filter"
    found.row += tall
    node.clear()


def _cell_end(found: OdsSheet, node: Element, own: bool) -> None:
    row, column = found.row, found.column
    wide = count(node, "number-columns-repeated")
    span = count(node, "number-rows-spanned")
    if own and span > 1:
        across = count(node, "number-columns-spanned")
        found.merges.append(((row, column), (row + span - 1, column + across - 1)))
    text = _text(node) if own else None
    if text is not None and wide <= MAX_REPEATS:
        found.cells.update({(row, column + i): text for i in range(wide)})
    found.column += wide


def _text(cell: Element) -> str | None:
    """The text a percentage or error cell reads as; None for any other cell."""
    if cell.get(f"{CALCEXT}value-type") == "error":
        return " ".join("".join(p.itertext()) for p in cell.iter(f"{TEXT}p")).strip() or None
    if cell.get(f"{OFFICE}value-type") == "percentage":
        try:
            return percent_text(float(cell.get(f"{OFFICE}value", "")))
        except ValueError:
            return None
    return None


def count(node: Element, attribute: str) -> int:
    """The repeat or span ``attribute`` of ``node`` (at least 1)."""
    return max(1, int(node.get(f"{TABLE}{attribute}", "1")))
