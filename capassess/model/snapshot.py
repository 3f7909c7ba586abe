"""Validated models as plain JSON and back, without validating them again.

For models the program has itself validated and keeps in its own cache (see
``capassess.model_cache``): reading one back with ``model_validate_json`` would
build the model's whole validator first, which costs more than the rest of a short
command. A snapshot keeps every value with its exact Python type, so the model read
back equals, field by field and type by type, the one written:

- a model is ``{"$m": class name, "f": [its fields' values, in order], "s": [the
  names of the fields set]}``;
- a tuple is ``{"$t": [...]}``, a dict ``{"$d": [[key, value], ...]}`` (string keys), a
  list a list, a date ``{"$date": "2026-03-31"}``;
- strings, integers, floats, booleans and ``None`` are themselves.

Only the model classes reachable from the root class's fields may appear, each with
exactly its fields; anything else (another class, a missing or unknown field, a value of
another type) is a ``SnapshotError``, so a snapshot from another version of the models
is refused rather than misread. ``schema_fingerprint`` names the shape of those classes,
for cache keys.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
PLAIN = (str, int, float, bool, type(None))


class SnapshotError(ValueError):
    """A value that cannot be snapshot, or a snapshot that does not fit the models."""


def model_classes(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class reachable from ``root``'s fields (``root`` too), by name."""
    found: dict[str, type[BaseModel]] = {}
    pending: list[Any] = [root]
    while pending:
        kind = pending.pop()
        if isinstance(kind, str | typing.ForwardRef):  # a type not resolved: shape unknown
            raise SnapshotError(f"a field's type is not resolved: {kind!r}")
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            known = found.get(kind.__qualname__)
            if known is kind:
                continue
            if known is not None:
                raise SnapshotError(f"two model classes named {kind.__qualname__}")
            found[kind.__qualname__] = kind
            pending.extend(field.annotation for field in kind.__pydantic_fields__.values())
            pending.extend(kind.__subclasses__())  # e.g. Foundation, a kind of Dimension
        elif typing.get_origin(kind) is typing.Annotated:
            pending.append(kind.__origin__)  # the type; the rest is metadata
        elif typing.get_origin(kind) is not typing.Literal:  # a Literal's values are no types
            pending.extend(typing.get_args(kind))
    return found


def schema_fingerprint(root: type[BaseModel]) -> str:
    """A digest of the fields of every model class reachable from ``root``: their names,
    types, defaults and constraints. Any change to the models' shape changes it."""
    digest = hashlib.sha256()
    for name, kind in sorted(model_classes(root).items()):
        digest.update(f"{kind.__module__}.{name}\n".encode())
        for field_name, field in kind.__pydantic_fields__.items():
            factory = field.default_factory
            default = getattr(factory, "__qualname__", "") if factory else repr(field.default)
            text = f"{field_name}:{field.annotation!r}:{default}:{field.metadata!r}\n"
            digest.update(re.sub(r" at 0x[0-9a-fA-F]+", "", text).encode("utf-8"))
    return digest.hexdigest()


