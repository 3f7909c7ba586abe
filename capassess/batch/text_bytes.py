"""Cheap checks on the UTF-8 bytes of a text column, before a regular expression runs.

A column of 250,000 names takes pyarrow's regex kernel some 10 ms to search, numpy a
third of that to scan its bytes. In UTF-8 every character below U+0080 is one byte of
that value and no byte of a longer character is below 0x80, so "holds an ASCII control
character" or "a cell starts with ``=``" is exactly a question about bytes. The checks
here say whether a column *may* need the regex: when they say no, it does not; when
they say yes (or cannot tell: another array type), the regex decides as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa


def _layout(values: pa.Array) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint8]] | None:
    """The offsets and bytes of a plain string array, or ``None`` for any other."""
    import numpy as np
    import pyarrow as pa

    if not isinstance(values, pa.Array) or values.type != pa.string() or values.null_count:
        return None
    count = len(values)
    offsets = np.frombuffer(values.buffers()[1], np.int32, count + 1, values.offset * 4)
    start, stop = int(offsets[0]), int(offsets[-1])
    data = values.buffers()[2]
    if data is None or stop == start:
        return offsets, np.zeros(0, np.uint8)
    return offsets, np.frombuffer(data, np.uint8, stop - start, start)


def _table(codes: bytes) -> npt.NDArray[np.bool_]:
    import numpy as np

    table = np.zeros(256, dtype=bool)
    table[list(codes)] = True
    return table


def may_hold(values: pa.Array, codes: bytes) -> bool:
    """False only if no cell of ``values`` holds any of the bytes ``codes``."""
    layout = _layout(values)
    if layout is None:
        return True
    data = layout[1]
    return bool(len(data)) and bool(_table(codes)[data].any())


def may_start_with(values: pa.Array, codes: bytes) -> bool:
    """False only if no cell of ``values`` starts with any of the bytes ``codes``."""
    import numpy as np

    layout = _layout(values)
    if layout is None:
        return True
    offsets, data = layout
    starts = offsets[:-1][offsets[1:] > offsets[:-1]] - offsets[0]
    return bool(len(starts)) and bool(np.isin(data[starts], list(codes)).any())


CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""Every control character but tab and the line ends, as UTF-8 bytes (one byte each)."""
