"""Jinja's sandbox with limits on time, size and recursion, and a loader that stays home.

A user's template may not run for ever, grow without bound, or read outside its folder:

- time: a render with the user's templates stops after ``USER_TIME_LIMIT`` seconds
  (one with only the shipped ones after ``TIME_LIMIT``; checked every ``TICKS`` calls,
  attributes, operators and filters, every 4,096 ``range`` steps, and by a timer signal
  where one can be used), and the ``range`` steps of one render are at most
  ``MAX_STEPS``;
- size: every operation that can multiply a value's size (``*``, ``**``, ``+``, ``%``,
  ``~``, ``join``, ``replace``, ``format``, ``indent``, ``expandtabs``) is refused when
  its result would weigh more than ``MAX_SIZE`` (see ``capassess.report.limits``),
  before it is computed (Jinja would otherwise fold constants at compile time); number
  arguments and format widths are bounded too, lists and dicts cannot be changed, and
  the output is at most ``MAX_OUTPUT`` characters (the report's own filters, whose
  result grows only with their input, have only their arguments checked);
- recursion: a macro calling itself, or a template including itself, is a located
  error, not a crash;
- files: a template in the user's folder must be a regular file of at most
  ``MAX_TEMPLATE_BYTES`` whose real path (links followed) lies inside that folder.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import signal
import threading
import time
import types
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from capassess.reading import read_bounded
from capassess.report.joined_output import visit_joined_output
from capassess.report.limits import (
    TemplateLimit,
    check_binop,
    check_join,
    check_number,
    check_replace,
    check_spread,
    check_text,
    refuse_heavy,
    weight,
)
from capassess.report.shipped import dict_kind

TIME_LIMIT = 600.0  # the shipped templates: only a safety net
USER_TIME_LIMIT = 10.0  # a render that uses a template of the user's
MAX_STEPS = 10_000_000
MAX_OUTPUT = 64 * 1024 * 1024
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024
TICKS = 32  # operations between two looks at the clock (each of bounded size and time)
# Values that may be a bound ``str.format`` (or another method of a string), which Jinja's
# sandbox wraps or checks on access; any other value of an attribute is plain data.
METHODS = (types.MethodType, types.BuiltinMethodType, types.MethodWrapperType)
JINJA_CHECKS = (
    SandboxedEnvironment.is_safe_attribute,
    ImmutableSandboxedEnvironment.is_safe_attribute,
)


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


_TICKS = [0]  # operations so far, in any render (a count shared by threads is still a clock)


def _tick() -> None:
    """One operation: every ``TICKS``-th looks at the clock of the render under way."""
    _TICKS[0] += 1
    if _TICKS[0] % TICKS == 0:
        _clock()


def _clock() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


class LimitedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation checked for size and the
    pieces of an output statement yielded joined (see ``report.joined_output``)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        if not visit_joined_output(self, node, frame):
            super().visit_Output(node, frame)


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox (lists and dicts immutable), bounded in time and size."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    code_generator_class = LimitedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = limited_range
        # Jinja's verdict on ``x.y`` depends only on the type of x and the name y
        self.verdicts: dict[tuple[type, str], bool] | None = None
        if type(self).is_safe_attribute in JINJA_CHECKS:
            self.verdicts = {}

    @staticmethod
    def checked_concat(text: str) -> str:
        """The result of ``~``, if it is small enough (its parts were)."""
        refuse_heavy("~", len(text))
        return text

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply ``operator`` once its result is known to stay small."""
        _tick()
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call ``__obj`` with arguments of bounded size."""
        _tick()
        _check_arguments(args, kwargs)
        receiver = getattr(__obj, "__self__", None)
        if isinstance(receiver, str):
            _check_str_method(receiver, getattr(__obj, "__name__", ""), args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Sandbox ``str.format`` (as Jinja does), refusing huge widths and results."""
        text = getattr(value, "__self__", None)
        check_text(text)
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None

        def bounded(*args: Any, **kwargs: Any) -> str:
            refuse_heavy("format", weight(text) + weight(args) + weight(kwargs))
            return wrapped(*args, **kwargs)

        return bounded

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Look up an attribute (and check the clock), as Jinja's sandbox does: the
        attribute, else the item; a method of a string through ``wrap_str_format``, any
        other value if ``is_safe_attribute`` says so. The common cases without the
        detours: a dict's key that is no attribute of the dict (see ``dict_kind``), and
        a value that is no method (whose ``wrap_str_format`` is None)."""
        ticks = _TICKS[0] = _TICKS[0] + 1  # _tick(), without the call: the most common
        if ticks % TICKS == 0:
            _clock()
        kind = type(obj)
        names = _DICT_KINDS.get(kind, _UNSEEN)
        if names is _UNSEEN:
            names = _DICT_KINDS[kind] = dict_kind(kind)
        if (names is not None and attribute not in names[0]
                and (not names[1] or attribute not in obj.__dict__)):  # fmt: skip
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)
        if type(value) in METHODS:
            return super().getattr(obj, attribute)
        verdicts = self.verdicts
        if verdicts is None:
            safe = self.is_safe_attribute(obj, attribute, value)
        else:
            safe = verdicts.get((kind, attribute))  # type: ignore[assignment]
            if safe is None:
                safe = verdicts[kind, attribute] = bool(
                    self.is_safe_attribute(obj, attribute, value)
                )
        return value if safe else self.unsafe_undefined(obj, attribute)


_UNSEEN = object()
_DICT_KINDS: dict[type, Any] = {}


def _check_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        check_number(value)
        check_text(value)


def _check_str_method(text: str, name: str, args: tuple[Any, ...]) -> None:
    """Refuse ``str.join`` and ``str.replace`` calls whose result would be too large."""
    check_text(text)
    if name == "join" and args:
        check_join(args[0], text)
    elif name == "replace" and len(args) >= 2:
        check_replace(text, args[0], args[1])
    elif name == "expandtabs":
        check_spread(text, "\t", args[0] if args else 8)


def limited_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a filter whose arguments and result are of bounded size."""
    passes = getattr(function, "jinja_pass_arg", None)  # given the context first

    def bounded(*given: Any, **kwargs: Any) -> Any:
        _tick()
        value, args = (given[1], given[2:]) if passes is not None else (given[0], given[1:])
        check_text(value)
        _check_arguments(args, kwargs)
        if name == "join":
            check_join(value, args[0] if args else kwargs.get("d", ""))
        elif name == "replace" and len(args) >= 2:
            check_replace(value, args[0], args[1])
        elif name == "format":
            refuse_heavy("format", weight(value) + weight(args) + weight(kwargs))
        elif name == "indent":
            check_spread(value, "\n", args[0] if args else kwargs.get("width", 4))
        return function(*given, **kwargs)

    bounded.__name__ = getattr(function, "__name__", name)
    if passes is not None:
        bounded.jinja_pass_arg = passes  # type: ignore[attr-defined]
    return bounded


