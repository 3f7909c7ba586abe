"""Speed-ups of report rendering keep the sandbox whole: the remembered attribute verdicts
refuse what Jinja's sandbox refuses, whatever was asked before."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from jinja2 import StrictUndefined, Undefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup

from capassess.report.environment import remember_safe_attributes, sandboxed_environment
from capassess.texts import words


def function() -> int:
    return 1


class Thing:
    name = "thing"
    _private = "secret"

    def method(self) -> str:
        return "m"


UNSAFE = [
    "{{ f.__globals__ }}",
    "{{ f.__code__ }}",
    "{{ t.method.__func__ }}",
    "{{ t.__class__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ k.mro() }}",
    "{{ t._private }}",
]


@pytest.mark.parametrize("source", UNSAFE)
def test_unsafe_attributes_stay_refused_after_safe_ones(source: str) -> None:
    env = sandboxed_environment()
    context = {"f": function, "t": Thing(), "k": Thing}
    warm = env.from_string("{{ t.name }}{{ t.method() }}{{ k.name }}")
    assert warm.render(**context) == "thingmthing"
    for _ in range(2):  # the second time from the remembered verdict
        with pytest.raises(SecurityError):
            env.from_string(source).render(**context)


@pytest.mark.parametrize("source", UNSAFE)
def test_remembered_verdicts_equal_jinjas(source: str) -> None:
    plain, fast = SandboxedEnvironment(), SandboxedEnvironment()
    remember_safe_attributes(fast)
    objects = [function, len, Thing(), Thing, Thing().method, "", (i for i in ()), type]
    names = [
        "__globals__",
        "__code__",
        "__func__",
        "__class__",
        "mro",
        "gi_frame",
        "name",
        "upper",
        "_private",
        "__mro__",
        "method",
        "func_code",
        "im_func",
    ]
    for obj in objects:
        for name in names:
            assert fast.is_safe_attribute(obj, name, None) == plain.is_safe_attribute(
                obj, name, None
            )


def test_an_overriding_environment_is_left_alone() -> None:
    class Strict(SandboxedEnvironment):
        def is_safe_attribute(self, obj, attr, value):  # type: ignore[no-untyped-def]
            return False

    env = Strict()
    remember_safe_attributes(env)
    assert "is_safe_attribute" not in vars(env)


def test_the_reports_environment_remembers_its_verdicts() -> None:
    env = sandboxed_environment()
    assert "is_safe_attribute" in vars(env)
    with pytest.raises(SecurityError):
        env.from_string("{{ xs.append(1) }}").render(xs=[])  # the immutable sandbox's rule
    with pytest.raises(SecurityError):
        env.from_string("{{ xs.append(1) }}").render(xs=[])


@dataclass(frozen=True)
class Row:
    title: str
    items: tuple[str, ...]
    _hidden: str = "h"


def _outcome(env: SandboxedEnvironment, obj: object, name: str) -> tuple[str, object]:
    """What ``obj.name`` gives in ``env``: a value, an undefined (with the reason) or an
    error; a bound method is called on a fixed argument where it takes one."""
    found = env.getattr(obj, name)
    if isinstance(found, Undefined):
        return "undefined", found._undefined_hint or found._undefined_name
    if callable(found) and name in ("format", "format_map", "get"):
        try:
            return "called", found({"a": 1}) if name == "format_map" else found("a")
        except Exception as exc:  # the same error both ways is what counts
            return "error", type(exc).__name__
    return "value", found if not callable(found) else getattr(found, "__name__", "callable")


class Table(dict):  # type: ignore[type-arg]
    """A dict with attributes of its own, as the texts' tables are."""

    shadow = "class attribute"

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__(table)
        self.area = "instance attribute"

    def __missing__(self, key: str) -> str:
        raise KeyError(f"no text {key!r}")

    @property
    def title(self) -> str:
        return "property"


class Lookup(dict):  # type: ignore[type-arg]
    def __getattr__(self, name: str) -> str:
        return f"from __getattr__ {name}"


OBJECTS = [
    Table({"title": "t", "x": "x", "area": "a", "shadow": "s", "items": "i"}),
    Lookup({"title": "t", "x": "x"}),
    words("report", "zh"),
    {"title": "t", "items": "shadowed by dict.items", "x": None},
    {"get": 1},
    Row("r", ("a",)),
    "a {a} string",
    Markup("<b>{a}</b>"),
    (1, 2),
    [1, 2],
    function,
    Thing(),
    Thing,
    3,
]
NAMES = ["title", "items", "area", "shadow", "po", "colon", "lang", "x", "missing", "get", "_hidden", "format", "format_map", "upper",
         "append", "__class__", "__globals__", "method", "name", "_private", "real", "keys"]  # fmt: skip


def test_the_fast_attribute_lookup_equals_jinjas_sandbox() -> None:
    """``LimitedSandbox.getattr`` skips Jinja's detours for dict keys and plain values:
    every (object, name) gives what Jinja's immutable sandbox gives."""
    fast, plain = sandboxed_environment(), ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for obj in OBJECTS:
        for name in NAMES:
            assert _outcome(fast, obj, name) == _outcome(plain, obj, name), (obj, name)


def test_the_reports_own_filters_still_bound_their_arguments() -> None:
    env = sandboxed_environment()
    assert env.from_string("{{ 1.5|num(1) }}|{{ 'a|b'|cell }}").render() == "1.5|a\\|b"
    with pytest.raises(SecurityError):
        env.from_string("{{ 1.5|num(10 ** 9) }}").render()
