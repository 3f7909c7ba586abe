"""The demo: score the bundled example bank, plan, and write its reports in both languages,
the bundled branches' portfolio and the illustrative peer benchmark.

``DEMO_STEPS`` is the list the demo runs in order; each step, a function of the package
that owns it (``report.demo``, ``batch.demo``, ``benchmark.demo``), writes files into the
demo folder and returns them. The steps share ``DemoInput`` (``demo_input``) and import
nothing of each other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from capassess.atomic import write_atomic_bytes
from capassess.batch.demo import branch_portfolio
from capassess.benchmark.demo import peer_benchmark
from capassess.demo_input import DemoInput, bundled_demo
from capassess.report.demo import bank_reports

__all__ = [
    "DEMO_STEPS",
    "DemoInput",
    "bundled_demo",
    "next_commands",
    "refuse_foreign_outputs",
    "run_demo",
]


Step = Callable[[DemoInput, Path], list[Path]]


DEMO_STEPS: list[Step] = [bank_reports, branch_portfolio, peer_benchmark]


def _copy_of(source: Path, out_dir: str | Path) -> Path:
    """Where the demo keeps its copy of the example's answers file ``source``."""
    return Path(out_dir) / "examples" / source.name


def example_copies(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Copy the example's answers files into ``out_dir/examples``: a start for one's own
    assessment, and what the next commands point at. A copy already there is kept as it
    is (it may hold the user's edits)."""
    sources = [s for s in (demo.answers, demo.baseline) if s is not None]
    return [write_atomic_bytes(_copy_of(s, out_dir), s.read_bytes())
            for s in sources if not _copy_of(s, out_dir).exists()]  # fmt: skip


DEMO_FILES = tuple(
    [f"{stem}.{lang}.{fmt}" for stem in ("report", "report-peers") for lang in ("en", "zh")
     for fmt in ("html", "md")] + ["report.en.pptx", "report.zh.pptx", "report.json", "peers.yaml"]
)  # fmt: skip
"""The files the demo's steps write into its folder (besides ``branches/`` and ``examples/``)."""


def refuse_foreign_outputs(out_dir: str | Path, *, force: bool) -> None:
    """``OutputError`` if a file in ``out_dir`` that the demo would replace is not one of
    capassess's outputs (unless ``force``); ``branches/`` must be an earlier batch's set."""
    from capassess.batch.runner import OUTPUT_FILES, UNITS
    from capassess.overwrite import refuse_foreign_files, refuse_foreign_set

    refuse_foreign_files(out_dir, DEMO_FILES, force=force)
    refuse_foreign_set(Path(out_dir) / "branches", (*OUTPUT_FILES, UNITS), force=force)


def run_demo(demo: DemoInput, out_dir: str | Path) -> list[Path]:
    """Copy the example's answers, then run every demo step into ``out_dir``; return the
    files written."""
    folder = Path(out_dir)
    written: list[Path] = example_copies(demo, folder)
    for step in DEMO_STEPS:
        written += step(demo, folder)
    return written


def next_commands(demo: DemoInput, written: list[Path], out_dir: str | Path) -> list[str]:
    """Commands worth trying next on the same example: on its copies in ``out_dir`` (written
    now, or kept from an earlier demo), else on the bundled files."""

    def copy(source: Path) -> Path:
        kept = _copy_of(source, out_dir)
        return kept if kept.is_file() else source

    answers = str(copy(demo.answers))
    html = next((p for p in written if p.suffix == ".html"), None)
    lines = [f"capassess score {answers}", f"capassess plan {answers} --lang zh"]
    if demo.baseline:
        baseline = copy(demo.baseline)
        lines.append(f"capassess compare {baseline} {answers}")
    lines.append(f"capassess report {answers} -f html -o my-report.html --target-level 4")
    pack = next((p for p in written if p.name == "peers.yaml"), None)
    if pack:
        lines.append(f"capassess benchmark show {pack}  (illustrative: made-up banks)")
        lines.append(f"capassess score {answers} --benchmark {pack}")
    if html:
        lines.append(f"open {html}  (or xdg-open / start)")
    return lines
