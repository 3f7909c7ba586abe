"""Jinja's sandbox with limits on time, size and recursion, and a loader that stays home.

A user's template may not run for ever, grow without bound, or read outside its folder:

- time: a render with the user's templates stops after ``USER_TIME_LIMIT`` seconds
  (one with only the shipped ones after ``TIME_LIMIT``; checked at every call, attribute,
  operator and ``range`` step, and by a timer signal where one can be used), and the
  ``range`` steps of one render are at most ``MAX_STEPS``;
- size: ``*``, ``**``, ``+`` and ``%`` refuse results beyond ``MAX_SIZE`` items or
  ``MAX_INT_BITS`` bits before computing them (Jinja folds constants at compile time
  otherwise), number arguments of calls and filters are at most ``MAX_SIZE``, format
  widths in strings too, and the output at most ``MAX_OUTPUT`` characters;
- recursion: a macro calling itself, or a template including itself, is a located
  error, not a crash;
- files: a template in the user's folder must be a regular file of at most
  ``MAX_TEMPLATE_BYTES`` whose real path (links followed) lies inside that folder.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from capassess.reading import read_bounded

TIME_LIMIT = 600.0  # the shipped templates: only a safety net
USER_TIME_LIMIT = 10.0  # a render that uses a template of the user's
MAX_STEPS = 10_000_000
MAX_SIZE = 10_000_000
MAX_INT_BITS = 100_000
MAX_OUTPUT = 64 * 1024 * 1024
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024
WIDE_FORMAT = re.compile(r"[%{:][^%{}]*?\d{8,}")


class TemplateLimit(SecurityError):
    """A template went past one of the limits on time, size or recursion."""


class _Budget:
    """What one render may still spend."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.steps = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.late()

    def late(self) -> TemplateLimit:
        return TemplateLimit(f"the template ran longer than {self.seconds:g} seconds")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget", default=None)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
        raise TemplateLimit(f"the number {_short(value)} is too large for a template argument")


def _check_text(value: Any) -> None:
    if isinstance(value, str) and WIDE_FORMAT.search(value):
        raise TemplateLimit("a format width or precision in the template is too large")


def _short(value: int) -> str:
    if value.bit_length() > 64:
        return f"with {int(value.bit_length() * math.log10(2)) + 1} digits"
    return str(value)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too large, before computing it."""
    ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
    if operator == "**" and ints and right > 0 and abs(left) > 1:
        if right * math.log2(abs(left)) > MAX_INT_BITS:
            raise TemplateLimit("the result of ** would be too large")
    elif operator == "*" and ints:
        if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
            raise TemplateLimit("the result of * would be too large")
    elif operator == "*":
        count = right if isinstance(right, int) else left if isinstance(left, int) else 0
        if max(_size(left), _size(right)) * max(count, 0) > MAX_SIZE:
            raise TemplateLimit(f"the result of * would be longer than {MAX_SIZE:,}")
    elif operator == "+" and _size(left) + _size(right) > MAX_SIZE:
        raise TemplateLimit(f"the result of + would be longer than {MAX_SIZE:,}")
    elif operator == "%":
        _check_text(left)


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, bounded in time and size (see the module's notes)."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = limited_range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply ``operator`` once its result is known to stay small."""
        _tick()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call ``__obj`` with arguments of bounded size."""
        _tick()
        for value in (*args, *kwargs.values()):
            _check_number(value)
            _check_text(value)
        _check_text(getattr(__obj, "__self__", None))
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Sandbox ``str.format`` (as Jinja does), refusing huge widths in the string."""
        _check_text(getattr(value, "__self__", None))
        return super().wrap_str_format(value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Look up an attribute (and check the clock)."""
        _tick()
        return super().getattr(obj, attribute)


def limited_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a filter whose arguments are of bounded size."""

    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        _check_text(value)
        for arg in (*args, *kwargs.values()):
            _check_number(arg)
            _check_text(arg)
        return function(value, *args, **kwargs)

    for attr in ("jinja_pass_arg",):
        if hasattr(function, attr):
            return function  # filters given the context or environment keep their form
    bounded.__name__ = getattr(function, "__name__", "filter")
    return bounded


def limit_filters(env: Environment) -> None:
    """Bound the arguments of every filter of ``env``."""
    env.filters = {name: limited_filter(f) for name, f in env.filters.items()}


def limited_range(*args: int) -> Iterator[int]:
    """``range`` counted against the render's step budget and clock."""
    for value in args:
        _check_number(value)
    budget = _BUDGET.get()
    for i, value in enumerate(range(*args)):
        if budget is not None and i % 4096 == 0:
            budget.steps += 4096
            if budget.steps > MAX_STEPS:
                raise TemplateLimit(f"the template's loops ran more than {MAX_STEPS:,} steps")
            budget.tick()
        yield value


@contextlib.contextmanager
def _alarm(budget: _Budget) -> Iterator[None]:
    """Interrupt the render at its deadline, where a timer signal can be used."""
    usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM")
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise budget.late()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(0.001, budget.deadline - time.monotonic()))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_limited(
    template: Template, context: Mapping[str, Any], time_limit: float = TIME_LIMIT
) -> str:
    """Render ``template`` within the limits on time, output size and recursion."""
    budget = _Budget(time_limit)
    token = _BUDGET.set(budget)
    parts: list[str] = []
    total = 0
    try:
        with _alarm(budget):
            for part in template.generate(**context):
                total += len(part)
                if total > MAX_OUTPUT:
                    raise TemplateLimit(
                        f"the report would be larger than {MAX_OUTPUT >> 20} MiB of text"
                    )
                parts.append(part)
    except RecursionError as exc:
        limit = TemplateLimit(
            "the template recurses too deeply (a macro calling itself, or a template "
            "including itself?)"
        )
        raise limit.with_traceback(exc.__traceback__) from None
    finally:
        _BUDGET.reset(token)
    return "".join(parts)


def user_source(folder: Path, template: str) -> tuple[str, str, Callable[[], bool]]:
    """The source of ``template`` in the user's ``folder``; it must be a regular file
    inside the folder once links are followed."""
    path = folder.joinpath(*split_template_path(template))
    if not path.exists():
        raise TemplateNotFound(template)
    real, home = os.path.realpath(path), os.path.realpath(folder)
    if not real.startswith(home.rstrip(os.sep) + os.sep):
        raise SecurityError(f"{path} leads outside the template folder (to {real})")
    raw = read_bounded(path, MAX_TEMPLATE_BYTES)
    text = raw.decode("utf-8")  # a UnicodeDecodeError is reported by the loader
    mtime = os.stat(path).st_mtime
    return text, str(path), lambda: os.path.exists(path) and os.stat(path).st_mtime == mtime
