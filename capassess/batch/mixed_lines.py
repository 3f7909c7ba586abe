"""UTF-8 lines in a GB18030 CSV file: two branches' files joined into one.

A head office that joins a branch's CSV saved by Excel on Chinese Windows (GB18030) and
another's exported as UTF-8 (``copy /b a.csv+b.csv``, ``cat``) gets a file that is no
valid UTF-8, so it is read as GB18030, and every Chinese text of the UTF-8 lines would
be read garbled (南宁 as 鍗楀畞) and scored under that name, silently.

So the bytes of a GB18030 file are searched, a block at a time, for what UTF-8 Chinese
looks like (a three-byte character followed by another or by a delimiter, quote or line
end; or a UTF-8 BOM at a line's start), first in the non-ASCII bytes alone, which in
the usual file hold no such character: some 0.06 s for 50 MB. Each line found is taken
for UTF-8 when it decodes as UTF-8 and its text is plausible (``encoding._plausible``:
Chinese, no stray accents or Cyrillic). If any is, a copy of the file with those lines
in GB18030 is read in its place (each line in its own encoding, the row numbers
unchanged), and a note names the lines.

A UTF-8 line whose only non-ASCII text is Western (``Café``, ``Zürich``, ``™``, ``–``,
``…``) is found too (``western_lines``), and taken for UTF-8 when all its non-ASCII
characters are Western and its GB18030 reading is garbled: no valid GB18030, or a
Chinese character glued to a Latin letter (``Caf茅``, ``Z眉rich``).
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from collections.abc import Iterator

from capassess.batch.encoding import GB18030, _plausible
from capassess.batch.header_rows import LISTED
from capassess.batch.western_lines import is_western, western_starts
from capassess.texts import say

BLOCK = 1 << 24

UTF8_CHINESE = re.compile(rb"[\xe4-\xe9][\x80-\xbf][\x80-\xbf][\xe4-\xe9,\t;\"\r\n]")
"""A UTF-8 Chinese character followed by another's first byte, a delimiter, a quote or a
line end: bytes that GB18030 text seldom holds."""


UTF8_CHARACTER = re.compile(rb"[\xe4-\xe9][\x80-\xbf][\x80-\xbf]")
ASCII = bytes(range(0x80))


def may_hold_utf8(data: bytes) -> bool:
    """False only if ``data`` holds neither a UTF-8 BOM nor the bytes of a UTF-8 Chinese
    character: both searched in its non-ASCII bytes alone (in which their bytes stay
    side by side), a tenth of the usual file's, so that a block costs a few ms; nor
    Western UTF-8 (``western_lines``, which glances at the same bytes first)."""
    wide = data.translate(None, ASCII)
    if codecs.BOM_UTF8 in wide or UTF8_CHARACTER.search(wide) is not None:
        return True
    return bool(western_starts(data, wide))


def utf8_lines(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each line of ``data`` that is UTF-8 among GB18030 ones."""
    if not may_hold_utf8(data):
        return []
    starts = set()
    at = 0
    while (hit := UTF8_CHINESE.search(data, at)) is not None:
        start = data.rfind(b"\n", 0, hit.start()) + 1
        starts.add(start)
        at = data.find(b"\n", hit.start())
        at = len(data) if at < 0 else at + 1
    starts |= western_starts(data, data.translate(None, ASCII))
    at = data.find(codecs.BOM_UTF8)
    while at >= 0:
        if at == 0 or data[at - 1 : at] == b"\n":
            starts.add(at)
        at = data.find(codecs.BOM_UTF8, at + 1)
    found = []
    for start in sorted(starts):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if start < end and _is_utf8(data[start:end]):
            found.append((start, end))
    return found


def _is_utf8(line: bytes) -> bool:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    _, odd, cjk = _plausible(text.lstrip("\ufeff"))
    if odd == 0 and (cjk > 0 or line.startswith(codecs.BOM_UTF8)):
        return True
    return is_western(text, line, GB18030)


def transcoded(data: bytes, lines: list[tuple[int, int]]) -> bytes:
    """``data`` with each of ``lines`` (UTF-8, a BOM dropped) in GB18030."""
    parts, last = [], 0
    for start, end in lines:
        parts += [data[last:start], data[start:end].decode("utf-8-sig").encode(GB18030)]
        last = end
    parts.append(data[last:])
    return b"".join(parts)


def _blocks(path: str) -> Iterator[bytes]:
    """Blocks of whole lines of ``path``."""
    rest = b""
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            data = rest + block if rest else block
            cut = data.rfind(b"\n") + 1
            if cut:
                yield data[:cut] if cut < len(data) else data
            rest = data[cut:]
    if rest:
        yield rest


def _may_be_mixed(path: str) -> bool:
    """False only if no block of ``path`` (nor the seam between two) ``may_hold_utf8``."""
    seam = b""
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            if may_hold_utf8(seam + block[:3]) or may_hold_utf8(block):
                return True
            seam = block[-3:]
    return False


def mixed_copy(path: str) -> tuple[str | None, tuple[str, ...]]:
    """A copy of the GB18030 file ``path`` with its UTF-8 lines in GB18030 and the note
    naming them; ``(None, ())`` when it has none. The caller removes the copy. The usual
    file, without such lines, is read once, a block at a time."""
    if not _may_be_mixed(path) or not any(utf8_lines(data) for data in _blocks(path)):
        return None, ()
    numbers: list[int] = []
    line = 1
    handle, copy = tempfile.mkstemp(prefix="capassess-", suffix=".csv")
    with os.fdopen(handle, "wb") as out:
        for data in _blocks(path):
            lines = utf8_lines(data)
            numbers += [line + data.count(b"\n", 0, start) for start, _ in lines]
            line += data.count(b"\n")
            out.write(transcoded(data, lines))
    return copy, (_note(path, numbers),)


def _note(path: str, numbers: list[int]) -> str:
    listed = ", ".join(f"{path}:{n}" for n in numbers[:LISTED])
    more = len(numbers) - LISTED
    if more > 0:
        return say("batch", "en", "note_mixed_more", rows=listed, n=more)
    return say("batch", "en", "note_mixed", rows=listed)
