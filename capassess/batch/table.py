"""The shape of batch input: header layouts, chunks of raw cells, rejected rows.

A header row holds ``id``, optionally ``name``, group columns (such as ``region``), then
one column per question id; names are matched in any case (``ID``, ``Name``), width and
dress (``ｉｄ``, ``id（机构号）``: ``header_names``). Columns
left of the first question column that are not ``id`` or ``name`` are group columns;
columns right of it that are no question id are unknown: reported, and ignored, unless
``--group-by`` names one (``with_group``); so is a column of row numbers (``序号``).
Right below the header, a row whose ``id`` cell is ``#label`` is the template's label
row (question texts for people) and is skipped.
Ids, names and group cells are trimmed and cleaned as ``unit_text`` says (zero-width
characters, ``="0012"``, a leading apostrophe).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from capassess.batch.header_names import header_key
from capassess.batch.unit_text import answer_cells, cleaned
from capassess.errors import InputError, Problem
from capassess.model.questionnaire import Questionnaire
from capassess.records import record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

LABEL_MARKER = "#label"
ROW_NUMBERS = frozenset({"序号", "行号", "no", "no.", "#", "seq"})
"""Header names of a column of row numbers (casefolded)."""
ID, NAME = "id", "name"
RESERVED = frozenset({"rank", "rank_value", "overall", "overall_level", "source", "row",
                      "answered", "not_applicable", "missing"})  # fmt: skip


@record
class Rejection:
    """One reason why one input row was not scored (or, when lenient, one ignored cell)."""

    source: str
    row: int | None
    unit: str
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class Layout:
    """Which input column (by position) plays which part."""

    id: int
    name: int | None
    groups: dict[str, int]
    questions: dict[str, int]
    absent: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    others: dict[str, int] = field(default_factory=dict)
    """Position of each unknown column."""


@record
class Chunk:
    """Rows of one source with their raw cells as text (blank = empty string).

    ``rows`` are the row numbers a spreadsheet shows (the header is row 1); 0 for a row
    that is a whole answers file.
    """

    source: str
    rows: npt.NDArray[np.int64]
    ids: pa.Array
    names: pa.Array
    groups: dict[str, pa.Array]
    cells: dict[str, pa.Array]
    files: tuple[str, ...] | None = None
    """For a folder of answers files: the file of each row."""
    problems: tuple[tuple[int, str, str, str], ...] = ()
    """(row index, column, value, reason) of id, name and group cells the reader found
    to be no text (an XLSX formula without a stored value): each rejects its row."""
    decimal_comma: bool = False
    """The source writes decimals with commas (a CSV separated by semicolons), so a point
    in a figure may group thousands (``thousand_points``)."""

    def __len__(self) -> int:
        return len(self.rows)

    def origin(self, row: int) -> str:
        """The file the row at index ``row`` came from."""
        return self.files[row] if self.files else self.source


@dataclass
class Batch:
    """What a source yields: a chunk, rows it refused outright, and progress."""

    chunk: Chunk | None
    rejections: list[Rejection] = field(default_factory=list)
    rejected_rows: int = 0
    blank_rows: int = 0
    done: int = 0


class Source(Protocol):
    """One input: a CSV or XLSX file, or a folder of answers files."""

    path: str
    kind: str
    encoding: str | None
    unknown: tuple[str, ...]
    size: int

    def batches(self) -> Iterator[Batch]:
        """Yield the input in chunks; ``Batch.done`` counts progress towards ``size``."""


def resolve_layout(
    header: Sequence[str],
    questionnaire: Questionnaire,
    source: str,
    *,
    lenient: bool = False,
    row: int | None = None,
) -> Layout:
    """Give each header cell its part; ``InputError`` listing every problem of the header
    (placed at ``row``, when the header is not the first row)."""
    names = _canonical([h.strip() for h in header], questionnaire)
    questions = {q.id for _, _, q in questionnaire.questions()}
    problems = [f"column {n!r} appears more than once" for n in _repeated(names)]
    position = {n: i for i, n in reversed(list(enumerate(names)))}
    if ID not in position:
        problems.append(f"no {ID!r} column; the header is: {', '.join(names) or '(empty)'}")
    groups, others = _groups_and_others(names, questions)
    clash = sorted(set(groups) & (RESERVED | _node_ids(questionnaire)))
    problems += [f"group column {n!r} clashes with a result column; rename it" for n in clash]
    absent = [q for q in _question_order(questionnaire) if q not in position]
    if absent and not lenient:
        problems.append(
            f"missing question columns: {', '.join(absent)}; add them (blank cells are "
            "missing answers), or pass --lenient to treat them as blank"
        )
    if problems:
        line = row if row != 1 else None
        raise InputError(problems[0], tuple(Problem(p, (), source, line) for p in problems))
    unknown = tuple(others)
    return Layout(
        id=position[ID],
        name=position.get(NAME),
        groups=groups,
        questions={q: position[q] for q in _question_order(questionnaire) if q in position},
        absent=tuple(absent),
        unknown=unknown,
        others=others,
    )


def _groups_and_others(
    names: list[str], questions: set[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """The group columns (left of the first question column) and the unknown ones (right
    of it, and a row-number column such as ``序号`` anywhere: numbers typed down a sheet
    before it was filled in make no group, nor its spare rows units)."""
    first = min((i for i, n in enumerate(names) if n in questions), default=len(names))
    numbers = {n: i for i, n in enumerate(names[:first]) if _is_row_number(n)}
    groups = {n: i for i, n in enumerate(names[:first])
              if n not in (ID, NAME) and n and n not in numbers}  # fmt: skip
    others = {n: first + i for i, n in enumerate(names[first:]) if n and n not in questions}
    return groups, {**numbers, **others}


def _is_row_number(name: str) -> bool:
    return header_key(name, ROW_NUMBERS) in ROW_NUMBERS


def _canonical(names: list[str], questionnaire: Questionnaire) -> list[str]:
    """``ID``, ``Name`` and question ids in another case, width or dress (``ｉｄ``,
    ``id（机构号）``: ``header_names``) as the names they stand for."""
    known = {n.casefold(): n for n in (ID, NAME, *_question_order(questionnaire))}
    return [known.get(header_key(n, known), n) for n in names]


def with_group(layout: Layout, name: str) -> Layout | None:
    """``layout`` with the unknown column ``name`` (any case) as a group column, or
    ``None`` if there is no such column."""
    found = next((n for n in layout.others if n.casefold() == name.casefold()), None)
    if found is None:
        return None
    return replace(
        layout,
        groups={**layout.groups, name: layout.others[found]},
        unknown=tuple(u for u in layout.unknown if u != found),
        others={n: i for n, i in layout.others.items() if n != found},
    )


def _repeated(names: list[str]) -> list[str]:
    counts = Counter(n for n in names if n)
    return [n for n, k in counts.items() if k > 1]


def _question_order(questionnaire: Questionnaire) -> list[str]:
    return [q.id for _, _, q in questionnaire.questions()]


def _node_ids(questionnaire: Questionnaire) -> set[str]:
    nodes = {d.id for d in questionnaire.sections()}
    nodes |= {c.id for _, c in questionnaire.capabilities()}
    return nodes | {f"{n}_level" for n in nodes}


def column_label(source: object, name: str | None) -> str | None:
    """The label row's text for the group column ``name`` of ``source``, if it has one
    that differs from the name (the template's label row names each column in words)."""
    record = getattr(source, "label_record", None)
    layout = getattr(source, "layout", None)
    if not name or record is None or layout is None or name not in layout.groups:
        return None
    index = layout.groups[name]
    text = str(record[index] or "").strip() if index < len(record) else ""
    return text if text and text.casefold() != name.casefold() else None


def is_label_cell(text: object) -> bool:
    """True if ``text`` is ``#label``, the label row's mark, as header names are read
    (any case or width, a note after it: ``＃LABEL``, ``#label（题目）``)."""
    return header_key(text, {LABEL_MARKER}) == LABEL_MARKER


def is_label_row(cells: Sequence[object], layout: Layout) -> bool:
    """True if ``cells`` (a row right below the header) is the template's label row."""
    return len(cells) > layout.id and is_label_cell(cells[layout.id])


def needed_width(layout: Layout) -> int:
    """How many leading columns hold every column ``layout`` reads."""
    used = [layout.id, *layout.groups.values(), *layout.questions.values()]
    return 1 + max(used + ([layout.name] if layout.name is not None else []))


def text_chunk(source: str, rows: list[int], records: list[list[str]], layout: Layout) -> Chunk:
    """A chunk from rows of text cells (short rows are padded with blanks; cells right of
    the last column read are dropped, so a stray cell at XFD costs nothing)."""
    import numpy as np
    import pyarrow as pa

    width = needed_width(layout)
    padded = [r[:width] + [""] * (width - len(r)) for r in records]
    columns = [list(c) for c in zip(*padded, strict=True)] if padded else [[]] * width
    return columnar_chunk(
        source, np.asarray(rows, dtype=np.int64), [pa.array(c, pa.string()) for c in columns],
        layout,
    )  # fmt: skip


def columnar_chunk(
    source: str,
    rows: npt.NDArray[np.int64],
    columns: Sequence[pa.Array],
    layout: Layout,
    decimal_comma: bool = False,
) -> Chunk:
    """A chunk from input columns by position; trims ids, names and groups."""
    import pyarrow as pa
    import pyarrow.compute as pc

    blank = pa.array([""] * len(rows), pa.string())

    def text(i: int | None, trim: bool) -> pa.Array:
        if i is None or i >= len(columns):
            return blank
        column = pc.fill_null(columns[i], "")
        return cleaned(pc.utf8_trim_whitespace(column)) if trim else column

    cells = {q: answer_cells(text(i, False)) for q, i in layout.questions.items()}
    cells.update({q: blank for q in layout.absent})
    groups = {g: text(i, True) for g, i in layout.groups.items()}
    ids, names = text(layout.id, True), text(layout.name, True)
    return Chunk(source, rows, ids, names, groups, cells, decimal_comma=decimal_comma)
