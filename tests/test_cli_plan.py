"""`plan` and `compare` through the CLI on the tiny questionnaire."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"
ANSWERS = str(GOOD / "tiny-answers.yaml")
OLD = str(GOOD / "tiny-answers-old.yaml")


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])


def test_plan_table(runner: CliRunner) -> None:
    result = run(runner, "plan", ANSWERS)
    assert result.exit_code == 0, result.output
    assert "Acme Bank · tiny@1.0 · overall 2.38 (Managed)" in result.stdout
    assert "Phase 1 · " in result.stdout and "(months 0-6)" in result.stdout
    assert "act-committee" in result.stdout


def test_plan_json_shape_and_numbers(runner: CliRunner) -> None:
    result = run(runner, "plan", ANSWERS, "--format", "json", "--baseline", OLD)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # governance: g-level 2 -> 0.25 (w 2), g-choice partial 0.5 (w 1)
    # C = 1 + 4 * (2*0.25 + 0.5) / 3 = 2.333...
    caps = {c["id"]: c for c in data["gaps"]["capabilities"]}
    assert caps["governance"]["score"] == pytest.approx(1 + 4 / 3)
    assert caps["governance"]["gap"] == pytest.approx(3 - (1 + 4 / 3))
    assert caps["api"]["met"] is True
    assert data["gaps"]["strengths"] == ["api"]
    # governance is at level 2, so act-stewards (L2) counts as in place.
    assert [a["id"] for a in data["roadmap"]["actions"]] == ["act-committee", "act-models"]
    assert data["roadmap"]["actions"][0]["needed_by"] == ["act-models"]
    assert data["baseline"]["overall"]["score"] == pytest.approx(1.0)
    final = data["roadmap"]["phases"][-1]
    assert final["capability_scores"]["analytics"] == 4.0


def test_plan_target_level_and_budget(runner: CliRunner) -> None:
    result = run(
        runner, "plan", ANSWERS, "--target-level", "5", "--budget", "5", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {c["target"] for c in data["gaps"]["capabilities"]} == {5}
    for phase in data["roadmap"]["phases"]:
        assert phase["budget"] == 5 or not phase["actions"]
        assert phase["effort_points"] <= 5


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_budget_is_stated_where_the_plan_is_read(
    runner: CliRunner, tmp_path, lang: str
) -> None:
    """A plan made to a budget says so in the terminal and in the report; one without a
    budget says nothing about it."""
    said = {
        "en": "effort points started per phase at most: 5",
        "zh": "每阶段新开工的工作量不超过 5 点",
    }
    for budget in (["--budget", "5"], []):
        view = run(runner, "plan", ANSWERS, "--lang", lang, *budget)
        out = tmp_path / f"r{len(budget)}.md"
        report = run(runner, "report", ANSWERS, "-f", "md", "--lang", lang, "-o", str(out), *budget)
        assert view.exit_code == 0 and report.exit_code == 0, view.output + report.output
        text = " ".join(view.stdout.split())
        assert (said[lang] in text) == bool(budget)
        assert (said[lang] in out.read_text(encoding="utf-8")) == bool(budget)


def test_plan_target_file(runner: CliRunner, tmp_path) -> None:
    target = tmp_path / "t.yaml"
    target.write_text("targets:\n  api: 5\n  governance: {level: 2, importance: 3}\n", "utf-8")
    data = json.loads(run(runner, "plan", ANSWERS, "-t", str(target), "--format", "json").stdout)
    caps = {c["id"]: c for c in data["gaps"]["capabilities"]}
    assert caps["api"]["target"] == 5 and caps["api"]["source"] == "file"
    assert caps["governance"]["met"] is True


def test_plan_bad_target_file_is_located(runner: CliRunner, tmp_path) -> None:
    target = tmp_path / "t.yaml"
    target.write_text("targets:\n  api: 5\n  nowhere: 3\n", "utf-8")
    result = run(runner, "plan", ANSWERS, "-t", str(target))
    assert result.exit_code == 2
    assert f"{target}:3:12: targets.nowhere: unknown capability 'nowhere' in tiny" in result.stderr


def test_plan_unknown_profile(runner: CliRunner) -> None:
    result = run(runner, "plan", ANSWERS, "-t", "leader")
    assert result.exit_code == 2
    assert "no file or target profile 'leader' (profiles: " in result.stderr
    assert "<input>" not in result.stderr


def test_plan_missing_target_file(runner: CliRunner, tmp_path) -> None:
    missing = tmp_path / "targets.yaml"
    result = run(runner, "plan", ANSWERS, "-t", str(missing))
    assert result.exit_code == 2
    assert f"{missing}: no such file (--target takes a target file or a profile id)" in (
        result.stderr
    )


def test_plan_bad_phases(runner: CliRunner) -> None:
    result = run(runner, "plan", ANSWERS, "--phases", "0,6,3")
    assert result.exit_code == 2
    assert "phase boundaries must start at 0 and ascend" in result.stderr


def test_compare(runner: CliRunner) -> None:
    result = run(runner, "compare", OLD, ANSWERS, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["api"]["old_level"] == 1 and nodes["api"]["new_level"] == 3
    assert nodes["overall"]["change"] == pytest.approx(nodes["overall"]["new"] - 1.0)
    changed = {a["id"] for a in data["answers"]}
    assert changed == {"g-level", "g-choice", "a-multi", "a-number", "a-bool", "o-api"}
    assert data["dropped"] == [] and data["added"] == []


def test_compare_shows_answers_as_people_read_them(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--questionnaire-dir", str(GOOD), "compare", str(OLD),
                                  str(ANSWERS)], env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "a-bool" in line)
    cells = [c.strip() for c in row.split("│") if c.strip()]
    assert set(cells[1:]) <= {"yes", "no", "—"} and "True" not in row and "False" not in row


def test_compare_refuses_unrelated_questionnaires(runner: CliRunner, tmp_path) -> None:
    other = tmp_path / "other.yaml"
    src = (GOOD / "tiny.yaml").read_text("utf-8")
    for old, new in (("id: tiny", "id: other"), ("- id: ", "- id: x")):
        src = src.replace(old, new)
    src = src.replace("depends_on: [act-", "depends_on: [xact-").replace(
        'when: "a-number', 'when: "xa-number'
    )
    other.write_text(src, "utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("questionnaire: other\nsubject: {id: x}\nanswers: {}\n", "utf-8")
    result = run(runner, "--questionnaire-dir", str(tmp_path), "compare", ANSWERS, str(answers))
    assert result.exit_code == 2, result.output
    assert "answers the questionnaire tiny@1.0, but NEW (a.yaml) answers other@1.0" in result.stderr


def test_plan_warns_of_a_roadmap_dated_before_today(runner: CliRunner) -> None:
    import datetime as dt

    now = dt.date.today().strftime("%Y-%m")
    result = run(runner, "plan", ANSWERS)  # dated 2026-11-01: the plan starts then
    assert result.exit_code == 0, result.output
    assert "dated from the assessment month (2026-11)" in result.stderr
    assert f"--start {now}" in result.stderr
    result = run(runner, "plan", ANSWERS, "--start", now)
    assert result.exit_code == 0, result.output
    assert "--start" not in result.stderr


def test_plan_with_nothing_to_do_says_so_once(runner: CliRunner) -> None:
    result = run(runner, "plan", ANSWERS, "--target-level", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("no action is needed to reach the targets") == 1
    assert "no new actions" not in result.stdout and "Phase 1" not in result.stdout
    assert "--start" not in result.stderr  # no roadmap, nothing dated


def test_plan_labels_a_dimension_gap_as_a_mean(runner: CliRunner) -> None:
    import re

    result = run(runner, "plan", ANSWERS)
    assert result.exit_code == 0, result.output
    assert re.search(r"mean \d\.\d\d", result.stdout)  # never read as target - score
    assert "dimension gap (mean)" in result.stdout  # and defined


def test_an_action_in_place_says_when_its_kpi_is_not_met_as_compare_finds(
    runner: CliRunner, tmp_path
) -> None:
    """The plan of this year's answers and the progress review against last year's plan
    agree: an action the answers show in place, whose KPI compare finds not met, is
    said to be in place with its KPI not met yet; one whose KPI is met is not."""
    from tests.conftest import ROOT

    old, new = (str(ROOT / "examples" / f) for f in ("acme-bank-2025.yaml", "acme-bank.yaml"))
    review = runner.invoke(main, ["compare", old, new, "--format", "json"])
    plan = runner.invoke(main, ["plan", new, "--format", "json"])
    report = tmp_path / "r.md"
    made = runner.invoke(main, ["report", new, "-f", "md", "-o", str(report)])
    assert review.exit_code == plan.exit_code == made.exit_code == 0
    kpis = {k["action_id"]: k["status"] for k in json.loads(review.stdout)["kpis"]}
    in_place = {n["id"] for n in json.loads(plan.stdout)["roadmap"]["not_scheduled"]
                if n["status"] == "in-place-evidence"}  # fmt: skip
    rows = {line.split("(`")[1].split("`)")[0]: line
            for line in report.read_text(encoding="utf-8").splitlines() if "(`act-" in line}  # fmt: skip
    checked = [a for a in in_place if kpis.get(a) in ("met", "not-met")]
    assert {kpis[a] for a in checked} == {"met", "not-met"}
    for action in checked:
        said = "its KPI is not met yet" in rows[action]
        assert said == (kpis[action] == "not-met"), action
