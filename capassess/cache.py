"""A small on-disk cache of derived data (compiled templates, parsed questionnaires).

Entries live in the user's cache folder (``$CAPASSESS_CACHE_DIR``, else
``$XDG_CACHE_HOME/capassess``, else ``~/.cache/capassess``; an empty
``CAPASSESS_CACHE_DIR`` turns the cache off). The cache can only make things faster,
never different:

- every key is a hash of everything the entry is derived from (the input's bytes, the
  program's and libraries' versions), so an entry is never stale: a changed input has
  another key;
- every entry carries the SHA-256 of its payload and is checked on reading; a damaged,
  cut or foreign entry is a miss (and is removed);
- entries are written to a temporary file and renamed into place, so concurrent writers
  and readers see a whole entry or none;
- the folder must be given as an absolute path, belong to the user and be writable by no
  one else (entries may hold code); otherwise the cache is not used;
- an entry that is not a regular file (a link, a FIFO, a device, a folder) is a miss, and
  is never opened in a way that could block.

Any error of the cache is a miss: the caller computes the value as if there were none.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import sys
from pathlib import Path

ENV = "CAPASSESS_CACHE_DIR"
DIGEST = 32
MAX_ENTRY = 64 << 20


def cache_dir() -> Path | None:
    """The cache folder (created private if missing), or ``None`` if off or unsafe."""
    configured = os.environ.get(ENV)
    if configured == "":
        return None
    if configured:
        folder = Path(configured)
    else:
        try:
            base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        except RuntimeError:  # no home folder known
            return None
        folder = Path(base) / "capassess"
    if not folder.is_absolute():  # relative: a new cache in every working folder
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None
    return folder


@functools.lru_cache(maxsize=1)
def program_fingerprint() -> str:
    """A digest of every module of capassess (path, size, modification time): entries
    derived by one version of the code are never served to another."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def key_of(*parts: str | bytes) -> str:
    """A cache key: the SHA-256 of ``parts`` and of the Python that reads the entry."""
    digest = hashlib.sha256(sys.version.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _entry(namespace: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{namespace}-{key}"


def read(namespace: str, key: str) -> bytes | None:
    """The payload stored under ``key``, or ``None`` (missing, damaged or cache off)."""
    path = _entry(namespace, key)
    if path is None:
        return None
    data = _read_regular(path)
    if data is None:
        return None
    payload = data[DIGEST:]
    if len(data) <= DIGEST or hashlib.sha256(payload).digest() != data[:DIGEST]:
        _remove(path)
        return None
    return payload


def _read_regular(path: Path) -> bytes | None:
    """The first bytes of the entry if it is a regular file (not a link, FIFO, device or
    folder, which could block or never end); a bad entry is removed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:  # a link (O_NOFOLLOW), or unreadable
        _remove(path)
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            _remove(path)
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_ENTRY + DIGEST + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def write(namespace: str, key: str, payload: bytes) -> None:
    """Store ``payload`` under ``key``, atomically; any failure is ignored."""
    path = _entry(namespace, key)
    if path is None or len(payload) > MAX_ENTRY:
        return
    from capassess.atomic import write_unsynced

    with contextlib.suppress(OSError):
        write_unsynced(path, hashlib.sha256(payload).digest() + payload, mode=0o600)


def prune(namespace: str, keep: int) -> None:
    """Remove all but the ``keep`` newest entries of ``namespace`` (by modification
    time); any failure is ignored."""
    folder = cache_dir()
    if folder is None:
        return
    prefix = f"{namespace}-"
    with contextlib.suppress(OSError):
        entries = []
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
        entries.sort(reverse=True)
        for _, path in entries[keep:]:
            _remove(Path(path))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
