"""Render the portfolio report (HTML and Markdown) with the reports' Jinja environment.

The templates are ``portfolio.html.j2`` and ``portfolio.md.j2``; like the unit reports'
templates they may be overridden from a folder of the user's (``--template-dir``) and
run in Jinja's sandbox, and the HTML is autoescaped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from markupsafe import Markup

from capassess.atomic import write_atomic
from capassess.report.environment import render_template, report_environment
from capassess.report.heat import HEAT_STATUSES, HEAT_SYMBOLS
from capassess.report.portfolio.charts import draw_portfolio_charts
from capassess.report.portfolio.model import Portfolio
from capassess.report.portfolio.tables import FEW_UNITS
from capassess.texts import say, template_words, words
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


def holds_unassessed(portfolio: Portfolio) -> str:
    """Which distributions hold units whose score counts a capability they did not
    assess, and how many units each ("" when none does)."""
    t = words("portfolio", portfolio.settings.lang)
    rows = [portfolio.overall, *portfolio.distributions]
    found = [
        f"{t['overall'] if d.id == 'overall' else d.title} {d.holds_unassessed:,}"
        for d in rows
        if d.holds_unassessed
    ]
    return t["holds_unassessed"].format(nodes=t["holds_sep"].join(found)) if found else ""


def method_words(portfolio: Portfolio) -> dict[str, object]:
    """The run's settings in words, and a definition of every figure the report shows."""
    s = portfolio.settings
    t = words("portfolio", s.lang)
    if s.weights.startswith("blend:"):
        alpha = float(s.weights.split(":", 1)[1])
        weights = t["weights_blend"].format(alpha=f"{alpha:g}", rest=f"{1 - alpha:g}")
    else:
        weights = t.get(f"weights_{s.weights}", s.weights)
    missing = t.get(f"missing_{s.missing}", s.missing)
    formula = words("report", s.lang).get(f"formula_{s.model.replace('-', '_')}", s.model)
    definitions = [
        (t["def_score"], formula),
        (t["def_level"], t["def_level_text"]),
        (t["def_na"], t["def_na_text"]),
        (t["def_quartiles"], t["def_quartiles_text"]),
        (t["target"], t["def_target_text"]),
        (t["below_target"], t["def_below_text"]),
        (t["gap"], t["def_gap_text"]),
        (t["weight"], t["def_weight_text"]),
        *([(t["closeness"], t["def_closeness_text"])] if s.rank == "topsis" else []),
        (t["def_assessed"], t["def_assessed_text"]),
        (t["def_holds"], t["def_holds_text"].format(missing=missing)),
    ]
    return {
        "holds_unassessed": holds_unassessed(portfolio),
        "missing": missing,
        "rank": t.get(f"rank_{s.rank}", s.rank),
        "weights": weights,
        "definitions": definitions,
    }


def render_portfolio(
    portfolio: Portfolio,
    fmt: str,
    template_dir: str | Path | None = None,
    page_refs: Mapping[str, int] | None = None,
) -> str:
    """The portfolio report as HTML or Markdown; ``page_refs`` as for the unit report."""
    env = report_environment(template_dir)
    charts = draw_portfolio_charts(portfolio) if fmt == "html" else None
    context = {
        "p": portfolio,
        "t": template_words("portfolio", portfolio.settings.lang),
        "lang": portfolio.settings.lang,
        "page_refs": page_refs,
        "group_label": group_words(portfolio),
        "heat_symbols": HEAT_SYMBOLS,
        "heat_statuses": HEAT_STATUSES,
        "few_units": FEW_UNITS,
        "method": method_words(portfolio),
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


def write_portfolio_pdf(
    folder: Path, portfolio: Portfolio, browser: str, template_dir: str | Path | None = None
) -> str:
    """Print the portfolio report to ``portfolio.pdf`` in ``folder`` with ``browser``."""
    from capassess.atomic import write_atomic_bytes
    from capassess.report.pdf import print_paged

    def html(refs: Mapping[str, int]) -> str:
        return render_portfolio(portfolio, "html", template_dir, refs)

    return str(write_atomic_bytes(folder / "portfolio.pdf", print_paged(html, browser)))
