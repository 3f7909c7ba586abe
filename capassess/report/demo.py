"""The demo's report step: score and plan the example bank and write its reports.

``bank_reports`` has the signature of a step of ``capassess.demo.DEMO_STEPS``.
"""

from __future__ import annotations

from pathlib import Path

from capassess.atomic import write_atomic, write_atomic_bytes
from capassess.demo_input import DemoInput
from capassess.model.base import LANGS
from capassess.planning import PlanOptions, plan_file
from capassess.report.render import render_pptx, render_report


def bank_reports(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Score and plan the example bank; write HTML, Markdown and the board deck (pptx) per
    language, and JSON."""
    options = PlanOptions(baseline=str(demo.baseline) if demo.baseline else None)
    planned = plan_file(demo.answers, options, demo.dirs)
    written = []
    for lang in LANGS:
        for fmt in ("html", "md"):
            text = render_report(planned, fmt, lang)
            written.append(write_atomic(out_dir / f"report.{lang}.{fmt}", text))
        deck = render_pptx(planned, lang)
        written.append(write_atomic_bytes(out_dir / f"report.{lang}.pptx", deck))
    written.append(write_atomic(out_dir / "report.json", render_report(planned, "json")))
    return written
