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
from operator import is_
from typing import Any, Generic, TypeVar

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


V = TypeVar("V")


class SameObjects(Generic[V]):
    """Values made from particular objects, shared by the many units of a batch that have
    those very objects (models are frozen, so a value made from them stays true).

    A value is kept under a key the caller makes of the objects' ids and anything else it
    rests on, beside the objects themselves: they are kept alive with it (an id is never
    taken by another object while its value is kept) and checked to be the very same on
    every look-up. When ``limit`` values are kept, all are forgotten before the next.
    """

    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[tuple[object, ...], V]] = {}

    def get(self, key: Hashable, objects: tuple[object, ...]) -> V | None:
        """The value kept under ``key`` for the very same ``objects``, else None (the key
        holds their ids, so ``objects`` are as many as those kept under it)."""
        found = self._kept.get(key)
        if found is not None and all(map(is_, found[0], objects)):
            return found[1]
        return None

    def put(self, key: Hashable, objects: tuple[object, ...], value: V, limit: int) -> V:
        """Keep ``value`` under ``key`` for ``objects`` (see the class's doc); returns it."""
        if len(self._kept) >= limit:
            self._kept.clear()
        self._kept[key] = (objects, value)
        return value

    def clear(self) -> None:
        """Forget every kept value."""
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)
