"""Building blocks of the board deck: slides from a master, text, tables, native charts.

A master given as ``deck.pptx`` in --template-dir supplies the layouts, fonts and colours;
without one the shipped look is drawn: 16:9, a navy title band and the report's palette.
Every text is written with its control characters shown as ``\\xNN``
(``terminal_safe``): a slide's XML cannot hold them, and a reader should see them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from capassess.report import palette
from capassess.terminal_text import terminal_safe


def rgb(colour: str) -> RGBColor:
    """A PowerPoint colour from the palette's ``#rrggbb``."""
    value = int(colour.lstrip("#"), 16)
    return RGBColor(value >> 16, (value >> 8) & 0xFF, value & 0xFF)


NAVY, BLUE, MUTED = rgb(palette.NAVY), rgb(palette.CURRENT), rgb(palette.MUTED)
INK, WHITE, ZEBRA = rgb(palette.INK), rgb(palette.WHITE), rgb(palette.ZEBRA)
SERIES = {  # by what a series shows, as the HTML report's charts colour it
    "current": rgb(palette.CURRENT),
    "target": rgb(palette.TARGET),
    "baseline": rgb(palette.BASELINE),
    "peer_median": rgb(palette.PEER),
}
SCALE = (1.0, 5.0)
"""The value axis of a score chart: scores run from 1 to 5, so a bar drawn from 0 would
show a level-1 score as a fifth of the scale."""
LABEL_POINTS = (7.0, 11.0)
"""The smallest legible size of a bar's label and its usual size, in points."""
CHART_FRAME = 90.0
"""Points of a bar chart's height that are not rows: its title, value axis and legend."""
HEAT = {  # fill, text: also told apart in grey by the symbol in the cell
    status: (rgb(fill), rgb(text)) for status, (fill, text) in palette.HEAT_COLOURS.items()
}
FONTS = {"en": "Calibri", "zh": "Microsoft YaHei"}
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
DECK_FILE = "deck.pptx"


