"""A disk that fills up: files opened for writing under a folder get ``room`` bytes in
all, then every write fails with ENOSPC, as on a full disk.

``open`` (``builtins.open`` and ``io.open``) and ``os.fdopen`` are wrapped, so the product's own code paths
run unchanged. The bytes that reach the file are counted (a file opened in text mode
gets its own text layer over the counting binary file, so encodings and BOMs count as
written); the write that does not fit stores what fits, then fails, as ``write(2)`` does.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest

WRITE_MODES = frozenset("wax+")
OPEN_ARGS = ("buffering", "encoding", "errors", "newline", "closefd", "opener")


class FillingFile:
    """A binary file whose writes use up the room of a ``FullDisk``."""

    def __init__(self, handle: Any, disk: FullDisk, name: str) -> None:
        self._handle = handle
        self._disk = disk
        self._name = name

    def write(self, data: Any) -> int:
        """Write ``data`` if it fits; else write what fits and fail with ENOSPC."""
        view = memoryview(data).cast("B")
        left = self._disk.room - self._disk.used
        if len(view) > left:
            if left > 0:
                self._handle.write(view[:left])
            self._disk.used = self._disk.room
            self._disk.failed.append(self._name)
            if self._disk.transient:  # another process frees space right after
                self._disk.room = 1 << 62
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._disk.used += len(view)
        return int(self._handle.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> FillingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _text(binary: FillingFile, options: dict[str, Any]) -> io.TextIOWrapper:
    """A text layer, as ``open`` would make it with ``options``, over a counting file."""
    return io.TextIOWrapper(
        binary,
        encoding=options.get("encoding") or "utf-8",
        errors=options.get("errors"),
        newline=options.get("newline"),
    )


class FullDisk:
    """Files opened for writing under ``folder`` share ``room`` bytes."""

    def __init__(
        self, folder: Path, room: int, *, transient: bool = False, only: str | None = None
    ) -> None:
        self.folder = folder.resolve()
        self.room = room
        self.transient = transient
        self.only = only  # count only the writes to this output (or its temporary file)
        self.used = 0
        self.failed: list[str] = []  # the names of the files whose writes failed

    def _counts(self, file: Any, mode: str) -> str | None:
        """The name of the file if its writes count, else ``None``."""
        if not (WRITE_MODES & set(mode)) or not isinstance(file, (str, os.PathLike)):
            return None
        real = Path(os.path.realpath(file))
        name = real.name
        if not real.is_relative_to(self.folder):
            return None
        if self.only is None or name == self.only or name.startswith(f".{self.only}."):
            return name
        return None

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Wrap ``open`` for the rest of the test."""
        real_open = builtins.open

        def filling_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            name = self._counts(file, mode)
            if name is None:
                return real_open(file, mode, *args, **kwargs)
            if "b" in mode:
                return FillingFile(real_open(file, mode, *args, **kwargs), self, name)
            options = {**dict(zip(OPEN_ARGS, args, strict=False)), **kwargs}
            return _text(FillingFile(real_open(file, mode.replace("t", "") + "b"), self, name),
                         options)  # fmt: skip

        real_fdopen = os.fdopen

        def filling_fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            try:
                name = self._counts(os.readlink(f"/proc/self/fd/{fd}"), mode)  # Linux
            except OSError:
                name = None
            if name is None:
                return real_fdopen(fd, mode, *args, **kwargs)
            if "b" in mode:
                return FillingFile(real_fdopen(fd, mode, *args, **kwargs), self, name)
            options = {**dict(zip(OPEN_ARGS, args, strict=False)), **kwargs}
            return _text(FillingFile(real_fdopen(fd, mode.replace("t", "") + "b"), self, name),
                         options)  # fmt: skip

        monkeypatch.setattr(builtins, "open", filling_open)
        monkeypatch.setattr(io, "open", filling_open)
        monkeypatch.setattr(os, "fdopen", filling_fdopen)
