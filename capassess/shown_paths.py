"""How outputs name the files they came from, without naming a folder of the machine (pure).

A path inside the current folder is shown relative to it, as a user in that folder would
type it (``examples/acme-bank-2025.yaml``); any other path, absolute or reaching out with
``..``, is shown by its file name alone. Messages on the terminal keep the path as given:
they are for the person running the command, not for the files passed on.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath


def shown_path(path: str | PurePath, base: str | PurePath | None = None) -> str:
    """``path`` relative to ``base`` (default: the current folder) when inside it, else its
    file name; ``-`` (standard input) and empty strings are kept."""
    text = str(path)
    if text in ("", "-"):
        return text
    root = os.path.abspath(base if base is not None else os.getcwd())
    where = os.path.abspath(os.path.join(root, text))
    try:
        inside = os.path.commonpath([root, where]) == root
    except ValueError:  # another drive on Windows
        inside = False
    if not inside or where == root:
        return Path(where).name or text
    return Path(os.path.relpath(where, root)).as_posix()
