"""Number and date options are bounded, with a usage error (exit 2) that names the option
and the range: no roadmap dated past year 9999, no gate no score can pass.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"
ANSWERS = str(GOOD / "tiny-answers.yaml")


def _run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])


CASES = [
    (["--start", "9999-12"], "'--start': '9999-12': a roadmap starts in a year from 1990 to 2100"),
    (["--start", "0001-01"], "'--start': '0001-01': a roadmap starts in a year from 1990"),
    (["--start", "2026-13"], "'--start': '2026-13': expected a month such as 2026-07"),
    (["--phases", "0,6,999"], "'--phases': '0,6,999': phase boundaries are months from 0 to 120"),
    (["--budget", "99999999999999999999"], "'--budget': 99999999999999999999 is not in the range"),
    (["--max-major", "0"], "'--max-major': 0 is not in the range 1<=x<=50"),
    (["--max-per-owner", "0"], "'--max-per-owner': 0 is not in the range 1<=x<=50"),
    (["--max-active", "0"], "'--max-active': 0 is not in the range 1<=x<=200"),
    (["--max-active", "201"], "'--max-active': 201 is not in the range 1<=x<=200"),
]
"""Out-of-range values and what the usage error says; report has no --phases."""


@pytest.mark.parametrize(
    ("command", "args", "fragment"),
    [
        (command, args, fragment)
        for command in ("plan", "report")
        for args, fragment in CASES
        if not (command == "report" and args[0] == "--phases")
    ],
)
def test_plan_options_out_of_range(
    runner: CliRunner, tmp_path, command: str, args: list[str], fragment: str
) -> None:
    out = tmp_path / "r.md"
    extra = ["-o", str(out)] if command == "report" else []
    result = _run(runner, command, ANSWERS, *extra, *args)
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_roadmap_dates_stay_four_digit_years(runner: CliRunner) -> None:
    result = _run(runner, "plan", ANSWERS, "--start", "2100-12", "--format", "json")
    assert result.exit_code == 0, result.output
    years = {int(y) for y in re.findall(r"\b(\d{4,})-\d\d\b", result.stdout)}
    assert years and max(years) < 10000


@pytest.mark.parametrize("value", ["7", "0", "-1", "5.01"])
def test_a_gate_outside_the_score_range(runner: CliRunner, value: str) -> None:
    result = _run(runner, "score", ANSWERS, "--fail-under", value)
    assert result.exit_code == 2, result.output
    assert "scores lie between 1 and 5" in result.stderr


@pytest.mark.parametrize("value", ["1", "5", "2.5"])
def test_a_gate_inside_the_score_range(runner: CliRunner, value: str) -> None:
    result = _run(runner, "score", ANSWERS, "--fail-under", value)
    assert result.exit_code in (0, 1), result.output
