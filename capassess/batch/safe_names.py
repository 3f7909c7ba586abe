"""File names made safe from any unit id, for the per-unit reports.

A unit id may hold anything: path separators, ``..``, control and bidi characters,
names Windows reserves (CON, NUL, COM1, ...), or 200 characters. The file name keeps
what is harmless (letters of any script, digits, ``-``, ``_``, single dots), turns the
rest into ``_``, and is cut to 100 characters (and 180 bytes of UTF-8, within every
file system's limit). Whenever it differs from the id, a short hash of the id is
appended, so that different ids never share a name; ``SafeNames`` also keeps names
unique on case-insensitive file systems.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_CHARS = 100
MAX_BYTES = 180
HASH_CHARS = 8
UNSAFE = re.compile(r'[<>:"/\\|?*\s]')
DOTS = re.compile(r"\.{2,}")
RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789¹²³"]
)


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _cut(text: str, chars: int) -> str:
    text = text[:chars]
    while len(text.encode("utf-8")) > MAX_BYTES - HASH_CHARS - 1:
        text = text[:-1]
    return text


def digest(unit_id: str) -> str:
    """A short, stable hash of ``unit_id``."""
    return hashlib.sha256(unit_id.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]


def safe_stem(unit_id: str) -> str:
    """A file name stem for ``unit_id`` that is safe on Windows, macOS and Linux."""
    text = unicodedata.normalize("NFC", unit_id)
    text = "".join("_" if _hidden(c) else c for c in text)
    text = DOTS.sub("_", UNSAFE.sub("_", text)).strip("._-")
    if text.split(".")[0].upper() in RESERVED:
        text = f"_{text}"
    if text == unit_id and len(text) <= MAX_CHARS and len(text.encode()) <= MAX_BYTES:
        return text
    return f"{_cut(text, MAX_CHARS - HASH_CHARS - 1) or 'unit'}-{digest(unit_id)}"


class SafeNames:
    """Hands out one safe, unique file name stem per unit id."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}
        self.taken: set[str] = set()

    def claim(self, unit_id: str) -> str:
        """The stem of ``unit_id`` (the same one each time it is asked for)."""
        stem = self.by_id.get(unit_id)
        if stem is None:
            stem = safe_stem(unit_id)
            if stem.casefold() in self.taken:
                stem = f"{_cut(stem, MAX_CHARS - HASH_CHARS - 1)}-{digest(unit_id)}"
            self.taken.add(stem.casefold())
            self.by_id[unit_id] = stem
        return stem
