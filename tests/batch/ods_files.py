"""Write small ODS workbooks for the batch tests, as LibreOffice and WPS write them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _cell(value: Any, span: int) -> str:
    spanned = f' table:number-rows-spanned="{span}"' if span > 1 else ""
    if value is None or value == "":
        return f"<table:table-cell{spanned}/>"
    if isinstance(value, (int, float)):
        return (f'<table:table-cell{spanned} office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")  # fmt: skip
    return (f'<table:table-cell{spanned} office:value-type="string">'
            f"<text:p>{escape(str(value))}</text:p></table:table-cell>")  # fmt: skip


def write_ods(
    path: Path,
    lines: list[list[Any]],
    spans: dict[tuple[int, int], int] | None = None,
    sheets: tuple[str, ...] = ("data",),
) -> Path:
    """An ODS file whose sheet ``sheets[0]`` holds ``lines`` (other sheets are empty);
    ``spans``: (row, column) from 0 -> rows merged down from that cell (the cells it
    covers are written as covered cells, as LibreOffice writes them)."""
    spans = spans or {}
    covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}
    rows = []
    for r, line in enumerate(lines):
        cells = ["<table:covered-table-cell/>" if (r, c) in covered
                 else _cell(v, spans.get((r, c), 1)) for c, v in enumerate(line)]  # fmt: skip
        rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    tables = [f'<table:table table:name="{sheets[0]}">{"".join(rows)}</table:table>']
    tables += [f'<table:table table:name="{name}"><table:table-row><table:table-cell/>'
               "</table:table-row></table:table>" for name in sheets[1:]]  # fmt: skip
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
