"""The deliverable's structure: the same section order in HTML and Markdown, key messages
written from the data, a heat map against target, evidence in an appendix."""

from __future__ import annotations

import re

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.i18n import strings
from capassess.report.render import render_report
from tests.report.helpers import banks, headings, parse_html

ORDER = ["summary", "heatmap", "dimensions", "gaps", "roadmap", "to_probe", "progress",
         "method", "appendix"]  # fmt: skip


@pytest.fixture(
    scope="module",
    params=[(b, lang) for b in banks() for lang in ("en", "zh")],
    ids=lambda p: f"{p[0].name}-{p[1]}",
)
def planned(request: pytest.FixtureRequest):
    bank, lang = request.param
    options = PlanOptions(baseline=str(bank.baseline) if bank.baseline else None)
    return lang, plan_file(bank.answers, options, bank.dirs)


def text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def expected_h2(lang: str, has_progress: bool) -> list[str]:
    t = strings(lang)
    return [t[key] for key in ORDER if key != "progress" or has_progress]


def test_html_and_markdown_sections_come_in_the_deliverable_order(planned) -> None:
    lang, plan = planned
    has_progress = plan.gaps.overall_baseline is not None
    root = parse_html(render_report(plan, "html", lang))
    main = root.find(".//main")
    html_h2 = [re.sub(r"^\d+\s*", "", text(h)) for h in main.iter("h2")]
    md_h2 = [c for tag, c in headings(render_report(plan, "md", lang)) if tag == "h2"]
    assert html_h2 == md_h2 == expected_h2(lang, has_progress)


def test_evidence_is_in_the_appendix_only(planned) -> None:
    lang, plan = planned
    root = parse_html(render_report(plan, "html", lang))
    sections = {s.get("id"): s for s in root.iter("section")}
    assert not list(sections["dimensions"].iter("caption"))
    answers = list(sections["appendix"].iter("table"))
    caps = sum(len(d.capabilities) for d in plan.scored.questionnaire.sections())
    assert len(answers) == caps


def test_key_messages_are_written_from_the_data(planned) -> None:
    lang, plan = planned
    report = build_report(plan, lang)
    messages = report.key_messages
    s = report.summary
    assert 3 <= len(messages) <= 7
    assert f"{s.overall_score:.2f}" in messages[0] and str(s.overall_level) in messages[0]
    if s.capped_by:
        assert s.capped_by in messages[0]
    weakest = [g for g in report.gaps if g.assessed and g.score is not None and not g.met][:3]
    joined = " ".join(messages)
    for g in weakest:
        assert g.title in joined and f"{abs(g.gap):.2f}" in joined
    for g in report.gaps:
        if not g.assessed:
            assert g.title in joined
    if plan.roadmap.actions:
        assert str(len(plan.roadmap.actions)) in messages[-1]
    if lang == "zh":
        assert not re.search(r"[;(]", joined.replace("(信创)", ""))


def test_heat_map_cells_say_their_status_in_words_and_symbols(planned) -> None:
    lang, plan = planned
    t = strings(lang)
    root = parse_html(render_report(plan, "html", lang))
    heat = next(s for s in root.iter("section") if s.get("id") == "heatmap")
    cells = [li for li in heat.iter("li") if li.get("class", "").startswith("heat-")]
    report = build_report(plan, lang)
    rows = {g.title: g for g in report.gaps}
    checked = 0
    for li in cells:
        title = li.find("span[@class='title']")
        if title is None:
            continue
        g = rows[text(title)]
        status = li.get("class").removeprefix("heat-")
        if not g.assessed or g.score is None:
            assert status == "na"
        elif g.met:
            assert status == "met"
        else:
            assert status == ("near" if abs(g.gap) <= 1 else "far")
        assert li.find("span[@class='sym']").get("aria-label") == t[f"heat_{status}"]
        checked += 1
    assert checked == len(report.gaps)
