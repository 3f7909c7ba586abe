"""The deliverable's structure: the same section order in HTML and Markdown, key messages
written from the data, a heat map against target, evidence in an appendix."""

from __future__ import annotations

import re

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.render import render_report
from capassess.texts import words
from tests.report.helpers import banks, headings, parse_html

ORDER = ["summary", "heatmap", "dimensions", "gaps", "progress", "roadmap", "risks",
         "to_probe", "scope", "method", "appendix"]  # fmt: skip


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
    t = words("report", lang)
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
    t = words("report", lang)
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


def with_interviewees(tmp_path, people: str):
    from tests.report.helpers import TINY

    text = TINY.answers.read_text(encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(text.replace("answers:\n", f"interviewees:\n{people}answers:\n", 1),
                       encoding="utf-8")  # fmt: skip
    return plan_file(answers, PlanOptions(), TINY.dirs)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_interviewees_from_the_answers_file_are_in_the_scope(tmp_path, lang: str) -> None:
    plan = with_interviewees(
        tmp_path, "  - {name: Wang Fang, role: CIO}\n  - {name: <b>Zhao</b>}\n"
    )
    html = render_report(plan, "html", lang)
    root = parse_html(html)
    scope = next(s for s in root.iter("section") if s.get("id") == "scope")
    rows = [[text(td) for td in tr.iter("td")] for tr in scope.iter("tr")]
    assert ["Wang Fang", "CIO"] in rows and ["<b>Zhao</b>", "—"] in rows
    assert words("report", lang)["limit_no_interviewees"] not in text(scope)
    md = render_report(plan, "md", lang)
    assert "| Wang Fang | CIO |" in md


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_group_names_in_the_scope_are_words_of_the_report_language(lang: str) -> None:
    """A common group column (region, type...) is labelled in the report's language; a
    name the catalogue does not know is shown as the answers file gives it."""
    from tests.report.helpers import TINY

    plan = plan_file(TINY.answers, PlanOptions(), TINY.dirs)
    scope = dict(build_report(plan, lang).scope.items)
    t = words("report", lang)
    region = {"en": "Region", "zh": "区域"}[lang]
    assert scope[t["scope_groups"]] == f"{region}{t['colon']}East"


def test_a_bad_interviewee_is_an_input_error_with_its_place(tmp_path) -> None:
    from capassess.errors import InputError

    with pytest.raises(InputError) as caught:
        with_interviewees(tmp_path, "  - {role: CIO}\n")
    assert "answers.yaml:7:5: interviewees[0]: required field 'name' is missing" in str(
        caught.value
    )


def test_dependencies_say_when_or_why_they_are_not_needed(planned) -> None:
    lang, plan = planned
    report = build_report(plan, lang)
    rows = {a.id: a for p in report.phases for a in p.actions}
    scheduled = {a.id for a in plan.roadmap.actions}
    left = {n.id: n.status for n in plan.roadmap.not_scheduled}
    t = words("report", lang)
    for action in plan.roadmap.actions:
        texts = rows[action.id].dependencies
        assert len(texts) == len(action.depends_on)
        for dep, shown in zip(action.depends_on, texts, strict=True):
            if dep in scheduled:
                d = next(a for a in plan.roadmap.actions if a.id == dep)
                assert d.start in shown and d.end in shown
            else:
                key = "dep_" + left.get(dep, "in-place-level").replace("-", "_")
                assert shown.endswith(t[key].format(title="").lstrip("：: "))


def test_risks_name_the_gate_the_blind_spots_and_the_major_projects(planned) -> None:
    lang, plan = planned
    t = words("report", lang)
    risks = {r.risk: r.detail for r in build_report(plan, lang).risks}
    assert (t["risk_gate"] in risks) == bool(plan.scored.result.overall.capped_by)
    assert (t["risk_blind"] in risks) == bool(plan.gaps.not_assessed())
    majors = [a for a in plan.roadmap.actions if a.quadrant == "major-project"]
    assert (t["risk_major"] in risks) == bool(majors)
    if majors:
        assert str(len(majors)) in risks[t["risk_major"]]


def chinese_text_of(plan) -> str:
    html = render_report(plan, "html", "zh")
    root = parse_html(html)
    for bad in [*root.iter("style"), *root.iter("svg")]:
        bad.clear()
    markdown = re.sub(r"```.*?```", "", render_report(plan, "md", "zh"), flags=re.S)
    return " ".join(root.itertext()) + markdown  # without fenced code (the Mermaid chart)


def test_chinese_report_uses_chinese_punctuation_and_no_english_on_its_cover() -> None:
    bank = banks()[0]
    plan = plan_file(bank.answers, PlanOptions(baseline=str(bank.baseline)), bank.dirs)
    joined = chinese_text_of(plan)
    assert not re.findall(r".{0,20}[\u4e00-\u9fff）]\s*[;(:]", joined)
    # ASCII punctuation after a code span or a word inside a Chinese sentence (Markdown:
    # one table cell or line; the HTML's text runs cells together)
    markdown = render_report(plan, "md", "zh")
    assert not re.findall(r".{0,20}[`A-Za-z][.;:] +[\u4e00-\u9fff].{0,10}", markdown)
    cover = next(h for h in parse_html(render_report(plan, "html", "zh")).iter("header"))
    words = re.findall(r"[A-Za-z]{3,}", text(cover))
    subject = plan.scored.assessment
    allowed = " ".join([subject.subject.name or "", subject.assessor or "", "capassess",
                        plan.scored.questionnaire.ref])  # fmt: skip
    assert [w for w in words if w not in allowed] == []


def test_no_path_of_the_machine_in_any_output(tmp_path) -> None:
    bank = banks()[0]
    plan = plan_file(bank.answers, PlanOptions(baseline=str(bank.baseline)), bank.dirs)
    folders = {str(bank.answers.parent), str(bank.answers.parent.parent), str(tmp_path)}
    for fmt in ("html", "md"):
        for lang in ("en", "zh"):
            out = render_report(plan, fmt, lang)
            assert not [f for f in folders if f in out], (fmt, lang)
            assert "file://" not in out


def test_kpis_in_words_for_the_board_with_their_condition_in_markdown() -> None:
    bank = banks()[0]
    plan = plan_file(bank.answers, PlanOptions(), bank.dirs)
    worded = [a for a in plan.roadmap.actions if a.kpi and a.kpi.text]
    if not worded:
        pytest.skip("the bank's roadmap has no KPI in words")
    root = parse_html(render_report(plan, "html", "en"))
    roadmap = text(next(s for s in root.iter("section") if s.get("id") == "roadmap"))
    md = render_report(plan, "md", "en")
    for a in worded:
        assert a.kpi.text.get("en") in roadmap and a.kpi.when not in roadmap
        assert a.kpi.text.get("en") in md


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cover_names_the_target_profile_chosen_by_the_bank_type(lang: str) -> None:
    """Planned without --target, a bank of a type with a profile is measured against that
    profile: the cover says which one, not just 'target profile'."""
    from tests.conftest import ROOT

    plan = plan_file(ROOT / "examples" / "acme-bank.yaml", PlanOptions(), ())
    q, subject = plan.scored.questionnaire, plan.scored.assessment.subject
    profile = next(p for p in q.profiles if p.bank_type == subject.bank_type)
    assert {t.source for t in plan.targets.values()} == {"profile"}
    assert build_report(plan, lang).cover.targets.endswith(profile.title.get(lang))
