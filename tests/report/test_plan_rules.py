"""What the report says of its plan, in every format and both languages: actions to
confirm, execution gaps with no new project, no empty phase or "0 actions" row, a roadmap
dated before the report, progress at or past the target, the definitions of its numbers."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import render_deck
from capassess.report.render import render_model, report_json
from capassess.texts import words
from tests.report.helpers import example_bank

BANK = example_bank()
pytestmark = pytest.mark.skipif(BANK is None, reason="the example bank is not installed")
LATE = dt.date(2027, 6, 1)  # after the example's assessment month (2026-03)
EARLY = dt.date(2026, 3, 20)


def _without(tmp_path: Path, *questions: str, **values: object) -> Path:
    """The example's answers with ``questions`` unanswered and ``values`` changed (``_``
    for ``-`` in their ids)."""
    assert BANK is not None
    yaml = YAML()
    data = yaml.load(BANK.answers.read_text(encoding="utf-8"))
    for q in questions:
        del data["answers"][q]
    for q, value in values.items():
        data["answers"][q.replace("_", "-")]["value"] = value
    out = tmp_path / "answers.yaml"
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return out


def _deck_text(report) -> str:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(render_deck(report)))
    return "\n".join(s.text_frame.text for slide in prs.slides for s in slide.shapes
                     if s.has_text_frame)  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_action_resting_on_an_unanswered_question_is_to_confirm_everywhere(
    tmp_path: Path, lang: str
) -> None:
    planned = plan_file(
        _without(tmp_path, "dq-standards", "dq-auto-checks", "dq-fix-days"), PlanOptions()
    )  # as the review's half.yaml: only dq-level = 2 left
    assert "act-dq-rules" not in {a.id for a in planned.roadmap.actions}
    data = json.loads(report_json(planned))
    (left,) = [n for n in data["roadmap"]["not_scheduled"] if n["id"] == "act-dq-rules"]
    assert left["status"] == "to-confirm" and left["to_answer"] == ["dq-auto-checks"]
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    (row,) = [r for r in report.advice.left_off if r.id == "act-dq-rules"]
    question = planned.scored.questionnaire.question_map()["dq-auto-checks"]
    assert question.text.get(lang).strip() in row.reason  # the question in words
    for fmt in ("md", "html"):
        assert row.reason in html.unescape(render_model(report, fmt))  # type: ignore[arg-type]
    assert words("report", lang)["km_to_confirm"].strip().split("{")[0] in report.key_messages[-1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_execution_gaps_schedule_nothing_and_every_part_of_the_report_says_so(lang: str) -> None:
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions())
    gaps = {s.capability_id for s in planned.roadmap.shortfalls}
    assert "rnd-productisation" in gaps  # 1.88 against 2, its ladder in place
    assert not {a.capability_id for a in planned.roadmap.actions} & gaps
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    t = words("report", lang)
    title = next(g.title for g in report.gaps if g.id == "rnd-productisation")
    assert title in report.advice.shortfall_titles
    assert any(r.risk == t["risk_shortfall"] for r in report.risks)
    assert t["km_execution"].split("{")[0].strip() in report.key_messages[-1]
    md = render_model(report, "md")
    assert t["shortfalls"] in md and title in md
    assert t["deck_step_execution"].split("{")[0] in _deck_text(report)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bank_at_target_gets_one_sentence_and_no_empty_phase(lang: str) -> None:
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions(target_level=1))
    assert planned.roadmap.actions == []
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    t = words("report", lang)
    assert report.phases == () and report.roadmap_text == t["km_no_roadmap"]
    for fmt in ("md", "html"):
        out = html.unescape(render_model(report, fmt))  # type: ignore[arg-type]
        assert t["km_no_roadmap"] in out
        assert t["actions_count"].format(n=0) not in out
        assert t["phase"] + " |" not in out  # no roadmap table header
    assert t["km_no_roadmap"] in _deck_text(report)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_phase_row_counts_zero_actions(lang: str) -> None:
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions(boundaries=(0, 6, 18, 36, 120)))
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    shown = {p.index for p in report.phases}
    for p in planned.roadmap.phases:
        busy = bool(p.actions or p.completed or p.in_flight)
        assert (p.index in shown) == busy
    assert len(shown) < len(planned.roadmap.phases)  # the 36-120 window is empty
    md = render_model(report, "md")
    assert words("report", lang)["actions_count"].format(n=0) not in md


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_roadmap_dated_before_the_report_says_how_to_replan(lang: str) -> None:
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions())
    late = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    note = late.advice.start_note
    redate = words("plan", lang)["past_start_assessed_reader"].split("{today}")[1]
    assert note and note.endswith(redate) and "2026-03" in note
    # the reader is told to re-date the plan; the option to do it is the analyst's (stderr)
    for fmt in ("md", "html"):
        text = html.unescape(render_model(late, fmt))  # type: ignore[arg-type]
        assert note in text and "--start" not in text
    assert note in _deck_text(late) and "--start" not in _deck_text(late)
    early = build_report(planned, lang, generated=EARLY)  # type: ignore[arg-type]
    assert early.advice.start_note is None
    assert "--start" not in render_model(early, "md")
    replanned = plan_file(BANK.answers, PlanOptions(start=dt.date(2027, 6, 1)))
    again = build_report(replanned, lang, generated=LATE)  # type: ignore[arg-type]
    assert again.advice.start_note is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_at_or_past_the_target_reads_target_met(lang: str) -> None:
    assert BANK is not None and BANK.baseline is not None
    planned = plan_file(BANK.answers, PlanOptions(baseline=str(BANK.baseline)))
    over = [g for g in planned.gaps.capabilities if g.progress is not None and g.progress > 1]
    assert over  # fintech cloud: (3.53 - 2.67) / (3 - 2.67) is about 260%
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    met = words("plan", lang)["progress_met"]
    rows = {r.id: r for r in report.progress.rows}
    for g in over:
        assert rows[g.id].progress_text == met
    md = render_model(report, "md")
    assert not any(f"{g.progress:.0%}" in md for g in over)
    data = json.loads(report_json(planned))
    by_id = {c["id"]: c for c in data["gaps"]["capabilities"]}
    for g in over:  # the JSON keeps the formula's value and adds the boolean
        assert by_id[g.id]["progress"] == pytest.approx(g.progress)
        assert by_id[g.id]["progress_met"] is True


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_definitions_state_the_projection_rule_and_the_dimension_gap(lang: str) -> None:
    assert BANK is not None
    report = build_report(plan_file(BANK.answers, PlanOptions()), lang, generated=LATE)  # type: ignore[arg-type]
    t = words("plan", lang)
    defined = dict(report.advice.definitions)
    assert defined[t["term_projected"]] == t["define_projected"]
    assert defined[t["term_dimension_gap"]] == t["define_dimension_gap"]
    md = render_model(report, "md")
    assert t["define_projected"] in md and t["define_dimension_gap"] in md


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_kpi_whose_measure_is_already_met_carries_a_note(tmp_path: Path, lang: str) -> None:
    planned = plan_file(_without(tmp_path, lc_mau=30), PlanOptions())  # the KPI asks 25
    (a,) = [a for a in planned.roadmap.actions if a.id == "act-lc-journeys"]
    assert a.kpi_flag == "met-now"
    assert [(e.question_id, e.value) for e in a.kpi_evidence] == [("lc-mau", 30)]
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    (row,) = [r for p in report.phases for r in p.actions if r.id == "act-lc-journeys"]
    mau = planned.scored.questionnaire.question_map()["lc-mau"].text.get(lang).strip()
    assert row.kpi_note and mau in row.kpi_note and "30" in row.kpi_note
    assert row.kpi_note in render_model(report, "md")
    assert row.kpi_note in html.unescape(render_model(report, "html"))
    data = json.loads(report_json(planned))
    (j,) = [x for x in data["roadmap"]["actions"] if x["id"] == "act-lc-journeys"]
    assert j["kpi_flag"] == "met-now"


def test_a_kpi_resting_on_an_na_answer_carries_a_note(tmp_path: Path) -> None:
    planned = plan_file(_without(tmp_path, sc_conversion="n/a"), PlanOptions())
    (a,) = [a for a in planned.roadmap.actions if a.id == "act-sc-platform"]
    assert a.kpi_flag == "not-applicable"
    assert [e.question_id for e in a.kpi_evidence] == ["sc-conversion"]
    report = build_report(planned, "en", generated=LATE)
    (row,) = [r for p in report.phases for r in p.actions if r.id == "act-sc-platform"]
    conversion = planned.scored.questionnaire.question_map()["sc-conversion"].text.get("en")
    assert row.kpi_note and conversion.strip() in row.kpi_note


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_target_no_action_reaches_is_not_called_an_execution_gap(
    tmp_path: Path, lang: str
) -> None:
    """Technology governance with its three actions in place (level 2 to 4) under a level-5
    target: no project can reach level 5, so the report, the deck and the terminal say the
    library has no action for it, never that the actions up to the target are in place."""
    from click.testing import CliRunner

    from capassess.cli import main

    answers = _without(tmp_path, tg_joint_share=60)
    planned = plan_file(answers, PlanOptions(target_level=5))
    (gap,) = [s for s in planned.roadmap.shortfalls if s.capability_id == "tech-governance"]
    assert gap.beyond_library == [5]
    data = json.loads(report_json(planned))
    shown = {s["capability_id"]: s for s in data["roadmap"]["shortfalls"]}
    assert shown["tech-governance"]["beyond_library"] == [5]
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    t = words("report", lang)
    title = next(g.title for g in report.gaps if g.id == "tech-governance")
    assert title in report.advice.beyond_library_titles
    assert title not in report.advice.shortfall_titles
    assert not any(title in line for line in report.advice.shortfalls)
    risks = {r.risk: r.detail for r in report.risks}
    assert title in risks[t["risk_beyond_library"]]
    assert title not in risks.get(t["risk_shortfall"], "")
    summary = report.key_messages[-1]
    assert t["km_beyond_library"].format(names=title) in summary
    for fmt in ("md", "html"):
        text = html.unescape(render_model(report, fmt))  # type: ignore[arg-type]
        assert t["beyond_library"] in text and report.advice.beyond_library[0] in text
    assert t["deck_step_beyond_library"].format(names=title) in _deck_text(report)
    out = CliRunner().invoke(
        main, ["plan", str(answers), "--target-level", "5", "--lang", lang], env={"COLUMNS": "400"}
    )
    line = next(x for x in out.output.splitlines() if x.startswith(title))
    assert words("views", lang)["shortfall_library"].split("{")[0] in line
    assert words("views", lang)["shortfall"].split("{")[0] not in line
