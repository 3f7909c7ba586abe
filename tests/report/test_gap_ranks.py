"""The rank column of the gap tables numbers the scored capabilities alone: a capability
nobody answered, or answered n/a throughout, has no rank among the gaps (it shows "—"), and
the ranks run 1, 2, 3... without a hole, in both languages and in HTML and Markdown alike."""

from __future__ import annotations

import re
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

# Capabilities whose every answer is dropped (or made n/a): none; one placed
# mid-questionnaire among targets met; several, in the lessons and the foundation.
CASES = {
    "none": ((), ()),
    "one": (("open-api",), ()),
    "several": (("data-governance", "open-api", "rfm-segmentation", "continuity"), ()),
    "n/a": ((), ("open-source", "supply-chain")),
    "both": (("open-api", "tech-ethics"), ("supply-chain",)),
}


def _without(tmp_path: Path, caps: tuple[str, ...], na: tuple[str, ...]) -> Path:
    yaml = YAML()
    data = yaml.load(ACME.read_text("utf-8"))
    q = plan_file(ACME, PlanOptions()).scored.questionnaire
    drop = {x.id for _, c in q.capabilities() if c.id in caps for x in c.questions}
    moot = {x.id for _, c in q.capabilities() if c.id in na for x in c.questions}
    for qid in [k for k in data["answers"] if str(k) in drop]:
        del data["answers"][qid]
    for qid in moot:
        data["answers"][qid] = "n/a"
    out = tmp_path / "answers.yaml"
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


def _md_tables(text: str, title: str) -> list[list[tuple[str, str]]]:
    """Per gap table of the Markdown: (rank cell, capability cell) of each row."""
    section = text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    tables: list[list[tuple[str, str]]] = []
    for block in re.split(r"\n\n+", section):
        rows = [line.split(" | ") for line in block.splitlines() if line.startswith("| ")]
        if rows and rows[0][0] == "| #":
            tables.append([(r[0][2:], r[1]) for r in rows[1:]])
    return tables


def _html_tables(text: str) -> list[list[tuple[str, str]]]:
    section = text.split('<section id="gaps">', 1)[1].split("</section>", 1)[0]
    return [
        re.findall(r'<tr><td class="n">([^<]*)</td><td>([^<]*)', body)
        for body in re.findall(r"<tbody>(.*?)</tbody>", section, re.S)
    ]


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_only_scored_capabilities_are_ranked(tmp_path: Path, case: str, lang: Any) -> None:
    report = build_report(plan_file(_without(tmp_path, *CASES[case]), PlanOptions()), lang)
    blind = {g.title for g in report.gaps if g.score is None}
    assert len(blind) == sum(map(len, CASES[case]))
    t = words("report", lang)
    for tables in (
        _md_tables(render_model(report, "md"), t["gaps"]),
        _html_tables(render_model(report, "html")),
    ):
        assert len(tables) == 2  # the scored dimensions and the foundation
        seen = set()
        for rows in tables:
            ranks = [rank for rank, title in rows if title not in blind]
            assert ranks == [str(n) for n in range(1, len(ranks) + 1)]
            unranked = [(rank, title) for rank, title in rows if title in blind]
            assert all(rank == "—" for rank, _ in unranked)
            assert rows[len(ranks) :] == unranked  # after every ranked row
            seen |= {title for _, title in unranked}
        assert seen == blind
