"""The interview state machine, without a terminal: order, back, jumps, conditions."""

from __future__ import annotations

import pytest

from capassess.interactive.agenda import Agenda
from capassess.interactive.session import Change, Interview, JumpError
from capassess.model.answers import Answer
from tests.interactive.helpers import FULL, ORDER, interview


def walk(session: Interview, answers: dict[str, object]) -> list[str]:
    """Answer every question asked from ``answers`` (skip the rest); return the ids asked."""
    asked: list[str] = []
    while session.slot is not None:
        qid = session.slot.id
        asked.append(qid)
        if qid in answers:
            session.answer(answers[qid])  # type: ignore[arg-type]
        session.forward()
    return asked


def test_a_new_interview_asks_every_applicable_question_in_order() -> None:
    session = interview()
    assert session.slot is not None and session.slot.id == "g-level"
    assert walk(session, FULL) == ORDER  # a-bool asked: a-number = 12 >= 10


def test_a_false_condition_skips_the_question_and_records_nothing() -> None:
    session = interview()
    answers = {**FULL, "a-number": 5}
    assert walk(session, answers) == [q for q in ORDER if q != "a-bool"]
    assert "a-bool" not in session.answers
    assert session.unanswered() == []


def test_an_answer_is_returned_as_a_change_and_kept() -> None:
    session = interview()
    assert session.answer(4) == [Change("g-level", Answer(value=4), "answered")]
    assert session.answers["g-level"].value == 4
    assert session.answer(4) == []  # unchanged: nothing to write


def test_numbers_are_stored_as_integers_when_whole_and_na_normalised() -> None:
    session = interview({"g-level": 1, "g-choice": "none", "a-multi": []})
    assert session.slot is not None and session.slot.id == "a-number"
    session.answer(15.0)
    assert session.answers["a-number"].value == 15
    assert isinstance(session.answers["a-number"].value, int)
    session.answer("N/A")
    assert session.answers["a-number"] == Answer(value="n/a")


def test_back_goes_to_the_previous_question_and_further() -> None:
    session = interview()
    for value in (3, "partial", ["bi"]):
        session.answer(value)
        session.forward()
    assert session.slot is not None and session.slot.id == "a-number"
    assert session.back() and session.slot.id == "a-multi"
    assert session.back() and session.slot.id == "g-choice"
    assert session.back() and session.slot.id == "g-level"
    assert not session.back()
    assert session.slot.id == "g-level"


def test_back_on_the_first_question_of_a_resumed_interview_goes_to_the_one_before() -> None:
    """After ``--resume`` nothing was asked yet in this session: ``<`` goes to the nearest
    earlier question that applies (a-bool does not: a-number is below 10), and forward
    comes back through the questions backed over."""
    session = interview({**{k: FULL[k] for k in ORDER[:4]}, "a-number": 5})
    assert session.slot is not None and session.slot.id == "o-api"
    stops = []
    while session.back():
        assert session.slot is not None
        stops.append(session.slot.id)
    assert stops == ["a-number", "a-multi", "g-choice", "g-level"]
    for expected in ("g-choice", "a-multi", "a-number", "o-api"):
        session.forward()
        assert session.slot is not None and session.slot.id == expected


def test_back_without_history_passes_over_answers_given_with_data() -> None:
    session = interview()
    session.prefill({"g-level": Answer(value=2), "g-choice": Answer(value="none")})
    assert session.slot is not None and session.slot.id == "a-multi"
    assert not session.back()
    assert session.slot.id == "a-multi"


def test_forward_after_back_revisits_the_questions_backed_over() -> None:
    session = interview()
    for value in (3, "partial", ["bi"]):
        session.answer(value)
        session.forward()
    session.back()
    session.back()
    assert session.slot is not None and session.slot.id == "g-choice"
    session.answer("full")
    session.forward()
    assert session.slot is not None and session.slot.id == "a-multi"
    session.forward()
    assert session.slot is not None and session.slot.id == "a-number"


def test_previous_answer_is_the_default_after_going_back() -> None:
    session = interview()
    session.answer(2)
    session.forward()
    session.back()
    previous = session.previous("g-level")
    assert previous is not None and previous.value == 2


def test_changing_an_earlier_answer_removes_a_now_inapplicable_one() -> None:
    session = interview({k: FULL[k] for k in ORDER[:5]})
    assert session.slot is not None and session.slot.id == "o-api"
    session.goto("a-number")
    changes = session.answer(5)
    assert changes == [
        Change("a-number", Answer(value=5), "answered"),
        Change("a-bool", None, "condition"),
    ]
    assert "a-bool" not in session.answers
    assert not session.applies("a-bool")
    # Made applicable again, it is asked once more with the removed answer as default.
    session.answer(50)
    assert session.applies("a-bool")
    previous = session.previous("a-bool")
    assert previous is not None and previous.value is True


def test_answers_made_stale_before_the_session_are_left_alone() -> None:
    # A hand-edited file answering a-bool although a-number < 10: not ours to remove.
    session = interview({"a-number": 5, "a-bool": True})
    changes = session.answer(2)  # g-level: unrelated
    assert [c.qid for c in changes] == ["g-level"]
    assert session.answers["a-bool"].value is True


def test_resume_starts_at_the_first_unanswered_question_and_skips_answered_ones() -> None:
    answered = {"g-level": 3, "a-multi": ["bi"]}
    session = interview(answered)
    assert walk(session, FULL) == ["g-choice", "a-number", "a-bool", "o-api"]


def test_resume_of_a_complete_file_has_nothing_to_ask() -> None:
    session = interview(FULL)
    assert session.slot is None
    assert session.pending() == []


