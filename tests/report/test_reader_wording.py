"""What a board reader is told, in every report kind and both languages: strengths only at
or above target, a deck with no command line and no plan dated in the past, gaps worded
as positive, changes that add up from the printed figures, numbers with their units as a
reader writes them, defined numbers only, and one count of dimensions."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from capassess.condition_text import with_unit
from capassess.figures import printed_change, signed_change
from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.charts import gap_bars
from capassess.report.deck import render_deck
from capassess.report.render import render_model
from capassess.report.svg import text_width
from capassess.resources import data_dir
from capassess.texts import words
from tests.report.helpers import example_bank

BANK = example_bank()
pytestmark = pytest.mark.skipif(BANK is None, reason="the example bank is not installed")
LATE = dt.date(2027, 6, 1)  # after the example's assessment month (2026-03)
LANGS = ("en", "zh")
HAN = re.compile(r"[\u3400-\u9fff]")


def _slides(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each slide's text by its title (a continued slide joins its first)."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(render_deck(report)))
    out: dict[str, str] = {}
    for slide in prs.slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        body = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        out[title] = out.get(title, "") + body
    return out


def _everywhere(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The report as a reader sees it: Markdown, HTML (unescaped) and the deck's text."""
    return {
        "md": render_model(report, "md"),
        "html": html.unescape(render_model(report, "html")),
        "deck": "\n".join(_slides(report).values()),
    }


# 1. Strengths are capabilities at or above their target -----------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [1, 2, 3, 4, 5, None])
def test_strongest_capabilities_meet_their_target(lang: str, level: int | None) -> None:
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions(target_level=level))
    report = build_report(planned, lang)  # type: ignore[arg-type]
    t = words("report", lang)  # type: ignore[arg-type]
    head = t["km_strongest"].split("{items}")[0]
    said = [k for k in report.key_messages if k.startswith(head)]
    met = [g for g in report.gaps if g.assessed and g.score is not None and g.met]
    if not met:
        assert said == [] and t["km_none_met"] in report.key_messages
    else:
        assert len(said) == 1 and t["km_none_met"] not in report.key_messages
        item = t["km_strongest_item"]
        named = [g for g in report.gaps if g.score is not None and item.format(
            title=g.title, score=f"{g.score:.2f}", target=g.target) in said[0]]  # fmt: skip
        assert named and all(g.met and g.score >= g.target for g in named)  # type: ignore[operator]
        # the JSON's strengths are the same capabilities
        strengths = planned.gaps.strengths()
        assert {g.id for g in named} <= {g.id for g in strengths}
    for kind, text in _everywhere(report).items():
        for message in report.key_messages:
            assert " ".join(message.split())[:60] in " ".join(text.split()), kind


# 2. The deck: no command line, the warnings in words, no plan dated in the past --------


@pytest.mark.parametrize("lang", LANGS)
def test_the_deck_speaks_to_a_board(lang: str) -> None:
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions())
    report = build_report(planned, lang, generated=LATE)  # type: ignore[arg-type]
    t = words("report", lang)  # type: ignore[arg-type]
    slides = _slides(report)
    deck = "\n".join(slides.values())
    assert not re.search(r"(?<![\w-])--[a-z]", deck), "a command-line option in the deck"
    # the incomplete assessment is said in words, not as "the warnings above"
    assert report.advice is not None and report.advice.warnings
    assert report.advice.warnings[0] in deck
    assert "above" not in deck and "上方" not in deck
    # the slides beyond quick wins hold every other kind of action: titled as actions
    titles = set(slides)
    assert t["deck_initiatives"] in titles
    assert words("plan", lang)["quadrant_initiative"] not in t["deck_initiatives"]  # type: ignore[arg-type]
    # next steps: nothing dated before the report, the plan to re-date
    # the dating note states the month the plan was dated from; the steps date nothing earlier
    steps = slides[t["deck_next_steps"]].replace(report.advice.start_note or "", "")
    assert report.advice.start_note and report.advice.start_note in slides[t["deck_next_steps"]]
    months = re.findall(r"\b(20\d\d-\d\d)\b", steps)
    assert all(m >= f"{LATE:%Y-%m}" for m in months), months
    assert t["deck_step_launch_redate"].split("{n}")[0][:6] in steps


@pytest.mark.parametrize("lang", LANGS)
def test_the_dating_hint_is_the_analysts(tmp_path: Path, lang: str) -> None:
    """Reports tell the reader to re-date; the --start option is on stderr and the terminal."""
    assert BANK is not None
    report = build_report(plan_file(BANK.answers, PlanOptions()), lang, generated=LATE)  # type: ignore[arg-type]
    for kind, text in _everywhere(report).items():
        assert "--start" not in text, kind
    out = tmp_path / "r.md"
    result = CliRunner().invoke(main, ["report", str(BANK.answers), "-f", "md", "-o", str(out),
                                       "--lang", lang])  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    today = dt.date.today()
    if f"{today:%Y-%m}" > "2026-03":
        assert f"--start {today:%Y-%m}" in result.stderr
        assert "--start" not in out.read_text("utf-8")
        plan = CliRunner().invoke(main, ["plan", str(BANK.answers), "--lang", lang])
        assert f"--start {today:%Y-%m}" in " ".join(plan.output.split())


