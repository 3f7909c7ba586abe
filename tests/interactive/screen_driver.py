"""The interview in a full terminal (``TERM=xterm``), its screen kept by a VT100 emulator."""

from __future__ import annotations

import time
from pathlib import Path

import pexpect
import pyte

from tests.interactive.pty_driver import GOOD, TIMEOUT, spawn, wait_for_keys

UP, DOWN, RIGHT, LEFT = "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D"
BACKSPACE = "\x7f"


class Screen:
    """``capassess assess`` in a 120x50 xterm; ``text`` is what a person would see."""

    def __init__(
        self,
        cwd: Path,
        *args: str | Path,
        dirs: tuple[Path, ...] = (GOOD,),
        size: tuple[int, int] = (120, 50),
    ) -> None:
        self.child = spawn(cwd, *args, dirs=dirs, term="xterm", size=size)
        self.screen = pyte.Screen(*size)
        # Answer cursor position requests as a terminal does: the editor needs them to
        # know the room below the line, where it shows the option the arrows point at.
        self.screen.write_process_input = self.child.send  # type: ignore[method-assign]
        self.stream = pyte.Stream(self.screen)

    def _pump(self) -> bool:
        """Feed what the program printed to the emulator; False once it has ended."""
        try:
            self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            return False
        return True

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str) -> None:
        """Wait until ``text`` is on the screen."""
        deadline = time.monotonic() + TIMEOUT
        while text not in self.text:
            if not self._pump() or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen:\n{self.text}")

    def settle(self) -> None:
        """Let the program finish drawing what it is drawing."""
        for _ in range(6):
            self._pump()

    def prompt(self, text: str) -> None:
        """Wait for a prompt and for the editor to read keys."""
        self.wait_for(text.rstrip())  # the screen has no trailing blanks
        wait_for_keys(self.child)

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            time.sleep(0.05)  # one key at a time, as typed
        self.settle()

    def line_with(self, text: str) -> str:
        """The last screen line that holds ``text``."""
        found = [line for line in self.lines if text in line]
        assert found, f"{text!r} is not on the screen:\n{self.text}"
        return found[-1]

    def cursor_column(self) -> int:
        return int(self.screen.cursor.x)

    def end(self) -> int | None:
        """Wait for the program to end; its exit status."""
        deadline = time.monotonic() + TIMEOUT
        while self._pump():
            if time.monotonic() > deadline:
                raise AssertionError(f"the interview did not end; the screen:\n{self.text}")
        self.child.close()
        return self.child.exitstatus  # type: ignore[no-any-return]
