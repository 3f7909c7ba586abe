"""Parsed questionnaires kept in the user's cache, keyed by the file's bytes.

Parsing and checking the 100 KB shipped questionnaire takes longer than the rest of
``capassess score``. A questionnaire that loaded without errors is stored as a snapshot
(``capassess.model.snapshot``: plain JSON data, never pickle, so an entry holds no code)
in the cache of ``capassess.cache``, and read back without validating it again (it was
validated when it was written, and building the validator of the whole model costs more
than the rest of the command). The key is the SHA-256 of the file's bytes with the tool's
version, a fingerprint of the program (every module's size and time), the shape of the
models (``schema_fingerprint``) and the versions of Python and pydantic: editing the
file, changing the models or installing another capassess makes another key, so a stale
entry is never served; an entry that does not fit the models is a miss. Files that are
not regular files, or larger than ``MAX_BYTES``, are never cached (they go the ordinary
way, which handles them).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from capassess.model.snapshot import SnapshotError, from_snapshot, schema_fingerprint, to_snapshot

if TYPE_CHECKING:
    from capassess.model.questionnaire import Questionnaire

NAMESPACE = "questionnaire"
MAX_BYTES = 4 << 20


def _content(path: str | Path) -> bytes | None:
    """The file's bytes if it is a small regular file (remembered as an input of this
    run, as ``reading.read_bounded`` does, so no output may replace it); else ``None``."""
    from capassess.reading import remember

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES:
        return None
    remember(path, info)
    return data


def cached_questionnaire(
    path: str | Path, load: Callable[[str | Path], Questionnaire]
) -> Questionnaire:
    """``load(path)``, or its result from the cache when the file's bytes were loaded before."""
    from capassess import cache

    if cache.cache_dir() is None:  # off: no key, no snapshot to make
        return load(path)
    data = _content(path)
    if data is None:
        return load(path)
    try:
        key = cache_key(data)
    except SnapshotError:  # models whose shape cannot be named are never cached
        return load(path)
    found = _from_snapshot(cache.read(NAMESPACE, key))
    if found is not None:
        return found
    questionnaire = load(path)
    if _content(path) == data:  # the file did not change while it was read
        with contextlib.suppress(SnapshotError):
            cache.write(NAMESPACE, key, to_snapshot(questionnaire))
    return questionnaire


def cache_key(data: bytes) -> str:
    """The key of the questionnaire whose file holds ``data``, for this program."""
    import pydantic

    from capassess import __version__, cache
    from capassess.model.questionnaire import Questionnaire

    program = (__version__, cache.program_fingerprint(), schema_fingerprint(Questionnaire))
    return cache.key_of(*program, pydantic.VERSION, data)


def _from_snapshot(payload: bytes | None) -> Questionnaire | None:
    """The questionnaire of a cache entry; one that does not fit the models is a miss."""
    from capassess.model.questionnaire import Questionnaire

    if payload is None:
        return None
    try:
        return from_snapshot(payload, Questionnaire)
    except (SnapshotError, RecursionError):
        return None
