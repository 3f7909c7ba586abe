"""A mapping key that is not text (``1:``, ``~:``, ``true:``, a date, a float) is one
located problem that names the key as written, in every kind of file.

pydantic names such a key by its own rendering (``True`` as ``[1]``, a date as
``datetime.date(...)``), says "Input should be a valid string" and places it at the
parent mapping; the other errors of the file are still reported in the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from capassess.cli import main
from tests.conftest import TINY

ANSWERS = "questionnaire: tiny@1.0\nsubject: {id: x, name: X, kind: bank}\nanswers:\n"
KEYS = [
    ("1", "the key 1 is not text"),
    ("~", "the key null is not text"),
    ("null", "the key null is not text"),
    ("true", "the key true is not text"),
    ("No", None),  # YAML 1.2: text, an unknown id
    ("2026-01-01", "the key 2026-01-01 is not text"),
    ("1.5", "the key 1.5 is not text"),
    ("0x10", "the key 16 is not text"),
]


def _run(runner: CliRunner, path: Path, command: str) -> tuple[int, list[str]]:
    args = ["--questionnaire-dir", str(TINY.parent), command, str(path)]
    result = runner.invoke(main, args)
    return result.exit_code, [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("command", ["validate", "score"])
@pytest.mark.parametrize(("key", "said"), KEYS)
def test_answer_key_not_text(
    runner: CliRunner, tmp_path: Path, command: str, key: str, said: str | None
) -> None:
    path = tmp_path / "a.yaml"
    body = f"  g-level: 9\n  {key}: {{value: 3}}\n  a-bool: maybe\n"
    path.write_text(ANSWERS + body, encoding="utf-8")
    code, lines = _run(runner, path, command)
    assert code == 2, lines
    assert not any("Traceback" in line or "valid string" in line for line in lines), lines
    # every independent error in one run, each at its own line
    assert any(line.startswith(f"{path}:4:") and "g-level" in line for line in lines), lines
    assert any(line.startswith(f"{path}:6:") and "a-bool" in line for line in lines), lines
    if said is None:
        assert any(line.startswith(f"{path}:5:") and "unknown question" in line for line in lines)
    else:
        assert any(line.startswith(f"{path}:5:3: answers: {said}") for line in lines), lines


FILES = {
    "top level of answers": (ANSWERS + "  g-level: 3\n7: x\n", 5, ""),
    "AHP matrix": ("items: [a, b]\nmatrix: [[1, 3], [1/3, 1]]\nfalse: 1\n", 3, ""),
    "target file": ("targets:\n  governance: 3\n  3: 4\n", 3, "targets: "),
    "questionnaire text": (
        TINY.read_text(encoding="utf-8").replace("title: {en: Tiny model,", "title: {1: x, en: T,"),
        4,
        "title: ",
    ),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_key_not_text_in_every_kind_of_file(runner: CliRunner, tmp_path: Path, name: str) -> None:
    text, line, field = FILES[name]
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    code, lines = _run(runner, path, "validate")
    assert code == 2, lines
    assert not any("valid string" in line or "Keys should be" in line for line in lines), lines
    expected = f"{path}:{line}:"
    assert any(ln.startswith(expected) and f"{field}the key " in ln for ln in lines), lines
