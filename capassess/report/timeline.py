"""The roadmap timeline (Gantt-like, by phase and month) and the level band, as SVG."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from capassess.plan_text import quadrant_labels
from capassess.report.model import ActionRow, PhaseSection, Report
from capassess.report.palette import CURRENT, GRID, INK, LEVEL_SHADES, MUTED, PALE, QUADRANT_FILL
from capassess.report.svg import (
    BASELINE_SERIES,
    CURRENT_SERIES,
    TARGET_SERIES,
    Series,
    Svg,
    marker,
    text_width,
    wrap,
)
from capassess.texts import words

LEFT, RIGHT, WIDTH = 370.0, 850.0, 900.0


def _horizon(phases: tuple[PhaseSection, ...], actions: list[ActionRow]) -> int:
    ends = [a.end_month for a in actions] + [p.end_month or 0 for p in phases]
    return max(6, math.ceil(max(ends) / 6) * 6)


def calendar_month(report: Report, months: int) -> str:
    """The calendar month (YYYY-MM) ``months`` after the roadmap's start."""
    year, month = (int(part) for part in report.start_date.split("-")[:2])
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _phase_lines(p: PhaseSection, report: Report, width: float) -> list[str]:
    """``Phase 1`` over ``2026-03 – 2026-08``, each cut to the band's width."""
    t = words("report", report.lang)
    start = calendar_month(report, p.start_month)
    span = (
        t["phase_from"].format(start=start)
        if p.end_month is None
        else f"{start} – {calendar_month(report, p.end_month - 1)}"
    )
    lines = [t["phase_short"].format(n=p.index + 1), span]
    if p.end_month is not None and text_width(span, 11) > width:
        lines = [lines[0], f"{start} –", calendar_month(report, p.end_month - 1)]
    return [wrap(line, 11, width, 1)[0] for line in lines]


def _phase_bands(svg: Svg, report: Report, horizon: int, height: float) -> None:
    scale = (RIGHT - LEFT) / horizon
    for p in report.phases:
        x0 = LEFT + p.start_month * scale
        x1 = LEFT + min(p.end_month or horizon, horizon) * scale
        if x1 <= x0:
            continue
        if p.index % 2 == 0:
            svg.add("rect", x=x0, y=10, width=x1 - x0, height=height - 50, fill=PALE)
        svg.text(
            (x0 + x1) / 2,
            24,
            _phase_lines(p, report, x1 - x0 - 6),
            11,
            fill=MUTED,
            text_anchor="middle",
            font_weight="600",
        )
    every = 6 if 6 * scale >= 50 else 12  # room for a YYYY-MM label under each tick
    for month in range(0, horizon + 1, 6):
        x = LEFT + month * scale
        svg.add("line", x1=x, y1=52, x2=x, y2=height - 36, stroke=GRID)
        if month % every == 0:
            label = calendar_month(report, month)
            svg.add("text", label, x=x, y=height - 22, font_size=10, fill=MUTED,
                    text_anchor="middle")  # fmt: skip


def _quadrant_legend(svg: Svg, report: Report, y: float) -> None:
    x = LEFT
    for key, label in quadrant_labels(report.lang).items():
        fill, stroke = QUADRANT_FILL[key]
        svg.add("rect", x=x, y=y - 10, width=22, height=12, fill=fill, stroke=stroke)
        svg.add("text", label, x=x + 28, y=y, font_size=11, fill=INK)
        x += 44 + text_width(label, 11)
    svg.add(
        "text",
        words("report", report.lang)["month_axis"],
        x=LEFT - 30,
        y=y - 22,
        font_size=11,
        fill=MUTED,
        text_anchor="end",
    )


def _action_bar(svg: Svg, *, a: ActionRow, y: float, scale: float) -> None:
    """One action: its title on the left, a bar over its months, the months beside it."""
    title = wrap(a.title, 12, LEFT - 24, 2)
    svg.text(LEFT - 12, y + (13 if len(title) == 1 else 6), title, 12, fill=INK, text_anchor="end")
    fill, stroke = QUADRANT_FILL[a.quadrant]
    x0, x1 = LEFT + a.start_month * scale, LEFT + a.end_month * scale
    bar = {"x": x0, "y": y + 1, "width": max(2.0, x1 - x0), "height": 16, "rx": 2}
    svg.add("rect", **bar, fill=fill, stroke=stroke, stroke_width=1.2)
    span = f"{a.start} – {a.end}"
    room = x1 + 5 + text_width(span, 10) <= WIDTH
    where = {
        "x": x1 + 5 if room else x0 - 5,
        "y": y + 14,
        "text_anchor": "start" if room else "end",
    }
    svg.add("text", span, **where, font_size=10, fill=MUTED)


