"""What bank-fintech 2.x promises a CIO: a gating foundation, evidence, ratios, sources."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pytest
from click.testing import CliRunner

from capassess.catalog import load_questionnaire
from capassess.cli import main
from capassess.consistency import check_questionnaire
from capassess.model.base import BANK_TYPES
from capassess.model.questionnaire import Questionnaire
from tests.conftest import DATA, ROOT

SHIPPED = ROOT / "questionnaires"
TIME_UNITS = {"days", "weeks", "months"}


@lru_cache(maxsize=1)
def bank() -> Questionnaire:
    """The current bank questionnaire."""
    return load_questionnaire(SHIPPED / "bank-fintech.yaml")


def test_it_is_version_2_and_validates_without_warnings(runner: CliRunner) -> None:
    assert bank().version.startswith("2.")
    assert check_questionnaire(bank()) == []
    result = runner.invoke(main, ["validate", str(SHIPPED / "bank-fintech.yaml")])
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_the_foundation_covers_what_supervisors_examine_first() -> None:
    foundation = bank().foundation
    assert foundation is not None
    ids = {cap.id for cap in foundation.capabilities}
    assert ids == {"tech-governance", "cyber-security", "continuity", "secure-technology",
                   "tech-ethics", "ai-governance"}  # fmt: skip
    for cap in foundation.capabilities:
        assert cap.references, cap.id  # tied to the standard that defines it
        levels = [q for q in cap.questions if q.type == "level"]
        assert len(levels) == 1 and levels[0].evidence == "required"
        assert len({t.en for t in levels[0].levels}) == 5
        assert cap.actions and all(a.done_when and a.owner and a.cost for a in cap.actions)


def test_every_level_question_requires_evidence() -> None:
    for _, _, q in bank().questions():
        if q.type == "level":
            assert q.evidence == "required", q.id


def test_no_number_question_is_an_absolute_count() -> None:
    for _, _, q in bank().questions():
        if q.type != "number":
            continue
        unit = (q.unit.en if q.unit else "").split()
        bounded = q.max is not None and q.min is not None
        assert bounded or (unit and unit[0] in TIME_UNITS), f"{q.id}: {q.unit}"


def test_every_number_question_names_the_source_of_its_thresholds() -> None:
    for _, _, q in bank().questions():
        if q.type == "number":
            assert q.help is not None, q.id
            assert "Thresholds" in (q.help.en or ""), q.id
            assert "阈值来源" in (q.help.zh or ""), q.id


def test_both_languages_everywhere() -> None:
    def texts(value: object) -> list[dict[str, object]]:
        if isinstance(value, dict):
            if set(value) == {"en", "zh"}:
                return [value]
            return [t for v in value.values() for t in texts(v)]
        if isinstance(value, list):
            return [t for v in value for t in texts(v)]
        return []

    found = texts(bank().model_dump(mode="json"))
    assert len(found) > 500
    assert all(t["en"] and t["zh"] for t in found)


def test_chinese_wording_reported_in_review_is_gone() -> None:
    text = (SHIPPED / "bank-fintech.yaml").read_text("utf-8")
    for phrase in ("对照对照组", "基于受控数据", "竞争优势的来源", "行业最佳实践之列", "首选雇主",
                   "提交修复和功能", '"% 的'):  # fmt: skip
        assert phrase not in text


def test_dependencies_named_in_review_are_declared() -> None:
    actions = {a.id: a for _, cap in bank().capabilities() for a in cap.actions}
    assert "act-it-mrm" in actions["act-rs-portfolio"].depends_on
    assert {"act-di-platform", "act-ct-library"} <= set(actions["act-ch-model"].depends_on)
    assert "act-ct-library" in actions["act-rf-monthly"].depends_on
    assert "act-ct-library" in actions["act-pm-models"].depends_on


def test_a_profile_per_bank_type_covering_every_capability() -> None:
    by_type = {p.bank_type: p for p in bank().profiles if p.bank_type}
    assert set(by_type) == set(BANK_TYPES)
    for profile in by_type.values():
        assert profile.default is not None
        assert set(profile.targets) <= {cap.id for _, cap in bank().capabilities()}


def test_shared_platforms_are_an_answer_scored_as_high_as_an_own_one() -> None:
    source = bank().question_map()["cl-source"]
    scores = {o.id: o.score for o in source.options}  # type: ignore[union-attr]
    assert scores["shared-managed"] == scores["own"] == 1
    assert "省联社" in (source.help.zh if source.help else "")


@pytest.mark.parametrize("model", ["weighted-mean", "staged"])
def test_the_example_bank_is_gated_by_its_weakest_foundation_capability(model: str) -> None:
    runner = CliRunner()
    args = ["score", str(ROOT / "examples" / "acme-bank.yaml"), "--format", "json"]
    data = json.loads(runner.invoke(main, [*args, "--model", model]).stdout)
    foundation = data["dimensions"][-1]
    lowest = min(c["level"] for c in foundation["capabilities"])
    assert data["overall"]["level"] == min(lowest, data["overall"]["uncapped_level"])


def test_compare_maps_a_1_0_0_assessment_onto_2_0_0(runner: CliRunner) -> None:
    old, new = DATA / "answers" / "acme-bank-1.0.0.yaml", ROOT / "examples" / "acme-bank.yaml"
    result = runner.invoke(main, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("bank-fintech@1.0.0", "bank-fintech@2.0.0")
    assert data["renamed"] == {
        "da-models": "da-model-coverage",
        "ri-spend": "ri-tech-spend",
        "oa-api-count": "oa-api-share",
        "pm-cross-holding": "pm-multi-category",
        "sc-chains": "sc-chain-share",
    }
    assert data["dropped"] == ["it-retrain", "cl-export"]
    assert {"foundation", "continuity", "lc-mau", "da-assets"} <= set(data["added"])
    moved = {a["id"]: a for a in data["answers"]}
    assert moved["oa-api-share"]["old_id"] == "oa-api-count"
    assert not any(re.fullmatch(r"it-retrain|cl-export", n["id"]) for n in data["nodes"])


def test_a_bank_type_brings_its_profile_unless_a_target_is_given(tmp_path) -> None:
    from capassess.planning import PlanOptions, plan_file

    acme = ROOT / "examples" / "acme-bank.yaml"
    planned = plan_file(acme, PlanOptions())
    security = planned.targets["data-security"]
    assert (security.level, security.source) == (4, "profile")  # city-commercial: 4
    assert planned.targets["rnd-productisation"].level == 2
    chosen = plan_file(acme, PlanOptions(target="digital-leader"))
    assert chosen.targets["rnd-productisation"].level == 5
    assert plan_file(acme, PlanOptions(target_level=5)).targets["data-security"].level == 5
    untyped = tmp_path / "untyped.yaml"
    untyped.write_text(acme.read_text("utf-8").replace("  bank_type: city-commercial\n", ""))
    assert plan_file(untyped, PlanOptions()).targets["data-security"].source == "questionnaire"


@pytest.mark.parametrize(
    ("share", "level"),
    [(0, 1), (50, 1), (75, 1), (90, 1), (98, 1), (99, 2), (99.5, 3), (99.9, 4), (100, 5)],
)
def test_a_classified_protection_lapse_is_no_stage_of_maturity(share: float, level: int) -> None:
    """The yearly assessment of level-3+ systems is mandatory: below 100% is a breach, so any
    share a bank of ordinary size can have short of 100% is level 1, not 'Managed'."""
    question = bank().question_map()["cs-assessed"]
    assert question.type == "number"
    assert question.level_of(share) == level
    assert question.help is not None and "breach" in question.help.en and "违规" in question.help.zh


def test_the_actions_and_checks_on_classified_protection_ask_for_every_system() -> None:
    q = bank()
    grading = next(a for _, a in q.actions() if a.id == "act-cs-grading")
    assert grading.done_when == "cs-assessed >= 100"
    check = next(c for c in q.checks if c.id == "chk-security-assessed")
    assert check.when == "cs-level >= 3 and cs-assessed < 100"
