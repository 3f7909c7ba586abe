"""The tiny bank's Markdown report against a golden file.

Regenerate deliberately, after reviewing the diff: CAPASSESS_REGEN_GOLDEN=1 pytest tests/report
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from capassess import __version__
from capassess.planning import PlanOptions, plan_file
from capassess.report.render import render_report
from tests.report.helpers import TINY

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiny_markdown_matches_golden(lang: str) -> None:
    planned = plan_file(TINY.answers, PlanOptions(baseline=str(TINY.baseline)), TINY.dirs)
    text = render_report(planned, "md", lang, generated=dt.date(2026, 11, 28))
    # The baseline path is as given on the command line; keep the golden file portable.
    text = text.replace(str(TINY.baseline), "tiny-answers-old.yaml")
    text = text.replace(f"capassess {__version__}", "capassess VERSION")
    golden = GOLDEN / f"tiny.{lang}.md"
    if os.environ.get("CAPASSESS_REGEN_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
