"""A CSV file whose lines mix GB18030 (GBK) and UTF-8: two branches' files joined.

Such a file is no valid UTF-8, so it is read as GB18030; each UTF-8 line is read in its
own encoding (never garbled: 南宁 read as 鍗楀畞), and a note names the lines. Each case
is read as its plain UTF-8 twin; the file read is a copy, removed after the run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from capassess.batch.mixed_lines import utf8_lines
from tests.batch.helpers import csv_text, read_csv, run_cli, summary, write_csv
from tests.batch.test_real_sheets import HEADER, PLAIN
from tests.conftest import TINY

SOUTH = [[f"S{i}", f"南宁{i}支行", "华南", *r[3:]] for i, r in enumerate(PLAIN)]
BOM = "\ufeff"
GBK_A, UTF8_A = csv_text([HEADER, *PLAIN]).encode("gbk"), csv_text([HEADER, *PLAIN]).encode()
GBK_S, UTF8_S = csv_text(SOUTH).encode("gbk"), csv_text(SOUTH).encode()
CASES = [
    ("GBK, then UTF-8 rows", GBK_A + UTF8_S, "{f}:5, {f}:6, {f}:7"),
    ("UTF-8 with a BOM, then GBK rows", BOM.encode() + UTF8_A + GBK_S, "{f}:1, {f}:2, {f}:3, {f}:4"),
    ("GBK, then a UTF-8 file with a BOM and its header",
     GBK_A + (BOM + csv_text([HEADER, *SOUTH])).encode(), "{f}:5, {f}:6, {f}:7, {f}:8"),
    ("tabs: UTF-8 rows between GBK ones",
     (csv_text([HEADER, PLAIN[0]]).encode("gbk") + csv_text(SOUTH).encode()
      + csv_text(PLAIN[1:]).encode("gbk")).replace(b",", b"\t").replace(b'"bi\tml"', b"bi,ml"),
     "{f}:3, {f}:4, {f}:5"),
]  # fmt: skip


def _run(source: Path, out: Path) -> tuple[str, list[dict[str, str]]]:
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"]
    scores = [{k: v for k, v in r.items() if k not in ("source", "row")}
              for r in read_csv(out / "scores.csv")]  # fmt: skip
    return " ".join(result.output.split()), scores


@pytest.mark.parametrize(("data", "lines"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_line_is_read_in_its_own_encoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, lines: str
) -> None:
    copies = tmp_path / "tmp"
    copies.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(copies))
    source = tmp_path / ("in.txt" if b"\t" in data else "in.csv")
    source.write_bytes(data)
    output, scores = _run(source, tmp_path / "out")
    _, want = _run(write_csv(tmp_path / "twin.csv", [HEADER, *PLAIN, *SOUTH]), tmp_path / "w")
    assert sorted(scores, key=lambda s: s["id"]) == sorted(want, key=lambda s: s["id"])
    assert "lines in UTF-8 among GB18030 (GBK) ones" in output
    assert f"read in its own encoding: {lines.format(f=source)};" in output
    assert source.read_bytes() == data
    assert list(copies.iterdir()) == []


WESTERN = ["Café", "Zürich", "Acme™", "Nord – Süd", "Branch…", "São Paulo", "naïve",
           "“Quoted”", "École", "€5 Bank", "Łódź"]  # fmt: skip


@pytest.mark.parametrize("word", WESTERN)
def test_utf8_lines_of_western_text_are_read_in_their_own_encoding(
    tmp_path: Path, word: str
) -> None:
    """Not garbled (Caf茅, Z眉rich) nor refused for a byte that is not GB18030 (™, –)."""
    west = [["W", word, "Europe", *PLAIN[0][3:]]]
    source = tmp_path / "in.csv"
    source.write_bytes(GBK_A + csv_text(west).encode() + GBK_S)
    output, scores = _run(source, tmp_path / "out")
    _, want = _run(
        write_csv(tmp_path / "twin.csv", [HEADER, *PLAIN, *west, *SOUTH]), tmp_path / "w"
    )
    assert sorted(scores, key=lambda s: s["id"]) == sorted(want, key=lambda s: s["id"])
    assert [s["name"] for s in scores if s["id"] == "W"] == [word]
    assert f"read in its own encoding: {source}:5;" in output


PLAIN_FILES = [
    (
        "GBK: a Chinese character beside a Latin letter, with Chinese around",
        csv_text([HEADER, ["T", "ATM茅台", "华北"], ["U", "A路", "华北"]]).encode("gbk"),
    ),
    (
        "GBK: lines that are no UTF-8 beside Latin letters",
        csv_text([HEADER, ["T", "Bank茅台路", "East"]]).encode("gbk"),
    ),
    ("GB18030 only", csv_text([HEADER, *PLAIN, *SOUTH]).encode("gb18030")),
    ("GBK names that are valid UTF-8", csv_text([HEADER, ["T", "太原", "华北"]]).encode("gbk")),
    ("a BOM inside a GBK cell's text", "id,name\nA,南宁\ufeff\n".encode("gb18030")),
]


@pytest.mark.parametrize("data", [c[1] for c in PLAIN_FILES], ids=[c[0] for c in PLAIN_FILES])
def test_a_file_in_one_encoding_has_no_utf8_lines(data: bytes) -> None:
    assert utf8_lines(data) == []


@pytest.mark.parametrize("block", [7, 64, 1 << 24])
def test_the_copy_is_the_same_whatever_the_block_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    from capassess.batch import mixed_lines

    data = CASES[2][1] + GBK_S + UTF8_S
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    monkeypatch.setattr(mixed_lines, "BLOCK", block)
    copy, notes = mixed_lines.mixed_copy(str(source))
    assert copy is not None
    try:
        text = Path(copy).read_bytes().decode("gb18030")
    finally:
        Path(copy).unlink()
    assert text == csv_text([HEADER, *PLAIN, HEADER, *SOUTH, *SOUTH, *SOUTH])
    lines = ", ".join(f"{source}:{n}" for n in (5, 6, 7, 8, 12, 13, 14))
    assert f"read in its own encoding: {lines};" in notes[0]
