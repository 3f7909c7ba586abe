"""The answers an expression's verdict rests on, as models, shared across units."""

from __future__ import annotations

from collections.abc import Mapping

from capassess.advice import evidence_for
from capassess.memo import SameObjects
from capassess.model.plan import AnswerShown
from capassess.model.trusted import trusted


def shown_answers(text: str | None, values: Mapping[str, object]) -> list[AnswerShown]:
    """The answers ``text``'s verdict rests on. Evidence remembered for many units
    (``advice.evidence_for``) gives the same models (frozen) in a list of each unit's own,
    unless a value is a list."""
    evidence = evidence_for(text, values)
    if not evidence.answers:
        return []
    found = _SHOWN.get(id(evidence), (evidence,))
    if found is not None:
        return list(found)
    shown = tuple(trusted(AnswerShown, question_id=n, value=v) for n, v in evidence.answers)
    if not any(type(v) is list for _, v in evidence.answers):
        _SHOWN.put(id(evidence), (evidence,), shown, REMEMBERED_SHOWN)
    return list(shown)


REMEMBERED_SHOWN = 20_000
_SHOWN: SameObjects[tuple[AnswerShown, ...]] = SameObjects()
