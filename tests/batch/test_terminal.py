"""What a person sees: a progress bar on a terminal, plain lines in a log, and the
closing summary (rows, scored, rejected, time, outputs) either way."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pexpect

from tests.batch.helpers import MINI, run_cli, write_csv
from tests.conftest import ROOT


def _input(tmp_path: Path) -> Path:
    rows = [["id", "q1", "q2"]] + [[f"U{i}", str(1 + i % 5), "3"] for i in range(500)]
    return write_csv(tmp_path / "in.csv", rows)


def test_plain_lines_and_summary_when_not_a_terminal(tmp_path: Path) -> None:
    result = run_cli("batch", str(_input(tmp_path)), "-o", str(tmp_path / "out"), "-q", str(MINI))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("reading ") and lines[0].endswith("rows 500")
    assert "rows read 500 = scored 500 + rejected 0" in lines
    assert any(line.startswith("time ") and line.endswith(" s") for line in lines)
    assert any(
        line.split() == ["scores_xlsx", str(tmp_path / "out" / "scores.xlsx")] for line in lines
    )


def test_progress_and_summary_follow_lang(tmp_path: Path) -> None:
    """``--lang zh`` gives the terminal lines in Chinese, as it gives the reports."""
    from capassess.texts import words

    out = tmp_path / "out"
    result = run_cli(
        "batch", str(_input(tmp_path)), "-o", str(out), "-q", str(MINI), "--lang", "zh"
    )
    assert result.exit_code == 0
    t = words("batch", "zh")
    lines = result.output.splitlines()
    assert t["rows_read"].format(rows=500, scored=500, rejected=0) in lines
    assert lines[0].startswith(t["reading"].split("{")[0])
    assert not any(line.startswith(("reading ", "rows read", "time ")) for line in lines)


def test_a_bar_on_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    args = [
        "-m",
        "capassess",
        "batch",
        str(_input(tmp_path)),
        "-o",
        str(tmp_path / "out"),
        "-q",
        str(MINI),
    ]
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", timeout=60)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("rows read 500 = scored 500 \\+ rejected 0")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    screen = seen.getvalue()
    assert "━" in screen and "500 rows" in screen  # the rich bar
    assert "reading " not in screen  # no plain lines on a terminal
