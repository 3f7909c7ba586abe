"""Consoles: data to stdout, messages to stderr; plain when not a terminal, NO_COLOR obeyed."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@lru_cache(maxsize=2)
def console(stderr: bool = False) -> Console:
    """The shared rich console for stdout (data) or stderr (messages)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def message(text: str, style: str = "") -> None:
    """Print a message to stderr (markup is not interpreted)."""
    console(stderr=True).print(text, style=style or None, markup=False, soft_wrap=True)
