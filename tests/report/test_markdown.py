"""The Markdown report: GitHub-flavoured tables, a useful outline, escaped cells."""

from __future__ import annotations

import re

import pytest

from capassess.planning import PlanOptions, plan_file
from capassess.report.environment import md_cell, md_text, mermaid_text
from capassess.report.render import render_report
from tests.report.helpers import banks, headings, markdown, md_tables

HEADINGS = {
    "en": [
        "Executive summary",
        "Capability heat map",
        "Capabilities by dimension",
        "Gap analysis",
        "Roadmap",
        "Risks and dependencies",
        "To probe",
        "Scope, interviewees and limitations",
        "Method",
        "Appendix: answers and evidence",
    ],
    "zh": [
        "执行摘要",
        "能力热力图",
        "分维度能力详情",
        "差距分析",
        "改进路线图",
        "风险与依赖",
        "需进一步核实",
        "评估范围、访谈对象与局限",
        "评估方法",
        "附录：作答与佐证",
    ],
}


@pytest.fixture(
    scope="module",
    params=[(b, lang) for b in banks() for lang in ("en", "zh")],
    ids=lambda p: f"{p[0].name}-{p[1]}",
)
def rendered(request: pytest.FixtureRequest):
    bank, lang = request.param
    options = PlanOptions(baseline=str(bank.baseline) if bank.baseline else None)
    planned = plan_file(bank.answers, options, bank.dirs)
    return bank, lang, planned, render_report(planned, "md", lang)


def test_outline(rendered) -> None:
    bank, lang, planned, text = rendered
    levels = headings(text)
    assert [tag for tag, _ in levels].count("h1") == 1
    h2 = [content for tag, content in levels if tag == "h2"]
    expected = list(HEADINGS[lang])
    if bank.baseline:
        expected.insert(4, "Progress since the baseline" if lang == "en" else "与基线相比的进展")
    assert h2 == expected
    q = planned.scored.questionnaire
    h3 = [content for tag, content in levels if tag == "h3"]
    for d, dim in enumerate(q.sections(), 1):
        assert f"{d}. {dim.title.get(lang)}" in " ".join(h3)
    h4 = [content for tag, content in levels if tag == "h4"]
    assert len(h4) == sum(len(dim.capabilities) for dim in q.sections())


def test_tables_have_the_expected_rows(rendered) -> None:
    bank, lang, planned, text = rendered
    q = planned.scored.questionnaire
    tables = md_tables(text)
    caps = sum(len(d.capabilities) for d in q.sections())
    by_header = {}
    for table in tables:
        by_header.setdefault(table.header[0], []).append(table)
    first = "#"
    columns = 9 if bank.baseline else 8  # a progress column against the baseline
    gap_tables = [t for t in by_header[first] if len(t.header) == columns]
    # With a foundation, its gaps (on its own priority scale) get a table of their own.
    found = q.foundation
    assert len(gap_tables) == (2 if found else 1)
    assert sum(len(t.rows) for t in gap_tables) == caps
    if found:
        titles = {c.title.get(lang) for c in found.capabilities}
        assert {row[1] for row in gap_tables[1].rows} == titles
        assert not titles & {row[1] for row in gap_tables[0].rows}
    assert gap_tables[0].rows[0][5] != "" and not gap_tables[0].rows[0][5].startswith("-")
    road = [t for t in tables if len(t.header) == 12]
    assert len(road) == 1 and len(road[0].rows) == len(planned.roadmap.actions)
    left = [t for t in tables if len(t.header) == 4]
    assert sum(len(t.rows) for t in left) == len(planned.roadmap.not_scheduled)
    question = "Question" if lang == "en" else "问题"
    answers = by_header[question]
    assert len(answers) == caps
    assert sum(len(t.rows) for t in answers) == sum(1 for _ in q.questions())
    assert all(len(row) == len(t.header) for t in tables for row in t.rows)


def test_answers_are_folded_and_the_roadmap_has_a_gantt(rendered) -> None:
    _, _, planned, text = rendered
    caps = sum(len(d.capabilities) for d in planned.scored.questionnaire.sections())
    assert text.count("<details>") == text.count("</details>") == caps
    fences = [t for t in markdown().parse(text) if t.type == "fence"]
    if planned.roadmap.actions:
        assert [f.info for f in fences] == ["mermaid"]
        gantt = fences[0].content
        assert gantt.startswith("gantt\n") and "dateFormat YYYY-MM-DD" in gantt
        tasks = [line for line in gantt.splitlines() if re.search(r":\S+, \d{4}-\d\d-\d\d, ", line)]
        assert len(tasks) == len(planned.roadmap.actions)


def test_escaping_filters() -> None:
    assert md_text("a | b *c* <b>") == r"a \| b \*c\* \<b\>"
    assert md_cell("one | two\nthree") == r"one \| two<br>three"
    assert md_cell("") == " "
    assert mermaid_text("Go: now; #1 <x>") == "Go now 1 x"
    table = "| a | b |\n|---|---|\n| " + md_cell("x | y\nz") + " | " + md_cell("*") + " |\n"
    parsed = md_tables(table)
    assert parsed[0].rows == [["x | y<br>z", "*"]]


def test_cell_with_pipes_and_newlines_stays_in_its_table(tmp_path, runner) -> None:
    from capassess.cli import main
    from tests.report.helpers import TINY

    text = TINY.answers.read_text(encoding="utf-8").replace(
        '"Stewards in retail only"', '"retail | corporate\\nsecond line"'
    )
    answers = tmp_path / "pipes.yaml"
    answers.write_text(text, encoding="utf-8")
    result = runner.invoke(main, TINY.cli("report", str(answers), "-f", "md", "-o", "-"))
    assert result.exit_code == 0, result.output
    governance = next(t for t in md_tables(result.stdout) if t.header[0] == "Question")
    assert len(governance.rows) == 2 and len(governance.rows[0]) == 6
    assert governance.rows[0][5] == "retail | corporate<br>second line"


def test_markdown_escape_equals_the_two_substitutions() -> None:
    """``_escape_text`` runs each pattern only where it matches, with a function for the
    replacement: the text of the two substitutions it stands for, on random texts."""
    import random

    from capassess import markdown_text
    from capassess.terminal_text import CONTROL

    def reference(text: str) -> str:
        escaped = markdown_text.MD_SPECIAL.sub(r"\\\1", CONTROL.sub(" ", text))
        return " ".join(escaped.split())

    rng = random.Random(11)
    alphabet = "ab 1|*_[]<>&#~`\\\n\r\t\x00\x1b\x7f\x85\xa0\u3000中文·—"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in [*texts, "plain", "", "\\1", r"\g<0>"]:
        assert markdown_text._escape_text(text) == reference(text), repr(text)
