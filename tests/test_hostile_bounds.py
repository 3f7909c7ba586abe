"""Hostile inputs run in a child process under a memory limit and a timeout.

One row per input: how to make it, the command line, the exit code, the message and the
file it must name. Every run must end within its time (no hang), within 1 GiB of address
space (no runaway read or allocation), without a traceback, with every input file as it
was and no output left behind. The classes: reads that must be bounded (devices,
FIFOs), limits that must bound time (huge YAML files, duplicate ids), templates that must
be bounded, numbers that must be finite, and standard output that cannot be written.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.batch.helpers import MINI
from tests.conftest import DATA
from tests.hostile_run import Ran, assert_clean_refusal, run_bounded, snapshot

GOOD = DATA / "good"
TINY_ANSWERS = (GOOD / "tiny-answers.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """A hostile input: ``make`` writes it into the folder and returns the arguments."""

    name: str
    make: Callable[[Path], list[str]]
    code: int
    fragment: str
    where: str | None = None  # the file the message must name (relative to the folder)
    seconds: float = 30.0
    env: dict[str, str] = field(default_factory=dict)


def _tiny_dir(folder: Path) -> list[str]:
    return ["--questionnaire-dir", str(GOOD)]


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def _answers(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("questionnaire: tiny\nsubject: {id: x}\nanswers:\n" + body, encoding="utf-8")
    return path


def _many_keys(folder: Path) -> list[str]:
    """A plain 3.8 MB answers file of 300,000 keys: refused while libyaml reads it."""
    _answers(folder, "many.yaml", "".join(f"  k{i}: 1\n" for i in range(300_000)))
    return [*_tiny_dir(folder), "validate", "many.yaml"]


def _anchored(folder: Path) -> list[str]:
    """1.7 MB with anchors: the slow careful parser is not made to read it."""
    _answers(folder, "anchored.yaml", "".join(f"  k{i}: &a{i} 1\n" for i in range(90_000)))
    return [*_tiny_dir(folder), "validate", "anchored.yaml"]


def _many_errors(folder: Path) -> list[str]:
    """90,000 unknown question ids: the first 200 are located, the rest counted."""
    _answers(folder, "wrong.yaml", "".join(f"  k{i}: 1\n" for i in range(90_000)))
    return [*_tiny_dir(folder), "validate", "wrong.yaml"]


def _late_syntax_error(folder: Path) -> list[str]:
    body = "".join(f"  k{i}: 1\n" for i in range(90_000)) + "  last: [unclosed\n"
    _answers(folder, "late.yaml", body)
    return [*_tiny_dir(folder), "validate", "late.yaml"]


def _duplicates(folder: Path) -> list[str]:
    """20,000 rows with one unit id: linear, not quadratic, in the copies."""
    rows = "".join("X,3,4\n" for _ in range(20_000))
    (folder / "dups.csv").write_text("id,q1,q2\n" + rows, encoding="utf-8")
    return ["batch", "dups.csv", "-o", "out", "-q", str(MINI)]


def _long_header(folder: Path) -> list[str]:
    columns = ",".join(f"column{i}" for i in range(40_000))
    (folder / "wide.csv").write_text(f"id,{columns},q1,q2\nA,{',' * 40_000}3,4\n", "utf-8")
    return ["batch", "wide.csv", "-o", "out", "-q", str(MINI)]


def _template_dir(folder: Path, text: str) -> list[str]:
    templates = folder / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text(text, encoding="utf-8")
    return [
        *_tiny_dir(folder),
        "report",
        str(GOOD / "tiny-answers.yaml"),
        "-f",
        "md",
        "-o",
        "out.md",
        "--template-dir",
        "templates",
    ]


def _fifo_template(folder: Path) -> list[str]:
    args = _template_dir(folder, '{% include "part.md.j2" %}')
    _fifo(folder, "templates/part.md.j2")
    return args


def _fifo_in_folder(folder: Path) -> list[str]:
    (folder / "q").mkdir()
    (folder / "q" / "tiny.yaml").write_bytes((GOOD / "tiny.yaml").read_bytes())
    _fifo(folder, "q/stray.yaml")
    return ["--questionnaire-dir", "q", "show", "nothere"]


def _huge_evidence(folder: Path) -> list[str]:
    """5 MB of evidence: valid, but too large to edit with the round-trip parser."""
    text = TINY_ANSWERS.replace('"Org chart 2026"', '"' + "word " * 1_000_000 + '"')
    (folder / "big.yaml").write_text(text, encoding="utf-8")
    return [*_tiny_dir(folder), "assess", "-o", "big.yaml", "--resume", "--subject-id", "x"]


def _long_subject(folder: Path) -> list[str]:
    (folder / "data.yaml").write_text(TINY_ANSWERS, encoding="utf-8")
    return [
        *_tiny_dir(folder),
        "assess",
        "-q",
        "tiny",
        "-o",
        "new.yaml",
        "--subject-id",
        "x" * 300,
        "--data-file",
        "data.yaml",
    ]


CASES = [
    Case("dev-zero", lambda f: ["validate", "/dev/zero"], 2, "is a device, not a regular", "/dev/"),
    Case(
        "fifo-yaml",
        lambda f: [*_tiny_dir(f), "score", str(_fifo(f, "a.yaml"))],
        2,
        "this is a FIFO (named pipe), not a regular file",
        "a.yaml",
    ),
    Case(
        "fifo-csv",
        lambda f: ["batch", str(_fifo(f, "in.csv")), "-o", "out", "-q", str(MINI)],
        2,
        "this is a FIFO (named pipe), not a regular file",
        "in.csv",
    ),
    Case("fifo-template", _fifo_template, 2, "this is a FIFO", "part.md.j2"),
    Case("fifo-in-questionnaire-folder", _fifo_in_folder, 2, "questionnaire 'nothere' not found"),
    Case("300k-keys", _many_keys, 2, "the document holds more than 200,000 values", "many.yaml:"),
    Case(
        "anchors-in-a-large-file",
        _anchored,
        2,
        "such files are read only up to 512 KiB",
        "anchored.yaml",
    ),
    Case("90k-errors", _many_errors, 2, "more problems not shown", "wrong.yaml:"),
    Case("late-syntax-error", _late_syntax_error, 2, "YAML error:", "late.yaml:90005:1:"),
    Case("20k-duplicate-ids", _duplicates, 1, "rows rejected: 20,000;"),
    Case(
        "header-over-256-KiB",
        _long_header,
        2,
        "the header row is longer than 256 KiB",
        "wide.csv:1:",
    ),
    Case(
        "template-loops-over-text",
        lambda f: _template_dir(
            f, '{% set s = "x" * 1000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}'
        ),
        2,
        "the template ran longer than 10 seconds",
        "report.md.j2",
    ),
    Case(
        "template-str-format-width",
        lambda f: _template_dir(f, '{{ "{:>1500000000}".format(1) }}'),
        2,
        "a format width or precision in the template is too large",
        "report.md.j2:1:",
    ),
    Case(
        "answers-too-large-to-edit",
        _huge_evidence,
        2,
        "the file is too large to edit (over 2 MiB)",
        "big.yaml",
        seconds=15,
    ),
    Case(
        "fail-under-nan",
        lambda f: [*_tiny_dir(f), "score", str(GOOD / "tiny-answers.yaml"), "--fail-under", "nan"],
        2,
        "nan is not a finite number",
    ),
    Case(
        "subject-id-over-200",
        _long_subject,
        2,
        "--subject-id: String should have at most 200 characters",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_refused_within_bounds(case: Case, tmp_path: Path) -> None:
    args = case.make(tmp_path)
    before = snapshot(tmp_path)
    ran = run_bounded(args, cwd=tmp_path, env=case.env)
    assert_clean_refusal(ran, case.code, case.fragment, case.where)
    assert ran.seconds < case.seconds, ran.seconds
    after = snapshot(tmp_path)
    if case.code == 2:  # refused: nothing written, nothing changed
        assert after == before, sorted(set(after) ^ set(before))
    else:  # rows rejected: the inputs are as they were, the outputs a whole set
        assert {k: v for k, v in after.items() if k in before} == before
        outputs = sorted(p.name for p in (tmp_path / "out").iterdir())
        assert {"scores.csv", "rejected.csv", "summary.json"} <= set(outputs)


# Standard output that cannot be written: a full disk, a closed descriptor, a reader
# that went away. Each is a located error and exit 2, never a traceback or silence.
STDOUT_COMMANDS = [
    pytest.param(
        [*_tiny_dir(Path()), "score", str(GOOD / "tiny-answers.yaml"), "--format", "json"],
        id="score-json",
    ),
    pytest.param(
        [*_tiny_dir(Path()), "report", str(GOOD / "tiny-answers.yaml"), "-f", "md", "-o", "-"],
        id="report-to-stdout",
    ),
    pytest.param(["show", "bank-fintech", "--format", "md"], id="show-md"),
    pytest.param(["questionnaires"], id="questionnaires-table"),
    pytest.param(["--help"], id="help"),
]


def _closed_pipe() -> int:
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.mark.parametrize("args", STDOUT_COMMANDS)
@pytest.mark.parametrize("target", ["/dev/full", "closed", "broken-pipe"])
def test_unwritable_standard_output_is_an_error(args: list[str], target: str, tmp_path) -> None:
    if target == "/dev/full":
        with open("/dev/full", "wb") as full:
            ran = run_bounded(args, cwd=tmp_path, stdout=full)
    elif target == "broken-pipe":
        write = _closed_pipe()
        try:
            ran = run_bounded(args, cwd=tmp_path, stdout=write)
        finally:
            os.close(write)
    else:
        ran = _with_closed_stdout(args, tmp_path)
    assert_clean_refusal(ran, 2, "error: cannot write standard output", None)


def _with_closed_stdout(args: list[str], folder: Path) -> Ran:
    """Run with descriptor 1 closed, as ``>&-`` in a shell leaves it."""
    import sys
    import time

    started = time.monotonic()
    run = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "capassess", *args],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    return Ran(run.returncode, "", run.stderr.decode(), time.monotonic() - started)
