"""A unit that answered no question of a capability has not assessed it: the portfolio's
capability figures (weakest capabilities, heat map, peer comparison) leave it out and
say how many units did ("n of N assessed"), while scores.csv keeps the unit's score as
the missing policy made it, and the dimension and overall figures say how many units'
scores count such a capability."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from capassess.batch.collect import Units
from capassess.batch.heat_map import cell
from capassess.batch.portfolio import assessed, partial
from tests.batch.helpers import MINI, run_cli, write_csv
from tests.conftest import ROOT

ROOT_EXAMPLES = ROOT / "examples"

# mini: c1 <- q1 (target 3) in d1, c2 <- q2 (target 4) in d2; a level answer is the score.
ROWS = [
    ("A", "East", "5", "4"),
    ("B", "West", "3", "4"),
    ("C", "East", "", "4"),  # skipped c1: 1.00 under `lowest`, n/a under `exclude`
    ("D", "West", "n/a", "2"),  # c1 not applicable: no score under any policy
]


def _run(folder: Path, *options: str) -> Path:
    rows = [["id", "name", "region", "q1", "q2"]] + [[u, u, r, a, b] for u, r, a, b in ROWS]
    source = write_csv(folder / "in.csv", rows)
    out = folder / "out"
    result = run_cli("batch", str(source), "-o", str(out), "-q", str(MINI), *options)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("policy", "c_c1", "holds"),
    [
        ("lowest", "1.0000", {"overall": 1, "d1": 1, "d2": 0}),
        ("exclude", "", {"overall": 0, "d1": 0, "d2": 0}),
    ],
)
def test_capability_figures_count_only_the_units_that_assessed_it(
    tmp_path: Path, policy: str, c_c1: str, holds: dict[str, int]
) -> None:
    out = _run(tmp_path, "--missing", policy, "--group-by", "region")
    with (out / "scores.csv").open(encoding="utf-8-sig") as f:
        scores = {r["id"]: r for r in csv.DictReader(f)}
    assert scores["C"]["c1"] == c_c1  # the unit's own score stays as the policy made it
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    weak = {w["id"]: w for w in summary["weakest"]}
    # c1: only A (5) and B (3) assessed it; C's 1.00 would have made it 3.00, 1 in 3 below.
    assert (weak["c1"]["mean"], weak["c1"]["below_target"], weak["c1"]["gap"]) == (4.0, 0.0, 0.0)
    assert (weak["c1"]["assessed"], weak["c1"]["units"]) == (2, 4)
    assert (weak["c2"]["assessed"], weak["c2"]["units"]) == (4, 4)
    found = {d["id"]: d["holds_unassessed"] for d in summary["distributions"]}
    assert {"overall": summary["overall"]["holds_unassessed"], **found} == holds
    heat = summary["capability_heat"]
    columns = [label for label, _ in heat["columns"]]
    c1 = dict(zip(columns, heat["rows"][0]["cells"], strict=True))
    assert (c1["East"]["mean"], c1["East"]["assessed"], c1["East"]["units"]) == (5.0, 1, 2)
    assert (c1["West"]["mean"], c1["West"]["assessed"], c1["West"]["units"]) == (3.0, 1, 2)


@pytest.mark.parametrize(
    ("lang", "shown", "cell", "holds", "term"),
    [
        ("en", "2 of 4 assessed", "1/2 assessed", "Overall 1; First 1", "n of N assessed"),
        ("zh", "4 个单位中 2 个已评估", "已评估 1/2", "总体 1；第一 1", "N个单位中n个已评估"),
    ],
)
def test_both_reports_say_how_many_units_assessed_and_define_it(
    tmp_path: Path, lang: str, shown: str, cell: str, holds: str, term: str
) -> None:
    out = _run(tmp_path, "--lang", lang, "--group-by", "region")
    for name in ("portfolio.md", "portfolio.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert shown in text, name  # the weakest capabilities
        assert text.count(cell) == 2  # the heat map's c1 cells, East and West
        assert holds in text
        assert term in text  # the definitions list
    md = (out / "portfolio.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if "`c2`" in line and "|" in line)
    assert "assessed" not in row and "已评估" not in row  # every unit assessed c2


def test_the_unit_report_says_its_dimension_score_counts_a_capability_not_assessed(
    tmp_path: Path,
) -> None:
    out = _run(tmp_path, "--reports", "md,html")
    for suffix in ("md", "html"):
        skipped = (out / "units" / f"C.{suffix}").read_text(encoding="utf-8")
        # C answered nothing of d1 (its only capability, c1): d1 shows no score but "not
        # assessed", and the headline says the overall counts it at the lowest level.
        assert "which nobody answered, at the lowest level" in " ".join(skipped.split())
        assert "This score counts" not in skipped
        full = (out / "units" / f"A.{suffix}").read_text(encoding="utf-8")
        assert "This score counts" not in full and "nobody answered" not in full


def _units(scores: list[list[float]], answered: list[list[int]]) -> Units:
    n = len(scores)
    ids = pa.array([f"u{i}" for i in range(n)])
    return Units(ids, ids, {}, pa.array([0] * n, pa.int32()), np.arange(n),
                 np.array(scores, dtype=float), np.zeros((n, 3), np.int32),
                 np.array(answered, dtype=np.int16))  # fmt: skip


NAN = float("nan")


@pytest.mark.parametrize(
    ("row", "answered", "kept", "holds"),
    [
        ([2.0, 2.0, 1.0, 3.0], [0, 2], [NAN, 3.0], 1),  # not assessed, counted at 1.00
        ([3.0, 3.0, NAN, 3.0], [0, 2], [NAN, 3.0], 0),  # not assessed, left out (exclude)
        ([3.0, 3.0, 2.0, 4.0], [1, 2], [2.0, 4.0], 0),  # both assessed
        ([NAN, NAN, NAN, NAN], [0, 0], [NAN, NAN], 0),  # every question n/a
    ],
)
def test_assessed_scores_and_units_holding_a_not_assessed_capability(
    row: list[float], answered: list[int], kept: list[float], holds: int
) -> None:
    # columns: overall, one dimension, two capabilities
    units = _units([row], [answered])
    got = [float(assessed(units, j, 2)[0]) for j in range(2)]
    assert np.array_equal(got, kept, equal_nan=True)
    assert partial(units, 1, [0, 1], 2) == holds


def test_a_heat_cell_counts_units_assessed_of_the_column() -> None:
    found = cell(np.array([4.0, NAN, 2.0]), 3)
    assert (found.mean, found.below_target, found.assessed, found.units) == (3.0, 0.5, 2, 3)
    empty = cell(np.array([NAN]), 3)
    assert (empty.status, empty.assessed, empty.units) == ("na", 0, 1)


@pytest.mark.parametrize(
    ("answers", "lang", "notes"),
    [
        # Openness has no assessed capability: it shows no score ("not assessed"), so no
        # note on what its score counts.
        ("tiny-partial.yaml", "en", ["Data: This score counts Analytics, not assessed"]),
        ("tiny-partial.yaml", "zh", ["数据：该得分按缺失答案规则计入了未评估（无任何作答）的能力：分析。"]),
        ("tiny-full.yaml", "en", []),
    ],
)  # fmt: skip
def test_the_decks_dimension_slide_notes_scores_that_count_a_capability_not_assessed(
    answers: str, lang: str, notes: list[str]
) -> None:
    import io

    from pptx import Presentation

    from capassess.planning import PlanOptions, plan_file
    from capassess.report.build import build_report
    from capassess.report.deck import render_deck
    from tests.conftest import DATA

    planned = plan_file(DATA / "answers" / answers, PlanOptions(), (str(DATA / "good"),))
    prs = Presentation(io.BytesIO(render_deck(build_report(planned, lang))))  # type: ignore[arg-type]
    slide = prs.slides[2]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert all(note in text for note in notes), text
    assert "Openness: This score counts" not in text
    if not notes:
        assert "This score counts" not in text


# --- the league table says which ranks rest on capabilities a unit did not assess -------

LEAGUE = [
    # (capabilities the first example branch leaves blank)
    [],
    ["b-data-quality"],
    ["b-data-quality", "b-data-use"],
    ["b-data-quality", "b-data-use", "b-scenarios"],
]


@pytest.mark.parametrize("blank", LEAGUE, ids=["none", "one", "a-dimension", "and-one-more"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_league_marks_scores_that_count_what_a_unit_did_not_assess(
    tmp_path: Path, blank: list[str], lang: str
) -> None:
    """A unit's overall score is marked † with the number of capabilities it did not
    assess that its scores count; a dimension it assessed none of reads "not assessed",
    not the missing policy's 1.00; the legend comes only with a mark."""
    from markupsafe import escape

    from capassess.texts import words
    from tests.batch.helpers import branch

    q = branch()
    dims = [d for d in q.sections()]
    questions = {c.id: [x.id for x in c.questions] for _, c in q.capabilities()}
    with (ROOT_EXAMPLES / "branches.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    head, first = rows[0], rows[1]
    for cap in blank:
        for qid in questions[cap]:
            first[head.index(qid)] = ""
    source = write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out"
    result = run_cli("batch", str(source), "-o", str(out), "--top", "1000", "--lang", lang)
    assert result.exit_code == 0, result.output
    t = words("portfolio", lang)
    md = (out / "portfolio.md").read_text(encoding="utf-8")
    html = (out / "portfolio.html").read_text(encoding="utf-8")
    line = next(x for x in md.splitlines() if x.startswith("| ") and f"| {first[0]} |" in x)
    cells = [c.strip() for c in line.strip("|").split("|")]
    marks = [c for c in cells if "†" in c]
    assert marks == ([f"**{cells[cells.index(marks[0])].split('**')[1]}** †{len(blank)}"]
                     if blank else [])  # fmt: skip
    blind = [all(c.id in blank for c in d.capabilities) for d in dims]
    shown = cells[-len(dims) :]
    assert [c == t["not_assessed"] for c in shown] == blind
    assert (t["league_unassessed"] in md) == bool(blank)
    assert (str(escape(t["league_unassessed"])) in html) == bool(blank)
    assert (f"†{len(blank)}</span>" in html) == bool(blank)


@pytest.mark.parametrize("policy", ["lowest", "exclude"])
def test_group_and_decile_means_leave_out_a_dimension_a_unit_did_not_assess(
    tmp_path: Path, policy: str
) -> None:
    """C skipped d1 (its only capability): East's mean of d1 is A's 5.0, not (5 + 1) / 2
    under ``lowest``; by deciles (no --group-by) C's tenth has no d1 mean at all, where it
    had the policy's 1.00. The league table already read "not assessed" there."""
    for sub in ("g", "d"):
        (tmp_path / sub).mkdir()
    grouped = _run(tmp_path / "g", "--missing", policy, "--group-by", "region")
    groups = {g["group"]: g for g in json.loads((grouped / "summary.json").read_text())["groups"]}
    assert groups["East"]["dimensions"] == [5.0, 4.0]
    assert groups["West"]["dimensions"] == [3.0, 3.0]  # D's n/a leaves d1 as before
    plain = _run(tmp_path / "d", "--missing", policy)
    summary = json.loads((plain / "summary.json").read_text())
    assert summary["heat_by"] == "decile"
    c_tenth = next(h for h in summary["heat"] if h["stats"]["mean"] == pytest.approx(
        2.5 if policy == "lowest" else 4.0))  # fmt: skip
    assert c_tenth["dimensions"][0] is None
