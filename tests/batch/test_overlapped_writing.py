"""The score files are written while the portfolio is built: a failure on either side
is reported as such (file named, documented exit code, no traceback), the previous
outputs stay as they were, and no thread is left behind."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from capassess.batch import runner, xlsx_writer
from tests.batch.helpers import MINI, write_csv
from tests.conftest import ROOT

ROWS = [["id", "name", "region", "q1", "q2"]] + [
    [f"BR{i:04d}", f"第{i}支行", "华东" if i % 2 else "华南", str(1 + i % 5), str(1 + i % 4)]
    for i in range(3000)
]


def _run(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "capassess", "batch", str(source), "-o", str(out), "-q",
               str(MINI), "--group-by", "region"]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def _in_process(source: Path, out: Path) -> tuple[int, str]:
    from click.testing import CliRunner

    from capassess.cli import main

    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-q", str(MINI),
                                       "--group-by", "region"])  # fmt: skip
    return result.exit_code, result.output


@pytest.fixture
def earlier(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """An input and the outputs of an earlier run of it."""
    source = write_csv(tmp_path / "in.csv", ROWS, "gb18030")
    out = tmp_path / "out"
    assert _run(source, out).returncode == 0
    return source, out, {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) in ([], ["units"])


def test_a_sheet_that_cannot_be_written_fails_the_run_and_keeps_the_old_outputs(
    earlier: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out, before = earlier

    def full(columns: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx_writer, "_rows_xml", full)
    threads = threading.active_count()
    code, output = _in_process(source, out)
    assert code == 2, output
    assert "scores.xlsx" in output and "No space left on device" in output
    assert "Traceback" not in output
    _unchanged(out, before)
    assert threading.active_count() == threads


def test_an_interrupt_while_the_portfolio_is_built_leaves_no_half_outputs(
    earlier: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out, before = earlier
    started = threading.Event()
    written = runner.write_scores

    def scores(*args: object) -> object:
        started.set()
        return written(*args)  # type: ignore[arg-type]

    def interrupted(*args: object, **kwargs: object) -> object:
        assert started.wait(10)  # the score files are being written meanwhile
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "write_scores", scores)
    monkeypatch.setattr(runner, "build_portfolio", interrupted)
    threads = threading.active_count()
    code, output = _in_process(source, out)
    assert code == 130, output
    assert "Traceback" not in output
    _unchanged(out, before)
    assert threading.active_count() == threads


def test_the_portfolio_built_first_or_beside_the_score_files_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS, "gb18030")
    outputs = []
    for name, beside in (("beside", 10**9), ("first", 0)):
        monkeypatch.setattr(runner, "BESIDE_UNITS", beside)
        out = tmp_path / name
        code, output = _in_process(source, out)
        assert code == 0, output
        outputs.append({f: (out / f).read_bytes() for f in
                        ("scores.csv", "rejected.csv", "portfolio.md", "portfolio.html")})  # fmt: skip
    assert outputs[0] == outputs[1]
