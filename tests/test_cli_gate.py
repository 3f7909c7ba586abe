"""The foundation gate, bank types and renamed questions, as a user meets them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner, Result

from capassess.cli import main
from tests.conftest import DATA

GOOD = DATA / "good"
GATED_ANSWERS = GOOD / "tiny-gated-answers.yaml"
OLD_ANSWERS = DATA / "answers" / "tiny-full.yaml"


def run(runner: CliRunner, *args: str | Path) -> Result:
    """Run capassess with the tiny questionnaires' folder on the search path."""
    return runner.invoke(main, ["--questionnaire-dir", str(GOOD), *map(str, args)])


def test_score_json_gives_capped_by(runner: CliRunner) -> None:
    result = run(runner, "score", GATED_ANSWERS, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["overall"]["level"] == 1 and data["overall"]["uncapped_level"] == 5
    assert data["overall"]["capped_by"] == ["continuity"]
    assert data["overall"]["score"] == 5.0
    foundation = data["dimensions"][-1]
    assert foundation["id"] == "foundation" and foundation["foundation"] is True
    assert [c["id"] for c in foundation["capabilities"]] == ["continuity", "security"]
    assert not any(d["foundation"] for d in data["dimensions"][:-1])
    assert data["subject"]["bank_type"] == "city-commercial"


def test_score_json_of_a_staged_model_is_gated_too(runner: CliRunner) -> None:
    result = run(runner, "score", GATED_ANSWERS, "--model", "staged", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["overall"]["level"], data["overall"]["capped_by"]) == (1, ["continuity"])


def test_score_table_says_what_caps_the_level(runner: CliRunner) -> None:
    result = run(runner, "score", GATED_ANSWERS)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "level 1, capped by Business continuity" in flat
    assert "gate" in result.stdout
    zh = run(runner, "score", GATED_ANSWERS, "--lang", "zh")
    assert "受业务连续性所限" in "".join(zh.stdout.split())


def test_no_cap_no_words(runner: CliRunner) -> None:
    result = run(runner, "score", DATA / "answers" / "tiny-full.yaml")
    assert result.exit_code == 0 and "capped" not in result.stdout


def test_schemas_cover_foundation_bank_types_and_replaces(runner: CliRunner) -> None:
    questionnaire = json.loads(run(runner, "schema", "questionnaire").stdout)
    assert "foundation" in questionnaire["properties"]
    defs = questionnaire["$defs"]
    assert "replaces" in defs["LevelQuestion"]["properties"]
    assert "replaces" in defs["Capability"]["properties"]
    assert "bank_type" in defs["Profile"]["properties"]
    answers = json.loads(run(runner, "schema", "answers").stdout)
    kinds = json.dumps(answers["$defs"]["Subject"]["properties"]["bank_type"])
    for kind in ("state-owned", "joint-stock", "city-commercial", "rural", "private"):
        assert kind in kinds


def test_an_unknown_bank_type_is_located(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    text = GATED_ANSWERS.read_text("utf-8").replace("city-commercial", "credit-union")
    bad.write_text(text, "utf-8")
    result = run(runner, "validate", bad)
    assert result.exit_code == 2, result.output
    assert f"{bad}:3:49: subject.bank_type" in result.output and "bank_type" in result.output


def test_a_replaced_id_still_in_use_or_replaced_twice_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = (GOOD / "tiny-gated.yaml").read_text("utf-8")
    bad = tmp_path / "q.yaml"
    bad.write_text(
        src.replace("replaces: [g-choice]", "replaces: [g-level, old]").replace(
            "          - id: a-number\n", "          - id: a-number\n            replaces: [old]\n"
        ),
        "utf-8",
    )
    result = run(runner, "validate", bad)
    assert result.exit_code == 2, result.output
    assert "'g-level' is still an id in this version" in result.output
    assert "'old' is already replaced by 'g-owner'" in result.output


def test_compare_maps_renamed_ids_and_lists_added_and_dropped(runner: CliRunner) -> None:
    result = run(runner, "compare", OLD_ANSWERS, GATED_ANSWERS, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["old"], data["new"]) == ("tiny@1.0", "tiny@2.1")
    assert data["renamed"] == {"g-choice": "g-owner"}
    answers = {a["id"]: a for a in data["answers"]}
    assert answers["g-owner"] == {"id": "g-owner", "old": "partial", "new": "full",
                                  "old_id": "g-choice"}  # fmt: skip
    assert data["dropped"] == []
    assert data["added"] == ["foundation", "continuity", "security", "f-drill", "f-grading"]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["governance"]["old"] == 3.0 and nodes["governance"]["new"] == 5.0
    text = run(runner, "compare", OLD_ANSWERS, GATED_ANSWERS)
    assert "g-choice → g-owner" in text.stdout and "(was g-choice)" in text.stdout


def test_batch_caps_the_overall_level_column_too(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "acme.yaml").write_text(GATED_ANSWERS.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    result = run(runner, "batch", folder, "-q", "tiny@2.1", "-o", out)
    assert result.exit_code == 0, result.output
    lines = (out / "scores.csv").read_text("utf-8-sig").splitlines()
    row = dict(zip(next(csv.reader([lines[0]])), next(csv.reader([lines[1]])), strict=True))
    assert (row["overall"], row["overall_level"]) == ("5.0000", "1")
    assert (row["continuity_level"], row["foundation_level"]) == ("1", "3")


def test_reports_say_what_caps_the_level(runner: CliRunner) -> None:
    en = run(runner, "report", GATED_ANSWERS, "-f", "md", "-o", "-")
    assert en.exit_code == 0, en.output
    assert "Maturity level 1 (Initial), capped by Business continuity" in en.stdout
    # one scale, the levels: the cap and what the score alone would give are said
    assert (
        "The level is capped by Business continuity (the score alone would give level 5)"
        in en.stdout
    )
    assert "Every assessed capability of the scored dimensions meets its target" in en.stdout
    assert "maturity band" not in en.stdout.lower()
    zh = run(runner, "report", GATED_ANSWERS, "-f", "md", "-o", "-", "--lang", "zh")
    assert "受业务连续性所限" in zh.stdout
    html = run(runner, "report", GATED_ANSWERS, "-f", "html", "-o", "-")
    assert "capped by Business continuity" in html.stdout
