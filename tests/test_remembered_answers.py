"""Verdicts of expressions and outcomes of answers, remembered across a batch's units,
equal what computing them afresh gives.

``advice.expression_holds`` keeps a verdict by the expression's text and the typed values
of the questions it names; ``scoring.questions.outcome_of`` keeps an answered question's
outcome by the question and the raw value. Both are checked here against the uncached
computation on many value combinations, values of different types that compare equal
(``1``, ``1.0``, ``True``), lists, missing values, and after the memory is cleared.
"""

from __future__ import annotations

import itertools
import random
import re

import pytest

from capassess import advice
from capassess.advice import evidence_for, expression_holds
from capassess.expr import deciding_names, holds
from capassess.model.answers import Answer
from capassess.scoring import questions as question_scoring
from capassess.scoring.questions import compiled_condition, outcome_of, question_score
from capassess.values import parse_value
from tests.batch.helpers import branch

EXPRESSIONS = [
    "a == 1",
    "a == true",
    "a >= 2 and b == 'x'",
    "a > 1 or not answered(b)",
    "'y' in c",
    "c contains 'y'",
    "b in ['x', 'z'] or a < 3",
    "answered(a) and (b != 'x' or c contains 'z')",
]
VALUES = [1, 1.0, True, False, 0, 2, 2.5, 3, "x", "y", "z", "1", None, ["y"], ["x", "z"], []]


def _combinations() -> list[dict[str, object]]:
    rng = random.Random(17)
    out = []
    for _ in range(600):
        values = {}
        for name in "abc":
            pick = rng.choice([*VALUES, "absent"])
            if pick != "absent":
                values[name] = list(pick) if isinstance(pick, list) else pick
        out.append(values)
    return out


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_remembered_verdicts_equal_fresh_ones(text: str) -> None:
    advice._VERDICTS.clear()
    for values in _combinations() * 2:  # the second pass is answered from memory
        fresh = holds(compiled_condition(text), values)
        assert expression_holds(text, values) is fresh, (text, values)


def _fresh_evidence(text: str, values: dict[str, object]) -> tuple[tuple[str, object], ...]:
    names = deciding_names(compiled_condition(text), values)
    return tuple((n, values[n]) for n in names if n in values)


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_remembered_evidence_equals_fresh_evidence(text: str) -> None:
    advice._EVIDENCE.clear()
    for values in _combinations() * 2:  # the second pass is answered from memory
        got = evidence_for(text, values).answers
        fresh = _fresh_evidence(text, values)
        assert got == fresh, (text, values)
        assert [type(v) for _, v in got] == [type(v) for _, v in fresh]
    for first, second in itertools.permutations([1, 1.0, True], 2):
        assert type(evidence_for("a >= 0", {"a": first}).answers[0][1]) is type(first)
        assert type(evidence_for("a >= 0", {"a": second}).answers[0][1]) is type(second)


def test_evidence_memory_is_bounded_and_skips_values_without_a_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(advice, "REMEMBERED_VERDICTS", 10)
    advice._EVIDENCE.clear()
    for i in range(50):
        assert evidence_for("a >= 3", {"a": i}).answers == ((("a", i),) if i >= 0 else ())
        assert len(advice._EVIDENCE) <= 10
    advice._EVIDENCE.clear()
    nested = {"a": {"nested": 1}, "b": "x"}
    assert evidence_for("a == 1 or b == 'x'", nested).answers == _fresh_evidence(
        "a == 1 or b == 'x'", nested
    )
    assert not advice._EVIDENCE
    assert evidence_for(None, {"a": 1}).answers == ()


def test_equal_values_of_different_types_are_not_confused() -> None:
    advice._VERDICTS.clear()
    for first, second in itertools.permutations([1, 1.0, True, "1"], 2):
        assert expression_holds("a == true", {"a": first}) is holds(
            compiled_condition("a == true"), {"a": first}
        )
        assert expression_holds("a == true", {"a": second}) is holds(
            compiled_condition("a == true"), {"a": second}
        )
    assert advice._verdict_key("a == 1", {"a": 1}) != advice._verdict_key("a == 1", {"a": True})


