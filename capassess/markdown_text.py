"""Text from files made inert in Markdown: no raw HTML, links, emphasis or table breaks.

Used by the reports' templates (the ``md`` and ``cell`` filters) and by ``show --format
md``. ``<img onerror=...>`` and ``[x](javascript:...)`` come out as the literal text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from capassess.terminal_text import CONTROL

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|#~])")
REMEMBERED = 20_000  # escaped texts kept, up to this many characters each
REMEMBERED_LENGTH = 500


def _escape_text(text: str) -> str:
    # what MD_SPECIAL.sub(r"\\\1", CONTROL.sub(" ", text)) gives, each pattern run only
    # where it matches and its replacement a function (a template is parsed on every call)
    if CONTROL.search(text) is not None:
        text = CONTROL.sub(" ", text)
    if MD_SPECIAL.search(text) is not None:
        text = MD_SPECIAL.sub(_backslashed, text)
    return " ".join(text.split())


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match.group()


def _escape_cell(text: str) -> str:
    lines = [_escape_text(line) for line in text.strip().splitlines()]
    return "<br>".join(line for line in lines if line) or " "


_TEXTS: dict[str, str] = {}
_CELLS: dict[str, str] = {}


def _remembered(escape: Callable[[str], str], seen: dict[str, str], value: object) -> str:
    """``escape(str(value))``, remembered in ``seen`` (one table per escape) for short
    texts: a batch's reports repeat the same titles, questions and labels thousands of
    times."""
    text = value if type(value) is str else str(value)
    found = seen.get(text)
    if found is None:
        found = escape(text)
        if len(text) <= REMEMBERED_LENGTH:
            if len(seen) >= REMEMBERED:
                seen.clear()
            seen[text] = found
    return found


def md_text(value: object) -> str:
    """Escape text for Markdown: no raw HTML, emphasis, links or table pipes; one line."""
    if type(value) is str:
        found = _TEXTS.get(value)
        if found is not None:
            return found
    return _remembered(_escape_text, _TEXTS, value)


def md_cell(value: object) -> str:
    """Escape text for a GFM table cell: as ``md_text``, with line breaks as ``<br>``."""
    if type(value) is str:
        found = _CELLS.get(value)
        if found is not None:
            return found
    return _remembered(_escape_cell, _CELLS, value)


def md_code(value: object) -> str:
    """``value`` as inline code, or as escaped text if it holds a backtick."""
    text = " ".join(CONTROL.sub(" ", str(value)).split())
    return md_text(text) if "`" in text else f"`{text}`"
