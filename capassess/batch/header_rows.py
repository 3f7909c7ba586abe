"""Find the header row under title rows, and rows that repeat the header further down.

Real branch sheets seldom start with the header: a title merged across the top (``XX分行
金融科技能力评估表``), a line such as ``标题,,,,`` or a few blank rows come first. The
header is the first of the first ``SEARCHED`` rows that has an ``id`` cell and at least
one question column, matched as ``resolve_layout`` matches them (blanks trimmed, any
case); the rows above it are skipped, and a note names each (``file:row``). When no
row is such a header, the first row is taken for one, and the run says what is wrong
with it, as before.

Sheets pasted together from several branches' copies, or printed with a title on every
page, repeat the header (and the template's ``#label`` row) among the data rows: such a
row is no unit, and is skipped with a note, not rejected as the unit ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain, islice
from typing import TYPE_CHECKING

from capassess.batch.header_names import header_key
from capassess.batch.table import ID, LABEL_MARKER, NAME, Chunk, Layout
from capassess.batch.unit_text import is_blank
from capassess.texts import say

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

SEARCHED = 10
"""How many rows from the top may hold the header."""
SHOWN = 40
"""Most characters of a skipped row's text a note quotes."""
LISTED = 10
"""Most rows a note lists one by one."""

Row = tuple[int, list[str]]


def header_cells(cells: Sequence[str], questions: Iterable[str]) -> list[str]:
    """The cells of a header row as they are matched (``header_names``; ``questions``:
    the question ids, casefolded)."""
    known = {ID, NAME, *questions}
    return [header_key(cell, known) for cell in cells]


def is_header(cells: Sequence[str], questions: Iterable[str]) -> bool:
    """True if ``cells`` have an ``id`` cell and a question column (``questions``:
    the question ids, casefolded)."""
    known = frozenset(questions)
    header = header_cells(cells, known)
    return ID in header and not set(header).isdisjoint(known)


def split_header(
    rows: Iterator[Row], questions: Iterable[str]
) -> tuple[list[Row], Row | None, Iterator[Row]]:
    """(rows above the header, the header, the rows below it) of numbered ``rows``; with
    no header among the first ``SEARCHED`` rows, the first row is the header."""
    known = frozenset(questions)
    seen: list[Row] = []
    for row in islice(rows, SEARCHED):
        if is_header(row[1], known):
            return seen, row, rows
        seen.append(row)
    if not seen:
        return [], None, rows
    return [], seen[0], chain(seen[1:], rows)


def quoted_rows(path: str, rows: Iterable[Row]) -> str:
    """``path:row`` of each row, with its first text quoted (cut to ``SHOWN``)."""
    said = []
    for number, cells in rows:
        text = next((c.strip() for c in cells if not is_blank(c)), "")
        text = text if len(text) <= SHOWN else f"{text[: SHOWN - 1]}…"
        said.append(f"{path}:{number}" + (f" {text!r}" if text else ""))
    return ", ".join(said)


def title_note(path: str, above: list[Row], header: int, sheet: str | None = None) -> str:
    """The note that the rows ``above`` the header (row ``header``) were skipped."""
    rows = quoted_rows(path, above)
    if sheet is None:
        return say("batch", "en", "note_title_rows", row=header, rows=rows)
    return say("batch", "en", "note_title_rows_sheet", sheet=repr(sheet), row=header, rows=rows)


def is_repeated_header(cells: Sequence[str], layout: Layout) -> bool:
    """True if ``cells`` (a data row) repeat the header or the ``#label`` row, their
    names dressed or not (``ＩＤ``, ``id（机构号）``, ``＃label``): the id cell is
    ``#label``, or ``id`` in a row that is a header (``is_header``: another file's
    header joined on may have its columns elsewhere)."""
    if len(cells) <= layout.id:
        return False
    key = header_key(cells[layout.id], {ID, LABEL_MARKER})
    if key == LABEL_MARKER:
        return True
    return key == ID and is_header(cells, {q.casefold() for q in layout.questions})


MAY_BE_HEADER = r"^(?:[iIｉＩ][dDｄＤ]|[#＃])"
"""How an id cell that may be ``id`` or ``#label`` (in any width or case) begins: only
such rows are looked at closely."""


def repeated_rows(chunk: Chunk) -> npt.NDArray[np.bool_]:
    """Which rows of ``chunk`` (ids trimmed) repeat the header or the ``#label`` row."""
    import numpy as np
    import pyarrow.compute as pc

    found = np.zeros(len(chunk), dtype=bool)
    maybe = pc.fill_null(pc.match_substring_regex(chunk.ids, MAY_BE_HEADER), False)
    for i in maybe.to_numpy(zero_copy_only=False).nonzero()[0].tolist():
        key = header_key(chunk.ids[i].as_py(), {ID, LABEL_MARKER})
        if key == LABEL_MARKER:
            found[i] = True
        elif key == ID:
            found[i] = any(header_key(cells[i].as_py(), {q.casefold()}) == q.casefold()
                           for q, cells in chunk.cells.items())  # fmt: skip
    return found


def without_rows(chunk: Chunk, drop: npt.NDArray[np.bool_]) -> Chunk:
    """``chunk`` without the rows ``drop`` marks (its problems' row indexes moved)."""
    import numpy as np
    import pyarrow as pa

    keep = pa.array(~drop)
    index = np.cumsum(~drop) - 1
    problems = tuple((int(index[i]), *rest) for i, *rest in chunk.problems if not drop[i])
    return replace(
        chunk,
        rows=chunk.rows[~drop],
        ids=chunk.ids.filter(keep),
        names=chunk.names.filter(keep),
        groups={g: c.filter(keep) for g, c in chunk.groups.items()},
        cells={q: c.filter(keep) for q, c in chunk.cells.items()},
        files=None if chunk.files is None else tuple(f for f, d in zip(chunk.files, drop,
                                                                      strict=True) if not d),
        problems=problems,  # type: ignore[arg-type]
    )  # fmt: skip


class RepeatedHeaders:
    """Takes rows that repeat the header out of a source's chunks, and says which."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.rows: set[int] = set()

    def drop(self, chunk: Chunk) -> Chunk:
        """``chunk`` without its rows that repeat the header."""
        found = repeated_rows(chunk)
        if not found.any():
            return chunk
        self.rows.update(int(n) for n in chunk.rows[found])
        return without_rows(chunk, found)

    def note(self) -> tuple[str, ...]:
        """The note naming the rows taken out, if any were."""
        if not self.rows:
            return ()
        listed = ", ".join(f"{self.path}:{n}" for n in sorted(self.rows)[:LISTED])
        more = len(self.rows) - LISTED
        if more > 0:
            return (say("batch", "en", "note_header_again_more", rows=listed, n=more),)
        return (say("batch", "en", "note_header_again", rows=listed),)
