"""Run batch's pyarrow work without the pandas pyarrow probes for.

pyarrow imports pandas, if it is installed, on its first conversion and in
``to_numpy``, to recognise pandas objects: a quarter of a second that batch, which never
hands pyarrow a pandas object, would pay on every run.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any


class _NoPandas:
    """A meta-path finder that hides pandas while pyarrow probes for it."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


@contextlib.contextmanager
def without_pandas() -> Iterator[None]:
    """Hide pandas (unless it is loaded already) while the block runs.

    pyarrow tries to import pandas on its first conversion and in ``to_numpy``; it
    works the same without it. Batch never uses pandas, so its quarter of a second of
    importing is spared; outside the block pandas is importable as ever.
    """
    if "pandas" in sys.modules:
        yield
        return
    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def frugal_memory() -> None:
    """Have pyarrow allocate with the C library's ``malloc`` (unless the user chose a pool
    with ``ARROW_DEFAULT_MEMORY_POOL``): its default pool keeps freed memory for reuse,
    which at a million rows was some 100 MB more at the peak, for no gain in time."""
    import os

    import pyarrow as pa

    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        pa.set_memory_pool(pa.system_memory_pool())


_TRIM: list[Any] = []


def give_back_memory() -> None:
    """Return freed heap memory to the system (glibc's ``malloc_trim``; elsewhere nothing).

    Called once a chunk of rows is judged: the chunk's buffers are free by then, and
    without this the C library keeps them, so the process grew by the size of the
    input, not of what it keeps.
    """
    if not _TRIM:
        _TRIM.append(_malloc_trim())
    if _TRIM[0] is not None:
        _TRIM[0](0)


def _malloc_trim() -> Any:
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
