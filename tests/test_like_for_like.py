"""A capability one assessment left unassessed is no progress in the other: when a
baseline (or the new assessment) assessed a capability the other did not, the change in
the overall score is also given over the capabilities both assessed, in the report's
progress section, in ``compare`` and in its JSON.

The oracle is independent of the code under test: the like-for-like overall score equals
the overall score of the same answers file with every question of the capabilities left
out answered n/a (a capability answered n/a throughout leaves the sums)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from capassess.cli import main
from capassess.like_for_like import like_for_like
from capassess.planning import PlanOptions, load_scored, plan_file
from capassess.report.build import build_report
from capassess.report.render import render_model
from capassess.texts import words

ROOT = Path(__file__).resolve().parent.parent
NEW = ROOT / "examples" / "acme-bank.yaml"
OLD = ROOT / "examples" / "acme-bank-2025.yaml"


def _questions(cap: str) -> list[str]:
    q = load_scored(NEW).questionnaire
    return [qq.id for _, c in q.capabilities() if c.id == cap for qq in c.questions]


def _copy(tmp_path: Path, source: Path, name: str, blank: list[str], na: list[str] = ()) -> Path:
    """``source`` with the questions of the ``blank`` capabilities unanswered and those of
    the ``na`` capabilities answered n/a."""
    yaml = YAML()
    data = yaml.load(source.read_text("utf-8"))
    answers = data["answers"]
    for cap in blank:
        for qid in _questions(cap):
            answers.pop(qid, None)
    for cap in na:
        for qid in _questions(cap):
            answers[qid] = {"value": "n/a"}
    out = tmp_path / f"{name}.yaml"
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


CASES = [
    # (capabilities blank in the baseline, blank in the new one, those left out or None)
    (["data-application"], [], ["data-application"]),
    ([], ["open-api"], ["open-api"]),
    (["open-api"], ["data-application"], ["data-application", "open-api"]),
    (["open-api"], ["open-api"], None),  # the same blind spot: like for like already
    ([], [], None),
]


@pytest.mark.parametrize(("old_blank", "new_blank", "left_out"), CASES)
def test_like_for_like_leaves_out_what_one_side_did_not_assess(
    tmp_path: Path, old_blank: list[str], new_blank: list[str], left_out: list[str] | None
) -> None:
    old = load_scored(_copy(tmp_path, OLD, "old", old_blank))
    new = load_scored(_copy(tmp_path, NEW, "new", new_blank))
    like = like_for_like(new.questionnaire, old.result, new.result, old.questionnaire.ref)
    if left_out is None:
        assert like is None
        return
    assert like is not None and like.left_out == left_out
    both = sorted(set(old_blank) | set(new_blank))
    oracle_old = load_scored(_copy(tmp_path, OLD, "old-na", [], both)).result.overall.score
    oracle_new = load_scored(_copy(tmp_path, NEW, "new-na", [], both)).result.overall.score
    assert like.old == pytest.approx(oracle_old)
    assert like.new == pytest.approx(oracle_new)
    assert like.old != pytest.approx(old.result.overall.score) or like.new != pytest.approx(
        new.result.overall.score
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_and_compare_say_so(tmp_path: Path, lang: Any) -> None:
    base = _copy(tmp_path, OLD, "old", ["data-application"])
    planned = plan_file(NEW, PlanOptions(baseline=str(base)))
    report = build_report(planned, lang)
    assert report.progress is not None and report.progress.like_for_like is not None
    note = report.progress.like_for_like
    name = "Data analysis and application" if lang == "en" else "数据分析与应用"
    assert name in note and "1.97" in note and "2.83" in note and "+0.86" in note
    for fmt in ("md", "html"):
        assert note in render_model(report, fmt)
    plain = build_report(plan_file(NEW, PlanOptions(baseline=str(OLD))), lang)
    assert plain.progress is not None and plain.progress.like_for_like is None
    assert words("report", lang)["like_for_like"].split("{")[0] not in render_model(plain, "md")
    compared = CliRunner().invoke(main, ["compare", str(base), str(NEW), "--format", "json"])
    planned_json = CliRunner().invoke(
        main, ["plan", str(NEW), "--baseline", str(base), "--format", "json"]
    )
    for result, where in ((compared, ()), (planned_json, ("baseline",))):
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        for key in where:
            data = data[key]
        like = data["like_for_like"]
        assert like["left_out"] == ["data-application"]
        assert round(like["old"], 2) == 1.97 and round(like["new"], 2) == 2.83


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compare_speaks_the_language_asked(tmp_path: Path, lang: Any) -> None:
    """``compare --lang`` prints its headers, the like-for-like line, the changed answers
    and the old roadmap's KPI statuses in that language, as plan and report do."""
    base = _copy(tmp_path, OLD, "old", ["data-application"])
    result = CliRunner().invoke(main, ["compare", str(base), str(NEW), "--lang", lang],
                                env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.output
    t = words("views", lang)
    other = words("views", "zh" if lang == "en" else "en")
    for key in ("cmp_node", "cmp_change", "cmp_answers", "cmp_kpis", "kpi_not_met"):
        assert t[key] in result.stdout, key
    assert t["cmp_like"].split("{")[0].replace("[yellow]", "").replace("[/]", "") in result.stdout
    for key in ("cmp_answers", "cmp_kpis"):
        assert other[key] not in result.stdout, key
