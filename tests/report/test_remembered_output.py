"""Text remembered across reports (escaped values of the shipped HTML templates, chart
elements) equals the text made afresh, whatever was asked before."""

from __future__ import annotations

import itertools
import random

import pytest
from markupsafe import Markup, escape

from capassess.report import svg
from capassess.report.shipped import escaped_text


class Html:
    def __html__(self) -> str:
        return "<i>safe</i>"


class Text(str):
    pass


VALUES: list[object] = [
    "plain", "<b>&'\"</b>", "", "中文 <标题>", Markup("<b>kept</b>"), Text("<sub>"), 3, -0.0,
    0.0, 2.5, float("nan"), float("inf"), True, False, None, Html(), [1, "<"], 10**20,
]  # fmt: skip


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_escaped_text_is_markupsafes(value: object) -> None:
    for _ in range(2):  # the second time from memory, where it is kept
        assert escaped_text(value) == str(escape(value))
        assert type(escaped_text(value)) in (str, Markup)


def _fresh(tag: str, text: str | None, values: dict[str, object]) -> str:
    return svg._element(tag, text, values)


def test_remembered_elements_equal_fresh_ones() -> None:
    """Numbers equal in Python but printed apart (0.0 and -0.0), equal ones printed alike
    (2 and 2.0, True and 1), in every order, and random elements."""
    svg._ELEMENTS.clear()
    tricky = [0, 0.0, -0.0, False, 1, 1.0, True, 2, 2.0, -0.04, 1e16, 10**16, "0", None]
    for first, second in itertools.permutations(tricky, 2):
        for value in (first, second):
            chart = svg.Svg(10, 10, "t", "d", "x")
            chart.add("line", x1=value, stroke="#000")
            chart.open("g", x=value)
            assert chart.parts[-2] == _fresh("line", None, {"x1": value, "stroke": "#000"})
            assert chart.parts[-1] == f"<g{svg.attrs(x=value)}>"
    rng = random.Random(5)
    for _ in range(3000):
        values = {"x": rng.choice([rng.randint(-3, 3), rng.randint(0, 8) / 2, -0.0]),
                  "fill": rng.choice(["#fff", "<&>", None]), "stroke_width": rng.choice([1, 1.0, 2])}  # fmt: skip
        text = rng.choice([None, "a", "<b>", "1"])
        chart = svg.Svg(10, 10, "t", "d", "x")
        chart.add("text" if text else "rect", text, **values)
        assert chart.parts[-1] == _fresh("text" if text else "rect", text, values)
    assert len(svg._ELEMENTS) > 10  # kept, and found again


def test_zero_is_printed_by_its_sign_and_bools_as_numbers() -> None:
    assert svg.attrs(x=-0.0, y=0.0, z=0, w=True, v=False) == ' x="-0" y="0" z="0" w="1" v="0"'


def test_drawn_parts_replayed_equal_fresh_drawings() -> None:
    """Legends, keys, scales and bands are drawn once per set of inputs (``Svg.drawn``):
    every chart of many reports, in both languages, equals the chart drawn with nothing
    remembered; a key that differs draws afresh."""
    from capassess.report.build import build_report
    from capassess.report.charts import draw_charts
    from tests.report.test_shared_work import _planned, _rows

    reports = [build_report(_planned(row), lang) for row in _rows() for lang in ("en", "zh")]  # type: ignore[arg-type]
    fresh = []
    for report in reports:
        svg._DRAWN.clear()
        fresh.append(draw_charts(report))
    svg._DRAWN.clear()
    for _ in range(2):
        assert [draw_charts(report) for report in reports] == fresh
    assert svg._DRAWN
    chart = svg.Svg(10, 10, "t", "d", "x")
    chart.drawn(("k", 1), lambda out: out.add("line", x1=1))
    chart.drawn(("k", 2), lambda out: out.add("line", x1=2))
    chart.drawn(("k", 1), lambda out: out.add("line", x1=99))  # remembered: not drawn again
    assert chart.parts[-3:] == ['<line x1="1"/>', '<line x1="2"/>', '<line x1="1"/>']


# Each field a drawn gap row or action bar rests on, changed alone (the key must name it).
GAP_ROW_CHANGES: list[dict[str, object]] = [
    {"title": "Another <capability>"}, {"dimension_title": "Another dimension"},
    {"score": 1.5}, {"score": 3.25}, {"target": 5}, {"gap": 0.75},
]  # fmt: skip
ACTION_BAR_CHANGES: list[dict[str, object]] = [
    {"title": "Another <action> with a title long enough to wrap onto a second line"},
    {"quadrant": "major-project"}, {"start_month": 3}, {"end_month": 20},
    {"start": "2031-01"}, {"end": "2031-12"},
]  # fmt: skip


def _charts_with(report, gap_row=None, action_bar=None):  # type: ignore[no-untyped-def]
    """``report``'s gap and timeline charts, with its first gap row (and first action)
    changed by ``gap_row`` (``action_bar``)."""
    import dataclasses

    from capassess.report.charts import gap_bars
    from capassess.report.timeline import timeline

    gaps = list(report.gaps)
    shown = next(i for i, g in enumerate(gaps) if g.gap and not g.met and g.assessed)
    gaps[shown] = dataclasses.replace(gaps[shown], **(gap_row or {}))
    phase = next(p for p in report.phases if p.actions)
    actions = (dataclasses.replace(phase.actions[0], **(action_bar or {})), *phase.actions[1:])
    phases = tuple(dataclasses.replace(p, actions=actions) if p is phase else p
                   for p in report.phases)  # fmt: skip
    changed = dataclasses.replace(report, gaps=tuple(gaps), phases=phases)
    return gap_bars(changed), timeline(changed)


@pytest.mark.parametrize(
    ("gap_row", "action_bar"),
    [(c, None) for c in GAP_ROW_CHANGES] + [(None, c) for c in ACTION_BAR_CHANGES],
    ids=repr,
)
def test_drawn_rows_and_bars_are_kept_apart_by_what_they_show(gap_row, action_bar) -> None:  # type: ignore[no-untyped-def]
    """A gap row or action bar is drawn once for the reports that show it alike, at the
    same place: after the unchanged report's charts are remembered, a report whose row
    or bar differs in any one thing it shows gets the chart drawn afresh."""
    from capassess.report.build import build_report
    from tests.report.test_shared_work import _planned, _rows

    report = next(r for r in (build_report(_planned(row), "en") for row in _rows())
                  if r.phases and any(p.actions for p in r.phases) and r.summary.top_gaps)  # fmt: skip
    svg._DRAWN.clear()
    fresh = _charts_with(report, gap_row, action_bar)
    svg._DRAWN.clear()
    _charts_with(report)  # remembers the unchanged rows and bars
    assert any(key[0] in ("gap-row", "action-bar") for key in svg._DRAWN)
    assert _charts_with(report, gap_row, action_bar) == fresh
