"""The report's charts as inline SVG: radar, gap bars, roadmap timeline and level band.

Each chart is drawn from the report model alone, carries a <title> and <desc>, keeps its
text as real (selectable) text, and tells series apart by dash pattern and marker shape,
so it reads in print and in greyscale.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache, partial

from capassess.model.base import Lang
from capassess.records import record
from capassess.report.model import GapRow, Report
from capassess.report.palette import CURRENT, GRID, INK, MUTED, PALE, TARGET, WHITE
from capassess.report.svg import (
    BASELINE_SERIES,
    CURRENT_SERIES,
    PEER_SERIES,
    TARGET_SERIES,
    Series,
    Svg,
    level_grid,
    marker,
    text_width,
    wrap,
)
from capassess.report.timeline import level_band, timeline
from capassess.texts import words

RADAR_WIDTH = 820.0
LEGEND_Y = 590.0
RADIUS = 215.0


@record
class Charts:
    """The SVG of each chart; empty when a chart has nothing to show."""

    radar: str
    gaps: str
    timeline: str
    band: str


@record
class Spoke:
    """One capability on the radar: its label and its three values."""

    label: str
    score: float | None
    target: float
    baseline: float | None
    peer_median: float | None = None


def _spokes(report: Report) -> list[Spoke]:
    t = words("report", report.lang)
    na = t["na"]
    spokes = []
    for d, dim in enumerate(report.dimensions, 1):
        for c, cap in enumerate(dim.capabilities, 1):
            g = cap.gap
            missing = na if g.assessed else t["not_assessed"]
            shown = t["na_suffix"].format(na=missing)
            label = f"{d}.{c} {g.title}" + (shown if g.score is None else "")
            peer = report.peers.median_of(g.id) if report.peers else None
            spokes.append(Spoke(label, g.score, float(g.target), g.baseline, peer))
    return spokes


def _point(i: float, n: int, value: float, cx: float, cy: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    r = RADIUS * (max(1.0, min(5.0, value)) - 1) / 4
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _points(pts: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)


def _edge_middle(i: int, n: int, cx: float, cy: float) -> tuple[float, float]:
    """The middle of the outer ring's edge between spokes ``i - 1`` and ``i``."""
    (x0, y0), (x1, y1) = _point(i - 1, n, 5, cx, cy), _point(i, n, 5, cx, cy)
    return (x0 + x1) / 2, (y0 + y1) / 2


def _radar_grid(svg: Svg, report: Report, n: int, cx: float, cy: float) -> None:
    """Shade every other dimension's sector; draw rings 1..5 and a spoke per capability."""
    sizes = tuple(len(dim.capabilities) for dim in report.dimensions)
    svg.parts.extend(_grid(sizes, n, cx, cy))


@lru_cache(maxsize=64)
def _grid(sizes: tuple[int, ...], n: int, cx: float, cy: float) -> tuple[str, ...]:
    """The elements of the radar's grid for dimensions of ``sizes`` capabilities: the same
    in every report on one questionnaire."""
    svg = Svg(0, 0, "", "", "grid")
    head = len(svg.parts)  # the title and description, not part of the grid
    start = 0
    for d, size in enumerate(sizes):
        end = start + size
        outline = [_point(i, n, 5, cx, cy) for i in range(start, end)]
        sector = [(cx, cy), _edge_middle(start, n, cx, cy), *outline, _edge_middle(end, n, cx, cy)]
        svg.add("polygon", points=_points(sector), fill=PALE if d % 2 == 0 else WHITE)
        x, y = _edge_middle(start, n, cx, cy)
        svg.add("line", x1=cx, y1=cy, x2=x, y2=y, stroke=MUTED, stroke_width=1)
        start = end
    for level in range(2, 6):
        ring = _points([_point(i, n, level, cx, cy) for i in range(n)])
        svg.add("polygon", points=ring, fill="none", stroke=GRID, stroke_width=1)
    for i in range(n):
        x, y = _point(i, n, 5, cx, cy)
        svg.add("line", x1=cx, y1=cy, x2=x, y2=y, stroke=GRID, stroke_width=1)
    for level in range(1, 6):  # on the rings, between the first two spokes: clear of markers
        (x0, y0), (x1, y1) = _point(0, n, level, cx, cy), _point(1, n, level, cx, cy)
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        svg.add("text", str(level), x=x, y=y + 4, font_size=10, fill=MUTED, text_anchor="middle")
    return tuple(svg.parts[head:])


