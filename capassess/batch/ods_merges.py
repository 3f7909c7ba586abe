"""Merged ranges of an ODS sheet, which python-calamine does not give, from its XML.

An ODS file's ``content.xml`` marks a merged range on its first cell
(``table:number-rows-spanned``, ``table:number-columns-spanned``) and writes the cells
it covers as ``table:covered-table-cell``; repeated rows and cells
(``table:number-rows-repeated``, ``table:number-columns-repeated``) count as that many.
The XML is parsed as a stream, only up to the end of the sheet asked for, each row
dropped once counted, so a long sheet costs no more memory than its widest row.
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import Element, ParseError, iterparse

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
Range = tuple[tuple[int, int], tuple[int, int]]


def ods_merges(path: str, sheet: str) -> list[Range]:
    """((first row, first column), (last row, last column)) of each range merged down
    more than one row in the sheet ``sheet``, counted from 0 as calamine counts; none
    if the file cannot be read so (calamine has read it: its cells stand)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
            return _ranges(iterparse(handle, events=("start", "end")), sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ParseError, ValueError):
        return []


def _ranges(events: object, sheet: str) -> list[Range]:
    found: list[Range] = []
    inside = False
    row = column = 0
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
                column = 0
            else:
                row += count(node, "number-rows-repeated")
                node.clear()
        elif event == "end" and tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            span = count(node, "number-rows-spanned")
            if span > 1 and tag == f"{TABLE}table-cell":
                wide = count(node, "number-columns-spanned")
                found.append(((row, column), (row + span - 1, column + wide - 1)))
            column += count(node, "number-columns-repeated")
    return found


def count(node: Element, attribute: str) -> int:
    """The repeat or span ``attribute`` of ``node`` (at least 1)."""
    return max(1, int(node.get(f"{TABLE}{attribute}", "1")))
