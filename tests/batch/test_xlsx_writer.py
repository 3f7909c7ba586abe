"""The fast XLSX writer makes workbooks that openpyxl and calamine read back exactly."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from capassess.batch.outputs import LEVEL_TEXTS, coded, level_codes, score_codes, score_texts
from capassess.batch.xlsx_writer import (
    ROWS_PER_BLOCK,
    ColumnSheet,
    SheetColumn,
    column_letter,
    write_xlsx,
)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_text_and_numbers_round_trip(tmp_path: Path) -> None:
    texts = ["plain", "a & b < c > d", "  spaces  ", "杭州\n西湖", "bell\x07", ""]
    scores = np.array([1.0, 2.5, 3.33333, np.nan, 5.0, 4.99995])
    columns = [
        SheetColumn("text", "text", pa.array(texts)),
        coded("score", score_codes(scores), score_texts()),
        coded("level", level_codes(scores), LEVEL_TEXTS),
        SheetColumn("count", "number", pa.array(["1", "", "-3", "12", "0", "7"])),
    ]
    path = write_xlsx(tmp_path / "t.xlsx", "scores", ColumnSheet(columns))
    rows = list(load_workbook(path, read_only=True)["scores"].iter_rows(values_only=True))
    assert rows[0] == ("text", "score", "level", "count")
    assert [r[0] for r in rows[1:]] == [
        "plain",
        "a & b < c > d",
        "  spaces  ",
        "杭州\n西湖",
        "bell\ufffd",
        None,
    ]
    assert [r[1] for r in rows[1:]] == [1, 2.5, 3.3333, None, 5, 5]
    assert [r[2] for r in rows[1:]] == [1, 2, 3, None, 5, 4]
    assert [r[3] for r in rows[1:]] == [1, None, -3, 12, 0, 7]
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("scores").to_python()
    assert calamine[2][:3] == ["a & b < c > d", 2.5, 2.0]


def test_many_rows_span_blocks(tmp_path: Path) -> None:
    n = ROWS_PER_BLOCK + 7
    values = np.linspace(1, 5, n)
    columns = [
        SheetColumn("id", "text", pa.array([f"U{i}" for i in range(n)])),
        coded("score", score_codes(values), score_texts()),
    ]
    path = write_xlsx(tmp_path / "t.xlsx", "scores", ColumnSheet(columns))
    rows = list(load_workbook(path, read_only=True)["scores"].iter_rows(values_only=True))
    assert len(rows) == n + 1
    assert rows[-1] == (f"U{n - 1}", 5)
    assert rows[ROWS_PER_BLOCK + 1][0] == f"U{ROWS_PER_BLOCK}"


def test_the_archive_is_a_valid_zip_with_either_compressor(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import zipfile
    import zlib

    from capassess.batch import zip_stream

    columns = [SheetColumn("id", "text", pa.array(["a", "b"]))]
    for name, factory in (
        ("isal", zip_stream.compressor),
        ("zlib", lambda: zlib.compressobj(1, zlib.DEFLATED, -15)),
    ):
        monkeypatch.setattr(zip_stream, "compressor", factory)
        path = write_xlsx(tmp_path / f"{name}.xlsx", "scores", ColumnSheet(columns))
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            assert "xl/worksheets/sheet1.xml" in archive.namelist()
        rows = list(load_workbook(path, read_only=True)["scores"].iter_rows(values_only=True))
        assert rows == [("id",), ("a",), ("b",)]


def _calc_installed() -> bool:
    """True when LibreOffice with its spreadsheet filters (Calc) is installed: Impress
    alone has soffice but cannot load a workbook."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    program = Path(os.path.realpath(soffice)).parent
    return any(program.glob("libscfilt*.so")) or any(program.glob("scfilt*.dll"))


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed")
def test_libreoffice_reads_the_workbook(tmp_path: Path) -> None:
    scores = np.array([4.61172, np.nan, 1.0])
    columns = [
        SheetColumn("id", "text", pa.array(["br-1", "a & <b>", "杭州"])),
        coded("overall", score_codes(scores), score_texts()),
        coded("overall_level", level_codes(scores), LEVEL_TEXTS),
    ]
    write_xlsx(tmp_path / "scores.xlsx", "scores", ColumnSheet(columns))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path), str(tmp_path / "scores.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    lines = (tmp_path / "scores.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["id,overall,overall_level", "br-1,4.6117,4", "a & <b>,,", "杭州,1,1"]


def test_score_texts_round_as_python_formats() -> None:
    rng = np.random.default_rng(3)
    ties = np.array(
        [3.02625, 3.41375, 2.69625, 3.4362500000000002, 1.00005, 4.99995, 1.9999999999999998]
    )
    values = np.concatenate(
        [rng.uniform(1, 5, 20_000), ties, np.round(rng.uniform(1, 5, 5_000), 5)]
    )
    texts = [score_texts()[c] for c in score_codes(values)]
    assert texts == [f"{v:.4f}" for v in values]


def test_scores_at_and_beside_every_kind_of_tie_round_as_python_formats() -> None:
    rng = np.random.default_rng(5)
    ties = (rng.integers(10_000, 50_000, 50_000) + 0.5) / 10_000  # nearest doubles to x.xxxx5
    exact = np.arange(1, 161, 2) / 32  # x.xxxx5 exactly: ties to even (1.03125 -> 1.0312)
    values = np.concatenate([ties, np.nextafter(ties, 0), np.nextafter(ties, 9), exact,
                             np.nextafter(exact, 0), np.nextafter(exact, 9)])  # fmt: skip
    values = values[(values >= 1) & (values <= 5)]
    texts = [score_texts()[c] for c in score_codes(values)]
    assert texts == [f"{v:.4f}" for v in values]
    assert "1.0312" in texts and "1.0938" in texts  # 1.03125 down, 1.09375 up: to even
