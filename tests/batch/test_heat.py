"""The portfolio's capability heat map is judged against each capability's target, by the
mean gap of the units, not by the spread of the scores; it reads in grey (a symbol in
every cell) and shows the share of units below target."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from capassess.batch.heat_map import cell
from capassess.report.portfolio import FAR, NEAR
from capassess.report.portfolio import mean_gap_status as status
from tests.batch.helpers import MINI, run_cli, summary, write_csv

# id, region, q1 (c1, target 3), q2 (c2, target 4)
UNITS = [
    ("E1", "East", 5, 5),
    ("E2", "East", 1, 5),  # East c1: mean 3 (= target), but half the units are 2 short.
    ("W1", "West", 3, 4),
    ("W2", "West", 3, 4),  # West: every unit at target.
    ("S1", "South", 2, 3),
    ("S2", "South", 3, 3),  # South c2: every unit one level short.
]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("heat")
    rows = [["id", "name", "region", "q1", "q2"]] + [[u, u, r, a, b] for u, r, a, b in UNITS]
    source = write_csv(folder / "in.csv", rows)
    result = run_cli("batch", str(source), "-o", str(folder / "out"), "-q", str(MINI),
                     "--group-by", "region")  # fmt: skip
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_cells_are_judged_against_target_by_the_units_gap(out: Path) -> None:
    heat = summary(out)["capability_heat"]
    assert heat["by"] == "group"
    labels = [label for label, _ in heat["columns"]]
    # Best overall mean first: East 4.0, West 3.5, South 2.75.
    assert labels == ["East", "West", "South"]
    c1, c2 = heat["rows"]
    east, west, south = c1["cells"]
    # A group whose mean meets the target while half its units are 2 short is not met.
    assert east["mean"] == 3.0 and east["below_target"] == 0.5 and east["gap"] == 1.0
    assert east["status"] == "far"
    assert west == {"mean": 3.0, "below_target": 0.0, "gap": 0.0, "status": "met",
                    "assessed": 2, "units": 2}  # fmt: skip
    assert south["gap"] == 0.5 and south["status"] == "near"
    assert [c["status"] for c in c2["cells"]] == ["met", "met", "far"]


def test_status_bands_and_no_score() -> None:
    assert [status(g) for g in (0.0, NEAR - 0.01, NEAR, FAR - 0.01, FAR, None)] == [
        "met", "met", "near", "near", "far", "na",
    ]  # fmt: skip
    assert cell(np.array([np.nan, np.nan]), 3).status == "na"
    # Scores all high or all low: the colours follow the target, not the spread.
    assert cell(np.array([4.9, 5.0]), 3).status == "met"
    assert cell(np.array([1.0, 1.1]), 3).status == "far"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # mean gap 0.38 * 0.5 = 0.19 < 0.25 but 38% of the units below: not met
        ([2.5] * 3 + [3.5] * 5, "near"),
        # one unit in ten below, mean gap 0.05: met
        ([2.5] + [3.0] * 9, "met"),
        # two in eleven below (18%), mean gap 0.09: not met
        ([2.5, 2.5] + [3.0] * 9, "near"),
        # every unit at target, n/a units aside
        ([3.0, 4.0, np.nan], "met"),
    ],
)
def test_met_needs_nearly_every_unit_at_target(values: list[float], expected: str) -> None:
    assert cell(np.array(values), 3).status == expected


def test_html_and_markdown_show_symbol_score_and_share(out: Path) -> None:
    html = (out / "portfolio.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="capheat">') :]
    table = table[: table.index("</table>")]
    cells = re.findall(r'<td class="n heat-(\w+)"><span class="sym"[^>]*>(.)</span> ([\d.]+)'
                       r'<div class="small">(\d+%)</div>', table)  # fmt: skip
    assert len(cells) == 6
    assert cells[0] == ("far", "✕", "3.00", "50%")
    assert cells[1] == ("met", "✓", "3.00", "0%")
    markdown = (out / "portfolio.md").read_text(encoding="utf-8")
    assert "| Cap one | 3 | ✕ 3.00 · 50% | ✓ 3.00 · 0% | ▲ 2.50 · 50% |" in markdown
