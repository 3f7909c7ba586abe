"""How large a template's values may grow, checked before Python builds them.

A value's weight is its length counted all the way down: a string's characters, a
list's items and their own weights. Printing a value costs about its weight, so every
operation that can multiply weight (``*``, ``+``, ``~``, ``%``, ``join``, ``replace``)
is refused when the result would weigh more than ``MAX_SIZE``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from jinja2.exceptions import SecurityError

MAX_SIZE = 10_000_000
MAX_INT_BITS = 100_000
WIDE_FORMAT = re.compile(r"[%{:][^%{}]*?\d{8,}")
SEQUENCES = (str, bytes, list, tuple)


class TemplateLimit(SecurityError):
    """A template went past one of the limits on time, size or recursion."""


def weight(value: Any, limit: int = MAX_SIZE) -> int:
    """The weight of ``value``; counting stops a little past ``limit``."""
    if isinstance(value, (str, bytes)):
        return len(value)
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
    return total


def refuse_heavy(what: str, total: int) -> None:
    """``TemplateLimit`` if ``total`` is past ``MAX_SIZE``."""
    if total > MAX_SIZE:
        raise TemplateLimit(f"the result of {what} would be longer than {MAX_SIZE:,}")


def check_number(value: Any) -> None:
    """Refuse a number argument large enough to ask for a huge result."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
        raise TemplateLimit(f"the number {_short(value)} is too large for a template argument")


def check_text(value: Any) -> None:
    """Refuse a format string with a huge width or precision."""
    if isinstance(value, str) and WIDE_FORMAT.search(value):
        raise TemplateLimit("a format width or precision in the template is too large")


def _short(value: int) -> str:
    if value.bit_length() > 64:
        return f"with {int(value.bit_length() * math.log10(2)) + 1} digits"
    return str(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too large, before computing it."""
    if operator == "**" and _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
        if right * math.log2(abs(left)) > MAX_INT_BITS:
            raise TemplateLimit("the result of ** would be too large")
    elif operator == "*" and _is_int(left) and _is_int(right):
        if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
            raise TemplateLimit("the result of * would be too large")
    elif operator == "*" and (_is_int(left) or _is_int(right)):
        count, items = (left, right) if _is_int(left) else (right, left)
        if isinstance(items, SEQUENCES) and count > 0:
            refuse_heavy("*", weight(items, MAX_SIZE // count + 1) * count)
    elif operator == "+":
        refuse_heavy("+", weight(left) + weight(right))
    elif operator == "%":
        check_text(left)
        refuse_heavy("%", weight(left) + weight(right))


def check_join(items: Iterable[Any], separator: Any = "") -> None:
    """Refuse a join whose result would be too large."""
    if isinstance(items, SEQUENCES):
        count = len(items)
        refuse_heavy("join", weight(items) + count * weight(separator))


def check_replace(text: Any, old: Any, new: Any) -> None:
    """Refuse a replacement whose result could be too large."""
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        most = len(text) // max(len(old), 1) + 1
        refuse_heavy("replace", len(text) + most * max(len(new) - len(old), 0))


def check_spread(text: Any, marks: str, width: Any) -> None:
    """Refuse ``indent`` or ``expandtabs`` whose result (each of ``marks`` in ``text``
    widened by ``width``) would be too large."""
    if isinstance(text, str):
        size = width if _is_int(width) else weight(width)
        refuse_heavy("indent", len(text) + (text.count(marks) + 1) * max(size, 0))
