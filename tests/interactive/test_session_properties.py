"""Any sequence of keys keeps the interview consistent, and the file mirrors it exactly."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capassess.answers_file import AnswersFile
from capassess.interactive.agenda import Agenda
from capassess.interactive.session import Interview, JumpError
from capassess.loading import parse_yaml_text
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Question
from capassess.model_files import validate_model
from capassess.scoring.questions import evaluate_questions
from tests.interactive.helpers import ORDER, tiny

VALUES: dict[str, st.SearchStrategy[Any]] = {
    "level": st.integers(1, 5),
    "choice": st.sampled_from(["none", "partial", "full"]),
    "multi": st.lists(st.sampled_from(["bi", "ml", "rt"]), unique=True),
    "number": st.integers(0, 100) | st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)),
    "bool": st.booleans(),
}
STEPS = st.sampled_from(["answer", "answer", "answer", "na", "skip", "back", "goto", "evidence"])


def value_for(data: st.DataObject, question: Question) -> Any:
    return data.draw(VALUES[question.type])


def do(session: Interview, step: str, data: st.DataObject) -> list[Any]:
    """Apply one random key; return the changes it made."""
    slot = session.slot
    if slot is None:
        session.back()
        return []
    if step == "back":
        session.back()
        return []
    if step == "goto":
        with contextlib.suppress(JumpError):
            session.goto(data.draw(st.sampled_from([*ORDER, "analytics", "api"])))
        return []
    if step == "evidence":
        return session.annotate(
            evidence=data.draw(st.sampled_from(["", "minutes", "# not a comment: x"]))
        )
    changes = (
        session.clear() if step == "skip"
        else session.answer("n/a" if step == "na" else value_for(data, slot.question))
    )  # fmt: skip
    session.forward()
    return changes


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), steps=st.lists(STEPS, min_size=1, max_size=30))
def test_the_file_always_holds_exactly_the_session_answers(
    data: st.DataObject, steps: list[str]
) -> None:
    q = tiny()
    session = Interview(q, {}, Agenda(True, True))
    store = AnswersFile.create("unused.yaml", q.ref)
    store.tree["subject"] = {"id": "acme"}
    for step in steps:
        for change in do(session, step, data):
            store.set_answer(change.qid, change.answer, session.order)
        written = validate_model(parse_yaml_text(store.dumps(), "x.yaml"), Assessment)
        assert written.answers == session.answers
        # The session never holds an answer the scorer would skip, and sits on a live question.
        outcomes = evaluate_questions((s.question for s in session.slots), session.answers)
        skipped_with_answer = [
            qid for qid, o in outcomes.items() if o.status == "skipped" and qid in session.answers
        ]
        assert skipped_with_answer == []
        assert session.slot is None or session.applies(session.slot.id)
