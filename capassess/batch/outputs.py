"""Write the score table of all units as CSV and XLSX, in rank order.

Columns: rank, id, name, the group columns, overall and overall_level (capped by the
foundation, as ``score`` caps it), then each
dimension and each capability with its ``_level``, rank_value (when ranking is not by
the model's overall score), the answered / not_applicable / missing counts, and the
source file and row. Scores are rounded to 4 decimals, an n/a score is an empty cell.
The CSV is UTF-8 with a BOM; every text cell of both files is neutralised.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from capassess.atomic import writing
from capassess.batch.collect import Units
from capassess.batch.files import replacing
from capassess.batch.neutralise import neutralise, neutralise_array
from capassess.batch.ranking import Ranking
from capassess.batch.vector import NodeOrder, levels, overall_levels
from capassess.batch.xlsx_writer import SheetColumn, XlsxWriter

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

SCALE = 10_000
TIE = 1e-6
BLOCK = 8_192
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
LEVEL_TEXTS = ("", "1", "2", "3", "4", "5")
UTF8_BOM = b"\xef\xbb\xbf"


@lru_cache(maxsize=1)
def score_texts() -> tuple[str, ...]:
    """Every score 1.0000 .. 5.0000 as text, and an empty text (n/a) last.

    Each is ``f"{i / 10_000:.4f}"``: the double nearest to i / 10^4 is within far less
    than half a step of it, so its four decimals are those of i, written without
    floating point."""
    decimals = [f"{d:04d}" for d in range(SCALE)]
    texts = [f"{whole}.{d}" for whole in range(1, 5) for d in decimals]
    return (*texts, "5.0000", "")


def score_codes(values: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Index of each score in ``score_texts()``; n/a is last (any shape of ``values``).

    The text is the score rounded as ``f"{score:.4f}"`` rounds it. ``rint(score * 10^4)``
    does the same except within a hair of a tie (x.xxxx5), where the product's own
    rounding may tip it; those few are rounded by ``_near_ties``.
    """
    import numpy as np

    values = np.asarray(values, dtype=np.float64)
    scaled = values * SCALE
    rounded = np.rint(scaled)
    with np.errstate(invalid="ignore"):  # NaN (n/a) is no tie, and is coded last below
        near = np.abs(scaled - np.floor(scaled) - 0.5) < TIE
    if near.any():
        rounded[near] = _near_ties(values[near], scaled[near])
    na = np.isnan(values)
    rounded[na] = len(score_texts()) - 1 + SCALE
    return rounded.astype(np.int64) - SCALE


