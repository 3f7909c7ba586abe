"""Cells of an XLSX sheet as CSV text: references, number formats, merged ranges.

Used by ``xlsx_sheet``, which streams the ``<row>`` elements these read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from xml.etree.ElementTree import Element

from capassess.batch.unit_text import is_blank

MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def local(tag: str) -> str:
    """The tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def texts(node: Element) -> Iterator[str]:
    """The text of a string item (``<si>``, ``<is>``): its ``<t>`` and the ``<t>`` of its
    rich-text runs (``<r>``); a phonetic reading (``<rPh>``, the kana Excel keeps beside
    East Asian text) is no part of it."""
    for child in node:
        tag = local(child.tag)
        if tag == "t":
            if child.text:
                yield child.text
        elif tag == "r":
            yield from (t.text for t in child if local(t.tag) == "t" and t.text)


def column_index(letters: str) -> int:
    """``A`` is 0, ``XFD`` 16383."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def parse_ref(ref: str) -> tuple[int, int]:
    """(row number, column index) of ``B7``: (7, 1)."""
    found = REF.fullmatch(ref)
    if found is None:
        raise ValueError(f"bad cell reference {ref!r}")
    return int(found.group(2)), column_index(found.group(1))


def percent_text(value: float) -> str:
    """0.45 as ``45%``, exactly as the figure Excel shows (no binary rounding noise)."""
    scaled = Decimal(repr(value)).scaleb(2).normalize()
    return f"{scaled:f}%"


class Merges:
    """Fills each merged range's value down its first column, into the rows that have
    content of their own: a group merged over spare empty rows below the last unit
    leaves those rows blank (skipped), not rows of a group and no unit id."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        self.starts: dict[int, list[tuple[int, int]]] = {}
        for r1, r2, c1, _ in ranges:
            if r2 > r1:
                self.starts.setdefault(r1, []).append((c1, r2))
        self.active: dict[int, tuple[int, str]] = {}

    def fill(self, number: int, cells: list[str], width: int = MAX_COLUMNS) -> list[str]:
        """``cells`` of row ``number`` with merged values filled in (left of ``width``)."""
        if not self.starts and not self.active:
            return cells
        own: bool | None = None  # found before the first fill, when one is due
        for column, (last, value) in list(self.active.items()):
            if number > last:
                del self.active[column]
                continue
            if column >= width:
                continue
            if own is None:
                own = any(not is_blank(c) for c in cells)
            if not own:
                continue
            if column >= len(cells):
                cells += [""] * (column + 1 - len(cells))
            if not cells[column]:
                cells[column] = value
        for column, last in self.starts.pop(number, ()):
            self.active[column] = (last, cells[column] if column < len(cells) else "")
        return cells


class CellReader:
    """Turns ``<c>`` elements into text, by type and number format."""

    def __init__(self, shared: list[str], styles: list[str], date1904: bool) -> None:
        self.shared, self.styles = shared, styles
        self.epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
        self.next_row = 1
        self.width = MAX_COLUMNS
        """Cells right of this many columns are skipped (set once the header is known)."""
        self.watched: frozenset[int] = frozenset()
        """Columns (id, name, groups) where a formula without a stored value is noted."""
        self.formulas: dict[int, list[int]] = {}
        """Row number -> watched columns holding a formula without a stored value."""
        self._unvalued = False

    def row(self, node: Element) -> tuple[int, list[str]]:
        """The row number and text cells of a ``<row>`` element."""
        number = int(node.get("r") or self.next_row)
        if not 1 <= number <= MAX_ROWS:
            raise ValueError(f"row number {number} beyond Excel's {MAX_ROWS:,} rows")
        self.next_row = number + 1
        cells: list[str] = []
        for cell in node:
            ref = cell.get("r")
            column = parse_ref(ref)[1] if ref else len(cells)
            if column >= MAX_COLUMNS:
                raise ValueError(f"cell {ref} beyond Excel's {MAX_COLUMNS:,} columns")
            if column >= self.width:
                continue
            if column >= len(cells):
                cells += [""] * (column - len(cells) + 1)
            cells[column] = self.text(cell)
        if self._unvalued:
            self._note_formulas(number, node)
        return number, cells

    def _note_formulas(self, number: int, node: Element) -> None:
        """Note the watched cells of row ``number`` that hold a formula and no value."""
        self._unvalued = False
        found = []
        for index, cell in enumerate(node):
            ref = cell.get("r")
            column = parse_ref(ref)[1] if ref else index
            if column in self.watched and _unvalued(cell):
                found.append(column)
        if found:
            self.formulas[number] = found

    def text(self, cell: Element) -> str:
        """One cell as text."""
        kind = cell.get("t", "n")
        value = formula = None
        inline: list[str] = []
        for child in cell:
            tag = local(child.tag)
            if tag == "v":
                value = child.text or ""
            elif tag == "f":
                formula = child.text or "(formula)"
            elif tag == "is":
                inline += texts(child)
        if kind == "inlineStr":
            return "".join(inline)
        if value is None or (not value and kind == "n"):  # openpyxl writes <v/> for none
            if formula is None:
                return ""
            self._unvalued = True
            return f"={formula}"
        if kind == "s":
            index = int(value)
            return self.shared[index] if 0 <= index < len(self.shared) else ""
        if kind == "b":
            return "true" if value.strip() in ("1", "true") else "false"
        if kind in ("str", "e", "d"):
            return value
        return self._number(value, cell.get("s"))

    def _number(self, value: str, style: str | None) -> str:
        try:
            figure = float(value)
        except ValueError:
            return value
        kind = self.styles[int(style)] if style and int(style) < len(self.styles) else ""
        if kind == "percent":
            return percent_text(figure)
        if kind == "date" and 0 <= figure < 2_958_466:
            # to the millisecond, as Excel keeps times: 08:30 is stored as 0.35416666...
            moment = self.epoch + dt.timedelta(milliseconds=round(figure * 86_400_000))
            return moment.date().isoformat() if figure.is_integer() else moment.isoformat()
        return str(int(figure)) if figure.is_integer() and abs(figure) < 1e15 else repr(figure)


def _unvalued(cell: Element) -> bool:
    """True for a ``<c>`` with a formula and no stored value (as ``CellReader.text``)."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return False
    children = {local(child.tag): child for child in cell}
    value = children["v"].text or "" if "v" in children else None
    return "f" in children and (value is None or (not value and kind == "n"))
