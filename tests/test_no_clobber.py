"""No command replaces a user's file without --force.

Files the user goes on to edit (a collection sheet, a merged answers file) are never
written over; generated outputs (reports, benchmark packs, a batch's output set, the
demo's files) replace only an earlier output of capassess. Each refusal is exit 2, names
the file and --force, and leaves the file byte for byte as it was; --force replaces it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.batch.helpers import MINI
from tests.conftest import DATA, ROOT

GOOD = DATA / "good"
EXAMPLES = ROOT / "examples"
FILLED = "id,name,region,q1,q2\nB1,East branch,east,3,4\nB2,West branch,west,2,5\n"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """A user's answers file, the kind of data file a mistyped -o could destroy."""
    path = tmp_path / "mine.yaml"
    shutil.copy(GOOD / "tiny-answers-old.yaml", path)
    return path


def _kept(result, path: Path, before: bytes) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{path} already " in result.stderr
    assert "nothing was changed" in result.stderr
    assert "--force" in result.stderr
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def _run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--questionnaire-dir", str(GOOD), *args])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_keeps_a_filled_sheet(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    sheet = tmp_path / f"filled.{fmt}"
    sheet.write_text(FILLED, encoding="utf-8")
    before = sheet.read_bytes()
    args = ["template", "-q", str(MINI), "-f", fmt, "-o", str(sheet)]
    _kept(runner.invoke(main, args), sheet, before)
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert sheet.read_bytes() != before


def test_template_to_a_new_file_needs_no_force(runner: CliRunner, tmp_path: Path) -> None:
    sheet = tmp_path / "new.csv"
    result = runner.invoke(main, ["template", "-q", str(MINI), "-o", str(sheet)])
    assert result.exit_code == 0, result.output
    assert sheet.read_text(encoding="utf-8-sig").startswith("id,")


def test_merge_keeps_an_existing_answers_file(
    runner: CliRunner, tmp_path: Path, answers: Path
) -> None:
    source = tmp_path / "a.yaml"
    shutil.copy(GOOD / "tiny-answers.yaml", source)
    before = answers.read_bytes()
    _kept(_run(runner, "merge", str(source), "-o", str(answers)), answers, before)
    forced = _run(runner, "merge", str(source), "-o", str(answers), "--force")
    assert forced.exit_code == 0, forced.output
    assert answers.read_bytes() != before


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_keeps_a_file_that_is_no_report(
    runner: CliRunner, tmp_path: Path, answers: Path, fmt: str
) -> None:
    """An answers file given as -o (whatever -f says) is kept; an earlier report is not."""
    source = tmp_path / "a.yaml"
    shutil.copy(GOOD / "tiny-answers.yaml", source)
    before = answers.read_bytes()
    _kept(_run(runner, "report", str(source), "-f", fmt, "-o", str(answers)), answers, before)
    out = tmp_path / f"r.{fmt}"
    for _ in range(2):  # the second run replaces the first run's report
        result = _run(runner, "report", str(source), "-o", str(out))
        assert result.exit_code == 0, result.output
    forced = _run(runner, "report", str(source), "-f", fmt, "-o", str(answers), "--force")
    assert forced.exit_code == 0, forced.output


@pytest.mark.parametrize("suffix", ["md", "html", "json", "pdf", "pptx"])
def test_report_keeps_other_files_of_the_suffix(
    runner: CliRunner, tmp_path: Path, suffix: str
) -> None:
    """A user's own notes.md or a file that only carries the suffix is not a report."""
    source = tmp_path / "a.yaml"
    shutil.copy(GOOD / "tiny-answers.yaml", source)
    notes = tmp_path / f"notes.{suffix}"
    notes.write_text("# Meeting notes\n\nquestionnaire: not ours\n", encoding="utf-8")
    before = notes.read_bytes()
    _kept(_run(runner, "report", str(source), "-o", str(notes)), notes, before)


def test_report_to_standard_output_is_never_refused(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    shutil.copy(GOOD / "tiny-answers.yaml", source)
    result = _run(runner, "report", str(source), "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("#")


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/dev/null"])
def test_descriptors_and_devices_are_written_as_a_shell_would(name: str) -> None:
    """A shell's `> file` behind /dev/stdout is the user's choice: never refused."""
    from capassess.overwrite import refuse_existing, refuse_foreign

    refuse_existing(name, force=False, what="a collection sheet")
    refuse_foreign(name, "md", force=False)


def test_benchmark_build_keeps_a_file_that_is_no_pack(
    runner: CliRunner, tmp_path: Path, answers: Path
) -> None:
    before = answers.read_bytes()
    peers = str(EXAMPLES / "peers")
    _kept(runner.invoke(main, ["benchmark", "build", peers, "-o", str(answers)]), answers, before)
    pack = tmp_path / "peers.yaml"
    for _ in range(2):  # an earlier pack is replaced
        result = runner.invoke(main, ["benchmark", "build", peers, "-o", str(pack)])
        assert result.exit_code == 0, result.output


def test_batch_keeps_files_of_the_output_names_it_did_not_write(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(FILLED, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "scores.csv"
    mine.write_text("my own table\n", encoding="utf-8")
    before = mine.read_bytes()
    args = ["batch", str(source), "-q", str(MINI), "-o", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"{out} already holds scores.csv" in result.stderr and "--force" in result.stderr
    assert mine.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["scores.csv"]
    again = tmp_path / "again"
    for _ in range(2):  # an earlier run's set is replaced as a whole
        result = runner.invoke(main, ["batch", str(source), "-q", str(MINI), "-o", str(again)])
        assert result.exit_code == 0, result.output
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert mine.read_bytes() != before


def test_demo_keeps_files_it_did_not_write(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    out.mkdir()
    mine = out / "report.en.md"
    mine.write_text("# my own report\n", encoding="utf-8")
    before = mine.read_bytes()
    _kept(runner.invoke(main, ["demo", "-o", str(out)]), mine, before)
    assert sorted(p.name for p in out.iterdir()) == ["report.en.md"]


def test_a_folder_another_batch_is_writing_is_left_to_its_lock(tmp_path: Path) -> None:
    """While another run holds the folder (putting its set in place, so that scores.csv may
    be there before its summary.json), the foreign-file check stands aside: the lock
    refuses the second run with "in use by another capassess batch", not as a stranger's
    files."""
    import fcntl
    import os

    from capassess.errors import OutputError
    from capassess.overwrite import refuse_foreign_set

    out = tmp_path / "out"
    out.mkdir()
    (out / "scores.csv").write_text("id\n")
    with pytest.raises(OutputError, match="not written by a capassess batch"):
        refuse_foreign_set(out, ["scores.csv"], force=False)
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        refuse_foreign_set(out, ["scores.csv"], force=False)  # no error while it is held
    finally:
        os.close(fd)
    with pytest.raises(OutputError):
        refuse_foreign_set(out, ["scores.csv"], force=False)
