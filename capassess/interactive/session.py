"""The interview as a pure state machine: the current question, back, jumps and answers.

No terminal here: the interview loop reads keys and prints, this module decides. Every
change to the answers is returned as a list of ``Change`` so the caller can write it to
the answers file at once. Which questions apply is decided exactly as the scorer
decides it (``scoring.questions.evaluate_questions``): a question whose ``when`` is
false is skipped, and its answer is removed when an earlier change made it false.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Literal

from capassess.interactive.agenda import Agenda, Slot, slots_of
from capassess.model.answers import NA, Answer
from capassess.model.questionnaire import Question, Questionnaire
from capassess.records import record
from capassess.scoring.questions import QuestionOutcome, compiled_condition, evaluate_questions
from capassess.texts.interview import say
from capassess.values import TypedValue, parse_value

Reason = Literal["answered", "cleared", "condition"]


@record
class Change:
    """One answer written (``answer``) or removed (``None``), and why."""

    qid: str
    answer: Answer | None
    reason: Reason


@record
class Progress:
    """Where a question stands among the applicable ones: overall and in its dimension."""

    position: int
    total: int
    in_dimension: int
    dimension_total: int


class JumpError(ValueError):
    """A ``g ID`` jump that cannot be made; the message says why.

    ``key`` and ``fields`` name the reason in the interview words (``capassess.texts``),
    so that the interview can say it in its language; ``str()`` is the English text.
    """

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(say("en", key, **fields))
        self.key = key
        self.fields = fields


def _valid(question: Question, answer: Answer) -> bool:
    if answer.is_missing or answer.not_applicable:
        return True
    try:
        parse_value(question, answer.value)
    except ValueError:
        return False
    return True


class Interview:
    """State of one interview: answers, the current question and the way back."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: Mapping[str, Answer],
        agenda: Agenda,
        given: Iterable[str] = (),
        respondent: str | None = None,
    ) -> None:
        self.questionnaire = questionnaire
        self.slots = slots_of(questionnaire)
        self.index = {slot.id: slot.index for slot in self.slots}
        self.order = [slot.id for slot in self.slots]
        self.answers: dict[str, Answer] = dict(answers)
        self.agenda = agenda
        self.respondent = respondent  # who gives the answers of this session
        self.given = set(given)  # answered from --data: not asked again
        self.touched = set(self.given)  # answered in this session
        self.stash: dict[str, Answer] = {}  # removed answers, offered again as defaults
        self.history: list[int] = []
        self.ahead: list[int] = []
        self.outcomes = self._evaluate()
        self.current: int | None = self._next_after(-1)

    # -- queries ---------------------------------------------------------------------

    def _evaluate(self) -> dict[str, QuestionOutcome]:
        return evaluate_questions((s.question for s in self.slots), self.answers)

    @property
    def slot(self) -> Slot | None:
        """The question being asked, or ``None`` at the end."""
        return None if self.current is None else self.slots[self.current]

    def applies(self, qid: str) -> bool:
        """False if the question's ``when`` is false over the answers before it."""
        return self.outcomes[qid].status != "skipped"

    def is_answered(self, qid: str) -> bool:
        """True if the question has a value (``n/a`` included)."""
        return self.outcomes[qid].status in ("answered", "not_applicable")

    def value(self, qid: str) -> TypedValue | None:
        """The typed value of an answered question, else ``None``."""
        return self.outcomes[qid].value

    def previous(self, qid: str) -> Answer | None:
        """The answer to offer as the default: the current one, else one removed earlier."""
        answer = self.answers.get(qid)
        if answer is not None and not answer.is_missing:
            return answer
        return self.stash.get(qid)

    def progress(self, slot: Slot) -> Progress:
        """Position of ``slot`` among applicable questions, overall and in its dimension."""
        live = [s for s in self.slots if self.applies(s.id)]
        same = [s for s in live if s.dimension.id == slot.dimension.id]
        before = sum(1 for s in live if s.index < slot.index)
        before_dim = sum(1 for s in same if s.index < slot.index)
        return Progress(before + 1, len(live), before_dim + 1, len(same))

    def unanswered(self) -> list[str]:
        """Applicable questions that have no answer."""
        return [s.id for s in self.slots if self.applies(s.id) and not self.is_answered(s.id)]

    def pending(self) -> list[str]:
        """Every question this interview would still ask, from the current one on."""
        start = -1 if self.current is None else self.current - 1
        return [s.id for s in self.slots[start + 1 :] if self._on_agenda(s)]

    def _on_agenda(self, slot: Slot) -> bool:
        if not self.applies(slot.id) or slot.id in self.given:
            return False
        answered = self.is_answered(slot.id)
        if self.agenda.picks(slot, answered):
            return True
        # A follow-up that an answer given in this session has just made applicable.
        when = slot.question.when
        names = compiled_condition(when).names() if when else []
        return not answered and any(name in self.touched for name in names)

    def _next_after(self, index: int) -> int | None:
        return next((s.index for s in self.slots[index + 1 :] if self._on_agenda(s)), None)

    # -- answers ---------------------------------------------------------------------

    def _set(self, qid: str, answer: Answer | None, reason: Reason) -> list[Change]:
        before = self.outcomes
        if answer is None:
            self.answers.pop(qid, None)
        else:
            self.answers[qid] = answer
        self.touched.add(qid)
        self.outcomes = self._evaluate()
        changes = [Change(qid, answer, reason)]
        for slot in self.slots:
            sid = slot.id
            newly_skipped = before[sid].status != "skipped" and not self.applies(sid)
            if newly_skipped and sid in self.answers:
                self.stash[sid] = self.answers.pop(sid)
                changes.append(Change(sid, None, "condition"))
        if changes[1:]:
            self.outcomes = self._evaluate()
        return changes

    def _current_slot(self) -> Slot:
        if self.current is None:
            raise RuntimeError("the interview is at its end; there is no current question")
        return self.slots[self.current]

    def answer(self, value: TypedValue) -> list[Change]:
        """Answer the current question (``"n/a"`` for not applicable), keeping its notes."""
        qid = self._current_slot().id
        old = self.answers.get(qid) or self.stash.get(qid) or Answer()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().lower() == NA:
            value = NA
        respondent = self.respondent or old.respondent
        new = Answer(value=value, evidence=old.evidence, note=old.note, respondent=respondent)
        return [] if self.answers.get(qid) == new else self._set(qid, new, "answered")

    def clear(self) -> list[Change]:
        """Leave the current question unanswered; its evidence and note stay."""
        qid = self._current_slot().id
        old = self.answers.get(qid)
        if old is None or old.is_missing:
            return []
        self.stash[qid] = old
        if old.evidence is None and old.note is None:
            return self._set(qid, None, "cleared")
        return self._set(qid, Answer(evidence=old.evidence, note=old.note), "cleared")

    def take_outside(self, changes: Mapping[str, Answer | None]) -> None:
        """Take in answers changed in the file outside the interview (already saved).

        A value that is no answer to its question stays in the file for the user to see
        to; the interview treats the question as unanswered.
        """
        for qid, answer in changes.items():
            if qid not in self.index:
                continue
            if answer is None or not _valid(self.slots[self.index[qid]].question, answer):
                self.answers.pop(qid, None)
            else:
                self.answers[qid] = answer
        if changes:
            self.outcomes = self._evaluate()

    def annotate(self, *, evidence: str | None = None, note: str | None = None) -> list[Change]:
        """Replace the evidence or the note of the current question (``""`` removes it)."""
        qid = self._current_slot().id
        old = self.answers.get(qid) or Answer()
        fields = old.model_dump()
        for key, text in (("evidence", evidence), ("note", note)):
            if text is not None:
                fields[key] = text.strip() or None
        new = Answer.model_validate(fields)
        if new == old:
            return []
        empty = new.is_missing and new.evidence is None and new.note is None
        return self._set(qid, None if empty else new, "answered")

    def prefill(self, answers: Mapping[str, Answer]) -> tuple[list[Change], list[str]]:
        """Take answers given up front (``--data``); return the changes and ignored ids.

        An answer to a question whose condition is false is not recorded.
        """
        changes: list[Change] = []
        ignored: list[str] = []
        # In file order, so that whether a question applies is final when it is reached.
        for qid in sorted(answers, key=self.index.__getitem__):
            if not self.applies(qid):
                ignored.append(qid)
                continue
            if self.answers.get(qid) != answers[qid]:
                changes += self._set(qid, answers[qid], "answered")
            self.given.add(qid)
            self.touched.add(qid)
        self.current = self._next_after(-1)
        return changes, ignored

    # -- moving ----------------------------------------------------------------------

    def forward(self) -> None:
        """Go to the next question: one left by going back, else the next on the agenda."""
        here = self.current
        if here is None:
            return
        self.history.append(here)
        while self.ahead:
            index = self.ahead.pop()
            if self.applies(self.slots[index].id):
                self.current = index
                return
        self.current = self._next_after(here)

    def back(self) -> bool:
        """Go back to the question asked before this one; when none was asked before it
        in this session (the first question asked after ``--resume``, or a jump), to the
        nearest earlier question in the questionnaire that applies and was not answered
        from ``--data``. ``False`` if there is none."""
        while self.history:
            index = self.history.pop()
            if self.applies(self.slots[index].id):
                return self._back_to(index)
        if self.current is None:
            return False
        earlier = [s.index for s in self.slots[: self.current]
                   if self.applies(s.id) and s.id not in self.given]  # fmt: skip
        return self._back_to(earlier[-1]) if earlier else False

    def _back_to(self, index: int) -> bool:
        if self.current is not None:
            self.ahead.append(self.current)
        self.current = index
        return True

    def goto(self, target: str) -> None:
        """Go to a question, or the first applicable question of a capability or dimension.

        The interview goes on from there; ``<`` returns to where the jump was made.
        """
        index = self._target(target.strip())
        if self.current is not None and index != self.current:
            self.history.append(self.current)
        self.ahead = []
        self.current = index

    def _target(self, target: str) -> int:
        if target in self.index:
            slot = self.slots[self.index[target]]
            if not self.applies(target):
                raise JumpError("jump_not_applicable", id=target, when=repr(slot.question.when))
            return slot.index
        group = [s for s in self.slots if target in (s.capability.id, s.dimension.id)]
        if group:
            for slot in group:
                if self.applies(slot.id):
                    return slot.index
            raise JumpError("jump_none_applies", id=target)
        ids = self.order + sorted({s.capability.id for s in self.slots})
        close = difflib.get_close_matches(target, ids, n=3)
        if close:
            raise JumpError("jump_unknown_close", id=repr(target), close=close)
        raise JumpError("jump_unknown", id=repr(target))
