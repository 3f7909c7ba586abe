"""The head of a CSV file of units: its delimiter, its header row and label row.

The header need not be the first line: a title line (``XX分行金融科技能力评估表,,,,``)
or blank lines may come first. The header is found as in a workbook (``header_rows``),
among the first ``SEARCHED`` records, read with Python's csv module from the first
``PEEK`` bytes; the delimiter is the one that makes the best header of those lines.
"""

from __future__ import annotations

import codecs
import csv
import io

from capassess.batch.header_names import header_key
from capassess.batch.header_rows import SEARCHED, is_header
from capassess.errors import InputError
from capassess.records import record
from capassess.yaml_text import looks_binary

PEEK = 1 << 18
DELIMITERS = (",", "\t", ";")


def first_lines(path: str, encoding: str) -> str:
    """The first lines of the file, decoded as well as it goes (for the delimiter only)."""
    with open(path, "rb") as handle:
        raw = b"\n".join(handle.read(PEEK).split(b"\n", SEARCHED)[:SEARCHED])
    return raw.decode(encoding, errors="replace").lstrip("\ufeff")


def delimiter_of(lines: str, ids: set[str]) -> str:
    """The delimiter of a header among ``lines``: the one of comma, tab and semicolon that
    makes, in one line, an ``id`` cell (any case) and most question columns (``ids``:
    the question ids, casefolded); a comma when none does."""
    best, hits = ",", -1
    known = {"id", *ids}
    for line in lines.splitlines() or [""]:
        for delimiter in DELIMITERS:
            cells = {header_key(c.strip().strip('"'), known) for c in line.split(delimiter)}
            found = len(cells & ids) + (len(ids) + 1 if "id" in cells else 0)
            if found > hits:
                best, hits = delimiter, found
    return best


@record
class Head:
    """The records up to the one after the header, the line each ends on, and which
    record is the header."""

    records: list[list[str]]
    ends: list[int]
    header: int


def _text(path: str, encoding: str, shown: str) -> tuple[str, bool]:
    """The first ``PEEK`` bytes decoded, and whether they are the whole file (messages
    name the file ``shown``)."""
    with open(path, "rb") as handle:
        raw = handle.read(PEEK)
        final = len(raw) < PEEK
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError.at(
            "the file is UTF-16 text; save it as UTF-8 (Excel: 'CSV UTF-8') or GB18030", shown, 1
        )
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(raw, final=final)
    except UnicodeDecodeError as exc:
        if looks_binary(raw):
            raise InputError.at("this is a binary file, not CSV text", shown, 1) from None
        raise InputError.at(
            f"not valid {encoding} at byte {exc.start + 1}; pass --encoding", shown, 1
        ) from None
    return text.lstrip("\ufeff"), final


def peek(path: str, encoding: str, delimiter: str, ids: set[str], shown: str = "") -> Head:
    """The records of the file up to the one after its header (``ids``: the question
    ids, casefolded); the first record is the header when none of the first
    ``SEARCHED`` is one. Messages name the file ``shown`` (``path`` if not given)."""
    shown = shown or path
    text, complete = _text(path, encoding, shown)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    ends: list[int] = []
    header: int | None = None
    try:
        for record in reader:
            records.append(record)
            ends.append(reader.line_num)
            if header is None and len(records) <= SEARCHED and is_header(record, ids):
                header = len(records) - 1
            if len(records) == (SEARCHED if header is None else header + 2):
                complete = True
                break
        complete = complete or text.endswith(("\n", "\r"))
    except csv.Error as exc:
        # Only the header must be read here: a later record's trouble is the reader's.
        if header is None and not records:
            raise InputError.at(f"cannot read the header row: {exc}", shown, 1) from None
        complete = True
    return _checked(Head(records, ends, 0 if header is None else header), complete, shown)


def _checked(head: Head, complete: bool, path: str) -> Head:
    """``head``, if its header is whole and not blank."""
    if head.header == 0:  # no header found: as before, the first record is taken for one
        head = Head(head.records[:2], head.ends[:2], 0)
    row = head.header + 1
    if not head.records or not any(c.strip() for c in head.records[head.header]):
        raise InputError.at("the file is empty; expected a header row with 'id'", path, row)
    if not complete:  # the header goes on past what was read: it would be cut
        raise InputError.at(
            f"the header row is longer than {PEEK // 1024} KiB; is this a CSV of units?", path, row
        )
    return head
