"""`report -f pptx`: the board deck, re-opened with python-pptx: slide count, native charts
whose data equals the score JSON, every text in the chosen language, a master that
replaces the shipped look."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Inches

from capassess.cli import main
from capassess.plan_json import plan_json
from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import render_deck
from capassess.texts import words
from tests.report.helpers import TINY, banks

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(
    scope="module",
    params=[(b, lang, base) for b in banks() for lang in ("en", "zh") for base in (True, False)],
    ids=lambda p: f"{p[0].name}-{p[1]}-{'baseline' if p[2] else 'alone'}",
)
def deck(request: pytest.FixtureRequest):
    bank, lang, with_baseline = request.param
    baseline = str(bank.baseline) if with_baseline and bank.baseline else None
    planned = plan_file(bank.answers, PlanOptions(baseline=baseline), bank.dirs)
    report = build_report(planned, lang)
    prs = Presentation(io.BytesIO(render_deck(report)))
    return lang, planned, report, prs


def texts(prs) -> list[str]:
    """Every text a reader sees: shapes, tables, chart titles, series and categories."""
    found = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            if shape.has_table:
                found += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                chart = shape.chart
                if chart.has_title:
                    found.append(chart.chart_title.text_frame.text)
                found += [s.name for s in chart.plots[0].series]
                found += [str(c) for c in chart.plots[0].categories]
    return [t for t in found if t]


def data_texts(report) -> str:
    """The data the report shows as given (names, titles, evidence-based texts)."""
    parts = [report.cover.subject_name, report.cover.assessor or "", report.cover.subject_id,
             report.cover.questionnaire_title, report.cover.questionnaire_ref]  # fmt: skip
    parts += [g.title for g in report.gaps] + [d.title for d in report.dimensions]
    for p in report.phases:
        for a in p.actions:
            parts += [a.title, a.owner or "", a.kpi or "", a.cost or "", a.why]
    if report.advice and report.advice.start_note:  # names the --start option
        parts.append(report.advice.start_note)
    if report.scope:
        parts += [v for _, v in report.scope.items]
        parts += [f"{name} {role}" for name, role in report.scope.interviewees]
    parts += [r.detail for r in report.risks]
    return " ".join(parts)


def test_ten_to_fourteen_slides(deck) -> None:
    _lang, _planned, _report, prs = deck
    assert 10 <= len(prs.slides) <= 14


def test_chart_values_equal_the_score_json(deck) -> None:
    lang, planned, report, prs = deck
    data = plan_json(planned)
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    t = words("report", lang)
    by_dim = next(c for c in charts if [str(x) for x in c.plots[0].categories]
                  == [d["title"][lang] for d in data["dimensions"]])  # fmt: skip
    series = {s.name: list(s.values) for s in by_dim.plots[0].series}
    assert series[t["score"]] == [d["score"] for d in data["dimensions"]]
    gaps = {g["id"]: g for g in data["gaps"]["capabilities"]}
    titles = {g.title: g.id for g in report.gaps}
    top = next(c for c in charts if c.chart_title.text_frame.text == t["top_gaps"])
    names = [str(x) for x in top.plots[0].categories]
    values = {s.name: list(s.values) for s in top.plots[0].series}
    assert values[t["score"]] == [gaps[titles[n]]["score"] for n in names]
    assert values[t["target"]] == [gaps[titles[n]]["target"] for n in names]
    if planned.roadmap.actions:
        gantt = next(c for c in charts if len(c.plots[0].series) == 2
                     and c.plots[0].series[0].name == t["deck_gantt_start"])  # fmt: skip
        rows = zip(
            [str(x) for x in gantt.plots[0].categories],
            *[list(series.values) for series in gantt.plots[0].series],
            strict=True,
        )
        shown = {title: (start, start + length) for title, start, length in rows}
        road = {a["title"][lang]: (a["start_month"], a["end_month"])
                for a in data["roadmap"]["actions"]}  # fmt: skip
        assert shown == road


def test_every_text_is_in_the_chosen_language(deck) -> None:
    lang, _planned, report, prs = deck
    shown = texts(prs)
    data = data_texts(report)
    if lang == "zh":
        allowed = set(WORD.findall(data)) | {"min"}  # formula notation in the definitions
        english = {w for text in shown for w in WORD.findall(text)} - allowed
        assert english == set(), english
    else:
        allowed = set(CJK.findall(data))
        chinese = {c for text in shown for c in CJK.findall(text)} - allowed
        assert chinese == set(), chinese


def test_a_master_deck_replaces_the_shipped_look(tmp_path: Path) -> None:
    master = Presentation()
    master.slide_width, master.slide_height = Inches(10), Inches(7.5)
    master.slide_layouts[5]._element.cSld.set("name", "Northbridge title")
    master.slides.add_slide(master.slide_layouts[0]).shapes.title.text = "old slide"
    master.save(str(tmp_path / "deck.pptx"))
    planned = plan_file(TINY.answers, PlanOptions(), TINY.dirs)
    prs = Presentation(io.BytesIO(render_deck(build_report(planned, "en"), tmp_path)))
    assert prs.slide_width == Inches(10)
    assert {slide.slide_layout.name for slide in prs.slides} == {"Northbridge title"}
    assert "old slide" not in texts(prs)
    first = prs.slides[0]
    assert first.shapes.title is not None and first.shapes.title.text
    assert not [s for s in first.shapes if s.shape_type == 1]  # no navy band drawn


def test_cli_writes_the_deck(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    args = ["report", str(TINY.answers), "-f", "pptx", "-o", str(out), "--lang", "zh"]
    result = runner.invoke(main, TINY.cli(*args))
    assert result.exit_code == 0, result.output
    prs = Presentation(str(out))
    assert prs.slides[0].shapes.title.text == words("report", "zh")["report_title"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_deck(tmp_path: Path) -> None:
    bank = banks()[0]
    planned = plan_file(bank.answers, PlanOptions(), bank.dirs)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(render_deck(build_report(planned, "zh")))
    profile = (tmp_path / "lo").as_uri()
    run = subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile}",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                         capture_output=True, text=True, timeout=180, check=False)  # fmt: skip
    pdf = tmp_path / "deck.pdf"
    assert pdf.is_file(), run.stderr
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes())) >= 10


def test_deck_to_standard_output_is_the_bytes(runner: CliRunner) -> None:
    result = runner.invoke(main, TINY.cli("report", str(TINY.answers), "-f", "pptx", "-o", "-"))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK")
    assert len(Presentation(io.BytesIO(result.stdout_bytes)).slides) >= 10


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "cannot build the deck on this master"),
        (lambda p: p.write_bytes(b""), "cannot build the deck on this master"),
        (lambda p: p.write_text("<html>a slide</html>"), "cannot build the deck on this master"),
        (lambda p: p.mkdir(), "the master deck is not a regular file"),
    ],
    ids=["damaged-zip", "empty", "not-pptx", "folder"],
)
def test_a_master_deck_that_cannot_be_used_is_a_located_input_error(
    runner: CliRunner, tmp_path: Path, make, message: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    master = templates / "deck.pptx"
    make(master)
    out = tmp_path / "out.pptx"
    result = runner.invoke(
        main, TINY.cli("report", str(TINY.answers), "-f", "pptx", "-o", str(out),
                       "--template-dir", str(templates)),
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{master}: {message}" in result.output
    assert not out.exists()
