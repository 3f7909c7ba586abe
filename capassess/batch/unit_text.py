"""Unit ids, names and group cells as the people who typed them mean them.

Besides blanks at either end (trimmed as before), these cells are cleaned of what
spreadsheets and bank systems add to them:

- zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF), pasted from web
  pages and chat tools, are trimmed like blanks: ``华东\\u200b`` is ``华东``, and a cell
  of nothing else is blank;
- ``="0012"``, Excel's way of keeping leading zeros in an export, is ``0012`` (only that
  exact form: ``=`` and one double-quoted text, ``""`` inside standing for ``"``);
- a single leading apostrophe, Excel's mark of a text cell, which some exports write
  into CSV, is dropped: ``'0013`` is ``0013``.

They also find what no id, name or group can be: a spreadsheet error (``#N/A``,
``#DIV/0!``), from any source. An XLSX formula without a stored value is found by the
XLSX reader, which alone can tell it from a text that starts with ``=``; a CSV text
starting with ``=`` stays text (CSV holds no formulas) and is neutralised on output.

Answer cells are cleaned of zero-width characters alone (``answer_cells``): the answer
parser trims every other blank, and a cell otherwise stays as typed.

Columns that hold none of the bytes these start with are left as they are, so the usual
column costs a scan of its bytes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from capassess.batch.text_bytes import may_hold, may_start_with
from capassess.texts import say
from capassess.values import SPREADSHEET_ERRORS, shown

if TYPE_CHECKING:
    import pyarrow as pa

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BLANKS = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + ZERO_WIDTH
)
"""Unicode blanks (those of ``str.isspace`` but the separator controls U+001C..U+001F,
which stay, to be refused as control characters) and the zero-width characters."""
LEADS = b"\xe2\xef"
"""The first byte of every zero-width character in UTF-8."""
ZERO_WIDTH_PATTERN = "[" + ZERO_WIDTH + "]"
LITERAL = re.compile(r'="((?:[^"]|"")*)"')
STARTS = "'="


def clean(text: str) -> str:
    """One id, name or group cell as meant (see the module's text)."""
    text = text.strip(BLANKS)
    literal = LITERAL.fullmatch(text)
    if literal is not None:
        text = literal.group(1).replace('""', '"')
    elif text.startswith("'"):
        text = text[1:]
    return text.strip(BLANKS)


def is_blank(text: str) -> bool:
    """True for a cell of blanks and zero-width characters only."""
    return not text.strip(BLANKS)


def is_literal(text: str) -> bool:
    """True for ``="0012"``: a formula that is only a text, read as that text."""
    return LITERAL.fullmatch(text.strip(BLANKS)) is not None


def cleaned(column: pa.Array) -> pa.Array:
    """``column`` (a text column trimmed of blanks, no nulls) with every cell ``clean``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    marked = may_start_with(column, STARTS.encode())
    zero_width = may_hold(column, LEADS)
    if not (marked or zero_width):
        return column
    hits = np.zeros(len(column), dtype=bool)
    if marked:
        for start in STARTS:
            hits |= pc.starts_with(column, start).to_numpy(zero_copy_only=False)
    if zero_width:
        found = pc.match_substring_regex(column, ZERO_WIDTH_PATTERN)
        hits |= found.to_numpy(zero_copy_only=False)
    rows = hits.nonzero()[0].tolist()
    if not rows:
        return column
    values = column.to_pylist()
    for i in rows:
        values[i] = clean(values[i])
    return pa.array(values, pa.string())


def answer_cells(column: pa.Array) -> pa.Array:
    """A question's ``column`` (no nulls) with the zero-width characters dropped from its
    cells: ``3\u200b`` is ``3``, ``bi,\u200bml`` is ``bi,ml``, a cell of nothing else
    blank. Other blanks (U+00A0, U+3000) at either end are the answer parser's to trim,
    as it trims spaces; the cell is otherwise kept as typed, for the reason shown."""
    import pyarrow.compute as pc

    if not may_hold(column, LEADS):
        return column
    return pc.replace_substring_regex(column, ZERO_WIDTH_PATTERN, "")


def error_cells(values: pa.Array) -> list[tuple[int, str, str]]:
    """(row, value, reason) of every cell of ``values`` that is a spreadsheet error."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not may_start_with(values, b"#"):
        return []
    errors = pa.array(sorted(SPREADSHEET_ERRORS), pa.string())
    found = pc.is_in(pc.utf8_upper(values), value_set=errors).to_numpy(zero_copy_only=False)
    out = []
    for i in found.nonzero()[0].tolist():
        value = values[i].as_py()
        out.append((i, value, say("batch", "en", "why_sheet_error", value=value)))
    return out


def formula_reason(value: str) -> str:
    """Why an id, name or group cell holding a formula without a stored value is refused."""
    return say("batch", "en", "why_formula", value=shown(value))
