"""Text that leaves capassess: JSON without Infinity or NaN, terminal text without live
escape sequences, Markdown without raw HTML or links."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from click.testing import CliRunner

from capassess.cli import main
from capassess.json_text import to_json
from capassess.markdown_text import md_cell, md_code, md_text
from capassess.terminal_text import terminal_safe
from tests.conftest import DATA

TITLE = (
    "Tiny \\e[2J\\e]0;owned\\a <img src=x onerror=alert(1)> [click](javascript:alert(1))"
    " <script>alert(2)</script> \\x9b31m"
)


def test_json_never_holds_infinity_or_nan() -> None:
    text = to_json({"a": math.inf, "b": [-math.inf, math.nan, 1.5], "c": {"d": math.nan}})
    assert "Infinity" not in text and "NaN" not in text
    assert json.loads(text) == {"a": None, "b": [None, None, 1.5], "c": {"d": None}}


def test_terminal_text_shows_control_characters() -> None:
    assert terminal_safe("a\x1b[2Jb\x07c\x9bd\re") == "a\\x1b[2Jb\\x07c\\x9bd\\x0de"
    assert terminal_safe("tab\tand\nnewline") == "tab\tand\nnewline"


def test_markdown_text_is_inert() -> None:
    assert md_text("<img onerror=x>") == "\\<img onerror=x\\>"
    assert md_text("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_cell("a|b\nc") == "a\\|b<br>c"
    assert md_code("a`b") == "a\\`b" and md_code("x@1") == "`x@1`"
    assert "\x1b" not in md_text("a\x1b[2Jb")


def _hostile(tmp_path: Path) -> Path:
    text = (DATA / "good" / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("title: {en: Tiny model,", f'title: {{en: "{TITLE}",', 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace("id: tiny", "id: hostile", 1), encoding="utf-8")
    return path


def test_show_md_escapes_html_and_links(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", str(_hostile(tmp_path)), "--format", "md"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert not re.search(r"(?<!\\)[<\[]", first), first  # every < and [ escaped
    assert "\\<img src=x onerror=alert(1)\\>" in first
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout


def test_show_text_and_messages_show_escapes(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    shown = CliRunner().invoke(main, ["show", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.stdout and "\\x1b[2J" in shown.stdout
    bad = tmp_path / "bad\x1b[2J.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "bad\\x1b[2J.yaml" in result.stderr


def test_an_unreadable_questionnaire_folder_is_a_message(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """$CAPASSESS_QUESTIONNAIRES naming a folder that cannot be listed (no permission)."""
    import os

    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setenv("CAPASSESS_QUESTIONNAIRES", str(locked))
    listed = CliRunner().invoke(main, ["questionnaires"])
    assert "Traceback" not in listed.output
    assert f"{locked}: cannot read the folder: Permission denied" in listed.output
    assert "bank-fintech" in listed.stdout
    shown = CliRunner().invoke(main, ["show", "nothere"])
    assert shown.exit_code == 2 and "Traceback" not in shown.output
    assert "not found" in shown.stderr


def test_a_report_to_a_terminal_shows_escapes(tmp_path: Path) -> None:
    """``report -o -`` on a terminal: the file's escape sequences arrive as text."""
    import os
    import pty
    import subprocess
    import sys

    folder = tmp_path / "q"
    folder.mkdir()
    text = (DATA / "good" / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("title: {en: Data,", 'title: {en: "Data \\e]0;owned\\a\\e[2J",', 1)
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    main_fd, child_fd = pty.openpty()
    args = ["--questionnaire-dir", str(folder), "report", str(DATA / "good/tiny-answers.yaml"),
            "-f", "html", "-o", "-"]  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-m", "capassess", *args], stdout=child_fd,
                            stderr=subprocess.PIPE)  # fmt: skip
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    os.close(main_fd)
    shown = b"".join(chunks)
    assert b"Data \\x1b]0;owned\\x07\\x1b[2J" in shown
    assert b"\x1b" not in shown and b"\x07" not in shown