@record
class RadarLabel:
    """Where a spoke's label sits: its lines, anchor point, box and leader line."""

    lines: tuple[str, ...]
    x: float
    top: float
    anchor: str
    width: float
    spoke: tuple[float, float]
    """The end of its spoke, where the leader line starts."""

    @property
    def height(self) -> float:
        return LINE_HEIGHT * len(self.lines)

    @property
    def left(self) -> float:
        return self.x - self.width if self.anchor == "end" else self.x


LINE_HEIGHT = 14.4
LABEL_GAP = 3.0
LABEL_WIDTH = 170.0
LABEL_TOP, LABEL_BOTTOM = 6.0, LEGEND_Y - 18


def _spread(items: list[tuple[float, float]], low: float, high: float) -> list[float]:
    """Tops for boxes of (preferred top, height), in order, that do not overlap and stay
    within ``low``..``high``: pushed down from the top, then back up from the bottom."""
    tops: list[float] = []
    for want, _height in items:
        floor = tops[-1] + items[len(tops) - 1][1] + LABEL_GAP if tops else low
        tops.append(max(want, floor))
    ceiling = high
    for k in range(len(items) - 1, -1, -1):
        tops[k] = max(low, min(tops[k], ceiling - items[k][1]))
        ceiling = tops[k] - LABEL_GAP
    return tops


def radar_labels(labels: list[str], cx: float, cy: float) -> list[RadarLabel]:
    """Each spoke's label beside the ring, on its side of the chart: labels of one side
    keep the spokes' order from top to bottom, pushed apart where they would overlap, and
    follow the ring's curve so that each stays near its spoke (placed once per set of
    labels: every unit of a batch has the same ones)."""
    return list(_placed_labels(tuple(labels), cx, cy))


@lru_cache(maxsize=64)
def _placed_labels(labels: tuple[str, ...], cx: float, cy: float) -> tuple[RadarLabel, ...]:
    n, ring = len(labels), RADIUS + 16
    sides: dict[int, list[tuple[int, float, float, list[str]]]] = {1: [], -1: []}
    for i, label in enumerate(labels):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        cos, sin = math.cos(angle), math.sin(angle)
        side = 1 if cos > 1e-9 or (abs(cos) <= 1e-9 and sin < 0) else -1
        lines = wrap(label, 12, LABEL_WIDTH, 3)
        sides[side].append((i, cy + ring * sin, cos, lines))
    placed: dict[int, RadarLabel] = {}
    for side, items in sides.items():
        items.sort(key=lambda item: item[1])
        boxes = [(y - LINE_HEIGHT * len(lines) / 2, LINE_HEIGHT * len(lines))
                 for _, y, _, lines in items]  # fmt: skip
        for (i, _, _, lines), top in zip(items, _spread(boxes, LABEL_TOP, LABEL_BOTTOM),
                                         strict=True):  # fmt: skip
            middle = top + LINE_HEIGHT * len(lines) / 2
            reach = math.sqrt(max(0.0, ring**2 - (middle - cy) ** 2))
            x = cx + side * (reach + 4)
            width = max(text_width(line, 12) for line in lines)
            spoke = _point(i, n, 5, cx, cy)
            placed[i] = RadarLabel(tuple(lines), x, top, "start" if side > 0 else "end",
                                   width, spoke)  # fmt: skip
    return tuple(placed[i] for i in range(n))


