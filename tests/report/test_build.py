"""The report model: one build per language, with summary, sections, progress and method."""

from __future__ import annotations

import datetime as dt

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.answers import answer_text
from capassess.report.build import build_report
from capassess.texts.report import EN, ZH
from tests.report.helpers import MEDIUM, TINY

DAY = dt.date(2026, 11, 28)


def tiny(lang: str = "en", baseline: bool = True):
    options = PlanOptions(baseline=str(TINY.baseline) if baseline else None)
    planned = plan_file(TINY.answers, options, TINY.dirs)
    return planned, build_report(planned, lang, generated=DAY)  # type: ignore[arg-type]


def test_both_languages_have_the_same_strings() -> None:
    assert EN.keys() == ZH.keys()
    assert all(EN[k].count("{") == ZH[k].count("{") for k in EN)


def test_cover_and_summary_of_tiny() -> None:
    planned, report = tiny()
    c, s = report.cover, report.summary
    assert (c.subject_name, c.assessor, c.date, c.questionnaire_ref) == (
        "Acme Bank",
        "A. Consultant",
        "2026-11-01",
        "tiny@1.0",
    )
    assert c.generated == "2026-11-28" and c.groups == (("region", "East"),)
    assert s.overall_score == pytest.approx(2.375) and s.overall_level == 2
    assert s.level_name == "Managed"
    assert [g.id for g in s.strengths] == ["api"]
    assert [g.id for g in s.top_gaps] == ["analytics", "governance"]
    assert [a.id for a in s.first_actions] == [a.id for a in planned.roadmap.in_phase(0)]
    assert "act-committee" in [a.id for a in s.first_actions]
    assert (s.answered, s.asked) == (6, 6)
    assert s.baseline_overall == pytest.approx(1.0)
    # targets 3, 4 (data, global weights .375 each) and 3 (api, .25): 3.375
    assert s.target_overall == pytest.approx(3.375)


def test_dimensions_carry_answers_in_words_with_evidence() -> None:
    _, report = tiny()
    governance = report.dimensions[0].capabilities[0]
    first = governance.answers[0]
    assert (first.answer, first.evidence, first.note) == (
        "2 · Department stewards",
        "Org chart 2026",
        "Stewards in retail only",
    )
    analytics = {a.id: a.answer for a in report.dimensions[0].capabilities[1].answers}
    assert analytics == {"a-multi": "BI", "a-number": "12%", "a-bool": "no"}


def test_chinese_report_uses_chinese_text() -> None:
    _, report = tiny("zh")
    assert report.title == "金融科技能力成熟度评估报告"
    assert report.dimensions[0].title == "数据"
    assert report.dimensions[0].capabilities[0].answers[0].answer == "2 · 部门数据专员"
    assert report.summary.level_name == "受管理级"
    assert report.phases[0].label.startswith("阶段 1")


def test_gaps_are_ranked_then_met() -> None:
    _, report = tiny()
    assert [g.id for g in report.gaps] == ["analytics", "governance", "api"]
    assert [g.met for g in report.gaps] == [False, False, True]


def test_progress_only_with_a_baseline() -> None:
    _, with_base = tiny()
    _, without = tiny(baseline=False)
    assert without.progress is None
    assert with_base.progress is not None
    rows = {r.id: r for r in with_base.progress.rows}
    # the change as printed: 4/3 and 1.375 to 2 decimals, the difference of the shown scores
    assert rows["governance"].change == pytest.approx(1.33)
    assert with_base.progress.change == pytest.approx(1.38)


def test_method_lists_na_missing_and_ahp() -> None:
    planned = plan_file(MEDIUM.answers, PlanOptions(), MEDIUM.dirs)
    method = build_report(planned, "en").method
    assert [q.id for q in method.not_applicable] == ["open-cloud-l", "open-cloud-b"]
    assert [q.id for q in method.missing] == ["cust-scf-b"]
    assert len(method.ahp) == 1 and method.ahp[0].node == "medium" and method.ahp[0].consistent
    assert method.ahp[0].cr < 0.1
    assert sum(w.global_weight for w in method.weights if w.depth == 0) == pytest.approx(1.0)
    urls = {r.id: r.url for r in method.references}
    assert urls == {"dcmm": "https://example.org/dcmm", "bad-link": None}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_scale_the_levels(lang: str) -> None:
    """No second, undefined scale (the old 'maturity band') beside the five named levels."""
    table = EN if lang == "en" else ZH
    assert not [k for k in table if k.startswith(("band", "level_text"))]
    _, report = tiny(lang)
    assert not hasattr(report.summary, "band")


def test_answer_text_of_each_type() -> None:
    planned, _ = tiny()
    q = planned.scored.questionnaire.question_map()
    assert answer_text(q["g-choice"], "partial", "zh") == "部分"
    assert answer_text(q["a-multi"], [], "en") == "none selected"
    assert answer_text(q["a-multi"], ["bi", "ml"], "en") == "BI; ML"
    assert answer_text(q["a-bool"], True, "zh") == "是"
    assert answer_text(q["o-api"], 45.5, "en") == "45.5"
