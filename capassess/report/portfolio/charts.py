"""The portfolio report's charts as inline SVG: score spread per dimension (box plots),
and the histogram of overall scores. (The capability heat map against target is an HTML
table of the template, ``report.portfolio.heat``.)

Drawn with the report's SVG writer (``report.svg``), so every text is escaped, every
chart has a title and a description, and values are written as text as well as shown
by length or shade, so that the charts read in print and in greyscale.
"""

from __future__ import annotations

from capassess.records import record
from capassess.report.palette import CURRENT, INK, MUTED, PALE
from capassess.report.portfolio.model import Portfolio
from capassess.report.portfolio.tables import Distribution
from capassess.report.svg import Svg, level_grid, wrap
from capassess.texts import words

LEFT, RIGHT, ROW = 190.0, 24.0, 34.0
WIDTH = 760.0


@record
class PortfolioCharts:
    """The SVG of each chart; empty when there is nothing to draw."""

    spread: str
    histogram: str


def _x(score: float) -> float:
    return LEFT + (score - 1.0) / 4.0 * (WIDTH - LEFT - RIGHT)


def _box(svg: Svg, row: Distribution, label: str, y: float) -> None:
    svg.text(8, y + 4, wrap(label, 12, LEFT - 16, 1), 12, fill=INK)
    s = row.stats
    if s.min is None or s.max is None or s.q1 is None or s.q3 is None or s.median is None:
        svg.add("text", "n/a", x=_x(1) + 4, y=y + 4, font_size=12, fill=MUTED)
        return
    svg.add("line", x1=_x(s.min), y1=y, x2=_x(s.max), y2=y, stroke=INK, stroke_width=1.5)
    for end in (s.min, s.max):
        svg.add("line", x1=_x(end), y1=y - 6, x2=_x(end), y2=y + 6, stroke=INK, stroke_width=1.5)
    svg.add("rect", x=_x(s.q1), y=y - 10, width=max(1.0, _x(s.q3) - _x(s.q1)), height=20,
            fill=PALE, stroke=CURRENT, stroke_width=1.5)  # fmt: skip
    svg.add("line", x1=_x(s.median), y1=y - 10, x2=_x(s.median), y2=y + 10, stroke=CURRENT,
            stroke_width=3)  # fmt: skip
    if s.mean is not None:
        m = _x(s.mean)
        svg.add("polygon", points=f"{m:.1f},{y - 5:.1f} {m + 5:.1f},{y:.1f} {m:.1f},{y + 5:.1f} "
                f"{m - 5:.1f},{y:.1f}", fill=INK)  # fmt: skip


def spread(portfolio: Portfolio) -> str:
    """Box plots of the overall and each dimension's scores on one 1-5 axis."""
    t = words("portfolio", portfolio.settings.lang)
    rows = [(t["overall"], portfolio.overall)] + [(d.title, d) for d in portfolio.distributions]
    height = 30 + ROW * len(rows) + 30
    svg = Svg(WIDTH, height, t["chart_spread"], t["chart_spread_desc"], "spread")
    level_grid(svg, _x, 16, height - 30, height - 14, stroke_width=1)
    for i, (label, row) in enumerate(rows):
        _box(svg, row, label, 30 + ROW * i + ROW / 2)
    return svg.render()


def histogram(portfolio: Portfolio) -> str:
    """Bars of the number of units per half-point band of overall score."""
    t = words("portfolio", portfolio.settings.lang)
    counts = portfolio.overall.histogram
    if not sum(counts):
        return ""
    height, base = 240.0, 200.0
    svg = Svg(WIDTH, height, t["chart_histogram"], t["chart_histogram_desc"], "histogram")
    step = (WIDTH - 60) / len(counts)
    top = max(counts)
    for i, count in enumerate(counts):
        bar = (base - 30) * count / top
        x = 40 + i * step
        svg.add("rect", x=x + 4, y=base - bar, width=step - 8, height=bar, fill=CURRENT)
        svg.add("text", f"{count:,}", x=x + step / 2, y=base - bar - 6, font_size=12, fill=INK,
                text_anchor="middle")  # fmt: skip
        label = f"{1 + i * 0.5:.1f}–{1.5 + i * 0.5:.1f}"
        svg.add("text", label, x=x + step / 2, y=base + 18, font_size=12, fill=MUTED,
                text_anchor="middle")  # fmt: skip
    svg.add("line", x1=40, y1=base, x2=WIDTH - 20, y2=base, stroke=INK, stroke_width=1)
    return svg.render()


def draw_portfolio_charts(portfolio: Portfolio) -> PortfolioCharts:
    """Every chart of the portfolio report."""
    return PortfolioCharts(spread(portfolio), histogram(portfolio))
