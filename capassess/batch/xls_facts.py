"""What an XLS workbook (Excel 97-2003) holds beyond the values calamine reads: which
number cells are formatted as percentages, which cells hold a spreadsheet error, and
which rows and columns the sheet hides. Read with xlrd, which knows the format of each
cell of the old binary format.

A cell typed as ``45%`` is stored as 0.45 with a percent format: it is read as ``45%``,
as in XLSX. An error cell (``#DIV/0!``, ``#N/A``) is read as its error text, which the
cell rules reject naming it (calamine reads it as blank, a missing answer). A file xlrd
cannot read gives no facts: calamine has read its cells, and they stand, with the notes
on what its reading cannot see.
"""

from __future__ import annotations

from typing import Any

from capassess.batch.ods_sheet import Hidden
from capassess.batch.xlsx_cells import percent_text
from capassess.batch.xlsx_sheet import format_kind
from capassess.records import record

MAX_BYTES = 64 << 20
"""Largest file read for its facts: xlrd holds a workbook whole in memory, beside
calamine's copy (65,536 rows of 30 answers take some 12 MB)."""


@record
class XlsFacts:
    """Cell texts that replace calamine's, by (row, column) from 0, and what is hidden."""

    cells: dict[tuple[int, int], str]
    hidden: Hidden


def xls_facts(path: str, sheet_name: str) -> XlsFacts | None:
    """The facts of sheet ``sheet_name`` of the XLS file ``path``; None if xlrd cannot
    read it, or if it is over ``MAX_BYTES``."""
    import os

    import xlrd

    try:
        if os.path.getsize(path) > MAX_BYTES:
            return None
        book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
        try:
            sheet = book.sheet_by_name(sheet_name)
            return XlsFacts(_cells(book, sheet), _hidden(sheet))
        finally:
            book.release_resources()
    except Exception:  # xlrd raises many kinds; calamine's reading stands
        return None


def _cells(book: Any, sheet: Any) -> dict[tuple[int, int], str]:
    import xlrd

    codes = {key: f.format_str for key, f in book.format_map.items()}
    percent = {i for i, xf in enumerate(book.xf_list)
               if format_kind(xf.format_key, codes) == "percent"}  # fmt: skip
    found: dict[tuple[int, int], str] = {}
    for r in range(sheet.nrows):
        types = sheet.row_types(r)
        if xlrd.XL_CELL_ERROR in types:
            for c, kind in enumerate(types):
                if kind == xlrd.XL_CELL_ERROR:
                    code = sheet.cell_value(r, c)
                    found[r, c] = xlrd.error_text_from_code.get(code, "#VALUE!")
        if percent and xlrd.XL_CELL_NUMBER in types:
            for c, kind in enumerate(types):
                if kind == xlrd.XL_CELL_NUMBER and sheet.cell_xf_index(r, c) in percent:
                    found[r, c] = percent_text(float(sheet.cell_value(r, c)))
    return found


def _hidden(sheet: Any) -> Hidden:
    rows = [(r, r) for r, info in sheet.rowinfo_map.items() if info.hidden]
    columns = {c for c, info in sheet.colinfo_map.items() if info.hidden}
    return Hidden(rows=sorted(rows), columns=columns)
