"""Shared helpers of the batch tests: questionnaires, CSV writing, running the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from capassess.catalog import load_questionnaire
from capassess.cli import main
from capassess.model.questionnaire import Questionnaire
from tests.conftest import DATA, ROOT, TINY

HERE = Path(__file__).resolve().parent
MINI = HERE / "data" / "mini.yaml"
BRANCH = ROOT / "questionnaires" / "branch-fintech.yaml"


def mini() -> Questionnaire:
    """Two dimensions, one level question each: capability score = the level answered."""
    return load_questionnaire(MINI)


def tiny() -> Questionnaire:
    """Every question type, and a ``when``."""
    return load_questionnaire(TINY)


def gated() -> Questionnaire:
    """tiny with a foundation that caps the overall level."""
    return load_questionnaire(DATA / "good" / "tiny-gated.yaml")


def branch() -> Questionnaire:
    """The shipped branch questionnaire."""
    return load_questionnaire(BRANCH)


def csv_text(rows: Sequence[Sequence[object]]) -> str:
    """Rows as CSV text."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8") -> Path:
    """Write ``rows`` as a CSV file in ``encoding``."""
    path.write_bytes(csv_text(rows).encode(encoding))
    return path


def run_cli(*args: str) -> Result:
    """Run ``capassess ARGS`` and return the result (exceptions are not caught)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file we wrote (UTF-8 with BOM)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def summary(folder: Path) -> dict[str, Any]:
    """The summary.json of a run."""
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def scores_and_rejects(
    source: Path, out: Path
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Batch ``source`` on the tiny questionnaire, rejects allowed: the rows of
    scores.csv without their source column, and those of rejected.csv; every row read
    is either scored or rejected."""
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(TINY), "--allow-rejects")
    assert result.exit_code == 0, result.output
    counts = summary(out)["counts"]
    assert counts["scored"] + counts["rejected"] == counts["rows"]
    scores = [{k: v for k, v in r.items() if k != "source"} for r in read_csv(out / "scores.csv")]
    return scores, read_csv(out / "rejected.csv")