def test_values_that_cannot_be_keyed_are_judged_afresh() -> None:
    advice._VERDICTS.clear()
    values = {"a": {"nested": 1}, "b": "x"}
    assert advice._verdict_key("a == 1 or b == 'x'", values) is None
    assert expression_holds("a == 1 or b == 'x'", values) is True
    assert not advice._VERDICTS


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(advice, "REMEMBERED_VERDICTS", 10)
    advice._VERDICTS.clear()
    for i in range(50):
        assert expression_holds("a >= 3", {"a": i}) is (i >= 3)
        assert len(advice._VERDICTS) <= 10
    assert expression_holds(None, {"a": 1}) is None


def _fresh(question, raw):  # type: ignore[no-untyped-def]
    value = parse_value(question, raw)
    return question_scoring.QuestionOutcome(
        question.id, "answered", value, question_score(question, value)
    )


def test_remembered_outcomes_equal_fresh_ones() -> None:
    q = branch()
    question_scoring._OUTCOMES.clear()
    raws = ["1", "3", "5", "yes", "no", "是", "否", "true", 1, 3, 3.0, True, False, "42",
            "42.5", "0", "100", "35%", "n/a"]  # fmt: skip
    for _ in range(2):  # the second pass is answered from memory
        for _, _, question in q.questions():
            for raw in [*raws, *(o.id for o in getattr(question, "options", []))]:
                answer = Answer(value=raw)
                if answer.not_applicable or answer.is_missing:
                    continue
                try:
                    fresh = _fresh(question, raw)
                except ValueError as exc:
                    with pytest.raises(ValueError, match=re.escape(str(exc))):
                        outcome_of(question, answer)
                    continue
                got = outcome_of(question, answer)
                assert got == fresh and type(got.value) is type(fresh.value), (question.id, raw)


def test_list_values_are_never_shared_between_units() -> None:
    q = branch()
    multi = next(x for _, _, x in q.questions() if x.type == "multi")
    ids = [o.id for o in multi.options][:2]
    first = outcome_of(multi, Answer(value=list(ids)))
    second = outcome_of(multi, Answer(value=list(ids)))
    assert first == second and first.value is not second.value
    # a cell's text ("a;b", as a batch reads it) is remembered, its list is not shared
    text = ";".join(ids)
    outcomes = [outcome_of(multi, Answer(value=text)) for _ in range(3)]
    assert outcomes[0] == outcomes[1] == outcomes[2] == _fresh(multi, text)
    assert all(type(o.value) is list for o in outcomes)
    outcomes[0].value.append("changed")  # type: ignore[union-attr]
    assert outcomes[1].value == outcome_of(multi, Answer(value=text)).value == ids
    assert len({id(o.value) for o in outcomes}) == 3


def test_outcomes_follow_the_question_object() -> None:
    q = branch()
    level = next(x for _, _, x in q.questions() if x.type == "level")
    assert outcome_of(level, Answer(value="3")).score == 0.5
    changed = level.model_copy(update={"id": level.id + "-copy"})
    assert outcome_of(changed, Answer(value="3")).id == level.id + "-copy"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_remembered_option_labels_follow_the_question_object(lang: str) -> None:
    from capassess.report import answers

    q = branch()
    choice = next(x for _, _, x in q.questions() if x.type == "choice")
    first = choice.options[0]
    assert answers.answer_text(choice, first.id, lang) == first.label.get(lang)
    relabelled = choice.model_copy(
        update={"options": [first.model_copy(update={"label": first.label.model_copy(
            update={"en": "Other words", "zh": "别的说法"})}), *choice.options[1:]]}
    )  # fmt: skip
    assert answers.answer_text(relabelled, first.id, lang) in ("Other words", "别的说法")
    assert answers.answer_text(choice, first.id, lang) == first.label.get(lang)
    assert answers.answer_text(choice, "no-such-option", lang) == "no-such-option"


