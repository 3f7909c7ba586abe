"""An action to confirm asks only for answers an interview can give: a question skipped
because its condition is false is not asked on these answers, so the reason never says
"answer" it; it is named apart (as a question answered n/a is), in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from capassess.condition_text import question_words
from capassess.gap import find_gaps, resolve_targets
from capassess.model.answers import Assessment
from capassess.model.plan import NotScheduled
from capassess.model.questionnaire import Questionnaire
from capassess.model.results import ScoreResult
from capassess.plan_text import not_scheduled_reason
from capassess.roadmap import build_roadmap
from capassess.scoring.engine import roll_up, score_assessment
from capassess.texts import say

T = {"en": "x", "zh": "x"}


def questionnaire(done_when: str) -> Questionnaire:
    def number(qid: str, text: str, when: str | None = None) -> dict[str, Any]:
        out = {"id": qid, "type": "number", "text": {"en": text, "zh": text},
               "thresholds": [10, 20, 30, 40]}  # fmt: skip
        return out | ({"when": when} if when else {})

    return Questionnaire.model_validate({
        "id": "tc", "version": "1", "title": T,
        "dimensions": [{"id": "dim", "title": T, "capabilities": [{
            "id": "cap", "title": T, "target": 5,
            "questions": [
                {"id": "lv", "type": "level", "text": T, "levels": [T] * 5},
                {"id": "gate", "type": "bool", "text": T},
                number("n", "N?", "gate == true"),
                number("m", "M?"),
            ],
            "actions": [{"id": "act", "title": T, "level": 3, "effort": "low",
                         "impact": "high", "duration_months": 3, "done_when": done_when}],
        }]}],
    })  # fmt: skip


def _left_off(q: Questionnaire, answers: dict[str, Any]) -> tuple[ScoreResult, NotScheduled]:
    """The score of ``answers`` and the entry of the action left off the roadmap."""
    assessment = Assessment.model_validate(
        {"questionnaire": "tc@1", "subject": {"id": "b"}, "date": "2026-03-16", "answers": answers}
    )
    result = score_assessment(q, assessment)
    gaps = find_gaps(q, result, resolve_targets(q))
    road = build_roadmap(q, result, gaps, lambda s: roll_up(q, s, template=result))
    (item,) = [i for i in road.not_scheduled if i.id == "act"]
    return result, item


BOTH = "lv >= 3 and n >= 50 and m >= 50"
CASES = [
    # (done_when, answers, text key, the questions it names by their role)
    ("lv >= 3 and m >= 50", {"lv": 4, "gate": True, "n": 5}, "to_confirm", {"questions": "m"}),
    ("lv >= 3 and m >= 50", {"lv": 4, "m": "n/a"}, "to_confirm_na", {"na": "m"}),
    ("lv >= 3 and n >= 50", {"lv": 4, "gate": False}, "to_confirm_skipped", {"skipped": "n"}),
    (BOTH, {"lv": 4, "gate": False, "m": "n/a"}, "to_confirm_moot", {"na": "m", "skipped": "n"}),
    (BOTH, {"lv": 4, "gate": False}, "to_confirm", {"questions": "m"}),  # answer m only
]


@pytest.mark.parametrize(("done_when", "answers", "key", "named"), CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_to_confirm_asks_only_for_answers_an_interview_gives(
    done_when: str, answers: dict[str, Any], key: str, named: dict[str, str], lang: Any
) -> None:
    q = questionnaire(done_when)
    result, item = _left_off(q, answers)
    assert item.status == "to-confirm"
    fields = {role: question_words(q, qid, lang) for role, qid in named.items()}
    assert not_scheduled_reason(item, q, result, lang) == say("plan", lang, key, **fields)


LISTS = [
    # (done_when, answers, to_answer, moot): the plan JSON lists what to answer apart
    ("lv >= 3 and m >= 50", {"lv": 4, "gate": True, "n": 5}, ["m"], []),
    ("lv >= 3 and m >= 50", {"lv": 4, "m": "n/a"}, [], ["m"]),
    ("lv >= 3 and n >= 50", {"lv": 4, "gate": False}, [], ["n"]),
    (BOTH, {"lv": 4, "gate": False, "m": "n/a"}, [], ["n", "m"]),
    (BOTH, {"lv": 4, "gate": False}, ["m"], ["n"]),
    (BOTH, {"lv": 4, "gate": True}, ["n", "m"], []),
]


@pytest.mark.parametrize(("done_when", "answers", "to_answer", "moot"), LISTS)
def test_to_answer_lists_only_questions_an_interview_asks(
    done_when: str, answers: dict[str, Any], to_answer: list[str], moot: list[str]
) -> None:
    """``to_answer`` (plan JSON, report JSON) names only blank questions the interview would
    ask; those answered n/a or skipped by their condition are ``moot``, never to answer."""
    _, item = _left_off(questionnaire(done_when), answers)
    assert (item.status, item.to_answer, item.moot) == ("to-confirm", to_answer, moot)
