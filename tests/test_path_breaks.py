"""A file whose name holds a line break is named on one line in every located message:
"path:line:col" never splits, so the message stays one finding a reader (or a script
reading stderr line by line) can take whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main

BROKEN = "answers: [1, 2\n"  # an unclosed flow sequence: a YAML error at a line and column

NAMES = [
    ("a\nb.yaml", "a\\nb.yaml"),
    ("a\rb.yaml", "a\\rb.yaml"),
    ("a\u2028b.yaml", "a\\u2028b.yaml"),
    ("plain.yaml", "plain.yaml"),
]


@pytest.mark.parametrize(("name", "shown"), NAMES, ids=["LF", "CR", "LS", "plain"])
@pytest.mark.parametrize("command", ["validate", "score"])
def test_a_line_break_in_a_file_name_stays_on_the_message_line(
    tmp_path: Path, name: str, shown: str, command: str
) -> None:
    path = tmp_path / name
    path.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    located = [line for line in result.stderr.splitlines() if shown in line]
    assert located, result.stderr
    assert all(":" in line.split(shown, 1)[1] for line in located)  # ":line:col: ..." follows


@pytest.mark.parametrize(("name", "shown"), NAMES, ids=["LF", "CR", "LS", "plain"])
def test_the_verdict_and_wrote_lines_name_the_file_on_one_line(
    tmp_path: Path, name: str, shown: str
) -> None:
    ok = tmp_path / name
    ok.write_bytes((Path(__file__).parent.parent / "examples" / "acme-bank.yaml").read_bytes())
    result = CliRunner().invoke(main, ["validate", str(ok)])
    assert result.exit_code == 0, result.output
    assert any(line.startswith("ok ") and shown in line for line in result.stdout.splitlines())
    out = tmp_path / f"r-{name}.md"
    result = CliRunner().invoke(main, ["report", str(ok), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert any(line.startswith("wrote ") and f"r-{shown}.md" in line
               for line in result.stderr.splitlines())  # fmt: skip