def _radar_labels(svg: Svg, labels: tuple[str, ...], cx: float, cy: float) -> None:
    for label in radar_labels(list(labels), cx, cy):
        x0, y0 = label.spoke
        x1 = label.x - (3 if label.anchor == "start" else -3)
        y1 = label.top + label.height / 2
        if math.hypot(x1 - x0, y1 - y0) > RADIUS * 0.12:  # a leader line when moved away
            svg.add("line", x1=x0, y1=y0, x2=x1, y2=y1, stroke=GRID, stroke_width=1)
        svg.text(label.x, label.top + 11, list(label.lines), 12, text_anchor=label.anchor,
                 fill=INK)  # fmt: skip


def _series(svg: Svg, values: list[float | None], series: Series, cx: float, cy: float) -> None:
    """One series as a closed line with a marker per value. A spoke with no value (not
    assessed, or n/a) breaks the line there: it is never drawn at the centre, which would
    read as the lowest level."""
    n = len(values)
    pts = [None if v is None else _point(i, n, v, cx, cy) for i, v in enumerate(values)]
    current = series is CURRENT_SERIES
    stroke = {"stroke": series.colour, "stroke_width": 2.5 if current else 2,
              "stroke_dasharray": series.dash}  # fmt: skip
    known = [p for p in pts if p is not None]
    if len(known) == n:
        svg.add("polygon", points=_points(known), fill=series.colour if current else "none",
                fill_opacity=0.12 if current else None, **stroke)  # fmt: skip
    else:
        for run in _known_runs(pts):
            if len(run) > 1:
                svg.add("polyline", points=_points(run), fill="none", **stroke)
    for point in known:
        marker(svg, series.shape, point[0], point[1], series.colour)


def _known_runs(
    pts: list[tuple[float, float] | None],
) -> list[list[tuple[float, float]]]:
    """The runs of neighbouring known points around the ring (at least one is unknown)."""
    start = next(i for i, p in enumerate(pts) if p is None)
    runs: list[list[tuple[float, float]]] = [[]]
    for p in pts[start + 1 :] + pts[: start + 1]:
        if p is None:
            runs.append([])
        else:
            runs[-1].append(p)
    return [r for r in runs if r]


def legend(svg: Svg, x: float, y: float, items: list[Series], lang: Lang) -> None:
    """Line samples with markers and labels, left to right from ``x``."""
    t = words("report", lang)
    for series in items:
        label = t[series.key]
        svg.add(
            "line",
            x1=x,
            y1=y,
            x2=x + 34,
            y2=y,
            stroke=series.colour,
            stroke_width=2.5,
            stroke_dasharray=series.dash,
        )
        marker(svg, series.shape, x + 17, y, series.colour)
        svg.add("text", label, x=x + 42, y=y + 4, font_size=12, fill=INK)
        x += 64 + text_width(label, 12)


