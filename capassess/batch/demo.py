"""The demo's batch step: score the bundled branches and write their portfolio report.

``branch_portfolio`` has the signature of a step of ``capassess.demo.DEMO_STEPS``.
"""

from __future__ import annotations

from pathlib import Path

from capassess.batch.runner import BatchOptions, run_batch
from capassess.catalog import find_questionnaire
from capassess.demo_input import DemoInput
from capassess.errors import NotFoundError
from capassess.resources import data_dir

EXAMPLE = "branches.csv"
QUESTIONNAIRE = "branch-fintech"


def _bank_name(demo: DemoInput) -> str | None:
    """The demo bank's name, from its answers file, for the branches' portfolio report."""
    from capassess.catalog import load_assessment

    if not Path(demo.answers).is_file():
        return None
    assessment, _, _ = load_assessment(demo.answers, extra=demo.dirs)
    return assessment.subject.name


def branch_portfolio(demo: DemoInput, out_dir: Path) -> list[Path]:
    """Score ``examples/branches.csv`` by region into ``out_dir/branches``; the files written."""
    source = data_dir("examples") / EXAMPLE
    if not source.is_file():
        raise NotFoundError(f"the bundled example {source} is missing from this installation")
    options = BatchOptions(
        (str(source),), str(Path(out_dir) / "branches"), group_by="region",
        bank_name=_bank_name(demo),
    )  # fmt: skip
    result = run_batch(options, find_questionnaire(QUESTIONNAIRE, demo.dirs))
    return [Path(p) for p in result.outputs.values()]
