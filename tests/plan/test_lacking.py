"""An action the answers show missing, or a check that finds something missing, names what
a checklist lacks, not only what it has: its ticked options alone, after "the answers show
it missing" or "yet ... is missing", read as the missing ones."""

from __future__ import annotations

from typing import Any

import pytest

from capassess.expr import absent_options, parse_expression
from capassess.gap import find_gaps, resolve_targets
from capassess.model.answers import Assessment
from capassess.model.questionnaire import Questionnaire
from capassess.plan_text import why
from capassess.roadmap import build_roadmap
from capassess.scoring.engine import roll_up, score_assessment

T = {"en": "x", "zh": "x"}
LABELS = {"a": ("Alpha", "甲"), "b": ("Beta", "乙"), "c": ("Gamma", "丙")}


def questionnaire(done_when: str, check: str | None = None) -> Questionnaire:
    options = [{"id": o, "label": {"en": en, "zh": zh}, "score": 1}
               for o, (en, zh) in LABELS.items()]  # fmt: skip
    return Questionnaire.model_validate({
        "id": "lk", "version": "1", "title": T,
        "dimensions": [{"id": "dim", "title": T, "capabilities": [{
            "id": "cap", "title": T, "target": 5,
            "questions": [
                {"id": "lv", "type": "level", "text": {"en": "Level?", "zh": "等级？"},
                 "levels": [T] * 5},
                {"id": "m", "type": "multi", "text": {"en": "Ticked?", "zh": "勾选？"},
                 "options": options},
            ],
            "actions": [{"id": "act", "title": T, "level": 3, "effort": "low",
                         "impact": "high", "duration_months": 3, "done_when": done_when}],
        }]}],
        "checks": [{"id": "chk", "when": check, "message": {"en": "Claimed", "zh": "自评"}}]
        if check else [],
    })  # fmt: skip


def why_text(done_when: str, answers: dict[str, Any], lang: str) -> str:
    q = questionnaire(done_when)
    assessment = Assessment.model_validate(
        {"questionnaire": "lk@1", "subject": {"id": "b"}, "date": "2026-03-16", "answers": answers}
    )
    result = score_assessment(q, assessment)
    gaps = find_gaps(q, result, resolve_targets(q))
    road = build_roadmap(q, result, gaps, lambda s: roll_up(q, s, template=result))
    (action,) = road.actions
    assert action.basis == "evidence"
    gap = gaps.capability("cap")
    return why(action, q, gap.score, gap.target, lang)  # type: ignore[arg-type]


CASES = [
    # (done_when, answers, expected text in English, in Chinese)
    (
        "m contains 'a' and m contains 'b'",
        {"lv": 2, "m": ["a"]},
        "“Ticked?”: lacks Beta (ticked: Alpha)",
        "“勾选？”：缺少乙，已选：甲",
    ),
    (
        "m contains 'a' and m contains 'b'",
        {"lv": 2, "m": []},
        "“Ticked?”: lacks Alpha, Beta (none ticked)",
        "“勾选？”：缺少甲、乙，未选任何一项",
    ),
    (
        "m contains 'a' or m contains 'b'",
        {"lv": 2, "m": ["c"]},
        "“Ticked?”: lacks Alpha, Beta (ticked: Gamma)",
        "“勾选？”：缺少甲、乙，已选：丙",
    ),
    (
        "lv >= 3 and m contains 'c'",
        {"lv": 2, "m": ["a", "b"]},
        "level 2; “Ticked?”: lacks Gamma (ticked: Alpha, Beta)",
        "2 级；“勾选？”：缺少丙，已选：甲、乙",
    ),
    # a box ticked that should not be: the answer itself is the evidence
    (
        "not (m contains 'c') and lv >= 2",
        {"lv": 2, "m": ["a", "c"]},
        "“Ticked?”: Alpha, Gamma)",
        "“勾选？”：甲、丙）",
    ),
]


@pytest.mark.parametrize(("done_when", "answers", "en", "zh"), CASES)
def test_a_checklist_shown_missing_names_what_it_lacks(
    done_when: str, answers: dict[str, Any], en: str, zh: str
) -> None:
    assert en in why_text(done_when, answers, "en")
    assert zh in why_text(done_when, answers, "zh")


PROBES = [
    # (check, answers, expected in English, in Chinese)
    ("lv >= 3 and not (m contains 'a' and m contains 'b')", {"lv": 4, "m": ["a", "c"]},
     "“Ticked?”: lacks Beta (ticked: Alpha, Gamma)", "“勾选？”：缺少乙，已选：甲、丙"),
    ("lv >= 3 and not (m contains 'a')", {"lv": 4, "m": []},
     "“Ticked?”: lacks Alpha (none ticked)", "“勾选？”：缺少甲，未选任何一项"),
    ("lv >= 3 and m contains 'c'", {"lv": 4, "m": ["c"]},  # nothing lacking: as answered
     "“Ticked?”: Gamma", "“勾选？”：丙"),
]  # fmt: skip


