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

__all__ = ["DEMO_STEPS", "DemoInput", "bundled_demo", "next_commands", "run_demo"]


Step = Callable[[DemoInput, Path], list[Path]]


DEMO_STEPS: list[Step] = [bank_reports, branch_portfolio, peer_benchmark]


def example_copies(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Copy the example's answers files into ``out_dir/examples``: a start for one's own
    assessment, and what the next commands point at. A copy already there is kept as it
    is (it may hold the user's edits)."""
    written = []
    for source in (demo.answers, demo.baseline):
        copy = out_dir / "examples" / source.name if source is not None else None
        if source is not None and copy is not None and not copy.exists():
            written.append(write_atomic_bytes(copy, source.read_bytes()))
    return written


def run_demo(demo: DemoInput, out_dir: str | Path) -> list[Path]:
    """Copy the example's answers, then run every demo step into ``out_dir``; return the
    files written."""
    folder = Path(out_dir)
    written: list[Path] = example_copies(demo, folder)
    for step in DEMO_STEPS:
        written += step(demo, folder)
    return written


def next_commands(
    demo: DemoInput, written: list[Path], out_dir: str | Path | None = None
) -> list[str]:
    """Commands worth trying next on the same example: on its copies in ``out_dir`` (written
    now, or kept from an earlier demo), else on the bundled files."""
    copies = {p.name: p for p in written if p.parent.name == "examples"}
    if out_dir is not None:
        kept = (Path(out_dir) / "examples" / s.name for s in (demo.answers, demo.baseline) if s)
        copies.update({p.name: p for p in kept if p.is_file()})
    answers = str(copies.get(demo.answers.name, demo.answers))
    html = next((p for p in written if p.suffix == ".html"), None)
    lines = [f"capassess score {answers}", f"capassess plan {answers} --lang zh"]
    if demo.baseline:
        baseline = copies.get(demo.baseline.name, demo.baseline)
        lines.append(f"capassess compare {baseline} {answers}")
    lines.append(f"capassess report {answers} -f html -o my-report.html --target-level 4")
    pack = next((p for p in written if p.name == "peers.yaml"), None)
    if pack:
        lines.append(f"capassess benchmark show {pack}  (illustrative: made-up banks)")
        lines.append(f"capassess score {answers} --benchmark {pack}")
    if html:
        lines.append(f"open {html}  (or xdg-open / start)")
    return lines
