"""What a board reads about what was not assessed, in every format and both languages:

- a foundation (or the scored dimensions) with no answered question is "not assessed",
  never a score of 1.00 against a target of "—";
- a question answered n/a is said to be n/a, not asked to be answered;
- the floor the foundation gate speaks of is defined;
- the heat map marks a provisional gap, and says when a dimension's score counts
  capabilities not assessed (the base the summary card does not use).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from ruamel.yaml import YAML

from capassess.plan_text import definitions
from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import render_deck
from capassess.report.render import render_model
from capassess.texts import words
from tests.conftest import ROOT

ACME = ROOT / "examples" / "acme-bank.yaml"
LANGS = ("en", "zh")


def _edited(tmp_path: Path, name: str, edit: Any) -> Path:
    """A copy of the example bank whose answers ``edit(answers, questionnaire)`` changed."""
    yaml = YAML()
    data = yaml.load(ACME.read_text("utf-8"))
    edit(data["answers"], plan_file(ACME, PlanOptions()).scored.questionnaire)
    out = tmp_path / f"{name}.yaml"
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


def render_markdown(report: Any) -> str:
    return render_model(report, "md")


def render_html(report: Any) -> str:
    return render_model(report, "html")


def _foundation_ids(q: Any) -> set[str]:
    return {question.id for cap in q.foundation.capabilities for question in cap.questions}


def _drop(answers: Any, ids: set[str], keep: bool = False) -> None:
    for qid in [k for k in answers if (str(k) in ids) != keep]:
        del answers[qid]


def _deck_text(report: Any) -> str:
    prs = Presentation(io.BytesIO(render_deck(report)))
    found = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            if shape.has_table:
                found += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(found)


def _outputs(path: Path, lang: str) -> tuple[Any, dict[str, str]]:
    report = build_report(plan_file(path, PlanOptions()), lang)
    return report, {
        "md": render_markdown(report),
        "html": render_html(report),
        "pptx": _deck_text(report),
    }


@pytest.fixture(scope="module")
def no_foundation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("nofound")
    return _edited(tmp, "nofound", lambda a, q: _drop(a, _foundation_ids(q)))


@pytest.mark.parametrize("lang", LANGS)
def test_a_foundation_nobody_answered_is_not_assessed_everywhere(
    no_foundation: Path, lang: str
) -> None:
    t = words("report", lang)
    report, out = _outputs(no_foundation, lang)
    f = report.summary.foundation
    assert f is not None and not f.assessed
    assert f.score is None and f.target is None and f.level is None
    assert f.note == t["not_assessed"]
    scores = t["km_foundation"].split("{score}")[0]  # "...: it scores" / "...其得分"
    for kind, text in out.items():
        assert t["km_foundation_not_assessed"] in text, kind
        assert scores not in text, kind
        assert t["foundation_card"].split("{score}")[0] + "1.00" not in text, kind
    # the summary card: "not assessed" alone, no level, score or target
    row = next(line for line in out["md"].splitlines() if t["foundation_gate"] in line)
    cells = out["md"].splitlines()[out["md"].splitlines().index(row) + 2].split("|")
    column = [c.strip() for c in row.split("|")].index(t["foundation_gate"])
    assert cells[column].strip() == t["not_assessed"]
    card = re.search(
        rf'<div class="label">{re.escape(t["foundation_gate"])}</div>(.*?)</div>\s*</div>',
        out["html"],
        re.S,
    )
    assert card is not None
    assert t["not_assessed"] in card.group(1) and "1.00" not in card.group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_scored_dimensions_nobody_answered_are_not_assessed(tmp_path: Path, lang: str) -> None:
    only = _edited(tmp_path, "foundonly", lambda a, q: _drop(a, _foundation_ids(q), keep=True))
    t = words("report", lang)
    report, out = _outputs(only, lang)
    score = f"{report.summary.overall_score:.2f}"
    said = t["km_overall_not_assessed_counted"].format(score=score)
    assert report.key_messages[0] == said
    assert report.summary.target_note == t["not_assessed"]
    # nothing is said of the scored dimensions' gaps: none is assessed
    assert t["km_lessons_met"] not in report.key_messages
    assert not any(m.startswith(t["km_weakest"].split("{")[0]) for m in report.key_messages)
    for kind, text in out.items():
        assert said in text, kind
        assert t["km_overall"].split("{level}")[0] not in text, kind


@pytest.mark.parametrize("lang", LANGS)
def test_an_action_resting_on_an_n_a_answer_says_n_a_not_answer(tmp_path: Path, lang: str) -> None:
    def edit(answers: Any, _q: Any) -> None:
        answers["dq-standards"] = "n/a"

    path = _edited(tmp_path, "na", edit)
    planned = plan_file(path, PlanOptions())
    confirm = [n for n in planned.roadmap.not_scheduled if "dq-standards" in n.moot]
    assert not any("dq-standards" in n.to_answer for n in planned.roadmap.not_scheduled)
    assert confirm, "the example's data-standards action should wait on dq-standards"
    report = build_report(planned, lang)
    p = words("plan", lang)
    question = p["cond_question"].format(
        text=planned.scored.questionnaire.question_map()["dq-standards"].text.get(lang).strip()
    )
    rows = [r for r in report.advice.left_off if r.id == confirm[0].id]
    assert rows[0].reason == p["to_confirm_na"].format(na=question)
    ask = p["to_confirm"].split("{questions}")[0] + question
    assert ask not in render_markdown(report)


@pytest.mark.parametrize("lang", LANGS)
def test_the_floor_is_defined_where_it_is_used(lang: str) -> None:
    p, t = words("plan", lang), words("report", lang)
    floor = "floor" if lang == "en" else "底线"
    assert floor in t["km_capped"] + t["risk_gate_text"]
    defined = dict(definitions(lang))
    assert floor in p["term_floor"] and p["term_floor"] in defined
    report = build_report(plan_file(ACME, PlanOptions()), lang)
    assert p["define_floor"] in render_markdown(report)
    assert p["define_floor"].replace("'", "&#39;") in render_html(report)


@pytest.mark.parametrize("lang", LANGS)
def test_the_heat_map_marks_provisional_gaps_and_the_dimension_base(
    tmp_path: Path, lang: str
) -> None:
    t = words("report", lang)
    prov = _edited(tmp_path, "prov", lambda a, q: _drop(a, {"dq-level"}))
    report, out = _outputs(prov, lang)
    gap = next(g for g in report.gaps if g.provisional_note)
    mark = f"{gap.title} {gap.score:.2f} / {gap.target}{t['po']}{gap.provisional_note}{t['pc']}"
    assert mark in out["md"].split(t["heatmap"])[1].split("\n## ")[0]
    assert mark in out["pptx"]
    html = out["html"].split('id="heatmap"')[1].split("</section>")[0]
    assert f"{gap.provisional_note}{t['pc']}" in html

    silent = _edited(tmp_path, "nofte", lambda a, q: _drop(a, {"te-level", "te-practices"}))
    report, out = _outputs(silent, lang)
    dim = next(d for d in report.dimensions if d.policy_counted)
    counted = t["heat_counted"].format(
        score=f"{dim.score:.2f}", caps=t["list_sep"].join(dim.policy_counted)
    )
    heat = out["md"].split(t["heatmap"])[1].split("\n## ")[0]
    assert f"{t['po']}{counted}{t['pc']}" in heat
    assert counted in out["pptx"] and counted in out["html"]
