"""A questionnaire's texts may hold control characters (a bell pasted from a terminal, a
vertical tab from Word, an escape sequence): every output shows them, as the terminal
does (``\\x07``), and none fails on them. A worksheet's and a slide's XML cannot hold
them at all: written raw they stopped ``template -f xlsx`` and ``report -f pptx`` with a
traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from tests.batch.helpers import run_cli
from tests.conftest import DATA, TINY
from tests.report.test_deck import texts

PLACES = ["Is there a data owner?", "Some", "Governance", "Data", "Name stewards"]
"""Texts of tiny.yaml: a question, an option label, a capability, a dimension, an action."""
CONTROLS = ["\x07", "\x0b", "\x1b[2J", "\x7f", "\x9b"]


def _questionnaire(folder: Path, control: str) -> Path:
    text = TINY.read_text(encoding="utf-8")
    escaped = "".join(f"\\x{ord(c):02x}" if not c.isprintable() else c for c in control)
    for place in PLACES:
        assert f"{{en: {place}," in text, place
        text = text.replace(f"{{en: {place},", f'{{en: "{place}{escaped}",', 1)
    folder.mkdir()
    path = folder / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("control", CONTROLS, ids=[repr(c) for c in CONTROLS])
def test_the_collection_sheet_shows_control_characters(tmp_path: Path, control: str) -> None:
    path = _questionnaire(tmp_path / "q", control)
    assert run_cli("validate", str(path)).exit_code == 0
    out = tmp_path / "t.xlsx"
    result = run_cli("template", "-q", str(path), "-f", "xlsx", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    shown = "\\x" + f"{ord(control[0]):02x}"
    assert any(f"data owner?{shown}" in c for c in cells)
    assert not any(control[0] in c for c in cells)


@pytest.mark.parametrize("control", CONTROLS, ids=[repr(c) for c in CONTROLS])
def test_the_deck_shows_control_characters(tmp_path: Path, control: str) -> None:
    path = _questionnaire(tmp_path / "q", control)
    out = tmp_path / "r.pptx"
    answers = DATA / "good" / "tiny-answers.yaml"
    result = run_cli("--questionnaire-dir", str(path.parent), "report", str(answers), "-f", "pptx",
                     "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    joined = "\n".join(texts(Presentation(str(out))))
    assert "\\x" + f"{ord(control[0]):02x}" in joined
    assert control[0] not in joined
