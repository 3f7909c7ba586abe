"""Check that two assessments can be read as a before and an after (pure).

``compare OLD NEW`` and ``--baseline OLD`` read a change from OLD to NEW. That reading
holds only when both answer the same questionnaire (one family: the same questionnaire
id, in any version; ids renamed between versions are mapped through ``replaces``), assess
the same subject, and OLD is not dated after NEW. The first two are errors (exit 2; a
different subject may be allowed with ``--other-subject``, say after a bank renamed its
id); dates in the wrong order are a warning that names both dates.
"""

from __future__ import annotations

from pathlib import Path

from capassess.errors import InputError
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire
from capassess.records import record


@record
class Side:
    """One of the two assessments: its file, questionnaire and answers."""

    path: str
    questionnaire: Questionnaire
    assessment: Assessment


def check_pair(
    old: Side, new: Side, *, roles: tuple[str, str], other_subject: bool = False
) -> list[str]:
    """Refuse a pair that cannot be compared; return warnings about one that can.

    ``roles`` name OLD and NEW in messages (``the baseline``, ``the assessment``).
    """
    names = (f"{roles[0]} ({Path(old.path).name})", f"{roles[1]} ({Path(new.path).name})")
    _same_family(old, new, names)
    if not other_subject:
        _same_subject(old, new, names)
    return _date_order(old, new, names) + _versions(old, new, names)


def _versions(old: Side, new: Side, names: tuple[str, str]) -> list[str]:
    """A note when the two answer different versions of the questionnaire."""
    a, b = old.questionnaire, new.questionnaire
    if a.version == b.version:
        return []
    return [
        f"{old.path}: warning: {names[0]} answers {a.ref} and {names[1]} {b.ref}: changes are "
        "read capability by capability and dimension by dimension, each scored with its own "
        "version's questions and weights; a capability new in one version has no change"
    ]


def _same_family(old: Side, new: Side, names: tuple[str, str]) -> None:
    a, b = old.questionnaire, new.questionnaire
    if a.id != b.id:
        raise InputError.at(
            f"{names[0]} answers the questionnaire {a.ref}, but {names[1]} answers {b.ref}: "
            "only assessments of one questionnaire (in any of its versions) can be compared",
            old.path,
        )


def _same_subject(old: Side, new: Side, names: tuple[str, str]) -> None:
    a, b = old.assessment.subject.id, new.assessment.subject.id
    if a != b:
        raise InputError.at(
            f"{names[0]} assesses {a!r}, but {names[1]} assesses {b!r}: a change is read "
            "between two assessments of one subject; if both are the same bank or branch "
            "under another id, give --other-subject",
            old.path,
        )


def _date_order(old: Side, new: Side, names: tuple[str, str]) -> list[str]:
    a, b = old.assessment.date, new.assessment.date
    if a is None or b is None or a <= b:
        return []
    return [
        f"{old.path}: warning: {names[0]} is dated {a.isoformat()}, after {names[1]}, "
        f"dated {b.isoformat()}: the changes shown run backwards in time; check which file is "
        "the earlier one"
    ]
