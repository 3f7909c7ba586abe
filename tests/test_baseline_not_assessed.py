"""A capability nobody answered at one end of a comparison moved nowhere: its baseline is
"not assessed", never the missing policy's 1.00, so no change, progress or level move is
read from it (plan and report with --baseline, and compare), in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from capassess.planning import PlanOptions, compare_files, plan_file
from capassess.report.build import build_report
from capassess.report.render import render_model
from capassess.texts import words
from tests.conftest import ROOT

NOW = ROOT / "examples" / "acme-bank.yaml"
THEN = ROOT / "examples" / "acme-bank-2025.yaml"

# question-id prefixes dropped from the baseline and from the current assessment
CASES = {
    "both answered": ((), ()),
    "two not assessed then": (("ct-", "rf-"), ()),
    "not assessed now": ((), ("ct-",)),
    "one each": (("ch-",), ("rf-",)),
}
CAPS = {"ct-": "customer-tagging", "rf-": "rfm-segmentation", "ch-": "churn-warning"}


def _dropped(src: Path, prefixes: tuple[str, ...], out: Path) -> Path:
    yaml = YAML()
    data = yaml.load(src.read_text("utf-8"))
    for k in [k for k in data["answers"] if str(k).startswith(prefixes)]:
        del data["answers"][k]
    with out.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_no_move_is_read_from_a_capability_not_assessed(tmp_path: Path, case: str) -> None:
    then_drop, now_drop = CASES[case]
    then = _dropped(THEN, then_drop, tmp_path / "then.yaml")
    now = _dropped(NOW, now_drop, tmp_path / "now.yaml")
    blind_then = {CAPS[p] for p in then_drop}
    blind_now = {CAPS[p] for p in now_drop}

    planned = plan_file(now, PlanOptions(baseline=str(then)))
    for g in planned.gaps.capabilities:
        if g.id in blind_then:
            assert g.baseline is None and g.progress is None, g.id
        elif g.id not in blind_now:
            assert g.baseline is not None, g.id

    nodes = {n.id: n for n in compare_files(then, now, ()).nodes}
    for cid, node in nodes.items():
        assert node.old_assessed == (cid not in blind_then)
        assert node.new_assessed == (cid not in blind_now)
        if cid in blind_then | blind_now:
            assert node.change is None
        if cid in blind_then:
            assert node.old is None and node.old_level is None

    for lang in ("en", "zh"):
        report = build_report(planned, lang)
        assert report.progress is not None
        rows = {r.id: r for r in report.progress.rows}
        for cid, row in rows.items():
            assert row.baseline_assessed == (cid not in blind_then)
            if cid in blind_then:
                assert row.change is None and row.progress is None
        _check_rendered(report, lang, {rows[c].title for c in blind_then})


def _check_rendered(report: Any, lang: Any, titles: set[str]) -> None:
    """The progress table's baseline cell reads "not assessed" for ``titles``."""
    t = words("report", lang)
    md = render_model(report, "md").split(f"## {t['progress']}\n", 1)[1].split("\n## ", 1)[0]
    html = render_model(report, "html").split('<section id="progress">', 1)[1]
    html = html.split("</section>", 1)[0]
    for title in titles:
        line = next(x for x in md.splitlines() if x.startswith(f"| {title} |"))
        assert line.split(" | ")[1] == t["not_assessed"], line
        row = html.split(f"<tr><td>{title}</td>", 1)[1].split("</tr>", 1)[0]
        assert row.startswith(f'<td class="n">{t["not_assessed"]}</td>'), row


@pytest.mark.parametrize("case", [*CASES, "the same then and now"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_overall_change_says_what_nobody_answered_it_counts(
    tmp_path: Path, case: str, lang: Any
) -> None:
    """The rows read no move from a capability not assessed, but the overall scores above
    them count it at the missing policy's value: 1.23 → 2.96 read as progress partly made
    of a capability nobody answered a year ago. When one end assessed a capability the
    other did not, a line names it and gives the change like for like, in Markdown and
    HTML; a blind spot the same at both ends moves nothing and needs no line."""
    import html

    then_drop, now_drop = CASES.get(case, (("ct-",), ("ct-",)))
    then = _dropped(THEN, then_drop, tmp_path / "then.yaml")
    now = _dropped(NOW, now_drop, tmp_path / "now.yaml")
    report = build_report(plan_file(now, PlanOptions(baseline=str(then))), lang)
    assert report.progress is not None
    note = report.progress.like_for_like
    titles = {r.id: r.title for r in report.progress.rows}
    if set(then_drop) == set(now_drop):
        assert note is None
        return
    assert note is not None
    for p in set(then_drop) ^ set(now_drop):
        assert titles[CAPS[p]] in note
    for fmt in ("md", "html"):
        assert note in html.unescape(render_model(report, fmt))


@pytest.mark.parametrize(("then", "now", "backwards"), [
    ("2025-03-18", "2026-03-16", False),
    ("2026-03-16", "2026-03-16", False),
    ("2027-01-05", "2026-03-16", True),
])  # fmt: skip
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_baseline_dated_after_the_assessment_is_said_in_the_report(
    tmp_path: Path, then: str, now: str, backwards: bool, lang: Any
) -> None:
    """The terminal warned that the changes run backwards; the report, which is what
    management reads, says so too, in Markdown and HTML."""
    import datetime as dt
    import html

    yaml = YAML()
    paths = []
    for src, date, name in ((THEN, then, "then.yaml"), (NOW, now, "now.yaml")):
        data = yaml.load(src.read_text("utf-8"))
        data["date"] = dt.date.fromisoformat(date)
        out = tmp_path / name
        with out.open("w", encoding="utf-8") as f:
            yaml.dump(data, f)
        paths.append(out)
    report = build_report(plan_file(paths[1], PlanOptions(baseline=str(paths[0]))), lang)
    assert report.progress is not None
    said = report.progress.backwards
    assert (said is not None) == backwards
    if said is not None:
        assert then in said and now in said
        for fmt in ("md", "html"):
            assert said in html.unescape(render_model(report, fmt))
