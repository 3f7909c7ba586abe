"""Render the portfolio report (HTML and Markdown) with the reports' Jinja environment.

The templates are ``portfolio.html.j2`` and ``portfolio.md.j2``; like the unit reports'
templates they may be overridden from a folder of the user's (``--template-dir``) and
run in Jinja's sandbox, and the HTML is autoescaped.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from markupsafe import Markup

from capassess.atomic import write_atomic
from capassess.report.environment import render_template, report_environment
from capassess.report.heat import HEAT_STATUSES, HEAT_SYMBOLS
from capassess.report.portfolio.charts import draw_portfolio_charts
from capassess.report.portfolio.model import Portfolio
from capassess.texts import say, words
from capassess.texts.batch import group_label

TEMPLATES = {"html": "portfolio.html.j2", "md": "portfolio.md.j2"}


def group_words(portfolio: Portfolio) -> str:
    """The group column in the report's language: its label from the template's label
    row, else the usual word for a common column name, else the name itself (in Chinese
    text, in Chinese quotation marks)."""
    name, lang = portfolio.settings.group_by or "", portfolio.settings.lang
    if portfolio.group_label:
        return portfolio.group_label
    label = group_label(name, lang)
    if label == name and name:
        return say("portfolio", lang, "column_named", name=name)
    return label


def render_portfolio(portfolio: Portfolio, fmt: str, template_dir: str | Path | None = None) -> str:
    """The portfolio report as HTML or Markdown."""
    env = report_environment(template_dir)
    charts = draw_portfolio_charts(portfolio) if fmt == "html" else None
    context = {
        "p": portfolio,
        "t": words("portfolio", portfolio.settings.lang),
        "lang": portfolio.settings.lang,
        "group_label": group_words(portfolio),
        "heat_symbols": HEAT_SYMBOLS,
        "heat_statuses": HEAT_STATUSES,
        "charts": {
            key: Markup(svg)  # our own SVG, every text in it escaped by report.svg
            for key, svg in (dataclasses.asdict(charts).items() if charts else ())
        },
    }
    return render_template(env, TEMPLATES[fmt], context)


def write_portfolio(
    folder: Path, portfolio: Portfolio, template_dir: str | Path | None = None
) -> dict[str, str]:
    """Write ``portfolio.html`` and ``portfolio.md`` into ``folder``."""
    written = {}
    for fmt in TEMPLATES:
        path = write_atomic(
            folder / f"portfolio.{fmt}", render_portfolio(portfolio, fmt, template_dir)
        )
        written[f"portfolio_{fmt}"] = str(path)
    return written
