"""Cells of an ODS sheet whose text python-calamine does not give as the sheet shows it:
numbers formatted as percentages (``office:value-type="percentage"``, stored 0.45 and
shown 45%), read as ``45%`` as in XLSX, and cells whose formula gives an error
(``calcext:value-type="error"``, shown ``#DIV/0!``), read as that error text, which the
cell rules reject naming it (calamine reads them as 0.45 and as blank).

The sheet's ``content.xml`` is parsed as a stream as in ``ods_merges``; a cell repeated
over more than ``MAX_REPEATS`` places (a style run to the end of the sheet) is left to
calamine. A file that cannot be read so gives None: calamine has read its cells.
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import Element, ParseError, iterparse

from capassess.batch.ods_merges import TABLE, count
from capassess.batch.xlsx_cells import percent_text

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_REPEATS = 10_000
Cells = dict[tuple[int, int], str]


def ods_cells(path: str, sheet: str) -> Cells | None:
    """(row, column) from 0 -> text, for the percentage and error cells of ``sheet``."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
            return _cells(iterparse(handle, events=("start", "end")), sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ParseError, ValueError):
        return None


def _cells(events: object, sheet: str) -> Cells:
    found: Cells = {}
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
            wide = count(node, "number-columns-repeated")
            text = _text(node)
            if text is not None and wide <= MAX_REPEATS:
                found.update({(row, column + i): text for i in range(wide)})
            column += wide
    return found


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
