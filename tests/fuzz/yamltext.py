"""A small block-style YAML writer that records the line of every node it writes.

The fuzz tests build documents as plain dicts and lists, write them with ``emit`` and
then know, for any path such as ``("dimensions", 0, "capabilities", 1, "target")``, the
line a located error about that field must point to. ``Flow`` and ``FlowSeq`` mark the
containers written on one line (``{en: ..., zh: ...}``, ``[a, b]``), as people write
texts and short lists. Strings are written plain where that is unambiguous and double
quoted (with escapes for anything unusual) otherwise, so every value reads back as the
same Python value.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections.abc import Mapping, Sequence
from typing import Any

Path = tuple[str | int, ...]

# Plain scalars only where no YAML reading other than the same string is possible.
PLAIN = re.compile(r"[A-Za-z\u4e00-\u9fff][A-Za-z0-9_.\-/ \u4e00-\u9fff]*")
SPECIAL_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
COMMENTS = ("# 注释: a comment", "#", "# TODO — check with the bank ✓", "")


class Flow(dict[str, Any]):
    """A mapping written on one line: ``{a: 1, b: 2}``."""


class FlowSeq(list[Any]):
    """A sequence written on one line: ``[a, b]``."""


def _printable(char: str) -> bool:
    code = ord(char)
    if 0x20 <= code <= 0x7E:
        return True
    if code in (0x2028, 0x2029, 0xFEFF):  # YAML line breaks and the byte order mark
        return False
    return 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar; unusual characters are escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def scalar(value: Any) -> str:
    """One scalar as YAML text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if ("." in text or "e" in text) else text + ".0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if PLAIN.fullmatch(value) and value.lower() not in SPECIAL_WORDS and value == value.strip():
            return value
        return quoted(value)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def _is_block(value: Any) -> bool:
    return (
        isinstance(value, (dict, list))
        and not isinstance(value, (Flow, FlowSeq))
        and len(value) > 0
    )


class _Writer:
    def __init__(self, noise: random.Random | None) -> None:
        self.out: list[str] = []
        self.lines: dict[Path, int] = {}
        self.noise = noise

    @property
    def next_line(self) -> int:
        return len(self.out) + 1

    def maybe_comment(self, indent: int) -> None:
        if self.noise is not None and self.noise.random() < 0.08:
            comment = self.noise.choice(COMMENTS)
            self.out.append(" " * indent + comment if comment else "")

    def inline(self, value: Any, path: Path) -> str:
        """Write ``value`` in flow style, recording its children at the current line."""
        line = self.next_line
        if isinstance(value, Mapping):
            parts = []
            for key, child in value.items():
                self.lines[(*path, key)] = line
                parts.append(f"{scalar(key)}: {self.inline(child, (*path, key))}")
            return "{" + ", ".join(parts) + "}"
        if isinstance(value, Sequence) and not isinstance(value, str):
            parts = []
            for i, child in enumerate(value):
                self.lines[(*path, i)] = line
                parts.append(self.inline(child, (*path, i)))
            return "[" + ", ".join(parts) + "]"
        return scalar(value)

    def mapping(self, data: Mapping[str, Any], indent: int, path: Path, lead: str = "") -> None:
        for n, (key, value) in enumerate(data.items()):
            if n == 0 and lead:
                prefix = lead
            else:
                self.maybe_comment(indent)
                prefix = " " * indent
            here = (*path, key)
            self.lines[here] = self.next_line
            if _is_block(value):
                self.out.append(f"{prefix}{scalar(key)}:")
                if isinstance(value, dict):
                    self.mapping(value, indent + 2, here)
                else:
                    self.sequence(value, indent + 2, here)
            else:
                self.out.append(f"{prefix}{scalar(key)}: {self.inline(value, here)}")

    def sequence(self, items: Sequence[Any], indent: int, path: Path) -> None:
        for i, item in enumerate(items):
            self.maybe_comment(indent)
            here = (*path, i)
            self.lines[here] = self.next_line
            if _is_block(item) and isinstance(item, dict):
                self.mapping(item, indent + 2, here, lead=" " * indent + "- ")
            else:
                self.out.append(" " * indent + "- " + self.inline(item, here))


def emit(
    doc: Mapping[str, Any], *, noise: random.Random | None = None, header: str = ""
) -> tuple[str, dict[Path, int]]:
    """Write ``doc`` as block YAML; return the text and the line (1-based) of every path.

    A key's line is where the key is written; a sequence item's line is its dash. The
    root ``()`` is line 1. ``noise`` sprinkles comment and blank lines; ``header`` is a
    comment line put first.
    """
    writer = _Writer(noise)
    if header:
        writer.out.append(f"# {header}")
    writer.lines[()] = 1
    writer.mapping(doc, 0, ())
    return "\n".join(writer.out) + "\n", writer.lines
