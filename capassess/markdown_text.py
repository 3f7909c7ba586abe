"""Text from files made inert in Markdown: no raw HTML, links, emphasis or table breaks.

Used by the reports' templates (the ``md`` and ``cell`` filters) and by ``show --format
md``. ``<img onerror=...>`` and ``[x](javascript:...)`` come out as the literal text.
"""

from __future__ import annotations

import re

from capassess.terminal_text import CONTROL

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|#~])")


def md_text(value: object) -> str:
    """Escape text for Markdown: no raw HTML, emphasis, links or table pipes; one line."""
    text = MD_SPECIAL.sub(r"\\\1", CONTROL.sub(" ", str(value)))
    return " ".join(text.split())


def md_cell(value: object) -> str:
    """Escape text for a GFM table cell: as ``md_text``, with line breaks as ``<br>``."""
    lines = [md_text(line) for line in str(value).strip().splitlines()]
    return "<br>".join(line for line in lines if line) or " "


def md_code(value: object) -> str:
    """``value`` as inline code, or as escaped text if it holds a backtick."""
    text = " ".join(CONTROL.sub(" ", str(value)).split())
    return md_text(text) if "`" in text else f"`{text}`"
