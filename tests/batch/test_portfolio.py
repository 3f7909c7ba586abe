"""Roll-ups, deciles and the weakest capabilities, on numbers worked out by hand.

With ``mini``, a capability's score is the level answered, and the overall score the
mean of the two dimensions (equal weights).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from capassess.batch.portfolio import EDGES, describe, group_slices, unit_gaps
from tests.batch.helpers import MINI, run_cli, summary, write_csv

UNITS = [
    # id, region, q1, q2 -> overall
    ("E1", "East", 5, 5),  # 5.0
    ("E2", "East", 3, 3),  # 3.0
    ("E3", "East", 1, 3),  # 2.0
    ("E4", "East", 2, 2),  # 2.0
    ("W1", "West", 4, 4),  # 4.0
    ("W2", "West", 1, 1),  # 1.0
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("portfolio")
    rows = [["id", "name", "region", "q1", "q2"]] + [[u, u, r, a, b] for u, r, a, b in UNITS]
    source = write_csv(folder / "in.csv", rows)
    result = run_cli("batch", str(source), "-o", str(folder / "out"), "-q", str(MINI),
                     "--group-by", "region", "--top", "2")  # fmt: skip
    assert result.exit_code == 0, result.output
    return summary(folder / "out")


def test_group_rollups(report: dict) -> None:  # type: ignore[type-arg]
    east, west = report["groups"]
    # East overall: 5, 3, 2, 2 -> sorted 2, 2, 3, 5. Mean 12 / 4 = 3. Median (2 + 3) / 2 = 2.5.
    # Q1 at position 0.75: 2 + 0.75 * (2 - 2) = 2. Q3 at 2.25: 3 + 0.25 * (5 - 3) = 3.5.
    assert east["group"] == "East"
    assert east["stats"] == {"count": 4, "na": 0, "mean": 3.0, "min": 2.0, "q1": 2.0,
                             "median": 2.5, "q3": 3.5, "max": 5.0}  # fmt: skip
    # East d1 (q1): 5, 3, 1, 2 -> mean 11 / 4 = 2.75; d2 (q2): 5, 3, 3, 2 -> 13 / 4 = 3.25.
    assert east["dimensions"] == [2.75, 3.25]
    # West overall: 4, 1. Mean 2.5, median 2.5, Q1 1 + 0.25 * 3 = 1.75, Q3 1 + 0.75 * 3 = 3.25.
    assert west["stats"] == {"count": 2, "na": 0, "mean": 2.5, "min": 1.0, "q1": 1.75,
                             "median": 2.5, "q3": 3.25, "max": 4.0}  # fmt: skip
    assert west["dimensions"] == [2.5, 2.5]


def test_distribution_and_league(report: dict) -> None:  # type: ignore[type-arg]
    overall = report["overall"]
    # Overall 5, 3, 2, 2, 4, 1: mean 17 / 6; bands [1, 1.5) 1, [2, 2.5) 2, [3, 3.5) 1, [4, 4.5) 1, [4.5, 5] 1.
    assert overall["stats"]["mean"] == pytest.approx(17 / 6)
    assert overall["histogram"] == [1, 0, 2, 0, 1, 0, 1, 1]
    assert overall["levels"] == [1, 2, 1, 1, 1]
    assert [r["id"] for r in report["top"]] == ["E1", "W1"]
    # Ranks: E1 1, W1 2, E2 3, E3 and E4 share 4 (both 2.0), W2 6.
    assert [(r["id"], r["rank"]) for r in report["bottom"]] == [("E4", 4), ("W2", 6)]


def test_weakest_capabilities(report: dict) -> None:  # type: ignore[type-arg]
    weakest = report["weakest"]
    # c1: 5, 3, 1, 2, 4, 1 -> mean 16 / 6, target 3, below: 1, 2, 1 -> 3 of 6;
    #     gaps per unit 0, 0, 2, 1, 0, 2 -> mean 5 / 6 (the gap of the mean would be 1 / 3).
    # c2: 5, 3, 3, 2, 4, 1 -> mean 18 / 6 = 3, target 4, below: 3, 3, 2, 1 -> 4 of 6;
    #     gaps per unit 0, 1, 1, 2, 0, 3 -> mean 7 / 6: the weakest, though its mean is higher.
    assert [w["id"] for w in weakest] == ["c2", "c1"]
    c2, c1 = weakest
    assert c1["mean"] == pytest.approx(16 / 6)
    assert c1["below_target"] == pytest.approx(0.5)
    assert c1["gap"] == pytest.approx(5 / 6)
    assert c2["below_target"] == pytest.approx(4 / 6)
    assert c2["gap"] == pytest.approx(7 / 6)


def test_mean_gap_is_not_the_gap_of_the_mean() -> None:
    # Half the units far below a target of 3, half far above: the mean meets the target,
    # the units do not.
    share, gap = unit_gaps(np.array([1.0, 1.0, 5.0, 5.0, np.nan]), 3)  # type: ignore[misc]
    assert (share, gap) == (0.5, 1.0)
    assert unit_gaps(np.array([4.0, 3.0]), 3) == (0.0, 0.0)
    assert unit_gaps(np.array([np.nan]), 3) is None


def test_heatmap_by_group_or_by_tenths(report: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    assert report["heat_by"] == "group"
    assert [h["group"] for h in report["heat"]] == ["East", "West"]
    source = write_csv(
        tmp_path / "in.csv", [["id", "q1", "q2"]] + [[f"U{i}", 1 + i % 5, 3] for i in range(40)]
    )
    run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI))
    heat = summary(tmp_path / "out")["heat"]
    assert len(heat) == 10 and all(h["stats"]["count"] == 4 for h in heat)
    assert heat[0]["stats"]["mean"] == 4.0 and heat[-1]["stats"]["mean"] == 2.0


def test_describe_and_groups() -> None:
    stats = describe(np.array([np.nan, 1.0, 2.0]))
    assert (stats.count, stats.na, stats.mean) == (2, 1, 1.5)
    assert describe(np.array([np.nan])).mean is None
    slices = group_slices(pa.array(["b", "a", "b", "c", "a"]))
    assert {k: v.tolist() for k, v in slices.items()} == {"b": [0, 2], "a": [1, 4], "c": [3]}
    assert EDGES[0] == 1.0 and EDGES[-1] == 5.0


def test_the_units_of_each_group_are_found_once_for_roll_ups_and_heat_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capassess.batch import portfolio

    calls: list[int] = []

    def counted(values: pa.Array) -> dict[str, np.ndarray]:
        calls.append(len(values))
        return group_slices(values)

    monkeypatch.setattr(portfolio, "group_slices", counted)
    rows = [["id", "name", "region", "q1", "q2"]]
    rows += [[f"U{i}", f"U{i}", "East" if i % 3 else "West", "3", "4"] for i in range(9)]
    source = write_csv(tmp_path / "in.csv", rows)
    result = run_cli("batch", str(source), "-o", str(tmp_path / "out"), "-q", str(MINI),
                     "--group-by", "region")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert calls == [9]  # the roll-ups and the heat map share one grouping
    found = summary(tmp_path / "out")
    assert [g["group"] for g in found["groups"]] and found["capability_heat"]["by"] == "group"
