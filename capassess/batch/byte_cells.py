"""Read GB18030 (GBK, GB2312) CSV as bytes, decoding only the cells that need it.

In these encodings every byte below 0x80 stands for its ASCII character: the second byte
of a two-byte character is 0x40-0x7E or 0x80-0xFE, the second and fourth of a four-byte
one 0x30-0x39, never a delimiter (comma, tab, semicolon), a quote or a line end. So
pyarrow can split the file into records and cells as bytes, as it would the decoded
text, and a column whose bytes are all ASCII is already its text. Only the others (in a
bank's sheet the names, the group columns, answers such as 是 and 否: a small part of
the bytes) are decoded, a whole column in one call of Python's codec: its cells joined
with a separator byte that none of them holds, decoded, encoded as UTF-8 and split
where the separators are. Each cell is so decoded on its own, as strictly as the whole
file is decoded on the text path (a cell ending in half a character is an error); a
cell that does not decode raises ``UnicodeDecodeError``, and the reader then reads the
file as text, which names the error as it always has.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

BYTEWISE = frozenset({"gb18030", "gbk", "gb2312"})
SEPARATORS = bytes([0, *range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""Candidate separators: control bytes, which no multi-byte character holds."""


def reads_bytewise(encoding: str | None) -> bool:
    """True if CSV in ``encoding`` can be split into cells before it is decoded."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name in BYTEWISE
    except LookupError:
        return False


def decoded(column: pa.Array, encoding: str) -> pa.Array:
    """The cells of a binary ``column`` (no nulls) as text; ``UnicodeDecodeError`` if a
    cell is not valid ``encoding``."""
    import numpy as np
    import pyarrow as pa

    count = len(column)
    offsets = np.frombuffer(column.buffers()[1], np.int32, count + 1, column.offset * 4)
    start, stop = int(offsets[0]), int(offsets[-1])
    data = np.frombuffer(column.buffers()[2], np.uint8, stop - start, start) if stop > start \
        else np.zeros(0, np.uint8)  # fmt: skip
    if column.null_count:
        return pa.array([_text(c, encoding) for c in column.to_pylist()], pa.string())
    if not len(data) or int(data.max()) < 0x80:
        shifted = offsets - start if start else offsets
        buffers = [None, pa.py_buffer(shifted), pa.py_buffer(data)]
        return pa.Array.from_buffers(pa.string(), count, buffers)
    separator = _separator(data)
    if separator is None:
        return pa.array([_text(c, encoding) for c in column.to_pylist()], pa.string())
    return _split(_joined(data, offsets - start, separator), count, separator, encoding)


def _text(cell: bytes | None, encoding: str) -> str | None:
    return None if cell is None else cell.decode(encoding)


def _separator(data: npt.NDArray[np.uint8]) -> int | None:
    """A control byte that no cell holds, or ``None``."""
    import numpy as np

    low = data[data < 0x20]
    if not len(low):
        return 0
    present = np.zeros(0x20, dtype=bool)
    present[low] = True
    return next((b for b in SEPARATORS if not present[b]), None)


def _joined(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int32], separator: int
) -> npt.NDArray[np.uint8]:
    """The cells with ``separator`` after each."""
    import numpy as np

    count = len(offsets) - 1
    out = np.empty(len(data) + count, dtype=np.uint8)
    ends = offsets[1:].astype(np.int64) + np.arange(count, dtype=np.int64)
    keep = np.ones(len(out), dtype=bool)
    keep[ends] = False
    out[keep] = data
    out[ends] = separator
    return out


def _split(joined: npt.NDArray[np.uint8], count: int, separator: int, encoding: str) -> pa.Array:
    """Decode the joined cells and make a text column of them, separators dropped."""
    import numpy as np
    import pyarrow as pa

    text = np.frombuffer(joined.tobytes().decode(encoding).encode("utf-8"), np.uint8)
    marks = text == separator
    ends = np.flatnonzero(marks)
    if len(ends) != count:  # pragma: no cover - a separator is a byte no cell holds
        raise AssertionError(f"{len(ends)} separators for {count} cells")
    offsets = np.empty(count + 1, dtype=np.int32)
    offsets[0] = 0
    offsets[1:] = ends - np.arange(count)
    data = text[~marks]
    return pa.Array.from_buffers(pa.string(), count, [None, pa.py_buffer(offsets),
                                                      pa.py_buffer(data)])  # fmt: skip
