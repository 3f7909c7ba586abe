"""Parsed questionnaires kept in the user's cache, keyed by the file's bytes.

Parsing and checking the 100 KB shipped questionnaire takes longer than the rest of
``capassess score``. A questionnaire that loaded without errors is stored as JSON (plain
data, never pickle: an entry holds no code, and is validated again when read) in the
cache of ``capassess.cache`` under a key made of the SHA-256 of the file's bytes and a
fingerprint of the program (every module's size and time, the versions of Python and
pydantic): editing the file, or installing another capassess, makes another key, so a
stale entry is never served. Files that are not regular files, or larger than
``MAX_BYTES``, are never cached (they go the ordinary way, which handles them).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

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

    data = _content(path)
    if data is None:
        return load(path)
    import pydantic

    key = cache.key_of(cache.program_fingerprint(), pydantic.VERSION, data)
    found = _from_json(cache.read(NAMESPACE, key))
    if found is not None:
        return found
    questionnaire = load(path)
    if _content(path) == data:  # the file did not change while it was read
        cache.write(NAMESPACE, key, questionnaire.model_dump_json().encode("utf-8"))
    return questionnaire


def _from_json(payload: bytes | None) -> Questionnaire | None:
    """The questionnaire of a cache entry, validated again; a damaged entry is a miss."""
    import pydantic

    from capassess.model.questionnaire import Questionnaire

    if payload is None:
        return None
    try:
        return Questionnaire.model_validate_json(payload)
    except (pydantic.ValidationError, ValueError):
        return None
