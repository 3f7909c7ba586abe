"""What management reads names no command-line option: a report or deck is read by people
who never run the tool, so a rule is told in words ("where missing answers count as the
lowest score"), never as ``--missing lowest``; the terminal's hints may name options."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pptx import Presentation

from capassess.plan_text import definitions
from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.deck import render_deck
from capassess.report.render import render_model
from tests.conftest import ROOT

OPTION = re.compile(r"(?<![\w-])--[a-z][\w-]*")
ACME = ROOT / "examples" / "acme-bank.yaml"


def _html_text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _deck_text(data: bytes) -> str:
    prs = Presentation(io.BytesIO(data))
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(texts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_definition_names_an_option(lang: Any) -> None:
    assert [d for _, d in definitions(lang) if OPTION.search(d)] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["md", "html", "pptx"])
def test_no_report_names_an_option(fmt: str, lang: Any) -> None:
    report = build_report(plan_file(ACME, PlanOptions()), lang)
    if fmt == "pptx":
        text = _deck_text(render_deck(report))
    else:
        rendered = render_model(report, fmt)
        text = _html_text(rendered) if fmt == "html" else rendered
    assert OPTION.findall(text) == []
