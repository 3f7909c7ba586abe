"""Write small ODS workbooks for the batch tests, as LibreOffice and WPS write them."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


@dataclass(frozen=True)
class Percent:
    """A number cell formatted as a percentage: 0.45 shown as 45%."""

    value: float


@dataclass(frozen=True)
class Error:
    """A cell whose formula gives an error, as LibreOffice saves it."""

    text: str


def _cell(value: Any, span: int, as_text: bool = False) -> str:
    spanned = f' table:number-rows-spanned="{span}"' if span > 1 else ""
    if isinstance(value, Percent):
        return (f'<table:table-cell{spanned} office:value-type="percentage" office:value='
                f'"{value.value!r}" calcext:value-type="percentage"><text:p>{value.value:.0%}'
                "</text:p></table:table-cell>")  # fmt: skip
    if isinstance(value, Error):
        return (f'<table:table-cell{spanned} table:formula="of:=1/0" office:value-type="string" '
                'office:string-value="" calcext:value-type="error">'
                f"<text:p>{value.text}</text:p></table:table-cell>")  # fmt: skip
    if value is None or value == "":
        return f"<table:table-cell{spanned}/>"
    if isinstance(value, (int, float)) and not as_text:
        return (f'<table:table-cell{spanned} office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")  # fmt: skip
    return (f'<table:table-cell{spanned} office:value-type="string">'
            f"<text:p>{escape(str(value))}</text:p></table:table-cell>")  # fmt: skip


def _table(
    name: str, lines: list[list[Any]], spans: dict[tuple[int, int], int], as_text: bool
) -> str:
    covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}
    rows = []
    for r, line in enumerate(lines):
        cells = ["<table:covered-table-cell/>" if (r, c) in covered
                 else _cell(v, spans.get((r, c), 1), as_text) for c, v in enumerate(line)]  # fmt: skip
        rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    return f'<table:table table:name="{name}">{"".join(rows)}</table:table>'


def write_ods(
    path: Path,
    lines: list[list[Any]],
    spans: dict[tuple[int, int], int] | None = None,
    sheets: tuple[str, ...] = ("data",),
) -> Path:
    """An ODS file whose sheet ``sheets[0]`` holds ``lines`` (other sheets are empty);
    ``spans``: (row, column) from 0 -> rows merged down from that cell (the cells it
    covers are written as covered cells, as LibreOffice writes them)."""
    tables = [_table(sheets[0], lines, spans or {}, as_text=False)]
    tables += [_table(name, [[None]], {}, as_text=False) for name in sheets[1:]]
    return _save(path, tables)


def write_ods_sheets(path: Path, sheets: list[tuple[str, list[list[Any]]]]) -> Path:
    """An ODS file of several sheets, each (name, lines), every cell a text cell."""
    return _save(path, [_table(name, lines, {}, as_text=True) for name, lines in sheets])


def _save(path: Path, tables: list[str]) -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f"{''.join(tables)}</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path
