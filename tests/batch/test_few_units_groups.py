"""A group of fewer than five units is marked in the portfolio's roll-up and heat map and
listed after the others, with a note that its figures are a few units' own scores: a
region with one branch showed as the second-best region, with quartiles and ✓ verdicts
drawn from that one branch, as if they were the region's."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from capassess.report.portfolio import FEW_UNITS
from capassess.texts import words
from tests.conftest import ROOT

CASES = [  # units per region, in the order of the sheet
    {"A": 12, "B": 1},
    {"A": 4, "B": 10, "C": 2},
    {"A": 5, "B": 5},
    {"A": 3, "B": 3},
    {"A": 30, "B": 1, "C": 4},
]


def _sheet(folder: Path, sizes: dict[str, int]) -> Path:
    with open(ROOT / "examples" / "branches.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head, body = rows[0], rows[1:]
    region = head.index("region")
    out, n = [], 0
    for name, size in sizes.items():
        for _ in range(size):
            row = list(body[n % len(body)])
            row[0], row[region] = f"u{n}", name
            out.append(row)
            n += 1
    path = folder / "units.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head, *out])
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("sizes", CASES, ids=lambda s: "-".join(map(str, s.values())))
def test_small_groups_are_marked_and_listed_last(
    tmp_path: Path, sizes: dict[str, int], lang: str
) -> None:
    out = tmp_path / "out"
    args = ["batch", str(_sheet(tmp_path, sizes)), "-o", str(out), "--group-by", "region",
            "--lang", lang]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    few = {g for g, n in sizes.items() if n < FEW_UNITS}
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    groups = [(g["group"], g["few"]) for g in summary["groups"]]
    assert dict(groups) == {g: g in few for g in sizes}
    assert [f for _, f in groups] == sorted(f for _, f in groups)  # the few last
    columns = [label for label, _ in summary["capability_heat"]["columns"]]
    assert [c in few for c in columns] == sorted(c in few for c in columns)
    note = words("portfolio", lang)["few_units"].split("{n}")[0]
    md = (out / "portfolio.md").read_text(encoding="utf-8")
    html = (out / "portfolio.html").read_text(encoding="utf-8")
    for name, size in sizes.items():
        assert (f"| {name} ‡ |" in md) == (name in few)
        assert (f"| {name} ({size} ‡) |" in md) == (name in few)
        assert (f"| {name} ({size}) |" in md) == (name not in few)
        assert (f"<td>{name} ‡</td>" in html) == (name in few)
    assert md.count(note) == html.count(note) == (2 if few else 0)
