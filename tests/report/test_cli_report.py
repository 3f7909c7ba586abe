"""`capassess report` and `capassess demo` through the CLI; atomic output files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.atomic import write_atomic
from capassess.cli import main
from capassess.demo import DemoInput, next_commands, run_demo
from capassess.errors import OutputError
from capassess.report.render import REPORT_SCHEMA_VERSION
from tests.report.helpers import TINY, example_bank, parse_html


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, TINY.cli("report", str(TINY.answers), *args))


def test_json_is_the_plan_json_with_a_report_schema_version(runner: CliRunner) -> None:
    result = run(runner, "-f", "json", "-o", "-", "--baseline", str(TINY.baseline))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["report_schema_version"] == REPORT_SCHEMA_VERSION
    assert data["schema_version"] == 1 and data["tool"]["name"] == "capassess"
    assert {"overall", "dimensions", "gaps", "roadmap", "baseline"} <= set(data)
    assert data["overall"]["score"] == pytest.approx(2.375)


def test_writes_the_file_and_says_where_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "er" / "acme.html"
    result = run(runner, "-f", "html", "-o", str(out), "--title", "Board pack")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"wrote {out}" in result.stderr
    root = parse_html(out.read_text(encoding="utf-8"))
    assert (root.find(".//title").text or "").startswith("Board pack")
    assert sorted(p.name for p in out.parent.iterdir()) == ["acme.html"]


def test_target_level_and_model_reach_the_report(runner: CliRunner) -> None:
    result = run(runner, "-f", "md", "-o", "-", "--target-level", "5", "--model", "staged")
    assert result.exit_code == 0, result.output
    assert "one level for all: 5" in result.stdout and "`staged`" in result.stdout


def test_unwritable_output_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run(runner, "-f", "md", "-o", str(folder))
    assert result.exit_code == 2 and "cannot write" in result.output
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(runner, "-o", str(blocker / "report.html"))
    assert result.exit_code == 2 and "cannot write" in result.output


def test_bad_answers_are_exit_2_with_location(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: tiny@1.0\nsubject: {id: x}\nanswers:\n  g-level: 9\n")
    result = runner.invoke(main, TINY.cli("report", str(bad), "-o", "-"))
    assert result.exit_code == 2
    assert f"{bad}:4" in result.output


def test_write_atomic_replaces_whole_files_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    write_atomic(target, "first\n")
    os.chmod(target, 0o640)
    write_atomic(target, "second 二\n")
    assert target.read_text(encoding="utf-8") == "second 二\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
    with pytest.raises(OutputError):
        write_atomic(tmp_path, "into a folder")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_demo_steps_write_both_languages(tmp_path: Path) -> None:
    demo = DemoInput(TINY.answers, TINY.baseline, TINY.dirs)
    written = run_demo(demo, tmp_path / "demo")
    names = sorted(p.relative_to(tmp_path / "demo").as_posix() for p in written)
    # The bank's reports, then the bundled branches' portfolio.
    assert names == [
        "branches/portfolio.html",
        "branches/portfolio.md",
        "branches/rejected.csv",
        "branches/scores.csv",
        "branches/scores.xlsx",
        "branches/summary.json",
        "examples/tiny-answers-old.yaml",
        "examples/tiny-answers.yaml",
        "report.en.html",
        "report.en.md",
        "report.en.pptx",
        "report.json",
        "report.zh.html",
        "report.zh.md",
        "report.zh.pptx",
    ]
    assert all(p.stat().st_size > 1000 for p in written if p.name.startswith("report"))
    assert "执行摘要" in (tmp_path / "demo" / "report.zh.html").read_text(encoding="utf-8")
    commands = next_commands(demo, written, tmp_path / "demo")
    assert any(c.startswith("capassess compare") for c in commands)
    copy = tmp_path / "demo" / "examples" / "tiny-answers.yaml"
    assert copy.read_bytes() == TINY.answers.read_bytes()
    assert f"capassess score {copy}" in commands
    from pptx import Presentation

    assert len(Presentation(str(tmp_path / "demo" / "report.zh.pptx")).slides) >= 10


def test_demo_again_keeps_an_edited_copy_of_the_example(tmp_path: Path) -> None:
    """The demo's copy of the example is where a consultant starts an own assessment: a
    second demo into the same folder must not overwrite the edits."""
    demo = DemoInput(TINY.answers, TINY.baseline, TINY.dirs)
    run_demo(demo, tmp_path / "demo")
    copy = tmp_path / "demo" / "examples" / "tiny-answers.yaml"
    edited = copy.read_text(encoding="utf-8") + "# my notes\n"
    copy.write_text(edited, encoding="utf-8")
    written = run_demo(demo, tmp_path / "demo")
    assert copy.read_text(encoding="utf-8") == edited
    assert copy not in written
    assert f"capassess score {copy}" in next_commands(demo, written, tmp_path / "demo")


@pytest.mark.skipif(example_bank() is None, reason="the bundled example bank is not installed")
def test_demo_command_on_the_bundled_example(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(main, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "report.zh.html" in result.stdout and "Next, try:" in result.stdout
    assert {p.name for p in out.iterdir()} >= {"report.en.html", "report.zh.md", "report.json"}
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["questionnaire"]["id"] == "bank-fintech"


@pytest.mark.parametrize(
    ("name", "fmt", "starts"),
    [
        ("r.md", None, b"# "),
        ("r.MARKDOWN", None, b"# "),
        ("r.json", None, b"{"),
        ("r.htm", None, b"<!DOCTYPE html>"),
        ("report", None, b"<!DOCTYPE html>"),  # no suffix: the default, html
        ("r.md", "md", b"# "),
        ("r.pptx", None, b"PK"),
    ],
)
def test_the_format_follows_the_output_suffix(
    runner: CliRunner, tmp_path: Path, name: str, fmt: str | None, starts: bytes
) -> None:
    out = tmp_path / name
    result = run(runner, "-o", str(out), *(["-f", fmt] if fmt else []))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().lstrip().startswith(starts)


@pytest.mark.parametrize(
    ("name", "fmt", "said"),
    [
        ("r.pdf", "md", "names a pdf file, but -f is md"),
        ("r.html", "json", "names a html file, but -f is json"),
        ("r.docx", None, "cannot tell the format"),
        ("r.txt", None, "cannot tell the format"),
    ],
)
def test_a_suffix_that_contradicts_the_format_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, name: str, fmt: str | None, said: str
) -> None:
    """A file named .pdf holding HTML is no use: refused with exit 2, nothing written."""
    out = tmp_path / name
    result = run(runner, "-o", str(out), *(["-f", fmt] if fmt else []))
    assert result.exit_code == 2
    assert said in result.output
    assert not out.exists()
