"""The terminal the interview talks to: rich output, line input, and leaving it cleanly."""

from __future__ import annotations

import contextlib
import re
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from capassess.interactive.editor import Choices, LineEditor

KEY_SEQUENCE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?")
CLOSING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)
)


class QuitRequested(Exception):
    """The user asked to save and quit (``q``, or Ctrl-D at a prompt)."""


class Closed(BaseException):
    """The terminal was closed (SIGHUP) or the process told to stop (SIGTERM).

    A ``BaseException``, like ``KeyboardInterrupt``, so no ``except Exception`` on the
    way up swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# The line editor being read from, if any: a signal must stop it through its event loop,
# because an exception raised inside that loop's callbacks would be caught there.
EDITING: list[LineEditor] = []


def _raise_closed(signum: int, frame: FrameType | None) -> None:
    if EDITING:
        EDITING[-1].stop(signum)
        return
    raise Closed(signum)


@contextlib.contextmanager
def closing_signals_raise() -> Iterator[None]:
    """Turn SIGHUP and SIGTERM into ``Closed`` and Ctrl-C into ``KeyboardInterrupt``.

    Ctrl-C is set explicitly because a process started with SIGINT ignored (as a shell
    starts background jobs) inherits that, and Python then never raises KeyboardInterrupt.
    """
    previous = {sig: signal.signal(sig, _raise_closed) for sig in CLOSING_SIGNALS}
    previous[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def ignore_closing_signals() -> None:
    """Let a final save finish even if another signal arrives."""
    for sig in CLOSING_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


def _both_terminals() -> bool:
    return is_interactive() and sys.stdout is not None and sys.stdout.isatty()


def is_interactive() -> bool:
    """True when a person can answer: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


class Terminal:
    """Print rich renderables and read lines."""

    def __init__(self, console: Console | None = None) -> None:
        from capassess.views.console import console as shared_console

        # No GNU readline on purpose: CPython's readline loop misses a Ctrl-C (or SIGTERM)
        # that lands while it handles a key until the next key press. prompt_toolkit reads
        # keys in raw mode (Ctrl-C is a key) from an event loop that signals interrupt.
        self.console = console or shared_console()
        self.editor: LineEditor | None = None
        if console is None and _both_terminals():
            from capassess.interactive.editor import LineEditor

            self.editor = LineEditor()

    def show(self, renderable: RenderableType) -> None:
        """Print a renderable."""
        self.console.print(renderable)

    def note(self, text: str, style: str = "") -> None:
        """Print one line of plain text (no markup), e.g. a validation message."""
        from rich.text import Text

        from capassess.interactive.linebreak import Wrapped

        self.console.print(Wrapped(Text(text, style=style)))

    def read(self, prompt: str, choices: Choices | None = None) -> str:
        """Read a line; end of input (Ctrl-D) means save and quit.

        In a terminal the line editor reads it (``choices`` may be picked with the arrow
        keys); otherwise a plain line is read, with stray escape sequences dropped.
        """
        try:
            if self.editor is not None:
                EDITING.append(self.editor)
                try:
                    return self.editor.read(prompt, choices)
                finally:
                    EDITING.remove(self.editor)
            line = input(prompt)
        except EOFError:
            self.console.print()
            raise QuitRequested from None
        return KEY_SEQUENCE.sub("", line)
