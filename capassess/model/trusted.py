"""Models built from values the core has just computed, without validating them again.

Planning and scoring build thousands of small result models per batch (scores, gaps,
planned actions, headlines) from values that are valid by construction. Validating each
again costs more than computing it, and the first one of each kind makes pydantic build
the model's validator (milliseconds per model at every start of ``report``).
``trusted(cls, **values)`` gives the model that validation gives for such values: every
field in declaration order, defaults for those not given (a fresh one from a default
factory), the fields given as the ones set, and the conversions validation makes of
such values: an ``int`` given to a ``float`` field (or as a value of a ``dict`` of
floats) becomes a ``float``, a ``tuple`` given to a ``list`` field a ``list``. Nothing
else is converted or checked, so it is only for values of the right types, sub-models
as model objects (never dicts), for models without validators of their own.

The first ``COMPILE_AFTER`` models of a class are built by a function shared by all
classes, which goes through the class's fields; then one is compiled for the class (as
``dataclasses`` compiles an ``__init__``), which a batch's thousands of models repay.

``CHECKED`` (tests set it) validates each model as well and raises ``AssertionError``
if the two differ in any value or type (``same_model``).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
CHECKED = False
COMPILE_AFTER = 32
"""Models of a class built by the shared maker before its own is compiled."""

_MAKERS: dict[type, Callable[[dict[str, Any]], Any]] = {}


def trusted(cls: type[M], **values: Any) -> M:
    """``cls(**values)`` without validation, for values known to be valid (see above)."""
    make = _MAKERS.get(cls)
    if make is None:
        make = _MAKERS[cls] = _maker(cls)
    model: M = make(values)
    if CHECKED:
        same_model(model, cls(**values))
    return model


def trusted_copy(model: M, update: dict[str, Any]) -> M:
    """``model.model_copy(update=update)`` (a shallow copy with ``update``'s fields set, not
    validated) made in one step, for a model with no extra or private values; any other
    is copied by ``model_copy`` itself."""
    found = model.__dict__
    if (
        model.__pydantic_extra__ is not None
        or getattr(model, "__pydantic_private__", None) is not None
    ):
        return model.model_copy(update=update)
    cls = type(model)
    if cls.model_config.get("extra") == "allow":
        return model.model_copy(update=update)
    made: M = cls.__new__(cls)
    _put(made, "__dict__", {**found, **update})
    _put(made, "__pydantic_extra__", None)
    fields_set = set(model.__pydantic_fields_set__)
    fields_set.update(update)
    _put(made, "__pydantic_fields_set__", fields_set)
    _put(made, "__pydantic_private__", None)
    if CHECKED:
        same_model(made, model.model_copy(update=update))
    return made


_put = object.__setattr__


def _maker(cls: type[BaseModel]) -> Callable[[dict[str, Any]], Any]:
    """A function that builds ``cls`` from a dict of field values: a shared one, which
    goes through the class's fields, for its first ``COMPILE_AFTER`` models, then one
    compiled for its fields (a command that builds a few of each pays no compiling)."""
    steps = _steps(cls)
    made = 0

    def make(kw: dict[str, Any]) -> Any:
        nonlocal made
        made += 1
        if made > COMPILE_AFTER:
            compiled = _MAKERS[cls] = _compiled(cls, steps)
            return compiled(kw)
        d = {}
        for name, mode, given, kind in steps:
            if mode == "required":
                v = kw[name]
            elif mode == "factory":
                v = kw[name] if name in kw else given()
            else:
                v = kw.get(name, given)
            d[name] = _CONVERT[kind](v) if kind else v
        return _model(cls, d, set(kw))

    return make


def _steps(cls: type[BaseModel]) -> list[tuple[str, str, Any, str]]:
    """(name, how its value is found, the default or its factory, how it is converted) of
    each field of ``cls``, in order."""
    steps: list[tuple[str, str, Any, str]] = []
    for name, field in cls.model_fields.items():
        if field.is_required():
            steps.append((name, "required", None, _kind(field.annotation)))
        elif field.default_factory is not None:
            steps.append((name, "factory", field.default_factory, _kind(field.annotation)))
        else:
            if isinstance(field.default, list | dict | set):  # validation copies these
                raise TypeError(f"{cls.__name__}.{name}: a mutable default")
            steps.append((name, "default", field.default, _kind(field.annotation)))
    return steps


def _model(cls: type[BaseModel], values: dict[str, Any], fields_set: set[str]) -> Any:
    made = object.__new__(cls)
    _put(made, "__dict__", values)
    _put(made, "__pydantic_fields_set__", fields_set)
    _put(made, "__pydantic_extra__", None)
    _put(made, "__pydantic_private__", None)
    return made


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "float": lambda v: float(v) if type(v) is int else v,
    "list": lambda v: list(v) if type(v) is tuple else v,
    "dict-float": lambda v: {k: float(x) if type(x) is int else x for k, x in v.items()},
}
_CONVERT_LINES = {
    "float": "    if type(v) is int: v = float(v)",
    "list": "    if type(v) is tuple: v = list(v)",
    "dict-float": "    v = {k: float(x) if type(x) is int else x for k, x in v.items()}",
}


def _compiled(
    cls: type[BaseModel], steps: list[tuple[str, str, Any, str]]
) -> Callable[[dict[str, Any]], Any]:
    """The function of ``_maker`` compiled for the fields of ``cls`` (``steps``)."""
    lines = ["def make(kw):", "    d = {}"]
    scope: dict[str, Any] = {"cls": cls, "new": object.__new__, "put": object.__setattr__}
    for n, (name, mode, given, kind) in enumerate(steps):
        if mode == "required":
            lines.append(f"    v = kw[{name!r}]")
        elif mode == "factory":
            scope[f"f{n}"] = given
            lines.append(f"    v = kw[{name!r}] if {name!r} in kw else f{n}()")
        else:
            scope[f"d{n}"] = given
            lines.append(f"    v = kw.get({name!r}, d{n})")
        if kind:
            lines.append(_CONVERT_LINES[kind])
        lines.append(f"    d[{name!r}] = v")
    lines += [  # a name that is no field is left to CHECKED (validation refuses it)
        "    m = new(cls)",
        "    put(m, '__dict__', d)",
        "    put(m, '__pydantic_fields_set__', set(kw))",
        "    put(m, '__pydantic_extra__', None)",
        "    put(m, '__pydantic_private__', None)",
        "    return m",
    ]
    exec("\n".join(lines), scope)
    return scope["make"]  # type: ignore[no-any-return]


def _kind(annotation: Any) -> str:
    """How validation converts a computed value of a field with ``annotation``."""
    args = [a for a in _union_args(annotation) if a is not type(None)]
    if len(args) != 1:
        return ""
    one, origin = args[0], typing.get_origin(args[0])
    if one is float:
        return "float"
    if origin is list:
        return "list"
    if origin is dict and _union_args(typing.get_args(one)[1])[0] is float:
        return "dict-float"
    return ""


def _union_args(annotation: Any) -> tuple[Any, ...]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return typing.get_args(annotation)
    return (annotation,)


def same_model(built: BaseModel, validated: BaseModel) -> None:
    """Raise ``AssertionError`` unless ``built`` equals ``validated`` value for value and
    type for type, with the same fields set."""
    if built.model_fields_set != validated.model_fields_set:
        raise AssertionError(f"{type(built).__name__}: the fields set differ")
    _same(built.__dict__, validated.__dict__, type(built).__name__)


def _same(a: Any, b: Any, where: str) -> None:
    if type(a) is not type(b):
        raise AssertionError(f"{where}: {type(a).__name__} is not {type(b).__name__}")
    if isinstance(a, BaseModel):
        same_model(a, b)
    elif isinstance(a, dict):
        if list(a) != list(b):
            raise AssertionError(f"{where}: the keys differ")
        for key in a:
            _same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list | tuple):
        if len(a) != len(b):
            raise AssertionError(f"{where}: the lengths differ")
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    elif a != b:
        raise AssertionError(f"{where}: {a!r} != {b!r}")
