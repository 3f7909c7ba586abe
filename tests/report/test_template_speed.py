"""Speed-ups of report rendering keep the sandbox whole: the remembered attribute verdicts
refuse what Jinja's sandbox refuses, whatever was asked before."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from capassess.report.environment import remember_safe_attributes, report_environment


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
    env = report_environment()
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
    env = report_environment()
    assert "is_safe_attribute" in vars(env)
    with pytest.raises(SecurityError):
        env.from_string("{{ xs.append(1) }}").render(xs=[])  # the immutable sandbox's rule
    with pytest.raises(SecurityError):
        env.from_string("{{ xs.append(1) }}").render(xs=[])
