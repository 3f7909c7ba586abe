"""An option is named by its id or its label in either language, in any case, in full-
or half-width forms and with blanks around it, the same way on every path: a batch cell,
an answers file, the interview. A text naming two options is refused, naming both."""

from __future__ import annotations

import pyarrow as pa
import pytest

from capassess.batch.cells import ANSWERED, INVALID, QuestionCodec
from capassess.interactive.keys import Refused, resolve_value
from capassess.model.answers import Answer, Assessment, Subject
from capassess.model.base import Text
from capassess.model.questionnaire import ChoiceQuestion, MultiQuestion, Option, Question
from capassess.scoring.questions import outcome_of
from capassess.values import check_assessment, parse_value
from tests.batch.helpers import tiny


def _option(oid: str, en: str, zh: str, score: float) -> Option:
    return Option(id=oid, label=Text(en=en, zh=zh), score=score)


PERSONS = [
    _option("first-person", "First person", "第一人称", 0),
    _option("second-person", "Second person", "第二人称", 1),
]
CHOICE = ChoiceQuestion(id="voice", type="choice", text=Text(en="Voice?"), options=PERSONS)
MULTI = MultiQuestion(
    id="tools", type="multi", text=Text(en="Tools?"),
    options=[*PERSONS, _option("dm", "Data, models", "数据、模型", 1)],
)  # fmt: skip
# "B" is the label of option a and, in another case, the id of option b.
CLASH = ChoiceQuestion(
    id="clash", type="choice", text=Text(en="Clash?"),
    options=[_option("a", "B", "甲", 0), _option("b", "Other", "乙", 1)],
)  # fmt: skip

ACCEPTED = [
    (CHOICE, "second-person", "second-person"),
    (CHOICE, "Second-Person", "second-person"),
    (CHOICE, "  SECOND-PERSON\u3000", "second-person"),
    (CHOICE, "ｓｅｃｏｎｄ－ｐｅｒｓｏｎ", "second-person"),  # full-width
    (CHOICE, "Second person", "second-person"),
    (CHOICE, "second   PERSON", "second-person"),
    (CHOICE, "第二人称", "second-person"),
    (CHOICE, " 第一人称 ", "first-person"),
    (MULTI, "First-Person; 第二人称", ["first-person", "second-person"]),
    (MULTI, "数据、模型", ["dm"]),  # a label holding a separator
    (MULTI, "DM，first person", ["first-person", "dm"]),
    (MULTI, "DM，FIRST-person", ["first-person", "dm"]),
    (MULTI, "Second person", ["second-person"]),
    (CLASH, "b", "b"),  # an id as written wins over another option's label
]
REFUSED = [
    (CHOICE, "third person", "is not an option"),
    (MULTI, "first-person, nobody", "not among the options"),
    (CLASH, "B", "matches more than one option: a, b"),
    (CLASH, " ｂ ", "matches more than one option: a, b"),
]


@pytest.mark.parametrize(("question", "raw", "expected"), ACCEPTED)
def test_every_path_takes_an_option_by_id_or_label(
    question: Question, raw: str, expected: object
) -> None:
    assert parse_value(question, raw) == expected
    codec = QuestionCodec(question)
    column = codec.read(pa.array([raw, raw.upper()], pa.string()))
    assert column.values()[0] == expected and column.status[0] == ANSWERED
    assert outcome_of(question, Answer(value=raw)).value == expected
    if not (isinstance(question, MultiQuestion) and " " in raw.strip()):
        # the interview also separates ticks with blanks ("1 3"), so there a label with
        # a blank names one option only when typed alone
        assert resolve_value(question, raw) == expected


@pytest.mark.parametrize(("question", "raw", "reason"), REFUSED)
def test_every_path_refuses_an_unknown_or_ambiguous_option(
    question: Question, raw: str, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_value(question, raw)
    column = QuestionCodec(question).read(pa.array([raw], pa.string()))
    assert column.status[0] == INVALID and reason in column.reason(0)
    with pytest.raises(Refused):
        resolve_value(question, raw)


def test_an_answers_file_takes_a_label_in_another_case() -> None:
    q = tiny()
    answers = {"g-choice": Answer(value="ALL"), "a-multi": Answer(value="bi; Machine")}
    assessment = Assessment(questionnaire=q.ref, subject=Subject(id="u"), answers=answers)
    problems = [p.message for p in check_assessment(q, assessment)]
    assert any("'Machine'" in p and "not among the options" in p for p in problems)
    answers["a-multi"] = Answer(value="BI, 机器学习")
    assessment = Assessment(questionnaire=q.ref, subject=Subject(id="u"), answers=answers)
    assert not [p for p in check_assessment(q, assessment) if "option" in p.message]