def test_ask_selects_ids_globs_and_capabilities() -> None:
    assert walk(interview(FULL, Agenda(False, False, ("o-api",))), {}) == ["o-api"]
    assert walk(interview(FULL, Agenda(False, False, ("g-*",))), {}) == ["g-level", "g-choice"]
    session = interview(FULL, Agenda(False, False, ("analytics",)))
    assert walk(session, {}) == ["a-multi", "a-number", "a-bool"]


def test_ask_also_asks_a_follow_up_its_answer_made_applicable() -> None:
    session = interview(
        {**FULL, "a-number": 5, "a-bool": None}, Agenda(False, False, ("a-number",))
    )
    assert walk(session, {"a-number": 30}) == ["a-number", "a-bool"]


def test_review_walks_the_answered_questions_only() -> None:
    answers = {k: v for k, v in FULL.items() if k not in ("g-choice", "o-api")}
    session = interview(answers, Agenda(unanswered=False, answered=True))
    assert walk(session, {}) == ["g-level", "a-multi", "a-number", "a-bool"]


def test_skip_leaves_the_question_unanswered_and_keeps_evidence() -> None:
    session = interview({"g-level": Answer(value=3, evidence="minutes")}, Agenda(True, True))
    assert session.slot is not None and session.slot.id == "g-level"
    changes = session.clear()
    assert changes == [Change("g-level", Answer(evidence="minutes"), "cleared")]
    assert "g-level" in session.unanswered()
    previous = session.previous("g-level")  # the value is offered again
    assert previous is not None and previous.value == 3
    assert session.clear() == []


def test_skip_of_a_bare_answer_removes_it() -> None:
    session = interview({"g-level": 3}, Agenda(True, True))
    assert session.clear() == [Change("g-level", None, "cleared")]
    assert "g-level" not in session.answers


def test_evidence_and_note_are_added_changed_and_removed() -> None:
    session = interview()
    session.answer(3)
    session.annotate(evidence="board minutes")
    session.annotate(note="ask the CDO")
    assert session.answers["g-level"] == Answer(
        value=3, evidence="board minutes", note="ask the CDO"
    )
    session.answer(4)  # a new value keeps evidence and note
    assert session.answers["g-level"].evidence == "board minutes"
    session.annotate(evidence="")
    assert session.answers["g-level"] == Answer(value=4, note="ask the CDO")


def test_evidence_before_an_answer_is_kept_without_a_value() -> None:
    session = interview()
    changes = session.annotate(evidence="policy v2")
    assert changes == [Change("g-level", Answer(evidence="policy v2"), "answered")]
    assert "g-level" in session.unanswered()
    assert session.annotate(evidence="") == [Change("g-level", None, "answered")]


def test_goto_a_question_then_answering_returns_to_where_the_jump_was_made() -> None:
    session = interview({"g-level": 3, "g-choice": "full"})
    assert session.slot is not None and session.slot.id == "a-multi"
    session.goto("g-level")
    session.answer(4)
    session.forward()
    assert session.slot is not None and session.slot.id == "a-multi"
    assert session.back() and session.slot.id == "g-level"


def test_goto_a_capability_goes_to_its_first_applicable_question() -> None:
    session = interview()
    session.goto("api")
    assert session.slot is not None and session.slot.id == "o-api"
    session.goto("analytics")
    assert session.slot.id == "a-multi"


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("a-bool", "a-bool does not apply: its condition 'a-number >= 10' is false"),
        ("g-levle", "did you mean g-level"),
        ("nothing", "no question or capability 'nothing'"),
    ],
)
def test_goto_refuses_with_a_reason(target: str, reason: str) -> None:
    session = interview()
    with pytest.raises(JumpError, match=reason):
        session.goto(target)
    assert session.slot is not None and session.slot.id == "g-level"


def test_progress_counts_applicable_questions_overall_and_per_dimension() -> None:
    session = interview({"g-level": 3, "g-choice": "full", "a-multi": ["bi"]})
    slot = session.slot
    assert slot is not None and slot.id == "a-number"
    p = session.progress(slot)
    assert (p.position, p.total, p.in_dimension, p.dimension_total) == (4, 5, 4, 4)
    session.answer(20)
    p = session.progress(slot)
    assert (p.position, p.total, p.in_dimension, p.dimension_total) == (4, 6, 4, 5)


def test_prefill_records_given_answers_and_does_not_ask_them() -> None:
    session = interview()
    changes, ignored = session.prefill({"g-level": Answer(value=2), "o-api": Answer(value=9)})
    assert [c.qid for c in changes] == ["g-level", "o-api"] and ignored == []
    assert walk(session, FULL) == ["g-choice", "a-multi", "a-number", "a-bool"]


def test_prefill_ignores_answers_whose_condition_is_false() -> None:
    session = interview()
    data = {"a-number": Answer(value=5), "a-bool": Answer(value=True)}
    changes, ignored = session.prefill(data)
    assert ignored == ["a-bool"]
    assert [c.qid for c in changes] == ["a-number"]
    assert "a-bool" not in session.answers


def test_pending_lists_what_is_left_to_ask() -> None:
    session = interview({"g-level": 3})
    assert session.pending() == ["g-choice", "a-multi", "a-number", "o-api"]
    ask = interview(FULL, Agenda(False, False, ("g-*",)))
    assert ask.pending() == ["g-level", "g-choice"]


def test_answering_at_the_end_is_a_programming_error() -> None:
    session = interview(FULL)
    with pytest.raises(RuntimeError):
        session.answer(3)


def test_goto_reason_in_chinese() -> None:
    from capassess.texts.interview import say

    session = interview()
    with pytest.raises(JumpError) as info:
        session.goto("g-levle")
    assert say("zh", info.value.key, **info.value.fields) == (
        "没有题目或能力 'g-levle'；是否要找 g-level？"
    )
