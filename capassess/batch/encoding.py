"""The text encoding of a CSV file: UTF-8 (with or without BOM) or GB18030, or as told.

Detection reads the file once with an incremental UTF-8 decoder: at the first byte that
does not decode, it is GB18030, the encoding Excel on Chinese Windows saves CSV in (a
superset of GBK and GB2312); the read itself then finds any byte that is not GB18030
either. A file with a BOM, or only ASCII, is UTF-8 (``utf-8-sig``, so a BOM is dropped).

A file that is valid UTF-8 may still be GBK: the GBK bytes of 太原 are valid UTF-8 for
two unrelated letters. So the non-ASCII text of both readings is judged (``_plausible``):
characters a Chinese bank's sheet holds (CJK, full-width forms, Latin-1, punctuation)
against the rest (combining marks, Cyrillic, Armenian, private use...). UTF-8 wins if its
reading is clean; GB18030 if only its reading is, with a note; when neither or both
could be meant, UTF-8 is read with a warning naming ``--encoding gb18030``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from capassess.errors import InputError

BLOCK = 1 << 20
UTF8, GB18030 = "utf-8-sig", "gb18030"


SAMPLE = 1 << 20
CLEAN_BLOCKS = ((0x00A0, 0x00FF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x218F),
                (0x2460, 0x24FF), (0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF),
                (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))  # fmt: skip


def _plausible(text: str) -> tuple[int, int, int]:
    """(clean, odd, cjk) counts of the non-ASCII characters of ``text``."""
    clean = odd = cjk = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            continue
        if any(low <= code <= high for low, high in CLEAN_BLOCKS):
            clean += 1
            cjk += code >= 0x2E80
        else:
            odd += 1
    return clean, odd, cjk


def _valid(path: str | Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect(path: str | Path) -> tuple[str, tuple[str, ...]]:
    """The encoding of ``path`` and any note on how it was chosen."""
    if detect_encoding(path) == GB18030:
        return GB18030, ()
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE)
    if head.startswith(codecs.BOM_UTF8) or head.isascii():
        return UTF8, ()
    as_utf8 = _plausible(head.decode("utf-8", errors="ignore"))
    if as_utf8[1] == 0 and as_utf8[2] > 0:
        return UTF8, ()
    as_gb = _plausible(head.decode(GB18030, errors="ignore"))
    if not (as_gb[2] and _valid(path, GB18030)):
        return UTF8, ()
    if as_utf8[1] and not as_gb[1]:
        return GB18030, (
            "the file is valid UTF-8, but reads as Chinese text only as GB18030 (GBK), so it "
            "was read as GB18030; pass --encoding utf-8 if names look wrong",
        )
    return UTF8, (
        "the file could be UTF-8 or GB18030 (GBK); it was read as UTF-8: pass --encoding "
        "gb18030 if names look wrong",
    )


def detect_encoding(path: str | Path) -> str:
    """``utf-8-sig`` if the whole file is valid UTF-8, else ``gb18030``."""
    try:
        return UTF8 if _valid(path, "utf-8") else GB18030
    except OSError as exc:
        raise InputError.at(f"cannot read the file: {exc.strerror or exc}", str(path)) from None


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
