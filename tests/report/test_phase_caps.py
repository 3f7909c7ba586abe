"""A phase's projected level, where the foundation caps it below the projected score's own
level, says what caps it: "3.09 (Managed)" alone reads as a level that contradicts its
score. The plan JSON names the capping capabilities per phase; HTML and Markdown say it in
both languages, and say nothing of a cap where there is none."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from capassess.planning import PlanOptions, plan_file
from capassess.report.build import build_report
from capassess.report.render import render_model
from capassess.texts import words
from tests.conftest import ROOT

ACME = ROOT / "examples" / "acme-bank.yaml"

# answers changed on the example bank: none (technology governance, an execution gap, and
# 信创, whose migration runs until 2028, cap phases 2 and 3); technology governance lifted
# to level 4 (only 信创 caps, and only until its migration ends); the foundation at the top
# (no cap in any phase).
CASES: dict[str, dict[str, Any]] = {
    "example": {},
    "governance": {"tg-level": 4, "tg-joint-share": 60},
    "strong foundation": {"*foundation": 5},
}


def _answers(tmp_path: Path, edit: dict[str, Any]) -> Path:
    yaml = YAML()
    data = yaml.load(ACME.read_text("utf-8"))
    if edit.get("*foundation"):
        q = plan_file(ACME, PlanOptions()).scored.questionnaire
        assert q.foundation is not None
        for cap in q.foundation.capabilities:
            for x in cap.questions:
                if x.type == "level":
                    data["answers"][x.id] = 5
                elif x.type == "bool":
                    data["answers"][x.id] = True
                elif x.type == "multi":
                    data["answers"][x.id] = [o.id for o in x.options]
                elif x.type == "choice":
                    data["answers"][x.id] = max(x.options, key=lambda o: o.score).id
                else:
                    t = x.thresholds
                    data["answers"][x.id] = t[-1] if x.better == "higher" else t[0]
    for qid, value in edit.items():
        if not qid.startswith("*"):
            data["answers"][qid] = value
    out = tmp_path / "answers.yaml"
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_capped_projected_level_names_its_cap(tmp_path: Path, case: str, lang: Any) -> None:
    planned = plan_file(_answers(tmp_path, CASES[case]), PlanOptions())
    report = build_report(planned, lang)
    md, html = render_model(report, "md"), render_model(report, "html")
    t = words("report", lang)
    titles = {c.id: c.title.get(lang) for _, c in planned.scored.questionnaire.capabilities()}
    shown = {p.index: p for p in report.phases}
    capped_somewhere = False
    for p in planned.roadmap.phases:
        assert p.overall_score is not None and p.overall_level is not None
        own = min(5, max(1, math.floor(p.overall_score + 1e-9)))
        assert bool(p.capped_by) == (p.overall_level < own), p.index
        if p.index not in shown:
            continue
        names = t["list_sep"].join(titles[c] for c in p.capped_by)
        text = t["capped_by"].format(names=names) if p.capped_by else ""
        assert shown[p.index].capped_by == text
        if text:
            capped_somewhere = True
            assert text in md and text in html
    assert capped_somewhere == (case != "strong foundation")
