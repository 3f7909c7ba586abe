"""Output files of a batch run: written under a temporary name, then moved into place.

``capassess.atomic.write_atomic`` does this for a text in memory; ``replacing`` does it
for files written in pieces (CSV streams, XLSX archives), so that a reader never sees
half a file and a failed run leaves no debris.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from capassess.errors import OutputError


def default_mode() -> int:
    """The permission bits a new file gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def prepare_dir(path: str | Path) -> Path:
    """Create the output folder ``path`` if needed; ``OutputError`` if it cannot be."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write to the output folder {folder}")
    return folder


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it to ``path`` if the block succeeds."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        yield Path(tmp)
        os.chmod(tmp, default_mode())
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