# 3. Gaps are positive in the chart, worded as the key messages word them ------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level", [None, 5])
def test_the_gap_chart_shows_positive_gaps(lang: str, level: int | None) -> None:
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions(target_level=level))
    report = build_report(planned, lang)  # type: ignore[arg-type]
    svg = html.unescape(gap_bars(report))
    # every label ends inside the chart, even beside a bar that runs to level 5
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    for x, text in re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" font-size="12" fill="[^"]+">([^<]+)<', svg
    ):
        assert float(x) + text_width(text, 12) <= width, text
    rows = [g for g in report.gaps if g.gap and not g.met and g.score is not None and g.assessed]
    assert rows
    assert not re.search(r"[−-]\s?\d", re.sub(r"<[^>]+>", " ", svg).replace("1 – 5", ""))
    label = words("report", lang)["chart_gap_label"]  # type: ignore[arg-type]
    for g in rows:
        shown = label.format(score=f"{g.score:.2f}", target=g.target, gap=f"{g.gap:.2f}")
        assert shown in svg
        assert f"{g.gap:.2f}" in words("report", lang)["km_weakest_item"].format(  # type: ignore[arg-type]
            title="", score="", target="", gap=f"{g.gap:.2f}"
        )


# 6. A change adds up from the printed figures ---------------------------------------------


def test_a_printed_change_is_the_difference_of_the_printed_figures() -> None:
    rng = random.Random(20261201)
    pairs = [(rng.uniform(1, 5), rng.uniform(1, 5)) for _ in range(20000)]
    pairs += [(1.875, 1.745), (2.8149, 1.965), (2.125, 1.995), (1.005, 1.0)]
    for new, old in pairs:
        change = signed_change(new, old)
        assert Decimal(f"{new:.2f}") - Decimal(f"{old:.2f}") == Decimal(change)
        assert printed_change(new, old) == pytest.approx(float(change), abs=1e-12)
    assert signed_change(None, 2.0) == "—" and printed_change(2.0, None) is None


def _adds_up(old: str, new: str, change: str) -> None:
    assert Decimal(new) - Decimal(old) == Decimal(change), (old, new, change)


@pytest.mark.parametrize("lang", LANGS)
def test_report_changes_add_up(lang: str) -> None:
    assert BANK is not None and BANK.baseline is not None
    planned = plan_file(BANK.answers, PlanOptions(baseline=str(BANK.baseline)))
    report = build_report(planned, lang)  # type: ignore[arg-type]
    md = render_model(report, "md")
    rows = re.findall(r"^\| [^|]+ \| (\d\.\d\d) \| (\d\.\d\d) \| ([+-]\d\.\d\d) \|", md, re.M)
    assert len(rows) >= 20
    for old, new, change in rows:
        _adds_up(old, new, change)
    overall = re.search(r"(\d\.\d\d) → \*\*(\d\.\d\d)\*\*\s*[(（]([+-]\d\.\d\d)[)）]", md)
    assert overall is not None
    _adds_up(*overall.groups())
    page = html.unescape(render_model(report, "html"))
    for old, new, change in re.findall(
        r'<td class="n">(\d\.\d\d)</td><td class="n">(\d\.\d\d)</td><td class="n">([+-]\d\.\d\d)</td>',
        page,
    ):
        _adds_up(old, new, change)
    s = report.summary
    card = signed_change(s.overall_score, s.baseline_overall)
    assert card in page and f"{s.baseline_overall:.2f}" in page


def test_compare_changes_add_up() -> None:
    assert BANK is not None and BANK.baseline is not None
    result = CliRunner().invoke(main, ["compare", str(BANK.baseline), str(BANK.answers)])
    assert result.exit_code == 0, result.output
    rows = re.findall(r"(\d\.\d\d)\s*│\s*(\d\.\d\d)\s*│\s*([+-]\d\.\d\d)", result.output)
    assert len(rows) >= 20
    for old, new, change in rows:
        _adds_up(old, new, change)


# 4. Numbers with their units, as a reader writes them ---------------------------------


def _shipped_units() -> set[tuple[str, str]]:
    from capassess.catalog import list_questionnaires

    units = set()
    for entry in list_questionnaires()[0]:
        for _, _, question in entry.questionnaire.questions():
            unit = getattr(question, "unit", None)
            if unit is not None:
                units.add((unit.get("en"), unit.get("zh")))
    return units


