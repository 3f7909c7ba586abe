"""Kill a run mid-way: start commands through the fork server, SIGKILL them at chosen
moments, and judge what is left in the output folder."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")  # tempfile.mkstemp's names


class Forker:
    """The fork server of ``tests.faults.forker``, as a subprocess; stop it with ``close``."""

    def __init__(self) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "NO_COLOR": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.forker"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.out = self.process.stdin, self.process.stdout.fileno()
        self.buffer = b""
        assert self._message(timeout=60) == {"ready": 1}

    def _message(self, timeout: float | None = None) -> dict[str, int]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.buffer:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self.out], [], [], wait)[0]:
                raise TimeoutError("the fork server did not answer")
            chunk = os.read(self.out, 4096)
            if not chunk:
                raise EOFError("the fork server has gone")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)  # type: ignore[no-any-return]

    def ended(self) -> bool:
        """True once the last command started has ended (its status is waiting)."""
        return b"\n" in self.buffer or bool(select.select([self.out], [], [], 0)[0])

    def start(self, argv: list[str], stderr: Path) -> int:
        """Start ``capassess ARGV``; return the pid of the process running it."""
        self.stdin.write((json.dumps({"argv": argv, "stderr": str(stderr)}) + "\n").encode())
        return self._message(timeout=30)["pid"]

    def wait(self) -> int:
        """Wait for the command started last; return its wait status."""
        return self._message(timeout=120)["status"]

    def close(self) -> None:
        """Stop the server."""
        self.stdin.close()
        self.process.wait(timeout=30)


def temp_files(folder: Path) -> list[str]:
    """The hidden temporary files in ``folder``, and in the folders beside it where a
    batch run writes its outputs before they replace those in ``folder``."""
    runs = folder.parent.glob(f".{folder.name}.run-*/**/*") if folder.parent != folder else ()
    return sorted(p.name for p in [*folder.iterdir(), *runs] if TEMP_NAME.match(p.name))


def run_folders(folder: Path) -> list[Path]:
    """The folders a batch run into ``folder`` writes in, left beside it by a killed run."""
    return sorted(folder.parent.glob(f".{folder.name}.run-*"))


@dataclass(frozen=True)
class Timing:
    """When an uninterrupted run first had a temporary file, and when it ended."""

    first_temp: float
    end: float


def timed_run(forker: Forker, argv: list[str], folder: Path, stderr: Path) -> Timing:
    """Run ``argv`` to the end, watching ``folder`` for its first temporary file."""
    start = time.monotonic()
    forker.start(argv, stderr)
    first = None
    while not forker.ended():
        if first is None and temp_files(folder):
            first = time.monotonic() - start
        time.sleep(0.0005)
    status = forker.wait()
    end = time.monotonic() - start
    assert os.waitstatus_to_exitcode(status) == 0, stderr.read_text(encoding="utf-8")
    assert first is not None, "no temporary file was seen: nothing to kill in"
    return Timing(first, end)


@dataclass(frozen=True)
class Kill:
    """One trial: kill after ``delay`` seconds, counted from the start of the run or
    (``triggered``) from the moment its first temporary file appears."""

    delay: float
    triggered: bool


def schedule(rng: Any, trials: int, timing: Timing) -> list[Kill]:
    """Kill moments spread over a run: a third at random over the whole run, the rest
    stratified over the writing (from the first temporary file to the end)."""
    whole = [Kill(rng.uniform(0, timing.end * 1.1), False) for _ in range(trials // 3)]
    window = max(timing.end - timing.first_temp, 0.005) * 1.1
    count = trials - len(whole)
    writing = [Kill(window * (i + rng.random()) / count, True) for i in range(count)]
    return whole + writing


def kill_run(forker: Forker, argv: list[str], folder: Path, stderr: Path, kill: Kill) -> int:
    """Start ``argv``, SIGKILL it as ``kill`` says, return its wait status."""
    start = time.monotonic()
    pid = forker.start(argv, stderr)
    if kill.triggered:
        while not temp_files(folder) and not forker.ended():
            time.sleep(0.0002)
        start = time.monotonic()
    while time.monotonic() - start < kill.delay and not forker.ended():
        time.sleep(0.0005)
    if not forker.ended():
        with contextlib.suppress(ProcessLookupError):  # it may end as we look
            os.kill(pid, signal.SIGKILL)
    return forker.wait()


def killed(status: int) -> bool:
    """True if the wait status is that of a process killed by SIGKILL."""
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def snapshot(folder: Path, names: Iterable[str]) -> dict[str, bytes]:
    """The bytes of the files ``names`` in ``folder``."""
    return {name: (folder / name).read_bytes() for name in names}


def restore(folder: Path, files: dict[str, bytes]) -> None:
    """Empty ``folder`` and write ``files`` into it."""
    for path in folder.iterdir():
        path.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)


def _zip_members(data: bytes) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return None


def _summary(data: bytes) -> Any:
    try:
        summary = json.loads(data)
    except ValueError:
        return None
    summary.pop("seconds", None)  # how long the run took: differs from run to run
    return summary


def same_output(name: str, data: bytes, expected: bytes) -> bool:
    """True if ``data`` is the whole of ``expected`` (its XLSX archive may bear another
    time, and summary.json another run time)."""
    if data == expected:
        return True
    if name.endswith(".xlsx"):
        members = _zip_members(data)
        return members is not None and members == _zip_members(expected)
    if name == "summary.json":
        summary = _summary(data)
        return summary is not None and summary == _summary(expected)
    return False


def judge(folder: Path, old: dict[str, bytes], new: dict[str, bytes]) -> dict[str, str]:
    """Say of each output whether it is the ``old`` file or the whole ``new`` one; fail
    if it is neither, or if the folder holds anything but outputs and temporary files."""
    states = {}
    for name in old:
        data = (folder / name).read_bytes()
        if data == old[name]:
            states[name] = "old"
        elif same_output(name, data, new[name]):
            states[name] = "new"
        else:
            raise AssertionError(f"{name} is neither the old file nor the new one")
    for path in folder.iterdir():
        match = TEMP_NAME.match(path.name)
        if path.name in old:
            continue
        assert match is not None and match["name"] in old, f"unexpected file {path.name}"
    return states
