"""YAML text before it is parsed: bytes to text, binary files recognised, and nesting
that would make either parser crawl refused (no YAML library is needed for any of it)."""

from __future__ import annotations

import re

from capassess.errors import InputError


def wide_encoding(raw: bytes) -> str | None:
    """Which UTF-16 or UTF-32 text ``raw`` is, if it is one: by its byte-order
    mark (Notepad's "Unicode"), or, without one, by the zero byte beside each ASCII
    character of a YAML file's keys (UTF-16 as some Windows tools write it)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32 text"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    head = raw[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    # A binary file has zero bytes at even and odd places alike; YAML's ASCII colons,
    # blanks and line ends in UTF-16 have them at one parity, and CJK text (开 is
    # U+5F00) puts few at the other.
    for zeros, others in ((odd, even), (even, odd)):
        found = zeros.count(0)
        if found >= max(2, len(zeros) // 10) and others.count(0) * 10 <= found:
            return "UTF-16 text without a byte-order mark"
    return None


def looks_binary(head: bytes) -> bool:
    """True if the first bytes of a file hold a NUL byte, as no text file of ours does."""
    return b"\x00" in head[:8192]


def decode_yaml(raw: bytes, path: str, max_bytes: int) -> str:
    """The text of a YAML file's bytes; empty, oversized, binary or non-UTF-8 is refused."""
    if not raw.strip():
        raise InputError.at("the file is empty", path, 1, 1)
    if len(raw) > max_bytes:
        raise InputError.at(f"the file is larger than {max_bytes // 1024 // 1024} MiB", path)
    encoding = wide_encoding(raw)
    if encoding is not None:
        raise InputError.at(f"the file is {encoding}; save it as UTF-8", path, 1, 1)
    if looks_binary(raw):
        raise InputError.at("this is a binary file, not YAML text", path, 1, 1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError.at(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            path,
            line,
            col,
        ) from None


# Both parsers slow down with the depth of flow collections ([[[...]]]): libyaml takes
# close to a minute for 200,000 levels. No real file nests more than a few dozen.
MAX_FLOW_DEPTH = 2000
_BRACKETS = re.compile(r"[\[\]{}]")


def refuse_deep_flow(text: str, path: str) -> None:
    """Refuse at once a document whose brackets open more than ``MAX_FLOW_DEPTH`` deep.

    The count ignores quoting, so brackets inside strings count too; that only matters
    for a text with thousands of unclosed brackets, which no real file has.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                raise InputError.at(
                    f"the YAML nests too deeply (more than {MAX_FLOW_DEPTH} levels)", path,
                    line=line, column=column,
                )  # fmt: skip
        elif depth:
            depth -= 1


# The YAML versions both parsers read; ruamel fails on any other with an assertion.
YAML_VERSIONS = ("1.1", "1.2")
_VERSION_DIRECTIVE = re.compile(r"^%YAML[ \t]+([^\s#]*)", re.MULTILINE)


def refuse_unknown_version(text: str, path: str) -> None:
    """Refuse a ``%YAML`` directive that names a version other than 1.1 or 1.2."""
    for match in _VERSION_DIRECTIVE.finditer(text):
        if match.group(1) not in YAML_VERSIONS:
            line = text.count("\n", 0, match.start()) + 1
            raise InputError.at(
                f"YAML error: %YAML {match.group(1)} is not a YAML version capassess reads "
                f"(write %YAML 1.2, or leave the line out)",
                path,
                line,
                1,
            )
