"""Files as Excel and WPS really save them, each read as its plain CSV twin.

Excel's "Unicode Text (*.txt)" (tab-delimited UTF-16 LE with a BOM; big-endian or
without a BOM from other tools), CSV from a European-locale Excel (semicolons, decimal
commas), Excel's ``sep=`` first line, old Mac line ends (CR only), a sheet formatted far
below its data, hidden rows and columns, an AutoFilter, header cells in rich text or with
a line break. Scores, rejections and row numbers must be the twin's, and a note must say
what was read as what. Accounting holds: scored + rejected = rows read.
"""

from __future__ import annotations

import codecs
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import PatternFill

from capassess.batch.utf16 import utf16_kind
from tests.batch.helpers import read_csv, write_csv
from tests.batch.ods_files import write_ods
from tests.batch.test_real_sheets import HEADER, PLAIN, Case, _batch, _rows, _text, _with

TABS = _with(PLAIN, delimiter="\t")
EURO = _rows((1, 6, "3,5"), (2, 6, "62,5"))
"""Decimal commas: a semicolon-delimited file leaves them unquoted."""


def _book(path: Path, shape: Any = None, header: list[Any] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(header or HEADER)
    for row in PLAIN:
        sheet.append(row)
    if shape is not None:
        shape(sheet)
    book.save(path)
    return path


def _formatted_below(sheet: Any) -> None:
    """Fill A5:Z2000 with a colour, as when a whole block is formatted in advance."""
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in sheet.iter_rows(min_row=5, max_row=2000, max_col=26):
        for cell in row:
            cell.fill = fill


def _hide_row(sheet: Any) -> None:
    sheet.row_dimensions[3].hidden = True


def _filtered(sheet: Any) -> None:
    sheet.auto_filter.ref = "A1:I4"
    sheet.auto_filter.add_filter_column(2, ["华东"])
    sheet.row_dimensions[2].hidden = True
    sheet.row_dimensions[4].hidden = True


def _hide_columns(sheet: Any) -> None:
    sheet.column_dimensions["B"].hidden = True
    sheet.column_dimensions["I"].hidden = True


def _rich_header(sheet: Any) -> None:
    sheet["A1"] = CellRichText([TextBlock(InlineFont(b=True), "i"), "d"])
    sheet["D1"] = CellRichText(["g-", TextBlock(InlineFont(color="FF0000"), "level"), " "])


def _broken_header(sheet: Any) -> None:
    sheet["A1"] = "id\n机构号"
    sheet["D1"] = "g-level\r\n数据治理等级"


def _phonetic(name: str) -> Any:
    """An XLSX whose names and a header carry the phonetic readings (``<rPh>``) Excel
    keeps beside East Asian text."""

    def build(folder: Path) -> Path:
        path = _book(folder / name)
        member = "xl/worksheets/sheet1.xml"
        with zipfile.ZipFile(path) as archive:
            parts = {n: archive.read(n) for n in archive.namelist()}
        sheet = parts[member].decode()
        for text, reading in (("太原", "タイゲン"), ("大同", "ダイドウ"), ("g-level", "ジー")):
            written = "".join(c if c.isascii() else f"&#{ord(c)};" for c in text)
            sheet = sheet.replace(
                f"<is><t>{written}</t></is>",
                f'<is><t>{written}</t><rPh sb="0" eb="2"><t>{reading}</t></rPh>'
                '<phoneticPr fontId="1" type="noConversion"/></is>',
            )
        assert sheet.count("<rPh") == 3
        parts[member] = sheet.encode()
        with zipfile.ZipFile(path, "w") as archive:
            for part, data in parts.items():
                archive.writestr(part, data)
        return path

    return build


def _ods(name: str, rows: dict[int, str], columns: str = "") -> Any:
    """An ODS of the sheet whose rows (0 the header) get ``table:visibility`` as
    ``rows`` says, and whose column elements are ``columns``, as LibreOffice writes them."""

    def build(folder: Path) -> Path:
        path = write_ods(folder / name, [HEADER, *PLAIN])
        with zipfile.ZipFile(path) as archive:
            parts = {n: archive.read(n).decode() for n in archive.namelist()}
        numbers = itertools.count()

        def mark(found: re.Match[str]) -> str:
            seen = rows.get(next(numbers))
            return f'<table:table-row table:visibility="{seen}">' if seen else found.group()

        text = re.sub("<table:table-row>", mark, parts["content.xml"])
        parts["content.xml"] = text.replace('table:name="data">', f'table:name="data">{columns}')
        with zipfile.ZipFile(path, "w") as archive:
            for part, data in parts.items():
                archive.writestr(part, data)
        return path

    return build


ODS_COLUMNS = ('<table:table-column table:number-columns-repeated="8"/>'
               '<table:table-column table:visibility="collapse"/>')  # fmt: skip


def _xlsx(name: str, shape: Any) -> Any:
    return lambda folder: _book(folder / name, shape)


CASES = [
    Case("Unicode Text: UTF-16 LE with a BOM, tabs",
         _text("in.txt", codecs.BOM_UTF16_LE + TABS.encode("utf-16-le")), PLAIN,
         note="the file is UTF-16-LE text (as Excel's 'Unicode Text' saves it)"),
    Case("UTF-16 BE with a BOM", _text("in.txt", codecs.BOM_UTF16_BE + TABS.encode("utf-16-be")),
         PLAIN, note="the file is UTF-16-BE text"),
    Case("UTF-16 LE without a BOM", _text("in.txt", TABS.encode("utf-16-le")), PLAIN,
         note="the file is UTF-16-LE text"),
    Case("UTF-16 with commas, named .csv",
         _text("in.csv", codecs.BOM_UTF16_LE + _with(PLAIN).encode("utf-16-le")), PLAIN,
         note="UTF-16-LE"),
    Case("Unicode Text saved as .xls",
         _text("in.xls", codecs.BOM_UTF16_LE + TABS.encode("utf-16-le")), PLAIN,
         note="delimited text, not a workbook"),
    Case("semicolons and decimal commas", _text("in.csv", _with(EURO, delimiter=";").encode()),
         PLAIN, note="separated by semicolons"),
    Case("sep=; first line, GB18030",
         _text("in.csv", ("sep=;\r\n" + _with(EURO, delimiter=";")).encode("gb18030")), PLAIN,
         note="the rows above it were skipped"),
    Case("sep=, first line", _text("in.csv", ("sep=,\r\n" + _with(PLAIN)).encode()), PLAIN,
         note="the rows above it were skipped"),
    Case("CR line ends (old Mac)", _text("in.csv", _with(PLAIN).replace("\r\n", "\r").encode()),
         PLAIN),
    Case("CR line ends in GB18030",
         _text("in.csv", _with(PLAIN).replace("\r\n", "\r").encode("gb18030")), PLAIN),
    Case("XLSX formatted far below its data", _xlsx("in.xlsx", _formatted_below), PLAIN),
    Case("XLSX: a hidden row is read, and named", _xlsx("in.xlsx", _hide_row), PLAIN,
         note="rows hidden in the sheet were read and scored like the others: {f}:3;"),
    Case("XLSX: rows an AutoFilter hides are read, and named", _xlsx("in.xlsx", _filtered),
         PLAIN, note="has a filter on, and rows it hides were read and scored like the "
         "others: {f}:2, {f}:4;"),
    Case("XLSX: hidden columns are read, and named", _xlsx("in.xlsx", _hide_columns), PLAIN,
         note="columns hidden in the sheet were read: B ('name'), I ('o-api')"),
    Case("ODS: a hidden row is read, and named", _ods("in.ods", {2: "collapse"}), PLAIN,
         note="rows hidden in the sheet were read and scored like the others: {f}:3;"),
    Case("ODS: rows a filter hides are read, and named",
         _ods("in.ods", {1: "filter", 3: "filter"}), PLAIN,
         note="has a filter on, and rows it hides were read and scored like the others: "
         "{f}:2, {f}:4;"),
    Case("ODS: a hidden column is read, and named", _ods("in.ods", {}, ODS_COLUMNS), PLAIN,
         note="columns hidden in the sheet were read: I ('o-api')"),
    Case("XLSX: header cells in rich text", _xlsx("in.xlsx", _rich_header), PLAIN),
    Case("XLSX: names with phonetic readings", _phonetic("in.xlsx"), PLAIN),
    Case("XLSX: header cells with a line break", _xlsx("in.xlsx", _broken_header), PLAIN),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_read_as_its_plain_twin(tmp_path: Path, case: Case) -> None:
    source = case.build(tmp_path)
    twin = write_csv(tmp_path / "twin.csv", [HEADER, *case.twin])
    result, scores, rejected = _batch(source, tmp_path / "out")
    _, want_scores, want_rejected = _batch(twin, tmp_path / "want")
    assert scores == want_scores
    assert rejected == want_rejected
    offset = 1 if "sep=" in case.name else 0
    rows = {r["id"]: r["row"] for r in read_csv(tmp_path / "out" / "scores.csv")}
    assert rows == {r[0]: str(i + 2 + offset) for i, r in enumerate(PLAIN)}
    shown = " ".join(result.output.split())
    assert case.note.format(f=source) in shown
    if case.note:  # each note once
        assert shown.count(case.note.format(f=source)) == 1, shown


def test_hidden_rows_are_named_in_chinese_too(tmp_path: Path) -> None:
    from tests.batch.helpers import run_cli
    from tests.conftest import TINY

    source = _book(tmp_path / "in.xlsx", _filtered)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY),
                     "--lang", "zh")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"被筛选隐藏的行已同其他行一样读取并评分：{source}:2、{source}:4" in "".join(
        result.output.split()
    )


