"""Never replace a user's file without being told to.

Two kinds of output:

- files the user goes on to edit (a collection sheet to fill in, a merged answers file):
  an existing file is never replaced without ``--force`` (``refuse_existing``), as
  ``assess`` refuses an existing answers file;
- generated outputs that a run is expected to refresh (reports, benchmark packs, a
  batch's output set, the demo): an existing file is replaced only when it is one of
  capassess's outputs of the same kind, recognised by its content (``refuse_foreign``);
  anything else, such as an answers file or a filled sheet given as ``-o`` by mistake,
  needs ``--force``.

Devices, FIFOs and descriptor paths (``-o /dev/stdout``) are written in place as a
shell's ``>`` does and hold no data of the user's: they are never refused here.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from capassess.atomic import DESCRIPTOR_PATHS, STANDARD_STREAMS, refuse_read_input
from capassess.errors import OutputError

HEAD = 64 * 1024
"""How much of an existing file is read to recognise it."""
MARK = b"capassess"

FORCE_HINT = "give --force to replace it, or choose another output"


def _existing_file(path: str | Path) -> bool:
    """True if ``path`` names an existing regular file (links followed) other than one
    named through a descriptor (``/dev/fd/1``, ``/dev/stdout``: the shell's redirection)."""
    absolute = os.path.abspath(path)
    if absolute.startswith(DESCRIPTOR_PATHS) or absolute in STANDARD_STREAMS:
        return False
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(HEAD)
    except OSError:
        return b""


def _is_html(path: Path) -> bool:
    head = _head(path).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) and MARK in head


VERSION_MARK = re.compile(rb"capassess \d+\.\d+")
DATA_KEYS = re.compile(
    rb"^(questionnaire|subject|answers|dimensions|targets|items|matrix)\s*:", re.MULTILINE
)
"""Top-level keys of capassess's YAML inputs: a file with one is data, never a report."""


def _is_markdown(path: Path) -> bool:
    head = _head(path)
    titled = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"# ")
    return titled and VERSION_MARK.search(head) is not None and DATA_KEYS.search(head) is None


def _is_json(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(64 * 1024 * 1024))
    except (OSError, ValueError):
        return False
    tool = data.get("tool") if isinstance(data, dict) else None
    return isinstance(tool, dict) and tool.get("name") == "capassess"


def _is_pdf(path: Path) -> bool:
    return _head(path).startswith(b"%PDF-")


def _is_pptx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "ppt/presentation.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def _is_pack(path: Path) -> bool:
    return _head(path).startswith(b"# capassess benchmark pack")


KINDS: dict[str, tuple[str, Callable[[Path], bool]]] = {
    "html": ("an HTML report", _is_html),
    "md": ("a Markdown report", _is_markdown),
    "json": ("a JSON report", _is_json),
    "pdf": ("a PDF", _is_pdf),
    "pptx": ("a PowerPoint deck", _is_pptx),
    "pack": ("a benchmark pack", _is_pack),
}
"""Output kind -> (what it is called, whether an existing file is one capassess wrote)."""

SUFFIX_KINDS = {".html": "html", ".md": "md", ".json": "json", ".pdf": "pdf",
                ".pptx": "pptx", ".yaml": "pack"}  # fmt: skip


def refuse_existing(path: str | Path, *, force: bool, what: str) -> None:
    """``OutputError`` (exit 2) if ``path`` is an existing file and ``force`` is not set.

    ``what`` names the output in the message (``a collection sheet``). A file read as an
    input in this run is refused as such first (``refuse_read_input``), force or not.
    """
    if not _existing_file(path):
        return
    refuse_read_input(Path(path))
    if force:
        return
    raise OutputError(
        f"{path} already exists; nothing was changed. {what[0].upper()}{what[1:]} is not "
        f"written over an existing file: {FORCE_HINT}"
    )


def is_ours(path: str | Path, kind: str) -> bool:
    """True if the existing file ``path`` is a capassess output of ``kind`` (see ``KINDS``)."""
    return KINDS[kind][1](Path(path))


def refuse_foreign(path: str | Path, kind: str, *, force: bool) -> None:
    """``OutputError`` (exit 2) if ``path`` is an existing file that is not a capassess
    output of ``kind``, and ``force`` is not set. An earlier output is replaced freely;
    an input of this run never is (``refuse_read_input``)."""
    if not _existing_file(path):
        return
    refuse_read_input(Path(path))
    if force or is_ours(path, kind):
        return
    raise OutputError(
        f"{path} already exists and is not {KINDS[kind][0]} written by capassess; nothing "
        f"was changed: {FORCE_HINT}"
    )


def refuse_foreign_files(folder: str | Path, names: Iterable[str], *, force: bool) -> None:
    """``refuse_foreign`` for each file ``names`` in ``folder``, its kind from its suffix
    (``peers.yaml`` is a benchmark pack); the first one that is not ours is reported."""
    for name in names:
        kind = SUFFIX_KINDS.get(Path(name).suffix.lower())
        if kind is not None:
            refuse_foreign(Path(folder) / name, kind, force=force)


def _holds(path: Path, inputs: Iterable[str | Path]) -> bool:
    """True if ``path`` is, or is a folder holding, one of ``inputs``."""
    real = os.path.realpath(path)
    for source in inputs:
        there = os.path.realpath(source)
        if there == real or there.startswith(real + os.sep):
            return True
    return False


def _locked(folder: Path) -> bool:
    """True while another batch holds the folder's lock (``batch.publish``)."""
    from capassess.batch.publish import try_lock

    try:
        fd = try_lock(folder)
    except OSError:
        return False
    if fd is None:
        return True
    os.close(fd)  # closing lets go of the lock taken here
    return False


def refuse_foreign_set(
    folder: str | Path, names: Iterable[str], *, force: bool, inputs: Iterable[str | Path] = ()
) -> None:
    """``OutputError`` (exit 2) if ``folder`` holds files or folders named like a batch's
    outputs (``names``) that no earlier run wrote, and ``force`` is not set.

    A run's outputs are one set with its ``summary.json`` (tool name ``capassess``): with
    that present, the set is an earlier run's and is replaced as a whole; without it, a
    ``scores.csv`` there is someone's own file. Outputs that hold one of ``inputs`` are
    left to the run, which refuses them as inputs.
    """
    if force or not Path(folder).is_dir() or _is_json(Path(folder) / "summary.json"):
        return
    if _locked(Path(folder)):  # another run is putting its set in place: it refuses this one
        return
    sources = [source for source in inputs if source != "-"]
    there = [Path(folder) / name for name in names]
    found = [p.name for p in there if os.path.lexists(p) and not _holds(p, sources)]
    if found:
        raise OutputError(
            f"{folder} already holds {', '.join(found)}, not written by a capassess batch "
            f"(no summary.json of one); nothing was changed: {FORCE_HINT}"
        )
