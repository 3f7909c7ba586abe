"""Faults: every file capassess writes is replaced atomically. A full disk, a refused
permission or a kill in the middle of writing leaves each output either the old file or
the whole new one, never half of one, and an error says which file, in plain words.

The kill tests run the commands in processes forked from a server that has imported
capassess already (``tests/faults/forker.py``), and SIGKILL them at moments spread over
the run and over its writing; what is left under each output name must be the old file
or the complete new one. A SIGKILL leaves a hidden temporary file beside the output
(``.NAME.XXXXXXXX.tmp``, as nothing runs to remove it); that is expected, and a later
run leaves such files alone, since they may be another run's work in progress.
"""

from __future__ import annotations

import ast
import os
import random
import re
import shutil
import stat
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from capassess.atomic import replacing, write_atomic
from capassess.cli import main
from capassess.errors import CapassessError, OutputError
from tests.conftest import ROOT
from tests.faults.data import branches_csv, repeating_template
from tests.faults.disk import FullDisk
from tests.faults.kill import (
    Forker,
    Kill,
    judge,
    kill_run,
    killed,
    restore,
    run_folders,
    same_output,
    schedule,
    snapshot,
    temp_files,
    timed_run,
)

GOOD = ROOT / "tests" / "data" / "good"
OLD_ANSWERS = GOOD / "tiny-answers-old.yaml"  # for tests/data/good/tiny.yaml: reports are quick
NEW_ANSWERS = GOOD / "tiny-answers.yaml"
REPORT = ["--questionnaire-dir", str(GOOD), "report"]
BATCH_OUTPUTS = (
    "portfolio.html",
    "portfolio.md",
    "rejected.csv",
    "scores.csv",
    "scores.xlsx",
    "summary.json",
)
ENOSPC = "No space left on device"
SEED = 20260316


def invoke(*args: str) -> Result:
    """Run ``capassess ARGS`` in this process."""
    return CliRunner().invoke(main, list(args))


