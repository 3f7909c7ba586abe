"""A collection sheet is made only if batch will read it back: group columns included.

Each row gives ``template --group`` values. A refused row must exit 2 with the reason
batch would give and leave no file; a kept row must give a sheet that, filled in with
one branch, batch scores. The refused rows are checked against batch too: the same
header written by hand is refused by batch, so the template refuses no sheet that batch
reads.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from capassess.cli import main
from tests.batch.helpers import MINI

# (case, --group values, the reason batch gives or None when the sheet is read)
CASES = [
    ("one-group", ["region"], None),
    ("two-groups", ["region", "city"], None),
    ("groups-in-two-cases", ["Region", "region"], None),
    ("group-twice", ["region", "region"], "column 'region' appears more than once"),
    ("group-twice-once-padded", [" region", "region"], "column 'region' appears more than"),
    ("id-in-capitals", ["ID"], "column 'id' appears more than once"),
    ("id-full-width", ["ＩＤ"], "column 'id' appears more than once"),
    ("id-with-a-note", ["id（机构号）"], "column 'id' appears more than once"),
    ("name-capitalised", ["Name"], "column 'name' appears more than once"),
    ("question-in-capitals", ["Q1"], "column 'q1' appears more than once"),
    ("dimension-id", ["d1"], "group column 'd1' clashes with a result column"),
    ("capability-level", ["c2_level"], "group column 'c2_level' clashes with a result column"),
    ("result-column", ["overall"], "group column 'overall' clashes with a result column"),
    ("rank", ["region", "rank"], "group column 'rank' clashes with a result column"),
]
IDS = [c[0] for c in CASES]


def _template(tmp_path: Path, groups: list[str], fmt: str, lang: str = "en") -> tuple[Path, Result]:
    sheet = tmp_path / f"sheet.{fmt}"
    args = ["template", "-q", str(MINI), "-f", fmt, "-o", str(sheet), "--lang", lang]
    for group in groups:
        args += ["--group", group]
    return sheet, CliRunner().invoke(main, args)


def _batch(tmp_path: Path, groups: list[str]) -> Result:
    """Batch run on a CSV with ``groups`` between name and the questions, and one branch."""
    source = tmp_path / "filled.csv"
    rows = [
        ["id", "name", *groups, "q1", "q2"],
        ["b1", "Branch one", *(["East"] * len(groups)), "3", "2"],
    ]
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    args = ["batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI)]
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("case", "groups", "reason"), CASES, ids=IDS)
def test_the_template_makes_only_sheets_batch_reads(
    tmp_path: Path, fmt: str, case: str, groups: list[str], reason: str | None
) -> None:
    sheet, result = _template(tmp_path, groups, fmt)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if reason is None:
        assert result.exit_code == 0, result.output
        assert sheet.exists()
        return
    assert result.exit_code == 2, result.output
    assert reason in result.stderr
    assert "give each --group a name of its own" in result.stderr
    assert not sheet.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(("case", "groups", "reason"), CASES, ids=IDS)
def test_batch_agrees_with_the_template(
    tmp_path: Path, case: str, groups: list[str], reason: str | None
) -> None:
    result = _batch(tmp_path, groups)
    if reason is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2, result.output
        assert reason in result.stderr


def test_the_reason_is_given_in_chinese(tmp_path: Path) -> None:
    _sheet, result = _template(tmp_path, ["ID"], "csv", lang="zh")
    assert result.exit_code == 2
    assert "这张采集表填好后会被 batch 拒收（列 'id' 出现多次）" in result.stderr
