"""Read input files with a size limit, and remember every file read so none is overwritten.

Every input capassess reads whole (YAML files, templates) comes through ``read_bounded``:

- only a regular file is read (a FIFO would block, ``/dev/zero`` never ends), except
  standard input when it is asked for by the name ``-``; a FIFO is opened without
  blocking, so that even opening it cannot hang;
- the limit is enforced while reading: no more than ``limit + 1`` bytes are ever read;
- the file's identity (device and inode, after following links) is remembered, so that
  ``capassess.atomic.replacing`` refuses to write over any file that was read in this
  run, whatever name found it: a path, a questionnaire id looked up in a folder, an
  environment variable, the installed package's data or a link.

Streaming readers (CSV, XLSX) check their file with ``require_regular`` and ``remember``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from capassess.errors import InputError

STDIN = "-"
Identity = tuple[int, int]

# identity -> (the name it was read by, its st_ctime_ns then): a file made later under
# a reused inode number has another change time, and is no input.
_INPUTS: dict[Identity, tuple[str, int]] = {}


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "this is a FIFO (named pipe), not a regular file; pass '-' to read standard input"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "this is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "this is a socket, not a regular file"
    return "this is not a regular file"


def remember(path: str | Path, st: os.stat_result | None = None) -> None:
    """Record the regular file ``path`` as an input of this run."""
    try:
        st = st or os.stat(path)
    except (OSError, ValueError):
        return
    if stat.S_ISREG(st.st_mode):
        _INPUTS.setdefault((st.st_dev, st.st_ino), (str(path), st.st_ctime_ns))


def input_named(path: str | Path) -> str | None:
    """The name an input read in this run was given, if ``path`` leads to that file."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    name, changed = _INPUTS.get((st.st_dev, st.st_ino), ("", -1))
    return name if changed == st.st_ctime_ns else None


def forget_inputs() -> None:
    """Forget every input read so far (for a new run in the same process)."""
    _INPUTS.clear()


def require_regular(path: str | Path) -> os.stat_result:
    """The ``os.stat`` of ``path``; ``InputError`` unless it is a regular file."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError.at("no such file", name) from None
    except (OSError, ValueError) as exc:
        raise InputError.at(f"cannot read: {getattr(exc, 'strerror', None) or exc}", name) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError.at(_kind(st.st_mode), name)
    return st


def _too_large(name: str, limit: int) -> InputError:
    return InputError.at(f"the file is larger than {_size(limit)}", name)


def _size(limit: int) -> str:
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    return f"{limit // 1024} KiB" if limit % 1024 == 0 else f"{limit:,} bytes"


def _read_up_to(fd: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes from ``fd``: enough to tell that there were too many."""
    parts: list[bytes] = []
    left = limit + 1
    while left > 0:
        block = os.read(fd, min(left, 1 << 20))
        if not block:
            break
        parts.append(block)
        left -= len(block)
    return b"".join(parts)


def _read_stdin(limit: int) -> bytes:
    """At most ``limit + 1`` bytes of standard input; ``InputError`` when it cannot be
    read (closed with ``<&-``, opened for writing only, a folder)."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:
            raise OSError(errno.EBADF, "it is closed")
        return _read_up_to(stream.fileno(), limit)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError.at(f"cannot read standard input: {reason}", STDIN) from None


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (or of standard input for ``-``).

    ``InputError`` with the path if it is missing, a folder, a FIFO, a device, unreadable
    or larger than ``limit`` bytes; no more than ``limit + 1`` bytes are read.
    """
    name = str(path)
    if name == STDIN:
        raw = _read_stdin(limit)
        if len(raw) > limit:
            raise _too_large("<stdin>", limit)
        return raw
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError.at("no such file", name) from None
    except IsADirectoryError:
        raise InputError.at("this is a folder, not a file", name) from None
    except (OSError, ValueError) as exc:
        raise InputError.at(f"cannot read: {getattr(exc, 'strerror', None) or exc}", name) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError.at(_kind(st.st_mode), name)
        if st.st_size > limit:
            raise _too_large(name, limit)
        try:
            raw = _read_up_to(fd, limit)
        except OSError as exc:
            raise InputError.at(f"cannot read: {exc.strerror or exc}", name) from None
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise _too_large(name, limit)
    remember(name, st)
    return raw
