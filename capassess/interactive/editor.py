"""Line editing at the interview's prompts (prompt_toolkit): cursor keys, history, paste,
East Asian character widths, and picking an option with the arrow keys.

Typing stays the fast way (``3``, ``1,3``, ``2-4``, an option id); the arrow keys are the
alternative: on a question with options, Up and Down put the next option into the line
and show its label below it, Space ticks or unticks the shown option of a checklist.
History is on Ctrl-P and Ctrl-N there (and on Up and Down elsewhere). In a terminal
that calls itself ``dumb`` prompt_toolkit falls back to its plain line reader.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from capassess.interactive.terminal import Closed
from capassess.records import record

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent


@record
class Choice:
    """One option offered for arrow-key picking: what it types and how it reads."""

    token: str
    label: str


@record
class Choices:
    """The options of a question; ``many`` for a checklist (Space ticks)."""

    items: tuple[Choice, ...]
    many: bool = False
    hint: str = ""


@dataclass
class Picking:
    """Which option the arrow keys point at during one prompt."""

    choices: Choices | None = None
    index: int | None = None
    ticked: list[str] = field(default_factory=list)

    def move(self, step: int) -> Choice | None:
        if self.choices is None or not self.choices.items:
            return None
        count = len(self.choices.items)
        start = -1 if step > 0 else count
        self.index = ((start if self.index is None else self.index) + step) % count
        return self.choices.items[self.index]


def picked_line(ticked: list[str], choices: Choices) -> str:
    """The typed form of the ticked options, in the question's order: ``1,3``."""
    order = [c.token for c in choices.items]
    return ",".join(t for t in order if t in ticked)


class LineEditor:
    """Read lines with prompt_toolkit; one history for the whole interview."""

    def __init__(self) -> None:
        from prompt_toolkit.history import InMemoryHistory

        self.picking = Picking()
        self.pending: int | None = None  # a closing signal that arrived while reading
        self.session = _session_class()(
            history=InMemoryHistory(),
            key_bindings=self._bindings(),
            reserve_space_for_menu=0,  # no completion menu: the hint sits right below the line
        )
        self.session.on_start = self._exit_if_stopped

    def read(self, prompt: str, choices: Choices | None = None) -> str:
        """One line; ``KeyboardInterrupt`` on Ctrl-C, ``EOFError`` on Ctrl-D."""
        self.picking = Picking(choices)
        self.pending = None
        toolbar = self._toolbar if choices and choices.items else None
        line = self.session.prompt(prompt, bottom_toolbar=toolbar, pre_run=self._exit_if_stopped)
        if self.pending is not None:
            raise Closed(self.pending)
        return str(line)

    def stop(self, signum: int) -> None:
        """Make the current ``read`` raise ``Closed`` (called from a signal handler)."""
        self.pending = signum
        app = self.session.dumb or self.session.app
        loop = getattr(app, "loop", None)
        if app.is_running and loop is not None:
            loop.call_soon_threadsafe(self._exit_if_stopped)
        # Not running yet: ``pre_run`` stops it; already done: ``read`` raises after it.

    def _exit_if_stopped(self) -> None:
        app = self.session.dumb or self.session.app
        if self.pending is not None and app.is_running and not app.future.done():
            app.exit(exception=Closed(self.pending))

    def _toolbar(self) -> StyleAndTextTuples:
        picking = self.picking
        choices = picking.choices
        if choices is None:
            return []
        if picking.index is None:
            return [("", choices.hint)]
        choice = choices.items[picking.index]
        mark = ""
        if choices.many:
            mark = "[x] " if choice.token in picking.ticked else "[ ] "
        return [("", f"> {mark}{choice.token}  {choice.label}")]

    def _bindings(self) -> KeyBindings:
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()
        offers = Condition(lambda: self.picking.choices is not None)
        pointing = Condition(
            lambda: (
                self.picking.choices is not None
                and self.picking.choices.many
                and self.picking.index is not None
            )
        )

        @bindings.add("down", filter=offers)
        def _next(event: KeyPressEvent) -> None:
            self._show(event, self.picking.move(1))

        @bindings.add("up", filter=offers)
        def _previous(event: KeyPressEvent) -> None:
            self._show(event, self.picking.move(-1))

        @bindings.add(" ", filter=pointing)
        def _tick(event: KeyPressEvent) -> None:
            picking = self.picking
            assert picking.choices is not None and picking.index is not None
            token = picking.choices.items[picking.index].token
            typed = re.split(r"[,;，、；\s]+", event.current_buffer.text)
            picking.ticked = [c.token for c in picking.choices.items if c.token in typed]
            if token in picking.ticked:
                picking.ticked.remove(token)
            else:
                picking.ticked.append(token)
            event.current_buffer.text = picked_line(picking.ticked, picking.choices)
            event.current_buffer.cursor_position = len(event.current_buffer.text)

        return bindings

    def _show(self, event: KeyPressEvent, choice: Choice | None) -> None:
        """Put the option pointed at into the line (a checklist keeps its ticks)."""
        picking = self.picking
        if choice is None or picking.choices is None or picking.choices.many:
            return
        event.current_buffer.text = choice.token
        event.current_buffer.cursor_position = len(choice.token)


def _session_class() -> type[Any]:
    """A ``PromptSession`` that tells which application runs in a dumb terminal too."""
    from prompt_toolkit import PromptSession

    class Session(PromptSession[str]):
        dumb: Any = None  # the application of a prompt in a dumb terminal, while it runs
        on_start: Callable[[], None] | None = None

        @contextlib.contextmanager
        def _dumb_prompt(self, message: Any = "") -> Iterator[Any]:
            with super()._dumb_prompt(message) as app:
                self.dumb = app
                if self.on_start is not None:
                    app.pre_run_callables.append(self.on_start)
                try:
                    yield app
                finally:
                    self.dumb = None

    return Session
