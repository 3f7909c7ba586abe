"""What advice rests on, through the CLI: done_when, KPIs, owners and checks validated with
their lines; unanswered and not-assessed warnings; answers to skipped questions; KPIs in
compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"
TINY = (GOOD / "tiny.yaml").read_text(encoding="utf-8")

ADVICE = """
roles:
  - {id: cdo, title: {en: Chief data officer, zh: 首席数据官}}
cost_basis: {en: "External spend, RMB million", zh: "外部投入，百万元"}
checks:
  - id: chk-owner
    when: "g-level >= 3 and g-choice == 'none'"
    message: {en: "A data committee but no data owner", zh: "有数据委员会却没有数据负责人"}
"""


def tiny_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "q"
    folder.mkdir(exist_ok=True)
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    return folder


def advised(committee: str = 'done_when: "g-level >= 3"') -> str:
    """The tiny questionnaire with roles, checks, and evidence on the committee action."""
    text = TINY.replace(
        "            depends_on: [act-stewards]\n",
        "            depends_on: [act-stewards]\n"
        f"            {committee}\n"
        "            owner: cdo\n"
        "            cost: {small: [0.2, 0.5], medium: [0.5, 1], large: [1, 3]}\n"
        "            kpi: {when: \"g-choice == 'full'\", text: {en: Owners for all data, "
        "zh: 全部数据有负责人}}\n",
        1,
    )
    return text + ADVICE


def answers(tmp_path: Path, body: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        "questionnaire: tiny@1.0\nsubject: {id: acme, name: Acme Bank}\ndate: 2026-11-01\n"
        f"answers:\n{body}",
        encoding="utf-8",
    )
    return path


def run(runner: CliRunner, folder: Path, *args: str):
    return runner.invoke(main, ["--questionnaire-dir", str(folder), *args])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("done_when", '"g-levl >= 3"', "expression refers to unknown question 'g-levl'"),
        ("done_when", '"g-level >= "', "cannot parse expression"),
        ("done_when", "\"g-choice == 'every'\"", "'every' is not an option of 'g-choice'"),
        ("done_when", "\"g-level == 'high'\"", "'g-level' is a level question"),
        ("owner", "cio", "unknown role 'cio' (roles: cdo)"),
        ("kpi", '{when: "a-nmber > 3"}', "expression refers to unknown question 'a-nmber'"),
        ("cost", "{small: [3, 1]}", "the low end 3.0 is above the high end 1.0"),
    ],
)
def test_bad_advice_fields_are_located(tmp_path, runner: CliRunner, field, value, message) -> None:
    text = (
        advised().replace(
            "            owner: cdo\n", f"            owner: cdo\n            {field}: {value}\n"
        )
        if field not in ("owner", "kpi", "cost")
        else advised()
    )
    if field in ("owner", "kpi", "cost"):
        lines = text.splitlines(keepends=True)
        at = next(i for i, ln in enumerate(lines) if ln.strip().startswith(f"{field}:"))
        lines[at] = f"            {field}: {value}\n"
        text = "".join(lines)
    else:
        text = text.replace('            done_when: "g-level >= 3"\n', "")
    folder = tiny_with(tmp_path, text)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith(field))
    result = run(runner, folder, "validate", str(folder / "tiny.yaml"))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert f"tiny.yaml:{line}:" in result.stderr
    assert "Traceback" not in result.output


def test_bad_check_expression_is_located(tmp_path, runner: CliRunner) -> None:
    text = advised().replace("g-choice == 'none'", "g-choice == 'nobody'")
    folder = tiny_with(tmp_path, text)
    result = run(runner, folder, "validate", str(folder / "tiny.yaml"))
    assert result.exit_code == 2
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "'nobody'" in ln)
    assert f"tiny.yaml:{line}:" in result.stderr and "checks[0].when" in result.stderr


def test_in_place_action_is_explained_not_scheduled(tmp_path, runner: CliRunner) -> None:
    folder = tiny_with(tmp_path, advised())
    # g-level 3 shows the committee; g-choice none pulls governance below 3.
    path = answers(tmp_path, "  g-level: 3\n  g-choice: none\n  a-multi: [bi]\n  a-number: 12\n"
                             "  a-bool: false\n  o-api: 45\n")  # fmt: skip
    result = run(runner, folder, "plan", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    scheduled = {a["id"] for a in data["roadmap"]["actions"]}
    assert "act-committee" not in scheduled
    left = {n["id"]: n for n in data["roadmap"]["not_scheduled"]}
    assert left["act-committee"]["status"] == "in-place-evidence"
    assert left["act-committee"]["needed_by"] == ["act-models"]
    assert left["act-committee"]["evidence"] == [{"question_id": "g-level", "value": 3,
                                                  "score": None}]  # fmt: skip
    # The check flags the contradiction; it changes no score.
    assert [p["id"] for p in data["to_probe"]] == ["chk-owner"]
    table = runner.invoke(main, ["--questionnaire-dir", str(folder), "plan", str(path)],
                          env={"COLUMNS": "250"})  # fmt: skip
    assert "in place, as the answers show: “How is data governed?”: level 3" in table.stdout
    assert "To probe" in table.stdout and "A data committee but no data owner" in table.stdout


def test_half_answered_plan_warns_and_advises_only_on_answers(tmp_path, runner) -> None:
    folder = tiny_with(tmp_path, advised())
    path = answers(tmp_path, "  g-level: 2\n  g-choice: partial\n")
    result = run(runner, folder, "plan", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    # a-bool is not asked while a-number is unanswered: 3 of the 5 applicable are open.
    assert "questions unanswered: 3 of 5" in result.stderr
    assert "capabilities not assessed (no question answered): 2" in result.stderr
    assert "Analytics, Open API" in result.stderr
    data = json.loads(result.stdout)
    assert data["completeness"]["not_assessed"] == ["analytics", "api"]
    assert data["gaps"]["ranked"] == ["governance"]
    assert {a["capability_id"] for a in data["roadmap"]["actions"]} == {"governance"}
    score = run(runner, folder, "score", str(path))
    assert "capabilities not assessed (no question answered): 2" in score.stderr
    report = run(runner, folder, "report", str(path), "-f", "md", "-o", "-")
    assert "Incomplete assessment" in report.stdout
    assert "capabilities not assessed (no question answered): 2" in report.stderr


def test_answer_to_a_skipped_question_is_warned(tmp_path, runner: CliRunner) -> None:
    folder = tiny_with(tmp_path, advised())
    # a-bool is asked only when a-number >= 10.
    path = answers(tmp_path, "  g-level: 2\n  g-choice: partial\n  a-multi: [bi]\n"
                             "  a-number: 5\n  a-bool: true\n  o-api: 45\n")  # fmt: skip
    for args in (("validate", str(path)), ("score", str(path)), ("plan", str(path))):
        result = run(runner, folder, *args)
        assert result.exit_code == 0, result.output
        assert "a-bool" in result.stderr and "condition `a-number >= 10` is false" in result.stderr
    data = json.loads(run(runner, folder, "plan", str(path), "--format", "json").stdout)
    assert data["completeness"]["answered_but_not_asked"] == ["a-bool"]


def test_compare_reports_the_old_roadmaps_kpis(tmp_path, runner: CliRunner) -> None:
    folder = tiny_with(tmp_path, advised("done_when: \"g-level >= 3 and g-choice == 'full'\""))
    base = "  a-multi: [bi]\n  a-number: 12\n  a-bool: false\n  o-api: 45\n"
    old = answers(tmp_path, "  g-level: 2\n  g-choice: partial\n" + base, "old.yaml")
    new = answers(tmp_path, "  g-level: 3\n  g-choice: full\n" + base, "new.yaml")
    result = run(runner, folder, "compare", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.output
    kpis = {k["action_id"]: k["status"] for k in json.loads(result.stdout)["kpis"]}
    assert kpis == {"act-committee": "met"}
    same = run(runner, folder, "compare", str(old), str(old), "--format", "json")
    assert {k["action_id"]: k["status"] for k in json.loads(same.stdout)["kpis"]} == {
        "act-committee": "not-met"}  # fmt: skip


def test_show_and_schema_know_the_new_fields(tmp_path, runner: CliRunner) -> None:
    folder = tiny_with(tmp_path, advised())
    shown = run(runner, folder, "show", "tiny")
    assert "owner: Chief data officer" in shown.stdout
    assert "in place when: g-level >= 3" in shown.stdout
    assert "KPI: Owners for all data" in shown.stdout
    assert "A data committee but no data owner" in shown.stdout
    schema = json.loads(runner.invoke(main, ["schema", "questionnaire"]).stdout)
    action = schema["$defs"]["Action"]["properties"]
    assert {"done_when", "owner", "cost", "kpi"} <= set(action)
    assert {"roles", "checks", "cost_basis"} <= set(schema["properties"])


def test_score_speaks_the_chosen_language_about_what_is_unanswered(tmp_path, runner) -> None:
    folder = tiny_with(tmp_path, advised())
    path = answers(tmp_path, "  g-level: 2\n  g-choice: partial\n")
    zh = run(runner, folder, "score", str(path), "--lang", "zh")
    assert zh.exit_code == 0, zh.output
    assert "3 个问题未作答，按最低分计入" in zh.stderr
    assert "警告：2 项能力未评估" in zh.stderr
    assert "unanswered" not in zh.stderr and "warning" not in zh.stderr
