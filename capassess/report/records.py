"""Frozen dataclasses of the report model, made quickly.

A frozen dataclass's ``__init__`` sets each field by its own ``object.__setattr__``
call (its ``__setattr__`` refuses changes); a batch's reports make thousands of rows
(answers, gaps, actions) each, and those calls cost more than building the rows.
``quick_init`` gives the class an ``__init__`` with the same signature that fills the
instance's dict at once, with the same fields in the same order: the object is the one
the dataclass's own ``__init__`` makes (equal, same hash, same ``repr``). It is compiled
on the first instance, not when the module is imported, so the start-up of a command
that never builds a report pays nothing for it.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give frozen dataclass ``cls`` the quick ``__init__`` (see module doc); a class with
    ``__post_init__``, keyword-only fields, fields left out of ``__init__`` or default
    factories is refused (its ``__init__`` does more than fill the fields)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or not params.init:
        raise TypeError(f"{cls.__name__}: not a frozen dataclass with an __init__")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: __post_init__ is not supported")
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.kw_only or not f.init or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are supported")

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made = _compiled_init(cls)
        cls.__init__ = made  # type: ignore[method-assign]
        made(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = __init__  # type: ignore[method-assign]
    return cls


def _compiled_init(cls: type) -> Any:
    """The ``__init__`` of ``cls``: its fields as parameters (defaults as declared), all
    put into a new instance dict in one call."""
    fields = dataclasses.fields(cls)
    scope: dict[str, Any] = {"_set": object.__setattr__}
    params = []
    for n, f in enumerate(fields):
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            scope[f"_d{n}"] = f.default
            params.append(f"{f.name}=_d{n}")
    values = ", ".join(f"{f.name!r}: {f.name}" for f in fields)
    source = f"def __init__(self, {', '.join(params)}):\n    _set(self, '__dict__', {{{values}}})\n"
    exec(source, scope)  # the same way dataclasses makes its own
    made = scope["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    return made