BROKEN_UTF16 = [
    ("a lone surrogate", codecs.BOM_UTF16_LE + TABS.encode("utf-16-le") + b"\x00\xd8", 2),
    ("an odd byte at the end", codecs.BOM_UTF16_LE + TABS.encode("utf-16-le") + b"a", 2),
]


@pytest.mark.parametrize(("data", "code"), [c[1:] for c in BROKEN_UTF16],
                         ids=[c[0] for c in BROKEN_UTF16])  # fmt: skip
def test_broken_utf16_is_refused_saying_where(tmp_path: Path, data: bytes, code: int) -> None:
    from tests.batch.helpers import run_cli
    from tests.conftest import TINY

    source = tmp_path / "in.txt"
    source.write_bytes(data)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "o"), "-q", str(TINY))
    assert "Traceback" not in result.output
    assert result.exit_code == code
    size = len(TABS.encode("utf-16-le")) + 2
    assert f"{source}:1: the file is UTF-16 text, but byte {size + 1} is not" in result.output


@pytest.mark.parametrize("text", ["id,名称\nA,太原\n", "标题,,\n", "idx"])
def test_utf8_and_gb18030_text_is_not_taken_for_utf16(text: str) -> None:
    for encoding in ("utf-8", "gb18030"):
        assert utf16_kind(text.encode(encoding)) is None
    assert utf16_kind(b"\x00" * 64) is None
