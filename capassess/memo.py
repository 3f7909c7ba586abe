"""What is computed from a questionnaire alone, computed once per questionnaire object.

A batch scores, plans and reports on thousands of units against one questionnaire; its
weight tree, its indexes of capabilities and actions, the texts of its actions in a
language are the same for each. ``per_object`` keeps such a value beside the object it
was computed from, found again by the object's identity (the object is kept alive with
it, so an identity is never taken by another object while its value is kept). Models are
frozen, so a value computed from one stays true for it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
MAX_ENTRIES = 256

_MEMO: dict[tuple[int, Hashable], tuple[Any, Any]] = {}


def per_object(obj: object, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, remembered for ``obj`` under ``key`` (the oldest forgotten first)."""
    slot = (id(obj), key)
    found = _MEMO.get(slot)
    if found is not None and found[0] is obj:
        return found[1]  # type: ignore[no-any-return]
    value = compute()
    if len(_MEMO) >= MAX_ENTRIES:
        del _MEMO[next(iter(_MEMO))]
    _MEMO[slot] = (obj, value)
    return value


def forget() -> None:
    """Forget every remembered value."""
    _MEMO.clear()
