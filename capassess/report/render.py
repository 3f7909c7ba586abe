"""Render a plan as an HTML, Markdown or JSON report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from markupsafe import Markup

from capassess.errors import InputError
from capassess.json_text import to_json
from capassess.model.base import Lang
from capassess.plan_json import plan_json
from capassess.planning import Planned
from capassess.report.build import build_report
from capassess.report.charts import draw_charts
from capassess.report.environment import ReportEnvironment as ReportEnvironment
from capassess.report.environment import render_template, render_utf8, report_environment
from capassess.report.heat import HEAT_STATUSES, HEAT_SYMBOLS
from capassess.report.model import Report
from capassess.texts import template_words

Format = Literal["html", "md", "json"]
FORMATS: tuple[Format, ...] = ("html", "md", "json")
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}
REPORT_SCHEMA_VERSION = 2


def report_json(planned: Planned, title: str | None = None) -> str:
    """The plan JSON (score JSON, gaps, roadmap) with the report schema version."""
    data = plan_json(planned)
    data["report_schema_version"] = REPORT_SCHEMA_VERSION
    if title:
        data["title"] = title
    return to_json(data, ensure_ascii=False, indent=2) + "\n"


def render_model(
    report: Report,
    fmt: Literal["html", "md"],
    template_dir: str | Path | None = None,
    page_refs: Mapping[str, int] | None = None,
    *,
    env: ReportEnvironment | None = None,
) -> str:
    """Render a built report model with the (possibly overridden) templates.

    ``page_refs`` (print only) gives the contents the page of each section by its id;
    ``env``, if given, is an environment of ``batch_environment`` to render many reports
    with.
    """
    env = env or report_environment(template_dir)
    return render_template(env, TEMPLATES[fmt], _context(report, fmt, page_refs))


def _context(
    report: Report, fmt: Literal["html", "md"], page_refs: Mapping[str, int] | None
) -> dict[str, object]:
    charts = draw_charts(report) if fmt == "html" else None
    return {
        "report": report,
        "t": template_words("report", report.lang),
        "lang": report.lang,
        "page_refs": page_refs,
        "heat_symbols": HEAT_SYMBOLS,
        "heat_statuses": HEAT_STATUSES,
        "charts": {
            key: Markup(svg)  # our own SVG, every text in it escaped by report.svg
            for key, svg in (vars(charts).items() if charts else ())
        },
    }


def render_formats(
    planned: Planned, formats: tuple[str, ...], lang: Lang, env: ReportEnvironment
) -> list[bytes]:
    """The report of ``planned`` in each of ``formats`` (html, md), from one report model,
    with ``env`` (of ``batch_environment``): what ``render_report`` gives for each, as
    UTF-8."""
    report = build_report(planned, lang)
    out = []
    for fmt in formats:
        kind: Literal["html", "md"] = "md" if fmt == "md" else "html"
        out.append(render_utf8(env, TEMPLATES[kind], _context(report, kind, None)))
    return out


def batch_environment(template_dir: str | Path | None = None) -> ReportEnvironment:
    """One environment for the many reports of a batch: each template is read and loaded
    once, not once per report, and not looked at again (a template edited while the batch
    runs does not change the reports already begun)."""
    env = report_environment(template_dir)
    env.auto_reload = False
    return env


def render_pdf(
    planned: Planned,
    browser: str,
    lang: Lang = "en",
    *,
    title: str | None = None,
    target: str | None = None,
    template_dir: str | Path | None = None,
    timeout: float | None = None,
) -> bytes:
    """The HTML report of ``planned`` printed to PDF by ``browser`` (see report.pdf)."""
    from capassess.report.pdf import DEFAULT_TIMEOUT, print_paged

    report = build_report(planned, lang, title=title, target=target)
    env = report_environment(template_dir)
    context = _context(report, "html", {})

    def html(refs: Mapping[str, int]) -> str:
        return render_template(env, TEMPLATES["html"], {**context, "page_refs": refs})

    return print_paged(html, browser, timeout=timeout or DEFAULT_TIMEOUT)


def render_pptx(
    planned: Planned,
    lang: Lang = "en",
    *,
    title: str | None = None,
    target: str | None = None,
    template_dir: str | Path | None = None,
) -> bytes:
    """The board deck of ``planned`` (see report.deck); python-pptx is imported here only."""
    from capassess.report.deck import render_deck

    return render_deck(build_report(planned, lang, title=title, target=target), template_dir)


def render_report(
    planned: Planned,
    fmt: str,
    lang: Lang = "en",
    *,
    title: str | None = None,
    target: str | None = None,
    template_dir: str | Path | None = None,
    generated: dt.date | None = None,
    env: ReportEnvironment | None = None,
) -> str:
    """The report of ``planned`` in ``fmt`` (html, md or json) and ``lang``; ``env`` as
    for ``render_model``."""
    if fmt not in FORMATS:
        raise InputError.at(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
    if fmt == "json":
        return report_json(planned, title)
    report = build_report(planned, lang, title=title, target=target, generated=generated)
    return render_model(report, "md" if fmt == "md" else "html", template_dir, env=env)


def render_any(
    planned: Planned,
    fmt: str,
    lang: Lang = "en",
    *,
    title: str | None = None,
    target: str | None = None,
    template_dir: str | Path | None = None,
    browser: str | None = None,
) -> str | bytes:
    """The report in any format: text (html, md, json) or bytes (pdf with ``browser``, pptx)."""
    if fmt == "pdf":
        if browser is None:
            raise InputError.at("-f pdf needs a browser to print with")
        return render_pdf(planned, browser, lang, title=title, target=target,
                          template_dir=template_dir)  # fmt: skip
    if fmt == "pptx":
        return render_pptx(planned, lang, title=title, target=target, template_dir=template_dir)
    return render_report(planned, fmt, lang, title=title, target=target, template_dir=template_dir)
