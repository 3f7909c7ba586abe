"""Rows swallowed by a quote left open: ``A,"Tai,North,3,...`` with no closing quote.

A CSV cell that opens a quote and never closes it runs on over the lines below, until
some later quote ends it; those lines, other branches' rows, become text inside one
cell, and the row would be scored with them in its name while they vanish unsaid. A
unit's id, name or group cell whose own lines hold as many cells as a row of answers
(split at the delimiter the line has most of) is such a cell: its row is rejected saying
so. A name written on two lines (Alt+Enter), ``太原分行⏎营业部``, holds no such line.
"""

from __future__ import annotations

from capassess.batch.table import Chunk

DELIMITERS = (",", ";", "\t")
SHOWN = 60


def swallowed_rows(chunk: Chunk) -> list[tuple[int, str, str, str]]:
    """(row index, column, value, reason) of each id, name or group cell of ``chunk``
    that holds lines reading as rows of their own."""
    import pyarrow.compute as pc

    wide = len(chunk.cells)  # a row holds at least the question cells, and an id
    out = []
    for column, values in {"id": chunk.ids, "name": chunk.names, **chunk.groups}.items():
        broken = pc.fill_null(pc.match_substring(values, "\n"), False)
        for i in broken.to_numpy(zero_copy_only=False).nonzero()[0].tolist():
            value = values[i].as_py()
            shown = row_like_line(value, wide)
            if shown is not None:
                reason = (f"the {column} holds lines that read as rows of their own "
                          f"({shown}): a quote opened in this row is not closed; close "
                          "it, or remove it")  # fmt: skip
                out.append((i, column, value, reason))
    return out


def row_like_line(text: str, wide: int) -> str | None:
    """The first line after the first of ``text`` that splits into more than ``wide``
    cells, as a reason shows it (quoted, cut to ``SHOWN``), or None."""
    line = next((x for x in text.splitlines()[1:] if _cells(x) > wide), None)
    if line is None:
        return None
    return repr(line if len(line) <= SHOWN else f"{line[: SHOWN - 1]}…")


def _cells(line: str) -> int:
    """How many cells ``line`` splits into at the delimiter it has most of."""
    return 1 + max(line.count(d) for d in DELIMITERS)