def timeline(report: Report) -> str:
    """Actions as bars over months, on bands for the phases."""
    actions = [a for p in report.phases for a in p.actions]
    if not actions:
        return ""
    t = words("report", report.lang)
    horizon = _horizon(report.phases, actions)
    top, step = 60.0, 32.0
    height = top + step * len(actions) + 60
    desc = t["chart_timeline_desc"].format(n=len(actions), months=horizon)
    svg = Svg(WIDTH, height, t["chart_timeline"], desc, "timeline")
    svg.hatch("tl-hatch", CURRENT, 5)
    spans = tuple((p.index, p.start_month, p.end_month) for p in report.phases)
    bands = ("phase-bands", report.lang, report.start_date, horizon, height, spans)
    svg.drawn(bands, lambda out: _phase_bands(out, report, horizon, height))
    scale = (RIGHT - LEFT) / horizon
    for i, a in enumerate(actions):
        # a bar rests on these alone: the same action in the same months and row, on the
        # same horizon, is drawn once for all the reports that plan it so
        y = top + i * step
        bar = ("action-bar", a.title, a.quadrant, a.start_month, a.end_month, a.start, a.end, y,
               scale)  # fmt: skip
        svg.drawn(bar, partial(_action_bar, a=a, y=y, scale=scale))
    legend = ("quadrant-legend", report.lang, height - 4)
    svg.drawn(legend, lambda out: _quadrant_legend(out, report, height - 4))
    return svg.render()


def _band_marker(svg: Svg, x: float, row: int, label: str, series: Series, left: bool) -> None:
    """A marker above the band at ``x``, a line down to it, and its label on one side."""
    y = 22.0 + row * 20
    line = {"x1": x, "y1": y + 4, "x2": x, "y2": 112, "stroke_dasharray": series.dash}
    svg.add("line", **line, stroke=series.colour, stroke_width=2)
    marker(svg, series.shape, x, y, series.colour, 5)
    room = text_width(label, 12) + 12
    left = (left and x - room > 0) or x + room > WIDTH
    where = {"x": x - 9 if left else x + 9, "y": y + 4, "text_anchor": "end" if left else "start"}
    bold = "600" if series is CURRENT_SERIES else None
    svg.add("text", label, **where, font_size=12, fill=INK, font_weight=bold)


def _band_scale(svg: Svg, report: Report, x: Callable[[float], float]) -> None:
    """Five shaded level segments with the level names under their ticks."""
    for level in range(1, 5):
        segment = {"x": x(level), "y": 84, "width": x(level + 1) - x(level), "height": 28}
        svg.add("rect", **segment, fill=LEVEL_SHADES[level - 1])
    for row in report.method.levels:
        anchor = "start" if row.level == 1 else "end" if row.level == 5 else "middle"
        svg.add("line", x1=x(row.level), y1=84, x2=x(row.level), y2=120, stroke=INK)
        svg.text(x(row.level), 136, [f"{row.level} · {row.name}"], 12, fill=INK, text_anchor=anchor)


def level_band(report: Report) -> str:
    """Where the overall score (and target, baseline) sits on the five named levels."""
    s = report.summary
    if s.overall_score is None:
        return ""
    t = words("report", report.lang)
    left, right = 40.0, WIDTH - 40

    def x(value: float) -> float:
        return left + (right - left) * (max(1.0, min(5.0, value)) - 1) / 4

    desc = t["chart_band_desc"].format(score=f"{s.overall_score:.2f}")
    svg = Svg(WIDTH, 170, t["chart_band"], desc, "band")
    svg.drawn(("band-scale", report.method.levels), lambda out: _band_scale(out, report, x))
    marks = [
        (0, s.baseline_overall, BASELINE_SERIES, ""),
        (1, s.target_overall, TARGET_SERIES, ""),
        (2, s.overall_score, CURRENT_SERIES, f" · {s.level_name}"),
    ]
    other = s.target_overall if s.target_overall is not None else 5.0
    for row, value, series, extra in marks:
        if value is not None:
            # Labels point away from the current score, and the current's from the target.
            away = value < s.overall_score or (value == s.overall_score and other > value)
            text = f"{t[series.key]} {value:.2f}{extra}"
            _band_marker(svg, x(value), row, text, series, away)
    return svg.render()
