"""Consoles: data to stdout, messages to stderr; plain when not a terminal, NO_COLOR obeyed.

Messages and verdicts go through click, which is loaded anyway; rich is imported only by
views that draw tables, so ``validate`` and every error path start fast.
"""

from __future__ import annotations

import errno
import os
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

import click

from capassess.terminal_text import terminal_safe

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rich.console import Console
    from rich.segment import Segment

# The few styles messages use, as click colours ("" is plain).
STYLES = {"red": "red", "yellow": "yellow", "green": "green", "dim": "bright_black"}


@lru_cache(maxsize=2)
def console(stderr: bool = False) -> Console:
    """The shared rich console for stdout (data) or stderr (messages)."""
    from rich.console import Console

    class ReportingConsole(Console):
        """A console whose broken pipe is an error the command line reports (rich would
        exit 1 without a word)."""

        def on_broken_pipe(self) -> None:
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            # Text from files reaches the terminal with its control characters shown.
            from rich.segment import Segment

            safe = [s if s.control else Segment(terminal_safe(s.text), s.style) for s in buffer]
            return super()._render_buffer(safe)

    # No emoji codes: ``:thumbs_up:`` in a bank's or a capability's name is printed as
    # written (and rich's table of emoji is never loaded).
    return ReportingConsole(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)


def is_terminal(stream: object) -> bool:
    """True if ``stream`` is a terminal (where escape sequences would be obeyed)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def use_colour(stream: object) -> bool:
    """Colour when the stream is a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def say(text: str, style: str = "", *, err: bool = False) -> None:
    """Print one line, coloured with ``style`` when the stream is a colour terminal."""
    stream = sys.stderr if err else sys.stdout
    if err or is_terminal(stream):  # messages, and whatever reaches a terminal
        text = terminal_safe(text)
    if style and use_colour(stream):
        text = click.style(text, fg=STYLES.get(style, style))
    click.echo(text, file=stream, color=use_colour(stream))


def folder_note(path: str | Path, lang: str = "en") -> str:
    """`` (created the folder F)`` when this run created a folder to hold ``path``."""
    from capassess.atomic import made_for
    from capassess.texts import say as text

    made = made_for(path)
    return "" if made is None else text("views", "zh" if lang == "zh" else "en", "new_folder",
                                        folder=str(made))  # fmt: skip


def message(text: str, style: str = "") -> None:
    """Print a message to stderr (no markup is interpreted)."""
    say(text, style, err=True)
