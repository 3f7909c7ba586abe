"""Several respondents: the report names them and lists their disagreements to probe."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"


def _answers(path: Path, date: str, body: str) -> Path:
    path.write_text(
        f"questionnaire: tiny@1.0\nsubject: {{id: acme, name: Acme Bank}}\ndate: {date}\n"
        f"answers:\n{body}",
        encoding="utf-8",
    )
    return path


def test_merged_respondents_and_disagreements_reach_every_report(tmp_path: Path) -> None:
    runner = CliRunner()
    a = _answers(tmp_path / "a.yaml", "2026-11-01",
                 "  g-level: {value: 1, respondent: Wang CDO}\n")  # fmt: skip
    b = _answers(tmp_path / "b.yaml", "2026-11-02",
                 "  g-level: {value: 4, respondent: Li CIO}\n"
                 "  o-api: {value: 45, respondent: Li CIO}\n")  # fmt: skip
    merged = tmp_path / "m.yaml"
    base = ["--questionnaire-dir", str(GOOD)]
    result = runner.invoke(main, [*base, "merge", str(a), str(b), "-o", str(merged)])
    assert result.exit_code == 0, result.output
    md = runner.invoke(main, [*base, "report", str(merged), "-f", "md", "-o", "-"]).stdout
    assert "Respondents differ on “How is data governed?” (g-level) by 3 on the 1–5 scale" in md
    assert "Wang CDO 1, Li CIO 4" in md
    assert "| Respondents | Wang CDO, Li CIO |" in md
    zh = runner.invoke(main, [*base, "report", str(merged), "-f", "md", "-o", "-",
                              "--lang", "zh"]).stdout  # fmt: skip
    assert "受访者对“数据如何治理?”（g-level）的回答相差 3 级" in zh
    html = runner.invoke(main, [*base, "report", str(merged), "-f", "html", "-o", "-"]).stdout
    assert "by 3 on the 1–5 scale" in html and "Wang CDO, Li CIO" in html
    data = json.loads(runner.invoke(main, [*base, "plan", str(merged), "--format", "json"]).stdout)
    assert data["respondents"] == ["Wang CDO", "Li CIO"]
    assert data["disagreements"][0]["question"] == "g-level"
    # A single-voice assessment has neither.
    single = runner.invoke(main, [*base, "report", str(a), "-f", "md", "-o", "-"]).stdout
    assert "Respondents differ" not in single
