"""Write small OLE2 compound files (the container of .xls and of password-protected
XLSX), for tests: no library writes them, and the readers need only their directory."""

from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
FREE, END, FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _header() -> bytes:
    header = bytearray(SECTOR)
    header[0:8] = SIGNATURE
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # version 3, 512-byte sectors
    struct.pack_into("<IIII", header, 40, 0, 1, 1, 0)  # one FAT sector; the directory at 1
    struct.pack_into("<IIIII", header, 56, 4096, END, 0, END, 0)  # no mini FAT, no DIFAT
    struct.pack_into("<109I", header, 76, 0, *[FREE] * 108)  # the FAT is sector 0
    return bytes(header)


def _entry(name: str, kind: int, child: int = FREE, right: int = FREE) -> bytes:
    entry = bytearray(128)
    raw = name.encode("utf-16-le") + b"\x00\x00"
    entry[: len(raw)] = raw
    struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
    struct.pack_into("<III", entry, 68, FREE, right, child)
    struct.pack_into("<II", entry, 116, END, 0)  # an empty stream
    return bytes(entry)


def write_ole(path: Path, streams: list[str]) -> Path:
    """An OLE2 file at ``path`` with empty streams named ``streams`` (at most 3)."""
    entries = [_entry("Root Entry", 5, child=1)]
    for i, name in enumerate(streams, start=1):
        entries.append(_entry(name, 2, right=i + 1 if i < len(streams) else FREE))
    directory = b"".join(entries).ljust(SECTOR, b"\x00")
    fat = struct.pack("<128I", FAT, END, *[FREE] * 126)
    path.write_bytes(_header() + fat + directory[:SECTOR])
    return path


ENCRYPTED_XLSX = ["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]
"""The streams of an XLSX saved with a password to open it (ECMA-376 encryption)."""
