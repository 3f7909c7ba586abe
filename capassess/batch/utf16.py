"""UTF-16 text: what Excel's "Unicode Text (*.txt)" saves (tab-delimited, UTF-16 LE with a
BOM; some tools write big-endian, or leave the BOM out).

Such a file is read from a UTF-8 copy, made a block at a time (lines, and so row
numbers, are unchanged); a note says so. UTF-16 without a BOM is told by its zero bytes:
text whose characters are mostly ASCII has a zero in every other byte, all on one side,
and none on the other, which no UTF-8 or GB18030 text has.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from typing import BinaryIO

from capassess.errors import InputError
from capassess.texts import say

BLOCK = 1 << 20
SAMPLE = 4096
LE, BE = "utf-16-le", "utf-16-be"


def utf16_kind(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` if ``head`` (a file's first bytes) starts UTF-16
    text, with or without a BOM; else None."""
    if head.startswith(codecs.BOM_UTF16_LE) and not head.startswith(codecs.BOM_UTF32_LE):
        return LE
    if head.startswith(codecs.BOM_UTF16_BE):
        return BE
    sample = head[: min(len(head), SAMPLE) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    for zeros, others, kind in ((odd, even, LE), (even, odd, BE)):
        if others == 0 and zeros * 2 >= pairs and _decodes(sample, kind):
            return kind
    return None


def utf16_file(path: str) -> str | None:
    """The UTF-16 codec of the file ``path``, if it is UTF-16 text (``utf16_kind``)."""
    try:
        with open(path, "rb") as handle:
            return utf16_kind(handle.read(SAMPLE))
    except OSError as exc:
        raise InputError.at(f"cannot read the file: {exc.strerror or exc}", path) from None


def _decodes(sample: bytes, kind: str) -> bool:
    try:
        codecs.getincrementaldecoder(kind)().decode(sample)
    except UnicodeDecodeError:
        return False
    return True


def utf8_copy(path: str, kind: str) -> tuple[str, str]:
    """A UTF-8 copy of the UTF-16 file ``path`` (the caller removes it) and the note
    saying how it was read; ``InputError`` at a byte that is no UTF-16."""
    handle, copy = tempfile.mkstemp(prefix="capassess-", suffix=".csv")
    try:
        with open(path, "rb") as source, os.fdopen(handle, "wb") as out:
            _transcode(source, out, kind)
    except UnicodeDecodeError as exc:
        os.unlink(copy)
        raise InputError.at(say("batch", "en", "fail_utf16_bytes", byte=exc.start + 1),
                            path, 1) from None  # fmt: skip
    except OSError as exc:
        os.unlink(copy)
        raise InputError.at(f"cannot read the file: {exc.strerror or exc}", path) from None
    return copy, say("batch", "en", "note_utf16", kind=kind.upper())


def _transcode(source: BinaryIO, out: BinaryIO, kind: str) -> None:
    """Write ``source`` (UTF-16 ``kind``, a BOM dropped) to ``out`` as UTF-8; a
    ``UnicodeDecodeError``'s ``start`` is the offset in the file of the bad byte."""
    decoder = codecs.getincrementaldecoder(kind)()
    done = 0
    while True:
        block = source.read(BLOCK)
        begun = done - len(decoder.getstate()[0])  # where the bytes decoded now begin
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError(kind, b"", begun + exc.start, begun + exc.end,
                                     exc.reason) from None  # fmt: skip
        out.write((text.lstrip("\ufeff") if done == 0 else text).encode())
        done += len(block)
        if not block:
            return
