"""Output files of a batch run: the output folder, and files written under a temporary
name, then moved into place.

``replacing`` (from ``capassess.atomic``, where every file capassess writes is made)
yields a temporary path beside the target for files written in pieces (CSV streams, XLSX
archives), so that a reader never sees half a file and a failed run leaves no debris.
"""

from __future__ import annotations

import os
from pathlib import Path

from capassess.atomic import default_mode as default_mode
from capassess.atomic import make_folder
from capassess.atomic import replacing as replacing
from capassess.errors import OutputError


def prepare_dir(path: str | Path) -> Path:
    """Create the output folder ``path`` if needed; ``OutputError`` if it cannot be."""
    folder = Path(path)
    try:
        make_folder(folder)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write to the output folder {folder}")
    return folder