class Deck:
    """A presentation being built, in one language, on the shipped look or a master."""

    def __init__(self, lang: str, master: Path | None) -> None:
        self.lang = lang
        self.shipped = master is None
        self.prs = Presentation(str(master)) if master else Presentation()
        if self.shipped:
            self.prs.slide_width, self.prs.slide_height = Inches(13.333), Inches(7.5)
        else:
            _drop_slides(self.prs)
        self.width = int(self.prs.slide_width or Inches(10))
        self.height = int(self.prs.slide_height or Inches(7.5))

    def layout(self, *names: str) -> Any:
        """The first layout with one of ``names``, else the one with a title and least else."""
        for name in names:
            for layout in self.prs.slide_layouts:
                if layout.name.lower() == name.lower():
                    return layout
        titled = [
            la
            for la in self.prs.slide_layouts
            if any(p.placeholder_format.type in TITLES for p in list(la.placeholders))
        ]
        return min(titled or list(self.prs.slide_layouts), key=lambda la: len(la.placeholders))

    def slide(self, title: str) -> Any:
        """A new slide with ``title`` in the master's title placeholder (or the navy band)."""
        slide = self.prs.slides.add_slide(self.layout("Title Only"))
        for ph in list(slide.placeholders):
            if ph.placeholder_format.type not in TITLES:
                ph._element.getparent().remove(ph._element)
        if self.shipped:
            band = slide.shapes.add_shape(1, 0, 0, self.width, Inches(1.0))
            band.fill.solid()
            band.fill.fore_color.rgb = NAVY
            band.line.fill.background()
            band._element.getparent().remove(band._element)
            slide.shapes._spTree.insert(2, band._element)
        title_shape = slide.shapes.title
        if title_shape is None:
            title_shape = slide.shapes.add_textbox(
                Inches(0.5), Inches(0.15), self.width - Inches(1), Inches(0.8)
            )
        title_shape.text = terminal_safe(title)
        if self.shipped:
            title_shape.left, title_shape.top = Inches(0.5), Inches(0.1)
            title_shape.width, title_shape.height = self.width - Inches(1), Inches(0.8)
            self.style(title_shape.text_frame, 26, WHITE, bold=True)
        return slide

    @property
    def body(self) -> tuple[int, int, int, int]:
        """Left, top, width and height of the area under the title."""
        top = Inches(1.3)
        return Inches(0.5), top, self.width - Inches(1), self.height - top - Inches(0.4)

    def style(
        self, frame: Any, size: float, color: RGBColor | None = None, bold: bool = False
    ) -> None:
        """Font size, colour and the language's font (East Asian too) of every run."""
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                self.font(run.font, size, color, bold)

    def font(self, font: Any, size: float, color: RGBColor | None, bold: bool = False) -> None:
        font.size = Pt(size)
        font.bold = bold
        if color is not None and self.shipped:
            font.color.rgb = color
        if self.shipped:
            font.name = FONTS.get(self.lang, "Calibri")
            rpr = font._element
            east = rpr.find(qn("a:ea"))
            if east is None:
                east = rpr.makeelement(qn("a:ea"), {})
                rpr.append(east)
            east.set("typeface", FONTS["zh"])

    def text(
        self,
        slide: Any,
        box: tuple[int, int, int, int],
        lines: Sequence[str],
        size: float = 16,
        bullets: bool = False,
        color: RGBColor | None = INK,
    ) -> Any:
        """A text box of ``lines`` (one paragraph each), word-wrapped; the box keeps its
        size (no auto-fit), so callers measure the text first (``deck_fit``)."""
        shape = slide.shapes.add_textbox(*box)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = ("• " if bullets else "") + terminal_safe(line)
            paragraph.space_after = Pt(8)
        self.style(frame, size, color)
        return shape

    def table(
        self,
        slide: Any,
        box: tuple[int, int, int, int],
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        size: float = 11,
    ) -> Any:
        """A native table with a header row; ``widths`` are shares of the box's width."""
        left, top, width, height = box
        row_height = min(Inches(0.5), height // (len(rows) + 1))
        shape = slide.shapes.add_table(
            len(rows) + 1, len(header), left, top, width, row_height * (len(rows) + 1)
        )
        table = shape.table
        for c, share in enumerate(widths):
            table.columns[c].width = Emu(int(width * share))
        for r, values in enumerate([header, *rows]):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.text = terminal_safe(value)
                cell.vertical_anchor = MSO_ANCHOR.TOP
                self.style(cell.text_frame, size, WHITE if r == 0 else INK, bold=r == 0)
                if self.shipped:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = NAVY if r == 0 else (ZEBRA if r % 2 == 0 else WHITE)
        return table

    def bar_chart(
        self,
        slide: Any,
        box: tuple[int, int, int, int],
        categories: Sequence[str],
        series: Sequence[tuple[str, str, Sequence[float | None]]],
        *,
        title: str,
        horizontal: bool = False,
        scale: tuple[float, float] = SCALE,
    ) -> Any:
        """A native clustered bar chart of scores whose data sits inside the file (editable).

        Each series is ``(role, name, values)``: its role (a key of ``SERIES``) gives its
        colour, the same on every chart of the deck whatever the series' order.
        """
        data = CategoryChartData(number_format="0.00")
        data.categories = [terminal_safe(c) for c in categories]
        for _role, name, values in series:
            data.add_series(terminal_safe(name), list(values))
        kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
        chart = slide.shapes.add_chart(kind, *box, data).chart
        chart.has_title = True
        chart.chart_title.text_frame.text = terminal_safe(title)
        self.style(chart.chart_title.text_frame, 14, INK, bold=True)
        chart.has_legend = len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
            self.font(chart.legend.font, 12, INK)
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale = scale
        self.font(axis.tick_labels.font, 11, MUTED)
        self.label_every_bar(chart, box[3] if horizontal else None, len(categories))
        if horizontal:
            chart.category_axis.reverse_order = True
        if self.shipped:
            for plot_series, (role, _name, _values) in zip(chart.plots[0].series, series,
                                                           strict=True):  # fmt: skip
                plot_series.format.fill.solid()
                plot_series.format.fill.fore_color.rgb = SERIES[role]
        return chart

    def label_every_bar(self, chart: Any, height: int | None, count: int) -> None:
        """Name every bar: on a crowded axis PowerPoint and LibreOffice otherwise show every
        other label only, leaving bars nobody can name. The labels' size fits one row of a
        chart ``height`` EMU high (None: the categories run across, the usual size)."""
        least, usual = LABEL_POINTS
        size = usual
        if height is not None and count:
            pitch = (Emu(height).pt - CHART_FRAME) / count
            size = max(least, min(usual, int(pitch * 1.5) / 2))  # three quarters, in halves
        axis = chart.category_axis._element
        for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
            found = axis.find(qn(tag))
            if found is None:
                found = axis.makeelement(qn(tag), {})
                later = [axis.find(qn(t)) for t in ("c:noMultiLvlLbl", "c:extLst")]
                anchor = next((e for e in later if e is not None), None)
                if anchor is None:
                    axis.append(found)
                else:
                    anchor.addprevious(found)
            found.set("val", "1")
        self.font(chart.category_axis.tick_labels.font, size, INK)

    def gantt(
        self,
        slide: Any,
        box: tuple[int, int, int, int],
        bars: Sequence[tuple[str, int, int]],
        *,
        title: str,
        offset_name: str,
        length_name: str,
        months: int | None = None,
    ) -> Any:
        """A native Gantt: stacked bars whose first, invisible series is the start month;
        ``months`` ends the month axis (the same on every slide of one roadmap)."""
        data = CategoryChartData(number_format="0")
        data.categories = [terminal_safe(name) for name, _, _ in bars]
        data.add_series(terminal_safe(offset_name), [start for _, start, _ in bars])
        data.add_series(terminal_safe(length_name), [end - start for _, start, end in bars])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data).chart
        chart.has_title = True
        chart.chart_title.text_frame.text = terminal_safe(title)
        self.style(chart.chart_title.text_frame, 14, INK, bold=True)
        chart.has_legend = False
        chart.category_axis.reverse_order = True
        chart.value_axis.minimum_scale = 0
        if months is not None:
            chart.value_axis.maximum_scale = months
        self.label_every_bar(chart, box[3], len(bars))
        self.font(chart.value_axis.tick_labels.font, 10, MUTED)
        offset, length = chart.plots[0].series
        offset.format.fill.background()
        offset.format.line.fill.background()
        length.format.fill.solid()
        length.format.fill.fore_color.rgb = BLUE
        return chart


def _drop_slides(prs: Any) -> None:
    """Remove a master's own slides: its layouts and theme are what it lends."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.get(qn("r:id")))
        ids.remove(slide_id)


def table_pages(count: int, per_slide: int, slides: int) -> tuple[list[int], bool]:
    """The rows each slide of a ``count``-row table holds, at most ``per_slide`` on each of
    at most ``slides`` slides, and whether some rows do not fit (then the last row of the
    last slide stands for them).

    Rows are spread evenly over the slides they need (10 rows at 9 a slide: 5 and 5), so
    no continuation slide carries a lone row.
    """
    if count <= 0:
        return [0], False
    if count > per_slide * slides:
        return [per_slide] * slides, True
    needed = -(-count // per_slide)
    return [count // needed + (i < count % needed) for i in range(needed)], False
