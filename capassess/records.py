"""Frozen dataclasses made quickly: ``@record`` for ``@dataclass(frozen=True)``.

``dataclass(frozen=True)`` writes six functions for each class (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``) as source text
and compiles each with ``exec`` when the module is imported: about half a millisecond a
class, which for the few dozen classes a command imports is a noticeable part of its
start-up. ``record`` makes the same class without compiling anything at import:

- ``__init__`` is first a shared one that binds the call's arguments to the fields by
  their names and defaults; after ``COMPILE_AFTER`` instances (or at once, for a call it
  does not take, so that the errors are the dataclass's own) the class's own is compiled,
  with the dataclass's signature and defaults. Both fill the instance's dict in one call,
  with the same fields in the same order, instead of setting each field through
  ``object.__setattr__`` (which costs more than building the object when thousands are
  made, as in a batch's reports); a command that makes a few of each pays no compiling;
- ``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` are the
  same functions for every record, given the class's field names: objects compare, hash
  and print as the dataclass's own, and refuse changes with ``FrozenInstanceError`` as
  they do.

``dataclasses.fields``, ``replace``, ``asdict`` and ``is_dataclass`` see an ordinary frozen
dataclass. Only plain fields are supported (a default value, nothing else): a class with
``__post_init__``, default factories, keyword-only fields or ``field(...)`` options is
refused with ``TypeError``; it keeps ``@dataclass(frozen=True)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda decorator: decorator


T = TypeVar("T")
COMPILE_AFTER = 32
"""Instances of a record made by the shared ``__init__`` before its own is compiled."""
_UNSET = object()
_set = object.__setattr__
_PARAMS: list[Any] = []


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """``cls`` as ``@dataclass(frozen=True)`` makes it, without compiling at import (see
    the module's doc)."""
    if "__post_init__" in vars(cls) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: __post_init__ is not supported")
    own = _own_methods(cls)
    # frozen only under a frozen base, which dataclass requires (it then compiles the two
    # functions that refuse changes; they are replaced below all the same)
    frozen_base = any(_is_frozen(base) for base in cls.__mro__[1:])
    made = dataclasses.dataclass(cls, init=False, repr=False, eq=False, frozen=frozen_base)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    for f in fields:
        if not _is_plain(f):
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are supported")
    names = tuple(f.name for f in fields)
    _check_order(cls, fields)
    made.__dataclass_params__ = _frozen_params()  # type: ignore[attr-defined]
    for name, method in _methods(made, names).items():
        if name not in own:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(made, name, method)
    return made


def _own_methods(cls: type) -> set[str]:
    """The methods ``cls`` defines itself that the dataclass keeps (as ``dataclass`` does:
    ``__init__``, ``__repr__``, ``__eq__``, an explicit ``__hash__``); one that a frozen
    dataclass must define itself is refused."""
    body = vars(cls)
    for name in ("__setattr__", "__delattr__"):
        if name in body:
            raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    own = {n for n in ("__init__", "__repr__", "__eq__") if n in body}
    explicit_hash = body.get("__hash__", dataclasses.MISSING)
    if not (explicit_hash is dataclasses.MISSING or (explicit_hash is None and "__eq__" in body)):
        own.add("__hash__")
    return own


def _is_frozen(cls: type) -> bool:
    params = vars(cls).get("__dataclass_params__")
    return params is not None and bool(params.frozen)


def _is_plain(f: dataclasses.Field[Any]) -> bool:
    """Whether field ``f`` has nothing but (at most) a default value."""
    return (
        f.default_factory is dataclasses.MISSING
        and f.init
        and f.repr
        and f.compare
        and f.hash is None
        and not f.kw_only
        and not f.metadata
    )


def _check_order(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """Refuse, as ``dataclass`` does, a field without a default after one with a default."""
    seen_default = False
    for f in fields:
        if f.default is not dataclasses.MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")


def _frozen_params() -> Any:
    """The ``__dataclass_params__`` of a frozen dataclass with ``__init__``, ``__repr__``
    and ``__eq__``, as ``dataclass(frozen=True)`` gives it (made once)."""
    if not _PARAMS:

        @dataclasses.dataclass(frozen=True)
        class Prototype:
            pass

        _PARAMS.append(Prototype.__dataclass_params__)  # type: ignore[attr-defined]
    return _PARAMS[0]


def _methods(cls: type, names: tuple[str, ...]) -> dict[str, Callable[..., Any]]:
    """The methods of record ``cls`` with fields ``names``."""
    key = _key(names)
    fields = frozenset(names)

    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    made = [0]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made[0] += 1
        values = None if made[0] > COMPILE_AFTER else _bound(names, defaults, args, kwargs)
        if values is None:  # the compiled one also raises the dataclass's own errors
            compiled = _compiled_init(cls)
            cls.__init__ = compiled  # type: ignore[misc]
            compiled(self, *args, **kwargs)
        else:
            _set(self, "__dict__", values)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(key(self))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in fields:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in fields:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    return {
        "__init__": __init__,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__repr__": __repr__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
    }


def _bound(
    names: tuple[str, ...], defaults: dict[str, Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> dict[str, Any] | None:
    """The fields' values of a call with ``args`` and ``kwargs``, in field order, or None
    if the call is not one the ``__init__`` takes."""
    if len(args) > len(names):
        return None
    given = dict(zip(names, args, strict=False))
    for name, value in kwargs.items():
        if name in given or name not in defaults:
            return None
        given[name] = value
    values = {}
    for name in names:
        value = given.get(name, _UNSET)
        if value is _UNSET:
            value = defaults[name]
            if value is dataclasses.MISSING:
                return None
        values[name] = value
    return values


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of an object's ``names`` values, which the dataclass compares and hashes."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _compiled_init(cls: type) -> Callable[..., None]:
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
    exec(source, scope)  # the way dataclasses makes its own
    made: Callable[..., None] = scope["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    return made