@pytest.mark.parametrize(("check", "answers", "en", "zh"), PROBES)
def test_a_check_that_finds_a_box_unticked_names_it(
    check: str, answers: dict[str, Any], en: str, zh: str
) -> None:
    from capassess.planning import PlanOptions, Scored, plan_scored
    from capassess.report.advice import build_advice

    q = questionnaire("lv >= 5", check)
    assessment = Assessment.model_validate(
        {"questionnaire": "lk@1", "subject": {"id": "b"}, "date": "2026-03-16", "answers": answers}
    )
    scored = Scored("x.yaml", q, assessment, score_assessment(q, assessment), [])
    planned = plan_scored(scored, PlanOptions())
    for lang, text in (("en", en), ("zh", zh)):
        ((_, shown),) = build_advice(planned, lang, "2026-03-16").probes  # type: ignore[arg-type]
        assert text in shown


ABSENT = [
    ("m contains 'a' and m contains 'b'", {"m": ["a"]}, {"m": ["b"]}),
    ("m contains 'a' and m contains 'b'", {"m": ["a", "b"]}, {}),
    ("(m contains 'a' or m contains 'b') and lv >= 3", {"m": ["a"], "lv": 1}, {}),
    ("(m contains 'a' or m contains 'b') and lv >= 3", {"m": [], "lv": 4}, {"m": ["a", "b"]}),
    ("not (m contains 'a' and m contains 'b')", {"m": ["a", "b"]}, {}),
    ("m contains 'a' and lv >= 3", {"lv": 4}, {}),  # open, not false: nothing is lacking
    (
        "lv >= 3 and not (m contains 'a' or m contains 'c')",
        {"lv": 4, "m": ["b"]},
        {"m": ["a", "c"]},
    ),  # a true check
    ("lv >= 3 and m contains 'b'", {"lv": 4, "m": ["b"]}, {}),
]


@pytest.mark.parametrize(("text", "values", "absent"), ABSENT)
def test_absent_options_are_those_a_verdict_rests_on(
    text: str, values: dict[str, Any], absent: dict[str, list[str]]
) -> None:
    assert absent_options(parse_expression(text), values) == absent


def test_the_remembered_text_is_each_questionnaire_s_own() -> None:
    # the same answers and expression under two questionnaires: each one's own words
    from capassess.model.plan import AnswerShown
    from capassess.plan_text import _lacking_text, lacking_text

    expression = "m contains 'a' and m contains 'c'"
    first = questionnaire(expression)
    renamed = first.model_dump(mode="json")
    question = renamed["dimensions"][0]["capabilities"][0]["questions"][1]
    question["text"] = {"en": "Other?", "zh": "其他？"}
    second = Questionnaire.model_validate(renamed)
    answers = [AnswerShown(question_id="m", value=["b"])]
    for lang in ("en", "zh"):
        for q in (first, second, first):
            want = _lacking_text(answers, expression, lang, q)
            assert lacking_text(answers, expression, lang, q) == want
    assert "Other?" in lacking_text(answers, expression, "en", second)
    assert "Ticked?" in lacking_text(answers, expression, "en", first)


PRESENT = [
    ("m contains 'a'", {"m": ["b", "a", "c"]}, {"m": ["a"]}),
    ("m contains 'c' and m contains 'a'", {"m": ["a", "b", "c"]}, {"m": ["c", "a"]}),
    ("m contains 'a' or m contains 'z'", {"m": ["a", "b"]}, {"m": ["a"]}),  # the true part
    ("not (m contains 'z')", {"m": ["a"]}, {}),  # true by what is not ticked
    ("m contains 'a' and lv >= 3", {"m": ["a"], "lv": 1}, {}),  # false: not what holds
    ("m contains 'a' and lv >= 3", {"m": ["a"]}, {}),  # open
]


@pytest.mark.parametrize(("text", "values", "present"), PRESENT)
def test_present_options_are_the_ticked_ones_a_true_verdict_rests_on(
    text: str, values: dict[str, Any], present: dict[str, list[str]]
) -> None:
    from capassess.expr import present_options

    assert present_options(parse_expression(text), values) == present


MET_NOW = [
    # (KPI, done_when, answers, the answers shown beside the note)
    ("m contains 'a' and m contains 'b'", "m contains 'a'", {"m": ["a", "b", "c"]},
     (("m", ["b"]),)),  # a and c are ticked too, but the measure asks for b alone
    ("lv >= 3 and m contains 'c' and m contains 'b'", "lv >= 3", {"lv": 3, "m": ["c", "a", "b"]},
     (("m", ["c", "b"]),)),  # in the answer's order
    ("m contains 'a' and n >= 3", "m contains 'a'", {"m": ["a", "c"], "n": 4}, (("n", 4),)),
    ("m contains 'a' and (n >= 3 or m contains 'd')", "m contains 'a'",
     {"m": ["a", "d", "e"], "n": 1}, (("m", ["d"]),)),
]  # fmt: skip


@pytest.mark.parametrize(("kpi", "done_when", "values", "shown"), MET_NOW)
def test_a_kpi_met_now_shows_only_the_ticked_options_its_measure_asks_for(
    kpi: str, done_when: str, values: dict[str, Any], shown: tuple[tuple[str, Any], ...]
) -> None:
    """A checklist quoted whole beside 'what this KPI measures ... already holds' reads as if
    the KPI measured every ticked option (a continuity KPI on key suppliers in drills was
    shown with the six practices the bank ticked)."""
    from capassess.advice import kpi_flag

    assert kpi_flag(kpi, values, frozenset(), done_when, frozenset({"lv"})) == ("met-now", shown)
