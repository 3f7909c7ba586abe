"""pydantic's validation errors as the user's problems: one per bad value, at its place.

pydantic reports a value that fits no member of a union once per member, with the
member's internal name in the location (``constrained-int``, ``TargetEntry``, ``bool``);
a value given in a short form (``q1: 3`` for ``q1: {value: 3}``) is located at a key that
is not in the file. Here a location keeps only the keys and indexes that exist in the
data, and the errors of one place become one problem: ``not a finite number`` for
``.nan``, else the member whose type the value has, else what was expected.

``salvage`` builds the model anyway from the data with each bad value taken out (or
set to the nearest bound), so that the checks that need a model (dependency cycles,
duplicate ids, unknown references, answers against the questionnaire) can still report
their problems in the same run.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from capassess.errors import Loc, Problem

M = TypeVar("M", bound=BaseModel)

TYPE_WORDS = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}
"""What a value of a union member's type is called, by pydantic's error type."""


NOT_FINITE = "not a finite number (.inf, .nan and numbers too large are refused)"


def data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The part of ``loc`` that leads through ``data``: union members, validators and
    keys of a short form, which are not in the file, left out."""
    out: list[Any] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
        else:
            continue
        out.append(part)
    return tuple(out)


def _is_type_error(error: Any) -> bool:
    return str(error["type"]) in TYPE_WORDS


def group_errors(data: Any, errors: list[Any]) -> list[tuple[Loc, list[Any]]]:
    """The errors by the place in ``data`` they are about, in pydantic's order.

    A type error at a place inside which another error lies is left out: the value had
    the other member's type (a mapping given where a number or a mapping may stand).
    """
    places: dict[Loc, list[Any]] = {}
    for error in errors:
        loc = data_loc(data, tuple(error["loc"]))
        places.setdefault(loc, []).append(error)
    deeper = [loc for loc in places if loc]
    out = []
    for loc, group in places.items():
        inside = any(len(other) > len(loc) and other[: len(loc)] == loc for other in deeper)
        kept = [e for e in group if not (inside and _is_type_error(e))]
        if kept:
            out.append((loc, kept))
    return out


def one_message(group: list[Any], message: Callable[[Any], str]) -> str:
    """One message for the errors of one place (several when a union's members failed)."""
    value = group[0].get("input")
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    kinds = {str(e["type"]) for e in group}
    if "finite_number" in kinds or (numeric and "float_type" in kinds):
        return NOT_FINITE
    if len(group) == 1 and not _is_type_error(group[0]):
        return message(group[0])
    specific = [e for e in group if not _is_type_error(e)]
    if specific:  # the member of the value's own type says what is wrong with it
        return "; ".join(dict.fromkeys(message(e) for e in specific))
    words = list(dict.fromkeys(TYPE_WORDS[str(e["type"])] for e in group))
    expected = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
    shown = repr(value) if isinstance(value, (str, int, float)) else ""
    return f"{shown} should be {expected}" if 0 < len(shown) <= 40 else f"should be {expected}"


def _stand_in(error: Any) -> tuple[bool, Any]:
    """A valid value in place of the bad one, if its bound gives one: (found, value)."""
    ctx = error.get("ctx") or {}
    for key in ("le", "ge"):
        if key in ctx and isinstance(ctx[key], (int, float)):
            return True, ctx[key]
    return False, None


def _patched(data: Any, places: list[tuple[Loc, list[Any]]]) -> Any | None:
    """``data`` with each bad value replaced by a bound or taken out; ``None`` when a
    place cannot be mended so (the whole file, or an item of a list)."""
    patched = copy.deepcopy(data)
    for loc, group in places:
        missing = all(e["type"] == "missing" for e in group)
        if not loc or missing or not isinstance(loc[-1], str):
            return None
        parent = patched
        for part in loc[:-1]:
            parent = parent[part]
        found, value = _stand_in(group[0]) if len(group) == 1 else (False, None)
        if found:
            parent[loc[-1]] = value
        else:
            del parent[loc[-1]]
    return patched


def salvage(data: Any, model: type[M], exc: ValidationError) -> tuple[M, list[Loc]] | None:
    """``model`` built from ``data`` with its bad values mended or left out, and the
    places mended; ``None`` if it cannot be built so (two rounds at most)."""
    mended: list[Loc] = []
    for _ in range(2):
        places = group_errors(data, exc.errors())
        patched = _patched(data, places)
        if patched is None:
            return None
        mended += [loc for loc, _ in places]
        try:
            return model.model_validate(patched), mended
        except ValidationError as again:
            data, exc = patched, again
    return None


def beyond(problems: list[Problem], mended: list[Loc]) -> list[Problem]:
    """The ``problems`` not about a mended place (those would only repeat it)."""
    return [p for p in problems if not any(p.loc[: len(m)] == m for m in mended)]
