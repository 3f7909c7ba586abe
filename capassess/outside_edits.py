"""Three-way merge of an answers file that was changed outside the interview writing it.

``base`` is what the interview last read or wrote, ``ours`` what it is about to write and
``theirs`` what is on disk now, all as plain data. A change on one side only is taken;
the same change on both sides is taken once; different changes to the same place are a
conflict. Places are top-level fields (``subject``, ``assessor``, ...) and, inside
``answers``, each field of each answer (``dg-level.value``, ``dg-level.note``), so an
outside note and an interview's new value on one question merge cleanly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ANSWER_FIELDS = ("value", "evidence", "note", "respondent")
MISSING: Any = object()


@dataclass
class Resolution:
    """What a merge decided: the fields to take from ours, the conflicts."""

    top: dict[str, Any] = field(default_factory=dict)  # key -> our value (MISSING: remove)
    answers: dict[str, dict[str, Any] | None] = field(default_factory=dict)  # merged entries
    from_theirs: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)


def answer_fields(raw: Any) -> dict[str, Any] | None:
    """An answer entry as a field mapping: ``3`` and ``{value: 3}`` are the same answer."""
    if raw is MISSING:
        return None
    if isinstance(raw, Mapping):
        fields = {k: _plain(v) for k, v in raw.items() if v is not None}
    else:
        fields = {"value": _plain(raw)} if raw is not None else {}
    return fields or None


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _pick(place: str, b: Any, o: Any, t: Any, conflicts: list[str]) -> Any:
    """The merged value of one place; a conflict keeps ours and is recorded."""
    if o in (b, t):
        return t
    if t != b:
        conflicts.append(place)
    return o


def _merge_answer(
    qid: str, b: dict[str, Any] | None, o: dict[str, Any] | None, t: dict[str, Any] | None,
    conflicts: list[str],
) -> dict[str, Any] | None:  # fmt: skip
    b, o, t = b or {}, o or {}, t or {}
    keys = [k for k in ANSWER_FIELDS if k in b or k in o or k in t]
    keys += sorted({*b, *o, *t} - set(keys))
    merged: dict[str, Any] = {}
    for key in keys:
        value = _pick(
            f"{qid}.{key}", b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING),
            conflicts,
        )  # fmt: skip
        if value is not MISSING:
            merged[key] = value
    return merged or None


def _answers(data: Mapping[str, Any]) -> Mapping[str, Any]:
    answers = data.get("answers")
    return answers if isinstance(answers, Mapping) else {}


def merge_outside(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> Resolution:
    """Merge ``ours`` and ``theirs``, both changed from ``base``."""
    out = Resolution()
    for key in sorted({*base, *ours, *theirs} - {"answers"}):
        b, o, t = (_plain(d.get(key, MISSING)) for d in (base, ours, theirs))
        value = _pick(key, b, o, t, out.conflicts)
        if value != t:
            out.top[key] = value
    b_ans, o_ans, t_ans = _answers(base), _answers(ours), _answers(theirs)
    for qid in [*o_ans, *(k for k in t_ans if k not in o_ans), *(k for k in b_ans)]:
        if qid in out.answers:
            continue
        b, o, t = (answer_fields(d.get(qid, MISSING)) for d in (b_ans, o_ans, t_ans))
        merged = _merge_answer(str(qid), b, o, t, out.conflicts)
        out.answers[qid] = merged
        if merged != o:
            out.from_theirs[qid] = merged
    return out
