"""Drive the real ``capassess assess`` through a pseudo-terminal with pexpect."""

from __future__ import annotations

import os
import sys
import termios
import time
from pathlib import Path

import pexpect

from tests.conftest import DATA

GOOD = DATA / "good"
TIMEOUT = 30  # generous: a loaded 2-core machine starts Python slowly
SUBJECT = ["--subject-id", "acme", "--name", "Acme Bank", "--kind", "bank", "--group", "region=East",
           "--assessor", "A. Consultant", "--date", "2026-03-01"]  # fmt: skip


def spawn(
    cwd: Path,
    *args: str | Path,
    dirs: tuple[Path, ...] = (GOOD,),
    term: str = "dumb",
    size: tuple[int, int] = (120, 50),
) -> pexpect.spawn:
    """Start ``python -m capassess [--questionnaire-dir D] assess ARGS`` in a 120x50 terminal.

    A ``dumb`` terminal gets plain text (prompt_toolkit echoes keys as typed); ``xterm``
    gets the full editor, whose screen ``tests.interactive.screen_driver`` reads.
    """
    env = {
        **os.environ,
        "COLUMNS": str(size[0]),
        "LINES": str(size[1]),
        "NO_COLOR": "1",
        "TERM": term,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    if term == "dumb":
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # plain pexpect answers no cursor position request
    folders = [arg for d in dirs for arg in ("--questionnaire-dir", str(d))]
    return pexpect.spawn(
        sys.executable,
        ["-m", "capassess", *folders, "assess", *map(str, args)],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(size[1], size[0]),
    )


def wait_for_keys(child: pexpect.spawn) -> None:
    """Wait until the line editor reads keys one by one (the terminal is in raw mode).

    In a dumb terminal the prompt is printed before raw mode starts; a Ctrl-D sent in
    between would be taken by the terminal's own line discipline, not by the editor.
    """
    deadline = time.monotonic() + TIMEOUT
    while termios.tcgetattr(child.child_fd)[3] & termios.ICANON:
        if time.monotonic() > deadline:
            raise AssertionError("the interview never started reading keys")
        time.sleep(0.01)


def answer(child: pexpect.spawn, qid: str, text: str) -> None:
    """Wait for the prompt of ``qid`` and type ``text`` and Enter."""
    child.expect_exact(f"{qid}> ")
    wait_for_keys(child)
    child.sendline(text)


def finish(child: pexpect.spawn) -> str:
    """At the end screen press Enter; return everything printed until the process ends."""
    child.expect_exact("finish> ")
    child.sendline("")
    child.expect(pexpect.EOF)
    return str(child.before)


def exit_code(child: pexpect.spawn) -> int | None:
    """The exit status once the process has ended (``None`` if killed by a signal)."""
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus  # type: ignore[no-any-return]


def type_partly(child: pexpect.spawn, text: str) -> None:
    """Type ``text`` without Enter and wait for the terminal to echo it."""
    child.send(text)
    child.expect_exact(text)
