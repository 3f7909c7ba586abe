"""Unanswered questions are "not assessed", never a weak bank, in every part of the advice:

- a foundation capability nobody answered caps nothing; the level is "to be confirmed";
- the headline compares score, target and attainment on one base, the assessed one;
- a gap that answers to the blank questions could close is provisional: out of the top
  gaps, with no execution-gap advice;
- an action without ``done_when`` is not scheduled on a score that blanks hold down;
- an answered question whose condition waits on a blank one says so;
- a unit with nothing answered gets no finding at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from capassess.cli import main
from capassess.headline import find_headline
from capassess.model.plan import Unscheduled
from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.messages import key_messages
from capassess.texts import words
from tests.conftest import ROOT

ACME = ROOT / "examples" / "acme-bank.yaml"
BRANCH = ROOT / "examples" / "branches" / "hangzhou-west.yaml"


def _without(tmp_path: Path, source: Path, drop: Any, name: str = "x") -> Path:
    """A copy of ``source`` without the answers whose id ``drop(id)`` accepts."""
    yaml = YAML()
    data = yaml.load(source.read_text("utf-8"))
    for qid in [k for k in data["answers"] if drop(str(k))]:
        del data["answers"][qid]
    out = tmp_path / f"{name}.yaml"
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


def _title(planned: Any, cap_id: str, lang: str) -> str:
    caps = planned.scored.questionnaire.capabilities()
    return str(next(c for _, c in caps if c.id == cap_id).title.get(lang))


def _cli(*args: str | Path) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_foundation_capability_nobody_answered_caps_nothing(tmp_path: Path, lang: str) -> None:
    silent = _without(tmp_path, ACME, lambda q: q.startswith("te-"))
    planned = plan_file(silent, PlanOptions())
    overall = planned.scored.result.overall
    assert "tech-ethics" not in overall.capped_by
    assert overall.unconfirmed_by == ["tech-ethics"]
    full = plan_file(ACME, PlanOptions()).scored.result.overall
    assert overall.level == full.level  # ethics was not capping the example bank either
    t = words("report", lang)  # type: ignore[arg-type]
    title = _title(planned, "tech-ethics", lang)
    md = _cli("report", silent, "-f", "md", "-o", "-", "--lang", lang)
    assert t["unconfirmed_by"].format(names=title) in md
    assert t["risk_unconfirmed"] in md
    foundation = find_headline(planned.scored.result, planned.gaps).foundation
    assert foundation is not None and "tech-ethics" not in foundation.lowest


def test_score_json_lists_the_gates_left_to_confirm(tmp_path: Path) -> None:
    import json

    silent = _without(tmp_path, ACME, lambda q: q.startswith("te-"))
    data = json.loads(CliRunner().invoke(main, ["score", str(silent), "--format", "json"]).stdout)
    assert data["overall"]["unconfirmed_by"] == ["tech-ethics"]
    assert "tech-ethics" not in data["overall"]["capped_by"]


def test_the_headline_reads_score_target_and_attainment_on_one_base(tmp_path: Path) -> None:
    silent = _without(tmp_path, ACME, lambda q: q.startswith("sc-"))
    planned = plan_file(silent, PlanOptions())
    head = find_headline(planned.scored.result, planned.gaps)
    assert head.counted_unanswered == ["supply-chain"]
    rows = [g for g in planned.gaps.capabilities if g.id in head.overall.capabilities]
    weight = sum(g.global_weight for g in rows)
    by_hand = sum(g.global_weight * (g.score or 0) for g in rows) / weight
    assert head.overall.base_score == pytest.approx(by_hand)
    assert head.overall.base_score != pytest.approx(head.overall.score)
    report = build_report(planned)
    assert f"{by_hand:.2f}" in report.summary.target_note
    assert f"{by_hand:.2f}" in key_messages(report)[0]
    # with every capability assessed there is one base, and no second score
    full = plan_file(ACME, PlanOptions())
    assert find_headline(full.scored.result, full.gaps).overall.base_score is None


def test_a_gap_that_blank_questions_could_close_is_provisional(tmp_path: Path) -> None:
    # the example bank at its answers: scenarios meet their target (3.50 against 3)
    full = plan_file(ACME, PlanOptions())
    assert full.gaps.capability("rnd-scenarios").met
    blanks = {"rs-stp", "rs-measured"}
    partial = _without(tmp_path, ACME, lambda q: q in blanks)
    planned = plan_file(partial, PlanOptions())
    g = planned.gaps.capability("rnd-scenarios")
    assert not g.met and g.provisional and set(g.unanswered) == blanks
    report = build_report(planned)
    assert "rnd-scenarios" not in [row.id for row in report.summary.top_gaps]
    assert "rnd-scenarios" not in [s.capability_id for s in planned.roadmap.shortfalls]
    messages = key_messages(report)
    title = _title(planned, "rnd-scenarios", "en")
    assert any(title in m for m in messages if m.startswith("Provisional"))
    assert not any(title in m for m in messages if m.startswith("Highest-priority"))


def test_a_gap_the_answers_show_is_firm_whatever_the_blanks() -> None:
    planned = plan_file(ACME, PlanOptions())
    # every gap of the example is on answered questions or too wide for its one blank
    assert [g.id for g in planned.gaps.capabilities if g.provisional] == []


def test_no_action_without_done_when_rests_on_blank_questions(tmp_path: Path) -> None:
    """Branch: keep only the level answers. An action without done_when is scheduled by
    score only when the blanks, answered at their best, could not reach its level."""
    levels_only = _without(tmp_path, BRANCH, lambda q: not q.endswith("-level"))
    planned = plan_file(levels_only, PlanOptions())
    full = plan_file(BRANCH, PlanOptions())
    left = {n.id: n for n in planned.roadmap.not_scheduled}
    assert "act-b-ac-bundle" not in {a.id for a in planned.roadmap.actions}
    assert "act-b-ac-bundle" not in {a.id for a in full.roadmap.actions}
    assert left["act-b-ac-bundle"].status == "to-confirm"
    assert left["act-b-ac-bundle"].to_answer == ["b-wecom"]
    for a in planned.roadmap.actions:
        if a.basis == "score":
            cap = planned.gaps.capability(a.capability_id)
            assert not cap.provisional, a.id


def test_an_answer_waiting_on_a_blank_condition_says_so(tmp_path: Path) -> None:
    blank = _without(tmp_path, ACME, lambda q: q == "rs-scenarios")
    result = CliRunner().invoke(main, ["score", str(blank)])
    assert "cannot hold while rs-scenarios is unanswered" in result.output
    assert "is false on these answers" not in result.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_answered_gives_no_finding(tmp_path: Path, lang: str) -> None:
    empty = _without(tmp_path, BRANCH, lambda q: True)
    planned = plan_file(empty, PlanOptions())
    messages = key_messages(build_report(planned, lang))  # type: ignore[arg-type]
    assert messages == (words("report", lang)["km_nothing_assessed"],)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", get_args(Unscheduled))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_reason_to_leave_a_dependency_off_has_words(status: str, lang: str) -> None:
    assert words("report", lang)[f"dep_{status.replace('-', '_')}"]  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["md", "html", "pptx"])
def test_a_report_with_a_capability_answered_n_a_throughout_renders(
    tmp_path: Path, fmt: str
) -> None:
    """act-lc-journeys depends on act-rf-define, whose capability is answered n/a: the
    dependency is not applicable, and every report kind says so."""
    yaml = YAML()
    data = yaml.load(ACME.read_text("utf-8"))
    for qid in list(data["answers"]):
        if str(qid).startswith("rf-"):
            data["answers"][qid] = {"value": "n/a"}
    source = tmp_path / "na.yaml"
    with source.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    left = {n.id: n for n in plan_file(source, PlanOptions()).roadmap.not_scheduled}
    assert left["act-rf-define"].status == "not-applicable"
    out = tmp_path / f"r.{fmt}"
    result = CliRunner().invoke(main, ["report", str(source), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "md":
        assert "not applicable (its capability is answered n/a)" in out.read_text("utf-8")


def test_the_plan_headline_says_the_level_is_to_confirm_and_counts_the_scored_base(
    tmp_path: Path,
) -> None:
    silent = _without(tmp_path, ACME, lambda q: q.startswith(("te-", "sc-")))
    planned = plan_file(silent, PlanOptions())
    lessons = find_headline(planned.scored.result, planned.gaps).overall.capabilities
    out = CliRunner().invoke(main, ["plan", str(silent)], env={"COLUMNS": "400"}).stdout
    first = " ".join(out.split("\n")[:4])
    assert "to be confirmed once the questions of Technology ethics are answered" in first
    assert f"assessed capabilities of the scored dimensions: {len(lessons)})" in first
    assert "supply-chain" not in lessons and len(lessons) == 18


def test_every_question_count_of_a_report_is_on_one_base(tmp_path: Path) -> None:
    """Blank answers, an n/a one, and answers a condition skips (rs-fraud-realtime, with
    rs-scenarios blank): the banner's "unanswered: n of N", the card's "answered: k of N"
    and the scope's evidence count agree."""
    import re

    from capassess.plan_text import completeness_warnings
    from capassess.report.scope import _evidenced

    blanks = {"rs-scenarios", "dg-level", "ct-coverage"}
    source = _without(tmp_path, ACME, lambda q: q in blanks)
    planned = plan_file(source, PlanOptions())
    result = planned.scored.result
    summary = build_report(planned).summary
    banner = completeness_warnings(planned.scored.questionnaire, result)[0]
    n, total = map(int, re.search(r"(\d+) of (\d+)", banner).groups())  # type: ignore[union-attr]
    assert total == summary.asked and n + summary.answered == summary.asked
    scored = sum(c.answered for c in result.capabilities())
    assert "rs-fraud-realtime" in result.question_ids("skipped")
    assert _evidenced(planned) <= scored
