"""Which sheet of a workbook holds the units: one rule for XLSX, XLS and ODS.

A sheet *fits* when its header row (its first row, or the first of its first rows that
is one, below title rows: ``header_rows``) has an ``id`` cell and at least one question
column (any case); it *holds data* when a row below that header (the ``#label`` row aside) has
a cell filled in the columns batch reads (id, the columns left of the first question,
the questions). A workbook yields one sheet, and no sheet's rows are dropped unsaid:

- the one visible sheet that fits and holds data is read, whatever its name (the
  template's ``data``, or ``Sheet1`` where rows were pasted beside a blank ``data``,
  which a note then says);
- when several visible sheets do, the workbook is refused (exit 2), naming them: put
  the rows on one sheet, or save each sheet as its own file;
- a hidden sheet is read only when no visible sheet holds data, and a note names it;
  hidden sheets that hold data beside a visible one that does are named in a note as
  not read (last year's answers, kept hidden);
- when no sheet holds data (a blank template), the sheet called ``data`` (any case),
  else the first visible sheet that fits, else the first that fits, else the first
  whose first row has an ``id`` cell, else the first sheet, with a note naming the
  sheets: the run then says there is nothing to score, or what is wrong with its
  header.

The template's own other sheets (``questions``, the hidden ``lists``) have no ``id``
header and never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from capassess.batch.header_rows import header_cells, split_header
from capassess.batch.table import is_label_cell
from capassess.batch.unit_text import is_blank
from capassess.errors import InputError
from capassess.records import record
from capassess.texts import say

DATA = "data"


@record
class SheetFacts:
    """What a glance at a sheet's first rows tells."""

    name: str
    visible: bool
    has_id: bool = False
    fits: bool = False
    holds_data: bool = False


def glance(
    name: str, visible: bool, rows: Iterator[list[str]], questions: Iterable[str]
) -> SheetFacts:
    """The facts of the sheet ``name`` whose rows (text cells) are ``rows``; reads up to
    its first data row. ``questions``: the question ids, casefolded."""
    known = frozenset(questions)
    _, found, below = split_header(enumerate(rows), known)
    header = header_cells(found[1] if found else [], known)
    asked = [i for i, cell in enumerate(header) if cell in known]
    if "id" not in header or not asked:
        return SheetFacts(name, visible, "id" in header)
    at = header.index("id")
    read = sorted({at, *range(asked[0]), *asked})
    for i, (_, cells) in enumerate(below):
        if i == 0 and at < len(cells) and is_label_cell(cells[at]):
            continue
        if any(j < len(cells) and not is_blank(cells[j]) for j in read):
            return SheetFacts(name, visible, True, True, True)
    return SheetFacts(name, visible, True, True, False)


@record
class Choice:
    """The sheet to read, the notes to give, and, when no sheet holds data, the sheet
    read and every sheet (quoted, for the message that there is nothing to score)."""

    index: int
    notes: tuple[str, ...] = ()
    blank: tuple[str, str] | None = None


def choose(facts: list[SheetFacts], path: str) -> Choice:
    """The sheet to read; ``InputError`` when several sheets hold data and none may be
    preferred."""
    holding = [i for i, f in enumerate(facts) if f.holds_data]
    visible = [i for i in holding if facts[i].visible]
    hidden = [i for i in holding if not facts[i].visible]
    pool = visible or hidden
    if len(pool) > 1:
        names = ", ".join(repr(facts[i].name) for i in pool)
        raise InputError.at(say("batch", "en", "fail_sheets", sheets=names), path)
    if not pool:
        chosen = _fallback(facts)
        blank = (repr(facts[chosen].name), ", ".join(repr(f.name) for f in facts))
        note = say("batch", "en", "note_no_data", sheet=blank[0], sheets=blank[1])
        return Choice(chosen, (note,), blank)
    chosen = pool[0]
    name = repr(facts[chosen].name)
    notes = []
    if not visible:
        notes.append(say("batch", "en", "note_sheet_hidden", sheet=name))
    elif hidden:
        names = ", ".join(repr(facts[i].name) for i in hidden)
        notes.append(say("batch", "en", "note_sheets_unread", sheets=names))
    named = next((i for i, f in enumerate(facts) if _is_data(f)), None)
    if named is not None and named != chosen and not facts[named].holds_data:
        blank_sheet = repr(facts[named].name)
        notes.append(say("batch", "en", "note_sheet_other", blank=blank_sheet, sheet=name))
    return Choice(chosen, tuple(notes))


def _is_data(facts: SheetFacts) -> bool:
    return facts.name.strip().casefold() == DATA


def _fallback(facts: list[SheetFacts]) -> int:
    """The sheet whose header the run should show when no sheet holds data."""
    for wanted in (_is_data, lambda f: f.fits and f.visible, lambda f: f.fits,
                   lambda f: f.has_id):  # fmt: skip
        found = next((i for i, f in enumerate(facts) if wanted(f)), None)
        if found is not None:
            return found
    return 0
