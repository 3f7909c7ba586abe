"""Every command that writes a file creates the folders its output needs and says so in
its summary line, naming the top-most folder it created; writing into a folder that
exists says nothing of the kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.atomic import made_for, make_folder
from capassess.cli import main
from tests.batch.helpers import MINI, write_csv
from tests.conftest import DATA

GOOD = DATA / "good"
ANSWERS = DATA / "answers" / "tiny-full.yaml"
FULL = ["g-level=3", "g-choice=partial", "a-multi=bi,ml", "a-number=12", "a-bool=y", "o-api=25"]


def _inputs(tmp: Path) -> dict[str, str]:
    rows = [["id", "name", "q1", "q2"], ["A", "A", "3", "4"], ["B", "B", "2", "5"]]
    shutil.copy(ANSWERS, tmp / "one.yaml")
    shutil.copy(ANSWERS, tmp / "two.yaml")
    return {"csv": str(write_csv(tmp / "in.csv", rows)), "answers": str(ANSWERS)}


# command arguments (OUT is the output), the file that must exist, the summary's words
COMMANDS = {
    "report html": (["report", "{answers}", "-o", "OUT/r.html"], "OUT/r.html", "wrote"),
    "report md": (["report", "{answers}", "-f", "md", "-o", "OUT/r.md"], "OUT/r.md", "wrote"),
    "report json": (["report", "{answers}", "-o", "OUT/r.json"], "OUT/r.json", "wrote"),
    "report pptx": (["report", "{answers}", "-o", "OUT/r.pptx"], "OUT/r.pptx", "wrote"),
    "template csv": (["template", "-q", "tiny", "-f", "csv", "-o", "OUT/t.csv"], "OUT/t.csv",
                     "wrote"),
    "template xlsx": (["template", "-q", "tiny", "-o", "OUT/t.xlsx"], "OUT/t.xlsx", "wrote"),
    "batch": (["batch", "{csv}", "-q", str(MINI), "-o", "OUT"], "OUT/summary.json",
              "created the output folder"),
    "merge": (["merge", "one.yaml", "two.yaml", "-o", "OUT/m.yaml"], "OUT/m.yaml", "merged"),
    "benchmark build": (["benchmark", "build", "{csv}", "-q", str(MINI), "--min-group", "2",
                         "-o", "OUT/p.yaml"], "OUT/p.yaml", "wrote"),
    "assess": (["assess", "-q", "tiny", "-o", "OUT/a.yaml", "--subject-id", "x",
                *[a for d in FULL for a in ("--data", d)]], "OUT/a.yaml", "Answers saved"),
}  # fmt: skip


def _run(tmp: Path, name: str, out: str) -> tuple[int, str, Path]:
    args, made, _ = COMMANDS[name]
    fields = _inputs(tmp)
    argv = [a.format(**fields).replace("OUT", out) for a in args]
    result = CliRunner().invoke(main, ["--questionnaire-dir", str(GOOD), *argv])
    return result.exit_code, result.output, tmp / made.replace("OUT", out)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_missing_folder_is_created_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output, made = _run(tmp_path, name, "new/deeper")
    assert code == 0, output
    assert made.is_file()
    line = next(x for x in output.splitlines() if COMMANDS[name][2] in x)
    if name == "batch":
        assert line.strip() == "created the output folder new"
    else:
        assert "(created the folder new)" in line, line


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_existing_folder_is_not_said_to_be_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "there" / "x").mkdir(parents=True)
    code, output, made = _run(tmp_path, name, "there/x")
    assert code == 0, output
    assert made.is_file()
    assert "created the" not in output


def test_the_next_command_into_the_folder_a_command_created_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(main, ["--questionnaire-dir", str(GOOD), "report", str(ANSWERS),
                                      "-o", "made/r.html"])  # fmt: skip
    assert "(created the folder made)" in first.output
    again = CliRunner().invoke(main, ["--questionnaire-dir", str(GOOD), "report", str(ANSWERS),
                                      "-o", "made/r.md"])  # fmt: skip
    assert again.exit_code == 0 and "created" not in again.output


def test_demo_says_it_created_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["demo", "-o", "fresh/demo"])
    assert result.exit_code == 0, result.output
    assert "files (created the folder fresh):" in result.output


def test_the_top_most_new_folder_is_remembered(tmp_path: Path) -> None:
    make_folder(tmp_path / "a" / "b" / "c")
    assert made_for(tmp_path / "a" / "b" / "c" / "file") == tmp_path / "a"
    assert made_for(tmp_path / "elsewhere") is None
    make_folder(tmp_path / "a" / "b")  # exists: nothing new
    assert made_for(tmp_path / "a" / "b") == tmp_path / "a"


@pytest.mark.parametrize("level", [0, 1], ids=["the folder", "its parent"])
def test_a_folder_another_process_makes_meanwhile_is_not_ours_to_take_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, level: int
) -> None:
    """Two runs into one new folder: both see it missing, the other makes it first. This
    run must not remember it as its own, so that failing it does not remove the folder
    the other run is writing into (it did: the other run's outputs then had no folder)."""
    import os

    from capassess import atomic

    target = tmp_path / "new" / "out"
    theirs = (target, target.parent)[level]
    real_mkdir = os.mkdir

    def beaten(path: object, *args: object) -> None:
        if Path(str(path)) == theirs and not theirs.exists():
            real_mkdir(theirs)  # the other process is first
        real_mkdir(path, *args)  # type: ignore[arg-type]

    atomic.forget_made_folders()
    monkeypatch.setattr(atomic.os, "mkdir", beaten)
    make_folder(target)
    assert target.is_dir()
    mine = (tmp_path / "new", target)[level]  # the top-most folder this process made
    assert made_for(target / "file") == mine
    atomic.remove_empty_made_folders()
    assert theirs.is_dir()
    assert mine.exists() == (mine == theirs.parent)  # mine goes unless theirs is in it


def test_a_command_that_fails_leaves_no_empty_folder_it_made(tmp_path: Path) -> None:
    """A bad input found after the output folder was made: the folder goes again; one that
    existed before stays, and so does anything the user put there."""
    blank = write_csv(tmp_path / "blank.csv", [["id", "q1", "q2"]])
    result = CliRunner().invoke(
        main, ["batch", str(blank), "-o", str(tmp_path / "new" / "deep"), "-q", str(MINI)]
    )
    assert result.exit_code == 2
    assert "no unit to score" in result.output
    assert not (tmp_path / "new").exists()
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "mine.txt").write_text("mine")
    result = CliRunner().invoke(main, ["batch", str(blank), "-o", str(kept), "-q", str(MINI)])
    assert result.exit_code == 2 and (kept / "mine.txt").read_text() == "mine"


