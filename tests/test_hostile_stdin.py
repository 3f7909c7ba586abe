"""Standard input that cannot be read, for every command that reads ``-``, and standard
output whose encoding cannot hold what is printed.

A script may run capassess with standard input closed (``<&-``, a daemon, a cron job)
or opened for writing only; ``-`` then names nothing to read. Each row is a command
reading ``-``; each must end with exit 2 and a message naming standard input, never a
traceback, and never blame standard output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.hostile_run import MEMORY

GOOD = DATA / "good"
TINY_DIR = ["--questionnaire-dir", str(GOOD)]
ANSWERS = str(GOOD / "tiny-answers.yaml")

COMMANDS = {
    "validate": ["validate", "-"],
    "score": [*TINY_DIR, "score", "-"],
    "plan": [*TINY_DIR, "plan", "-"],
    "report": [*TINY_DIR, "report", "-", "-f", "md", "-o", "out.md"],
    "report --baseline": [*TINY_DIR, "report", ANSWERS, "--baseline", "-", "-f", "md", "-o", "b"],
    "compare": [*TINY_DIR, "compare", "-", ANSWERS],
    "weights ahp": ["weights", "ahp", "-"],
}


def _closed() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    os.close(0)


def _write_only() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 0)
    os.close(fd)


STDINS: dict[str, tuple[Callable[[], None], str]] = {
    "closed": (_closed, "cannot read standard input: it is closed"),
    "write-only": (_write_only, "cannot read standard input: Bad file descriptor"),
}


@pytest.mark.parametrize("stdin", sorted(STDINS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unreadable_stdin_is_an_input_error(tmp_path: Path, command: str, stdin: str) -> None:
    prepare, said = STDINS[stdin]
    run = subprocess.run(
        [sys.executable, "-m", "capassess", *COMMANDS[command]],
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        stdin=None,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=prepare,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert said in run.stderr, run.stderr
    assert "standard output" not in run.stderr, run.stderr
    assert list(tmp_path.iterdir()) == []


# Standard output whose encoding cannot hold the text (an ASCII or Latin-1 locale).
PRINTING = {
    "score": [*TINY_DIR, "score", ANSWERS],
    "score json": [*TINY_DIR, "score", ANSWERS, "--format", "json"],
    "plan zh": [*TINY_DIR, "plan", ANSWERS, "--lang", "zh"],
    "show zh": [*TINY_DIR, "show", "tiny", "--lang", "zh"],
    "compare zh": [*TINY_DIR, "compare", ANSWERS, ANSWERS, "--lang", "zh"],
}


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", sorted(PRINTING))
def test_stdout_encoding_too_narrow(tmp_path: Path, command: str, encoding: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "capassess", *PRINTING[command]],
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": encoding},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        check=False,
    )
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 2, stderr
    assert "Traceback" not in stderr, stderr
    assert f"cannot write standard output: its encoding ({encoding}) cannot hold" in stderr
    assert "PYTHONIOENCODING=utf-8" in stderr
