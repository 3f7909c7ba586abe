"""The deck shows all its text on its slides: bulleted slides are measured and set smaller
or continued on another slide; no text box grows past the slide; the deck defines the
terms its figures use and says what its priorities are ranked among."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Pt
from ruamel.yaml import YAML

from capassess.plan_text import definitions
from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import render_deck
from capassess.report.deck_fit import fit_pages, paragraph_lines, text_height
from capassess.report.deck_text import DECK_TERMS
from capassess.texts import words
from tests.conftest import ROOT

ACME = ROOT / "examples" / "acme-bank.yaml"
INCH = 914400


def test_lines_grow_with_the_text_and_wide_characters_count_double() -> None:
    width = 10 * INCH
    assert paragraph_lines("short", 17, width) == 1
    latin, wide = "a" * 400, "字" * 400
    assert paragraph_lines(latin, 17, width) > 1
    assert paragraph_lines(wide, 17, width) > paragraph_lines(latin, 17, width)
    assert paragraph_lines(latin, 12, width) < paragraph_lines(latin, 17, width)


def test_fit_pages_shrinks_first_then_splits_in_order() -> None:
    box = (10 * INCH, 5 * INCH)
    few = ["a sentence of some length " * 3] * 3
    size, pages = fit_pages(few, (17, 14), box)
    assert size == 17 and pages == [few]
    many = [f"{i} " + "a sentence of some length " * 12 for i in range(14)]
    size, pages = fit_pages(many, (17, 14), box)
    assert size == 14 and len(pages) > 1
    assert [p for page in pages for p in page] == many  # none lost, none reordered
    assert all(text_height(page, size, box[0]) <= box[1] for page in pages)


def _dataonly(tmp_path: Path) -> Path:
    """The example bank with only the data dimension answered: long key messages."""
    q = plan_file(ACME, PlanOptions()).scored.questionnaire
    dim = next(d for d in q.dimensions if d.id == "data")
    keep = {question.id for cap in dim.capabilities for question in cap.questions}
    yaml = YAML()
    data = yaml.load(ACME.read_text("utf-8"))
    for qid in [k for k in data["answers"] if str(k) not in keep]:
        del data["answers"][qid]
    out = tmp_path / "dataonly.yaml"
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


@pytest.fixture(scope="module", params=[(b, lang) for b in ("acme", "dataonly") for lang in
                                        ("en", "zh")], ids=lambda p: f"{p[0]}-{p[1]}")  # fmt: skip
def deck(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    bank, lang = request.param
    path = ACME if bank == "acme" else _dataonly(tmp_path_factory.mktemp("deck"))
    report = build_report(plan_file(path, PlanOptions()), lang)
    return report, Presentation(io.BytesIO(render_deck(report)))


def _bullets(prs: Any, title: str) -> list[Any]:
    return [
        s for s in prs.slides
        if s.shapes.title is not None and s.shapes.title.text_frame.text.startswith(title)
    ]  # fmt: skip


def _shown(prs: Any, title: str) -> list[str]:
    """The bullets of the slides titled ``title`` (and continued), each checked to fit."""
    shown: list[str] = []
    for slide in _bullets(prs, title):
        box = next(
            s for s in slide.shapes
            if s.has_text_frame and s.text_frame.text and s != slide.shapes.title
        )  # fmt: skip
        lines = [p.text for p in box.text_frame.paragraphs]
        size = box.text_frame.paragraphs[0].runs[0].font.size.pt
        assert text_height(lines, size, box.width) <= box.height
        assert box.top + box.height <= prs.slide_height
        assert box.text_frame.auto_size == MSO_AUTO_SIZE.NONE
        shown += [line.removeprefix("• ") for line in lines]
    return shown


def test_every_key_message_is_on_a_slide_and_fits_its_box(deck: Any) -> None:
    report, prs = deck
    t = words("report", report.lang)
    assert _shown(prs, t["key_messages"]) == list(report.key_messages)
    assert len(_shown(prs, t["deck_next_steps"])) >= 1  # measured as well


def test_no_text_box_grows_past_its_measure(deck: Any) -> None:
    _report, prs = deck
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape != slide.shapes.title:
                body = shape.text_frame._txBody.bodyPr
                assert (
                    body.find("{http://schemas.openxmlformats.org/drawingml/2006/main}spAutoFit")
                    is None
                )
                assert shape.top + shape.height <= prs.slide_height + Pt(1)


def test_the_deck_defines_its_terms_and_the_priority_scale(deck: Any) -> None:
    report, prs = deck
    t, p = words("report", report.lang), words("plan", report.lang)
    last = prs.slides[len(prs.slides) - 1]
    assert last.shapes.title.text_frame.text == t["definitions"]
    table = next(s.table for s in last.shapes if s.has_table)
    terms = [table.cell(r, 0).text for r in range(1, len(table.rows))]
    assert terms == [p[f"term_{k}"] for k in DECK_TERMS]
    assert {table.cell(r, 1).text for r in range(1, len(table.rows))} >= {p["define_floor"]}
    gaps = _bullets(prs, t["top_gaps"])
    if any(s.has_table for s in gaps[0].shapes):
        texts = [s.text_frame.text for s in gaps[0].shapes if s.has_text_frame]
        assert t["deck_priority_note"] in texts


def test_the_deck_keeps_to_its_slide_budget(deck: Any) -> None:
    _report, prs = deck
    assert len(prs.slides) <= 14


def _measures_shown(prs: Any) -> set[str]:
    """The names of the figures the deck's slides show: table headers and chart series."""
    names: set[str] = set()
    for slide in list(prs.slides)[:-1]:  # the last slide is the definitions
        for shape in slide.shapes:
            if shape.has_table:
                names |= {cell.text for cell in shape.table.rows[0].cells}
            if getattr(shape, "has_chart", False) and shape.has_chart:
                names |= {s.name for plot in shape.chart.plots for s in plot.series}
    return {n.strip().lower() for n in names}


def test_every_figure_the_deck_shows_by_a_defined_term_is_defined_on_it(deck: Any) -> None:
    """A column or series named by a term the report defines (a score, a gap, a priority)
    is defined on the deck's last slide too: the board reads no undefined number."""
    report, prs = deck
    terms = {term.lower() for term, _ in definitions(report.lang)}
    last = prs.slides[len(prs.slides) - 1]
    table = next(s.table for s in last.shapes if s.has_table)
    defined = {table.cell(r, 0).text.lower() for r in range(1, len(table.rows))}
    shown = _measures_shown(prs) & terms
    assert shown and shown <= defined, shown - defined
