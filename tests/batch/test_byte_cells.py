"""GB18030 CSV read as bytes, with only the cells that need it decoded, gives what reading
the decoded text gives: the same cells, row numbers, rejections and errors; and where
the bytewise pass cannot go on, the file is read again as text from the first row not
yet yielded, without a word on standard error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from capassess.batch import csv_reader
from capassess.batch.byte_cells import decoded, reads_bytewise
from capassess.errors import InputError
from tests.batch.helpers import MINI, mini, run_cli

GB = "gb18030"


def _binary(cells: list[bytes]) -> pa.Array:
    return pa.array(cells, pa.binary())


@pytest.mark.parametrize(
    "cells",
    [
        [b"abc", b"", b"12.5", b"n/a"],  # ASCII: no decoding at all
        ["第1支行".encode(GB), b"", "华东".encode(GB), b"x", "𠀀€".encode(GB)],  # 2 and 4 bytes
        ["是\x00".encode(GB), "否".encode(GB), b"\x01"],  # a NUL: another separator
        [bytes([b]) + "中".encode(GB) for b in range(0x20)],  # every control byte: one by one
        [],
        ["太原".encode("gbk"), "杭州".encode(GB)],  # GBK bytes that are valid UTF-8 too
    ],
)
def test_a_column_decodes_as_each_cell_alone(cells: list[bytes]) -> None:
    column = decoded(_binary(cells), GB)
    assert column.type == pa.string()
    assert column.to_pylist() == [c.decode(GB) for c in cells]
    column.validate(full=True)


def test_a_slice_decodes_as_its_own_cells() -> None:
    cells = [f"第{i}支行".encode(GB) for i in range(10)] + [b"plain"] * 3
    whole = _binary(cells)
    assert decoded(whole.slice(3, 5), GB).to_pylist() == [c.decode(GB) for c in cells[3:8]]
    assert decoded(whole.slice(10), GB).to_pylist() == ["plain"] * 3


@pytest.mark.parametrize("bad", [b"\x81", "中".encode(GB)[:1], b"ok\xff", b"\x81\x30"])
def test_a_cell_that_is_not_gb18030_fails_even_where_the_next_would_complete_it(
    bad: bytes,
) -> None:
    with pytest.raises(UnicodeDecodeError):
        decoded(_binary([bad, b"\x30\x81\x30", "中".encode(GB)]), GB)


def test_only_ascii_safe_double_byte_encodings_are_read_bytewise() -> None:
    assert reads_bytewise("gb18030") and reads_bytewise("GBK") and reads_bytewise("gb2312")
    assert not reads_bytewise("utf-8-sig") and not reads_bytewise("latin-1")
    assert not reads_bytewise("shift_jis") and not reads_bytewise(None)


def _rows(count: int, *, ragged: dict[int, str] | None = None) -> list[str]:
    """A header and ``count`` rows of mini's sheet, some ragged (more cells)."""
    lines = ["id,name,区域,q1,q2"]
    for i in range(count):
        name = f'"第{i}支行, ""总部"""' if i % 7 == 0 else f"第{i}支行"
        if i % 11 == 0:
            name = f'"第{i}\n支行"'  # a line end inside a quoted cell
        line = f"BR{i:05d},{name},{'华东' if i % 2 else '华南'},{1 + i % 5},{'n/a' if i % 3 else 4}"
        if ragged and i in ragged:
            line += "," + ragged[i]
        lines.append(line)
    return lines


def _write(path: Path, lines: list[str], encoding: str = GB) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _read(path: Path, monkeypatch: pytest.MonkeyPatch, *, bytewise: bool) -> list[Any]:
    """Every row and rejection of ``path``, as ``CsvSource`` yields them."""
    monkeypatch.setattr(csv_reader, "BLOCK", 2048)  # many blocks
    if not bytewise:
        monkeypatch.setattr(csv_reader, "reads_bytewise", lambda encoding: False)
    source = csv_reader.CsvSource(path, mini())
    out: list[Any] = []
    for batch in source.batches():
        if batch.chunk is not None:
            c = batch.chunk
            cells = zip(*(c.cells[q].to_pylist() for q in ("q1", "q2")), strict=True)
            out += zip(c.rows.tolist(), c.ids.to_pylist(), c.names.to_pylist(),
                       c.groups["区域"].to_pylist(), cells, strict=True)  # fmt: skip
        out += [("rejected", r.row, r.unit, r.value, r.reason) for r in batch.rejections]
    monkeypatch.undo()
    return out