@pytest.mark.parametrize("done_when", [None, "a >= 2", "answered(a)"])
def test_remembered_kpi_flags_equal_fresh_ones(done_when: str | None) -> None:
    advice._KPI_FLAGS.clear()
    when = "a >= 2 and b in ['x', 'z'] and c contains 'y'"
    for levels in (frozenset(), frozenset({"a"}), frozenset({"b"})):
        for values in _combinations() * 2:  # the second pass is answered from memory
            na = {"b"} if values.get("b") is None and "b" in values else set()
            got = advice.kpi_flag(when, values, na, done_when, levels)
            fresh = advice.kpi_flag(when, values, na, done_when, set(levels))  # never kept
            assert got == fresh, (values, levels)
            assert [type(v) for _, v in got[1]] == [type(v) for _, v in fresh[1]]
    assert advice._KPI_FLAGS


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_remembered_open_questions_equal_fresh_ones(text: str) -> None:
    advice._OPEN.clear()
    seen_open = 0
    for values in _combinations() * 2:  # the second pass is answered from memory
        got = advice.open_questions(text, values)
        verdict = holds(compiled_condition(text), values)
        fresh = (
            () if verdict is not None else tuple(deciding_names(compiled_condition(text), values))
        )
        assert got == fresh, values
        seen_open += verdict is None
    assert seen_open and advice._OPEN


def test_outcomes_tell_zero_from_minus_zero() -> None:
    q = branch()
    number = next(x for _, _, x in q.questions() if x.type == "number")
    question_scoring._OUTCOMES.clear()
    for raw in (0.0, -0.0, 0.0, -0.0):
        got = outcome_of(number, Answer(value=raw))
        assert repr(got.value) == repr(_fresh(number, raw).value) == repr(raw)


def test_question_results_shared_only_while_outcome_score_and_weight_are_the_same() -> None:
    from capassess.model.answers import Assessment, Subject
    from capassess.scoring.engine import score_assessment

    q = branch()
    multi = next(x for _, _, x in q.questions() if x.type == "multi")
    rows = [{x.id: ("3" if x.type == "level" else "yes" if x.type == "bool" else
                    ";".join(o.id for o in x.options[:2]) if x.type == "multi" else
                    x.options[0].id if x.type == "choice" else "12.5")
             for _, _, x in q.questions()} for _ in range(2)]  # fmt: skip
    results = []
    for row in rows:
        answers = {qid: Answer(value=v) for qid, v in row.items()}
        assessment = Assessment(questionnaire=q.ref, subject=Subject(id="u"), answers=answers)
        results.append(score_assessment(q, assessment))
    first, second = (r.capabilities() for r in results)
    multis: set[str] = set()
    for a, b in zip(first, second, strict=True):
        for x, y in zip(a.questions, b.questions, strict=True):
            assert x == y and x.model_dump() == y.model_dump()
            if type(x.value) is list:
                assert x is not y and x.value is not y.value  # a list is each unit's own
                multis.add(x.id)
            elif x.status == "answered":
                assert x is y  # shared: frozen, the same in every field
    assert multi.id in multis


def test_verdict_keys_over_the_last_results_values_equal_fresh_ones() -> None:
    from capassess.advice import answered_values
    from capassess.scoring.engine import score_assessment
    from tests.scoring.test_shared_scores import _units

    q = branch()
    texts = [a.done_when for _, a in q.actions() if a.done_when]
    texts += [a.kpi.when for _, a in q.actions() if a.kpi]
    for assessment in _units(q, 30):
        values = answered_values(score_assessment(q, assessment))
        for text in texts * 2:  # the second time from the keys kept for these values
            assert advice._verdict_key(text, values) == advice._new_key(text, values)
            assert advice._verdict_key(text, dict(values)) == advice._new_key(text, values)
            fresh = holds(compiled_condition(text), values)
            assert expression_holds(text, values) is fresh
        assert set(advice._LAST_KEYS) <= set(texts)
