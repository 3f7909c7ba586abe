"""Open batch inputs by kind: a CSV or workbook file, or a folder of answers files.

The suffix says a file is a table (``.csv .txt .tsv .xlsx .xlsm .xls .ods``); its first
bytes say which kind it really is, since bank systems often save HTML or tab-separated
text under a ``.xls`` name: a workbook is read as one whatever its suffix, text named
``.xls`` as delimited text (with a note), and anything else named as a workbook is
refused saying what it really is.
"""

from __future__ import annotations

import mmap
import os
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from capassess.batch.answers_dir import AnswersDirSource
from capassess.batch.calamine_reader import CalamineSource
from capassess.batch.csv_reader import CsvSource
from capassess.batch.table import Source, with_group
from capassess.batch.utf16 import utf16_kind
from capassess.batch.xlsx_reader import XlsxSource
from capassess.errors import InputError, Problem
from capassess.model.questionnaire import Questionnaire
from capassess.reading import remember, require_regular
from capassess.texts import say
from capassess.yaml_text import looks_binary

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
HEAD = 4096


def sniff_kind(path: Path) -> str:
    """What the file really is: xlsx, xls, ods, html, xml-spreadsheet, zip, binary, text."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
    except OSError as exc:
        raise InputError.at(f"cannot read the file: {exc.strerror or exc}", str(path)) from None
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(OLE2):
        return _ole_kind(path)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        if b"<html" in text or b"<table" in text or b"<!doctype html" in text:
            return "html"
        if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
            return "xml-spreadsheet"
        return "xml"
    if utf16_kind(head):  # Excel's "Unicode Text", named .xls
        return "text"
    return "binary" if looks_binary(head) else "text"


def _ole_kind(path: Path) -> str:
    """``encrypted`` for a workbook saved with a password to open it (Excel and WPS keep
    an encrypted XLSX in an OLE file whose ``EncryptedPackage`` stream holds it), else
    ``xls``. The stream's name is looked for in the whole file: the directory holding it
    may be anywhere."""
    try:
        with (
            path.open("rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            return "encrypted" if data.find(ENCRYPTED) >= 0 else "xls"
    except (OSError, ValueError):
        return "xls"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and b"spreadsheet" in archive.read("mimetype")[:100]:
                return "ods"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "broken-zip"
    return "zip"


REFUSED = {
    "html": "this is a web page (HTML) saved with a spreadsheet name, as some bank systems "
    "export; open it in Excel or WPS and save it as .xlsx, or export CSV",
    "xml-spreadsheet": "this is an Excel 2003 XML spreadsheet; open it in Excel or WPS and "
    "save it as .xlsx",
    "xml": "this is an XML file, not a workbook; save the data as .xlsx or CSV",
    "zip": "this is a ZIP archive but not an XLSX or ODS workbook",
    "broken-zip": "this is a damaged (cut short?) ZIP file, so no readable workbook",
    "binary": "this is a binary file of unknown kind, not a workbook",
    "text": "this is text, not a workbook; if it is CSV, name it .csv",
    "empty": "the file is empty (0 bytes), not a workbook",
    "encrypted": say("batch", "en", "fail_password"),
}
UNREAD_SUFFIXES = {".xlsb": "fail_xlsb", ".numbers": "fail_numbers"}
"""Workbooks of kinds batch does not read, and what to save them as."""


def open_source(
    path: str | Path, questionnaire: Questionnaire, *, encoding: str | None, lenient: bool
) -> Source:
    """The source at ``path``; ``InputError`` if it is missing, of unknown kind or unreadable."""
    where = Path(path)
    if where.is_dir():
        return AnswersDirSource(where, questionnaire)
    if not os.path.lexists(where):
        raise InputError.at("no such file or folder", str(path))
    remember(where, require_regular(where))  # a FIFO or device would block or never end
    suffix = where.suffix.lower()
    if suffix in UNREAD_SUFFIXES:
        raise InputError.at(say("batch", "en", UNREAD_SUFFIXES[suffix], suffix=suffix), str(path))
    if suffix not in CSV_SUFFIXES + WORKBOOK_SUFFIXES:
        raise InputError.at(
            f"cannot tell the kind of input from {suffix or 'no suffix'!r}; give a .csv, "
            ".tsv, .txt, .xlsx, .xls or .ods file, or a folder of answers files",
            str(path),
        )
    kind = "empty" if where.stat().st_size == 0 else sniff_kind(where)
    if kind == "xlsx":
        return XlsxSource(where, questionnaire, lenient=lenient)
    if kind in ("xls", "ods"):
        return CalamineSource(where, questionnaire, kind=kind, lenient=lenient)
    if suffix in CSV_SUFFIXES:  # the CSV reader tells binary, UTF-16 and NUL bytes itself
        return CsvSource(where, questionnaire, encoding=encoding, lenient=lenient)
    if kind == "text" and suffix == ".xls":  # "export to Excel" of many bank systems
        source = CsvSource(where, questionnaire, encoding=encoding, lenient=lenient)
        source.notes += (f"the {suffix} file is delimited text, not a workbook; read as such",)
        return source
    raise InputError.at(f"cannot read as {suffix[1:].upper()}: {REFUSED[kind]}", str(path))


def open_sources(
    paths: Sequence[str | Path],
    questionnaire: Questionnaire,
    *,
    encoding: str | None = None,
    lenient: bool = False,
    group_by: str | None = None,
) -> list[Source]:
    """Open every input, and report the problems of all of them at once."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            sources.append(open_source(path, questionnaire, encoding=encoding, lenient=lenient))
        except InputError as exc:
            problems += exc.problems or [Problem(exc.message, (), str(path))]
    for source in sources:
        if group_by and not _find_group(source, group_by):
            groups = source.layout.groups  # type: ignore[attr-defined]
            known = ", ".join(groups) or "none"
            problems.append(
                Problem(f"no group column {group_by!r} (group columns: {known})", (), source.path)
            )
    if problems:
        raise InputError(problems[0].message, tuple(problems))
    return sources


def _find_group(source: Source, name: str) -> bool:
    """True if ``source`` has the group column ``name``, taken from anywhere in the header
    and in any case; the source's layout then calls it ``name``."""
    layout = getattr(source, "layout", None)
    if layout is None or not hasattr(layout, "groups"):
        return True
    if name in layout.groups:
        return True
    same = next((g for g in layout.groups if g.casefold() == name.casefold()), None)
    if same is not None:
        groups = {name if g == same else g: i for g, i in layout.groups.items()}
        source.layout = replace(layout, groups=groups)  # type: ignore[attr-defined]
        return True
    moved = with_group(layout, name)
    if moved is None:
        return False
    source.layout = moved  # type: ignore[attr-defined]
    source.unknown = moved.unknown
    return True


def nothing_to_score(inputs: Sequence[str | Path], sources: Sequence[Source]) -> InputError:
    """The error of a run whose inputs hold no data row; a lone workbook's names the
    sheet read and every sheet (``sheet_choice``)."""
    where = ", ".join(str(i) for i in inputs)
    blank = getattr(sources[0], "blank_sheets", None) if len(sources) == 1 else None
    if blank is None:
        return InputError.at(say("batch", "en", "fail_no_rows"), where)
    sheet, sheets = blank
    return InputError.at(say("batch", "en", "fail_no_rows_sheets", sheet=sheet, sheets=sheets),
                         where)  # fmt: skip
