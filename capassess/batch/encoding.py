"""The text encoding of a CSV file: UTF-8 (with or without BOM) or GB18030, or as told.

Detection reads the file once with an incremental UTF-8 decoder: if every byte decodes,
the file is UTF-8 (``utf-8-sig``, so a BOM is dropped); at the first byte that does not,
it is GB18030, the encoding Excel on Chinese Windows saves CSV in (a superset of GBK
and GB2312). The read itself then finds any byte that is not GB18030 either.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from capassess.errors import InputError

BLOCK = 1 << 20
UTF8, GB18030 = "utf-8-sig", "gb18030"


def detect_encoding(path: str | Path) -> str:
    """``utf-8-sig`` if the whole file is valid UTF-8, else ``gb18030``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return GB18030
    except OSError as exc:
        raise InputError.at(f"cannot read the file: {exc.strerror or exc}", str(path)) from None
    return UTF8


def check_encoding(name: str) -> str:
    """The canonical codec name of ``name``; ``InputError`` if Python knows no such codec."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding {name!r}; try utf-8, utf-8-sig or gb18030") from None
    if info.name.startswith(("utf-16", "utf-32")):
        raise InputError(f"encoding {name!r} is not supported; save the CSV as UTF-8 or GB18030")
    return "utf-8-sig" if info.name == "utf-8" else info.name


def choose_encoding(path: str | Path, forced: str | None) -> str:
    """The encoding to read ``path`` with: ``forced`` (checked) or the detected one."""
    return check_encoding(forced) if forced else detect_encoding(path)


def is_utf8(encoding: str) -> bool:
    """True for UTF-8 with or without BOM (read natively, no transcoding)."""
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
