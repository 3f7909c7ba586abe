"""Texts kept per questionnaire and language give what making them afresh gives.

Question texts, answers in words and the questionnaire's questions by id are made once
per questionnaire object (``capassess.memo``) and language; each is checked here against
a fresh computation, for another questionnaire object, another language, and values
that compare equal but read differently (``1``, ``1.0``, ``True``).
"""

from __future__ import annotations

from typing import Any

import pytest

from capassess import condition_text
from capassess.condition_text import answer_words, question_words, value_words
from capassess.texts import words
from tests.batch.helpers import branch, tiny


def _fresh_answer(q: Any, qid: str, value: Any, lang: str) -> str:
    question = {x.id: x for _, _, x in q.questions()}.get(qid)
    text = question.text.get(lang).strip() if question else qid
    asked = words("plan", lang)["cond_question"].format(text=text)  # type: ignore[arg-type]
    shown = value_words(question, value, lang)  # type: ignore[arg-type]
    return words("plan", lang)["cond_answer"].format(q=asked, v=shown)  # type: ignore[arg-type]


def test_question_map_is_kept_per_questionnaire_object() -> None:
    q = branch()
    assert q.question_map() is q.question_map()
    assert q.question_map() == {x.id: x for _, _, x in q.questions()}
    first = q.dimensions[0]
    cap = first.capabilities[0]
    renamed = cap.questions[0].model_copy(update={"id": "renamed-question"})
    cap2 = cap.model_copy(update={"questions": [renamed, *cap.questions[1:]]})
    dim2 = first.model_copy(update={"capabilities": [cap2, *first.capabilities[1:]]})
    changed = q.model_copy(update={"dimensions": [dim2, *q.dimensions[1:]]})
    assert "renamed-question" in changed.question_map()
    assert "renamed-question" not in q.question_map()
    assert tiny().question_map().keys() != q.question_map().keys()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_answer_words_equal_fresh_ones_for_every_kind_of_value(lang: str) -> None:
    q = tiny()
    values: list[Any] = [1, 1.0, True, False, 0, 0.0, "a", "b", ["a", "b"], ["a"], [], 2.5,
                         "n/a", 3, [1, 2], None]  # fmt: skip
    for _, _, question in q.questions():
        for value in [*values, *values]:  # the second time from the memo
            got = answer_words(q, question.id, value, lang)  # type: ignore[arg-type]
            assert got == _fresh_answer(q, question.id, value, lang)
    assert answer_words(q, "no-such-question", 2, lang) == _fresh_answer(  # type: ignore[arg-type]
        q, "no-such-question", 2, lang
    )


def test_equal_values_of_other_types_are_not_confused() -> None:
    q = tiny()
    bool_q = next(x for _, _, x in q.questions() if x.type == "bool")
    level_q = next(x for _, _, x in q.questions() if x.type == "level")
    for question in (bool_q, level_q):
        texts = [answer_words(q, question.id, v, "en") for v in (True, 1, 1.0)]
        assert texts == [_fresh_answer(q, question.id, v, "en") for v in (True, 1, 1.0)]
    assert answer_words(q, level_q.id, True, "en") != answer_words(q, level_q.id, 1, "en")


def test_words_follow_the_questionnaire_object_and_language() -> None:
    q = tiny()
    question = next(x for _, _, x in q.questions())
    before = question_words(q, question.id, "en")
    text = question.text.model_copy(update={"en": "Another question?"})
    dims = [_with_question_text(q, question.id, text), *q.dimensions[1:]]
    other = q.model_copy(update={"dimensions": dims})
    assert "Another question?" in question_words(other, question.id, "en")
    assert "Another question?" in answer_words(other, question.id, 1, "en")
    assert question_words(q, question.id, "en") == before
    assert question_words(q, question.id, "zh") == words("plan", "zh")["cond_question"].format(
        text=question.text.get("zh").strip()
    )


def test_the_answer_memo_stays_bounded() -> None:
    q = tiny()
    number = next(x for _, _, x in q.questions() if x.type == "number")
    for i in range(condition_text.REMEMBERED_ANSWERS + 50):
        assert answer_words(q, number.id, float(i), "en") == _fresh_answer(
            q, number.id, float(i), "en"
        )
    from capassess.memo import per_object

    assert len(per_object(q, ("answer_words", "en"), dict)) <= condition_text.REMEMBERED_ANSWERS


def _with_question_text(q: Any, qid: str, text: Any) -> Any:
    dim = q.dimensions[0]
    caps = []
    for cap in dim.capabilities:
        questions = [x.model_copy(update={"text": text}) if x.id == qid else x
                     for x in cap.questions]  # fmt: skip
        caps.append(cap.model_copy(update={"questions": questions}))
    return dim.model_copy(update={"capabilities": caps})


def test_chart_text_is_escaped_as_the_html_module_escapes_it() -> None:
    import html
    import random

    from capassess.report import svg

    rng = random.Random(3)
    alphabet = "ab &<>\"'&amp;#;中文\n\x00"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(500)]
    for text in [*texts, "&lt;", "&&", "'\"'", ""]:
        assert svg._html_escape(text) == html.escape(text, quote=True)
        assert svg.esc(text) == html.escape(text, quote=True)