def linear_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, a filter whose result grows only with its value, with its other
    arguments (a number of digits, say) bounded."""

    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            _tick()
            _check_arguments(args, kwargs)
        return function(value, *args, **kwargs)

    bounded.__name__ = getattr(function, "__name__", "filter")
    return bounded


def limit_filters(
    env: Environment, linear: frozenset[str] = frozenset(), plain: frozenset[str] = frozenset()
) -> None:
    """Bound the arguments of every filter of ``env``; those named in ``linear`` are the
    environment's own, given only a value and plain arguments, whose result grows only
    with the value (escaping, number formatting): only their arguments are checked;
    those in ``plain`` are as ``linear`` but take nothing beyond the value, and are kept
    as they are."""
    env.filters = {
        name: f if name in plain else linear_filter(f) if name in linear
        else limited_filter(name, f)
        for name, f in env.filters.items()
    }  # fmt: skip


def limited_range(*args: int) -> Iterator[int]:
    """``range`` counted against the render's step budget and clock."""
    for value in args:
        check_number(value)
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
    try:
        with _alarm(budget):
            if not _generate(template, context, parts):
                raise TemplateLimit(
                    f"the report would be larger than {MAX_OUTPUT >> 20} MiB of text"
                )
    except RecursionError as exc:
        limit = TemplateLimit(
            "the template recurses too deeply (a macro calling itself, or a template "
            "including itself?)"
        )
        raise limit.with_traceback(exc.__traceback__) from None
    finally:
        _BUDGET.reset(token)
    return "".join(parts)


def _generate(template: Template, context: Mapping[str, Any], parts: list[str]) -> bool:
    """Append the output of ``template`` to ``parts`` as ``Template.generate`` makes it
    (an error in the template raised with the template's lines), stopping when it
    passes ``MAX_OUTPUT`` characters; False if it did."""
    total = 0
    append = parts.append
    try:
        for part in template.root_render_func(template.new_context(dict(context))):
            total += len(part)
            if total > MAX_OUTPUT:
                return False
            append(part)
    except Exception:
        template.environment.handle_exception()
    return True


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
