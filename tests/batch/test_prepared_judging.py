"""The thread that reads ahead also makes each chunk's cells ready to judge
(``ChunkJudge.prepare``): judging a prepared chunk gives exactly what judging it from
scratch gives, an error while preparing is reported as any error of reading, and the
CSV reader's own memory pool changes no byte of the outputs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from capassess.batch import arrow, cells, csv_reader
from capassess.batch.judge import ChunkJudge, Judged
from capassess.batch.sources import open_sources
from capassess.batch.table import Batch
from capassess.batch.vector import VectorScorer
from capassess.errors import InputError
from capassess.scoring.weights import tree_weights
from tests.batch.helpers import run_cli, tiny, write_csv
from tests.batch.test_same_outputs import HEADER, OUTPUTS, _inputs
from tests.conftest import TINY


def _judges(lenient: bool, policy: str) -> tuple[ChunkJudge, ChunkJudge]:
    q = tiny()
    scorer = VectorScorer(q, tree_weights(q), q.model, policy)
    return ChunkJudge(q, scorer, policy, lenient), ChunkJudge(q, scorer, policy, lenient)


def _same(a: Judged, b: Judged) -> None:
    assert np.array_equal(a.keep, b.keep)
    assert np.array_equal(a.scored.scores, b.scored.scores, equal_nan=True)
    assert np.array_equal(a.scored.counts, b.scored.counts)
    assert np.array_equal(a.scored.answered, b.scored.answered)
    assert (a.rejections, a.ignored) == (b.rejections, b.ignored)
    assert (a.rejected, a.blank) == (b.rejected, b.blank)
    assert a.columns.keys() == b.columns.keys()
    for qid, column in a.columns.items():
        other = b.columns[qid]
        assert np.array_equal(column.status, other.status), qid
        assert np.array_equal(column.score, other.score, equal_nan=True), qid
        assert np.array_equal(column.codes, other.codes), qid
        assert column.verdicts == other.verdicts, qid
        assert column.values() == other.values(), qid


@pytest.mark.parametrize("lenient", [False, True])
@pytest.mark.parametrize("policy", ["zero", "error"])
def test_a_prepared_chunk_is_judged_as_one_judged_from_scratch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lenient: bool, policy: str
) -> None:
    monkeypatch.setattr(csv_reader, "BLOCK", 4096)  # many chunks: the caches fill as they go
    first = Path(_inputs(tmp_path, "gb18030")[0])
    [source] = open_sources([first], tiny(), lenient=lenient)
    plain, prepared = _judges(lenient, policy)
    chunks = [b.chunk for b in source.batches() if b.chunk is not None]
    assert len(chunks) > 5
    for chunk in chunks:
        _same(plain.judge(chunk), prepared.judge(chunk, prepared.prepare(chunk)))


@pytest.mark.parametrize(
    "column",
    [
        ["5", "10", "12.5", "", "n/a", "1,200", "35%", "inf", "abc", "-0", "62,5"],
        ["5", "10", "12.5", "0"],  # every cell a plain figure: nothing left to look up
        ["", "n/a", "rubbish"],  # no figure at all
        [],
    ],
)
def test_a_number_column_read_from_its_encoding_is_the_column_read_at_once(
    column: list[str],
) -> None:
    question = next(q for _, _, q in tiny().questions() if q.type == "number")
    raw = pa.array(column, pa.string())
    at_once = cells.QuestionCodec(question).read(raw)
    codec = cells.QuestionCodec(question)
    encoded = codec.encode(raw)
    ahead = codec.read(raw, encoded)
    assert np.array_equal(at_once.status, ahead.status)
    assert np.array_equal(at_once.score, ahead.score, equal_nan=True)
    assert np.array_equal(at_once.codes, ahead.codes)
    assert at_once.verdicts == ahead.verdicts
    assert at_once.values() == ahead.values()


@pytest.mark.parametrize(
    ("kind", "threads"), [("csv", {"capassess-read"}), ("answers", {"MainThread"})]
)
def test_a_csv_files_cells_are_prepared_in_the_reading_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, threads: set[str]
) -> None:
    monkeypatch.setattr(csv_reader, "BLOCK", 4096)
    where: set[str] = set()
    encode = cells.QuestionCodec.encode

    def noted(self: cells.QuestionCodec, raw: pa.Array) -> cells.Encoded:
        where.add(threading.current_thread().name)
        return encode(self, raw)

    monkeypatch.setattr(cells.QuestionCodec, "encode", noted)
    first, _, folder = _inputs(tmp_path, "utf-8")
    source = first if kind == "csv" else folder
    result = run_cli("batch", source, "-o", str(tmp_path / "out"), "-q", str(TINY),
                     "--allow-rejects")  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert where == threads


def test_an_error_while_preparing_is_reported_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_csv(tmp_path / "in.csv", [HEADER, *(r.split(",") for r in _rows_plain(300))])
    out = tmp_path / "out"
    assert run_cli("batch", str(source), "-o", str(out), "-q", str(TINY)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(csv_reader, "BLOCK", 1024)
    calls: list[object] = []
    closed = threading.Event()
    batches = csv_reader.CsvSource.batches
    prepare = ChunkJudge.prepare

    def watched(self: csv_reader.CsvSource) -> Iterator[Batch]:
        try:
            yield from batches(self)
        finally:
            closed.set()

    monkeypatch.setattr(ChunkJudge, "prepare", lambda self, chunk: _third_fails(
        self, chunk, calls, prepare, str(source)))  # fmt: skip
    monkeypatch.setattr(csv_reader.CsvSource, "batches", watched)
    threads = threading.active_count()
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY))
    assert result.exit_code == 2, result.output
    assert "the third chunk cannot be prepared" in result.output
    assert closed.is_set()
    assert threading.active_count() == threads
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _third_fails(
    judge: ChunkJudge, chunk: object, calls: list[object], prepare: object, where: str
) -> object:
    calls.append(chunk)
    if len(calls) == 3:
        raise InputError.at("the third chunk cannot be prepared", where)
    return prepare(judge, chunk)  # type: ignore[operator]


def _rows_plain(count: int) -> list[str]:
    return [f"U{i:05d},name {i},North,3,full,bi;ml,12,yes,50" for i in range(count)]


def test_the_reading_pool_is_jemalloc_unless_the_user_chose_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    pool = arrow.reading_pool()
    assert pool is None or pool.backend_name == "jemalloc"
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")
    assert arrow.reading_pool() is None


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_the_reading_pool_changes_no_byte_of_the_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    monkeypatch.setattr(csv_reader, "BLOCK", 4096)
    inputs = _inputs(tmp_path, encoding)
    outputs = []
    for name, pool in (("own", arrow.reading_pool), ("default", lambda: None)):
        monkeypatch.setattr(csv_reader, "reading_pool", pool)
        out = tmp_path / name
        result = run_cli("batch", *inputs, "-o", str(out), "-q", str(TINY), "--group-by",
                         "region", "--allow-rejects")  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs.append({n: (out / n).read_bytes() for n in OUTPUTS if (out / n).exists()})
    assert outputs[0] == outputs[1]
