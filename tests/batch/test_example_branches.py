"""The bundled branches (examples/branches.csv) score cleanly, in four regions."""

from __future__ import annotations

from pathlib import Path

from tests.batch.helpers import read_csv, run_cli, summary
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "branches.csv"


def test_example_branches_batch_cleanly(tmp_path: Path) -> None:
    rows = read_csv(EXAMPLE)
    assert len(rows) >= 30
    assert len({r["region"] for r in rows}) == 4
    cells = [v for r in rows for k, v in r.items() if k.startswith("b-")]
    assert "n/a" in cells and "" in cells
    result = run_cli("batch", str(EXAMPLE), "-o", str(tmp_path / "out"), "--group-by", "region")
    assert result.exit_code == 0, result.output
    report = summary(tmp_path / "out")
    assert report["counts"]["scored"] == len(rows)
    assert sorted(g["group"] for g in report["groups"]) == ["East", "North", "South", "West"]
    html = (tmp_path / "out" / "portfolio.html").read_text(encoding="utf-8")
    assert (
        html.count("<svg") == 2
        and 'class="capheat"' in html
        and "http" not in html.replace("http://www.w3.org", "")
    )


def test_demo_step_writes_the_branch_portfolio(tmp_path: Path) -> None:
    from capassess.batch.demo import branch_portfolio
    from capassess.demo import DemoInput

    written = branch_portfolio(DemoInput(answers=tmp_path / "unused.yaml", baseline=None), tmp_path)
    names = {p.name for p in written}
    assert {"scores.csv", "scores.xlsx", "portfolio.html", "portfolio.md", "summary.json"} <= names
    assert all(p.exists() and tmp_path in p.parents for p in written)
