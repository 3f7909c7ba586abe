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


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def numpy_with_one_blas_thread() -> None:
    """Import numpy with its BLAS library (OpenBLAS) on one thread, unless the user set
    the number, then restore the environment (children do not inherit it).

    OpenBLAS starts a thread per core as numpy is imported, and each spins for a while
    before it sleeps: some 0.07 s of a core taken from the run's own threads. Batch does
    no matrix work that such threads would share (TOPSIS's one product of a matrix and
    a vector at most)."""
    import os

    if "numpy" in sys.modules or any(name in os.environ for name in BLAS_THREADS):
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        import numpy  # noqa: F401
    finally:
        del os.environ["OPENBLAS_NUM_THREADS"]


def frugal_memory() -> None:
    """Have pyarrow allocate with the C library's ``malloc`` (unless the user chose a pool
    with ``ARROW_DEFAULT_MEMORY_POOL``): its default pool keeps freed memory for reuse,
    which at a million rows was some 100 MB more at the peak, for no gain in time."""
    import os

    import pyarrow as pa

    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        pa.set_memory_pool(pa.system_memory_pool())


def reading_pool() -> Any:
    """The memory pool for pyarrow's CSV reader: jemalloc's where pyarrow has it, else
    ``None`` (the default pool).

    The reader allocates a few MB for each block of input and frees it once the block
    is judged. With the C library's ``malloc`` (``frugal_memory``) under ``kept_apart``
    each block came in freshly mapped pages, some 30,000 page faults (a tenth of a
    second) at 250,000 rows; jemalloc reuses the blocks it freed, holding about 20 MB
    more, which the memory goal has room for.
    """
    import os

    import pyarrow as pa

    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):  # the user's choice stands
        return None
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # pragma: no cover - pyarrow built without jemalloc
        return None


_TRIM: list[Any] = []
_LIBC: list[Any] = []
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MAPPED_WHILE_READING = 1 << 20
MAPPED_AFTER = 32 << 20
KEPT_FREE = 16 << 20


@contextlib.contextmanager
def kept_apart() -> Iterator[None]:
    """While the block runs, have glibc's ``malloc`` give blocks of 1 MB or more their
    own mapping (``M_MMAP_THRESHOLD``), returned to the system when freed; then 32 MB,
    the most its own adaptive threshold reaches, keeping up to 16 MB free at the top of
    the heap (``M_TRIM_THRESHOLD``) so that blocks of output reuse the same pages
    (elsewhere nothing changes).

    While rows are read, each chunk's results are kept and its raw cells freed; in the
    shared heap the kept pieces pinned the freed space between them, some 100 MB at a
    million rows that ``malloc_trim`` could not return.
    """
    libc = _libc()
    mallopt = getattr(libc, "mallopt", None) if libc is not None else None
    if mallopt is not None:
        mallopt(M_MMAP_THRESHOLD, MAPPED_WHILE_READING)
    try:
        yield
    finally:
        if mallopt is not None:
            mallopt(M_MMAP_THRESHOLD, MAPPED_AFTER)
            mallopt(M_TRIM_THRESHOLD, KEPT_FREE)


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
    libc = _libc()
    return getattr(libc, "malloc_trim", None) if libc is not None else None


def _libc() -> Any:
    """glibc, on Linux; else ``None``."""
    if not _LIBC:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
        try:
            _LIBC.append(ctypes.CDLL(name) if name else None)
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]
