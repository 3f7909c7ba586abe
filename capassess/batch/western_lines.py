"""Western UTF-8 lines (``Café``, ``Zürich``, ``™``, ``–``) in a GB18030 file.

Their letters are two bytes, ``C2..C5`` then a continuation byte ``80..BF`` (Latin-1 and
Latin Extended-A), and their punctuation, currency signs and ``™`` three, ``E2 80..84``
then one: read as GB18030 they are Chinese characters (``Caf茅``) or bytes that are no
GB18030. Such a letter is looked for next to an ASCII letter (``Café``, ``École``), the
byte before the pair an ASCII one (in GB18030 text a byte that looks like a letter is
often the second byte of a Chinese character, and the pair after it misaligned). The
non-ASCII bytes alone (a tenth of a usual file) are glanced at first, so that a file
without any such pair costs a translation; the whole block is searched with numpy only
when they hold one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

WESTERN = ((0x00A0, 0x017F), (0x2010, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F))
GLUED = re.compile(r"[A-Za-z][\u2e80-\u9fff\uf900-\ufaff]|[\u2e80-\u9fff\uf900-\ufaff][A-Za-z]")
"""A Chinese character glued to a Latin letter: how Western UTF-8 reads as GB18030."""
WIDE_SHAPES = bytes(
    b"L"[0] if 0xC2 <= i <= 0xC5 else b"E"[0] if i == 0xE2 else b"t"[0] if 0x80 <= i <= 0xBF
    else b"." [0] for i in range(256)
)  # fmt: skip
"""A non-ASCII byte as its shape: a Western letter's first byte ``L``, ``E2`` ``E``, a
continuation byte ``t``."""


def western_starts(data: bytes, wide: bytes) -> set[int]:
    """Where the lines of ``data`` that may hold Western UTF-8 begin (``wide``: its
    non-ASCII bytes)."""
    shapes = wide.translate(WIDE_SHAPES)
    letters, signs = b"Lt" in shapes, b"Ett" in shapes
    if not (letters or signs):
        return set()
    import numpy as np

    raw = np.frombuffer(data, dtype=np.uint8)
    hits = np.zeros(len(raw), dtype=bool)
    if letters:
        hits |= _glued_letters(raw)
    if signs:
        hits[:-2] |= (raw[:-2] == 0xE2) & (raw[1:-1] >= 0x80) & (raw[1:-1] <= 0x84) & (
            raw[2:] & 0xC0 == 0x80)  # fmt: skip
    return {data.rfind(b"\n", 0, at) + 1 for at in hits.nonzero()[0].tolist()}


def _glued_letters(raw: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Where a Western letter is glued to an ASCII letter (``aaLt``, ``.aLt``, ``aLta``,
    ``.Lta``, ``tLta`` in shapes: ``a`` a letter, ``.`` another ASCII byte)."""
    import numpy as np

    lower = raw | 0x20
    letter = (lower >= 0x61) & (lower <= 0x7A) & (raw < 0x80)
    ascii = raw < 0x80
    cont = raw & 0xC0 == 0x80
    pair = np.zeros(len(raw), dtype=bool)
    pair[:-1] = (raw[:-1] >= 0xC2) & (raw[:-1] <= 0xC5) & cont[1:]
    found = np.zeros(len(raw), dtype=bool)
    found[2:] |= pair[2:] & letter[1:-1] & ascii[:-2]  # ?aLt
    found[1:-2] |= pair[1:-2] & letter[3:] & (ascii[:-3] | cont[:-3])  # .Lta aLta tLta
    return found


def is_western(text: str, line: bytes, gb18030: str) -> bool:
    """True if ``text`` (``line`` read as UTF-8) holds non-ASCII text of Western blocks
    alone, and ``line`` read as ``gb18030`` is garbled."""
    wide = [ord(ch) for ch in text if ord(ch) >= 0x80]
    if not wide or not all(any(lo <= c <= hi for lo, hi in WESTERN) for c in wide):
        return False
    try:
        return GLUED.search(line.decode(gb18030)) is not None
    except UnicodeDecodeError:
        return True
