"""The report templates' own filters of numbers, dates and Mermaid text."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from capassess.figures import signed_change


def num_text(value: float | None, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals; a report prints the same numbers often: a
    number's text is remembered by the number (equal numbers print alike, but for zero:
    ``-0.0`` prints as ``-0.00``, so zeros are never kept)."""
    if value is None:
        return "—"
    kind = type(value)
    if (kind is float or kind is int) and value and type(digits) is int:
        found = _NUMBERS.get((value, digits))
        if found is None:
            found = format(value, _FIXED.get(digits) or f".{digits}f")
            if len(_NUMBERS) >= REMEMBERED_NUMBERS:
                _NUMBERS.clear()
            _NUMBERS[value, digits] = found
        return found
    spec = _FIXED.get(digits)  # what f"{value:.{digits}f}" formats with
    return format(value, spec if spec is not None else f".{digits}f")


_FIXED = {n: f".{n}f" for n in range(7)}
REMEMBERED_NUMBERS = 20_000
_NUMBERS: dict[tuple[float, int], str] = {}


def pct_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def signed_text(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:+.{digits}f}"


def change_text(new: float | None, old: float | None, digits: int = 2) -> str:
    """The change from ``old`` to ``new`` as the difference of the printed figures."""
    return signed_change(new, old, digits)


def mermaid_text(value: object) -> str:
    """Text safe inside a Mermaid gantt line: no ``: ; #`` or angle brackets."""
    return " ".join(str(value).translate(_MERMAID_SPACES).split())


_MERMAID_SPACES = str.maketrans(dict.fromkeys(':;#<>{}[]`"', " "))


def add_months(iso_date: str, months: int) -> str:
    """The ISO date ``months`` after ``iso_date`` (day clamped to 28)."""
    if type(iso_date) is str and type(months) is int:  # a roadmap's dates, many times over
        return _months_after(iso_date, months)
    return _add_months(iso_date, months)


@lru_cache(maxsize=4096)
def _months_after(iso_date: str, months: int) -> str:
    return _add_months(iso_date, months)


def _add_months(iso_date: str, months: int) -> str:
    start = dt.date.fromisoformat(iso_date)
    index = start.year * 12 + start.month - 1 + int(months)
    return dt.date(index // 12, index % 12 + 1, min(start.day, 28)).isoformat()