@pytest.mark.parametrize(
    "ragged",
    [
        None,
        {5: "x", 400: "y,z"},  # ASCII extra cells: the bytewise pass reads them
        {3: "多", 350: "余"},  # Chinese that is no UTF-8: a second pass, from the middle
        {450: "太原"},  # GBK bytes that are valid UTF-8: read as the file's text
    ],
)
def test_bytewise_reading_yields_what_reading_text_yields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str],
    ragged: dict[int, str] | None,
) -> None:  # fmt: skip
    path = _write(tmp_path / "in.csv", _rows(500, ragged=ragged))
    as_text = _read(path, monkeypatch, bytewise=False)
    as_bytes = _read(path, monkeypatch, bytewise=True)
    assert as_bytes == as_text
    assert len([r for r in as_text if r[0] == "rejected"]) == len(ragged or {})
    assert sum(1 for r in as_text if r[0] != "rejected") == 500 - len(ragged or {})
    assert capfd.readouterr().err == ""  # no "Exception ignored" from pyarrow


def test_a_second_pass_starts_where_the_first_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "in.csv", _rows(600, ragged={590: "多"}))
    passes: list[bool] = []
    reader = csv_reader.CsvSource._reader

    def counted(self: Any, handle: Any, bytewise: bool = False) -> Any:
        passes.append(bytewise)
        return reader(self, handle, bytewise)

    monkeypatch.setattr(csv_reader.CsvSource, "_reader", counted)
    monkeypatch.setattr(csv_reader, "BLOCK", 2048)
    rows = []
    for batch in csv_reader.CsvSource(path, mini()).batches():
        rows += batch.chunk.rows.tolist() if batch.chunk is not None else []
    assert passes == [True, False]
    assert rows == sorted(set(rows)) and len(rows) == 599  # each row once, in order


@pytest.mark.parametrize("where", [10, 480])  # in the header's peek; far beyond it
def test_bytes_that_are_not_gb18030_give_the_text_paths_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: int
) -> None:
    lines = _rows(500 if where < 100 else 12000)
    lines[where if where < 100 else 11900] = lines[where].replace("支行", "\udc81支行", 1)
    path = tmp_path / "in.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(GB, errors="surrogateescape"))
    errors = []
    for bytewise in (False, True):
        with pytest.raises(InputError) as caught:
            _read(path, monkeypatch, bytewise=bytewise)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert "in.csv" in errors[0] and "gb18030" in errors[0]
    assert ("cannot read as gb18030 CSV" in errors[0]) == (where > 100)


def test_the_cli_reports_undecodable_bytes_with_the_file_and_exit_code_2(tmp_path: Path) -> None:
    lines = _rows(300)
    lines[200] = lines[200].replace("华", "\udcff", 1)
    path = tmp_path / "in.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(GB, errors="surrogateescape"))
    result = run_cli("batch", str(path), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--encoding", "gb18030")  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "in.csv" in result.output and "gb18030" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "scores.csv").exists()


def test_a_run_with_a_second_pass_writes_what_reading_text_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _rows(3000, ragged={40: "x", 2500: "多余"})  # ASCII early, Chinese late
    lines[1200] = lines[1200].replace(",1,", ",坏,", 1) if ",1," in lines[1200] else lines[1200]
    path = _write(tmp_path / "in.csv", lines)
    monkeypatch.setattr(csv_reader, "BLOCK", 4096)  # the Chinese record some blocks in
    outputs = []
    for name, bytewise in (("bytes", True), ("text", False)):
        if not bytewise:
            monkeypatch.setattr(csv_reader, "reads_bytewise", lambda encoding: False)
        out = tmp_path / name
        result = run_cli("batch", str(path), "-o", str(out), "-q", str(MINI), "--group-by",
                         "区域", "--allow-rejects")  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs.append({f: (out / f).read_bytes() for f in
                        ("scores.csv", "rejected.csv", "portfolio.md")})  # fmt: skip
    assert outputs[0] == outputs[1]
    assert "多余" in outputs[0]["rejected.csv"].decode("utf-8-sig")
