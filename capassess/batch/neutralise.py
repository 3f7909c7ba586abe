"""Neutralise text that a spreadsheet would run as a formula (CSV/formula injection).

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, which spreadsheets show as text and do not evaluate. A cell that
is a plain number (``-12.5``, ``+3``, ``1e-3``) is left alone: it is data, and stays a
number. Used for every text cell of every CSV and XLSX file batch writes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from capassess.batch.text_bytes import may_start_with

if TYPE_CHECKING:
    import pyarrow as pa

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRIGGER_PATTERN = r"^[=+\-@\t\r]"
TRIGGER_BYTES = "".join(TRIGGERS).encode("ascii")
NUMBER_PATTERN = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
NUMBER = re.compile(NUMBER_PATTERN)


def neutralise(text: str) -> str:
    """``text``, with a leading apostrophe if a spreadsheet would run it as a formula."""
    if text.startswith(TRIGGERS) and not NUMBER.match(text):
        return "'" + text
    return text


def neutralise_array(values: pa.Array) -> pa.Array:
    """``neutralise`` on every string of ``values`` at once."""
    import pyarrow.compute as pc

    if not may_start_with(values, TRIGGER_BYTES):  # the usual column: no regex to run
        return values
    risky = pc.and_(
        pc.match_substring_regex(values, TRIGGER_PATTERN),
        pc.invert(pc.match_substring_regex(values, NUMBER_PATTERN)),
    )
    if not pc.any(risky).as_py():
        return values
    return pc.if_else(risky, pc.binary_join_element_wise("'", values, ""), values)
