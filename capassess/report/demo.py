"""The demo: score the bundled example bank, plan, and write its reports in both languages.

``DEMO_STEPS`` is the list the demo runs in order; each step writes files into the demo
folder and returns them (the bank's reports, then the bundled branches' portfolio).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from capassess.atomic import write_atomic
from capassess.errors import NotFoundError
from capassess.model.base import LANGS
from capassess.planning import PlanOptions, plan_file
from capassess.report.render import render_report
from capassess.resources import data_dir

EXAMPLE = "acme-bank.yaml"
EXAMPLE_BASELINE = "acme-bank-2025.yaml"


@dataclass(frozen=True)
class DemoInput:
    """What the demo assesses: an answers file, its baseline, extra questionnaire folders."""

    answers: Path
    baseline: Path | None
    dirs: tuple[str, ...] = ()


Step = Callable[[DemoInput, Path], list[Path]]


def bundled_demo(dirs: tuple[str, ...] = ()) -> DemoInput:
    """The bundled example bank and its baseline; ``NotFoundError`` if they are missing."""
    folder = data_dir("examples")
    answers, baseline = folder / EXAMPLE, folder / EXAMPLE_BASELINE
    if not answers.is_file():
        raise NotFoundError(f"the bundled example {answers} is missing from this installation")
    return DemoInput(answers, baseline if baseline.is_file() else None, dirs)


def bank_reports(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Score and plan the example bank; write HTML and Markdown per language, and JSON."""
    options = PlanOptions(baseline=str(demo.baseline) if demo.baseline else None)
    planned = plan_file(demo.answers, options, demo.dirs)
    written = []
    for lang in LANGS:
        for fmt in ("html", "md"):
            text = render_report(planned, fmt, lang)
            written.append(write_atomic(out_dir / f"report.{lang}.{fmt}", text))
    written.append(write_atomic(out_dir / "report.json", render_report(planned, "json")))
    return written


def branch_portfolio(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Score the bundled branches and write their portfolio report."""
    # Imported here: the batch package imports this module for DemoInput.
    from capassess.batch.demo import branch_portfolio as run_branches

    return run_branches(demo, out_dir)


def peer_benchmark(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Build the illustrative peer pack and place the example bank in it."""
    from capassess.benchmark.demo import peer_benchmark as run_peers

    return run_peers(demo, out_dir)


DEMO_STEPS: list[Step] = [bank_reports, branch_portfolio, peer_benchmark]


def run_demo(demo: DemoInput, out_dir: str | Path) -> list[Path]:
    """Run every demo step into ``out_dir``; return the files written."""
    folder = Path(out_dir)
    written: list[Path] = []
    for step in DEMO_STEPS:
        written += step(demo, folder)
    return written


def next_commands(demo: DemoInput, written: list[Path]) -> list[str]:
    """Commands worth trying next on the same example."""
    answers = str(demo.answers)
    html = next((p for p in written if p.suffix == ".html"), None)
    lines = [f"capassess score {answers}", f"capassess plan {answers} --lang zh"]
    if demo.baseline:
        lines.append(f"capassess compare {demo.baseline} {answers}")
    lines.append(f"capassess report {answers} -f html -o my-report.html --target-level 4")
    pack = next((p for p in written if p.name == "peers.yaml"), None)
    if pack:
        lines.append(f"capassess benchmark show {pack}  (illustrative: made-up banks)")
        lines.append(f"capassess score {answers} --benchmark {pack}")
    if html:
        lines.append(f"open {html}  (or xdg-open / start)")
    return lines
