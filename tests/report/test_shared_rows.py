"""Report rows and texts shared by the units of a batch equal fresh ones.

A capability's gap row is made once per gap object (gaps are shared by units that
score a capability alike), the "in place" reason of an action left off once per
evidence models, and an action row finds its capability's gap by id: each is checked
against fresh work over random units of both shipped questionnaires, in both languages.
"""

from __future__ import annotations

import pytest

from capassess import plan_text
from capassess.catalog import find_questionnaire
from capassess.plan_text import answers_text, not_scheduled_reason
from capassess.planning import Planned, PlanOptions, Scored, plan_scored
from capassess.report import gap_rows
from capassess.report.action_rows import _gaps_by_id
from capassess.report.gap_rows import _new_gap_row, gap_row
from capassess.scoring.engine import score_assessment
from capassess.texts import say
from tests.scoring.test_shared_scores import _units

QUESTIONNAIRES = ("branch-fintech", "bank-fintech")


def _planned(name: str, count: int) -> list[Planned]:
    q = find_questionnaire(name)
    out = []
    for a in _units(q, count, seed=9):
        out.append(plan_scored(Scored("x", q, a, score_assessment(q, a), []), PlanOptions()))
    return out


@pytest.mark.parametrize("name", QUESTIONNAIRES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shared_gap_rows_equal_fresh_ones(name: str, lang: str) -> None:
    gap_rows._GAP_ROWS.clear()
    for planned in _planned(name, 40) * 2:  # the second pass is answered from memory
        for g in planned.gaps.capabilities:
            row = gap_row(planned, g, lang)  # type: ignore[arg-type]
            assert row == _new_gap_row(planned, g, lang)  # type: ignore[arg-type]
            assert gap_row(planned, g, lang) is row  # type: ignore[arg-type]
    other = "zh" if lang == "en" else "en"
    planned = _planned(name, 1)[0]
    g = planned.gaps.capabilities[0]
    assert gap_row(planned, g, other) == _new_gap_row(planned, g, other)  # type: ignore[arg-type]


def test_gap_rows_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gap_rows, "REMEMBERED_ROWS", 4)
    gap_rows._GAP_ROWS.clear()
    for planned in _planned("bank-fintech", 3):
        for g in planned.gaps.capabilities:
            gap_row(planned, g, "en")
            assert len(gap_rows._GAP_ROWS) <= 4


@pytest.mark.parametrize("name", QUESTIONNAIRES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shared_in_place_reasons_equal_fresh_ones(name: str, lang: str) -> None:
    plan_text._IN_PLACE.clear()
    seen = 0
    for planned in _planned(name, 40) * 2:
        q, result = planned.scored.questionnaire, planned.scored.result
        for item in planned.roadmap.not_scheduled:
            got = not_scheduled_reason(item, q, result, lang)  # type: ignore[arg-type]
            if item.status != "in-place-evidence":
                continue
            seen += 1
            fresh = say("plan", lang, "in_place_evidence",  # type: ignore[arg-type]
                        answers=answers_text(item.evidence, lang, q))  # type: ignore[arg-type]  # fmt: skip
            assert got.startswith(fresh)
            assert got == fresh + plan_text._kpi_open(item.id, q, result, lang)  # type: ignore[arg-type]
    assert seen


def test_gaps_by_id_finds_what_a_scan_finds() -> None:
    for planned in _planned("bank-fintech", 3):
        by_id = _gaps_by_id(planned.gaps)
        assert _gaps_by_id(planned.gaps) is by_id
        for g in planned.gaps.capabilities:
            assert by_id[g.id] is planned.gaps.capability(g.id)
