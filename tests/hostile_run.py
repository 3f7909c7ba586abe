"""Run capassess in a child process bounded in memory and time, as a hostile input would.

The child gets ``RLIMIT_AS`` of ``MEMORY`` bytes and is killed after ``timeout``
seconds; the result says what it printed, how it ended and how long it took. The
folder it works in is snapshotted before and after, so that a test can show that no
input was changed and no partial output was left.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MEMORY = 1 << 30  # 1 GiB of address space: numpy and pyarrow fit, a runaway read does not
TIMEOUT = 60.0


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@dataclass(frozen=True)
class Ran:
    """How a bounded run ended."""

    code: int
    stdout: str
    stderr: str
    seconds: float


def run_bounded(
    args: Iterable[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
    stdout: Any = subprocess.PIPE,
) -> Ran:
    """Run ``capassess ARGS`` in ``cwd`` under the memory limit and ``timeout``."""
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "capassess", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )
    out = run.stdout.decode("utf-8", "replace") if isinstance(run.stdout, bytes) else ""
    err = run.stderr.decode("utf-8", "replace")
    return Ran(run.returncode, out, err, time.monotonic() - started)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every regular file under ``folder`` with its bytes (other files by their kind)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = f"link to {os.readlink(path)}"
        elif path.is_file():
            found[name] = path.read_bytes()
        elif not path.is_dir():
            found[name] = "special file"
    return found


def assert_clean_refusal(ran: Ran, code: int, fragment: str, where: str | None) -> None:
    """Exit ``code``, ``fragment`` said on stderr (at ``where``), no traceback."""
    assert ran.code == code, (ran.code, ran.stderr[-2000:])
    assert "Traceback" not in ran.stderr and "Traceback" not in ran.stdout, ran.stderr[-3000:]
    assert fragment in ran.stderr, ran.stderr[-2000:]
    if where is not None:
        assert where in ran.stderr, ran.stderr[-2000:]
