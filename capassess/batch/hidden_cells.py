"""Rows and columns hidden in a sheet (XLSX; ODS through ``ods_sheet``, XLS through
``xls_facts``): read like the others, and named in a note.

A head office scores every branch a sheet holds. Rows are hidden to look at some of
them (a filter on one region, rows collapsed under a heading), seldom to leave them
out; dropping them would lose answers without a word, and Excel's own CSV export keeps
them too. So hidden rows and columns are read, and a note names the hidden rows that
hold something (and says when a filter hid them) and the hidden columns read, so that
whoever hid rows to leave them out sees it and deletes them instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from capassess.batch.header_rows import LISTED
from capassess.batch.table import Layout
from capassess.batch.unit_text import is_blank
from capassess.batch.xlsx_writer import column_letter
from capassess.texts import say

Row = tuple[int, list[str]]


class HiddenRows:
    """Counts the rows a sheet hides among those read, keeping the first few numbers."""

    def __init__(self, path: str, hidden: set[int]) -> None:
        self.path = path
        self.hidden = hidden
        """Numbers of hidden rows the sheet's reader has seen and no one has taken yet."""
        self.listed: list[int] = []
        self.count = 0

    def watch(self, rows: Iterator[Row]) -> Iterator[Row]:
        """``rows``, counting those hidden that hold a cell."""
        for number, cells in rows:
            if self.hidden and number in self.hidden:
                self.hidden.discard(number)
                if not all(is_blank(c) for c in cells):
                    self.count += 1
                    if len(self.listed) < LISTED:
                        self.listed.append(number)
            yield number, cells

    def note(self, filtered: bool) -> tuple[str, ...]:
        """The note naming the hidden rows read, if any were."""
        if not self.count:
            return ()
        rows = ", ".join(f"{self.path}:{n}" for n in self.listed)
        more = self.count - len(self.listed)
        if more > 0:
            rows = say("batch", "en", "say_more", places=rows, n=more)
        key = "note_filtered_rows" if filtered else "note_hidden_rows"
        return (say("batch", "en", key, places=rows),)


def hidden_columns_note(hidden: set[int], layout: Layout, header: list[str]) -> tuple[str, ...]:
    """The note naming the hidden columns (0-based ``hidden``) that are read."""
    read = {layout.id, *layout.groups.values(), *layout.questions.values()}
    if layout.name is not None:
        read.add(layout.name)
    shown = [f"{column_letter(i)} ({header[i].strip()!r})" for i in sorted(hidden & read)
             if i < len(header)]  # fmt: skip
    if not shown:
        return ()
    return (say("batch", "en", "note_hidden_columns", columns=", ".join(shown[:LISTED])),)
