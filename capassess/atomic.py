"""Write files atomically: a reader sees the old file or the new one, never half of one.

Every file capassess writes goes through ``replacing``: the new content is written to a
hidden temporary file beside the target (``.NAME.XXXXXXXX.tmp``), synced to disk and
moved over the target with ``os.replace``. A run killed on the way leaves the old file
(and at worst a hidden temporary file); a failure removes the temporary file and is an
``OutputError`` that names the path.

Targets that cannot simply be replaced:

- a symbolic link is followed: the file it points to is replaced and the link kept, as
  editors do;
- an existing file that is not a regular file (a device such as ``/dev/null`` or
  ``/dev/full``, a FIFO), and a file named through a descriptor (``/dev/stdout``,
  ``/dev/fd/1``, ``/proc/...``), is written in place, as a shell's ``>`` does: a
  temporary file and a rename would replace the device node itself, or miss the file
  the descriptor shows;
- an existing folder is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from capassess.errors import CapassessError, OutputError
from capassess.reading import input_named


def _read_umask() -> int:
    # Read once, at import: os.umask can only be read by setting it, which is not
    # thread-safe, and batch writes files from two threads.
    umask = os.umask(0)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


DESCRIPTOR_PATHS = ("/dev/fd/", "/proc/")
STANDARD_STREAMS = ("/dev/stdin", "/dev/stdout", "/dev/stderr")


def refuse_inputs(outputs: Iterable[str | Path], inputs: Iterable[str | Path | None]) -> None:
    """``OutputError`` if writing one of ``outputs`` would replace one of ``inputs``.

    Checked before anything is written, so that ``report a.yaml -o a.yaml`` or a batch
    whose input is an earlier run's ``scores.csv`` in the same folder loses no data.
    Files that do not exist yet cannot be inputs; links and other names of one file are
    the same file.
    """
    sources = [Path(src) for src in inputs if src is not None and src != "-"]
    for output in outputs:
        try:
            if not stat.S_ISREG(os.stat(output).st_mode):
                continue  # a device or FIFO is written in place, never replaced
        except (OSError, ValueError):
            continue  # a file that does not exist yet is no input
        for source in sources:
            try:
                same = os.path.samefile(output, source)
            except (OSError, ValueError):
                continue
            if same:
                which = "also an input" if Path(output) == source else f"the input {source}"
                raise OutputError(
                    f"cannot write {output}: it is {which}, which would be replaced; "
                    "choose another output"
                )


def files_under(folder: str | Path | None) -> list[Path]:
    """Every file below ``folder`` (none if it is ``None`` or no folder)."""
    if folder is None or not Path(folder).is_dir():
        return []
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def default_mode() -> int:
    """The permission bits a new file gets under the umask."""
    return 0o666 & ~_UMASK


def output_error(path: str | Path, exc: OSError) -> OutputError:
    """The ``OutputError`` for ``exc``, raised while writing ``path``."""
    return OutputError(f"cannot write {path}: {exc.strerror or exc}")


@contextlib.contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Report an ``OSError`` raised in the block as an ``OutputError`` about ``path``."""
    try:
        yield
    except OSError as exc:
        raise output_error(path, exc) from None


@contextlib.contextmanager
def _guarded(target: Path, ours: tuple[Path, ...]) -> Iterator[None]:
    """As ``writing``, but an error about some other named file (say, an input being
    read while the output is written) is reported as being about that file."""
    try:
        yield
    except OSError as exc:
        name = exc.filename
        if isinstance(name, (str, os.PathLike)) and Path(name) not in ours:
            raise CapassessError(f"{os.fspath(name)}: {exc.strerror or exc}") from None
        raise output_error(target, exc) from None


def _existing_mode(path: Path) -> int | None:
    """The ``st_mode`` of what ``path`` leads to, or ``None`` if nothing is there yet."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None


def _in_place(target: Path, real: Path) -> bool:
    """True if the existing regular file ``target`` must be written in place: one named
    through a descriptor (``/dev/stdout`` redirected to a file: a new file in its folder
    would not be the file the descriptor shows) or whose folder cannot be known."""
    absolute = os.path.abspath(target)
    if absolute.startswith(DESCRIPTOR_PATHS) or absolute in STANDARD_STREAMS:
        return True
    try:
        return not os.path.samefile(target, real)  # e.g. an unlinked file: "x (deleted)"
    except OSError:
        return True


def _commit(tmp: Path, real: Path) -> None:
    """Sync ``tmp`` to disk, give it the target's permissions and move it over ``real``."""
    fd = os.open(tmp, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    mode = _existing_mode(real)
    os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else default_mode())
    os.replace(tmp, real)


def refuse_read_input(target: Path) -> None:
    """``OutputError`` if ``target`` is a file read as an input in this run, by any name."""
    source = input_named(target)
    if source is None:
        return
    which = "also an input" if source == str(target) else f"the input {source}"
    raise OutputError(
        f"cannot write {target}: it is {which}, which would be replaced; choose another output"
    )


_MADE: list[Path] = []
"""The folders this process created for its outputs (the top-most of each chain)."""
_CREATED: list[Path] = []
"""Every folder this process created for its outputs, in the order made."""


