"""Which questions an interview asks: the unanswered ones, those named by --ask, or all."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from capassess.model.questionnaire import Capability, Dimension, Question, Questionnaire
from capassess.records import record


@record
class Slot:
    """A question in its place: position in the questionnaire, dimension, capability."""

    index: int
    dimension: Dimension
    capability: Capability
    question: Question

    @property
    def id(self) -> str:
        """The question id."""
        return self.question.id

    def matches(self, pattern: str) -> bool:
        """True if ``pattern`` (an id or glob) names this question, its capability or dimension."""
        ids = (self.question.id, self.capability.id, self.dimension.id)
        return any(fnmatchcase(i, pattern) for i in ids)


def slots_of(questionnaire: Questionnaire) -> list[Slot]:
    """Every question of ``questionnaire`` in file order."""
    return [Slot(i, d, c, q) for i, (d, c, q) in enumerate(questionnaire.questions())]


@record
class Agenda:
    """The questions to visit; a question is visited if any chosen selector picks it.

    ``unanswered`` picks questions without an answer (a new interview, ``--resume``),
    ``patterns`` picks questions whose id, capability or dimension id matches a glob
    (``--ask``) and ``answered`` picks those that have an answer (``--review``).
    """

    unanswered: bool = True
    answered: bool = False
    patterns: tuple[str, ...] = ()

    def picks(self, slot: Slot, has_answer: bool) -> bool:
        """True if this agenda visits ``slot``."""
        if has_answer and self.answered:
            return True
        if not has_answer and self.unanswered:
            return True
        return any(slot.matches(p) for p in self.patterns)


def split_patterns(values: Iterable[str]) -> tuple[str, ...]:
    """``--ask`` values as single patterns: ``a,b`` and repeated options both work."""
    return tuple(p.strip() for value in values for p in value.split(",") if p.strip())


def unmatched_patterns(slots: Iterable[Slot], patterns: Iterable[str]) -> list[str]:
    """The patterns that name no question, capability or dimension."""
    slots = list(slots)
    return [p for p in patterns if not any(s.matches(p) for s in slots)]