def radar(report: Report) -> str:
    """Capability scores against target (and baseline), grouped by dimension."""
    spokes = _spokes(report)
    if len(spokes) < 3:
        return ""
    t = words("report", report.lang)
    has_base = any(s.baseline is not None for s in spokes)
    base_text = t["chart_radar_baseline"] if has_base else ""
    desc = t["chart_radar_desc"].format(n=len(spokes), baseline=base_text)
    if any(s.peer_median is not None for s in spokes):
        desc += " " + t["chart_radar_peers"]
    height = LEGEND_Y + 40 + 18 * ((len(report.dimensions) + 1) // 2)
    svg = Svg(RADAR_WIDTH, height, t["chart_radar"], desc, "radar")
    cx, cy = RADAR_WIDTH / 2, 300.0
    _radar_grid(svg, report, len(spokes), cx, cy)
    has_peers = any(s.peer_median is not None for s in spokes)
    series = [TARGET_SERIES, *([BASELINE_SERIES] if has_base else []),
              *([PEER_SERIES] if has_peers else []), CURRENT_SERIES]  # fmt: skip
    for one in series:
        values = [getattr(s, "score" if one is CURRENT_SERIES else one.key) for s in spokes]
        if one is CURRENT_SERIES:
            _series(svg, values, one, cx, cy)
            continue
        # the targets (and often the baseline) are those of the reports before
        shape = (one.key, *((type(v), v) for v in values), cx, cy)
        svg.drawn(shape, partial(_series, values=values, series=one, cx=cx, cy=cy))
    labels = tuple(s.label for s in spokes)
    svg.drawn(("radar-labels", labels, cx, cy), lambda out: _radar_labels(out, labels, cx, cy))
    shown, lang = (CURRENT_SERIES, *series[:-1]), report.lang
    svg.drawn(("legend", lang, shown), lambda out: legend(out, 40, LEGEND_Y, list(shown), lang))
    titles = tuple(dim.title for dim in report.dimensions)
    svg.drawn(("dimension-key", titles), lambda out: _dimension_key(out, titles, LEGEND_Y + 30))
    return svg.render()


def _dimension_key(svg: Svg, titles: tuple[str, ...], y: float) -> None:
    """The dimensions by number, in two columns, as the spoke labels number them."""
    half = (len(titles) + 1) // 2
    for d, title in enumerate(titles):
        x = 40.0 + (d // half) * 380
        line = wrap(f"{d + 1}  {title}", 12, 360, 1)
        svg.text(x, y + (d % half) * 18, line, 12, fill=MUTED)


def _gap_label(g: GapRow, t: dict[str, str]) -> str:
    """``2.04 → 4 (1.96 short)``: a gap is positive (target − score), as the key messages
    word it."""
    score = f"{g.score or 1.0:.2f}"
    return t["chart_gap_label"].format(score=score, target=g.target, gap=f"{g.gap or 0:.2f}")


def _gap_row(svg: Svg, *, g: GapRow, y: float, scale: Callable[[float], float], label: str) -> None:
    score, left = g.score or 1.0, scale(1)
    svg.text(left - 12, y + 11, wrap(g.title, 12, left - 24, 1), 12, text_anchor="end", fill=INK)
    dim = wrap(g.dimension_title, 10, left - 24, 1)
    svg.text(left - 12, y + 24, dim, 10, text_anchor="end", fill=MUTED)
    svg.add("rect", x=left, y=y + 4, width=scale(score) - left, height=18, fill=CURRENT)
    svg.add(
        "rect",
        x=scale(score),
        y=y + 4,
        width=scale(g.target) - scale(score),
        height=18,
        fill="url(#gap-hatch)",
        stroke=TARGET,
        stroke_width=1.2,
    )
    svg.add("text", label, x=scale(g.target) + 8, y=y + 18, font_size=12, fill=INK)


def gap_bars(report: Report) -> str:
    """Bars from 1 to the score and on to the target, for capabilities with a gap."""
    rows = [g for g in report.gaps if g.gap and not g.met and g.score is not None and g.assessed]
    if not rows:
        return ""
    t = words("report", report.lang)
    left, right, top, step = 340.0, 770.0, 44.0, 36.0
    height = top + step * len(rows) + 16

    def scale(value: float) -> float:
        return left + (right - left) * (value - 1) / 4

    desc = t["chart_gaps_desc"].format(n=len(rows))
    labels = [_gap_label(g, t) for g in rows]
    # wide enough for the label beside a bar that runs to level 5
    ends = (
        scale(g.target) + 8 + text_width(label, 12) for g, label in zip(rows, labels, strict=True)
    )
    svg = Svg(max(900.0, max(ends) + 6), height, t["chart_gaps"], desc, "gaps")
    svg.hatch("gap-hatch", TARGET)
    svg.drawn(("gap-grid", height),
              lambda out: level_grid(out, scale, top - 8, height - 10, top - 14, 11))  # fmt: skip
    for i, g in enumerate(rows):
        # a row rests on these alone (the scale is the same in every report): the rows of
        # units that score a capability alike, at the same rank, are drawn once
        y, label = top + i * step, labels[i]
        row = ("gap-row", g.title, g.dimension_title, g.score or 1.0, g.target, y, label)
        svg.drawn(row, partial(_gap_row, g=g, y=y, scale=scale, label=label))
    return svg.render()


def draw_charts(report: Report) -> Charts:
    """Every chart of the report."""
    return Charts(radar(report), gap_bars(report), timeline(report), level_band(report))