def assert_clean_failure(result: Result, message: str) -> None:
    """Exit code 2 for an output error, the message as the last line, no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1] == f"error: {message}"


# --- every write goes through capassess.atomic.replacing ------------------------------

WRITE_CALLS = {"write_text", "write_bytes", "mkstemp", "NamedTemporaryFile"}
MOVING_CALLS = {"replace", "rename", "renames", "copy", "copyfile", "copy2", "move"}


def _opens_for_writing(call: ast.Call, owner: str) -> bool:
    """True if ``call`` (``open``, ``io.open``, ``os.fdopen``, ``path.open`` or
    ``os.open``) opens a file for writing."""
    if owner == "os" and getattr(call.func, "attr", "") == "open":
        flags = ast.unparse(call.args[1]) if len(call.args) > 1 else ""
        return any(f in flags for f in ("O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND"))
    plain = owner in ("", "io", "os", "builtins")
    modes = [k.value for k in call.keywords if k.arg == "mode"]
    modes += call.args[1:2] if plain else call.args[:1]  # open(file, mode), path.open(mode)
    for mode in modes:
        if not isinstance(mode, ast.Constant):
            return plain  # a mode not known: suspect, except in some object's own .open
        if re.fullmatch(r"[rwxabt+]{1,4}", str(mode.value)) and set(str(mode.value)) & set("wax+"):
            return True
    return False


def _writes_without_replacing(tree: ast.AST) -> list[int]:
    """Lines that open a file for writing, or write, move or copy one, other than
    through ``replacing``."""
    allowed: set[int] = set()  # `open(...)` calls on a path that `replacing` yields
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(
            "replacing(" in ast.unparse(item.context_expr) for item in node.items
        ):
            allowed |= {id(item.context_expr) for item in node.items}
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
        if name in ("open", "fdopen"):
            through = id(node) in allowed or "replacing(" in ast.unparse(node)
            if _opens_for_writing(node, owner) and not through:
                bad.append(node.lineno)
        elif name in WRITE_CALLS:
            bad.append(node.lineno)
        elif name == "save" and node.args and ast.unparse(node.args[0]) != "buffer":
            bad.append(node.lineno)  # openpyxl saving to a path (into a BytesIO is fine)
        elif name in MOVING_CALLS and owner in ("os", "shutil"):
            bad.append(node.lineno)
    return sorted(bad)


# Modules that write in place on purpose, and why.
IN_PLACE = {
    "capassess/atomic.py": "where replacing lives",
    "capassess/standard_output.py": "descriptor 1 redirected, no file written",
    "capassess/interactive/lock.py": "an interview's lock file, held open and locked; no data",
    "capassess/batch/mixed_lines.py": "a private copy of an input, new from mkstemp, read in "
    "its place and removed with it; no output",
    "capassess/batch/utf16.py": "a private UTF-8 copy of a UTF-16 input, new from mkstemp, "
    "read in its place and removed with it; no output",
}


def test_every_file_is_written_through_replacing() -> None:
    found = {}
    for path in sorted((ROOT / "capassess").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() in IN_PLACE:
            continue
        lines = _writes_without_replacing(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[str(path.relative_to(ROOT))] = lines
    assert found == {}


def test_the_audit_finds_a_plain_write() -> None:
    code = (
        "open(p, 'w').write(t)\nPath(p).write_text(t)\nos.replace(a, b)\n"
        "with replacing(p) as tmp, open(tmp, 'w') as f: pass\nopen(p).read()\n"
        "workbook.save(p)\nworkbook.save(buffer)\nstore.save()\n"
        "p.open('a')\nopen(p, mode='wb')\nos.open(p, os.O_WRONLY)\nos.open(p, os.O_RDONLY)\n"
        "os.fdopen(fd, 'w')\np.open(encoding='utf-8')\n"
    )
    assert _writes_without_replacing(ast.parse(code)) == [1, 2, 3, 6, 9, 10, 11, 13]


# --- targets that are not regular files ----------------------------------------------
#
# Were a regression to replace a device node by a file, these tests must not let it
# harm the machine: they write only to device nodes of their own (made with mknod, as
# root), to /dev only where an unprivileged user cannot replace anything, and ask
# ``replacing`` what it would write to for the shared names without letting it write.


class _Stop(Exception):
    pass


def _yielded(path: str) -> Path:
    """The path ``replacing(path)`` yields, aborting the block so nothing is written."""
    try:
        with replacing(path) as yielded:
            raise _Stop
    except _Stop:
        return yielded
    raise AssertionError("unreachable")


@pytest.mark.parametrize("name", ["/dev/null", "/dev/full", "/dev/stdout", "/dev/fd/2"])
def test_shared_devices_would_be_written_in_place(name: str) -> None:
    if name == "/dev/stdout" and not os.path.exists(name):
        pytest.skip("no /dev/stdout here")
    assert _yielded(name) == Path(name)


def _device(folder: Path, name: str) -> Path:
    """A character device like /dev/NAME (null or full) of this test's own, if this
    process may make one; else, unprivileged, the shared one (which it cannot replace)."""
    minor = {"null": 3, "full": 7}[name]
    node = folder / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        if os.geteuid() == 0:
            pytest.skip("cannot make a device node here, and root must not risk /dev")
        return Path("/dev") / name
    return node


def test_a_device_is_written_in_place_never_replaced(tmp_path: Path) -> None:
    null = _device(tmp_path, "null")
    before = null.stat()
    assert write_atomic(null, "nothing to keep\n") == null
    with replacing(null) as path:
        assert path == null  # no temporary file for a device
        path.write_bytes(b"x")
    after = null.stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [n for n in os.listdir(null.parent) if n.startswith(".null.")]


@pytest.mark.parametrize(
    "args",
    [
        [*REPORT, str(NEW_ANSWERS), "-f", "html"],
        [*REPORT, str(NEW_ANSWERS), "-f", "md"],
        ["template", "-f", "xlsx"],
        ["template", "-f", "csv"],
    ],
    ids=["report-html", "report-md", "template-xlsx", "template-csv"],
)
def test_a_full_device_is_a_clear_output_error(
    forker: Forker, tmp_path: Path, args: list[str]
) -> None:
    """A device like /dev/full: every write fails with ENOSPC; the node must survive.
    Run as a process of its own, so that anything printed late (as by a file object
    closed by the garbage collector) is seen too."""
    full = _device(tmp_path, "full")
    before = full.stat()
    err = tmp_path / "stderr.txt"
    forker.start([*args, "-o", str(full)], err)
    assert os.waitstatus_to_exitcode(forker.wait()) == 2
    lines = err.read_text(encoding="utf-8").splitlines(keepends=True)
    # a warning on the plan (a roadmap dated before today) may come first, nothing after
    assert [x for x in lines if not x.startswith("warning: ")] == [
        f"error: cannot write {full}: {ENOSPC}\n"
    ]
    assert lines[-1] == f"error: cannot write {full}: {ENOSPC}\n"
    after = full.stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert not [n for n in os.listdir(full.parent) if n.startswith(".full.")]


def test_standard_output_by_name_is_written_in_place(capfd: pytest.CaptureFixture[str]) -> None:
    """fd 1 is pytest's capture file here, a regular file already unlinked: the report
    must go into it, not into a new file moved over some name in its folder. (/dev/fd/1
    rather than /dev/stdout: a regression cannot replace anything in /dev/fd.)"""
    expected = invoke(*REPORT, str(NEW_ANSWERS), "-f", "md", "-o", "-").stdout
    capfd.readouterr()
    result = invoke(*REPORT, str(NEW_ANSWERS), "-f", "md", "-o", "/dev/fd/1")
    assert result.exit_code == 0, result.output
    assert capfd.readouterr().out == expected and expected.startswith("# ")


def test_a_fifo_gets_the_whole_report(tmp_path: Path) -> None:
    expected = invoke(*REPORT, str(NEW_ANSWERS), "-f", "md", "-o", "-").stdout
    assert len(expected.encode("utf-8")) < 60_000  # fits the pipe: the writer never waits
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = invoke(*REPORT, str(NEW_ANSWERS), "-f", "md", "-o", str(fifo))
        got = b""
        while chunk := os.read(reader, 1 << 16):
            got += chunk
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.output
    assert got.decode("utf-8") == expected
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_folder_is_refused_by_name(tmp_path: Path) -> None:
    result = invoke(*REPORT, str(NEW_ANSWERS), "-o", str(tmp_path))
    assert_clean_failure(result, f"cannot write {tmp_path}: it is a folder")
    with pytest.raises(OutputError, match="it is a folder"), replacing(tmp_path):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_is_kept_and_the_file_it_names_replaced(tmp_path: Path) -> None:
    links, files = tmp_path / "links", tmp_path / "files"
    links.mkdir()
    files.mkdir()
    real = files / "report.md"
    real.write_text("# An earlier report\n\nmade by capassess 0.1.0\n", encoding="utf-8")
    real.chmod(0o640)
    link = links / "report.md"
    link.symlink_to(real)
    result = invoke(*REPORT, str(NEW_ANSWERS), "-f", "md", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text(encoding="utf-8").startswith("# ")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "files", "files/report.md", "links", "links/report.md"
    ]  # fmt: skip
    dangling = links / "new.md"
    dangling.symlink_to(files / "new.md")
    write_atomic(dangling, "made\n")
    assert dangling.is_symlink() and (files / "new.md").read_text(encoding="utf-8") == "made\n"


def test_an_interrupted_block_leaves_the_old_file_and_no_debris(tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), replacing(target) as tmp:
        tmp.write_text("half a ne", encoding="utf-8")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["scores.csv"]


def test_an_error_about_another_file_is_not_blamed_on_the_output(tmp_path: Path) -> None:
    """An input read while an output is written (batch reads its sheets while it
    writes rejected.csv) may fail: the error names the input, not the output."""
    gone = tmp_path / "gone.csv"
    with pytest.raises(CapassessError) as caught, replacing(tmp_path / "rejected.csv"):
        gone.open(encoding="utf-8")
    assert not isinstance(caught.value, OutputError)
    assert str(caught.value) == f"{gone}: No such file or directory"
    assert list(tmp_path.iterdir()) == []


# --- a full disk --------------------------------------------------------------------


@dataclass
class BatchRuns:
    """Two inputs, and what a batch of each leaves in ``out``: the old and new outputs."""

    old_csv: Path
    new_csv: Path
    out: Path
    old: dict[str, bytes]
    new: dict[str, bytes]

    def argv(self, source: Path) -> list[str]:
        return ["batch", str(source), "-o", str(self.out), "--allow-rejects"]


def _batch_runs(folder: Path, rows: int) -> BatchRuns:
    old_csv = branches_csv(folder / "old.csv", rows, 1)
    new_csv = branches_csv(folder / "new.csv", rows, 2)
    out = folder / "out"
    runs = BatchRuns(old_csv, new_csv, out, {}, {})
    for source, store in ((new_csv, runs.new), (old_csv, runs.old)):
        result = invoke(*runs.argv(source))
        assert result.exit_code == 0, result.output
        store.update(snapshot(out, BATCH_OUTPUTS))
    assert all(runs.old[n] != runs.new[n] for n in BATCH_OUTPUTS)
    return runs


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory: pytest.TempPathFactory) -> BatchRuns:
    """2,500 branches (the sheet larger than what the compressor holds back): the old
    outputs are in ``out``."""
    return _batch_runs(tmp_path_factory.mktemp("small-batch"), 2500)


DISK_CASES = [
    (name, where, transient)
    for name in BATCH_OUTPUTS
    for where, transient in (("first byte", False), ("middle", True), ("last bytes", False))
]


@pytest.mark.parametrize(("name", "where", "transient"), DISK_CASES)
def test_batch_on_a_full_disk_names_the_file_and_keeps_the_old_one(
    small_batch: BatchRuns, monkeypatch: pytest.MonkeyPatch, name: str, where: str,
    transient: bool,
) -> None:  # fmt: skip
    """The disk fills up while ``name`` is written (and, when ``transient``, space is
    freed right after the failed write, so that later writes would succeed)."""
    runs = small_batch
    restore(runs.out, runs.old)
    size = len(runs.new[name])
    slack = 16 if name == "summary.json" else 0  # its run time may be shorter this time
    room = {"first byte": 0, "middle": size // 2, "last bytes": size - 1 - slack}[where]
    inputs = snapshot(runs.out.parent, ["old.csv", "new.csv"])
    # The run writes into a fresh folder beside ``out``: the disk is the parent's.
    disk = FullDisk(runs.out.parent, room, transient=transient, only=name)
    disk.install(monkeypatch)
    result = invoke(*runs.argv(runs.new_csv))
    monkeypatch.undo()
    assert disk.failed, "the disk never filled up"
    assert temp_files(runs.out) == []
    assert sorted(p.name for p in runs.out.parent.iterdir()) == ["new.csv", "old.csv", "out"]
    # The outputs are a set: a failed run leaves every one of the old ones.
    assert set(judge(runs.out, runs.old, runs.new).values()) == {"old"}
    assert snapshot(runs.out.parent, ["old.csv", "new.csv"]) == inputs
    assert_clean_failure(result, f"cannot write {runs.out / name}: {ENOSPC}")


def _unshare(*args: str) -> list[str]:
    """``unshare ARGS`` if it works here (user namespaces may be disabled), else skip."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) from util-linux")
    probe = subprocess.run(["unshare", *args, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare {' '.join(args)} is not permitted here: {probe.stderr.strip()}")
    return ["unshare", *args]


def _pages(sizes: list[int]) -> int:
    return sum(-(-n // 4096) * 4096 for n in sizes)


def test_batch_on_a_real_full_disk(small_batch: BatchRuns, tmp_path: Path) -> None:
    """A tmpfs mounted over the output folder (in a private mount namespace) with room
    for the old outputs and half the new ones: the kernel says ENOSPC."""
    runs = small_batch
    unshare = _unshare("--map-root-user", "--mount")
    restore(runs.out, runs.old)
    old, seen = tmp_path / "old", tmp_path / "seen"
    old.mkdir()
    seen.mkdir()
    restore(old, runs.old)
    size = (
        _pages([len(v) for v in runs.old.values()])
        + _pages([len(v) for v in runs.new.values()]) // 2
    )
    script = (
        'mount -t tmpfs -o size="$1" tmpfs "$2" && cp -a "$3/." "$2/" && '
        '"$4" -m capassess batch "$5" -o "$2" --allow-rejects 2>"$6/stderr"; '
        'echo $? >"$6/code"; mkdir "$6/out" && cp -a "$2/." "$6/out/"'
    )
    subprocess.run(
        [*unshare, "sh", "-c", script, "sh", str(size), str(runs.out), str(old),
         sys.executable, str(runs.new_csv), str(seen)],
        check=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    stderr = (seen / "stderr").read_text(encoding="utf-8")
    assert (seen / "code").read_text().strip() == "2", stderr
    failed = [n for n in BATCH_OUTPUTS if f"error: cannot write {runs.out / n}: {ENOSPC}" in stderr]
    assert len(failed) == 1, stderr
    assert "Traceback" not in stderr
    assert temp_files(seen / "out") == []
    assert judge(seen / "out", runs.old, runs.new)[failed[0]] == "old"
    assert snapshot(runs.out, BATCH_OUTPUTS) == runs.old  # the real folder was not touched


# --- permission denied ----------------------------------------------------------------


@pytest.fixture
def unprivileged() -> list[str]:
    """The command prefix that runs without the power to ignore file permissions.

    As root, a user namespace maps us to uid 1000: the files stay ours (so Python and
    the venv stay readable) but, without capabilities, a mode of 0o500 is obeyed.
    """
    if os.geteuid() != 0:
        return []
    return _unshare("--map-user=1000", "--map-group=1000")


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A folder of old outputs that may be read but not written (outputs of capassess:
    a report, a batch run's set with its summary.json; the sheet is replaced with
    --force)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    old_report = '<!DOCTYPE html>\n<meta name="generator" content="capassess 0.1.0">\nold report\n'
    (folder / "report.html").write_text(old_report, encoding="utf-8")
    (folder / "branches.xlsx").write_bytes(b"old sheet")
    (folder / "scores.csv").write_text("old scores\n", encoding="utf-8")
    (folder / "summary.json").write_text('{"tool": {"name": "capassess"}}\n', encoding="utf-8")
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


PERMISSION_CASES = {
    "report": ([*REPORT, str(NEW_ANSWERS), "-o", "{locked}/report.html"], "report.html"),
    "template": (["template", "-o", "{locked}/branches.xlsx", "--force"], "branches.xlsx"),
    "batch": (["batch", "{inputs}/new.csv", "-o", "{locked}", "--allow-rejects"], None),
}


@pytest.mark.parametrize("case", PERMISSION_CASES)
def test_permission_denied_is_a_clear_output_error(
    unprivileged: list[str], locked: Path, tmp_path: Path, case: str
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    branches_csv(inputs / "new.csv", 50, 2)
    args, name = PERMISSION_CASES[case]
    argv = [a.format(locked=locked, inputs=inputs) for a in args]
    files = [*locked.iterdir(), *inputs.iterdir()]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    run = subprocess.run(
        [*unprivileged, sys.executable, "-m", "capassess", *argv],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    if name is None:
        assert run.stderr.strip().splitlines()[-1] == (
            f"error: cannot write to the output folder {locked}"
        )
    else:
        lines = run.stderr.splitlines(keepends=True)  # a warning on the plan may come first
        assert [x for x in lines if not x.startswith("warning: ")] == [
            f"error: cannot write {locked / name}: Permission denied\n"
        ]
    assert sorted(locked.iterdir()) == sorted(p for p in files if p.parent == locked)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    assert after == before  # old outputs and inputs untouched


# --- killed mid-write -----------------------------------------------------------------


@pytest.fixture(scope="module")
def forker() -> Iterator[Forker]:
    """A fork server with capassess imported."""
    server = Forker()
    yield server
    server.close()


@dataclass
class KillTrials:
    """Kill runs of ``argv`` that replace the ``old`` outputs in ``out`` by ``new`` ones,
    each time starting from the old outputs, and check what is left after each kill."""

    forker: Forker
    argv: list[str]
    out: Path
    old: dict[str, bytes]
    new: dict[str, bytes]
    stderr: Path
    seen: Counter[str] = field(default_factory=Counter)

    def trial(self, kill: Kill) -> None:
        """One run, killed as ``kill`` says: every output must be old or new."""
        restore(self.out, self.old)
        status = kill_run(self.forker, self.argv, self.out, self.stderr, kill)
        try:
            states = judge(self.out, self.old, self.new)
        except AssertionError as exc:
            raise AssertionError(f"after {kill} (seed {SEED}): {exc}") from None
        if killed(status):
            self.seen["killed"] += 1
            self.seen["killed mid-write"] += bool(temp_files(self.out))
            self.seen["mixed"] += len(set(states.values())) > 1
            for debris in run_folders(self.out):  # a killed run's own folder, beside out
                shutil.rmtree(debris)
        else:
            assert os.waitstatus_to_exitcode(status) == 0, self.stderr.read_text("utf-8")

    def run(self, trials: int, mid_write: int) -> Counter[str]:
        """``trials`` kills spread over an uninterrupted run's time; then, if fewer than
        ``mid_write`` of them caught a temporary file (the machine may be busy), up to
        ten more kills the moment one appears."""
        restore(self.out, self.old)
        timing = timed_run(self.forker, self.argv, self.out, self.stderr)
        assert judge(self.out, self.old, self.new) == dict.fromkeys(self.old, "new")
        for kill in schedule(random.Random(SEED), trials, timing):
            self.trial(kill)
        for _ in range(10):
            if self.seen["killed mid-write"] >= mid_write:
                break
            self.trial(Kill(0.0, triggered=True))
        return self.seen

    def later_run_leaves_strays_alone(self) -> None:
        """Run to the end over the debris of a run killed mid-write: the outputs are new,
        the killed run's folder is left as it was."""
        strays: dict[str, bytes] = {}
        for _ in range(10):
            restore(self.out, self.old)
            kill_run(self.forker, self.argv, self.out, self.stderr, Kill(0.0, triggered=True))
            strays = _debris(self.out)
            if strays:
                break
        assert strays, "no kill left a temporary file"
        self.forker.start(self.argv, self.stderr)
        assert os.waitstatus_to_exitcode(self.forker.wait()) == 0, self.stderr.read_text("utf-8")
        assert judge(self.out, self.old, self.new) == dict.fromkeys(self.new, "new")
        assert _debris(self.out) == strays


def _debris(out: Path) -> dict[str, bytes]:
    """The temporary files in ``out`` and the files of killed batch runs beside it."""
    files = [out / name for name in temp_files(out) if (out / name).is_file()]
    files += [p for f in run_folders(out) for p in sorted(f.rglob("*")) if p.is_file()]
    return {str(p): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory: pytest.TempPathFactory) -> BatchRuns:
    """10,000 branches, so that writing the outputs takes a while."""
    return _batch_runs(tmp_path_factory.mktemp("big-batch"), 10_000)


def test_batch_killed_mid_write_leaves_old_or_new_files(
    forker: Forker, big_batch: BatchRuns, tmp_path: Path
) -> None:
    runs = big_batch
    trials = KillTrials(forker, runs.argv(runs.new_csv), runs.out, runs.old, runs.new,
                        tmp_path / "stderr.txt")  # fmt: skip
    seen = trials.run(15, mid_write=3)
    # The outputs are one set: a run killed while writing leaves all the old ones.
    assert seen["killed"] >= 5 and seen["killed mid-write"] >= 3 and seen["mixed"] == 0, seen
    trials.later_run_leaves_strays_alone()


def test_report_killed_mid_write_leaves_old_or_new_file(forker: Forker, tmp_path: Path) -> None:
    """An HTML report of 1 MB (the shipped template 30 times over, through
    --template-dir), so that there is a moment of writing to catch."""
    templates = repeating_template(tmp_path / "templates", 30)
    out, stderr = tmp_path / "out", tmp_path / "stderr.txt"
    out.mkdir()

    def argv(answers: Path) -> list[str]:
        return [*REPORT, str(answers), "-o", str(out / "report.html"), "--template-dir",
                str(templates)]  # fmt: skip

    snapshots = []
    for answers in (NEW_ANSWERS, OLD_ANSWERS):
        forker.start(argv(answers), stderr)
        assert os.waitstatus_to_exitcode(forker.wait()) == 0, stderr.read_text(encoding="utf-8")
        snapshots.append(snapshot(out, ["report.html"]))
    new, old = snapshots
    assert old != new and len(new["report.html"]) > 900_000
    trials = KillTrials(forker, argv(NEW_ANSWERS), out, old, new, stderr)
    seen = trials.run(15, mid_write=3)
    assert seen["killed"] >= 5 and seen["killed mid-write"] >= 3, seen
    trials.later_run_leaves_strays_alone()


# A batch's outputs are one set: a failed run leaves the previous set whole, a run
# replaces the whole previous set (stale files included), and two runs never mix.


def _set(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _no_run_folders(out: Path) -> None:
    assert run_folders(out) == [] and temp_files(out) == []


def _refused(result: Result, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and fragment in result.output, result.output


def _which_run(out: Path, runs: BatchRuns) -> set[str]:
    """Of each output, which run's whole file it is (XLSX and summary by content)."""
    found = set()
    for name in runs.new:
        data = (out / name).read_bytes()
        found |= {which for which, files in (("old", runs.old), ("new", runs.new))
                  if same_output(name, data, files[name])}  # fmt: skip
    return found


def test_a_bad_template_folder_leaves_the_previous_outputs_whole(
    small_batch: BatchRuns, tmp_path: Path
) -> None:
    runs = small_batch
    restore(runs.out, runs.old)
    before = _set(runs.out)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "portfolio.md.j2").write_text("{{ nope( }}\n", encoding="utf-8")
    result = invoke(*runs.argv(runs.new_csv), "--template-dir", str(templates))
    _refused(result, "portfolio.md.j2:1: template error: unexpected '}'")
    assert _set(runs.out) == before
    _no_run_folders(runs.out)


def test_a_run_replaces_every_output_of_the_previous_one(tmp_path: Path) -> None:
    """Files of an earlier, different run (ignored.csv of --lenient, units/ of --reports)
    do not outlive it: the folder holds exactly the new run's set."""
    source = branches_csv(tmp_path / "in.csv", 30, 1)
    out = tmp_path / "out"
    (out / "notes.txt").parent.mkdir()
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")
    first = invoke("batch", str(source), "-o", str(out), "--allow-rejects", "--lenient",
                   "--reports", "md")  # fmt: skip
    assert first.exit_code == 0, first.output
    assert {"ignored.csv", "units"} <= {p.name for p in out.iterdir()}
    second = invoke("batch", str(source), "-o", str(out), "--allow-rejects")
    assert second.exit_code == 0, second.output
    names = sorted(p.name for p in out.iterdir())
    assert names == ["notes.txt", "portfolio.html", "portfolio.md", "rejected.csv",
                     "scores.csv", "scores.xlsx", "summary.json"]  # fmt: skip
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the user's own file"
    _no_run_folders(out)


def test_a_busy_output_folder_is_refused(small_batch: BatchRuns) -> None:
    import fcntl

    runs = small_batch
    restore(runs.out, runs.old)
    before = _set(runs.out)
    fd = os.open(runs.out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running batch holds it
        result = invoke(*runs.argv(runs.new_csv))
    finally:
        os.close(fd)
    _refused(result, "is in use by another capassess batch")
    assert _set(runs.out) == before
    _no_run_folders(runs.out)


def test_two_batches_into_one_folder_never_mix(small_batch: BatchRuns, tmp_path: Path) -> None:
    """Two runs started together: each either writes its whole set or is refused; the
    folder ends with one run's whole set."""
    runs = small_batch
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "capassess", "batch", "-o", str(out), "--allow-rejects"]
    procs = [
        subprocess.Popen([*argv, str(source)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for source in (runs.old_csv, runs.new_csv)
    ]
    ends = [(p.wait(timeout=300), p.stderr.read().decode() if p.stderr else "") for p in procs]
    for code, stderr in ends:
        assert code in (0, 2) and "Traceback" not in stderr, stderr
        assert code == 0 or "in use by another capassess batch" in stderr, stderr
    assert any(code == 0 for code, _ in ends)
    assert _which_run(out, runs) in ({"old"}, {"new"})
    _no_run_folders(out)
