"""questionnaires, show, validate and schema, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from capassess import __version__
from capassess.cli import main
from tests.conftest import DATA, ROOT, TINY

SHIPPED = sorted((ROOT / "questionnaires").glob("*.yaml"))


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_shows_examples(runner: CliRunner) -> None:
    for args in (["--help"], ["show", "--help"], ["validate", "--help"], ["schema", "--help"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0
        assert "Example" in result.output


def test_two_questionnaires_are_shipped() -> None:
    assert {p.stem for p in SHIPPED} >= {"bank-fintech", "branch-fintech"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_questionnaire_is_valid_without_warnings(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert f"ok {path}" in result.stdout


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_schema_validates_shipped_questionnaire(runner: CliRunner, path: Path) -> None:
    schema = json.loads(runner.invoke(main, ["schema", "questionnaire"]).stdout)
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_schema_rejects_an_unknown_field(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(main, ["schema", "questionnaire"]).stdout)
    data = YAML(typ="safe", pure=True).load(TINY.read_text(encoding="utf-8"))
    data["colour"] = "blue"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize("kind", ["questionnaire", "answers", "target", "matrix"])
def test_every_schema_is_valid_json_schema(runner: CliRunner, kind: str) -> None:
    result = runner.invoke(main, ["schema", kind])
    assert result.exit_code == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_questionnaires_lists_shipped_and_user_folders(runner: CliRunner, monkeypatch) -> None:
    monkeypatch.delenv("CAPASSESS_QUESTIONNAIRES", raising=False)
    result = runner.invoke(
        main, ["--questionnaire-dir", str(TINY.parent), "questionnaires", "--format", "json"]
    )
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["tiny"]["questions"] == 6
    assert rows["bank-fintech"]["source"] == "shipped"
    assert rows["bank-fintech"]["questions"] >= 50


def test_user_folder_from_environment(runner: CliRunner, monkeypatch) -> None:
    monkeypatch.setenv("CAPASSESS_QUESTIONNAIRES", str(TINY.parent))
    result = runner.invoke(main, ["show", "tiny", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "tiny"


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_formats(runner: CliRunner, fmt: str, lang: str) -> None:
    result = runner.invoke(main, ["show", str(TINY), "--format", fmt, "--lang", lang])
    assert result.exit_code == 0, result.output
    title = "Tiny model" if lang == "en" or fmt == "json" else "微型模型"
    assert title in result.stdout
    if fmt == "md":  # the question type in the language asked for
        assert (
            "| `g-level` | level |" if lang == "en" else "| `g-level` | 等级 |"
        ) in result.stdout


def test_show_unknown_questionnaire(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", "no-such-model"])
    assert result.exit_code == 2
    assert "questionnaire 'no-such-model' not found" in result.stderr
    assert "bank-fintech@" in result.stderr


def test_validate_many_files_reports_each(runner: CliRunner) -> None:
    bad = DATA / "bad" / "questionnaire" / "empty.yaml"
    result = runner.invoke(main, ["validate", str(TINY), str(bad)])
    assert result.exit_code == 2
    assert f"ok {TINY}" in result.stdout
    assert f"{bad}:1:1: the file is empty" in result.stderr


def test_missing_language_is_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(TINY.read_text(encoding="utf-8").replace(", zh: 微型模型", ""), "utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert f"{path}:4:1: title: warning: no 'zh' text" in result.stderr


def test_validate_missing_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "nowhere.yaml"])
    assert result.exit_code == 2
    assert "nowhere.yaml: no such file" in result.stderr
