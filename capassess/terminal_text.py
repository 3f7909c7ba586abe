"""Text from files made safe for a terminal: control characters shown, never obeyed.

A questionnaire title, a unit's name or a file name may hold escape sequences (``ESC [``
...) that would move the cursor, recolour the screen, retitle the window or hide what
was printed before. Every such character (C0 and C1 controls but tab and newline, and
DEL) is shown as ``\\xNN`` instead.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character but tab and newline written as ``\\xNN``."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
