"""Rows of totals and averages that branch sheets carry below the units.

Head offices sum and average the sheet in Excel before sending it on: a row ``合计``,
``总计``, ``平均``, ``华北小计`` or ``Total`` at the bottom, or under each region. Such a
row is no unit; judged as one it was rejected for a level of 35 or for having no unit
id, a puzzling reason. It is found by its id, name or group cell: one that ends in a
total or average word (``合计`` ``总计`` ``小计`` ``汇总`` ``平均`` ``平均值`` ``均值``,
blanks between the characters allowed, a colon after; or is ``total``, ``subtotal``,
``grand total``, ``sum``, ``average``, ``mean``, ``avg`` in any case). It is rejected
with that one reason, which names the cell, and its id cell is no unit id: two total
rows are no duplicate unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from capassess.texts import say, words

if TYPE_CHECKING:
    from capassess.batch.table import Chunk

TOTAL = (
    r"^.{0,12}?(?:合\s*计|总\s*计|小\s*计|汇\s*总|平\s*均(?:\s*[值数分])?|均\s*值)\s*[:：]?$"
    r"|^(?i:(?:grand\s+|sub-?)?total|sum|average|mean|avg\.?)\s*[:：]?$"
)
LAST = ("计", "总", "均", "值", "数", "分", ":", "：", "l", "L", "m", "M", "e", "E", "g", "G", ".")
"""The last character of every text ``TOTAL`` matches: a quick first sieve."""


def total_cells(chunk: Chunk) -> dict[int, tuple[str, str]]:
    """Row index -> (column, value) of the first id, name or group cell of each row
    of ``chunk`` that names a total or average."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found: dict[int, tuple[str, str]] = {}
    last = pa.array(LAST, pa.string())
    for column, values in {"id": chunk.ids, "name": chunk.names, **chunk.groups}.items():
        ends = pc.utf8_slice_codeunits(values, -1)
        candidates = pc.is_in(ends, value_set=last).to_numpy(zero_copy_only=False).nonzero()[0]
        if not len(candidates):
            continue
        texts = values.take(pa.array(candidates))
        hits = pc.match_substring_regex(texts, TOTAL).to_numpy(zero_copy_only=False)
        for i in candidates[hits].tolist():
            found.setdefault(int(i), (column, values[int(i)].as_py()))
    return found


def total_reason(value: str) -> str:
    """Why a total or average row is rejected."""
    return say("batch", "en", "why_total", value=repr(value))


def is_total_reason(reason: str) -> bool:
    """True for ``total_reason``'s text: its row has no unit id, whatever its id cell."""
    return reason.startswith(words("batch", "en")["why_total"].split("{")[0])
