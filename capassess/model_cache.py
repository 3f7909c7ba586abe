"""Parsed files kept in the user's cache, keyed by the file's bytes: questionnaires and
answers files.

Parsing and checking the 100 KB shipped questionnaire takes longer than the rest of
``capassess score``, and reading an answers file (the YAML library, the parse, building
the answers' validator) a good part of what is left. A file that loaded without errors
is stored as a snapshot (``capassess.model.snapshot``: plain JSON data, never pickle, so
an entry holds no code) in the cache of ``capassess.cache``, and read back without
validating it again (it was validated when it was written, and building a model's
validator costs more than the rest of the command). The key is the SHA-256 of the file's
bytes with the tool's version, a fingerprint of the program (every module's size and
time), the shape of the models (``schema_fingerprint``, itself kept in the cache under
the program and pydantic: it changes only with them) and the versions of Python and
pydantic: editing the file, changing the models or installing another capassess makes
another key, so a stale entry is never served; an entry that does not fit the models is
a miss. Files that are not regular files, or larger than ``MAX_BYTES``, are never cached
(they go the ordinary way, which handles them).

Answers files change as an interview goes on: the cache keeps the ``KEEP_ANSWERS`` most
recently stored of them and removes older ones.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from capassess.model.snapshot import SnapshotError, from_snapshot, schema_fingerprint, to_snapshot
from capassess.records import record

if TYPE_CHECKING:
    from pydantic import BaseModel

    from capassess.model.answers import Assessment
    from capassess.model.questionnaire import Questionnaire

M = TypeVar("M", bound="BaseModel")
QUESTIONNAIRES = "questionnaire"
ANSWERS = "answers"
KEEP_ANSWERS = 200
MAX_BYTES = 4 << 20


@record
class Slot(Generic[M]):
    """Where the model of one file's bytes is kept: its namespace, key and the bytes."""

    path: str | Path
    root: type[M]
    namespace: str
    key: str
    data: bytes

    def read(self) -> M | None:
        """The model stored for these bytes; ``None`` if none is, or it does not fit."""
        from capassess import cache

        payload = cache.read(self.namespace, self.key)
        if payload is None:
            return None
        try:
            return from_snapshot(payload, self.root)
        except (SnapshotError, RecursionError):
            return None

    def write(self, model: M, keep: int | None = None) -> None:
        """Store ``model``, if the file still holds the bytes it was read from (then at
        most ``keep`` entries of the namespace are kept, the newest)."""
        from capassess import cache

        if _content(self.path) != self.data:  # the file changed while it was read
            return
        with contextlib.suppress(SnapshotError):
            cache.write(self.namespace, self.key, to_snapshot(model))
            if keep is not None:
                cache.prune(self.namespace, keep)


def slot(path: str | Path, root: type[M], namespace: str) -> Slot[M] | None:
    """The cache slot of the file at ``path``; ``None`` when the cache is off, the file is
    not a small regular file, or the models' shape cannot be named."""
    from capassess import cache

    if cache.cache_dir() is None:  # off: no key, no snapshot to make
        return None
    data = _content(path)
    if data is None:
        return None
    try:
        key = cache_key(data, root)
    except SnapshotError:  # models whose shape cannot be named are never cached
        return None
    return Slot(path, root, namespace, key, data)


def cached_questionnaire(
    path: str | Path, load: Callable[[str | Path], Questionnaire]
) -> Questionnaire:
    """``load(path)``, or its result from the cache when the file's bytes were loaded before."""
    from capassess.model.questionnaire import Questionnaire

    where = slot(path, Questionnaire, QUESTIONNAIRES)
    if where is None:
        return load(path)
    found = where.read()
    if found is not None:
        return found
    questionnaire = load(path)
    where.write(questionnaire)
    return questionnaire


def answers_slot(path: str | Path) -> Slot[Assessment] | None:
    """The cache slot of the answers file at ``path`` (see ``slot``)."""
    from capassess.model.answers import Assessment

    return slot(path, Assessment, ANSWERS)


def cache_key(data: bytes, root: type[BaseModel]) -> str:
    """The key of the ``root`` model of a file that holds ``data``, for this program."""
    import pydantic

    from capassess import __version__, cache

    program = (__version__, cache.program_fingerprint(), schema_of(root))
    return cache.key_of(*program, pydantic.VERSION, data)


SCHEMAS = "schema"
KEEP_SCHEMAS = 20


def schema_of(root: type[BaseModel]) -> str:
    """``schema_fingerprint(root)``, kept in the cache under this program and pydantic:
    computing it walks every field of every model class (a few milliseconds a root, on
    every command), and it changes only when the program or pydantic does, as its key."""
    import pydantic

    from capassess import __version__, cache

    name = f"{root.__module__}.{root.__qualname__}"
    key = cache.key_of(__version__, cache.program_fingerprint(), pydantic.VERSION, name)
    found = cache.read(SCHEMAS, key)
    if found is not None and len(found) == FINGERPRINT_LENGTH and found.isalnum():
        return found.decode("ascii")
    fingerprint = schema_fingerprint(root)
    cache.write(SCHEMAS, key, fingerprint.encode("ascii"))
    cache.prune(SCHEMAS, KEEP_SCHEMAS)
    return fingerprint


FINGERPRINT_LENGTH = 64
"""A SHA-256 in hexadecimal, as ``schema_fingerprint`` gives it."""


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
