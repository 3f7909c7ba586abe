"""Rows and columns hidden in an ODS sheet, which python-calamine does not say, from its
XML: ``table:visibility="collapse"`` on a row or column (hidden by hand) or ``"filter"``
on a row (hidden by a filter), repeated rows and columns counting as that many. As for
XLSX (``hidden_cells``), they are read, and a note names them. The XML is parsed as a
stream up to the end of the sheet asked for, each row dropped once counted."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, iterparse

from capassess.batch.ods_merges import TABLE, count

MAX_COLUMNS = 16_384


@dataclass
class Hidden:
    """What a sheet hides: row ranges (first, last) and columns, counted from 0."""

    rows: list[tuple[int, int]] = field(default_factory=list)
    columns: set[int] = field(default_factory=set)
    filtered: bool = False

    def row_numbers(self, last: int) -> set[int]:
        """The hidden rows' numbers (from 1) up to row ``last``."""
        return {r + 1 for first, end in self.rows for r in range(first, min(end, last) + 1)}


def ods_hidden(path: str, sheet: str) -> Hidden:
    """The rows and columns the sheet ``sheet`` hides; none if the file cannot be read
    so (calamine has read it: its cells stand)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
            return _hidden(iterparse(handle, events=("start", "end")), sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ParseError, ValueError):
        return Hidden()


def _hidden(events: object, sheet: str) -> Hidden:
    found = Hidden()
    inside = False
    row = column = 0
    for event, node in events:  # type: ignore[attr-defined]
        assert isinstance(node, Element)
        if node.tag == f"{TABLE}table":
            if event == "start":
                inside = node.get(f"{TABLE}name") == sheet
            elif inside:
                break
        elif not inside or event != "end":
            continue
        elif node.tag == f"{TABLE}table-column":
            wide = count(node, "number-columns-repeated")
            if node.get(f"{TABLE}visibility") == "collapse":
                found.columns.update(range(column, min(column + wide, MAX_COLUMNS)))
            column += wide
        elif node.tag == f"{TABLE}table-row":
            tall = count(node, "number-rows-repeated")
            seen = node.get(f"{TABLE}visibility")
            if seen in ("collapse", "filter"):
                found.rows.append((row, row + tall - 1))
                found.filtered |= seen == "filter"
            row += tall
            node.clear()
    return found