def test_every_shipped_unit_reads_naturally() -> None:
    units = _shipped_units()
    assert len(units) >= 10 and any("（%）" in zh for _, zh in units)
    for en, zh in units:
        for number in ("55", "4.8", "0"):
            shown = with_unit(number, zh, "zh")
            assert shown.startswith(number), shown
            assert "（%）" not in shown and "(%)" not in shown, shown
            assert not re.search(rf"{re.escape(number)}\s", shown), shown  # 55%, 30天, 3家
            if "%" in zh:
                assert shown.startswith(f"{number}%"), shown
            english = with_unit(number, en, "en")
            assert english.startswith(number) and " %" not in english, english


@pytest.mark.parametrize("lang", LANGS)
def test_number_answers_read_naturally_in_every_report(lang: str) -> None:
    assert BANK is not None
    report = build_report(plan_file(BANK.answers, PlanOptions()), lang)  # type: ignore[arg-type]
    for kind, text in _everywhere(report).items():
        assert "（%）" not in text and "(%)" not in text, kind
        assert not re.search(r"\d 占|\d %", text), kind
    plan = CliRunner().invoke(main, ["plan", str(BANK.answers), "--lang", lang])
    assert "（%）" not in plan.output and not re.search(r"\d 占", plan.output)


# 7. Every number of the plan view is defined; attainment cannot be read as score ÷ target


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_view_defines_its_dimension_figures(lang: str) -> None:
    assert BANK is not None
    result = CliRunner().invoke(main, ["plan", str(BANK.answers), "--lang", lang],
                                terminal_width=200)  # fmt: skip
    out = result.output
    v, p = words("views", lang), words("plan", lang)  # type: ignore[arg-type]
    planned = plan_file(BANK.answers, PlanOptions())
    for dim in planned.gaps.dimensions:
        if dim.assessed:
            assert v["mean_target"].format(target=f"{dim.target:.2f}") in out
            assert v["sum_priority"].format(priority=f"{dim.priority:.3f}") in out
    for term in ("dimension_target", "dimension_priority", "attained"):
        assert p[f"term_{term}"] in out
    # "84% of the way from level 1": never "84% of it is attained" beside a target mean
    flat = " ".join(out.split())
    assert v["plan_head"].split("{attained}")[1].split("(")[0].split("（")[0].strip() in flat


@pytest.mark.parametrize("lang", LANGS)
def test_attainment_is_worded_as_the_way_from_level_1(lang: str) -> None:
    assert BANK is not None
    report = build_report(plan_file(BANK.answers, PlanOptions()), lang)  # type: ignore[arg-type]
    way = "of the way from level 1" if lang == "en" else "从1级到目标已走完"
    first = report.key_messages[0]
    assert way in first and "of it is attained" not in first and "已达成" not in first
    foundation = next(k for k in report.key_messages if report.summary.foundation
                      and f"{report.summary.foundation.target:.2f}" in k)  # fmt: skip
    assert way.split(" to")[0] in foundation or "从1级到目标已走完" in foundation


# 8. One count of dimensions: the list and the report agree ---------------------------------


def test_the_list_and_the_report_count_dimensions_alike(tmp_path: Path) -> None:
    listed = CliRunner().invoke(main, ["questionnaires", "--format", "json"])
    rows = {(r["id"], r["version"]): r for r in json.loads(listed.output)}
    assert BANK is not None
    planned = plan_file(BANK.answers, PlanOptions())
    q = planned.scored.questionnaire
    row = rows[(q.id, q.version)]
    assert row["foundation"] is True and row["dimensions"] == len(q.dimensions)
    for lang in LANGS:
        report = build_report(planned, lang)  # type: ignore[arg-type]
        assert report.scope is not None
        coverage = dict(report.scope.items)[words("report", lang)["scope_coverage"]]  # type: ignore[arg-type]
        expected = words("report", lang)["scope_coverage_foundation"].format(  # type: ignore[arg-type]
            dims=row["dimensions"], caps=row["capabilities"], questions=row["questions"]
        )
        assert coverage == expected
    table = CliRunner().invoke(main, ["questionnaires"], terminal_width=200).output
    assert f"{row['dimensions']} + F" in table and "F: the foundation" in table
    without = [r for r in rows.values() if not r["foundation"]]
    assert without and all(r["dimensions"] >= 1 for r in without)


# 5. RFM: a high R means a recent transaction, in both languages and both versions ----------


@pytest.mark.parametrize("name", ["bank-fintech.yaml", "bank-fintech-1.0.0.yaml"])
def test_rfm_texts_say_that_a_high_r_is_recent(name: str) -> None:
    path = data_dir("questionnaires") / name
    text = path.read_text(encoding="utf-8")
    # R is rated from the days, never the days themselves (a high day count is not recent)
    assert "R is the days" not in text and "R为距" not in text and "R as the days" not in text
    assert "将R定义为距" not in text
    assert "important retention (R-F+M+)" in text and "重要保持（R低F高M高）" in text
    assert "important development (R+F-M+)" in text and "重要发展（R高F低M高）" in text
    for line in text.splitlines():
        if ("days since" in line or "距最近一次主动交易" in line) and "R" in line:
            assert "higher R" in line or "high R" in line or "R越高" in line, line
