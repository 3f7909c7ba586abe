"""branch-fintech 2.x: what only a branch can tell, compared within its branch type."""

from __future__ import annotations

from functools import lru_cache

from capassess.catalog import load_questionnaire
from capassess.consistency import check_questionnaire
from capassess.model.questionnaire import Questionnaire
from tests.batch.helpers import read_csv
from tests.conftest import ROOT

HEAD_OFFICE_FIGURES = {"b-data-entry", "b-data-issues", "b-staff-trained", "b-paperless",
                       "b-online-loans", "b-mobile-share", "b-online-open", "b-app-mau",
                       "b-cross-hold", "b-churn-follow"}  # fmt: skip


@lru_cache(maxsize=1)
def branch() -> Questionnaire:
    """The current branch form."""
    return load_questionnaire(ROOT / "questionnaires" / "branch-fintech.yaml")


def test_version_2_without_warnings() -> None:
    assert branch().version.startswith("2.") and check_questionnaire(branch()) == []


def test_figures_head_office_holds_are_not_asked() -> None:
    assert not HEAD_OFFICE_FIGURES & set(branch().question_map())


def test_no_count_that_favours_large_branches() -> None:
    for _, _, q in branch().questions():
        if q.type == "number":
            assert q.min is not None and q.max is not None, q.id
            assert q.help and "Thresholds" in q.help.en and "阈值来源" in (q.help.zh or "")


def test_every_level_question_requires_evidence() -> None:
    assert all(q.evidence == "required" for _, _, q in branch().questions() if q.type == "level")


def test_e_cny_anti_fraud_and_age_friendly_service_are_asked() -> None:
    texts = " ".join(q.text.zh or "" for _, _, q in branch().questions())
    for word in ("数字人民币", "反诈", "适老化"):
        assert word in texts


def test_a_profile_per_branch_type_and_a_type_column_in_the_example() -> None:
    profiles = {p.id for p in branch().profiles}
    assert profiles == {"city-branch", "county-branch", "community-branch"}
    rows = read_csv(ROOT / "examples" / "branches.csv")
    assert {r["branch_type"] for r in rows} == {"city", "county", "community"}