def to_snapshot(model: BaseModel) -> bytes:
    """``model`` as snapshot JSON (UTF-8)."""
    classes = model_classes(type(model))
    text = json.dumps(_encode(model, classes), ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (YAML's "\ud800") has no UTF-8 form
        raise SnapshotError("text that cannot be written as UTF-8") from None


def from_snapshot(payload: bytes, root: type[M]) -> M:
    """The ``root`` model of a snapshot, built without validation."""
    decode = _Decoder(model_classes(root))
    try:
        model = json.loads(payload, object_hook=decode)
    except RecursionError:
        raise SnapshotError("the snapshot nests too deeply") from None
    except SnapshotError:
        raise
    except ValueError as exc:
        raise SnapshotError(f"not snapshot JSON: {exc}") from None
    if type(model) is not root:
        raise SnapshotError(f"the snapshot holds a {type(model).__name__}, not a {root.__name__}")
    return model


def _encode(value: Any, classes: dict[str, type[BaseModel]]) -> Any:
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is list:
        return [_encode(item, classes) for item in value]
    if kind is tuple:
        return {"$t": [_encode(item, classes) for item in value]}
    if kind is dt.date:
        return {"$date": value.isoformat()}
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise SnapshotError("a dict with keys that are not strings")
        return {"$d": [[key, _encode(item, classes)] for key, item in value.items()]}
    if isinstance(value, BaseModel) and classes.get(kind.__qualname__) is kind:
        names = kind.__pydantic_fields__
        return {
            "$m": kind.__qualname__,
            "f": [_encode(getattr(value, name), classes) for name in names],
            "s": [name for name in names if name in value.model_fields_set],
        }
    raise SnapshotError(f"cannot snapshot a value of type {kind.__qualname__}")


class _Decoder:
    """The ``object_hook`` that turns each JSON object of a snapshot into its value.

    Every JSON object of a snapshot is one of the three forms (a dict is a list of
    pairs, so no user data is ever a JSON object), and ``json`` hands them over
    innermost first, so their contents are decoded already.
    """

    def __init__(self, classes: dict[str, type[BaseModel]]) -> None:
        self.classes = classes
        self.fields = {name: tuple(kind.__pydantic_fields__) for name, kind in classes.items()}
        self.known = {name: frozenset(fields) for name, fields in self.fields.items()}
        self.plain = {name for name, kind in classes.items() if _plainly_built(kind)}

    def __call__(self, node: dict[str, Any]) -> Any:
        if len(node) == 3:
            return self.model(node.get("$m"), node.get("f"), node.get("s"))
        if len(node) == 1:
            if type(node.get("$t")) is list:
                return tuple(node["$t"])
            if "$date" in node:
                return _date(node["$date"])
            pairs = node.get("$d")
            if type(pairs) is list and all(_is_pair(pair) for pair in pairs):
                return dict(pairs)
        raise SnapshotError(f"unexpected object with keys {sorted(node)[:5]}")

    def model(self, name: Any, values: Any, fields_set: Any) -> BaseModel:
        kind = self.classes.get(name) if type(name) is str else None
        if kind is None:
            raise SnapshotError(f"not a model of this version: {str(name)[:80]!r}")
        names = self.fields[name]
        if type(values) is not list or len(values) != len(names):
            raise SnapshotError(f"the fields of {name} differ from this version's")
        given = set(fields_set) if type(fields_set) is list else None
        if given is None or not given <= self.known[name]:
            raise SnapshotError(f"bad set fields of {name}")
        if name not in self.plain:
            return kind.model_construct(given, **dict(zip(names, values, strict=True)))
        # What model_construct does for such a class when every field is given, without
        # its per-field look-ups of aliases and defaults (a third of reading a snapshot).
        model = _new(kind)
        _setattr(model, "__dict__", dict(zip(names, values, strict=True)))
        _setattr(model, "__pydantic_fields_set__", given)
        _setattr(model, "__pydantic_extra__", None)
        _setattr(model, "__pydantic_private__", None)
        return model


_new = object.__new__
_setattr = object.__setattr__


def _plainly_built(kind: type[BaseModel]) -> bool:
    """True if ``model_construct`` of ``kind`` with every field given only sets the
    fields, the names of those set, no extra and no private values: no aliases, no
    extra fields allowed, no private attributes, no ``model_post_init``, no root model,
    no ``__new__`` of its own."""
    fields = kind.__pydantic_fields__.values()
    return (
        kind.__new__ is _new
        and not kind.__pydantic_root_model__
        and not kind.__pydantic_post_init__
        and not kind.__private_attributes__
        and kind.model_config.get("extra") != "allow"
        and all(f.alias is None and f.validation_alias is None for f in fields)
    )


def _date(text: Any) -> dt.date:
    if type(text) is str:
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text)
    raise SnapshotError(f"not a date: {str(text)[:40]!r}")


def _is_pair(pair: Any) -> bool:
    return type(pair) is list and len(pair) == 2 and type(pair[0]) is str