def _near_ties(
    values: npt.NDArray[np.float64], scaled: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """``values`` * 10^4 rounded to a whole number as Python's formatting rounds
    ``values`` to 4 decimals: the exact product, ties to even.

    ``scaled`` is the product as rounded by the multiplication; its error is found
    exactly (Dekker's product of two doubles: 10^4 and the halves of each value have
    few enough bits that every step is exact). A rounded product that is not on the
    tie k + 0.5 is on the same side of it as the exact one (they are within half a
    unit in the last place; the tie is a double, a whole unit from any other); one on
    the tie goes the way of the error, and an exact tie to the even neighbour.
    """
    import numpy as np

    split = 134_217_729.0 * values  # 2^27 + 1: the value's upper 26 bits, and the rest
    high = split - (split - values)
    low = values - high
    error = (high * SCALE - scaled) + low * SCALE
    below = np.floor(scaled)
    side = np.sign(scaled - (below + 0.5))
    side = np.where(side != 0, side, np.sign(error))
    even = below + np.mod(below, 2)  # the even one of below and below + 1
    return np.where(side > 0, below + 1, np.where(side < 0, below, even))


def level_codes(values: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Index of each score's level in ``LEVEL_TEXTS``; n/a is 0."""
    import numpy as np

    return np.nan_to_num(levels(values), nan=0.0).astype(np.int64)


def coded(
    header: str, codes: npt.NDArray[np.int64], table: tuple[str, ...], width: float = 9.0
) -> SheetColumn:
    """A number column of texts looked up in ``table``."""
    return SheetColumn(neutralise(header), "number", None, width, codes, table)


def integer_column(values: npt.NDArray[np.generic], *, blank_zero: bool = True) -> pa.Array:
    """Whole numbers as texts; NaN, and 0 if ``blank_zero`` (no rank), empty."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    floats = np.asarray(values, dtype=np.float64)
    blank = np.isnan(floats) | ((floats == 0) if blank_zero else False)
    texts = pc.cast(pa.array(np.nan_to_num(floats, nan=0.0).astype(np.int64)), pa.string())
    return pc.if_else(pa.array(blank), "", texts)


def decimal_column(values: npt.NDArray[np.float64]) -> pa.Array:
    """Any numbers as texts with up to 6 decimals; NaN as empty."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pc.cast(pc.round(pa.array(values, from_pandas=True), 6), pa.string())
    return pc.fill_null(texts, "")


def _decoded(values: pa.Array) -> pa.Array:
    """``values`` as plain strings (decoded if dictionary-encoded)."""
    import pyarrow as pa

    return values.dictionary_decode() if pa.types.is_dictionary(values.type) else values


def _shown_sources(values: pa.Array) -> pa.Array:
    """Source paths as outputs show them (``capassess.shown_paths``): no folder of the
    machine, only a path inside the current folder."""
    import pyarrow as pa

    from capassess.shown_paths import shown_path

    if pa.types.is_dictionary(values.type):
        names = pa.array([shown_path(s) for s in values.dictionary.to_pylist()], pa.string())
        return pa.DictionaryArray.from_arrays(values.indices, names).dictionary_decode()
    return pa.array([shown_path(s) for s in values.to_pylist()], pa.string())


def _text(header: str, values: pa.Array, width: float = 14.0) -> SheetColumn:
    return SheetColumn(neutralise(header), "text", neutralise_array(values), width)


def _number(header: str, values: pa.Array, width: float = 9.0) -> SheetColumn:
    return SheetColumn(neutralise(header), "number", values, width)


class ScoreTable:
    """The table of all units in rank order, made into cells a block of rows at a time."""

    def __init__(self, units: Units, ranking: Ranking, order: NodeOrder, *, rank_value: bool):
        self.units, self.ranking, self.order = units, ranking, order
        self.rank_value = rank_value
        self.sequence = ranking.order()
        self.rows = len(self.sequence)
        self.count_texts = tuple(str(i) for i in range(int(units.counts.max(initial=0)) + 1))
        sample = self.block(0, 0)
        self.headers = [c.header for c in sample]
        self.widths = [c.width for c in sample]

    def block(self, start: int, stop: int) -> list[SheetColumn]:
        """The columns of the units ranked ``start`` to ``stop`` (0-based)."""
        import numpy as np
        import pyarrow as pa

        units, index = self.units, self.sequence[start:stop]
        take = pa.array(index, pa.int64())
        scores = units.scores[index]
        columns = [
            _number("rank", integer_column(self.ranking.rank[index]), 7),
            _text("id", units.ids.take(take)),
            _text("name", units.names.take(take), 24),
            *(_text(g, a.take(take)) for g, a in units.groups.items()),
        ]
        gated = np.nan_to_num(
            overall_levels(scores, self.order, units.answered[index]), nan=0.0
        ).astype(np.int64)
        by_node = np.ascontiguousarray(scores.T)  # every node's scores at once, a row each
        texts, levels = score_codes(by_node), level_codes(by_node)
        for j, node in enumerate(self.order.nodes):
            columns.append(coded(node, texts[j], score_texts()))
            columns.append(coded(f"{node}_level", gated if j == 0 else levels[j], LEVEL_TEXTS, 7))
        if self.rank_value:
            columns.append(_number("rank_value", decimal_column(self.ranking.value[index])))
        counts = units.counts[index].astype("int64")
        for i, name in enumerate(("answered", "not_applicable", "missing")):
            columns.append(coded(name, counts[:, i], self.count_texts))
        columns.append(_text("source", _shown_sources(units.origins.take(take)), 24))
        columns.append(_number("row", integer_column(units.rows[index]), 7))
        return columns


def xlsx_refusal(rows: int, columns: int) -> str | None:
    """Why a table of ``rows`` units (and a header) and ``columns`` cannot be one Excel
    sheet, or ``None`` if it can. scores.xlsx is then not written (not split: one table
    is one sheet), and scores.csv holds every unit."""
    if rows + 1 > EXCEL_ROWS:
        return (f"scores.xlsx not written: {rows:,} units and the header exceed Excel's "
                f"{EXCEL_ROWS:,} rows a sheet; scores.csv holds every unit")  # fmt: skip
    if columns > EXCEL_COLUMNS:
        return (f"scores.xlsx not written: {columns:,} columns exceed Excel's "
                f"{EXCEL_COLUMNS:,} a sheet; scores.csv holds every column")  # fmt: skip
    return None


def write_scores(
    table: ScoreTable, csv_path: str | Path, xlsx_path: str | Path
) -> tuple[Path, Path | None]:
    """Write the table as CSV (UTF-8 with BOM) and XLSX, making each block of rows once;
    no XLSX (and any old one removed) when the table does not fit a sheet.

    Each block's CSV text is made and written in a second thread, and its sheet XML made
    in a third and deflated in a fourth, while this one makes the next block's cells.
    """
    sheet = None
    if xlsx_refusal(table.rows, len(table.headers)) is None:
        sheet = XlsxWriter(xlsx_path, "scores", table.headers, table.widths, table.rows)
    else:
        Path(xlsx_path).unlink(missing_ok=True)
    context = sheet if sheet is not None else contextlib.nullcontext()
    with replacing(csv_path) as tmp, open(tmp, "wb") as handle, context, writing(csv_path):
        # ``writing`` names the CSV in its errors before the sheet (which names itself) sees them
        handle.write(UTF8_BOM + _csv_line(table.headers))
        with _CsvBlocks(handle, len(table.headers)) as csv_out:
            for start in range(0, table.rows, BLOCK):
                block = table.block(start, min(table.rows, start + BLOCK))
                csv_out.write(block)
                if sheet is not None:
                    sheet.write(block)
    return Path(csv_path), Path(xlsx_path) if sheet is not None else None


class _CsvBlocks:
    """Writes blocks of columns as CSV rows in a second thread, one block in flight."""

    def __init__(self, handle: BinaryIO, columns: int) -> None:
        import pyarrow as pa
        import pyarrow.csv as pcsv

        self.schema = pa.schema([pa.field(f"c{i}", pa.string()) for i in range(columns)])
        options = pcsv.WriteOptions(include_header=False, quoting_style="needed")
        self.writer = pcsv.CSVWriter(handle, self.schema, write_options=options)
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pending: Future[None] | None = None

    def write(self, block: Sequence[SheetColumn]) -> None:
        """Queue ``block`` (waiting for the one before)."""
        self._wait()
        self.pending = self.pool.submit(self._write, block)

    def _write(self, block: Sequence[SheetColumn]) -> None:
        import pyarrow as pa

        self.writer.write_batch(pa.record_batch([c.texts() for c in block], schema=self.schema))

    def _wait(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def __enter__(self) -> _CsvBlocks:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is None:
                self._wait()
        finally:
            self.pool.shutdown(wait=True)
            if kind is None:
                self.writer.close()
            else:  # the error under way is the one to report
                with contextlib.suppress(Exception):
                    self.writer.close()


def _csv_line(cells: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue().encode("utf-8")
