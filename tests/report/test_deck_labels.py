"""Every bar of the board deck's charts is named: a crowded category axis in PowerPoint
or LibreOffice shows every other label only, so the roadmap (45 actions for the example
bank) and the progress chart (27 capabilities) had half their bars without a name. Every
label is now shown, in a size that fits its row, and a roadmap too long for one slide
runs over two, on the same month axis."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import MAX_SLIDES, render_deck
from capassess.report.deck_parts import LABEL_POINTS
from capassess.report.deck_roadmap import GANTT_ROWS, roadmap_pages
from tests.report.helpers import banks


@pytest.mark.parametrize(
    ("count", "pages"),
    [(1, [1]), (24, [24]), (25, [13, 12]), (45, [23, 22]), (48, [24, 24]), (61, [31, 30])],
)
def test_roadmap_pages_spread_the_bars_evenly(count: int, pages: list[int]) -> None:
    assert roadmap_pages(count) == pages


CASES = [(b, lang, base) for b in banks() for lang in ("en", "zh") for base in (False, True)]


@pytest.mark.parametrize(
    ("bank", "lang", "with_baseline"), CASES, ids=lambda v: getattr(v, "name", str(v))
)
def test_every_bar_is_named_legibly(bank, lang: str, with_baseline: bool) -> None:
    baseline = str(bank.baseline) if with_baseline and bank.baseline else None
    planned = plan_file(bank.answers, PlanOptions(baseline=baseline), bank.dirs)
    report = build_report(planned, lang)
    prs = Presentation(io.BytesIO(render_deck(report)))
    assert len(prs.slides) <= MAX_SLIDES
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    gantts = [c for c in charts if c.chart_type == XL_CHART_TYPE.BAR_STACKED]
    for chart in charts:
        axis = chart.category_axis._element
        for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
            found = axis.find(qn(tag))
            assert found is not None and found.get("val") == "1", (tag, chart.chart_title)
        size = chart.category_axis.tick_labels.font.size
        assert size is not None and LABEL_POINTS[0] <= size.pt <= LABEL_POINTS[1]
    actions = [a.title for p in report.phases for a in p.actions]
    named = [str(c) for g in gantts for c in g.plots[0].categories]
    assert named == actions
    if len(actions) <= 2 * GANTT_ROWS:
        assert all(len(g.plots[0].categories) <= GANTT_ROWS for g in gantts)
    assert len({g.value_axis.maximum_scale for g in gantts}) <= 1
