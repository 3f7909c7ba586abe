"""Figures as printed: a change shown beside two rounded scores is the difference of the
rounded scores, so that the printed numbers add up (the JSON keeps full precision); a
count with its noun in the right number."""

from __future__ import annotations

from decimal import Decimal


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` with its noun in the right number: ``1 question``, ``2 questions``."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def printed(value: float, digits: int = 2) -> Decimal:
    """``value`` exactly as it prints with ``digits`` decimals."""
    return Decimal(f"{value:.{digits}f}")


def printed_change(new: float | None, old: float | None, digits: int = 2) -> float | None:
    """``new - old`` as the difference of the two printed figures (None when one is None)."""
    if new is None or old is None:
        return None
    return float(printed(new, digits) - printed(old, digits))


def signed_change(new: float | None, old: float | None, digits: int = 2) -> str:
    """The printed change from ``old`` to ``new`` with its sign, or ``—``."""
    change = printed_change(new, old, digits)
    return "—" if change is None else f"{change:+.{digits}f}"
