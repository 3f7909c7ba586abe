"""Reading ahead in a second thread, writing the CSV in another, and keeping origins as a
dictionary change no byte of what a run writes.

Each run is made twice: as batch runs it, and with every input read in line (no read
ahead). Inputs are split into many small chunks, hold every kind of cell the batch
tests know (blanks, n/a and its synonyms, full-width digits, percents, decimal commas,
rubbish, control characters, ragged and blank rows, duplicate ids, a ``when``), come in
UTF-8 and GB18030, and one run mixes two CSV files with a folder of answers files.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from capassess.batch import csv_reader, source_reader
from tests.batch.helpers import run_cli
from tests.conftest import DATA, TINY

HEADER = ["id", "name", "region", "g-level", "g-choice", "a-multi", "a-number", "a-bool", "o-api"]
CELLS = {
    "g-level": ["1", "3", "5", "", "n/a", "6", "3.0", "３", "rubbish", " 4 ", "不适用"],
    "g-choice": ["none", "partial", "full", "", "N/A", "nope", "FULL", "-"],
    "a-multi": ["bi", "ml;rt", "rt;bi", "bi；ml", "", "n/a", "xx", "ml、bi"],
    "a-number": ["5", "10", "12.5", "1,200", "35%", "", "n/a", "inf", "62,5", "abc", "-0"],
    "a-bool": ["yes", "no", "是", "否", "", "n/a", "maybe", "TRUE"],
    "o-api": ["0", "50", "130", "", "n.a.", "1e3", "-5", "１２"],
}
OUTPUTS = ("scores.csv", "rejected.csv", "ignored.csv", "portfolio.md", "portfolio.html")


def _cell(rng: random.Random, column: str) -> str:
    return rng.choice(CELLS[column])


def _rows(rng: random.Random, count: int) -> Iterator[str]:
    for i in range(count):
        draw = rng.random()
        if draw < 0.02:
            yield ""
            continue
        unit = f"U{rng.randint(0, count // 3)}" if draw < 0.05 else f"U{i:05d}"
        unit = "" if draw < 0.07 else unit
        name = "bad\x07name" if draw < 0.08 else f"第{i}支行"
        cells = [unit, name, rng.choice(["华北", "East", "=cmd", ""])]
        cells += [_cell(rng, c) for c in HEADER[3:]]
        if draw > 0.98:
            cells = cells[:-2]
        yield ",".join(f'"{c}"' if "," in c else c for c in cells)


def _inputs(tmp_path: Path, encoding: str) -> list[str]:
    rng = random.Random(17)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    for path, count in ((first, 1500), (second, 400)):
        text = "\r\n".join([",".join(HEADER), *_rows(rng, count)]) + "\r\n"
        path.write_bytes(text.encode(encoding))
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copy(DATA / "answers" / "tiny-full.yaml", folder / "full.yaml")
    shutil.copy(DATA / "bad" / "answers" / "several-errors.yaml", folder / "bad.yaml")
    return [str(first), str(second), str(folder)]


def _in_line(items: Iterator[Any]) -> Iterator[Any]:
    return items


def _run(inputs: list[str], out: Path, *extra: str) -> dict[str, bytes]:
    result = run_cli("batch", *inputs, "-o", str(out), "-q", str(TINY), "--group-by", "region",
                     "--allow-rejects", *extra)  # fmt: skip
    assert result.exit_code == 0, result.output
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("extra", [(), ("--lenient",), ("--rank", "topsis")])
def test_read_ahead_writes_the_same_bytes_as_reading_in_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, extra: tuple[str, ...]
) -> None:
    monkeypatch.setattr(csv_reader, "BLOCK", 4096)  # many chunks, some trims of memory
    inputs = _inputs(tmp_path, encoding)
    fast = _run(inputs, tmp_path / "fast", *extra)
    monkeypatch.setattr(source_reader, "prefetched", _in_line)
    careful = _run(inputs, tmp_path / "careful", *extra)
    assert fast.keys() == careful.keys()
    assert {"scores.csv", "rejected.csv", "portfolio.md"} <= fast.keys()
    for name in fast:
        assert fast[name] == careful[name], name
    scores = fast["scores.csv"].decode("utf-8-sig")
    assert "full.yaml" in scores and "first.csv" in scores and "second.csv" in scores
    assert fast["rejected.csv"].count(b"\n") > 50
