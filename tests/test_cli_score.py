"""capassess score and capassess weights ahp, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from capassess.cli import main
from tests.conftest import DATA, TINY

GOOD = DATA / "good"
ANSWERS = DATA / "answers"
BAD = DATA / "bad" / "answers"  # every file there: tests/test_bad_corpus.py
MATRICES = DATA / "matrices"


def run(runner: CliRunner, *args: str | Path) -> Result:
    """Run capassess with the tiny questionnaire's folder on the search path."""
    return runner.invoke(main, ["--questionnaire-dir", str(GOOD), *map(str, args)])


def test_score_table(runner: CliRunner) -> None:
    result = run(runner, "score", ANSWERS / "tiny-full.yaml")
    assert result.exit_code == 0, result.output
    # overall 3.625 (tests/scoring/test_engine.py), printed with 2 decimals
    assert "overall 3.62" in result.stdout or "overall 3.63" in result.stdout
    for line in ("Governance", "3.00", "3 Robust", "Analytics", "4.00", "4 Quantitativ"):
        assert line in result.stdout
    assert result.stderr == ""


def test_score_table_in_chinese(runner: CliRunner) -> None:
    result = run(runner, "score", ANSWERS / "tiny-full.yaml", "--lang", "zh")
    assert result.exit_code == 0
    assert "治理" in result.stdout and "稳健级" in result.stdout
    for heading in ("总分 3.6", "（3级）", "维度 / 能力", "得分", "等级", "权重"):
        assert heading in result.stdout
    for english in ("overall", "Dimension", "Score", "Level", "Weight"):
        assert english not in result.stdout


def test_score_json_shape(runner: CliRunner) -> None:
    result = run(runner, "score", ANSWERS / "tiny-full.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["tool"]["version"]
    assert (data["questionnaire"]["id"], data["questionnaire"]["version"]) == ("tiny", "1.0")
    assert data["subject"]["id"] == "acme"
    assert data["model"] == "weighted-mean"
    assert data["overall"] == {"score": 3.625, "level": 3, "capped_by": [], "uncapped_level": 3,
                               "unconfirmed_by": [],
                               "level_name": {"en": "Robust", "zh": "稳健级"}}  # fmt: skip
    dim = data["dimensions"][0]
    assert {"id", "score", "level", "weight", "capabilities"} <= dim.keys()
    assert (dim["id"], dim["score"], dim["weight"]) == ("data", 3.5, 0.75)
    cap = dim["capabilities"][1]
    assert (cap["id"], cap["score"], cap["level"], cap["weight"]) == ("analytics", 4.0, 4, 0.5)
    assert (cap["answered"], cap["not_applicable"], cap["missing"]) == (3, 0, 0)
    assert cap["global_weight"] == 0.375
    assert data["questions"] == {"missing": [], "not_applicable": [], "skipped": []}


def test_score_json_null_for_na_and_lists_missing(runner: CliRunner) -> None:
    result = run(runner, "score", ANSWERS / "tiny-partial.yaml", "--format", "json",
                 "--missing", "exclude")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["missing_policy"] == "exclude"
    assert data["dimensions"][1]["score"] is None  # open: nothing answered, so n/a
    assert data["dimensions"][1]["level"] is None
    assert data["overall"]["score"] == 5.0  # only g-level 5 counts
    assert data["questions"]["missing"] == ["g-choice", "a-multi", "a-number", "o-api"]
    assert "unanswered questions (4), left out: g-choice" in result.stderr


@pytest.mark.parametrize(("lang", "not_assessed", "lowest"), [
    ("en", "not assessed", "1 Initial"), ("zh", "未评估", "1 初始级")])  # fmt: skip
def test_score_table_says_not_assessed_for_capabilities_nobody_answered(
    runner: CliRunner, lang: str, not_assessed: str, lowest: str
) -> None:
    """A capability (or dimension) without a single answer is "not assessed": no score,
    level or bar that would read as a weak bank (the policy's 1.00 is in the JSON and the
    notes), never "1.00" or "1 Initial"."""
    result = run(runner, "score", ANSWERS / "tiny-partial.yaml", "--lang", lang)
    assert result.exit_code == 0, result.output
    open_rows = [line for line in result.stdout.splitlines() if not_assessed in line]
    assert len(open_rows) == 3  # Analytics, Openness and Open API
    assert all(" — " in line and "1.00" not in line and "·" not in line for line in open_rows)
    assert lowest not in result.stdout
    assert " 1.00 " not in result.stdout


@pytest.mark.parametrize("policy", ["lowest", "exclude"])
def test_score_json_says_which_nodes_are_not_assessed(runner: CliRunner, policy: str) -> None:
    """``assessed`` is false for a node with no answered question (whatever score the
    policy gave it), true for one answered, or answered n/a throughout."""
    for name, blind in (("tiny-partial.yaml", {"analytics", "open", "api"}),
                        ("tiny-full.yaml", set())):  # fmt: skip
        result = run(runner, "score", ANSWERS / name, "--format", "json", "--missing", policy)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        nodes = [n for d in data["dimensions"] for n in (d, *d["capabilities"])]
        assert {n["id"] for n in nodes if not n["assessed"]} == blind, name
        for n in nodes:
            assert n["assessed"] == (n["answered"] > 0 or n["missing"] == 0)


def test_score_missing_lowest_by_default(runner: CliRunner) -> None:
    result = run(runner, "score", ANSWERS / "tiny-partial.yaml", "--format", "json")
    assert json.loads(result.stdout)["overall"]["score"] == pytest.approx(2.0)
    assert "counted as lowest" in result.stderr


def test_score_missing_error_lists_every_question_with_its_line(runner: CliRunner) -> None:
    path = ANSWERS / "tiny-partial.yaml"
    result = run(runner, "score", path, "--missing", "error")
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing scored is printed
    for qid in ("g-choice", "a-multi", "a-number", "o-api"):
        assert f"{path}:6:1: answers.{qid}: no answer" in result.stderr
    assert "a-bool" not in result.stderr  # not asked: its condition is false


def test_staged_model(runner: CliRunner) -> None:
    result = run(
        runner, "score", ANSWERS / "tiny-full.yaml", "--model", "staged", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert (data["model"], data["overall"]["score"]) == ("staged", 3.0)


@pytest.mark.parametrize(("threshold", "code"), [("3.62", 0), ("3.625", 0), ("3.63", 1)])
def test_fail_under(runner: CliRunner, threshold: str, code: int) -> None:
    result = run(runner, "score", ANSWERS / "tiny-full.yaml", "--fail-under", threshold)
    assert result.exit_code == code
    if code:
        assert f"overall score 3.62 is below {float(threshold):.2f}" in result.stderr
        assert "Governance" in result.stdout  # the scores are still printed


def test_questionnaire_override(runner: CliRunner) -> None:
    result = runner.invoke(main, ["score", str(ANSWERS / "tiny-full.yaml"), "-q", str(TINY)])
    assert result.exit_code == 0, result.output


def test_evidence_warning_does_not_fail(runner: CliRunner, tmp_path: Path) -> None:
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY.read_text(encoding="utf-8").replace(
        "- id: g-choice\n", "- id: g-choice\n            evidence: required\n"
    ), encoding="utf-8")  # fmt: skip
    result = runner.invoke(main, ["score", str(ANSWERS / "tiny-full.yaml"), "-q", str(q)])
    assert result.exit_code == 0, result.output
    assert "g-choice: warning: this question requires evidence" in result.stderr


def test_every_error_is_reported_at_once(runner: CliRunner) -> None:
    result = run(runner, "score", BAD / "several-errors.yaml")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[0].rsplit(":", 2)[1] for line in lines] == ["4", "5", "6", "7"]


