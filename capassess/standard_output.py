"""Standard output that cannot be written: found, reported once, then silenced.

These are the only writes to descriptor 1 outside click and rich; they replace what
descriptor 1 leads to, and are no files of the user's (which all go through
``capassess.atomic.replacing``).
"""

from __future__ import annotations

import codecs
import errno
import os
import sys

STDOUT_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG}


def is_stdout_error(exc: OSError) -> bool:
    """True if ``exc`` is a failure to write standard output (it names no file)."""
    return exc.errno in STDOUT_ERRORS and exc.filename is None


def is_stdout_encoding_error(exc: UnicodeEncodeError) -> bool:
    """True if ``exc`` is text that standard output's encoding cannot hold (an ASCII or
    Latin-1 locale, ``PYTHONIOENCODING=ascii``), not a file's."""
    encoding = getattr(sys.stdout, "encoding", None)
    try:
        return encoding is not None and codecs.lookup(exc.encoding) == codecs.lookup(encoding)
    except LookupError:
        return False


def silence_stdout() -> None:
    """Send descriptor 1 to the null device, so that no later write fails again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def guard_closed_stdout() -> None:
    """Make a closed standard output fail when written to, instead of losing the data.

    Python sets ``sys.stdout`` to ``None`` when descriptor 1 is closed, and click then
    writes nothing, silently. Descriptor 1 is given a file open only for reading: every
    write fails (EBADF) and is reported.
    """
    if sys.stdout is not None:
        return
    unwritable = os.open(os.devnull, os.O_RDONLY)
    if unwritable != 1:
        os.dup2(unwritable, 1)
        os.close(unwritable)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
