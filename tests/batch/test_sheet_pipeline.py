"""The sheet's XML is made in one thread and deflated in another: the workbook is the
one a single thread writes, the XML of two blocks at most is held, and a failure of
either thread fails the run with the file named, the old outputs kept and no thread
left behind."""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from capassess.batch import xlsx_writer, zip_stream
from capassess.batch.outputs import score_codes, score_texts
from capassess.batch.xlsx_writer import ColumnSheet, SheetColumn, write_xlsx
from tests.batch.test_overlapped_writing import _in_process, _unchanged, earlier  # noqa: F401

ROWS = 5_000


def _sheet() -> ColumnSheet:
    rng = np.random.default_rng(3)
    scores = np.where(rng.random(ROWS) < 0.1, np.nan, rng.uniform(1, 5, ROWS))
    names = pa.array([f"unit & <{i}>" for i in range(ROWS)], pa.string())
    return ColumnSheet([
        SheetColumn("name", "text", names, 20),
        SheetColumn("overall", "number", None, 9, score_codes(scores), score_texts()),
    ])  # fmt: skip


def test_the_pipelined_sheet_is_the_sheet_made_in_one_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_writer, "ROWS_PER_BLOCK", 700)  # many blocks in flight
    piped = write_xlsx(tmp_path / "piped.xlsx", "scores", _sheet())

    def in_line(self: xlsx_writer.XlsxWriter, columns: list[SheetColumn]) -> None:
        self.out.write(xlsx_writer._rows_xml(columns))

    monkeypatch.setattr(xlsx_writer.XlsxWriter, "write", in_line)
    single = write_xlsx(tmp_path / "single.xlsx", "scores", _sheet())
    with zipfile.ZipFile(piped) as a, zipfile.ZipFile(single) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
        sheet = a.getinfo("xl/worksheets/sheet1.xml")
        assert sheet.CRC == b.getinfo("xl/worksheets/sheet1.xml").CRC
        assert sheet.compress_size == b.getinfo("xl/worksheets/sheet1.xml").compress_size


def test_no_more_than_two_blocks_of_xml_are_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_writer, "ROWS_PER_BLOCK", 250)
    held, most = [0], [0]
    lock = threading.Lock()
    make = xlsx_writer._rows_xml
    deflate = zip_stream.EntryWriter.write

    def made(columns: list[SheetColumn]) -> memoryview:
        with lock:
            held[0] += 1
            most[0] = max(most[0], held[0])
        return make(columns)

    def slow(self: zip_stream.EntryWriter, data: bytes | memoryview) -> int:
        if self.entry.name == b"xl/worksheets/sheet1.xml" and len(data) > 2000:
            time.sleep(0.01)  # deflating is the slow step: blocks queue before it
            with lock:
                held[0] -= 1
        return deflate(self, data)

    monkeypatch.setattr(xlsx_writer, "_rows_xml", made)
    monkeypatch.setattr(zip_stream.EntryWriter, "write", slow)
    write_xlsx(tmp_path / "s.xlsx", "scores", _sheet())
    assert held[0] == 0
    assert most[0] == 2


def test_a_full_disk_while_deflating_fails_the_run_and_keeps_the_old_outputs(
    earlier: tuple[Path, Path, dict[str, bytes]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, out, before = earlier
    deflate = zip_stream.EntryWriter.write
    calls = [0]

    def full(self: zip_stream.EntryWriter, data: bytes | memoryview) -> int:
        if self.entry.name == b"xl/worksheets/sheet1.xml":
            calls[0] += 1
            if calls[0] == 2:  # the first block of rows, after the header
                raise OSError(28, "No space left on device")
        return deflate(self, data)

    monkeypatch.setattr(zip_stream.EntryWriter, "write", full)
    threads = threading.active_count()
    code, output = _in_process(source, out)
    assert code == 2, output
    assert "scores.xlsx" in output and "No space left on device" in output
    assert "Traceback" not in output
    _unchanged(out, before)
    assert threading.active_count() == threads
    assert not list(out.glob(".scores.xlsx.*"))