def test_answers_file_that_does_not_exist(runner: CliRunner) -> None:
    result = run(runner, "score", "no-such-file.yaml")
    assert result.exit_code == 2
    assert "no-such-file.yaml: no such file" in result.stderr


def test_a_questionnaire_given_as_answers(runner: CliRunner) -> None:
    result = run(runner, "score", TINY)
    assert result.exit_code == 2
    assert "expected an answers file, but this is a questionnaire file" in result.stderr


def test_weights_ahp_table(runner: CliRunner) -> None:
    result = runner.invoke(main, ["weights", "ahp", str(MATRICES / "leader.yaml")])
    assert result.exit_code == 0, result.output
    for text in ("experience", "0.5476", "0.0559", "lambda_max = 4.1184", "CI = 0.0395",
                 "RI = 0.9000", "CR = 0.0439", "consistent"):  # fmt: skip
        assert text in result.stdout


def test_weights_ahp_json_with_another_ri_table(runner: CliRunner) -> None:
    path = MATRICES / "leader.yaml"
    result = runner.invoke(main, ["weights", "ahp", str(path), "--format", "json",
                                  "--ri", "alonso-lamata2006"])  # fmt: skip
    data = json.loads(result.stdout)
    assert data["ri"] == 0.8815
    assert data["cr"] == pytest.approx(0.039473 / 0.8815, abs=1e-6)
    assert data["weights"]["experience"] == pytest.approx(0.5476, abs=1e-4)
    assert data["consistent"] is True


def test_weights_ahp_inconsistent_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["weights", "ahp", str(MATRICES / "inconsistent.yaml")])
    assert result.exit_code == 1
    assert "CR = 0.1407 (>= 0.10): inconsistent" in result.stdout
    assert "consistency ratio CR = 0.1407 is not below 0.10" in result.stderr


def test_weights_ahp_accept_cr(runner: CliRunner) -> None:
    result = runner.invoke(main, ["weights", "ahp", str(MATRICES / "accepted.yaml")])
    assert result.exit_code == 0
    assert "CR = 0.1407 (< 0.15): consistent" in result.stdout


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("not-reciprocal.yaml", "2:1: matrix", "entries (1,2)=3 and (2,1)=3 are not reciprocal"),
        ("sixteen.yaml", "3:1: matrix", "AHP supports at most 15 items, got 16"),
    ],
)
def test_weights_ahp_invalid_files(runner: CliRunner, name: str, where: str, message: str) -> None:
    result = runner.invoke(main, ["weights", "ahp", str(MATRICES / name)])
    assert result.exit_code == 2
    assert f"{MATRICES / name}:{where}: {message}" in result.stderr


def test_help_has_examples(runner: CliRunner) -> None:
    for args in (["score", "--help"], ["weights", "--help"], ["weights", "ahp", "--help"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0
        assert "Example" in result.output


@pytest.mark.parametrize(
    "name", ["ACME [/] :thumbs_up: [bold]x", ":cn: Bank [red]", "Bank:smile:", "[/dim] :100:"]
)
def test_names_are_printed_as_written(runner: CliRunner, tmp_path: Path, name: str) -> None:
    """A bank's name is text, not markup: no emoji for ``:thumbs_up:``, no style taken
    from ``[bold]`` and no error from ``[/]``."""
    text = (ANSWERS / "tiny-full.yaml").read_text(encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(text.replace("name: Acme Bank", f"name: {json.dumps(name)}", 1))
    result = run(runner, "score", answers)
    assert result.exit_code == 0, result.output
    assert f"{name} · tiny@" in result.stdout
