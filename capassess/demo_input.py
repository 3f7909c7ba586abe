"""What the demo assesses: the bundled example bank (or another answers file), shared by
every step of the demo (``capassess.demo``)."""

from __future__ import annotations

from pathlib import Path

from capassess.errors import NotFoundError
from capassess.records import record
from capassess.resources import data_dir

EXAMPLE = "acme-bank.yaml"
EXAMPLE_BASELINE = "acme-bank-2025.yaml"


@record
class DemoInput:
    """What the demo assesses: an answers file, its baseline, extra questionnaire folders."""

    answers: Path
    baseline: Path | None
    dirs: tuple[str, ...] = ()


def bundled_demo(dirs: tuple[str, ...] = ()) -> DemoInput:
    """The bundled example bank and its baseline; ``NotFoundError`` if they are missing."""
    folder = data_dir("examples")
    answers, baseline = folder / EXAMPLE, folder / EXAMPLE_BASELINE
    if not answers.is_file():
        raise NotFoundError(f"the bundled example {answers} is missing from this installation")
    return DemoInput(answers, baseline if baseline.is_file() else None, dirs)