def make_folder(folder: str | Path) -> Path:
    """Create ``folder`` and any missing parent, and remember the top-most one this
    process created, so that the command can say where its output went (``made_for``)
    and take it back if it fails. A folder that another process creates at the same time
    is not remembered: a failing run never removes the folder of a run beside it.
    ``OSError`` as ``Path.mkdir`` raises it."""
    folder = Path(folder)
    chain = []
    for part in (folder, *folder.parents):
        if os.path.lexists(part):
            break
        chain.append(part)
    made = None
    for part in reversed(chain):  # top-most first; a folder another process made meanwhile
        try:  # is not ours: only those whose mkdir succeeded here are remembered
            os.mkdir(part)
        except FileExistsError:
            continue
        _CREATED.append(part)
        made = made or part
    folder.mkdir(parents=True, exist_ok=True)
    if made is not None:
        with contextlib.suppress(ValueError, OSError):  # named as the user would
            made = made.relative_to(Path.cwd()) if made.is_absolute() else made
        if made not in _MADE:
            _MADE.append(made)
    return folder


def remove_empty_made_folders() -> None:
    """A command that failed takes back the folders it made for its outputs, when they
    are still empty (deepest first); a folder holding anything stays, and so does one
    another process made."""
    for folder in reversed(_CREATED):
        with contextlib.suppress(OSError):  # not empty, or gone: leave it
            folder.rmdir()
    forget_made_folders()


def leave_folder(folder: str | Path) -> None:
    """Never take back ``folder`` or a folder holding it, though this process made it:
    another process is using it (a batch refused because another holds the folder's lock
    must not remove the empty folder the other is about to write into)."""
    inside = Path(os.path.abspath(folder))
    _CREATED[:] = [p for p in _CREATED if Path(os.path.abspath(p)) not in (inside, *inside.parents)]


def forget_made_folders() -> None:
    """Start a new command: no folder made yet."""
    _MADE.clear()
    _CREATED.clear()


def made_for(path: str | Path) -> Path | None:
    """The folder this process created to hold ``path`` (or that is ``path``), if any."""
    where = Path(os.path.abspath(path))
    for made in _MADE:
        full = Path(os.path.abspath(made))
        if where == full or full in where.parents:
            return made
    return None


@contextlib.contextmanager
def replacing(path: str | Path, *, editing: bool = False) -> Iterator[Path]:
    """Yield the path to write the new content of ``path`` to; put it in place if the
    block succeeds.

    The yielded path is a temporary file beside the target, or the target itself when
    that is written in place (a device, a FIFO, ``/dev/stdout``). The target's folder
    is created when missing. Any
    ``OSError``, in the block too, becomes an ``OutputError``; an existing file at
    ``path`` is then left untouched. A file read as an input in this run is refused,
    unless ``editing`` says that ``path`` is the file being edited (an answers file).
    """
    target = Path(path)
    with writing(target):
        mode = _existing_mode(target)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {target}: it is a folder")
    if mode is not None and stat.S_ISREG(mode) and not editing:
        refuse_read_input(target)
    real = Path(os.path.realpath(target))  # a symlink is kept; the file it names replaced
    if mode is not None and (not stat.S_ISREG(mode) or _in_place(target, real)):
        with _guarded(target, (target,)):
            yield target
        return
    with writing(target):
        if os.path.lexists(target.parent):
            real.parent.mkdir(parents=True, exist_ok=True)
        else:
            make_folder(target.parent)
        fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        os.close(fd)
    tmp = Path(name)
    committed = False
    try:
        with _guarded(target, (tmp, target, real)):
            yield tmp
            _commit(tmp, real)
            committed = True
    finally:
        if not committed:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_atomic(path: str | Path, text: str, *, editing: bool = False) -> Path:
    """Write ``text`` as UTF-8 to ``path`` through ``replacing``; return ``path``.

    Any failure is an ``OutputError`` and leaves an existing file at ``path`` untouched.
    """
    with (
        replacing(path, editing=editing) as tmp,
        open(tmp, "w", encoding="utf-8", newline="") as handle,
    ):
        handle.write(text)
    return Path(path)


def write_atomic_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through ``replacing``, as ``write_atomic`` does text."""
    with replacing(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
    return Path(path)


def write_unsynced(path: str | Path, data: bytes, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` whole or not at all, like ``write_atomic`` but not synced
    to disk: for derived files written by the thousand (a batch's per-unit reports) or
    that may be lost (cache entries). The folder must exist; an ``OSError`` is raised as
    it is, and leaves no temporary file."""
    target = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(name, default_mode() if mode is None else mode)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return target


def replace_set(staging: Path, folder: Path, names: Iterable[str]) -> None:
    """Put the finished outputs ``names`` in ``staging`` in place of those in ``folder``.

    The ones in ``folder`` (files or folders) are first moved aside into ``staging``, so
    that none of them outlives the set they belonged to; if a move fails, every move is
    undone and an ``OutputError`` raised. The caller deletes ``staging`` afterwards.
    """
    aside = staging / ".previous"
    aside.mkdir()
    moved: list[tuple[Path, Path]] = []
    try:
        for name in names:
            if os.path.lexists(folder / name):
                os.replace(folder / name, aside / name)
                moved.append((aside / name, folder / name))
        for name in names:
            if os.path.lexists(staging / name):
                os.replace(staging / name, folder / name)
                moved.append((folder / name, staging / name))
    except OSError as exc:
        for now, before in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(now, before)
        raise output_error(folder, exc) from None