def test_a_run_refused_as_in_use_leaves_the_folder_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two batches into one new folder at once: this run made the folder, the other took
    its lock first. The refused run must not take the (still empty) folder back, or the
    other finds its output folder gone ('cannot write to the output folder ... No such
    file or directory')."""
    from capassess.batch import publish

    source = write_csv(tmp_path / "in.csv", [["id", "q1", "q2"], ["a", "3", "4"]])
    out = tmp_path / "new" / "out"
    monkeypatch.setattr(publish, "try_lock", lambda folder: None)  # the other run holds it
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-q", str(MINI)])
    assert result.exit_code == 2, result.output
    assert "is in use by another capassess batch" in result.output
    assert out.is_dir()  # the other run's folder, though this run's mkdir made it


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_blank_template_is_no_batch(tmp_path: Path, lang: str) -> None:
    template = tmp_path / "t.csv"
    made = CliRunner().invoke(main, ["template", "-q", str(MINI), "-f", "csv", "-o", str(template)])
    assert made.exit_code == 0, made.output
    result = CliRunner().invoke(main, ["batch", str(template), "-o", str(tmp_path / "o"),
                                       "-q", str(MINI), "--lang", lang])  # fmt: skip
    assert result.exit_code == 2
    assert ("no unit to score" if lang == "en" else "没有可评分的单位") in result.output
    assert not (tmp_path / "o").exists()
