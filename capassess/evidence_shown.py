"""The answers an expression's verdict rests on, as models, shared across units."""

from __future__ import annotations

from collections.abc import Mapping

from capassess.advice import Evidence, evidence_for
from capassess.model.plan import AnswerShown
from capassess.model.trusted import trusted


def shown_answers(text: str | None, values: Mapping[str, object]) -> list[AnswerShown]:
    """The answers ``text``'s verdict rests on. Evidence remembered for many units
    (``advice.evidence_for``) gives the same models (frozen) in a list of each unit's own,
    unless a value is a list."""
    evidence = evidence_for(text, values)
    if not evidence.answers:
        return []
    found = _SHOWN.get(id(evidence))
    if found is not None and found[0] is evidence:
        return list(found[1])
    shown = tuple(trusted(AnswerShown, question_id=n, value=v) for n, v in evidence.answers)
    if not any(type(v) is list for _, v in evidence.answers):
        if len(_SHOWN) >= REMEMBERED_SHOWN:
            _SHOWN.clear()
        _SHOWN[id(evidence)] = (evidence, shown)  # the evidence kept alive with its models
    return list(shown)


REMEMBERED_SHOWN = 20_000
_SHOWN: dict[int, tuple[Evidence, tuple[AnswerShown, ...]]] = {}
