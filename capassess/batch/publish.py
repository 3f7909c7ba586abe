"""A batch run's outputs as one set: written apart, then put in place together.

A run writes into a fresh hidden folder beside the output folder (inside it when the
parent cannot take one, or lies on another file system) and only when every file is
written are the previous run's outputs moved aside and the new ones moved in, one
rename each; the old ones are then deleted. A run that fails leaves the previous outputs
as they were and no debris. The output folder is locked (``flock``) for the whole run,
so that a second batch into the same folder is refused rather than mixed with the first.
Files in the output folder that are not outputs of a run are never touched.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from capassess.atomic import leave_folder, replace_set
from capassess.batch.files import prepare_dir
from capassess.errors import OutputError
from capassess.reading import input_named


def try_lock(folder: str | Path) -> int | None:
    """An exclusive lock on ``folder``, held by the descriptor returned (closing it lets
    go); None if another run holds it. ``OSError`` if the folder cannot be opened."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _lock(folder: Path) -> int:
    """Hold an exclusive lock on ``folder``; ``OutputError`` if another run holds it."""
    fd = try_lock(folder)
    if fd is None:
        leave_folder(folder)  # the run holding it writes into it: never removed here
        raise OutputError(
            f"the output folder {folder} is in use by another capassess batch; "
            "wait for it to finish or choose another folder"
        )
    return fd


def _staging(folder: Path) -> Path:
    """A fresh hidden folder for the run, beside ``folder`` if it can be, else inside it."""
    real = folder.resolve()
    parent = real.parent
    with contextlib.suppress(OSError):
        if parent != real and os.stat(parent).st_dev == os.stat(real).st_dev:
            return Path(tempfile.mkdtemp(prefix=f".{real.name}.run-", dir=parent))
    try:
        return Path(tempfile.mkdtemp(prefix=".capassess-run-", dir=real))
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder {folder}: {exc.strerror}") from None


def _holds_input(path: Path, inputs: Iterable[str | Path]) -> str | None:
    """The input that removing ``path`` (a file or a folder) would delete, if any."""
    real = os.path.realpath(path)
    for source in inputs:
        if source == "-":
            continue
        there = os.path.realpath(source)
        if there == real or there.startswith(real + os.sep):
            return str(source)
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    for file in files:
        if not file.is_symlink() and (name := input_named(file)) is not None:
            return name
    return None


def check_outputs(folder: Path, names: Iterable[str], inputs: Iterable[str | Path]) -> None:
    """``OutputError`` if replacing the outputs ``names`` in ``folder`` would lose an input."""
    sources = list(inputs)
    for name in names:
        old = folder / name
        if not old.is_symlink() and old.exists():
            held = _holds_input(old, sources)
            if held is not None:
                raise OutputError(
                    f"cannot write {old}: it holds the input {held}, which would be "
                    "replaced; choose another output folder"
                )


@contextlib.contextmanager
def _named_as(staging: Path, folder: Path) -> Iterator[None]:
    """Name the files of an ``OutputError`` raised in the block as they will be named."""
    try:
        yield
    except OutputError as exc:
        raise OutputError(exc.message.replace(str(staging), str(folder))) from None


@contextlib.contextmanager
def staged_outputs(
    outdir: str | Path, names: tuple[str, ...], inputs: Iterable[str | Path]
) -> Iterator[Path]:
    """Yield a fresh folder to write a run's outputs ``names`` into; when the block ends
    well, they replace the previous outputs in ``outdir`` as a whole."""
    folder = prepare_dir(outdir)
    sources = list(inputs)
    fd = _lock(folder)
    try:
        check_outputs(folder, names, sources)
        staging = _staging(folder)
        try:
            with _named_as(staging, folder):
                yield staging
            check_outputs(folder, names, sources)
            replace_set(staging, folder, names)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        os.close(fd)


def final_paths(outputs: dict[str, str], staging: Path, folder: Path) -> dict[str, str]:
    """``outputs`` with each path in ``staging`` named as it will be in ``folder``."""
    renamed = {}
    for key, value in outputs.items():
        path = Path(value)
        with contextlib.suppress(ValueError):
            path = folder / path.relative_to(staging)
        renamed[key] = str(path)
    return renamed
